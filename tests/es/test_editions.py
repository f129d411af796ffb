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
    assert {"index.html", "glossary.html", "corrections.html", "facilitators/index.html"} <= names


@pytest.mark.parametrize("page", ["index.html", "chapters/03-interfering-in-the-field.html", "facilitators/faq.html"])
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
