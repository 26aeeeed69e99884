"""The real site, built from the repository's own syllabus.yml."""

from conftest import ROOT, read_html
from mathforml.graph import SyllabusGraph
from mathforml.syllabus import load_syllabus

GRAPH = SyllabusGraph(load_syllabus(ROOT / "syllabus.yml", ROOT / "docs"))


def topic_html(site, topic):
    return read_html(site / topic.page.removesuffix(".md") / "index.html")


def test_reading_order_is_topological_and_on_the_home_page(built_site):
    seen = set()
    for topic in GRAPH.reading_order:
        assert set(topic.requires) <= seen, topic.id
        seen.add(topic.id)
    rows = read_html(built_site / "index.html").select('[data-syllabus="reading-order"] tbody tr[data-topic]')
    assert [r["data-topic"] for r in rows] == [t.id for t in GRAPH.reading_order]


def test_every_topic_page_has_its_header(built_site):
    count = len(GRAPH.reading_order)
    for step, topic in enumerate(GRAPH.reading_order, start=1):
        page = topic_html(built_site, topic)
        assert page.select_one('[data-syllabus="step"]').get_text(strip=True) == f"Step {step} of {count}"
        hrefs = [a["href"] for a in page.select('[data-syllabus="prerequisites"] a')]
        assert hrefs == [f"../{t.id}/" for t in GRAPH.requires_of(topic.id)]
        unlocks = [a["data-topic"] for a in page.select('[data-syllabus="unlocks"] a')]
        assert unlocks == [t.id for t in GRAPH.dependents_of(topic.id)]


def test_seed_topics_are_present():
    ids = set(GRAPH.by_id)
    assert {"on-ramp", "linear-algebra", "multivariable-calculus", "probability",
            "machine-learning", "cs229", "research-frontier"} <= ids


def test_syllabus_json_lists_the_reading_order(built_site):
    import json
    data = json.loads((built_site / "syllabus.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["topics"]] == [t.id for t in GRAPH.reading_order]
    for entry in data["topics"]:
        assert (built_site / entry["url"] / "index.html").exists()
