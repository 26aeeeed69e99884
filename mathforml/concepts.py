"""Concepts in use: where each topic page uses a concept that syllabus.yml says a topic teaches.

A page may use what its own topic or one of its prerequisites (transitively) teaches. A use is a
concept's term or alias in the page's prose, exercises, solutions and ready list, or its notation in
a formula. Not a use: the Resources section (its titles and notes name what a book covers), code,
and a passage marked as looking ahead, an admonition titled "Looking ahead":

    !!! info "Looking ahead"
        Later, the convexity topic shows ...

From the uses come the reasons on the edges: what a topic needs from each prerequisite is the
concepts of that prerequisite its page uses. A syllabus that names no concepts gets nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mathforml.resources import _FENCE, HEADING, _body_start, _sections

LOOKING_AHEAD = "Looking ahead"
_LOOK_AHEAD = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s*[\w-]*\s*"' + LOOKING_AHEAD + r'\b[^"]*"\s*$')
_DISPLAY = re.compile(r"^\s*\$\$")
_INLINE_MATH = re.compile(r"\$([^$\n]+)\$")
# Link targets, autolinks, HTML tags, inline code and the build's own markers: no text of a page's prose.
_NOT_PROSE = re.compile(r"\]\([^)\n]*\)|<[^>\n]*>|`[^`\n]*`")


@dataclass(frozen=True)
class Use:
    concept: object  # a syllabus.Concept
    line: int  # 1-based, in the page's source
    start: int  # columns of the words on that line (0, 0 for a notation in a formula)
    end: int


def _passages(lines):
    """(index, text, is_math) of every line of the page that can use a concept."""
    skip = set()
    headings = list(_sections(lines))
    for position, (level, title, index) in enumerate(headings):
        if level == 2 and title == HEADING:
            end = next((i for lvl, _, i in headings[position + 1:] if lvl <= 2), len(lines))
            skip.update(range(index, end))
        if level <= 2:
            skip.add(index)
    skip.update(range(_body_start(lines)))
    fenced = display = False
    ahead = None  # the indent of an open look-ahead admonition
    for index, line in enumerate(lines):
        if ahead is not None:
            if not line.strip() or len(line) - len(line.lstrip()) > ahead:
                continue
            ahead = None
        if match := _LOOK_AHEAD.match(line):
            ahead = len(match["indent"])
            continue
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or index in skip:
            continue
        if _DISPLAY.match(line):
            display = not display
            rest = line.strip()[2:]
            if rest.endswith("$$") and rest.strip() != "":  # $$ ... $$ on one line
                display = False
                yield index, rest[:-2], True
            elif rest.strip():
                yield index, rest, True
            continue
        if display:
            yield index, line, True
            continue
        for match in _INLINE_MATH.finditer(line):
            yield index, match[1], True
        yield index, _INLINE_MATH.sub(lambda m: " " * len(m[0]), line), False


def _words_pattern(concepts):
    names = sorted({name for c in concepts for name in c.names}, key=len, reverse=True)
    if not names:
        return None
    # Whole words, any case, any run of spaces between them.
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def _squeeze(tex):
    return re.sub(r"\s+", "", tex)


def page_uses(text, concepts):
    """Each concept's first use in the page `text`, in page order."""
    concepts = tuple(concepts)
    pattern = _words_pattern(concepts)
    by_name = {name.casefold(): c for c in concepts for name in c.names}
    notations = [(c, _squeeze(c.notation)) for c in concepts if c.notation]
    first = {}
    for index, passage, is_math in _passages(text.splitlines()):
        if is_math:
            squeezed = _squeeze(passage)
            for concept, notation in notations:
                if concept not in first and notation in squeezed:
                    first[concept] = Use(concept, index + 1, 0, 0)
            continue
        if pattern is None:
            continue
        prose = _NOT_PROSE.sub(lambda m: " " * len(m[0]), passage)
        for match in pattern.finditer(prose):
            concept = by_name[" ".join(match[0].split()).casefold()]
            if concept not in first:
                first[concept] = Use(concept, index + 1, match.start(), match.end())
    return sorted(first.values(), key=lambda use: (use.line, use.start))


def all_concepts(syllabus):
    return tuple(c for topic in syllabus.topics for c in topic.teaches)


def uses_by_topic(graph, page_texts):
    """{topic id: its page's first uses of the concepts other topics teach}, for `page_texts` {topic id: text}."""
    concepts = all_concepts(graph.syllabus)
    if not concepts:
        return {}
    return {topic_id: [u for u in page_uses(text, concepts) if u.concept.topic != topic_id]
            for topic_id, text in page_texts.items()}


def misplaced_uses(graph, uses):
    """(topic id, use) of each use of a concept that neither the topic nor any prerequisite of it teaches."""
    found = []
    for topic_id, page in uses.items():
        allowed = {t.id for t in graph.prerequisites_of(topic_id)}
        found += [(topic_id, use) for use in page if use.concept.topic not in allowed]
    return found


def reasons(graph, uses):
    """{topic id: {required id: the terms of that prerequisite's concepts the topic's page uses}}."""
    return {topic_id: {required: tuple(u.concept.term for u in uses.get(topic_id, ()) if u.concept.topic == required)
                       for required in graph.by_id[topic_id].requires}
            for topic_id in graph.by_id}


def with_first_use_links(markdown, topic_id, all_concepts_, url_of):
    """The page's Markdown with the first use of each concept another topic teaches linked to that
    topic's page (`url_of(topic id)`), where the words stand in plain prose: not in a heading, a
    link's text or an HTML line. A page's own concepts are left as they are: it teaches them."""
    uses = [u for u in page_uses(markdown, all_concepts_) if u.concept.topic != topic_id and u.end > u.start]
    lines = markdown.split("\n")
    by_line = {}
    for use in uses:
        by_line.setdefault(use.line - 1, []).append(use)
    for index, found in by_line.items():
        line = lines[index]
        if line.lstrip().startswith(("#", "<", "|", "!!!", "???")):
            continue
        for use in sorted(found, key=lambda u: u.start, reverse=True):
            before = line[:use.start]
            if before.count("[") > before.count("]") or before.count("**") % 2 and "**" not in line[use.end:]:
                continue  # inside a link's text, or emphasis the link would split
            line = f"{before}[{line[use.start:use.end]}]({url_of(use.concept.topic)}){line[use.end:]}"
        lines[index] = line
    return "\n".join(lines)
