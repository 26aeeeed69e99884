"""Build small fixture syllabi with MkDocs and read the HTML a visitor would get."""

import pytest

from conftest import make_project, read_html, run_build

SMALL = """\
title: Fixture & Friends
topics:
  - id: late
    title: Late
    requires: [base]
    hours: 3
    summary: Needs base.
  - id: base
    title: Base
    requires: []
    hours: 2
    summary: The start.
  - id: side
    title: Side
    requires: []
    hours: 1.5
    summary: Independent.
"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("small"), SMALL)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def nav_topic_titles(page):
    """The topics in the nav of a topic page: navigation.prune opens the Reading order section only there."""
    section = next(li for li in page.select("nav.md-nav--primary > ul > li") if "Reading order" in li.get_text())
    # The open page's own table of contents sits in the nav too, as links to '#' anchors.
    return [a.select_one(".md-ellipsis").get_text(strip=True) for a in section.select("ul a.md-nav__link")
            if not a["href"].startswith("#")]


def test_nav_follows_reading_order_with_file_order_ties(small_site):
    home = read_html(small_site / "index.html")
    side = read_html(small_site / "topics/side/index.html")
    assert nav_topic_titles(side) == ["Base", "Late", "Side"]
    # Each topic's step is in its link from the build, so nothing moves when the progress script runs.
    assert [mark.get_text() for mark in side.select("nav.md-nav--primary .syllabus-nav-mark")] == ["1. ", "2. ", "3. "]
    # The other pages keep their places around the topics.
    top = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")]
    assert top[0] == "Home" and top[-1] == "Customize your own syllabus"


def test_header_block_on_every_topic_page(small_site):
    late = read_html(small_site / "topics/late/index.html")
    assert late.select_one('[data-syllabus="step"]').get_text(strip=True) == "Step 2 of 3"
    assert late.select_one('[data-syllabus="hours"]').get_text(strip=True) == "About 3 hours"
    badges = late.select('[data-syllabus="prerequisites"] a')
    assert [(a.get_text(), a["href"]) for a in badges] == [("Base", "../base/")]
    base = read_html(small_site / "topics/base/index.html")
    unlocks = base.select('[data-syllabus="unlocks"] a')
    assert [(a.get_text(), a["href"]) for a in unlocks] == [("Late", "../late/")]
    assert "Nothing: a starting point" in base.select_one('[data-syllabus="prerequisites"]').get_text()
    side = read_html(small_site / "topics/side/index.html")
    assert side.select_one('[data-syllabus="step"]').get_text(strip=True) == "Step 3 of 3"
    assert side.select_one('[data-syllabus="hours"]').get_text(strip=True) == "About 1.5 hours"


def test_previous_next_footer_follows_reading_order(small_site):
    late = read_html(small_site / "topics/late/index.html")
    previous = late.select_one("a.md-footer__link--prev")
    following = late.select_one("a.md-footer__link--next")
    assert previous["href"] == "../base/" and following["href"] == "../side/"


def test_home_lists_reading_order_and_total(small_site):
    home = read_html(small_site / "index.html")
    rows = home.select('[data-syllabus="reading-order"] tbody tr')
    assert [r["data-topic"] for r in rows] == ["base", "late", "side"]
    assert [td.get_text() for td in rows[1].select("td")] == ["2", "Late", "3", "Base"]
    assert rows[1].select("td a")[0]["href"] == "topics/late/"
    assert home.select_one('[data-syllabus="total-hours"]').get_text() == "6.5"


def test_site_name_comes_from_the_syllabus_and_is_escaped(small_site):
    html = (small_site / "index.html").read_text(encoding="utf-8")
    assert "Fixture &amp; Friends" in html
    assert "Fixture & Friends" not in html


def test_meta_description_of_a_topic_is_its_summary(small_site):
    late = read_html(small_site / "topics/late/index.html")
    assert late.select_one('meta[name="description"]')["content"] == "Needs base."


HOSTILE = """\
title: Hostile
topics:
  - id: one
    title: "Tom & \\"Jerry\\" 'quoted'"
    requires: []
    hours: 1
    summary: "<script>alert('summary')</script> {{ 7 * 7 }} & <b>bold</b>"
  - id: two
    title: Two
    requires: [one]
    hours: 1
    summary: "<img src=x onerror=alert(1)>"
