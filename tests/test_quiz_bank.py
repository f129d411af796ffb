"""The question-bank validator: every error names file, line, question and field, and a bank
with any error loads nothing."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from knowtheline.bank.load import BankError, load_bank

FIXTURES = Path(__file__).parent / "fixtures"
BIB = FIXTURES / "references.bib"
GOOD = (FIXTURES / "quizzes" / "ch01.yaml").read_text(encoding="utf-8")


def bank_with(tmp_path, text: str, name: str = "ch01.yaml"):
    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems(tmp_path, text: str, name: str = "ch01.yaml"):
    with pytest.raises(BankError) as err:
        load_bank(bank_with(tmp_path, text, name), bib_files=[BIB])
    return err.value.problems


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first line at or after `start` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > start and needle in line:
            return number
    raise AssertionError(needle)


def test_fixture_bank_loads_all_types(fixture_bank):
    quiz = fixture_bank["ch01"]
    assert [q.type for q in quiz.questions] == ["single", "multiple", "true_false", "scenario"]
    assert quiz.questions[1].answer == ("a", "b")
    assert quiz.questions[2].answer == ("false",)
    assert quiz.questions[3].scenario.officer == "local-287g"
    assert quiz.questions[0].as_of == "2026-11-28"


def test_version_changes_when_a_question_changes(tmp_path, fixture_quiz):
    changed = load_bank(bank_with(tmp_path, GOOD.replace("Right: force is an element.", "Yes.")), bib_files=[BIB])
    assert changed["ch01"].version != fixture_quiz.version


def test_malformed_yaml_names_file_and_line(tmp_path):
    text = GOOD.replace("    difficulty: medium", "    difficulty: [medium")
    [p] = problems(tmp_path, text)
    assert p.file == "quizzes/ch01.yaml"
    assert "malformed YAML" in p.message
    assert p.line >= line_of(text, "difficulty: [medium")


def test_unknown_field_is_named(tmp_path):
    text = GOOD.replace('        feedback: "Right: force is an element."', '        feedbak: "Right: force is an element."')
    found = problems(tmp_path, text)
    unknown = next(p for p in found if "unknown field" in p.message)
    assert (unknown.question, unknown.field) == ("ch01-single", "options[1].feedbak")
    assert unknown.line == line_of(text, "feedbak")
    missing = next(p for p in found if "missing" in p.message)
    assert missing.field == "options[1].feedback"


def test_missing_field_is_named(tmp_path):
    text = GOOD.replace('    explanation: "Section 111 reaches acts done forcibly."\n', "")
    [p] = problems(tmp_path, text)
    assert (p.question, p.field) == ("ch01-single", "explanation")
    assert "missing required field" in p.message
    assert p.line == line_of(text, "- id: ch01-single")


def test_duplicate_id_across_files(tmp_path):
    bank_with(tmp_path, GOOD)
    second = GOOD.replace("chapter: 1", "chapter: 2").replace("ch01-", "ch02-").replace("ch02-tf", "ch01-tf")
    found = problems(tmp_path, second, "ch02.yaml")
    dup = [p for p in found if "duplicate id" in p.message]
    assert dup and dup[0].file == "quizzes/ch02.yaml" and dup[0].field == "id"
    assert "quizzes/ch01.yaml" in dup[0].message


def test_duplicate_id_in_one_file(tmp_path):
    text = GOOD.replace("id: ch01-multi", "id: ch01-single")
    dup = [p for p in problems(tmp_path, text) if "duplicate id" in p.message]
    assert len(dup) == 1 and dup[0].line == line_of(text, "id: ch01-single", line_of(text, "id: ch01-single"))


def test_answer_that_is_not_an_option(tmp_path):
    text = GOOD.replace("    answer: [a, b]", "    answer: [a, d]")
    [p] = problems(tmp_path, text)
    assert (p.question, p.field) == ("ch01-multi", "answer")
    assert "'d' is not one of the options" in p.message
    assert p.line == line_of(text, "answer: [a, d]")


@pytest.mark.parametrize("answer, count", [("[a, b]", "2"), ("[]", "0")])
def test_single_choice_needs_exactly_one_correct_option(tmp_path, answer, count):
    text = GOOD.replace("    answer: a\n", f"    answer: {answer}\n", 1)
    [p] = problems(tmp_path, text)
    assert (p.question, p.field) == ("ch01-single", "answer")
    assert f"exactly one correct option, not {count}" in p.message


def test_unknown_citation_key(tmp_path):
    text = GOOD.replace("    cite: [usc-18-111]\n", "    cite: [usc-18-1111]\n", 1)
    [p] = problems(tmp_path, text)
    assert (p.question, p.field) == ("ch01-single", "cite[1]")  # the key's place in the list
    assert "unknown citation key 'usc-18-1111'" in p.message
    assert p.line == line_of(text, "cite: [usc-18-1111]")


def test_empty_option_text(tmp_path):
    text = GOOD.replace('        text: "Forcibly"', '        text: ""')
    [p] = problems(tmp_path, text)
    assert (p.question, p.field) == ("ch01-single", "options[1].text")
    assert p.line == line_of(text, 'text: ""')


def test_scenario_rules(tmp_path):
    text = GOOD.replace("officer: local-287g", "officer: fbi")
    [p] = problems(tmp_path, text)
    assert (p.question, p.field) == ("ch01-scene", "scenario.officer")
    no_scenario = GOOD.replace("    type: scenario", "    type: single")
    [q] = problems(tmp_path, no_scenario)
    assert q.field == "scenario" and "only scenario questions" in q.message


def test_true_false_options(tmp_path):
    text = GOOD.replace('{id: "false", text: "False"', '{id: "no", text: "False"')
    found = problems(tmp_path, text)
    assert any(p.question == "ch01-tf" and p.field == "options" for p in found)


def test_duplicate_yaml_key(tmp_path):
    text = GOOD.replace("    difficulty: easy\n", "    difficulty: easy\n    difficulty: hard\n", 1)
    [p] = problems(tmp_path, text)
    assert "duplicate key 'difficulty'" in p.message
    assert p.line == line_of(text, "difficulty: hard")


def test_every_problem_reported_and_nothing_loaded(tmp_path):
    text = GOOD.replace("    answer: [a, b]", "    answer: [z]").replace('text: "Forcibly"', 'text: ""')
    found = problems(tmp_path, text)
    assert {p.question for p in found} == {"ch01-single", "ch01-multi"}
    message = str(BankError(found))
    assert "quizzes/ch01.yaml:" in message and "question ch01-multi: field 'answer'" in message


def test_chapter_must_match_file_name(tmp_path):
    found = problems(tmp_path, GOOD, "ch02.yaml")
    assert found[0].field == "chapter" and "must be 2" in found[0].message
    assert all(p.field == "id" and "start with 'ch02-'" in p.message for p in found[1:])


def test_cli_check_exit_codes(tmp_path, capsys):
    from knowtheline.cli import main

    folder = bank_with(tmp_path, GOOD.replace("    answer: [a, b]", "    answer: [z]"))
    shutil.copy(BIB, tmp_path / "references.bib")
    (tmp_path / "_config.yml").write_text("bibtex_bibfiles: [references.bib]\n")
    assert main(["quiz", "check", "--bank", str(folder)]) == 1
    assert "question ch01-multi: field 'answer'" in capsys.readouterr().err


def test_real_bank_is_valid(root):
    bank = load_bank(root / "quizzes")
    for quiz in bank.values():
        assert len(quiz.questions) >= 6, f"{quiz.id} has fewer than 6 questions"
        assert sum(q.type == "scenario" for q in quiz.questions) >= 2, f"{quiz.id} has fewer than 2 scenarios"


# --- config.yaml: the controlled tag list and item-quality limits -----------------------

CONFIG = "longest_correct_max_share: 0.3\nnear_duplicate_similarity: 0.8\ntags: [federal-law, observers, commandeering, identification]\n"


def test_question_without_id_is_a_clear_error(tmp_path):
    text = GOOD.replace("  - id: ch01-single\n    type: single\n", "  - type: single\n")
    found = problems(tmp_path, text)  # no traceback: a BankError naming the question by position
    [p] = [p for p in found if p.field == "id"]
    assert p.question == "number 1 (no id)" and "missing required field" in p.message
    assert p.line == line_of(text, "  - type: single")
    from knowtheline.cli import main

    assert main(["quiz", "check", "--bank", str(tmp_path / "quizzes")]) == 1


def test_tag_outside_the_controlled_list(tmp_path):
    text = GOOD.replace("tags: [observers]", "tags:\n      - observers\n      - observer")
    bank_with(tmp_path, CONFIG, "config.yaml")
    [p] = problems(tmp_path, text)
    assert (p.file, p.question, p.field) == ("quizzes/ch01.yaml", "ch01-multi", "tags[2]")
    assert p.line == line_of(text, "- observer", line_of(text, "- observers"))  # the tag's own line
    assert "'observer' is not in the controlled list" in p.message and "did you mean 'observers'" in p.message


def test_without_a_config_any_well_formed_tag_passes(tmp_path):
    assert load_bank(bank_with(tmp_path, GOOD.replace("[observers]", "[anything-goes]")), bib_files=[BIB])


def test_config_problems_name_file_line_and_field(tmp_path):
    folder = tmp_path / "quizzes"
    shutil.copytree(FIXTURES / "bad-config", folder)
    text = (folder / "config.yaml").read_text(encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_bank(folder, bib_files=[])
    found = {(p.field, p.line): p.message for p in err.value.problems}
    assert all(p.file == "quizzes/config.yaml" for p in err.value.problems)
    assert "from 0 to 1" in found[("longest_correct_max_share", line_of(text, "longest_correct_max_share"))]
    assert "from above 0 to 1" in found[("near_duplicate_similarity", line_of(text, "near_duplicate_similarity"))]
    assert "lower-case-hyphenated" in found[("tags[2]", line_of(text, "Federal_Law"))]
    assert "listed twice" in found[("tags[3]", line_of(text, "- federal-law", line_of(text, "Federal_Law")))]
    assert "unknown field" in found[("colour", line_of(text, "colour"))]


@pytest.mark.parametrize("config, message", [
    ("tags: [a\n", "malformed YAML"),
    ("- just\n- a list\n", "must be a mapping"),
    ("longest_correct_max_share: 0.3\nnear_duplicate_similarity: 0.8\n", "missing required field"),
    ("longest_correct_max_share: true\nnear_duplicate_similarity: 0.8\ntags: [x]\n", "from 0 to 1"),
    ("longest_correct_max_share: 0.3\nnear_duplicate_similarity: 0\ntags: [x]\n", "from above 0 to 1"),
    ("longest_correct_max_share: 0.3\nnear_duplicate_similarity: 0.8\ntags: observers\n", "non-empty list"),
    ("[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ("\xff\xfe", "not UTF-8"),
])
def test_bad_config_is_a_clear_error_never_a_traceback(tmp_path, capsys, config, message):
    folder = bank_with(tmp_path, GOOD)
    (folder / "config.yaml").write_bytes(config.encode("latin-1") if "\xff" in config else config.encode("utf-8"))
    with pytest.raises(BankError) as err:
        load_bank(folder, bib_files=[])
    assert any(p.file == "quizzes/config.yaml" and message in p.message for p in err.value.problems), err.value
    from knowtheline.cli import main

    assert main(["quiz", "check", "--bank", str(folder)]) == 1
    assert "quizzes/config.yaml:" in capsys.readouterr().err


# --- item quality (quiz check) -----------------------------------------------------------

def test_item_quality_fails_the_quality_fixture(capsys):
    from knowtheline.bank import quality
    from knowtheline.bank.load import load_config
    from knowtheline.cli import main

    folder = FIXTURES / "quality"
    report = quality.check(load_bank(folder, bib_files=[]), load_config(folder))
    # ch01-feola-officer and ch01-feola-victim have the longest right answer; ch01-balanced does
    # not; the true/false question is not counted: 2 of 3.
    assert (report.counted, [q.id for q in report.longest]) == (3, ["ch01-feola-officer", "ch01-feola-victim"])
    assert not report.longest_ok and not report.ok
    [(a, b, score)] = report.duplicates
    assert {a.id, b.id} == {"ch01-feola-officer", "ch01-feola-victim"} and 0.8 <= score < 1
    assert main(["quiz", "check", "--bank", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "longest option in 2 of 3" in err and "(67%; limit 30%): FAIL" in err
    assert "ch01-feola-officer (quality/ch01.yaml) and ch01-feola-victim (quality/ch01.yaml)" in err


def test_item_quality_passes_a_balanced_bank(capsys):
    from knowtheline.cli import main

    assert main(["quiz", "check", "--bank", str(FIXTURES / "quizzes")]) == 0
    out = capsys.readouterr().out
    assert "longest option in 0 of 2" in out and "Near-duplicate questions" in out and "none: ok" in out


def test_scenario_text_counts_for_near_duplicates(fixture_bank):
    """Two scenario questions with the same short prompt but different situations are not
    duplicates: the similarity reads the scenario too."""
    from dataclasses import replace

    from knowtheline.bank import quality
    from knowtheline.bank.model import Scenario

    scene = fixture_bank["ch01"].question("ch01-scene")
    other = replace(scene, id="ch01-scene-2", scenario=Scenario("ice", "A courthouse hallway", "You film the arrest quietly"))
    assert quality.similarity(scene, replace(scene, id="ch01-copy")) == 1.0
    assert quality.similarity(scene, other) < 0.5


def test_real_bank_meets_item_quality(root):
    """The shipped bank: option lengths balanced and no near-duplicates (quizzes/config.yaml)."""
    from knowtheline.bank import quality
    from knowtheline.bank.load import load_config

    report = quality.check(load_bank(root / "quizzes"), load_config(root / "quizzes"))
    assert report.ok, report.text()
