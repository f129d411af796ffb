"""Re-execute chapter notebooks top to bottom on a fresh kernel and save their outputs.

    knowtheline notebooks chapters/*.ipynb

The saved outputs are what nbval compares in `make test`, so a notebook whose code changed
without `make notebooks` fails. Runs with the static-build flag off, so the saved quiz
output holds both the live widget view and the static HTML; no widget state is saved in
the notebook (the book never needs it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 300) -> None:
    nb = nbformat.read(path, as_version=4)
    env_flag = os.environ.pop("KNOWTHELINE_STATIC_BUILD", None)
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if env_flag is not None:
            os.environ["KNOWTHELINE_STATIC_BUILD"] = env_flag
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:  # no wall-clock data in committed notebooks
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(nb, path)


if __name__ == "__main__":  # `python -m knowtheline.notebooks` is `knowtheline notebooks` (the library never imports the CLI)
    from knowtheline.cli import run_module

    sys.exit(run_module(["notebooks"]))
