"""The learner's side in Chromium: progress states, what to study next, import that merges and
refuses, share links, the plan's validation, visible focus, phones, and the page to print."""

import json
import math
import re
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, ROOT, build_and_serve, fixture_syllabus, make_project

# The fixture guide that site_url serves (tests/fixtures/guide/).
GRAPH = fixture_syllabus()
ORDER = [t.id for t in GRAPH.reading_order]
FIRST, SECOND, LAST = ORDER[0], ORDER[1], ORDER[-1]
# A topic in a later part than the first, with a prerequisite (so a path and badges) and resources.
LATER = "sequences"
FORM = '[data-plan="form"] [data-progress="message"]'


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def key_of(url):
    return "mathforml-progress:" + urlparse(url).path


def store(page, url, state):
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key_of(url), json.dumps(state)])


def stored(page, url):
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", key_of(url))


def mark(page, url, topic_id, state):
    page.goto(url + f"topics/{topic_id}/")
    page.locator(f'input[data-progress-topic="{topic_id}"][value="{state}"]').check()


def test_states_are_set_shown_everywhere_and_kept_across_navigation_and_reload(context, site_url):
    page = context.new_page()
    mark(page, site_url, LATER, "in-progress")
    mark(page, site_url, FIRST, "done")
    mark(page, site_url, SECOND, "skipped")
    expect(page.locator(f'input[data-progress-topic="{SECOND}"][value="skipped"]')).to_be_checked()
    # The side navigation: the step and the state's mark.
    nav = page.locator(".md-nav--primary .syllabus-nav-mark[data-state='skipped']")
    expect(nav).to_have_attribute("aria-label", f"Step {GRAPH.step[SECOND]}, skipped:")
    # A pruned part's link leads to its first topic but is the part, not the topic: no mark.
    # (On a page of a later part than the first topic's, whose part is then pruned.)
    assert GRAPH.by_id["limits"].part != GRAPH.by_id[FIRST].part
    page.goto(site_url + "topics/limits/")
    expect(page.locator(".md-nav__item--pruned .syllabus-nav-mark")).to_have_count(0)
    expect(page.locator(".md-nav__item--pruned").first).to_be_visible()
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Home").first.click()
    page.wait_for_url(site_url)
    assert page.evaluate("window.__sameDocument === true"), "instant navigation, not a reload"
    rows = page.locator('table[data-syllabus="reading-order"] tr[data-topic]')
    expect(rows.and_(page.locator(f'[data-topic="{LATER}"]'))).to_have_attribute("data-state", "in-progress")
    expect(rows.and_(page.locator(f'[data-topic="{FIRST}"]'))).to_have_attribute("data-state", "done")
    expect(rows.and_(page.locator(f'[data-topic="{SECOND}"]'))).to_have_attribute("data-state", "skipped")
    page.reload()
    expect(rows.and_(page.locator(f'[data-topic="{LATER}"]'))).to_have_attribute("data-state", "in-progress")
    page.goto(site_url + "map/")
    expect(page.locator(f'.syllabus-map__node[data-topic="{LATER}"] .syllabus-map__state')).to_have_text(" · in progress")
    expect(page.locator(f'.syllabus-map__node[data-topic="{SECOND}"] .syllabus-map__state')).to_have_text(" · skipped")
    # A topic two steps past LATER, whose path holds the first topic.
    assert FIRST in {t.id for t in GRAPH.path_to("limits")}
    page.goto(site_url + "topics/limits/")
    page.locator('[data-syllabus="path"] summary').click()
    expect(page.locator(f'[data-syllabus="path"] .syllabus-map__node[data-topic="{FIRST}"]')).to_have_attribute("data-state", "done")
    # Back to not started.
    mark(page, site_url, LATER, "")
    assert LATER not in stored(page, site_url)["topics"]


