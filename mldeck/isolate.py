"""Run author code (figures, code-card tests) in child processes with time and memory limits.

Each task runs in a process forked for it alone, so no task sees what another left behind, a task
that hangs is killed, and one that allocates without bound fails on its own.
"""
import os
import pickle
import resource
import select
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 3 << 30  # bytes of address space per task


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a task failed: the exception's type and message, and the traceback as (file, line) pairs."""

    kind: str
    message: str
    frames: tuple = ()

    def __str__(self):
        return f"{self.kind}: {self.message}" if self.message else self.kind

    def line_in(self, path, default):
        """The deepest line of ``path`` in the traceback, or ``default``."""
        lines = [line for filename, line in self.frames if Path(filename) == Path(path)]
        return lines[-1] if lines else default


def failure(error):
    """A picklable description of an exception."""
    frames = tuple((f.filename, f.lineno) for f in traceback.extract_tb(error.__traceback__))
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        frames += ((error.filename, error.lineno),)
    message = error.msg if isinstance(error, SyntaxError) else str(error)
    return Failure(type(error).__name__, message, frames)


def child(function, args, write_fd):
    """In the forked child: limit memory, silence output, run the task, send the pickled outcome."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):  # some sandboxes forbid it; the time limit still holds
        pass
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # fresh objects: another thread may hold the old ones' locks
    try:
        outcome = (True, function(*args))
    except MemoryError:
        outcome = (False, Failure("MemoryError", f"used more than {MEMORY_LIMIT >> 30} GB of memory"))
    except BaseException as error:  # author code may raise anything, SystemExit included
        outcome = (False, failure(error))
    try:
        data = pickle.dumps(outcome)
    except Exception as error:  # a result that cannot be pickled is a bug in the caller
        data = pickle.dumps((False, Failure("PicklingError", str(error))))
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(data)


def run(function, arg_tuples, jobs=None, seconds=60):
    """``function(*args)`` for each tuple, each in its own child process, ``jobs`` at a time.

    Returns (True, value) or (False, Failure) per tuple, in order. Fork happens from the calling
    thread only, so no lock another thread holds can deadlock a child.
    """
    pending = list(enumerate(arg_tuples))
    results = [None] * len(pending)
    jobs = max(1, jobs or os.cpu_count() or 1)
    running = {}  # read fd -> [index, pid, deadline, chunks]
    while pending or running:
        while pending and len(running) < jobs:
            index, args = pending.pop(0)
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                try:
                    child(function, args, write_fd)
                finally:
                    os._exit(0)
            os.close(write_fd)
            running[read_fd] = [index, pid, time.monotonic() + seconds, []]
        wait = max(0.0, min(entry[2] for entry in running.values()) - time.monotonic())
        ready, _, _ = select.select(list(running), [], [], wait)
        for fd in ready:
            data = os.read(fd, 1 << 20)
            if data:
                running[fd][3].append(data)
                continue
            index, pid, _, chunks = running.pop(fd)
            os.close(fd)
            os.waitpid(pid, 0)
            try:
                results[index] = pickle.loads(b"".join(chunks))
            except Exception:  # no or partial result: the child was killed (out of memory, a signal)
                results[index] = (False, Failure("WorkerDied", "the process running it died"))
        now = time.monotonic()
        for fd, (index, pid, deadline, _) in list(running.items()):
            if now >= deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(fd)
                del running[fd]
                results[index] = (False, Failure("TimeLimit", f"did not finish within {seconds} s"))
    return results
