"""Find figure functions in ``figures/*.py`` and render them to PNG, reproducibly."""
import hashlib
import importlib.util
import inspect
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

SIZE = (6, 3.6)  # inches; at 200 dpi a 1200 px wide PNG, 2x for a 600 px card
DPI = 200
STYLE = {"font.size": 12, "axes.titlesize": 12, "axes.labelsize": 12, "legend.fontsize": 11,
         "svg.hashsalt": "mlinterview", "savefig.facecolor": "white", "figure.facecolor": "white"}


@dataclass(frozen=True)
class FigureCode:
    """A function that draws a figure, and a key that changes when its module does."""

    name: str
    path: str
    line: int
    module: str
    function: str
    key: str


@dataclass(frozen=True)
class RenderedFigure:
    """A figure's PNG and its collision-proof media name."""

    name: str
    png: Path
    media_name: str


def discover(root, problems):
    """Every public function in ``figures/*.py``, by figure name."""
    found = {}
    for path in sorted((Path(root) / "figures").glob("*.py")):
        rel = path.relative_to(root).as_posix()
        module = import_module(path, rel, problems)
        if module is None:
            continue
        digest = hashlib.sha256(path.read_bytes() + mpl_version().encode()).hexdigest()
        for function_name, function in sorted(vars(module).items()):
            if function_name.startswith("_") or not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            name = function_name.replace("_", "-")
            line = function.__code__.co_firstlineno
            if name in found:
                first = found[name]
                problems.append(Problem(rel, line, f"duplicate figure name '{name}' (first defined at {first.path}:{first.line})"))
                continue
            key = hashlib.sha256(f"{digest}:{function_name}".encode()).hexdigest()[:16]
            found[name] = FigureCode(name, rel, line, module.__name__, function_name, key)
    return found


def mpl_version():
    """The installed matplotlib version, without importing matplotlib."""
    from importlib.metadata import version
    return version("matplotlib")


def import_module(path, rel, problems):
    """Import a figures module by path, reporting failures at their line."""
    name = f"mldeck_figures_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        problems.append(Problem(rel, error.lineno or 1, f"syntax error: {error.msg}"))
        return None
    except Exception as error:  # an author's module may fail in any way
        problems.append(Problem(rel, error_line(error, path), f"cannot import: {type(error).__name__}: {error}"))
        return None
    sys.modules[name] = module
    return module


def error_line(error, path):
    """The deepest line of ``path`` in the error's traceback."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename) == Path(path)]
    return lines[-1] if lines else 1


def render(figure, cache_dir):
    """Draw one figure to PNG bytes (cached by its module's hash)."""
    cached = Path(cache_dir) / f"{figure.name}-{figure.key}.png"
    if cached.exists():
        return cached
    import matplotlib
    from matplotlib.figure import Figure

    function = getattr(sys.modules[figure.module], figure.function)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=SIZE, layout="constrained")
        function(fig)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        fig.savefig(partial, format="png", dpi=DPI, metadata={"Software": None})
    os.replace(partial, cached)
    return cached


def render_all(names, figures, root, cache_dir, problems, progress=None):
    """Render the named figures; failures become problems naming the figure."""
    rendered = {}
    for name in progress(sorted(names)) if progress else sorted(names):
        figure = figures[name]
        try:
            png = render(figure, cache_dir)
        except Exception as error:  # an author's drawing code may fail in any way
            line = error_line(error, Path(root) / figure.path) if error.__traceback__ else figure.line
            problems.append(Problem(figure.path, line, f"figure '{name}' failed: {type(error).__name__}: {error}"))
            continue
        digest = hashlib.sha256(png.read_bytes()).hexdigest()[:10]
        rendered[name] = RenderedFigure(name, png, f"mlinterview-fig-{name}-{digest}.png")
    return rendered
