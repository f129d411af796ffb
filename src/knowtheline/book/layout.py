"""Tables that read on a phone and print whole (issue 13; styles in static/ktl-layout.css).

* A prose table (a MyST list-table: the book's comparisons of the three kinds of officer, the
  state-law and case tables) with three columns or more becomes, on a narrow screen, a stack
  of cards: one card per row, headed by its first cell, every other cell labelled with its
  column's heading (`data-label`, shown by CSS). A phone reader reads each topic top to
  bottom, as the table means it, instead of scrolling sideways across three screens of text
  and losing the row. The table's markup stays a table (with explicit ARIA roles, which a
  `display: block` table would otherwise lose in Chrome and Safari).
* Every other table (notebook data frames, chart data, the index) scrolls sideways inside its
  own container: a region named after the table's caption, focusable by keyboard, with a
  hint on phones and an edge shadow where more is hidden. (Docutils tables keep the theme's
  container, whose script sets `tabindex` as the table overflows or not; the hint follows.)

Also here: the search page's phrase search (static/ktl-search.js) and the favicon.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

from knowtheline.paths import STATIC

FAVICON = STATIC / "favicon.svg"
CARD_MIN_COLUMNS = 3
SCROLLER = "pst-scrollable-table-container"  # the theme's own class: its script sets tabindex
_CITATION = re.compile(r"(\S*\)\(\S*)")
_TABLE = re.compile(rf'(?P<open><div class="{SCROLLER}">)?(?P<table><table\b.*?</table>)', re.S)


def _label(table) -> str:
    """The table's name for a region: its caption (without "Table 3" or the # link), else its
    aria-label, else "Table"."""
    caption = table.find("caption")
    if caption is not None:
        text = caption.find(class_="caption-text") or caption
        name = " ".join(text.get_text(" ", strip=True).split()).rstrip("#").strip()
        if name:
            return name
    return table.get("aria-label") or "Table"


def _cards(table) -> bool:
    """Mark a prose table as cards (data-label on each cell, ARIA roles); False if it is not one."""
    if "table" not in (table.get("class") or []) or table.find("thead") is None:
        return False
    heads = [" ".join(th.get_text(" ", strip=True).split()) for th in table.thead.find_all("tr")[-1].find_all(["th", "td"])]
    rows = table.tbody.find_all("tr") if table.tbody else []
    if len(heads) < CARD_MIN_COLUMNS or not rows or len(table.thead.find_all("tr")) != 1:
        return False
    if any(len(tr.find_all(["th", "td"])) != len(heads) or tr.find(attrs={"colspan": True}) or tr.find(attrs={"rowspan": True})
           for tr in rows):
        return False
    table["class"] = [*table["class"], "ktl-stack"]
    table["role"] = "table"
    for group in table.find_all(["thead", "tbody"]):
        group["role"] = "rowgroup"
    for th in table.thead.find_all(["th", "td"]):
        th["role"] = "columnheader"
    for tr in table.find_all("tr"):
        tr["role"] = "row"
    for tr in rows:
        for i, cell in enumerate(tr.find_all(["th", "td"])):
            cell["role"] = "rowheader" if i == 0 else "cell"
            if i and heads[i]:
                cell["data-label"] = heads[i]
    return True


def _keep_citations_whole(soup, cell) -> None:
    """A statute citation such as "148(a)(1)" or "1357(g)(8)" may break between ")(" (Unicode
    allows it): keep each on one line."""
    for text in [s for s in cell.find_all(string=True) if _CITATION.search(s)]:
        parts = _CITATION.split(str(text))
        nodes = []
        for i, part in enumerate(parts):
            if i % 2:
                span = soup.new_tag("span", attrs={"class": "ktl-nobreak"})
                span.string = part
                nodes.append(span)
            elif part:
                nodes.append(type(text)(part))
        text.replace_with(*nodes)


def _table(match: re.Match) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(match.group("table"), "html.parser")
    table = soup.table
    for cell in table.find_all(["td", "th"]):
        text = cell.get_text("", strip=True)
        if text and len(text) <= 24 and not re.search(r"\s", text):  # a date or a number: one line ("2025-02-09")
            cell["class"] = [*(cell.get("class") or []), "ktl-nobreak"]
        _keep_citations_whole(soup, cell)
    if _cards(table):
        return (match.group("open") or "") + str(soup)
    name = _escape(_label(table))
    if match.group("open"):  # the theme's scroller: its script sets tabindex as the table overflows or not
        return f'<div class="{SCROLLER}" role="region" tabindex="0" aria-label="{name}">' + str(soup)
    return f'<div class="ktl-scroll" role="region" tabindex="0" aria-label="{name}">' + str(soup) + "</div>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def phone_tables(body: str) -> str:
    """`body` with its prose tables marked as cards and every other table in a named scroller."""
    return _TABLE.sub(_table, body) if "<table" in body else body


def _page_tables(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if context.get("body"):
        context["body"] = phone_tables(context["body"])


def _search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Phrase search ("287(g)", "§ 111", "I-247A") on the search page only: static/ktl-search.js."""
    if pagename == "search":
        app.add_js_file("ktl-search.js", defer="defer")


def _favicon(app: Sphinx, config) -> None:
    """The book's own small icon (static/favicon.svg), so browsers stop asking for a missing one."""
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _favicon)
    app.add_css_file("ktl-layout.css")
    app.connect("html-page-context", _page_tables)
    app.connect("html-page-context", _search_page)
