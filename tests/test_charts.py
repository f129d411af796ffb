"""The 287(g) charts: accessible output, and numbers that match the tables."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import soup  # noqa: E402
from knowtheline import i18n  # noqa: E402
from knowtheline.charts import Chart, agreements, style  # noqa: E402
from knowtheline.data import load  # noqa: E402

CHARTS = [agreements.active_over_time, agreements.by_state, agreements.signed_per_month,
          agreements.task_force_share]


@pytest.fixture(scope="module", params=CHARTS, ids=lambda f: f.__name__)
def chart(request) -> Chart:
    return request.param()


def test_chart_has_title_alt_source_and_table(chart):
    assert isinstance(chart, Chart)
    assert len(chart.alt) > 80 and chart.title
    assert i18n.day(load.newest_snapshot_date()) in chart.source
    assert not chart.table.empty


def test_html_is_an_accessible_figure(chart):
    html = chart.to_html()
    assert html.startswith('<figure class="ktl-chart">') and html.endswith("</figure>")
    figure = soup(html)
    img = figure.find("img")
    assert img["src"].startswith("data:image/svg+xml;base64,") and len(img["alt"]) > 80
    assert figure.select_one("details > summary").get_text().startswith("Data table:")
    assert bool(figure.find("figcaption")) == bool(chart.caption)  # the title and source are drawn in the chart
    assert figure.select('th[scope="col"]') and figure.find("caption")
    svg = base64.b64decode(img["src"].split(",", 1)[1]).decode()
    assert "<svg" in svg and "Date" not in svg.split("<metadata>")[1].split("</metadata>")[0]
    bundle = chart._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"} and chart.title in bundle["text/plain"]
    assert plt.get_fignums() == []


def test_rendering_is_deterministic():
    assert agreements.task_force_share().to_html() == agreements.task_force_share().to_html()


def test_text_is_escaped():
    fig, _ = plt.subplots()
    html = Chart(fig, "A <b>", 'alt "quoted" <x>', "S & T", pd.DataFrame({"<c>": ["<v>"]}), caption="C & <D>").to_html()
    assert "<b>" not in html and "<x>" not in html and "<v>" not in html and "<D>" not in html
    assert 'alt="alt &#34;quoted&#34; &lt;x&gt;"' in html and "C &amp; &lt;D&gt;" in html  # as markupsafe escapes


def test_active_over_time_numbers_match_tables():
    c = agreements.active_over_time()
    totals = load.snapshot_totals()
    measured = c.table[c.table["kind"] == "measured"]
    assert list(measured["total"]) == list(totals["total"])
    assert list(measured[style.TFM]) == list(totals["task_force_model"])
    reported = c.table[c.table["kind"] == "reported"]
    rep = load.reported_figures()
    assert sorted(reported["total"]) == sorted(rep.loc[(rep["date"] < "2021-01-01") & (rep["unit"] == "agreements"), "figure"])
    assert f"{totals['total'].iloc[-1]:,}" in c.title


def test_by_state_numbers_match_tables():
    c = agreements.by_state()
    active = load.active_agreements()
    newest = active[active["snapshot_date"] == active["snapshot_date"].max()]
    expected = newest.groupby("state")["agreements"].sum()
    got = c.table.set_index(c.table["state"].str.upper())["total"]
    assert got.to_dict() == expected.to_dict()
    assert c.table["total"].is_monotonic_decreasing
    assert c.table.iloc[0]["state"] in c.title


def test_signed_per_month_numbers_match_tables():
    c = agreements.signed_per_month()
    signed = load.signed_by_month()
    shown = signed[signed["month"] >= c.table["month"].iloc[0]]
    assert c.table["total"].sum() == shown["agreements"].sum()
    assert (c.table[list(style.MODELS)].sum(axis=1) == c.table["total"]).all()
    assert c.caption


def test_task_force_share_numbers_match_tables():
    c = agreements.task_force_share()
    last = load.snapshot_totals().iloc[-1]
    assert c.table["tfm_share_percent"].iloc[-1] == round(100 * last["task_force_model"] / last["total"], 1)
    assert c.table["tfm_share_percent"].iloc[0] == 0


def test_style_tells_models_apart_without_colour():
    style.apply_style()
    for cue in (style.PALETTE, style.HATCHES, style.LINESTYLES, style.MARKERS):
        assert set(cue) == set(style.MODELS) and len(set(cue.values())) == len(style.MODELS)
    assert matplotlib.rcParams["svg.hashsalt"] == "knowtheline"
