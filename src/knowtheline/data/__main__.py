"""`python -m knowtheline.data build ...` is `knowtheline data build ...`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from knowtheline.cli import run_module

    return run_module(["data"], argv)


if __name__ == "__main__":
    sys.exit(main())
