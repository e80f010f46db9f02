"""`serve`: the live preview in a real browser — start, edit a card, see the page change, see a problem, stop."""
import re
import threading
import time
import urllib.request

import pytest

from conftest import HEADER, card
from test_preview import chromium

pytestmark = pytest.mark.slow


def wait_for(condition, seconds=30):
    """Poll ``condition`` until it holds; an element that a reload replaced mid-read counts as 'not yet'."""
    from selenium.common.exceptions import StaleElementReferenceException

    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except StaleElementReferenceException:
            pass
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_edit_reloads_page_problems_show_and_ctrl_c_stops(make_project, tmp_path):
    from mldeck.serve import serve

    root = make_project({"demo.md": HEADER + card("demo-a", back="The first answer.")})
    lines, stop = [], threading.Event()
    thread = threading.Thread(target=serve, args=(root, 0, False, lines.append, tmp_path / "preview", stop))
    thread.start()
    browser = chromium(1000)
    try:
        wait_for(lambda: any(line.startswith("Serving the preview at") for line in lines))
        address = re.search(r"http://127\.0\.0\.1:\d+/", "\n".join(lines)).group(0)
        browser.get(address + "demo.html")
        wait_for(lambda: "The first answer." in browser.page_source)

        (root / "cards" / "demo.md").write_text(HEADER + card("demo-a", back="An edited answer."))
        wait_for(lambda: "An edited answer." in browser.page_source)  # the page reloaded itself

        (root / "cards" / "demo.md").write_text(HEADER + card("demo-a", back="Broken $x."))
        wait_for(lambda: "unbalanced '$'" in browser.find_element("tag name", "body").text)
        assert any(line.startswith("cards/demo.md:18: unbalanced '$'") for line in lines)  # and in the terminal
    finally:
        browser.quit()
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive() and lines[-1] == "Stopped."
    with pytest.raises(OSError):
        urllib.request.urlopen(address, timeout=2)


def test_serve_listens_only_on_loopback(make_project, tmp_path):
    from mldeck.serve import serve

    lines, stop = [], threading.Event()
    thread = threading.Thread(target=serve, args=(make_project(), 0, False, lines.append, tmp_path / "p", stop))
    thread.start()
    try:
        wait_for(lambda: any(line.startswith("Serving the preview at http://127.0.0.1:") for line in lines))
    finally:
        stop.set()
        thread.join(timeout=10)
