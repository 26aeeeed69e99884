"""Hostile content in topic pages fails safely: no code through front matter, no script through math."""

import pytest

from conftest import make_project, read_html, run_build
from synthetic import synthetic_page

ONE = "title: T\ntopics:\n  - {id: a, title: A, requires: [], hours: 1, summary: S.}\n"
# A page that meets the content rules, with this one resource: the tests are about what is added to it.
RESOURCE = synthetic_page("a", resources=["- [X](https://x.org/) · *book · free · 1 h · ch. 1* · The X book."])


@pytest.mark.parametrize("front, message", [
    ("render_macros: true", "docs/topics/a.md: front matter 'render_macros' is not allowed on a topic page."),
    ("render_macros: false", "docs/topics/a.md: front matter 'render_macros' is not allowed on a topic page."),
    ("syllabus_blocks: 1", "docs/topics/a.md: front matter 'syllabus_blocks' is a name the build sets itself."),
    ("syllabus_blocks: {'<!-- x -->': '<script>alert(1)</script>'}", "front matter 'syllabus_blocks' is a name"),
])
def test_front_matter_cannot_make_a_topic_page_a_template(tmp_path, front, message):
    marker = tmp_path / "ran"
    payload = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    page = f"---\n{front}\n---\n{RESOURCE}\n{payload}\n"
    result = run_build(make_project(tmp_path, ONE, {"a": page}))
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists(), "the template ran"


def test_math_cannot_carry_script_into_a_page(tmp_path):
    page = RESOURCE + "\n$\\text{<img src='x' onerror='alert(1)'/>}$ and $\\href{javascript:alert(1)}{x}$ and $\\style{color:red}{y}$\n"
    project = make_project(tmp_path, ONE, {"a": page})
    result = run_build(project)
    article = read_html(project / "site/topics/a/index.html").select_one("article")
    assert not article.select("img, [onerror], [href^='javascript'], math [style], math [href]")
    assert result.returncode == 0 or "cannot render the formula" in result.stderr
