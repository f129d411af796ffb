"""The Spanish edition's reference lists: pybtex's `plain` style with the words it adds in
Spanish ("consultado el", "y") and each source's `note` from `es/bib-notes.yaml` (titles,
names and publishers stay as published). `knowtheline.book` selects it when the book's
language is Spanish; `knowtheline translation check` keeps the notes in step with
references.bib."""

from __future__ import annotations

from pathlib import Path

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as Plain
from pybtex.style.template import field, names, optional, sentence

from knowtheline.translation import read_notes

NAME = "ktl-es"
NOTES = "bib-notes.yaml"


class SpanishStyle(Plain):
    """`plain`, in Spanish; `notes` is {citation key: Spanish note}."""

    notes: dict[str, str] = {}
    #: A report's kind, which `plain` writes in English ("Technical Report" when not given).
    REPORT_TYPES = {"": "Informe técnico", "Working Paper": "Documento de trabajo"}

    def format_entry(self, label, entry, bib_data=None):
        fields = dict(entry.fields)
        if "note" in fields and entry.key in self.notes:
            fields["note"] = self.notes[entry.key]
        if entry.type == "techreport":
            fields["type"] = self.REPORT_TYPES.get(fields.get("type", ""), fields.get("type", ""))
        translated = Entry(entry.type, fields=fields, persons=entry.persons)
        translated.key = entry.key
        return super().format_entry(label, translated, bib_data)

    def format_names(self, role, as_sentence=True):
        formatted = names(role, sep=", ", sep2=" y ", last_sep=" y ")
        return sentence[formatted] if as_sentence else formatted

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (consultado el ", field("urldate"), ")"]],
            optional[self.format_eprint(e)],
            optional[self.format_pubmed(e)],
            optional[self.format_doi(e)],
        ]


def use_for(srcdir: Path) -> str:
    """Load the edition's notes and register the style; its name, for `bibtex_default_style`."""
    SpanishStyle.notes = read_notes(Path(srcdir) / NOTES)
    register_plugin("pybtex.style.formatting", NAME, SpanishStyle, force=True)
    return NAME
