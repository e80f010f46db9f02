"""Faults and hostile input: a failed or interrupted build changes nothing, nothing an author controls hangs
the build, and caches are never trusted blindly."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import GOOD_CARD, HEADER, REPO, card, snapshot
from mldeck import figures

FIGURE_CARD = card("demo-fig", back='![A line](../media/figures/line.png "A caption")')
LINE = "def line(fig):\n    fig.subplots().plot([0, 1], [0, 1])\n"


def build_in_subprocess(root, *args, preexec=None, timeout=120):
    """Run the real command in its own process (so limits and signals hit only it)."""
    return subprocess.run([sys.executable, str(REPO / "build_deck.py"), "--root", str(root), "build", *args],
                          capture_output=True, text=True, preexec_fn=preexec, timeout=timeout)


def test_a_full_disk_changes_nothing(make_project, run_cli):
    import random
    import resource

    other = HEADER.replace("Demo", "Other")
    root = make_project({"demo.md": HEADER + GOOD_CARD, "other.md": other + card("other-a")})
    assert run_cli(root, "build").exit_code == 0
    words = "\n".join("".join(random.Random(i).choices("abcdefghij", k=8)) for i in range(300))
    (root / "cards" / "demo.md").write_text(HEADER + card("demo-good", back="Edited."))
    (root / "cards" / "other.md").write_text(other + "".join(card(f"other-{i}", back=words[i:]) + "\n"
                                                             for i in range(8)))
    before = snapshot(root)

    def small_disk():  # the small new demo.apkg fits, the big other.apkg does not: as when a disk fills up
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (12_000, 12_000))

    result = build_in_subprocess(root, preexec=small_disk)
    assert result.returncode == 1
    assert "nothing in dist/, media/ or notes.lock was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before
    assert not [p for p in (root / "dist").iterdir() if p.name.startswith(".")]


def test_dist_that_is_a_file_is_a_clear_error(make_project, run_cli):
    root = make_project()
    (root / "dist").write_text("not a folder")
    result = run_cli(root, "build")
    assert result.exit_code == 1
    assert f"cannot write decks to {root / 'dist'}: it is a file, not a folder" in result.output


@pytest.mark.slow
def test_a_killed_build_leaves_whole_files_and_the_next_build_cleans_up(make_project, run_cli):
    root = make_project({"demo.md": HEADER + GOOD_CARD})
    assert run_cli(root, "build").exit_code == 0
    old = {p.name: p.read_bytes() for p in (root / "dist").glob("*.apkg")}
    (root / "cards" / "demo.md").write_text(HEADER + card("demo-good", back="Changed.") + "\n" + card("demo-b"))
    for delay in (0.2, 0.5, 0.8, 1.1, 1.4, 1.8):
        process = subprocess.Popen([sys.executable, str(REPO / "build_deck.py"), "--root", str(root), "build",
                                    "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in (root / "dist").glob("*.apkg"):
            data = path.read_bytes()
            with zipfile.ZipFile(path) as archive:  # whole, never half-written
                assert archive.testzip() is None
            assert data == old.get(path.name) or path.stat().st_size > 0
    (root / "dist" / ".demo.apkg.999.tmp").write_bytes(b"partial")
    assert run_cli(root, "build").exit_code == 0
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["demo.apkg", "ml-interview.apkg"]


@pytest.mark.slow
def test_two_builds_at_once_both_succeed_with_the_same_output(make_project):
    root = make_project({"demo.md": HEADER + GOOD_CARD + "\n" + FIGURE_CARD}, figures={"plots.py": LINE})
    processes = [subprocess.Popen([sys.executable, str(REPO / "build_deck.py"), "--root", str(root), "build"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait(timeout=180) for p in processes] == [0, 0]
    first = snapshot(root)
    assert build_in_subprocess(root, "--no-cache").returncode == 0
    assert snapshot(root) == first


@pytest.mark.parametrize("text, expected", [
    ('{\n<<<<<<< HEAD\n"cards": {}\n=======\n"cards": {}\n>>>>>>> main\n}\n',
     "notes.lock:2: git merge conflict markers: keep the main branch's copy (git checkout --theirs notes.lock during a "
     "merge, --ours during a rebase), then build again; the build gives your edited cards new times"),
    ('{"cards": {"demo-good": {"hash": 3}}}',
     "notes.lock:1: entry 'demo-good' must have hash (text) and mtime (a whole number): restore the file from git "
     "(git checkout notes.lock)"),
    ("{not json", "notes.lock:1: not valid JSON (Expecting property name enclosed in double quotes): restore it from "
                  "git (git checkout notes.lock)"),
])
def test_a_damaged_lock_file_is_one_message(make_project, run_cli, text, expected):
    root = make_project()
    (root / "notes.lock").write_text(text)
    result = run_cli(root, "build")
    assert result.output.splitlines() == [expected, "Error: 1 problem(s) found; nothing was written."]
    assert (root / "notes.lock").read_text() == text


def test_a_released_card_cannot_vanish(make_project, run_cli):
    root = make_project({"demo.md": HEADER + GOOD_CARD + "\n" + card("demo-b")})
    assert run_cli(root, "build").exit_code == 0
    lock = json.loads((root / "notes.lock").read_text())
    for key, entry in lock.items():
        if ":" not in key:  # a card: the other entries are release:last, model:… and figure:…
            entry["released"] = entry["hash"]
    (root / "notes.lock").write_text(json.dumps(lock))
    (root / "cards" / "demo.md").write_text(HEADER + GOOD_CARD + "\n" + card("demo-renamed"))
    result = run_cli(root, "build")
    assert result.output.splitlines() == [
        "notes.lock:1: released card 'demo-b' is gone from cards/demo.md: learners have it, so it cannot be renamed "
        "or deleted; put it back and, if it should go, mark it 'retired: <why>'",
        "Error: 1 problem(s) found; nothing was written."]


def test_damaged_cache_and_committed_pngs_are_drawn_again(make_project, run_cli, shared_cache):
    root = make_project({"demo.md": HEADER + FIGURE_CARD}, figures={"plots.py": LINE})
    assert run_cli(root, "build").exit_code == 0
    good = (root / "media" / "figures" / "line.png").read_bytes()
    (root / "media" / "figures" / "line.png").write_bytes(good[:100])  # truncated
    with sqlite3.connect(shared_cache / "cache.sqlite") as db:
        db.execute("update entries set value = x'00' where kind = 'figure'")
    assert run_cli(root, "build").exit_code == 0
    assert (root / "media" / "figures" / "line.png").read_bytes() == good


@pytest.mark.parametrize("code, expected", [
    pytest.param("def line(fig):\n    fig.subplots()\n    while True:\n        pass\n",
                 "figures/plots.py:1: figure 'line' failed: TimeLimit: did not finish within 3 s",
                 marks=pytest.mark.slow),
    pytest.param("import time\ntime.sleep(60)\ndef line(fig):\n    pass\n",
                 "figures/plots.py:3: figure 'line' failed: TimeLimit: did not finish within 3 s",
                 marks=pytest.mark.slow),
    ("def line(fig):\n    block = bytearray(8 << 30)\n",
     "figures/plots.py:1: figure 'line' failed: MemoryError: used more than 3 GB of memory"),
    ("def line(fig):\n    fig.subplots().axis('off')\n",
     "figures/plots.py:1: figure 'line' draws nothing (every pixel has the same colour)"),
    ("def line(fig):\n    fig.subplots().plot([0, 1])\n    fig.axes[0].set_title('tiny', fontsize=6)\n",
     "figures/plots.py:1: figure 'line': text 'tiny' is 4.7 px on a phone (at least 8.5): use a larger font or a "
     "narrower figure"),
    ("def line(fig):\n    raise ValueError('no data')\n",
     "figures/plots.py:2: figure 'line' failed: ValueError: no data"),
])
def test_a_figure_that_hangs_eats_memory_or_draws_nothing_is_an_error(make_project, run_cli, monkeypatch, code,
                                                                       expected):
    monkeypatch.setattr(figures, "TIMEOUT", 3)
    root = make_project({"demo.md": HEADER + FIGURE_CARD}, figures={"plots.py": code})
    result = run_cli(root, "build")
    assert result.output.splitlines()[-2:] == [expected, "Error: 1 problem(s) found; nothing was written."]


@pytest.mark.slow
def test_a_code_card_that_hangs_is_stopped(make_project, run_cli, monkeypatch):
    from mldeck import codetests

    monkeypatch.setattr(codetests, "TIMEOUT", 3)
    body = card("demo-a", back="```python\nwhile True:\n    pass\n```", test='"assert True"')
    result = run_cli(make_project({"demo.md": HEADER + body}), "build")
    assert result.output.splitlines()[0] == "cards/demo.md:20: code card 'demo-a' fails: TimeLimit: did not finish " \
                                            "within 3 s"


def test_figure_key_covers_style_renderer_and_library_versions(make_project, monkeypatch):
    root = make_project(figures={"plots.py": LINE})
    key = figures.discover(root, [])[0]["line"].key
    monkeypatch.setattr(figures, "style_source", lambda: b"FONT = 14")
    assert figures.discover(root, [])[0]["line"].key != key
    monkeypatch.undo()
    monkeypatch.setattr(figures, "version", lambda name: "0.0")
    assert figures.discover(root, [])[0]["line"].key != key
    monkeypatch.undo()
    monkeypatch.setattr(figures, "RENDER_VERSION", "next")
    assert figures.discover(root, [])[0]["line"].key != key


@pytest.mark.slow
def test_hostile_lines_within_the_limit_finish(make_project):
    bodies = ["[" * 1999, "`" * 1999, "*" * 1999, "$" * 1999, "{{c1::" * 300, "<" * 1999, "_" * 1999]
    cards = HEADER + "".join(card(f"demo-h{i}", back=b) + "\n" for i, b in enumerate(bodies))
    root = make_project({"demo.md": cards})
    result = build_in_subprocess(root, timeout=120)  # a hang would raise TimeoutExpired
    assert "Traceback" not in result.stderr


def test_yaml_alias_bomb_in_front_matter(make_project, run_cli):
    bomb = "---\ndeck: Demo\nsource: [ronakdm]\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n---\n"
    result = run_cli(make_project({"demo.md": bomb + "\n# B\n\n" + GOOD_CARD}), "build")
    assert result.output.splitlines()[0] == ("cards/demo.md:4: YAML anchors and aliases ('&', '*') are not allowed "
                                             "in front matter: write the values out")


def test_renamed_topic_file_removes_its_old_deck(make_project, run_cli):
    root = make_project()
    assert run_cli(root, "build").exit_code == 0
    os.rename(root / "cards" / "demo.md", root / "cards" / "basics.md")
    result = run_cli(root, "build")
    assert f"removed {root / 'dist' / 'demo.apkg'} (nothing builds it any more)" in result.output
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["basics.apkg", "ml-interview.apkg"]


def test_topic_build_says_what_it_did_not_rebuild(make_project, run_cli):
    root = make_project({"demo.md": HEADER + GOOD_CARD, "other.md": HEADER.replace("Demo", "Other") +
                         card("other-a")})
    result = run_cli(root, "build", "other")
    assert result.exit_code == 0
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["other.apkg"]
    assert "note: only other.apkg rebuilt: dist/ml-interview.apkg and the other decks were not" in result.output


def test_out_elsewhere_leaves_lock_and_media_alone(make_project, run_cli, tmp_path):
    root = make_project({"demo.md": HEADER + FIGURE_CARD}, figures={"plots.py": LINE})
    result = run_cli(root, "build", "--out", str(tmp_path / "elsewhere"))
    assert result.exit_code == 0
    assert not (root / "notes.lock").exists() and not (root / "media" / "figures").exists()
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["demo.apkg", "ml-interview.apkg"]
