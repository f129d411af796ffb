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

from knowtheline import i18n, repo_root

from .base import Chart, Column
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


def translated(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table with its words (jurisdiction, offence, class) in `lang`, from
    `data/<lang>/penalties.csv` (row by row; its statute column must match)."""
    if lang == "en":
        return table
    words = pd.read_csv(repo_root() / "data" / lang / "penalties.csv", dtype=str)
    if list(words["statute"]) != list(table["statute"]):
        raise ValueError(f"data/{lang}/penalties.csv must have the rows of penalties.csv, in order (statute column)")
    table = table.copy()
    for column in ("jurisdiction", "offence", "class"):
        table[column] = list(words[column])
    return table


def term_label(months: float, lang: str = "en") -> str:
    """A statutory term in plain words: '20 years', '1 year', '364 days'."""
    def m(key, n):
        return i18n.t(lang, f"charts.penalties.{key}", n=n)
    if abs(months - round(months)) < 0.01:
        whole = int(round(months))
        if whole % 12 == 0:
            years = whole // 12
            return m("year", years) if years == 1 else m("years", years)
        return m("months", whole)
    days = int(round(months * DAYS_PER_MONTH))
    return m("days", days)


def _keep_together(text: str) -> str:
    """Keep '§ 111' and 'U.S.C.' pieces on one line when a label wraps."""
    return text.replace("§ ", "§\u00a0").replace("§§ ", "§§\u00a0")


def _compare(a: float, b: float, lang: str = "en") -> str:
    """'the same as', 'longer than' or 'shorter than' (within a day counts as the same)."""
    if abs(a - b) * DAYS_PER_MONTH < 1:
        return i18n.t(lang, "charts.penalties.same")
    return i18n.t(lang, "charts.penalties.longer" if a > b else "charts.penalties.shorter")


def _is_federal(jurisdiction: str) -> bool:
    return jurisdiction.strip().lower() == "federal"


def _names(names, lang: str = "en") -> str:
    """'A', 'A and B', 'A, B and C' (each name once, in order)."""
    names = list(dict.fromkeys(names))
    word = i18n.t(lang, "charts.penalties.and")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} " + names[-1]


def _draw(table: pd.DataFrame, title: str, source: str, variant: Variant, lang: str = "en"):
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
                label=i18n.t(lang, "charts.penalties.federal_law" if fed else "charts.penalties.state_law"))
        ax.text(value, centre, f" {term_label(record.max_months, lang)}", va="center", ha="left", fontsize=lay.small,
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
    ax.set_xlabel(i18n.t(lang, "charts.penalties.xlabel_narrow" if narrow else "charts.penalties.xlabel_wide"))
    ax.set_xlim(0, years.max() * (1.3 if narrow else 1.18))
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), unique.keys(), loc="lower left", bbox_to_anchor=(0, 1.01), borderaxespad=0, ncol=2)
    title_and_source(fig, variant, title, source)
    return fig


def max_penalties(path: Path | str | None = None, lang: str = "en") -> Chart:
    """Horizontal bars of the maximum prison term for each offence tier.

    The title states the gap between the top federal tier and the highest
    state maximum, computed from the data; the alt text lists every row.
    """
    english = load_penalties(path)
    federal = english[english["jurisdiction"].map(_is_federal)]
    table = translated(english, lang)
    state = table[~english["jurisdiction"].map(_is_federal)]
    as_of = i18n.day(max(table["as_of"]), lang)

    def m(key: str, **values) -> str:
        return i18n.t(lang, f"charts.penalties.{key}", **values)

    def term(months: float) -> str:
        return term_label(months, lang)

    top_fed = federal["max_months"].max()
    low_fed = federal["max_months"].min()
    top_state = state["max_months"].max()
    title = m("title", top_fed=term(top_fed), states=_names(state["jurisdiction"], lang), top_state=term(top_state))
    rows = [m("row", jurisdiction=r.jurisdiction, statute=r.statute, offence=r.offence, klass=r[4],
              term=term(r.max_months)) for r in table.itertuples(index=False)]
    alt = m("alt", rows=" ".join(rows), low_fed=term(low_fed), compare=_compare(low_fed, top_state, lang),
            top_state=term(top_state), times=f"{top_fed / top_state:.0f}", date=as_of)
    statutes = "; ".join(dict.fromkeys(table["statute"]))
    source = m("source", statutes=statutes, date=as_of)
    columns = [
        Column("jurisdiction", m("col_jurisdiction")),
        Column("statute", m("col_law")),
        Column("offence", m("col_offence")),
        Column("max_months", m("col_term"), term, numeric=True),
        Column("class", m("col_class")),
        Column("as_of", m("col_as_of"), lambda d: i18n.day(d, lang)),
    ]
    return Chart(
        fig=lambda variant: _draw(table, title, source, variant, lang),
        title=title,
        alt=alt,
        source=source,
        table=table.copy(),
        caption=m("caption"),
        columns=columns,
        lang=lang,
    )
