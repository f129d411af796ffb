"""The built site: the Spanish edition at _build/html/es/, in Spanish, each page linked both
ways to its counterpart; its quizzes speak Spanish with no kernel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import HTML, built_pages, soup

pytestmark = pytest.mark.built

ES = HTML / "es"
ENGLISH_UI = ("Check answer", "Download my results", "Clear my answers", "Question 1 of", "Choose one answer",
              "Data table:", "Law as of", "Who the officer is")


def spanish_pages() -> list[Path]:
    return [p for p in built_pages() if p.is_relative_to(ES) and p.name not in ("genindex.html", "search.html")]


def test_every_chapter_and_page_is_built_in_spanish():
    names = {str(p.relative_to(ES)) for p in spanish_pages()}
    for n in range(1, 9):
        assert any(name.startswith(f"chapters/{n:02d}-") for name in names), n
    assert {"intro.html", "glossary.html", "corrections.html", "facilitators/index.html"} <= names


@pytest.mark.parametrize("page", ["intro.html", "chapters/03-interfering-in-the-field.html", "facilitators/faq.html"])
def test_language_switch_links_both_ways(page):
    english, spanish = HTML / page, ES / page
    doc = soup(spanish)
    assert doc.html["lang"] == "es"
    switch = doc.select_one("nav.ktl-lang-switch a[hreflang=en]")
    assert switch is not None and switch["lang"] == "en"
    assert (spanish.parent / switch["href"]).resolve() == english.resolve()
    back = soup(english).select_one("nav.ktl-lang-switch a[hreflang=es]")
    assert (english.parent / back["href"]).resolve() == spanish.resolve()
    assert soup(english).select_one('link[rel=alternate][hreflang=es]') is not None


def test_spanish_quizzes_carry_spanish_messages_and_no_english_interface():
    pages = [p for p in spanish_pages() if "ktl-quiz-data" in p.read_text(encoding="utf-8")]
    assert len(pages) == 8
    for page in pages:
        doc = soup(page)
        data = json.loads(doc.select_one(".ktl-quiz .ktl-quiz-data").string)
        assert data["lang"] == "es" and data["messages"]["correct"] == "Correcto."
        assert data["messages"]["file_prefix"] == "conozca-el-limite"
        quiz = doc.select_one(".ktl-quiz").get_text(" ")
        for phrase in ENGLISH_UI:
            assert phrase not in quiz, (page.name, phrase)


@pytest.mark.browser
def test_a_spanish_quiz_answers_in_spanish_and_its_results_file_grades(site, browser):
    """No kernel: wrong then right on a Spanish page gives the Spanish verdicts and each
    option's Spanish feedback; the downloaded file is named in Spanish and `quiz grade`
    reads it against the English bank."""
    from test_browser import a_wrong_option, first_single_question, quiz_data, wait_for

    from knowtheline.classroom import collect
    from knowtheline.quiz import book_bank

    browser.get(f"{site}/es/chapters/03-interfering-in-the-field.html")
    wait_for(lambda: browser.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    data = quiz_data(browser)
    form, q = first_single_question(browser)
    wrong, right = a_wrong_option(q), q["answer"][0]
    form.find_element("css selector", f"input[value='{wrong}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    feedback = form.find_element("css selector", ".ktl-feedback")
    assert "No exactamente" in feedback.text and q["feedback"][wrong] in feedback.text
    form.find_element("css selector", f"input[value='{right}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    assert "Correcto." in feedback.text and q["explanation"] in feedback.text
    assert browser.find_element("css selector", ".ktl-score").text.startswith("Puntaje: 1 de ")
    browser.find_element("css selector", ".ktl-quiz .ktl-learner-name").send_keys("José Núñez")
    browser.find_element("css selector", ".ktl-quiz .ktl-download").click()
    wait_for(lambda: any(p.suffix == ".json" for p in browser.downloads.iterdir()))
    [path] = [p for p in browser.downloads.iterdir() if p.suffix == ".json"]
    assert path.name == f"conozca-el-limite-{data['quiz']}-Jose-Nunez.json"
    assert "Se descargó" in browser.find_element("css selector", ".ktl-saved").text
    bank = book_bank()
    questions = {x.id: x for quiz in bank.values() for x in quiz.questions}
    graded, warnings = collect.parse(path.read_bytes(), path.name, collect.expected_quizzes(bank, []), questions)
    [(qid, picks)] = graded.chosen.items()
    assert not warnings and questions[qid].is_correct(picks)
