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

import matplotlib.pyplot as plt
import pandas as pd

from knowtheline import repo_root

from .base import Chart
from .style import FIGSIZE, INK, MUTED, OKABE_ITO, apply_style, source_line

#: Columns of ``data/penalties.csv``, in order.
COLUMNS = ["jurisdiction", "statute", "offence", "max_months", "class", "cite_key", "as_of"]

#: Average days in a month (365.25 / 12), used to turn day terms into months and back.
DAYS_PER_MONTH = 365.25 / 12

#: Federal bars: dark blue with hatching; state bars: orange, no hatching.
FEDERAL_COLOUR = OKABE_ITO["blue"]
STATE_COLOUR = OKABE_ITO["orange"]
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


def max_penalties(path: Path | str | None = None) -> Chart:
    """Horizontal bars of the maximum prison term for each offence tier.

    The title states the gap between the top federal tier and the highest
    state maximum, computed from the data; the alt text lists every row.
    """
    table = load_penalties(path)
    federal = table[table["jurisdiction"].map(_is_federal)]
    state = table[~table["jurisdiction"].map(_is_federal)]
    as_of = max(table["as_of"])

    top_fed = federal["max_months"].max()
    low_fed = federal["max_months"].min()
    top_state = state["max_months"].max()
    names = list(dict.fromkeys(state["jurisdiction"]))
    state_names = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    title = (
        f"Federal § 111 can carry up to {term_label(top_fed)} in prison; "
        f"the {state_names} obstruction and assault laws shown top out at {term_label(top_state)}"
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

    apply_style()
    height = 1.6 + 0.68 * len(table)  # room for each bar's three-line label
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], height))
    labels = [
        "\n".join(textwrap.wrap(f"{r.jurisdiction}: {_keep_together(r.statute)}", 30))
        + "\n"
        + "\n".join(textwrap.wrap(r.offence, 38))
        for r in table.itertuples(index=False)
    ]
    years = table["max_months"] / 12
    positions = list(range(len(table)))
    for pos, value, record in zip(positions, years, table.itertuples(index=False)):
        fed = _is_federal(record.jurisdiction)
        ax.barh(
            pos,
            value,
            color=FEDERAL_COLOUR if fed else STATE_COLOUR,
            hatch=FEDERAL_HATCH if fed else "",
            edgecolor=INK,
            linewidth=0.6,
            height=0.62,
            label="Federal law" if fed else "State law",
        )
        ax.text(value + 0.3, pos, term_label(record.max_months), va="center", ha="left", fontsize=9, color=INK)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Maximum prison or jail term set by the statute (years)")
    ax.set_xlim(0, years.max() * 1.18)
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), unique.keys(), loc="lower right")
    fig.suptitle(
        "\n".join(textwrap.wrap(title, 78)), x=0.01, y=0.98, ha="left", va="top",
        fontsize=12, fontweight="bold", color=INK,
    )
    fig.subplots_adjust(left=0.36, right=0.97, top=1 - 0.75 / height, bottom=1.2 / height)
    source_line(fig, "\n".join(textwrap.wrap(source, 120)))
    for label in ax.get_yticklabels():
        label.set_color(INK)
    ax.tick_params(axis="x", colors=MUTED)

    return Chart(
        fig=fig,
        title=title,
        alt=alt,
        source=source,
        table=table.copy(),
        caption="Each bar is the longest term the statute allows. Real sentences depend on the facts, "
        "the person's record and sentencing rules.",
    )
