"""The built book (`make book`): every chapter has the content guide's parts, every chart
has alt text and a table, every quiz rendered statically, and the build used no network."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import HTML, ROOT, soup


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        files += [entry["file"] for entry in part["chapters"]]
    return files


CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]-*.ipynb"))


def page(name: str):
    path = HTML / f"{name}.html"
    assert path.exists(), f"{name}.html was not built"
    text = path.read_text(encoding="utf-8")
    return text, soup(text)


@pytest.mark.built
def test_every_toc_file_was_built():
    for name in toc_files():
        assert (HTML / f"{name}.html").exists(), name


def test_every_chapter_is_in_the_toc():
    listed = set(toc_files())
    assert {f"chapters/{c}" for c in CHAPTERS} <= listed


@pytest.mark.built
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_follows_the_content_guide(chapter):
    text, parsed = page(f"chapters/{chapter}")
    assert re.search(r"Last reviewed:\s*\d{4}-\d{2}-\d{2}", text), "no 'Last reviewed' date"
    assert any(a["href"].endswith("notice.html") for a in parsed.select("a[href]")), "no link to the not-legal-advice notice"
    for heading in ("Learning objectives", "Perspectives", "What could change", "Key takeaways", "References"):
        assert re.search(rf">\s*{heading}\s*<", text, re.I), f"no '{heading}' section"
    assert parsed.select_one(".short-answer"), "no short-answer box"
    assert parsed.select_one(".ktl-quiz"), "the quiz did not render as static HTML"
    assert parsed.select_one(".facilitator"), "no facilitator notes"
    assert "footnote" in text or parsed.select_one(".footnote-list"), "no references"


@pytest.mark.built
def test_every_image_has_alt_text_and_every_chart_a_table():
    for path in HTML.rglob("*.html"):
        if "_static" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for img in soup(text).find_all("img"):
            if any("logo" in c for c in img.get("class", [])):
                continue
            assert img.get("alt", "").strip(), f"{path.relative_to(HTML)}: image without alt text: {img.get('src', '')[:60]}"
        charts = text.count('class="ktl-chart"')
        assert text.count("<details") >= charts, f"{path.relative_to(HTML)}: chart without a data table"


@pytest.mark.built
def test_no_widget_state_in_the_static_book():
    for path in HTML.rglob("*.html"):
        assert "application/vnd.jupyter.widget-state+json" not in path.read_text(encoding="utf-8"), path


@pytest.mark.built
def test_quiz_count_matches_the_bank():
    from knowtheline.quiz import book_bank

    built = sum(path.read_text(encoding="utf-8").count('class="ktl-question"')
                for path in (HTML / "chapters").glob("*.html"))
    assert built == sum(len(q.questions) for q in book_bank().values())


@pytest.mark.built
def test_self_hosted_assets_were_copied():
    vendor = HTML / "_static" / "vendor"
    assert (vendor / "mathjax" / "tex-chtml.js").exists()
    assert (vendor / "require.min.js").exists()
    assert (vendor / "html-manager" / "embed-amd.js").exists()
    engine = HTML / "_static" / "ktl-quiz.js"
    assert engine.stat().st_size < 15_000, "the quiz engine must stay under 15 KB"


@pytest.mark.built
def test_no_markup_leaked_into_the_text():
    """Roles that failed to parse, or money read as maths ("$1,000 ... $2,000"), show up as
    raw text or math spans: none may reach a reader."""
    for path in HTML.rglob("*.html"):
        if "_static" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for leak in ("{footcite", "{cite", "{term}", "{ref}", "{doc}", 'class="math', "tex-chtml"):
            assert leak not in text, f"{path.relative_to(HTML)}: {leak}"
