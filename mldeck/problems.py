"""Problems found in the card sources, reported as ``path:line: message``."""
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One mistake in a source file, at a 1-based line."""

    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


class SourceError(Exception):
    """The sources have problems; nothing was written."""

    def __init__(self, problems):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """The build cannot write its outputs (a full disk, a read-only folder); nothing was changed."""
