"""QTI 1.2 (a .zip for Canvas "classic quizzes"), written by text2qti.

We write text2qti's plain-text quiz format and let text2qti build the package, offline:
no config file is read or written, no pandoc and no LaTeX rendering are used (every `$` is
escaped, so no math is ever rendered). Each question's title is its bank id; the
explanation is the general feedback (`...` before the choices) and each choice carries its
own feedback (`...` after it). Titles are plain text in text2qti (not Markdown). True/false questions are multiple choice with two options.
"""

from __future__ import annotations

import re
from html import escape

from knowtheline.bank.model import Question, Quiz

from knowtheline.classroom.textutil import one_line, scenario_pairs

# Python-Markdown's backslash escapes (plus the quotes its "smarty" extension handles) and
# text2qti's own `\$`. `<` and `&` become HTML entities instead (Markdown keeps raw HTML).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!'\"$])")


def markdown_escape(text: str) -> str:
    """Bank text as inert Markdown for text2qti: shown literally, never as markup or math."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(one_line(text), quote=False))


def _question_text(q: Question, indent: str) -> str:
    """The question's Markdown as text2qti's numbered-item content (continuation lines are
    indented by `indent`, the width of the item's number marker)."""
    # A scenario is its own paragraph, one "label: value" per line (Markdown's two-space
    # line break); continuation lines are indented to the item's text column.
    scenario = f"  \n{indent}".join(f"**{label}:** {markdown_escape(value)}" for label, value in scenario_pairs(q))
    prompt = markdown_escape(q.prompt)
    return f"{scenario}\n\n{indent}{prompt}" if scenario else prompt


def _question(q: Question, number: int) -> str:
    marker = f"{number}.  "
    lines = [f"Title: {q.id}", "Points: 1", marker + _question_text(q, " " * len(marker)),
             f"...  {markdown_escape(q.explanation)}"]
    for index, option in enumerate(q.shown_options):
        right = option.id in q.answer
        if q.multiple:
            mark = "[*]" if right else "[ ]"
        else:
            mark = ("*" if right else "") + chr(ord("a") + index) + ")"
        lines.append(f"{mark} {markdown_escape(option.text)}")
        lines.append(f"... {markdown_escape(option.feedback)}")
    return "\n".join(lines)


def quiz_text(quiz: Quiz) -> str:
    """The text2qti source for the quiz."""
    head = [f"Quiz title: {one_line(quiz.title)}",
            "Quiz description: From the Know the Line question bank.",
            "Shuffle answers: false", "Show correct answers: true", ""]
    body = [_question(q, n) for n, q in enumerate(quiz.questions, start=1)]
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n"


def export(quiz: Quiz) -> bytes:
    """The quiz as a QTI 1.2 zip (bytes) that Canvas imports as a classic quiz."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz as TextQuiz

    config = Config()  # defaults only: Config.load() would write ~/.text2qti.bespon
    parsed = TextQuiz(quiz_text(quiz), config=config, source_name=quiz.id)
    return QTI(parsed).zip_bytes()
