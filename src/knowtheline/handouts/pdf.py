"""Print an HTML file to PDF with headless Chromium (no network, no profile, no downloads)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserMissing(RuntimeError):
    """No Chromium to print with."""


def find_chromium() -> str:
    """The Chromium executable: $KNOWTHELINE_CHROMIUM, else the first found on PATH."""
    override = os.environ.get("KNOWTHELINE_CHROMIUM")
    if override:
        return override
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise BrowserMissing("Chromium is not installed (e.g. `apt-get install chromium`); it prints the handouts")


def print_to_pdf(html: Path, pdf: Path, timeout: int = 180) -> Path:
    """Print `html` to `pdf`; scripts get up to 5 s of virtual time to finish (e.g. MathJax)."""
    browser = find_chromium()
    with tempfile.TemporaryDirectory(prefix="ktl-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--run-all-compositor-stages-before-draw",
               f"--print-to-pdf={pdf}", "--no-pdf-header-footer", Path(html).resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"Chromium could not print {html}:\n{done.stderr[-2000:]}")
    return pdf