"""


def test_text_from_the_data_file_is_escaped_everywhere(tmp_path):
    project = make_project(tmp_path, HOSTILE)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    for page in ["index.html", "topics/one/index.html", "topics/two/index.html"]:
        html = (project / "site" / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>bold</b>" not in html
    one = (project / "site/topics/one/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt; {{ 7 * 7 }} &amp; &lt;b&gt;bold&lt;/b&gt;" in one
    two = read_html(project / "site/topics/two/index.html")
    assert two.select_one('[data-syllabus="prerequisites"] a').get_text() == "Tom & \"Jerry\" 'quoted'"


def test_broken_syllabus_stops_the_build_with_one_clear_message(tmp_path):
    project = make_project(tmp_path, SMALL.replace("requires: [base]", "requires: [bse]"),
                           topic_pages={i: "x\n" for i in ["late", "base", "side"]})
    result = run_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "syllabus.yml:5: topic 'late': field 'requires': no topic has the id 'bse'. Did you mean 'base'?" in result.stderr
    assert not (project / "site").exists()


def test_adding_a_topic_and_its_page_is_all_it_takes(tmp_path):
    grown = SMALL + """\
  - id: between
    title: Between
    requires: [base]
    hours: 4
    summary: Added by a forker.
"""
    project = make_project(tmp_path, grown.replace("requires: [base]\n    hours: 3", "requires: [base, between]\n    hours: 3"))
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    # 'side' is ready before 'between' and comes first in the file; 'late' waits for both of its prerequisites.
    assert nav_topic_titles(read_html(project / "site/topics/base/index.html")) == ["Base", "Side", "Between", "Late"]
    late = read_html(project / "site/topics/late/index.html")
    assert [a.get_text() for a in late.select('[data-syllabus="prerequisites"] a')] == ["Base", "Between"]
    between = read_html(project / "site/topics/between/index.html")
    assert [a["href"] for a in between.select('[data-syllabus="unlocks"] a')] == ["../late/"]


def test_a_path_too_long_to_draw_links_to_the_map(tmp_path):
    from mathforml.render import MAX_DRAWN_PATH

    chain = "title: Chain\ntopics:\n" + "".join(
        f"  - id: t{i}\n    title: T{i}\n    requires: [{f't{i - 1}' if i else ''}]\n    hours: 1\n    summary: S.\n"
        for i in range(MAX_DRAWN_PATH + 1))
    project = make_project(tmp_path, chain)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    drawn = read_html(project / f"site/topics/t{MAX_DRAWN_PATH - 1}/index.html").select_one('[data-syllabus="path"]')
    assert len(drawn.select(".syllabus-map__node")) == MAX_DRAWN_PATH
    long = read_html(project / f"site/topics/t{MAX_DRAWN_PATH}/index.html").select_one('[data-syllabus="path"]')
    assert long.select(".syllabus-map__node") == [] and long.select_one("a")["href"] == "../../map/"
    assert f"{MAX_DRAWN_PATH + 1} topics" in long.select_one("summary").get_text()


def test_a_long_syllabus_without_parts_gets_sections_of_steps(tmp_path):
    from macros import NAV_SECTION_MIN

    n = NAV_SECTION_MIN + 10
    chain = "title: Long\ntopics:\n" + "".join(
        f"  - {{id: t{i}, title: T{i}, requires: [], hours: 1, summary: S.}}\n" for i in range(n))
    project = make_project(tmp_path, chain)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    page = read_html(project / "site/topics/t0/index.html")
    nav = page.select_one("nav.md-nav--primary")
    sections = [a.get_text(" ", strip=True) for a in nav.select(".md-nav__link") if a.get_text(strip=True).startswith("Steps")]
    assert sections[:2] == ["Steps 1–8", "Steps 9–16"] and len(sections) == 7
    topics = [a for a in nav.select("a.md-nav__link") if a.get_text(strip=True).startswith("T")]
    assert len(topics) < 20, "only the open section's topics are in the page"
