"""A learner's stored data is never dropped without a word: what this version cannot read is kept
aside, as it was, and the plan page says so; a file of an unknown version is refused."""

import json

import pytest
from playwright.sync_api import expect

from test_learner_states_browser import FORM, import_file, key_of, progress_file, stored
from test_learner_states_browser import context  # noqa: F401 (a fixture, used by name)


def test_stored_marks_this_version_cannot_read_are_kept_aside_and_said(context, site_url):  # noqa: F811
    page = context.new_page()
    page.goto(site_url + "plan/")
    raw = json.dumps({"topics": {"sets": "mastered", "functions": "done"}, "resources": {}, "hoursPerWeek": 200})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key_of(site_url), raw])
    page.reload()
    aside = key_of(site_url) + ":set-aside"
    expect(page.locator(FORM)).to_have_text(
        "This browser held 2 entries of progress that this version of the site cannot read (perhaps from a newer "
        f"version). Nothing was lost: a copy is kept in this browser's storage under '{aside}'; your other marks are shown.")
    expect(page.locator('[data-progress="summary"]')).to_contain_text("1 of 8 topics covered")
    # A change saves what was read; the copy stays as it was.
    page.goto(site_url + "topics/counting/")
    page.locator('input[data-progress-topic="counting"][value="done"]').check()
    assert stored(page, site_url)["topics"] == {"functions": "done", "counting": "done"}
    assert page.evaluate("k => localStorage.getItem(k)", aside) == raw


def test_unreadable_stored_text_is_kept_aside_too(context, site_url):  # noqa: F811
    page = context.new_page()
    page.goto(site_url + "plan/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key_of(site_url), "{not json"])
    page.reload()
    expect(page.locator(FORM)).to_contain_text("This browser held 1 entry of progress that this version")
    assert page.evaluate("k => localStorage.getItem(k)", key_of(site_url) + ":set-aside") == "{not json"


@pytest.mark.parametrize("raw", [
    # A later version's record, whose notes this version does not know.
    {"version": 3, "topics": {"sets": "done"}, "resources": {}, "notes": {"sets": "revisit"}},
    {"version": 2, "topics": {"sets": "done"}, "resources": {}, "goal": 7},
    [{"sets": "done"}],
    "sets",
    {"version": 2, "topics": {"sets": "done"}, "resources": {}, "exported": "2026-01-01"},
])
def test_a_record_this_version_reads_only_in_part_is_kept_aside_whole(context, site_url, raw):  # noqa: F811
    page = context.new_page()
    page.goto(site_url + "plan/")
    text = json.dumps(raw)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key_of(site_url), text])
    page.reload()
    expect(page.locator(FORM)).to_contain_text("of progress that this version of the site cannot read")
    page.goto(site_url + "topics/counting/")
    page.locator('input[data-progress-topic="counting"][value="done"]').check()
    assert page.evaluate("k => localStorage.getItem(k)", key_of(site_url) + ":set-aside") == text


def test_a_file_of_an_unknown_version_is_refused(context, site_url, tmp_path):  # noqa: F811
    page = context.new_page()
    page.goto(site_url + "plan/")
    import_file(page, tmp_path, progress_file({"sets": "done"}, version=3))
    expect(page.locator(FORM)).to_have_text(
        "That file was written by another version of this site (version 3), which this one cannot read; nothing was "
        "changed. Open it on the site it came from, or export it again.")
    assert page.evaluate("k => localStorage.getItem(k)", key_of(site_url)) is None
