"""The LMS exports against schemas, so a malformed file fails here (the parse-back tests in
test_instructor_export.py check the content):

* QTI 1.2 (Canvas): tests/schemas/qti12-asi.xsd, written from the IMS QTI ASI 1.2
  specification for the elements our export uses. No QTI 1.2 schema ships on PyPI, and
  pyslet's QTI v1 reader (last released 2017) installs on Python 3.11 but does not
  validate: it reads a file with an unknown element or a response_label without its
  required ident without complaint, so it cannot catch a malformed export.
* Moodle XML: tests/schemas/moodle-xml.xsd, written from the structure of Moodle's own
  question/format/xml test fixtures (Moodle publishes no schema).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import xmlschema

from knowtheline import exports as export_module
from knowtheline.bank import select

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "tests" / "schemas"
BANK = ROOT / "tests" / "fixtures" / "instructor" / "bank"


@pytest.fixture(scope="module")
def quiz():
    bank = select.load(BANK, bib_files=[])
    return select.as_quiz(select.all_questions(bank), "fixture", "Fixture & <export> {test}")


@pytest.fixture(scope="module")
def qti_schema():
    return xmlschema.XMLSchema(SCHEMAS / "qti12-asi.xsd")


@pytest.fixture(scope="module")
def moodle_schema():
    return xmlschema.XMLSchema11(SCHEMAS / "moodle-xml.xsd")


def qti_assessment(quiz) -> str:
    """The assessment XML inside the QTI zip (the file the manifest's resource names)."""
    with zipfile.ZipFile(io.BytesIO(export_module.export(quiz, "qti"))) as z:
        manifest = z.read("imsmanifest.xml").decode("utf-8")
        href = re.search(r'<resource [^>]*type="imsqti_xmlv1p2"[^>]*>\s*<file href="([^"]+)"', manifest).group(1)
        return z.read(href).decode("utf-8")


def test_qti_export_is_valid_qti_12(quiz, qti_schema):
    text = qti_assessment(quiz)
    qti_schema.validate(text)
    assert text.count("<item ") == len(quiz.questions)


QTI_BREAKAGES = {
    "a response label without its ident": (r'<response_label ident="[^"]+">', "<response_label>"),
    "an element QTI 1.2 does not have": (r"<render_choice>", "<render_choice><choice/>"),
    "text outside material": (r"<presentation>\s*<material>\s*(<mattext.*?</mattext>)\s*</material>", r"<presentation>\1"),
    "an answer that is not an option": (r'(<varequal respident="[^"]+">)[^<]+', r"\1no-such-option"),
    "an unknown cardinality": (r'rcardinality="\w+"', 'rcardinality="Many"'),
    "feedback that does not exist": (r'linkrefid="[^"]+"', 'linkrefid="nowhere"'),
}


@pytest.mark.parametrize("what", QTI_BREAKAGES)
def test_malformed_qti_fails(quiz, qti_schema, what):
    pattern, replacement = QTI_BREAKAGES[what]
    text = qti_assessment(quiz)
    broken, count = re.subn(pattern, replacement, text, count=1, flags=re.DOTALL)
    assert count == 1, f"the breakage '{what}' did not apply"
    assert not qti_schema.is_valid(broken), what


def test_moodle_export_is_valid(quiz, moodle_schema):
    text = export_module.export(quiz, "moodle-xml").decode("utf-8")
    moodle_schema.validate(text)
    assert text.count('<question type="multichoice">') + text.count('<question type="truefalse">') == len(quiz.questions)


MOODLE_BREAKAGES = {
    "a fraction above 100": (r'fraction="100"', 'fraction="150"'),
    "a true/false answer that is not true or false": (r"<text>true</text>", "<text>yes</text>"),
    "a single-answer question with no right answer": (r'(<single>true</single>(?:(?!</question>).)*?)fraction="100"', r'\1fraction="0"'),
    "a question without its text": (r'<questiontext format="html">\s*<text>.*?</text>\s*</questiontext>', ""),
    "a question type we do not write": (r'type="multichoice"', 'type="essay"'),
    "an empty name": (r"<name>\s*<text>[^<]+</text>", "<name><text> </text>"),
    "a category outside the course": (r"<text>\$course\$/", "<text>/"),
    "an unknown text format": (r'format="html"', 'format="word"'),
}


@pytest.mark.parametrize("what", MOODLE_BREAKAGES)
def test_malformed_moodle_xml_fails(quiz, moodle_schema, what):
    pattern, replacement = MOODLE_BREAKAGES[what]
    text = export_module.export(quiz, "moodle-xml").decode("utf-8")
    broken, count = re.subn(pattern, replacement, text, count=1, flags=re.DOTALL)
    assert count == 1, f"the breakage '{what}' did not apply"
    assert not moodle_schema.is_valid(broken), what
