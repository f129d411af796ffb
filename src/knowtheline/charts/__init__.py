"""Charts for the book: a shared style and an accessible :class:`Chart`.

* :mod:`knowtheline.charts.style` - palette, hatches, line styles,
  :func:`apply_style` and :func:`source_line` for any chart in the book;
* :mod:`knowtheline.charts.base` - :class:`Chart`, rendered as an SVG
  ``<figure>`` with alt text, source line and a collapsible data table;
* :mod:`knowtheline.charts.agreements` - the four 287(g) charts;
* :mod:`knowtheline.charts.explorer` - the workshop state explorer.
"""

from knowtheline.charts.base import Chart
from knowtheline.charts.style import HATCHES, LINESTYLES, MARKERS, PALETTE, apply_style, source_line

__all__ = ["Chart", "HATCHES", "LINESTYLES", "MARKERS", "PALETTE", "apply_style", "source_line"]
