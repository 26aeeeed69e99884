"""This site's own promises, kept apart from the engine's tests: the seed topics and their order, the
resources of the syllabus it grew from (shared/resources.md), a confirmation record for every
address it links, and pages that meet every content rule without a warning.

conftest.py collects this file only while mkdocs.yml's repo_url is this repository's, so a fork,
which changes that line in step 2 of the fork guide, never runs it and never has to edit it.
"""

import re

import pytest
import yaml

from conftest import ROOT, broken_internal_links, raw_tex_pages, read_html, run_build
from mathforml.content import check_content
from mathforml.graph import SyllabusGraph
from mathforml.resources import load_resources
from mathforml.syllabus import load_syllabus

SYLLABUS = load_syllabus(ROOT / "syllabus.yml", ROOT / "docs")
GRAPH = SyllabusGraph(SYLLABUS)
RESOURCES = load_resources(SYLLABUS, ROOT / "docs")
ADDRESSES = yaml.safe_load((ROOT / "tests" / "addresses.yml").read_text(encoding="utf-8"))

SEED_TOPICS = {"on-ramp", "linear-algebra", "multivariable-calculus", "probability", "machine-learning", "cs229",
               "research-frontier"}
# The resources of the syllabus this site grew from (shared/resources.md), by the part that holds them.
ORIGINAL_RESOURCES = {
    "foundations": ["https://www.coursera.org/specializations/mathematics-machine-learning"],
    "linear-algebra": [
        "https://math.mit.edu/~gs/linearalgebra/",  # Strang's textbook: its site, or a page under it
        "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/",
        "https://www.khanacademy.org/math/linear-algebra",
        "https://cs229.stanford.edu/section/cs229-linalg.pdf",
    ],
    "calculus": [
        "https://ocw.mit.edu/courses/18-02-multivariable-calculus-fall-2007/",
        "https://www.khanacademy.org/math/multivariable-calculus",
    ],
    "probability": ["https://cs229.stanford.edu/section/cs229-prob.pdf"],
    "models": [
        "https://www.coursera.org/specializations/machine-learning-introduction",
        "https://cs229.stanford.edu/",
        "https://cs229.stanford.edu/main_notes.pdf",
    ],
}


@pytest.fixture(scope="module")
def this_site(tmp_path_factory):
    """This repository's own site, built once with `mkdocs build --strict`, for an address at the root of
    a host (the 404 page's links are root-relative, and the checks below read them from the file system)."""
    site = tmp_path_factory.mktemp("this-site") / "site"
    result = run_build(ROOT, site, site_url="http://127.0.0.1:8000/")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def test_the_seed_topics_are_present_in_their_parts():
    assert SEED_TOPICS <= set(GRAPH.by_id)
    assert len(SYLLABUS.topics) >= 7 and SYLLABUS.parts
    assert all(topic.part in GRAPH.part_by_id for topic in SYLLABUS.topics)


def test_the_fast_on_ramp_comes_first_and_the_research_question_last():
    assert GRAPH.reading_order[0].id == "on-ramp" and GRAPH.reading_order[-1].id == "research-frontier"


@pytest.mark.parametrize("part", sorted(ORIGINAL_RESOURCES))
def test_original_resources_are_in_their_parts(part):
    addresses = [r.url for t in SYLLABUS.topics if t.part == part for r in RESOURCES[t.id]]
    for address in ORIGINAL_RESOURCES[part]:
        assert any(a == address or a.startswith(address) and address.endswith("/linearalgebra/") for a in addresses), \
            f"{address} missing from part {part}"


def test_every_page_meets_every_content_rule_without_a_warning():
    """A fork's pages may carry warnings (tests/test_content.py fails only on errors); this site's may not."""
    problems = check_content(SYLLABUS, ROOT / "docs", RESOURCES)
    if problems:
        pytest.fail("\n".join(f"{p.severity}: {p}" for p in problems), pytrace=False)


def external_links(site):
    links = set()
    for path in sorted(site.rglob("*.html")):
        for a in read_html(path).select("article a[href^='http']"):
            links.add(a["href"])
    return links


def test_every_external_address_is_in_the_verification_record_with_its_date(this_site):
    recorded = {entry["url"]: entry for entry in ADDRESSES}
    problems = [f"tests/addresses.yml: {url} is listed {n} times; keep one entry."
                for url, n in ((u, sum(e["url"] == u for e in ADDRESSES)) for u in recorded) if n > 1]
    problems += [f"tests/addresses.yml: {entry['url']}: give 'checked' as YYYY-MM-DD and say 'how' it was confirmed."
                 for entry in ADDRESSES if not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry["checked"])) and entry["how"])]
    # Links to the site's own repository (edit links, the fork guide) are not resources.
    linked = {u for u in external_links(this_site) if not u.startswith("https://github.com/mathforml/")}
    problems += [f"{url} is linked but was never confirmed: add it to tests/addresses.yml with the date and how."
                 for url in sorted(linked - set(recorded))]
    problems += [f"tests/addresses.yml: {url} is no longer linked: remove its entry." for url in sorted(set(recorded) - linked)]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_progress_script_reads_a_third_of_syllabus_json_s_bytes(this_site):
    """At this site's size the slim file the progress script fetches is well under syllabus.json (gzipped);
    tests/test_site.py pins its fields on the fixture, where the shared strings dominate."""
    import gzip
    slim = (this_site / "javascripts/progress-data.json").read_bytes()
    full = (this_site / "syllabus.json").read_bytes()
    assert len(gzip.compress(slim)) < 0.35 * len(gzip.compress(full))


