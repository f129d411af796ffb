"""Printable handouts: real PDFs from headless Chromium, checked page by page.

Needs Chromium and poppler-utils (pdftoppm, pdftotext). Without Chromium the test is
skipped, unless KNOWTHELINE_REQUIRE_BROWSER=1 (CI), when it fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import missing_tool

from knowtheline.handouts import __main__ as handouts
from knowtheline.handouts.pdf import BrowserMissing, find_chromium

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "tests" / "fixtures" / "instructor" / "bank"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def chromium():
    try:
        return find_chromium()
    except BrowserMissing as err:
        missing_tool(str(err))


@pytest.fixture(scope="module")
def poppler():
    missing = [tool for tool in ("pdftoppm", "pdftotext", "pdfinfo") if not shutil.which(tool)]
    if missing:
        missing_tool(f"poppler-utils missing: {', '.join(missing)}")


def fake_book(folder: Path) -> Path:
    """A two-page built book shaped like Jupyter Book's output: sidebar nav, article, a wide
    table, a closed <details>, an image in a subfolder."""
    (folder / "chapters").mkdir(parents=True)
    (folder / "_static").mkdir()
    (folder / "_static" / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="200"><rect width="1600" height="200" fill="#0072B2"/></svg>')
    nav = ('<nav class="bd-docs-nav"><a class="reference internal" href="index.html">Home</a>'
           '<a class="reference internal" href="chapters/one.html">One</a></nav>')
    (folder / "index.html").write_text(
        f"<html><head><title>Know the Line &#8212; Know the Line</title></head><body>{nav}<article class='bd-article'>"
        "<h1>Welcome page heading</h1><p>Intro.</p></article></body></html>")
    cells = "".join(f"<td>cell {i} with quite a lot of text that must wrap rather than run off the page</td>" for i in range(8))
    (folder / "chapters" / "one.html").write_text(
        f"<html><head><title>One</title></head><body>{nav}<article class='bd-article'><h1>Chapter one heading</h1>"
        f"<table><tr>{cells}</tr></table><details><summary>More</summary><p>Folded detail text</p></details>"
        "<img src='../_static/dot.svg' alt='bar'></article></body></html>")
    return folder


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_title(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Title:"))


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def assert_pages_not_blank(pdf: Path, tmp: Path) -> None:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp / pdf.stem)], check=True)
    images = sorted(tmp.glob(f"{pdf.stem}*.png"))
    assert len(images) == pages(pdf)
    for image in images:
        lo, hi = Image.open(image).convert("L").getextrema()
        assert lo < 200, f"{image.name} looks blank"


def test_handouts_print(chromium, poppler, tmp_path):
    out = tmp_path / "handouts"
    written = handouts.build(fake_book(tmp_path / "book"), out, bank_dir=BANK, root=ROOT)
    assert [p.name for p in written] == ["at-a-glance.pdf", "scenario-cards.pdf", "quiz-sheets.pdf", "quiz-key.pdf",
                                         "know-the-line.pdf"]
    for pdf in written:
        assert_pages_not_blank(pdf, tmp_path)

    assert pages(out / "at-a-glance.pdf") == 1
    glance = pdf_text(out / "at-a-glance.pdf")
    assert "at a glance" in glance and "287(g)" in glance and "Ch. 1" in glance

    cards = pdf_text(out / "scenario-cards.pdf")
    assert "Card 1" in cards and "Card 2" in cards and "Answers for the facilitator" in cards

    sheets = pdf_text(out / "quiz-sheets.pdf")
    assert "Question 8" in sheets and "Answer key" not in sheets and "Answer:" not in sheets  # learners' copy
    key = pdf_text(out / "quiz-key.pdf")
    # the key alone: answers numbered as on the sheets, without the sheets' questions
    assert "Answer key" in key and "Answer:" in key and "Question 8" in key
    assert "Pick the three right ones." in sheets and "Pick the three right ones." not in key
    assert key.count("Answer:") == sheets.count("Question ")  # one answer per question

    assert pdf_title(out / "know-the-line.pdf") == "Know the Line"  # once, not "Know the Line — Know the Line"
    book = pdf_text(out / "know-the-line.pdf")
    assert "Welcome page heading" in book and "Chapter one heading" in book
    assert "Folded detail text" in book  # <details> opened before printing
    assert "cell 7" in book  # the wide table wrapped instead of being cut off


def test_existing_pdfs_are_kept(chromium, poppler, tmp_path):
    out = tmp_path / "handouts"
    out.mkdir()
    (out / "at-a-glance.pdf").write_bytes(b"mine")
    written = handouts.build(None, out, bank_dir=BANK, root=ROOT)
    assert (out / "at-a-glance.pdf").read_bytes() == b"mine"
    assert written[0].name == "at-a-glance-2.pdf"


def test_missing_browser_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("KNOWTHELINE_CHROMIUM", "")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BrowserMissing):
        find_chromium()


def test_spanish_handouts_print(chromium, poppler, tmp_path):
    """The Spanish edition's handouts: the same sheets, in Spanish, as es-*.pdf."""
    out = tmp_path / "handouts"
    written = handouts.build(None, out, root=ROOT)
    spanish = [p for p in written if p.name.startswith("es-")]
    assert [p.name for p in spanish] == ["es-at-a-glance.pdf", "es-scenario-cards.pdf", "es-quiz-sheets.pdf",
                                         "es-quiz-key.pdf"]
    for pdf in spanish:
        assert_pages_not_blank(pdf, tmp_path)
    assert pages(out / "at-a-glance.pdf") == 1 and pages(out / "es-at-a-glance.pdf") == 1
    assert "de un vistazo" in pdf_text(out / "es-at-a-glance.pdf").lower()
    cards = pdf_text(out / "es-scenario-cards.pdf")
    assert "Tarjeta 1" in cards and "Respuestas para quien facilita" in cards and "Card 1" not in cards
    sheets, key = pdf_text(out / "es-quiz-sheets.pdf"), pdf_text(out / "es-quiz-key.pdf")
    assert "Pregunta 8" in sheets and "Respuesta:" not in sheets and "Question" not in sheets
    assert key.count("Respuesta:") == len(re.findall(r"^\s*Pregunta \d+$", sheets, flags=re.M))  # one per question
