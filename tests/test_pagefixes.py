"""What knowtheline.book.pagefixes and knowtheline.book.iconfont do to the built pages: the icon fonts
are cut down but keep every icon a page shows, the search index and the scripts that only
search needs load on the search page alone, nothing in a page's <head> blocks the first
paint, charts are files with alt text, and no page carries Thebe or an unused stylesheet."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sphinx.errors import ExtensionError

from conftest import HTML, ROOT, built_pages, soup
from knowtheline.book import pagefixes
from knowtheline.book.iconfont import FONTS, css_codepoints, private_use, site_css_codepoints, theme_fonts

WEBFONTS = HTML / "_static" / "vendor" / "fontawesome" / "webfonts"
# Font Awesome's family classes, and the font file each one draws from (solid by default).
FAMILY = {"fa-brands": "fa-brands-400.woff2", "fab": "fa-brands-400.woff2",
          "fa-regular": "fa-regular-400.woff2", "far": "fa-regular-400.woff2"}
SOLID = "fa-solid-900.woff2"


# knowtheline.book.iconfont on its own


@pytest.mark.parametrize("css, expected", [
    (r'content: "\f185"', {0xF185}),
    ('content: "\uf185"', {0xF185}),  # the character itself, as minified CSS writes it
    (r'content: "\f107 "', {0xF107}),  # an escape ends at its optional space
    (r'content: "\e163\f002"', {0xE163, 0xF002}),
    (r"--icon: \f186", set()),  # not in a string: not drawn
    (r'content: "\201c"; quotes: "\201d"', set()),  # typographic quotes are not icons
    ('content: "a"; font-size: 12px', set()),
])
def test_private_use_reads_icon_codepoints_from_css_strings(css, expected):
    assert private_use(css) == expected


def test_css_codepoints_separates_icon_classes_from_other_rules():
    """An icon class's glyph is kept only if a page uses the class; a codepoint any other
    rule draws (a pseudo-element, a custom property) is always kept."""
    css = (r'.fa-sun:before{content:"\f185"}'
           r'.fa-moon::before,.fa-cloud-moon:before{content:"\f186"}'
           r'a.github:before{content:"\f09b";font-family:"Font Awesome 6 Brands"}'
           r'.fa-bell:before,.admonition-title:after{content:"\f0f3"}'
           r':root{--pst-icon-note:"\f303"}'
           r'@media print{.fa-xmark:before{content:"\f00d"}}'
           r'.fa-lg{font-size:1.25em}.theme-switch{display:none}')
    icons, always = css_codepoints(css)
    assert icons == {"fa-sun": {0xF185}, "fa-moon": {0xF186}, "fa-cloud-moon": {0xF186}, "fa-xmark": {0xF00D}}
    assert always == {0xF09B, 0xF0F3, 0xF303}


# The built site


class Page:
    """Scripts (with where they are), stylesheet links, images and class lists of a page."""

    def __init__(self, text: str):
        page = soup(text)
        self.scripts: list[dict] = [{**s.attrs, "in_head": s.find_parent("head") is not None}
                                    for s in page.find_all("script")]
        self.stylesheets: list[str] = [link.get("href") or "" for link in page.find_all("link")
                                       if "stylesheet" in link.get("rel", [])]
        self.imgs: list[dict] = [dict(img.attrs) for img in page.find_all("img")]
        self.classes: list[list[str]] = [el["class"] for el in page.find_all(class_=True)]
        self.inline: list[int] = [len(s.get_text()) for s in page.find_all("script") if not s.has_attr("src")]


def pages() -> dict[str, tuple[str, Page]]:
    found = {}
    for path in built_pages():
        text = path.read_text(encoding="utf-8")
        found[str(path.relative_to(HTML))] = (text, Page(text))
    assert found, "the book is not built"
    return found


@pytest.fixture(scope="module")
def site_pages():
    return pages()


def file_name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


def cmap(folder: Path, font: str) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(folder / font).getBestCmap())


@pytest.mark.built
def test_every_icon_a_page_shows_is_in_the_cut_down_fonts(site_pages):
    """Every Font Awesome icon class on a built page (menu, search, theme switch, arrows,
    downloads...) still has its glyph in the self-hosted font it is drawn from, so no icon
    turns into an empty box; and the fonts were really cut down."""
    icons, _ = site_css_codepoints(HTML)
    assert icons, "no Font Awesome icon classes found in the theme's stylesheets"
    subset = {font: cmap(WEBFONTS, font) for font in FONTS}
    missing, used = {}, set()
    for name, (_, page) in site_pages.items():
        for classes in page.classes:
            font = next((FAMILY[c] for c in classes if c in FAMILY), SOLID)
            for icon in (c for c in classes if c in icons):
                used.add(icon)
                if not icons[icon] <= subset[font]:
                    missing.setdefault(f"{icon} ({font})", set()).add(name)
    assert used, "no page uses a Font Awesome icon: is the class scan still right?"
    assert {icon: sorted(names) for icon, names in missing.items()} == {}
    for font in FONTS:
        assert len(subset[font]) < len(cmap(theme_fonts(), font)), f"{font} was not cut down"


@pytest.mark.built
def test_icons_drawn_by_stylesheets_are_in_the_cut_down_fonts():
    """Icons the stylesheets draw without an icon class (the GitHub link, admonition and
    dropdown marks) keep their glyph in every font that had it."""
    _, always = site_css_codepoints(HTML)
    assert always, "no stylesheet draws a Font Awesome codepoint directly"
    lost = {}
    for font in FONTS:
        gone = (always & cmap(theme_fonts(), font)) - cmap(WEBFONTS, font)
        if gone:
            lost[font] = sorted(hex(c) for c in gone)
    assert lost == {}


@pytest.mark.built
def test_only_the_search_page_loads_the_search_index(site_pages):
    """The 130 KB search index is fetched when a reader searches, not on every page."""
    loading = sorted(name for name, (_, page) in site_pages.items()
                     if any(file_name(s.get("src") or "") == "searchindex.js" for s in page.scripts))
    assert loading == ["es/search.html", "search.html"]  # each edition's search page


@pytest.mark.built
def test_no_script_in_the_head_blocks_the_first_paint(site_pages):
    """Every script file a page's <head> loads is deferred or async, except
    documentation_options.js, which the inline settings after it need at once. The search
    page is the exception: its template loads Sphinx's search after doctools.js, in order
    (test_browser.py checks that search works)."""
    blocking = {}
    for name, (_, page) in site_pages.items():
        if Path(name).name == "search.html":
            continue
        for script in page.scripts:
            src = script.get("src")
            if not src or not script["in_head"] or file_name(src) == "documentation_options.js":
                continue
            if not ({"defer", "async"} & set(script)) and script.get("type") != "module":
                blocking.setdefault(name, []).append(file_name(src))
    assert blocking == {}


@pytest.mark.built
def test_no_page_embeds_charts_or_loads_thebe(site_pages):
    """Charts are files of their own (not base64 inside the page) and the Thebe launcher,
    for live code that is switched off, is on no page."""
    offenders = {name: [mark for mark in ("data:image/svg+xml", "sphinx-thebe") if mark in text]
                 for name, (text, _) in site_pages.items()}
    assert {name: marks for name, marks in offenders.items() if marks} == {}


@pytest.mark.built
def test_charts_moved_to_files_keep_their_alt_text_and_size(site_pages):
    """Each chart moved out of its page is still described (alt) and reserves its space
    (width and height), so the text does not jump when it arrives."""
    charts = [(name, img) for name, (_, page) in site_pages.items() for img in page.imgs
              if f"{pagefixes.ASSETS}/" in (img.get("src") or "")]
    assert charts, f"no page shows a chart from {pagefixes.ASSETS}/"
    for name, img in charts:
        assert (img.get("alt") or "").strip(), f"{name}: {img['src']} has no alt text"
        assert img.get("width") and img.get("height"), f"{name}: {img['src']} has no width/height"
        assert (HTML / name).parent.joinpath(img["src"]).resolve().is_file(), f"{name}: {img['src']} missing"


@pytest.mark.built
def test_no_page_carries_a_large_inline_script(site_pages):
    """Page data (the state explorer's) comes as a file, after the text, not inside the page."""
    large = {name: max(page.inline) for name, (_, page) in site_pages.items()
             if page.inline and max(page.inline) >= pagefixes.LARGE_SCRIPT}
    assert large == {}


BUNDLED = re.compile(r"^/\* (\S+\.css) \*/$", re.M)


def stylesheet_files(name: str, page: Page) -> list[str]:
    """The names of the stylesheets a page uses, those joined into its one stylesheet included."""
    files = []
    for href in page.stylesheets:
        path = (HTML / name).parent / urlsplit(href).path
        joined = BUNDLED.findall(path.read_text(encoding="utf-8")) if path.name.startswith("ktl-page-") else []
        files += [file.rsplit("/", 1)[-1] for file in joined] or [file_name(href)]
    return files


@pytest.mark.built
def test_code_highlighting_styles_only_where_there_is_code(site_pages):
    """pygments.css is used by the pages that show highlighted code, and only by them."""
    wrong = {}
    for name, (text, page) in site_pages.items():
        linked = "pygments.css" in stylesheet_files(name, page)
        if linked != ('class="highlight' in text):
            wrong[name] = "links pygments.css without code" if linked else "shows code without pygments.css"
    assert wrong == {}


@pytest.mark.built
def test_the_first_paint_waits_for_one_stylesheet_and_no_script_file(site_pages):
    """Each page links one stylesheet (the theme's, cut down, joined with the others it
    needs) and carries Sphinx's settings inline: nothing else to fetch before it shows."""
    wrong = {}
    for name, (text, page) in site_pages.items():  # (index.html only redirects: no styles)
        blocking = [s["src"] for s in page.scripts if s.get("src") and s["in_head"]
                    and not ({"defer", "async"} & set(s)) and Path(name).name != "search.html"]
        if len(page.stylesheets) > 1 or blocking or (not page.stylesheets and "http-equiv" not in text):
            wrong[name] = (page.stylesheets, blocking)
    assert wrong == {}
    theme = [f for name, (_, page) in site_pages.items() for f in stylesheet_files(name, page)]
    assert "pydata-sphinx-theme.css" in theme and "ktl-layout.css" in theme


@pytest.mark.built
def test_the_theme_stylesheet_is_cut_down_but_keeps_what_scripts_and_dark_mode_need():
    css = (HTML / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert len(css) < 200_000, f"the theme's stylesheet is {len(css):,} bytes: was it cut down?"
    for kept in ('html[data-theme=dark]', '.bd-search', '.dropdown-menu.show', '.collapse:not(.show)', '#pst-search-dialog'):
        assert kept in css, f"{kept} was cut from the theme's stylesheet"


def test_joined_stylesheets_keep_their_urls_pointing_at_the_same_files(tmp_path):
    from knowtheline.book.cssfit import _rebased

    source = tmp_path / "_static" / "basic.css"
    css = ('a{background:url(file.png)} b{src:url("../x/f.woff2?v=1")} '
           'c{background:url(data:image/png;base64,AA)} d{background:url(https://e.org/i.png)}'
           '/*# sourceMappingURL=basic.css.map */')
    out = _rebased(css, source, tmp_path / "_static" / "styles")
    assert 'url("../file.png")' in out and 'url("../../x/f.woff2?v=1")' in out
    assert "url(data:image/png;base64,AA)" in out and "url(https://e.org/i.png)" in out
    assert "sourceMappingURL" not in out


# The page fixes as a registry: each one named, described, and switchable off by name

class RecordingApp:
    """What a fix needs of a Sphinx app: its configuration and `connect`."""

    def __init__(self, fixes: dict | None = None):
        self.config = type("Config", (), {pagefixes.CONFIG: fixes if fixes is not None else {}})()
        self.handlers = []

    def connect(self, event, handler, priority=500):
        self.handlers.append((event, handler, priority))


def test_every_page_fix_has_its_own_name_and_says_what_it_does():
    names = [fix.name for fix in pagefixes.FIXES]
    assert len(names) == len(set(names)) >= 9 and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)
    assert all(type(fix).__doc__ and type(fix).__doc__ != pagefixes.PageFix.__doc__ for fix in pagefixes.FIXES)


def test_a_page_fix_switched_off_in_the_config_does_nothing():
    context = {"body": '<li role="doc-biblioentry">A</li>'}
    for switched, expected in (({}, 'role="listitem"'), ({"citation-roles": False}, 'role="doc-biblioentry"')):
        app, page = RecordingApp(switched), dict(context)
        pagefixes.CitationRoles().connect(app)
        [(event, handler, _)] = app.handlers
        assert event == "html-page-context"
        handler(app, "intro", "page.html", page, None)
        assert expected in page["body"]


def test_the_config_names_only_page_fixes_that_exist():
    pagefixes._check_config(None, RecordingApp({"named-expanders": False}).config)
    with pytest.raises(ExtensionError, match="no page fix is called 'named-expander'"):
        pagefixes._check_config(None, RecordingApp({"named-expander": False}).config)
    with pytest.raises(ExtensionError, match="true or false"):
        pagefixes._check_config(None, RecordingApp({"named-expanders": "no"}).config)


def test_both_editions_keep_every_page_fix_on():
    import yaml

    for config in ("_config.yml", "es/_config.yml"):
        book = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))
        assert "knowtheline.book" in book["sphinx"]["extra_extensions"]
        assert book["sphinx"]["config"][pagefixes.CONFIG] == {}
