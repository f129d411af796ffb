"""The three renderings of a quiz: static HTML (with print answer key), live widget, and
the results file both of them produce."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from knowtheline.quiz import QuizDisplay, html, results
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


def test_html_has_real_inputs_labels_fieldsets_and_live_regions(fixture_quiz):
    page = parse(html.render(fixture_quiz))
    tags = page.tags
    inputs = [a for t, a in tags if t == "input" and a.get("type") in ("radio", "checkbox")]
    labels = {a["for"] for t, a in tags if t == "label" and "for" in a}
    assert len(inputs) == sum(len(q.options) for q in fixture_quiz.questions)
    assert all(i["id"] in labels for i in inputs)
    assert sum(t == "fieldset" for t, _ in tags) == len(fixture_quiz.questions)
    assert sum(t == "legend" for t, _ in tags) == len(fixture_quiz.questions)
    multi = [i for i in inputs if "ch01-multi" in i["name"]]
    assert {i["type"] for i in multi} == {"checkbox"}
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
    assert payload["questions"]["ch01-single"]["feedback"]["b"] == "No: <img src=x onerror=alert(3)>"


def test_static_data_matches_bank(fixture_quiz):
    [data] = parse(html.render(fixture_quiz)).scripts
    payload = json.loads(data)
    assert payload["version"] == fixture_quiz.version
    for q in fixture_quiz.questions:
        assert payload["questions"][q.id]["answer"] == list(q.answer)
        assert payload["questions"][q.id]["feedback"] == {o.id: o.feedback for o in q.options}


def test_print_answer_key_lists_every_answer_at_the_end(fixture_quiz):
    markup = html.render(fixture_quiz)
    key = markup[markup.index('class="ktl-answer-key"'):]
    assert markup.index('class="ktl-answer-key"') > markup.rindex('class="ktl-question"')
    for q in fixture_quiz.questions:
        for a in q.answer:
            text = q.option(a).text.replace('"', "&quot;")
            assert text in key
    # Inline, the questions carry no marker of which option is right.
    body = markup[: markup.index('class="ktl-answer-key"')]
    assert "correct" not in body.lower().replace("correct.", "").replace("score: 0 of 4 correct", "")


def test_options_are_shown_in_a_fixed_shuffle(fixture_quiz):
    single, multi, tf, _ = fixture_quiz.questions
    assert [o.id for o in tf.shown_options] == ["true", "false"]
    assert sorted(o.id for o in multi.shown_options) == ["a", "b", "c"]
    assert multi.shown_options == multi.shown_options  # stable
    markup = html.render(fixture_quiz)
    order = [o.id for o in multi.shown_options]
    positions = [markup.index(f'id="ktl-ch01-ch01-multi-{i}"') for i in order]
    assert positions == sorted(positions)


def test_display_bundle_static_build_has_no_widget(fixture_quiz, monkeypatch):
    monkeypatch.setenv("KNOWTHELINE_STATIC_BUILD", "1")
    bundle = QuizDisplay(fixture_quiz)._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}


def test_display_bundle_live_has_widget_and_html(fixture_quiz, monkeypatch):
    monkeypatch.delenv("KNOWTHELINE_STATIC_BUILD", raising=False)
    bundle = QuizDisplay(fixture_quiz)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="ktl-quiz"' in bundle["text/html"]


def test_widget_checks_answers_gives_feedback_and_keeps_score(fixture_quiz, tmp_path):
    quiz = QuizWidget(fixture_quiz, results_dir=tmp_path)
    single, multi, tf, scene = quiz.items
    single.choices.value = "b"
    assert single.check() is False
    assert "Not quite" in single.feedback.value and "&lt;img src=x" in single.feedback.value
    single.choices.value = "a"
    assert single.check() is True
    assert "Right: force is an element." in single.feedback.value
    boxes = {o.id: box for o, box in zip(multi.question.shown_options, multi.choices)}
    boxes["a"].value = True
    assert multi.check() is False
    boxes["b"].value = True
    assert multi.check() is True
    tf.choices.value = "true"
    tf.check()
    assert "Score: 2 of 4" in quiz.score.value
    assert scene.check() is None and "Choose an answer first" in scene.feedback.value


def test_widget_starts_with_the_learner_name(fixture_quiz, tmp_path):
    assert QuizWidget(fixture_quiz, results_dir=tmp_path, learner="Ana").learner.value == "Ana"


def test_widget_saves_results_without_overwriting(fixture_quiz, tmp_path):
    quiz = QuizWidget(fixture_quiz, results_dir=tmp_path)
    quiz.items[0].choices.value = "a"
    quiz.items[0].check()
    quiz.learner.value = "Ana María"
    first, second = quiz.save(), quiz.save()
    assert first != second and first.exists() and second.exists()
    record = json.loads(first.read_text(encoding="utf-8"))
    assert record["learner"] == "Ana María"
    assert record["answers"] == [{"question": "ch01-single", "chapter": 1, "chosen": ["a"], "correct": True, "attempts": 1}]
    assert record["score"] == {"correct": 1, "answered": 1, "total": 4}
    assert record["checksum"] == results.checksum(record)


def test_results_checksum_detects_edits(fixture_quiz):
    record = results.make(fixture_quiz, {"ch01-single": ["b"]}, {"ch01-single": 2})
    assert record["answers"][0]["correct"] is False
    edited = dict(record, score={"correct": 1, "answered": 1, "total": 4})
    assert results.checksum(edited) != record["checksum"]


def test_right_answer_is_not_usually_shown_first():
    """Writers tend to put the right answer first; learners must not be able to guess it."""
    from knowtheline.quiz import book_bank

    questions = [q for quiz in book_bank().values() for q in quiz.questions if q.type != "true_false"]
    first = sum(q.shown_options[0].id in q.answer for q in questions)
    assert first <= 0.4 * len(questions), f"{first} of {len(questions)} questions show a right answer first"
