"""What the theme does to every page that this book must not: slow, leaky or inaccessible.

pydata-sphinx-theme and sphinx-book-theme (through Jupyter Book 1) would otherwise
* load a 1.5 MB Font Awesome script on every page, only so authors can add custom icons
  (the theme's own icons come from the self-hosted web font);
* block the first paint on a dozen small scripts and a 130 KB search index, on every page,
  although search runs on its own page (`search_as_you_type` is off), and preload two
  scripts that only run after the page is shown;
* load the Thebe launcher although live code is off in `_config.yml`, and the styles and
  scripts of code highlighting, copy buttons, folds and sphinx-design on pages without them;
* fetch `basic.css` through an `@import` in a stylesheet, one more round trip before the
  page can show;
* keep display settings (colour mode, dismissed banners) in `localStorage`, which outlives
  the visit: the only thing this book leaves on a reader's device is quiz progress;
* (with this book's notebooks) carry each chart inside the page as a base64 `data:` URI,
  and the state explorer's 180 KB of data as inline JSON, which delays the first
  paint of the page's text;
* ignore numbers in search queries, so "287" finds nothing;
* send the whole Font Awesome icon fonts (300 KB) for some 30 icons (see iconfont.py);
* fail axe-core: a search button whose name differs from its visible text, a logo outside
  any landmark, sidebar expanders with no name, and (from docutils) bibliography entries
  with a deprecated ARIA role.

The template side of these fixes is in `templates/` (layout.html and two sidebar
components); this module does the rest as pages are written and once the build ends.
Each fix here is a small class (`PageFix`: a name, a docstring saying what it undoes, and
`connect(app)`), all listed in `FIXES`. Like TeachBooks' JupyterBook-Patches, any of them
can be switched off by name in `_config.yml`, for instance to see what the theme does without it:

    sphinx:
      config:
        knowtheline_page_fixes: {named-expanders: false}

All are on by default; an unknown name stops the build.
tests/test_pagefixes.py, test_browser.py and test_integrity.py check the built pages.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from knowtheline.paths import TEMPLATES, theme_static


# Assets of features a page may not use, and how to tell that it does. A page without code
# blocks needs no highlighting or copy buttons; one without folds, no toggle script.
FEATURES = {
    "code": (re.compile(r'class="highlight'), ("pygments.css", "copybutton.css", "copybutton.js", "clipboard.min.js")),
    "folds": (re.compile(r'class="[^"]*\b(toggle|dropdown)\b'), ("togglebutton.css", "togglebutton.js", "toggleHint", "togglebuttonSelector")),
    "design": (re.compile(r'class="[^"]*\bsd-'), ("sphinx-design.min.css", "design-tabs.js")),
    "notebook": (re.compile(r'class="[^"]*\bcell\b'), ("_static/mystnb.",)),
}

# Scripts that must run before the inline theme snippets that read DOCUMENTATION_OPTIONS.
RUN_FIRST = ("documentation_options.js",)
THEBE = ("sphinx-thebe", "THEBE_JS_URL")

# pydata-sphinx-theme's sidebar expander: a <summary> holding only an icon.
_EXPANDER = re.compile(
    r'(<a class="[^"]*\breference internal\b[^"]*" href="[^"]*">(?P<title>[^<]*)</a>\s*<details[^>]*>\s*)<summary>')

# Sphinx's search skips query words made only of digits; this keeps those of 3 or more.
SEARCH_SKIPS_NUMBERS = "queryTerm.match(/^\\d+$/)"
SEARCH_SKIPS_SHORT_NUMBERS = "queryTerm.match(/^\\d{1,2}$/)"
ASSETS = "_assets"  # in the built site: charts and page data moved out of the pages
LARGE_SCRIPT = 16_000  # characters; smaller inline scripts stay where they are
_INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.S)
# A chart drawing inline: an <img src> or a <picture>'s <source srcset> holding a data: URI.
_SVG_DATA_URI = re.compile(
    r'<(?P<tag>img|source)(?P<before>[^>]*?) (?P<attr>src|srcset)="data:image/svg\+xml;base64,(?P<data>[A-Za-z0-9+/=]+)"(?P<after>[^>]*)>')


CONFIG = "knowtheline_page_fixes"  # in _config.yml, sphinx: config: {name: false} switches a fix off


def is_on(config, name: str) -> bool:
    """Whether the page fix `name` is on in this build's configuration (all are by default)."""
    return (getattr(config, CONFIG, None) or {}).get(name, True)


class PageFix:
    """One thing the theme does to pages that this book undoes. Each fix has a `name` (its
    key in `knowtheline_page_fixes`) and connects its handlers in `connect`; a handler
    connected through `on` does nothing while the fix is switched off."""

    name = ""

    def connect(self, app: Sphinx) -> None:
        raise NotImplementedError

    def on(self, app: Sphinx, event: str, handler, priority: int = 500) -> None:
        """Run `handler` on `event` while this fix is on."""
        def run(app: Sphinx, *args):
            if is_on(app.config, self.name):
                return handler(app, *args)
            return None

        app.connect(event, run, priority=priority)


