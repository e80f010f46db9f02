"""The stages in order: load, check, draw figures, render notes, package decks, write outputs.

A build writes nothing until every stage has passed; then it writes all outputs through temporary
files renamed into place, holding a lock so that two builds never interleave.
"""
import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import figures as figures_stage
from .cache import Cache, digest, inputs_fingerprint, outputs_digest
from .check import check_cards, figure_name, media_path
from .craft import craft_problems
from .load import load_sources, load_topics
from .lock import Lock, line_of, load_lock
from .problems import BuildError, Problem, SourceError
from .write import Staging, build_lock, clean_leftovers

ALL_IN_ONE = "ml-interview"


@dataclass(frozen=True, slots=True)
class Project:
    """Everything read from the sources: topics and cards, sources, figure code and notes.lock."""

    root: Path
    topics: tuple
    sources: dict
    figures: dict
    lock: Lock
    unreadable_ids: frozenset = frozenset()
    unknown_figures: frozenset = frozenset()
    sources_ok: bool = True

    def cards(self, topic_slugs=()):
        """All cards of all (or the given) topics, in file order."""
        return [card for topic in self.topics if not topic_slugs or topic.slug in topic_slugs for card in topic.cards]

    def topic(self, slug):
        return next(t for t in self.topics if t.slug == slug)


@dataclass(frozen=True, slots=True)
class Built:
    """What a build did: packages written (path, notes), files removed, and notes for the author."""

    written: tuple
    removed: tuple = ()
    notes: tuple = ()
    unchanged: bool = False


def load(root: Path, cache: Cache | None = None) -> tuple[Project, list[Problem]]:
    """Read every source file; return the project and the problems found while reading."""
    root = Path(root).resolve()
    problems = []
    sources = load_sources(root, problems)
    topics, unreadable = load_topics(root, problems, cache)
    figures, unknown_figures = figures_stage.discover(root, problems, cache)
    lock = load_lock(root / "notes.lock", problems)
    project = Project(root, topics, sources or {}, figures, lock or Lock(), unreadable, unknown_figures,
                      sources_ok=sources is not None)
    return project, problems


def check(project: Project, problems: list[Problem], cache: Cache, topic_slugs=(), jobs: int | None = None,
          style: bool = False, progress=None, timings: dict | None = None) -> tuple[dict, list[str]]:
    """Every problem in the project (added to ``problems``); returns the figures drawn for the chosen topics.

    ``style`` adds what ``check`` reports beyond errors: card-craft rules and formulas wider than a phone.
    """
    from . import codetests, mathjax
    from .coverage import load_coverage

    timings = {} if timings is None else timings
    cards = project.cards()
    with phase(timings, "check"):
        problems += check_cards(project, project.figures, project.unknown_figures)
        problems += check_lock(project)
        ids = {card.id for card in cards}
        problems += load_coverage(project.root, project.sources if project.sources_ok else None, ids,
                                  project.unreadable_ids)[1]
        if style:
            problems += [p for card in cards for p in craft_problems(card, ids, project.sources)]
    notes, typesetting = [], None
    with phase(timings, "mathjax"):  # Node typesets while figures are drawn and code tests run
        if mathjax.available(project.root):
            typesetting = mathjax.Typesetting(cards, cache, project.root, style, jobs)
        else:
            notes.append("MathJax is not installed (run `npm ci`): formulas were checked statically only, and "
                         "not for width.")
    chosen = project.cards(topic_slugs)
    names = {figure_name(media_path(card, image.target)) for card in chosen for image in card.images}
    with phase(timings, "figures"):
        drawn = figures_stage.render_all(names & set(project.figures), project.figures, project.root,
                                         project.lock, cache, problems, jobs, progress=progress)
    with phase(timings, "code tests"):
        codetests.run_tests(chosen, project.root, cache, problems, jobs)
    with phase(timings, "mathjax"):
        problems += typesetting.problems() if typesetting else []
    return drawn, notes


