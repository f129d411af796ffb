"""The book's four 287(g) charts, drawn from the committed tables.

* :func:`active_over_time` - active agreements by model, 2021 to the newest
  list, with the January 20, 2025 executive order and pre-2021 reported
  figures;
* :func:`by_state` - agreements by state and model in the newest list;
* :func:`signed_per_month` - new agreements signed per month;
* :func:`task_force_share` - the Task Force Model's share over time.

Titles, alt text and tables are computed from the data, never typed in. Each
chart is drawn for phones and for wider screens, on light and dark pages
(:mod:`knowtheline.charts.style`).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from knowtheline.charts import style
from knowtheline.charts.base import Chart, Column, day, months
from knowtheline.data import load

EXECUTIVE_ORDER = pd.Timestamp("2025-01-20")
MEASURED_FROM = pd.Timestamp("2021-01-01")
SOURCE = (
    "Source: ICE 287(g) participating-agency lists (ice.gov), archived by "
    "RelevantResearch/287g-DetentionData and appelson/Tracking_287g; newest list {date}."
)

__all__ = ["active_over_time", "by_state", "day", "signed_per_month", "task_force_share"]


def _source(folder) -> str:
    """Source line naming the newest snapshot date."""
    return SOURCE.format(date=day(load.newest_snapshot_date(folder)))


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


def count(value) -> str:
    return f"{int(value):,}"


def model_columns(total: str = "All models") -> list[Column]:
    """The three models and their total as table columns (counts of agreements)."""
    return [*(Column(m, m, count, numeric=True) for m in style.MODELS), Column("total", total, count, numeric=True)]


def _stacked_bars(ax, positions, wide: pd.DataFrame, horizontal: bool, theme: style.Theme, **bar_options) -> None:
    """One bar per row of ``wide``, stacked by model, each model with its colour and hatch."""
    draw, base_name = (ax.barh, "left") if horizontal else (ax.bar, "bottom")
    base = pd.Series(0, index=wide.index)
    for model in style.MODELS:
        draw(positions, wide[model], label=model, color=theme.colour(model), hatch=style.HATCHES[model],
             edgecolor=theme.background, linewidth=0.4, **{base_name: base}, **bar_options)
        base = base + wide[model]


def _legend(fig, ax, variant: style.Variant, **options) -> None:
    """The legend above the plot, under the title: one column on phones."""
    ncol = options.pop("ncol", 2)
    if variant.layout is style.NARROW:
        ncol = 1
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0, ncol=ncol, handlelength=2.6,
              **options)


def _year_ticks(ax, variant: style.Variant, wide_every: int, narrow_every: int) -> None:
    every = narrow_every if variant.layout is style.NARROW else wide_every
    ax.xaxis.set_major_locator(mdates.YearLocator(every))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _month_ticks(ax, variant: style.Variant) -> None:
    """Quarterly month ticks ("Jan / 2025") on wide charts, half-yearly on phones."""
    bymonth = (1, 7) if variant.layout is style.NARROW else (1, 4, 7, 10)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=bymonth))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))


def active_over_time(folder=None) -> Chart:
    """Active agreements by model over time, with reported pre-2021 figures."""
    wide = _by_model(load.active_by_model(folder))
    reported = load.reported_figures(folder)
    reported = reported[(reported["date"] < MEASURED_FROM) & (reported["unit"] == "agreements")]
    first, newest = wide.iloc[0], wide.iloc[-1]
    before_eo = wide[wide["snapshot_date"] < EXECUTIVE_ORDER].iloc[-1]
    title = (
        f"Active 287(g) agreements rose from {before_eo['Total']:,} before the January 2025 "
        f"executive order to {newest['Total']:,} on {day(newest['snapshot_date'])}"
    )
    source = _source(folder) + " Diamonds: figures reported by ICE, DHS OIG, CRS, GAO and press."

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        narrow = lay is style.NARROW
        plot = 240 if narrow else 300
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, plot, 120 if narrow else 80))
        for model in style.MODELS:
            ax.step(wide["snapshot_date"], wide[model], where="post", label=model,
                    color=theme.colour(model), linestyle=style.LINESTYLES[model], linewidth=2,
                    marker=style.MARKERS[model], markevery=8, markersize=5)
        ax.step(wide["snapshot_date"], wide["Total"], where="post", label="All models", color=theme.ink, linewidth=2.4)
        ax.scatter(reported["date"], reported["figure"], marker=style.REPORTED_MARKER, s=36,
                   facecolors=theme.background, edgecolors=theme.ink, linewidths=1.2, zorder=3,
                   label="Reported before 2021\n(not measured)" if narrow else "Reported before 2021 (not measured)")
        ax.axvline(EXECUTIVE_ORDER, color=theme.muted, linestyle="-.", linewidth=1)
        ax.annotate("Jan 20, 2025:\nexecutive\norder" if narrow else "Jan 20, 2025:\nexecutive order",
                    (EXECUTIVE_ORDER, newest["Total"] * 0.55), xytext=(-6, 0), textcoords="offset points",
                    ha="right", fontsize=lay.small, color=theme.muted)
        _year_ticks(ax, variant, wide_every=2, narrow_every=4)
        _thousands(ax)
        ax.set_xlabel("Date of list (lines: ICE's lists, 2021 on)" if narrow
                      else "Date of list (lines: measured from ICE's lists, 2021 on)")
        ax.set_ylabel("Active agreements" if narrow else "Active agreements (agency × model)")
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    measured = wide.rename(columns={"snapshot_date": "date", "Total": "total"}).assign(
        kind="measured", source="ICE list"
    )
    quoted = reported.rename(columns={"figure": "total", "publisher": "source"}).assign(kind="reported")
    table = pd.concat([quoted, measured], ignore_index=True)[
        ["date", "kind", *style.MODELS, "total", "source"]
    ]
    for model in style.MODELS:
        table[model] = table[model].astype("Int64")
    kinds = {"measured": "Counted in ICE's list", "reported": "Reported (not measured)"}
    columns = [
        Column("date", "Date", day),
        Column("kind", "Figure", kinds.get),
        *model_columns("All models (agreements)"),
        Column("source", "Source"),
    ]
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
    return Chart(fig=draw, title=title, alt=alt, source=source, table=table, columns=columns)


def by_state(folder=None) -> Chart:
    """Agreements by state and model in the newest list, ranked."""
    active = load.active_agreements(folder)
    newest = active["snapshot_date"].max()
    wide = _wide_by_model(active[active["snapshot_date"] == newest], "state")
    wide = wide.reset_index().sort_values(["total", "state"], ascending=[False, True], ignore_index=True)
    wide["state"] = wide["state"].str.title()
    grand = int(wide["total"].sum())
    top = wide.iloc[0]
    title = (
        f"{top['state']} has {top['total']:,} of the {grand:,} 287(g) agreements "
        f"({top['total'] / grand:.0%}), more than any other state ({day(newest)})"
    )
    source = _source(folder)

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        narrow = lay is style.NARROW
        row = lay.small * 1.45
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, row * len(wide) + 60,
                                                               110 if narrow else 50))
        names = wide["state"].replace({"Northern Mariana Islands": "N. Mariana Islands"}) if narrow else wide["state"]
        _stacked_bars(ax, range(len(wide)), wide, horizontal=True, theme=theme, height=0.78)
        for y, total in enumerate(wide["total"]):
            ax.text(total, y, f" {total:,}", va="center", fontsize=lay.small, color=theme.ink)
        ax.set_yticks(range(len(wide)), names)
        ax.set_ylim(len(wide) - 0.5, -0.5)
        ax.set_xlim(0, wide["total"].max() * (1.18 if narrow else 1.1))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.xaxis.set_major_locator(MaxNLocator(4 if narrow else 8))
        _thousands(ax, "x")
        ax.set_xlabel("Active agreements (agency × model)")
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    top5 = "; ".join(f"{r.state} {r.total:,}" for r in wide.head(5).itertuples())
    alt = (
        f"Horizontal stacked bar chart ranking the {len(wide)} states and territories with 287(g) "
        f"agreements on {day(newest)}, split by model. Largest: {top5}. "
        f"{int((wide['total'] < 10).sum())} states or territories have fewer than 10 agreements."
    )
    columns = [Column("state", "State or territory"), *model_columns("All models (agreements)")]
    return Chart(fig=draw, title=title, alt=alt, source=source, table=wide[["state", *style.MODELS, "total"]],
                 columns=columns)


def signed_per_month(start: str = "2024-07", folder=None) -> Chart:
    """New agreements per month of signing, from ``start`` (YYYY-MM) on."""
    signed = load.signed_by_month(folder)
    newest = load.newest_snapshot_date(folder)
    month_list = pd.period_range(start, newest.to_period("M"), freq="M").strftime("%Y-%m")
    wide = _wide_by_model(signed, "month", rows=month_list)
    wide = wide.rename_axis("month").reset_index()
    peak = wide.loc[wide["total"].idxmax()]
    peak_month = pd.Period(peak["month"], freq="M")
    title = (
        f"New 287(g) agreements peaked in {peak_month.strftime('%B %Y')}, "
        f"with {peak['total']:,} signed in one month"
    )
    source = _source(folder)
    caption = (
        "Each agreement (agency × model) is counted once, at the earliest signing date any list "
        "gives it; agreements that ended before January 2021 or whose date is unknown are not shown."
    )

    def draw(variant: style.Variant):
        narrow = variant.layout is style.NARROW
        plot = 230 if narrow else 280
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, plot, 90 if narrow else 60))
        _stacked_bars(ax, range(len(wide)), wide, horizontal=False, theme=variant.theme, width=0.85)
        starts = ("-01",) if narrow else ("-01", "-07")
        ticks = [i for i, m in enumerate(wide["month"]) if m.endswith(starts)]
        ax.set_xticks(ticks, [pd.Period(wide["month"][i], freq="M").strftime("%b\n%Y") for i in ticks])
        _thousands(ax)
        ax.set_xlabel("Month signed (last month is partial)" if narrow
                      else "Month the agreement was signed (last month is partial)")
        ax.set_ylabel("New agreements signed")
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    since_eo = int(wide.loc[wide["month"] >= "2025-01", "total"].sum())
    alt = (
        f"Stacked bar chart of new 287(g) agreements per month of signing, "
        f"{pd.Period(wide['month'].iloc[0], freq='M').strftime('%B %Y')} to "
        f"{pd.Period(wide['month'].iloc[-1], freq='M').strftime('%B %Y')}. "
        f"Before 2025 most months have {int(wide.loc[wide['month'] < '2025-01', 'total'].median())} "
        f"new agreements; from January 2025 on, {since_eo:,} were signed, peaking at "
        f"{peak['total']:,} in {peak_month.strftime('%B %Y')}."
    )
    columns = [Column("month", "Month signed", lambda m: months(f"{m}-01")),
               *model_columns("All models (agreements signed)")]
    return Chart(fig=draw, title=title, alt=alt, source=source, table=wide, caption=caption, columns=columns)


def task_force_share(folder=None) -> Chart:
    """Share of active agreements under the Task Force Model, per list."""
    totals = load.snapshot_totals(folder)
    start = totals.loc[totals["snapshot_date"] < EXECUTIVE_ORDER, "snapshot_date"].max()
    frame = totals[totals["snapshot_date"] >= start][["snapshot_date", "task_force_model", "total"]].copy()
    frame["tfm_share_percent"] = (100 * frame["task_force_model"] / frame["total"]).round(1)
    frame = frame.reset_index(drop=True)
    newest = frame.iloc[-1]
    tfm = style.TFM
    title = (
        f"The Task Force Model went from none of the agreements before January 2025 to "
        f"{newest['tfm_share_percent']:.0f}% ({newest['task_force_model']:,} of {newest['total']:,}) "
        f"on {day(newest['snapshot_date'])}"
    )
    source = _source(folder)

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        narrow = lay is style.NARROW
        plot = 220 if narrow else 270
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, plot, 60 if narrow else 50))
        ax.step(frame["snapshot_date"], frame["tfm_share_percent"], where="post",
                color=theme.colour(tfm), linestyle=style.LINESTYLES[tfm], linewidth=2.2,
                marker=style.MARKERS[tfm], markersize=4, label=f"{tfm} share of all agreements")
        ax.axvline(EXECUTIVE_ORDER, color=theme.muted, linestyle="-.", linewidth=1)
        ax.annotate("Jan 20, 2025:\nexecutive order\nrevives the\nTask Force Model" if narrow
                    else "Jan 20, 2025: executive order\nrevives the Task Force Model",
                    (EXECUTIVE_ORDER, 95), xytext=(6, 0), textcoords="offset points", va="top",
                    fontsize=lay.small, color=theme.muted)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter(100))
        _month_ticks(ax, variant)
        ax.set_xlabel("Date of list")
        ax.set_ylabel("Share of active agreements")
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    peak = frame.loc[frame["tfm_share_percent"].idxmax()]
    alt = (
        f"Step chart of the Task Force Model's share of active 287(g) agreements from "
        f"{day(frame['snapshot_date'].iloc[0])} ({frame['tfm_share_percent'].iloc[0]:.0f}%) to "
        f"{day(newest['snapshot_date'])} ({newest['tfm_share_percent']:.1f}%). The share rose after "
        f"the January 20, 2025 executive order and peaked at {peak['tfm_share_percent']:.1f}% on "
        f"{day(peak['snapshot_date'])}."
    )
    columns = [
        Column("snapshot_date", "Date of list", day),
        Column("task_force_model", f"{tfm} agreements", count, numeric=True),
        Column("total", "All agreements", count, numeric=True),
        Column("tfm_share_percent", f"{tfm} share", lambda v: f"{v:.1f}%", numeric=True),
    ]
    return Chart(fig=draw, title=title, alt=alt, source=source, table=frame, columns=columns)
