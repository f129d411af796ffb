"""Row-level cleaning rules for ICE's 287(g) lists, written out in the open.

Each rule is a small function that returns the cleaned column and the number
of rows it changed; :class:`RuleLog` adds those numbers up for the provenance
record. Unknown states or models stop the build instead of passing silently.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

import pandas as pd

JEM = "Jail Enforcement Model"
WSO = "Warrant Service Officer"
TFM = "Task Force Model"
MODELS = (JEM, WSO, TFM)

#: Day the executive order revived the Task Force Model (discontinued 2012).
TFM_REVIVED = date(2025, 1, 20)
#: No 287(g) agreement was signed before the first one, in 2002.
FIRST_AGREEMENT_YEAR = 2002

#: States and territories that may appear in ICE's lists (50 states, DC and
#: the five inhabited territories), in ICE's upper-case spelling.
VALID_STATES = frozenset(
    """ALABAMA ALASKA ARIZONA ARKANSAS CALIFORNIA COLORADO CONNECTICUT DELAWARE
    FLORIDA GEORGIA HAWAII IDAHO ILLINOIS INDIANA IOWA KANSAS KENTUCKY LOUISIANA
    MAINE MARYLAND MASSACHUSETTS MICHIGAN MINNESOTA MISSISSIPPI MISSOURI MONTANA
    NEBRASKA NEVADA OHIO OKLAHOMA OREGON PENNSYLVANIA TENNESSEE TEXAS UTAH
    VERMONT VIRGINIA WASHINGTON WISCONSIN WYOMING GUAM""".split()
) | {
    "NEW HAMPSHIRE", "NEW JERSEY", "NEW MEXICO", "NEW YORK", "NORTH CAROLINA",
    "NORTH DAKOTA", "RHODE ISLAND", "SOUTH CAROLINA", "SOUTH DAKOTA",
    "WEST VIRGINIA", "DISTRICT OF COLUMBIA", "PUERTO RICO", "AMERICAN SAMOA",
    "NORTHERN MARIANA ISLANDS", "U.S. VIRGIN ISLANDS",
}

#: Misspelt state names found in the raw lists (after trimming and
#: upper-casing) -> correct name.
STATE_TYPOS = {
    "UTAHJ": "UTAH",
    "PENNSLYVANIA": "PENNSYLVANIA",
    "WEST VIRIGINIA": "WEST VIRGINIA",
}

#: Model names found in the raw lists (after trimming) -> the model.
MODEL_VARIANTS = {
    JEM: JEM,
    WSO: WSO,
    TFM: TFM,
    "Warrant Service Office": WSO,
    "Warrant Services Officer": WSO,
    "Task Force Officer": TFM,
}

#: Agency types found in the raw lists (after trimming) -> agency type.
AGENCY_TYPE_VARIANTS = {
    "County": "County",
    "Municipality": "Municipality",
    "Muncipality": "Municipality",
    "Municipal": "Municipality",
    "State Agency": "State Agency",
    "State": "State Agency",
}

#: Rule id -> what the rule does (copied into the provenance record).
RULES = {
    "drop_blank_rows": "Fully blank rows below the header are dropped.",
    "trim_whitespace": (
        "Leading/trailing spaces are removed and inner runs of spaces collapsed in "
        "state, agency, agency type, county and model, so rows that differ only by "
        "whitespace name the same agency."
    ),
    "state_names": (
        "State names are upper-cased and the typos in STATE_TYPOS fixed "
        f"({', '.join(f'{k} -> {v}' for k, v in STATE_TYPOS.items())}); "
        "any name not in the list of states, DC and territories stops the build."
    ),
    "model_names": (
        "Model-name variants are mapped to the three models "
        f"({'; '.join(f'{k} -> {v}' for k, v in MODEL_VARIANTS.items() if k != v)}); "
        "any other name stops the build."
    ),
    "agency_type_names": (
        "Agency-type variants are mapped "
        f"({'; '.join(f'{k} -> {v}' for k, v in AGENCY_TYPE_VARIANTS.items() if k != v)})."
    ),
    "signed_missing_separator": (
        "SIGNED text with a missing slash before the 4-digit year (e.g. '05/082025', "
        "'7/72025') is read as month/day/year: the digits are all there, so the "
        "date is certain."
    ),
    "signed_impossible_corrected": (
        "An impossible SIGNED date (after the list's own date, before 2002, or a Task "
        "Force Model date before its revival on 2025-01-20) is corrected when exactly "
        "one single-digit change of the year gives a possible date no later than the "
        "first list that shows the agreement (e.g. 5025-07-07 -> 2025-07-07)."
    ),
    "signed_impossible_unknown": (
        "An impossible SIGNED date with no single certain correction is kept as unknown."
    ),
    "signed_unreadable": "SIGNED text that is not a date is kept as unknown.",
    "duplicate_agreement_flagged": (
        "Rows repeating the same state + agency (ignoring case and whitespace) + model "
        "within one list are flagged (duplicate = true) but kept, so totals match "
        "ICE's own row counts."
    ),
}


class RuleLog(Counter):
    """Rows (or files) changed, by rule id."""

    def add(self, rule: str, n: int) -> None:
        """Record ``n`` more changes for ``rule`` (rule must be in RULES)."""
        if rule not in RULES and not rule.startswith("file_"):
            raise KeyError(rule)
        self[rule] += int(n)


def squash_spaces(value: object) -> object:
    """Trim a text cell and collapse inner whitespace; other values unchanged."""
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def agency_key(name: str) -> str:
    """Key identifying an agency across spelling noise (case, whitespace)."""
    return " ".join(str(name).split()).casefold()


def _changed(before: pd.Series, after: pd.Series) -> pd.Series:
    """Row mask: cell differs (missing values on both sides count as equal)."""
    both_missing = before.isna() & after.isna()
    return ~both_missing & (before.astype(str) != after.astype(str))


def trim_whitespace(rows: pd.DataFrame, log: RuleLog) -> pd.DataFrame:
    """Apply the ``trim_whitespace`` rule to all text columns."""
    out = rows.copy()
    changed = pd.Series(False, index=rows.index)
    for col in ("state", "agency", "agency_type", "county", "model"):
        out[col] = rows[col].map(squash_spaces)
        changed |= _changed(rows[col], out[col])
    log.add("trim_whitespace", changed.sum())
    return out


def _map_column(values: pd.Series, mapping: dict, rule: str, log: RuleLog, *, strict: bool) -> pd.Series:
    """Map trimmed names through ``mapping``; unknown names fail when strict."""
    unknown = sorted({v for v in values.dropna() if v not in mapping})
    if unknown and strict:
        raise ValueError(f"{rule}: unknown value(s) {unknown}; add them to the mapping")
    mapped = values.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)
    log.add(rule, _changed(values, mapped).sum())
    return mapped


def clean_states(states: pd.Series, log: RuleLog) -> pd.Series:
    """Apply the ``state_names`` rule (upper case, typo map, validation)."""
    upper = states.map(lambda v: v.upper() if isinstance(v, str) else v)
    fixed = upper.map(lambda v: STATE_TYPOS.get(v, v))
    unknown = sorted({v for v in fixed.dropna() if v not in VALID_STATES})
    if unknown or fixed.isna().any():
        raise ValueError(f"state_names: unknown or missing state(s) {unknown}")
    log.add("state_names", _changed(states, fixed).sum())
    return fixed


def clean_models(models: pd.Series, log: RuleLog) -> pd.Series:
    """Apply the ``model_names`` rule; every row must name a known model."""
    if models.isna().any():
        raise ValueError("model_names: a row has no SUPPORT TYPE")
    return _map_column(models, MODEL_VARIANTS, "model_names", log, strict=True)


def clean_agency_types(types: pd.Series, log: RuleLog) -> pd.Series:
    """Apply the ``agency_type_names`` rule."""
    return _map_column(types, AGENCY_TYPE_VARIANTS, "agency_type_names", log, strict=True)


_MISSING_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/?(\d{4})$")


def parse_signed(value: object) -> tuple[date | None, str]:
    """Read one SIGNED cell: (date or None, status).

    Status is ``"as listed"``, ``"missing"``, ``"corrected: missing
    separator"`` or ``"unknown: unreadable"``. Years outside pandas' range
    (such as 5025) are kept as plain dates so a later rule can judge them.
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None, "missing"
    if isinstance(value, datetime):
        return value.date(), "as listed"
    if isinstance(value, date):
        return value, "as listed"
    text = str(value).strip()
    if not text:
        return None, "missing"
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?$", text)
    if iso:
        return date(*map(int, iso.groups())), "as listed"
    slash = _MISSING_SLASH.match(text)
    if slash:
        month, day, year = map(int, slash.groups())
        try:
            parsed = date(year, month, day)
        except ValueError:
            return None, "unknown: unreadable"
        status = "as listed" if text.count("/") == 2 else "corrected: missing separator"
        return parsed, status
    return None, "unknown: unreadable"


