"""The live quiz for JupyterLab / Notebook workshops, built from ipywidgets.

Same questions, feedback and score as the static quiz; "Save my results" writes the same
results file format (see `results.py`) into a folder next to the notebook.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from . import results
from .model import TYPE_LABELS, Question, Quiz


class QuestionWidget:
    """One question: prompt, options, a Check button and a feedback area."""

    def __init__(self, question: Question, number: int, total: int, on_check):
        self.question = question
        self.on_check = on_check
        self.attempts = 0
        self.result: bool | None = None
        labels = [(o.text, o.id) for o in question.shown_options]
        head = f"<p><small>Question {number} of {total} · {escape(TYPE_LABELS[question.type])}</small></p>"
        if question.scenario:
            lines = "<br>".join(f"<b>{escape(label)}:</b> {escape(text)}" for label, text in question.scenario.pairs)
            head += f"<p>{lines}</p>"
        head += f"<p><b>{escape(question.prompt)}</b></p>"
        layout = w.Layout(width="auto")
        if question.multiple:
            self.choices = [w.Checkbox(value=False, description=text, indent=False, layout=layout) for text, _ in labels]
            chooser = w.VBox(self.choices)
        else:
            self.choices = w.RadioButtons(options=labels, value=None, layout=layout)
            chooser = self.choices
        self.feedback = w.HTML()
        button = w.Button(description="Check answer", tooltip="Check this answer")
        button.on_click(lambda _: self.check())
        self.box = w.VBox([w.HTML(head), chooser, button, self.feedback])

    def chosen(self) -> list[str]:
        if self.question.multiple:
            return [o.id for o, box in zip(self.question.shown_options, self.choices) if box.value]
        return [self.choices.value] if self.choices.value else []

    def check(self) -> bool | None:
        picks = self.chosen()
        if not picks:
            self.feedback.value = "<p>Choose an answer first.</p>"
            return None
        self.attempts += 1
        q = self.question
        self.result = q.is_correct(picks)
        verdict = "Correct." if self.result else "Not quite. Try again."
        lines = [f"<p><b>{verdict}</b></p>"]
        lines += [f"<p>{escape(q.option(p).text)}: {escape(q.option(p).feedback)}</p>" for p in picks]
        if self.result:
            lines.append(f"<p>{escape(q.explanation)}</p>")
        self.feedback.value = "".join(lines)
        if self.on_check:
            self.on_check()
        return self.result


class QuizWidget:
    """A whole quiz as one ipywidgets VBox (``.box``), with score and "Save my results"."""

    def __init__(self, quiz: Quiz, results_dir: str | Path = "results", learner: str = ""):
        self.quiz = quiz
        self.results_dir = Path(results_dir)
        total = len(quiz.questions)
        self.items = [QuestionWidget(q, n, total, self._update) for n, q in enumerate(quiz.questions, start=1)]
        self.score = w.HTML()
        self.learner = w.Text(value=learner, description="Your name", placeholder="optional",
                              style={"description_width": "initial"})
        save = w.Button(description="Save my results", tooltip="Write a results file to hand in")
        save.on_click(lambda _: self.save())
        self.saved = w.HTML()
        title = w.HTML(f"<h3>{escape(quiz.title)}</h3>")
        self.box = w.VBox([title, *[i.box for i in self.items], self.score, self.learner, save, self.saved])
        self._update()

    def _update(self):
        right = sum(1 for i in self.items if i.result)
        self.score.value = f"<p><b>Score: {right} of {len(self.items)} correct.</b></p>"

    def record(self) -> dict:
        chosen = {i.question.id: i.chosen() for i in self.items if i.attempts}
        attempts = {i.question.id: i.attempts for i in self.items}
        return results.make(self.quiz, chosen, attempts, self.learner.value)

    def save(self) -> Path:
        record = self.record()
        self.results_dir.mkdir(parents=True, exist_ok=True)
        who = "".join(ch if ch.isalnum() else "-" for ch in record["learner"]).strip("-") or "anonymous"
        path = self.results_dir / f"knowtheline-{self.quiz.id}-{who}.json"
        n = 1
        while path.exists():  # never overwrite an earlier save
            n += 1
            path = self.results_dir / f"knowtheline-{self.quiz.id}-{who}-{n}.json"
        path.write_text(results.dumps(record), encoding="utf-8")
        self.saved.value = f"<p>Saved to <code>{escape(str(path))}</code>. Hand this file to your instructor.</p>"
        return path
