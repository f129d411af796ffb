"""The book holds together: every link and cross-reference in the built pages leads
somewhere, every citation in the sources is in references.bib, every figure and image in
the sources has alt text, and every chapter says when it was last reviewed (a real date,
not in the future). No browser needed."""

from __future__ import annotations

import datetime
import fnmatch
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import HTML, ROOT, built_pages, soup

SKIPPED_SCHEMES = ("http", "https", "mailto", "data", "javascript")
LINK_ATTRIBUTES = ("href", "src", "action")


class Anchors:
    """The links (href, src, form action, meta refresh) and the ids/names of one page."""

    def __init__(self, text: str):
        page = soup(text)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = {el[name] for name in ("id", "name") for el in page.find_all(attrs={name: True}) if el[name]}
        for el in page.find_all(True):
            if el.name == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
                match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", el.get("content") or "", re.I)
                if match:
                    self.links.append((el.name, match.group(1).strip()))
            for name in LINK_ATTRIBUTES:
                if el.get(name) is not None:
                    self.links.append((el.name, el[name]))


@lru_cache(maxsize=None)
def parsed(path: Path) -> Anchors:
    return Anchors(path.read_text(encoding="utf-8", errors="replace"))


def broken_links(page: Path, site: Path = HTML) -> list[str]:
    """Every link of `page` whose file is missing from `site` or whose #fragment names no
    element there."""
    site = site.resolve()
    broken = []
    for tag, url in parsed(page).links:
        parts = urlsplit(url)
        if parts.scheme in SKIPPED_SCHEMES:
            continue
        if parts.scheme or parts.netloc:
            broken.append(f"<{tag}> {url}: not a link into the book")
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(site) or not target.is_file():
            broken.append(f"<{tag}> {url}: no such file")
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in parsed(target).ids:
            broken.append(f"<{tag}> {url}: no element with id {fragment!r} in {target.relative_to(site)}")
    return broken


@pytest.mark.built
def test_every_link_and_cross_reference_resolves():
    """A reader never follows a link, reference, citation or footnote to a missing page or
    to a place that is not on the page; no page loads a missing file."""
    pages = built_pages()
    assert pages, "the book is not built"
    found, checked = {}, 0
    for page in pages:
        checked += len(parsed(page).links)
        if broken := broken_links(page):
            found[str(page.relative_to(HTML))] = broken
    assert checked, "no links found in the built pages"
    assert found == {}


def test_the_link_check_catches_a_missing_file_and_a_missing_fragment(tmp_path):
    """The checker above is live: a wrong file name and a wrong #fragment are both reported."""
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#there">b</a><a href="#here">a</a>'
                                     '<a href="#nowhere">x</a><img src="gone.png" alt="x"></p>')
    (tmp_path / "b.html").write_text('<h1 id="there">B</h1><a href="a.html#here">a</a>'
                                     '<a href="https://example.org/">out</a>')
    assert broken_links(tmp_path / "b.html", tmp_path) == []
    assert [line.split(":")[0] for line in broken_links(tmp_path / "a.html", tmp_path)] == ["<a> #nowhere", "<img> gone.png"]


# Sources: chapters, top-level pages, facilitator notes, quiz bank.

def notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                     for cell in cells)


def markdown_cells(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                     for cell in cells if cell["cell_type"] == "markdown")


def source_files() -> list[Path]:
    """The book's pages: chapters, top-level pages and facilitator notes (README.md and
    CONTRIBUTING.md, which _config.yml keeps out of the book, are not pages)."""
    excluded = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("exclude_patterns", [])
    files = [*(ROOT / "chapters").glob("*.ipynb"), *ROOT.glob("*.md"),
             *(ROOT / "facilitators").glob("*.md"), *(ROOT / "facilitators").glob("*.ipynb")]
    return sorted(p for p in files
                  if not any(fnmatch.fnmatch(str(p.relative_to(ROOT)), pattern) for pattern in excluded))


def source_text(path: Path) -> str:
    return notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