def clean_signed(values: pd.Series, log: RuleLog) -> tuple[pd.Series, pd.Series]:
    """Parse a SIGNED column; returns (dates, statuses) and logs the rules."""
    parsed = [parse_signed(v) for v in values]
    dates = pd.Series([p[0] for p in parsed], index=values.index, dtype=object)
    status = pd.Series([p[1] for p in parsed], index=values.index, dtype=object)
    log.add("signed_missing_separator", (status == "corrected: missing separator").sum())
    log.add("signed_unreadable", (status == "unknown: unreadable").sum())
    return dates, status


def is_impossible(signed: date | None, model: str, list_date: date) -> bool:
    """True when a SIGNED date cannot be right for a list dated ``list_date``."""
    if signed is None:
        return False
    return (
        signed > list_date
        or signed.year < FIRST_AGREEMENT_YEAR
        or (model == TFM and signed < TFM_REVIVED)
    )


def correct_impossible(signed: date, model: str, first_listed: date) -> date | None:
    """The one possible date a single-digit year typo can come from, or None.

    Candidates change one digit of the year. A candidate is possible when it
    is a real date no later than ``first_listed`` (the first list showing
    the agreement) and not before 2002 (or, for the Task Force Model, not
    before its revival). Only a unique candidate counts as certain.
    """
    year = f"{signed.year:04d}"
    earliest = TFM_REVIVED if model == TFM else date(FIRST_AGREEMENT_YEAR, 1, 1)
    candidates = set()
    for pos in range(4):
        for digit in "0123456789":
            if digit == year[pos]:
                continue
            try:
                candidate = signed.replace(year=int(year[:pos] + digit + year[pos + 1 :]))
            except ValueError:
                continue
            if earliest <= candidate <= first_listed:
                candidates.add(candidate)
    return candidates.pop() if len(candidates) == 1 else None


