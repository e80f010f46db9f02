"""The stages in order: load, check, render figures and notes, write packages."""
from dataclasses import dataclass
from pathlib import Path

from . import figures as figures_stage
from .craft import craft_problems
from .check import check_cards, figure_name, images
from .load import load_sources, load_topics
from .package import Stamps, build_package, write_apkg
from .problems import SourceError
from .render import render_card

ALL_IN_ONE = "ml-interview"
CACHE = Path(".cache") / "figures"


@dataclass(frozen=True)
class Project:
    """Everything read from the sources, checked."""

    root: Path
    topics: tuple
    sources: dict
    figures: dict

    def cards(self):
        """All cards of all topics, in file order."""
        return [card for topic in self.topics for card in topic.cards]


def load(root, progress=None, render_figures=True, full=False):
    """Read and check every source and draw its figures; raise SourceError listing every problem.

    With ``full``, also check the coverage map and, where installed, typeset every formula in MathJax.
    """
    root = Path(root).resolve()
    problems = []
    sources = load_sources(root, problems)
    topics = tuple(load_topics(root, problems))
    figures = figures_stage.discover(root, problems)
    problems += check_cards(topics, sources, set(figures), root)
    card_ids = {card.id for topic in topics for card in topic.cards}
    problems += [p for topic in topics for card in topic.cards for p in craft_problems(card, card_ids, sources)]
    project = Project(root, topics, sources, figures)
    rendered = {}
    if render_figures:
        names = used_figures(project.cards(), figures)
        rendered = figures_stage.render_all(names, figures, root, root / CACHE, problems, progress)
    if full:
        from . import mathjax
        from .coverage import load_coverage

        problems += load_coverage(root, sources, {card.id for card in project.cards()})[1]
        if mathjax.available():
            problems += mathjax.typeset_problems(project.cards())
    if problems:
        raise SourceError(problems)
    return project, rendered


def used_figures(cards, figures):
    """Names of the known figures the cards refer to."""
    names = {figure_name(card, target) for card in cards for _, target, _, _ in images(card)}
    return names & set(figures)


def build(root, out, topic_slugs=(), progress=None, update_lock=True):
    """Load the sources, then write their decks (see write_decks)."""
    return write_decks(*load(root, progress), out, topic_slugs, update_lock)


def write_decks(project, rendered, out, topic_slugs=(), update_lock=True):
    """Write one .apkg per chosen topic (and the all-in-one deck when all are chosen)."""
    chosen = [t for t in project.topics if not topic_slugs or t.slug in topic_slugs]
    cards_by_id = {card.id: card for card in project.cards()}
    deck_names = {t.slug: (t.deck, t.description) for t in project.topics}
    stamps = Stamps(project.root / "notes.lock")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    packages = [(topic.slug, [topic]) for topic in chosen]
    if len(chosen) == len(project.topics):
        packages.append((ALL_IN_ONE, chosen))
    notes_by_topic = {t.slug: [render_card(c, project.root, project.sources, cards_by_id, rendered) for c in t.cards]
                      for t in chosen}
    written = []
    for name, topics in packages:
        notes = [note for topic in topics for note in notes_by_topic[topic.slug]]
        decks, timestamp = build_package(notes, deck_names, stamps, all_decks=name == ALL_IN_ONE)
        media = sorted({item for note in notes for item in note.media})
        path = out / f"{name}.apkg"
        write_apkg(decks, media, timestamp, path)
        written.append((path, len(notes)))
    if update_lock:
        keep = set(cards_by_id) | {k for k in stamps.entries if k.startswith("model:")}
        stamps.save(keep)
    return written
