"""The content rules (mathforml/content.py): each reported on its page and line with what to do, all
at once, in `make check`, the build and CI annotations; the repository's pages meet them; and the
built fixture site keeps what the rules promise: collapsed solutions, https links, links that
resolve, and math as MathML."""

import os
import subprocess
import sys
import warnings as python_warnings

import pytest

from conftest import FIXTURES, ROOT, broken_internal_links, fixture_syllabus, make_project, raw_tex_pages, read_html, run_build
from mathforml.annotations import content_commands, workflow_commands
from mathforml.content import SEVERITY, check_content, errors_and_warnings
from mathforml.resources import load_resources
from mathforml.syllabus import SyllabusError, load_syllabus

GUIDE = fixture_syllabus("guide")

SYLLABUS = """\
title: Rules
topics:
  - {id: good, title: Good, requires: [], hours: 3, summary: S., teaches: [{term: scale degree, definition: A note's place in its scale.}]}
  - {id: bare, title: Bare, requires: [], hours: 1, summary: S.}
  - {id: messy, title: Messy, requires: [good], hours: 50, summary: S., teaches: [{term: cadence, definition: A closing progression.}]}
"""

GOOD = """\
## Why it matters for music

Prose.

## Resources

- [Main](https://example.org/main) · *book · free · 2 h · ch. 1* · The main text.
- [Alt](https://example.org/alt) · *video · paid · 1 h · part 2* · A second view.

## Worked exercises

**Exercise 1.** A question.

??? success "Solution"

    A full answer, long enough to teach every step a learner needs to see, and not just hint at it.

**Exercise 2.** Another.

??? success "Solution"

    A full answer, long enough to teach every step a learner needs to see, and not just hint at it.

## You're ready when you can...

- One.
- Two.
- Three.
"""

# Every rule broken once or more, on two pages.
BARE = """\
## Resources

- [Only](https://example.org/only) · *book · paid · 4 h* · no capital and no full stop

## You're ready when you can...

- Do only one thing: hear a cadence.
"""

MESSY = """\
## Resources

- [Messy main](https://example.org/messy) · *book · free · 5 h · ch. 1* · The main text.
- [Alt](https://example.org/alt) · *video · free · 2 h · part 2* · A second view.

## Why it matters for machine learning

See [an old page](http://example.org/old) and <http://example.org/raw>.

## Worked exercises

**Exercise 1.** No solution follows.

**Exercise 3.** Numbered wrong.

???+ success "Solution"

    Short.

**Exercise 4.** Empty solution.

??? success "Solution"

**Exercise 5.** One too many.

??? success "Solution"

    A full answer, long enough to teach every step a learner needs to see, and not just hint at it.

**Exercise 6.** Five in all.

??? success "Solution"

    A full answer, long enough to teach every step a learner needs to see, and not just hint at it.

## Notes

## You're ready when you can...

Nothing listed.

## Worked exercises

A second section of the same name.
"""


@pytest.fixture
def broken(tmp_path):
    (tmp_path / "topics").mkdir()
    for name, text in {"good": GOOD, "bare": BARE, "messy": MESSY}.items():
        (tmp_path / "topics" / f"{name}.md").write_text(text, encoding="utf-8")
    (tmp_path / "syllabus.yml").write_text(SYLLABUS, encoding="utf-8")
    return tmp_path


def problems_of(docs):
    syllabus = load_syllabus(docs / "syllabus.yml", docs)
    return check_content(syllabus, docs, load_resources(syllabus, docs))


