"""One shared look for every chart in the book.

Colours come from the Okabe-Ito palette, which readers with the common forms
of colour blindness can tell apart. Each 287(g) model also gets its own hatch,
line style and marker, and the three colours differ in lightness, so the
charts still read when printed in grayscale.
"""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

#: The Okabe-Ito palette (Okabe & Ito 2008), by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

JEM = "Jail Enforcement Model"
WSO = "Warrant Service Officer"
TFM = "Task Force Model"

#: The three 287(g) models, in the order used in legends and tables.
MODELS = (JEM, WSO, TFM)

#: Short labels, as ICE abbreviates the models.
SHORT = {JEM: "JEM", WSO: "WSO", TFM: "TFM"}

#: Model -> colour. Dark blue, light orange and mid vermillion also differ in
#: grayscale lightness.
PALETTE = {
    JEM: OKABE_ITO["blue"],
    WSO: OKABE_ITO["orange"],
    TFM: OKABE_ITO["vermillion"],
}

#: Model -> bar hatch (a second cue besides colour). Line hatches keep the
#: SVG small; dotted hatches would add thousands of paths.
HATCHES = {JEM: "///", WSO: "\\\\", TFM: ""}

#: Model -> line style for time series.
LINESTYLES = {JEM: "--", WSO: ":", TFM: "-"}

#: Model -> marker for time series.
MARKERS = {JEM: "s", WSO: "^", TFM: "o"}

#: Neutral colours for totals, annotations and reported (not measured) points.
INK = OKABE_ITO["black"]
MUTED = "#595959"
REPORTED_MARKER = "D"

FIGSIZE = (8.0, 4.8)


def apply_style() -> None:
    """Set matplotlib defaults shared by all book charts.

    Also makes SVG output deterministic (fixed hash salt, no embedded date
    is set at save time) and keeps text as text (small files, selectable).
    """
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": 100,
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "axes.axisbelow": True,
            "grid.color": "#d9d9d9",
            "grid.linewidth": 0.6,
            "legend.frameon": False,
            "hatch.linewidth": 0.8,
            "hatch.color": INK,
            "svg.hashsalt": "knowtheline",
            "svg.fonttype": "none",
        }
    )


def source_line(fig: Figure, text: str) -> None:
    """Write a small source line in the bottom-left corner of ``fig``."""
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=8, color=MUTED)
