"""Turn a card's Markdown into the HTML of Anki note fields.

Raw HTML in a card is shown as typed (``x<y>z`` stays ``x<y>z``); the HTML that Markdown produces is
then checked against an allow-list, so nothing a card says can run script or restyle Anki.
"""
import functools
import html
import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

from .cache import digest
from .problems import Problem

EXTENSIONS = ["pymdownx.arithmatex", "pymdownx.superfences", "pymdownx.highlight", "tables", "sane_lists", "footnotes"]
EXTENSION_CONFIGS = {
    # generic mode emits \( \) and \[ \], the only delimiters Anki's MathJax knows
    "pymdownx.arithmatex": {"generic": True},
    "pymdownx.highlight": {"css_class": "highlight", "guess_lang": False},
}
ALLOWED = {  # tag: attributes Markdown and our extensions produce
    "p": (), "br": (), "hr": (), "em": (), "strong": (), "code": (), "pre": (), "del": (), "blockquote": (),
    "ul": (), "ol": ("start",), "li": ("id",), "sup": ("id",), "sub": (), "span": ("class",), "div": ("class",),
    "table": (), "thead": (), "tbody": (), "tr": (), "th": ("style",), "td": ("style",),
    "a": ("href", "class", "title"), "img": ("src", "alt", "title", "class"), "figure": (), "figcaption": (),
}
RETIRED_TAG = "ml::retired"
LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class Note:
    """A card rendered for Anki: field HTML by field name, tags, and the media it uses."""

    card_id: str
    topic: str
    type: str
    fields: tuple  # (field name, HTML) pairs
    tags: tuple
    media: tuple  # media names

    def field(self, name):
        """One field's HTML."""
        return dict(self.fields)[name]


_converter = None


def converter():
    """One Markdown converter for the whole process, with raw HTML turned off."""
    global _converter
    if _converter is None:
        import markdown
        from markdown.treeprocessors import Treeprocessor

        class MediaImages(Treeprocessor):
            """Point images at their media names; a lone image becomes a figure with a caption."""

            def run(self, root):
                names = self.md.media_names
                for parent in root.iter():
                    for child in list(parent):
                        if child.tag == "img":
                            src = child.get("src")
                            child.set("src", names.get(src, src))
                            if src in self.md.drawn:
                                child.set("class", "drawn")
                        if child.tag == "p" and len(child) == 1 and child[0].tag == "img" \
                                and not (child.text or "").strip() and not (child[0].tail or "").strip():
                            image = child[0]
                            child.tag = "figure"
                            caption = image.attrib.pop("title", None)
                            if caption:
                                etree.SubElement(child, "figcaption").text = caption

        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(MediaImages(md), "media-images", 0)
        _converter = md
    return _converter


def to_html(text, media_names=None, drawn=()):
    """Markdown with $math$, code and images as Anki field HTML."""
    if not text.strip():
        return ""
    md = converter()
    md.reset()
    md.media_names, md.drawn = media_names or {}, set(drawn)
    return md.convert(text)


class AllowList(HTMLParser):
    """Collects every tag, attribute or link that is not on the allow-list."""

    def __init__(self, media):
        super().__init__(convert_charrefs=True)
        self.media, self.bad = media, []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.bad.append(f"<{tag}>")
            return
        for name, value in attrs:
            value = value or ""
            if name not in ALLOWED[tag]:
                self.bad.append(f"{name}= on <{tag}>")
            elif name == "href" and not (value.startswith("#") or urlparse(value).scheme in LINK_SCHEMES):
                self.bad.append(f"link to '{value}' (only http, https and mailto links)")
            elif name == "src" and value not in self.media:
                self.bad.append(f"image '{value}' that is not in the package")
            elif name == "style" and not re.fullmatch(r"text-align: (left|right|center);", value):
                self.bad.append(f"style '{value}'")

    handle_startendtag = handle_starttag


def html_problems(field_html, media):
    """What in a field's HTML is not allowed."""
    parser = AllowList(media)
    parser.feed(field_html)
    parser.close()
    return parser.bad


def source_html(card, sources):
    """The source line shown on the back of every card."""
    items = []
    for key in card.sources:
        source = sources[key]
        title = html.escape(source.title)
        if source.link:
            title = f'<a href="{html.escape(source.link)}">{title}</a>'
        author = f" — {html.escape(source.author)}" if source.author else ""
        items.append(f"{title}{author}")
    return "Source: " + "; ".join(items)


