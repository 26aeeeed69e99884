"""A topic page's own HTML and front matter are content, never code: a script, a redirect, a <base>,
event attributes or javascript: links are refused on their line; front matter that reaches <head> is
escaped; the content security policy never hashes a script found in a page's article; and the old
addresses of renamed topics carry a policy too."""

import base64
import hashlib

import pytest

from conftest import ONE_TOPIC, make_project, read_html, run_build
from synthetic import synthetic_page

PAGE = synthetic_page("a", resources=["- [R](https://x.org/r) · *book · free · 1 h · ch. 1* · The main text."])
ONE = ONE_TOPIC.replace("hours: 2", "hours: 1")


def build(tmp_path, page, syllabus=ONE):
    return run_build(make_project(tmp_path, syllabus, {"a": page}))


@pytest.mark.parametrize("html, line, what", [
    ("<script>window.PWNED=1</script>", 2, "a <script> element"),
    ('<meta http-equiv="refresh" content="1; url=https://evil.example/">', 2, "a <meta> element"),
    ('<base href="https://evil.example/">', 2, "a <base> element"),
    ("<style>body{display:none}</style>", 2, "a <style> element"),
    ('<iframe src="https://evil.example/"></iframe>', 2, "a <iframe> element"),
    ("<img src=x onerror=alert(1)>", 2, "the event attribute 'onerror' on <img>"),
    ("[click](javascript:alert(1))", 2, "a javascript: address in 'href' on <a>"),
    ('<a href="data:text/html,<b>x</b>">x</a>', 2, "a data: address in 'href' on <a>"),
    # Browsers drop tabs and line breaks in an address, and control characters before it.
    ('<a href="java&#9;script:alert(1)">x</a>', 2, "a javascript: address in 'href' on <a>"),
    ("[x](java&#10;script:alert(1))", 2, "a javascript: address in 'href' on <a>"),
    # A browser ends these at the first '>'; Python's parser read on, and missed what followed.
    ("x <![CDATA[ ></article><script>alert(1)</script> ]]> y", 2, "'<![CDATA[', markup that browsers read otherwise than the build (CDATA, '<!-->', '<?' or '<!' without a comment)"),
    ('<!--></article><meta http-equiv="refresh" content="0;url=https://evil.example"><!-- -->', 2,
     "'<!-->', markup that browsers read otherwise than the build (CDATA, '<!-->', '<?' or '<!' without a comment)"),
    ("<p>x</p></article>", 2, "a closing </article> that closes nothing the page opened"),
])
def test_a_page_that_carries_script_styles_or_navigation_is_refused_on_its_line(tmp_path, html, line, what):
    result = build(tmp_path, f"Prose.\n{html}\n\n{PAGE}")
    assert result.returncode != 0
    assert f"docs/topics/a.md:{line}: the page holds {what}." in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_every_refused_construct_of_a_page_is_reported_at_once(tmp_path):
    result = build(tmp_path, f"{PAGE}\n<script>one()</script>\n\n<meta http-equiv=refresh content=0>\n\n<script>two()</script>\n")
    assert result.returncode != 0
    assert "docs/topics/a.md:29: the page holds a <script> element." in result.stderr, result.stderr
    assert "docs/topics/a.md:31: the page holds a <meta> element." in result.stderr
    assert "docs/topics/a.md:33: the page holds a <script> element." in result.stderr


def test_a_script_in_a_resource_title_is_refused(tmp_path):
    page = synthetic_page("a", resources=["- [<script>window.PWNED=1</script>R](https://x.org/) · *book · free · 1 h · ch. 1* · N is a note."])
    result = build(tmp_path, page)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "<script>" in result.stderr and "docs/topics/a.md:7:" in result.stderr, result.stderr


def test_front_matter_that_reaches_the_head_is_escaped(tmp_path):
    page = ("---\ntitle: '<script>window.PWNED=1</script>T'\ndescription: '\"><script>window.PWNED=2</script>'\n---\n" + PAGE)
    project = make_project(tmp_path, ONE, {"a": page})
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site/topics/a/index.html").read_text(encoding="utf-8")
    assert "<script>window.PWNED" not in html
    head = read_html(project / "site/topics/a/index.html")
    assert head.select_one('meta[name="description"]')["content"] == '"><script>window.PWNED=2</script>'
    assert head.title.get_text().startswith("<script>window.PWNED=1</script>T")


def test_a_template_in_front_matter_is_refused(tmp_path):
    result = build(tmp_path, "---\ntemplate: 404.html\n---\n" + PAGE)
    assert result.returncode != 0
    assert "docs/topics/a.md: front matter 'template' is not allowed" in result.stderr


