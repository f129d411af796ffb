"""Chapter 1 chart: maximum prison terms, federal § 111 tiers against state obstruction laws.

The numbers live in ``data/penalties.csv``, one row per offence tier, with the
statute, the statutory maximum in months, the offence class, the citation
key(s) of the source (several keys are separated by ``;``) and the date the
law was checked (``as_of``). Terms set in days are stored in months
(days / 30.4375) and shown again in days.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from knowtheline import repo_root

from .base import Chart, Column, day
from .style import NARROW, Variant, frame_height, new_figure, title_and_source, wrap

#: Columns of ``data/penalties.csv``, in order.
COLUMNS = ["jurisdiction", "statute", "offence", "max_months", "class", "cite_key", "as_of"]

#: Average days in a month (365.25 / 12), used to turn day terms into months and back.
DAYS_PER_MONTH = 365.25 / 12

#: Federal bars: blue with hatching; state bars: orange, no hatching (colours: style.Theme).
FEDERAL_HATCH = "///"


def csv_path() -> Path:
    """Where the penalty table lives in the checkout."""
    return repo_root() / "data" / "penalties.csv"


def load_penalties(path: Path | str | None = None) -> pd.DataFrame:
    """Read the penalty table, checking its columns and values."""
    table = pd.read_csv(path or csv_path(), dtype={"as_of": str})
    if list(table.columns) != COLUMNS:
        raise ValueError(f"penalties.csv must have columns {COLUMNS}, found {list(table.columns)}")
    if table["max_months"].isna().any() or (table["max_months"] <= 0).any():
        raise ValueError("every row of penalties.csv needs a positive max_months")
    return table


def term_label(months: float) -> str:
    """A statutory term in plain words: '20 years', '1 year', '364 days'."""
    if abs(months - round(months)) < 0.01:
        whole = int(round(months))
        if whole % 12 == 0:
            years = whole // 12
            return f"{years} year" if years == 1 else f"{years} years"
        return f"{whole} months"
    days = int(round(months * DAYS_PER_MONTH))
    return f"{days} days"


def _keep_together(text: str) -> str:
    """Keep '§ 111' and 'U.S.C.' pieces on one line when a label wraps."""
    return text.replace("§ ", "§\u00a0").replace("§§ ", "§§\u00a0")


def _compare(a: float, b: float) -> str:
    """'the same as', 'longer than' or 'shorter than' (within a day counts as the same)."""
    if abs(a - b) * DAYS_PER_MONTH < 1:
        return "the same as"
    return "longer than" if a > b else "shorter than"


def _is_federal(jurisdiction: str) -> bool:
    return jurisdiction.strip().lower() == "federal"


def _names(names) -> str:
    """'A', 'A and B', 'A, B and C' (each name once, in order)."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _draw(table: pd.DataFrame, title: str, source: str, variant: Variant):
    """Horizontal bars, federal hatched in blue, state in orange. Wide: each law named on
    the left of its bar. Narrow (phones): each law named on a line above its bar, full width."""
    lay, theme = variant.layout, variant.theme
    narrow = lay is NARROW
    years = table["max_months"] / 12
    bar = lay.small * 1.5
    if narrow:
        labels = [wrap(f"{r.jurisdiction}: {_keep_together(r.statute)}. {r.offence}", variant, lay.small)
                  for r in table.itertuples(index=False)]
    else:
        labels = ["\n".join(textwrap.wrap(f"{r.jurisdiction}: {_keep_together(r.statute)}", 30))
                  + "\n" + "\n".join(textwrap.wrap(r.offence, 38)) for r in table.itertuples(index=False)]
    # Each row's height in SVG units: its label (above the bar on phones, beside it otherwise) and the bar.
    heights = [max(bar, (label.count("\n") + 1) * lay.small * 1.25) + (bar + 14 if narrow else 12)
               for label in labels]
    fig, ax = new_figure(variant, frame_height(variant, title, source, sum(heights), 100 if narrow else 70))
    top = 0.0
    for height, label, value, record in zip(heights, labels, years, table.itertuples(index=False)):
        fed = _is_federal(record.jurisdiction)
        centre = top + height - bar / 2 - 6 if narrow else top + height / 2
        ax.barh(centre, value, height=bar, color=theme.federal if fed else theme.state,
                hatch=FEDERAL_HATCH if fed else "", edgecolor=theme.ink, linewidth=0.6,
                label="Federal law" if fed else "State law")
        ax.text(value, centre, f" {term_label(record.max_months)}", va="center", ha="left", fontsize=lay.small,
                color=theme.ink)
        if narrow:
            ax.text(0, centre - bar / 2 - 3, label, va="bottom", ha="left", fontsize=lay.small, color=theme.ink)
        top += height
    ax.set_ylim(top, 0)
    if narrow:
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    else:
        centres = [sum(heights[:i]) + h / 2 for i, h in enumerate(heights)]
        ax.set_yticks(centres, labels)
    ax.set_xlabel("Longest prison or jail term (years)" if narrow
                  else "Maximum prison or jail term set by the statute (years)")
    ax.set_xlim(0, years.max() * (1.3 if narrow else 1.18))
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), unique.keys(), loc="lower left", bbox_to_anchor=(0, 1.01), borderaxespad=0, ncol=2)
    title_and_source(fig, variant, title, source)
    return fig


def max_penalties(path: Path | str | None = None) -> Chart:
    """Horizontal bars of the maximum prison term for each offence tier.

    The title states the gap between the top federal tier and the highest
    state maximum, computed from the data; the alt text lists every row.
    """
    table = load_penalties(path)
    federal = table[table["jurisdiction"].map(_is_federal)]
    state = table[~table["jurisdiction"].map(_is_federal)]
    as_of = day(max(table["as_of"]))

    top_fed = federal["max_months"].max()
    low_fed = federal["max_months"].min()
    top_state = state["max_months"].max()
    title = (
        f"Federal § 111 can carry up to {term_label(top_fed)} in prison; "
        f"the {_names(state['jurisdiction'])} laws shown top out at {term_label(top_state)}"
    )

    rows = []
    for record in table.itertuples(index=False):
        rows.append(
            f"{record.jurisdiction}, {record.statute} ({record.offence}; {record[4]}): "
            f"up to {term_label(record.max_months)}."
        )
    alt = (
        "Horizontal bar chart of the longest prison or jail term each law allows, in years. "
        + " ".join(rows)
        + f" The lowest federal tier ({term_label(low_fed)}) is {_compare(low_fed, top_state)} "
        f"the highest state maximum ({term_label(top_state)}); the federal maximum is "
        f"{top_fed / top_state:.0f} times the highest state maximum. Law as of {as_of}."
    )
    statutes = "; ".join(dict.fromkeys(table["statute"]))
    source = f"Sources: {statutes}. Statutory maximums, not typical sentences. Law as of {as_of}."
    columns = [
        Column("jurisdiction", "Jurisdiction"),
        Column("statute", "Law"),
        Column("offence", "Offence"),
        Column("max_months", "Maximum prison term", term_label, numeric=True),
        Column("class", "Class of offence"),
        Column("as_of", "Law as of", day),
    ]
    return Chart(
        fig=lambda variant: _draw(table, title, source, variant),
        title=title,
        alt=alt,
        source=source,
        table=table.copy(),
        caption="Each bar is the longest term the statute allows. Real sentences depend on the facts, "
        "the person's record and sentencing rules.",
        columns=columns,
    )
