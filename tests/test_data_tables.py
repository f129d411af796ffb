"""Invariants of the committed 287(g) tables, and checks against the raw files.

The first group needs only ``data/287g/``; the second reads the raw snapshots
and is skipped, with a reason, in a clone without ``../shared``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from knowtheline.data import load, tables
from knowtheline.data.build import build, readme_files
from knowtheline.data.clean import MODELS, RULES, VALID_STATES
from knowtheline.data.dating import FILE_RULES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "287g"
RAW = ROOT / ".." / "shared" / "data" / "raw" / "287g"
needs_raw = pytest.mark.skipif(not RAW.exists(), reason=f"raw 287(g) snapshots not present at {RAW}")


def test_totals_equal_sum_of_models_and_of_states():
    totals = load.snapshot_totals(DATA)
    model_cols = list(tables.MODEL_COLUMNS.values())
    assert (totals[model_cols].sum(axis=1) == totals["total"]).all()
    by_date = load.active_agreements(DATA).groupby("snapshot_date")["agreements"].sum()
    assert by_date.to_dict() == totals.set_index("snapshot_date")["total"].to_dict()


def test_counts_positive_and_dates_sorted_unique():
    totals = load.snapshot_totals(DATA)
    active = load.active_agreements(DATA)
    assert (active["agreements"] > 0).all()
    assert (totals[list(tables.MODEL_COLUMNS.values())] >= 0).all().all()
    assert totals["snapshot_date"].is_monotonic_increasing and totals["snapshot_date"].is_unique
    assert (load.signed_by_month(DATA)["agreements"] > 0).all()
    assert (load.pending_by_model(DATA)["agreements"] > 0).all()


def test_states_and_models_valid():
    for frame in (load.active_agreements(DATA), load.newest_list(DATA), load.pending_newest(DATA)):
        assert set(frame["state"]) <= VALID_STATES
        assert set(frame["model"]) <= set(MODELS)


def test_newest_list_matches_newest_totals():
    newest = load.newest_list(DATA)
    last = load.snapshot_totals(DATA).iloc[-1]
    assert len(newest) == last["total"]
    for model, col in tables.MODEL_COLUMNS.items():
        assert (newest["model"] == model).sum() == last[col]
    assert newest["signed_status"].isin(
        ["as listed", "missing", "corrected: missing separator", "corrected: year typo",
         "unknown: impossible date", "unknown: unreadable"]
    ).all()


def test_provenance_lists_every_rule_and_used_input():
    prov = load.provenance(DATA)
    assert {r["rule"] for r in prov["cleaning_rules"]} == set(RULES) | set(FILE_RULES)
    used = [i for i in prov["inputs"] if i["used"]]
    assert used and all(len(i["sha256"]) == 64 and i["snapshot_date"] and i["source"] for i in used)
    totals = load.snapshot_totals(DATA)
    used_dates = {i["snapshot_date"] for i in used if i["kind"] == "participating"}
    assert used_dates == set(totals["snapshot_date"].dt.strftime("%Y-%m-%d"))


def test_reported_figures_are_labelled():
    rep = load.reported_figures(DATA)
    assert set(rep["unit"]) <= {"agreements", "agencies"}
    assert set(rep["source_type"]) <= {"official", "reported"}
    assert rep["quote"].str.len().gt(0).all() and rep["url"].str.len().gt(0).all()


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.*")))
def test_committed_files_use_lf_and_end_with_newline(name):
    data = (DATA / name).read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")


# --- against the raw snapshots ---------------------------------------------

@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """All tables re-derived from the raw folder (once per test module)."""
    out = tmp_path_factory.mktemp("data287g")
    build(RAW, out)
    return out


@needs_raw
@pytest.mark.slow  # re-derives every table from the raw lists (about a minute)
def test_rebuild_is_byte_identical(rebuilt):
    committed = sorted(p.name for p in DATA.iterdir())
    assert committed == sorted(p.name for p in rebuilt.iterdir())
    for name in committed:
        assert (rebuilt / name).read_bytes() == (DATA / name).read_bytes(), f"{name} differs: run make data"


@needs_raw
def test_newest_totals_match_a_direct_count_of_the_workbook():
    newest = load.provenance(DATA)["newest_participating_list"]["file"]
    sheet = openpyxl.load_workbook(RAW / newest, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h).strip() for h in rows[0]]
    model_at = header.index("SUPPORT TYPE")
    models = [r[model_at].strip() for r in rows[1:] if any(v not in (None, "") for v in r)]
    last = load.snapshot_totals(DATA).iloc[-1]
    assert len(models) == last["total"]
    for word, col in (("Jail", "jail_enforcement_model"), ("Warrant", "warrant_service_officer"),
                      ("Task", "task_force_model")):
        assert sum(m.startswith(word) for m in models) == last[col]


@needs_raw
def test_checksums_and_row_counts_match_raw_files_and_readme():
    readme = readme_files((RAW / "README.md").read_text(encoding="utf-8"))
    for item in load.provenance(DATA)["inputs"]:
        path = RAW / item["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == item["sha256"]
        expected = readme[item["path"]]["readme_rows"]
        # the CSV conversion's README count includes its 14 all-empty lines
        if item["rows"] is not None and item["blank_rows_dropped"] == 0:
            assert str(item["rows"]) == expected.replace(",", ""), item["path"]


@needs_raw
def test_reported_quotes_appear_in_raw_readme():
    readme = (RAW / "README.md").read_text(encoding="utf-8")
    for quote in load.reported_figures(DATA)["quote"]:
        assert quote in readme