def reminder(card):
    """The first paragraph of a card's front as one line, clozes hidden, for lists of related cards."""
    paragraph = re.sub(r"(?ms)^(```|~~~).*?^\1[^\n]*$", "", card.front.markdown).strip().split("\n\n")[0]
    paragraph = " ".join(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", paragraph).split())
    return re.sub(r"\{\{c\d+::(.*?)(::.*?)?\}\}", "[…]", paragraph)


@functools.cache
def inline_html(markdown_text):
    """One line of Markdown as inline HTML (remembered: related cards repeat the same reminders)."""
    return re.sub(r"^<p>|</p>$", "", to_html(markdown_text))


def related_html(card, cards_by_id):
    """Related cards, each by the start of its question."""
    if not card.related:
        return ""
    items = "".join(f"<li>{inline_html(reminder(cards_by_id[other]))}</li>" for other in card.related
                    if other in cards_by_id)
    return f"Related:<ul>{items}</ul>" if items else ""


def retired_html(card, cards_by_id):
    """The banner a retired card shows learners: why, what replaces it, and how to remove it."""
    replacements = "".join(f"<li>{inline_html(reminder(cards_by_id[other]))}</li>" for other in card.replaced_by
                           if other in cards_by_id)
    instead = f"<div>Study these cards instead:</div><ul>{replacements}</ul>" if replacements else ""
    return (f'<div class="retired"><strong>Retired card.</strong> {html.escape(card.retired)}{instead}'
            f"<div>To remove every retired card: Browse, search <code>tag:{RETIRED_TAG}</code>, select all, "
            "Delete.</div></div>")


def tags_for(card):
    """Hierarchical tags: topic and subtopic, source, priority, kind and the card's own."""
    tags = {f"ml::{card.topic}::{card.subtopic}" if card.subtopic else f"ml::{card.topic}"}
    tags.update(f"source::{key}" for key in card.sources)
    kinds = set(card.kinds)
    if card.code:
        kinds.add("code")
    if card.images:
        kinds.add("figure")
    tags.update(f"kind::{kind}" for kind in kinds)
    tags.update(card.tags)
    if card.retired:
        tags.add(RETIRED_TAG)
    elif card.priority:
        tags.add(f"priority::{card.priority}")
    return tuple(sorted(tags))


@functools.lru_cache(maxsize=1)
def renderer_key():
    """What decides the HTML besides the card: this module's source and the Markdown libraries' versions
    (looked up once: each lookup reads package metadata)."""
    return (digest(Path(__file__).read_bytes()), *(version(name) for name in ("markdown", "pymdown-extensions",
                                                                              "pygments")))


def render_inputs(card, sources, cards_by_id, media_names):
    """Everything a card's fields depend on, as a JSON-able value (the cache key's content)."""
    others = sorted(set(card.related) | set(card.replaced_by))
    return [*renderer_key(),
            card.id, card.topic, card.subtopic, card.type, [p.markdown for p in card.parts], card.retired,
            list(card.sources), [(sources[k].title, sources[k].author, sources[k].link) for k in card.sources],
            list(card.related), list(card.replaced_by), [reminder(cards_by_id[o]) for o in others if o in cards_by_id],
            sorted(media_names.items())]


def render_card(card, sources: dict, cards_by_id: dict, media_names: dict, drawn: set,
                cache=None, pending=None) -> tuple[Note, list[Problem]]:
    """One card as an Anki note, and the problems its HTML has. ``media_names`` maps targets to media names."""
    key = digest(*map(str, render_inputs(card, sources, cards_by_id, media_names))) if cache else None
    cached = cache.get_json("render", key) if cache else None
    if cached is None:
        parts = [to_html(part.markdown, media_names, drawn) for part in card.parts]
        media = sorted(set(media_names.values()))
        cached = {"parts": parts, "source": source_html(card, sources), "related": related_html(card, cards_by_id),
                  "retired": retired_html(card, cards_by_id) if card.retired else "",
                  "bad": [[index, bad] for index, part in enumerate(parts) for bad in html_problems(part, set(media))]}
        if pending is not None:
            pending.append((key, json.dumps(cached, sort_keys=True).encode()))
        elif cache:
            cache.put_json("render", key, cached)
    parts = cached["parts"]
    front = cached["retired"] + parts[0]
    if card.type == "cloze":
        fields = (("Id", card.id), ("Text", front), ("Extra", parts[2]), ("Source", cached["source"]),
                  ("Related", cached["related"]))
    else:
        fields = (("Id", card.id), ("Front", front), ("Back", parts[1]), ("Extra", parts[2]),
                  ("Source", cached["source"]), ("Related", cached["related"]))
    problems = [Problem(card.path, card.parts[index].line, f"not allowed in a card: {bad}")
                for index, bad in cached["bad"]]
    return Note(card.id, card.topic, card.type, fields, tags_for(card), tuple(sorted(set(media_names.values())))), \
        problems


def render_cards(items: list, sources: dict, cards_by_id: dict, cache=None) -> list:
    """render_card for each (card, media names, drawn targets), in order; new cache entries in one write."""
    pending = []
    results = [render_card(card, sources, cards_by_id, names, targets, cache, pending)
               for card, names, targets in items]
    if cache:
        cache.put_many("render", pending)
    return results
