"""The book's four 287(g) charts, drawn from the committed tables.

* :func:`active_over_time` - active agreements by model, 2021 to the newest
  list, with the January 20, 2025 executive order and pre-2021 reported
  figures;
* :func:`by_state` - agreements by state and model in the newest list;
* :func:`signed_per_month` - new agreements signed per month;
* :func:`task_force_share` - the Task Force Model's share over time.

Titles, alt text and tables are computed from the data, never typed in.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter, PercentFormatter

from knowtheline.charts import style
from knowtheline.charts.base import Chart
from knowtheline.data import load

EXECUTIVE_ORDER = pd.Timestamp("2025-01-20")
MEASURED_FROM = pd.Timestamp("2021-01-01")
SOURCE = (
    "Source: ICE 287(g) participating-agency lists (ice.gov), archived by "
    "RelevantResearch/287g-DetentionData and appelson/Tracking_287g; newest list {date}."
)


def day(ts: pd.Timestamp) -> str:
    """A date the way the book writes it: 'May 18, 2026'."""
    return f"{ts:%B} {ts.day}, {ts.year}"


def _source(folder) -> str:
    """Source line naming the newest snapshot date."""
    return SOURCE.format(date=day(load.newest_snapshot_date(folder)))


def _finish(fig, ax, title: str, source: str, width: int = 72) -> None:
    """Title (wrapped at ``width`` characters), layout and source line."""
    ax.set_title(textwrap.fill(title, width))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    style.source_line(fig, textwrap.fill(source, 130))


def _thousands(ax, axis: str = "y") -> None:
    """Label an axis with thousands separators."""
    fmt = FuncFormatter(lambda v, _: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _by_model(frame: pd.DataFrame) -> pd.DataFrame:
    """Make sure every model has a column, in the book's order."""
    for model in style.MODELS:
        if model not in frame.columns:
            frame[model] = 0
    return frame


def _wide_by_model(frame: pd.DataFrame, index: str, rows=None) -> pd.DataFrame:
    """Agreements per ``index`` value (rows, optionally ``rows`` in that order) and model
    (columns, in the book's order), plus a ``total`` column."""
    wide = frame.pivot_table(index=index, columns="model", values="agreements", aggfunc="sum", fill_value=0)
    if rows is not None:
        wide = wide.reindex(rows, fill_value=0)
    wide = _by_model(wide)[list(style.MODELS)]
    wide["total"] = wide.sum(axis=1)
    return wide


def _stacked_bars(ax, positions, wide: pd.DataFrame, horizontal: bool, **bar_options) -> None:
    """One bar per row of ``wide``, stacked by model, each model with its colour and hatch."""
    draw, base_name = (ax.barh, "left") if horizontal else (ax.bar, "bottom")
    base = pd.Series(0, index=wide.index)
    for model in style.MODELS:
        draw(positions, wide[model], label=model, color=style.PALETTE[model], hatch=style.HATCHES[model],
             edgecolor="white", linewidth=0.4, **{base_name: base}, **bar_options)
        base = base + wide[model]


