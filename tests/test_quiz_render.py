"""The renderings of a quiz's learner view: static HTML (practice with a print answer key,
or graded with no answers anywhere), the live widget in both modes, and the results file
they produce."""

from __future__ import annotations

import json
from pathlib import Path
from markupsafe import escape

import pytest

from conftest import make_results, results_record, soup
from knowtheline.quiz import QuizDisplay, html, learner_view, results
from knowtheline.quiz.widget import QuizWidget


class Collect:
    """Start tags (with attributes), scripts and text of a fragment."""

    def __init__(self, markup: str):
        page = soup(markup)
        self.tags = [(el.name, {k: " ".join(v) if isinstance(v, list) else v for k, v in el.attrs.items()})
                     for el in page.find_all(True)]
        self.scripts = [s.get_text() for s in page.find_all("script")]
        self.text = [t for t in page.find_all(string=True) if t.parent.name != "script"]


def parse(markup: str) -> Collect:
    return Collect(markup)


def letter(quiz, qid: str, oid: str) -> str:
    """The letter option `oid` of question `qid` is shown with (what the page and files use)."""
    return quiz.question(qid).letters[oid]


def number(quiz, qid: str) -> str:
    return f"q{[q.id for q in quiz.questions].index(qid) + 1}"


def test_html_has_real_inputs_labels_fieldsets_and_live_regions(fixture_quiz):
    page = parse(html.render(fixture_quiz))
    tags = page.tags
    inputs = [a for t, a in tags if t == "input" and a.get("type") in ("radio", "checkbox")]
    labels = {a["for"] for t, a in tags if t == "label" and "for" in a}
    assert len(inputs) == sum(len(q.options) for q in fixture_quiz.questions)
    assert all(i["id"] in labels for i in inputs)
    assert sum(t == "fieldset" for t, _ in tags) == len(fixture_quiz.questions)
    assert sum(t == "legend" for t, _ in tags) == len(fixture_quiz.questions)
    multi = [i for i in inputs if i["name"] == f"ktl-ch01-{number(fixture_quiz, 'ch01-multi')}"]
    assert len(multi) == 3 and {i["type"] for i in multi} == {"checkbox"}
    live = [a for t, a in tags if a.get("aria-live") == "polite"]
    assert "Question 2 of 4 · Choose all that apply" in " ".join(page.text)  # without JavaScript too
    assert len(live) == len(fixture_quiz.questions) + 2  # each question's feedback, the score, the saved note
    assert all(a.get("type") == "button" for t, a in tags if t == "button" and "ktl-check" not in a.get("class", ""))


def test_quiz_text_is_escaped(fixture_quiz):
    markup = html.render(fixture_quiz)
    page = parse(markup)
    # The prompt's <script> and the option's attribute injection arrive as text, not markup.
    assert sum(t == "script" for t, _ in page.tags) == 1  # only the JSON data block
    assert all("onerror" not in attrs for _, attrs in page.tags)
    assert any("<script>alert(1)</script>" in t for t in page.text)
    assert any('Knowingly " onerror="alert(2)' in t for t in page.text)
    # The JSON block cannot close its own <script> element early.
    [data] = page.scripts
    assert "<" not in data and ">" not in data
    payload = json.loads(data)
    single = next(q for q in payload["questions"] if q["id"] == number(fixture_quiz, "ch01-single"))
    assert single["feedback"][letter(fixture_quiz, "ch01-single", "b")] == "No: <img src=x onerror=alert(3)>"


def test_static_data_matches_bank(fixture_quiz):
    [data] = parse(html.render(fixture_quiz)).scripts
    payload = json.loads(data)
    assert payload["version"] == fixture_quiz.version and payload["mode"] == "practice"
    assert [q["id"] for q in payload["questions"]] == ["q1", "q2", "q3", "q4"]
    for q, shown in zip(fixture_quiz.questions, payload["questions"]):
        letters = q.letters
        assert shown["answer"] == sorted(letters[a] for a in q.answer)
        assert shown["feedback"] == {letters[o.id]: o.feedback for o in q.options}
        assert [o["text"] for o in shown["options"]] == [o.text for o in q.shown_options]


