"""The whole built book as one printable HTML page.

Pages are taken in the order of the book's own navigation (the sidebar of `index.html`),
their article content concatenated, relative links made absolute so the page can live
anywhere, scripts and styles of the book kept, and every folded section opened.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .pages import document

URL_ATTRS = {"img": "src", "script": "src", "link": "href", "a": "href", "source": "src", "image": "href"}


def page_order(book: Path) -> list[Path]:
    """index.html, then every page the navigation links to, in order, each once."""
    index = book / "index.html"
    if not index.exists():
        raise FileNotFoundError(f"{index} is missing: build the book first (make book)")
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"})
    if refresh and "url=" in refresh.get("content", "").lower():  # Jupyter Book's index.html redirects to the root page
        index = book / refresh["content"].split("=", 1)[1].strip()
        soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    pages = [index]
    for a in soup.select("nav.bd-docs-nav a.reference.internal, nav.bd-links a.reference.internal"):
        target = urlsplit(a.get("href", "")).path
        path = (book / target).resolve() if target else None
        if path and path.suffix == ".html" and path.exists() and path not in pages:
            pages.append(path)
    return pages


def _absolute(soup: BeautifulSoup, page: Path) -> None:
    base = page.resolve().as_uri()
    for tag, attr in URL_ATTRS.items():
        for node in soup.find_all(tag):
            value = node.get(attr)
            if value and not value.startswith(("#", "data:", "mailto:")) and "://" not in value:
                node[attr] = urljoin(base, value)


def _content(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    _absolute(soup, page)
    article = soup.select_one("article.bd-article") or soup.select_one("main") or soup.body
    for details in article.find_all("details"):
        details["open"] = ""
    for img in article.find_all("img", loading=True):  # charts load lazily on screen; print needs them all
        del img["loading"]
    return article


def book_title(soup: BeautifulSoup) -> str:
    """The book's own title, once: Sphinx titles a page "<page> — <book>", and the book's
    first page is itself called after the book ("Know the Line — Know the Line")."""
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    return title.split(" — ")[-1].strip() or "Know the Line"


def whole_book(book: Path) -> str:
    """One HTML document holding every page of the built book at `book`."""
    pages = page_order(Path(book))
    head = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "html.parser")
    _absolute(head, pages[0])
    styles = "".join(str(n) for n in head.select("head link[rel~=stylesheet], head style, head script"))
    title = book_title(head)
    lang = head.html.get("lang", "en") if head.html else "en"
    return document(title, pages=[str(_content(p)) for p in pages], head=styles, lang=lang, extra_css=(
        ".bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .prev-next-area, .header-article "
        "{ display: none !important; }"))
