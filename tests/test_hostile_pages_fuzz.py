"""Hostile topic pages, built in-process by Hypothesis: random raw HTML, headings, markers, lists and
front matter. Each build either publishes a page whose article holds nothing that runs, restyles or
redirects, or stops with MkDocs' clean error; never another exception."""

import contextlib
import io
import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ONE_TOPIC, examples, make_project
from mathforml.page_html import forbidden_html
from synthetic import synthetic_page

PAGE = synthetic_page("a", resources=["- [R](https://x.org/r) · *book · free · 1 h · ch. 1* · The main text."])
SNIPPETS = [
    "<script>window.PWNED=1</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<scr<script>ipt>",
    '<meta http-equiv="refresh" content="0; url=https://evil.example/">', '<base href="https://evil.example/">',
    "<style>*{display:none}</style>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>', '<iframe srcdoc="<script>1</script>"></iframe>', "<object data=x></object>",
    "<!-- syllabus-block-0 -->", '<div data-syllabus="header">', "<b>", "</div>", "<details open>", "## Resources",
    "## Notes", "# Title", "- [x](https://x.org/) · *book · free · 1 h · ch. 9* · A note.", "- item", "```", "$x$", "$$",
    "<!--", "-->", "<![CDATA[", "&lt;script&gt;", "\u202e", "\x00", "<math><mi>x</mi></math>", "{{ 7*7 }}", "{% raw %}",
]
BENIGN = ["Plain words.", "&lt;script&gt; is how HTML starts a script.", "$a < b$", "- a list item", "### A heading",
          "**bold**", "<b>bold</b>", "<kbd>Ctrl</kbd>", "<details><summary>More</summary>Text.</details>", "`<script>`"]
OUTCOMES = set()
FRONT = st.dictionaries(
    st.sampled_from(["title", "description", "template", "hide", "render_macros", "syllabus_blocks", "status", "icon"]),
    st.sampled_from(['"><script>alert(1)</script>', "<b>x</b>", "main.html", "[toc]", "true", "x' onload='a"]), max_size=3)


def build_in_process(project):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
            try:
                build(config)
                return True
            except MkDocsException:
                return False
    finally:
        os.chdir(previous)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@example(pieces=["<!--"], front={})  # found in a fork's run: the footer marker's '-->' closed it in the check
@given(pieces=st.lists(st.one_of(st.sampled_from(SNIPPETS), st.sampled_from(BENIGN), st.text(max_size=20)), max_size=8),
       front=FRONT)
def test_a_hostile_page_publishes_nothing_that_runs_or_stops_cleanly(tmp_path_factory, pieces, front):
    os.environ.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    matter = "".join(f"{key}: '{value}'\n" for key, value in front.items())
    page = (f"---\n{matter}---\n" if matter else "") + "\n".join(pieces) + "\n\n" + PAGE
    project = make_project(tmp_path_factory.mktemp("fuzz"), ONE_TOPIC.replace("hours: 2", "hours: 1"), {"a": page})
    published = build_in_process(project)
    OUTCOMES.add(published)
    if not published:
        return
    html = (project / "site/topics/a/index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", html, re.S)[0]
    assert forbidden_html(article) == [], (page, forbidden_html(article))
    head = html[: html.index("<body")]
    assert "alert(1)</script>" not in head and "onload='a" not in head, page


def test_the_fuzz_saw_pages_published_and_pages_refused():
    """Run after the fuzz (same file, same worker): both outcomes occurred, so neither check is vacuous."""
    assert OUTCOMES == {True, False}
