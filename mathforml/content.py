"""The content rules a good topic page meets, checked on a syllabus and its pages.

syllabus.py and resources.py refuse what the build cannot read; these rules judge what a learner
reads: the four sections, a free first resource, a pointer and a note on every resource, hours that
agree with the resources, https links, numbered worked exercises with collapsed solutions, and a
short self-check, and concepts used only where a prerequisite teaches them (concepts.py). Every problem of a run comes at once, each on its file and line, saying what is
wrong and what to do. `make check`, the build and the test suite all run them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mathforml import concepts
from mathforml.graph import SyllabusGraph
from mathforml.resources import _sections
from mathforml.syllabus import printable

ERROR, WARNING = "error", "warning"

# The one place that decides which rules stop `make check`, the build and the suite (error) and
# which are only reported (warning). docs/customize.md lists every rule with its message.
SEVERITY = {
    "sections": ERROR,
    "free-first-resource": ERROR,
    "resource-pointer": ERROR,
    "resource-note": ERROR,
    "hours-match-resources": ERROR,
    "same-effort": ERROR,
    "https-links": ERROR,
    "exercises": ERROR,
    "solutions": ERROR,
    "self-check": ERROR,
    "extra-section": WARNING,
    "resource-count": WARNING,
    "exercise-count": WARNING,
    "self-check-count": WARNING,
    "solution-length": WARNING,
    "concept-use": ERROR,
    "unused-prerequisite": WARNING,
}

WHY = "Why it matters"  # the first section's title starts so: "Why it matters for machine learning"
SECTIONS = ("Resources", "Worked exercises", "You're ready when you can...")
RESOURCE_COUNT = (2, 6)
EXERCISE_COUNT = (2, 4)
SELF_CHECK_COUNT = (3, 6)
SOLUTION_MIN_CHARS = 80
SOLUTION = '??? success "Solution"'

_EXERCISE = re.compile(r"^\*\*Exercise (\d+)\.\*\*")
_SOLUTION = re.compile(r'^(\?\?\?\+?|!!!) success "Solution"\s*$')
_NOTE = re.compile(r"[A-Z].+\.")
_HTTP = re.compile(r"\]\(\s*<?(http://[^)\s>]*)|<(http://[^>\s]*)>|\b(?:href|src)\s*=\s*[\"']?(http://[^\"'\s>]*)", re.I)


@dataclass(frozen=True, order=True)
class ContentProblem:
    file: str
    line: int  # 1-based; 0 for the file as a whole
    rule: str
    message: str

    @property
    def severity(self):
        return SEVERITY[self.rule]

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return printable(f"{where}: {self.message} [{self.rule}]")


def _hours(number):
    return f"{number:g} h" if number >= 1 or number == 0 else f"{round(number * 60)} min"


def _quoted(titles):
    return ", ".join(f"'{title}'" for title in titles)


def _section_bodies(lines):
    """Each level-2 section as (title, heading index, [indices of its lines])."""
    headings = [(title, index) for level, title, index in _sections(lines) if level == 2]
    bodies = []
    for n, (title, index) in enumerate(headings):
        end = headings[n + 1][1] if n + 1 < len(headings) else len(lines)
        bodies.append((title, index, range(index + 1, end)))
    return bodies


def _check_sections(name, lines, bodies, problems):
    expected = ["Why it matters for machine learning", *SECTIONS]
    found = []
    for wanted in expected:
        matches = [b for b in bodies if (b[0].startswith(WHY) if wanted.startswith(WHY) else b[0] == wanted)]
        if not matches:
            problems.append(ContentProblem(name, 0, "sections", (
                f"no '## {wanted}' section. Every topic page has four level-2 sections, in this order: "
                f"'## {expected[0]}' (or '## {WHY} for ...'), '## {SECTIONS[0]}', '## {SECTIONS[1]}' and '## {SECTIONS[2]}'.")))
            continue
        for extra in matches[1:]:
            problems.append(ContentProblem(name, extra[1] + 1, "sections",
                                           f"a second '## {extra[0]}' section. Merge it into the first, on line {matches[0][1] + 1}."))
        found.append(matches[0])
    ordered = sorted(found, key=lambda b: b[1])
    if ordered != found:
        problems.append(ContentProblem(name, ordered[0][1] + 1, "sections", (
            f"the sections are out of order: {_quoted(b[0] for b in ordered)}. Order them: {_quoted(expected)}.")))
    matched = {b[1] for b in bodies if b[0] in expected[1:] or b[0].startswith(WHY)}
    for title, index, _ in bodies:
        if index not in matched:
            problems.append(ContentProblem(name, index + 1, "extra-section", (
                f"'## {title}' is not one of the four sections. Make it a level-3 heading ('### {title}') "
                f"inside one of them, or fold it into the prose.")))
    return {b[0] if not b[0].startswith(WHY) else WHY: b for b in found}


def _check_exercises(name, lines, body, problems):
    _, heading, indices = body
    exercises = [(i, int(m[1])) for i in indices if (m := _EXERCISE.match(lines[i]))]
    if not exercises:
        problems.append(ContentProblem(name, heading + 1, "exercises", (
            "the 'Worked exercises' section has no exercise. Start each with '**Exercise 1.**' (then 2, 3, ...) "
            "at the start of a line, followed by its solution.")))
        return
    for position, (index, number) in enumerate(exercises, start=1):
        if number != position:
            problems.append(ContentProblem(name, index + 1, "exercises",
                                           f"exercise {number} should be exercise {position}. Number the exercises 1, 2, 3, ... in order."))
    low, high = EXERCISE_COUNT
    if not low <= len(exercises) <= high:
        problems.append(ContentProblem(name, heading + 1, "exercise-count", (
            f"{len(exercises)} worked exercise{'s' if len(exercises) != 1 else ''}; a topic has {low} to {high}, "
            f"enough to practise each idea without burying the next step.")))
    ends = [i for i, _ in exercises[1:]] + [indices.stop]
    for (index, number), end in zip(exercises, ends):
        solutions = [i for i in range(index + 1, end) if _SOLUTION.match(lines[i])]
        if not solutions:
            problems.append(ContentProblem(name, index + 1, "solutions", (
                f"exercise {number} has no solution. After it, write a line '{SOLUTION}' and the worked "
                f"solution indented by four spaces below it.")))
            continue
        start = solutions[0]
        if not lines[start].startswith("??? "):
            problems.append(ContentProblem(name, start + 1, "solutions", (
                f"the solution of exercise {number} starts open. Write it as '{SOLUTION}', so a learner tries the "
                f"exercise before reading the answer.")))
        text = []
        for i in range(start + 1, end):
            if lines[i].strip() and not lines[i].startswith(("    ", "\t")):
                break
            text.append(lines[i].strip())
        length = len(" ".join(t for t in text if t))
        if length == 0:
            problems.append(ContentProblem(name, start + 1, "solutions", (
                f"the solution of exercise {number} is empty. Write the worked solution below "
                f"'{SOLUTION}', each line indented by four spaces.")))
        elif length <= SOLUTION_MIN_CHARS:
            problems.append(ContentProblem(name, start + 1, "solution-length", (
                f"the solution of exercise {number} has {length} characters: write it out in full "
                f"(more than {SOLUTION_MIN_CHARS}), every step a learner needs, not a hint.")))


def _check_self_check(name, lines, body, problems):
    _, heading, indices = body
    items = [i for i in indices if lines[i].startswith("- ")]
    if not items:
        problems.append(ContentProblem(name, heading + 1, "self-check", (
            "the self-check has no list. List what a learner can do once the topic is learned, one '- ' line each, "
            "like '- Compute the eigenvalues of a 2x2 matrix.'")))
        return
    low, high = SELF_CHECK_COUNT
    if not low <= len(items) <= high:
        problems.append(ContentProblem(name, heading + 1, "self-check-count", (
            f"the self-check lists {len(items)} item{'s' if len(items) != 1 else ''}; it has {low} to {high} "
            f"concrete tasks a learner can try.")))


def _check_resources(name, topic, resources, problems):
    if not resources:
        return
    low, high = RESOURCE_COUNT
    if not low <= len(resources) <= high:
        problems.append(ContentProblem(name, resources[0].line, "resource-count", (
            f"{len(resources)} resource{'s' if len(resources) != 1 else ''}; a topic lists {low} to {high}, best first: "
            f"a main one and a few alternatives.")))
    first = resources[0]
    if first.cost != "free":
        problems.append(ContentProblem(name, first.line, "free-first-resource", (
            f"the first resource, '{first.title}', is {first.cost}. The first resource is the main one and is free: "
            f"move a free resource that covers the topic to the top.")))
    for r in resources:
        if not r.pointer:
            problems.append(ContentProblem(name, r.line, "resource-pointer", (
                f"resource '{r.title}' has no pointer. Add the part this topic needs as the fourth italic field, "
                f"like *book · free · 8 h · ch. 5* or *course · free · 3 h · lectures 4–6*.")))
        if not _NOTE.fullmatch(r.note):
            problems.append(ContentProblem(name, r.line, "resource-note", (
                f"resource '{r.title}' needs a note: after the italic part, ' · ' and a sentence on what it is best for, "
                f"starting with a capital letter and ending with a full stop.")))
    total = sum(r.hours for r in resources)
    if not first.hours <= topic.hours <= total:
        problems.append(ContentProblem(name, first.line, "hours-match-resources", (
            f"topic '{topic.id}' takes {topic.hours:g} h in syllabus.yml, outside {_hours(first.hours)} (the first resource) "
            f"to {_hours(total)} (all resources). Set its 'hours' in that range, or correct the resources' efforts.")))


def _check_links(name, lines, problems):
    fenced = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _HTTP.finditer(line):
            url = next(g for g in match.groups() if g is not None)
            problems.append(ContentProblem(name, index + 1, "https-links",
                                           f"the link {url} is plain http. Link its https address."))


def check_content(syllabus, docs_dir, resources):
    """Every content problem of the syllabus's pages, sorted by file and line.

    `resources` is load_resources' result for the same syllabus and docs_dir."""
    problems = []
    efforts, texts = {}, {}
    for topic in syllabus.topics:
        name = f"docs/{topic.page}"
        texts[topic.id] = (Path(docs_dir) / topic.page).read_text(encoding="utf-8-sig")
        lines = texts[topic.id].splitlines()
        bodies = _section_bodies(lines)
        found = _check_sections(name, lines, bodies, problems)
        if "Worked exercises" in found:
            _check_exercises(name, lines, found["Worked exercises"], problems)
        if SECTIONS[2] in found:
            _check_self_check(name, lines, found[SECTIONS[2]], problems)
        _check_resources(name, topic, resources.get(topic.id, ()), problems)
        _check_links(name, lines, problems)
        for r in resources.get(topic.id, ()):
            efforts.setdefault((r.url, r.pointer), []).append((name, r))
    _check_concepts(syllabus, texts, problems)
    for (url, pointer), uses in efforts.items():
        first_name, first = uses[0]
        for name, r in uses[1:]:
            if r.hours != first.hours:
                part = f"'{pointer}' of " if pointer else ""
                problems.append(ContentProblem(name, r.line, "same-effort", (
                    f"{part}{url} takes {_hours(r.hours)} here but {_hours(first.hours)} on {first_name}:{first.line}. "
                    f"The same part of a resource takes the same time everywhere: make the efforts agree.")))
    return sorted(problems)


