"""Shared code for the Know the Line curriculum: quiz engine, charts, data and tools."""

from pathlib import Path

__version__ = "0.1.0"


def repo_root() -> Path:
    """The checkout's top folder: the nearest parent of this package holding `_config.yml`.

    Falls back to the current directory (for a notebook opened from a checkout when the
    package was installed non-editable)."""
    for folder in [*Path(__file__).resolve().parents, *Path.cwd().resolve().parents, Path.cwd()]:
        if (folder / "_config.yml").exists() and (folder / "quizzes").is_dir():
            return folder
    raise FileNotFoundError("cannot find the Know the Line checkout (a folder with _config.yml and quizzes/)")
