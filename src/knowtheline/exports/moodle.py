"""Moodle XML ("Moodle XML format" question import), built with xml.etree.

One category per chapter ($course$/top/Know the Line/Chapter N). `single` and `scenario`
questions become `multichoice` with one correct answer; `multiple` becomes `multichoice`
with `single` false (each correct option an equal share of 100 %, each wrong one an equal
share of -100 %, so ticking everything scores 0); `true_false` becomes `truefalse`. Every
answer carries its own feedback, and the explanation is the general feedback.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from knowtheline.bank.model import Question, Quiz

from knowtheline.classroom.textutil import question_html

CATEGORY_ROOT = "$course$/top/Know the Line"


def fraction(share: int) -> str:
    """100 / share written as Moodle writes grade fractions (e.g. 33.33333)."""
    return format(100 / share, ".7g")


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = text
    return node


def _html(text: str) -> str:
    return escape(text, quote=False)


def _answer_fractions(q: Question) -> dict[str, str]:
    right = [o.id for o in q.shown_options if o.id in q.answer]
    wrong = [o.id for o in q.shown_options if o.id not in q.answer]
    if q.multiple:
        shares = {oid: fraction(len(right)) for oid in right}
        shares.update({oid: "-" + fraction(len(wrong)) for oid in wrong})
        return shares
    return {o.id: ("100" if o.id in q.answer else "0") for o in q.shown_options}


def _question(q: Question) -> ET.Element:
    kind = "truefalse" if q.type == "true_false" else "multichoice"
    node = ET.Element("question", {"type": kind})
    name = ET.SubElement(node, "name")
    ET.SubElement(name, "text").text = q.id
    _text(node, "questiontext", question_html(q))
    _text(node, "generalfeedback", f"<p>{_html(q.explanation)}</p>")
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "penalty").text = "0" if kind == "truefalse" else "0.3333333"
    ET.SubElement(node, "hidden").text = "0"
    ET.SubElement(node, "idnumber").text = q.id
    if kind == "multichoice":
        ET.SubElement(node, "single").text = "false" if q.multiple else "true"
        ET.SubElement(node, "shuffleanswers").text = "false"
        ET.SubElement(node, "answernumbering").text = "ABCD"
    fractions = _answer_fractions(q)
    for option in q.shown_options:
        if kind == "truefalse":  # Moodle requires the answer texts "true" and "false"
            answer = ET.SubElement(node, "answer", {"fraction": fractions[option.id], "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = option.id
        else:
            answer = ET.SubElement(node, "answer", {"fraction": fractions[option.id], "format": "html"})
            ET.SubElement(answer, "text").text = _html(option.text)
        _text(answer, "feedback", _html(option.feedback))
    tags = ET.SubElement(node, "tags")
    for tag in (*q.tags, f"chapter-{q.chapter}", q.difficulty):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return node


def _category(chapter: int) -> ET.Element:
    node = ET.Element("question", {"type": "category"})
    category = ET.SubElement(node, "category")
    ET.SubElement(category, "text").text = f"{CATEGORY_ROOT}/Chapter {chapter}"
    return node


def export(quiz: Quiz) -> bytes:
    """The quiz as a Moodle XML document (UTF-8 bytes)."""
    root = ET.Element("quiz")
    chapter = None
    for q in quiz.questions:
        if q.chapter != chapter:
            chapter = q.chapter
            root.append(_category(chapter))
        root.append(_question(q))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