EXPECTED = [
    "error: docs/topics/bare.md: no '## Why it matters for machine learning' section. Every topic page has four level-2 sections, in this order: '## Why it matters for machine learning' (or '## Why it matters for ...'), '## Resources', '## Worked exercises' and '## You're ready when you can...'. [sections]",
    "error: docs/topics/bare.md: no '## Worked exercises' section. Every topic page has four level-2 sections, in this order: '## Why it matters for machine learning' (or '## Why it matters for ...'), '## Resources', '## Worked exercises' and '## You're ready when you can...'. [sections]",
    "error: docs/topics/bare.md:3: the first resource, 'Only', is paid. The first resource is the main one and is free: move a free resource that covers the topic to the top. [free-first-resource]",
    "error: docs/topics/bare.md:3: topic 'bare' takes 1 h in syllabus.yml, outside 4 h (the first resource) to 4 h (all resources). Set its 'hours' in that range, or correct the resources' efforts. [hours-match-resources]",
    "warning: docs/topics/bare.md:3: 1 resource; a topic lists 2 to 6, best first: a main one and a few alternatives. [resource-count]",
    "error: docs/topics/bare.md:3: resource 'Only' needs a note: after the italic part, ' · ' and a sentence on what it is best for, starting with a capital letter and ending with a full stop. [resource-note]",
    "error: docs/topics/bare.md:3: resource 'Only' has no pointer. Add the part this topic needs as the fourth italic field, like *book · free · 8 h · ch. 5* or *course · free · 3 h · lectures 4–6*. [resource-pointer]",
    "warning: docs/topics/bare.md:5: the self-check lists 1 item; it has 3 to 6 concrete tasks a learner can try. [self-check-count]",
    "error: docs/topics/bare.md:7: 'cadence' is taught by 'Messy' (messy), which is not a prerequisite of this topic. Add 'messy' to the 'requires' of 'bare' in syllabus.yml, or put the passage in a '!!! info \"Looking ahead\"' admonition. [concept-use]",
    "error: docs/topics/messy.md:1: the sections are out of order: 'Resources', 'Why it matters for machine learning', 'Worked exercises', 'You're ready when you can...'. Order them: 'Why it matters for machine learning', 'Resources', 'Worked exercises', 'You're ready when you can...'. [sections]",
    "error: docs/topics/messy.md:3: topic 'messy' takes 50 h in syllabus.yml, outside 5 h (the first resource) to 7 h (all resources). Set its 'hours' in that range, or correct the resources' efforts. [hours-match-resources]",
    "error: docs/topics/messy.md:4: 'part 2' of https://example.org/alt takes 2 h here but 1 h on docs/topics/good.md:8. The same part of a resource takes the same time everywhere: make the efforts agree. [same-effort]",
    "error: docs/topics/messy.md:8: the link http://example.org/old is plain http. Link its https address. [https-links]",
    "error: docs/topics/messy.md:8: the link http://example.org/raw is plain http. Link its https address. [https-links]",
    "warning: docs/topics/messy.md:10: 5 worked exercises; a topic has 2 to 4, enough to practise each idea without burying the next step. [exercise-count]",
    "error: docs/topics/messy.md:12: exercise 1 has no solution. After it, write a line '??? success \"Solution\"' and the worked solution indented by four spaces below it. [solutions]",
    "error: docs/topics/messy.md:14: exercise 3 should be exercise 2. Number the exercises 1, 2, 3, ... in order. [exercises]",
    "warning: docs/topics/messy.md:16: the solution of exercise 3 has 6 characters: write it out in full (more than 80), every step a learner needs, not a hint. [solution-length]",
    "error: docs/topics/messy.md:16: the solution of exercise 3 starts open. Write it as '??? success \"Solution\"', so a learner tries the exercise before reading the answer. [solutions]",
    "error: docs/topics/messy.md:20: exercise 4 should be exercise 3. Number the exercises 1, 2, 3, ... in order. [exercises]",
    "error: docs/topics/messy.md:22: the solution of exercise 4 is empty. Write the worked solution below '??? success \"Solution\"', each line indented by four spaces. [solutions]",
    "error: docs/topics/messy.md:24: exercise 5 should be exercise 4. Number the exercises 1, 2, 3, ... in order. [exercises]",
    "error: docs/topics/messy.md:30: exercise 6 should be exercise 5. Number the exercises 1, 2, 3, ... in order. [exercises]",
    "warning: docs/topics/messy.md:36: '## Notes' is not one of the four sections. Make it a level-3 heading ('### Notes') inside one of them, or fold it into the prose. [extra-section]",
    "error: docs/topics/messy.md:38: the self-check has no list. List what a learner can do once the topic is learned, one '- ' line each, like '- Compute the eigenvalues of a 2x2 matrix.' [self-check]",
    "error: docs/topics/messy.md:42: a second '## Worked exercises' section. Merge it into the first, on line 10. [sections]",
    "warning: syllabus.yml:5: topic 'messy' requires 'good', but its page uses none of what 'good' teaches (scale degree). It may not be needed: remove it, or add to the 'teaches' of 'good' what 'messy' needs from it. [unused-prerequisite]",
]


def test_every_rule_is_reported_on_its_line_with_what_to_do_all_at_once(broken):
    assert [f"{p.severity}: {p}" for p in problems_of(broken)] == EXPECTED


def test_the_same_part_of_a_resource_with_two_efforts_is_named_on_both_sides(broken):
    (broken / "syllabus.yml").write_text(SYLLABUS + "  - {id: other, title: Other, requires: [], hours: 3, summary: S.}\n")
    (broken / "topics" / "other.md").write_text(GOOD.replace("*video · paid · 1 h · part 2*", "*video · paid · 90 min · part 2*"))
    found = [str(p) for p in problems_of(broken) if p.file.endswith("other.md")]
    assert found == ["docs/topics/other.md:8: 'part 2' of https://example.org/alt takes 1.5 h here but 1 h on docs/topics/good.md:8. "
                     "The same part of a resource takes the same time everywhere: make the efforts agree. [same-effort]"]


def test_a_page_that_meets_the_rules_has_no_problem(broken):
    assert [p for p in problems_of(broken) if p.file.endswith("good.md")] == []


def test_each_rule_has_one_severity_and_a_documented_message():
    """docs/customize.md lists every rule by its name, with its severity."""
    guide = (ROOT / "docs" / "customize.md").read_text(encoding="utf-8")
    assert set(SEVERITY.values()) == {"error", "warning"}
    for rule, severity in SEVERITY.items():
        assert f"| `{rule}` | {severity} |" in guide, f"docs/customize.md does not document rule {rule} as {severity}"
    assert {p.split("[")[-1].rstrip("]") for p in EXPECTED} == set(SEVERITY), "the broken pages break every rule"


