"""Run each code card's Python and its ``test`` asserts, in isolated workers, reporting failures at file lines."""
import ast
import functools
import sys
from importlib.metadata import PackageNotFoundError, version

from . import isolate
from .cache import digest
from .problems import Problem

TIMEOUT = 30  # seconds one card's code and test may take


def python_blocks(card):
    """The card's Python code blocks, in order."""
    return [code for code in card.code if code.language in ("python", "py")]


def execute(path, chunks):
    """Run (source, first file line) chunks in one namespace, so tracebacks name real file lines."""
    namespace = {"__name__": "__card__"}
    for source, line in chunks:
        tree = ast.parse(source, path)
        ast.increment_lineno(tree, line - 1)
        exec(compile(tree, path, "exec"), namespace)


@functools.lru_cache(maxsize=1)
def numpy_version():
    try:
        return version("numpy")
    except PackageNotFoundError:
        return ""


def run_tests(cards: list, root, cache, problems: list[Problem], jobs: int | None = None) -> None:
    """Run every code card's code and test (passes are cached by code); failures become problems."""
    todo = []
    for card in cards:
        blocks = python_blocks(card)
        if not blocks or not card.test.text or card.broken:
            continue
        chunks = [(block.text, block.line) for block in blocks] + [(card.test.text, card.test.line)]
        key = digest("codetest", sys.version, numpy_version(), *[source for source, _ in chunks])
        if cache.get_json("codetest", key) != "passed":
            todo.append((card, chunks, key))
    if not todo:
        return
    try:
        import numpy  # noqa: F401  (loaded once here, shared by every forked worker)
    except ImportError:
        pass
    results = isolate.run(execute, [(str(root / card.path), chunks) for card, chunks, _ in todo], jobs, TIMEOUT)
    for (card, chunks, key), (ok, value) in zip(todo, results):
        if ok:
            cache.put_json("codetest", key, "passed")
            continue
        line = value.line_in(root / card.path, chunks[0][1])
        shown = source_line(root / card.path, line) if value.kind == "AssertionError" and not value.message else ""
        what = f"{value.kind}: {value.message}" if value.message else value.kind
        problems.append(Problem(card.path, line, f"code card '{card.id}' fails: {what}" +
                                (f" ({shown})" if shown else "")))


def source_line(path, line):
    """The text of one file line, for messages."""
    try:
        return path.read_text(encoding="utf-8").split("\n")[line - 1].strip()
    except (OSError, IndexError, UnicodeDecodeError):
        return ""
