"""Rebuild every table in ``data/287g/`` from the raw snapshots.

Reads all raw files, cleans each list, dates the lists (see
:mod:`knowtheline.data.dating`), judges impossible SIGNED dates against the
history, then writes the tables and a provenance record naming every input
file, its source, date, row count and checksum, and every rule with the
number of rows or files it changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from knowtheline.data import reported, tables
from knowtheline.data.clean import RULES, RuleLog, agency_key, clean_list, correct_impossible, is_impossible
from knowtheline.data.dating import FILE_RULES, Decision, decide
from knowtheline.data.snapshots import RawList, discover, read_list, sha256

ICE_PAGE = "https://www.ice.gov/identify-and-arrest/287g"


def readme_files(readme: str) -> dict[str, dict[str, str]]:
    """The README's per-file table: path -> source, original source, rows."""
    out = {}
    for line in readme.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 8:
            continue
        path = cells[0].strip("`")
        out[path] = {
            "source": cells[2].replace("`", ""),
            "original_public_source": cells[3],
            "readme_snapshot_date": cells[4],
            "readme_rows": cells[6],
            "readme_note": cells[7],
        }
    return out


def fix_impossible_dates(lists: dict[date, pd.DataFrame], log: RuleLog) -> None:
    """Correct or blank impossible SIGNED dates, in place, using the history.

    The first list that shows an agreement bounds when it can have been
    signed; see :func:`knowtheline.data.clean.correct_impossible`.
    """
    first_listed: dict[tuple, date] = {}
    for day in sorted(lists):
        rows = lists[day]
        for key in zip(rows["state"], rows["agency"].map(agency_key), rows["model"]):
            first_listed.setdefault(key, day)
    for day, rows in lists.items():
        for i in rows.index:
            signed, model = rows.at[i, "signed"], rows.at[i, "model"]
            if not is_impossible(signed, model, day):
                continue
            key = (rows.at[i, "state"], agency_key(rows.at[i, "agency"]), model)
            fixed = correct_impossible(signed, model, first_listed[key])
            if fixed is None:
                rows.at[i, "signed"], rows.at[i, "signed_status"] = None, "unknown: impossible date"
                log.add("signed_impossible_unknown", 1)
            else:
                rows.at[i, "signed"], rows.at[i, "signed_status"] = fixed, "corrected: year typo"
                log.add("signed_impossible_corrected", 1)


def _input_record(raw: Path, d: Decision, read: RawList | None, info: dict) -> dict:
    """Provenance entry for one raw file."""
    path = raw / d.file.path
    return {
        "path": d.file.path,
        "kind": d.kind,
        "source": info.get("source", ""),
        "original_public_source": info.get("original_public_source", ""),
        "snapshot_date": d.snapshot_date.isoformat() if d.snapshot_date else None,
        "date_basis": d.date_basis,
        "rows": len(read.rows) if read else None,
        "readme_rows": info.get("readme_rows", ""),
        "blank_rows_dropped": read.blank_rows if read else None,
        "bytes": path.stat().st_size,
        "sha256": sha256(path),
        "used": d.used,
        "file_rule": d.rule,
        "note": d.note,
    }


def _dated(decisions: list[Decision], lists: dict[str, pd.DataFrame], kind: str) -> dict[date, pd.DataFrame]:
    """Used lists of one kind, by snapshot date (copies, safe to modify)."""
    return {
        d.snapshot_date: lists[d.file.path].copy()
        for d in decisions
        if d.used and d.kind == kind
    }


def build(raw: Path, out: Path) -> dict:
    """Rebuild ``out`` (e.g. ``data/287g``) from ``raw``; returns provenance."""
    raw, out = Path(raw), Path(out)
    readme = (raw / "README.md").read_text(encoding="utf-8")
    info = readme_files(readme)
    files = discover(raw)
    log = RuleLog()
    reads: dict[str, RawList] = {}
    cleaned: dict[str, pd.DataFrame] = {}
    for f in tqdm(files, desc="reading raw lists", unit="file", disable=None):
        if f.kind == "index":
            continue
        reads[f.path] = read_list(raw / f.path)
        log.add("drop_blank_rows", reads[f.path].blank_rows)
        cleaned[f.path] = clean_list(reads[f.path].rows, log)
    decisions = decide(files, cleaned, {p: r.columns for p, r in reads.items()})
    for d in decisions:
        if d.rule:
            log.add(d.rule, 1)

    participating = _dated(decisions, cleaned, "participating")
    pending = _dated(decisions, cleaned, "pending")
    fix_impossible_dates(participating, log)
    sources = {d.snapshot_date: d.file.path for d in decisions if d.used and d.kind == "participating"}
    newest_day, newest_pending_day = max(participating), max(pending)
    newest_log = RuleLog()
    clean_list(reads[sources[newest_day]].rows, newest_log)
    fix_impossible_dates({newest_day: participating[newest_day].copy()}, newest_log)

    out.mkdir(parents=True, exist_ok=True)
    outputs = {
        tables.ACTIVE: tables.active_agreements(participating),
        tables.TOTALS: tables.snapshot_totals(participating, sources),
        tables.NEWEST: tables.newest_list(participating[newest_day]),
        tables.SIGNED: tables.signed_by_month(participating),
        tables.PENDING: tables.pending_by_model(pending),
        tables.PENDING_NEWEST: tables.pending_newest(pending[newest_pending_day]),
        tables.REPORTED: reported_table(readme),
    }
    for name, frame in outputs.items():
        tables.write_csv(frame, out / name)

    provenance = {
        "description": (
            "Tables derived from ICE's 287(g) participating and pending agency lists, as "
            "archived by community projects. Rebuild with: python -m knowtheline.data build"
        ),
        "original_public_source": ICE_PAGE,
        "raw_readme_sha256": sha256(raw / "README.md"),
        "newest_participating_list": {"snapshot_date": newest_day.isoformat(), "file": sources[newest_day]},
        "newest_pending_list": {
            "snapshot_date": newest_pending_day.isoformat(),
            "file": next(d.file.path for d in decisions if d.used and d.kind == "pending" and d.snapshot_date == newest_pending_day),
        },
        "counting": (
            "One row of an ICE list = one agreement (agency x model). Counts are rows as "
            "ICE lists them; repeated agency+model rows are flagged, not removed."
        ),
        "inputs": [_input_record(raw, d, reads.get(d.file.path), info.get(d.file.path, {})) for d in decisions],
        "cleaning_rules": [
            {
                "rule": rule,
                "description": text,
                "changed": int(log.get(rule, 0)),
                "changed_in_newest_list": int(newest_log.get(rule, 0)),
                "unit": "files" if rule.startswith("file_") else "rows",
            }
            for rule, text in {**RULES, **FILE_RULES}.items()
        ],
        "tables": {name: {"rows": len(frame), "columns": list(frame.columns)} for name, frame in outputs.items()},
    }
    tables.write_json(provenance, out / tables.PROVENANCE)
    return provenance


def reported_table(readme: str) -> pd.DataFrame:
    """The reported figures, after checking every quote against the README."""
    for fig in reported.FIGURES:
        if fig["quote"] not in readme:
            raise ValueError(f"quote not found in the raw README: {fig['quote']!r}")
    frame = pd.DataFrame.from_records(reported.FIGURES, columns=list(reported.FIELDS))
    return frame.sort_values(["date", "figure"], ignore_index=True)
