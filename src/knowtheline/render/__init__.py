"""Every HTML page and fragment the package writes, from the Jinja2 templates in `templates/`.

One environment, autoescaping everything: a template writes `{{ text }}` and bank text,
learner names and titles are escaped. Every full page extends `base.html` (the one page
shell); the scenario block is the one macro in `macros.html`. JSON placed inside a
`<script>` goes through `script_json` (the one way it is escaped, also for the charts), and
our own script and style files are inlined through `inline_code`.
"""

from __future__ import annotations

import json
import re
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from knowtheline.asof import in_words, is_stale, stale_note

#: What JSON may not contain raw inside <script>: `</script>` or `<!--` would end or change the
#: element, `&` starts a character reference in XHTML, and U+2028/U+2029 end a line in older
#: JavaScript parsers.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data) -> Markup:
    """`data` as JSON safe to place inside a `<script>` element (keys sorted, compact)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_ESCAPES))


def classic_script(module: str) -> str:
    """An ES module of ours as a classic script (its exports made local, the whole wrapped in
    a function), for pages opened from file://, where browsers refuse to load a module file.
    The module's own start-up code then runs as the page loads, as it does as a module."""
    body = re.sub(r"^export default [^\n]*\n", "", module, flags=re.M)
    body = re.sub(r"^export (?=(?:async )?function |const |let |class )", "", body, flags=re.M)
    if re.search(r"^\s*(?:import|export)\b", body, flags=re.M):
        raise ValueError("the module has an import or export this conversion does not handle")
    return "(function () {\n\"use strict\";\n" + body + "\n})();\n"


def inline_code(code: str) -> Markup:
    """Our own script or stylesheet, safe to inline in `<script>` or `<style>`."""
    return Markup(code.replace("</", "<\\/"))


def as_of(iso: str, lang: str = "en") -> dict:
    """A 'law as of' date for a template: ISO date, date in words, stale note or ''."""
    day = date.fromisoformat(iso)
    return {"iso": day.isoformat(), "words": in_words(day, lang),
            "stale": stale_note(day, lang) if is_stale(day) else ""}


ENV = Environment(loader=PackageLoader("knowtheline.render", "templates"), autoescape=True,
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
ENV.filters.update(script_json=script_json, inline_code=inline_code)
ENV.globals.update(as_of=as_of)


def render(template: str, lang: str = "en", **context) -> str:
    """Render `templates/<template>` with `context`, in `lang`: the template reads its
    interface text from the catalogue as `t("quiz.check")` (knowtheline.i18n)."""
    from knowtheline import i18n

    def t(key: str, **values):
        return i18n.t(lang, key, **values)
    return ENV.get_template(template).render(lang=lang, t=t, **context)
