"""The command line: every command has --help, and the commands run end to end."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from knowtheline import cli

BANK = str(Path(__file__).resolve().parent / "fixtures" / "instructor" / "bank")


@pytest.mark.parametrize("command", [[], ["quiz"], ["quiz", "list"], ["quiz", "check"], ["quiz", "export"],
                                     ["quiz", "assign"], ["quiz", "grade"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: knowtheline" in capsys.readouterr().out


def test_list_csv(capsys):
    assert cli.main(["quiz", "list", "--bank", BANK, "--format", "csv", "--chapters", "2", "--difficulty", "easy"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == ["ch02-true"]


def test_export_never_overwrites(tmp_path, capsys):
    out = tmp_path / "quiz.xml"
    out.write_text("mine", encoding="utf-8")
    assert cli.main(["quiz", "export", "--bank", BANK, "--format", "moodle-xml", "--count", "2", "--seed", "1",
                     "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "quiz-2.xml").read_bytes().startswith(b"<?xml")
    assert "not overwritten" in capsys.readouterr().out


def test_bad_selection_is_a_clear_error(capsys):
    assert cli.main(["quiz", "export", "--bank", BANK, "--format", "gift", "--tags", "no-such-tag"]) == 2
    assert "no question" in capsys.readouterr().err


def test_assign_and_grade_end_to_end(tmp_path, capsys):
    assert cli.main(["quiz", "assign", "--bank", BANK, "--chapters", "1", "--out", str(tmp_path / "a"),
                     "--quiz-id", "w1"]) == 0
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / "junk.json").write_text("{", encoding="utf-8")
    assert cli.main(["quiz", "grade", str(returned), "--bank", BANK, "--assignment", str(tmp_path / "a" / "assignment.json"),
                     "--out", str(tmp_path / "g")]) == 0
    assert "SKIPPED junk.json" in capsys.readouterr().out
    assert cli.main(["quiz", "grade", str(returned), "--bank", BANK, "--out", str(tmp_path / "g")]) == 2


def test_assign_warns_about_near_duplicates_and_is_graded_by_default(tmp_path, capsys):
    import json

    quality = str(Path(__file__).resolve().parent / "fixtures" / "quality")
    assert cli.main(["quiz", "assign", "--bank", quality, "--out", str(tmp_path / "a"), "--attempts", "2"]) == 0
    err = capsys.readouterr().err
    assert "ch01-feola-officer and ch01-feola-victim are near-duplicates" in err
    manifest = json.loads((tmp_path / "a" / "assignment.json").read_text(encoding="utf-8"))
    assert (manifest["mode"], manifest["attempts"]) == ("graded", 2)
    assert cli.main(["quiz", "assign", "--bank", BANK, "--out", str(tmp_path / "p"), "--practice"]) == 0
    assert json.loads((tmp_path / "p" / "assignment.json").read_text(encoding="utf-8"))["mode"] == "practice"
    with pytest.raises(SystemExit):  # --practice and --attempts do not go together
        cli.main(["quiz", "assign", "--bank", BANK, "--out", str(tmp_path / "x"), "--practice", "--attempts", "2"])


def test_grade_feedback_flag(tmp_path, capsys):
    returned = tmp_path / "returned"
    returned.mkdir()
    good = Path(__file__).resolve().parent / "fixtures" / "results" / "good-ana.json"
    (returned / "ana.json").write_bytes(good.read_bytes())
    fixture_bank = str(Path(__file__).resolve().parent / "fixtures" / "quizzes")
    assert cli.main(["quiz", "grade", str(returned), "--bank", fixture_bank, "--out", str(tmp_path / "g"), "--feedback"]) == 0
    assert (tmp_path / "g" / "feedback" / "ch01-Ana.html").exists()
    assert "feedback/ch01-Ana.html" in capsys.readouterr().out