def active_over_time(folder=None) -> Chart:
    """Active agreements by model over time, with reported pre-2021 figures."""
    style.apply_style()
    wide = _by_model(load.active_by_model(folder))
    reported = load.reported_figures(folder)
    reported = reported[(reported["date"] < MEASURED_FROM) & (reported["unit"] == "agreements")]
    first, newest = wide.iloc[0], wide.iloc[-1]
    before_eo = wide[wide["snapshot_date"] < EXECUTIVE_ORDER].iloc[-1]

    fig, ax = plt.subplots(figsize=(8.5, 5.2))
    for model in style.MODELS:
        ax.step(
            wide["snapshot_date"], wide[model], where="post", label=model,
            color=style.PALETTE[model], linestyle=style.LINESTYLES[model], linewidth=2,
            marker=style.MARKERS[model], markevery=8, markersize=5,
        )
    ax.step(wide["snapshot_date"], wide["Total"], where="post", label="All models",
            color=style.INK, linewidth=2.4)
    ax.scatter(reported["date"], reported["figure"], marker=style.REPORTED_MARKER, s=36,
               facecolors="white", edgecolors=style.INK, linewidths=1.2, zorder=3,
               label="Reported figure before 2021 (audits, fact sheets, press; not measured)")
    ax.axvline(EXECUTIVE_ORDER, color=style.MUTED, linestyle="-.", linewidth=1)
    ax.annotate("Jan 20, 2025:\nexecutive order", (EXECUTIVE_ORDER, newest["Total"] * 0.6),
                xytext=(-8, 0), textcoords="offset points", ha="right", fontsize=9, color=style.MUTED)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    _thousands(ax)
    ax.set_xlabel("Date of list (lines: measured from ICE's lists, 2021 on)")
    ax.set_ylabel("Active agreements (agency × model)")
    ax.legend(loc="upper left", fontsize=9)
    title = (
        f"Active 287(g) agreements rose from {before_eo['Total']:,} before the January 2025 "
        f"executive order to {newest['Total']:,} on {day(newest['snapshot_date'])}"
    )
    source = _source(folder) + " Diamonds: figures reported by ICE, DHS OIG, CRS, GAO and press."
    _finish(fig, ax, title, source)

    measured = wide.rename(columns={"snapshot_date": "date", "Total": "total"}).assign(
        kind="measured", source="ICE list"
    )
    quoted = reported.rename(columns={"figure": "total", "publisher": "source"}).assign(kind="reported")
    table = pd.concat([quoted, measured], ignore_index=True)[
        ["date", "kind", *style.MODELS, "total", "source"]
    ]
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    for model in style.MODELS:
        table[model] = table[model].astype("Int64")
    alt = (
        f"Line chart of active 287(g) agreements from {day(first['snapshot_date'])} to "
        f"{day(newest['snapshot_date'])}, one line per model plus the total. "
        f"Reported figures before 2021 range from {reported['figure'].min():,} to "
        f"{reported['figure'].max():,} agreements. The measured total was {first['Total']:,} in "
        f"{first['snapshot_date']:%B %Y} and {before_eo['Total']:,} just before the executive order "
        f"of January 20, 2025; it then climbed steeply to {newest['Total']:,}: "
        + ", ".join(f"{newest[m]:,} {m}" for m in style.MODELS)
        + "."
    )
    return Chart(fig=fig, title=title, alt=alt, source=source, table=table)


def by_state(folder=None) -> Chart:
    """Agreements by state and model in the newest list, ranked."""
    style.apply_style()
    active = load.active_agreements(folder)
    newest = active["snapshot_date"].max()
    wide = _wide_by_model(active[active["snapshot_date"] == newest], "state")
    wide = wide.reset_index().sort_values(["total", "state"], ascending=[False, True], ignore_index=True)
    wide["state"] = wide["state"].str.title()
    grand = int(wide["total"].sum())
    top = wide.iloc[0]

    fig, ax = plt.subplots(figsize=(8.5, 0.22 * len(wide) + 2.2))
    _stacked_bars(ax, wide["state"], wide, horizontal=True)
    for y, total in enumerate(wide["total"]):
        ax.text(total, y, f" {total:,}", va="center", fontsize=7)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.tick_params(axis="y", labelsize=8)
    _thousands(ax, "x")
    ax.set_xlabel("Active agreements (agency × model)")
    ax.set_ylabel("State or territory")
    ax.legend(loc="lower right", fontsize=9)
    title = (
        f"{top['state']} has {top['total']:,} of the {grand:,} 287(g) agreements "
        f"({top['total'] / grand:.0%}), more than any other state ({day(newest)})"
    )
    source = _source(folder)
    _finish(fig, ax, title, source, width=58)
    top5 = "; ".join(f"{r.state} {r.total:,}" for r in wide.head(5).itertuples())
    alt = (
        f"Horizontal stacked bar chart ranking the {len(wide)} states and territories with 287(g) "
        f"agreements on {day(newest)}, split by model. Largest: {top5}. "
        f"{int((wide['total'] < 10).sum())} states or territories have fewer than 10 agreements."
    )
    return Chart(fig=fig, title=title, alt=alt, source=source, table=wide[["state", *style.MODELS, "total"]])


