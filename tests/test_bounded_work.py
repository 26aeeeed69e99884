"""Hostile input costs bounded, linear work: no regex that backtracks on a page, no formula, page,
share link or imported file so large that the build or the plan page stalls on it."""

import base64
import json
import time
import subprocess
import sys

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ONE_TOPIC, ROOT, make_project, run_build
from mathforml import mathml, resources
from mathforml.syllabus import SyllabusError, parse_syllabus
from synthetic import synthetic_page

# Generous: each case takes milliseconds when linear, and minutes or more when it backtracks.
TIMEOUT = 20


def returns_in_time(code):
    """Runs `code` in a fresh interpreter that cannot hang this one; True when it finishes within TIMEOUT."""
    try:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=TIMEOUT, capture_output=True)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_a_heading_line_of_many_spaces_is_read_in_linear_time():
    # The old heading regex took 9 s on 400 spaces and grew with their fourth power.
    assert returns_in_time("from mathforml.resources import _sections\n"
                           "list(_sections(['## Notes' + ' ' * 20000 + 'end'] * 5))")


@pytest.mark.parametrize("line, heading", [
    ("## Resources", (2, "Resources")),
    ("## Resources ##", (2, "Resources")),
    ("##   Resources   {#res .x}  ", (2, "Resources")),
    ("### A {b} c}", (3, "A {b} c}")),
    ("## A {{b}", (2, "A")),
    ("## C#", (2, "C")),
    ("## ", (2, "")),
    ("##Resources", None),
    ("####### Seven", None),
    ("Text", None),
])
def test_headings_are_read_as_before(line, heading):
    assert resources._heading(line) == heading


def test_unclosed_math_spans_are_scanned_once():
    # With '.*?' each unclosed opening was scanned to the end of the page: quadratic.
    assert returns_in_time("from mathforml.mathml import _ARITHMATEX, _replace\n"
                           "_ARITHMATEX.sub(_replace, '<span class=\"arithmatex\">\\\\(x' * 40000)")


def test_math_is_still_found_and_converted():
    html = '<p><span class="arithmatex">\\(a &lt; b\\)</span> and <div class="arithmatex">\\[x^2\\]</div></p>'
    out = mathml._ARITHMATEX.sub(mathml._replace, html)
    assert "arithmatex" not in out and out.count("<math") == 2 and 'alttext="a &lt; b"' in out


