"""The build stops on bad input: a malformed quiz file, or a notebook cell that raises.
Each test builds a two-page book in a temporary folder with the project's own config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

JB = Path(sys.executable).parent / "jupyter-book"


def notebook(code: str) -> dict:
    return {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Page"},
            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": code},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def make_book(tmp_path: Path, code: str) -> Path:
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["bibtex_bibfiles"] = ["references.bib"]
    (book / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: chapters/page\n")
    (book / "intro.md").write_text("# Intro\n")
    shutil.copytree(FIXTURES / "quizzes", book / "quizzes")
    shutil.copy(FIXTURES / "references.bib", book / "references.bib")
    (book / "node_modules").symlink_to(ROOT / "node_modules")
    (book / "chapters" / "page.ipynb").write_text(json.dumps(notebook(code)))
    return book


def build(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(JB), "build", str(book), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, timeout=600)


def test_fixture_book_builds(tmp_path):
    result = build(make_book(tmp_path, "from knowtheline.quiz import show_quiz\nshow_quiz(1)"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (tmp_path / "book" / "_build" / "html" / "chapters" / "page.html").read_text(encoding="utf-8")
    assert html.count('class="ktl-question"') == 4


def test_a_raising_cell_fails_the_build(tmp_path):
    result = build(make_book(tmp_path, "raise RuntimeError('boom in a chapter')"))
    assert result.returncode != 0
    assert "boom in a chapter" in result.stdout + result.stderr


def test_a_malformed_quiz_stops_the_build(tmp_path):
    book = make_book(tmp_path, "print('fine')")
    quiz = book / "quizzes" / "ch01.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("    answer: [a, b]", "    answer: [a, q]"))
    result = build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "quizzes/ch01.yaml:" in output and "question ch01-multi: field 'answer'" in output
    assert not (book / "_build" / "html" / "chapters" / "page.html").exists()
