"""The renderings of a quiz's learner view: static HTML (practice with a print answer key,
or graded with no answers anywhere), the live widget in both modes, and the results file
they produce."""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser

from knowtheline.quiz import QuizDisplay, html, learner_view, results
from knowtheline.quiz.widget import QuizWidget


class Collect(HTMLParser):
    """Records start tags (with attributes), scripts and text."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self.scripts, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def parse(markup: str) -> Collect:
    p = Collect()
    p.feed(markup)
    return p


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
    assert len(live) == len(fixture_quiz.questions) + 1  # each question's feedback + the score
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


def test_widget_checks_answers_gives_feedback_and_keeps_score(fixture_quiz, tmp_path):
    quiz = QuizWidget(learner_view(fixture_quiz), results_dir=tmp_path)
    single, multi, tf, scene = quiz.items
    single.choices.value = letter(fixture_quiz, "ch01-single", "b")
    assert single.check() is False
    assert "Not quite" in single.feedback.value and "&lt;img src=x" in single.feedback.value
    single.choices.value = letter(fixture_quiz, "ch01-single", "a")
    assert single.check() is True
    assert "Right: force is an element." in single.feedback.value
    boxes = {o["id"]: box for o, box in zip(multi.item["options"], multi.choices)}
    boxes[letter(fixture_quiz, "ch01-multi", "a")].value = True
    assert multi.check() is False
    boxes[letter(fixture_quiz, "ch01-multi", "b")].value = True
    assert multi.check() is True
    tf.choices.value = letter(fixture_quiz, "ch01-tf", "true")
    tf.check()
    assert "Score: 2 of 4" in quiz.score.value
    assert scene.check() is None and "Choose an answer first" in scene.feedback.value


def test_graded_widget_shows_no_answers_and_locks_after_the_allowed_submissions(fixture_quiz, tmp_path):
    quiz = QuizWidget(learner_view(fixture_quiz, "graded", attempts=2), results_dir=tmp_path)
    single = quiz.items[0]
    wrong, right = letter(fixture_quiz, "ch01-single", "b"), letter(fixture_quiz, "ch01-single", "a")
    single.choices.value = wrong
    assert single.check() is None  # nothing said about right or wrong
    assert "submit again once more" in single.feedback.value and not single.button.disabled
    single.choices.value = right
    single.check()
    assert "submitted and locked" in single.feedback.value
    assert single.button.disabled and single.choices.disabled
    single.check()  # locked: a third press changes nothing
    assert single.attempts == 2
    shown = " ".join(i.feedback.value for i in quiz.items) + quiz.score.value
    assert "Correct" not in shown and "Not quite" not in shown and "Right:" not in shown
    assert "Submitted: 1 of 4 questions." in quiz.score.value
    record = json.loads(quiz.save().read_text(encoding="utf-8"))
    assert record["mode"] == "graded" and "score" not in record
    assert record["answers"] == [{"question": "q1", "chosen": [right], "attempts": 2}]
    assert record["checksum"] == results.checksum(record)


def test_widget_starts_with_the_learner_name(fixture_quiz, tmp_path):
    assert QuizWidget(learner_view(fixture_quiz), results_dir=tmp_path, learner="Ana").learner.value == "Ana"


def test_widget_saves_results_without_overwriting(fixture_quiz, tmp_path):
    quiz = QuizWidget(learner_view(fixture_quiz), results_dir=tmp_path)
    right = letter(fixture_quiz, "ch01-single", "a")
    quiz.items[0].choices.value = right
    quiz.items[0].check()
    quiz.learner.value = "Ana María"
    first, second = quiz.save(), quiz.save()
    assert first != second and first.exists() and second.exists()
    record = json.loads(first.read_text(encoding="utf-8"))
    assert record["learner"] == "Ana María" and record["mode"] == "practice" and record["format_version"] == 2
    assert record["answers"] == [{"question": "q1", "chosen": [right], "attempts": 1}]
    assert record["score"] == {"correct": 1, "answered": 1, "total": 4}
    assert record["checksum"] == results.checksum(record)


def test_results_file_is_in_the_learners_terms(fixture_quiz):
    record = results.make(fixture_quiz, {"ch01-single": ["b"], "ch01-multi": ["a", "c"]}, {"ch01-single": 2})
    assert record["answers"] == [
        {"question": "q1", "chosen": [letter(fixture_quiz, "ch01-single", "b")], "attempts": 2},
        {"question": "q2", "chosen": sorted(letter(fixture_quiz, "ch01-multi", o) for o in "ac"), "attempts": 1}]
    assert record["score"]["correct"] == 0
    assert leaks(json.dumps(record), fixture_quiz) == []


def test_results_checksum_detects_edits(fixture_quiz):
    record = results.make(fixture_quiz, {"ch01-single": ["b"]}, {"ch01-single": 2})
    edited = dict(record, score={"correct": 1, "answered": 1, "total": 4})
    assert results.checksum(edited) != record["checksum"]


def test_right_answer_is_not_usually_shown_first():
    """Writers tend to put the right answer first; learners must not be able to guess it."""
    from knowtheline.quiz import book_bank

    questions = [q for quiz in book_bank().values() for q in quiz.questions if q.type != "true_false"]
    first = sum(q.shown_options[0].id in q.answer for q in questions)
    assert first <= 0.4 * len(questions), f"{first} of {len(questions)} questions show a right answer first"
