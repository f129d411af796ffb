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
from html import escape

from knowtheline.quiz.model import TYPE_LABELS, Question, Quiz

from .textutil import one_line, scenario_pairs

PRINT_CSS = """
body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; color: #111; }
.ktl-sheet-question { break-inside: avoid; border-top: 1px solid #bbb; padding: 0.5rem 0; }
.ktl-sheet-meta { font-size: 0.85em; color: #444; margin: 0; }
.ktl-sheet-scenario { background: #f3f3f3; border-left: 4px solid #0072b2; padding: 0.3rem 0.6rem; margin: 0.4rem 0; }
.ktl-sheet-scenario dt { font-weight: 600; } .ktl-sheet-scenario dd { margin: 0 0 0.2rem 0; }
.ktl-sheet-prompt { font-weight: 600; }
.ktl-sheet-options { list-style: none; padding-left: 0.5rem; }
.ktl-sheet-options li::before { content: "\\2610\\00a0"; }
.ktl-sheet-key { break-before: page; }
.ktl-sheet-key li { break-inside: avoid; margin-bottom: 0.5rem; }
@page { margin: 16mm; }
"""


def _question_html(q: Question, number: int) -> str:
    letter = q.letters
    scenario = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in scenario_pairs(q))
    scenario = f'<dl class="ktl-sheet-scenario">{scenario}</dl>' if scenario else ""
    options = "".join(
        f'<li><span class="ktl-letter">{letter[o.id]}.</span> '
        f'<span class="ktl-text">{escape(o.text)}</span></li>' for o in q.shown_options)
    return (
        f'<section class="ktl-sheet-question" data-number="{number}">'
        f'<h2>Question {number}</h2>'
        f'<p class="ktl-sheet-meta">Chapter {q.chapter} · {escape(TYPE_LABELS[q.type])}</p>'
        f'{scenario}<p class="ktl-sheet-prompt">{escape(q.prompt)}</p>'
        f'<ol class="ktl-sheet-options">{options}</ol></section>'
    )


def _key_html(q: Question, number: int) -> str:
    letter = q.letters
    answer = ", ".join(f"{letter[a]}. {escape(q.option(a).text)}" for a in q.answer)
    feedback = "".join(
        f'<li data-option="{escape(o.id)}" data-correct="{str(o.id in q.answer).lower()}">'
        f'{letter[o.id]}. <span class="ktl-feedback">{escape(o.feedback)}</span></li>' for o in q.shown_options)
    return (
        f'<li class="ktl-sheet-answer" data-qid="{escape(q.id)}" value="{number}">'
        f'<p class="ktl-sheet-meta">Question {number} · <code>{escape(q.id)}</code> · {escape(q.difficulty)}</p>'
        f'<p><strong>Answer: {answer}</strong></p>'
        f'<p class="ktl-explanation">{escape(q.explanation)}</p>'
        f'<ul class="ktl-sheet-feedback">{feedback}</ul></li>'
    )


def to_html(quiz: Quiz, answer_key: bool = True, extra_css: str = "") -> str:
    """A standalone HTML document: the questions, then (optionally) the answer key."""
    questions = "".join(_question_html(q, n) for n, q in enumerate(quiz.questions, start=1))
    key = ""
    if answer_key:
        items = "".join(_key_html(q, n) for n, q in enumerate(quiz.questions, start=1))
        key = f'<section class="ktl-sheet-key"><h2>Answer key</h2><ol>{items}</ol></section>'
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(quiz.title)}</title><style>{PRINT_CSS}{extra_css}</style></head><body>"
        f'<main class="ktl-sheet" data-quiz="{escape(quiz.id)}" data-version="{quiz.version}">'
        f"<h1>{escape(quiz.title)}</h1>"
        f"<p>{len(quiz.questions)} questions. Tick one box, or every box that applies where it says "
        "“Choose all that apply”.</p>"
        f"{questions}{key}</main></body></html>\n"
    )


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
