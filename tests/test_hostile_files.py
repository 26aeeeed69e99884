"""Files a pull request can bring besides the syllabus's text: symbolic links, names too long, and
pages, redirects or files at one address in the site. Each is refused by name, in `make check` and
the build, before MkDocs reads anything; never published, never a silent overwrite, never a traceback."""

import difflib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ONE_TOPIC, make_project, run_build, syllabus_problems
from mathforml import inputs
from mathforml.syllabus import MAX_PROBLEMS, SyllabusError, load_syllabus, parse_syllabus
from synthetic import synthetic_page

TWO_TOPICS = ONE_TOPIC + """\
  - id: b
    title: B
    requires: [a]
    hours: 2
    summary: S.
"""


def check(project):
    """`make check` in project: (exit status, everything it printed)."""
    result = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


def load_problems(project):
    with pytest.raises(SyllabusError) as caught:
        load_syllabus(project / "syllabus.yml", project / "docs")
    return caught.value.problems


def test_a_symbolic_link_under_docs_is_never_published(tmp_path):
    project = make_project(tmp_path, ONE_TOPIC)
    os.symlink("/proc/self/environ", project / "docs" / "assets" / "env.txt")
    result = run_build(project)
    assert result.returncode != 0
    assert "docs/assets/env.txt: is a symbolic link (to '/proc/self/environ')" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "assets" / "env.txt").exists()
    status, output = check(project)
    assert status == 1 and "error: docs/assets/env.txt: is a symbolic link" in output, output


