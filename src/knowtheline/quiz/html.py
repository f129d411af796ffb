"""The quiz as self-contained HTML for the static book, assignments (and print), and for
the live widget, from one template (`render/templates/quiz.html`).

Rendered from the learner's view of the quiz (`view.learner_view`): questions numbered
`q1…`, options lettered, and in graded mode no answers, feedback or explanations anywhere
in the page or its data. The quiz module (`static/ktl-quiz.js`) makes it interactive, the
same code in the book, on an assignment page and in Jupyter (`widget.QuizWidget`): in
practice mode it checks answers, shows feedback and keeps score; in graded mode each
question has a Submit button and locks after its allowed submissions, with nothing said
about right or wrong. Without JavaScript the questions still read; printing a practice quiz
puts the answers in an answer key at the end (a graded one has none to print). All text is
escaped.
"""

from __future__ import annotations

from knowtheline.render import render as render_template

from knowtheline.bank.model import Quiz
from .view import learner_view

#: What the script needs besides the answers: the page itself shows the rest.
SCRIPT_FIELDS = ("id", "multiple", "options", "answer", "feedback", "explanation")


def script_data(view: dict) -> dict:
    """What the quiz module reads from the page (script.ktl-quiz-data): the questions' ids,
    options and (practice) answers, and its messages in the view's language (the
    catalogue's `quiz_script` section and the results file's name prefix)."""
    from knowtheline import i18n

    lang = view.get("lang", "en")
    messages = dict(i18n.t(lang, "quiz_script"), file_prefix=i18n.t(lang, "file_prefix"))
    return dict(view, questions=[{k: q[k] for k in SCRIPT_FIELDS if k in q} for q in view["questions"]],
                messages=messages)


def render_view(view: dict, learner: str = "", live: bool = False, dom: str | None = None) -> str:
    """A learner view as one HTML fragment, in the view's language. `learner` fills the
    name box; `live`: for the Jupyter widget (its own `dom` id prefix, a Save button, no
    print answer key)."""
    return render_template("quiz.html", lang=view.get("lang", "en"), view=view, learner=learner, live=live,
                           dom=dom or f"ktl-{view['quiz']}", data=script_data(view))


def render(quiz: Quiz, mode: str = "practice", attempts: int | None = None) -> str:
    """The whole quiz as one HTML fragment (the book's quizzes are practice quizzes)."""
    return render_view(learner_view(quiz, mode, attempts))