CITE_ROLE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]*)`")


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return {m.group(2).strip() for m in re.finditer(r"^\s*@(\w+)\s*\{\s*([^,\s]+)\s*,", text, re.M)
            if m.group(1).lower() not in ("comment", "string", "preamble")}


def cited_keys() -> dict[str, set[str]]:
    """{citation key: files that cite it}: MyST cite roles in the sources (any of {cite},
    {cite:p}, {cite:t}, {footcite}, {footcite:p}, ...), and each quiz question's `cite:`
    list (quizzes/README.md), plus any cite role inside quiz text."""
    used: dict[str, set[str]] = {}
    for path in source_files():
        for match in CITE_ROLE.finditer(source_text(path)):
            for key in match.group(1).split(","):
                used.setdefault(key.strip(), set()).add(str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "quizzes").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for question in yaml.safe_load(text).get("questions", []):
            cites = question.get("cite", [])
            for key in [cites] if isinstance(cites, str) else cites:
                used.setdefault(str(key).strip(), set()).add(f"{path.relative_to(ROOT)} ({question.get('id')})")
        for match in CITE_ROLE.finditer(text):
            for key in match.group(1).split(","):
                used.setdefault(key.strip(), set()).add(str(path.relative_to(ROOT)))
    return used


def test_every_citation_key_is_in_the_bibliography():
    """Every source a chapter, page, facilitator note or quiz question cites is listed in
    references.bib, so no reference list has a hole in it."""
    known = bib_keys()
    used = cited_keys()
    assert known, "no entries parsed from references.bib"
    assert any(path.startswith("chapters/") for paths in used.values() for path in paths), \
        "no citation found in the chapters: is the cite-role pattern still right?"
    assert any(path.startswith("quizzes/") for paths in used.values() for path in paths), \
        "no citation found in the quiz bank"
    missing = {key: sorted(paths) for key, paths in used.items() if key not in known}
    assert missing == {}


MYST_IMAGE = re.compile(  # ```{figure} src / :::{image} src, then its options
    r"^(?P<fence>`{3,}|:{3,})\s*\{(?P<kind>figure|image)\}[ \t]*(?P<src>[^\n]*)\n(?P<body>.*?)^(?P=fence)\s*$",
    re.M | re.S)
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)[^)]*\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)


def images_without_alt(text: str) -> list[str]:
    """The figures and images in MyST text that give no alt text."""
    missing = []
    for m in MYST_IMAGE.finditer(text):
        alt = re.search(r"^\s*:alt:[ \t]*(?P<alt>\S[^\n]*)?$", m.group("body"), re.M)
        if not alt or not (alt.group("alt") or "").strip():
            missing.append(f"{{{m.group('kind')}}} {m.group('src').strip()}")
    for m in MARKDOWN_IMAGE.finditer(text):
        if not m.group("alt").strip():
            missing.append(f"![]({m.group('src')})")
    for tag in HTML_IMG.findall(text):
        alt = re.search(r"""\balt\s*=\s*(["'])(.*?)\1""", tag, re.S)
        if not alt or not alt.group(2).strip():
            missing.append(tag[:80])
    return missing


def test_every_figure_and_image_in_the_sources_has_alt_text():
    """Every {figure}, {image}, ![..](..) and <img> written in a chapter, page or
    facilitator note describes itself for readers who cannot see it. (Images made by
    code cells are checked in the built pages: tests/test_book.py.)"""
    found = {}
    for path in source_files():
        text = markdown_cells(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
        if missing := images_without_alt(text):
            found[str(path.relative_to(ROOT))] = missing
    assert found == {}


@pytest.mark.parametrize("text, expected", [
    ("```{figure} a.png\n:alt: A map of the states\n\nCaption\n```\n", 0),
    ("```{figure} a.png\n:width: 50%\n\nCaption\n```\n", 1),
    (":::{image} b.svg\n:alt:\n:::\n", 1),
    ("::::{figure} c.png\n:alt: Chart\n::::\n", 0),
    ("Text ![](chart.png) and ![A chart](ok.png)", 1),
    ('<img src="x.png" alt="">, <img src="y.png" alt="Officer badge">, <img src="z.png">', 2),
])
def test_the_alt_text_check_finds_what_it_should(text, expected):
    """The source scanner is live: it counts each image without alt text, and only those."""
    assert len(images_without_alt(text)) == expected


CHAPTER_SOURCES = sorted((ROOT / "chapters").glob("[0-9][0-9]-*.ipynb"))
REVIEWED = re.compile(r"Last reviewed:\s*(\d{4}-\d{2}-\d{2})")


@pytest.mark.parametrize("path", CHAPTER_SOURCES, ids=lambda p: p.stem)
def test_chapter_says_when_it_was_last_reviewed(path):
    """Readers can see how current each chapter is: "Last reviewed: YYYY-MM-DD", a real
    calendar date that is not in the future."""
    dates = REVIEWED.findall(markdown_cells(path))
    assert dates, "no 'Last reviewed: YYYY-MM-DD' in the chapter"
    for text in dates:
        try:
            reviewed = datetime.date.fromisoformat(text)
        except ValueError:
            pytest.fail(f"'Last reviewed: {text}' is not a real date")
        assert reviewed <= datetime.date.today(), f"'Last reviewed: {text}' is in the future"


def test_there_are_chapters():
    assert CHAPTER_SOURCES, "no chapters/NN-*.ipynb found"
