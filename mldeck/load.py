"""Read sources.yaml and the topic files in ``cards/`` into cards that remember where they came from.

Every line of a topic file belongs to the front matter, a subtopic heading or a card; anything
else is reported. A file that cannot be read is reported once, and the ids it would have
defined are remembered so that no follow-on problem is blamed on other files.
"""
import pickle
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .cache import digest
from .problems import Problem
from .scan import Part, fences, scan_part

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPIC_KEYS = ("deck", "source", "description")
CARD_KEYS = ("type", "kind", "source", "tags", "related", "test", "priority", "retired", "replaced_by", "allow")
CARD_TYPES = ("basic", "reversed", "cloze")
KINDS = ("formula", "worked-example", "code", "figure")
PRIORITIES = ("core", "deep")
LINT_RULES = ("two-questions", "long-answer", "long-code", "names-card", "names-guide")
MAX_LINE = 2000  # characters; bounds the work any regex does on one line an author wrote
MAX_PART = 20000  # characters in one part of a card
MAX_YAML = 20000  # characters in one yaml block
YAML_FENCES = ("```yaml", "```yml", "~~~yaml", "~~~yml")


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text from a file and the line it starts on."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Card:
    """One card as written in a topic file, with what its parts hold."""

    id: str
    topic: str
    subtopic: str
    type: str
    front: Part
    back: Part
    extra: Part
    sources: tuple
    kinds: tuple
    tags: tuple
    related: tuple
    test: Text
    path: str
    line: int
    priority: str = ""
    retired: str = ""
    replaced_by: tuple = ()
    allow: tuple = ()
    broken: bool = False  # its yaml block could not be read: checks that need its keys are skipped

    @property
    def parts(self):
        """Front, back and extra."""
        return (self.front, self.back, self.extra)

    @property
    def formulas(self):
        """Every formula on the card."""
        return [f for part in self.parts for f in part.formulas]

    @property
    def images(self):
        """Every image on the card."""
        return [i for part in self.parts for i in part.images]

    @property
    def code(self):
        """Every code block on the card."""
        return [c for part in self.parts for c in part.code]

    def anki_cards(self):
        """How many cards Anki makes from this note."""
        if self.type == "cloze":
            return len({c.number for c in self.front.clozes})
        return 2 if self.type == "reversed" else 1


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic file: one deck."""

    slug: str
    deck: str
    description: str
    path: str
    cards: tuple


@dataclass(frozen=True, slots=True)
class Source:
    """A source document the cards are drawn from."""

    key: str
    title: str
    author: str
    link: str
    line: int = 1
    seed: str = ""  # the syllabus guides carry the number of their seed file


def slugify(text):
    """Lowercase words joined by '-', as used in tags."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def read_text(path, rel, problems):
    """The file's text (BOM dropped, line ends made '\\n'), or None with one problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(rel, 1, f"cannot read: {error.strerror or error}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(rel, line, f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as UTF-8"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            problems.append(Problem(rel, number, f"line is {len(line):,} characters long (at most {MAX_LINE:,}): "
                                                 "break it into shorter lines"))
            return None
    return text


class NoAliasLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML without anchors and aliases, which could expand a few lines into gigabytes."""


def parse_yaml(text, rel, first_line, problems, what="YAML", limit=MAX_YAML):
    """Plain YAML data, or None with a problem at its file line."""
    if not text.strip():
        return {}
    if len(text) > limit:
        problems.append(Problem(rel, first_line, f"{what} is {len(text):,} characters long (at most {limit:,})"))
        return None
    for number, line in enumerate(text.split("\n")):
        if re.match(r"^[ ]*\t|.*[:-]\t", line):
            problems.append(Problem(rel, first_line + number, f"tab character in {what}: indent with spaces"))
            return None
    try:
        node = yaml.compose(text, Loader=NoAliasLoader)
        problem = node_problem(node)
        if problem and problem[0] == "alias":
            problems.append(Problem(rel, first_line + problem[1], f"YAML anchors and aliases ('&', '*') are not "
                                                                  f"allowed in {what}: write the values out"))
            return None
        if problem:
            _, key, line, first = problem
            problems.append(Problem(rel, first_line + line, f"'{key}' is set twice in {what} (first at line "
                                                            f"{first_line + first}): YAML would keep only the last"))
            return None
        loader = NoAliasLoader(text)
        try:
            return loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or str(error)
        if reason.startswith("mapping values are not allowed"):
            reason = "a ': ' inside an unquoted value; put the value in quotes"
        problems.append(Problem(rel, line, f"{what} is not valid YAML: {reason}"))
        return None