def test_every_internal_link_and_anchor_of_this_site_resolves(this_site):
    checked, broken = broken_internal_links(this_site)
    assert checked > 1000 and not broken


def test_every_topic_page_of_this_site_shows_its_math_as_mathml(this_site):
    assert raw_tex_pages(this_site, SYLLABUS) == []


# The budgets of mathforml/resources.py and mathml.py leave this site's pages a wide margin.
def test_the_largest_formula_of_this_site_is_far_under_the_budget():
    import re

    from mathforml import mathml
    formulas = [m[1] or m[2] for page in (ROOT / "docs/topics").glob("*.md")
                for m in re.finditer(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", page.read_text(encoding="utf-8"), re.S)]
    assert formulas and max(map(len, formulas)) * 5 < mathml.MAX_FORMULA_CHARS


def test_the_largest_page_of_this_site_is_far_under_the_budget():
    from mathforml import resources
    assert max(p.stat().st_size for p in (ROOT / "docs/topics").glob("*.md")) * 4 < resources.MAX_PAGE_BYTES


def _requires_of(text, topic_id, requires):
    """syllabus.yml's text with the topic's 'requires' line replaced."""
    pattern = re.compile(rf"(  - id: {re.escape(topic_id)}\n(?:    .*\n)*?    requires: )\[[^\]]*\]")
    changed, count = pattern.subn(lambda m: m[1] + "[" + ", ".join(requires) + "]", text, count=1)
    assert count == 1, topic_id
    return changed


# The findings of the referees (../shared/review/), put back on a copy of this site: the edges as they
# were, or a page that again uses what a later topic teaches. Each is (topic, the change, the teacher
# the check must name on the topic's page).
REPRODUCTIONS = [
    ("numerical", ("requires", ["la-orthogonality", "python-numpy"]), "la-svd"),
    ("logistic-regression", ("requires", ["linear-regression", "information-theory", "convexity"]), "exponential-family"),
    ("lagrange", ("requires", ["mv-derivatives"]), "la-symmetric"),
    ("sgd", ("requires", ["gradient-descent", "random-variables"]), "joint-distributions"),
    ("la-orthogonality", ("requires", ["la-systems"]), "python-numpy"),
    ("probability", ("requires", ["gaussian", "limit-theorems"]), "information-theory"),
    ("statistics", ("requires", ["mle-map", "limit-theorems"]), "exponential-family"),
    ("mle-map", ("ready", "- Explain how Adam adapts each parameter's step."), "sgd"),
    ("gradient-descent", ("prose", "For a convex function $f$ the same step size gives a rate."), "convexity"),
    ("exponential-family", ("prose", "So $a$ is a convex function of several variables."), "convexity"),
]


@pytest.mark.parametrize("topic_id, change, teacher", REPRODUCTIONS)
def test_each_referee_finding_put_back_is_reported_on_its_page_and_line(tmp_path, topic_id, change, teacher):
    import shutil

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    text = (ROOT / "syllabus.yml").read_text(encoding="utf-8")
    page = tmp_path / "docs" / "topics" / f"{topic_id}.md"
    kind, value = change
    if kind == "requires":
        text = _requires_of(text, topic_id, value)
    elif kind == "ready":
        page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + f"\n{value}\n", encoding="utf-8")
    else:
        page.write_text(page.read_text(encoding="utf-8").replace("\n## Resources", f"\n{value}\n\n## Resources", 1),
                        encoding="utf-8")
    (tmp_path / "syllabus.yml").write_text(text, encoding="utf-8")
    syllabus = load_syllabus(tmp_path / "syllabus.yml", tmp_path / "docs")
    problems = [p for p in check_content(syllabus, tmp_path / "docs", load_resources(syllabus, tmp_path / "docs"))
                if p.rule == "concept-use" and p.file == f"docs/topics/{topic_id}.md" and f"({teacher})" in p.message]
    assert problems and all(p.line > 0 for p in problems), f"no concept-use of {teacher} reported on {topic_id}"
    if kind != "requires":
        lines = page.read_text(encoding="utf-8").splitlines()
        assert any(value in lines[p.line - 1] for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_topic_page_of_this_site_is_wider_than_a_screen(this_site, browser, width):
    from overflow import WIDE

    page = browser.new_page(viewport={"width": width, "height": 800})
    over = {}
    for topic in SYLLABUS.topics:
        page.goto((this_site / topic.page.removesuffix(".md") / "index.html").as_uri())
        found = page.evaluate(WIDE)
        if found["page"] > width or found["wide"]:
            over[topic.id] = found
    page.close()
    assert not over, f"at {width} px: {over}"
