"""`knowtheline quiz export`: one entry point over the export formats."""

from __future__ import annotations

from knowtheline.quiz.model import Quiz

from . import export_gift, export_moodle, export_qti, export_text

#: format name -> (file suffix, whether the format can leave the answers out)
FORMATS = {
    "moodle-xml": (".xml", False),
    "gift": (".gift.txt", False),
    "qti": (".qti.zip", False),
    "html": (".html", True),
    "markdown": (".md", True),
}


class ExportError(ValueError):
    """The requested combination of format and options is not possible."""


def export(quiz: Quiz, fmt: str, answer_key: bool = True) -> bytes:
    """The quiz in `fmt`, as bytes ready to write to a file."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not answer_key and not FORMATS[fmt][1]:
        raise ExportError(f"{fmt} always carries the correct answers (the LMS grades with them); "
                          "--no-answer-key applies to html and markdown")
    if fmt == "moodle-xml":
        return export_moodle.export(quiz)
    if fmt == "gift":
        return export_gift.export(quiz).encode("utf-8")
    if fmt == "qti":
        return export_qti.export(quiz)
    if fmt == "html":
        return export_text.to_html(quiz, answer_key).encode("utf-8")
    return export_text.to_markdown(quiz, answer_key).encode("utf-8")
