"""The :class:`Chart` object every book chart returns.

A chart carries a function that draws it (for each screen width and page theme
in :data:`knowtheline.charts.style.VARIANTS`) together with everything a reader
who cannot see the picture needs: a title that states the finding, alt text, a
source line and the numbers behind the picture as a table whose columns are
named in words, with units. In a notebook or in the built book it renders as an
accessible ``<figure>``: a ``<picture>`` that shows the narrow drawing on phones
and the wide one elsewhere, with alt text, and a collapsible data table. The
title and the source line are drawn in the chart; the caption under it only
adds what the chart does not say.

The notebook output carries the light drawings inline. The book build (with
``KNOWTHELINE_STATIC_BUILD=1``) adds the dark ones, which its stylesheet shows
when the reader's theme is dark; knowtheline.book.pagefixes then moves every drawing
to a file of its own, loaded lazily, so only the shown one is fetched.
"""

from __future__ import annotations

import base64
import io
import numbers
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure

from knowtheline import i18n
from knowtheline.charts import style
from knowtheline.render import render

#: Set by the book build (knowtheline.book): outputs are for the static book.
STATIC_ENV = "KNOWTHELINE_STATIC_BUILD"


def static_build() -> bool:
    return os.environ.get(STATIC_ENV) == "1"


def render_svg(fig: Figure) -> str:
    """Return ``fig`` as SVG text, byte-for-byte reproducible across runs."""
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "knowtheline", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def day(ts) -> str:
    """A date the way the book writes it: 'May 18, 2026'."""
    ts = pd.Timestamp(ts)
    return f"{ts:%B} {ts.day}, {ts.year}"


def short_day(ts) -> str:
    """A date in a narrow table column: 'Nov 20, 2021'."""
    ts = pd.Timestamp(ts)
    return f"{ts:%b} {ts.day}, {ts.year}"


def months(ts) -> str:
    """A month the way the book writes it: 'May 2026'."""
    return f"{pd.Timestamp(ts):%B %Y}"


def _format_cell(value: object) -> str:
    """Format one table cell: thousands separators, one decimal for floats, dates in words."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        return f"{value:,.1f}"
    if isinstance(value, pd.Timestamp):
        return day(value)
    if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a chart's data table, as a reader sees it.

    Attributes:
        key: the column of the chart's ``table``.
        header: its name in words, with the unit ("Maximum prison term").
        format: value -> text ("20 years"); default: numbers with separators, dates in words.
        numeric: right-aligned (numbers, counts, shares).
    """

    key: str
    header: str
    format: Callable[[object], str] | None = None
    numeric: bool = False

    def cell(self, value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return self.format(value) if self.format else _format_cell(value)


def table_html(table: pd.DataFrame, caption: str, columns: list[Column] | None = None) -> str:
    """Return ``table`` as an accessible HTML table (caption, column headers; template
    ``render/templates/table.html``); with ``columns``, only those columns, named and
    formatted for readers, numbers right-aligned."""
    if columns is None:
        columns = [Column(str(c), str(c), numeric=pd.api.types.is_numeric_dtype(table[c])) for c in table.columns]
    rows = [[c.cell(record[c.key]) for c in columns] for record in table.to_dict("records")]
    return render("table.html", caption=caption, columns=columns, rows=rows)


def svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


_SIZE = re.compile(r'<svg[^>]*?\bwidth="(?P<w>[0-9.]+)(?:pt|px)?"[^>]*?\bheight="(?P<h>[0-9.]+)(?:pt|px)?"')


def svg_size(svg: str) -> tuple[int, int] | None:
    """The SVG's width and height in its own units (drawn 1:1 as CSS px)."""
    found = _SIZE.search(svg[:2000])
    return (round(float(found["w"])), round(float(found["h"])) ) if found else None


def picture_html(svgs: dict[str, str], alt: str, dark: bool) -> str:
    """``<picture>`` elements for the drawings in ``svgs`` (variant name -> SVG): narrow on
    phones, wide elsewhere; with ``dark``, a second picture for the dark theme, hidden
    until the book's stylesheet shows it (class ``ktl-dark``). Template: ``pictures.html``."""
    def drawing(svg: str) -> dict:
        return {"uri": svg_uri(svg), "size": svg_size(svg)}
    pictures = [{"theme": theme, "narrow": drawing(svgs[f"narrow-{theme}"]), "wide": drawing(svgs[f"wide-{theme}"])}
                for theme in (("light", "dark") if dark else ("light",))]
    return render("pictures.html", pictures=pictures, alt=alt, narrow_media=style.NARROW_MEDIA)


Draw = Callable[[style.Variant], Figure]


@dataclass
class Chart:
    """A chart with its accessible text and data.

    Attributes:
        fig: a function drawing the chart for one :class:`~knowtheline.charts.style.Variant`
            (a ready :class:`Figure` is also accepted: it is shown as it is in every variant).
        title: one sentence that states the finding.
        alt: alt text describing what the chart shows, generated from data.
        source: the source line, including the snapshot date (drawn in the chart).
        table: the numbers drawn in the chart.
        caption: optional extra sentence shown under the chart (never the source again).
        columns: how the data table names and formats ``table``'s columns for readers.
        lang: the language of the words around the chart (knowtheline.i18n).
    """

    fig: Draw | Figure
    title: str
    alt: str
    source: str
    table: pd.DataFrame
    caption: str | None = None
    columns: list[Column] | None = None
    lang: str = "en"
    _svgs: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def svg(self, variant: style.Variant = style.DEFAULT) -> str:
        """The chart drawn for ``variant`` as SVG text; draws once per variant."""
        if variant.name not in self._svgs:
            if isinstance(self.fig, Figure):
                self._svgs[variant.name] = render_svg(self.fig)
                plt.close(self.fig)
            else:
                fig = self.fig(variant)
                self._svgs[variant.name] = render_svg(fig)
                plt.close(fig)
        return self._svgs[variant.name]

    def svgs(self, dark: bool) -> dict[str, str]:
        themes = ("light", "dark") if dark else ("light",)
        return {v.name: self.svg(v) for v in style.VARIANTS if v.theme.name in themes}

    def to_html(self, dark: bool | None = None) -> str:
        """The chart as a self-contained, accessible HTML ``<figure>``; with ``dark`` (default:
        in the book build) also the dark-theme drawings."""
        dark = static_build() if dark is None else dark
        table = table_html(self.table, i18n.t(self.lang, "charts.data_for", title=self.title), self.columns)
        return render("figure.html", pictures=Markup(picture_html(self.svgs(dark), self.alt, dark)),
                      caption=self.caption, table=Markup(table),
                      summary=i18n.t(self.lang, "charts.data_table", title=self.title))

    def to_text(self) -> str:
        """Plain-text fallback: the title and the alt text."""
        return f"{self.title}\n\n{self.alt}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """Let Jupyter and Jupyter Book show the HTML figure (no PNG copy)."""
        return {"text/html": self.to_html(), "text/plain": self.to_text()}
