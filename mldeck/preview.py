"""A static HTML preview of the decks: the package's own field HTML, templates and CSS."""
import html
import re
import shutil
from pathlib import Path
from string import Template

from .coverage import load_coverage, report
from .package import css, models
from .render import render_card

HERE = Path(__file__).with_name("preview")
MATHJAX_FILE = "tex-svg-full.js"
MATHJAX_CDN = "https://cdn.jsdelivr.net/npm/mathjax@3.2.2/es5/tex-svg-full.js"
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)


def fill(template, fields):
    """Apply an Anki template: {{#F}}…{{/F}} sections, {{cloze:F}} and {{F}}."""
    def section(match):
        return match.group(2) if fields.get(match.group(1), "").strip() else ""

    text = re.sub(r"\{\{#(\w+)\}\}(.*?)\{\{/\1\}\}", section, template, flags=re.S)
    return re.sub(r"\{\{(?:cloze:)?(\w+)\}\}", lambda m: fields.get(m.group(1), ""), text)


def cloze(text, ordinal, answer):
    """Show one cloze deletion as Anki does on the front (hidden) or back (revealed)."""
    def replace(match):
        number, content, hint = int(match.group(1)), match.group(2), match.group(3)
        if number != ordinal:
            return f'<span class="cloze-inactive" data-ordinal="{number}">{content}</span>'
        shown = content if answer else f"[{hint or '...'}]"
        return f'<span class="cloze" data-ordinal="{number}">{shown}</span>'

    return CLOZE.sub(replace, text)


def anki_cards(note, model):
    """(front HTML, back HTML) of every card Anki makes from this note."""
    fields = dict(zip([f["name"] for f in model.fields], note.fields))
    if note.type == "cloze":
        ordinals = sorted({int(n) for n in re.findall(r"\{\{c(\d+)::", fields["Text"])})
        template = model.templates[0]
        return [(fill(template["qfmt"], {**fields, "Text": cloze(fields["Text"], n, False)}),
                 fill(template["afmt"], {**fields, "Text": cloze(fields["Text"], n, True)})) for n in ordinals]
    pairs = []
    for template in model.templates:
        front = fill(template["qfmt"], fields)
        pairs.append((front, fill(template["afmt"], {**fields, "FrontSide": front})))
    return pairs


def card_block(note, model):
    """The HTML of one note's cards, front beside back, with its tags."""
    tags = " ".join(note.tags)
    blocks = []
    for number, (front, back) in enumerate(anki_cards(note, model), 1):
        blocks.append(
            f'<section class="pair" id="{note.card_id}-{number}" data-tags="{html.escape(tags)}">'
            f'<header>{note.card_id} · card {number} · {html.escape(tags)}</header>'
            f'<div class="side"><div class="label">Front</div><div class="card">{front}</div></div>'
            f'<div class="side"><div class="label">Back</div><div class="card">{back}</div></div></section>')
    return "\n".join(blocks)


def mathjax_source(out):
    """Copy the local MathJax if installed; otherwise use the CDN. Returns (src, note)."""
    local = HERE.parent.parent / "node_modules" / "mathjax-full" / "es5" / MATHJAX_FILE
    if local.is_file():
        shutil.copyfile(local, out / MATHJAX_FILE)
        return MATHJAX_FILE, "Formulas are typeset by MathJax 3.2.2 from a local copy (npm mathjax-full)."
    return MATHJAX_CDN, "Formulas are typeset by MathJax 3.2.2 from a public CDN (no local copy is installed: run npm ci)."


def write_preview(project, rendered, out, topic_slugs=()):
    """Write index.html and one page per deck of a loaded project into ``out``; returns the pages written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("preview.css", "preview.js"):
        shutil.copyfile(HERE / name, out / name)
    mathjax_src, mathjax_note = mathjax_source(out)
    page = Template((HERE / "page.html").read_text(encoding="utf-8"))
    card_css = css()
    model_by_type = models()
    cards_by_id = {card.id: card for card in project.cards()}
    rows, pages = [], []
    for topic in project.topics:
        if topic_slugs and topic.slug not in topic_slugs:
            continue
        notes = [render_card(card, project.root, project.sources, cards_by_id, rendered) for card in topic.cards]
        for note in notes:
            for name, path in note.media:
                shutil.copyfile(path, out / name)
        tags = sorted({tag for note in notes for tag in note.tags})
        body = "\n".join(card_block(note, model_by_type[note.type]) for note in notes)
        title = f"ML Interview::{topic.deck}"
        path = out / f"{topic.slug}.html"
        path.write_text(page.substitute(
            title=html.escape(title), heading=html.escape(title), card_css=card_css, mathjax_src=mathjax_src,
            mathjax_note=mathjax_note, body=body, tag_placeholder=f"ml::{topic.slug}::*",
            tag_options="".join(f'<option value="{html.escape(t)}">' for t in tags)), encoding="utf-8")
        pages.append(path)
        count = sum(card.anki_cards() for card in topic.cards)
        rows.append(f'<tr><td><a href="{topic.slug}.html">{html.escape(title)}</a></td>'
                    f"<td>{len(notes)}</td><td>{count}</td><td>{topic.slug}.apkg</td></tr>")
    concepts, _ = load_coverage(project.root, project.sources, set(cards_by_id))
    coverage_rows = "".join(
        f"<tr><td>{html.escape(title)} ({key})</td><td>{listed}</td><td>{covered}</td><td>{cards}</td></tr>"
        for key, title, listed, covered, cards in report(concepts, project.sources, project.cards()))
    index = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>ML Interview decks</title><link rel="stylesheet" href="preview.css"></head>'
        '<body class="preview"><header class="toolbar"><strong>ML Interview decks: preview</strong></header>'
        '<table class="decks"><tr><th>Deck</th><th>Notes</th><th>Cards</th><th>Package</th></tr>'
        + "".join(rows) + "</table>"
        '<table class="decks"><tr><th>Source document</th><th>Concepts listed</th><th>Covered</th>'
        "<th>Cards citing it</th></tr>" + coverage_rows + "</table></body></html>")
    (out / "index.html").write_text(index, encoding="utf-8")
    return [out / "index.html", *pages]