def test_the_policy_never_hashes_a_script_of_the_pages_content_even_past_a_closing_article():
    from hooks import CONTENT_END, CONTENT_START, content_security_policy

    def digest(script):
        return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
    html = (f'<head><script>theme()</script></head><body><article class="md-content__inner">{CONTENT_START}'
            f"<p>x</p></article><script>author()</script>{CONTENT_END}</article><script>footer()</script></body>")
    policy = content_security_policy(html)
    assert digest("theme()") in policy and digest("footer()") in policy
    assert digest("author()") not in policy


def test_a_plain_http_address_hidden_by_a_tab_is_still_plain_http(tmp_path):
    result = build(tmp_path, PAGE.replace("## Resources", 'See <a href="ht&#9;tp://evil.example/">this</a>.\n\n## Resources'))
    assert result.returncode != 0 and "over plain http" in result.stderr, result.stderr


def test_the_policy_hashes_the_templates_scripts_and_never_one_in_the_article():
    from hooks import content_security_policy

    def digest(script):
        return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
    html = ('<head><script>theme()</script></head><body><article class="md-content__inner">'
            "<script>author()</script></article><script>footer()</script></body>")
    policy = content_security_policy(html)
    assert digest("theme()") in policy and digest("footer()") in policy
    assert digest("author()") not in policy


def test_a_renamed_topics_old_address_carries_a_policy(tmp_path):
    syllabus = ONE.replace("    title: A\n", "    title: A\n    formerly: [old]\n")
    project = make_project(tmp_path, syllabus, {"a": PAGE})
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    redirect = read_html(project / "site/topics/old/index.html")
    policy = redirect.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "default-src 'none'" in policy


def test_elements_left_open_a_hundred_deep_are_refused_before_the_search_index_reads_them(tmp_path):
    """15,000 unclosed <b>, under the page budget, took about 10 s in Material's search plugin."""
    result = build(tmp_path, PAGE + "\n" + "<b>x" * 15000 + "\n")
    assert result.returncode != 0
    assert "docs/topics/a.md:29: the page holds elements nested more than 100 deep (an unclosed <b>?). Close every element" in result.stderr, result.stderr[-500:]


@pytest.mark.parametrize("line, message", [
    ("- [\u200b](https://x.org/) · *book · free · 1 h · ch. 1* · A note.", "this resource's title shows nothing"),
    ("- [ ](https://x.org/) · *book · free · 1 h · ch. 1* · A note.", "this resource's title shows nothing"),
    ("- [R](https://user:pw@x.org/) · *book · free · 1 h · ch. 1* · A note.", "has a user name in it (before '@')"),
    ("- [R](https://evil.example@x.org/) · *book · free · 1 h · ch. 1* · A note.", "has a user name in it (before '@')"),
    ("- [R](https://[::1/) · *book · free · 1 h · ch. 1* · A note.", "is not a valid address"),
    ("- [R](https://x.org/) · *book · free · 20000 h · ch. 1* · A note.", "is over 10,000 hours"),
    # 400 nines passed make check, then crashed the build with OverflowError.
    ("- [R](https://x.org/) · *book · free · " + "9" * 400 + " h · ch. 1* · A note.", "is over 10,000 hours"),
    ("- [" + "T" * 100_000 + "](https://x.org/) · *boook · free · 1 h · ch. 1* · A note.", "resource '" + "T" * 77 + "...'"),
])
def test_a_resource_line_an_author_could_abuse_is_refused_briefly(line, message):
    from mathforml.resources import parse_resources
    from mathforml.syllabus import SyllabusError
    with pytest.raises(SyllabusError) as caught:
        parse_resources(f"## Resources\n\n{line}\n{line.replace('ch. 1', 'ch. 2')}\n", "a", "docs/topics/a.md")
    text = str(caught.value)
    assert message in text and text.startswith("docs/topics/a.md:3: ") and len(text.splitlines()[0]) < 600, text[:300]


@pytest.mark.parametrize("text, found", [
    ("<!-- syllabus-block-0 -->", "syllabus-block-"),
    ('<input type="checkbox" data-progress-topic="a" value="done">', "data-progress"),
    ('<div data-syllabus="header">fake</div>', "data-syllabus"),
    ('<span id="plan-hours">x</span>', 'id="plan-'),
])
def test_a_page_cannot_write_the_builds_markers_or_controls(tmp_path, text, found):
    result = build(tmp_path, f"Prose.\n{text}\n\n{PAGE}")
    assert result.returncode != 0
    assert f"docs/topics/a.md:2: '{found}' is written only by the build" in result.stderr, result.stderr[-600:]


