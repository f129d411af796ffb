"""Readability of each chapter's narrative text (textstat), for `make bench`.

The text is the built chapter's article without its reference lists, tables, code, quiz
data and navigation: what a reader reads. The content guide asks for a reading grade of
about 9 to 10 in the narrative.
"""

from __future__ import annotations

from pathlib import Path

import textstat
from bs4 import BeautifulSoup

TARGET_GRADE = 10
SKIP = ("table", "pre", "script", "style", "nav", "figure", ".footnote-list", ".bibliography",
        "aside.footnote", ".ktl-quiz-data", ".prev-next-area", ".toctree-wrapper")


def narrative(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.body
    for selector in SKIP:
        for node in article.select(selector):
            node.decompose()
    return article.get_text(" ", strip=True)


def report(site: Path) -> list[dict]:
    rows = []
    for page in sorted((site / "chapters").glob("[0-9][0-9]-*.html")):
        text = narrative(page)
        rows.append({
            "chapter": page.stem,
            "words": textstat.lexicon_count(text),
            "sentences": textstat.sentence_count(text),
            "fk_grade": textstat.flesch_kincaid_grade(text),
            "reading_ease": textstat.flesch_reading_ease(text),
            "consensus": textstat.text_standard(text, float_output=True),
        })
    return rows
