"""Where the package's own files are (static assets, templates, scripts), and the installed
theme's static folder: one place, imported by the modules that need them (and nothing
imported here from the package, so it can start no import cycle)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
STATIC = PACKAGE / "static"  # the quiz engine, styles and favicon copied into the book
TEMPLATES = PACKAGE / "templates"  # Sphinx template overrides
JS = PACKAGE / "js"  # Node scripts the build runs


def book_root(srcdir) -> Path:
    """The English book's folder, from a Sphinx source folder: the folder itself, or for a
    translated edition (es/) the folder above it."""
    srcdir = Path(srcdir)
    return srcdir if (srcdir / "quizzes").is_dir() else srcdir.parent


def theme_static() -> Path:
    """The installed pydata-sphinx-theme's static folder (asset macros, fonts)."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
