"""Charts for the book: a shared style and an accessible :class:`Chart`.

The 287(g) charts live in :mod:`knowtheline.charts.agreements`; the workshop
state explorer in :mod:`knowtheline.charts.explorer`.
"""

from knowtheline.charts.base import Chart
from knowtheline.charts.style import apply_style, source_line

__all__ = ["Chart", "apply_style", "source_line"]
