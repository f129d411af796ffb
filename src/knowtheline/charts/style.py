"""One shared look for every chart in the book.

Colours come from the Okabe-Ito palette, which readers with the common forms
of colour blindness can tell apart. Each 287(g) model also gets its own hatch,
line style and marker, and the light theme's three colours differ in lightness,
so the charts still read when printed in grayscale.

Every chart is drawn in four versions (:data:`VARIANTS`): a narrow one for
phones and a wide one for larger screens (:class:`Layout`), each for a light
and a dark page (:class:`Theme`). A layout's sizes are in SVG units, which the
book draws one to one as CSS pixels, so a layout's smallest font size is the
smallest text a reader sees (never under 11 px).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

#: Short labels, as ICE abbreviates the models (the book spells them out for readers).
SHORT = {JEM: "JEM", WSO: "WSO", TFM: "TFM"}

#: Model -> colour on a light page. Dark blue, light orange and mid vermillion also
#: differ in grayscale lightness.
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

#: Neutral colours for totals, annotations and reported (not measured) points (light page).
INK = OKABE_ITO["black"]
MUTED = "#595959"
REPORTED_MARKER = "D"

FIGSIZE = (8.0, 4.8)


@dataclass(frozen=True)
class Theme:
    """The colours of one page theme. ``background`` is the page's own background
    (sphinx-book-theme's), so a chart sits on the page without a box around it."""

    name: str
    background: str
    ink: str
    muted: str
    grid: str
    palette: dict = field(hash=False)
    federal: str
    state: str

    def colour(self, model: str) -> str:
        return self.palette[model]


#: The light page: the Okabe-Ito colours used since the first edition.
LIGHT = Theme("light", background="#ffffff", ink=INK, muted=MUTED, grid="#d9d9d9", palette=dict(PALETTE),
              federal=OKABE_ITO["blue"], state=OKABE_ITO["orange"])

#: The dark page (#121212): the dark Okabe-Ito blue has too little contrast there, so the
#: Jail Enforcement Model turns sky blue; every colour keeps at least 3:1 against the
#: background (tests/test_charts_screen.py checks it), and hatches, line styles and
#: markers still tell the models apart without colour.
DARK = Theme("dark", background="#121212", ink="#ececec", muted="#b8b8b8", grid="#3d3d3d",
             palette={JEM: OKABE_ITO["sky blue"], WSO: OKABE_ITO["orange"], TFM: OKABE_ITO["vermillion"]},
             federal=OKABE_ITO["sky blue"], state=OKABE_ITO["orange"])

THEMES = {t.name: t for t in (LIGHT, DARK)}


@dataclass(frozen=True)
class Layout:
    """Sizes for one screen width, in SVG units (points; the book draws 1 unit as 1 CSS px).

    ``small`` is the smallest font size used anywhere in a chart of this layout.
    """

    name: str
    width: float  # in SVG units
    small: float
    text: float
    title: float

    @property
    def inches(self) -> float:
        return self.width / 72

    def chars(self, size: float) -> int:
        """About how many characters of ``size`` fit on one line of the figure."""
        return max(20, int(self.width * 0.95 / (0.58 * size)))


#: Phones: 340 units fit a 390 px phone's content column (342-358 px) without shrinking.
NARROW = Layout("narrow", width=340, small=11.5, text=12, title=13.5)
#: Tablets and desktops: 612 units, drawn 612 px wide in the book's column.
WIDE = Layout("wide", width=612, small=12, text=13, title=15)

LAYOUTS = {layout.name: layout for layout in (NARROW, WIDE)}

#: The book shows the narrow version on screens up to this width.
NARROW_MEDIA = "(max-width: 640px)"


@dataclass(frozen=True)
class Variant:
    """One drawn version of a chart: a layout and a theme."""

    layout: Layout = WIDE
    theme: Theme = LIGHT

    @property
    def name(self) -> str:
        return f"{self.layout.name}-{self.theme.name}"


#: Every version the book draws of each chart.
VARIANTS = tuple(Variant(layout, theme) for theme in (LIGHT, DARK) for layout in (NARROW, WIDE))
DEFAULT = Variant(WIDE, LIGHT)


def apply_style(variant: Variant = DEFAULT) -> None:
    """Set matplotlib defaults shared by all book charts, for one layout and theme.

    Also makes SVG output deterministic (fixed hash salt, no embedded date
    is set at save time) and keeps text as text (small files, selectable).
    """
    lay, theme = variant.layout, variant.theme
    mpl.rcParams.update(
        {
            "figure.figsize": (lay.inches, lay.inches * 0.6),
            "figure.dpi": 100,
            "figure.facecolor": theme.background,
            "savefig.facecolor": theme.background,
            "axes.facecolor": theme.background,
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
            "font.size": lay.text,
            "text.color": theme.ink,
            "axes.titlesize": lay.title,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": lay.text,
            "axes.labelcolor": theme.ink,
            "axes.edgecolor": theme.muted,
            "xtick.color": theme.muted,
            "ytick.color": theme.muted,
            "xtick.labelcolor": theme.ink,
            "ytick.labelcolor": theme.ink,
            "xtick.labelsize": lay.small,
            "ytick.labelsize": lay.small,
            "legend.fontsize": lay.small,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "axes.axisbelow": True,
            "grid.color": theme.grid,
            "grid.linewidth": 0.6,
            "legend.frameon": False,
            "legend.labelcolor": theme.ink,
            "hatch.linewidth": 0.8,
            "hatch.color": "#000000",  # black hatching reads on every bar colour of both themes
            "svg.hashsalt": "knowtheline",
            "svg.fonttype": "none",
        }
    )


def new_figure(variant: Variant, height: float, **subplots) -> tuple[Figure, object]:
    """A figure of the layout's width and ``height`` SVG units, with constrained layout."""
    import matplotlib.pyplot as plt

    apply_style(variant)
    return plt.subplots(figsize=(variant.layout.inches, height / 72), layout="constrained", **subplots)


def wrap(text: str, variant: Variant, size: float) -> str:
    """``text`` wrapped to the figure's width at font ``size``."""
    import textwrap

    return textwrap.fill(text, variant.layout.chars(size), break_on_hyphens=False)


def lines(text: str, variant: Variant, size: float) -> int:
    return wrap(text, variant, size).count("\n") + 1


def text_height(text: str, variant: Variant, size: float) -> float:
    """Height in SVG units that ``text`` takes when wrapped at ``size``."""
    return lines(text, variant, size) * size * 1.25


def title_and_source(fig: Figure, variant: Variant, title: str, source: str) -> None:
    """The finding as a bold title at the top left, the source line at the bottom left.
    Both are wrapped to the figure's width; constrained layout keeps room for them."""
    lay, theme = variant.layout, variant.theme
    fig.suptitle(wrap(title, variant, lay.title), x=0.01, ha="left", fontsize=lay.title,
                 fontweight="bold", color=theme.ink)
    source_line(fig, wrap(source, variant, lay.small), variant)


def source_line(fig: Figure, text: str, variant: Variant = DEFAULT) -> None:
    """Write the source line in the bottom-left corner of ``fig`` (kept clear by constrained layout)."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=variant.layout.small, color=variant.theme.muted)


def frame_height(variant: Variant, title: str, source: str, plot: float, extra: float = 0) -> float:
    """Figure height (SVG units): the wrapped title and source, ``plot`` units of plot and ``extra``."""
    lay = variant.layout
    return text_height(title, variant, lay.title) + text_height(source, variant, lay.small) + plot + extra + 16


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
