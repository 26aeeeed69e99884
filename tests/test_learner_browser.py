"""Learner features in headless Chromium: the map, progress that persists, export/import, the plan."""

import json
import math
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, fixture_syllabus
from mathforml.render import format_hours
from mathforml.resources import load_resources

# The fixture guide that site_url serves (tests/fixtures/guide/).
GRAPH = fixture_syllabus()
COUNT = len(GRAPH.reading_order)
FIRST = GRAPH.reading_order[0].id


def hours(value):
    return format_hours(value)


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def test_map_node_leads_to_its_topic(context, site_url):
    page = context.new_page()
    page.goto(site_url + "map/")
    nodes = page.locator("svg a.syllabus-map__node")
    assert nodes.count() == len(GRAPH.reading_order)
    assert page.locator("svg .syllabus-map__edges path").count() == sum(len(t.requires) for t in GRAPH.syllabus.topics)
    nodes.and_(page.locator('[data-topic="limits"]')).click()
    page.wait_for_url(site_url + "topics/limits/")
    expect(page.locator("article h1")).to_have_text(GRAPH.by_id["limits"].title)


def test_done_mark_survives_instant_navigation_and_reload(context, site_url):
    page = context.new_page()
    # Instant navigation knows the site's pages only once Material has fetched sitemap.xml.
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")):
        page.goto(site_url + "topics/basics-review/")  # a checkpoint
    box = page.locator('input[data-progress-topic="basics-review"][value="done"]')
    box.check()
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Home").first.click()
    page.wait_for_url(site_url)
    assert page.evaluate("window.__sameDocument === true"), "instant navigation swapped the page without a reload"
    expect(page.locator('table[data-syllabus="reading-order"] tr[data-topic="basics-review"]')).to_have_attribute("data-state", "done")
    expect(page.locator('table[data-syllabus="reading-order"] tr[data-topic="series"]')).not_to_have_attribute("data-state", "done")
    summary = page.locator('[data-progress="summary"]').first
    done, total = GRAPH.by_id["basics-review"].hours, GRAPH.total_hours
    expect(summary).to_have_text(f"Your progress: 1 of {COUNT} topics covered, {hours(done)} of {hours(total)} hours "
                                 f"({round(100 * done / total)}%).")
    page.reload()
    expect(page.locator('tr[data-topic="basics-review"]')).to_have_attribute("data-state", "done")
    page.goto(site_url + "map/")
    expect(page.locator('.syllabus-map__node[data-topic="basics-review"]')).to_have_attribute("data-state", "done")
    page.goto(site_url + "topics/basics-review/")
    expect(page.locator('input[data-progress-topic="basics-review"][value="done"]')).to_be_checked()


def test_resource_marks_persist(context, site_url):
    page = context.new_page()
    page.goto(site_url + "topics/counting/")
    boxes = page.locator("input[data-progress-resource]")
    # One box per resource of the page (the fixture's pages have two each).
    assert boxes.count() == len(load_resources(GRAPH.syllabus, FIXTURES / "guide")["counting"]) >= 2
    boxes.first.check()
    page.reload()
    expect(page.locator("input[data-progress-resource]").first).to_be_checked()
    expect(page.locator("input[data-progress-resource]").nth(1)).not_to_be_checked()