def test_a_formula_over_the_budget_is_refused_with_its_start_and_the_limit():
    tex = "x + " * (mathml.MAX_FORMULA_CHARS // 4 + 100)
    with pytest.raises(ValueError) as error:
        mathml.tex_to_mathml(tex)
    message = str(error.value)
    assert f"{mathml.MAX_FORMULA_CHARS:,}" in message and "'x + x + x + " in message
    assert len(message) < 300, "the whole formula must not be repeated"


def test_a_build_refuses_a_formula_over_the_budget(tmp_path):
    formula = "y + " * (mathml.MAX_FORMULA_CHARS // 4 + 100)
    result = run_build(make_project(tmp_path, ONE_TOPIC, {"a": synthetic_page("a") + f"\n$${formula}$$\n"}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"a formula may have at most {mathml.MAX_FORMULA_CHARS:,}" in result.stderr
    assert formula.strip() not in result.stderr


def test_a_build_refuses_a_page_over_the_budget_before_rendering_it(tmp_path):
    # 100,000 unclosed <b> kept the build running for over 300 s; this page would take minutes too.
    page = synthetic_page("a") + "\n" + "<b>" * 40000 + "\n"
    size = len(page.encode())
    result = run_build(make_project(tmp_path, ONE_TOPIC, {"a": page}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (f"docs/topics/a.md: the page is {size:,} bytes; a topic page may have at most "
            f"{resources.MAX_PAGE_BYTES:,}.") in result.stderr


def share_link(site_url, topics, resources_done):
    code = base64.urlsafe_b64encode(json.dumps({"t": topics, "r": resources_done}, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"{site_url}plan/#progress={code}"


@pytest.mark.parametrize("topics, keys, message", [
    # 200,000 old-style keys (1.8 MB) froze the page for a minute, then said "1 topic and 0 resources";
    # 150,000 of them make a 1.5 MB link, under Chromium's 2 MB limit on addresses.
    ({}, [f"{i:x}" for i in range(150000)], "This share link is longer than 262144 characters"),
    ({f"t{i}": "d" for i in range(3000)}, [f"r{i}" for i in range(3000)], "This share link holds more than 5000 marks"),
], ids=["too long", "too many marks"])
def test_a_huge_share_link_is_refused_at_once_and_stores_nothing(browser, site_url, topics, keys, message):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "plan/")
        page.goto(share_link(site_url, topics, keys))
        incoming = page.locator('[data-progress="incoming"]')
        expect(incoming).to_contain_text(message, timeout=15000)
        expect(incoming).to_contain_text("nothing was changed")
        expect(incoming.locator('button[data-incoming="merge"]')).to_have_attribute("hidden", "")
        key = "mathforml-progress:" + page.evaluate("new URL('..', location.href).pathname")
        assert page.evaluate("k => localStorage.getItem(k)", key) is None
    finally:
        context.close()


def test_an_imported_file_of_too_many_marks_is_refused(browser, site_url, tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": "mathforml-progress", "version": 2, "topics": {},
                                "resources": [f"https://x.org/{i}" for i in range(20000)]}))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "plan/")
        page.locator('input[data-progress="import"]').set_input_files(str(path))
        form = page.locator('[data-plan="form"] [data-progress="message"]')
        expect(form).to_have_text("That file holds more than 5000 marks, more than a progress file of this site can; "
                                  "nothing was changed.", timeout=15000)
    finally:
        context.close()


def test_a_formula_that_fails_names_its_page_and_line_and_is_quoted_in_part(tmp_path):
    bad = "\\notacommand " + "a + " * 300 + "a"  # 1,200 characters
    page = synthetic_page("a")
    lines = page.count("\n")
    result = run_build(make_project(tmp_path, ONE_TOPIC, {"a": page + f"\nSee ${bad}$.\n"}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/topics/a.md:{lines + 2}: cannot render the formula '\\\\notacommand a + a + " in result.stderr, result.stderr
    assert "a + " * 30 not in result.stderr, "the whole formula must not be repeated"


@pytest.mark.parametrize("field", ["id", "requires", "formerly", "part", "page"])
def test_a_100_kb_value_is_quoted_in_part_in_every_message(field):
    long = "a" * 100_000
    topic = {"id": "x", "title": "X", "requires": [], "hours": 1, "summary": "S."}
    value = {"requires": [long], "formerly": [long], "page": f"topics/{long}.md"}.get(field, long)
    topics = [{**topic, field: value}] + ([{**topic, "id": long, "title": "Y"}] if field == "id" else [])
    text = yaml.safe_dump({"title": "T", "parts": [{"id": "p", "title": "P"}], "topics": topics}) if field == "part" else \
        yaml.safe_dump({"title": "T", "topics": topics})
    with pytest.raises(SyllabusError) as error:
        parse_syllabus(text, "syllabus.yml")
    lines = str(error.value).splitlines()
    assert lines and max(map(len, lines)) < 400, [line[:120] for line in lines if len(line) >= 400]


def test_a_page_that_takes_markdown_quadratic_time_is_stopped_at_the_page_budget(monkeypatch):
    # 55,000 '[' took over 300 s to build; in-process, with a budget of a fifth of a second.
    import markdown
    from mkdocs.exceptions import PluginError

    import hooks
    monkeypatch.setattr(hooks, "PAGE_SECONDS", 0.2)
    start = time.perf_counter()
    with pytest.raises(PluginError) as error:
        hooks._start_clock("docs/topics/a.md")
        try:
            markdown.markdown("[" * 55_000)
        finally:
            hooks._stop_clock()
    assert time.perf_counter() - start < 5
    assert str(error.value).startswith("docs/topics/a.md: the page took over 0.2 s to build")