@pytest.mark.parametrize("link, target", [
    ("docs/topics/a.md", "outside.md"),  # a topic page kept outside the repository
    ("docs/more", "outside"),  # a folder
    ("syllabus.yml", "outside.yml"),
    ("mkdocs.yml", "outside.yml"),
    ("overrides", "outside"),
    ("overrides/partials/x.html", "outside.md"),
])
def test_every_symbolic_link_the_build_would_read_is_refused_by_name(tmp_path, link, target):
    project = make_project(tmp_path, ONE_TOPIC)
    (tmp_path / "outside.md").write_text(synthetic_page("a"), encoding="utf-8")
    (tmp_path / "outside.yml").write_text(ONE_TOPIC, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    path = project / link
    if path.is_dir():
        os.rename(path, tmp_path / "outside-old")
    else:
        path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(tmp_path / target, path)
    problems = load_problems(project)
    assert any(p.startswith(f"{link}: is a symbolic link") for p in problems), problems


def test_a_pipe_under_docs_is_refused(tmp_path):
    project = make_project(tmp_path, ONE_TOPIC)
    os.mkfifo(project / "docs" / "assets" / "pipe")
    assert any(p.startswith("docs/assets/pipe: is neither a file nor a folder") for p in load_problems(project))


def test_a_page_name_too_long_is_refused_with_the_limit(tmp_path):
    page = "topics/" + "x" * 300 + ".md"
    (message,) = syllabus_problems(ONE_TOPIC.replace("    summary: S.", f"    summary: S.\n    page: {page}"))
    assert "field 'page'" in message and f"at most {inputs.MAX_NAME} are allowed" in message, message
    project = make_project(tmp_path, ONE_TOPIC.replace("    summary: S.", f"    summary: S.\n    page: {page}"))
    status, output = check(project)
    assert status == 1 and "Traceback" not in output and f"at most {inputs.MAX_NAME}" in output, output


def test_a_file_name_too_long_under_docs_is_refused(tmp_path):
    project = make_project(tmp_path, ONE_TOPIC)
    deep = project / "docs" / "assets" / ("d" * 60) / ("e" * 60) / ("f" * 60) / ("g" * 60)
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("x")
    (project / "docs" / "assets" / ("n" * 150)).write_text("x")
    problems = load_problems(project)
    assert any(f"at most {inputs.MAX_NAME} are allowed" in p for p in problems), problems
    assert any(f"bytes long; at most {inputs.MAX_PATH} are allowed" in p for p in problems), problems


def with_topic(text, **fields):
    return text + "".join(f"    {key}: {value}\n" for key, value in fields.items())


@pytest.mark.parametrize("text, expected", [
    # A former id whose old address is another topic's page turned that page into a redirect.
    (with_topic(TWO_TOPICS.replace("  - id: b", "  - id: b\n    page: topics/foo.md").replace("id: a\n", "id: a\n    formerly: [foo]\n", 1)),
     "syllabus.yml:4: topic 'a': field 'formerly': the redirect from the former id 'foo' of topic 'a' would be "
     "published at topics/foo/, the address of the page of topic 'b' (docs/topics/foo.md)"),
    (with_topic(ONE_TOPIC, page="topics/old.md", formerly="[old]"),
     "topic 'a': field 'formerly': 'old' would redirect from topics/old/, the address of this topic's own page, to itself"),
    (TWO_TOPICS.replace("    summary: S.\n", "    summary: S.\n    page: topics/b/index.md\n", 1)
     .replace("requires: [a]\n    hours: 2\n    summary: S.\n", "requires: [a]\n    hours: 2\n    summary: S.\n    page: topics/b.md\n"),
     "topic 'b': field 'page': the page of topic 'b' (docs/topics/b.md) would be published at topics/b/, the address "
     "of the page of topic 'a' (docs/topics/b/index.md)"),
    (with_topic(ONE_TOPIC, page="syllabus.json.md"),
     "the page of topic 'a' (docs/syllabus.json.md) and syllabus.json, the syllabus data the build writes"),
    (with_topic(ONE_TOPIC, page="javascripts/progress.js.md"), "javascripts/progress.js, the progress script"),
    (with_topic(ONE_TOPIC, page="javascripts/progress-data.json.md"), "javascripts/progress-data.json, the progress data"),
    (with_topic(ONE_TOPIC, page="sitemap.xml.md"), "sitemap.xml, the sitemap MkDocs writes"),
    (with_topic(ONE_TOPIC, page="search/x.md"), "would be published at search/x/, inside search/, the folder of the search index"),
    (with_topic(ONE_TOPIC, page="search/search_index.json.md"), "inside search/, the folder of the search index"),
    # On macOS and Windows, a clone keeps one of two files whose names differ only in case.
    (TWO_TOPICS.replace("    summary: S.\n", "    summary: S.\n    page: topics/Foo.md\n", 1)
     .replace("requires: [a]\n    hours: 2\n    summary: S.\n", "requires: [a]\n    hours: 2\n    summary: S.\n    page: topics/foo.md\n"),
     "the page of topic 'b' (docs/topics/foo.md) and the page of topic 'a' (docs/topics/Foo.md) differ only in letter "
     "case: on macOS and Windows they are one file"),
    (with_topic(ONE_TOPIC, page="Search/x.md"), "inside search/, the folder of the search index"),
])
def test_two_things_at_one_address_are_refused_naming_both(text, expected):
    problems = syllabus_problems(text)
    assert len(problems) == 1 and expected in problems[0], problems
    assert "Traceback" not in problems[0]


def test_without_directory_urls_a_404_page_collides_with_the_themes():
    with pytest.raises(SyllabusError) as caught:
        parse_syllabus(with_topic(ONE_TOPIC, page="404.md"), use_directory_urls=False)
    assert "published at 404.html, the address of 404.html, the 'page not found' page" in str(caught.value)
    parse_syllabus(with_topic(ONE_TOPIC, page="404.md"))  # at 404/ it is a page like any other


def test_a_docs_file_at_a_topic_pages_address_is_refused(tmp_path):
    project = make_project(tmp_path, with_topic(ONE_TOPIC, page="map/index.md"), {})
    (project / "docs" / "map").mkdir()
    (project / "docs" / "map" / "index.md").write_text(synthetic_page("a"), encoding="utf-8")
    (message,) = load_problems(project)
    assert message.startswith("syllabus.yml: topic 'a', field 'page': the page of topic 'a' (docs/map/index.md) would be "
                              "published at map/, the address of docs/map.md"), message


def test_a_docs_file_where_the_build_writes_is_refused(tmp_path):
    project = make_project(tmp_path, ONE_TOPIC)
    (project / "docs" / "syllabus.json").write_text("{}", encoding="utf-8")
    (message,) = load_problems(project)
    assert message.startswith("docs/syllabus.json: docs/syllabus.json would be published at syllabus.json, the address of "
                              "syllabus.json, the syllabus data the build writes"), message


def test_a_collision_stops_the_build_without_a_traceback(tmp_path):
    project = make_project(tmp_path, with_topic(ONE_TOPIC, page="syllabus.json.md"), {})
    (project / "docs" / "syllabus.json.md").write_text(synthetic_page("a"), encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "docs/syllabus.json.md) and syllabus.json" in result.stderr


def test_every_generated_path_is_one_the_build_writes(tmp_path):
    # inputs.GENERATED must follow renames in macros.py, hooks.py and MkDocs.
    project = make_project(tmp_path, ONE_TOPIC)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    for path in inputs.GENERATED:
        assert (project / "site" / path).exists(), path


@pytest.fixture
def close_matches_calls(monkeypatch):
    calls = []
    original = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *args, **kwargs: calls.append(args) or original(*args, **kwargs))
    return calls


def test_did_you_mean_runs_only_for_the_problems_shown(close_matches_calls):
    n = 300
    text = "title: T\ntopics:\n" + "".join(
        f"  - {{id: topic-{i}, title: T, requires: [{', '.join(f'topic-{i}x{j}' for j in range(20))}], hours: 1, summary: S.}}\n"
        for i in range(n))
    problems = syllabus_problems(text)
    assert len(close_matches_calls) <= MAX_PROBLEMS
    assert "Did you mean 'topic-" in problems[0] and "Did you mean" in problems[MAX_PROBLEMS - 1]
    assert problems[-1] == f"... and {n * 20 - MAX_PROBLEMS} more problems."


def test_did_you_mean_is_bounded_for_parts_and_unclaimed_pages(tmp_path, close_matches_calls):
    n = 200
    text = "title: T\nparts:\n  - {id: part-a, title: P}\ntopics:\n" + "".join(
        f"  - {{id: t{i}, title: T, requires: [], hours: 1, summary: S., part: part-b}}\n" for i in range(n))
    syllabus_problems(text)
    assert len(close_matches_calls) <= MAX_PROBLEMS
    close_matches_calls.clear()
    project = make_project(tmp_path, ONE_TOPIC)
    for i in range(n):
        (project / "docs" / "topics" / f"stray-{i}.md").write_text("x", encoding="utf-8")
    assert len(load_problems(project)) == n
    assert len(close_matches_calls) <= MAX_PROBLEMS


def test_while_serving_nothing_reached_through_a_link_is_kept(tmp_path):
    """make serve shows a refused syllabus as an error page and goes on; hooks.on_files drops what a
    link under docs/ reaches, so the served site never holds it."""
    import importlib.util
    from mkdocs.structure.files import File, Files

    from conftest import ONE_TOPIC, make_project
    project = make_project(tmp_path, ONE_TOPIC)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    (project / "docs" / "assets" / "env.txt").symlink_to(secret)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "private.md").write_text("PRIVATE")
    (project / "docs" / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    docs = project / "docs"
    import os
    paths = [Path(root, name) for root, _, names in os.walk(docs, followlinks=True) for name in names]  # as MkDocs lists
    listed = [File(p.relative_to(docs).as_posix(), str(docs), str(project / "site"), True) for p in paths]
    assert any(f.src_uri.startswith("linked/") for f in listed)
    spec = importlib.util.spec_from_file_location("hooks_under_test", project / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    kept = {f.src_uri for f in hooks.inside_docs(Files(listed), str(docs))}
    assert "assets/env.txt" not in kept and not any(uri.startswith("linked/") for uri in kept)
    assert "assets/logo.svg" in kept and "topics/a.md" in kept


def test_the_themes_own_files_are_kept_while_links_are_dropped(tmp_path):
    import importlib.util

    from mkdocs.structure.files import File, Files
    spec = importlib.util.spec_from_file_location("hooks_under_test2", Path(__file__).parent.parent / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.css").write_text("x")
    (tmp_path / "docs").mkdir()
    kept = hooks.inside_docs(Files([File("main.css", str(theme), str(tmp_path / "site"), True)]), str(tmp_path / "docs"))
    assert [f.src_uri for f in kept] == ["main.css"]


@pytest.mark.parametrize("name, text, expected", [
    ("evil.html", "<script>document.title = localStorage.length</script>", "docs/evil.html: a browser opens it as a page"),
    ("assets/feed.xml", "<x/>", "docs/assets/feed.xml: a browser opens it as a page"),
    ("assets/run.js", "alert(1)", "docs/assets/run.js: a script outside docs/javascripts/"),
    ("assets/pic.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "docs/assets/pic.svg: the image holds a <script> element"),
    ("assets/pic.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
     "docs/assets/pic.svg: the image holds the event attribute 'onload' on <svg>"),
])
def test_a_file_a_browser_would_run_is_not_published_as_it_is(tmp_path, name, text, expected):
    project = make_project(tmp_path, ONE_TOPIC)
    (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / name).write_text(text, encoding="utf-8")
    problems = load_problems(project)
    assert any(p.startswith(expected) for p in problems), problems
    result = run_build(project)
    assert result.returncode != 0 and expected in result.stderr and "Traceback" not in result.stderr


def test_the_sites_own_svg_logo_passes(tmp_path):
    project = make_project(tmp_path, ONE_TOPIC)
    assert (project / "docs" / "assets" / "logo.svg").exists()
    load_syllabus(project / "syllabus.yml", project / "docs")  # raises on any problem


def test_a_page_that_is_not_utf8_and_a_syllabus_that_is_a_folder_get_messages(tmp_path):
    project = make_project(tmp_path, ONE_TOPIC)
    (project / "docs" / "topics" / "a.md").write_bytes(b"\xff\xfe" + synthetic_page("a").encode())
    check = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1 and "docs/topics/a.md: the page is not UTF-8 text (byte 1 cannot be read)" in check.stderr
    assert "Traceback" not in check.stderr
    (project / "syllabus.yml").unlink()
    (project / "syllabus.yml").mkdir()
    check = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1 and "syllabus.yml: the file cannot be read (Is a directory)" in check.stderr, check.stderr
    result = run_build(project)
    assert result.returncode != 0 and "syllabus.yml: the file cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name, data, expected", [
    ("assets/x.svgz", b"<svg/>", "docs/assets/x.svgz: a browser opens it as a page"),
    ("assets/feed.rss", b"<rss/>", "docs/assets/feed.rss: a browser opens it as a page"),
    ("assets/u16.svg", '\ufeff<svg><script>alert(1)</script></svg>'.encode("utf-16"), "docs/assets/u16.svg: the image is not UTF-8 text"),
    ("assets/ns.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>',
     "docs/assets/ns.svg: the image holds a <script> element"),
    ("assets/set.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/>x</a></svg>',
     "docs/assets/set.svg: the image holds a <set> element"),
])
def test_files_a_browser_reads_as_documents_in_other_guises_are_refused(tmp_path, name, data, expected):
    project = make_project(tmp_path, ONE_TOPIC)
    (project / "docs" / name).write_bytes(data)
    assert any(p.startswith(expected) for p in load_problems(project)), load_problems(project)
