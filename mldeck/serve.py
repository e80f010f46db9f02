"""A live preview for authors: served on 127.0.0.1, rebuilt when a source is saved, reloaded in the browser."""
import functools
import json
import threading
import time
import webbrowser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .problems import BuildError, SourceError

WATCHED = ("cards", "figures", "media", "coverage")
RELOAD = """<script>
(() => {
  let seen = null;
  async function poll() {
    try {
      const status = await (await fetch("/__status", {cache: "no-store"})).json();
      if (seen !== null && status.version !== seen) { location.reload(); return; }
      seen = status.version;
      let box = document.getElementById("problems");
      if (status.problems.length && !box) {
        box = document.createElement("pre");
        box.id = "problems";
        document.body.prepend(box);
      }
      if (box) { box.textContent = status.problems.join("\\n"); box.hidden = !status.problems.length; }
    } catch (error) { /* the server is restarting or stopped */ }
    setTimeout(poll, 400);
  }
  poll();
})();
</script>
<style>#problems { position: sticky; top: 0; z-index: 9; margin: 0; padding: 0.8em 1em; background: #ffebe9;
  color: #82071e; border-bottom: 2px solid #cf222e; white-space: pre-wrap; font-size: 13px; }</style>"""


class Status:
    """What the page polls: a version that changes with every rebuild, and the current problems."""

    def __init__(self):
        self.version, self.problems = 0, []
        self.lock = threading.Lock()

    def update(self, problems):
        with self.lock:
            self.version += 1
            self.problems = [str(p) for p in problems]

    def json(self):
        with self.lock:
            return json.dumps({"version": self.version, "problems": self.problems}).encode()


class Handler(SimpleHTTPRequestHandler):
    """Static files from the preview folder, plus /__status; no request logging."""

    def __init__(self, *args, status, **kwargs):
        self.status = status
        super().__init__(*args, **kwargs)

    def do_GET(self):
        if self.path.split("?")[0] == "/__status":
            body = self.status.json()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def snapshot(root):
    """(path, modification time, size) of every watched source file."""
    root = Path(root)
    paths = [root / "sources.yaml"] + [p for folder in WATCHED if (root / folder).is_dir()
                                       for p in (root / folder).rglob("*") if "media/figures" not in p.as_posix()]
    state = []
    for path in sorted(paths):
        try:
            info = path.stat()
            state.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            pass
    return state


def rebuild(root, out, status, say):
    """Render the preview again (through the build cache); report problems on the page and here."""
    from .preview import write_preview

    start = time.monotonic()
    try:
        write_preview(root, out, extra_head=RELOAD)
    except SourceError as error:
        for problem in error.problems:
            say(str(problem))
        say(f"{len(error.problems)} problem(s); the page shows them until they are fixed")
        status.update(error.problems)
        return
    except BuildError as error:
        say(str(error))
        status.update([str(error)])
        return
    status.update([])
    say(f"rebuilt in {time.monotonic() - start:.1f} s")


def serve(root, port=8000, open_browser=False, say=print, out=None, stop=None):
    """Serve until Ctrl-C (or until ``stop`` is set): rebuild the preview on every change to a source."""
    root = Path(root).resolve()
    out = Path(out) if out else root / "build" / "preview"
    out.mkdir(parents=True, exist_ok=True)
    status = Status()
    rebuild(root, out, status, say)
    if not (out / "index.html").exists():
        (out / "index.html").write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{RELOAD}</head><body>"
                                        "Fix the problems shown to see the preview.</body></html>")
    handler = functools.partial(Handler, directory=str(out), status=status)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"Serving the preview at {address} (Ctrl-C stops it)")
    if open_browser:
        webbrowser.open(address)
    seen = snapshot(root)
    try:
        while not (stop and stop.is_set()):
            time.sleep(0.2)
            now = snapshot(root)
            if now != seen:
                seen = now
                rebuild(root, out, status, say)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        say("Stopped.")
    return address
