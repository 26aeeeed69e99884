"""The curriculum: every topic page has its sections, a free resource that covers it, a pointer on
every resource, hours that agree with its resources, worked exercises with solutions and a
self-check; the original syllabus's resources are in their parts; every external address is in
the verification record; links are https and internal links resolve."""

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
import yaml

from conftest import ROOT, read_html
from mathforml.graph import SyllabusGraph
from mathforml.resources import load_resources
from mathforml.syllabus import load_syllabus

SYLLABUS = load_syllabus(ROOT / "syllabus.yml", ROOT / "docs")
GRAPH = SyllabusGraph(SYLLABUS)
RESOURCES = load_resources(SYLLABUS, ROOT / "docs")
ADDRESSES = yaml.safe_load((ROOT / "tests" / "addresses.yml").read_text(encoding="utf-8"))

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

# External links allowed over plain http, each with its reason. None today.
HTTP_EXCEPTIONS = {}

SECTIONS = ["Why it matters for machine learning", "Resources", "Worked exercises", "You're ready when you can..."]
TOPICS = [pytest.param(t, id=t.id) for t in GRAPH.reading_order]


def topic_source(topic):
    return (ROOT / "docs" / topic.page).read_text(encoding="utf-8")


def section(text, title):
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_page_has_every_section_in_order(topic):
    assert re.findall(r"^## (.+)$", topic_source(topic), flags=re.MULTILINE) == SECTIONS


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_a_part_and_a_free_main_resource(topic):
    assert topic.part in GRAPH.part_by_id
    resources = RESOURCES[topic.id]
    assert 2 <= len(resources) <= 6, "a handful of resources, best first"
    # The main resource is free and covers the topic; so every paid one has a free alternative here.
    assert resources[0].cost == "free", f"{topic.id}: the first resource is {resources[0].cost}"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_resource_points_at_the_part_the_topic_needs_and_has_a_note(topic):
    for resource in RESOURCES[topic.id]:
        assert resource.pointer, f"{topic.id}: {resource.title} has no pointer"
        assert re.fullmatch(r"[A-Z].+\.", resource.note), f"{topic.id}: {resource.title} needs a note: what it is best for."


@pytest.mark.parametrize("topic", TOPICS)
def test_hours_lie_between_the_main_resource_and_all_resources(topic):
    """The rule, documented in syllabus.yml: hours >= the main (first) resource's effort, <= the sum of all."""
    resources = RESOURCES[topic.id]
    assert resources[0].hours <= topic.hours <= sum(r.hours for r in resources), topic.id


def test_the_same_part_of_a_resource_has_the_same_effort_everywhere():
    efforts = {}
    for topic_id, resources in RESOURCES.items():
        for r in resources:
            efforts.setdefault((r.url, r.pointer), set()).add(r.hours)
    assert {k: v for k, v in efforts.items() if len(v) > 1} == {}


@pytest.mark.parametrize("topic", TOPICS)
def test_worked_exercises_each_have_a_collapsed_solution(built_site, topic):
    text = section(topic_source(topic), "Worked exercises")
    exercises = re.findall(r"^\*\*Exercise (\d+)\.\*\*", text, flags=re.MULTILINE)
    assert 2 <= len(exercises) <= 4 and exercises == [str(n) for n in range(1, len(exercises) + 1)]
    page = read_html(built_site / topic.page.removesuffix(".md") / "index.html")
    solutions = page.select("article details.success")
    assert len(solutions) == len(exercises), topic.id
    for details in solutions:
        assert not details.has_attr("open"), "solutions start collapsed"
        assert details.select_one("summary").get_text(strip=True) == "Solution"
        assert len(details.get_text(" ", strip=True)) > 80, "a full solution, not a hint"


@pytest.mark.parametrize("topic", TOPICS)
def test_self_check_is_a_short_list_of_concrete_tasks(topic):
    items = re.findall(r"^- ", section(topic_source(topic), "You're ready when you can..."), flags=re.MULTILINE)
    assert 3 <= len(items) <= 6, topic.id


@pytest.mark.parametrize("part", sorted(ORIGINAL_RESOURCES))
def test_original_resources_are_in_their_parts(part):
    addresses = [r.url for t in SYLLABUS.topics if t.part == part for r in RESOURCES[t.id]]
    for address in ORIGINAL_RESOURCES[part]:
        assert any(a == address or a.startswith(address) and address.endswith("/linearalgebra/") for a in addresses), \
            f"{address} missing from part {part}"


def test_the_fast_on_ramp_comes_first_and_the_research_question_last():
    assert GRAPH.reading_order[0].id == "on-ramp" and GRAPH.reading_order[-1].id == "research-frontier"


def site_pages(site):
    return sorted(site.rglob("*.html"))


def external_links(site):
    links = set()
    for path in site_pages(site):
        for a in read_html(path).select("article a[href^='http']"):
            links.add(a["href"])
    return links


def test_every_external_address_is_in_the_verification_record_with_its_date(built_site):
    recorded = {entry["url"]: entry for entry in ADDRESSES}
    assert len(recorded) == len(ADDRESSES), "each address once"
    for entry in ADDRESSES:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry["checked"])) and entry["how"], entry["url"]
    # Links to the site's own repository (edit links, the fork guide) are not resources.
    linked = {u for u in external_links(built_site) if not u.startswith("https://github.com/mathforml/")}
    assert sorted(linked - set(recorded)) == [], "linked but never checked"
    assert sorted(set(recorded) - linked) == [], "checked but no longer linked: remove from tests/addresses.yml"


def test_external_links_are_https(built_site):
    insecure = set()
    for path in site_pages(built_site):
        for a in read_html(path).select("a[href^='http:']"):
            if a["href"] not in HTTP_EXCEPTIONS:
                insecure.add((path.relative_to(built_site).as_posix(), a["href"]))
    assert not insecure


def test_internal_links_and_anchors_resolve(built_site):
    ids_cache = {}

    def ids_of(path):
        if path not in ids_cache:
            ids_cache[path] = {el["id"] for el in read_html(path).select("[id]")}
        return ids_cache[path]

    broken = []
    for path in site_pages(built_site):
        base = "file://" + path.as_posix()
        page = read_html(path)
        links = [(a, "href") for a in page.select("a[href], link[href]")] + [(s, "src") for s in page.select("[src]")]
        links += [(a, "xlink:href") for a in page.find_all("a", attrs={"xlink:href": True})]
        for el, attr in links:
            target = el[attr]
            if urlparse(target).scheme in ("http", "https", "mailto", "data", "javascript"):
                continue
            if target.startswith("/"):  # root-relative, as in 404.html
                target = "file://" + built_site.as_posix() + target
            url, fragment = urldefrag(urljoin(base, target))
            file = Path(urlparse(url).path)
            if file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append((path.relative_to(built_site).as_posix(), target))
            elif fragment and file.suffix == ".html" and fragment not in ids_of(file):
                broken.append((path.relative_to(built_site).as_posix(), target))
    assert not broken


def test_math_is_mathml_not_raw_tex(built_site):
    for topic in SYLLABUS.topics:
        html = (built_site / "topics" / topic.id / "index.html").read_text(encoding="utf-8")
        assert "<math" in html, topic.id
        assert 'class="arithmatex"' not in html and "$$" not in html and "\\(" not in html, topic.id
