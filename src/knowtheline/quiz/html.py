"""The quiz as self-contained HTML for the static book, assignments (and print).

Rendered from the learner's view of the quiz (`view.learner_view`): questions numbered
`q1…`, options lettered, and in graded mode no answers, feedback or explanations anywhere
in the page or its data. The page's script (`static/ktl-quiz.js`) makes it interactive:
in practice mode it checks answers, shows feedback and keeps score; in graded mode each
question has a Submit button and locks after its allowed submissions, with nothing said
about right or wrong. Both keep progress in localStorage and build a results file in the
browser. Without JavaScript the questions still read; printing a practice quiz puts the
answers in an answer key at the end (a graded one has none to print). All text is escaped.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape

from knowtheline.asof import in_words, is_stale, stale_note

from .model import Quiz
from .view import learner_view

NO_SCRIPT = {
    "practice": "This quiz needs JavaScript to check answers. You can still read the questions; "
                "the answer key is printed at the end when you print this page.",
    "graded": "This assignment needs JavaScript to record your answers. You can still read the questions.",
}
#: What the script needs besides the answers: the page itself shows the rest.
SCRIPT_FIELDS = ("id", "multiple", "options", "answer", "feedback", "explanation")


def _data(view: dict) -> str:
    """The view's script data as JSON safe inside a <script> element."""
    payload = dict(view, questions=[{k: q[k] for k in SCRIPT_FIELDS if k in q} for q in view["questions"]])
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _scenario(q: dict, dom_id: str) -> str:
    if not q["scenario"]:
        return ""
    lines = "".join(f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>" for label, text in q["scenario"])
    return f'<dl class="ktl-scenario" id="{dom_id}-scenario">{lines}</dl>'


def _as_of(iso: str) -> str:
    """'Law as of December 3, 2026.', with the book's stale note once the date has aged."""
    day = date.fromisoformat(iso)
    note = f' <span class="ktl-stale" role="note">({stale_note(day)})</span>' if is_stale(day) else ""
    return (f'<p class="ktl-asof">Law as of <time datetime="{day.isoformat()}">{in_words(day)}</time>.'
            f"{note}</p>")


def _question(q: dict, number: int, quiz_dom: str, graded: bool) -> str:
    dom = f"{quiz_dom}-{q['id']}"
    kind = "checkbox" if q["multiple"] else "radio"
    described = f' aria-describedby="{dom}-scenario"' if q["scenario"] else ""
    options = "".join(
        f'<div class="ktl-option">'
        f'<input type="{kind}" name="{dom}" id="{dom}-{o["id"]}" value="{o["id"]}">'
        f'<label for="{dom}-{o["id"]}">{escape(o["text"])}</label>'
        f"</div>"
        for o in q["options"]
    )
    as_of = _as_of(q["as_of"]) if q["as_of"] else ""
    button = "Submit answer" if graded else "Check answer"
    return (
        f'<form class="ktl-question" data-qid="{q["id"]}" id="{dom}" novalidate>'
        f'<p class="ktl-qhead">Question {number} of <span class="ktl-qtotal"></span> · '
        f"{escape(q['label'])}</p>"
        f"{_scenario(q, dom)}"
        f'<fieldset{described}><legend class="ktl-prompt">{escape(q["prompt"])}</legend>{options}</fieldset>'
        f"{as_of}"
        f'<button type="submit" class="ktl-check">{button}</button>'
        f'<div class="ktl-feedback" role="status" aria-live="polite"></div>'
        f"</form>"
    )


def _answer_key(view: dict) -> str:
    items = []
    for q in view["questions"]:
        text = {o["id"]: o["text"] for o in q["options"]}
        right = "".join(f"<br>{a}. {escape(text[a])}" for a in q["answer"])
        items.append(f"<li><strong>Answer:{right}</strong><br>{escape(q['explanation'])}</li>")
    return (
        '<section class="ktl-answer-key" aria-label="Answer key">'
        f"<h4>Answer key: {escape(view['title'])}</h4><ol>{''.join(items)}</ol></section>"
    )


def _help(view: dict) -> str:
    count = len(view["questions"])
    if view["mode"] == "practice":
        how = "Pick an answer and press <em>Check answer</em>; you can try again."
    else:
        times = "once" if view["attempts"] == 1 else f"up to {view['attempts']} times"
        how = (f"Pick an answer and press <em>Submit answer</em>. You can submit each answer {times}; "
               "after that it is locked. Your instructor grades your answers.")
    return (f'<p class="ktl-quiz-help">{count} questions. {how} Your answers are kept only in this browser, '
            "on this device, until you clear them. To hand them in, download your results file.</p>")


def render_view(view: dict) -> str:
    """A learner view (`view.learner_view`) as one HTML fragment."""
    dom = f"ktl-{escape(view['quiz'])}"
    graded = view["mode"] == "graded"
    questions = "".join(_question(q, n, dom, graded) for n, q in enumerate(view["questions"], start=1))
    count = len(view["questions"])
    status = f"Submitted: 0 of {count} questions." if graded else f"Score: 0 of {count} correct."
    return (
        f'<div class="ktl-quiz" id="{dom}" data-quiz="{escape(view["quiz"])}" data-version="{escape(view["version"])}" '
        f'data-mode="{view["mode"]}">'
        f'<p class="ktl-quiz-title"><strong>{escape(view["title"])}</strong></p>'
        f"{_help(view)}"
        f'<noscript><p class="ktl-noscript">{NO_SCRIPT[view["mode"]]}</p></noscript>'
        f"{questions}"
        '<div class="ktl-quiz-footer">'
        f'<p class="ktl-score" role="status" aria-live="polite">{status}</p>'
        f'<label class="ktl-learner">Your name or learner code (optional, only goes into the file you download) '
        f'<input type="text" class="ktl-learner-name" autocomplete="off" maxlength="80"></label>'
        '<button type="button" class="ktl-download">Download my results</button> '
        '<button type="button" class="ktl-clear">Clear my answers</button>'
        "</div>"
        f"{'' if graded else _answer_key(view)}"
        f'<script type="application/json" class="ktl-quiz-data">{_data(view)}</script>'
        "</div>"
    )


def render(quiz: Quiz, mode: str = "practice", attempts: int | None = None) -> str:
    """The whole quiz as one HTML fragment (the book's quizzes are practice quizzes)."""
    return render_view(learner_view(quiz, mode, attempts))
