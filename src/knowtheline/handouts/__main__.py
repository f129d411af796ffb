"""`python -m knowtheline.handouts --book _build/html --out handouts`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tqdm import tqdm

from knowtheline.instructor.files import free_path
from knowtheline.instructor.select import load
from knowtheline.quiz.bank import BankError

from . import book as book_module
from . import pages
from .pdf import BrowserMissing, print_to_pdf


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
    if book is not None:
        jobs["know-the-line"] = lambda: book_module.whole_book(book)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="ktl-handouts-") as tmp:
        for name, make in tqdm(jobs.items(), desc="printing handouts", unit="pdf"):
            html = Path(tmp) / f"{name}.html"
            html.write_text(make(), encoding="utf-8")
            written.append(print_to_pdf(html, free_path(out / f"{name}.pdf")))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowtheline.handouts",
                                     description="Print the handouts to PDF with headless Chromium, offline.")
    parser.add_argument("--book", type=Path, help="the built HTML book (make book); without it, no whole-book PDF")
    parser.add_argument("--out", type=Path, default=Path("handouts"), help="folder for the PDFs (default: handouts)")
    parser.add_argument("--bank", type=Path, help="folder of chNN.yaml files (default: quizzes/ of this checkout)")
    args = parser.parse_args(argv)
    try:
        for path in build(args.book, args.out, args.bank):
            print(f"wrote {path}")
    except (BrowserMissing, FileNotFoundError, BankError, RuntimeError) as err:
        print(f"handouts: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
