"""Turn a card's Markdown into the HTML of Anki note fields."""
import hashlib
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.treeprocessors import Treeprocessor

from .check import FENCED, figure_name, images

EXTENSIONS = ["pymdownx.arithmatex", "pymdownx.superfences", "pymdownx.highlight", "tables", "sane_lists", "footnotes"]
EXTENSION_CONFIGS = {
    # generic mode emits \( \) and \[ \], the only delimiters Anki's MathJax knows
    "pymdownx.arithmatex": {"generic": True},
    "pymdownx.highlight": {"css_class": "highlight", "guess_lang": False},
}


@dataclass(frozen=True)
class Note:
    """A card rendered for Anki: field HTML, tags and the media it uses."""

    card_id: str
    topic: str
    type: str
    fields: tuple
    tags: tuple
    media: tuple


class MediaImages(Treeprocessor):
    """Point images at their media names; a lone image becomes a figure with a caption."""

    def __init__(self, md, names):
        super().__init__(md)
        self.names = names

    def run(self, root):
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    child.set("src", self.names.get(child.get("src"), child.get("src")))
                if child.tag == "p" and len(child) == 1 and child[0].tag == "img" and not (child.text or "").strip() \
                        and not (child[0].tail or "").strip():
                    image = child[0]
                    child.tag = "figure"
                    caption = image.attrib.pop("title", None)
                    if caption:
                        etree.SubElement(child, "figcaption").text = caption


def to_html(text, names):
    """Markdown with $math$, code and images as Anki field HTML."""
    if not text.strip():
        return ""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    md.treeprocessors.register(MediaImages(md, names), "media-images", 0)
    return md.convert(text)


def media_name(path):
    """A collision-proof name for a file in media/: prefix, stem and content hash."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return f"mlinterview-{path.stem}-{digest}{path.suffix.lower()}"


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


def first_line(text):
    """The first paragraph of a card's front, as a one-line reminder."""
    paragraph = FENCED.sub("", text).strip().split("\n\n")[0]
    paragraph = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", paragraph)
    return " ".join(paragraph.split())


def related_html(card, cards_by_id):
    """Related cards, each by the start of its question."""
    if not card.related:
        return ""
    items = []
    for other_id in card.related:
        other = cards_by_id[other_id]
        reminder = re.sub(r"\{\{c\d+::(.*?)(::.*?)?\}\}", r"[…]", first_line(other.front.markdown))
        inline = to_html(reminder, {})
        inline = re.sub(r"^<p>|</p>$", "", inline)
        items.append(f"<li>{inline}</li>")
    return "Related:<ul>" + "".join(items) + "</ul>"


def tags_for(card, has_code, has_image):
    """Hierarchical tags: topic and subtopic, source, kind and the card's own."""
    tags = {f"ml::{card.topic}::{card.subtopic}" if card.subtopic else f"ml::{card.topic}"}
    tags.update(f"source::{key}" for key in card.sources)
    kinds = set(card.kinds)
    if has_code:
        kinds.add("code")
    if has_image:
        kinds.add("figure")
    tags.update(f"kind::{kind}" for kind in kinds)
    tags.update(card.tags)
    return tuple(sorted(tags))


def render_card(card, root, sources, cards_by_id, rendered_figures):
    """One card as an Anki note."""
    names, media = {}, []
    for _, target, _, _ in images(card):
        name = figure_name(card, target)
        if name is not None:
            figure = rendered_figures[name]
            names[target] = figure.media_name
            media.append((figure.media_name, figure.png))
        else:
            path = (Path(root) / card.path).parent / target
            names[target] = media_name(path)
            media.append((names[target], path))
    parts = [to_html(part.markdown, names) for part in (card.front, card.back, card.extra)]
    has_code = any("```" in part.markdown or "~~~" in part.markdown for part in (card.front, card.back, card.extra))
    if card.type == "cloze":
        fields = (card.id, parts[0], parts[2], source_html(card, sources), related_html(card, cards_by_id))
    else:
        fields = (card.id, parts[0], parts[1], parts[2], source_html(card, sources), related_html(card, cards_by_id))
    return Note(card.id, card.topic, card.type, fields, tags_for(card, has_code, bool(names)), tuple(sorted(set(media))))
