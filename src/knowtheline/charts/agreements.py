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

from knowtheline import i18n
from knowtheline.charts import style
from knowtheline.charts.base import Chart, Column
from knowtheline.data import load

EXECUTIVE_ORDER = pd.Timestamp("2025-01-20")
MEASURED_FROM = pd.Timestamp("2021-01-01")
__all__ = ["active_over_time", "by_state", "signed_per_month", "task_force_share"]


def _words(lang: str, chart: str):
    """This chart's text in `lang` (knowtheline/i18n: charts.<chart>.<key>), and dates."""
    own = i18n.t(lang, f"charts.{chart}")

    def m(key: str, **values) -> str:  # this chart's key, or one the charts share
        return i18n.t(lang, f"charts.{chart}.{key}" if key in own else f"charts.{key}", **values)
    return m, (lambda ts: i18n.day(ts, lang)), (lambda ts: i18n.month_year(ts, lang))


def _source(folder, lang: str = "en") -> str:
    """Source line naming the newest snapshot date."""
    return i18n.t(lang, "charts.source_287g", date=i18n.day(load.newest_snapshot_date(folder), lang))


def model_name(model: str, lang: str) -> str:
    return i18n.t(lang, "charts.models")[model]


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


def model_columns(total: str, lang: str = "en") -> list[Column]:
    """The three models and their total as table columns (counts of agreements)."""
    return [*(Column(m, model_name(m, lang), count, numeric=True) for m in style.MODELS),
            Column("total", total, count, numeric=True)]


def _stacked_bars(ax, positions, wide: pd.DataFrame, horizontal: bool, theme: style.Theme, lang: str = "en",
                  **bar_options) -> None:
    """One bar per row of ``wide``, stacked by model, each model with its colour and hatch."""
    draw, base_name = (ax.barh, "left") if horizontal else (ax.bar, "bottom")
    base = pd.Series(0, index=wide.index)
    for model in style.MODELS:
        draw(positions, wide[model], label=model_name(model, lang), color=theme.colour(model), hatch=style.HATCHES[model],
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


def _short_month(when, lang: str) -> str:
    """'Jan\n2025' / 'ene\n2025': a month tick."""
    when = pd.Timestamp(when)
    return f"{i18n.t(lang, 'months_short')[when.month - 1]}\n{when.year}"


def _month_ticks(ax, variant: style.Variant, lang: str = "en") -> None:
    """Quarterly month ticks ("Jan / 2025") on wide charts, half-yearly on phones."""
    bymonth = (1, 7) if variant.layout is style.NARROW else (1, 4, 7, 10)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=bymonth))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _short_month(mdates.num2date(v), lang)))


def active_over_time(folder=None, lang: str = "en") -> Chart:
    """Active agreements by model over time, with reported pre-2021 figures."""
    wide = _by_model(load.active_by_model(folder))
    reported = load.reported_figures(folder)
    reported = reported[(reported["date"] < MEASURED_FROM) & (reported["unit"] == "agreements")]
    first, newest = wide.iloc[0], wide.iloc[-1]
    before_eo = wide[wide["snapshot_date"] < EXECUTIVE_ORDER].iloc[-1]
    m, day, months = _words(lang, "active")
    title = m("title", before=f"{before_eo['Total']:,}", newest=f"{newest['Total']:,}",
              date=day(newest["snapshot_date"]))
    source = _source(folder, lang) + " " + m("reported_note")

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        narrow = lay is style.NARROW
        plot = 240 if narrow else 300
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, plot, 120 if narrow else 80))
        for model in style.MODELS:
            ax.step(wide["snapshot_date"], wide[model], where="post", label=model_name(model, lang),
                    color=theme.colour(model), linestyle=style.LINESTYLES[model], linewidth=2,
                    marker=style.MARKERS[model], markevery=8, markersize=5)
        ax.step(wide["snapshot_date"], wide["Total"], where="post", label=m("all_models"), color=theme.ink,
                linewidth=2.4)
        ax.scatter(reported["date"], reported["figure"], marker=style.REPORTED_MARKER, s=36,
                   facecolors=theme.background, edgecolors=theme.ink, linewidths=1.2, zorder=3,
                   label=m("reported_narrow") if narrow else m("reported_wide"))
        ax.axvline(EXECUTIVE_ORDER, color=theme.muted, linestyle="-.", linewidth=1)
        ax.annotate(m("eo_short") if narrow else m("eo_wide"),
                    (EXECUTIVE_ORDER, newest["Total"] * 0.55), xytext=(-6, 0), textcoords="offset points",
                    ha="right", fontsize=lay.small, color=theme.muted)
        _year_ticks(ax, variant, wide_every=2, narrow_every=4)
        _thousands(ax)
        ax.set_xlabel(m("xlabel_narrow") if narrow else m("xlabel_wide"))
        ax.set_ylabel(m("ylabel_narrow") if narrow else m("ylabel_wide"))
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    measured = wide.rename(columns={"snapshot_date": "date", "Total": "total"}).assign(
        kind="measured", source=m("ice_list")
    )
    quoted = reported.rename(columns={"figure": "total", "publisher": "source"}).assign(kind="reported")
    table = pd.concat([quoted, measured], ignore_index=True)[
        ["date", "kind", *style.MODELS, "total", "source"]
    ]
    for model in style.MODELS:
        table[model] = table[model].astype("Int64")
    kinds = {"measured": m("measured"), "reported": m("reported")}
    columns = [
        Column("date", m("col_date"), day),
        Column("kind", m("col_figure"), kinds.get),
        *model_columns(m("all_models_agreements"), lang),
        Column("source", m("col_source")),
    ]
    alt = m("alt", first_date=day(first["snapshot_date"]), newest_date=day(newest["snapshot_date"]),
            low=f"{reported['figure'].min():,}", high=f"{reported['figure'].max():,}",
            first=f"{first['Total']:,}", first_month=months(first["snapshot_date"]),
            before=f"{before_eo['Total']:,}", newest=f"{newest['Total']:,}",
            per_model=", ".join(m("per_model", count=f"{newest[k]:,}", model=model_name(k, lang))
                                for k in style.MODELS))
    return Chart(fig=draw, title=title, alt=alt, source=source, table=table, columns=columns, lang=lang)


