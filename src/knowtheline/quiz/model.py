"""The question bank's data model: what a validated quiz looks like in Python."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

TYPES = ("single", "multiple", "true_false", "scenario")
DIFFICULTIES = ("easy", "medium", "hard")
OFFICERS = {
    "ice": "An ICE officer (federal)",
    "local-287g": "A local officer acting under a 287(g) agreement",
    "local-no-delegation": "A local officer with no delegated immigration authority",
}
SCENARIO_LABELS = ("Who the officer is", "Where", "What the bystander does")
TYPE_LABELS = {
    "single": "Choose one answer",
    "multiple": "Choose all that apply",
    "true_false": "True or false",
    "scenario": "Scenario: choose one answer",
}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str


@dataclass(frozen=True)
class Scenario:
    officer: str
    place: str
    action: str

    @property
    def officer_label(self) -> str:
        return OFFICERS[self.officer]

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """(label, text) lines describing the situation, as every rendering shows them."""
        return tuple(zip(SCENARIO_LABELS, (self.officer_label, self.place, self.action)))


@dataclass(frozen=True)
class Question:
    id: str
    chapter: int
    type: str
    tags: tuple[str, ...]
    difficulty: str
    prompt: str
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    explanation: str
    cite: tuple[str, ...]
    as_of: str | None = None
    scenario: Scenario | None = None

    @property
    def multiple(self) -> bool:
        """True when the learner may tick several options (checkboxes)."""
        return self.type == "multiple"

    @property
    def shown_options(self) -> tuple[Option, ...]:
        """Options in the order learners see them: a fixed shuffle per question (so the
        right answer is not usually first, as writers tend to put it), the same in the book,
        the live widget and print; true/false stays in that order."""
        if self.type == "true_false":
            return self.options
        return tuple(sorted(self.options, key=lambda o: hashlib.sha256(f"{self.id}:{o.id}".encode()).hexdigest()))

    @property
    def letters(self) -> dict[str, str]:
        """Option id -> the letter it is shown with (A, B, C, ...), in `shown_options` order."""
        return {o.id: chr(ord("A") + i) for i, o in enumerate(self.shown_options)}

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def is_correct(self, chosen) -> bool:
        return set(chosen) == set(self.answer)


@dataclass(frozen=True)
class Quiz:
    """A list of questions shown together: a chapter's quiz or an instructor's selection."""

    id: str
    title: str
    questions: tuple[Question, ...] = field(default_factory=tuple)
    source: str = ""

    @property
    def version(self) -> str:
        """A short fingerprint of the questions: saved progress and results carry it, so
        answers to an older version of a quiz are recognised as such."""
        payload = json.dumps([asdict(q) for q in self.questions], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:12]

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)
