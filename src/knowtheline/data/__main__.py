"""Command line: ``python -m knowtheline.data build --raw RAW --out data``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from knowtheline.data.build import build


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and rebuild the 287(g) tables."""
    parser = argparse.ArgumentParser(prog="python -m knowtheline.data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("build", help="rebuild data/287g/ from the raw snapshots")
    cmd.add_argument("--raw", type=Path, default=Path("../shared/data/raw/287g"), help="raw 287(g) folder")
    cmd.add_argument("--out", type=Path, default=Path("data"), help="data folder (tables go to OUT/287g)")
    args = parser.parse_args(argv)
    if not (args.raw / "README.md").is_file():
        print(f"raw folder not found: {args.raw}; keeping the committed tables", file=sys.stderr)
        return 0
    provenance = build(args.raw, args.out / "287g")
    newest = provenance["newest_participating_list"]
    print(f"wrote {args.out / '287g'} (newest list {newest['snapshot_date']}: {newest['file']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