def by_state(folder=None, lang: str = "en") -> Chart:
    """Agreements by state and model in the newest list, ranked."""
    active = load.active_agreements(folder)
    newest = active["snapshot_date"].max()
    wide = _wide_by_model(active[active["snapshot_date"] == newest], "state")
    wide = wide.reset_index().sort_values(["total", "state"], ascending=[False, True], ignore_index=True)
    wide["state"] = wide["state"].str.title()
    grand = int(wide["total"].sum())
    top = wide.iloc[0]
    m, day, _ = _words(lang, "by_state")
    title = m("title", state=top["state"], top=f"{top['total']:,}", grand=f"{grand:,}",
              share=f"{top['total'] / grand:.0%}", date=day(newest))
    source = _source(folder, lang)

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        narrow = lay is style.NARROW
        row = lay.small * 1.45
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, row * len(wide) + 60,
                                                               110 if narrow else 50))
        names = wide["state"].replace({"Northern Mariana Islands": "N. Mariana Islands"}) if narrow else wide["state"]
        _stacked_bars(ax, range(len(wide)), wide, horizontal=True, theme=theme, lang=lang, height=0.78)
        for y, total in enumerate(wide["total"]):
            ax.text(total, y, f" {total:,}", va="center", fontsize=lay.small, color=theme.ink)
        ax.set_yticks(range(len(wide)), names)
        ax.set_ylim(len(wide) - 0.5, -0.5)
        ax.set_xlim(0, wide["total"].max() * (1.18 if narrow else 1.1))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.xaxis.set_major_locator(MaxNLocator(4 if narrow else 8))
        _thousands(ax, "x")
        ax.set_xlabel(m("xlabel"))
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    top5 = "; ".join(f"{r.state} {r.total:,}" for r in wide.head(5).itertuples())
    alt = m("alt", count=len(wide), date=day(newest), top5=top5, few=int((wide["total"] < 10).sum()))
    columns = [Column("state", m("col_state")), *model_columns(m("all_models_agreements"), lang)]
    return Chart(fig=draw, title=title, alt=alt, source=source, table=wide[["state", *style.MODELS, "total"]],
                 columns=columns, lang=lang)


