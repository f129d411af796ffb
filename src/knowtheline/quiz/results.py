"""The learner's results file: one JSON format from the book's and assignments' download
button and from the live widget's save button, read back by `knowtheline quiz grade`.

    {"format": "knowtheline-quiz-results", "format_version": 2,
     "quiz": "week1", "quiz_version": "3f2a…", "mode": "graded", "learner": "…", "saved": "2026-…Z",
     "answers": [{"question": "q1", "chosen": ["B"], "attempts": 1}, …],
     "checksum": "sha256:…"}

Questions and options are named as the learner saw them (`q1…`, letters; `view.py`), so
the file gives nothing away either; `quiz_version` says exactly which questions, in which
order, `q1…` were. `attempts` counts the learner's checks (practice) or submissions
(graded). A practice file also has `"score": {"correct", "answered", "total"}` as the
learner saw it; `quiz grade` re-checks everything and does not trust it.

The checksum is SHA-256 over the canonical JSON of everything else (keys sorted, no spaces,
UTF-8). It catches a truncated or hand-edited file; it is not a security measure.

One builder: the quiz module (`static/ktl-quiz.js`) builds every record and its file name,
for the book's and an assignment page's download and for the live widget, which hands
them to Python to check (`check_record`) and write (`write_new`). Python never builds a
learner's record (the tests fabricate theirs in `tests/conftest.py`, as a learner would).

Format 1 (bank question ids and option ids, with a `chapter` and `correct` per answer) is
still read by `quiz grade`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from knowtheline.classroom import files

FORMAT = "knowtheline-quiz-results"
FORMAT_VERSION = 2
#: What a results file name may be (the quiz module makes it: `knowtheline-<quiz>[-<learner>].json`).
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.json")


def canonical(data: dict) -> bytes:
    body = {k: v for k, v in data.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def checksum(data: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()


def check_record(data, quiz: str, version: str) -> dict:
    """A record the quiz module built (the widget's *Save my results*), checked before it is
    written: this format, this quiz and version, a list of answers, a matching checksum."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"not a Know the Line results record (format {FORMAT}, version {FORMAT_VERSION})")
    if data.get("quiz") != quiz or data.get("quiz_version") != version:
        raise ValueError(f"the record is for quiz {data.get('quiz')!r} version {data.get('quiz_version')!r}, "
                         f"not {quiz!r} version {version!r}")
    if not isinstance(data.get("answers"), list) or not isinstance(data.get("learner"), str):
        raise ValueError("the record has no list of answers or no learner")
    if data.get("checksum") != checksum(data):
        raise ValueError("the record's checksum does not match its contents")
    return data


def write_new(folder: Path, file, data: dict) -> Path:
    """Write a checked record as `folder/file` (a plain `.json` file name, as the quiz module
    names it), never over an earlier file (`-2`, `-3`, ... instead); return the path."""
    if not isinstance(file, str) or not SAFE_NAME.fullmatch(file):
        raise ValueError(f"{file!r} is not a plain results file name (letters, digits, - and _, ending in .json)")
    return files.write_new(Path(folder) / file, dumps(data))


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
