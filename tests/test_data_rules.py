"""One test per cleaning rule, each on a small hand-made fixture."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from knowtheline.data import clean, dating, snapshots
from knowtheline.data.build import fix_impossible_dates
from knowtheline.data.clean import JEM, TFM, WSO, RuleLog

HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"]


def raw_rows(*records: tuple) -> pd.DataFrame:
    """Rows as read from a sheet: state, agency, type, county, model, signed."""
    cols = ["state", "agency", "agency_type", "county", "model", "signed"]
    return pd.DataFrame([dict(zip(cols, r)) for r in records], dtype=object)


def write_sheet(path: Path, header: list[str], rows: list[list], blank_rows: int = 0) -> None:
    """Write a tiny ICE-style workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    for _ in range(blank_rows):
        ws.append([None] * len(header))
    ws.append(rows[0])  # a data row after the blank ones
    wb.save(path)


def test_drop_blank_rows(tmp_path):
    path = tmp_path / "participatingAgencies05012025am.xlsx"
    write_sheet(path, HEADER, [["TEXAS", "A PD", "Municipality", "X County", TFM, datetime(2025, 4, 1), "link"]], 3)
    read = snapshots.read_list(path)
    assert read.blank_rows == 3
    assert len(read.rows) == 2
    assert "SIGNED" in read.columns


def test_trim_whitespace_makes_whitespace_twins_one_agency():
    log = RuleLog()
    rows = raw_rows(
        ("FLORIDA", "Fort Walton Beach Police Department ", "Municipality", "Okaloosa", TFM, None),
        ("FLORIDA", "Fort Walton  Beach Police Department", "Municipality", "Okaloosa", TFM, None),
        ("FLORIDA", "Clean Name PD", "Municipality", "Okaloosa", TFM, None),
    )
    out = clean.trim_whitespace(rows, log)
    assert out["agency"].nunique() == 2
    assert log["trim_whitespace"] == 2
    assert clean.agency_key(rows.at[0, "agency"]) == clean.agency_key(rows.at[1, "agency"])


def test_state_names_fix_case_and_typos_and_reject_unknown():
    log = RuleLog()
    fixed = clean.clean_states(pd.Series(["UTAHJ", "UTAh", "PENNSLYVANIA", "WEST VIRIGINIA", "Texas", "GUAM"]), log)
    assert list(fixed) == ["UTAH", "UTAH", "PENNSYLVANIA", "WEST VIRGINIA", "TEXAS", "GUAM"]
    assert log["state_names"] == 5
    with pytest.raises(ValueError, match="NARNIA"):
        clean.clean_states(pd.Series(["NARNIA"]), RuleLog())


def test_model_names_map_variants_and_reject_unknown():
    log = RuleLog()
    raw = ["Warrant Service Office", "Warrant Services Officer", "Task Force Officer", JEM, WSO]
    assert list(clean.clean_models(pd.Series(raw), log)) == [WSO, WSO, TFM, JEM, WSO]
    assert log["model_names"] == 3
    with pytest.raises(ValueError, match="Border Model"):
        clean.clean_models(pd.Series(["Border Model"]), RuleLog())


def test_agency_type_variants():
    log = RuleLog()
    out = clean.clean_agency_types(pd.Series(["Muncipality", "Municipal", "State", "County", None]), log)
    assert list(out[:4]) == ["Municipality", "Municipality", "State Agency", "County"]
    assert log["agency_type_names"] == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [("05/082025", date(2025, 5, 8)), ("7/72025", date(2025, 7, 7)), ("8/282025", date(2025, 8, 28))],
)
def test_signed_missing_separator(text, expected):
    assert clean.parse_signed(text) == (expected, "corrected: missing separator")


def test_signed_parsing_keeps_good_values_and_flags_unreadable():
    assert clean.parse_signed(datetime(2025, 3, 1)) == (date(2025, 3, 1), "as listed")
    assert clean.parse_signed("2019-04-24 00:00:00") == (date(2019, 4, 24), "as listed")
    assert clean.parse_signed(float("nan")) == (None, "missing")
    assert clean.parse_signed("link pending") == (None, "unknown: unreadable")
    assert clean.parse_signed(datetime(5025, 7, 7)) == (date(5025, 7, 7), "as listed")


def test_impossible_dates_corrected_only_when_certain():
    # year 5025 in a list of July 2025: only 2025 is possible
    assert clean.correct_impossible(date(5025, 7, 7), WSO, date(2025, 7, 9)) == date(2025, 7, 7)
    # a Task Force Model agreement "signed" in 2016, first listed March 2026
    assert clean.correct_impossible(date(2016, 3, 19), TFM, date(2026, 3, 20)) == date(2026, 3, 19)
    # 2035 could be 2005, 2015 or 2025: not certain
    assert clean.correct_impossible(date(2035, 7, 7), WSO, date(2026, 1, 1)) is None
    assert clean.is_impossible(date(2016, 3, 19), TFM, date(2026, 5, 18))
    assert not clean.is_impossible(date(2016, 3, 19), JEM, date(2026, 5, 18))


def test_fix_impossible_dates_uses_first_list_and_keeps_unknown():
    def listed(*records):
        rows = pd.DataFrame(records, columns=["state", "agency", "model", "signed"], dtype=object)
        return rows.assign(signed_status="as listed")

    lists = {
        date(2025, 7, 9): listed(("TENNESSEE", "Grundy SO ", WSO, date(5025, 7, 7)),
                                 ("TEXAS", "Odd PD", WSO, date(2035, 7, 7))),
        date(2025, 7, 18): listed(("TENNESSEE", "Grundy SO", WSO, date(5025, 7, 7))),
    }
    log = RuleLog()
    fix_impossible_dates(lists, log)
    assert lists[date(2025, 7, 18)].at[0, "signed"] == date(2025, 7, 7)
    assert lists[date(2025, 7, 9)].at[1, "signed"] is None
    assert lists[date(2025, 7, 9)].at[1, "signed_status"] == "unknown: impossible date"
    assert log["signed_impossible_corrected"] == 2 and log["signed_impossible_unknown"] == 1


