"""GIFT, Moodle's plain-text question format.

Every text is HTML-escaped (the questions are marked `[html]`) and then GIFT-escaped
(`~ = # { } :` and the backslash get a backslash). `single`, `scenario` and `multiple`
questions are multiple choice (`multiple` with `%share%` weights, like the Moodle XML
export); `true_false` is GIFT's true/false form `{TRUE#feedback if wrong#feedback if
right}`. Per-answer feedback follows `#`, the explanation follows `####`.
"""

from __future__ import annotations

import re
from html import escape

from knowtheline.bank.model import Question, Quiz

from .moodle import CATEGORY_ROOT, fraction
from knowtheline.classroom.textutil import question_html

_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters; line breaks become GIFT's `\\n`."""
    return _SPECIAL.sub(r"\\\1", text).replace("\r\n", "\n").replace("\n", r"\n")


def _html(text: str) -> str:
    return gift_escape(escape(text, quote=False))


def _choices(q: Question) -> list[str]:
    right = [o for o in q.shown_options if o.id in q.answer]
    wrong = [o for o in q.shown_options if o.id not in q.answer]
    lines = []
    for o in q.shown_options:
        if not q.multiple:
            mark = "=" if o in right else "~"
        elif o in right:
            mark = f"~%{fraction(len(right))}%"
        else:
            mark = f"~%-{fraction(len(wrong))}%"
        lines.append(f"    {mark}{_html(o.text)}#{_html(o.feedback)}")
    return lines


def _true_false(q: Question) -> list[str]:
    answer = q.answer[0]
    wrong = "false" if answer == "true" else "true"
    return [f"    {answer.upper()}#{_html(q.option(wrong).feedback)}#{_html(q.option(answer).feedback)}"]


def _question(q: Question) -> str:
    body = _true_false(q) if q.type == "true_false" else _choices(q)
    return "\n".join([
        f"// {q.id}: chapter {q.chapter}, {q.type}, {q.difficulty}; tags: {', '.join(q.tags)}",
        f"::{gift_escape(q.id)}::[html]{gift_escape(question_html(q))}{{",
        *body,
        f"    ####{_html(q.explanation)}",
        "}",
    ])


def export(quiz: Quiz) -> str:
    """The quiz as GIFT text, one `$CATEGORY` per chapter."""
    blocks = [f"// {quiz.title}\n// Exported from the Know the Line question bank."]
    chapter = None
    for q in quiz.questions:
        if q.chapter != chapter:
            chapter = q.chapter
            blocks.append(f"$CATEGORY: {CATEGORY_ROOT}/Chapter {chapter}")
        blocks.append(_question(q))
    return "\n\n".join(blocks) + "\n"
