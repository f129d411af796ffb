"""Build the handouts: `knowtheline handouts --book _build/html --out handouts`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tqdm import tqdm

from knowtheline.bank.select import load
from knowtheline.classroom.files import free_path

from . import book as book_module
from . import pages
from .pdf import print_to_pdf


def build(book: Path | None, out: Path, bank_dir: Path | None = None, root: Path | None = None) -> list[Path]:
    """Write every handout PDF into `out` (existing files are kept; new ones get a new name).
    Without `book`, the whole-book PDF is left out."""
    from knowtheline import repo_root

    root = root or repo_root()
    bank = load(bank_dir or root / "quizzes")
    jobs = {
        "at-a-glance": lambda: pages.at_a_glance(root / "facilitators" / "at-a-glance.md"),
        "scenario-cards": lambda: pages.scenario_cards(bank),
        "quiz-sheets": lambda: pages.quiz_sheets(bank),
        "quiz-key": lambda: pages.quiz_key(bank),
    }
    if (root / "quizzes" / "es").is_dir() and bank_dir is None:  # the Spanish edition's handouts, as es-*.pdf
        from knowtheline.translation.quizzes import load as load_translation

        spanish = load_translation(root / "quizzes" / "es", bank, "es")
        jobs.update({
            "es-at-a-glance": lambda: pages.at_a_glance(root / "es" / "facilitators" / "at-a-glance.md", "es"),
            "es-scenario-cards": lambda: pages.scenario_cards(spanish),
            "es-quiz-sheets": lambda: pages.quiz_sheets(spanish),
            "es-quiz-key": lambda: pages.quiz_key(spanish),
        })
    if book is not None:
        jobs["know-the-line"] = lambda: book_module.whole_book(book)
        if (book / "es" / "index.html").exists():
            jobs["es-conozca-el-limite"] = lambda: book_module.whole_book(book / "es")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="ktl-handouts-") as tmp:
        for name, make in tqdm(jobs.items(), desc="printing handouts", unit="pdf"):
            html = Path(tmp) / f"{name}.html"
            html.write_text(make(), encoding="utf-8")
            written.append(print_to_pdf(html, free_path(out / f"{name}.pdf")))
    return written


if __name__ == "__main__":  # `python -m knowtheline.handouts` is `knowtheline handouts` (the library never imports the CLI)
    from knowtheline.cli import run_module

    sys.exit(run_module(["handouts"]))