def test_annotations_carry_each_problem_as_an_error_or_a_warning(broken):
    commands = content_commands(problems_of(broken))
    assert commands[0].startswith("::error file=docs/topics/bare.md,title=Content rule sections::docs/topics/bare.md: no ")
    assert "::warning file=docs/topics/bare.md,line=3,title=Content rule resource-count::docs/topics/bare.md:3: 1 resource;" in "\n".join(commands)
    assert len(commands) == len(EXPECTED)


def check(cwd, *args, github=False):
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "mathforml", "check", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_make_check_lists_every_problem_and_fails_on_errors(broken):
    result = check(broken, "--docs", str(broken))
    assert result.returncode == 1
    assert result.stderr.splitlines() == EXPECTED + [
        "21 content errors and 6 warnings: fix the errors (docs/customize.md, 'The content rules')."]
    assert "Traceback" not in result.stderr and result.stdout == ""
    annotated = check(broken, "--docs", str(broken), github=True)
    assert annotated.stdout.count("::error ") == 21 and annotated.stdout.count("::warning ") == 6


def test_make_check_passes_with_warnings_and_counts_them():
    result = check(FIXTURES / "flat", "--docs", str(FIXTURES / "flat"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == ("syllabus.yml is valid: 4 topics, 18 hours, 8 resources; "
                                              "the pages meet the content rules, with 4 warnings.")
    assert result.stderr.count("[exercise-count]") == 4


def test_the_build_stops_on_a_content_error_and_publishes_with_warnings(tmp_path):
    text = (FIXTURES / "flat" / "syllabus.yml").read_text(encoding="utf-8")
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (FIXTURES / "flat" / "topics").glob("*.md")}
    (tmp_path / "warned").mkdir()
    warned = make_project(tmp_path / "warned", text, pages)
    result = run_build(warned)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    assert "Content warning: docs/topics/notes.md:10: 1 worked exercise" in result.stderr
    pages["notes"] = pages["notes"].replace("· free ·", "· paid ·", 1)
    (tmp_path / "broken").mkdir()
    broken = make_project(tmp_path / "broken", text, pages)
    result = run_build(broken)
    assert result.returncode != 0
    assert "docs/topics/notes.md:7: the first resource, 'Open Music Theory', is paid." in result.stderr
    assert "Traceback" not in result.stderr


def test_this_repositorys_pages_meet_the_content_rules(capsys):
    """The check, run on whatever syllabus.yml and pages this repository holds (a fork's own): errors fail,
    each with its page, line and what to do; warnings are shown in the test summary. In GitHub Actions
    every problem is also an annotation on its line."""
    try:
        syllabus = load_syllabus(ROOT / "syllabus.yml", ROOT / "docs")
        problems = check_content(syllabus, ROOT / "docs", load_resources(syllabus, ROOT / "docs"))
    except SyllabusError as error:
        annotate(capsys, workflow_commands(error))
        pytest.fail(str(error), pytrace=False)
    annotate(capsys, content_commands(problems))
    errors, warnings = errors_and_warnings(problems)
    for warning in warnings:
        python_warnings.warn(str(warning), UserWarning, stacklevel=1)
    if errors:
        pytest.fail("\n".join(f"error: {p}" for p in errors), pytrace=False)


def annotate(capsys, commands):
    if os.environ.get("GITHUB_ACTIONS") == "true" and commands:
        with capsys.disabled():  # the runner reads workflow commands from the job's output
            print("\n" + "\n".join(commands), flush=True)


# What the rules promise, on the built fixture site.

def site_pages(site):
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("topic", GUIDE.reading_order, ids=lambda t: t.id)
def test_worked_solutions_are_collapsed_and_complete_on_the_built_page(built_site, topic):
    source = (FIXTURES / "guide" / topic.page).read_text(encoding="utf-8")
    count = source.count('??? success "Solution"')
    page = read_html(built_site / topic.page.removesuffix(".md") / "index.html")
    solutions = page.select("article details.success")
    assert count >= 1 and len(solutions) == count, topic.id
    for details in solutions:
        assert not details.has_attr("open"), "solutions start collapsed"
        assert details.select_one("summary").get_text(strip=True) == "Solution"
        assert len(details.get_text(" ", strip=True)) > 80, "a full solution, not a hint"


def test_external_links_are_https(built_site):
    insecure = [(path.relative_to(built_site).as_posix(), a["href"])
                for path in site_pages(built_site) for a in read_html(path).select("a[href^='http:']")]
    assert not insecure


def test_internal_links_and_anchors_resolve(built_site):
    checked, broken = broken_internal_links(built_site)
    assert checked > 100 and not broken


def test_math_is_mathml_not_raw_tex(built_site):
    assert raw_tex_pages(built_site, GUIDE.syllabus) == []
