"""The state explorer in Spanish: `state_explorer(lang="es")` (chapter 7 of the Spanish book)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from knowtheline import i18n  # noqa: E402
from knowtheline.charts import explorer, style  # noqa: E402
from knowtheline.paths import STATIC  # noqa: E402

#: English words of the explorer's interface that must not appear in the Spanish one (agency
#: names and source titles stay as published, so the headers are matched as whole cells).
ENGLISH_UI = ["Choose a state", "State law", "(checked", "Sources:", ">Agency<", ">Model<", ">Signed<", "All models",
              "Date of list", "agreements in ICE", "agencies in ICE", "active agreements", "This book does not",
              "Line chart", "state explorer", "unknown", *style.MODELS]


@pytest.fixture(scope="module")
def es():
    return explorer.state_explorer(lang="es", default="Texas")


@pytest.fixture(scope="module")
def en():
    return explorer.state_explorer(default="Texas")


def _visible(page: str) -> str:
    """The page without its scripts (the module, the data)."""
    return re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_spanish_html_has_no_english_interface(es):
    page = es.to_html()
    for state in ("Texas", "California", "Delaware", "Florida"):
        page += explorer.state_view(state, es.data)
    page += es.to_text()
    for words in ENGLISH_UI:
        assert words not in _visible(page), words
    # the data the script shows when a reader picks another state
    shown = {k: v for k, v in es.data.items() if k != "lang"}
    shown["states"] = {name: {k: v for k, v in entry.items() if k != "agencies"}
                       for name, entry in es.data["states"].items()}
    strings = list(_strings(shown))
    text = "\n".join(strings)
    for words in ENGLISH_UI:  # a header: a whole message; other words: anywhere
        assert (words.strip("<>") not in strings) if words.startswith(">") else (words not in text), words
    for entry in es.data["states"].values():  # agencies: names as published, the rest in Spanish
        for agency in entry["agencies"]:
            assert agency[2] in es.data["models"] and agency[3] != "unknown"
    assert "Elija un estado o territorio" in page and "Ley estatal" in page and "Fecha de la lista" in page
    assert es.data["lang"] == "es" and es.data["models"] == [i18n.t("es", "charts.models")[m] for m in style.MODELS]


def test_module_has_no_words_of_its_own():
    module = (STATIC / "ktl-explorer.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", module, flags=re.S)
    for words in ENGLISH_UI:
        assert words not in code, words
    assert set(explorer.SCRIPT_MESSAGES) <= set(i18n.t("es", "explorer"))


def test_spanish_summary_has_the_states_numbers(es):
    entry = es.data["states"]["Texas"]
    last = entry["series"][-1][1:]
    summary = entry["summary"]
    assert summary.startswith("Texas tiene ")
    assert f"{sum(last):,} acuerdos" in summary
    for n, model in zip(last, style.MODELS):
        if n:
            assert f"{i18n.t('es', 'charts.models')[model]}: {n:,}" in summary
    assert f"{len({a[0] for a in entry['agencies']}):,} agencias" in summary
    assert es.data["newest"] in summary and re.search(r"\d+ de [a-z]+ de \d{4}", es.data["newest"])


def test_spanish_law_is_the_translation(es):
    law = es.data["states"]["Texas"]["law"]
    assert "solicitudes de detención" in law["summary"] and "SB 8" in law["summary"]
    assert law["as_of"] == "3 de diciembre de 2026"
    english = explorer.load_state_law()
    spanish = explorer.load_state_law(lang="es")
    assert set(spanish) == set(english)
    assert all(spanish[s]["sources"] == english[s]["sources"] for s in english)  # titles as published


def test_missing_spanish_law_row_raises(tmp_path):
    rows = explorer.law_path("es").read_text(encoding="utf-8").splitlines()
    dropped = [r for r in rows if not r.startswith("Oregon,")]
    assert len(dropped) == len(rows) - 1
    path = tmp_path / "state_287g_law.csv"
    path.write_text("\n".join(dropped) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no translation for Oregon"):
        explorer.load_state_law(path, lang="es")


def test_english_html_uses_the_english_catalogue(en):
    page = _visible(en.to_html())
    m = i18n.t("en", "explorer")
    assert f">{m['choose']}</label>" in page
    assert f"<strong>{m['state_law']}</strong> (checked December 3, 2026): " in page
    assert '<th scope="col">Agency</th><th scope="col">Model</th><th scope="col">Signed</th>' in page
    assert '<th scope="col">Date of list</th>' in page and '<th scope="col" class="ktl-num">All models</th>' in page
    assert "Texas: agencies in ICE&#39;s list of May 18, 2026</caption>" in page  # the apostrophe escaped
    assert en.to_text() == "287(g) state explorer. " + en.data["states"]["Texas"]["summary"]
    assert en.data["models"] == list(style.MODELS)
    assert en.data["messages"] == {k: m[k] for k in explorer.SCRIPT_MESSAGES}


def test_english_and_spanish_charts_go_to_different_folders(en, es):
    assert explorer.data_hash(en.data) != explorer.data_hash(es.data)
    assert explorer.data_hash({**en.data, "lang": "es"}) != explorer.data_hash(en.data)


def test_spanish_chart_words(es):
    chart = explorer.state_chart("Texas", es.data["states"]["Texas"], "es")
    assert chart.title == "Texas: acuerdos 287(g) activos por modelo" and chart.lang == "es"
    assert chart.source.startswith("Fuente:") and chart.alt.startswith("Gráfico de líneas")
    svg = chart.svg(style.VARIANTS[0])
    assert "Acuerdos" in svg and "Modelo de Fuerza de Tarea" in svg and "Task Force Model" not in svg
    assert "Gráfico de líneas" in es.chart_html("Texas")


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_module_shows_spanish_words_from_the_data(es, tmp_path):
    """The book's module, run in node on a fake DOM: a chosen state's view in Spanish."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("_ktl_test_explorer", Path(__file__).with_name("test_explorer.py"))
    base = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(base)
    run_module = base.run_module

    result = run_module(es, tmp_path, "Texas", live=False)
    assert result["p"] == es.data["states"]["Texas"]["summary"] and result["tables"] == 2
    assert result["law"].startswith("Ley estatal") and "Fuentes:" in result["law"]
    result = run_module(es, tmp_path, "Wyoming", live=False)
    assert result["p"] == es.data["states"]["Wyoming"]["summary"]
    assert result["law"].strip() == i18n.t("es", "explorer.no_law")