def node_problem(node):
    """('alias', line) for a node used twice, ('duplicate', key, line, first line) for a key set twice, or None.

    The tree is walked once per node, so an alias bomb (a few lines that expand to gigabytes) costs nothing.
    """
    stack, seen = ([node] if node is not None else []), set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return "alias", current.start_mark.line
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        return "duplicate", key.value, key.start_mark.line, keys[key.value]
                    keys[key.value] = key.start_mark.line
                stack += [key, value]
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def check_keys(data, allowed, rel, line_of, what, problems):
    """Report keys that are not names or not allowed; return the valid part of the mapping."""
    valid = {}
    for key, value in data.items():
        if not isinstance(key, str):
            problems.append(Problem(rel, line_of(key), f"{what} key {key!r} is not a name: use one of "
                                                       f"{', '.join(sorted(allowed))}"))
        elif key not in allowed:
            problems.append(Problem(rel, line_of(key), f"unknown {what} key '{key}' (allowed: "
                                                       f"{', '.join(sorted(allowed))})"))
        else:
            valid[key] = value
    return valid


def value_line(text, key, first_line):
    """The file line where a top-level key's value starts (the line after '|' for a block of text)."""
    node = yaml.compose(text, Loader=NoAliasLoader)
    for key_node, value_node in getattr(node, "value", ()):
        if getattr(key_node, "value", None) == key:
            block = getattr(value_node, "style", None) in ("|", ">")
            return first_line + value_node.start_mark.line + (1 if block else 0)
    return first_line


def as_list(value, rel, line, key, problems):
    """A YAML value that may be one string or a list of strings, as a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(Problem(rel, line, f"'{key}' must be a name or a list of names, e.g. {key}: [a, b]"))
    return ()


def as_text(value, rel, line, key, problems, example):
    """A YAML value that must be a string ('' if absent)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    problems.append(Problem(rel, line, f"'{key}' must be text, e.g. {key}: {example} (quote it if it looks like a "
                                       "number or a list)"))
    return ""


def key_lines(lines, first_line):
    """A function giving the file line where a top-level YAML key is set."""
    def line_of(key):
        pattern = re.compile(rf"^\s*['\"]?{re.escape(str(key))}['\"]?\s*:")
        return next((first_line + i for i, l in enumerate(lines) if pattern.match(l)), first_line)
    return line_of


def load_sources(root: Path, problems: list[Problem]) -> dict[str, Source] | None:
    """The source documents named in ``sources.yaml``."""
    path = root / "sources.yaml"
    if not path.is_file():
        problems.append(Problem("sources.yaml", 1, "missing: list the source documents here (see docs/card-format.md)"))
        return None
    text = read_text(path, "sources.yaml", problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem("sources.yaml", 1, "is empty: list the source documents (key: title, author, link)"))
        return None
    data = parse_yaml(text, "sources.yaml", 1, problems, "sources.yaml", limit=10 * 1000 * 1000)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(Problem("sources.yaml", 1, "must map source keys to title, author and link"))
        return None
    first_lines = {}
    for number, line in enumerate(text.split("\n"), 1):
        match = re.match(r"^['\"]?([^\s'\":#][^'\":]*)['\"]?\s*:", line)
        if match:
            first_lines.setdefault(match.group(1), number)

    def line_of(key):
        return first_lines.get(str(key), 1)

    sources = {}
    for key, entry in data.items():
        line = line_of(key)
        if not isinstance(key, str) or not SLUG.match(key):
            problems.append(Problem("sources.yaml", line, f"source key {key!r} is not a slug: use lowercase letters, "
                                                          "digits and '-'"))
            continue
        if not isinstance(entry, dict) or not entry.get("title"):
            problems.append(Problem("sources.yaml", line, f"source '{key}' needs a title"))
            continue
        values = {name: as_text(entry.get(name), "sources.yaml", line, name, problems, f'"the {name}"')
                  for name in ("title", "author", "link")}
        if values["link"] and not re.match(r"^https?://", values["link"]):
            problems.append(Problem("sources.yaml", line, f"source '{key}': link must start with http:// or https://"))
        # kept even when a field is wrong, so that cards citing it are not blamed too
        sources[key] = Source(key, values["title"] or str(entry["title"]), values["author"], values["link"], line,
                              str(entry.get("seed") or ""))
    return sources