def signed_per_month(start: str = "2024-07", folder=None) -> Chart:
    """New agreements per month of signing, from ``start`` (YYYY-MM) on."""
    style.apply_style()
    signed = load.signed_by_month(folder)
    newest = load.newest_snapshot_date(folder)
    months = pd.period_range(start, newest.to_period("M"), freq="M").strftime("%Y-%m")
    wide = _wide_by_model(signed, "month", rows=months)
    wide = wide.rename_axis("month").reset_index()
    peak = wide.loc[wide["total"].idxmax()]
    peak_month = pd.Period(peak["month"], freq="M")

    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    _stacked_bars(ax, range(len(wide)), wide, horizontal=False, width=0.85)
    ticks = [i for i, m in enumerate(wide["month"]) if m.endswith(("-01", "-07"))]
    ax.set_xticks(ticks, [pd.Period(wide["month"][i], freq="M").strftime("%b\n%Y") for i in ticks])
    _thousands(ax)
    ax.set_xlabel("Month the agreement was signed (last month is partial)")
    ax.set_ylabel("New agreements signed")
    ax.legend(loc="upper left", fontsize=9)
    title = (
        f"New 287(g) agreements peaked in {peak_month.strftime('%B %Y')}, "
        f"with {peak['total']:,} signed in one month"
    )
    source = _source(folder)
    caption = (
        "Each agreement (agency × model) is counted once, at the earliest signing date any list "
        "gives it; agreements that ended before January 2021 or whose date is unknown are not shown."
    )
    _finish(fig, ax, title, source)
    since_eo = int(wide.loc[wide["month"] >= "2025-01", "total"].sum())
    alt = (
        f"Stacked bar chart of new 287(g) agreements per month of signing, "
        f"{pd.Period(wide['month'].iloc[0], freq='M').strftime('%B %Y')} to "
        f"{pd.Period(wide['month'].iloc[-1], freq='M').strftime('%B %Y')}. "
        f"Before 2025 most months have {int(wide.loc[wide['month'] < '2025-01', 'total'].median())} "
        f"new agreements; from January 2025 on, {since_eo:,} were signed, peaking at "
        f"{peak['total']:,} in {peak_month.strftime('%B %Y')}."
    )
    return Chart(fig=fig, title=title, alt=alt, source=source, table=wide, caption=caption)


def task_force_share(folder=None) -> Chart:
    """Share of active agreements under the Task Force Model, per list."""
    style.apply_style()
    totals = load.snapshot_totals(folder)
    start = totals.loc[totals["snapshot_date"] < EXECUTIVE_ORDER, "snapshot_date"].max()
    frame = totals[totals["snapshot_date"] >= start][["snapshot_date", "task_force_model", "total"]].copy()
    frame["tfm_share_percent"] = (100 * frame["task_force_model"] / frame["total"]).round(1)
    frame = frame.reset_index(drop=True)
    newest = frame.iloc[-1]
    tfm = style.TFM

    fig, ax = plt.subplots(figsize=(8.5, 4.6))
    ax.step(frame["snapshot_date"], frame["tfm_share_percent"], where="post",
            color=style.PALETTE[tfm], linestyle=style.LINESTYLES[tfm], linewidth=2.2,
            marker=style.MARKERS[tfm], markersize=4, label=f"{tfm} share of all agreements")
    ax.axvline(EXECUTIVE_ORDER, color=style.MUTED, linestyle="-.", linewidth=1)
    ax.annotate("Jan 20, 2025: executive order\nrevives the Task Force Model", (EXECUTIVE_ORDER, 80),
                xytext=(6, 0), textcoords="offset points", fontsize=9, color=style.MUTED)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(PercentFormatter(100))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.set_xlabel("Date of list")
    ax.set_ylabel("Share of active agreements")
    ax.legend(loc="lower right", fontsize=9)
    title = (
        f"The Task Force Model went from none of the agreements before January 2025 to "
        f"{newest['tfm_share_percent']:.0f}% ({newest['task_force_model']:,} of {newest['total']:,}) "
        f"on {day(newest['snapshot_date'])}"
    )
    source = _source(folder)
    _finish(fig, ax, title, source)
    peak = frame.loc[frame["tfm_share_percent"].idxmax()]
    alt = (
        f"Step chart of the Task Force Model's share of active 287(g) agreements from "
        f"{day(frame['snapshot_date'].iloc[0])} ({frame['tfm_share_percent'].iloc[0]:.0f}%) to "
        f"{day(newest['snapshot_date'])} ({newest['tfm_share_percent']:.1f}%). The share rose after "
        f"the January 20, 2025 executive order and peaked at {peak['tfm_share_percent']:.1f}% on "
        f"{day(peak['snapshot_date'])}."
    )
    table = frame.assign(snapshot_date=frame["snapshot_date"].dt.strftime("%Y-%m-%d"))
    return Chart(fig=fig, title=title, alt=alt, source=source, table=table)
