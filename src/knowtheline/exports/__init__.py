"""`knowtheline quiz export`: one entry point over the export formats, one module a format
(`moodle`, `gift`, `qti`, `text` for HTML and Markdown sheets)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from knowtheline.bank.model import Quiz

from . import gift, moodle, qti, text

@dataclass(frozen=True)
class Format:
    """One export format: what `--format NAME` writes."""

    suffix: str  # the file name ending it is written with
    description: str  # one line for --help
    make: Callable[[Quiz, bool], bytes]  # (quiz, answer key?) -> the file's bytes
    answer_key_optional: bool = False  # can leave the answers out (--no-answer-key)
    binary: bool = False  # not text: needs --out


#: The one list of formats: it feeds `--format`'s choices, its help and `export`.
FORMATS: dict[str, Format] = {
    "moodle-xml": Format(".xml", "Moodle XML, to import into a Moodle question bank",
                         lambda quiz, key: moodle.export(quiz)),
    "gift": Format(".gift.txt", "GIFT text, to import into Moodle",
                   lambda quiz, key: gift.export(quiz).encode("utf-8")),
    "qti": Format(".qti.zip", "a QTI 1.2 zip for Canvas classic quizzes",
                  lambda quiz, key: qti.export(quiz), binary=True),
    "html": Format(".html", "a self-contained HTML sheet to print or share",
                   lambda quiz, key: text.to_html(quiz, key).encode("utf-8"), answer_key_optional=True),
    "markdown": Format(".md", "a Markdown sheet",
                       lambda quiz, key: text.to_markdown(quiz, key).encode("utf-8"),
                       answer_key_optional=True),
}


def describe() -> str:
    """The formats, one per line, for --help."""
    return "\n".join(f"{name} ({fmt.suffix}): {fmt.description}" for name, fmt in FORMATS.items())


class ExportError(ValueError):
    """The requested combination of format and options is not possible."""


def export(quiz: Quiz, fmt: str, answer_key: bool = True) -> bytes:
    """The quiz in `fmt`, as bytes ready to write to a file."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not answer_key and not FORMATS[fmt].answer_key_optional:
        raise ExportError(f"{fmt} always carries the correct answers (the LMS grades with them); "
                          "--no-answer-key applies to html and markdown")
    return FORMATS[fmt].make(quiz, answer_key)
