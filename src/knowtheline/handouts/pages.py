"""The handouts as standalone HTML pages, ready to print."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from knowtheline import i18n
from knowtheline.bank.model import Quiz
from knowtheline.bank.select import all_questions, as_quiz
from knowtheline.classroom.cards import render_cards
from knowtheline.exports.text import to_html
from knowtheline.render import render

#: Print rules for every handout: tables wrap instead of running off the page, rows,
#: figures and questions are not split, images fit, and folded sections are shown.
PRINT_CSS = """
@page { size: letter; margin: 14mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
th, td { border: 1px solid #777; padding: 4px 6px; vertical-align: top; overflow-wrap: normal; word-break: normal; hyphens: auto; white-space: normal !important; }
thead { display: table-header-group; }
tr, figure, img, svg, pre, blockquote, .ktl-card, .ktl-sheet-question, .admonition { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
img, svg, video { max-width: 100% !important; height: auto !important; }
pre { white-space: pre-wrap; }
details > summary { list-style: none; }
"""


def document(title: str, body: str = "", extra_css: str = "", head: str = "", heading: str = "", note: str = "",
             pages: list[str] = (), lang: str = "en") -> str:
    """A printable page (`templates/handout.html`) around `body`, `head` and the book's
    `pages` (one section each), HTML the package made itself (from its templates, Markdown
    or the built book); title, heading and note are text (escaped)."""
    return render("handout.html", lang=lang, title=title, body=Markup(body), head=Markup(head),
                  css=PRINT_CSS + extra_css, heading=heading, note=note, pages=[Markup(p) for p in pages])


def at_a_glance(source: Path, lang: str = "en") -> str:
    """The one-page comparison sheet, from `facilitators/at-a-glance.md` (landscape)."""
    import markdown

    body = markdown.markdown(source.read_text(encoding="utf-8"), extensions=["tables"])
    # One landscape page in either language (Spanish runs about a fifth longer than English).
    css = ("@page { size: letter landscape; margin: 10mm; } body { font-size: 9.5pt; line-height: 1.3; }"
           "th, td { padding: 3px 5px; } p { margin: 0.4em 0; }"
           "th:first-child, td:first-child { width: 12%; } h1 { font-size: 16pt; margin: 0 0 4px; }")
    return document(i18n.t(lang, "handouts.at_a_glance"), body, css, note=i18n.t(lang, "handouts.note"), lang=lang)


def _lang(bank: dict[str, Quiz]) -> str:
    return next(iter(bank.values())).lang if bank else "en"


def scenario_cards(bank: dict[str, Quiz]) -> str:
    lang = _lang(bank)
    title = i18n.t(lang, "handouts.scenario_cards")
    return document(title, render_cards(bank, lang).html, heading=title, lang=lang)


def _whole(bank: dict[str, Quiz], title_key: str) -> Quiz:
    """Every question of the bank as one quiz, in the bank's language."""
    lang = _lang(bank)
    return as_quiz(all_questions(bank), "bank", i18n.t(lang, title_key), lang)


def quiz_sheets(bank: dict[str, Quiz]) -> str:
    """Every question of the bank, chapter by chapter, for learners: no answers."""
    return to_html(_whole(bank, "handouts.quiz_sheets"), answer_key=False, extra_css=PRINT_CSS)


# The key on its own: the sheets' page with its questions left out (numbers match the sheets).
KEY_ONLY_CSS = ".ktl-sheet-question, main > h1 + p { display: none; } .ktl-sheet-key { break-before: auto; }"


def quiz_key(bank: dict[str, Quiz]) -> str:
    """The answer key to `quiz_sheets`, a separate file, so learners' copies never carry it."""
    return to_html(_whole(bank, "handouts.quiz_key"), answer_key=True, extra_css=PRINT_CSS + KEY_ONLY_CSS)
