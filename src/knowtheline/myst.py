"""MyST inline roles as the tools read them from the sources (the book itself renders them
through Sphinx): readability, the workshop copies and the translation check.

    {term}`orden judicial <Orden judicial>`  ->  text "orden judicial", target "Orden judicial"
    {footcite:p}`key`                        ->  text and target "key"
"""

from __future__ import annotations

import re

#: A role and its body: {name}`body`.
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
_EXPLICIT = re.compile(r"\s*(?P<text>.*?)\s*<(?P<target>[^>]+)>\s*$", re.S)


def role_text(body: str) -> str:
    """What a reader sees of a role's body: 'text <target>' -> 'text'; 'target' -> 'target'."""
    found = _EXPLICIT.match(body)
    return found["text"] if found else body


def role_target(body: str) -> str:
    """What a role's body points to: 'text <target>' -> 'target'; 'target' -> 'target'."""
    found = _EXPLICIT.match(body)
    return (found["target"] if found else body).strip()
