"""The whole Spanish edition: every file translated and stamped, every quiz in Spanish with
the English quiz's answers and version (`make test-es`; joins `make test` when issue 15 is
done)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from conftest import ROOT  # noqa: E402
from knowtheline.quiz import book_bank  # noqa: E402
from knowtheline.translation import check, pairs  # noqa: E402

CHAPTER = "chapters/01-federal-vs-local.ipynb"


def test_spanish_quiz_keeps_ids_answers_and_version():
    english, spanish = book_bank(), book_bank("es")
    assert set(english) == set(spanish)
    for quiz_id, quiz in english.items():
        translated = spanish[quiz_id]
        assert translated.version == quiz.version and translated.lang == "es"
        for a, b in zip(quiz.questions, translated.questions):
            assert (a.id, a.answer, a.cite, [o.id for o in a.options]) == (b.id, b.answer, b.cite, [o.id for o in b.options])
            assert b.prompt != a.prompt


def test_this_checkout_has_no_drift():
    assert [str(d) for d in check(ROOT, "es")] == []


def test_every_english_page_has_a_translation_pair():
    found = {p.english for p in pairs(ROOT, "es")}
    assert CHAPTER in found and "glossary.md" in found and "quizzes/ch08.yaml" in found
    assert all((ROOT / p.translated).exists() for p in pairs(ROOT, "es"))


