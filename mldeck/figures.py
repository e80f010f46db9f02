"""Figures drawn by code: functions in ``figures/*.py`` rendered to PNG in ``media/figures/``, reproducibly.

A figure's key hashes everything that changes its pixels: its module, the shared style module
(``mldeck.style``, the only project code a figure module imports), this renderer and the versions of
matplotlib, NumPy and Pillow.
notes.lock records each figure's key and PNG hash; a build draws a figure again only when its key
changed, and never trusts a PNG whose hash does not match.
"""
import ast
import hashlib
import io
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import isolate
from .cache import digest
from .problems import Problem

RENDER_VERSION = "2"  # bump when draw() changes what it produces
PHONE_IMAGE_PX = 340  # a figure spans the card: about 340 CSS px on a 360 px phone
MIN_TEXT_PX = 8.5  # 12 pt text on a 6.6 in figure
TIMEOUT = 120  # seconds one figure may take


@dataclass(frozen=True, slots=True)
class FigureCode:
    """A function that draws a figure, where it is, and the key of everything its pixels depend on."""

    name: str
    path: str
    line: int
    function: str
    key: str


@dataclass(frozen=True, slots=True)
class RenderedFigure:
    """A figure's PNG and its collision-proof media name."""

    name: str
    png: bytes
    media_name: str


def style_source():
    """The shared figure style module's source."""
    return Path(__file__).with_name("style.py").read_bytes()


