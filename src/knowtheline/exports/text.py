"""Readable exports: a standalone HTML page and Markdown, for printing or pasting into an
LMS page. The answer key (answers, every option's feedback, the explanation) comes after
all the questions, or not at all with `answer_key=False`.

The questions carry what a learner may see: a neutral number ("Question 3"), the chapter
and the kind of question, never the bank id or the difficulty (an id can name the answer).
Those are in the answer key, the instructor's part. The HTML numbers each question
(`data-number`) and marks each key entry with its `data-qid` so it can be read back (the
tests do); every bank text is escaped.
"""

from __future__ import annotations

import re

from knowtheline.bank.model import TYPE_LABELS, Question, Quiz
from knowtheline.render import render

from knowtheline.classroom.textutil import one_line, scenario_pairs

def to_html(quiz: Quiz, answer_key: bool = True, extra_css: str = "") -> str:
    """A standalone HTML document (`templates/export.html`): the questions, then (optionally)
    the answer key."""
    return render("export.html", lang=quiz.lang, quiz=quiz, answer_key=answer_key, extra_css=extra_css)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def markdown_escape(text: str) -> str:
    """Bank text as inert CommonMark: special characters backslash-escaped, on one line."""
    text = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if len(m.group(2)) == 1
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _question_md(q: Question, number: int) -> str:
    letter = q.letters
    lines = [f"## Question {number}", "", f"*Chapter {q.chapter} · {TYPE_LABELS[q.type]}*", ""]
    if q.scenario:
        lines += [f"> **{label}:** {markdown_escape(value)}  " for label, value in scenario_pairs(q)]
        lines[-1] = lines[-1].rstrip()
        lines.append("")
    lines += [markdown_escape(q.prompt), ""]
    lines += [f"- {letter[o.id]}. {markdown_escape(o.text)}" for o in q.shown_options]
    return "\n".join(lines)


def _key_md(q: Question, number: int) -> str:
    letter = q.letters
    answer = ", ".join(f"{letter[a]}. {markdown_escape(q.option(a).text)}" for a in q.answer)
    lines = [f"### Question {number} · `{q.id}` · {q.difficulty}", "", f"**Answer:** {answer}", "",
             markdown_escape(q.explanation), ""]
    lines += [f"- {letter[o.id]}. {'(correct) ' if o.id in q.answer else ''}{markdown_escape(o.feedback)}"
              for o in q.shown_options]
    return "\n".join(lines)


def to_markdown(quiz: Quiz, answer_key: bool = True) -> str:
    """The quiz as Markdown: questions, then (optionally) the answer key."""
    parts = [f"# {markdown_escape(quiz.title)}", f"{len(quiz.questions)} questions."]
    parts += [_question_md(q, n) for n, q in enumerate(quiz.questions, start=1)]
    if answer_key:
        parts.append("## Answer key")
        parts += [_key_md(q, n) for n, q in enumerate(quiz.questions, start=1)]
    return "\n\n".join(parts) + "\n"
