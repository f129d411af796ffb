"""Lighthouse (npm, pinned in bench/package.json) run against Debian Chromium.

One run audits one URL for one form factor ("mobile": Lighthouse's default Moto G Power with
simulated slow 4G and 4x CPU slowdown; "desktop": its desktop preset) and returns the
scores and metrics the benchmark reports.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from knowtheline.handouts.pdf import BrowserMissing, find_chromium

HERE = Path(__file__).parent
BINARY = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic "
                "--disable-background-networking --disable-component-update --disable-sync --no-first-run")
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "si_ms": "speed-index",
}


def ensure_installed() -> None:
    if not BINARY.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)


def chromium() -> str:
    """The Chromium the handouts print with (knowtheline.handouts.pdf), or stop."""
    try:
        return find_chromium()
    except BrowserMissing as missing:
        raise SystemExit(f"make bench needs Chromium: {missing}") from None


def audit(url: str, form_factor: str) -> dict:
    """Scores (0-100), metrics, transferred bytes and request count for one page load."""
    with tempfile.TemporaryDirectory(prefix="ktl-lh-") as tmp:
        out = Path(tmp) / "report.json"
        command = [str(BINARY), url, "--quiet", "--output=json", f"--output-path={out}",
                   "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chromium()}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if not out.exists():
            raise RuntimeError(f"Lighthouse failed on {url} ({form_factor}):\n{done.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    result = {name: round(report["categories"][name]["score"] * 100)
              for name in ("performance", "accessibility")}
    result.update({key: audits[audit_id]["numericValue"] for key, audit_id in METRICS.items()})
    requests = audits["network-requests"]["details"]["items"]
    result["bytes"] = sum(item.get("transferSize") or 0 for item in requests)
    result["requests"] = len(requests)
    result["runtime_error"] = (report.get("runtimeError") or {}).get("code")
    return result
