"""Compile the Markdown cards in cards/ into Anki decks in dist/."""
from pathlib import Path

import click

from mldeck.build import load, write_decks
from mldeck.problems import SourceError

ROOT = Path(__file__).resolve().parent


def progress(label):
    """A click progress bar over an iterable, for figure rendering."""
    def iterate(items):
        with click.progressbar(items, label=label, show_pos=True) as bar:
            yield from bar
    return iterate


def load_or_fail(root, with_figures=True, full=False):
    """Load the project, turning source problems into one clean CLI error."""
    try:
        return load(root, progress("Drawing figures") if with_figures else None, with_figures, full)
    except SourceError as error:
        fail(error)


def fail(error):
    """Print every problem as path:line: message, then exit 1."""
    for problem in error.problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(f"{len(error.problems)} problem(s) found; nothing was written.")


def check_topics(project, topics):
    """Reject topic names that have no file in cards/."""
    known = [t.slug for t in project.topics]
    for topic in topics:
        if topic not in known:
            raise click.BadParameter(f"unknown topic '{topic}' (known: {', '.join(known)})", param_hint="TOPIC")


@click.group()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=ROOT, show_default=False,
              help="Project folder with cards/, figures/ and media/ (default: this repository).")
@click.pass_context
def cli(ctx, root):
    """ML interview flashcards: compile cards/ into Anki decks."""
    ctx.obj = root


@cli.command()
@click.argument("topics", nargs=-1)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: dist/).")
@click.pass_obj
def build(root, topics, out):
    """Build one .apkg per topic, plus ml-interview.apkg with every topic.

    Give TOPIC names (file names in cards/ without .md) to build only those.
    """
    project, rendered = load_or_fail(root)
    check_topics(project, topics)
    written = write_decks(project, rendered, out or root / "dist", topics)
    for path, count in written:
        click.echo(f"{path}  ({count} notes)")


@cli.command()
@click.pass_obj
def check(root):
    """Check every card source; print each problem as path:line: message."""
    from mldeck import mathjax

    if not mathjax.available():
        click.echo("note: MathJax is not installed (npm ci), so formulas were only checked for known-bad commands.",
                   err=True)
    project, _ = load_or_fail(root, full=True)
    click.echo(f"OK: {len(project.cards())} cards in {len(project.topics)} topics, {len(project.figures)} figures.")


@cli.command("list")
@click.option("--markdown", is_flag=True, help="Print the README's table of decks instead.")
@click.pass_obj
def list_topics(root, markdown):
    """Show every topic with its deck name, note count and card count."""
    project, _ = load_or_fail(root, with_figures=False)
    total = sum(c.anki_cards() for c in project.cards())
    for topic in project.topics:
        cards = sum(c.anki_cards() for c in topic.cards)
        if markdown:
            click.echo(f"| [{topic.deck}](dist/{topic.slug}.apkg) | {len(topic.cards)} | {cards} | {topic.description} |")
        else:
            click.echo(f"{topic.slug:<24} {len(topic.cards):>4} notes {cards:>4} cards  ML Interview::{topic.deck}")
    if markdown:
        click.echo(f"| [Everything](dist/ml-interview.apkg) | {len(project.cards())} | {total} | All decks above, "
                   "as subdecks of ML Interview |")
    else:
        click.echo(f"{'total':<24} {len(project.cards()):>4} notes {total:>4} cards")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the README's table of sources instead.")
@click.pass_obj
def coverage(root, markdown):
    """Report, per source document, the concepts it names and the cards that cover them."""
    from mldeck.coverage import load_coverage, report

    project, _ = load_or_fail(root, with_figures=False)
    concepts, problems = load_coverage(root, project.sources, {c.id for c in project.cards()})
    rows = report(concepts, project.sources, project.cards())
    if markdown:
        click.echo("| Key | Guide | Concepts listed | Covered | Cards citing it |\n| --- | --- | ---: | ---: | ---: |")
        for key, title, listed, covered, cards in rows:
            source = project.sources[key]
            name = f"[{title}]({source.link})" if source.link else title
            click.echo(f"| `{key}` | {name}, {source.author} | {listed} | {covered} | {cards} |")
    else:
        click.echo(f"{'source':<12} {'concepts':>8} {'covered':>8} {'cards':>6}  title")
        for key, title, listed, covered, cards in rows:
            click.echo(f"{key:<12} {listed:>8} {covered:>8} {cards:>6}  {title}")
    if problems:
        fail(SourceError(problems))


@cli.command()
@click.argument("topics", nargs=-1)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build/preview/).")
@click.pass_obj
def preview(root, topics, out):
    """Write a static HTML preview of every deck (or of the TOPICs given).

    Cards look exactly as in Anki: same field HTML, templates and stylesheet, formulas typeset by MathJax 3.
    Open index.html from the file system; no server is needed.
    """
    from mldeck.preview import write_preview

    project, rendered = load_or_fail(root)
    check_topics(project, topics)
    pages = write_preview(project, rendered, out or root / "build" / "preview", topics)
    click.echo(f"Wrote {len(pages)} pages; open {pages[0]}")


def main():
    """Entry point for the build-deck console command."""
    cli(prog_name="build_deck.py")


if __name__ == "__main__":
    main()
