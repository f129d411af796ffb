"""The live state explorer in Jupyter: the book's own explorer module as an ipywidget (anywidget).

`ExplorerWidget(explorer)` shows the same HTML as the book (`StateExplorer.to_html(live=True)`,
with the same JSON data) and runs the same module (`static/ktl-explorer.js`, its `render`)
with the book's stylesheet. The model syncs with Python:

* `state`: the state the reader chose;
* `chart`: that state's chart, `{"state": …, "html": …}`, drawn here with the book's chart
  code (`StateExplorer.chart_html`) when `state` changes; the book draws every state's
  chart while it is built instead.

The front end ships with the anywidget package as a JupyterLab extension: nothing is
fetched from the network.
"""

from __future__ import annotations

import anywidget
import traitlets

from knowtheline.paths import STATIC

MODULE = STATIC / "ktl-explorer.js"  # the explorer's one module, as the book inlines it
STYLE = STATIC / "ktl-quiz.css"  # the book's stylesheet for quizzes, charts and the explorer


class ExplorerWidget(anywidget.AnyWidget):
    _esm = MODULE
    _css = STYLE
    html = traitlets.Unicode().tag(sync=True)
    state = traitlets.Unicode().tag(sync=True)
    chart = traitlets.Dict().tag(sync=True)

    def __init__(self, explorer, **kwargs):
        self.explorer = explorer
        self._shown = explorer.default  # its chart is already in the HTML
        super().__init__(html=explorer.to_html(dark=False, live=True), state=explorer.default, **kwargs)

    @traitlets.observe("state")
    def _draw(self, change) -> None:
        state = change["new"]
        if state in self.explorer.data["states"] and state != self._shown:
            self._shown = None
            self.chart = {"state": state, "html": self.explorer.chart_html(state)}
