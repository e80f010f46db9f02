"""Benchmark: the build against the same libraries called directly, against a peer, and at scale.

Usage:  .venv/bin/python benchmarks/run.py [--peer PATH/TO/mdankideck] [--sizes 1000,10000,100000]
Prints a Markdown report (the source of BENCHMARKS.md). Every build runs as its own process, as a
user would run it; phases come from the build's own timings. Asserts nothing: speed is measured here,
never in the tests.
"""
import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PHASES = ["fingerprint", "load", "check", "mathjax", "figures", "code tests", "render", "package", "write"]
RUN = """
import json, sys, time
start = time.perf_counter()
from mldeck.build import build
timings = {}
built = build(sys.argv[1], timings=timings, jobs=int(sys.argv[2]) if len(sys.argv) > 2 else None)
timings["imports"] = 0.0
print(json.dumps({"timings": timings, "unchanged": built.unchanged, "seconds": time.perf_counter() - start}))
"""


def measured(command, env=None):
    """(wall seconds, stdout) of a command run as its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"{command} failed: {err[-2000:]}")
    return seconds, out


def peak_mb(command):
    """Peak resident memory (MB) of a command and the children it waited for."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    return usage.ru_maxrss / 1024


def build_once(root, jobs=None):
    """One build of ``root`` in a fresh process: (wall seconds, phase timings, whether it found nothing changed)."""
    args = [PYTHON, "-c", RUN, str(root)] + ([str(jobs)] if jobs else [])
    seconds, out = measured(args)
    result = json.loads(out.strip().splitlines()[-1])
    return seconds, result["timings"], result["unchanged"]


def copy_project(target):
    """The repository's sources and committed outputs, without caches."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", ".cache", "build",
                                                                "*.egg-info", "__pycache__", "benchmarks"))
    if (REPO / "node_modules").is_dir():
        (target / "node_modules").symlink_to(REPO / "node_modules")
    return target


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def real_cards(tmp, repeats):
    """Cold (figures drawn or taken from media/figures), nothing changed, one card edited."""
    rows = {}
    for label, keep_figures in (("cold, figures drawn", False), ("cold, fresh clone (committed figures)", True)):
        runs = []
        for i in range(repeats):
            root = copy_project(tmp / f"real-{keep_figures}-{i}")
            if not keep_figures:
                shutil.rmtree(root / "media" / "figures")
            runs.append(build_once(root))
        rows[label] = (median([r[0] for r in runs]), runs[len(runs) // 2][1])
    root = tmp / "real-True-0"
    rows["nothing changed"] = (median([build_once(root)[0] for _ in range(repeats)]), build_once(root)[1])
    edits = []
    for i in range(repeats):
        path = root / "cards" / "statistics.md"
        text = path.read_text()
        marker = "\n---\n\n"
        index = text.index(marker, text.index("## stats-"))  # the first card's back
        path.write_text(text[:index + len(marker)] + f"(edit {i}) " + text[index + len(marker):])
        edits.append(build_once(root))
    rows["one card edited"] = (median([e[0] for e in edits]), edits[len(edits) // 2][1])
    return rows


def library_floor(tmp):
    """The same work done by the libraries directly, one after another, each timed in its own process."""
    script = f"""
import io, json, sys, time, importlib.util
t0 = time.perf_counter()
import markdown, genanki, matplotlib, numpy, yaml, pygments
from matplotlib.figure import Figure
t_imports = time.perf_counter() - t0
sys.path.insert(0, {str(REPO)!r})
from mldeck.build import load
from mldeck import style
from mldeck.render import EXTENSIONS, EXTENSION_CONFIGS
project, _ = load(sys.argv[1])
cards = project.cards()
t = time.perf_counter()
md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
html = [[md.reset().convert(p.markdown) for p in c.parts] for c in cards]
t_markdown = time.perf_counter() - t
t = time.perf_counter()
for name, code in sorted(project.figures.items()):
    spec = importlib.util.spec_from_file_location("m", project.root / code.path)
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    with matplotlib.rc_context(style.RC):
        fig = Figure(figsize=style.SIZE, layout="constrained")
        getattr(module, code.function)(fig)
        fig.savefig(io.BytesIO(), format="png", dpi=style.DPI)
