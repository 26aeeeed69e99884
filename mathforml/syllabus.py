"""Load syllabus.yml and validate it, turning every problem into one readable message."""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import fastjsonschema
import jsonschema
import yaml

from mathforml import graph, inputs

SCHEMA_PATH = Path(__file__).with_name("syllabus.schema.json")
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
# Two validators of one schema: fastjsonschema (compiled, fast) says whether a file is valid;
# only when it is not does jsonschema list every error, for the clearest message.
_IS_VALID = fastjsonschema.compile(SCHEMA)
TOPIC_FIELDS = tuple(SCHEMA["$defs"]["topic"]["properties"])
PART_FIELDS = tuple(SCHEMA["$defs"]["part"]["properties"])
TOP_FIELDS = tuple(SCHEMA["properties"])
TOPICS_DIR = "topics"
# Where a forker finds a complete example of the file.
EXAMPLE = "README.md and the site's page 'Customize your own syllabus' (docs/customize.md)"


# Written out in messages: control characters (C0, DEL, C1: U+009B alone starts a terminal command),
# line separators, and the bidirectional controls that reorder what a terminal or editor shows.
_LINE_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


MAX_PROBLEMS = 20
_WHERE = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<line>\d+))?: ")


class SyllabusError(Exception):
    """Problems in syllabus.yml or a topic page, each worded for the person who edits it on one line
    that starts with its file and line; all of one run's problems together, sorted, capped."""

    def __init__(self, *messages):
        # Names and values quoted from the file may hold line breaks or control characters.
        self.problems = [printable(m) for m in messages]
        shown = self.problems[:MAX_PROBLEMS]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(self.problems) - MAX_PROBLEMS} more problems.")
        super().__init__("\n".join(shown))

    @classmethod
    def combine(cls, errors):
        """One error holding every problem of `errors`, sorted by file (syllabus.yml first) and line."""
        problems = [p for e in errors for p in e.problems]

        def order(problem):
            where = _WHERE.match(problem)
            name, line = (where["file"], int(where["line"] or 0)) if where else ("", 0)
            return (not name.endswith(".yml"), name, line)
        return cls(*sorted(problems, key=order))

    def locations(self):
        """(file, line or None, message) of each problem, for editors and CI annotations."""
        for problem in self.problems:
            where = _WHERE.match(problem)
            yield (where["file"], int(where["line"]) if where["line"] else None, problem) if where else (None, None, problem)


class Problems:
    """Collects the problems of one run, so a forker sees all of them at once."""

    def __init__(self):
        self.errors = []

    def add(self, error):
        self.errors.append(error)

    def raise_any(self):
        if self.errors:
            raise SyllabusError.combine(self.errors)


@dataclass(frozen=True)
class Concept:
    term: str
    definition: str
    topic: str  # the id of the topic that teaches it
    aliases: tuple[str, ...] = ()
    notation: str = ""

    @property
    def names(self):
        """The term and its aliases: the words a page writes when it uses the concept."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    requires: tuple[str, ...]
    hours: float
    summary: str
    page: str
    part: str | None = None  # a Part's id, when the syllabus has parts
    formerly: tuple[str, ...] = ()  # ids it had before a rename
    teaches: tuple[Concept, ...] = ()
    requires_line: int = field(default=0, compare=False)  # of 'requires' in the file, for messages


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    summary: str = ""


@dataclass(frozen=True)
class Syllabus:
    title: str
    description: str
    topics: tuple[Topic, ...]  # in file order
    parts: tuple[Part, ...] = ()  # in reading order; empty when the file lists none


# LibYAML's parser when PyYAML has it (the wheels do): several times faster on large syllabi.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """LibYAML's parser when PyYAML has it, with dates left as text: 'summary: 2023-02-29' is a sentence
    to a forker, and as a date it crashed the validator."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


