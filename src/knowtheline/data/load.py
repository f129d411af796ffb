"""Read the committed 287(g) tables in ``data/287g/``.

The folder is found by walking up from this file (then from the working
directory) to the repository root, the folder holding ``_config.yml`` or
``pyproject.toml`` together with ``data/287g``. Every function also accepts
an explicit ``folder``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from knowtheline.data import tables

SUBDIR = Path("data") / "287g"


def repo_root() -> Path:
    """The repository root holding ``data/287g`` (raises if none is found)."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for folder in (start, *start.parents):
            has_marker = (folder / "_config.yml").is_file() or (folder / "pyproject.toml").is_file()
            if has_marker and (folder / SUBDIR).is_dir():
                return folder
    raise FileNotFoundError(f"no repository with {SUBDIR} above {Path(__file__)} or {Path.cwd()}")


def data_dir(folder: Path | str | None = None) -> Path:
    """``folder`` if given, else the repository's ``data/287g``."""
    return Path(folder) if folder is not None else repo_root() / SUBDIR


@lru_cache(maxsize=32)
def _read(path: Path, dates: tuple[str, ...]) -> pd.DataFrame:
    """Read one CSV (cached), parsing the named date columns."""
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for col in dates:
        frame[col] = pd.to_datetime(frame[col])
    return frame


def _table(name: str, folder, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """A fresh copy of one committed table."""
    return _read(data_dir(folder) / name, dates).copy()


def active_agreements(folder=None) -> pd.DataFrame:
    """Long table: snapshot_date, state, model, agreements."""
    return _table(tables.ACTIVE, folder, ("snapshot_date",))


def snapshot_totals(folder=None) -> pd.DataFrame:
    """One row per snapshot: agreements by model, total, agencies, states."""
    return _table(tables.TOTALS, folder, ("snapshot_date",))


def active_by_model(folder=None) -> pd.DataFrame:
    """Wide table: snapshot_date and one column per model (plus total)."""
    wide = active_agreements(folder).pivot_table(
        index="snapshot_date", columns="model", values="agreements", aggfunc="sum", fill_value=0
    )
    wide["Total"] = wide.sum(axis=1)
    wide.columns.name = None
    return wide.reset_index()


def newest_list(folder=None) -> pd.DataFrame:
    """The newest participating list, one row per agreement."""
    frame = _table(tables.NEWEST, folder, ("signed",))
    frame["duplicate"] = frame["duplicate"].astype(str).str.lower() == "true"
    return frame


def newest_snapshot_date(folder=None) -> pd.Timestamp:
    """Date of the newest participating list."""
    return snapshot_totals(folder)["snapshot_date"].max()


def signed_by_month(folder=None) -> pd.DataFrame:
    """month (YYYY-MM), model, agreements first signed that month."""
    return _table(tables.SIGNED, folder)


def pending_by_model(folder=None) -> pd.DataFrame:
    """snapshot_date, model, agreements in ICE's pending lists."""
    return _table(tables.PENDING, folder, ("snapshot_date",))


def pending_newest(folder=None) -> pd.DataFrame:
    """The newest pending list, one row per requested agreement."""
    return _table(tables.PENDING_NEWEST, folder)


def reported_figures(folder=None) -> pd.DataFrame:
    """Dated figures published by others (see :mod:`knowtheline.data.reported`)."""
    return _table(tables.REPORTED, folder, ("date",))


def provenance(folder=None) -> dict:
    """The provenance record: inputs, checksums, rules and counts."""
    return json.loads((data_dir(folder) / tables.PROVENANCE).read_text(encoding="utf-8"))
