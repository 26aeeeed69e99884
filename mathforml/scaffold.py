"""`python -m mathforml new-topic`: add a topic to syllabus.yml, in its part, and write its page.

The entry goes after the last topic of its part in the file (without parts: at the end), so the
reading order keeps it with its part; the page gets the documented sections to fill in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from mathforml.resources import load_resources
from mathforml.syllabus import ID, TOPICS_DIR, SyllabusError, _did_you_mean, load_syllabus, parse_syllabus, printable

# Written to meet the content rules' errors (mathforml/content.py), so the site builds at once; the
# warnings left (one resource, a short solution) say what to fill in. The effort is the topic's hours.
PAGE = """\
## Why it matters for machine learning

Why this topic matters, with one concrete machine-learning example.

## Resources

- [Title of the best resource](https://example.org/) by Its Author · *book · free · {effort} · ch. 1* · What it is best for.

## Worked exercises

**Exercise 1.** A first exercise.

??? success "Solution"

    Its full solution.

## You're ready when you can...

- Do one concrete thing.
- Do another.
- Do a third.
"""


# Titles YAML would read as written: anything else (Yes, null, 1.5, "a: b", "#x", " x") goes in double quotes.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'-]*")
# What JSON leaves as it is but a YAML file cannot hold, or would read as a line break: written as escapes.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _quoted(text):
    """A YAML scalar for `text`, on one line, that reads back as the same string."""
    if _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _entry(topic_id, title, part, requires, hours, summary):
    lines = [f"  - id: {topic_id}", f"    title: {_quoted(title)}"]
    if part:
        lines.append(f"    part: {part}")
    lines += [f"    requires: [{', '.join(requires)}]", f"    hours: {hours:g}", f"    summary: {_quoted(summary)}"]
    return "\n".join(lines) + "\n"


def _insertion_line(text, syllabus, part):
    """The 0-based line before which the new entry goes: after the part's last topic, or the file's."""
    root = yaml.compose(text)
    topics = next(v for k, v in root.value if k.value == "topics").value
    index = max((i for i, t in enumerate(syllabus.topics) if t.part == part), default=len(topics) - 1) if part else len(topics) - 1
    if index + 1 >= len(topics):
        return len(text.splitlines())
    line = topics[index + 1].start_mark.line
    lines = text.splitlines()
    # Stay above the comments and blank lines that introduce the next part.
    while line > 0 and (not lines[line - 1].strip() or lines[line - 1].lstrip().startswith("#")):
        line -= 1
    return line


def new_topic(syllabus_path, docs_dir, topic_id, title, requires=(), part=None, hours=10, summary=None):
    """Adds the topic and its page; returns a sentence saying where it went. Raises SyllabusError."""
    syllabus_path, docs_dir = Path(syllabus_path), Path(docs_dir)
    name = syllabus_path.name
    syllabus = load_syllabus(syllabus_path, docs_dir)
    ids = [t.id for t in syllabus.topics]
    if not ID.fullmatch(topic_id):
        raise SyllabusError(f"new topic: '{printable(topic_id)}' is not a valid id. Use lowercase letters, digits and dashes, like 'linear-algebra'.")
    if topic_id in ids:
        raise SyllabusError(f"new topic: '{topic_id}' is already the id of a topic in {name}. Choose another id.")
    for required in requires:
        if required not in ids:
            hint = _did_you_mean(required, ids) or f"Requires names ids of topics in {name}."
            raise SyllabusError(f"new topic: no topic has the id '{required}'. {hint}")
    parts = [p.id for p in syllabus.parts]
    if parts and part is None:
        raise SyllabusError(f"new topic: {name} lists parts, so give the topic one: PART= one of {', '.join(parts)}.")
    if part is not None and part not in parts:
        hint = _did_you_mean(part, parts) or (f"Parts: {', '.join(parts)}." if parts else f"{name} lists no parts.")
        raise SyllabusError(f"new topic: no part has the id '{part}'. {hint}")
    for field, value in (("title", title), ("summary", summary)):
        # Bytes that are not UTF-8 reach argv as lone surrogates, which no file can hold.
        if value is not None and any("\ud800" <= c <= "\udfff" for c in value):
            raise SyllabusError(f"new topic: the {field} is not UTF-8 text. Type it again in a UTF-8 terminal.")
    page = docs_dir / TOPICS_DIR / f"{topic_id}.md"
    if page.exists():
        raise SyllabusError(f"new topic: docs/{TOPICS_DIR}/{topic_id}.md exists already. Delete it first or choose another id.")

    original = syllabus_path.read_bytes()
    text = syllabus_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = _insertion_line(text, syllabus, part)
    entry = _entry(topic_id, title, part, requires, hours, summary or f"What {title} gives a learner.")
    if at and lines[at - 1].strip():
        entry = "\n" + entry
    if at < len(lines):
        entry += "\n"
    elif lines and not lines[-1].endswith("\n"):
        entry = "\n" + entry
    new_text = "".join(lines[:at]) + entry + "".join(lines[at:])
    line = new_text[: new_text.index(f"  - id: {topic_id}\n")].count("\n") + 1
    result = parse_syllabus(new_text, name)  # refuses, with the usual message, what would not build
    from mathforml.graph import SyllabusGraph

    # Whatever stops it once writing has begun (a page the resources reject, a full disk, Ctrl-C), both
    # files go back to what they were, byte for byte.
    try:
        page.write_text(PAGE.format(effort=f"{hours:g} h"), encoding="utf-8")
        syllabus_path.write_text(new_text, encoding="utf-8")
        load_resources(result, docs_dir)
        graph = SyllabusGraph(result)
    except BaseException:
        page.unlink(missing_ok=True)
        syllabus_path.write_bytes(original)
        raise
    where = f", part '{part}'" if part else ""
    return (f"Added topic '{topic_id}' to {name} (line {line}{where}) and wrote docs/{TOPICS_DIR}/{topic_id}.md. "
            f"It is step {graph.step[topic_id]} of {len(graph.reading_order)} in the reading order.")
