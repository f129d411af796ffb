"""Sphinx extension: self-hosted assets and the quiz bank check for the book build.

* Validates the whole question bank before anything renders (a bad quiz stops the build).
* Marks the build as static so notebooks emit HTML, not live widgets.
* Adds the quiz engine's script and style to every page, from this package (not from a
  top-level `_static/`, which Jupyter Book would scan for scripts).
* Copies MathJax, require.js and the widget html-manager from `node_modules/` (installed
  from npm by `make`) into `_static/vendor/`, so no page loads anything from another origin.
* Adds the {asof} and {event} date roles (knowtheline.asof): stale points show a note.
* Links each page to its counterpart in the other language (knowtheline.book.editions); in the
  Spanish edition, the reference lists are in Spanish too (knowtheline.book.bibstyle).
* Applies knowtheline.book.pagefixes: faster, accessible, private pages from the theme.
* Applies knowtheline.book.layout: tables that read on a phone and print whole; and
  knowtheline.book.cssfit: the theme's stylesheets cut to the rules the pages use.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from knowtheline import asof

from . import cssfit, editions, layout, pagefixes
from knowtheline.paths import STATIC, book_root

# (source inside node_modules, destination inside _static/vendor)
VENDOR_FILES = [
    ("mathjax/es5", "mathjax"),
    ("requirejs/require.js", "require.min.js"),
    ("@jupyter-widgets/html-manager/dist", "html-manager"),
]


def _check_quiz_bank(app: Sphinx) -> None:
    from knowtheline.bank.load import BankError, load_bank
    from knowtheline.translation.quizzes import load

    root, lang = book_root(app.srcdir), app.config.language or "en"
    try:
        bank = load_bank(root / "quizzes", bib_files=_bib_files(app))
        if lang != "en":
            load(root / "quizzes" / lang, bank, lang)
    except BankError as err:
        raise ExtensionError(f"quiz bank is invalid:\n{err}") from None


def _bibliography_style(app: Sphinx, config) -> None:
    """A translated edition's reference lists use its words (knowtheline.book.bibstyle)."""
    if (config.language or "en") == "es":
        from . import bibstyle

        config.bibtex_default_style = bibstyle.use_for(Path(app.srcdir))


def _bib_files(app: Sphinx) -> list[Path]:
    return [Path(app.srcdir) / f for f in app.config.bibtex_bibfiles]


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    modules = book_root(app.srcdir) / "node_modules"
    target = Path(app.outdir) / "_static" / "vendor"
    for source, dest in VENDOR_FILES:
        src = modules / source
        if not src.exists():
            raise ExtensionError(f"{src} is missing: run `npm ci` (make does this) before building")
        out = target / dest
        if src.is_dir():
            shutil.copytree(src, out, dirs_exist_ok=True)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out)


def _classic_quiz_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from knowtheline.render import classic_script

    target = Path(app.outdir) / "_static" / "ktl-quiz.js"
    target.write_text(classic_script((STATIC / "ktl-quiz.js").read_text(encoding="utf-8")), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    os.environ["KNOWTHELINE_STATIC_BUILD"] = "1"  # inherited by the kernels myst-nb starts
    app.connect("builder-inited", _check_quiz_bank)
    app.connect("config-inited", _bibliography_style)
    app.connect("builder-inited", lambda a: a.config.html_static_path.append(str(STATIC)))
    # The one quiz module (also the live widget's _esm), served as a classic script so the
    # book's quizzes also work when its pages are opened from disk (file://).
    app.add_js_file("ktl-quiz.js", defer="defer")
    app.add_css_file("ktl-quiz.css")
    app.connect("build-finished", _copy_vendor)
    app.connect("build-finished", _classic_quiz_script, priority=100)  # before the page fixes read scripts
    asof.setup(app)
    editions.setup(app)
    pagefixes.setup(app)
    layout.setup(app)
    cssfit.setup(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
