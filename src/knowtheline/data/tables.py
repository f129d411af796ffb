"""Derive the tidy output tables from the cleaned, dated lists and write them.

All tables are sorted, use ISO dates and integers only, and are written with
LF line endings, so rebuilding from the same raw files gives the same bytes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from knowtheline.data.clean import MODELS, agency_key

#: Output file names inside ``data/287g/``.
ACTIVE = "active_agreements.csv"
TOTALS = "snapshot_totals.csv"
NEWEST = "participating_newest.csv"
SIGNED = "signed_by_month.csv"
PENDING = "pending_by_model.csv"
PENDING_NEWEST = "pending_newest.csv"
REPORTED = "reported_figures.csv"
PROVENANCE = "provenance.json"

#: Model -> column name in the wide totals table.
MODEL_COLUMNS = {m: m.lower().replace(" ", "_") for m in MODELS}


def active_agreements(lists: dict[date, pd.DataFrame]) -> pd.DataFrame:
    """Agreements per snapshot date, state and model (rows as ICE lists them)."""
    frames = [
        rows.groupby(["state", "model"]).size().rename("agreements").reset_index().assign(snapshot_date=day)
        for day, rows in lists.items()
    ]
    out = pd.concat(frames, ignore_index=True)[["snapshot_date", "state", "model", "agreements"]]
    return out.sort_values(["snapshot_date", "state", "model"], ignore_index=True)


def snapshot_totals(lists: dict[date, pd.DataFrame], sources: dict[date, str]) -> pd.DataFrame:
    """One row per snapshot: agreements by model, total, agencies, states."""
    records = []
    for day, rows in sorted(lists.items()):
        counts = rows["model"].value_counts()
        record = {"snapshot_date": day, "source_file": sources[day]}
        record |= {MODEL_COLUMNS[m]: int(counts.get(m, 0)) for m in MODELS}
        record["total"] = len(rows)
        record["agencies"] = rows.assign(key=rows["agency"].map(agency_key))[["state", "key"]].drop_duplicates().shape[0]
        record["states"] = rows["state"].nunique()
        record["flagged_duplicates"] = int(rows["duplicate"].sum())
        records.append(record)
    return pd.DataFrame.from_records(records)


def newest_list(rows: pd.DataFrame) -> pd.DataFrame:
    """The newest participating list, one row per agreement, cleaned."""
    out = rows[
        ["state", "agency", "agency_type", "county", "model", "signed", "signed_status", "signed_as_listed", "duplicate"]
    ].copy()
    out["signed_as_listed"] = out["signed_as_listed"].where(out["signed_status"] != "as listed", "")
    out["sort_agency"] = out["agency"].map(agency_key)
    out = out.sort_values(["state", "sort_agency", "model", "signed_as_listed"], ignore_index=True, key=_sortable)
    return out.drop(columns="sort_agency")


def _sortable(col: pd.Series) -> pd.Series:
    """Sort key treating missing values as empty text."""
    return col.map(lambda v: "" if v is None or v != v else str(v))


def signed_by_month(lists: dict[date, pd.DataFrame]) -> pd.DataFrame:
    """New agreements per month in which they were signed.

    An agreement is a state + agency + model seen in any kept list; its date
    is the earliest SIGNED date any list gives it (re-signed agreements keep
    their first date). Agreements whose date is unknown are left out; ones
    that ended before the first list (2021) are missing entirely.
    """
    every = pd.concat(lists.values(), ignore_index=True)
    every = every[every["signed"].notna()].assign(key=every["agency"].map(agency_key))
    first = every.groupby(["state", "key", "model"])["signed"].min().reset_index()
    first["month"] = first["signed"].map(lambda d: f"{d.year:04d}-{d.month:02d}")
    out = first.groupby(["month", "model"]).size().rename("agreements").reset_index()
    return out.sort_values(["month", "model"], ignore_index=True)


def pending_by_model(lists: dict[date, pd.DataFrame]) -> pd.DataFrame:
    """Pending agreements per pending-list date and model."""
    frames = [
        rows.groupby("model").size().rename("agreements").reset_index().assign(snapshot_date=day)
        for day, rows in lists.items()
    ]
    out = pd.concat(frames, ignore_index=True)[["snapshot_date", "model", "agreements"]]
    return out.sort_values(["snapshot_date", "model"], ignore_index=True)


def pending_newest(rows: pd.DataFrame) -> pd.DataFrame:
    """The newest pending list, one row per requested agreement."""
    out = rows[["state", "agency", "agency_type", "county", "model"]].copy()
    out["sort_agency"] = out["agency"].map(agency_key)
    out = out.sort_values(["state", "sort_agency", "model"], ignore_index=True)
    return out.drop(columns="sort_agency")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` deterministically: ISO dates, no index, LF endings."""
    out = frame.copy()
    for col in out.columns:
        out[col] = out[col].map(_cell)
    path.write_bytes(out.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def _cell(value: object) -> object:
    """One CSV cell: dates as ISO text, booleans as true/false, missing empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_json(record: dict, path: Path) -> None:
    """Write ``record`` as sorted, indented JSON with a final newline."""
    path.write_bytes((json.dumps(record, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8"))
