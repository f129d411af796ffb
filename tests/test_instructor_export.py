"""Every export format parses back, with an independent parser, to the bank's questions."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import soup
from knowtheline import exports as export_module
from knowtheline.bank import select
from knowtheline.bank.model import Quiz

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "tests" / "fixtures" / "instructor" / "bank"


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    bank = select.load(BANK, bib_files=[])
    return select.as_quiz(select.select(bank, select.Criteria()), "fixture", "Fixture & <export> {test}")


def expected(quiz: Quiz, true_false_texts: bool = True) -> list[dict]:
    """The bank's questions in the shape every parser below produces, options in the order
    learners are shown them (`shown_options`, the same as in the book)."""
    out = []
    for q in quiz.questions:
        out.append({
            "id": q.id, "prompt": norm(q.prompt), "explanation": norm(q.explanation),
            "options": [norm(o.text) if true_false_texts or q.type != "true_false" else o.id for o in q.shown_options],
            "feedback": [norm(o.feedback) for o in q.shown_options],
            "correct": [i for i, o in enumerate(q.shown_options) if o.id in q.answer],
        })
    return out


def html_text(fragment: str) -> str:
    return norm(soup(fragment).get_text(" "))


def split_question_html(fragment: str) -> tuple[str, str]:
    """(scenario text, prompt) from the LMS question HTML."""
    doc = soup(fragment)
    scenario = doc.find(class_="ktl-scenario")
    return (norm(scenario.get_text(" ")) if scenario else "", norm(doc.find(class_="ktl-prompt").get_text(" ")))


# --- Moodle XML -----------------------------------------------------------------------

def parse_moodle(data: bytes) -> list[dict]:
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    found = []
    for node in root.findall("question"):
        kind = node.get("type")
        if kind == "category":
            assert node.findtext("category/text").startswith("$course$/top/")
            continue
        assert kind in ("multichoice", "truefalse")
        assert node.find("questiontext").get("format") == "html"
        _, prompt = split_question_html(node.findtext("questiontext/text"))
        answers = node.findall("answer")
        fractions = [float(a.get("fraction")) for a in answers]
        if kind == "multichoice" and node.findtext("single") == "false":
            assert abs(sum(f for f in fractions if f > 0) - 100) < 0.01
            correct = [i for i, f in enumerate(fractions) if f > 0]
        else:
            assert sorted(fractions)[-1] == 100 and fractions.count(100) == 1
            correct = [fractions.index(100)]
        options = [a.findtext("text") if kind == "truefalse" else html_text(a.findtext("text")) for a in answers]
        found.append({
            "id": node.findtext("name/text"), "prompt": prompt,
            "explanation": html_text(node.findtext("generalfeedback/text")),
            "options": options, "feedback": [html_text(a.findtext("feedback/text")) for a in answers],
            "correct": correct,
        })
        assert node.findtext("idnumber") == found[-1]["id"]
    return found


def test_moodle_xml_round_trips(quiz):
    data = export_module.export(quiz, "moodle-xml")
    assert parse_moodle(data) == expected(quiz, true_false_texts=False)


def test_moodle_xml_escapes_markup(quiz):
    data = export_module.export(quiz, "moodle-xml")
    root = ET.fromstring(data)
    text = root.find("question[@type='multichoice']/questiontext/text").text
    assert "<script>" not in text and "&lt;script&gt;" in text  # shown as text in Moodle, never run


def test_moodle_true_false_is_native(quiz):
    root = ET.fromstring(export_module.export(quiz, "moodle-xml"))
    tf = [q for q in root.findall("question") if q.findtext("name/text") == "ch02-true"][0]
    assert tf.get("type") == "truefalse"
    assert {a.findtext("text"): a.get("fraction") for a in tf.findall("answer")} == {"true": "100", "false": "0"}


# --- GIFT (parsed by gift-pegjs, the GIFT grammar used by Moodle tooling) ---------------------

GIFT_SCRIPT = """
const parser = require("gift-pegjs");
let text = ""; process.stdin.on("data", d => text += d);
process.stdin.on("end", () => process.stdout.write(JSON.stringify(parser.parse(text))));
"""


def gift_parse(text: str) -> list[dict]:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed (needed for the gift-pegjs parser)")
    probe = subprocess.run([node, "-e", "require.resolve('gift-pegjs')"], cwd=ROOT, capture_output=True)
    if probe.returncode != 0:
        pytest.skip("npm package gift-pegjs is not installed (add gift-pegjs 1.0.2 to package.json)")
    done = subprocess.run([node, "-e", GIFT_SCRIPT], cwd=ROOT, input=text, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_gift_round_trips(quiz):
    parsed = gift_parse(export_module.export(quiz, "gift").decode("utf-8"))
    assert [p["title"] for p in parsed if p["type"] == "Category"] == ["$course$/top/Know the Line/Chapter 1",
                                                                       "$course$/top/Know the Line/Chapter 2"]
    found = []
    for p in (p for p in parsed if p["type"] != "Category"):
        assert p["stem"]["format"] == "html"
        _, prompt = split_question_html(p["stem"]["text"])
        item = {"id": p["title"], "prompt": prompt, "explanation": html_text(p["globalFeedback"]["text"])}
        if p["type"] == "TF":
            # GIFT {TRUE#shown if wrong#shown if right}: gift-pegjs names them by position
            wrong, right = html_text(p["trueFeedback"]["text"]), html_text(p["falseFeedback"]["text"])
            item.update(options=["true", "false"],
                        feedback=[right, wrong] if p["isTrue"] else [wrong, right],
                        correct=[0] if p["isTrue"] else [1])
        else:
            assert p["type"] == "MC"
            choices = p["choices"]
            item.update(options=[html_text(c["text"]["text"]) for c in choices],
                        feedback=[html_text(c["feedback"]["text"]) for c in choices],
                        correct=[i for i, c in enumerate(choices) if c["isCorrect"] or (c["weight"] or 0) > 0])
        found.append(item)
    assert found == expected(quiz, true_false_texts=False)


# --- QTI 1.2 (text2qti) ------------------------------------------------------------------

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def parse_qti(data: bytes) -> list[dict]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert "imsmanifest.xml" in names
    [assessment] = [n for n in names if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
    root = ET.fromstring(archive.read(assessment))
    found = []
    for item in root.iter(f"{QTI}item"):
        labels = item.findall(f".//{QTI}response_label")
        idents = [label.get("ident") for label in labels]
        texts = [html_text(label.findtext(f".//{QTI}mattext")) for label in labels]
        feedback = {fb.get("ident"): html_text(fb.findtext(f".//{QTI}mattext")) for fb in item.iter(f"{QTI}itemfeedback")}
        scoring = [c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None
                   and c.findtext(f"{QTI}setvar") == "100"]
        assert len(scoring) == 1
        condition = scoring[0].find(f"{QTI}conditionvar")
        negated = {v.text for v in condition.iter(f"{QTI}not") for v in v.iter(f"{QTI}varequal")}
        right = [v.text for v in condition.iter(f"{QTI}varequal") if v.text not in negated]
        question_html = item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text
        paragraphs = soup(question_html).find_all("p")
        found.append({"id": item.get("title"), "prompt": norm(paragraphs[-1].get_text(" ")),
                      "explanation": feedback["general_fb"], "options": texts,
                      "feedback": [feedback[f"{i}_fb"] for i in idents],
                      "correct": sorted(idents.index(r) for r in right)})
    return found


def test_qti_round_trips(quiz):
    assert parse_qti(export_module.export(quiz, "qti")) == expected(quiz)


def test_qti_works_without_home_config(quiz, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    export_module.export(quiz, "qti")
    assert not (tmp_path / ".text2qti.bespon").exists()


# --- HTML and Markdown ---------------------------------------------------------------------

def parse_html(text: str) -> list[dict]:
    doc = soup(text)
    keys = {li["value"]: li for li in doc.select(".ktl-sheet-key li.ktl-sheet-answer")}
    found = []
    for section in doc.select("section.ktl-sheet-question"):
        key = keys[section["data-number"]]
        qid = key["data-qid"]
        feedback = key.select("ul.ktl-sheet-feedback li")
        found.append({
            "id": qid, "prompt": norm(section.select_one(".ktl-sheet-prompt").get_text()),
            "explanation": norm(key.select_one(".ktl-explanation").get_text()),
            "options": [norm(li.select_one(".ktl-text").get_text()) for li in section.select("ol.ktl-sheet-options li")],
            "feedback": [norm(li.select_one(".ktl-feedback").get_text()) for li in feedback],
            "correct": [i for i, li in enumerate(feedback) if li["data-correct"] == "true"],
        })
    return found


def test_html_round_trips(quiz):
    text = export_module.export(quiz, "html").decode("utf-8")
    assert parse_html(text) == expected(quiz)
    assert "<script>" not in text


def test_html_without_answer_key_has_no_answers(quiz):
    text = export_module.export(quiz, "html", answer_key=False).decode("utf-8")
    doc = soup(text)
    assert len(doc.select("section.ktl-sheet-question")) == len(quiz.questions)
    assert not doc.select(".ktl-sheet-key")
    assert "Right: force is an element." not in doc.get_text()


def _inline_text(token) -> str:
    return norm("".join(child.content for child in token.children if child.type in ("text", "code_inline")))


def parse_markdown(text: str) -> list[dict]:
    tokens = MarkdownIt("commonmark").parse(text)
    blocks = []  # (kind, text) for headings, paragraphs and list items, in order
    for i, tok in enumerate(tokens):
        if tok.type == "inline":
            parent = tokens[i - 1].type
            kind = {"heading_open": tokens[i - 1].tag}.get(parent, "item" if tokens[i - 2].type == "list_item_open" else "p")
            blocks.append((kind, _inline_text(tok)))
    questions, keys, current, in_key = [], {}, None, False
    for kind, text in blocks:
        if kind == "h2":
            in_key = text == "Answer key"
            current = None if in_key else {"options": []}
            if current is not None:
                questions.append(current)
        elif kind == "h3":  # "Question N · id · difficulty"
            number, qid, _ = (part.strip() for part in text.split("·"))
            current = {"id": qid, "feedback": [], "correct": [], "paras": []}
            keys[number] = current
        elif current is None:
            continue
        elif not in_key and kind == "p" and "meta" not in current:
            current["meta"] = text  # "Chapter N · kind of question"
        elif not in_key and kind == "p":
            current["prompt"] = text  # the scenario is a blockquote paragraph before it
        elif not in_key and kind == "item":
            current["options"].append(text.split(". ", 1)[1])
        elif in_key and kind == "p":
            current["paras"].append(text)
        elif in_key and kind == "item":
            body = text.split(". ", 1)[1]
            if body.startswith("(correct) "):
                current["correct"].append(len(current["feedback"]))
                body = body[len("(correct) "):]
            current["feedback"].append(body)
    keyed = [keys[f"Question {n}"] for n in range(1, len(questions) + 1)]
    return [{"id": k["id"], "prompt": q["prompt"], "explanation": k["paras"][1],
             "options": q["options"], "feedback": k["feedback"], "correct": k["correct"]}
            for q, k in zip(questions, keyed)]


def test_markdown_round_trips(quiz):
    text = export_module.export(quiz, "markdown").decode("utf-8")
    assert parse_markdown(text) == expected(quiz)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_questions_carry_no_id_or_difficulty(quiz, fmt):
    """What learners are handed (a sheet without its key) names no bank id, difficulty or
    option id; with the key, the ids and difficulties are in the key only."""
    bare = export_module.export(quiz, fmt, answer_key=False).decode("utf-8")
    for q in quiz.questions:
        assert q.id not in bare
        assert f"· {q.difficulty}" not in bare and f">{q.difficulty}<" not in bare
    assert "data-option" not in bare
    full = export_module.export(quiz, fmt).decode("utf-8")
    key_start = full.index("Answer key")
    assert all(q.id not in full[:key_start] and q.id in full[key_start:] for q in quiz.questions)


def test_scenario_cards_name_no_ids(quiz):
    from knowtheline.classroom.cards import Cards, scenario_questions

    bank = select.load(BANK, bib_files=[])
    html = Cards(tuple(scenario_questions(bank))).html
    cards = html[: html.index('<section class="ktl-card-answers"')]
    assert "Card 1" in cards and all(q.id not in cards for q in scenario_questions(bank))


def test_markdown_escapes_html():
    from knowtheline.exports.text import markdown_escape

    rendered = MarkdownIt("commonmark").render(markdown_escape("1. <b>x</b> *y* - z"))
    assert "<b>" not in rendered and "<em>" not in rendered and "<ol" not in rendered


def test_lms_formats_refuse_no_answer_key(quiz):
    with pytest.raises(export_module.ExportError):
        export_module.export(quiz, "gift", answer_key=False)


def test_qti_handles_two_digit_question_numbers(quiz):
    """Continuation lines must line up with the text after "10.  ", not "1.  "."""
    from dataclasses import replace

    scene = quiz.question("ch02-scene-ice")
    many = Quiz("many", "Many", tuple(replace(scene, id=f"ch02-scene-{n}", prompt=f"{scene.prompt} ({n})")
                                      for n in range(12)))
    assert [q["id"] for q in parse_qti(export_module.export(many, "qti"))] == [q.id for q in many.questions]
