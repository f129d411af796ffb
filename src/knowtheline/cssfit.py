"""Cut the theme's stylesheets down to the rules the built book uses (PurgeCSS, from npm).

pydata-sphinx-theme ships one 397 KB stylesheet (66 KB gzipped) with all of Bootstrap and
every component the theme offers, and a page cannot show until it has it. After each HTML
build this rewrites, in `_static`, the theme's and extensions' stylesheets with only the
rules whose selectors can match something in the built pages or in the site's own scripts
(which add classes and attributes as readers use the page: theme switch, search, sidebars,
dropdowns, tooltips, the quiz and the state explorer). Selectors that scripts build from
pieces, and the colour-mode attributes, are kept by the safelist below. The sources are the
files Sphinx has just copied from the installed packages, so an upgrade is picked up.

Runs js/purge-styles.cjs with Node; `npm ci` (which make does) installs PurgeCSS.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

SCRIPT = Path(__file__).parent / "js" / "purge-styles.cjs"
OURS = ("ktl-",)  # our own stylesheets are written by hand: nothing to cut
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


def _purge(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        purge_styles(Path(app.outdir), Path(app.srcdir) / "node_modules")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _purge, priority=600)  # after the assets are copied and the pages written
