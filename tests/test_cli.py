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
