"""The quiz as self-contained HTML for the static book (and its print layout).

The page's script (`static/ktl-quiz.js`, added to every page by the Sphinx extension) makes
it interactive: checking answers, feedback, score, progress kept in localStorage, and a
results file made in the browser. Without JavaScript the questions still read, and printing
puts the answers in an answer key at the end. All quiz text is escaped.
"""

from __future__ import annotations

import json
from html import escape

from .model import TYPE_LABELS, Question, Quiz

NO_SCRIPT = (
    "This quiz needs JavaScript to check answers. You can still read the questions; "
    "the answer key is printed at the end when you print this page."
)


def _data(quiz: Quiz) -> str:
    """Answers and feedback for the script, as JSON safe inside a <script> element."""
    payload = {
        "quiz": quiz.id,
        "version": quiz.version,
        "title": quiz.title,
        "questions": {
            q.id: {
                "chapter": q.chapter,
                "answer": list(q.answer),
                "multiple": q.multiple,
                "explanation": q.explanation,
                "feedback": {o.id: o.feedback for o in q.options},
                "options": {o.id: o.text for o in q.options},
            }
            for q in quiz.questions
        },
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _scenario(q: Question, dom_id: str) -> str:
    if not q.scenario:
        return ""
    lines = "".join(f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>" for label, text in q.scenario.pairs)
    return f'<dl class="ktl-scenario" id="{dom_id}-scenario">{lines}</dl>'


def _question(q: Question, number: int, quiz_dom: str) -> str:
    dom = f"{quiz_dom}-{q.id}"
    kind = "checkbox" if q.multiple else "radio"
    described = f' aria-describedby="{dom}-scenario"' if q.scenario else ""
    options = "".join(
        f'<div class="ktl-option">'
        f'<input type="{kind}" name="{dom}" id="{dom}-{escape(o.id)}" value="{escape(o.id)}">'
        f'<label for="{dom}-{escape(o.id)}">{escape(o.text)}</label>'
        f"</div>"
        for o in q.shown_options
    )
    as_of = f'<p class="ktl-asof">Law as of {escape(q.as_of)}.</p>' if q.as_of else ""
    return (
        f'<form class="ktl-question" data-qid="{escape(q.id)}" id="{dom}" novalidate>'
        f'<p class="ktl-qhead">Question {number} of <span class="ktl-qtotal"></span> · '
        f"{escape(TYPE_LABELS[q.type])}</p>"
        f"{_scenario(q, dom)}"
        f'<fieldset{described}><legend class="ktl-prompt">{escape(q.prompt)}</legend>{options}</fieldset>'
        f"{as_of}"
        f'<button type="submit" class="ktl-check">Check answer</button>'
        f'<div class="ktl-feedback" role="status" aria-live="polite"></div>'
        f"</form>"
    )


def _answer_key(quiz: Quiz) -> str:
    items = []
    for q in quiz.questions:
        letters = q.letters
        right = "".join(f"<br>{letters[a]}. {escape(q.option(a).text)}" for a in sorted(q.answer, key=letters.get))
        items.append(f"<li><strong>Answer:{right}</strong><br>{escape(q.explanation)}</li>")
    return (
        '<section class="ktl-answer-key" aria-label="Answer key">'
        f"<h4>Answer key: {escape(quiz.title)}</h4><ol>{''.join(items)}</ol></section>"
    )


def render(quiz: Quiz) -> str:
    """The whole quiz as one HTML fragment."""
    dom = f"ktl-{quiz.id}"
    questions = "".join(_question(q, n, dom) for n, q in enumerate(quiz.questions, start=1))
    count = len(quiz.questions)
    return (
        f'<div class="ktl-quiz" id="{dom}" data-quiz="{escape(quiz.id)}" data-version="{quiz.version}">'
        f'<p class="ktl-quiz-title"><strong>{escape(quiz.title)}</strong></p>'
        f'<p class="ktl-quiz-help">{count} questions. Pick an answer and press <em>Check answer</em>; '
        "you can try again. Your answers are kept only in this browser, on this device, until you "
        "clear them. To hand them in, download your results file.</p>"
        f'<noscript><p class="ktl-noscript">{NO_SCRIPT}</p></noscript>'
        f"{questions}"
        '<div class="ktl-quiz-footer">'
        f'<p class="ktl-score" role="status" aria-live="polite">Score: 0 of {count} correct.</p>'
        f'<label class="ktl-learner">Your name or learner code (optional, only goes into the file you download) '
        f'<input type="text" class="ktl-learner-name" autocomplete="off" maxlength="80"></label>'
        '<button type="button" class="ktl-download">Download my results</button> '
        '<button type="button" class="ktl-clear">Clear my answers</button>'
        "</div>"
        f"{_answer_key(quiz)}"
        f'<script type="application/json" class="ktl-quiz-data">{_data(quiz)}</script>'
        "</div>"
    )
