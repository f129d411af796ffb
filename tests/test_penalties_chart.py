"""The chapter 1 penalty chart shows exactly the CSV and names every statute in its alt text."""

import pandas as pd
import pandas.testing as pdt
import pytest

from knowtheline.charts import Chart
from knowtheline.charts.penalties import COLUMNS, csv_path, max_penalties, term_label


@pytest.fixture(scope="module")
def chart():
    return max_penalties()


def test_returns_chart(chart):
    assert isinstance(chart, Chart)


def test_table_equals_csv(chart):
    expected = pd.read_csv(csv_path(), dtype={"as_of": str})
    assert list(expected.columns) == COLUMNS
    pdt.assert_frame_equal(chart.table.reset_index(drop=True), expected)


def test_alt_text_names_every_statute(chart):
    for statute in pd.read_csv(csv_path())["statute"]:
        assert statute in chart.alt, statute


def test_alt_text_gives_every_term(chart):
    for months in pd.read_csv(csv_path())["max_months"]:
        assert term_label(months) in chart.alt


def test_title_and_source(chart):
    assert "20 years" in chart.title
    assert "Law as of" in chart.source
    assert chart.svg().lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    ("months", "label"),
    [(12, "1 year"), (96, "8 years"), (240, "20 years"), (11.96, "364 days"), (5.91, "180 days")],
)
def test_term_label(months, label):
    assert term_label(months) == label
