"""Printable handouts as PDF, built offline with headless Chromium.

    knowtheline handouts --book _build/html --out handouts

makes `at-a-glance.pdf` (one page), `scenario-cards.pdf`, `quiz-sheets.pdf` (the questions),
`quiz-key.pdf` (their answer key, a separate file, so learners' copies never carry it) and
`know-the-line.pdf` (the whole built book). Each is first written as one self-contained HTML
page with print styles (tables whole and wrapped between words, no scroll boxes, nothing
split across pages that need not be, images fit the page, folded sections opened), then
printed by Chromium.
"""
