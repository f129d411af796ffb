"""The command line: every command has --help, and the commands run end to end."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from knowtheline import cli

BANK = str(Path(__file__).resolve().parent / "fixtures" / "instructor" / "bank")


@pytest.mark.parametrize("command", [[], ["quiz"], ["quiz", "list"], ["quiz", "check"], ["quiz", "export"],
                                     ["quiz", "assign"], ["quiz", "grade"], ["quiz", "schema"], ["data"],
                                     ["data", "build"], ["handouts"], ["notebooks"], ["workshop"], ["review"],
                                     ["readability"]])
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


def test_one_tool_holds_every_command():
    def names(group, prefix=()):
        for name, command in group.commands.items():
            yield " ".join((*prefix, name))
            yield from names(command, (*prefix, name)) if hasattr(command, "commands") else ()

    assert set(names(cli.knowtheline)) == {
        "quiz", "quiz list", "quiz check", "quiz export", "quiz assign", "quiz grade", "quiz schema",
        "data", "data build", "handouts", "notebooks", "workshop", "review", "readability",
        "translation", "translation check", "translation stamp"}


def test_makefile_runs_the_one_tool():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "python -m knowtheline" not in makefile
    for command in ("workshop", "notebooks", "data build", "handouts", "quiz check", "review", "readability",
                    "translation check"):
        assert f"$(BIN)/knowtheline {command}" in makefile, command


@pytest.mark.parametrize("argv, says", [
    (["quiz", "export", "--bank", BANK, "--format", "pdf"], "'pdf' is not one of"),
    (["quiz", "list", "--bank", BANK, "--count", "many"], "'many' is not a valid integer"),
    (["quiz", "grade"], "Missing argument 'FOLDER'"),
    (["quiz", "assign", "--bank", BANK, "--out", "x", "--practice", "--attempts", "2"], "do not go together"),
    (["quiz", "lsit"], "No such command 'lsit'"),
    (["review", "--everything"], "No such option '--everything'"),
])
def test_bad_usage_is_one_line_and_exit_code_2(argv, says, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("knowtheline: ") and says in lines[0], captured.err
    assert "Traceback" not in captured.err + captured.out


def test_export_formats_come_from_one_registry(capsys):
    from knowtheline.exports import FORMATS

    export = cli.knowtheline.commands["quiz"].commands["export"]
    [fmt] = [p for p in export.params if p.name == "fmt"]
    assert list(fmt.type.choices) == list(FORMATS)
    with pytest.raises(SystemExit):
        cli.main(["quiz", "export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for name, spec in FORMATS.items():
        assert f"{name} ({spec.suffix}): {' '.join(spec.description.split())}" in shown


def test_export_writes_every_registered_format(tmp_path, capsys):
    from knowtheline.exports import FORMATS

    for name, spec in FORMATS.items():
        out = tmp_path / f"quiz{spec.suffix}"
        assert cli.main(["quiz", "export", "--bank", BANK, "--format", name, "--out", str(out)]) == 0
        assert out.stat().st_size > 0, name
    assert cli.main(["quiz", "export", "--bank", BANK, "--format", "qti"]) == 2  # a zip needs --out
    assert "give --out" in capsys.readouterr().err


def test_schema_command_writes_and_checks(tmp_path, capsys):
    import shutil

    folder = tmp_path / "quizzes"
    shutil.copytree(Path(BANK), folder)
    assert cli.main(["quiz", "schema", "--bank", str(folder), "--check"]) == 1  # nothing written yet
    assert cli.main(["quiz", "schema", "--bank", str(folder)]) == 0
    assert (folder / "schema.json").exists() and (folder / "config.schema.json").exists()
    assert cli.main(["quiz", "schema", "--bank", str(folder), "--check"]) == 0
    (folder / "schema.json").write_text("{}", encoding="utf-8")
    assert cli.main(["quiz", "schema", "--bank", str(folder), "--check"]) == 1
    assert "out of step" in capsys.readouterr().err


def test_module_entry_points_are_the_same_commands(tmp_path, capsys):
    """`python -m knowtheline.asof` (kept for old habits) runs `knowtheline review`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(cli.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-m", "knowtheline.asof", "--root", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == cli.main(["review", "--root", str(tmp_path)]) == 0, run.stderr
    assert run.stdout.startswith("0 dated points") and capsys.readouterr().out.startswith("0 dated points")