def leaks(markup: str, quiz) -> list[str]:
    """Bank ids, difficulties and option ids of `quiz` found anywhere in `markup` (text,
    attributes or script data)."""
    found = [q.id for q in quiz.questions if q.id in markup]
    found += [f"difficulty {q.difficulty}" for q in quiz.questions if f'"{q.difficulty}"' in markup]
    found += [f"option id {o.id}" for q in quiz.questions if q.type != "true_false" for o in q.options
              if f'value="{o.id}"' in markup or f'"id": "{o.id}"' in markup]
    return found


def test_no_bank_ids_difficulty_or_option_ids_on_the_page(fixture_quiz):
    """View-source of the book's quiz shows neutral numbers and letters only."""
    for mode in ("practice", "graded"):
        markup = html.render(fixture_quiz, mode)
        assert leaks(markup, fixture_quiz) == [], mode
        assert 'data-qid="q1"' in markup and 'value="A"' in markup


def test_graded_page_holds_no_answers_feedback_or_explanations(fixture_quiz):
    markup = html.render(fixture_quiz, "graded", attempts=2)
    [data] = parse(markup).scripts
    payload = json.loads(data)
    assert payload["mode"] == "graded" and payload["attempts"] == 2
    assert all(set(q) == {"id", "multiple", "options"} for q in payload["questions"])
    assert "ktl-answer-key" not in markup and "Answer key" not in markup  # nothing for print preview either
    for q in fixture_quiz.questions:
        assert q.explanation not in markup
        for o in q.options:
            assert o.feedback.replace("<", "\\u003c").replace(">", "\\u003e") not in markup
            assert escape(o.feedback) not in markup
    assert markup.count("Submit answer") == 4 + 1 and "Check answer" not in markup  # 4 buttons + the help text
    assert "Submitted: 0 of 4 questions." in markup


def test_print_answer_key_lists_every_answer_at_the_end(fixture_quiz):
    markup = html.render(fixture_quiz)
    key = markup[markup.index('class="ktl-answer-key"'):]
    assert markup.index('class="ktl-answer-key"') > markup.rindex('class="ktl-question"')
    for q in fixture_quiz.questions:
        for a in q.answer:
            text = q.option(a).text.replace('"', "&quot;")
            assert f"{q.letters[a]}. {text}" in key
    # Inline, the questions carry no marker of which option is right.
    body = markup[: markup.index('class="ktl-answer-key"')]
    assert "correct" not in body.lower().replace("correct.", "").replace("score: 0 of 4 correct", "")


def test_options_are_shown_in_a_fixed_shuffle(fixture_quiz):
    single, multi, tf, _ = fixture_quiz.questions
    assert [o.id for o in tf.shown_options] == ["true", "false"]
    assert sorted(o.id for o in multi.shown_options) == ["a", "b", "c"]
    assert multi.shown_options == multi.shown_options  # stable
    markup = html.render(fixture_quiz)
    texts = [markup.index(escape(o.text)) for o in multi.shown_options]
    inputs = [markup.index(f'id="ktl-ch01-q2-{x}"') for x in "ABC"]
    assert texts == sorted(texts) and inputs == sorted(inputs)


def test_display_bundle_static_build_has_no_widget(fixture_quiz, monkeypatch):
    monkeypatch.setenv("KNOWTHELINE_STATIC_BUILD", "1")
    bundle = QuizDisplay(learner_view(fixture_quiz))._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}


def test_display_bundle_live_has_widget_and_html(fixture_quiz, monkeypatch):
    monkeypatch.delenv("KNOWTHELINE_STATIC_BUILD", raising=False)
    bundle = QuizDisplay(learner_view(fixture_quiz))._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="ktl-quiz"' in bundle["text/html"]


