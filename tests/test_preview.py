"""The HTML preview, looked at in a real browser: Debian's chromium, headless, driven by Selenium."""
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def preview_dir(tmp_path_factory, repo_copy):
    from mldeck.preview import write_preview

    out = tmp_path_factory.mktemp("preview")
    write_preview(repo_copy, out)
    return out


def chromium(width):
    """Debian's chromium, headless, through its chromedriver (nothing is downloaded)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 "--disable-component-update", "--disable-sync", f"--window-size={width},900"):
        options.add_argument(flag)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="session")
def browser():
    driver = chromium(1200)
    yield driver
    driver.quit()


PHONE = 360  # px: the narrowest common phone


@pytest.fixture
def phone_browser():
    driver = chromium(PHONE + 40)
    yield driver
    driver.quit()


def open_page(browser, path, query=""):
    """Load a page and wait until MathJax has typeset it."""
    browser.get(Path(path).as_uri() + query)
    deadline = time.monotonic() + 60
    while browser.execute_script("return document.body.dataset.mathjax") != "done":
        assert time.monotonic() < deadline, f"MathJax never finished on {path}"
        time.sleep(0.1)


def deck_pages(preview_dir):
    return sorted(p for p in preview_dir.glob("*.html") if p.name != "index.html")


def test_index_lists_every_deck_with_counts(preview_dir, project, browser):
    browser.get((preview_dir / "index.html").as_uri())
    rows = browser.find_elements("css selector", "table.decks tr")
    text = "\n".join(r.text for r in rows)
    for topic in project.topics:
        assert f"ML Interview::{topic.deck} {sum(not c.retired for c in topic.cards)} " in text
    assert "local copy" in (preview_dir / "statistics.html").read_text()


def test_every_page_typesets_every_formula_loads_every_image_and_logs_no_error(preview_dir, browser):
    pages = deck_pages(preview_dir)
    assert pages
    for page in pages:
        browser.get_log("browser")  # drop what earlier pages logged
        open_page(browser, page)
        formulas = browser.execute_script("return document.querySelectorAll('.arithmatex').length")
        typeset = browser.execute_script("return document.querySelectorAll('.arithmatex mjx-container').length")
        errors = browser.execute_script("return document.querySelectorAll('[data-mml-node=merror]').length")
        assert typeset == formulas, f"{page.name}: {formulas - typeset} formulas not typeset"
        assert errors == 0, f"{page.name}: {errors} MathJax errors"
        broken = browser.execute_script(
            "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        assert broken == [], f"{page.name}: images not loaded: {broken}"
        severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert severe == [], f"{page.name}: console errors: {severe}"


def test_tag_filter_shows_exactly_the_matching_cards(preview_dir, browser):
    page = preview_dir / "statistics.html"
    open_page(browser, page)
    tags = browser.execute_script("return [...document.querySelectorAll('.pair')].map(p => p.dataset.tags.split(' '))")
    subtopic = sorted({t for ts in tags for t in ts if t.startswith("ml::statistics::")})[0]
    expected = sum(1 for ts in tags if subtopic in ts)
    assert 0 < expected < len(tags)
    box = browser.find_element("id", "tag-filter")
    box.send_keys("ml::statistics::*")
    assert browser.execute_script("return document.querySelectorAll('.pair:not(.hidden)').length") == len(tags)
    box.clear()
    box.send_keys(subtopic)
    assert browser.execute_script("return document.querySelectorAll('.pair:not(.hidden)').length") == expected
    box.clear()
    box.send_keys("ml::no-such-topic")
    assert browser.execute_script("return document.querySelectorAll('.pair:not(.hidden)').length") == 0


def test_text_filter_and_night_mode(preview_dir, browser):
    open_page(browser, preview_dir / "statistics.html", "?night=1")
    assert "nightMode" in browser.find_element("tag name", "body").get_attribute("class")
    background = browser.execute_script(
        "return getComputedStyle(document.querySelector('.card')).backgroundColor")
    assert background == "rgb(30, 30, 30)"
    browser.find_element("id", "text-filter").send_keys("zzzz-not-a-word")
    assert browser.execute_script("return document.querySelectorAll('.pair:not(.hidden)').length") == 0


def test_no_card_or_display_formula_is_wider_than_a_phone(preview_dir, phone_browser):
    # check's width limit assumes a taller x-height than any font measured, so formulas keep a margin
    widest = (0.0, "")
    for page in deck_pages(preview_dir):
        open_page(phone_browser, page, "?phone=1")
        width = phone_browser.execute_script("return document.querySelector('.pair').getBoundingClientRect().width")
        assert width == PHONE
        wide = phone_browser.execute_script(
            "return [...document.querySelectorAll('.card .front, .card .back, .card .extra, .card div.arithmatex')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 2).map(e => e.closest('.pair').id)")
        assert wide == [], f"{page.name}: content wider than a {PHONE} px phone screen in {wide}"
        ratios = phone_browser.execute_script(
            "return [...document.querySelectorAll('.card .front svg, .card .back svg, .card .extra svg')]"
            ".filter(s => s.closest('mjx-container')).map(s => [s.getBoundingClientRect().width / "
            "s.closest('.front, .back, .extra').clientWidth, s.closest('.pair').id])")
        widest = max([widest, *map(tuple, ratios)])
    assert widest[0] < 0.98, f"{widest[1]}: a formula fills {widest[0]:.0%} of a phone's width"


def test_night_mode_inverts_figures_and_keeps_text_light(preview_dir, browser):
    page = next(p for p in deck_pages(preview_dir) if 'class="drawn"' in p.read_text())
    open_page(browser, page, "?night=1")
    image = browser.find_element("css selector", ".card img.drawn")
    assert "invert" in browser.execute_script("return getComputedStyle(arguments[0]).filter", image)
    colour = browser.execute_script("return getComputedStyle(document.querySelector('.card .back')).color")
    assert colour == "rgb(230, 237, 243)"
