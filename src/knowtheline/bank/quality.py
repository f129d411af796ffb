"""Item quality, checked by `knowtheline quiz check` (limits in `quizzes/config.yaml`).

* Longest right answer: across single-answer and scenario questions, the share in which the
  right answer is the longest option by characters (strictly longer than every other
  option; a tie gives a test-wise learner nothing to go on). Above
  `longest_correct_max_share`, the check fails: a learner who always picks the longest
  option would score well without reading.
* Near-duplicates: two questions whose text as learners read it (the scenario's place and
  action, then the prompt) has a word-token Jaccard similarity (shared words / all words,
  lower case) at or above `near_duplicate_similarity`. Both ids are named; the check fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from .load import BankConfig
from .model import Question, Quiz

_WORD = re.compile(r"[a-z0-9§]+(?:['’][a-z]+)?")
COUNTED_TYPES = ("single", "scenario")


def words(q: Question) -> frozenset[str]:
    """The question's word tokens as learners read it: scenario place and action, prompt."""
    text = " ".join([q.scenario.place, q.scenario.action] if q.scenario else []) + " " + q.prompt
    return frozenset(_WORD.findall(text.lower()))


def _jaccard(x: frozenset, y: frozenset) -> float:
    return len(x & y) / len(x | y) if x | y else 1.0


def similarity(a: Question, b: Question) -> float:
    """Jaccard similarity of the two questions' word tokens (0: nothing shared, 1: same words)."""
    return _jaccard(words(a), words(b))


def near_duplicates(questions: list[Question], threshold: float) -> list[tuple[Question, Question, float]]:
    """Pairs at or above `threshold`, most similar first (ties in bank order)."""
    tokens = {q.id: words(q) for q in questions}
    pairs = []
    for a, b in combinations(questions, 2):
        score = _jaccard(tokens[a.id], tokens[b.id])
        if score >= threshold:
            pairs.append((a, b, score))
    return sorted(pairs, key=lambda p: -p[2])


def right_answer_is_longest(q: Question) -> bool:
    """True when the single right answer is strictly the longest option (in characters)."""
    lengths = {o.id: len(" ".join(o.text.split())) for o in q.options}
    right = lengths[q.answer[0]]
    return all(right > n for oid, n in lengths.items() if oid != q.answer[0])


@dataclass(frozen=True)
class Quality:
    counted: int  # single-answer and scenario questions
    longest: tuple[Question, ...]  # of those, the ones whose right answer is the longest option
    max_share: float
    duplicates: tuple[tuple[Question, Question, float], ...]
    threshold: float
    sources: dict  # question id -> file it is in

    @property
    def share(self) -> float:
        return len(self.longest) / self.counted if self.counted else 0.0

    @property
    def longest_ok(self) -> bool:
        return self.share <= self.max_share

    @property
    def ok(self) -> bool:
        return self.longest_ok and not self.duplicates

    def text(self) -> str:
        verdict = "ok" if self.longest_ok else "FAIL"
        lines = [f"Item quality: the right answer is the longest option in {len(self.longest)} of {self.counted} "
                 f"single-answer and scenario questions ({self.share:.0%}; limit {self.max_share:.0%}): {verdict}"]
        if not self.longest_ok:
            lines += [f"  {self.sources[q.id]}: {q.id}" for q in self.longest]
        if self.duplicates:
            lines.append(f"Near-duplicate questions (word similarity at or above {self.threshold:.2f}): "
                         f"{len(self.duplicates)} pair(s): FAIL")
            lines += [f"  {a.id} ({self.sources[a.id]}) and {b.id} ({self.sources[b.id]}): {score:.2f}"
                      for a, b, score in self.duplicates]
        else:
            lines.append(f"Near-duplicate questions (word similarity at or above {self.threshold:.2f}): none: ok")
        return "\n".join(lines)


def check(bank: dict[str, Quiz], config: BankConfig) -> Quality:
    questions = [q for quiz_id in sorted(bank) for q in bank[quiz_id].questions]
    sources = {q.id: bank[quiz_id].source or quiz_id for quiz_id in sorted(bank) for q in bank[quiz_id].questions}
    counted = [q for q in questions if q.type in COUNTED_TYPES]
    return Quality(
        counted=len(counted), longest=tuple(q for q in counted if right_answer_is_longest(q)),
        max_share=config.longest_correct_max_share,
        duplicates=tuple(near_duplicates(questions, config.near_duplicate_similarity)),
        threshold=config.near_duplicate_similarity, sources=sources)
