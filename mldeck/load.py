"""Read topic files in ``cards/`` into cards that remember where they came from."""
import re
from dataclasses import dataclass

import yaml

from .problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPIC_KEYS = {"deck", "source", "description"}
CARD_KEYS = {"type", "kind", "source", "tags", "related", "test", "priority", "retired", "replaced_by", "allow"}
PRIORITIES = ("core", "deep")
LINT_RULES = ("two-questions", "long-answer", "long-code", "names-card", "names-guide")
CARD_TYPES = ("basic", "reversed", "cloze")
KINDS = ("formula", "worked-example", "code", "figure")
FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Text:
    """A piece of Markdown and the line of the file it starts on."""

    markdown: str
    line: int


@dataclass(frozen=True)
class Card:
    """One card as written in a topic file."""

    id: str
    topic: str
    subtopic: str
    type: str
    front: Text
    back: Text
    extra: Text
    sources: tuple
    kinds: tuple
    tags: tuple
    related: tuple
    test: str
    path: str
    line: int
    priority: str = ""
    retired: str = ""
    replaced_by: tuple = ()
    allow: tuple = ()

    def anki_cards(self):
        """How many cards Anki makes from this note."""
        if self.type == "cloze":
            return len(set(re.findall(r"\{\{c(\d+)::", self.front.markdown)))
        return 2 if self.type == "reversed" else 1


@dataclass(frozen=True)
class Topic:
    """One topic file: one deck."""

    slug: str
    deck: str
    description: str
    path: str
    cards: tuple


@dataclass(frozen=True)
class Source:
    """A source document the cards are drawn from."""

    key: str
    title: str
    author: str
    link: str


def slugify(text):
    """Lowercase words joined by '-', as used in tags."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def read_text(path, rel, problems):
    """The file's text, or None with a problem if it is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(rel, line, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"))
        return None


def parse_yaml(text, rel, first_line, problems):
    """``yaml.safe_load`` with errors reported at their line in the file."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(rel, line, f"malformed YAML: {reason}"))
        return None


def as_list(value, rel, line, key, problems):
    """A YAML value that may be one string or a list of strings, as a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(Problem(rel, line, f"'{key}' must be a string or a list of strings"))
    return ()


def load_sources(root, problems):
    """The source documents named in ``sources.yaml``."""
    path = root / "sources.yaml"
    if not path.exists():
        problems.append(Problem("sources.yaml", 1, "missing: list the source documents here (see docs/card-format.md)"))
        return {}
    text = read_text(path, "sources.yaml", problems)
    data = parse_yaml(text, "sources.yaml", 1, problems) if text is not None else None
    if not isinstance(data, dict):
        if text is not None and data is not None:
            problems.append(Problem("sources.yaml", 1, "must map source keys to title, author and link"))
        return {}
    sources = {}
    for key, entry in data.items():
        line = next((i for i, l in enumerate(text.splitlines(), 1) if l.startswith(f"{key}:")), 1)
        if not isinstance(entry, dict) or not entry.get("title"):
            problems.append(Problem("sources.yaml", line, f"source '{key}' needs a title"))
            continue
        sources[key] = Source(key, entry["title"], entry.get("author", ""), entry.get("link", ""))
    return sources


def load_topics(root, problems):
    """Every topic file under ``cards/``, in sorted order."""
    cards_dir = root / "cards"
    paths = sorted(cards_dir.glob("*.md")) if cards_dir.is_dir() else []
    if not paths:
        problems.append(Problem("cards", 1, "no topic files (cards/*.md) found; add one, see docs/card-format.md"))
    topics = []
    for path in paths:
        rel = path.relative_to(root).as_posix()
        text = read_text(path, rel, problems)
        if text is not None:
            topic = parse_topic(path.stem, rel, text, problems)
            if topic:
                topics.append(topic)
    return topics


