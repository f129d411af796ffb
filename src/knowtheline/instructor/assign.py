"""`show_assignment` at its old path, which notebooks from earlier `quiz assign` import."""

from knowtheline.classroom.assign import show_assignment  # noqa: F401