def test_continue_with_and_ready_to_start_follow_the_marks(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    next_box = page.locator('[data-progress="next"]').first
    expect(next_box).to_contain_text(f"Continue with step 1: {GRAPH.by_id[ORDER[0]].title}")
    # The first three steps, all in the first part, covered: two done, one skipped.
    first_three = ORDER[:3]
    part = GRAPH.by_id[FIRST].part
    assert {GRAPH.by_id[t].part for t in first_three} == {part}
    for topic_id in first_three[:2]:
        mark(page, site_url, topic_id, "done")
    mark(page, site_url, first_three[2], "skipped")  # skipped counts as covered
    page.goto(site_url)
    expect(next_box).to_contain_text(f"Continue with step 4: {GRAPH.by_id[ORDER[3]].title}")
    ready = [t for t in GRAPH.reading_order[4:] if set(t.requires) <= set(first_three)]
    assert ready, "a later topic whose prerequisites are all met"
    expect(next_box).to_contain_text("Also ready to start: " + ready[0].title)
    # The foot of a topic page says the same.
    page.goto(site_url + "topics/limits/")
    expect(page.locator('[data-progress="next"]')).to_contain_text("Continue with step 4")
    # Progress bars: overall and per part, in hours.
    page.goto(site_url)
    covered = sum(GRAPH.by_id[t].hours for t in first_three)
    expect(page.locator(f"#syllabus-bar-{part}")).to_be_visible()
    expect(page.locator(f"#syllabus-bar-{part}")).to_have_js_property("value", covered)
    expect(page.locator(f"#syllabus-bar-{part}-text")).to_have_text(f"{covered} of {GRAPH.part_hours(part):g} hours")


def test_after_the_last_topic_the_guide_says_what_comes_next(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    store(page, site_url, {"topics": {t: "done" for t in ORDER}, "resources": {}})
    page.reload()
    box = page.locator('[data-progress="next"]').first
    expect(box).to_have_attribute("data-finished", "")
    expect(box).to_contain_text(f"You have covered all {len(ORDER)} topics")
    expect(box.locator("a")).to_have_attribute("href", site_url + f"topics/{LAST}/")


def import_file(page, tmp_path, content, replace=False, name="progress.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    page.locator("#progress-import-replace").set_checked(replace)
    page.locator('input[data-progress="import"]').set_input_files(str(path))


def progress_file(topics, resources=(), **extra):
    return {"format": "mathforml-progress", "version": 2, "topics": topics, "resources": list(resources), **extra}


def test_import_merges_by_default_and_replaces_when_asked(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(site_url + "plan/")
    store(page, site_url, {"topics": {FIRST: "done", LATER: "in-progress"}, "resources": {}})
    page.reload()
    import_file(page, tmp_path, progress_file({LATER: "done", "limits": "skipped"}))
    expect(page.locator(FORM)).to_have_text("Merged into your progress: 2 topics and 0 resources.")
    assert stored(page, site_url)["topics"] == {FIRST: "done", LATER: "done", "limits": "skipped"}
    import_file(page, tmp_path, progress_file({"counting": "done"}), replace=True, name="other.json")
    expect(page.locator(FORM)).to_have_text("Replaced your progress with 1 topic and 0 resources.")
    assert stored(page, site_url)["topics"] == {"counting": "done"}


def test_import_keeps_known_ids_and_reports_the_rest(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(site_url + "plan/")
    import_file(page, tmp_path, progress_file({FIRST: "done", "no-such-topic": "done", "toString": "done"}))
    expect(page.locator(FORM)).to_have_text(
        "Merged into your progress: 1 topic and 0 resources; ignored 2 marks this syllabus does not have "
        "(no-such-topic, toString).")
    expect(page.locator('[data-progress="summary"]')).to_contain_text(f"1 of {len(ORDER)} topics covered")


@pytest.mark.parametrize("content", [
    '{"hello": 1}',
    "not json at all",
    json.dumps(progress_file({FIRST: "finished"})),
    json.dumps(progress_file({FIRST: "done"}, hoursPerWeek=1e-6)),
    json.dumps(progress_file({FIRST: "done"}, hoursPerWeek=float("inf")) if False else
               '{"format": "mathforml-progress", "topics": {"%s": "done"}, "hoursPerWeek": 1e999}' % FIRST),
    json.dumps(progress_file([FIRST, 7])),
], ids=["wrong format", "not json", "unknown state", "tiny hours", "infinite hours", "non-string id"])
def test_import_of_a_wrong_shape_changes_nothing(context, site_url, tmp_path, content):
    page = context.new_page()
    page.goto(site_url + "plan/")
    store(page, site_url, {"topics": {"limits": "done"}, "resources": {}})
    page.reload()
    import_file(page, tmp_path, content if content.startswith(("{", "n")) else json.loads(content))
    expect(page.locator(FORM)).to_contain_text("nothing was changed")
    assert stored(page, site_url)["topics"] == {"limits": "done"}


def test_import_with_storage_full_says_so_and_keeps_the_old_marks(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(site_url + "plan/")
    store(page, site_url, {"topics": {"limits": "done"}, "resources": {}})
    page.reload()
    # Fill the rest of this origin's storage.
    filled = page.evaluate("""() => {
        let chunk = 'x'.repeat(1 << 20), i = 0;
        for (;;) { try { localStorage.setItem('filler-' + i++, chunk); } catch (e) {
            if (chunk.length < 16) return i; chunk = chunk.slice(chunk.length / 2); } } }""")
    assert filled > 1
    import_file(page, tmp_path, progress_file({t: "done" for t in ORDER}))
    expect(page.locator(FORM)).to_contain_text("storage is full or blocked")
    expect(page.locator(FORM)).to_contain_text("nothing was changed")
    page.reload()
    assert stored(page, site_url)["topics"] == {"limits": "done"}
    expect(page.locator('[data-progress="summary"]')).to_contain_text(f"1 of {len(ORDER)} topics covered")


def test_a_share_link_round_trips_into_a_fresh_profile_and_asks_first(browser, context, site_url):
    page = context.new_page()
    mark(page, site_url, FIRST, "done")
    mark(page, site_url, LATER, "in-progress")
    page.locator("input[data-progress-resource]").first.check()  # LATER's first resource
    page.goto(site_url + "plan/")
    page.locator('[data-progress="share"]').click()
    link = page.locator("#progress-share-link").input_value()
    assert urlparse(link).fragment.startswith("progress=") and urlparse(link).path == urlparse(site_url).path + "plan/"
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(site_url + "topics/limits/")
        mark(other, site_url, "limits", "done")
        other.goto(link)
        incoming = other.locator('[data-progress="incoming"]')
        expect(incoming).to_contain_text("This link holds progress: 2 topics and 1 resource.")
        assert stored(other, site_url)["topics"] == {"limits": "done"}, "nothing changes before the learner chooses"
        incoming.get_by_role("button", name="Merge into mine").click()
        expect(incoming).to_be_hidden()
        expect(other.locator(FORM)).to_have_text("Merged into your progress: 2 topics and 1 resource.")
        assert stored(other, site_url)["topics"] == {"limits": "done", FIRST: "done", LATER: "in-progress"}
        assert "progress=" not in other.url, "the marks leave the address once used"
        other.goto(site_url + "plan/#progress=AAAA%%%")
        expect(other.locator('[data-progress="incoming"]')).to_contain_text("damaged")
    finally:
        fresh.close()


@pytest.mark.parametrize("value", ["0", "0.000001", "-5", "169", "", "1e400"])
def test_plan_refuses_hours_outside_half_to_168_at_the_field(context, site_url, value):
    page = context.new_page()
    page.goto(site_url + "plan/")
    field = page.locator("#plan-hours")
    field.fill("10")
    expect(page.locator('[data-plan="all-date"] time')).to_be_visible()
    before = page.locator('[data-plan="all-date"] time').get_attribute("datetime")
    field.fill(value)
    expect(page.locator("#plan-hours-message")).to_contain_text("from 0.5 to 168")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert page.locator('[data-plan="all-date"] time').get_attribute("datetime") == before
    assert "Invalid" not in page.locator('[data-plan="all-date"]').inner_text()
    page.reload()
    expect(field).to_have_value("10")
    expect(page.locator("#plan-hours-message")).to_be_empty()


def test_one_default_pace_everywhere(context, site_url):
    page = context.new_page()
    page.goto(site_url + "plan/")
    default = float(page.locator("#plan-hours").get_attribute("data-default"))
    expected = date.today() + timedelta(days=math.ceil(GRAPH.total_hours / default * 7))
    expect(page.locator('[data-plan="all-date"] time')).to_have_attribute("datetime", expected.isoformat())
    assert "10 hours a week" not in (ROOT / "docs" / "index.md").read_text()


CONTROLS = {
    f"topics/{LATER}/": ['input[data-progress-topic][value="done"]', "input[data-progress-resource]",
                           '[data-syllabus="path"] summary', ".syllabus-badge"],
    "plan/": ["#plan-hours", "#plan-goal", '[data-progress="export"]', '[data-progress="share"]',
              "#progress-import", "#progress-import-replace"],
}


def test_every_control_shows_its_focus(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        for path, selectors in CONTROLS.items():
            page.goto(site_url + path)
            page.locator('[data-syllabus="state"], [data-plan="form"]').first.wait_for()
            page.keyboard.press("Tab")  # keyboard use, so focus is shown as it is to keyboard users
            for selector in selectors:
                control = page.locator(selector).first
                control.focus()
                # The import button is a label for a visually hidden file input: the label shows the focus.
                shown = page.locator('label[for="progress-import"]') if selector == "#progress-import" else control
                style = shown.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }")
                assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2, (path, selector, scheme, style)
    finally:
        context.close()


def test_progress_buttons_are_two_tabs_and_a_skip_away(context, site_url):
    page = context.new_page()
    page.goto(site_url + f"topics/{LATER}/")
    page.locator('[data-syllabus="state"]').wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    expect(page.locator("#syllabus-header")).to_be_focused()  # (wait_for_function would need eval, which the CSP forbids)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-progress-topic')") == LATER


def test_targets_are_at_least_24px(context, site_url):
    page = context.new_page()
    page.goto(site_url + f"topics/{LATER}/")
    page.locator('[data-syllabus="state"]').wait_for()
    for target in page.locator('[data-syllabus="state"] label').all() + page.locator("input[data-progress-resource]").all():
        box = target.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box


def test_phone_width_tables_and_buttons_fit(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url)
        overflow = page.evaluate("""() => { const t = document.querySelector('[data-syllabus="reading-order"]');
            return [t.scrollWidth, t.getBoundingClientRect().width, document.documentElement.scrollWidth]; }""")
        assert overflow[0] <= overflow[1] + 1 and overflow[2] <= 390, overflow
        # Far parts of the table are not drawn at load (content-visibility): less work for Material's
        # script. Drawn as they come near, at the same width: nothing moves sideways, nothing is cut off.
        far = page.locator('[data-syllabus="reading-order"] tbody').last.locator("tr").first
        assert far.evaluate("e => e.checkVisibility({contentVisibilityAuto: true})") is False
        # Checkers of target size (Lighthouse) measure skipped rows: they must stay inside their part's
        # estimated box, not overlap the next part's rows.
        overflowing = """() => [...document.querySelectorAll('[data-syllabus="reading-order"] tbody')]
            .filter((part) => [...part.rows].some((row) => row.getBoundingClientRect().bottom > part.getBoundingClientRect().bottom + 1))
            .map((part) => part.dataset.part)"""
        page.set_viewport_size({"width": 320, "height": 640})  # the narrowest phone: the tallest parts
        page.reload()
        assert page.evaluate(overflowing) == []
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        assert page.evaluate(overflowing) == []
        width = "document.querySelector('[data-syllabus=\"reading-order\"]').getBoundingClientRect().width"
        at_load = page.evaluate(width)
        last = page.locator('tr[data-topic] td:nth-child(2)').last
        last.scroll_into_view_if_needed()
        drawn = "e => e.checkVisibility({contentVisibilityAuto: true})"
        for _ in range(40):  # a frame or a few: Chromium decides what is near after layout
            if far.evaluate(drawn):
                break
            page.wait_for_timeout(50)
        assert far.evaluate(drawn) is True
        assert page.evaluate(width) == at_load
        assert last.bounding_box()["x"] >= 0 and last.bounding_box()["x"] + last.bounding_box()["width"] <= 390
        # Two-digit steps: test_two_digit_steps_fit_on_one_line_on_a_phone (the fixture guide has fewer than ten).
        page.goto(site_url + "plan/")
        boxes = [page.locator(s).bounding_box() for s in ('[data-progress="export"]', 'label[for="progress-import"]')]
        apart = boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"] + 4 or boxes[1]["x"] >= boxes[0]["x"] + boxes[0]["width"] + 4
        assert apart, boxes
    finally:
        context.close()


def test_the_print_page_holds_every_topic_with_its_addresses(context, site_url, built_site):
    from mathforml.resources import load_resources

    resources = load_resources(GRAPH.syllabus, FIXTURES / "guide")
    page = context.new_page()
    page.goto(site_url + "print/")
    topics = page.locator('[data-syllabus="guide"] [data-topic]')
    assert [t.get_attribute("data-topic") for t in topics.all()] == ORDER
    # As printed: on screen, topics far below are laid out only when scrolled near (content-visibility).
    page.emulate_media(media="print")
    text = page.locator('[data-syllabus="guide"]').inner_text()
    for topic_id in ORDER:
        for resource in resources[topic_id]:
            assert resource.url in text, (topic_id, resource.url)
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    page.goto(site_url)
    expect(page.get_by_role("link", name="The whole guide on one page, to print").first).to_have_attribute("href", re.compile(r"print/$"))


def long_syllabus(n=12):
    """A syllabus made here, of `n` topics in a chain across two parts: step k is topic `step-k`."""
    topics = "".join(f"""
  - id: step-{k}
    title: Step {k}
    part: {"first" if k <= n // 2 else "second"}
    requires: [{f"step-{k - 1}" if k > 1 else ""}]
    hours: 3
    summary: Topic {k}.""" for k in range(1, n + 1))
    return f"""\
title: Two-digit steps
parts:
  - id: first
    title: First
  - id: second
    title: Second
topics:{topics}
"""


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("long"), long_syllabus())
    yield from build_and_serve(project, project / "site")


def test_two_digit_steps_fit_on_one_line_on_a_phone(browser, long_site):
    _, url = long_site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(url)
        # Two-digit steps on one line (Material's table padding once left their column no room: "1" over "0").
        step = page.locator('tr[data-topic] td:first-child').nth(9)
        step.scroll_into_view_if_needed()
        lines = step.evaluate("td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; }")
        assert step.text_content() == "10" and lines == 1
    finally:
        context.close()


IDS_LIKE_PROTOTYPE = """\
title: Prototype names
topics:
  - id: constructor
    title: Constructor
    requires: []
    hours: 2
    summary: An id that plain objects already have.
  - id: tostring
    title: To string
    requires: [constructor]
    hours: 3
    summary: Another.
"""


@pytest.fixture(scope="module")
def prototype_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("prototype"), IDS_LIKE_PROTOTYPE)
    yield from build_and_serve(project, project / "site")


def test_ids_named_like_object_properties_are_ordinary_topics(context, prototype_site):
    _, url = prototype_site
    page = context.new_page()
    page.goto(url)
    expect(page.locator('tr[data-topic="constructor"]')).to_have_attribute("data-state", "ready")
    expect(page.locator('[data-progress="summary"]')).to_contain_text("0 of 2 topics covered")
    mark(page, url, "constructor", "done")
    mark(page, url, "constructor", "")
    page.goto(url)
    expect(page.locator('tr[data-topic="constructor"]')).to_have_attribute("data-state", "ready")
    expect(page.locator('tr[data-topic="tostring"]')).to_have_attribute("data-state", "")