def parse_topic(slug, rel, text, problems):
    """One topic file: front matter, then subtopics and cards."""
    if not SLUG.match(slug):
        problems.append(Problem(rel, 1, f"file name '{slug}' is not a slug: rename it to '{slugify(slug)}.md'"))
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(rel, 1, "missing front matter: start the file with '---', 'deck: ...', 'source: [...]', '---'"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        problems.append(Problem(rel, 1, "front matter is not closed: add a line '---' after it"))
        return None
    meta = parse_yaml("\n".join(lines[1:end]), rel, 2, problems)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(Problem(rel, 2, "front matter must be YAML keys: deck, source, description"))
        meta = {}
    for key in sorted(set(meta) - TOPIC_KEYS):
        problems.append(Problem(rel, key_line(lines, key, 1), f"unknown front matter key '{key}' (allowed: {', '.join(sorted(TOPIC_KEYS))})"))
    if not meta.get("deck"):
        problems.append(Problem(rel, 1, "front matter needs 'deck: <name>' (the deck is 'ML Interview::<name>')"))
    sources = as_list(meta.get("source"), rel, key_line(lines, "source", 1), "source", problems)
    if not sources:
        problems.append(Problem(rel, 1, "front matter needs 'source: [<key>, ...]' naming keys from sources.yaml"))
    cards = tuple(parse_cards(slug, rel, lines, end + 1, sources, problems))
    deck = str(meta.get("deck") or slug)
    return Topic(slug, deck, str(meta.get("description") or ""), rel, cards)


def key_line(lines, key, default):
    """The 1-based line where a YAML key is set, for error messages."""
    pattern = re.compile(rf"^\s*{re.escape(str(key))}\s*:")
    return next((i for i, l in enumerate(lines, 1) if pattern.match(l)), default)


def parse_cards(topic, rel, lines, start, default_sources, problems):
    """Split the body into cards at level-2 headings, skipping code fences."""
    subtopic = ""
    current = None
    fence = None
    for index in range(start, len(lines)):
        line = lines[index]
        if fence:
            if line.strip().startswith(fence):
                fence = None
        elif FENCE.match(line.strip()):
            fence = FENCE.match(line.strip()).group(1)
        elif line.startswith("# "):
            if current:
                yield make_card(topic, subtopic, rel, current, default_sources, problems)
                current = None
            subtopic = slugify(line[2:])
            continue
        elif line.startswith("## "):
            if current:
                yield make_card(topic, subtopic, rel, current, default_sources, problems)
            current = {"id": line[3:].strip(), "line": index + 1, "body": []}
            continue
        if current:
            current["body"].append((index + 1, line))
    if current:
        yield make_card(topic, subtopic, rel, current, default_sources, problems)


def split_meta(body, rel, problems):
    """The card's yaml block (if it comes first) and the lines after it."""
    rest = list(body)
    while rest and not rest[0][1].strip():
        rest.pop(0)
    if not rest or rest[0][1].strip() not in ("```yaml", "```yml"):
        return {}, body, []
    first = rest[0][0]
    close = next((i for i, (_, l) in enumerate(rest) if i and l.strip() == "```"), None)
    if close is None:
        problems.append(Problem(rel, first, "the yaml block is not closed: add a line '```'"))
        return {}, [], []
    block = rest[1:close]
    meta = parse_yaml("\n".join(l for _, l in block), rel, first + 1, problems)
    if meta is None:
        return {}, rest[close + 1:], block
    if not isinstance(meta, dict):
        problems.append(Problem(rel, first, f"the yaml block must hold keys ({', '.join(sorted(CARD_KEYS))})"))
        return {}, rest[close + 1:], block
    return meta, rest[close + 1:], block


def split_parts(body):
    """Split body lines at '---' rules outside code fences, each part as Text."""
    parts, current, fence = [], [], None
    for number, line in body:
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
        elif FENCE.match(stripped):
            fence = FENCE.match(stripped).group(1)
        elif stripped == "---":
            parts.append(current)
            current = []
            continue
        current.append((number, line))
    parts.append(current)
    texts = []
    for part in parts:
        while part and not part[0][1].strip():
            part.pop(0)
        while part and not part[-1][1].strip():
            part.pop()
        line = part[0][0] if part else (body[-1][0] if body else 0)
        texts.append(Text("\n".join(l for _, l in part), line))
    return texts


def make_card(topic, subtopic, rel, raw, default_sources, problems):
    """Build one Card from its heading and body lines, noting what is wrong."""
    card_id, line = raw["id"], raw["line"]
    if not card_id:
        problems.append(Problem(rel, line, "card heading has no id: write '## my-card-id'"))
    elif not SLUG.match(card_id):
        problems.append(Problem(rel, line, f"card id '{card_id}' is not a slug: use lowercase letters, digits and '-', e.g. '{slugify(card_id) or 'my-card'}'"))
    meta, body, block = split_meta(raw["body"], rel, problems)
    meta_line = block[0][0] if block else line

    def at(key):
        """The line of a key in the card's yaml block."""
        return next((n for n, l in block if re.match(rf"^\s*{re.escape(str(key))}\s*:", l)), meta_line)

    for key in sorted(set(meta) - CARD_KEYS):
        problems.append(Problem(rel, at(key), f"unknown card key '{key}' (allowed: {', '.join(sorted(CARD_KEYS))})"))
    card_type = meta.get("type", "basic")
    if card_type not in CARD_TYPES:
        problems.append(Problem(rel, at("type"), f"unknown card type '{card_type}' (use one of: {', '.join(CARD_TYPES)})"))
        card_type = "basic"
    kinds = as_list(meta.get("kind"), rel, at("kind"), "kind", problems)
    for kind in kinds:
        if kind not in KINDS:
            problems.append(Problem(rel, at("kind"), f"unknown kind '{kind}' (use: {', '.join(KINDS)})"))
    tags = as_list(meta.get("tags"), rel, at("tags"), "tags", problems)
    for tag in tags:
        if not tag or re.search(r"\s", tag):
            problems.append(Problem(rel, at("tags"), f"tag '{tag}' contains spaces: Anki tags cannot; use '-' or '::'"))
    test = meta.get("test") or ""
    if not isinstance(test, str):
        problems.append(Problem(rel, at("test"), "'test' must be Python code (use 'test: |' and indent the code)"))
        test = ""
    priority = meta.get("priority") or ""
    if priority and priority not in PRIORITIES:
        problems.append(Problem(rel, at("priority"), f"unknown priority '{priority}' (use: {', '.join(PRIORITIES)})"))
    retired = meta.get("retired") or ""
    if not isinstance(retired, str):
        problems.append(Problem(rel, at("retired"), "'retired' must say why, e.g. 'retired: split into two cards'"))
        retired = ""
    replaced_by = as_list(meta.get("replaced_by"), rel, at("replaced_by"), "replaced_by", problems)
    if replaced_by and not retired:
        problems.append(Problem(rel, at("replaced_by"), "'replaced_by' is only for retired cards: add 'retired: <why>'"))
    allow = as_list(meta.get("allow"), rel, at("allow"), "allow", problems)
    for rule in allow:
        if rule not in LINT_RULES:
            problems.append(Problem(rel, at("allow"), f"unknown rule '{rule}' in 'allow' (use: {', '.join(LINT_RULES)})"))
    parts = split_parts(body)
    empty = Text("", line)
    if card_type == "cloze":
        if len(parts) > 2:
            problems.append(Problem(rel, parts[2].line, "a cloze card has at most two parts: text, '---', extra"))
        front, back, extra = parts[0], empty, (parts[1] if len(parts) > 1 else empty)
        if not front.markdown:
            problems.append(Problem(rel, line, f"card '{card_id}' has no text"))
    else:
        if len(parts) > 3:
            problems.append(Problem(rel, parts[3].line, "too many '---' rules: a card is front, '---', back and an optional '---', extra"))
        front = parts[0]
        back = parts[1] if len(parts) > 1 else empty
        extra = parts[2] if len(parts) > 2 else empty
        if not front.markdown:
            problems.append(Problem(rel, line, f"card '{card_id}' has no front: write the question below the id"))
        if not back.markdown:
            problems.append(Problem(rel, front.line, f"card '{card_id}' has no back: add a line '---' and the answer below it"))
    return Card(
        id=card_id,
        topic=topic,
        subtopic=subtopic,
        type=card_type,
        front=front,
        back=back,
        extra=extra,
        sources=as_list(meta.get("source"), rel, at("source"), "source", problems) or default_sources,
        kinds=kinds,
        tags=tags,
        related=as_list(meta.get("related"), rel, at("related"), "related", problems),
        test=test,
        path=rel,
        line=line,
        priority=priority,
        retired=retired,
        replaced_by=replaced_by,
        allow=allow,
    )
