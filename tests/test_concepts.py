"""Concepts as data: where a page uses a concept, the topic that teaches it is on the page's path,
and what each prerequisite gives is said on its badge. Fixture data only."""

import json

import pytest
from conftest import fixture_project, run_build

from mathforml import concepts
from mathforml.graph import SyllabusGraph
from mathforml.syllabus import Concept, SyllabusError, parse_syllabus

CONVEX = Concept(term="convex function", aliases=("convex functions",), definition="D.", topic="convexity")
GRADIENT = Concept(term="gradient", notation="\\nabla f", definition="D.", topic="calculus")
PAGE = """\
---
description: front matter is not prose: convex function
---
## Why it matters for machine learning

A convex   function has no bad local minima.

!!! info "Looking ahead"
    The gradient comes later, in the Looking-ahead box.

## Resources

- [Convex functions](https://example.org/) · *book · free · 1 h · ch. 1* · On the gradient too.

## Worked exercises

```python
gradient = 0  # code is not prose
```

**Exercise 1.** See [the notes](https://example.org/gradient). Compute $\\nabla f(x)$ at 0.
"""


def test_a_page_uses_a_concept_where_a_learner_reads_it_and_nowhere_else():
    uses = concepts.page_uses(PAGE, [CONVEX, GRADIENT])
    assert [(u.concept.term, u.line) for u in uses] == [("convex function", 6), ("gradient", 21)]
    assert PAGE.splitlines()[5][uses[0].start:uses[0].end] == "convex   function", "words match across spaces, any case"


def test_notation_in_a_formula_is_a_use_but_its_letters_in_prose_are_not():
    page = "Some prose with nabla f in words.\n\n$$\n\\nabla   f(\\mathbf{x}) = 0\n$$\n"
    assert [u.line for u in concepts.page_uses(page, [GRADIENT])] == [4]


SYLLABUS = """\
title: T
topics:
  - id: calculus
    title: Calculus
    requires: []
    hours: 1
    summary: S.
    teaches:
      - {term: gradient, notation: '\\nabla f', definition: The vector of partial derivatives.}
  - id: convexity
    title: Convexity
    requires: [calculus]
    hours: 1
    summary: S.
    teaches:
      - {term: convex function, aliases: [convex functions], definition: A function lying below its chords.}
  - id: descent
    title: Descent
    requires: [calculus]
    hours: 1
    summary: S.
"""


def test_a_use_off_the_path_is_misplaced_and_an_edge_is_explained_by_what_its_page_uses():
    graph = SyllabusGraph(parse_syllabus(SYLLABUS))
    uses = concepts.uses_by_topic(graph, {"calculus": "", "convexity": "The gradient of a convex function.",
                                          "descent": "Follow the gradient of a convex function."})
    assert [(topic, use.concept.term, use.line) for topic, use in concepts.misplaced_uses(graph, uses)] == \
        [("descent", "convex function", 1)]
    assert concepts.reasons(graph, uses) == {"calculus": {}, "convexity": {"calculus": ("gradient",)},
                                             "descent": {"calculus": ("gradient",)}}


def test_a_syllabus_without_concepts_gets_nothing_from_the_check():
    graph = SyllabusGraph(parse_syllabus(SYLLABUS.split("    teaches:")[0] + "  - {id: x, title: X, requires: [], hours: 1, summary: S.}\n"))
    assert concepts.uses_by_topic(graph, {"calculus": "gradient", "x": "convex function"}) == {}


@pytest.mark.parametrize("change, message", [
    (("aliases: [convex functions]", "aliases: [gradient]"),
     "syllabus.yml:16: topic 'convexity': concept 1 of 'teaches': 'gradient' already names a concept of topic "
     "'calculus'. Give each concept its own names, or keep it in one topic."),
    (("{term: convex function, aliases: [convex functions], definition: A function lying below its chords.}",
      "{term: convex function}"),
     "syllabus.yml:16: topic 'convexity': concept 1 of 'teaches', field 'definition': is missing. Add 'definition:' to this concept."),
    (("term: convex function", "term: '<b>convex</b>'"),
     "syllabus.yml:16: topic 'convexity': concept 1 of 'teaches', field 'term': cannot contain < > { } [ ] $ ` * _ or |."),
])
def test_bad_concepts_are_refused_on_their_line(change, message):
    with pytest.raises(SyllabusError) as error:
        parse_syllabus(SYLLABUS.replace(*change))
    assert message in str(error.value) and "Traceback" not in str(error.value)


def test_the_first_use_of_another_topics_concept_links_to_its_page_and_its_own_concepts_do_not():
    markdown = ("Follow the gradient of a convex function; a gradient again.\n\n### The gradient\n\n"
                "[a gradient](x) stays a link.\n")
    linked = concepts.with_first_use_links(markdown, "convexity", [CONVEX, GRADIENT], lambda topic: f"../{topic}/")
    assert linked.splitlines()[0] == "Follow the [gradient](../calculus/) of a convex function; a gradient again."
    assert "### The gradient" in linked and "[a gradient](x) stays a link." in linked


def test_the_fixture_site_shows_reasons_on_badges_a_glossary_first_use_links_and_a_report_link(tmp_path):
    project = fixture_project(tmp_path)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    series = (site / "topics" / "series" / "index.html").read_text(encoding="utf-8")
    assert ('data-topic="counting">Counting <span class="syllabus-badge__needs">needs: binomial coefficient</span></a>'
            in series)
    assert '<a href="../limits/">continuous</a>' in series, "the first use links to the topic that teaches it"
    assert "https://github.com/mathforml/mathforml/issues/new?title=Series%3A%20a%20mistake%20or%20a%20missing%20prerequisite" in series
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<tr id="concept-bijection">' in glossary and 'aria-label="4. Basics Review">4</a>' in glossary
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("glossary/") and "bijection" in doc["text"] for doc in index["docs"])
    document = json.loads((site / "syllabus.json").read_text(encoding="utf-8"))
    series_data = next(t for t in document["topics"] if t["id"] == "series")
    assert series_data["needs"] == {"limits": ["continuity"], "counting": ["binomial coefficient"]}
    assert series_data["teaches"][0]["term"] == "geometric series"


def test_a_fork_on_another_host_gets_no_report_link(tmp_path):
    project = fixture_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("repo_url: https://github.com/mathforml/mathforml",
                                                                  "repo_url: https://gitlab.com/ada/guide"), encoding="utf-8")
    assert run_build(project).returncode == 0
    assert "syllabus-report" not in (project / "site" / "topics" / "series" / "index.html").read_text(encoding="utf-8")


def test_a_concept_put_back_off_the_path_is_reported_on_its_line_by_the_build(tmp_path):
    project = fixture_project(tmp_path)
    page = project / "docs" / "topics" / "sets.md"
    text = page.read_text(encoding="utf-8")
    # The look-ahead box removed: its mention of a later topic's concept is now prose.
    page.write_text(text.replace('!!! info "Looking ahead"\n    Sums', "Sums"), encoding="utf-8")
    line = next(n for n, l in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "geometric series" in l)
    result = run_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (f"docs/topics/sets.md:{line}: 'geometric series' is taught by 'Series' (series), which is not a prerequisite "
            f"of this topic. Add 'series' to the 'requires' of 'sets' in syllabus.yml") in result.stderr
