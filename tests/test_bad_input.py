"""Any syllabus.yml a forker might write either works, with every text escaped, or stops with clear
lines, one per problem, each naming the file: never a traceback, never a half-built site left behind."""

import string

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import examples, make_project, run_build
from synthetic import synthetic_page
from mathforml.graph import SyllabusGraph
from mathforml.syllabus import MAX_PROBLEMS, SyllabusError, parse_syllabus

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7 * 7 }}", "{% raw %}", "&amp;",
           "\"'`", "$x$", "\\(x\\)", "</title>", "-->", "\u202e", "𝔼[X]", "💥", "\n\n", " ", "a" * 5000,
           # families an attack on the build found missing: dates, hostile TeX, invisible text
           "2023-02-29", "2023-13-45", "$\\text{<img src=x onerror=alert(1)>}$", "$\\href{javascript:alert(1)}{x}$",
           "\u200b", "\u200b\u2060", "\x1b[2J"]
# Ids people type, plus near-misses of each other so unknown ids and did-you-mean are exercised.
IDS = ["linear-algebra", "linear-algebr", "calculus", "probability", "prob", "ml", "cs229", "a", "b", "c",
       # named like properties every JavaScript object has
       "constructor", "tostring", "valueof", "hasownproperty"]

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60),
                 st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map("".join))
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text)
anything = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(text, st.integers()), inner, max_size=3)), max_leaves=8)


@st.composite
def topic(draw):
    entry = {
        "id": draw(st.one_of(st.sampled_from(IDS), st.sampled_from(IDS), st.sampled_from(IDS), anything)),
        "title": draw(st.one_of(text, text, anything)),
        "requires": draw(st.one_of(st.lists(st.sampled_from(IDS), max_size=3), st.lists(st.sampled_from(IDS), max_size=3), anything)),
        "hours": draw(st.one_of(st.integers(1, 200), st.floats(0.5, 500), st.integers(1, 200), anything)),
        "summary": draw(st.one_of(text, text, anything)),
    }
    if draw(st.integers(0, 9)) == 0:  # drop a field, or misspell one
        entry.pop(draw(st.sampled_from(sorted(entry))))
    if draw(st.integers(0, 9)) == 0:
        entry[draw(st.sampled_from(["requries", "hour", "titel", "page", "level"]))] = draw(anything)
    return entry


documents = st.one_of(
    st.builds(lambda title, topics: {"title": title, "topics": topics}, text, st.lists(topic(), min_size=1, max_size=6)),
    st.builds(lambda title, topics: {"title": title, "topics": topics}, text, st.lists(topic(), min_size=1, max_size=6)),
    anything,
)


def as_yaml(document):
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def mutate(source, position, insertion):
    """A hand edit gone wrong: characters typed at some point of a valid file."""
    position %= max(len(source), 1)
    return source[:position] + insertion + source[position:]


def check(source):
    """parse_syllabus either succeeds or raises SyllabusError with a one-line message; nothing else."""
    try:
        syllabus = parse_syllabus(source)
    except SyllabusError as error:
        message = str(error)
        lines = message.splitlines()
        assert 1 <= len(lines) <= MAX_PROBLEMS + 1, message
        assert all(line.startswith("syllabus.yml") for line in lines[:MAX_PROBLEMS]), message
        assert not any(c < " " for c in message.replace("\n", "")), "control characters are written out"
        return None
    graph = SyllabusGraph(syllabus)
    assert len(graph.reading_order) == len(syllabus.topics)
    return syllabus


@settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_validation_of_generated_syllabi(document):
    check(as_yaml(document))


@settings(max_examples=examples(1000), deadline=None)
@given(documents, st.integers(0, 10_000), st.sampled_from([":", "-", "  ", "\t", "[", "{", "&a ", "*a", "'", '"', "\n- ", "#", "!!python/object:os.system ", "%YAML 1.1\n",
                                                         "!!int ", "!!float ", "!!timestamp ", "!!bool ", "!!binary ", "!!map ", "!!set ", "!!omap ", "!!pairs ", "? ", ".nan", ".inf", "017", "1:30", "1e9", "2023-02-29"]))
# CI found this: a !!binary mapping key, which the error message could not write out
@example({"title": "t", "topics": [{"id": "a", "title": "A", "requires": [{"AAAA": None}], "hours": 1}]}, 52, "!!binary ")
def test_validation_of_hand_edits(document, position, insertion):
    check(mutate(as_yaml(document), position, insertion))


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=string.printable + "äß∑€\u2028", max_size=300))
def test_validation_of_arbitrary_text(source):
    check(source)


@st.composite
def buildable_or_not(draw):
    """Mostly valid syllabi with hostile text (the build's escaping is what is tested), some broken."""
    count = draw(st.integers(1, 4))
    ids = draw(st.lists(st.sampled_from(IDS), min_size=count, max_size=count, unique=True))
    topics = []
    for index, topic_id in enumerate(ids):
        topics.append({
            "id": topic_id,
            "title": draw(st.sampled_from(["Tom & Jerry", "“Quotes”", "𝔼[X] 💥", "a" * 300, "$x$ \\(y\\)", "It's \"fine\""])),
            "requires": draw(st.lists(st.sampled_from(ids[:index] or ids), max_size=2, unique=True)),
            "hours": draw(st.integers(1, 100)),
            "summary": draw(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map("".join)),
        })
    document = {"title": draw(st.sampled_from(["My <Syllabus>", "Ada's & Bob's", "{{ site }}", "Plain"])),
                "description": draw(st.sampled_from(HOSTILE)), "topics": topics}
    return as_yaml(document), ids


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(buildable_or_not())
@example(("title: Ada's & Bob's\ntopics:\n- id: a\n  title: Tom & Jerry\n  requires: []\n  hours: 1\n"
          "  summary: <script>alert(1)</script> {{ 7 * 7 }}\n", ["a"]))
@example(("title: <b>Mine</b>\ntopics:\n- id: a\n  title: A\n  requires: []\n  hours: 1\n  summary: s\n", ["a"]))
def test_build_escapes_everything_or_fails_cleanly(tmp_path_factory, case):
    source, ids = case
    project = make_project(tmp_path_factory.mktemp("fuzz"), "title: placeholder\ntopics: []\n", topic_pages={i: synthetic_page(i) for i in ids})
    (project / "syllabus.yml").write_text(source, encoding="utf-8")
    result = run_build(project)
    site = project / "site"
    assert "Traceback" not in result.stderr
    if check(source) is None:
        event("refused with a message")
        assert result.returncode != 0
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
        assert len(errors) == 1 and "syllabus.yml" in errors[0], result.stderr
        assert not site.exists() or not any(site.iterdir()), "a failed build left files behind"
        return
    event("built")
    assert result.returncode == 0, result.stderr
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "<Syllabus>", "</title><"):
            assert raw not in html, (page, raw)
