"""`knowtheline quiz assign`: an assignment as a notebook and a self-contained HTML page.

Graded by default: the learner's page and notebook hold the questions and options but no
answers, feedback or explanations (not in the page's data, not in print); each question
has a Submit button and locks after one submission (`attempts` to allow more). With
`mode="practice"` they give instant feedback, like the book's quizzes. Both come from the
learner view (`knowtheline.quiz.view`): questions are `q1…` and options letters there, and
`assignment.json`, the instructor's file, maps them back to bank ids for `quiz grade`.

The HTML page inlines the book's quiz script and style, so it works opened straight from a
file, offline, with its "Download my results" button. The notebook holds the same view and
shows the live quiz (the same module as a widget) with its "Save my results" button. Both
write the results format of `knowtheline.quiz.results`.

Per-learner variants shuffle the question order (and take a subset with `count`) with a
random generator seeded by the seed and the learner's name: the same inputs always give
the same variants.
"""

from __future__ import annotations

import dataclasses
import json
import pprint
import random
import re
import unicodedata
from pathlib import Path

import nbformat
from markupsafe import Markup

from knowtheline import i18n
from knowtheline.bank.model import Quiz
from knowtheline.paths import STATIC
from knowtheline.quiz import QuizDisplay
from knowtheline.quiz import html as quiz_html
from knowtheline.quiz.view import MODES, answer_map, learner_view
from knowtheline.render import render
MANIFEST = "assignment.json"
MANIFEST_FORMAT = "knowtheline-assignment"
MANIFEST_VERSION = 2


def instructions_for(view: dict, notebook: bool = False) -> str:
    """What a learner is told to do, in the view's language (knowtheline/i18n: `assignment`)."""
    lang, attempts = view.get("lang", "en"), view["attempts"] or 1
    sentence = (i18n.t(lang, "assignment.attempts_once") if attempts == 1
                else i18n.t(lang, "assignment.attempts_n", n=attempts))
    return i18n.t(lang, f"assignment.{'notebook_' if notebook else ''}{view['mode']}", attempts=sentence)


def read_learners(path: Path) -> list[str]:
    """Learner names or codes, one a line; blank lines and lines starting with # are skipped."""
    names = [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines()]
    names = [n for n in names if n and not n.startswith("#")]
    seen = set()
    for name in names:
        if slug(name) in seen:
            raise ValueError(f"{path}: learner {name!r} is listed twice (or two names give the same file name)")
        seen.add(slug(name))
    if not names:
        raise ValueError(f"{path}: no learner names")
    return names


def slug(name: str) -> str:
    """A file-name-safe form of a learner name (the same rule as the download button:
    accents dropped, then anything but letters, digits, - and _ becomes -)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9_-]+", "-", plain).strip("-") or "learner"


def variant(quiz: Quiz, learner: str, seed: int, count: int | None = None) -> Quiz:
    """The learner's own version of `quiz`: shuffled order, `count` questions if given."""
    questions = list(quiz.questions)
    rng = random.Random(f"{seed}:{learner}")
    rng.shuffle(questions)
    if count is not None:
        if not 1 <= count <= len(questions):
            raise ValueError(f"--per-learner-count must be between 1 and {len(questions)}")
        questions = questions[:count]
    return dataclasses.replace(quiz, questions=tuple(questions))


def page(view: dict, learner: str = "", instructions: str | None = None) -> str:
    """The assignment (a learner view) as one HTML document that needs no network and no other
    file: the book's quiz module and style inlined, the learner's name already in its box."""
    return render("assignment.html", lang=view.get("lang", "en"), view=view, learner=learner, instructions=instructions_for(view),
                  extra=instructions or "", quiz=Markup(quiz_html.render_view(view, learner=learner)),
                  css=(STATIC / "ktl-quiz.css").read_text(encoding="utf-8"),
                  js=(STATIC / "ktl-quiz.js").read_text(encoding="utf-8"))


