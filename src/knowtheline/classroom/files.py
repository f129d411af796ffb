"""Writing output without ever overwriting an existing file."""

from __future__ import annotations

from pathlib import Path


def free_path(path: Path) -> Path:
    """`path` if nothing is there yet, else the first free `name-2.ext`, `name-3.ext`, ..."""
    path = Path(path)
    if not path.exists():
        return path
    suffixes = "".join(path.suffixes)
    stem = path.name[: len(path.name) - len(suffixes)] if suffixes else path.name
    n = 2
    while (candidate := path.with_name(f"{stem}-{n}{suffixes}")).exists():
        n += 1
    return candidate


def write_new(path: Path, data: bytes | str) -> Path:
    """Write to `path`, or to a free variant of it if it exists; return where it went."""
    target = free_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = "xb" if isinstance(data, bytes) else "x"
    with open(target, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)
    return target
