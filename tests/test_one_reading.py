"""One reading of a page: what the build reads as resources is what Markdown renders and a learner
sees. Each page here hides a resource, or an http link, from a line-based reading of the source."""

import subprocess
import sys

import pytest
from conftest import ONE_TOPIC, make_project, run_build
from synthetic import synthetic_page

from mathforml.page_html import rendered_resources

PAGE = synthetic_page("a")
FIRST = "- [A resource](https://example.org/a) · *book · free · 1 min · ch. 1* · Why it is good."
UNREAD = "[Unread](https://unread.example/)"


def build_errors(tmp_path, page):
    result = run_build(make_project(tmp_path, ONE_TOPIC, {"a": page}))
    assert result.returncode != 0, "the page must be refused"
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("page, expected", [
    # A heading written with a character reference renders as a second 'Resources'.
    (PAGE.replace("## Worked exercises", f"## Resource&#115;\n\n- {UNREAD} · *book · free · 1 h* · N.\n\n## Worked exercises"),
     "docs/topics/a.md: the page shows 2 level-2 headings reading 'Resources'"),
    # A link in the section's prose is not a resource: no Done box, no record, no effort.
    (PAGE.replace(FIRST, f"Also see {UNREAD}.\n\n" + FIRST),
     "docs/topics/a.md:7: the Resources section shows a link to 'https://unread.example/' that the build does not "
     "read as a resource"),
])
def test_what_the_page_renders_beyond_the_reading_is_refused(tmp_path, page, expected):
    assert expected in build_errors(tmp_path, page)


@pytest.mark.parametrize("prose", [
    # The content rules read the source's (http://...) and <http://...> links; these render just the same.
    "See [the notes][n].\n\n[n]: http://evil.example/x",
    '<a href="&#104;ttp://evil.example/x">notes</a>',
])
def test_a_plain_http_link_anywhere_on_a_topic_page_is_refused_from_its_rendering(tmp_path, prose):
    page = PAGE.replace("Some prose about a.", prose)
    assert "the page links http://evil.example/x over plain http. Link its https address." in build_errors(tmp_path, page)


def test_invalid_front_matter_shown_as_text_is_read_as_text(tmp_path):
    # MkDocs shows front matter it cannot parse as part of the page, headings and all.
    page = f"---\ntitle: [unclosed\n\n## Resources\n\n- {UNREAD} · *book · free · 1 h* · N.\n---\n\n" + PAGE
    assert "the page shows 2 level-2 headings reading 'Resources'" in build_errors(tmp_path, page)


def test_the_rendered_reading_counts_headings_links_and_done_boxes():
    box = '<input type="checkbox" data-progress-resource="a|https://a.org/|">'
    html = (f'<h2 id="r">Resources<a class="headerlink" href="#r">&para;</a></h2><ul><li>{box} <a href="https://a.org/">A</a></li>'
            f'<li><a href="https://b.org/">B</a></li></ul><h2>Other</h2><p><a href="http://c.org/">C</a>'
            f'<img src="HTTP://d.org/i.png"></p><h2>  Resources </h2>')
    assert rendered_resources(html, "Resources") == (2, ["https://a.org/", "https://b.org/"], 1,
                                                     ["http://c.org/", "HTTP://d.org/i.png"])


def test_a_page_that_reads_as_it_renders_builds(tmp_path):
    page = PAGE.replace(FIRST, "A sentence of prose before the list.\n\n" + FIRST)
    result = run_build(make_project(tmp_path, ONE_TOPIC, {"a": page}))
    assert result.returncode == 0, result.stderr


def test_a_byte_order_mark_before_front_matter_is_read_as_mkdocs_reads_it(tmp_path):
    # Read with its mark, the front matter is not front matter, and its YAML comment a second heading.
    page = "\ufeff---\ndescription: With a byte-order mark.\n## Resources\n---\n\n" + PAGE
    project = make_project(tmp_path, ONE_TOPIC, {"a": page})
    check = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    result = run_build(project)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "With a byte-order mark." in (project / "site" / "topics" / "a" / "index.html").read_text(encoding="utf-8")
