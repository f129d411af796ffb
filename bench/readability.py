"""Readability of each chapter's narrative, for `make bench`: the same measure as
`make readability` (knowtheline.readability), from the chapter sources: the English
chapter's Flesch-Kincaid grade beside its Spanish translation's Fernández-Huerta score."""

from __future__ import annotations

from pathlib import Path

import textstat

from knowtheline import readability


def report(root: Path) -> list[dict]:
    rows = []
    for path in sorted((root / "chapters").glob("[0-9][0-9]-*.ipynb")):
        score = readability.score(path, worst=0)
        text = " ".join(readability.sentences(readability._strip_blocks(readability.markdown_of(path))))
        spanish = readability.score(root / "es" / "chapters" / path.name, worst=0)
        rows.append({
            "chapter": path.stem,
            "words": score.words,
            "sentences": score.sentences,
            "fk_grade": score.grade,
            "long_share": score.long_share,
            "reading_ease": textstat.flesch_reading_ease(text),
            "es_fernandez_huerta": spanish.grade,
            "es_long_share": spanish.long_share,
            "met": score.ok and spanish.ok,
        })
    return rows
