"""`quiz assign` and selection: valid notebooks, complete pages, deterministic variants."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import nbformat
import pytest

from conftest import soup
from knowtheline.bank import select
from knowtheline.classroom import assign, listing

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


def page_data(page: str) -> dict:
    return json.loads(soup(page).select_one("script.ktl-quiz-data").string)


def test_assignment_notebook_and_page(tmp_path, bank):
    quiz = select.as_quiz(select.select(bank, select.Criteria(chapters=(2,))), "week2", "Week 2")
    written = assign.make_assignment(quiz, tmp_path / "out", instructions="Due Friday.")
    assert {p.name for p in written} == {"week2.html", "week2.ipynb", "assignment.json"}
    nb = nbformat.read(tmp_path / "out" / "week2.ipynb", as_version=4)
    nbformat.validate(nb)
    page = (tmp_path / "out" / "week2.html").read_text(encoding="utf-8")
    doc = soup(page)
    assert [f["data-qid"] for f in doc.select("form.ktl-question")] == ["q1", "q2", "q3", "q4"]
    assert doc.select_one(".ktl-download") is not None  # the results download is built in
    assert "Due Friday." in doc.select_one(".ktl-instructions").get_text()
    assert not doc.select("script[src], link[href]")  # works alone, offline
    assert "knowtheline-quiz-results" in page  # the inlined quiz script
    manifest = json.loads((tmp_path / "out" / "assignment.json").read_text(encoding="utf-8"))
    assert manifest["mode"] == "graded" and manifest["attempts"] == 1
    [variant] = manifest["variants"]
    assert [variant["map"][f"q{n}"]["question"] for n in range(1, 5)] == [q.id for q in quiz.questions]
    for q in quiz.questions:  # letters on the page -> option ids, for grading
        assert variant["map"][f"q{[x.id for x in quiz.questions].index(q.id) + 1}"]["options"] == \
            {letter: oid for oid, letter in q.letters.items()}
    with pytest.raises(FileExistsError):
        assign.make_assignment(quiz, tmp_path / "out")


def assert_nothing_given_away(text: str, quiz) -> None:
    """No bank id, difficulty, answer, feedback or explanation of `quiz` in `text`."""
    for q in quiz.questions:
        assert q.id not in text
        assert q.explanation not in text and escape(q.explanation) not in text
        assert f"'{q.difficulty}'" not in text and f'"{q.difficulty}"' not in text
        for o in q.options:
            assert o.feedback not in text and escape(o.feedback) not in text
    for key in ("answer", "feedback", "explanation"):  # no such field in the page's data or the notebook's view
        assert f'"{key}":' not in text and f"'{key}':" not in text
    assert "Answer key" not in text


def test_graded_assignment_gives_nothing_away(tmp_path, bank):
    """The learner's page (source, data, print) and notebook hold questions and options only."""
    quiz = select.as_quiz(select.all_questions(bank), "mix", "Mix")
    assign.make_assignment(quiz, tmp_path / "a", attempts=2)
    page = (tmp_path / "a" / "mix.html").read_text(encoding="utf-8")
    body = page[: page.index('<script type="module">')]  # the inlined engine's code mentions its practice mode
    assert_nothing_given_away(body, quiz)
    data = page_data(page)
    assert data["mode"] == "graded" and data["attempts"] == 2
    assert all(set(q) == {"id", "multiple", "options"} for q in data["questions"])
    assert "up to 2 times" in soup(page).select_one(".ktl-instructions").get_text()
    nb = nbformat.read(tmp_path / "a" / "mix.ipynb", as_version=4)
    assert_nothing_given_away(nb.cells[0].source + nb.cells[1].source, quiz)
    scope: dict = {}
    exec(nb.cells[1].source.rsplit("\n\nQuizDisplay(", 1)[0], scope)  # the view the cell holds
    assert [q["prompt"] for q in scope["VIEW"]["questions"]] == [q.prompt for q in quiz.questions]