def _check_concepts(syllabus, texts, problems, name="syllabus.yml"):
    """`texts` holds each topic id's page as check_content read it."""
    graph = SyllabusGraph(syllabus)
    uses = concepts.uses_by_topic(graph, texts)
    if not uses:
        return
    for topic_id, use in concepts.misplaced_uses(graph, uses):
        teacher = graph.by_id[use.concept.topic]
        problems.append(ContentProblem(f"docs/{graph.by_id[topic_id].page}", use.line, "concept-use", (
            f"'{use.concept.term}' is taught by '{teacher.title}' ({teacher.id}), which is not a prerequisite of this "
            f"topic. Add '{teacher.id}' to the 'requires' of '{topic_id}' in {name}, or put the passage in a "
            f"'!!! info \"{concepts.LOOKING_AHEAD}\"' admonition.")))
    for topic_id, needs in concepts.reasons(graph, uses).items():
        topic = graph.by_id[topic_id]
        for required, terms in needs.items():
            taught = graph.by_id[required].teaches
            if taught and not terms:
                shown = ", ".join(c.term for c in taught[:4]) + (", ..." if len(taught) > 4 else "")
                problems.append(ContentProblem(name, topic.requires_line, "unused-prerequisite", (
                    f"topic '{topic_id}' requires '{required}', but its page uses none of what '{required}' teaches "
                    f"({shown}). It may not be needed: remove it, or add to the 'teaches' of '{required}' what "
                    f"'{topic_id}' needs from it.")))


def errors_and_warnings(problems):
    return [p for p in problems if p.severity == ERROR], [p for p in problems if p.severity == WARNING]