def _asset_file(app: Sphinx, context: dict, data: bytes, prefix: str, suffix: str) -> str:
    """Write `data` once under `_assets/`, named by its content; return its URL from this page."""
    name = f"{prefix}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    target = Path(app.outdir) / ASSETS / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return context["pathto"](f"{ASSETS}/{name}", 1)


def _chart_file(app: Sphinx, context: dict, match: re.Match) -> str:
    """One inline chart drawing (an <img> or a <picture>'s <source>) as a file: an <img> loads
    lazily, so a drawing that is not shown (the other theme's, the other screen width's) is
    not fetched; both keep their size so nothing moves when the drawing arrives."""
    from knowtheline.charts.base import svg_size

    svg = base64.b64decode(match.group("data"))
    url = _asset_file(app, context, svg, "ktl-chart", ".svg")
    tag, before, after = match.group("tag"), match.group("before"), match.group("after")
    size = svg_size(svg[:2000].decode("utf-8", "replace"))
    dims = f' width="{size[0]}" height="{size[1]}"' if size and " width=" not in before + after else ""
    lazy = ' loading="lazy" decoding="async"' if tag == "img" and "loading=" not in before + after else ""
    return f'<{tag}{before} {match.group("attr")}="{url}"{dims}{lazy}{after}>'


def _marks(asset) -> str:
    return f"{asset.filename or ''} {asset.attributes.get('body', '')}"


def _unneeded(body: str) -> tuple[str, ...]:
    """Marks of the assets this page can do without: Thebe, and features its body lacks."""
    marks = list(THEBE)
    for pattern, assets in FEATURES.values():
        if not pattern.search(body):
            marks.extend(assets)
    return tuple(marks)


def _deferred(js):
    """The same script with `defer`, unless it is inline, already async/deferred, or must run first."""
    attrs = js.attributes
    if not js.filename or "async" in attrs or "defer" in attrs or str(js.filename).endswith(RUN_FIRST):
        return js
    return type(js)(js.filename, priority=js.priority, **attrs, defer="defer")


class DefaultMode(PageFix):
    """Start in the reader's system colour mode. Left empty, the theme logs an error on the
    first page of each visit (its setting lasts only for the visit here)."""

    name = "default-mode"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "config-inited", self.run)

    def run(self, app: Sphinx, config) -> None:
        config.html_context.setdefault("default_mode", "auto")


class IconFonts(PageFix):
    """Send only the Font Awesome glyphs the site uses (knowtheline.book.iconfont)."""

    name = "icon-fonts"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "build-finished", self.run)

    def run(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is None and app.builder.format == "html":
            from knowtheline.book.iconfont import subset_fonts

            subset_fonts(Path(app.outdir))


class SearchNumbers(PageFix):
    """Sphinx's search drops query words made only of digits, so "287" (as in 287(g)) or
    "1357" (8 U.S.C. 1357) find nothing although the index has them. Keep numbers of three
    digits or more."""

    name = "search-numbers"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "build-finished", self.run)

    def run(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is not None or app.builder.format != "html":
            return
        script = Path(app.outdir) / "_static" / "searchtools.js"
        text = script.read_text(encoding="utf-8")
        if SEARCH_SKIPS_NUMBERS in text:
            script.write_text(text.replace(SEARCH_SKIPS_NUMBERS, SEARCH_SKIPS_SHORT_NUMBERS), encoding="utf-8")
        elif SEARCH_SKIPS_SHORT_NUMBERS not in text:
            raise ExtensionError(f"{script} changed: review knowtheline.book.pagefixes.SearchNumbers")


class ThemeAssetMacros(PageFix):
    """Override the theme's asset macros without the Font Awesome script and the two script
    preloads, linking basic.css directly. The macro file is read from the installed theme,
    so an upgrade is picked up, and the build stops if what is removed is no longer there."""

    name = "theme-asset-macros"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "config-inited", self.run)

    def run(self, app: Sphinx, config) -> None:
        macros = theme_static() / "webpack-macros.html"
        lines = macros.read_text(encoding="utf-8").splitlines()
        unwanted = ("scripts/fontawesome.js", 'rel="preload" as="script"')
        kept = [line for line in lines if not any(mark in line for mark in unwanted)]
        # styles/theme.css only says @import "../basic.css": link basic.css itself.
        kept = [line.replace("pathto('_static/styles/theme.css', 1) }}?digest=", "pathto('_static/basic.css', 1) }}?digest=")
                for line in kept]
        if len(lines) - len(kept) != 3 or not any("_static/basic.css" in line for line in kept):
            raise ExtensionError(f"{macros} changed: review knowtheline.book.pagefixes.ThemeAssetMacros")
        folder = Path(app.doctreedir).parent / "ktl-templates"
        target, text = folder / "static" / "webpack-macros.html", "\n".join(kept) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:  # a newer template rewrites every page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        config.templates_path[:0] = [str(folder)]  # before the book's templates (see setup)


