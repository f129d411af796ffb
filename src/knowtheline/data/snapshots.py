"""Find the raw 287(g) files, read their dates from their names, load rows.

Three naming schemes occur in the raw folder:

* ``ParticipatingEntities-<YYYYMMDDhhmmss>.xlsx`` and
  ``participatingAgencies-<YYYYMMDDhhmmss>.xlsx``: Wayback Machine captures,
  dated by the capture timestamp;
* ``participatingAgencies<MMDDYYYY>[am|pm|mid].xlsx`` and
  ``pendingAgencies<MMDDYYYY>[am|pm|mid][_b].xlsx|csv``: ICE's own file name,
  dated by ICE (sometimes wrongly: see :mod:`knowtheline.data.dating`);
* appelson's scraper keeps files in ``sheets_YYYYMMDD_HHMMSS/`` folders; the
  folder's scrape time breaks ties between two files with the same name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

#: ICE column name -> column name used in this pipeline.
COLUMNS = {
    "STATE": "state",
    "LAW ENFORCEMENT AGENCY": "agency",
    "TYPE": "agency_type",
    "COUNTY": "county",
    "SUPPORT TYPE": "model",
    "SIGNED": "signed",
}

_WAYBACK = re.compile(r"^(?:ParticipatingEntities|participatingAgencies)-(\d{14})\.xlsx$")
_ICE = re.compile(r"^(participating|pending)Agencies(\d+)(am|pm|mid)?(_b)?\.(xlsx|csv)$")
_SCRAPE = re.compile(r"_(\d{8}_\d{6})$")

#: Time of day assumed for ICE's am / mid / pm file-name suffixes, used only
#: to order two lists published on the same day.
_TIME_OF_DAY = {"am": "090000", "mid": "120000", "pm": "170000", None: "120000"}


@dataclass(frozen=True)
class RawFile:
    """One raw file and what its name and folder say about it."""

    path: str  # relative to the raw folder, with forward slashes
    kind: str  # "participating", "pending" or "index"
    name_date: date | None  # date written in the file name (None: unreadable)
    name_basis: str  # how name_date was read
    time_of_day: str  # HHMMSS, to order lists of the same day
    scraped: str  # appelson scrape folder timestamp, "" if none
    fmt: str  # "xlsx" or "csv"

    @property
    def order_key(self) -> tuple:
        """Sort key placing later and preferred copies of a day's list last."""
        return (self.time_of_day, self.fmt == "xlsx", self.scraped, self.path)


def _ice_date(digits: str) -> date | None:
    """Read ICE's MMDDYYYY; None when the digits are not a valid date."""
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[4:]), int(digits[:2]), int(digits[2:4]))
    except ValueError:
        return None


def describe(relpath: str) -> RawFile:
    """Classify one raw file from its path (no reading)."""
    name = relpath.rsplit("/", 1)[-1]
    folder = relpath.rsplit("/", 2)[-2] if relpath.count("/") >= 1 else ""
    scrape = _SCRAPE.search(folder)
    scraped = scrape.group(1) if scrape else ""
    fmt = name.rsplit(".", 1)[-1]
    if m := _WAYBACK.match(name):
        ts = m.group(1)
        day = date(int(ts[:4]), int(ts[4:6]), int(ts[6:8]))
        return RawFile(relpath, "participating", day, "Wayback capture timestamp", ts[8:], scraped, fmt)
    if m := _ICE.match(name):
        kind, digits, half = m.group(1), m.group(2), m.group(3)
        day = _ice_date(digits)
        basis = "ICE file name" if day else f"unreadable ICE file-name date {digits!r}"
        return RawFile(relpath, kind, day, basis, _TIME_OF_DAY[half], scraped, fmt)
    return RawFile(relpath, "index", None, "not an agreement list", "", scraped, fmt)


def discover(raw: Path) -> list[RawFile]:
    """All data files under ``raw`` (README excluded), sorted by path."""
    paths = sorted(
        p.relative_to(raw).as_posix()
        for p in raw.rglob("*")
        if p.is_file() and p.suffix in {".xlsx", ".csv"}
    )
    return [describe(p) for p in paths]


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class RawList:
    """The rows of one raw file, plus what reading it revealed."""

    rows: pd.DataFrame  # pipeline columns, cells exactly as read
    columns: list[str]  # the file's own named header columns
    blank_rows: int  # fully blank rows dropped


def read_list(path: Path) -> RawList:
    """Read one raw file as text cells, with pipeline column names.

    Strings are kept untouched and Excel dates stay timestamps. Fully blank
    rows are dropped (and counted). Unnamed empty columns and columns the
    pipeline does not use (MOA links, addenda) are left out of ``rows``.
    """
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=object, keep_default_na=False, na_values=[""])
    else:
        frame = pd.read_excel(path, dtype=object)
    frame.columns = [str(c).strip() for c in frame.columns]
    blank = frame.isna().all(axis=1)
    frame = frame[~blank].reset_index(drop=True)
    rows = pd.DataFrame(
        {target: frame[source] if source in frame.columns else None for source, target in COLUMNS.items()},
        index=frame.index,
        dtype=object,
    )
    named = [c for c in frame.columns if not c.startswith("Unnamed")]
    return RawList(rows, named, int(blank.sum()))
