"""The curriculum: the original syllabus's resources on the right pages, a consistent resource
format, the sections every topic page promises, https links, and no broken internal link."""

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from conftest import ROOT, read_html
from mathforml.syllabus import load_syllabus

SYLLABUS = load_syllabus(ROOT / "syllabus.yml", ROOT / "docs")

# The resources of the syllabus this site grew from (shared/resources.md), by topic page.
ORIGINAL_RESOURCES = {
    "on-ramp": ["https://www.coursera.org/specializations/mathematics-machine-learning"],
    "linear-algebra": [
        "https://math.mit.edu/~gs/linearalgebra/",
        "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/",
        "https://www.khanacademy.org/math/linear-algebra",
        "https://cs229.stanford.edu/section/cs229-linalg.pdf",
    ],
    "multivariable-calculus": [
        "https://ocw.mit.edu/courses/18-02-multivariable-calculus-fall-2007/",
        "https://www.khanacademy.org/math/multivariable-calculus",
    ],
    "probability": ["https://cs229.stanford.edu/section/cs229-prob.pdf"],
    "machine-learning": ["https://www.coursera.org/specializations/machine-learning-introduction"],
    "cs229": ["https://cs229.stanford.edu/", "https://cs229.stanford.edu/main_notes.pdf"],
}

# External links allowed over plain http, each with its reason. None today.
HTTP_EXCEPTIONS = {}

KINDS = ("book", "course", "video series", "notes", "interactive", "reference", "paper")
COSTS = ("free", "free to audit", "paid")
# One line per resource: - [Title](address) by Author · *kind · cost · effort* · What it is best for.
RESOURCE_LINE = re.compile(
    r"^- \[[^\]]+\]\((?P<url>https?://[^)\s]+)\)[^*]*? · "
    rf"\*(?P<kind>{'|'.join(KINDS)}) · (?P<cost>{'|'.join(COSTS)}) · (?P<effort>\d+(\.\d+)? (h|min))\* · "
    r"(?P<best>[A-Z].+\.)$"
)
SECTIONS = ["Why it matters for machine learning", "Resources", "What to focus on, what to skip", "You're ready when you can..."]


def topic_source(topic):
    return (ROOT / "docs" / topic.page).read_text(encoding="utf-8")


def resource_lines(text):
    section = text.split("## Resources", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("topic", SYLLABUS.topics, ids=lambda t: t.id)
def test_topic_page_has_every_section_and_well_formed_resources(topic):
    text = topic_source(topic)
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == SECTIONS
    lines = resource_lines(text)
    assert 2 <= len(lines) <= 7, "a handful of resources, best first"
    for line in lines:
        assert RESOURCE_LINE.match(line), f"resource line not in the documented format:\n{line}"
    checks = text.split("## You're ready when you can...", 1)[1]
    assert len(re.findall(r"^- ", checks, flags=re.MULTILINE)) >= 3
    assert "$" in checks, "the self-check has formulas"


def resource_links(site, topic_id):
    page = read_html(site / "topics" / topic_id / "index.html")
    heading = page.find(id="resources")
    return [a["href"] for a in heading.find_next("ul").select("a")]


@pytest.mark.parametrize("topic_id", sorted(ORIGINAL_RESOURCES))
def test_original_resources_are_on_their_pages(built_site, topic_id):
    links = resource_links(built_site, topic_id)
    for address in ORIGINAL_RESOURCES[topic_id]:
        assert address in links, f"{address} missing from the {topic_id} page's resources"


def site_pages(site):
    return sorted(site.rglob("*.html"))


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