def test_duplicate_agency_and_model_rows_flagged():
    log = RuleLog()
    rows = pd.DataFrame(
        {"state": ["FLORIDA"] * 3, "agency": ["St. Cloud PD", "St. Cloud  PD ", "St. Cloud PD"],
         "model": [TFM, TFM, WSO]}
    )
    assert list(clean.flag_duplicates(rows, log)) == [True, True, False]
    assert log["duplicate_agreement_flagged"] == 2


# --- file-level rules ---------------------------------------------------------

def _sheet(path: Path, signed: list[date], header=HEADER) -> None:
    rows = [["TEXAS", f"Agency {i}", "County", "C", TFM, d, "link"][: len(header)] for i, d in enumerate(signed)]
    write_sheet(path, header, rows)


@pytest.fixture
def raw_folder(tmp_path) -> Path:
    """A miniature raw folder holding one example of each file problem."""
    rr = tmp_path / "RelevantResearch_287g-DetentionData" / "participatingAgencies"
    early = [date(2025, 2, 1), date(2025, 2, 2)]
    _sheet(rr / "participatingAgencies03062025am.xlsx", early)
    _sheet(rr / "participatingAgencies04032025am.xlsx", early + [date(2025, 4, 1)])
    _sheet(rr / "participatingAgencies04212025am.xlsx", early)  # stale copy of 03-06
    _sheet(rr / "participatingAgencies12312025am.xlsx", early + [date(2025, 12, 20)] * 3)
    _sheet(rr / "participatingAgencies01052025pm.xlsx", early + [date(2025, 12, 20)] * 3)  # year typo
    _sheet(rr / "participatingAgencies08022025pm.xlsx", early + [date(2025, 8, 28)] * 3)  # no certain date
    _sheet(rr / "participatingAgencies090022025am.xlsx", early)  # 9-digit date
    _sheet(rr / "participatingAgencies02012026am.xlsx", early + [date(2026, 1, 20)])
    write_sheet(rr / "participatingAgencies09222025pm.xlsx", HEADER[:5], [["TEXAS", "P", "County", "C", TFM]])
    app = tmp_path / "appelson_Tracking_287g" / "sheets"
    _sheet(app / "sheets_20250703_151805" / "participatingAgencies07032025pm.xlsx", early + [date(2025, 6, 30)])
    _sheet(app / "sheets_20250704_151659" / "participatingAgencies07032025pm.xlsx", early + [date(2025, 7, 1)])
    return tmp_path


def _decide(raw: Path) -> dict[str, dating.Decision]:
    files = snapshots.discover(raw)
    reads = {f.path: snapshots.read_list(raw / f.path) for f in files}
    cleaned = {p: clean.clean_list(r.rows, RuleLog()) for p, r in reads.items()}
    decisions = dating.decide(files, cleaned, {p: r.columns for p, r in reads.items()})
    return {d.file.path.rsplit("/", 2)[-2][-6:] + "/" + d.file.path.rsplit("/", 1)[-1]: d for d in decisions}


def _one(decisions, name):
    return next(d for k, d in decisions.items() if k.endswith(name))


def test_file_misdated_by_a_year_is_redated(raw_folder):
    d = _one(_decide(raw_folder), "01052025pm.xlsx")
    assert (d.snapshot_date, d.used, d.rule) == (date(2026, 1, 5), True, "file_misdated_redated")


def test_file_misdated_without_certain_date_is_excluded(raw_folder):
    d = _one(_decide(raw_folder), "08022025pm.xlsx")
    assert (d.snapshot_date, d.used, d.rule) == (None, False, "file_misdated_excluded")


def test_file_with_unreadable_name_date_is_excluded(raw_folder):
    d = _one(_decide(raw_folder), "090022025am.xlsx")
    assert (d.used, d.rule) == (False, "file_name_date_unreadable")


def test_pending_format_list_under_participating_name(raw_folder):
    d = _one(_decide(raw_folder), "09222025pm.xlsx")
    assert (d.kind, d.used, d.rule) == ("pending", True, "file_pending_format")


def test_stale_copy_is_excluded(raw_folder):
    decisions = _decide(raw_folder)
    assert _one(decisions, "04212025am.xlsx").rule == "file_stale_copy"
    assert _one(decisions, "03062025am.xlsx").used


def test_same_day_copies_keep_the_latest_scrape(raw_folder):
    decisions = _decide(raw_folder)
    assert decisions["151659/participatingAgencies07032025pm.xlsx"].used
    older = decisions["151805/participatingAgencies07032025pm.xlsx"]
    assert (older.used, older.rule) == (False, "file_same_day_superseded")


def test_file_names_are_dated():
    wayback = snapshots.describe("x/ParticipatingEntities-20210113002027.xlsx")
    assert (wayback.name_date, wayback.kind) == (date(2021, 1, 13), "participating")
    ice = snapshots.describe("x/sheets_20250711_151820/pendingAgencies07112025am_b.xlsx")
    assert (ice.name_date, ice.kind, ice.scraped) == (date(2025, 7, 11), "pending", "20250711_151820")
    assert snapshots.describe("x/ice_287g_snapshots.xlsx").kind == "index"
