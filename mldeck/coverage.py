"""The coverage map: which cards teach each concept each source document names."""
from dataclasses import dataclass
from pathlib import Path

from .load import parse_yaml, read_text
from .problems import Problem


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept a source document names, and the cards that teach it."""

    source: str
    text: str
    cards: tuple
    path: str
    line: int


def load_coverage(root, sources, card_ids, unreadable_ids=frozenset()):
    """Every concept in ``coverage/*.yaml``, and the problems with them."""
    problems, concepts = [], []
    for path in sorted((Path(root) / "coverage").glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        text = read_text(path, rel, problems)
        data = parse_yaml(text, rel, 1, problems, "this file", limit=10 * 1000 * 1000) if text is not None else None
        if data is None:
            continue
        lines = text.split("\n")
        if not isinstance(data, dict):
            problems.append(Problem(rel, 1, "must map source keys to lists of {concept, cards}"))
            continue
        cursor = 0
        for key, entries in data.items():
            key_line = next((i + 1 for i, l in enumerate(lines) if l.startswith(f"{key}:")), 1)
            if sources is not None and key not in sources:
                problems.append(Problem(rel, key_line, f"unknown source '{key}' (add it to sources.yaml)"))
                continue
            if not isinstance(entries, list):
                problems.append(Problem(rel, key_line, f"'{key}' must hold a list of '- concept: ...' entries"))
                continue
            for entry in entries:
                cursor = next((i for i in range(cursor, len(lines)) if "concept:" in lines[i]), cursor)
                line = cursor + 1
                cursor += 1
                text_ = entry.get("concept") if isinstance(entry, dict) else None
                if not isinstance(text_, str) or not text_:
                    problems.append(Problem(rel, line, "each entry needs 'concept: <what the document names>'"))
                    continue
                cards = entry.get("cards") or []
                cards = [cards] if isinstance(cards, str) else cards
                if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
                    problems.append(Problem(rel, line, f"concept '{text_}': 'cards' must be a list of card ids"))
                    continue
                if not cards:
                    problems.append(Problem(rel, line, f"concept '{text_}' has no card"))
                for card_id in cards:
                    if card_id not in card_ids and card_id not in unreadable_ids:
                        problems.append(Problem(rel, line, f"concept '{text_}' names unknown card '{card_id}'"))
                concepts.append(Concept(key, text_, tuple(cards), rel, line))
    return concepts, problems


def report(concepts, sources, cards):
    """Rows per source document: concepts, concepts an active card teaches, active cards naming it."""
    active = {card.id for card in cards if not card.retired}
    rows = []
    for key, source in sources.items():
        listed = [c for c in concepts if c.source == key]
        covered = [c for c in listed if active & set(c.cards)]
        naming = [card for card in cards if key in card.sources and card.id in active]
        rows.append((key, source.title, len(listed), len(covered), len(naming)))
    return rows
