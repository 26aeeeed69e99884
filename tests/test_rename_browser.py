"""A renamed topic keeps its old address (it redirects) and learners' marks under its old id."""

import json
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import build_and_serve, make_project, read_html
from mathforml.syllabus import SyllabusError, parse_syllabus

RENAMED = """\
title: Renamed
topics:
  - id: vectors
    title: Vectors and Matrices
    formerly: [vector-basics]
    requires: []
    hours: 5
    summary: First.
  - id: later
    title: Later
    requires: [vectors]
    hours: 2
    summary: Second.
"""


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("renamed"), RENAMED)
    yield from build_and_serve(project, project / "site")


def test_the_old_address_redirects_to_the_new_page(browser, renamed_site):
    site, url = renamed_site
    page = read_html(site / "topics/vector-basics/index.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../vectors/"
    assert page.select_one('link[rel="canonical"]')["href"] == url + "topics/vectors/"
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(url + "topics/vector-basics/")
        tab.wait_for_url(url + "topics/vectors/")
        expect(tab.locator("article h1")).to_have_text("Vectors and Matrices")
    finally:
        context.close()


def test_marks_under_the_old_id_carry_over(browser, renamed_site):
    _, url = renamed_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        key = "mathforml-progress:" + urlparse(url).path
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(
            {"topics": {"vector-basics": "done"}, "resources": {"vector-basics|https://example.org/vectors|ch. 1": True}})])
        page.goto(url + "topics/vectors/")
        expect(page.locator('input[data-progress-topic="vectors"][value="done"]')).to_be_checked()
        expect(page.locator('input[data-progress-resource="vectors|https://example.org/vectors|ch. 1"]')).to_be_checked()
        expect(page.locator('input[data-progress-resource="vectors|https://example.org/vectors/more|all"]')).not_to_be_checked()
        stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)
        assert stored["topics"] == {"vectors": "done"}
        assert list(stored["resources"]) == ["vectors|https://example.org/vectors|ch. 1"]
    finally:
        context.close()


def test_requiring_a_former_id_says_what_it_became():
    with pytest.raises(SyllabusError) as caught:
        parse_syllabus(RENAMED.replace("requires: [vectors]", "requires: [vector-basics]"))
    assert str(caught.value).endswith("no topic has the id 'vector-basics'. It was renamed: write 'vectors'.")


def test_a_former_id_cannot_be_a_current_one():
    with pytest.raises(SyllabusError) as caught:
        parse_syllabus(RENAMED.replace("formerly: [vector-basics]", "formerly: [later]"))
    assert "'later' is the id of a topic today. A former id must be one no topic has now." in str(caught.value)
