"""The `knowtheline` command line tool. Every command has `--help`.

    knowtheline quiz list      the bank by chapter, type, difficulty and tag (table or CSV)
    knowtheline quiz check     validate the question bank (the build's own validator)
    knowtheline quiz export    a selection as Moodle XML, GIFT, QTI (Canvas), HTML or Markdown
    knowtheline quiz assign    a selection as a notebook and a self-contained HTML page
    knowtheline quiz grade     grade a folder of learners' results files

The work happens in `knowtheline.instructor`; this module only reads arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _fail(message: str) -> int:
    print(f"knowtheline: {message}", file=sys.stderr)
    return 2


def _quiz_check(args) -> int:
    from knowtheline.quiz import quality
    from knowtheline.quiz.bank import CONFIG_NAME, BankError, load_bank, load_config

    folder = args.bank or _default_bank()
    if not folder.is_dir():
        print(f"{folder} is not a folder of quiz files", file=sys.stderr)
        return 1
    try:
        bank = load_bank(folder)
        config = load_config(folder)
    except BankError as err:
        print(f"{len(err.problems)} problem(s) in the question bank:\n{err}", file=sys.stderr)
        return 1
    total = sum(len(q.questions) for q in bank.values())
    print(f"OK: {len(bank)} quiz file(s), {total} question(s) are valid")
    if config.tags is None:
        print(f"note: {folder.name}/ has no {CONFIG_NAME}; tags were checked for their form only")
    report = quality.check(bank, config)
    (print if report.ok else lambda text: print(text, file=sys.stderr))(report.text())
    return 0 if report.ok else 1


def _selection(args):
    """The questions the selection options pick, as a Quiz; raises BankError/SelectionError."""
    from knowtheline.instructor import select

    bank = select.load(args.bank)
    criteria = select.Criteria(
        chapters=select.parse_list(args.chapters, int), tags=select.parse_list(args.tags),
        difficulties=select.parse_list(args.difficulty), count=args.count, seed=args.seed)
    return select.as_quiz(select.select(bank, criteria), args.quiz_id, args.title)


def _with_selection(command):
    """Run `command(args, quiz)`, turning bank and selection problems into a message."""
    def run(args) -> int:
        from knowtheline.instructor.select import SelectionError
        from knowtheline.quiz.bank import BankError

        try:
            quiz = _selection(args)
        except BankError as err:
            return _fail(f"the question bank has problems:\n{err}")
        except (SelectionError, ValueError) as err:
            return _fail(str(err))
        return command(args, quiz)
    return run


def _quiz_list(args, quiz) -> int:
    from knowtheline.instructor import listing

    text = listing.as_csv(list(quiz.questions)) if args.format == "csv" else listing.as_table(list(quiz.questions))
    sys.stdout.write(text)
    return 0


def _quiz_export(args, quiz) -> int:
    from knowtheline.instructor import export, files

    try:
        data = export.export(quiz, args.format, args.answer_key)
    except export.ExportError as err:
        return _fail(str(err))
    if args.out is None:
        if args.format == "qti":
            return _fail("qti is a zip file: give --out PATH")
        sys.stdout.write(data.decode("utf-8"))
        return 0
    written = files.write_new(args.out, data)
    note = f" ({args.out} exists; not overwritten)" if written != args.out else ""
    print(f"wrote {len(quiz.questions)} question(s) as {args.format} to {written}{note}")
    return 0


def _quiz_assign(args, quiz) -> int:
    from knowtheline.instructor import assign

    from knowtheline.quiz import quality
    from knowtheline.quiz.bank import BankError, load_config

    try:
        learners = assign.read_learners(args.per_learner) if args.per_learner else []
        made = assign.make_assignment(quiz, args.out, learners=learners, seed=args.seed,
                                      per_learner_count=args.per_learner_count, instructions=args.instructions,
                                      mode="practice" if args.practice else "graded", attempts=args.attempts)
    except (FileExistsError, OSError, ValueError) as err:
        return _fail(str(err))
    for path in made:
        print(f"wrote {path}")
    try:
        threshold = load_config(args.bank or _default_bank()).near_duplicate_similarity
    except BankError:
        threshold = None
    for a, b, score in quality.near_duplicates(list(quiz.questions), threshold) if threshold else []:
        print(f"warning: {a.id} and {b.id} are near-duplicates (similarity {score:.2f}); "
              "consider a different --seed or selection", file=sys.stderr)
    return 0


def _default_bank() -> Path:
    from knowtheline import repo_root

    return repo_root() / "quizzes"


def _quiz_grade(args) -> int:
    from knowtheline.instructor import grade, select
    from knowtheline.quiz.bank import BankError

    try:
        bank = select.load(args.bank)
    except BankError as err:
        return _fail(f"the question bank has problems:\n{err}")
    try:
        report = grade.grade_folder(args.folder, bank, assignments=args.assignment, out=args.out,
                                    feedback=args.feedback)
    except (FileExistsError, FileNotFoundError, ValueError) as err:
        return _fail(str(err))
    print(report.summary())
    return 0


def _add_bank(parser) -> None:
    parser.add_argument("--bank", type=Path, help="folder of chNN.yaml files (default: quizzes/ of this checkout)")


def _add_selection(parser, quiz_id: str, title: str) -> None:
    _add_bank(parser)
    pick = parser.add_argument_group("which questions (default: the whole bank)")
    pick.add_argument("--chapters", metavar="LIST", help="chapter numbers, e.g. 1,3")
    pick.add_argument("--tags", metavar="LIST", help="questions with any of these tags, e.g. section-111,filming")
    pick.add_argument("--difficulty", metavar="LIST", help="easy, medium and/or hard, e.g. easy,medium")
    pick.add_argument("--count", type=int, metavar="N", help="a random sample of N of the matching questions")
    pick.add_argument("--seed", type=int, default=0, metavar="S",
                      help="seed for --count and per-learner variants (same seed, same result; default 0)")
    parser.add_argument("--quiz-id", default=quiz_id, help=f"id written into results files (default: {quiz_id})")
    parser.add_argument("--title", default=title, help=f"title shown to learners (default: {title!r})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="knowtheline", description="Tools for the Know the Line curriculum.")
    commands = parser.add_subparsers(dest="command", required=True)
    quiz = commands.add_parser("quiz", help="work with the question bank", description="Work with the question bank.")
    quiz_commands = quiz.add_subparsers(dest="quiz_command", required=True)

    listing = quiz_commands.add_parser("list", help="list the bank's questions",
                                       description="List questions with chapter, type, difficulty and tags.")
    _add_selection(listing, "bank", "Question bank")
    listing.add_argument("--format", choices=("table", "csv"), default="table", help="output format (default: table)")
    listing.set_defaults(func=_with_selection(_quiz_list))

    check = quiz_commands.add_parser("check", help="validate the question bank",
                                     description="Validate every quiz file; exit 1 and name each problem if any.")
    _add_bank(check)
    check.set_defaults(func=_quiz_check)

    export = quiz_commands.add_parser(
        "export", help="export questions for Moodle, Canvas, print or the web",
        description="Export a selection of questions. moodle-xml and gift import into Moodle; qti is a "
                    "QTI 1.2 zip for Canvas classic quizzes; html and markdown are readable sheets.")
    export.add_argument("--format", required=True, choices=("moodle-xml", "gift", "qti", "html", "markdown"))
    _add_selection(export, "knowtheline-export", "Know the Line quiz")
    export.add_argument("--answer-key", action=argparse.BooleanOptionalAction, default=True,
                        help="html/markdown: put answers, feedback and explanations at the end (default: yes)")
    export.add_argument("--out", type=Path, help="file to write (never overwritten; default: standard output)")
    export.set_defaults(func=_with_selection(_quiz_export))

    assign = quiz_commands.add_parser(
        "assign", help="make an assignment: a notebook and an offline HTML page",
        description="Write an assignment for a selection: a Jupyter notebook with the live quiz and a "
                    "self-contained HTML page that works offline, both with instructions and a results "
                    "download, plus assignment.json for `quiz grade`. Graded by default: learners get the "
                    "questions but no answers, feedback or explanations (not even in the page's source), and "
                    "each answer is submitted once and locked; grade the results files with `quiz grade` and "
                    "hand back feedback with `quiz grade --feedback`. --practice gives instant feedback "
                    "instead, like the book. With --per-learner, each learner gets their own question order "
                    "(and subset with --per-learner-count).")
    _add_selection(assign, "assignment", "Know the Line assignment")
    assign.add_argument("--out", type=Path, required=True, help="new folder to write into (must not exist)")
    assign.add_argument("--per-learner", type=Path, metavar="NAMES.TXT",
                        help="one learner name or code per line: a variant for each, from --seed")
    assign.add_argument("--per-learner-count", type=int, metavar="N",
                        help="with --per-learner: give each learner N of the selected questions")
    assign.add_argument("--instructions", help="extra instructions shown at the top")
    kind = assign.add_mutually_exclusive_group()
    kind.add_argument("--practice", action="store_true",
                      help="instant feedback and unlimited tries, like the book's quizzes (default: graded)")
    kind.add_argument("--attempts", type=int, metavar="N",
                      help="graded: how many times each answer may be submitted before it locks (default 1)")
    assign.set_defaults(func=_with_selection(_quiz_assign))

    grade = quiz_commands.add_parser(
        "grade", help="grade a folder of learners' results files",
        description="Check and grade every results file (*.json) in FOLDER against the bank. Broken, "
                    "tampered, oversized, unknown, other-quiz and duplicate files are named and skipped; "
                    "every good one is graded. Writes gradebook.csv, summary.csv, item-analysis.csv, "
                    "item-analysis.svg/.png and report.txt into --out (and with --feedback a sheet per "
                    "learner to hand back).")
    grade.add_argument("folder", type=Path, help="folder with the results files learners handed in")
    _add_bank(grade)
    grade.add_argument("--assignment", type=Path, action="append", default=[],
                       help="assignment.json written by `quiz assign` (repeatable)")
    grade.add_argument("--out", type=Path, required=True, help="new folder for the reports (must not exist)")
    grade.add_argument("--feedback", action="store_true",
                       help="also write feedback/<quiz>-<learner>.html: each learner's answers, the right "
                            "answers, feedback and explanations, to hand back after grading")
    grade.set_defaults(func=_quiz_grade)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
