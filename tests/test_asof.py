"""Dates that warn when they age: the {asof}/{event} roles in a real Sphinx build, and
`make review`'s list of stale points and past events."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowtheline import asof, cli

CONF = """
extensions = ["myst_parser"]
def setup(app):
    from knowtheline import asof
    asof.setup(app)
"""
PAGE = """# Test page

As of {asof}`2026-12-03`, the appeal was pending. The deadline was {event}`2026-12-01`.
"""


def build(tmp_path: Path, today: str, page: str = PAGE) -> tuple[subprocess.CompletedProcess, str]:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(out)],
                         capture_output=True, text=True, env={**_env(), "KNOWTHELINE_TODAY": today})
    html = (out / "index.html").read_text(encoding="utf-8") if (out / "index.html").exists() else ""
    return run, html


def _env() -> dict:
    import os
    return dict(os.environ)


def test_a_fresh_date_renders_in_words_without_a_note(tmp_path):
    run, html = build(tmp_path, "2027-01-15")
    assert run.returncode == 0, run.stderr
    assert '<time class="ktl-date ktl-asof-date" datetime="2026-12-03">December 3, 2026</time>' in html
    assert '<time class="ktl-date ktl-event-date" datetime="2026-12-01">December 1, 2026</time>' in html
    assert "ktl-stale" not in html


def test_a_date_older_than_120_days_shows_the_note_and_the_build_still_passes(tmp_path):
    run, html = build(tmp_path, "2027-04-02")   # 120 days after 2026-12-03 is 2027-04-02
    assert run.returncode == 0 and "ktl-stale" not in html
    run, html = build(tmp_path, "2027-04-03")   # an incremental rebuild re-reads the page
    assert run.returncode == 0, run.stderr
    assert "checked on December 3, 2026; this may have changed" in html
    assert html.count("ktl-stale") == 1         # events never get the note


def test_a_bad_date_stops_the_build_with_its_place(tmp_path):
    run, _ = build(tmp_path, "2026-12-03", "# T\n\nAs of {asof}`2026-13-45`, x.\n")
    assert run.returncode != 0
    assert "index.md:3" in run.stderr and "YYYY-MM-DD" in run.stderr


def test_review_lists_stale_points_past_events_and_quiz_dates(tmp_path, monkeypatch, capsys):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "quizzes").mkdir()
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Ch\n", "\n",
          "As of {asof}`2026-01-01`, old. As of {asof}`2026-11-30`, new.\n", "Hearing on {event}`2026-12-10`.\n"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "chapters" / "01-x.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "quizzes" / "ch01.yaml").write_text(
        "questions:\n  - id: ch01-a\n    as_of: 2026-02-01\n  - id: ch01-b\n    as_of: 2026-11-01\n", encoding="utf-8")
    monkeypatch.setenv("KNOWTHELINE_TODAY", "2026-12-20")
    assert cli.main(["review", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "5 dated points; 3 due" in out
    assert "chapters/01-x.ipynb:3: 2026-01-01 (" in out and ": 2026-11-30 (" not in out
    assert "chapters/01-x.ipynb:4: 2026-12-10 (dated event 10 days past)" in out
    assert "quizzes/ch01.yaml:3: 2026-02-01" in out and "question ch01-a" in out and "ch01-b" not in out


def test_the_book_uses_dates_for_fast_moving_points():
    points = asof.points(Path(__file__).resolve().parents[1])
    chapters = {p.path for p in points if p.kind == "asof" and p.path.startswith("chapters/")}
    assert len(chapters) == 8, f"chapters without an {{asof}} date: {chapters}"


def test_a_quiz_question_shows_its_date_and_ages_like_the_chapters(monkeypatch, fixture_quiz):
    from knowtheline.quiz import html, learner_view

    view = learner_view(fixture_quiz)
    for q in view["questions"]:
        q["as_of"] = None
    view["questions"][0]["as_of"] = "2026-12-03"
    monkeypatch.setenv("KNOWTHELINE_TODAY", "2026-12-20")
    fresh = html.render_view(view)
    assert 'Law as of <time datetime="2026-12-03">December 3, 2026</time>.' in fresh and "ktl-stale" not in fresh
    monkeypatch.setenv("KNOWTHELINE_TODAY", "2027-06-01")
    assert "checked on December 3, 2026; this may have changed" in html.render_view(view)
