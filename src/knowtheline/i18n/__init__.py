"""Interface text per language: one message catalogue each (`en.yaml`, `es.yaml`).

Every string the package shows that is not book content comes from here: the quiz
template and the quiz script (`static/ktl-quiz.js` gets the `quiz` messages in its data),
scenario and question-type labels, dates in words, chart and explorer labels, handouts and
the book's language switch. `t("es", "quiz.check")` is one message; `{name}` placeholders
are filled with `str.format`. Both catalogues have the same keys and placeholders
(tests/test_translation.py).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("en", "es")
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def messages(lang: str = "en") -> dict:
    """The whole catalogue of `lang`."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return yaml.safe_load((HERE / f"{lang}.yaml").read_text(encoding="utf-8"))


def t(lang: str, key: str, **values) -> str | list | dict:
    """The message at dotted `key` ('quiz.check'), with `values` filled in."""
    node = messages(lang)
    for part in key.split("."):
        node = node[part]
    return node.format(**values) if values and isinstance(node, str) else node


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    return dt.date.fromisoformat(str(value)[:10])


def day(value, lang: str = "en") -> str:
    """'May 18, 2026' / '18 de mayo de 2026'."""
    d = _date(value)
    return t(lang, "date", month=t(lang, "months")[d.month - 1], day=d.day, year=d.year)


def short_day(value, lang: str = "en") -> str:
    """A date with a short month, for narrow table columns: 'Nov 20, 2021' / '20 nov 2021'."""
    d = _date(value)
    return t(lang, "short_date", month=t(lang, "months_short")[d.month - 1], day=d.day, year=d.year)


def month_year(value, lang: str = "en") -> str:
    """'May 2026' / 'mayo de 2026'."""
    d = _date(value)
    return t(lang, "month_year", month=t(lang, "months")[d.month - 1], year=d.year)