class ExplorerCharts(PageFix):
    """The state explorer fetches a state's chart when a reader chooses the state: draw every
    state's chart, from the data on the page, into a folder named after that data (drawn
    once per data), move the data itself there (fetched when a reader turns to the explorer,
    not with the page), and tell the explorer where it is."""

    name = "explorer-charts"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "html-page-context", self.run, priority=400)  # before page-assets moves its script

    def run(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        body = context.get("body") or ""
        if 'class="ktl-explorer"' not in body:
            return
        from knowtheline.charts import explorer

        data = explorer.data_from_html(body)
        if data is None:
            raise ExtensionError(f"{pagename}: the state explorer's data was not found on the page")
        name = f"ktl-states-{explorer.data_hash(data)}"
        folder = Path(app.outdir) / ASSETS / name
        explorer.write_state_charts(data, folder)
        body = explorer.move_data_out(body, folder)
        url = context["pathto"](f"{ASSETS}/{name}", 1)
        context["body"] = body.replace('class="ktl-explorer" id=', f'class="ktl-explorer" data-charts="{url}" id=', 1) \
            .replace(' data-charts=""', "", 1)


class PageAssets(PageFix):
    """Move each inline SVG chart, and each large inline script (the state explorer's data),
    out of the page into a file of its own: the page's text arrives and shows first, and
    the files are fetched after it (charts lazily, with their size given so nothing jumps).
    In Jupyter these outputs stay self-contained; only the built book changes."""

    name = "page-assets"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "html-page-context", self.run)

    def run(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        body = context.get("body")
        if not body:
            return

        def chart(match: re.Match) -> str:
            return _chart_file(app, context, match)

        def script(match: re.Match) -> str:
            code = match.group("code")
            if len(code) < LARGE_SCRIPT:
                return match.group(0)
            return f'<script src="{_asset_file(app, context, code.encode("utf-8"), "ktl-script", ".js")}" defer></script>'

        body = _SVG_DATA_URI.sub(chart, body)
        context["body"] = _INLINE_SCRIPT.sub(script, body)


class CitationRoles(PageFix):
    """docutils marks bibliography entries role="doc-biblioentry" inside role="list", which
    ARIA 1.2 deprecates; screen readers expect list items there."""

    name = "citation-roles"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "html-page-context", self.run)

    def run(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        if "body" in context and 'role="doc-biblioentry"' in context["body"]:
            context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


class LighterAssets(PageFix):
    """The page's scripts and styles without Thebe, duplicates and what it does not use;
    its scripts deferred."""

    name = "lighter-assets"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "html-page-context", self.run, priority=900)  # after extensions add theirs

    def run(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        if "script_files" not in context:
            return
        unneeded = _unneeded(context.get("body") or "")
        scripts, seen = [], set()
        for js in context["script_files"]:
            key = (js.filename or None, js.attributes.get("body"))
            if any(mark in _marks(js) for mark in unneeded) or key in seen:  # some inline snippets come twice
                continue
            seen.add(key)
            # search.html's template loads searchtools.js, which needs doctools.js, undeferred
            scripts.append(js if pagename == "search" else _deferred(js))
        context["script_files"] = scripts
        context["css_files"] = [css for css in context.get("css_files", [])
                                if not any(mark in _marks(css) for mark in unneeded)]


class NamedExpanders(PageFix):
    """Give each sidebar expander a name: "Pages in <section>"."""

    name = "named-expanders"

    def connect(self, app: Sphinx) -> None:
        self.on(app, "html-page-context", self.run, priority=900)  # after the theme adds its toctree function

    def run(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        make_toctree = context.get("generate_toctree_html")
        if make_toctree is None:
            return

        def named(*args, **kwargs):
            return _EXPANDER.sub(
                lambda m: f'{m.group(1)}<summary aria-label="Pages in {html.escape(html.unescape(m.group("title")))}">',
                str(make_toctree(*args, **kwargs)))

        context["generate_toctree_html"] = named


#: Every page fix, in the order they connect (which orders handlers of the same priority).
FIXES: tuple[PageFix, ...] = (DefaultMode(), IconFonts(), SearchNumbers(), ThemeAssetMacros(), ExplorerCharts(),
                              PageAssets(), CitationRoles(), LighterAssets(), NamedExpanders())


def _check_config(app: Sphinx, config) -> None:
    """`knowtheline_page_fixes` names only fixes that exist, each true or false."""
    known = [fix.name for fix in FIXES]
    for name, value in (getattr(config, CONFIG, None) or {}).items():
        if name not in known:
            raise ExtensionError(f"{CONFIG}: no page fix is called {name!r} (the fixes: {', '.join(known)})")
        if not isinstance(value, bool):
            raise ExtensionError(f"{CONFIG}: {name} must be true or false, not {value!r}")


def _book_templates(app: Sphinx, config) -> None:
    """The book's own templates (`templates/`), ahead of the theme's."""
    config.templates_path[:0] = [str(TEMPLATES)]


def setup(app: Sphinx) -> None:
    app.add_config_value(CONFIG, {}, "html", dict)
    app.connect("config-inited", _check_config, priority=0)
    app.connect("config-inited", _book_templates)  # before theme-asset-macros puts its folder first
    for fix in FIXES:
        fix.connect(app)