def notebook(view: dict, learner: str = "", instructions: str | None = None) -> nbformat.NotebookNode:
    """A notebook whose one code cell holds the learner view and shows it as the live quiz
    (a graded view has no answers in it)."""
    lang = view.get("lang", "en")
    intro = [f"# {view['title']}", "", instructions_for(view, notebook=True)]
    if learner:
        intro += ["", f"{i18n.t(lang, 'assignment.copy_for')} **{learner}**."]
    if instructions:
        intro += ["", f"**{instructions}**"]
    intro += ["", i18n.t(lang, "assignment.not_advice")]
    args = "VIEW" + (f", learner={learner!r}" if learner else "")
    code = ("from knowtheline.quiz import QuizDisplay\n\n"
            f"VIEW = {pprint.pformat(view, width=100, sort_dicts=False)}\n\n"
            f"QuizDisplay({args})")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("\n".join(intro)),
                nbformat.v4.new_code_cell(code, metadata={"jupyter": {"source_hidden": True},
                                                          "tags": ["remove-input"]})]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def show_assignment(quiz_id: str, title: str, question_ids: list[str], learner: str = "",
                    bank_dir: str | None = None) -> QuizDisplay:
    """What notebooks written by earlier versions of `quiz assign` call: these bank
    questions, in this order, as a practice quiz."""
    from knowtheline.bank.select import load

    quizzes = load(Path(bank_dir) if bank_dir else None)
    by_id = {q.id: q for quiz in quizzes.values() for q in quiz.questions}
    missing = [qid for qid in question_ids if qid not in by_id]
    if missing:
        raise KeyError(f"not in the question bank (any more): {', '.join(missing)}")
    return QuizDisplay(learner_view(Quiz(quiz_id, title, tuple(by_id[qid] for qid in question_ids))), learner)


def make_assignment(quiz: Quiz, out: Path, learners: list[str] = (), seed: int = 0,
                    per_learner_count: int | None = None, instructions: str | None = None,
                    mode: str = "graded", attempts: int | None = None) -> list[Path]:
    """Write the assignment into the new folder `out`; return the files written."""
    out = Path(out)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    if attempts is not None and mode != "graded":
        raise ValueError("--attempts applies to graded assignments (practice allows any number of tries)")
    if attempts is not None and attempts < 1:
        raise ValueError("--attempts must be 1 or more")
    if out.exists():
        raise FileExistsError(f"{out} already exists; choose a new folder (nothing is overwritten)")
    if per_learner_count is not None and not learners:
        raise ValueError("--per-learner-count needs --per-learner")
    variants = [(name, variant(quiz, name, seed, per_learner_count)) for name in learners] or [("", quiz)]
    out.mkdir(parents=True)
    written = []
    records = []
    for learner, version in variants:
        view = learner_view(version, mode, attempts if mode == "graded" else None)
        stem = f"{quiz.id}-{slug(learner)}" if learner else quiz.id
        html_path = out / f"{stem}.html"
        nb_path = out / f"{stem}.ipynb"
        html_path.write_text(page(view, learner, instructions), encoding="utf-8")
        nbformat.write(notebook(view, learner, instructions), nb_path)
        written += [html_path, nb_path]
        records.append({"learner": learner, "html": html_path.name, "notebook": nb_path.name,
                        "quiz_version": version.version, "questions": [q.id for q in version.questions],
                        "map": answer_map(version)})
    manifest = {"format": MANIFEST_FORMAT, "format_version": MANIFEST_VERSION, "quiz": quiz.id, "title": quiz.title,
                "mode": mode, "attempts": (attempts or 1) if mode == "graded" else None, "seed": seed,
                "questions": [q.id for q in quiz.questions], "variants": records}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*written, out / MANIFEST]


def read_manifest(path: Path) -> dict:
    """An assignment.json, checked for its format marker and shape. One written by an
    earlier version (no mode, no map) reads as a practice assignment."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise ValueError(f"{path}: cannot read it as an assignment.json ({err})") from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{path} is not an assignment.json written by `knowtheline quiz assign`")
    variants = data.get("variants")
    good = (isinstance(data.get("quiz"), str) and isinstance(data.get("questions"), list)
            and isinstance(variants, list) and variants
            and all(isinstance(v, dict) and isinstance(v.get("quiz_version"), str)
                    and isinstance(v.get("questions"), list) for v in variants))
    if not good:
        raise ValueError(f"{path}: an assignment.json needs quiz, questions and variants (each with quiz_version "
                         "and questions); was it edited?")
    data.setdefault("mode", "practice")
    data.setdefault("attempts", None)
    return data