def check_lock(project: Project) -> list[Problem]:
    """Released cards may not vanish or change type, and a released cloze keeps its gaps: learners have them."""
    problems = []
    present = {card.id for card in project.cards()} | set(project.unreadable_ids)
    text = (project.root / "notes.lock").read_text(encoding="utf-8") if (project.root / "notes.lock").exists() else ""
    for card_id in sorted(project.lock.released_ids() - present):
        topic = project.lock.cards[card_id].get("topic")
        where = f"cards/{topic}.md" if topic else "cards/"
        line = line_of(text, card_id)
        problems.append(Problem("notes.lock", line,
                                f"released card '{card_id}' is gone from {where}: learners have it, so it cannot be "
                                "renamed or deleted; put it back and, if it should go, mark it 'retired: <why>'"))
    for card in project.cards():
        entry = project.lock.cards.get(card.id, {})
        released_type, released_cards = entry.get("released_type"), entry.get("released_cards", 0)
        if released_type and card.type != released_type:
            problems.append(Problem(card.path, card.line,
                                    f"card '{card.id}' was released as a {released_type} card: Anki cannot change "
                                    "a note's type in an update, so learners would keep the old one; keep it "
                                    f"{released_type}, or retire it ('retired: <why>') and write the new card under "
                                    "a new id"))
        elif card.type == "cloze" and card.anki_cards() < released_cards:
            problems.append(Problem(card.path, card.line,
                                    f"cloze card '{card.id}' was released with c1 to c{released_cards}: without "
                                    f"c{released_cards}, learners keep an empty card and its reviews; keep every "
                                    "released gap (reword it if it gives another away), or retire the card and "
                                    "write a new one under a new id"))
    return problems


PARALLEL_RENDER = 600  # cards to render before splitting the work across processes pays for the forks


def render(project: Project, drawn: dict, cache: Cache, topic_slugs=(), jobs: int | None = None
           ) -> tuple[dict, dict, list[Problem]]:
    """Notes by topic for the chosen topics, and the problems their HTML has."""
    from .render import render_cards

    cards_by_id = {card.id: card for card in project.cards()}
    media = {figure.media_name: figure.png for figure in drawn.values()}
    work = []  # (topic, card, media names by target, targets that are drawn figures)
    for topic in project.topics:
        if topic_slugs and topic.slug not in topic_slugs:
            continue
        for card in topic.cards:
            names, targets = {}, set()
            for image in card.images:
                path = media_path(card, image.target)
                name = figure_name(path)
                if name is not None:
                    names[image.target] = drawn[name].media_name
                    targets.add(image.target)
                else:
                    data = (project.root / path).read_bytes()
                    stem, suffix = Path(path).stem, Path(path).suffix.lower()
                    names[image.target] = f"mlinterview-{stem}-{hashlib.sha256(data).hexdigest()[:10]}{suffix}"
                    media[names[image.target]] = data
            work.append((topic.slug, card, names, targets))
    items = [(card, names, targets) for _, card, names, targets in work]
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(items) < PARALLEL_RENDER or jobs == 1:
        results = render_cards(items, project.sources, cards_by_id, cache)
    else:  # a large corpus: each process renders every jobs-th card, in the same order
        from . import isolate

        outcomes = isolate.run(render_cards, [(items[i::jobs], project.sources, cards_by_id, cache)
                                              for i in range(jobs)], jobs, 3600)
        results = [None] * len(items)
        for i, (ok, value) in enumerate(outcomes):
            if not ok:
                raise RuntimeError(f"rendering failed: {value}")
            results[i::jobs] = value
    notes = {t.slug: [] for t in project.topics if not topic_slugs or t.slug in topic_slugs}
    problems = []
    for (slug, *_), (note, found) in zip(work, results):
        notes[slug].append(note)
        problems += found
    return notes, media, problems


