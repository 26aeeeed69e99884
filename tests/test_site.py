"""A whole site, built from the fixture guide (tests/fixtures/guide/)."""

from conftest import fixture_syllabus, read_html

GRAPH = fixture_syllabus()


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


def test_syllabus_json_lists_the_reading_order(built_site):
    import json
    data = json.loads((built_site / "syllabus.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["topics"]] == [t.id for t in GRAPH.reading_order]
    for entry in data["topics"]:
        assert (built_site / entry["url"] / "index.html").exists()


def test_the_progress_script_reads_syllabus_json_s_own_values_and_only_those_it_needs(built_site):
    import json
    full = json.loads((built_site / "syllabus.json").read_text(encoding="utf-8"))
    text = (built_site / "javascripts/progress-data.json").read_text(encoding="utf-8")
    data = json.loads(text)
    # Nothing else: not the summaries, notes, titles or authors that make syllabus.json heavy (on this
    # site's own content, a fifth of its bytes: tests/test_this_site.py), and no indentation.
    assert set(data) == {"topics", "strings"} and "\n" not in text.rstrip("\n")
    fields = {"id", "step", "title", "part", "hours", "requires", "formerly", "url", "resources"}
    assert [set(t) for t in data["topics"]] == [fields] * (len(data["topics"]) - 1) + [fields | {"summary"}]
    assert data["strings"] == full["strings"]
    assert len(data["topics"]) == len(full["topics"])
    for slim, entry in zip(data["topics"], full["topics"]):
        resources = slim.pop("resources")
        assert resources == [{"key": r["key"], "url": r["url"]} for r in entry["resources"]]
        assert slim == {key: entry[key] for key in slim}
    assert "summary" in data["topics"][-1] and "summary" not in data["topics"][0]


def test_every_page_has_link_preview_tags_of_its_own(built_site):
    page = read_html(built_site / "topics/series/index.html")
    def meta(page, attr, name):
        tag = page.select_one(f'meta[{attr}="{name}"]')
        return tag["content"] if tag else None
    topic = GRAPH.by_id["series"]
    assert meta(page, "property", "og:title") == f"{topic.title} - {GRAPH.syllabus.title}"
    assert meta(page, "property", "og:description") == topic.summary == meta(page, "name", "twitter:description")
    assert meta(page, "property", "og:url").endswith("/topics/series/")
    assert meta(page, "name", "twitter:card") == "summary"
    home = read_html(built_site / "index.html")
    assert meta(home, "property", "og:title") == GRAPH.syllabus.title
    assert meta(home, "property", "og:description") == GRAPH.syllabus.description


def test_logo_and_favicon_are_our_own(built_site):
    home = read_html(built_site / "index.html")
    assert home.select_one('link[rel="icon"]')["href"].endswith("assets/logo.svg")
    assert home.select_one(".md-header__button.md-logo img")["src"].endswith("assets/logo.svg")
    assert (built_site / "assets/logo.svg").read_text().startswith("<svg")


def test_not_found_page_leads_home_and_to_the_reading_order(built_site):
    page = read_html(built_site / "404.html")
    assert page.select_one("article h1").get_text() == "Page not found"
    hrefs = [a["href"] for a in page.select("article a")]
    assert any(h.endswith("#the-reading-order") for h in hrefs) and any(h.endswith("/map/") for h in hrefs)


def test_search_indexes_each_topic_summary(built_site):
    import html
    import json
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = {d["location"]: html.unescape(d["text"]) for d in index["docs"]}
    for topic in GRAPH.reading_order:
        assert topic.summary in text[f"topics/{topic.id}/"], topic.id


def test_the_print_page_writes_each_effort_as_the_topic_page_does(built_site):
    """'40 min' on a topic page is '40 min' on the print page too, never '0.67 h'."""
    import re

    printed = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    for page in (built_site / "topics").glob("*/index.html"):
        for effort in re.findall(r"<em>[^<·]+ · [^<·]+ · ([^<·]+?)(?: · [^<]*)?</em>", page.read_text(encoding="utf-8")):
            assert f" · {effort}" in printed, f"{page.parent.name}: '{effort}' is not written so on the print page"
    assert " 0.67 h" not in printed and re.search(r" · \d+ min", printed)
