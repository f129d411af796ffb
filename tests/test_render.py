"""The package's HTML comes from one folder of Jinja2 templates: autoescaped, one page
shell, one scenario macro, JSON in <script> escaped one way."""

from __future__ import annotations

import json
import re
from pathlib import Path

from knowtheline import render

TEMPLATES = Path(render.__file__).parent / "templates"
SRC = Path(render.__file__).parent.parent


def test_script_json_cannot_end_its_script_or_break_a_line():
    data = {"text": "</script><!-- & \u2028 \u2029 >", "n": 1}
    text = str(render.script_json(data))
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == data


def test_templates_escape_what_they_are_given():
    page = render.render("handout.html", title="<b>t</b>", body="", head="", css="", heading="<i>h</i>",
                         note="", pages=[])
    assert "&lt;b&gt;t&lt;/b&gt;" in page and "&lt;i&gt;h&lt;/i&gt;" in page and "<b>" not in page


def test_one_page_shell_and_one_scenario_macro():
    templates = {p.name: p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html")}
    assert [n for n, t in templates.items() if "<!DOCTYPE" in t] == ["base.html"]
    pages = {n for n, t in templates.items() if '{% extends "base.html" %}' in t}
    assert {"assignment.html", "export.html", "feedback.html", "handout.html"} <= pages
    assert [n for n, t in templates.items() if "<dl" in t] == ["macros.html"]
    # and no Python module writes a page shell or a scenario list of its own
    python = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
    assert [str(p) for p, t in python.items() if "<!DOCTYPE" in t or re.search(r"<dl[ >]", t)] == []


def test_json_in_script_is_escaped_in_one_place():
    python = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
    assert [str(p) for p, t in python.items() if "\\\\u003c" in t] == [str(SRC / "render" / "__init__.py")]