def flag_duplicates(rows: pd.DataFrame, log: RuleLog) -> pd.Series:
    """Apply ``duplicate_agreement_flagged``: mask of repeated agreements."""
    key = pd.DataFrame(
        {"state": rows["state"], "agency": rows["agency"].map(agency_key), "model": rows["model"]}
    )
    mask = key.duplicated(keep=False)
    log.add("duplicate_agreement_flagged", mask.sum())
    return mask


def clean_list(rows: pd.DataFrame, log: RuleLog) -> pd.DataFrame:
    """Apply every row-level rule that needs only the list itself.

    Returns columns state, agency, agency_type, county, model, signed (date
    or None), signed_status, signed_as_listed and duplicate. Impossible dates
    are judged later, when the list's place in the history is known.
    """
    out = trim_whitespace(rows, log)
    out["state"] = clean_states(out["state"], log)
    out["model"] = clean_models(out["model"], log)
    out["agency_type"] = clean_agency_types(out["agency_type"], log)
    out["signed_as_listed"] = rows["signed"].map(_as_text)
    out["signed"], out["signed_status"] = clean_signed(rows["signed"], log)
    out["duplicate"] = flag_duplicates(out, log)
    return out


def _as_text(value: object) -> str:
    """A SIGNED cell as text, the way it reads in the sheet."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()
