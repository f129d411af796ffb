"""The live quiz in Jupyter: the book's own quiz module as an ipywidget (anywidget).

`QuizWidget(view)` shows the same HTML (`html.render_view`, live) and runs the same module
(`static/ktl-quiz.js`, its `render`) with the same stylesheet as the book; feedback, score
and every message come from that module. The model syncs with Python:

* `state`: the learner's progress as the module keeps it, `{"v": 2, "answers": {"q1":
  {"chosen": ["B"], "attempts": 1}}, "learner": "…"}`;
* `request`: what *Save my results* sends, `{"record": …, "file": …}`: the results record
  and its file name, built by the module (the one place that builds them, for the book's
  download too); Python checks it (`results.check_record`) and writes it into `results/`
  next to the notebook (`results.write_new`), never over an earlier file;
* `saved`: the answer, `{"path": …}` or `{"error": …}`, which the module shows.

The front end ships with the anywidget package as a JupyterLab extension: nothing is
fetched from the network.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import anywidget
import traitlets

from knowtheline.paths import STATIC

from . import results
from .html import render_view


class QuizWidget(anywidget.AnyWidget):
    _esm = STATIC / "ktl-quiz.js"
    _css = STATIC / "ktl-quiz.css"
    html = traitlets.Unicode().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    request = traitlets.Dict().tag(sync=True)
    saved = traitlets.Dict().tag(sync=True)

    def __init__(self, view: dict, results_dir: str | Path = "results", learner: str = "", **kwargs):
        dom = f"ktl-{view['quiz']}-{secrets.token_hex(4)}"  # unique on the page: a notebook may show a quiz twice
        super().__init__(html=render_view(view, learner=learner, live=True, dom=dom),
                         state={"v": 2, "answers": {}, "learner": learner}, **kwargs)
        self.view = view
        self.results_dir = Path(results_dir)

    @property
    def answers(self) -> dict:
        """The learner's answers so far, `{"q1": {"chosen": [...], "attempts": n}}`."""
        return dict(self.state.get("answers") or {})

    @traitlets.observe("request")
    def _save(self, change) -> None:
        request = change["new"]
        if not request:
            return
        try:
            path = self.save(request.get("record"), request.get("file"))
        except ValueError as err:
            self.saved = {"error": str(err)}
        else:
            self.saved = {"path": str(path)}

    def save(self, record, file) -> Path:
        """Check the record the quiz module built for this quiz and write it; return its path."""
        results.check_record(record, quiz=self.view["quiz"], version=self.view["version"])
        return results.write_new(self.results_dir, file, record)