class _Constructor(yaml.SafeLoader):
    """Builds Python data from composed nodes, refusing duplicate keys (PyYAML would keep the last).

    A value its tag cannot make (!!int '', !!float x, a 5,000-digit integer) is a YAML error on its
    line, not a traceback."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{_short(node.value) if isinstance(node.value, str) else 'this value'} cannot be read as {kind}",
                node.start_mark) from None

    def __init__(self):
        super().__init__("")

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):  # '!!map [a]' or '!!set x': the base class words it
            return super().construct_mapping(node, deep=deep)
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool, type(None))):
                continue  # unhashable keys are refused by the base class with its own message
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice in the same mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _line_numbers(root):
    """Map each path in the document (('topics', 2, 'hours')) to its 1-based line.

    Refuses aliases (a node met twice): never needed in a syllabus, and the way to write
    recursive or exponentially large documents.
    """
    lines, seen, stack = {}, set(), [((), root)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            raise yaml.composer.ComposerError(None, None, "anchors and aliases (& and *) are not supported", node.start_mark)
        seen.add(id(node))
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    lines[path + (key_node.value,)] = key_node.start_mark.line + 1
                    stack.append((path + (key_node.value,), value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((path + (index,), item) for index, item in enumerate(node.value))
    return lines


class _Reporter:
    """Words errors as 'syllabus.yml:LINE: topic 'id', field 'f': problem. Fix.'"""

    def __init__(self, name, data, lines):
        self.name, self.data, self.lines = name, data, lines

    def error(self, path, problem, fix=""):
        path = tuple(path)
        line = next((self.lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.lines), None)
        where = f"{self.name}:{line}" if line else self.name
        parts = [where]
        if len(path) >= 2 and path[0] == "topics" and isinstance(path[1], int):
            topic = self.data["topics"][path[1]]
            topic_id = topic.get("id") if isinstance(topic, dict) else None
            parts.append(f"topic '{_cut(topic_id)}'" if isinstance(topic_id, str) else f"topic #{path[1] + 1}")
            if len(path) >= 4 and path[2] == "teaches" and isinstance(path[3], int):
                parts.append(f"concept {path[3] + 1} of 'teaches'" + (f", field '{path[4]}'" if len(path) >= 5 else ""))
            elif len(path) >= 3:
                parts.append(f"field '{path[2]}'")
        elif path:
            parts.append(f"field '{path[0]}'")
        message = ": ".join(parts) + f": {problem}"
        if fix:
            message += f" {fix}"
        return SyllabusError(message)


def _did_you_mean(word, options):
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'?" if close else ""


class _Hints:
    """Did-you-mean for the first MAX_PROBLEMS problems of one kind, in file order: only those are shown.
    For each of 100,000 unknown ids against 5,000 topics, difflib took minutes."""

    def __init__(self, options):
        self.options, self.left = list(options), MAX_PROBLEMS

    def __call__(self, word):
        if self.left <= 0:
            return ""
        self.left -= 1
        return _did_you_mean(word, self.options)


def _cut(text, limit=64):
    """An id or path as a message quotes it: in part past the longest an id may be (the schema's 64)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(value, limit=40):
    text = _brief(value, limit + 1)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _brief(value, budget):
    """The start of a value as JSON-like text, about budget characters long, whatever YAML gave:
    json.dumps refuses bytes (!!binary), even as a mapping's key."""
    if budget <= 0:
        return ""
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else value
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        text = opening
        for item in items:
            if len(text) >= budget:
                break
            text += (", " if len(text) > 1 else "") + (
                f"{_brief(item[0], budget - len(text))}: {_brief(item[1], budget - len(text))}"
                if isinstance(value, dict) else _brief(item, budget - len(text)))
        return text + closing
    if isinstance(value, bytes):
        return "binary data"
    if value is None or isinstance(value, (str, bool, int, float)):
        return json.dumps(value[:budget] if isinstance(value, str) else value, ensure_ascii=False)
    return json.dumps(str(value)[:budget], ensure_ascii=False)


_TYPE_WORDS = {"string": "text", "number": "a number", "array": "a list", "object": "a mapping", "boolean": "true or false"}


def _schema_error(report, error):
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        allowed = _allowed_fields(path)
        extra = sorted(set(error.instance) - set(allowed), key=str)[0]
        hint = _did_you_mean(extra, allowed) or f"Allowed fields: {', '.join(allowed)}."
        return report.error(path + [extra], "unknown field.", hint)
    if kind == "required":
        field = error.message.split("'")[1]
        if field == "requires":
            return report.error(path + [field], "is missing.", "Add 'requires: []' for a topic that needs nothing first, or 'requires: [some-id]'.")
        what = "concept" if len(path) == 4 and path[2] == "teaches" else "topic" if path else "file"
        return report.error(path + [field], "is missing.", f"Add '{field}:' to this {what}.")
    if kind == "type" and path and path[-1] == "requires" and error.instance is None:
        return report.error(path, "is empty.", "Write 'requires: []' for a topic that needs nothing first.")
    if kind == "type":
        if not path:
            return report.error(path, "must be a mapping with 'title' and 'topics'.", f"See the example in {EXAMPLE}.")
        want = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        return report.error(path, f"must be {want}, not {_short(error.instance)}.")
    if kind == "pattern" and path[-1] == "id":
        return report.error(path, f"{_short(error.instance)} is not a valid id.", "Use lowercase letters, digits and dashes, like 'linear-algebra'.")
    if kind == "pattern" and path[-1] == "title":
        return report.error(path, "cannot contain '<', '>', '{' or '}'.", "Titles are plain text; write the words instead.")
    if kind == "pattern" and "teaches" in path:
        return report.error(path, "cannot contain < > { } [ ] $ ` * _ or |.",
                            "Write the words a page uses, without Markdown or HTML.")
    if kind == "pattern" and path[-1] == "page":
        return report.error(path, f"{_short(error.instance)} is not a page path.", "Give a path inside docs/ ending in .md, like 'topics/linear-algebra.md'.")
    if kind == "exclusiveMinimum":
        return report.error(path, f"must be more than 0, not {_short(error.instance)}.")
    if kind == "maximum":
        return report.error(path, f"must be at most {error.validator_value:g}, not {_short(error.instance)}.", "Split so large a topic into several.")
    if kind == "maxItems":
        return report.error(path, f"lists {len(error.instance)} items; at most {error.validator_value} are allowed.",
                            "Split it up: a syllabus this large is not one a learner can follow.")
    if kind == "maxLength":
        return report.error(path, f"is {len(error.instance)} characters long; at most {error.validator_value}.", "Shorten it.")
    if kind == "minItems":
        return report.error(path, "is empty.", "List at least one topic.")
    if kind == "minLength":
        return report.error(path, "is empty.", "Write some text here.")
    if kind == "uniqueItems":
        return report.error(path, "lists the same topic twice.", "Remove the repeated id.")
    return report.error(path, error.message + ".")


ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def visible(text):
    """Whether `text` shows anything: not only spaces and invisible format characters (zero-width ones)."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def printable(text):
    """`text` with control characters written out, for a terminal (a title could clear or recolour it)."""
    return _LINE_BREAKS.sub(lambda m: ascii(m.group())[1:-1], text)


def _plain_page(page):
    """A relative path inside docs/, already in its one normal form, naming no hidden file or folder."""
    parts = page.split("/")
    return "\\" not in page and all(part and not part.startswith(".") for part in parts)


def _value_checks(report, problems, data):
    """What the schema cannot say: ids in full (its '$' allows a final line break), numbers that are
    finite, and text that is visible."""
    def check_text(path, value):
        if isinstance(value, str) and value and not visible(value):
            problems.add(report.error(path, "must contain visible text, not only spaces or invisible characters.",
                                      "Write some words here."))

    check_text(("title",), data.get("title"))
    groups = (("topics", data.get("topics")), ("parts", data.get("parts")))
    for group, items in groups:
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if not isinstance(item, dict):
                continue
            item_id = item.get("id")
            if isinstance(item_id, str) and ID.match(item_id) and not ID.fullmatch(item_id):
                problems.add(report.error((group, index, "id"), f"{_short(item_id)} is not a valid id.",
                                          "Use lowercase letters, digits and dashes, like 'linear-algebra'."))
            check_text((group, index, "title"), item.get("title"))
            check_text((group, index, "summary"), item.get("summary"))
            page = item.get("page")
            # (A leading '/' or a name not ending in .md already breaks the schema's pattern.)
            if group == "topics" and isinstance(page, str) and not page.startswith("/") and not _plain_page(page):
                problems.add(report.error((group, index, "page"), f"{_short(page)} is not a plain path inside docs/.",
                                          "Give a path like 'topics/linear-algebra.md', without '..', '.', '//', "
                                          "a leading '/', backslashes or hidden names starting with '.'."))
            elif group == "topics" and isinstance(page, str) and inputs.long_name(page):
                problems.add(report.error((group, index, "page"), inputs.long_name(page)))
            hours = item.get("hours")
            if isinstance(hours, float) and math.isnan(hours):  # infinities break the schema's bounds already
                problems.add(report.error((group, index, "hours"), f"must be a finite number of hours, not {hours}."))


def _misspelled(error, errors):
    """A missing field that an unknown field beside it misspells: the unknown field's message says it all."""
    if error.validator != "required":
        return False
    field = error.message.split("'")[1]
    for other in errors:
        if other.validator == "additionalProperties" and list(other.absolute_path) == list(error.absolute_path):
            allowed = _allowed_fields(list(other.absolute_path))
            if any(_did_you_mean(extra, allowed) == f"Did you mean '{field}'?" for extra in set(other.instance) - set(allowed)):
                return True
    return False


def _allowed_fields(path):
    return {"topics": TOPIC_FIELDS, "parts": PART_FIELDS}.get(path[0], TOP_FIELDS) if path else TOP_FIELDS


def _yaml_error(exc, text, name):
    mark = exc.problem_mark or exc.context_mark
    line = f":{mark.line + 1}" if mark else ""
    problem = exc.problem or exc.context or "it cannot be read"
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
        return SyllabusError(f"{name}{line}: this line has a tab character, and YAML indents with spaces only. "
                             f"Replace the tab with spaces.")
    return SyllabusError(f"{name}{line}: this is not valid YAML: {problem}. Check the indentation and quoting on that line.")


# Plain numbers that YAML 1.1, which PyYAML follows, reads otherwise than a reader would.
_NUMBER_TRAPS = (
    (re.compile(r"^[-+]?0[0-9_]+$"), "a leading 0 makes it an octal number in YAML 1.1"),
    (re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"), "a colon makes it a base-60 number in YAML 1.1"),
    (re.compile(r"^[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+$"), "YAML 1.1 reads an exponent without a dot as text"),
)


def _number_traps(root, name):
    """Hours written as 017, 1:30 or 1e3, which YAML 1.1 reads as 15, 90 and text."""
    problems = Problems()
    topics = next((v for k, v in root.value if getattr(k, "value", None) == "topics"), None) if isinstance(root, yaml.MappingNode) else None
    for topic in topics.value if isinstance(topics, yaml.SequenceNode) else ():
        for key, value in topic.value if isinstance(topic, yaml.MappingNode) else ():
            if getattr(key, "value", None) != "hours" or not isinstance(value, yaml.ScalarNode) or value.style:
                continue
            for pattern, why in _NUMBER_TRAPS:
                if pattern.match(value.value):
                    read = yaml.safe_load(value.value)
                    problems.add(SyllabusError(
                        f"{name}:{value.start_mark.line + 1}: field 'hours': '{value.value}' is read as {read!r}: {why}. "
                        f"Write the number of hours plainly, like 17 or 1.5."
                    ))
    problems.raise_any()


MAX_FILE_BYTES = 2_000_000  # a 5,000-topic syllabus is about 1 MB
MAX_CYCLE_SHOWN = 12


def parse_syllabus(text, name="syllabus.yml", use_directory_urls=True):
    """Parse and check the file's own consistency (no disk access beyond the text). use_directory_urls is
    mkdocs.yml's, for where each page is published."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise SyllabusError(f"{name}: the file is {size:,} bytes; a syllabus is far smaller (at most "
                            f"{MAX_FILE_BYTES:,} bytes, about 10,000 topics). Check that this is the right file.")
    try:
        root = yaml.compose(text, Loader=_Loader)
        lines = _line_numbers(root) if root is not None else {}
        if root is not None:
            _number_traps(root, name)
        data = _Constructor().construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text, name) from None
    except yaml.YAMLError as exc:
        raise SyllabusError(f"{name}: this is not valid YAML: {' '.join(str(exc).split())}.") from None
    except RecursionError:
        raise SyllabusError(f"{name}: the file is nested too deeply to be a syllabus. See {EXAMPLE} for its shape.") from None
    if data is None:
        raise SyllabusError(f"{name}: the file is empty. It needs a 'title' and a list of 'topics': copy the example in {EXAMPLE}.")
    report = _Reporter(name, data, lines)
    problems = Problems()

    try:
        _IS_VALID(data)
    except fastjsonschema.JsonSchemaException:
        errors = sorted(
            jsonschema.Draft202012Validator(SCHEMA).iter_errors(data),
            key=lambda e: [(0, p) if isinstance(p, int) else (1, str(p)) for p in e.absolute_path],
        )
        for error in errors:
            if not _misspelled(error, errors):
                problems.add(_schema_error(report, error))
        if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
            problems.raise_any()

    _value_checks(report, problems, data)

    # Ids and prerequisites are checked even beside schema errors elsewhere, so a renamed or deleted
    # topic shows every topic that still names it in the same run.
    raw_topics = data["topics"]
    seen = {}
    for index, raw in enumerate(raw_topics):
        topic_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(topic_id, str):
            continue
        if topic_id in seen:
            problems.add(report.error(("topics", index, "id"), f"'{_cut(topic_id)}' is already the id of topic #{seen[topic_id] + 1}.", "Give each topic its own id."))
        else:
            seen[topic_id] = index
    renamed = {}
    for index, raw in enumerate(raw_topics):
        formerly = raw.get("formerly") if isinstance(raw, dict) else None
        for position, old in enumerate(formerly if isinstance(formerly, list) else ()):
            if not isinstance(old, str):
                continue
            at = ("topics", index, "formerly", position)
            if old in seen:
                problems.add(report.error(at, f"'{_cut(old)}' is the id of a topic today.", "A former id must be one no topic has now."))
            elif old in renamed:
                problems.add(report.error(at, f"'{_cut(old)}' is already a former id of topic '{_cut(renamed[old])}'.", "Give each former id to one topic."))
            else:
                renamed[old] = raw.get("id")
    hints = _Hints(seen)
    for index, raw in enumerate(raw_topics):
        requires = raw.get("requires") if isinstance(raw, dict) else None
        if not isinstance(requires, list):
            continue
        for position, required in enumerate(requires):
            at = ("topics", index, "requires", position)
            if not isinstance(required, str):
                continue
            if required == raw.get("id"):
                problems.add(report.error(at, "a topic cannot require itself.", f"Remove '{_cut(required)}' from its own 'requires'."))
            elif required not in seen:
                hint = (f"It was renamed: write '{renamed[required]}'." if required in renamed else
                        hints(required) or "Add a topic with that id, or remove it from 'requires'.")
                problems.add(report.error(at, f"no topic has the id '{_cut(required)}'.", hint))
    problems.raise_any()

    topics = tuple(
        Topic(
            id=raw["id"],
            title=raw["title"],
            requires=tuple(raw["requires"]),
            hours=raw["hours"],
            summary=raw["summary"],
            page=raw.get("page", f"{TOPICS_DIR}/{raw['id']}.md"),
            part=raw.get("part"),
            formerly=tuple(raw.get("formerly", ())),
            teaches=tuple(Concept(term=" ".join(c["term"].split()), definition=c["definition"].strip(), topic=raw["id"],
                                  aliases=tuple(" ".join(a.split()) for a in c.get("aliases", ())),
                                  notation=c.get("notation", "").strip())
                          for c in raw.get("teaches", ())),
            requires_line=lines.get(("topics", index, "requires"), 0),
        )
        for index, raw in enumerate(raw_topics)
    )
    _check_concepts(report, problems, topics)
    parts = _check_parts(report, problems, data.get("parts", []), topics)
    pages = {}
    for index, topic in enumerate(topics):
        if topic.page in pages:
            problems.add(report.error(("topics", index, "page"), f"'{_cut(topic.page, 120)}' is already the page of topic '{_cut(pages[topic.page])}'.", "Give each topic its own page."))
        pages[topic.page] = topic.id
    for earlier, later in inputs.collisions(_site_entries(topics, use_directory_urls, seen)):
        if (earlier[1], later[1]) == ("page", "page") and earlier[2].page == later[2].page:
            continue  # the same page twice, said above
        problems.add(report.error(_field_of(later), _collision(earlier, later)))
    problems.raise_any()

    syllabus = Syllabus(title=data["title"], description=data.get("description", ""), topics=topics, parts=parts)
    cycle = graph.find_cycle(syllabus)
    if cycle:
        first = next(i for i, t in enumerate(topics) if t.id == cycle[0])
        shown = cycle if len(cycle) <= MAX_CYCLE_SHOWN else cycle[:MAX_CYCLE_SHOWN - 1] + [f"... ({len(cycle) - MAX_CYCLE_SHOWN} more)", cycle[-1]]
        raise report.error(
            ("topics", first, "requires"),
            f"the prerequisites form a cycle: {' -> '.join(shown)} (each requires the next).",
            "Remove one of these 'requires' entries so the topics can be put in order.",
        )
    return syllabus


def _check_concepts(report, problems, topics):
    """Each concept's name (a term or an alias) belongs to one concept, of one topic: a page using
    it must be told which topic teaches it."""
    owner = {}
    for index, topic in enumerate(topics):
        for position, concept in enumerate(topic.teaches):
            for name in concept.names:
                key = name.casefold()
                if key in owner and owner[key] != (topic.id, position):
                    other_topic, _ = owner[key]
                    where = "this topic" if other_topic == topic.id else f"topic '{_cut(other_topic)}'"
                    problems.add(report.error(("topics", index, "teaches", position),
                                              f"'{_cut(name, 80)}' already names a concept of {where}.",
                                              "Give each concept its own names, or keep it in one topic."))
                owner.setdefault(key, (topic.id, position))


def _check_parts(report, problems, raw_parts, topics):
    """Parts: unique ids, each topic in a known part, each part used, requires never pointing to a later part."""
    position = {}
    for index, raw in enumerate(raw_parts):
        if raw["id"] in position:
            problems.add(report.error(("parts", index, "id"), f"'{_cut(raw['id'])}' is already the id of part #{position[raw['id']] + 1}.", "Give each part its own id."))
            continue
        position[raw["id"]] = index
    hints = _Hints(position)
    for index, topic in enumerate(topics):
        at = ("topics", index, "part")
        if topic.part is None and position:
            problems.add(report.error(at, "is missing. This file lists parts, so every topic names one:", f"add 'part:' with one of {', '.join(position)}."))
        elif topic.part is not None and not position:
            problems.add(report.error(at, "no parts are listed in this file.", "Add a 'parts' list before 'topics' (see the customize page), or remove 'part' from the topic."))
        elif topic.part is not None and topic.part not in position:
            hint = hints(topic.part) or f"Use one of {', '.join(position)}, or add a part with that id to 'parts'."
            problems.add(report.error(at, f"no part has the id '{_cut(topic.part)}'.", hint))
    if problems.errors:
        return ()  # the part of a topic is not known for sure: the order rule cannot be checked
    used = {t.part for t in topics}
    for index, raw in enumerate(raw_parts):
        if raw["id"] not in used:
            problems.add(report.error(("parts", index), f"part '{_cut(raw['id'])}' has no topics.", "Give it topics with 'part:', or remove it from 'parts'."))
    by_id = {t.id: t for t in topics}
    for index, topic in enumerate(topics):
        for order, required_id in enumerate(topic.requires):
            required = by_id[required_id]
            if topic.part is not None and position[required.part] > position[topic.part]:
                problems.add(report.error(
                    ("topics", index, "requires", order),
                    f"'{_cut(topic.id)}' (part '{_cut(topic.part)}') requires '{_cut(required.id)}' (part '{_cut(required.part)}'), which comes later.",
                    f"A topic may require only topics of its own part or of earlier parts: move '{_cut(required.id)}' into part "
                    f"'{_cut(topic.part)}' or an earlier one, or move '{_cut(topic.id)}' into part '{_cut(required.part)}' or a later one.",
                ))
    return tuple(Part(id=raw["id"], title=raw["title"], summary=raw.get("summary", "")) for raw in raw_parts)


def check_pages(syllabus, docs_dir, name="syllabus.yml"):
    """Every topic has its page, and every page under docs/topics/ belongs to a topic."""
    docs_dir = Path(docs_dir)
    problems = Problems()
    for topic in syllabus.topics:
        if not (docs_dir / topic.page).is_file():
            problems.add(SyllabusError(
                f"{name}: topic '{_cut(topic.id)}', field 'page': docs/{_cut(topic.page, 120)} does not exist. "
                f"Create it (a page with the topic's resources), or set 'page' to the file you meant."
            ))
    claimed = {PurePosixPath(t.page) for t in syllabus.topics}
    hints = _Hints(t.id for t in syllabus.topics)
    for path in sorted((docs_dir / TOPICS_DIR).rglob("*.md")):
        relative = PurePosixPath(path.relative_to(docs_dir).as_posix())
        if relative not in claimed:
            guess = hints(path.stem)
            problems.add(SyllabusError(
                f"{name}: docs/{relative} is a topic page that no topic claims. "
                f"Add a topic for it to {name}, or delete the file. {guess}".rstrip()
            ))
    problems.raise_any()


def load_syllabus(path, docs_dir, use_directory_urls=True):
    """Read, validate and return the syllabus at `path`, whose pages live in `docs_dir`.

    First, before anything is read: no symbolic link in docs/, the syllabus or the site's other inputs
    beside it (inputs.PROJECT_INPUTS), and no name too long."""
    path = Path(path)
    problems = Problems()
    unsafe, files = inputs.check_files(path.parent, docs_dir, path)
    for problem in unsafe + inputs.served_file_problems(docs_dir, files):
        problems.add(SyllabusError(problem))
    if path.is_symlink():
        problems.raise_any()
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not text
    except FileNotFoundError:
        raise SyllabusError(f"{path.name}: the file does not exist. Create it next to mkdocs.yml; see README.md.") from None
    except UnicodeDecodeError:
        raise SyllabusError(f"{path.name}: the file is not UTF-8 text. Save it as UTF-8.") from None
    except OSError as error:  # a folder of that name, or no permission to read it
        raise SyllabusError(f"{path.name}: the file cannot be read ({error.strerror}). It must be a text file "
                            f"next to mkdocs.yml; see README.md.") from None
    try:
        syllabus = parse_syllabus(text, path.name, use_directory_urls)
        check_pages(syllabus, docs_dir, path.name)
    except SyllabusError as error:
        problems.add(error)
        problems.raise_any()
    problems.raise_any()
    check_files_addresses(syllabus, files, use_directory_urls, path.name)
    return syllabus


def _site_entries(topics, use_directory_urls, ids, files=()):
    """(site path, kind, what) of everything the site is made of: generated files, docs/ files other than
    topic pages, topic pages, and the redirects of former ids (those that are no id today)."""
    entries = [(path, "generated", path) for path in inputs.GENERATED]
    pages = {t.page for t in topics}
    entries += [(inputs.site_path(f, use_directory_urls), "file", f) for f in files if f not in pages]
    entries += [(inputs.site_path(t.page, use_directory_urls), "page", t, index) for index, t in enumerate(topics)]
    given = set()
    for index, topic in enumerate(topics):
        for position, old in enumerate(topic.formerly):
            if old not in ids and old not in given:
                given.add(old)
                entries.append((inputs.site_path(f"{TOPICS_DIR}/{old}.md", use_directory_urls), "redirect",
                                (topic, old), index, position))
    return entries


def _field_of(entry):
    return ("topics", entry[3], "page") if entry[1] == "page" else ("topics", entry[3], "formerly", entry[4])


def _describe(entry):
    kind, what = entry[1], entry[2]
    if kind == "generated":
        return f"{what}, {inputs.GENERATED[what]}"
    if kind == "file":
        return f"docs/{what}"
    if kind == "page":
        return f"the page of topic '{_cut(what.id)}' (docs/{_cut(what.page, 120)})"
    return f"the redirect from the former id '{_cut(what[1])}' of topic '{_cut(what[0].id)}'"


def _collision(earlier, later):
    """One sentence on two entries of _site_entries that cannot both be in the site, and what to do."""
    if later[1] == "redirect" and earlier[1] == "page" and earlier[2] is later[2][0] and earlier[0] == later[0]:
        old = later[2][1]
        return (f"'{_cut(old)}' would redirect from {inputs.address(later[0])}, the address of this topic's own page, to "
                f"itself, forever. Remove '{_cut(old)}' from 'formerly': the page keeps that address.")
    if earlier[0].rstrip("/") != later[0].rstrip("/") and earlier[0].rstrip("/").casefold() == later[0].rstrip("/").casefold():
        said = (f"{_describe(later)} and {_describe(earlier)} differ only in letter case: on macOS and Windows "
                f"they are one file, and one would replace the other.")
    elif earlier[0].rstrip("/") == later[0].rstrip("/"):
        said = (f"{_describe(later)} would be published at {inputs.address(later[0])}, the address of "
                f"{_describe(earlier)}: one would replace the other.")
    else:
        outer, inner = (earlier, later) if later[0].casefold().startswith(earlier[0].rstrip("/").casefold() + "/") else (later, earlier)
        if outer[0].endswith("/"):
            said = f"{_describe(inner)} would be published at {inputs.address(inner[0])}, inside {_describe(outer)}."
        else:
            said = (f"{_describe(later)} and {_describe(earlier)} cannot both be published: "
                    f"{inputs.address(inner[0])} needs a folder where {outer[0]} is a file.")
    fix = {"page": "Give this topic another 'page'.",
           "redirect": f"Remove '{later[2][1] if later[1] == 'redirect' else ''}' from 'formerly': a former id's old "
                       f"address must be one nothing else has.",
           "file": "Rename or move one of them."}[later[1]]
    return f"{said} {fix}"


def check_files_addresses(syllabus, files, use_directory_urls=True, name="syllabus.yml"):
    """No file under docs/ other than a topic page shares its address in the site with anything else."""
    problems = Problems()
    ids = {t.id for t in syllabus.topics}
    for earlier, later in inputs.collisions(_site_entries(syllabus.topics, use_directory_urls, ids, files)):
        if "file" not in (earlier[1], later[1]):
            continue  # said by parse_syllabus, with its line
        where = f"docs/{later[2]}" if later[1] == "file" else (
            f"{name}: topic '{_describe_topic(later)}', field '{'page' if later[1] == 'page' else 'formerly'}'")
        problems.add(SyllabusError(f"{where}: {_collision(earlier, later)}"))
    problems.raise_any()


def _describe_topic(entry):
    return entry[2].id if entry[1] == "page" else entry[2][0].id
