"""The live quiz for JupyterLab / Notebook workshops and assignment notebooks (ipywidgets).

Built from the same learner view as the static quiz (`view.learner_view`), with the same
two modes: practice checks answers and shows feedback and score; graded records one
submission per question (or the view's `attempts`), then locks it, and shows nothing about
right or wrong (a graded view carries no answers). "Save my results" writes the results
file format of `results.py` into a folder next to the notebook.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from . import results


class QuestionWidget:
    """One question: prompt, options, a Check (or Submit) button and a feedback area."""

    def __init__(self, item: dict, number: int, total: int, graded: bool, limit: int, on_check):
        self.item = item
        self.graded = graded
        self.limit = limit
        self.on_check = on_check
        self.attempts = 0
        self.submitted: list[str] = []  # graded: the choice last submitted
        self.result: bool | None = None
        self.text = {o["id"]: o["text"] for o in item["options"]}
        head = f"<p><small>Question {number} of {total} · {escape(item['label'])}</small></p>"
        if item["scenario"]:
            lines = "<br>".join(f"<b>{escape(label)}:</b> {escape(text)}" for label, text in item["scenario"])
            head += f"<p>{lines}</p>"
        head += f"<p><b>{escape(item['prompt'])}</b></p>"
        layout = w.Layout(width="auto")
        labels = [(o["text"], o["id"]) for o in item["options"]]
        if item["multiple"]:
            self.choices = [w.Checkbox(value=False, description=text, indent=False, layout=layout) for text, _ in labels]
            chooser = w.VBox(self.choices)
        else:
            self.choices = w.RadioButtons(options=labels, value=None, layout=layout)
            chooser = self.choices
        self.feedback = w.HTML()
        label = "Submit answer" if graded else "Check answer"
        self.button = w.Button(description=label, tooltip=label)
        self.button.on_click(lambda _: self.check())
        self.box = w.VBox([w.HTML(head), chooser, self.button, self.feedback])

    def chosen(self) -> list[str]:
        if self.item["multiple"]:
            return [o["id"] for o, box in zip(self.item["options"], self.choices) if box.value]
        return [self.choices.value] if self.choices.value else []

    def _lock(self) -> None:
        self.button.disabled = True
        for box in self.choices if isinstance(self.choices, list) else [self.choices]:
            box.disabled = True

    def check(self) -> bool | None:
        if self.graded and self.attempts >= self.limit:
            return None
        picks = self.chosen()
        if not picks:
            self.feedback.value = "<p>Choose an answer first.</p>"
            return None
        self.attempts += 1
        if self.graded:
            self.submitted = sorted(picks)
            left = self.limit - self.attempts
            if left > 0:
                self.feedback.value = (f"<p><b>Answer submitted.</b> You can change it and submit again "
                                       f"{'once more' if left == 1 else f'{left} more times'}.</p>")
            else:
                self.feedback.value = "<p><b>Answer submitted and locked.</b></p>"
                self._lock()
        else:
            q = self.item
            self.result = sorted(picks) == q["answer"]
            verdict = "Correct." if self.result else "Not quite. Try again."
            lines = [f"<p><b>{verdict}</b></p>"]
            lines += [f"<p>{escape(self.text[p])}: {escape(q['feedback'][p])}</p>" for p in picks]
            if self.result:
                lines.append(f"<p>{escape(q['explanation'])}</p>")
            self.feedback.value = "".join(lines)
        if self.on_check:
            self.on_check()
        return self.result


class QuizWidget:
    """A whole quiz (a learner view) as one ipywidgets VBox (``.box``), with a score
    (practice) or a count of submitted answers (graded), and "Save my results"."""

    def __init__(self, view: dict, results_dir: str | Path = "results", learner: str = ""):
        self.view = view
        self.graded = view["mode"] == "graded"
        self.results_dir = Path(results_dir)
        total = len(view["questions"])
        self.items = [QuestionWidget(q, n, total, self.graded, view.get("attempts") or 1, self._update)
                      for n, q in enumerate(view["questions"], start=1)]
        self.score = w.HTML()
        self.learner = w.Text(value=learner, description="Your name", placeholder="optional",
                              style={"description_width": "initial"})
        save = w.Button(description="Save my results", tooltip="Write a results file to hand in")
        save.on_click(lambda _: self.save())
        self.saved = w.HTML()
        title = w.HTML(f"<h3>{escape(view['title'])}</h3>")
        self.box = w.VBox([title, *[i.box for i in self.items], self.score, self.learner, save, self.saved])
        self._update()

    def _update(self):
        total = len(self.items)
        if self.graded:
            done = sum(1 for i in self.items if i.attempts)
            self.score.value = f"<p><b>Submitted: {done} of {total} questions.</b></p>"
        else:
            right = sum(1 for i in self.items if i.result)
            self.score.value = f"<p><b>Score: {right} of {total} correct.</b></p>"

    def record(self) -> dict:
        answers = []
        for i in self.items:
            picks = i.submitted if self.graded else sorted(i.chosen())
            if i.attempts and picks:
                answers.append({"question": i.item["id"], "chosen": picks, "attempts": i.attempts})
        score = None
        if not self.graded:
            score = {"correct": sum(1 for i in self.items if i.result), "answered": len(answers),
                     "total": len(self.items)}
        v = self.view
        return results.record(v["quiz"], v["version"], v["mode"], answers, self.learner.value, score=score)

    def save(self) -> Path:
        record = self.record()
        self.results_dir.mkdir(parents=True, exist_ok=True)
        who = "".join(ch if ch.isalnum() else "-" for ch in record["learner"]).strip("-") or "anonymous"
        path = self.results_dir / f"knowtheline-{self.view['quiz']}-{who}.json"
        n = 1
        while path.exists():  # never overwrite an earlier save
            n += 1
            path = self.results_dir / f"knowtheline-{self.view['quiz']}-{who}-{n}.json"
        path.write_text(results.dumps(record), encoding="utf-8")
        self.saved.value = f"<p>Saved to <code>{escape(str(path))}</code>. Hand this file to your instructor.</p>"
        return path
