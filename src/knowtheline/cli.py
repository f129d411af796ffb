"""The `knowtheline` command line: one tool for every job. Every command has `--help`.

    knowtheline quiz list|check|export|assign|grade|schema   the question bank
    knowtheline data build      re-derive the 287(g) tables in data/ from the raw ICE lists
    knowtheline handouts        print the handouts to PDF (headless Chromium, offline)
    knowtheline notebooks       re-execute notebooks and save their outputs
    knowtheline workshop        workshop copies of the chapters for JupyterLab
    knowtheline review          dated points due for a check
    knowtheline readability     reading grade and long sentences of chapters or pages
    knowtheline translation check|stamp   the Spanish edition against the English

The work happens in the modules each command names; this module only reads arguments. Bad
input is one line, `knowtheline: ...`, and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

from knowtheline.exports import FORMATS as EXPORT_FORMATS
from knowtheline.exports import describe as describe_formats


class _LowerUsage:
    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="usage: ")


class Command(_LowerUsage, click.Command):
    pass


class Group(_LowerUsage, click.Group):
    command_class = Command
    group_class = type  # subgroups are Groups too


SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str) -> int:
    print(f"knowtheline: {message}", file=sys.stderr)
    return 2


def _code(function):
    """Record a command's exit code (so `main` can tell it from --help's)."""
    @wraps(function)
    def run(*args, **kwargs):
        code = function(*args, **kwargs)
        click.get_current_context().find_root().meta["knowtheline.code"] = code or 0
        return code or 0
    return run


def _default_bank() -> Path:
    from knowtheline import repo_root

    return repo_root() / "quizzes"


FOLDER = click.Path(path_type=Path)
bank_option = click.option("--bank", type=FOLDER, help="folder of chNN.yaml files (default: quizzes/ of this checkout)")


def selection_options(quiz_id: str, title: str):
    """--bank, the selection options and --quiz-id/--title, for list, export and assign."""
    options = [
        bank_option,
        click.option("--chapters", metavar="LIST", help="chapter numbers, e.g. 1,3 (default: the whole bank)"),
        click.option("--tags", metavar="LIST", help="questions with any of these tags, e.g. section-111,filming"),
        click.option("--difficulty", metavar="LIST", help="easy, medium and/or hard, e.g. easy,medium"),
        click.option("--count", type=int, metavar="N", help="a random sample of N of the matching questions"),
        click.option("--seed", type=int, default=0, metavar="S", show_default=True,
                     help="seed for --count and per-learner variants (same seed, same result)"),
        click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
                     help="the questions' language (es: the Spanish edition's text, quizzes/es/)"),
        click.option("--quiz-id", default=quiz_id, show_default=True, help="id written into results files"),
        click.option("--title", default=title, show_default=True, help="title shown to learners"),
    ]

    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function
    return decorate


def _selection(opts: dict):
    """The questions the selection options pick, as a Quiz; raises BankError/SelectionError."""
    from knowtheline.bank import select

    bank = select.load(opts["bank"], lang=opts["lang"])
    criteria = select.Criteria(
        chapters=select.parse_list(opts["chapters"], int), tags=select.parse_list(opts["tags"]),
        difficulties=select.parse_list(opts["difficulty"]), count=opts["count"], seed=opts["seed"])
    return select.as_quiz(select.select(bank, criteria), opts["quiz_id"], opts["title"], opts["lang"])


def with_selection(function):
    """Call `function(quiz, **opts)` with the selected questions, or name the problem."""
    @wraps(function)
    def run(**opts):
        from knowtheline.bank.load import BankError
        from knowtheline.bank.select import SelectionError

        try:
            quiz = _selection(opts)
        except BankError as err:
            return _fail(f"the question bank has problems:\n{err}")
        except (SelectionError, ValueError) as err:
            return _fail(str(err))
        return function(quiz, **opts)
    return run


@click.group(cls=Group, context_settings=SETTINGS)
def knowtheline():
    """Tools for the Know the Line curriculum."""


# --- quiz ----------------------------------------------------------------------------------

@knowtheline.group(cls=Group)
def quiz():
    """Work with the question bank."""


@quiz.command("list", short_help="list the bank's questions")
@selection_options("bank", "Question bank")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="output format")
@_code
@with_selection
def quiz_list(quiz, fmt, **_):
    """List questions with chapter, type, difficulty and tags."""
    from knowtheline.classroom import listing

    questions = list(quiz.questions)
    sys.stdout.write(listing.as_csv(questions) if fmt == "csv" else listing.as_table(questions))
    return 0


@quiz.command("check", short_help="validate the question bank")
@bank_option
@_code
def quiz_check(bank):
    """Validate every quiz file and the item quality; exit 1 and name each problem if any."""
    from knowtheline.bank import quality
    from knowtheline.bank.load import CONFIG_NAME, BankError, load_bank, load_config

    folder = bank or _default_bank()
    if not folder.is_dir():
        print(f"{folder} is not a folder of quiz files", file=sys.stderr)
        return 1
    try:
        questions = load_bank(folder)
        config = load_config(folder)
    except BankError as err:
        print(f"{len(err.problems)} problem(s) in the question bank:\n{err}", file=sys.stderr)
        return 1
    total = sum(len(q.questions) for q in questions.values())
    print(f"OK: {len(questions)} quiz file(s), {total} question(s) are valid")
    if config.tags is None:
        print(f"note: {folder.name}/ has no {CONFIG_NAME}; tags were checked for their form only")
    report = quality.check(questions, config)
    (print if report.ok else lambda text: print(text, file=sys.stderr))(report.text())
    return 0 if report.ok else 1


def _export_help() -> str:
    return "Export a selection of questions, in one of these formats:\n\n\b\n" + describe_formats()


@quiz.command("export", help=_export_help(), short_help="export questions for Moodle, Canvas, print or the web")
@click.option("--format", "fmt", required=True, type=click.Choice(list(EXPORT_FORMATS)),
              help="the export format (listed above)")
@selection_options("knowtheline-export", "Know the Line quiz")
@click.option("--answer-key/--no-answer-key", default=True, show_default=True,
              help="html/markdown: put answers, feedback and explanations at the end")
@click.option("--out", type=FOLDER, help="file to write (never overwritten; default: standard output)")
@_code
@with_selection
def quiz_export(quiz, fmt, answer_key, out, **_):
    from knowtheline import exports as export
    from knowtheline.classroom import files

    try:
        data = export.export(quiz, fmt, answer_key)
    except export.ExportError as err:
        return _fail(str(err))
    if out is None:
        if export.FORMATS[fmt].binary:
            return _fail(f"{fmt} is a zip file: give --out PATH")
        sys.stdout.write(data.decode("utf-8"))
        return 0
    written = files.write_new(out, data)
    note = f" ({out} exists; not overwritten)" if written != out else ""
    print(f"wrote {len(quiz.questions)} question(s) as {fmt} to {written}{note}")
    return 0


@quiz.command("assign", short_help="make an assignment: a notebook and an offline HTML page")
@selection_options("assignment", "Know the Line assignment")
@click.option("--out", type=FOLDER, required=True, help="new folder to write into (must not exist)")
@click.option("--per-learner", type=FOLDER, metavar="NAMES.TXT",
              help="one learner name or code per line: a variant for each, from --seed")
@click.option("--per-learner-count", type=int, metavar="N",
              help="with --per-learner: give each learner N of the selected questions")
@click.option("--instructions", help="extra instructions shown at the top")
@click.option("--practice", is_flag=True,
              help="instant feedback and unlimited tries, like the book's quizzes (default: graded)")
@click.option("--attempts", type=int, metavar="N",
              help="graded: how many times each answer may be submitted before it locks (default 1)")
@_code
def quiz_assign(**opts):
    """Write an assignment for a selection: a Jupyter notebook with the live quiz and a
    self-contained HTML page that works offline, both with instructions and a results
    download, plus assignment.json for `quiz grade`. Graded by default: learners get the
    questions but no answers, feedback or explanations (not even in the page's source), and
    each answer is submitted once and locked; grade the results files with `quiz grade` and
    hand back feedback with `quiz grade --feedback`. --practice gives instant feedback
    instead, like the book. With --per-learner, each learner gets their own question order
    (and subset with --per-learner-count)."""
    if opts["practice"] and opts["attempts"] is not None:
        raise click.UsageError("--practice and --attempts do not go together (practice has unlimited tries)")
    return with_selection(_assign)(**opts)


def _assign(quiz, out, per_learner, per_learner_count, instructions, practice, attempts, seed, bank, **_):
    from knowtheline.bank import quality
    from knowtheline.bank.load import BankError, load_config
    from knowtheline.classroom import assign

    try:
        learners = assign.read_learners(per_learner) if per_learner else []
        made = assign.make_assignment(quiz, out, learners=learners, seed=seed,
                                      per_learner_count=per_learner_count, instructions=instructions,
                                      mode="practice" if practice else "graded", attempts=attempts)
    except (FileExistsError, OSError, ValueError) as err:
        return _fail(str(err))
    for path in made:
        print(f"wrote {path}")
    try:
        threshold = load_config(bank or _default_bank()).near_duplicate_similarity
    except BankError:
        threshold = None
    for a, b, score in quality.near_duplicates(list(quiz.questions), threshold) if threshold else []:
        print(f"warning: {a.id} and {b.id} are near-duplicates (similarity {score:.2f}); "
              "consider a different --seed or selection", file=sys.stderr)
    return 0


@quiz.command("grade", short_help="grade a folder of learners' results files")
@click.argument("folder", type=FOLDER)
@bank_option
@click.option("--assignment", type=FOLDER, multiple=True,
              help="assignment.json written by `quiz assign` (repeatable)")
@click.option("--out", type=FOLDER, required=True, help="new folder for the reports (must not exist)")
@click.option("--feedback", is_flag=True,
              help="also write feedback/<quiz>-<learner>.html: each learner's answers, the right answers, "
                   "feedback and explanations, to hand back after grading")
@_code
def quiz_grade(folder, bank, assignment, out, feedback):
    """Check and grade every results file (*.json) in FOLDER against the bank. Broken,
    tampered, oversized, unknown, other-quiz and duplicate files are named and skipped;
    every good one is graded (with a progress bar). Writes gradebook.csv, summary.csv,
    item-analysis.csv, item-analysis.svg/.png and report.txt into --out (and with
    --feedback a sheet per learner to hand back)."""
    from knowtheline.bank import select
    from knowtheline.bank.load import BankError
    from knowtheline.classroom import grade

    try:
        questions = select.load(bank)
    except BankError as err:
        return _fail(f"the question bank has problems:\n{err}")
    try:
        report = grade.grade_folder(folder, questions, assignments=list(assignment), out=out, feedback=feedback)
    except (FileExistsError, FileNotFoundError, ValueError) as err:
        return _fail(str(err))
    print(report.summary())
    return 0


@quiz.command("schema", short_help="write the bank's JSON Schemas (schema.json, config.schema.json)")
@bank_option
@click.option("--check", is_flag=True, help="write nothing; exit 1 if a schema file is out of step")
@_code
def quiz_schema(bank, check):
    """Write the JSON Schemas of the quiz files (schema.json, listing config.yaml's tags) and
    of config.yaml (config.schema.json) into the bank folder, from the model in
    knowtheline.bank.model. Editors read them (each file's first line names its schema)."""
    from knowtheline.bank.load import BankError, schemas

    folder = bank or _default_bank()
    try:
        texts = schemas(folder)
    except BankError as err:
        return _fail(f"the question bank has problems:\n{err}")
    stale = [name for name, text in texts.items()
             if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    if check:
        for name in stale:
            print(f"{folder / name} is out of step with the model: run `knowtheline quiz schema`", file=sys.stderr)
        return 1 if stale else 0
    for name in texts:
        if name in stale:
            (folder / name).write_text(texts[name], encoding="utf-8")
        print(f"{'wrote' if name in stale else 'unchanged'} {folder / name}")
    return 0


# --- the other jobs ------------------------------------------------------------------------

@knowtheline.group(cls=Group)
def data():
    """The 287(g) tables in data/."""


@data.command("build")
@click.option("--raw", type=FOLDER, default=Path("../shared/data/raw/287g"), show_default=True,
              help="raw 287(g) folder")
@click.option("--out", type=FOLDER, default=Path("data"), show_default=True,
              help="data folder (tables go to OUT/287g)")
@_code
def data_build(raw, out):
    """Rebuild data/287g/ from the raw ICE list snapshots (with a progress bar)."""
    if not (raw / "README.md").is_file():
        print(f"raw folder not found: {raw}; keeping the committed tables", file=sys.stderr)
        return 0
    from knowtheline.data.build import build

    provenance = build(raw, out / "287g")
    newest = provenance["newest_participating_list"]
    print(f"wrote {out / '287g'} (newest list {newest['snapshot_date']}: {newest['file']})")
    return 0


@knowtheline.command()
@click.option("--book", type=FOLDER, help="the built HTML book (make book); without it, no whole-book PDF")
@click.option("--out", type=FOLDER, default=Path("handouts"), show_default=True, help="folder for the PDFs")
@bank_option
@_code
def handouts(book, out, bank):
    """Print the handouts to PDF with headless Chromium, offline (with a progress bar): the
    at-a-glance sheet, scenario cards, quiz sheets and key, and with --book the whole book."""
    from knowtheline.bank.load import BankError
    from knowtheline.handouts.__main__ import build
    from knowtheline.handouts.pdf import BrowserMissing

    try:
        for path in build(book, out, bank):
            print(f"wrote {path}")
    except (BrowserMissing, FileNotFoundError, BankError, RuntimeError) as err:
        print(f"knowtheline: handouts: {err}", file=sys.stderr)
        return 1
    return 0


@knowtheline.command()
@click.argument("paths", nargs=-1, required=True, type=FOLDER)
@_code
def notebooks(paths):
    """Re-execute notebooks top to bottom on a fresh kernel and save their outputs (what nbval
    compares in `make test`), with a progress bar."""
    from tqdm import tqdm

    from knowtheline.notebooks import execute

    for path in tqdm(paths, desc="executing notebooks", unit="notebook"):
        tqdm.write(f"executing {path}")
        execute(path)
    return 0


@knowtheline.command()
@click.argument("chapters", nargs=-1, type=FOLDER)
@click.option("--out", type=FOLDER, default=Path("workshop/chapters"), show_default=True, help="folder for the copies")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="the edition: es takes es/chapters/*.ipynb")
@_code
def workshop(chapters, out, lang):
    """Workshop copies of the chapter notebooks (default: chapters/*.ipynb, or
    es/chapters/*.ipynb with --lang es) for JupyterLab: citations listed at the end, dates in
    words."""
    from knowtheline import repo_root
    from knowtheline.workshop import prepare

    root = repo_root()
    folder = root / "chapters" if lang == "en" else root / lang / "chapters"
    for chapter in chapters or sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        print(f"workshop copy: {prepare(chapter, out, root, lang)}")
    return 0


@knowtheline.command()
@click.option("--root", type=FOLDER, default=Path("."), show_default=True, help="the book's folder")
@click.option("--all", "every", is_flag=True, help="list every dated point, not only those due")
@_code
def review(root, every):
    """List every dated point that is due for a check: 'as of' dates gone stale and dated
    events that have passed."""
    from knowtheline import asof

    return asof.report(root, every)


@knowtheline.command()
@click.argument("paths", nargs=-1, type=FOLDER)
@click.option("--worst", type=int, default=5, show_default=True, help="how many of the longest sentences to show")
@click.option("--strict", is_flag=True, help="exit 1 if any file misses the target")
@_code
def readability(paths, worst, strict):
    """Reading grade and long sentences of chapter notebooks, Markdown pages or quiz files
    (default: every chapter), from the sources. Files of the Spanish edition (es/...,
    quizzes/es/...) are scored on the Fernández-Huerta scale instead of by grade."""
    from knowtheline import readability as module

    return module.report(paths, worst, strict)


# --- translations -------------------------------------------------------------------------

@knowtheline.group(cls=Group)
def translation():
    """Translated editions (es/) against the English: drift and outdated translations."""


LANG = click.option("--lang", type=click.Choice(["es"]), default="es", show_default=True, help="the edition")


@translation.command("check")
@click.argument("files", nargs=-1)
@LANG
@_code
def translation_check(files, lang):
    """Compare every translated page, chapter and quiz (or only FILES) with its English: the
    same sections in order, citation keys, numbers and dates, labels, links, directives,
    charts and quiz calls, glossary entries, every question and option; and report
    translations whose English changed since they were stamped. Exit 1 on any drift."""
    from knowtheline import repo_root
    from knowtheline.translation import check

    found = check(repo_root(), lang, list(files) or None)
    for drift in found:
        print(drift)
    if found:
        print(f"{len(found)} problem(s) in the {lang} edition", file=sys.stderr)
        return 1
    print(f"OK: the {lang} edition matches the English" + (f" ({len(files)} file(s))" if files else ""))
    return 0


@translation.command("stamp")
@click.argument("files", nargs=-1, required=True)
@LANG
@_code
def translation_stamp(files, lang):
    """After reading FILES (translations) against their English, record the English text they
    were made from (its fingerprint) and their heading maps in <lang>/translations.yaml.
    A file with drift is not stamped."""
    from knowtheline import repo_root
    from knowtheline.translation import stamp

    refused = stamp(repo_root(), lang, list(files))
    for drift in refused:
        print(drift)
    return 1 if refused else 0


# --- running it ----------------------------------------------------------------------------

def main(argv=None) -> int:
    """Run a command; returns its exit code. --help exits (SystemExit 0); bad usage prints one
    line and exits with code 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    meta_key = "knowtheline.code"
    try:
        with knowtheline.make_context("knowtheline", args) as ctx:
            knowtheline.invoke(ctx)
            code = ctx.meta.get(meta_key)
    except click.exceptions.Exit as done:  # --help, or a group run without a command
        raise SystemExit(done.exit_code) from None
    except click.UsageError as err:
        where = f" (see: {err.ctx.command_path} --help)" if err.ctx else ""
        print(f"knowtheline: {err.format_message()}{where}", file=sys.stderr)
        raise SystemExit(2) from None
    except click.ClickException as err:
        print(f"knowtheline: {err.format_message()}", file=sys.stderr)
        raise SystemExit(err.exit_code) from None
    except click.Abort:
        raise SystemExit(1) from None
    if code is None:
        raise SystemExit(0)
    return code


def run_module(command: list[str], argv=None) -> int:
    """For `python -m knowtheline.X`: the same command as `knowtheline ...`."""
    return main([*command, *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