def signed_per_month(start: str = "2024-07", folder=None, lang: str = "en") -> Chart:
    """New agreements per month of signing, from ``start`` (YYYY-MM) on."""
    signed = load.signed_by_month(folder)
    newest = load.newest_snapshot_date(folder)
    month_list = pd.period_range(start, newest.to_period("M"), freq="M").strftime("%Y-%m")
    wide = _wide_by_model(signed, "month", rows=month_list)
    wide = wide.rename_axis("month").reset_index()
    peak = wide.loc[wide["total"].idxmax()]
    peak_month = f"{peak['month']}-01"
    m, _, months = _words(lang, "signed")
    title = m("title", month=months(peak_month), count=f"{peak['total']:,}")
    source = _source(folder, lang)
    caption = m("caption")

    def draw(variant: style.Variant):
        narrow = variant.layout is style.NARROW
        plot = 230 if narrow else 280
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, plot, 90 if narrow else 60))
        _stacked_bars(ax, range(len(wide)), wide, horizontal=False, theme=variant.theme, lang=lang, width=0.85)
        starts = ("-01",) if narrow else ("-01", "-07")
        ticks = [i for i, m in enumerate(wide["month"]) if m.endswith(starts)]
        ax.set_xticks(ticks, [_short_month(f"{wide['month'][i]}-01", lang) for i in ticks])
        _thousands(ax)
        ax.set_xlabel(m("xlabel_narrow") if narrow else m("xlabel_wide"))
        ax.set_ylabel(m("ylabel"))
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    since_eo = int(wide.loc[wide["month"] >= "2025-01", "total"].sum())
    alt = m("alt", first=months(f"{wide['month'].iloc[0]}-01"), last=months(f"{wide['month'].iloc[-1]}-01"),
            median=int(wide.loc[wide["month"] < "2025-01", "total"].median()), since=f"{since_eo:,}",
            peak=f"{peak['total']:,}", peak_month=months(peak_month))
    columns = [Column("month", m("col_month"), lambda month: months(f"{month}-01")),
               *model_columns(m("all_models_signed"), lang)]
    return Chart(fig=draw, title=title, alt=alt, source=source, table=wide, caption=caption, columns=columns,
                 lang=lang)


def task_force_share(folder=None, lang: str = "en") -> Chart:
    """Share of active agreements under the Task Force Model, per list."""
    totals = load.snapshot_totals(folder)
    start = totals.loc[totals["snapshot_date"] < EXECUTIVE_ORDER, "snapshot_date"].max()
    frame = totals[totals["snapshot_date"] >= start][["snapshot_date", "task_force_model", "total"]].copy()
    frame["tfm_share_percent"] = (100 * frame["task_force_model"] / frame["total"]).round(1)
    frame = frame.reset_index(drop=True)
    newest = frame.iloc[-1]
    tfm = style.TFM
    m, day, _ = _words(lang, "task_force")
    title = m("title", share=f"{newest['tfm_share_percent']:.0f}%", count=f"{newest['task_force_model']:,}",
              total=f"{newest['total']:,}", date=day(newest["snapshot_date"]))
    source = _source(folder, lang)

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        narrow = lay is style.NARROW
        plot = 220 if narrow else 270
        fig, ax = style.new_figure(variant, style.frame_height(variant, title, source, plot, 60 if narrow else 50))
        ax.step(frame["snapshot_date"], frame["tfm_share_percent"], where="post",
                color=theme.colour(tfm), linestyle=style.LINESTYLES[tfm], linewidth=2.2,
                marker=style.MARKERS[tfm], markersize=4, label=m("line", model=model_name(tfm, lang)))
        ax.axvline(EXECUTIVE_ORDER, color=theme.muted, linestyle="-.", linewidth=1)
        ax.annotate(m("note_narrow") if narrow else m("note_wide"),
                    (EXECUTIVE_ORDER, 95), xytext=(6, 0), textcoords="offset points", va="top",
                    fontsize=lay.small, color=theme.muted)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter(100))
        _month_ticks(ax, variant, lang)
        ax.set_xlabel(m("xlabel"))
        ax.set_ylabel(m("ylabel"))
        _legend(fig, ax, variant)
        style.title_and_source(fig, variant, title, source)
        return fig

    peak = frame.loc[frame["tfm_share_percent"].idxmax()]
    alt = m("alt", first_date=day(frame["snapshot_date"].iloc[0]), first=f"{frame['tfm_share_percent'].iloc[0]:.0f}%",
            newest_date=day(newest["snapshot_date"]), newest=f"{newest['tfm_share_percent']:.1f}%",
            peak=f"{peak['tfm_share_percent']:.1f}%", peak_date=day(peak["snapshot_date"]))
    columns = [
        Column("snapshot_date", m("col_date"), day),
        Column("task_force_model", m("col_count", model=model_name(tfm, lang)), count, numeric=True),
        Column("total", m("col_total"), count, numeric=True),
        Column("tfm_share_percent", m("col_share", model=model_name(tfm, lang)), lambda v: f"{v:.1f}%", numeric=True),
    ]
    return Chart(fig=draw, title=title, alt=alt, source=source, table=frame, columns=columns, lang=lang)
