"""Cut the theme's stylesheets down to the rules the built book uses (PurgeCSS, from npm).

pydata-sphinx-theme ships one 397 KB stylesheet (66 KB gzipped) with all of Bootstrap and
every component the theme offers, and a page cannot show until it has it. After each HTML
build this rewrites, in `_static`, the theme's and extensions' stylesheets with only the
rules whose selectors can match something in the built pages or in the site's own scripts
(which add classes and attributes as readers use the page: theme switch, search, sidebars,
dropdowns, tooltips, the quiz and the state explorer). Selectors that scripts build from
pieces, and the colour-mode attributes, are kept by the safelist below. The sources are the
files Sphinx has just copied from the installed packages, so an upgrade is picked up.

Then each page's stylesheets become one file, and Sphinx's 400-byte documentation_options.js
goes into the page: a page used to wait for nine files (seven stylesheets and two scripts)
before its first paint, more than a browser fetches at once from one server over HTTP/1.1;
now it waits for one. Pages with the same stylesheets share the same file.

Runs js/purge-styles.cjs with Node; `npm ci` (which make does) installs PurgeCSS.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from knowtheline.paths import JS, book_root

SCRIPT = JS / "purge-styles.cjs"
OURS = ("ktl-",)  # our own stylesheets (hand-written) and the page bundles made from the cut ones
SKIP_DIRS = {"vendor", "_sources"}

# Class and attribute names that scripts put together at run time, or that only appear when
# a reader acts (the regular expressions keep every selector that contains a match).
GREEDY = [
    r"data-theme", r"data-mode", r"\bdark\b", r"\blight\b",   # colour modes (theme switcher)
    r"\bshow", r"collaps", r"\bfade\b", r"tooltip", r"dropdown",  # states and menus that bootstrap.js sets
    r"search", r"highlighted", r"\bcontext\b",                  # search page and search dialog
    r"toggle", r"scrolled", r"\bactive\b", r"\bcurrent\b", r"pst-",  # sidebars, folds, scroll shadow
    r"ktl-", r"mjx", r"MathJax",                                 # the quiz and explorer; maths
]
STANDARD = ["html", "body", "kbd", "dialog", "details", "summary", "label", "select", "option", "input", "button"]


def stylesheets(site: Path) -> list[Path]:
    static = site / "_static"
    return sorted(p for p in static.rglob("*.css")
                  if not SKIP_DIRS & set(p.relative_to(static).parts) and not p.name.startswith(OURS))


def content_files(site: Path) -> list[Path]:
    """The pages and every script that may add a class: theme, Sphinx, ours, page data."""
    pages = [p for p in site.rglob("*.html") if "_sources" not in p.relative_to(site).parts]
    scripts = [p for p in site.rglob("*.js")
               if not SKIP_DIRS & set(p.relative_to(site).parts) and p.name != "searchindex.js"]
    return sorted(pages + scripts)


def purge_styles(site: Path, modules: Path) -> dict[str, tuple[int, int]]:
    """Rewrite the site's stylesheets with the rules it uses; returns {file: (bytes before, after)}."""
    purgecss = modules / "purgecss"
    node = shutil.which("node")
    if not purgecss.is_dir() or node is None:
        raise ExtensionError(f"{purgecss} or node is missing: run `npm ci` (make does this) before building")
    options = {"css": [str(p) for p in stylesheets(site)], "content": [str(p) for p in content_files(site)],
               "standard": STANDARD, "greedy": GREEDY}
    with tempfile.TemporaryDirectory(prefix="ktl-purge-") as tmp:
        config = Path(tmp) / "options.json"
        config.write_text(json.dumps(options), encoding="utf-8")
        done = subprocess.run([node, str(SCRIPT), str(purgecss), str(config)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ExtensionError(f"PurgeCSS failed on the built stylesheets:\n{done.stderr.strip()[-2000:]}")
    return {file: tuple(sizes) for file, sizes in json.loads(done.stdout).items()}


_LINK = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="(?P<href>[^"]+)"[^>]*>[ \t]*\n?')
_URL = re.compile(r'url\((?P<q>["\']?)(?P<url>[^)"\']+)(?P=q)\)')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_DOC_OPTIONS = re.compile(r'<script src="(?P<src>[^"]*_static/documentation_options\.js)(?:\?[^"]*)?"></script>')
BUNDLES = "styles"  # inside _static: where the theme's own stylesheet lives


def _rebased(css: str, source: Path, target_dir: Path) -> str:
    """`css` from `source`, its relative url()s pointing at the same files from `target_dir`."""
    def rebase(match: re.Match) -> str:
        url = match.group("url").strip()
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.I):
            return match.group(0)
        path, _, rest = url.partition("?")
        moved = os.path.relpath(os.path.normpath(source.parent / path), target_dir).replace(os.sep, "/")
        return f'url("{moved}{"?" + rest if rest else ""}")'

    return _URL.sub(rebase, _SOURCE_MAP.sub("", css))


def _bundle(site: Path, files: tuple[Path, ...]) -> Path:
    folder = site / "_static" / BUNDLES
    parts = []
    for file in files:
        css = file.read_text(encoding="utf-8")
        parts.append(f"/* {file.relative_to(site / '_static').as_posix()} */\n" + _rebased(css, file, folder))
    text = "\n".join(parts)
    target = folder / f"ktl-page-{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
    if not target.exists():
        target.write_text(text, encoding="utf-8")
    return target


def one_stylesheet(site: Path) -> int:
    """Give every page of the built site one stylesheet (its own ones joined, in order) and
    Sphinx's settings script inline; returns how many pages changed."""
    static = (site / "_static").resolve()
    options = (static / "documentation_options.js").read_text(encoding="utf-8").strip()
    changed = 0
    for page in site.rglob("*.html"):
        if {"_static", "_sources"} & set(page.relative_to(site).parts):
            continue
        text = page.read_text(encoding="utf-8")
        end = text.find("</head>")
        head = text[:end]
        links = []
        for match in _LINK.finditer(head):
            file = (page.parent / match.group("href").split("?")[0]).resolve()
            if file.parent.is_relative_to(static) and file.suffix == ".css" and file.exists() and "@import" not in file.read_text(encoding="utf-8"):
                links.append((match, file))
        if len(links) > 1:
            bundle = _bundle(site, tuple(file for _, file in links))
            href = os.path.relpath(bundle, page.parent).replace(os.sep, "/")
            first = links[0][0]
            kept, last = [], 0
            for match, _ in links:
                kept.append(head[last:match.start()])
                last = match.end()
            kept.append(head[last:])
            head = "".join(kept)
            head = head[:first.start()] + f'<link rel="stylesheet" href="{href}" />\n' + head[first.start():]
        head = _DOC_OPTIONS.sub(lambda m: f"<script>{options}</script>", head)
        if head != text[:end]:
            page.write_text(head + text[end:], encoding="utf-8")
            changed += 1
    return changed


def _purge(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        site = Path(app.outdir)
        purge_styles(site, book_root(app.srcdir) / "node_modules")
        one_stylesheet(site)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _purge, priority=600)  # after the assets are copied and the pages written