def loader_version():
    """A hash of the code that parses topic files: a cached parse is valid only for the same code."""
    here = Path(__file__).parent
    return digest((here / "load.py").read_bytes(), (here / "scan.py").read_bytes(), yaml.__version__)


def parse_cached(slug, rel, text, problems, cache):
    """parse_topic, or its stored result for the same text and parser."""
    key = digest(loader_version(), rel, text) if cache else None
    stored = cache.get("topic", key) if cache else None
    if stored is not None:
        try:
            topic, found = pickle.loads(stored)
            problems += found
            return topic
        except Exception:  # an entry from another version of the dataclasses: parse again
            pass
    found = []
    topic = parse_topic(slug, rel, text, found)
    problems += found
    if cache:
        cache.put("topic", key, pickle.dumps((topic, found)))
    return topic


def load_topics(root: Path, problems: list[Problem], cache=None) -> tuple[tuple[Topic, ...], frozenset]:
    """Every topic file in ``cards/``, in sorted order, and the ids of files that could not be read."""
    cards_dir = root / "cards"
    if not cards_dir.is_dir():
        problems.append(Problem("cards", 1, "no cards/ folder: add one with a topic file, see docs/card-format.md"))
        return (), frozenset()
    topics, unreadable = [], set()
    paths = sorted(cards_dir.rglob("*"))
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            continue
        if path.parent != cards_dir or path.suffix != ".md":
            problems.append(Problem(rel, 1, "not read: topic files are cards/<topic>.md (no subfolders, no other "
                                            "files); move or rename it"))
            continue
        if not path.exists():
            problems.append(Problem(rel, 1, "cannot read: it is a symbolic link to a file that does not exist"))
            continue
        text = read_text(path, rel, problems)
        if text is None:
            unreadable |= salvage_ids(path)
            continue
        topic = parse_cached(path.stem, rel, text, problems, cache)
        if topic is None:
            unreadable |= set(re.findall(r"(?m)^## +(\S+)", text))
        else:
            topics.append(topic)
    if not topics and not unreadable and not any(p.path.startswith("cards") for p in problems):
        problems.append(Problem("cards", 1, "no topic files (cards/*.md) found; add one, see docs/card-format.md"))
    return tuple(topics), frozenset(unreadable)


