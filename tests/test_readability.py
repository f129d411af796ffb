"""The readability measure reads what a reader reads: prose, not tables, code, facilitator
notes or citation keys; abbreviations do not end sentences."""

from __future__ import annotations

from pathlib import Path

from knowtheline import readability

PAGE = """(ch09)=
# 9. A test chapter

*Last reviewed: 2026-12-03.* See {doc}`../notice`.

Officers work for 18 U.S.C. § 111 cases in Cal. courts {footcite:p}`usc-18-111`. A {term}`detainer <Detainer>` is a request.

- A list item without a full stop
- Another item

```{list-table} Table words must not count
* - Tablewordone tablewordtwo
```

:::{admonition} Common misconception
:class: warning misconception
Admonition prose counts.
:::

:::{dropdown} For facilitators
:class-container: facilitator
Facilitatorword should not count.
:::

As of {asof}`2026-12-03`, it was so.
"""


def test_narrative_keeps_prose_and_drops_tables_code_notes_and_keys(tmp_path):
    page = tmp_path / "ch.md"
    page.write_text(PAGE, encoding="utf-8")
    sents = readability.sentences(readability._strip_blocks(readability.markdown_of(page)))
    text = " ".join(sents)
    assert "Admonition prose counts." in text
    assert "As of December 3, 2026, it was so." in text
    assert "A detainer is a request." in text
    for absent in ("Tablewordone", "Facilitatorword", "usc-18-111", "{", "ch09", ":class"):
        assert absent not in text
    # "U.S.C." and "Cal." do not end sentences; list items end where they end on the page.
    assert "Officers work for 18 USC § 111 cases in Cal courts." in sents
    assert "A list item without a full stop." in sents and "Another item." in sents


def test_score_flags_long_sentences(tmp_path):
    page = tmp_path / "long.md"
    page.write_text(" ".join(["word"] * 40) + ".\n\nShort one.\n", encoding="utf-8")
    score = readability.score(page)
    assert score.sentences == 2 and score.long_share == 0.5 and not score.ok
    assert score.longest[0][0] == 40


def test_every_chapter_meets_the_plain_language_target():
    root = Path(__file__).resolve().parents[1]
    misses = [f"{s.path}: grade {s.grade}, {s.long_share:.1%} long" for s in
              (readability.score(p) for p in sorted((root / "chapters").glob("[0-9][0-9]-*.ipynb"))) if not s.ok]
    assert not misses, "chapters above grade 9.0 or with over 2% of sentences over 35 words:\n" + "\n".join(misses)


def test_abbreviations_match_whole_words_only(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("The law is federal. Help is local. See Smith et al. for more. It went up.\n", encoding="utf-8")
    sents = readability.sentences(readability._strip_blocks(readability.markdown_of(page)))
    assert sents == ["The law is federal.", "Help is local.", "See Smith et al for more.", "It went up."]


def test_every_quiz_meets_the_plain_language_target():
    root = Path(__file__).resolve().parents[1]
    scores = [readability.score(p) for p in sorted((root / "quizzes").glob("ch*.yaml"))]
    assert len(scores) == 8 and all(s.sentences > 50 for s in scores), "quiz text was not read"
    misses = [f"{s.path}: grade {s.grade}, {s.long_share:.1%} long" for s in scores if not s.ok]
    assert not misses, "quiz text above grade 9.0 or with long sentences:\n" + "\n".join(misses)


def test_every_spanish_chapter_and_quiz_meets_the_fernandez_huerta_target():
    root = Path(__file__).resolve().parents[1]
    paths = sorted((root / "es" / "chapters").glob("[0-9][0-9]-*.ipynb")) + sorted((root / "quizzes" / "es").glob("ch*.yaml"))
    scores = [readability.score(p) for p in paths]
    assert len(scores) == 16 and all(s.lang == "es" and s.sentences > 50 for s in scores), "Spanish text was not read"
    misses = [f"{s.path}: {s.measure}, {s.long_share:.1%} long" for s in scores if not s.ok]
    assert not misses, ("Spanish text below Fernández-Huerta 60 or with over 2% of sentences over 35 words:\n"
                        + "\n".join(misses))


def test_spanish_is_scored_on_its_own_scale(tmp_path):
    page = tmp_path / "es" / "p.md"
    page.parent.mkdir()
    page.write_text("El agente le pide que se aleje. Usted puede grabar desde la acera.\n", encoding="utf-8")
    score = readability.score(page)
    assert score.lang == "es" and score.grade > 60 and score.measure.startswith("Fernández-Huerta")