t_figures = time.perf_counter() - t
t = time.perf_counter()
model = genanki.Model(1, "m", fields=[{{"name": "Q"}}, {{"name": "A"}}, {{"name": "E"}}],
                      templates=[{{"name": "c", "qfmt": "{{{{Q}}}}", "afmt": "{{{{A}}}}"}}])
decks = []
for i, topic in enumerate(project.topics):
    deck = genanki.Deck(2 + i, topic.deck)
    for c in topic.cards:
        deck.add_note(genanki.Note(model=model, fields=[c.front.markdown, c.back.markdown, c.extra.markdown],
                                   guid=c.id))
    decks.append(deck)
out = sys.argv[2]
for deck in decks:
    genanki.Package([deck]).write_to_file(out + "/one.apkg")
genanki.Package(decks).write_to_file(out + "/all.apkg")
t_genanki = time.perf_counter() - t
print(json.dumps({{"imports": t_imports, "markdown": t_markdown, "figures": t_figures, "genanki": t_genanki}}))
"""
    root = copy_project(tmp / "floor")
    (tmp / "floor-out").mkdir()
    _, out = measured([PYTHON, "-c", script, str(root), str(tmp / "floor-out")])
    return json.loads(out.strip().splitlines()[-1])


CHECK = """
import sys, time
start = time.perf_counter()
from mldeck.build import check_all
check_all(sys.argv[1], use_cache=sys.argv[2] == "cache")
print(time.perf_counter() - start)
"""


def check_without_mathjax(tmp, repeats):
    """`check` with Node out of reach (PATH empty): from scratch, and after one card edited with the cache warm."""
    root = copy_project(tmp / "check")
    env = {"PATH": str(tmp / "no-programs")}
    scratch = median([measured([PYTHON, "-c", CHECK, str(root), "no-cache"], env)[0] for _ in range(repeats)])
    measured([PYTHON, "-c", CHECK, str(root), "cache"], env)
    edits = []
    for i in range(repeats):
        path = root / "cards" / "statistics.md"
        path.write_text(path.read_text() + f"\n(edit {i})\n")
        edits.append(measured([PYTHON, "-c", CHECK, str(root), "cache"], env)[0])
    return scratch, median(edits)


FORMULAS = [r"x_{%d}^2 + \beta_{%d}", r"\frac{a_{%d}}{b + %d}", r"\sum_{i=1}^{%d} w_i x_i + %d",
            r"\sqrt{%d + \sigma^2_{%d}}", r"\mathbb{E}[X_{%d}] = \mu_{%d}"]


CODE_EVERY, FIGURE_EVERY = 100, 1000  # in the scale series: 1 % of cards carry tested code, 0.1 % a figure


def generated(folder, n, extras=False, ours=True):
    """n cards in 10 topic files, a formula on each side; with ``extras``, a share of tested code and figures.
    For the peer, its own heading format."""
    rng = random.Random(n)
    (folder / "cards").mkdir(parents=True)
    per_file = n // 10
    drawn = []
    for f in range(10):
        lines = [f"---\ndeck: Generated {f}\nsource: [gen]\n---\n\n# Part\n"] if ours else [f"# Generated {f}\n"]
        for i in range(per_file):
            k = f * per_file + i
            a = rng.choice(FORMULAS) % (k, k % 97)
            b = rng.choice(FORMULAS) % (k + 1, k % 89)
            meta, back = "priority: core\n", f"It is ${b}$, as shown."
            if extras and k % CODE_EVERY == 0:
                meta += f"test: |\n  assert shift_{k}(1) == {k + 1}\n"
                back += f"\n\n```python\ndef shift_{k}(x):\n    return x + {k}\n```"
            if extras and k % FIGURE_EVERY == 0:
                drawn.append(k)
                back += f'\n\n![Line {k}](../media/figures/line-{k}.png "A line of slope {k % 7}")'
            if ours:
                lines.append(f"## gen-{k}\n\n```yaml\n{meta}```\n\nWhat is ${a}$ in case {k}?\n\n---\n\n{back}\n")
            else:
                lines.append(f"## What is ${a}$ in case {k}?\n\nIt is ${b}$, as shown.\n")
        (folder / "cards" / f"gen-{f}.md").write_text("\n".join(lines))
    if ours:
        (folder / "sources.yaml").write_text("gen:\n  title: Generated\n  author: benchmark\n  link: ''\n")
        (folder / "figures").mkdir()
        (folder / "figures" / "lines.py").write_text("".join(
            f"def line_{k}(fig):\n    ax = fig.subplots()\n    ax.plot([0, 1], [0, {k % 7}])\n\n" for k in drawn))
        if (REPO / "node_modules").is_dir():
            (folder / "node_modules").symlink_to(REPO / "node_modules")
    return folder


def peer_run(peer, folder, out):
    out.mkdir(parents=True, exist_ok=True)
    seconds, _ = measured([peer, str(folder / "cards"), str(out)])
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer", default=None, help="mdankideck from markdown-anki-decks 1.1.1 (separate venv)")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mldeck-bench-"))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}\n")

    rows = real_cards(tmp, args.repeats)
    floor = library_floor(tmp)
    floor_total = sum(floor.values())
    cold = rows["cold, figures drawn"][0]
    print("## Real cards\n")
    print("| build | seconds | ratio | " + " | ".join(PHASES) + " |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in PHASES) + " |")
    for label, (seconds, phases) in rows.items():
        ratio = f"{seconds / floor_total:.2f}× floor" if label.startswith("cold") else f"{seconds / cold:.3f}× cold"
        print(f"| {label} | {seconds:.2f} | {ratio} | " + " | ".join(f"{phases.get(p, 0):.2f}" for p in PHASES)
              + " |")
    print(f"\nSame libraries called directly, serially: imports {floor['imports']:.2f} s + Python-Markdown "
          f"{floor['markdown']:.2f} s + matplotlib {floor['figures']:.2f} s + genanki {floor['genanki']:.2f} s = "
          f"{floor_total:.2f} s.\n")

    scratch, edited = check_without_mathjax(tmp, args.repeats)
    print(f"`check` without MathJax (Node not on PATH): {edited:.2f} s after one card edited, {scratch:.2f} s with "
          "`--no-cache` (every code card's test run again).\n")

    print("## 5,000 generated cards (10 files, a formula on each side, no figures)\n")
    ours = generated(tmp / "gen5k", 5000)
    ours_cold = median([build_once(generated(tmp / f"gen5k-{i}", 5000))[0] for i in range(args.repeats)])
    build_once(ours)
    ours_again = median([build_once(ours)[0] for _ in range(args.repeats)])
    line = f"| this project | {ours_cold:.2f} | {ours_again:.2f} |"
    print("| tool | cold | nothing changed |\n| --- | ---: | ---: |")
    print(line)
    if args.peer:
        peer_folder = generated(tmp / "peer5k", 5000, ours=False)
        peer = median([peer_run(args.peer, peer_folder, tmp / f"peer-out-{i}") for i in range(args.repeats)])
        print(f"| markdown-anki-decks 1.1.1 | {peer:.2f} | {peer:.2f} (it always rebuilds) |")
        cold_ratio = (f"{peer / ours_cold:.1f}× faster than the peer" if peer >= ours_cold
                      else f"the peer is {ours_cold / peer:.1f}× faster")
        print(f"\nCold: {cold_ratio}; nothing changed: {peer / ours_again:.0f}× faster than the peer.\n")

    print(f"## Scale (generated cards, cold; 1 in {CODE_EVERY} with tested code, 1 in {FIGURE_EVERY} with a "
          "figure)\n")
    print("| cards | seconds | ms per card | ms per card above the fixed cost | peak MB |\n"
          "| ---: | ---: | ---: | ---: | ---: |")
    fixed = None
    for n in [10] + [int(s) for s in args.sizes.split(",") if s]:
        folder = generated(tmp / f"scale-{n}", n, extras=True)
        start = time.perf_counter()
        mb = peak_mb([PYTHON, "-c", RUN, str(folder)])
        seconds = time.perf_counter() - start
        if fixed is None:  # 10 cards, one figure and one code test: what any build pays before its first card
            fixed = seconds
            print(f"| 10 (the fixed cost) | {seconds:.1f} | — | — | {mb:.0f} |")
            continue
        print(f"| {n:,} | {seconds:.1f} | {1000 * seconds / n:.2f} | {1000 * (seconds - fixed) / n:.2f} | {mb:.0f} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
