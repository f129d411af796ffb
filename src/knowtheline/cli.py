"""The `knowtheline` command line tool.

    knowtheline quiz check        validate the question bank (the build's own validator)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _quiz_check(args) -> int:
    from knowtheline.quiz import bank as bank_module

    return bank_module.main([str(args.bank)] if args.bank else [])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="knowtheline", description="Tools for the Know the Line curriculum.")
    commands = parser.add_subparsers(dest="command", required=True)
    quiz = commands.add_parser("quiz", help="work with the question bank", description="Work with the question bank.")
    quiz_commands = quiz.add_subparsers(dest="quiz_command", required=True)
    check = quiz_commands.add_parser("check", help="validate the question bank",
                                     description="Validate every quiz file; exit 1 and name each problem if any.")
    check.add_argument("--bank", type=Path, help="folder of chNN.yaml files (default: quizzes/ of this checkout)")
    check.set_defaults(func=_quiz_check)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
