"""The standalone HTML page in a real browser: headless Chromium, opened from disk.

Needs Debian's Chromium at /usr/bin/chromium (or `chromium` on PATH) and
Playwright for Python; Playwright's own browser download is not used.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annobib.formats import render_document
from annobib.read import read_files
from annobib.render import build_document
from annobib.select import Selection, select

pytestmark = [pytest.mark.browser, pytest.mark.slow]

INSTALL_HINT = ("install Chromium and Playwright for Python to run the browser tests: "
                "`apt-get install chromium` and `pip install playwright` (no `playwright install` needed)")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

BIB = r"""
@article{blonk2010,
  author = {Blonk, Maren I. and K{\"o}der, Brigitte G.},
  title = {Use of oral ketamine in chronic pain management: a review},
  journal = {European Journal of Pain}, year = {2010},
  keywords = {review; oral; dosing},
  annote = {Narrative review of oral dosing in chronic pain.}
}
@article{persson1995,
  author = {Persson, J.},
  title = {Beneficial effects of ketamine in allodynia},
  journal = {Pain}, year = {1995},
  keywords = {case report; allodynia},
  annote = {A single patient; boluses during wound dressing.}
}
@online{tips,
  author = {{Colorado Hospital Association}},
  title = {Oral Ketamine Tip Sheet},
  url = {https://example.org/tips.pdf},
  keywords = {clinical tip sheet; oral; dosing},
  annote = {Start at 25--50 mg three times daily <script>window.injected = true</script>.}
}
@article{niesters2014,
  author = {Niesters, Marieke},
  title = {Ketamine for chronic pain: risks and benefits},
  journal = {Br J Clin Pharmacol}, year = {2014},
  keywords = {review; neuropathic pain; safety},
  annote = {Reviews liver and bladder harm.}
}
"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip(f"Chromium not found; {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"Playwright for Python not installed; {INSTALL_HINT}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def write_page(folder: Path, *, group_by=None, selection: Selection | None = None, name="page.html") -> Path:
    selection = Selection() if selection is None else selection
    source = folder / "list.bib"
    source.write_text(BIB, encoding="utf-8")
    records = select(read_files([str(source)]).records, selection)
    document = build_document(records, "apa", group_by=group_by, title="Ketamine <reading> list",
                              standalone=True)
    path = folder / name
    path.write_text(render_document(document, "html"), encoding="utf-8")
    return path


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path):
        page = browser.new_page()
        page.requests, page.errors = [], []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def visible_keys(page) -> list[str]:
    return page.eval_on_selector_all(
        ".entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.key)")


def count(page) -> str:
    return page.locator("#count").inner_text()


def test_page_loads_from_disk_with_nothing_fetched(open_page, tmp_path):
    page = open_page(write_page(tmp_path))
    assert page.requests == [page.url] and page.errors == []
    assert page.locator(".controls").is_visible()  # the script ran and showed the controls
    assert count(page) == "Showing 4 of 4 entries"
    assert visible_keys(page) == ["blonk2010", "tips", "niesters2014", "persson1995"]
    assert page.title() == "Ketamine <reading> list"
    assert page.locator("h1").inner_text() == "Ketamine <reading> list"


def test_user_text_is_escaped(open_page, tmp_path):
    page = open_page(write_page(tmp_path))
    assert page.evaluate("window.injected") is None
    assert "<script>window.injected = true</script>" in page.locator("[data-key=tips] .annotation").inner_text()


def test_search_narrows_as_you_type_ignoring_case_and_accents(open_page, tmp_path):
    page = open_page(write_page(tmp_path))
    search = page.locator("#search")
    search.press_sequentially("ORAL")
    assert visible_keys(page) == ["blonk2010", "tips"]
    assert count(page) == "Showing 2 of 4 entries"
    search.press_sequentially(" review")
    assert visible_keys(page) == ["blonk2010"]
    search.fill("koder")  # Köder, the second author
    assert visible_keys(page) == ["blonk2010"]
    search.fill("nothing like this")
    assert visible_keys(page) == [] and count(page) == "Showing 0 of 4 entries"
    assert page.locator("#no-match").is_visible()


def test_tag_buttons_filter_and_combine_with_search(open_page, tmp_path):
    page = open_page(write_page(tmp_path))
    page.locator(".tag-filters button.tag[data-tag='review']").click()
    assert visible_keys(page) == ["blonk2010", "niesters2014"]
    assert count(page) == "Showing 2 of 4 entries · tags: review"
    # A tag on an entry toggles the same filter; two tags narrow further (AND).
    page.locator("[data-key=blonk2010] button.tag[data-tag='dosing']").click()
    assert visible_keys(page) == ["blonk2010"]
    assert page.locator(".tag-filters button.tag[data-tag='dosing']").get_attribute("aria-pressed") == "true"
    page.locator(".tag-filters button.tag[data-tag='review']").click()
    assert visible_keys(page) == ["blonk2010", "tips"]  # only "dosing" left on
    page.locator("#search").fill("sheet")
    assert visible_keys(page) == ["tips"]
    page.locator("#clear").click()
    assert count(page) == "Showing 4 of 4 entries" and len(visible_keys(page)) == 4


def test_grouped_page_hides_empty_groups_and_counts_each_entry_once(open_page, tmp_path):
    page = open_page(write_page(tmp_path, group_by="tag"))
    assert count(page) == "Showing 4 of 4 entries"
    assert len(visible_keys(page)) > 4  # an entry under each of its tags
    page.locator(".tag-filters button.tag[data-tag='oral']").click()
    assert count(page) == "Showing 2 of 4 entries · tags: oral"
    headings = page.eval_on_selector_all(
        "h2.group-heading", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")
    assert headings == ["clinical tip sheet", "dosing", "oral", "review"]


def test_done_when_page_by_type_for_oral(open_page, tmp_path):
    page = open_page(write_page(tmp_path, group_by="type", selection=Selection(tags=("oral",))))
    assert count(page) == "Showing 2 of 2 entries"
    assert page.locator("h2.group-heading").all_inner_texts() == ["Journal articles", "Web pages"]
    page.locator("#search").fill("tip")
    assert visible_keys(page) == ["tips"]
    assert page.locator("h2.group-heading").first.is_hidden()


def test_print_stylesheet_hides_the_controls(open_page, tmp_path):
    page = open_page(write_page(tmp_path))
    page.emulate_media(media="print")
    assert page.locator(".controls").is_hidden()
    assert page.locator(".entry").first.is_visible()
    hanging = page.eval_on_selector(".csl-entry", "e => getComputedStyle(e).textIndent")
    assert hanging.startswith("-")


FOLDING_BIB = r"""
@article{ostergaard, author = {{\O}stergaard, S{\o}ren and B{\ae}k, {\L}ukasz}, title = {Stra{\ss}e study},
  journal = {J}, year = {2020}, annote = {The author{\textquoteright}s own trial.}}
@article{other, author = {Niesters, Marieke}, title = {Other}, journal = {J}, year = {2014}}
"""


@pytest.mark.parametrize("typed", ["Østergaard", "ostergaard", "baek", "Bæk", "lukasz", "Łukasz", "strasse",
                                   "author's", "author’s", "Søren Østergaard"])
def test_search_folds_letters_as_the_cli_does(open_page, tmp_path, typed):
    """Issue 15: ø, æ, ł, ß and curly apostrophes fold in the page as in ``--search``, and the
    page searches authors' full names (given names too), as ``--search`` does."""
    source = tmp_path / "fold.bib"
    source.write_text(FOLDING_BIB, encoding="utf-8")
    records = read_files([str(source)]).records
    assert [r.id for r in select(records, Selection(search=typed))] == ["ostergaard"]  # the CLI's answer
    path = tmp_path / "fold.html"
    path.write_text(render_document(build_document(records, "apa", standalone=True), "html"), encoding="utf-8")
    page = open_page(path)
    page.locator("#search").fill(typed)
    assert visible_keys(page) == ["ostergaard"]
