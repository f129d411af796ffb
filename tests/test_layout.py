"""What a reader sees on a phone and on paper, measured in headless Chromium.

* At 390 px wide, on every built page: no table cell narrower than 64 px, no word broken
  inside a cell, the page itself never scrolls sideways, and a table that does not fit
  scrolls in its own named, keyboard-focusable region with a visible hint.
* On a desktop, one search box; on the search page, the magnifier beside the typed text.
* Search finds "287(g)", "§ 111" and "I-247A" as phrases: it lists only pages that contain
  the phrase, shows the phrase in each snippet and highlights the phrase, not single letters.
* The whole book as printed (knowtheline.handouts.book, print media): no scroll box, no
  clipped table, no word broken inside a table cell.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import HTML, built_pages

pytestmark = [pytest.mark.browser, pytest.mark.built]

PHONE = 390
MIN_CELL = 64  # CSS px

# Problems with the tables of the current page, as text (empty: none). Runs in the page.
TABLE_PROBLEMS = r"""
const problems = [];
const say = (what, el) => problems.push(what + ': ' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60));
const hidden = (el) => { for (let e = el; e; e = e.parentElement) { const r = e.getBoundingClientRect(); if (r.width <= 1 || r.height <= 1) return true; } return false; };
const breakable = /[-\u2010-\u2014\/]/;  // a line may break after a hyphen, dash or slash
for (const cell of document.querySelectorAll('#main-content td, #main-content th, main td, main th, body > section td, body > section th')) {
  const box = cell.getBoundingClientRect();
  if (!cell.getClientRects().length || hidden(cell)) continue;
  const style = getComputedStyle(cell);
  if (box.width < arguments[0] - 0.5) say(`cell ${box.width.toFixed(0)} px wide`, cell);
  if (['anywhere', 'break-word'].includes(style.overflowWrap) || style.wordBreak === 'break-all')
    say(`cell breaks words (overflow-wrap: ${style.overflowWrap}; word-break: ${style.wordBreak})`, cell);
  if (cell.scrollWidth > cell.clientWidth + 1) say(`text overflows its cell by ${cell.scrollWidth - cell.clientWidth} px`, cell);
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /\S+/g;
    let m;
    while ((m = re.exec(node.data))) {
      if (breakable.test(m[0])) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (lines.size > 1) { problems.push(`word split over ${lines.size} lines: "${m[0]}"`); }
    }
  }
}
return problems;
"""

SCROLL_PROBLEMS = r"""
const problems = [];
if (document.documentElement.scrollWidth > window.innerWidth)
  problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${window.innerWidth}`);
for (const box of document.querySelectorAll('#main-content *')) {
  const style = getComputedStyle(box);
  if (!['auto', 'scroll'].includes(style.overflowX) || box.scrollWidth <= box.clientWidth + 1 || !box.querySelector('table')) continue;
  const name = box.getAttribute('aria-label') || '';
  const hint = getComputedStyle(box, '::before').content;
  if (box.getAttribute('role') !== 'region' || !name.trim()) problems.push(`a sideways scroller is not a named region: ${box.outerHTML.slice(0, 100)}`);
  if (box.tabIndex !== 0) problems.push(`a sideways scroller cannot be reached by keyboard: ${name}`);
  const words = document.documentElement.lang === 'es' ? /deslice/i : /scroll/i;  // the hint in the page's language
  if (!hint || hint === 'none' || !words.test(hint)) problems.push(`a sideways scroller has no visible hint: ${name}`);
}
return problems;
"""

# Print: every element that keeps part of its content out of sight (a scroll box, a clipped
# max-height, a table wider than the page).
PRINT_PROBLEMS = r"""
// Printing lays out everything, also what content-visibility: auto skips off screen here.
const all = document.createElement('style');
all.textContent = '* { content-visibility: visible !important; }';
document.head.appendChild(all);
const problems = [];
const pageWidth = document.documentElement.clientWidth;
for (const el of document.body.querySelectorAll('*')) {
  if (!el.getClientRects().length) continue;
  const style = getComputedStyle(el);
  const clips = (o) => ['auto', 'scroll', 'hidden', 'clip'].includes(o);
  if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;  // visually hidden helpers
  const tall = el.scrollHeight > el.clientHeight + 2, wide = el.scrollWidth > el.clientWidth + 2;
  if ((clips(style.overflowY) && tall) || (clips(style.overflowX) && wide))
    problems.push(`${el.tagName.toLowerCase()}.${el.className} hides part of its content (overflow ${style.overflowX}/${style.overflowY}, max-height ${style.maxHeight}): ${el.textContent.trim().slice(0, 50)}`);
  // a collapsed border's outer half lies outside the table's box: keep a pixel clear of the edge
  if (el.tagName === 'TABLE' && el.getBoundingClientRect().right > pageWidth - 1)
    problems.push(`table reaches the page edge (its border is cut off): ${el.textContent.trim().slice(0, 50)}`);
}
return problems;
"""


def pages() -> list[str]:
    return [str(p.relative_to(HTML)) for p in built_pages()]


def phone(browser, width: int = PHONE, height: int = 844) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def settle(browser) -> None:
    """Wait for the page's scripts (the theme marks scrollable tables after load)."""
    end = time.time() + 5
    while time.time() < end and browser.execute_script("return document.readyState") != "complete":
        time.sleep(0.05)
    time.sleep(0.4)


def test_tables_read_on_a_phone(site, browser):
    """Every page at 390 px: cells at least 64 px wide, no word broken, no sideways page;
    a table too wide for the screen scrolls in its own labelled, focusable region with a hint."""
    phone(browser)
    found = {}
    for page in pages():
        browser.get(f"{site}/{page}")
        settle(browser)
        browser.execute_script("document.querySelectorAll('#main-content details').forEach(d => d.open = true)")
        time.sleep(0.1)
        problems = browser.execute_script(TABLE_PROBLEMS, MIN_CELL) + browser.execute_script(SCROLL_PROBLEMS)
        if problems:
            found[page] = sorted(set(problems))[:8]
    assert not found, "\n".join(f"{page}: {problems}" for page, problems in found.items())


def test_comparison_tables_stack_as_labelled_cards_on_a_phone(site, browser):
    """The officer comparison tables become one card per row at 390 px, each answer under
    its column's heading; on a desktop they are tables again."""
    page = "chapters/01-federal-vs-local.html"
    assert "ICE officer" in (HTML / page).read_text(encoding="utf-8")
    read = ("const t = [...document.querySelectorAll('#main-content table')].find(t => /ICE officer/.test(t.tHead && t.tHead.textContent));"
            "const cell = t.tBodies[0].rows[0].cells[1];"
            "return [getComputedStyle(t).display, getComputedStyle(cell, '::before').content, cell.getBoundingClientRect().width,"
            "        t.getBoundingClientRect().width]")
    phone(browser)
    browser.get(f"{site}/{page}")
    settle(browser)
    display, label, cell_width, table_width = browser.execute_script(read)
    assert display == "block" and label == '"ICE officer"', (display, label)
    assert cell_width >= table_width - 40  # a card answer takes the card's width
    phone(browser, 1366, 900)
    browser.get(f"{site}/{page}")
    settle(browser)
    display, label, _, _ = browser.execute_script(read)
    assert display == "table" and label in ("none", "normal"), (display, label)


VISIBLE_SEARCH = ("return [...document.querySelectorAll('.search-button-field, .search-button, form.bd-search')]"
                  ".filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);"
                  " return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.bottom > 0 && r.top < innerHeight; }).length")


@pytest.mark.parametrize("width", [1366, 1000, 961, PHONE])
def test_one_search_box_on_screen(site, browser, width):
    """The first screen of a chapter shows one way to search, not a header pill above the
    sidebar's own box."""
    phone(browser, width, 900)
    browser.get(f"{site}/{pages_of('chapters/')[0]}")
    settle(browser)
    assert browser.execute_script(VISIBLE_SEARCH) == 1


def pages_of(prefix: str) -> list[str]:
    return [p for p in pages() if p.startswith(prefix)]


def test_search_icon_leaves_the_typed_text_clear(site, browser):
    """On the search page the magnifier sits before the query, not over its first letter."""
    browser.get(f"{site}/search.html?q=287(g)")
    settle(browser)
    icon_right, text_left = browser.execute_script(
        "const f = [...document.querySelectorAll('form.bd-search')].find(f => f.getBoundingClientRect().width > 0);"
        "const i = f.querySelector('.fa-magnifying-glass'), input = f.querySelector('input');"
        "return [i.getBoundingClientRect().right, input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft)]")
    assert icon_right <= text_left, f"the magnifier (right edge {icon_right}) covers the text (from {text_left})"


def search(browser, site, query: str) -> dict:
    browser.get(f"{site}/search.html?q={quote(query)}")
    done = "const s = document.querySelector('#search-results .search-summary'); return !!(s && s.textContent)"
    end = time.time() + 15
    while time.time() < end and not browser.execute_script(done):
        time.sleep(0.1)
    time.sleep(0.5)  # snippets arrive one by one
    return browser.execute_script(
        "return {links: [...document.querySelectorAll('#search-results ul.search li > a')].map(a => a.getAttribute('href')),"
        " snippets: [...document.querySelectorAll('#search-results ul.search li p.context')].map(p => p.textContent),"
        " marked: [...document.querySelectorAll('#search-results .highlighted')].map(m => m.textContent),"
        " summary: (document.querySelector('#search-results .search-summary') || {}).textContent,"
        " stored: localStorage.getItem('sphinx_highlight_terms')}")


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize("phrase", ["287(g)", "§ 111", "I-247A"])
def test_search_finds_a_phrase(site, browser, phrase):
    """Only pages that contain the phrase are listed; every snippet shows it; only the phrase
    is highlighted (not every letter g); the page opened next highlights it too."""
    found = search(browser, site, phrase)
    assert found["links"], f"no results for {phrase!r}: {found['summary']!r}"
    pattern = re.compile(r"\s*".join(re.escape(part) for part in phrase.split()), re.I)
    for link in found["links"]:
        page = HTML / link.split("#")[0]
        assert pattern.search(page.read_text(encoding="utf-8")), f"{link} does not contain {phrase!r}"
    assert len(found["snippets"]) == len(found["links"])
    useless = [s for s in found["snippets"] if not pattern.search(s)]
    assert not useless, f"snippets without {phrase!r}: {useless[:3]}"
    assert found["marked"] and {normal(m) for m in found["marked"]} == {normal(phrase)}, found["marked"][:10]
    assert found["stored"] and all(term not in ("g", "i", "§") for term in found["stored"].split())


def test_plain_words_still_search_as_words(site, browser):
    """A query without punctuation is Sphinx's usual search, with snippets around the word."""
    found = search(browser, site, "Feola")
    assert found["links"] and all("feola" in s.lower() for s in found["snippets"]), found


def test_printed_book_shows_everything(browser, tmp_path):
    """The whole-book print (make handouts) in print media at the printed page's width: no
    scroll box or clipped list, no table wider than the page, no word broken in a cell."""
    from knowtheline.handouts.book import whole_book

    book = tmp_path / "book.html"
    book.write_text(whole_book(HTML), encoding="utf-8")
    phone(browser, 710, 1000)  # US letter less the handouts' 14 mm margins, in CSS px
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.get(Path(book).as_uri())
    settle(browser)
    time.sleep(1)  # the state explorer fills its lists from its data file
    hidden = browser.execute_script(PRINT_PROBLEMS)
    assert not hidden, "\n".join(sorted(set(hidden))[:15])
    broken = browser.execute_script(TABLE_PROBLEMS, 1)
    assert not broken, "\n".join(sorted(set(broken))[:15])
