"""`python -m knowtheline.data build ...` is `knowtheline data build ...`."""

from __future__ import annotations

import sys


if __name__ == "__main__":  # `python -m knowtheline.data` is `knowtheline data` (the library never imports the CLI)
    from knowtheline.cli import run_module

    sys.exit(run_module(["data"]))
