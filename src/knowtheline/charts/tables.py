"""Tables of published figures shown as they are (no chart): `criminal_history`, chapter 7's
table of what share of people ICE arrested or held had no criminal record, by source.

The figures are in `data/detention_by_criminal_history.csv`; the Spanish edition's words for
its text columns are in `data/es/detention_by_criminal_history.csv`, by citation key (the
source's own title stays as published). Headers come from knowtheline/i18n."""

from __future__ import annotations

from html import escape

from dataclasses import dataclass

import pandas as pd

from knowtheline import i18n, repo_root

SHOWN = ["source", "publisher", "as_of", "population", "definition", "share_no_criminal_record_pct"]
HEADERS = {"source": "source", "publisher": "publisher", "as_of": "as_of", "population": "population",
           "definition": "definition", "share_no_criminal_record_pct": "share"}
TRANSLATED = ["publisher", "population", "definition"]


def translated(table: pd.DataFrame, lang: str, name: str, key: str) -> pd.DataFrame:
    """`table` with its text columns replaced by `data/<lang>/<name>`'s, matched on `key`;
    a row with no translation is an error, not English left on a Spanish page."""
    words = pd.read_csv(repo_root() / "data" / lang / name, dtype=str).set_index(key)
    missing = sorted(set(table[key]) - set(words.index))
    if missing:
        raise ValueError(f"data/{lang}/{name} has no row for {', '.join(missing)}")
    table = table.copy()
    for column in words.columns:
        table[column] = table[key].map(words[column])
    return table


@dataclass(frozen=True)
class HTML:
    """HTML a notebook cell shows as it is."""

    data: str

    def _repr_html_(self) -> str:
        return self.data

    def __repr__(self) -> str:  # the text/plain fallback
        return "(a table: see the HTML)"


def criminal_history(lang: str = "en") -> HTML:
    """`data/detention_by_criminal_history.csv` as an accessible table, in `lang`."""
    name = "detention_by_criminal_history.csv"
    table = pd.read_csv(repo_root() / "data" / name, dtype=str)
    if lang != "en":
        table = translated(table, lang, name, "cite_key")
    words = i18n.t(lang, "charts.criminal_history")
    shown = table[SHOWN].rename(columns={c: words[HEADERS[c]] for c in SHOWN})
    html = shown.to_html(index=False, border=0, classes="ktl-table")
    return HTML(html.replace("<table", f'<table aria-label="{escape(words["label"])}"', 1))