def salvage_ids(path):
    """Card ids in a file that could not be decoded, to keep follow-on problems quiet."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return set()
    return set(re.findall(r"(?m)^## +(\S+)", text))


def parse_topic(slug: str, rel: str, text: str, problems: list[Problem]) -> Topic | None:
    """One topic file: front matter, then subtopics and cards; None if the front matter is unusable."""
    if not SLUG.match(slug):
        problems.append(Problem(rel, 1, f"file name '{slug}' is not a slug: rename it to '{slugify(slug)}.md'"))
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(rel, 1, "missing front matter: start the file with '---', 'deck: ...', "
                                        "'source: [...]', '---'"))
        return None
    end = None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            end = index
            break
        if lines[index].startswith("#"):
            break
    if end is None:
        problems.append(Problem(rel, 1, "front matter is not closed: add a line '---' after its last key"))
        return None
    meta = parse_yaml("\n".join(lines[1:end]), rel, 2, problems, "front matter")
    if meta is None:
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(rel, 2, "front matter must be YAML keys: deck, source, description"))
        return None
    meta = check_keys(meta, TOPIC_KEYS, rel, key_lines(lines[1:end], 2), "front matter", problems)
    line_of = key_lines(lines[1:end], 2)
    deck = as_text(meta.get("deck"), rel, line_of("deck"), "deck", problems, "Statistics")
    if not deck and "deck" not in meta:
        problems.append(Problem(rel, 1, "front matter needs 'deck: <name>' (the deck is 'ML Interview::<name>')"))
    elif "::" in deck or deck != deck.strip():
        problems.append(Problem(rel, line_of("deck"), f"deck name '{deck}' cannot contain '::' or surrounding spaces"))
    sources = as_list(meta.get("source"), rel, line_of("source"), "source", problems)
    if not sources:
        problems.append(Problem(rel, 1, "front matter needs 'source: [<key>, ...]' naming keys from sources.yaml"))
    description = as_text(meta.get("description"), rel, line_of("description"), "description", problems, "One line.")
    cards = tuple(parse_cards(slug, rel, lines, end + 1, sources, problems))
    return Topic(slug, deck or slug, description, rel, cards)


def heading_problem(line):
    """Why a line that starts with '#' is not a valid subtopic or card heading, or None."""
    if re.match(r"^# \S", line) or re.match(r"^## \S", line) or line.rstrip() == "##":
        return None
    match = re.match(r"^(#+)\s*(.*)$", line)
    hashes, rest = match.group(1), match.group(2).strip()
    if len(hashes) == 2 or (len(hashes) > 2 and SLUG.match(rest)):
        return (f"'{line.strip()}' looks like a card heading: write '## {rest}' (two '#', one space, the id)"
                if rest else "empty heading: write '## <card-id>'")
    if len(hashes) == 1:
        return f"'{line.strip()}' looks like a subtopic heading: write '# {rest}' (one '#', one space)"
    return (f"heading '{line.strip()}' is neither a subtopic ('# Name') nor a card ('## card-id'); inside a card, "
            "use **bold** text instead of headings")


def parse_cards(topic, rel, lines, start, default_sources, problems):
    """Split the body into cards at '## id' headings, reporting every line that belongs to none."""
    cards = list(split_cards(topic, rel, lines, start, default_sources, problems))
    body = lines[start:]
    kinds = dict(fences(body))
    opened, swallowing = None, []
    for index, line in enumerate(body):
        if kinds[index] == "open":
            opened = index
        elif kinds[index] == "code" and re.match(r"^## [a-z0-9]+(?:-[a-z0-9]+)*\s*$", line):
            following = next((l for l in body[index + 1:] if l.strip()), "")
            if following.strip() in YAML_FENCES:  # a card's heading and yaml block: a swallowed card
                swallowing.append((start + opened + 1, start + index + 1, line.strip()))
    unclosed = list(kinds.values()).count("open") > list(kinds.values()).count("close")
    if opened is not None and unclosed and opened == max(i for i, k in kinds.items() if k == "open"):
        swallowing.append((start + opened + 1, None, None))
    # a card's unclosed yaml block is split_meta's to report
    swallowing = [s for s in swallowing if lines[s[0] - 1].strip() not in YAML_FENCES]
    for fence_line, heading_line, heading in swallowing[:1]:
        what = f"it swallows the card '{heading}' (line {heading_line})" if heading else \
            "everything after it, other cards included, is treated as code"
        problems.append(Problem(rel, fence_line, f"code fence is never closed: {what}; close it with a line "
                                                 f"'{lines[fence_line - 1].strip()[:3]}'"))
        # the card holding it is cut short: its other problems would only be echoes of this one
        holder = max((c for c in cards if c.line <= fence_line), key=lambda c: c.line, default=None)
        cards = [replace(c, broken=True) if c is holder else c for c in cards]
    return cards


def split_cards(topic, rel, lines, start, default_sources, problems):
    """The cards between '## id' headings, in order."""
    subtopic, current, stray = "", None, None
    body = lines[start:]
    kinds = dict(fences(body))
    for offset, line in enumerate(body):
        number = start + offset + 1
        if kinds[offset] == "text" and line.startswith("#"):
            problem = heading_problem(line)
            if problem:
                problems.append(Problem(rel, number, problem))
                if current is not None:
                    current["body"].append((number, line))
                continue
            if current is not None:
                yield make_card(topic, subtopic, rel, current, default_sources, problems)
                current = None
            if line.startswith("## ") or line.rstrip() == "##":
                current = {"id": line[2:].strip(), "line": number, "body": []}
            else:
                subtopic = slugify(line[2:])
                if not subtopic:
                    problems.append(Problem(rel, number, "subtopic heading has no words: write '# <name>'"))
            stray = None
        elif current is not None:
            current["body"].append((number, line))
        elif line.strip() and stray is None:
            stray = number
            problems.append(Problem(rel, number, "text outside any card is never shown: put it under a "
                                                 "'## <card-id>' heading, or delete it"))
    if current is not None:
        yield make_card(topic, subtopic, rel, current, default_sources, problems)


def split_meta(body, rel, problems):
    """The card's yaml block (if it comes first), its lines, and the body lines after it.

    The block is None when it is there but cannot be read, so that later checks stay quiet.
    """
    rest = list(body)
    while rest and not rest[0][1].strip():
        rest.pop(0)
    if not rest or rest[0][1].strip() not in YAML_FENCES:
        return {}, [], body
    first = rest[0][0]
    kinds = dict(fences([line for _, line in rest]))
    close = next((i for i in range(1, len(rest)) if kinds[i] == "close"), None)
    if close is None:
        problems.append(Problem(rel, first, "the yaml block is not closed: add a line '```' after its last key"))
        return None, [], []
    block = rest[1:close]
    text_start = next((n for n, l in block if re.match(r"^(---\s*$|#{1,6} |[^\s#:-][^:]*[.?!]\s*$)", l)), None)
    if text_start is not None:
        problems.append(Problem(rel, first, f"the yaml block is not closed before the card's text (line {text_start}): "
                                            "add a line '```' after its last key"))
        return None, block, rest[close + 1:]
    meta = parse_yaml("\n".join(l for _, l in block), rel, first + 1, problems, "the yaml block")
    if meta is None:
        return None, block, rest[close + 1:]
    if not isinstance(meta, dict):
        problems.append(Problem(rel, first, f"the yaml block must hold keys ({', '.join(sorted(CARD_KEYS))})"))
        return None, block, rest[close + 1:]
    return meta, block, rest[close + 1:]


def split_parts(body):
    """Split body lines at '---' rules outside code fences: a list of (first line, lines)."""
    parts, current = [], []
    kinds = dict(fences([line for _, line in body]))
    for index, (number, line) in enumerate(body):
        if kinds[index] == "text" and line.strip() == "---":
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
        problems.append(Problem(rel, line, f"card id '{card_id}' is not a slug: use lowercase letters, digits and "
                                           f"'-', e.g. '{slugify(card_id) or 'my-card'}'"))
    meta, block, body = split_meta(raw["body"], rel, problems)
    yaml_ok = meta is not None and bool(SLUG.match(card_id))
    meta = meta or {}
    meta_line = block[0][0] - 1 if block else line

    def at(key):
        """The line of a key in the card's yaml block."""
        pattern = re.compile(rf"^\s*['\"]?{re.escape(str(key))}['\"]?\s*:")
        return next((n for n, l in block if pattern.match(l)), meta_line)

    meta = check_keys(meta, CARD_KEYS, rel, at, "card", problems)
    card_type = meta.get("type", "basic")
    if card_type not in CARD_TYPES:
        problems.append(Problem(rel, at("type"),
                                f"unknown card type {card_type!r} (use one of: {', '.join(CARD_TYPES)})"))
        card_type = "basic"
    kinds = as_list(meta.get("kind"), rel, at("kind"), "kind", problems)
    for kind in kinds:
        if kind not in KINDS:
            problems.append(Problem(rel, at("kind"), f"unknown kind '{kind}' (use: {', '.join(KINDS)})"))
    tags = as_list(meta.get("tags"), rel, at("tags"), "tags", problems)
    for tag in tags:
        if not tag or re.search(r"\s", tag):
            problems.append(Problem(rel, at("tags"), f"tag '{tag}' contains spaces: Anki tags cannot; use '-' or '::'"))
    test = as_text(meta.get("test"), rel, at("test"), "test", problems, "|  (then the asserts, indented)")
    test_line = value_line("\n".join(l for _, l in block), "test", meta_line + 1) if test else line
    priority = as_text(meta.get("priority"), rel, at("priority"), "priority", problems, "core")
    if priority and priority not in PRIORITIES:
        problems.append(Problem(rel, at("priority"), f"unknown priority '{priority}' (use: {', '.join(PRIORITIES)})"))
        priority = ""
    retired = as_text(meta.get("retired"), rel, at("retired"), "retired", problems, "split into two cards")
    replaced_by = as_list(meta.get("replaced_by"), rel, at("replaced_by"), "replaced_by", problems)
    if replaced_by and not retired:
        problems.append(Problem(rel, at("replaced_by"),
                                "'replaced_by' is only for retired cards: add 'retired: <why>'"))
    allow = as_list(meta.get("allow"), rel, at("allow"), "allow", problems)
    for rule in allow:
        if rule not in LINT_RULES:
            problems.append(Problem(rel, at("allow"),
                                    f"unknown rule '{rule}' in 'allow' (use: {', '.join(LINT_RULES)})"))
    parts = split_parts(body)
    empty = Text("", line)
    if card_type == "cloze":
        if len(parts) > 2:
            problems.append(Problem(rel, parts[2].line, "a cloze card has at most two parts: text, '---', extra"))
        front, back, extra = parts[0], empty, (parts[1] if len(parts) > 1 else empty)
        if not front.text and yaml_ok:
            problems.append(Problem(rel, line, f"card '{card_id}' has no text"))
    else:
        if len(parts) > 3:
            problems.append(Problem(rel, parts[3].line, "too many '---' rules: a card is front, '---', back and an "
                                                        "optional '---', extra"))
        front = parts[0]
        back = parts[1] if len(parts) > 1 else empty
        extra = parts[2] if len(parts) > 2 else empty
        if yaml_ok and not front.text:
            problems.append(Problem(rel, line, f"card '{card_id}' has no front: write the question below the id"))
        if yaml_ok and front.text and not back.text:
            problems.append(Problem(rel, front.line, f"card '{card_id}' has no back: add a line '---' and the answer "
                                                     "below it"))
    for text in (front, back, extra):
        if len(text.text) > MAX_PART:
            problems.append(Problem(rel, text.line, f"this part of the card is {len(text.text):,} characters long (at "
                                                    f"most {MAX_PART:,}): a card is for one fact"))
    return Card(
        id=card_id,
        topic=topic,
        subtopic=subtopic,
        type=card_type,
        front=scan_part("front", front.text[:MAX_PART], front.line),
        back=scan_part("back", back.text[:MAX_PART], back.line),
        extra=scan_part("extra", extra.text[:MAX_PART], extra.line),
        sources=as_list(meta.get("source"), rel, at("source"), "source", problems) or default_sources,
        kinds=kinds,
        tags=tags,
        related=as_list(meta.get("related"), rel, at("related"), "related", problems),
        test=Text(test, test_line),
        path=rel,
        line=line,
        priority=priority,
        retired=retired,
        replaced_by=replaced_by,
        allow=allow,
        broken=not yaml_ok,
    )
