"""In Chromium: resource marks are per topic (the same book at two chapters on two pages is two
marks), marks stored under the old address-only keys carry over, and the map shows done and
ready-to-start topics."""

import json
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import build_and_serve, make_project
from synthetic import synthetic_page

SYLLABUS = """\
title: Keys
parts:
  - id: one
    title: One
  - id: two
    title: Two
topics:
  - id: vectors
    title: Vectors
    part: one
    requires: []
    hours: 9
    summary: First.
  - id: gradients
    title: Gradients
    part: two
    requires: [vectors]
    hours: 8
    summary: Second.
  - id: beyond
    title: Beyond
    part: two
    requires: [gradients]
    hours: 8
    summary: Third.
"""
MML = "https://mml-book.github.io/"


def page(topic_id, chapter, *extra):
    """A page that meets the content rules, whose resources are the book at `chapter` and `extra` lines."""
    book = f"- [Mathematics for Machine Learning]({MML}) · *book · free · 8 h · ch. {chapter}* · The book."
    return synthetic_page(topic_id, resources=[book, *extra])


@pytest.fixture(scope="module")
def keys_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("keys"), SYLLABUS, {
        "vectors": page("vectors", 2, "- [Khan Academy](https://www.khanacademy.org/math/linear-algebra) · *course · free · 3 h · all* · Videos."),
        "gradients": page("gradients", 5),
        "beyond": page("beyond", 6),
    })
    yield from build_and_serve(project, project / "site")


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def stored(page):
    return page.evaluate("""() => JSON.parse(localStorage.getItem(
        Object.keys(localStorage).find(k => k.startsWith('mathforml-progress:'))))""")


def test_the_same_book_at_two_chapters_is_tracked_separately(context, keys_site):
    _, url = keys_site
    page = context.new_page()
    page.goto(url + "topics/gradients/")
    box = page.get_by_role("checkbox", name="Done: Mathematics for Machine Learning")
    expect(box).to_be_visible()
    box.check()
    page.goto(url + "topics/beyond/")
    expect(page.get_by_role("checkbox", name="Done: Mathematics for Machine Learning")).not_to_be_checked()
    page.goto(url + "topics/vectors/")
    expect(page.locator(f'input[data-progress-resource="vectors|{MML}|ch. 2"]')).not_to_be_checked()
    page.reload()
    page.goto(url + "topics/gradients/")
    expect(page.get_by_role("checkbox", name="Done: Mathematics for Machine Learning")).to_be_checked()
    assert sorted(k for k, v in stored(page)["resources"].items() if v) == [f"gradients|{MML}|ch. 5"]


def test_marks_under_the_old_address_keys_carry_over(context, keys_site):
    _, url = keys_site
    page = context.new_page()
    page.goto(url)
    key = "mathforml-progress:" + urlparse(url).path  # the site's root, as the script computes it
    # What the previous version stored after ticking the book on one page: the address alone.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(
        {"topics": {"vectors": True}, "resources": {MML: True, "https://www.khanacademy.org/math/linear-algebra": True}})])
    page.goto(url + "topics/beyond/")
    expect(page.get_by_role("checkbox", name="Done: Mathematics for Machine Learning")).to_be_checked()
    page.goto(url + "topics/vectors/")
    expect(page.locator(f'input[data-progress-resource="vectors|{MML}|ch. 2"]')).to_be_checked()
    expect(page.get_by_role("checkbox", name="Done: Khan Academy")).to_be_checked()
    resources = stored(page)["resources"]
    assert sorted(resources) == sorted([f"vectors|{MML}|ch. 2", f"gradients|{MML}|ch. 5", f"beyond|{MML}|ch. 6",
                                        "vectors|https://www.khanacademy.org/math/linear-algebra|all"])
    assert stored(page)["topics"] == {"vectors": "done"}, "the first version's done mark becomes the state done"


def test_map_shows_done_ready_and_not_started(context, keys_site):
    _, url = keys_site
    page = context.new_page()
    page.goto(url + "topics/vectors/")
    page.locator('input[data-progress-topic="vectors"][value="done"]').check()
    page.goto(url + "map/")
    node = page.locator(".syllabus-map__node")
    expect(node.and_(page.locator('[data-topic="vectors"]'))).to_have_attribute("data-state", "done")
    expect(node.and_(page.locator('[data-topic="gradients"]'))).to_have_attribute("data-state", "ready")
    expect(node.and_(page.locator('[data-topic="beyond"]'))).to_have_attribute("data-state", "")
    # Told apart by words, not colour alone.
    expect(page.locator('[data-topic="vectors"] .syllabus-map__state')).to_have_text(" · done ✓")
    expect(page.locator('[data-topic="gradients"] .syllabus-map__state')).to_have_text(" · ready to start")
    expect(page.locator('[data-topic="beyond"] .syllabus-map__state')).to_have_text("")
