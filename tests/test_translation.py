"""The Spanish edition against the English: the interface catalogues agree, quiz translations
are validated like the bank and keep the English quiz's answers and version, and
`knowtheline translation check` passes on this checkout and catches planted drift."""

from __future__ import annotations

import json
import re
import shutil
import string
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from knowtheline import i18n
from knowtheline.bank.load import BankError
from knowtheline.quiz import book_bank
from knowtheline.translation import check, pairs, read_notes, stamp
from knowtheline.translation.quizzes import load

CHAPTER = "chapters/01-federal-vs-local.ipynb"


def _flat(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _flat(value, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), node


def _fields(text) -> set[str]:
    return {name for values in ([text] if isinstance(text, str) else text) for _, name, _, _ in
            string.Formatter().parse(str(values)) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    en, es = dict(_flat(i18n.messages("en"))), dict(_flat(i18n.messages("es")))
    assert set(en) == set(es)
    for key in en:
        assert _fields(en[key]) == _fields(es[key]), key
        if isinstance(en[key], list):
            assert len(en[key]) == len(es[key]), key


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


@pytest.fixture()
def copy(tmp_path):
    """A copy of the book's sources to plant drift in."""
    for name in ("_toc.yml", "es", "chapters", "quizzes", "glossary.md", "intro.md", "notice.md", "going-deeper.md",
                 "sources-and-limitations.md", "corrections.md", "references.md", "facilitators"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, tmp_path / name)
    return tmp_path


def _edit_cell(path: Path, index: int, change) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    source = "".join(nb["cells"][index]["source"])
    nb["cells"][index]["source"] = change(source)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _markdown_cell_with(path: Path, pattern: str) -> int:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and re.search(pattern, "".join(c["source"]), re.M))


def test_a_removed_heading_is_caught(copy):
    path = copy / "es" / CHAPTER
    index = _markdown_cell_with(path, r"^## ")
    _edit_cell(path, index, lambda s: re.sub(r"^## .*\n", "", s, count=1, flags=re.M))
    found = [str(d) for d in check(copy, "es", [f"es/{CHAPTER}"])]
    assert any("headings" in d for d in found), found


def test_a_changed_number_is_caught(copy):
    path = copy / "es" / CHAPTER
    number = r"(?<![\w`.(/-])(\d{2,})(?![\w`)/-])"
    index = _markdown_cell_with(path, number)
    _edit_cell(path, index, lambda s: re.sub(number, lambda m: str(int(m[1]) + 1), s, count=1))
    found = [str(d) for d in check(copy, "es", [f"es/{CHAPTER}"])]
    assert any("numerals" in d for d in found), found


def test_a_missing_option_is_caught_with_file_line_question_and_field(copy):
    path = copy / "quizzes" / "es" / "ch01.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    qid = next(iter(data["questions"]))
    option = next(iter(data["questions"][qid]["options"]))
    del data["questions"][qid]["options"][option]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = [str(d) for d in check(copy, "es", ["quizzes/es/ch01.yaml"])]
    assert any(f"question {qid}" in d and f"options.{option}" in d and "missing" in d and "line" in d for d in found), found
    with pytest.raises(BankError) as err:
        load(copy / "quizzes" / "es", book_bank(), "es")
    assert "quizzes/es/ch01.yaml:" in str(err.value) and qid in str(err.value)


def test_an_unknown_field_and_untranslated_text_are_named(copy):
    path = copy / "quizzes" / "es" / "ch02.yaml"
    english = book_bank()["ch02"].questions[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"][english.id]["hint"] = "extra"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = " | ".join(str(d) for d in check(copy, "es", ["quizzes/es/ch02.yaml"]))
    assert "unknown field" in found and "field hint" in found and english.id in found
    del data["questions"][english.id]["hint"]
    data["questions"][english.id]["prompt"] = english.prompt
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = " | ".join(str(d) for d in check(copy, "es", ["quizzes/es/ch02.yaml"]))
    assert "not translated" in found and "field prompt" in found and english.id in found


def test_an_english_change_makes_the_translation_outdated(copy):
    assert stamp(copy, "es", [f"es/{CHAPTER}"]) == []
    assert check(copy, "es", [f"es/{CHAPTER}"]) == []
    path = copy / CHAPTER
    index = _markdown_cell_with(path, r"^## ")
    _edit_cell(path, index, lambda s: s + "\nOne more sentence.\n")
    found = [str(d) for d in check(copy, "es", [f"es/{CHAPTER}"])]
    assert any("outdated" in d and "changed" in d for d in found), found
    _edit_cell(copy / "es" / CHAPTER, index, lambda s: s + "\nUna oración más.\n")
    assert stamp(copy, "es", [f"es/{CHAPTER}"]) == []
    assert check(copy, "es", [f"es/{CHAPTER}"]) == []


def test_spanish_config_differs_from_the_english_only_where_it_must():
    english = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((ROOT / "es" / "_config.yml").read_text(encoding="utf-8"))
    assert spanish["sphinx"]["config"].pop("language") == "es" and english["sphinx"]["config"].pop("language") == "en"
    assert spanish.pop("bibtex_bibfiles") == ["../references.bib"]
    english.pop("bibtex_bibfiles")
    for key in ("title", "exclude_patterns", "latex"):
        spanish.pop(key), english.pop(key)
    assert spanish == english


def test_a_missing_or_changed_reference_note_is_caught(copy):
    shutil.copyfile(ROOT / "references.bib", copy / "references.bib")
    path = copy / "es" / "bib-notes.yaml"
    notes = yaml.safe_load(path.read_text(encoding="utf-8"))
    numbered = next(k for k, v in notes.items() if re.search(r"\b\d{4}\b", v))
    dropped = next(k for k in notes if k != numbered)
    notes[numbered] = re.sub(r"\b(\d{4})\b", lambda m: str(int(m[1]) + 1), notes[numbered], count=1)
    del notes[dropped]
    path.write_text(yaml.safe_dump(notes, allow_unicode=True), encoding="utf-8")
    found = [str(d) for d in check(copy, "es", ["es/bib-notes.yaml"])]
    assert any(numbered in d and "numerals" in d for d in found), found
    assert any(dropped in d and "missing" in d for d in found), found


def test_spanish_reference_lists_use_the_spanish_notes_and_words():
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    from knowtheline.book import bibstyle

    style = find_plugin("pybtex.style.formatting", bibstyle.use_for(ROOT / "es"))()
    bib = parse_file(str(ROOT / "references.bib"), bib_format="bibtex")
    notes = read_notes(ROOT / "es" / "bib-notes.yaml")
    key = next(k for k, e in bib.entries.items() if "note" in e.fields and "url" in e.fields
               and not any(mark in notes[k] for mark in ("\\", "{", "--", "``", "~")))
    [entry] = style.format_entries([bib.entries[key]])
    text = entry.text.render_as("text")
    assert notes[key] in text
    assert "consultado el" in text and "visited on" not in text
