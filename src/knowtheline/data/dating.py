"""Decide the date of each raw list and which lists the tables use.

File-level rules, applied in this order (each is recorded in provenance):

1. ``file_not_a_list``: the Wayback capture index is not an agreement list.
2. ``file_pending_format``: a "participating" file without a SIGNED column is
   a pending-format list saved under the wrong name; it is treated as a
   pending list.
3. ``file_name_date_unreadable``: a file-name date that is not a date
   (e.g. 9 digits) cannot be trusted; the list is left out.
4. ``file_misdated_redated`` / ``file_misdated_excluded``: a list whose SIGNED
   dates run past its file-name date cannot be that old. If moving the name
   date one year later makes every SIGNED date fit and stays within the
   collection (ICE's January year typo), the list is re-dated; otherwise it
   is left out, because no date is certain.
5. ``file_stale_copy``: a list identical to an earlier one after a different
   list came in between is a stale re-upload, not a new list; left out.
6. ``file_same_day_superseded``: of several copies of one day's list, the
   latest (pm over am, later Wayback capture or scrape, xlsx over the CSV
   conversion) is kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from knowtheline.data.snapshots import RawFile

FILE_RULES = {
    "file_not_a_list": "The Wayback capture index is listed in provenance but is not an agreement list.",
    "file_pending_format": (
        "A participating-named file without a SIGNED column is a pending-format list: "
        "it is counted with the pending lists, never as active agreements."
    ),
    "file_name_date_unreadable": "A file whose name date is not a valid date is left out (no certain date).",
    "file_misdated_redated": (
        "A list with more than 1% (and at least 2) of its SIGNED dates after its file-name "
        "date is misdated; it is re-dated one year later when every SIGNED date then fits "
        "and the new date is not after the newest list (ICE's January year typo)."
    ),
    "file_misdated_excluded": "A misdated list that cannot be re-dated with certainty is left out.",
    "file_stale_copy": (
        "A list identical to an earlier list, with a different list dated in between, is a "
        "stale re-upload and is left out."
    ),
    "file_same_day_superseded": (
        "When several copies of a list share a date, the latest is kept (pm over am, later "
        "capture or scrape time, xlsx over CSV conversion); the others are left out."
    ),
}


@dataclass(frozen=True)
class Decision:
    """What the pipeline does with one raw file."""

    file: RawFile
    kind: str  # "participating", "pending" or "index"
    snapshot_date: date | None
    date_basis: str
    used: bool
    rule: str  # file rule that applied ("" if none)
    note: str


def content_hash(rows: pd.DataFrame) -> str:
    """Order-independent fingerprint of a cleaned list's agreements."""
    lines = sorted(
        "|".join(str(v) for v in rec)
        for rec in rows[["state", "agency", "model", "signed"]].itertuples(index=False, name=None)
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _signed_after(rows: pd.DataFrame, day: date) -> int:
    """SIGNED dates later than ``day`` (ignoring absurd years like 5025)."""
    return sum(1 for d in rows["signed"] if d is not None and day < d and d.year <= day.year + 1)


def _date_by_content(f: RawFile, rows: pd.DataFrame, newest_name_date: date) -> Decision:
    """Apply rule 4 (misdated lists) to one participating list."""
    name_date = f.name_date
    after = _signed_after(rows, name_date)
    if after < 2 or after <= 0.01 * len(rows):
        return Decision(f, f.kind, name_date, f.name_basis, True, "", "")
    latest = max(d for d in rows["signed"] if d is not None and d.year <= name_date.year + 1)
    try:
        next_year = name_date.replace(year=name_date.year + 1)
    except ValueError:
        next_year = None
    if next_year and latest <= next_year <= newest_name_date:
        note = (
            f"{after} SIGNED dates fall after the name date {name_date}, the latest {latest}; "
            f"dated {next_year} (name year + 1)"
        )
        return Decision(f, f.kind, next_year, "content (file-name year typo)", True, "file_misdated_redated", note)
    note = (
        f"{after} SIGNED dates fall after the name date {name_date}, the latest {latest}; "
        "no certain date"
    )
    return Decision(f, f.kind, None, "unknown", False, "file_misdated_excluded", note)


def _first_pass(f: RawFile, rows: pd.DataFrame | None, columns: list[str], newest: date) -> Decision:
    """Rules 1-4, which need only the file itself."""
    if f.kind == "index":
        return Decision(f, "index", None, f.name_basis, False, "file_not_a_list", "Wayback capture index")
    kind = f.kind
    rule, note = "", ""
    if kind == "participating" and "SIGNED" not in columns:
        kind, rule = "pending", "file_pending_format"
        note = "no SIGNED column: pending-format list saved under a participating name"
    if f.name_date is None:
        return Decision(f, kind, None, f.name_basis, False, "file_name_date_unreadable", "no certain date")
    if kind == "participating":
        return _date_by_content(f, rows, newest)
    return Decision(f, kind, f.name_date, f.name_basis, True, rule, note)


def _drop_stale_and_same_day(decisions: list[Decision], hashes: dict[str, str]) -> list[Decision]:
    """Rules 5 and 6 over the used lists of one kind, in date order."""
    used = sorted(
        (d for d in decisions if d.used), key=lambda d: (d.snapshot_date, d.file.order_key)
    )
    out = {d.file.path: d for d in decisions}
    seen: dict[str, Decision] = {}
    previous = None
    for d in used:
        h = hashes[d.file.path]
        if h in seen and previous is not None and hashes[previous.file.path] != h:
            first = seen[h]
            out[d.file.path] = replace(
                d, used=False, rule="file_stale_copy",
                note=f"identical to {first.file.path} ({first.snapshot_date}) after different lists",
            )
            continue
        seen.setdefault(h, d)
        previous = d
    kept = sorted(
        (d for d in out.values() if d.used), key=lambda d: (d.snapshot_date, d.file.order_key)
    )
    for earlier, later in zip(kept, kept[1:]):
        if earlier.snapshot_date == later.snapshot_date:
            out[earlier.file.path] = replace(
                earlier, used=False, rule="file_same_day_superseded",
                note=f"same date as {later.file.path}, which is kept",
            )
    return [out[d.file.path] for d in decisions]


def decide(
    files: list[RawFile],
    lists: dict[str, pd.DataFrame],
    columns: dict[str, list[str]],
) -> list[Decision]:
    """Apply the file rules to every raw file; returns decisions by path order.

    ``lists`` holds the cleaned rows of every agreement list by path and
    ``columns`` each file's header.
    """
    newest = max(f.name_date for f in files if f.name_date and f.kind != "index")
    first = [_first_pass(f, lists.get(f.path), columns.get(f.path, []), newest) for f in files]
    hashes = {path: content_hash(rows) for path, rows in lists.items()}
    result = []
    for kind in ("participating", "pending"):
        result += _drop_stale_and_same_day([d for d in first if d.kind == kind], hashes)
    result += [d for d in first if d.kind == "index"]
    return sorted(result, key=lambda d: d.file.path)
