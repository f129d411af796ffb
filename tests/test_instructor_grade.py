"""`quiz grade`: good files graded, broken ones named and skipped, nothing overwritten."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from knowtheline.instructor import assign, grade, select
from knowtheline.quiz import results
from knowtheline.quiz.model import Option, Question, Quiz

BANK = Path(__file__).resolve().parent / "fixtures" / "quizzes"


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
    """Three good files (hand-checked below) and one of each kind of broken file."""
    quiz = bank["ch01"]
    folder = tmp_path / "returned"
    folder.mkdir()
    ana = write(folder, "ana.json", results.make(
        quiz, {"ch01-single": ["a"], "ch01-multi": ["a", "c"], "ch01-tf": ["false"], "ch01-scene": ["b"]}, {}, "Ana", at(9)))
    write(folder, "ben.json", results.make(
        quiz, {"ch01-single": ["b"], "ch01-multi": ["a", "b"], "ch01-tf": ["true"]}, {}, "Ben", at(10)))
    write(folder, "ben-earlier.json", results.make(quiz, {"ch01-single": ["a"]}, {}, "ben", at(8)))
    write(folder, "cy.json", results.make(
        quiz, {"ch01-single": ["b"], "ch01-multi": ["c"], "ch01-tf": ["false"], "ch01-scene": ["a"]}, {}, "Cy", at(9)))
    text = ana.read_text(encoding="utf-8")
    (folder / "copy-of-ana.json").write_text(text, encoding="utf-8")
    (folder / "truncated.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "malformed.json").write_text("{not json", encoding="utf-8")
    tampered = json.loads(text)
    tampered["answers"][1]["chosen"] = ["a", "b"]  # turn a wrong answer into a right one
    (folder / "tampered.json").write_text(json.dumps(tampered), encoding="utf-8")
    (folder / "wrong-format.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    fake = Question("ch01-not-in-bank", 1, "single", ("x",), "easy", "?", (Option("a", "A", "f"), Option("b", "B", "f")),
                    ("a",), "e", ("k",))
    write(folder, "unknown-question.json", results.make(Quiz("ch01", "t", (fake,)), {"ch01-not-in-bank": ["a"]}, {}, "Dee"))
    write(folder, "unknown-quiz.json", results.make(Quiz("week9", "t", quiz.questions), {"ch01-tf": ["true"]}, {}, "Eve"))
    old = Quiz("ch01", "older", quiz.questions[:2])
    write(folder, "old-version.json", results.make(old, {"ch01-single": ["a"]}, {}, "Fay", at(9)))
    return folder


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_grades_good_files_and_names_broken_ones(handed_in, bank, tmp_path):
    report = grade.grade_folder(handed_in, bank, out=tmp_path / "grades", progress=False)
    skipped = dict(report.collection.skipped)
    assert set(skipped) == {"copy-of-ana.json", "truncated.json", "malformed.json", "tampered.json", "wrong-format.json",
                            "unknown-question.json", "unknown-quiz.json", "ben-earlier.json"}
    assert "identical to ana.json" in skipped["copy-of-ana.json"]
    assert "truncated JSON" in skipped["truncated.json"] and "truncated JSON" in skipped["malformed.json"]
    assert "checksum" in skipped["tampered.json"]
    assert "not a Know the Line results file" in skipped["wrong-format.json"]
    assert "ch01-not-in-bank" in skipped["unknown-question.json"]
    assert "week9" in skipped["unknown-quiz.json"]
    assert "kept the latest, ben.json" in skipped["ben-earlier.json"]
    assert [s.file for s in report.collection.submissions] == ["ana.json", "ben.json", "cy.json", "old-version.json"]
    assert [name for name, _ in report.collection.warnings] == ["old-version.json"]
    assert "quiz_version" in report.collection.warnings[0][1]
    assert "SKIPPED tampered.json" in report.summary()


def test_gradebook_and_summary_recheck_against_the_bank(handed_in, bank, tmp_path):
    grade.grade_folder(handed_in, bank, out=tmp_path / "grades", progress=False)
    book = {r["learner"]: r for r in read_csv(tmp_path / "grades" / "gradebook.csv")}
    assert book["Ana"]["ch01-single"] == "1" and book["Ana"]["ch01-multi"] == "0" and book["Ana"]["ch01-scene"] == "0"
    assert book["Ben"]["ch01-scene"] == ""  # not answered
    summary = {r["learner"]: r for r in read_csv(tmp_path / "grades" / "summary.csv")}
    assert (summary["Ana"]["correct"], summary["Ana"]["answered"], summary["Ana"]["percent_correct"]) == ("2", "4", "50.0")
    assert (summary["Cy"]["correct"], summary["Cy"]["percent_correct"]) == ("2", "50.0")
    assert summary["Fay"]["questions"] == "4"


def test_item_analysis_hand_checked(handed_in, bank, tmp_path):
    """Graded: Ana, Ben, Cy, Fay (Fay answered only ch01-single, correctly).
    ch01-single: a(right) Ana, Fay; b Ben, Cy -> 2/4 = 50 %, most-chosen wrong b (2).
    ch01-multi (a+b right): Ana a+c, Ben a+b, Cy c -> 1/3 = 33.3 %, wrong option c ticked twice.
    ch01-tf (false right): Ana, Cy false; Ben true -> 2/3 = 66.7 %, wrong 'true' once.
    ch01-scene (a right): Ana b, Cy a -> 1/2 = 50 %, wrong b once.
    Letters are the ones learners saw (`Question.letters`, the shuffled order): in ch01-single
    option b is shown as A, in ch01-multi option c as A."""
    grade.grade_folder(handed_in, bank, out=tmp_path / "grades", progress=False)
    items = {r["question"]: r for r in read_csv(tmp_path / "grades" / "item-analysis.csv")}
    got = {q: (r["answered"], r["correct"], r["percent_correct"], r["most_chosen_wrong_option"], r["times_chosen"])
           for q, r in items.items()}
    assert got == {
        "ch01-single": ("4", "2", "50.0", "A (b)", "2"),
        "ch01-multi": ("3", "1", "33.3", "A (c)", "2"),
        "ch01-tf": ("3", "2", "66.7", "A (true)", "1"),
        "ch01-scene": ("2", "1", "50.0", "B (b)", "1"),
    }
    assert items["ch01-multi"]["wrong_option_text"] == "Standing in the van's door"
    assert items["ch01-multi"]["chapter"] == "1"
    for chart in ("item-analysis.svg", "item-analysis.png"):
        assert (tmp_path / "grades" / chart).stat().st_size > 1000


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


def test_assignment_results_are_recognised(tmp_path, bank):
    quiz = select.as_quiz(list(bank["ch01"].questions), "week1", "Week 1")
    assign.make_assignment(quiz, tmp_path / "a", learners=["Ana", "Ben"], seed=3, per_learner_count=2)
    manifest = assign.read_manifest(tmp_path / "a" / "assignment.json")
    folder = tmp_path / "returned"
    folder.mkdir()
    ana = manifest["variants"][0]
    variant = Quiz("week1", "Week 1", tuple(bank["ch01"].question(q) for q in ana["questions"]))
    assert variant.version == ana["quiz_version"]
    write(folder, "ana.json", results.make(variant, {q: list(variant.question(q).answer) for q in ana["questions"]}, {}, "Ana"))
    report = grade.grade_folder(folder, bank, assignments=[tmp_path / "a" / "assignment.json"], out=tmp_path / "g",
                                progress=False)
    assert not report.collection.skipped and not report.collection.warnings
    summary = read_csv(tmp_path / "g" / "summary.csv")
    assert (summary[0]["questions"], summary[0]["correct"], summary[0]["percent_correct"]) == ("2", "2", "100.0")
