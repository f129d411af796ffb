"""Page weight of the built book, for readers on slow connections and phones.

    .venv/bin/python benchmarks/page_weight.py [_build/html]   (or: make bench)

For every page: the HTML itself and everything it loads from the site (scripts, styles,
images; fonts counted once), raw and gzip-compressed as a typical server sends them.
Prints a table, the quiz engine's size, and exits 1 when a page is over the budget.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BUDGET_GZIP = 400_000  # bytes per page, first visit, compressed
ENGINE_BUDGET = 15_000  # the quiz engine, unminified
ASSET = re.compile(r"""<(?:script|img)[^>]+src="([^"]+)"|<link[^>]+href="([^"]+\.css[^"]*)\"""")


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    html = page.read_text(encoding="utf-8")
    raw, packed = sizes(page)
    base = "/" + str(page.relative_to(site))
    for match in ASSET.finditer(html):
        ref = match.group(1) or match.group(2)
        if ref.startswith("data:"):
            continue
        target = site / urlsplit(urljoin(base, ref)).path.lstrip("/")
        if target.is_file():
            r, p = sizes(target)
            raw, packed = raw + r, packed + p
    return raw, packed


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "_build/html")
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    over = []
    print(f"{'page':<52}{'raw KB':>10}{'gzip KB':>10}")
    for page in pages:
        raw, packed = page_weight(site, page)
        flag = "  OVER BUDGET" if packed > BUDGET_GZIP else ""
        print(f"{str(page.relative_to(site)):<52}{raw / 1000:>10.0f}{packed / 1000:>10.0f}{flag}")
        if flag:
            over.append(page)
    engine = site / "_static" / "ktl-quiz.js"
    print(f"\nquiz engine: {engine.stat().st_size / 1000:.1f} KB unminified (budget {ENGINE_BUDGET / 1000:.0f} KB)")
    print(f"budget: {BUDGET_GZIP / 1000:.0f} KB per page, gzip, first visit")
    return 1 if over or engine.stat().st_size > ENGINE_BUDGET else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
