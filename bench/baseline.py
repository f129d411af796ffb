"""The baseline the benchmark compares against: Jupyter Book 1 as it comes.

`jupyter-book create` makes the sample book; one chapter of Know the Line is added to it
with the sample's default settings (no Know the Line extension, default widget handling,
default theme assets), and its references are appended so its citations resolve.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUR_CHAPTER = "chapters/07-examples-and-trends.ipynb"  # charts, the state explorer and a quiz


def create(folder: Path, jupyter_book: Path) -> Path:
    """Make the baseline book in `folder` (replacing it); returns the book's folder."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(jupyter_book), "create", str(folder)], check=True, capture_output=True)
    (folder / "chapters").mkdir()
    shutil.copy(ROOT / OUR_CHAPTER, folder / OUR_CHAPTER)
    with (folder / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n" + (ROOT / "references.bib").read_text(encoding="utf-8"))
    toc_path = folder / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    toc["chapters"].append({"file": OUR_CHAPTER.removesuffix(".ipynb")})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return folder
