"""Drop the rules of a stylesheet that cannot match anything the site can show.

A selector is kept when every class, id, element name and attribute it requires occurs as a word in
the built pages or in the scripts that add markup (Material's bundle and search worker, ours). This
is PurgeCSS's rule, which is Node-only; written here so building the site needs Python alone.
Functional pseudo-classes (:not, :is, :has, ...) are not looked into, so a selector is never
dropped for what they contain: the purge can keep too much, never too little.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import tinycss2

_WORD = re.compile(r"[A-Za-z_][\w-]*")
# Rules inside these at-rules are selectors like any other; others (@font-face, @keyframes, @page)
# are kept whole.
_NESTING = {"media", "supports", "container", "layer", "document"}


def words(text: str) -> set[str]:
    """Every word that could be a class, id, element or attribute name or value in `text`."""
    return set(_WORD.findall(text))


def _split(prelude):
    selector = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def _required(selector):
    """The words a selector needs the page to contain."""
    needed = []
    previous = None
    for token in selector:
        if token.type == "ident":
            if previous is None or previous.type in {"whitespace"} or (
                    previous.type == "literal" and previous.value in {">", "+", "~"}):
                needed.append(token.value.lower())  # an element name
            elif previous.type == "literal" and previous.value == ".":
                needed.append(token.value)  # a class
        elif token.type == "hash":
            needed.append(token.value)
        elif token.type == "[] block":
            parts = [t for t in token.content if t.type not in {"whitespace", "comment"}]
            if parts and parts[0].type == "ident":
                needed.append(parts[0].value)
            exact = len(parts) == 3 and parts[1].type == "literal" and parts[1].value in {"=", "~=", "|="}
            if exact and parts[2].type in {"ident", "string"}:
                needed.extend(_WORD.findall(parts[2].value))
        if token.type not in {"comment"}:
            previous = token
    return needed


def _purge_rules(rules, present, drop):
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [written for s in _split(rule.prelude) if all(w in present for w in _required(s))
                         and (written := tinycss2.serialize(s).strip()) not in drop]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTING and rule.content is not None:
            inner = _purge_rules(tinycss2.parse_rule_list(rule.content), present, drop)
            if inner:
                kept.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type in {"qualified-rule", "at-rule"}:
            kept.append(rule.serialize())
    return "".join(kept)


def purge(css: str, present: set[str], drop: Collection[str] = ()) -> str:
    """`css` without the selectors that need a word not in `present` or are in `drop` (written as
    selectors() writes them), and without the rules left empty."""
    return _purge_rules(tinycss2.parse_stylesheet(css), present, set(drop))


def selectors(css: str) -> set[str]:
    """Every selector of `css`, those inside @media and the like included, as purge() writes them."""
    found = set()

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.update(tinycss2.serialize(s).strip() for s in _split(rule.prelude))
            elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTING and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content))
    walk(tinycss2.parse_stylesheet(css))
    return found