def test_practice_assignment_gives_feedback(tmp_path, bank):
    quiz = select.as_quiz(select.select(bank, select.Criteria(chapters=(1,))), "p1", "Practice")
    assign.make_assignment(quiz, tmp_path / "p", mode="practice")
    page = (tmp_path / "p" / "p1.html").read_text(encoding="utf-8")
    data = page_data(page)
    assert data["mode"] == "practice" and all("answer" in q and "explanation" in q for q in data["questions"])
    assert "ktl-answer-key" in page
    assert all(q.id not in page for q in quiz.questions)  # still neutral ids
    with pytest.raises(ValueError):
        assign.make_assignment(quiz, tmp_path / "x", mode="practice", attempts=2)
    with pytest.raises(ValueError):
        assign.make_assignment(quiz, tmp_path / "y", attempts=0)


def test_notebook_cell_shows_the_assignment(tmp_path, bank, monkeypatch):
    """The notebook's cell runs on its own (no bank needed) and shows the graded live quiz."""
    monkeypatch.delenv("KNOWTHELINE_STATIC_BUILD", raising=False)
    quiz = select.as_quiz(select.select(bank, select.Criteria(chapters=(2,))), "week2", "Week 2")
    assign.make_assignment(quiz, tmp_path / "a", learners=["Ana"], seed=1)
    nb = nbformat.read(tmp_path / "a" / "week2-Ana.ipynb", as_version=4)
    scope: dict = {}
    exec(compile(nb.cells[1].source.replace("QuizDisplay(VIEW", "shown = QuizDisplay(VIEW"), "cell", "exec"), scope)
    shown = scope["shown"]
    assert shown.learner == "Ana" and shown.view["mode"] == "graded"
    assert len(shown.view["questions"]) == 4
    assert "application/vnd.jupyter.widget-view+json" in shown._repr_mimebundle_()


def test_old_notebooks_still_show_their_questions(bank):
    # what their code cell imports: the old path, kept as a re-export of classroom.assign's
    from knowtheline.instructor.assign import show_assignment

    assert show_assignment is assign.show_assignment
    shown = show_assignment("week2", "Week 2", ["ch02-true", "ch01-tf"], learner="Ana", bank_dir=str(BANK))
    assert [q["prompt"] for q in shown.view["questions"]] == [
        select.load(BANK, bib_files=[])["ch02"].question("ch02-true").prompt,
        select.load(BANK, bib_files=[])["ch01"].question("ch01-tf").prompt]
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
    page = (tmp_path / "a" / "mix-Ana-Lopez.html").read_text(encoding="utf-8")
    prompts = [f.select_one("legend").get_text() for f in soup(page).select("form.ktl-question")]
    by_id = {q.id: q for q in quiz.questions}
    assert prompts == [by_id[qid].prompt for qid in orders[0]]
    assert [first["variants"][0]["map"][f"q{n}"]["question"] for n in range(1, 6)] == orders[0]
    assert "Ana López" in page


def test_duplicate_learners_are_refused(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Ana\nAna\n", encoding="utf-8")
    with pytest.raises(ValueError):
        assign.read_learners(names)


def test_learner_file_names_follow_the_download_buttons_rule():
    """`slug` and the quiz module's results file name drop accents the same way."""
    import subprocess

    from knowtheline.classroom.assign import slug
    from knowtheline.paths import STATIC

    names = ["Ana López", "José Núñez", "Zoë O'Brien", "  ", "名前"]
    script = ("const src = require('fs').readFileSync(process.argv[1], 'utf8');"
              "const body = src.slice(src.indexOf('function resultsFile'), src.indexOf('/* Make one quiz'));"
              "const resultsFile = new Function(body + '; return resultsFile;')();"
              "for (const n of JSON.parse(process.argv[2])) console.log(resultsFile({learner: n, quiz: 'q'}, 'p'));")
    out = subprocess.run(["node", "-e", script, str(STATIC / "ktl-quiz.js"), json.dumps(names)],
                         capture_output=True, text=True, check=True).stdout.split()
    for name, file in zip(names, out):
        expected = slug(name)
        assert file == ("p-q.json" if expected == "learner" else f"p-q-{expected}.json"), (name, file)