def packages(project: Project, notes: dict, media: dict, now: int, topic_slugs=(), unchanged=None,
             staging: Staging | None = None, out: Path | None = None) -> dict:
    """Build the .apkg files into ``staging`` (as ``out/<name>``): one per chosen topic and, for a full build, the
    all-in-one deck. Returns {file name: (notes, key)}; a package whose key ``unchanged(name, key)`` accepts is
    left as the last build wrote it."""
    from .package import build_package, stamp, version_line, write_apkg

    lock = project.lock
    info = {t.slug: (t.deck, t.description, sum(not c.retired for c in t.cards)) for t in project.topics}
    chosen = [t.slug for t in project.topics if not topic_slugs or t.slug in topic_slugs]
    model_time, times = stamp([note for slug in chosen for note in notes[slug]], info, lock, now)
    changed = any(card.id not in lock.cards or lock.cards[card.id].get("released") != lock.cards[card.id]["hash"]
                  for card in project.cards())
    label = version_line(lock.release, changed)
    groups = [(slug, [slug]) for slug in chosen] + ([(ALL_IN_ONE, chosen)] if not topic_slugs else [])
    files = {}
    for name, slugs in groups:
        group = [note for slug in slugs for note in notes[slug]]
        key = digest(label, model_time, json.dumps([info[s] for s in slugs]),  # note by note: no giant string
                     *[digest(json.dumps((n.card_id, n.fields, n.tags, n.media, times[n.card_id]))) for n in group])
        files[f"{name}.apkg"] = (len(group), key)
        if unchanged and unchanged(f"{name}.apkg", key):
            continue
        decks, timestamp = build_package(group, info, times, model_time, name == ALL_IN_ONE, label)
        used = sorted({m for note in group for m in note.media})
        with staging.writing(out / f"{name}.apkg") as handle:
            write_apkg(decks, [(m, media[m]) for m in used], timestamp, handle)
    return files