@pytest.mark.parametrize("front, message", [
    ("icon: '\"><script>alert(1)</script>'", "front matter 'icon' is not allowed on a topic page."),
    ("status: new", "front matter 'status' is not allowed on a topic page."),
    ("hide: '<b>'", "front matter 'hide' must be a list of some of navigation, toc, footer, path, tags, feedback."),
    ("title: [1, 2]", "front matter 'title' must be text."),
    ("search: {boost: true}", "front matter 'search' must be exclude: true, or boost: a number."),
])
def test_a_topic_pages_front_matter_sets_only_what_it_may(tmp_path, front, message):
    """The theme reads 'icon' as the name of one of its files: a hostile value was a traceback."""
    result = build(tmp_path, f"---\n{front}\n---\n{PAGE}")
    assert result.returncode != 0
    assert f"docs/topics/a.md: {message}" in result.stderr and "Traceback" not in result.stderr, result.stderr[-800:]


def test_a_topic_page_may_hide_its_table_of_contents(tmp_path):
    project = make_project(tmp_path, ONE, {"a": "---\nhide: [toc]\nsearch: {boost: 2}\ndescription: About A.\n---\n" + PAGE})
    assert run_build(project).returncode == 0
    assert read_html(project / "site/topics/a/index.html").select_one('meta[name="description"]')["content"] == "About A."


def test_a_comment_left_open_is_refused_though_a_generated_marker_follows_it(tmp_path):
    """The topic footer's marker ends in '-->'; the template replaces it, which left the author's '<!--' open."""
    result = build(tmp_path, "<!--\n\n" + PAGE)
    assert result.returncode != 0
    assert "docs/topics/a.md:1: the page holds an HTML comment that is never closed" in result.stderr, result.stderr[-600:]


@pytest.mark.parametrize("jinja", [
    '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}',
    "{% include 'mkdocs.yml' %}",
    "{{ config }}",
])
def test_a_page_read_as_a_template_may_only_name_the_builds_macros(tmp_path, jinja):
    project = make_project(tmp_path, ONE, {"a": PAGE})
    (project / "docs" / "extra.md").write_text(f"---\nrender_macros: true\n---\n# Extra\n\n{{{{ topic_count() }}}}\n\n{jinja}\n",
                                                 encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/extra.md:8: '" in result.stderr and "A page read as a template may only name" in result.stderr, result.stderr
    assert not (project / "PWNED").exists()


def test_an_id_cannot_be_given_twice_on_a_finished_page(tmp_path):
    result = build(tmp_path, PAGE.replace("Some prose about a.", "One.\n{: #twice }\n\nTwo.\n{: #twice }"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/topics/a.md: the id 'twice' is on two elements of the page" in result.stderr, result.stderr


@pytest.mark.parametrize("html", ['<svg><a xlink:href="https://unread.example/">x</a></svg>',
                                  '<form action="https://unread.example/"><button>Go</button></form>'])
def test_any_address_in_the_resources_section_is_a_resource_or_refused(tmp_path, html):
    result = build(tmp_path, PAGE.replace("- [R](https://x.org/r)", f"Prose with {html} inside.\n\n- [R](https://x.org/r)"))
    assert result.returncode != 0
    assert "shows a link to 'https://unread.example/' that the build does not read as a resource" in result.stderr


@pytest.mark.parametrize("html, value", [
    ('<div id="&#95;_config" hidden>{}</div>', "__config"),
    ('<div/id="__config" hidden>{}</div>', "__config"),
    ('<p id="&#112;lan-hours">x</p>', "plan-hours"),
])
def test_an_id_the_theme_or_the_build_reserves_is_refused_however_it_is_written(tmp_path, html, value):
    result = build(tmp_path, PAGE.replace("Some prose about a.", f"Some prose about a.\n\n{html}\n"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/topics/a.md: the page gives an element the id '{value}'" in result.stderr, result.stderr


def test_a_heading_that_would_take_a_generated_id_is_refused(tmp_path):
    # '## Syllabus header' gets the id of the header block, and the progress script then finds the page's.
    result = build(tmp_path, PAGE.replace("## Resources", "### Syllabus header\n\nProse.\n\n## Resources"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/topics/a.md: the page gives an element the id 'syllabus-header'" in result.stderr, result.stderr[-600:]