def test_widget_is_the_book_quiz_module_with_its_html_and_style(fixture_quiz):
    static = Path(html.__file__).resolve().parent.parent / "static"
    quiz = QuizWidget(learner_view(fixture_quiz), learner="Ana")
    assert quiz._esm == (static / "ktl-quiz.js").read_text(encoding="utf-8")  # one engine, unchanged
    assert "export function render" in quiz._esm and "export default" in quiz._esm
    assert quiz._css == (static / "ktl-quiz.css").read_text(encoding="utf-8")
    page = parse(quiz.html)
    assert 'data-live="1"' in quiz.html and "Save my results" in quiz.html and "Download my results" not in quiz.html
    assert not any("ktl-answer-key" in a.get("class", "") for _, a in page.tags)
    assert [a["value"] for t, a in page.tags if "ktl-learner-name" in a.get("class", "")] == ["Ana"]
    assert quiz.state == {"v": 2, "answers": {}, "learner": "Ana"}
    other = QuizWidget(learner_view(fixture_quiz))  # a quiz shown twice: no clashing ids
    ids = lambda w: {a["id"] for _, a in parse(w.html).tags if "id" in a}
    assert not ids(quiz) & ids(other)


def test_widget_saves_the_modules_record_without_overwriting(fixture_quiz, tmp_path):
    view = learner_view(fixture_quiz)
    quiz = QuizWidget(view, results_dir=tmp_path / "results")
    right = letter(fixture_quiz, "ch01-single", "a")
    record = results_record(view["quiz"], view["version"], "practice",
                            [{"question": "q1", "chosen": [right], "attempts": 1}], "Ana María",
                            score={"correct": 1, "answered": 1, "total": 4})
    quiz.request = {"record": record, "file": "knowtheline-ch01-Ana-Mar-a.json", "at": 1}
    first = Path(quiz.saved["path"])
    quiz.request = {"record": record, "file": "knowtheline-ch01-Ana-Mar-a.json", "at": 2}
    second = Path(quiz.saved["path"])
    assert first.name == "knowtheline-ch01-Ana-Mar-a.json" and second.name == "knowtheline-ch01-Ana-Mar-a-2.json"
    assert first.parent == tmp_path / "results"
    assert json.loads(first.read_text(encoding="utf-8")) == record == json.loads(second.read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, file, problem", [
    ({"answers": [{"question": "q1", "chosen": ["A", "B"], "attempts": 1}]}, "ok.json", "checksum"),
    ({"quiz": "ch02"}, "ok.json", "quiz 'ch02'"),
    ({"format": "something else"}, "ok.json", "not a Know the Line results record"),
    ({}, "../escape.json", "not a plain results file name"),
    ({}, ".hidden.json", "not a plain results file name"),
])
def test_widget_refuses_a_bad_record_and_says_why(fixture_quiz, tmp_path, change, file, problem):
    view = learner_view(fixture_quiz)
    quiz = QuizWidget(view, results_dir=tmp_path / "results")
    record = results_record(view["quiz"], view["version"], "practice", [], "Ana", score={"correct": 0, "answered": 0, "total": 4})
    quiz.request = {"record": dict(record, **change), "file": file}
    assert problem in quiz.saved["error"] and "path" not in quiz.saved
    assert not list(tmp_path.rglob("*.json"))


def test_results_file_is_in_the_learners_terms(fixture_quiz):
    record = make_results(fixture_quiz, {"ch01-single": ["b"], "ch01-multi": ["a", "c"]}, {"ch01-single": 2})
    assert record["answers"] == [
        {"question": "q1", "chosen": [letter(fixture_quiz, "ch01-single", "b")], "attempts": 2},
        {"question": "q2", "chosen": sorted(letter(fixture_quiz, "ch01-multi", o) for o in "ac"), "attempts": 1}]
    assert record["score"]["correct"] == 0
    assert leaks(json.dumps(record), fixture_quiz) == []


def test_results_checksum_detects_edits(fixture_quiz):
    record = make_results(fixture_quiz, {"ch01-single": ["b"]}, {"ch01-single": 2})
    edited = dict(record, score={"correct": 1, "answered": 1, "total": 4})
    assert results.checksum(edited) != record["checksum"]


def test_right_answer_is_not_usually_shown_first():
    """Writers tend to put the right answer first; learners must not be able to guess it."""
    from knowtheline.quiz import book_bank

    questions = [q for quiz in book_bank().values() for q in quiz.questions if q.type != "true_false"]
    first = sum(q.shown_options[0].id in q.answer for q in questions)
    assert first <= 0.4 * len(questions), f"{first} of {len(questions)} questions show a right answer first"
