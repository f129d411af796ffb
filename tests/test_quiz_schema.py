"""The bank's one schema: the pydantic model in knowtheline.bank.model, published as JSON
Schema files that stay in step with it and that the real bank meets."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from knowtheline.bank import yamlsource
from knowtheline.bank.load import BankError, load_bank, schemas

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "quizzes" / "ch01.yaml").read_text(encoding="utf-8")
MODELINE = "# yaml-language-server: $schema=schema.json"


def test_committed_schemas_match_the_model(root):
    """`knowtheline quiz schema` writes these; run it after changing the model or the tags."""
    for name, text in schemas(root / "quizzes").items():
        committed = (root / "quizzes" / name).read_text(encoding="utf-8")
        assert committed == text, f"quizzes/{name} is out of step with the model: run `knowtheline quiz schema`"


def test_schema_lists_the_configs_tags(root, tmp_path):
    folder = tmp_path / "quizzes"
    shutil.copytree(FIXTURES / "quizzes", folder)
    tags = json.loads(schemas(folder)["schema.json"])["$defs"]["Question"]["properties"]["tags"]["items"]["enum"]
    assert tags == ["commandeering", "federal-law", "identification", "observers"]
    (folder / "config.yaml").unlink()  # no controlled list: any well-formed tag
    assert "enum" not in json.loads(schemas(folder)["schema.json"])["$defs"]["Question"]["properties"]["tags"]["items"]


def test_every_quiz_file_names_its_schema(root):
    for path in sorted((root / "quizzes").glob("ch*.yaml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE, path.name
    first = (root / "quizzes" / "config.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=config.schema.json"


def test_readme_points_to_the_schema_and_does_not_copy_the_fields(root):
    readme = (root / "quizzes" / "README.md").read_text(encoding="utf-8")
    assert "schema.json" in readme and "config.schema.json" in readme
    fields = r"(id|type|tags|difficulty|prompt|options|answer|explanation|cite|as_of|scenario|officer|feedback)"
    copied = re.findall(rf"^\s*-?\s*{fields}:", readme, flags=re.M)
    assert not copied, f"quizzes/README.md lists fields ({copied}); the schema is the one list"


def _validator(folder, name, committed=True):
    """A JSON Schema validator from the bank folder's committed schema file (or, with
    committed=False, the one `knowtheline quiz schema` would write for it)."""
    jsonschema = pytest.importorskip("jsonschema")
    text = (folder / name).read_text(encoding="utf-8") if committed else schemas(folder)[name]
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_json(text: str):
    """The YAML as an editor's YAML server reads it (dates stay text)."""
    return json.loads(json.dumps(yamlsource.load(text)))


def test_real_bank_meets_the_json_schema(root):
    quiz = _validator(root / "quizzes", "schema.json")
    for path in sorted((root / "quizzes").glob("ch*.yaml")):
        errors = [e.message for e in quiz.iter_errors(_as_json(path.read_text(encoding="utf-8")))]
        assert not errors, f"{path.name}: {errors[:3]}"
    config = _validator(root / "quizzes", "config.schema.json")
    assert not list(config.iter_errors(_as_json((root / "quizzes" / "config.yaml").read_text(encoding="utf-8"))))


@pytest.mark.parametrize("bad", [
    ('        feedback: "Right: force is an element."', '        feedbak: "Right: force is an element."'),
    ("    type: scenario\n", "    type: single\n"),             # a scenario on a single question
    ('{id: "false", text: "False"', '{id: "no", text: "False"'),  # true_false options
    ("    answer: [a, b]", "    answer: []"),                     # multiple needs an answer
    ("    difficulty: easy", "    difficulty: trivial"),
    ("tags: [observers]", "tags: [observer]"),                    # not in config's list
    ("as_of: 2026-11-28", "as_of: 28 November 2026"),
])
def test_planted_bad_file_fails_the_json_schema_and_the_model(root, tmp_path, bad):
    old, new = bad
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    quiz = _validator(FIXTURES / "quizzes", "schema.json", committed=False)
    assert not list(quiz.iter_errors(_as_json(GOOD)))
    assert list(quiz.iter_errors(_as_json(text))), f"the JSON Schema accepts {new!r}"
    folder = tmp_path / "quizzes"
    shutil.copytree(FIXTURES / "quizzes", folder)
    (folder / "ch01.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError):
        load_bank(folder, bib_files=[])


def test_unquoted_impossible_date_is_a_problem_with_a_line(tmp_path):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    text = GOOD.replace("as_of: 2026-11-28", "as_of: 2026-02-30")
    (folder / "ch01.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_bank(folder, bib_files=[])
    [p] = err.value.problems
    assert (p.question, p.field) == ("ch01-single", "as_of") and "a date like 2026-11-28" in p.message
    assert p.line == next(n for n, line in enumerate(text.splitlines(), 1) if "2026-02-30" in line)


@pytest.mark.parametrize("text, message", [
    ("chapter: 1\ntitle: T\nquestions: [just text]\n", "question must be a mapping"),
    ("chapter: one\ntitle: T\nquestions: []\n", "chapter must be a chapter number"),
    ("chapter: 1\ntitle: [T]\nquestions: []\n", "must be non-empty text"),
    ("just a string\n", "quiz file must be a mapping"),
    ("", "quiz file must be a mapping"),
    ("chapter: 1\ntitle: T\nquestions:\n  - id: ch01-x\n    chapter: 1\n", "unknown field in question"),
])
def test_wrong_shapes_are_clear_problems(tmp_path, text, message):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "ch01.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_bank(folder, bib_files=[])
    assert any(message in p.message and p.file == "quizzes/ch01.yaml" and p.line >= 1 for p in err.value.problems), err.value
