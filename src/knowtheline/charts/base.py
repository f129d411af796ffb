"""The :class:`Chart` object every book chart returns.

A chart carries its matplotlib figure together with everything a reader who
cannot see the picture needs: a title that states the finding, alt text, a
source line and the numbers behind the picture as a table. In a notebook or
in the built book it renders as an accessible ``<figure>``: an SVG image with
alt text, a caption and a collapsible data table. The notebook output carries
the SVG inline; the book build moves it to a file of its own, loaded after the
text (knowtheline.pagefixes).
"""

from __future__ import annotations

import base64
import html
import io
import numbers
from dataclasses import dataclass, field

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure


def render_svg(fig: Figure) -> str:
    """Return ``fig`` as SVG text, byte-for-byte reproducible across runs."""
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "knowtheline", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _format_cell(value: object) -> str:
    """Format one table cell: thousands separators, one decimal for floats."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        return f"{value:,.1f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def table_html(table: pd.DataFrame, caption: str) -> str:
    """Return ``table`` as an accessible HTML table (caption, column headers)."""
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(str(c))}</th>' for c in table.columns)
    rows = []
    for record in table.itertuples(index=False, name=None):
        cells = "".join(f"<td>{esc(_format_cell(v))}</td>" for v in record)
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<table><caption>{esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


@dataclass
class Chart:
    """A rendered chart with its accessible text and data.

    Attributes:
        fig: the matplotlib figure (closed once rendered).
        title: one sentence that states the finding.
        alt: alt text describing what the chart shows, generated from data.
        source: the source line, including the snapshot date.
        table: the numbers drawn in the chart.
        caption: optional extra sentence shown under the chart.
    """

    fig: Figure
    title: str
    alt: str
    source: str
    table: pd.DataFrame
    caption: str | None = None
    _svg: str | None = field(default=None, init=False, repr=False, compare=False)

    def svg(self) -> str:
        """The figure as SVG text; renders once, then closes the figure."""
        if self._svg is None:
            self._svg = render_svg(self.fig)
            plt.close(self.fig)
        return self._svg

    def to_html(self) -> str:
        """Return the chart as a self-contained, accessible HTML ``<figure>``."""
        esc = html.escape
        data = base64.b64encode(self.svg().encode("utf-8")).decode("ascii")
        caption = f"{esc(self.caption)} " if self.caption else ""
        table = table_html(self.table, f"Data for: {self.title}")
        return (
            '<figure class="ktl-chart">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{esc(self.alt)}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption>{caption}{esc(self.source)}</figcaption>"
            f"<details><summary>Data table: {esc(self.title)}</summary>"
            f"{table}</details>"
            "</figure>"
        )

    def to_text(self) -> str:
        """Plain-text fallback: the title and the alt text."""
        return f"{self.title}\n\n{self.alt}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """Let Jupyter and Jupyter Book show the HTML figure (no PNG copy)."""
        return {"text/html": self.to_html(), "text/plain": self.to_text()}
