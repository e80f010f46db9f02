"""A static HTML preview of the decks: the package's own field HTML, templates and CSS."""
import html
import re
import shutil
from pathlib import Path
from string import Template

from .coverage import load_coverage, report
from .package import css, models

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
    fields = dict(note.fields)
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


def mathjax_source(root, out):
    """Copy the local MathJax if installed; otherwise use the CDN. Returns (src, note)."""
    from .mathjax import node_modules

    folder = node_modules(root)
    local = folder / "mathjax-full" / "es5" / MATHJAX_FILE if folder else None
    if local and local.is_file():
        if not (out / MATHJAX_FILE).is_file() or (out / MATHJAX_FILE).stat().st_size != local.stat().st_size:
            shutil.copyfile(local, out / MATHJAX_FILE)
        return MATHJAX_FILE, "Formulas are typeset by MathJax 3.2.2 from a local copy (npm mathjax-full)."
    return MATHJAX_CDN, ("Formulas are typeset by MathJax 3.2.2 from a public CDN (no local copy is installed: "
                         "run npm ci).")


def write_if_changed(path, data):
    """Write bytes unless the file already holds them; whether it was written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def load_for_preview(root, topic_slugs=(), progress=None):
    """Load and check the project, then render the chosen topics' notes: (project, notes, media)."""
    from .build import check, load, render
    from .cache import Cache
    from .problems import SourceError

    cache = Cache.for_project(Path(root).resolve())
    project, problems = load(root, cache)
    if problems and not project.topics:
        raise SourceError(problems)
    known = {t.slug for t in project.topics}
    unknown = [t for t in topic_slugs if t not in known]
    if unknown:
        from .problems import BuildError
        raise BuildError(f"unknown topic '{unknown[0]}' (known: {', '.join(sorted(known))})")
    drawn, _ = check(project, problems, cache, topic_slugs, progress=progress)
    if problems:
        raise SourceError(problems)
    notes, media, problems = render(project, drawn, cache, topic_slugs)
    if problems:
        raise SourceError(problems)
    return project, notes, media


def write_preview(root, out, topic_slugs=(), progress=None, extra_head=""):
    """Write index.html and one page per deck into ``out``; returns the pages written."""
    project, notes, media = load_for_preview(root, topic_slugs, progress)
    return write_pages(project, notes, media, out, topic_slugs, extra_head)


def write_pages(project, notes, media, out, topic_slugs=(), extra_head=""):
    """The preview pages for rendered notes."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("preview.css", "preview.js"):
        write_if_changed(out / name, (HERE / name).read_bytes())
    mathjax_src, mathjax_note = mathjax_source(project.root, out)
    page = Template((HERE / "page.html").read_text(encoding="utf-8"))
    card_css = css()
    model_by_type = models()
    rows, pages = [], []
    for topic in project.topics:
        if topic_slugs and topic.slug not in topic_slugs:
            continue
        topic_notes = notes[topic.slug]
        for note in topic_notes:
            for name in note.media:
                write_if_changed(out / name, media[name])
        tags = sorted({tag for note in topic_notes for tag in note.tags})
        body = "\n".join(card_block(note, model_by_type[note.type]) for note in topic_notes)
        title = f"ML Interview::{topic.deck}"
        path = out / f"{topic.slug}.html"
        write_if_changed(path, page.substitute(
            title=html.escape(title), heading=html.escape(title), card_css=card_css, mathjax_src=mathjax_src,
            mathjax_note=mathjax_note, body=body, tag_placeholder=f"ml::{topic.slug}::*", extra_head=extra_head,
            tag_options="".join(f'<option value="{html.escape(t)}">' for t in tags)).encode())
        pages.append(path)
        active = [card for card in topic.cards if not card.retired]
        count = sum(card.anki_cards() for card in active)
        rows.append(f'<tr><td><a href="{topic.slug}.html">{html.escape(title)}</a></td>'
                    f"<td>{len(active)}</td><td>{count}</td><td>{topic.slug}.apkg</td></tr>")
    cards_by_id = {card.id: card for card in project.cards()}
    concepts, _ = load_coverage(project.root, project.sources, set(cards_by_id), project.unreadable_ids)
    coverage_rows = "".join(
        f"<tr><td>{html.escape(title)} ({key})</td><td>{listed}</td><td>{covered}</td><td>{cards}</td></tr>"
        for key, title, listed, covered, cards in report(concepts, project.sources, project.cards()))
    index = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>ML Interview decks</title><link rel="stylesheet" href="preview.css">{extra_head}</head>'
        '<body class="preview"><header class="toolbar"><strong>ML Interview decks: preview</strong></header>'
        '<table class="decks"><tr><th>Deck</th><th>Notes</th><th>Cards</th><th>Package</th></tr>'
        + "".join(rows) + "</table>"
        '<table class="decks"><tr><th>Source document</th><th>Concepts listed</th><th>Covered</th>'
        "<th>Cards citing it</th></tr>" + coverage_rows + "</table></body></html>")
    write_if_changed(out / "index.html", index.encode())
    return [out / "index.html", *pages]
