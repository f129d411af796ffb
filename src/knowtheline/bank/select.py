"""Choose questions from the bank: by chapter, tag and difficulty, or a seeded random sample."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from knowtheline.bank.load import load_bank
from knowtheline.bank.model import Question, Quiz


@dataclass(frozen=True)
class Criteria:
    """What to pick. Empty criteria pick the whole bank; `count` draws a sample after filtering."""

    chapters: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    count: int | None = None
    seed: int = 0

    def matches(self, q: Question) -> bool:
        return ((not self.chapters or q.chapter in self.chapters)
                and (not self.tags or bool(set(q.tags) & set(self.tags)))
                and (not self.difficulties or q.difficulty in self.difficulties))


class SelectionError(ValueError):
    """The criteria pick nothing, or ask for more questions than match."""


def load(bank_dir: Path | None = None, bib_files=None, lang: str = "en") -> dict[str, Quiz]:
    """The validated bank in `bank_dir` (citations checked against `bib_files`, default the
    book's), or with no `bank_dir` the bank the book builds (`knowtheline.quiz.book_bank`);
    in another language, in the words of its `<lang>/` translations. Raises BankError if invalid."""
    if bank_dir is None:
        from knowtheline.quiz import book_bank

        return book_bank(lang)
    bank = load_bank(bank_dir, bib_files=bib_files)
    if lang == "en":
        return bank
    from knowtheline.translation.quizzes import load as translated

    return translated(Path(bank_dir) / lang, bank, lang)


def all_questions(bank: dict[str, Quiz]) -> list[Question]:
    """Every question, in chapter order and then in the order the bank lists them."""
    return [q for quiz_id in sorted(bank) for q in bank[quiz_id].questions]


def select(bank: dict[str, Quiz], criteria: Criteria) -> list[Question]:
    """The questions matching `criteria`, in bank order. A sample (`count`) is drawn with
    `random.Random(seed)`, so the same bank, criteria and seed always give the same questions."""
    matching = [q for q in all_questions(bank) if criteria.matches(q)]
    if not matching:
        raise SelectionError("no question in the bank matches the selection")
    if criteria.count is None:
        return matching
    if not 1 <= criteria.count <= len(matching):
        raise SelectionError(f"asked for {criteria.count} questions but {len(matching)} match")
    picked = set(random.Random(criteria.seed).sample([q.id for q in matching], criteria.count))
    return [q for q in matching if q.id in picked]


def as_quiz(questions: list[Question], quiz_id: str, title: str, lang: str = "en") -> Quiz:
    """A selection as a Quiz the renderers, exports and results files understand."""
    return Quiz(quiz_id, title, tuple(questions), lang=lang)


def parse_list(text: str | None, kind=str) -> tuple:
    """'1,3, 5' -> (1, 3, 5); None or '' -> ()."""
    if not text:
        return ()
    return tuple(kind(part.strip()) for part in text.split(",") if part.strip())