@contextmanager
def phase(timings, name):
    """Add the seconds a stage takes to ``timings`` (for the benchmark)."""
    start = time.perf_counter()
    yield
    timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def build(root: Path, out: Path | None = None, topic_slugs=(), jobs: int | None = None, use_cache: bool = True,
          progress=None, now: int | None = None, timings: dict | None = None) -> Built:
    """Check everything, then write the decks; raise SourceError (nothing written) if anything is wrong."""
    timings = {} if timings is None else timings
    root = Path(root).resolve()
    repo_dist = out is None or Path(out).resolve() == root / "dist"
    out = root / "dist" if out is None else Path(out).resolve()
    cache = Cache.for_project(root, use_cache)
    options = {"out": str(out), "topics": sorted(topic_slugs), "kind": "build"}
    with build_lock(root):
        with phase(timings, "fingerprint"):
            state_key = digest(json.dumps(options, sort_keys=True))
            fingerprint = inputs_fingerprint(root, options)
            state = cache.get_json("state", state_key) if use_cache else None
            unchanged = state and state["inputs"] == fingerprint and \
                outputs_digest(map(Path, state["outputs"])) == state["outputs"]
        if unchanged:
            return Built(tuple((Path(p), n) for p, n in state["written"]), unchanged=True)

        def unchanged(name, key):
            """Whether the last build wrote this package from the same inputs and the file is still as it left it."""
            path = out / name
            return bool(state and state.get("packages", {}).get(name) == key and path.is_file()
                        and hashlib.sha256(path.read_bytes()).hexdigest() == state["outputs"].get(str(path)))

        clean_leftovers(out)
        with phase(timings, "load"):
            project, problems = load(root, cache)
        if problems and not project.topics:
            raise SourceError(problems)
        unknown = [t for t in topic_slugs if t not in {t.slug for t in project.topics}]
        if unknown:
            raise BuildError(f"unknown topic '{unknown[0]}' (known: {', '.join(t.slug for t in project.topics)})")
        drawn, notes = check(project, problems, cache, topic_slugs, jobs, progress=progress, timings=timings)
        if problems:
            raise SourceError(problems)
        with phase(timings, "render"):
            rendered, media, problems = render(project, drawn, cache, topic_slugs, jobs)
        if problems:
            raise SourceError(problems)
        staging = Staging(out)
        try:
            with phase(timings, "package"):
                files = packages(project, rendered, media, int(now if now is not None else time.time()), topic_slugs,
                                 unchanged, staging, out)
            write_start = time.perf_counter()
            removed = []
            if repo_dist:
                if topic_slugs:
                    notes = notes + [f"only {', '.join(f'{s}.apkg' for s in topic_slugs)} rebuilt: "
                                     f"dist/{ALL_IN_ONE}.apkg and the other decks were not; run `build-deck build` "
                                     "to rebuild everything"]
                else:
                    removed = [p for p in sorted(out.glob("*.apkg")) if p.name not in files] if out.is_dir() else []
                    removed += figures_stage.stale_pngs(root, project.figures)
                for name, figure in drawn.items():
                    project.lock.figures[name] = {"key": project.figures[name].key,
                                                  "png": hashlib.sha256(figure.png).hexdigest()}
                for name in set(project.lock.figures) - set(project.figures):
                    del project.lock.figures[name]
                present = {card.id for card in project.cards()} | set(project.unreadable_ids)
                for card_id in [k for k, e in project.lock.cards.items() if k not in present and "released" not in e]:
                    del project.lock.cards[card_id]  # never released: nobody has it, so it may simply go
                for path, data in figures_stage.pngs_to_write(root, drawn):
                    staging.add(path, data)
                staging.add(root / "notes.lock", project.lock.text().encode())
            else:
                notes = notes + ["notes.lock and media/figures/ were not updated (the decks went to --out)"]
        except BaseException:
            staging.abort()
            raise
        staging.commit(removed)
        timings["write"] = time.perf_counter() - write_start
        written = tuple((out / name, count) for name, (count, _) in files.items())
        outputs = [out / name for name in files] + ([root / "notes.lock"] if repo_dist else [])
        outputs += sorted((root / "media" / "figures").glob("*.png")) if repo_dist else []
        cache.put_json("state", state_key, {"inputs": inputs_fingerprint(root, options),
                                            "outputs": outputs_digest(outputs),
                                            "packages": {name: key for name, (_, key) in files.items()},
                                            "written": [(str(p), n) for p, n in written]})
        return Built(written, tuple(removed), tuple(notes))


def check_all(root: Path, jobs: int | None = None, use_cache: bool = True, progress=None) -> tuple[str, list[str]]:
    """Check every source with the style rules too; return (summary line, notes) or raise SourceError."""
    root = Path(root).resolve()
    cache = Cache.for_project(root, use_cache)
    options = {"kind": "check", "root": str(root)}
    with build_lock(root):
        state_key = digest(json.dumps(options, sort_keys=True))
        fingerprint = inputs_fingerprint(root, options) + digest((root / "notes.lock").read_bytes()
                                                                  if (root / "notes.lock").exists() else b"")
        state = cache.get_json("state", state_key) if use_cache else None
        if state and state["inputs"] == fingerprint:
            return state["summary"] + " (nothing changed since the last check)", []
        project, problems = load(root, cache)
        if problems and not project.topics:
            raise SourceError(problems)
        _, notes = check(project, problems, cache, (), jobs, style=True, progress=progress)
        if problems:
            raise SourceError(problems)
        active = [card for card in project.cards() if not card.retired]
        summary = (f"OK: {len(active)} cards in {len(project.topics)} topics ({len(project.cards()) - len(active)} "
                   f"retired), {len(project.figures)} figures.")
        if not notes:
            cache.put_json("state", state_key, {"inputs": fingerprint, "summary": summary})
        return summary, notes
