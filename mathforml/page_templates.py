"""What a page that is read as a template (front matter `render_macros: true`) may hold.

mkdocs-macros reads such a page with Jinja, which can reach Python from an expression
(`{{ cycler.__init__.__globals__.os.popen(...) }}`): a change to such a page could run commands on
the machine that builds the site. So a template page may only name the build's own macros and
values, called with nothing or indexed by a number, like `{{ reading_order_table() }}` or
`{{ hours_range()[0] }}`, and no Jinja statement or comment at all.
"""

from __future__ import annotations

import re

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_STATEMENT = re.compile(r"\{%|\{#")
_ALLOWED = re.compile(r"\s*(?P<name>[a-z_]+)(?:\(\s*\))?(?:\[\s*\d\s*\])?\s*")


def template_problems(markdown, names):
    """(line, text) of each piece of Jinja in `markdown` that is not one of `names` called or named."""
    problems = []
    for match in _STATEMENT.finditer(markdown):
        problems.append((markdown.count("\n", 0, match.start()) + 1, match[0]))
    for match in _EXPRESSION.finditer(markdown):
        allowed = _ALLOWED.fullmatch(match[1])
        if not allowed or allowed["name"] not in names:
            shown = match[0] if len(match[0]) <= 60 else match[0][:57] + "..."
            problems.append((markdown.count("\n", 0, match.start()) + 1, shown))
    return sorted(problems)