def test_export_then_import_into_a_fresh_profile(browser, context, site_url, tmp_path):
    page = context.new_page()
    for topic in (FIRST, "counting"):
        page.goto(site_url + f"topics/{topic}/")
        page.locator(f'input[data-progress-topic="{topic}"][value="done"]').check()
    page.locator("input[data-progress-resource]").first.check()
    page.goto(site_url + "plan/")
    with page.expect_download() as download:
        page.locator('[data-progress="export"]').click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "mathforml-progress"
    assert data["topics"] == {FIRST: "done", "counting": "done"}
    first = load_resources(GRAPH.syllabus, FIXTURES / "guide")["counting"][0]
    assert data["resources"] == [first.key]

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(site_url + "plan/")
        expect(other.locator('[data-progress="summary"]')).to_contain_text(f"Your progress: 0 of {COUNT}")
        other.locator('input[data-progress="import"]').set_input_files(str(exported))
        expect(other.locator('[data-plan="form"] [data-progress="message"]')).to_have_text("Merged into your progress: 2 topics and 1 resource.")
        other.goto(site_url)
        expect(other.locator('tr[data-topic="counting"]')).to_have_attribute("data-state", "done")
        bad = tmp_path / "bad.json"
        bad.write_text('{"hello": 1}')
        other.goto(site_url + "plan/")
        other.locator('input[data-progress="import"]').set_input_files(str(bad))
        expect(other.locator('[data-plan="form"] [data-progress="message"]')).to_contain_text("nothing was changed")
        expect(other.locator('[data-progress="summary"]')).to_contain_text(f"Your progress: 2 of {COUNT}")
    finally:
        fresh.close()


def test_study_plan_dates_match_a_hand_calculation(context, site_url):
    page = context.new_page()
    page.goto(site_url + f"topics/{FIRST}/")
    page.locator(f'input[data-progress-topic="{FIRST}"][value="done"]').check()
    page.goto(site_url + "plan/")
    page.locator("#plan-hours").fill("10")
    # A goal whose path holds the first topic and is a strict subset of the order.
    goal = "series"
    assert FIRST in {t.id for t in GRAPH.path_to(goal)} and len(GRAPH.path_to(goal)) < COUNT
    page.locator("#plan-goal").select_option(goal)
    # Whole order: every hour but the first topic's; path to the goal: its prerequisites and itself, less the first.
    left_all = GRAPH.total_hours - GRAPH.by_id[FIRST].hours
    left_goal = sum(t.hours for t in GRAPH.path_to(goal) if t.id != FIRST)
    today = date.today()
    expected_all = today + timedelta(days=math.ceil(left_all / 10 * 7))
    expected_goal = today + timedelta(days=math.ceil(left_goal / 10 * 7))
    expect(page.locator('[data-plan="all-hours"]')).to_have_text(f"{hours(left_all)} hours left")
    expect(page.locator('[data-plan="all-date"] time')).to_have_attribute("datetime", expected_all.isoformat())
    expect(page.locator('[data-plan="goal-hours"]')).to_have_text(f"{hours(left_goal)} hours left")
    expect(page.locator('[data-plan="goal-date"] time')).to_have_attribute("datetime", expected_goal.isoformat())
    page.reload()
    expect(page.locator("#plan-hours")).to_have_value("10")
    expect(page.locator("#plan-goal")).to_have_value(goal)
    expect(page.locator('[data-plan="goal-hours"]')).to_have_text(f"{hours(left_goal)} hours left")


def test_site_is_usable_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "map/")
        links = page.locator("svg a.syllabus-map__node")
        assert links.count() == len(GRAPH.reading_order)
        assert links.first.get_attribute("xlink:href") == f"../topics/{FIRST}/"
        assert page.locator('table[data-syllabus="reading-order"] tbody tr[data-topic]').count() == len(GRAPH.reading_order)
        # A topic with prerequisites in two parts, whose path leaves topics out.
        page.goto(site_url + "topics/series/")
        path = page.locator('[data-syllabus="path"] a.syllabus-map__node')
        assert [a.get_attribute("data-topic") for a in path.all()] == [t.id for t in GRAPH.path_to("series")]
        path_hours = sum(t.hours for t in GRAPH.path_to("series"))
        assert page.locator('[data-syllabus="path"] summary').inner_text() == \
            f"Full path to this topic: {len(GRAPH.path_to('series'))} topics, {hours(path_hours)} hours"
        assert page.locator('[data-syllabus="done"]').is_hidden()
        page.goto(site_url + "plan/")
        assert "need JavaScript" in page.locator(".syllabus-plan__noscript").inner_text()
        assert page.locator('[data-plan="form"]').is_hidden()
    finally:
        context.close()
