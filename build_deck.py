"""Compile the Markdown cards in cards/ into Anki decks in dist/."""
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from mldeck.problems import BuildError, SourceError


def project_root():
    """The project folder: the nearest folder at or above the current one with cards/ and sources.yaml."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "cards").is_dir() and (folder / "sources.yaml").is_file():
            return folder
    return here


def fail(error):
    """Print every problem as path:line: message, then exit 1."""
    if isinstance(error, SourceError):
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s) found; nothing was written.")
    raise click.ClickException(str(error))


def say(message):
    """A progress line on stderr."""
    click.echo(message, err=True)


def package_version():
    try:
        return version("ml-interview-flashcards")
    except PackageNotFoundError:
        return "unknown"


@click.group()
@click.version_option(package_version(), prog_name="build-deck")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder with cards/ and sources.yaml (default: the current folder or the nearest above).")
@click.pass_context
def cli(ctx, root):
    """ML interview flashcards: compile cards/ into Anki decks."""
    ctx.obj = (root or project_root()).resolve()


jobs_option = click.option("--jobs", "-j", type=click.IntRange(1), default=None,
                           help="Worker processes for figures and code tests (default: one per core).")
cache_option = click.option("--no-cache", is_flag=True, help="Ignore .cache/ and do everything again.")


@cli.command()
@click.argument("topics", nargs=-1)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the decks here instead of dist/ (then notes.lock and media/ are left alone).")
@jobs_option
@cache_option
@click.pass_obj
def build(root, topics, out, jobs, no_cache):
    """Build one .apkg per topic, plus ml-interview.apkg with every topic.

    Give TOPIC names (file names in cards/ without .md) to build only those decks.
    """
    from mldeck.build import build as run

    try:
        built = run(root, out, topics, jobs, not no_cache, progress=say)
    except (SourceError, BuildError) as error:
        fail(error)
    if built.unchanged:
        click.echo(f"Nothing changed since the last build: the {len(built.written)} deck(s) are up to date.")
        return
    for path, count in built.written:
        click.echo(f"{path}  ({count} notes)")
    for path in built.removed:
        click.echo(f"removed {path} (nothing builds it any more)")
    for note in built.notes:
        click.echo(f"note: {note}", err=True)


@cli.command()
@jobs_option
@cache_option
@click.pass_obj
def check(root, jobs, no_cache):
    """Check every source; print each problem as path:line: message.

    Besides what `build` refuses (anything Anki would show broken), this reports card-craft problems:
    two questions on a front, long answers and code, references the learner cannot see, guide names,
    formulas wider than a phone.
    """
    from mldeck.build import check_all

    try:
        summary, notes = check_all(root, jobs, not no_cache, progress=say)
    except (SourceError, BuildError) as error:
        fail(error)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    click.echo(summary)


@cli.command("list")
@click.option("--markdown", is_flag=True, help="Print the README's table of decks instead.")
@click.pass_obj
def list_topics(root, markdown):
    """Show every topic with its deck name, note count and card count (retired cards not counted)."""
    from mldeck.build import load

    project, problems = load(root)
    if problems:
        fail(SourceError(problems))
    rows = [(t, [c for c in t.cards if not c.retired]) for t in project.topics]
    total = [c for _, cards in rows for c in cards]
    for topic, cards in rows:
        n = sum(c.anki_cards() for c in cards)
        if markdown:
            if topic is rows[0][0]:
                click.echo("| Deck (file) | Notes | Cards | What it holds |\n| --- | ---: | ---: | --- |")
            click.echo(f"| [{topic.deck}](dist/{topic.slug}.apkg) | {len(cards)} | {n} | {topic.description} |")
        else:
            click.echo(f"{topic.slug:<24} {len(cards):>4} notes {n:>4} cards  ML Interview::{topic.deck}")
    n = sum(c.anki_cards() for c in total)
    if markdown:
        click.echo(f"| [Everything](dist/ml-interview.apkg) | {len(total)} | {n} | All decks above, as subdecks of "
                   "ML Interview |")
    else:
        click.echo(f"{'total':<24} {len(total):>4} notes {n:>4} cards")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the README's table of sources instead.")
@click.pass_obj
def coverage(root, markdown):
    """Report, per source document, the concepts it names and the cards that cover them."""
    from mldeck.build import load
    from mldeck.coverage import load_coverage, report

    project, problems = load(root)
    concepts, more = load_coverage(root, project.sources, {c.id for c in project.cards()}, project.unreadable_ids)
    rows = report(concepts, project.sources, project.cards())
    if markdown:
        click.echo("| Key | Guide | Concepts listed | Covered | Cards citing it |\n| --- | --- | ---: | ---: | ---: |")
        for key, title, listed, covered, cards in rows:
            source = project.sources[key]
            if source.seed:
                name = f"[{title}]({source.link})" if source.link else title
                click.echo(f"| `{key}` | {name}, {source.author} | {listed} | {covered} | {cards} |")
        others = [row for row in rows if not project.sources[row[0]].seed]
        cited = sum(1 for card in project.cards() if any(not project.sources[k].seed for k in card.sources
                                                          if k in project.sources))
        click.echo(f"| | {len(others)} further references: papers, books, courses, documentation | "
                   f"{sum(r[2] for r in others)} | {sum(r[3] for r in others)} | {cited} |")
    else:
        click.echo(f"{'source':<24} {'concepts':>8} {'covered':>8} {'cards':>6}  title")
        for key, title, listed, covered, cards in rows:
            click.echo(f"{key:<24} {listed:>8} {covered:>8} {cards:>6}  {title}")
    if problems or more:
        fail(SourceError(problems + more))


@cli.command()
@click.argument("topics", nargs=-1)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build/preview/).")
@click.pass_obj
def preview(root, topics, out):
    """Write a static HTML preview of every deck (or of the TOPICs given).

    Cards look as in Anki: the same field HTML, templates and stylesheet, formulas typeset by MathJax 3.
    Open index.html from the file system; no server is needed.
    """
    from mldeck.preview import write_preview

    try:
        pages = write_preview(root, out or root / "build" / "preview", topics, progress=say)
    except (SourceError, BuildError) as error:
        fail(error)
    click.echo(f"Wrote {len(pages)} pages; open {pages[0]}")


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--open/--no-open", "open_browser", default=False, help="Open the preview in a browser.")
@click.pass_obj
def serve(root, port, open_browser):
    """Serve the preview on 127.0.0.1 and rebuild it whenever a source file is saved.

    The open page reloads itself; problems show on the page and here as path:line: message.
    Stop with Ctrl-C.
    """
    from mldeck.serve import serve as run

    run(root, port, open_browser, say)


@cli.command()
@click.argument("topic")
@click.option("--type", "card_type", type=click.Choice(["basic", "cloze", "reversed"]), default="basic",
              show_default=True, help="The card's type (it can never change once released).")
@click.option("--after", "after", default=None, help="Put the card after this card id (default: end of the file).")
@click.option("--subtopic", default=None, help="Put the card at the end of this subtopic (a '# Heading').")
@click.option("--id", "card_id", default=None, help="The card's id (default: a fresh numbered id).")
@click.pass_obj
def new(root, topic, card_type, after, subtopic, card_id):
    """Add a card stub with a fresh id to cards/TOPIC.md and print where it is.

    The stub fails `check` until its TODO lines are replaced.
    """
    from mldeck.newcard import add_card

    try:
        path, line, chosen = add_card(root, topic, card_type, after, subtopic, card_id)
    except (SourceError, BuildError) as error:
        fail(error)
    click.echo(f"{path}:{line}: new {card_type} card '{chosen}': replace its TODO lines")


@cli.command()
@click.option("--collection", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The collection.anki2 file (default: the profile's, in Anki's standard folder).")
@click.option("--profile", default=None, help="Anki profile name (default: the only or the first profile).")
@click.option("--dry-run", is_flag=True, help="Only list what would be added, changed and retired.")
@click.pass_obj
def push(root, collection, profile, dry_run):
    """Put dist/ml-interview.apkg straight into an Anki collection (Anki must be closed).

    Notes are updated in place by their GUID, exactly as importing the .apkg would; review history
    is never touched. Build first: `build-deck build`.
    """
    from mldeck.push import push as run

    try:
        report = run(root, collection, profile, dry_run)
    except BuildError as error:
        fail(error)
    click.echo(report)


@cli.command()
@click.option("--interview", type=click.DateTime(["%Y-%m-%d"]), required=True, help="The interview date (YYYY-MM-DD).")
@click.option("--minutes", type=click.IntRange(1), default=None, help="Minutes a day you can study.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Start date (default: today).")
@click.option("--spare-days", type=click.IntRange(0), default=3, show_default=True,
              help="Days before the interview with no new cards, for reviews only.")
@click.pass_obj
def plan(root, interview, minutes, today, spare_days):
    """How many new cards a day finish each priority tier before an interview date."""
    from datetime import date

    from mldeck.build import load
    from mldeck.plan import make_plan

    project, problems = load(root)
    if problems:
        fail(SourceError(problems))
    start = today.date() if today else date.today()
    try:
        click.echo(make_plan(project.cards(), start, interview.date(), minutes, spare_days))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--interview") from None


@cli.command()
@click.argument("version_name", metavar="VERSION")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Release date (default: today).")
@click.pass_obj
def release(root, version_name, day):
    """Release the decks as VERSION: record it, add a CHANGELOG.md section, rebuild dist/.

    The changelog lists the cards added, changed and retired since the last release, each with its question.
    """
    from datetime import date

    from mldeck.release import release as run

    try:
        section = run(root, version_name, (day.date() if day else date.today()).isoformat(), say)
    except (SourceError, BuildError) as error:
        fail(error)
    click.echo(section)


def main():
    """Entry point for the build-deck console command."""
    cli()


if __name__ == "__main__":
    main()
