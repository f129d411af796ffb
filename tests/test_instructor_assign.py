"""`quiz assign` and selection: valid notebooks, complete pages, deterministic variants."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from knowtheline.instructor import assign, listing, select

BANK = Path(__file__).resolve().parent / "fixtures" / "instructor" / "bank"


@pytest.fixture(scope="module")
def bank():
    return select.load(BANK, bib_files=[])


def test_selection_filters(bank):
    ids = lambda c: [q.id for q in select.select(bank, c)]  # noqa: E731
    assert ids(select.Criteria(chapters=(2,))) == ["ch02-gift-specials", "ch02-multi-three", "ch02-true", "ch02-scene-ice"]
    assert ids(select.Criteria(tags=("commandeering",))) == ["ch01-tf", "ch02-true"]
    assert ids(select.Criteria(difficulties=("hard",))) == ["ch01-scene", "ch02-multi-three"]
    with pytest.raises(select.SelectionError):
        select.select(bank, select.Criteria(tags=("nothing-has-this",)))
    with pytest.raises(select.SelectionError):
        select.select(bank, select.Criteria(count=99))


def test_sample_is_deterministic(bank):
    pick = lambda seed: [q.id for q in select.select(bank, select.Criteria(count=3, seed=seed))]  # noqa: E731
    assert pick(5) == pick(5) and len(pick(5)) == 3
    assert len({tuple(pick(s)) for s in range(10)}) > 1


def test_listing_csv(bank):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(listing.as_csv(select.all_questions(bank)))))
    assert len(rows) == 8 and rows[0]["id"] == "ch01-single" and rows[0]["difficulty"] == "easy"
    assert "by difficulty: easy 3, hard 2, medium 3" in listing.as_table(select.all_questions(bank))


def test_assignment_notebook_and_page(tmp_path, bank):
    quiz = select.as_quiz(select.select(bank, select.Criteria(chapters=(2,))), "week2", "Week 2")
    written = assign.make_assignment(quiz, tmp_path / "out", instructions="Due Friday.")
    assert {p.name for p in written} == {"week2.html", "week2.ipynb", "assignment.json"}
    nb = nbformat.read(tmp_path / "out" / "week2.ipynb", as_version=4)
    nbformat.validate(nb)
    assert all(q.id in nb.cells[1].source for q in quiz.questions)
    page = (tmp_path / "out" / "week2.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert [f["data-qid"] for f in soup.select("form.ktl-question")] == [q.id for q in quiz.questions]
    assert soup.select_one(".ktl-download") is not None  # the results download is built in
    assert "Due Friday." in soup.select_one(".ktl-instructions").get_text()
    assert not soup.select("script[src], link[href]")  # works alone, offline
    assert "knowtheline-quiz-results" in page  # the inlined quiz script
    with pytest.raises(FileExistsError):
        assign.make_assignment(quiz, tmp_path / "out")


def test_notebook_cell_shows_the_selected_questions(bank):
    shown = assign.show_assignment("week2", "Week 2", ["ch02-true", "ch01-tf"], learner="Ana", bank_dir=str(BANK))
    assert [q.id for q in shown.quiz.questions] == ["ch02-true", "ch01-tf"]
    assert shown.learner == "Ana"  # QuizDisplay passes it to the live widget's name box
    with pytest.raises(KeyError):
        assign.show_assignment("w", "W", ["ch09-gone"], bank_dir=str(BANK))


def test_per_learner_variants_are_deterministic(tmp_path, bank):
    names = tmp_path / "names.txt"
    names.write_text("Ana López\n# a comment\n\nBen\nCy\n", encoding="utf-8")
    learners = assign.read_learners(names)
    assert learners == ["Ana López", "Ben", "Cy"]
    quiz = select.as_quiz(select.all_questions(bank), "mix", "Mix")
    assign.make_assignment(quiz, tmp_path / "a", learners=learners, seed=9, per_learner_count=5)
    assign.make_assignment(quiz, tmp_path / "b", learners=learners, seed=9, per_learner_count=5)
    first = json.loads((tmp_path / "a" / "assignment.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "b" / "assignment.json").read_text(encoding="utf-8"))
    assert first["variants"] == second["variants"]
    orders = [v["questions"] for v in first["variants"]]
    assert all(len(o) == 5 and set(o) <= {q.id for q in quiz.questions} for o in orders)
    assert len({tuple(o) for o in orders}) > 1
    page = (tmp_path / "a" / "mix-Ana-L-pez.html").read_text(encoding="utf-8")
    qids = [f["data-qid"] for f in BeautifulSoup(page, "html.parser").select("form.ktl-question")]
    assert qids == orders[0]
    assert "Ana López" in page


def test_duplicate_learners_are_refused(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Ana\nAna\n", encoding="utf-8")
    with pytest.raises(ValueError):
        assign.read_learners(names)