def discover(root: Path, problems: list[Problem], cache=None) -> tuple[dict[str, FigureCode], frozenset]:
    """Every figure function in ``figures/*.py`` by name, and names that a broken module may define.

    Modules are parsed, not imported: author code runs only in the process that draws a figure.
    """
    folder = Path(root) / "figures"
    found, maybe = {}, set()
    versions = ":".join(version(p) for p in ("matplotlib", "numpy", "pillow"))
    for path in sorted(folder.glob("*.py")):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith("_"):
            continue
        source = path.read_bytes()
        functions = cache.get_json("figcode", digest(rel, source)) if cache else None
        if functions is None:
            try:
                tree = ast.parse(source, rel)
            except SyntaxError as error:
                problems.append(Problem(rel, error.lineno or 1, f"syntax error: {error.msg}"))
                maybe |= {n.decode().replace("_", "-") for n in re.findall(rb"(?m)^def ([a-z]\w*)", source)}
                continue
            functions = [(node.name, node.lineno) for node in tree.body
                         if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
            if cache:
                cache.put_json("figcode", digest(rel, source), functions)
        module_key = digest(RENDER_VERSION, versions, style_source(), source)
        for function, line in functions:
            name = function.replace("_", "-")
            if name in found:
                first = found[name]
                problems.append(Problem(rel, line, f"duplicate figure name '{name}' (first defined at "
                                                   f"{first.path}:{first.line})"))
                continue
            found[name] = FigureCode(name, rel, line, function, digest(module_key, function)[:16])
    return found, frozenset(maybe)


def draw(root, path, function):
    """Import a figure module and draw one figure: (PNG bytes, smallest text in phone px, text)."""
    import importlib.util

    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from . import style

    spec = importlib.util.spec_from_file_location(f"mldeck_figures_{Path(path).stem}", Path(root) / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with matplotlib.rc_context(style.RC):
        fig = Figure(figsize=style.SIZE, layout="constrained")
        getattr(module, function)(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=style.DPI, metadata={"Software": None})
    scale = PHONE_IMAGE_PX / (fig.get_figwidth() * 72)
    texts = [(t.get_fontsize() * scale, t.get_text().strip()) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip()]
    smallest = min(texts, default=(99.0, ""))
    return buffer.getvalue(), smallest[0], smallest[1]


def warm_up():
    """Draw a throw-away figure once, so every forked drawing process inherits matplotlib's fonts and
    mathtext parser ready-made instead of building them again (a third of the drawing time)."""
    import matplotlib
    import PIL.Image  # noqa: F401
    from matplotlib.figure import Figure

    from . import style

    with matplotlib.rc_context(style.RC):
        fig = Figure(figsize=style.SIZE, layout="constrained")
        ax = fig.subplots()
        ax.plot([0, 1], [0, 1], label="$x^2$")
        ax.set_title("$\\alpha$")
        ax.legend()
        fig.savefig(io.BytesIO(), format="png", dpi=style.DPI)


def png_problem(data):
    """Why these bytes are not a usable figure, or None."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as error:  # any decoding failure means a damaged file
        return f"not a valid PNG ({error})"
    if image.format != "PNG":
        return f"not a PNG ({image.format})"
    extrema = image.convert("L").getextrema()
    if extrema[0] == extrema[1]:
        return "draws nothing (every pixel has the same colour)"
    return None


def media_name(name, png):
    """The name Anki stores the figure under: prefixed and content-hashed, so it never collides."""
    return f"mlinterview-fig-{name}-{hashlib.sha256(png).hexdigest()[:10]}.png"


def render_all(names: set, figures: dict, root: Path, lock, cache, problems: list[Problem], jobs: int | None = None,
               progress=None) -> dict[str, RenderedFigure]:
    """The named figures as PNG bytes, drawing only those whose committed or cached PNG is not current."""
    rendered, todo = {}, []
    for name in sorted(names):
        figure = figures[name]
        png = current_png(figure, root, lock, cache)
        if png is None:
            todo.append(figure)
        else:
            rendered[name] = RenderedFigure(name, png, media_name(name, png))
    if todo and progress:
        progress(f"Drawing {len(todo)} figure(s)")
    if todo:
        warm_up()
    results = isolate.run(draw, [(str(root), f.path, f.function) for f in todo], jobs, TIMEOUT)
    for figure, (ok, value) in zip(todo, results):
        if not ok:
            problems.append(Problem(figure.path, value.line_in(Path(root) / figure.path, figure.line),
                                    f"figure '{figure.name}' failed: {value}"))
            continue
        png, smallest, text = value
        problem = png_problem(png)
        if problem:
            problems.append(Problem(figure.path, figure.line, f"figure '{figure.name}' {problem}"))
            continue
        if smallest < MIN_TEXT_PX:
            problems.append(Problem(figure.path, figure.line,
                                    f"figure '{figure.name}': text '{text[:30]}' is {smallest:.1f} px on a phone (at "
                                    f"least {MIN_TEXT_PX}): use a larger font or a narrower figure"))
            continue
        cache.put("figure", figure.key, png)
        rendered[figure.name] = RenderedFigure(figure.name, png, media_name(figure.name, png))
    return rendered


def current_png(figure, root, lock, cache):
    """The committed PNG if notes.lock says it is current and its bytes match, else a cached one, else None."""
    entry = (lock.figures.get(figure.name) if lock else None) or {}
    path = Path(root) / "media" / "figures" / f"{figure.name}.png"
    if entry.get("key") == figure.key and path.is_file():
        png = path.read_bytes()
        if hashlib.sha256(png).hexdigest() == entry.get("png"):
            return png
    png = cache.get("figure", figure.key)
    return png if png is not None and png_problem(png) is None else None


def pngs_to_write(root, rendered):
    """(path, bytes) for each drawn figure whose file in media/figures/ is missing or different."""
    folder = Path(root) / "media" / "figures"
    return [(folder / f"{name}.png", figure.png) for name, figure in sorted(rendered.items())
            if not (folder / f"{name}.png").is_file() or (folder / f"{name}.png").read_bytes() != figure.png]


def stale_pngs(root, figures):
    """PNGs in media/figures/ that no figure function draws any more."""
    folder = Path(root) / "media" / "figures"
    return [path for path in sorted(folder.glob("*.png")) if path.stem not in figures] if folder.is_dir() else []
