"""`knowtheline quiz list`: the bank as a table (one row per question) or CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter

from knowtheline.bank.model import Question

COLUMNS = ("chapter", "id", "type", "difficulty", "tags", "prompt")


def rows(questions: list[Question]) -> list[dict[str, str]]:
    return [{"chapter": str(q.chapter), "id": q.id, "type": q.type, "difficulty": q.difficulty,
             "tags": " ".join(q.tags), "prompt": " ".join(q.prompt.split())} for q in questions]


def as_csv(questions: list[Question]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(questions))
    return out.getvalue()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def as_table(questions: list[Question], prompt_width: int = 60) -> str:
    """A fixed-width table with totals by chapter, type, difficulty and tag underneath."""
    table = [dict(r, prompt=_clip(r["prompt"], prompt_width)) for r in rows(questions)]
    widths = {c: max([len(c)] + [len(r[c]) for r in table]) for c in COLUMNS}
    line = lambda r: "  ".join(r[c].ljust(widths[c]) for c in COLUMNS).rstrip()  # noqa: E731
    out = [line({c: c for c in COLUMNS}), "  ".join("-" * widths[c] for c in COLUMNS)]
    out += [line(r) for r in table]
    out.append("")
    out.append(f"{len(questions)} question(s)")
    for label, counter in (
        ("by chapter", Counter(f"ch{q.chapter:02d}" for q in questions)),
        ("by type", Counter(q.type for q in questions)),
        ("by difficulty", Counter(q.difficulty for q in questions)),
        ("by tag", Counter(t for q in questions for t in q.tags)),
    ):
        out.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    return "\n".join(out) + "\n"
