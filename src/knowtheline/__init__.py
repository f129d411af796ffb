"""Shared code for the Know the Line curriculum: quiz engine, charts, data and tools."""

from pathlib import Path

__version__ = "0.1.0"


def repo_root() -> Path:
    """The book's top folder: the nearest folder holding `_config.yml` and `quizzes/`,
    looking first from the current directory (a notebook runs in its own folder), then
    from this package's location (an editable install inside a checkout)."""
    cwd = Path.cwd().resolve()
    for folder in [cwd, *cwd.parents, *Path(__file__).resolve().parents]:
        if (folder / "_config.yml").exists() and (folder / "quizzes").is_dir():
            return folder
    raise FileNotFoundError("cannot find the Know the Line checkout (a folder with _config.yml and quizzes/)")
