"""A fork's story, walked in temporary copies of the repository.

First the edits of the fork guide on the suite's fixture guide: rename the site, re-point repo_url,
remove, reorder and add topics. Then the proof that a fork goes green: copies whose syllabus.yml and
docs/topics/ are replaced by small syllabi of other ids, written as docs/customize.md says (one
without parts, one with), pass `make check`'s content check and a slice of the engine's own tests,
and do not run this site's own promises.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import FIXTURES, ROOT, fixture_project, read_html, run_build

FORK_REPO = "https://github.com/ada/my-syllabus"
FORK_SITE = "https://ada.github.io/my-syllabus/"


def point_at_fork(project):
    """Step 2 of the fork guide: repo_url names the fork (whatever this repository's copy says)."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^repo_url: .*$", f"repo_url: {FORK_REPO}", config.read_text())
    assert count == 1
    config.write_text(text)


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("fork"))
    # 1. Point the site at the fork: one line.
    point_at_fork(project)
    text = (project / "syllabus.yml").read_text()
    # 2. Rename the site: one line.
    text = text.replace("title: A Fixture Guide to Analysis", "title: Ada's Road to Analysis")
    # 3. Remove a leaf topic, its page, and the part it was alone in.
    text = text[: text.index("  - id: capstone\n    title: Capstone Project")]
    text = text.replace("  - id: capstone\n    title: Capstone\n", "")
    (project / "docs/topics/capstone.md").unlink()
    # 4. Reorder two independent topics of one part: counting before functions.
    functions = text[text.index("  - id: functions"): text.index("  - id: counting")]
    counting = text[text.index("  - id: counting"): text.index("  - id: basics-review")]
    text = text.replace(functions + counting, counting + functions)
    # 5. Add a topic with a prerequisite, and its page, as the fork guide describes.
    text += """\
  - id: proofs
    title: Writing Proofs
    part: analysis
    requires: [basics-review]
    hours: 6
    summary: Direct proof, contradiction and induction, written out in full.
"""
    (project / "syllabus.yml").write_text(text)
    (project / "docs/topics/proofs.md").write_text(guide_page(
        "proofs", "Book of Proof", "https://www.people.vcu.edu/~rhammack/BookOfProof/", "book · free · 5 h · ch. 4–6"))
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def guide_page(topic_id, title, url, meta, exercises=1):
    """A topic page as docs/customize.md asks: four sections, a free first resource with a pointer and a
    note, an alternative, worked exercises with collapsed solutions and a self-check."""
    worked = "".join(
        f"**Exercise {n}.** Question {n} on {topic_id}.\n\n??? success \"Solution\"\n\n"
        f"    The worked answer to question {n}, each step written out so a learner can follow and check it.\n\n"
        for n in range(1, exercises + 1))
    return (f"## Why it matters for machine learning\n\nWhy {topic_id} comes here.\n\n"
            f"## Resources\n\n- [{title}]({url}) by An Author · *{meta}* · The main text for this topic.\n"
            f"- [A second view]({url}#alt) · *video · paid · 30 h · part 1* · Another way in.\n\n"
            f"## Worked exercises\n\n{worked}"
            "## You're ready when you can...\n\n- Do the first thing.\n- Do the second.\n- Do the third.\n")


def nav_topics(page):
    section = next(li for li in page.select("nav.md-nav--primary > ul > li") if "Reading order" in li.get_text())
    # The open page's own table of contents sits in the nav too, as links to '#' anchors; parts
    # other than the open one are pruned to a single link, without a topic's mark.
    links = [a for a in section.select("ul a.md-nav__link") if not a["href"].startswith("#")]
    return [a.select_one(".md-ellipsis").get_text(strip=True) for a in links if a.select_one(".syllabus-nav-mark")]


def test_navigation_follows_the_edited_syllabus(fork):
    assert nav_topics(read_html(fork / "topics/functions/index.html")) == [
        "Sets and Their Operations", "Counting", "Functions", "Basics Review"]
    assert nav_topics(read_html(fork / "topics/proofs/index.html"))[-1] == "Writing Proofs"
    assert not (fork / "topics/capstone").exists()
    assert "Capstone" not in (fork / "index.html").read_text()


def test_site_name_changed_in_one_place(fork):
    home = read_html(fork / "index.html")
    assert home.title.get_text() == "Ada's Road to Analysis"
    assert "A Fixture Guide" not in (fork / "topics/series/index.html").read_text()


def test_badges_follow(fork):
    proofs = read_html(fork / "topics/proofs/index.html")
    assert [a["href"] for a in proofs.select('[data-syllabus="prerequisites"] a')] == ["../basics-review/"]
    assert proofs.select_one('[data-syllabus="step"]').get_text() == "Step 8 of 8"
    assert proofs.select_one('[data-syllabus="part"]').get_text() == "Part 2 of 2: Analysis"
    review = read_html(fork / "topics/basics-review/index.html")
    assert [a.get_text() for a in review.select('[data-syllabus="unlocks"] a')] == ["Writing Proofs"]
    series = read_html(fork / "topics/series/index.html")
    assert "Nothing further" in series.select_one('[data-syllabus="unlocks"]').get_text()


def test_syllabus_json_follows(fork):
    data = json.loads((fork / "syllabus.json").read_text())
    assert data["title"] == "Ada's Road to Analysis"
    ids = [t["id"] for t in data["topics"]]
    assert ids.index("counting") < ids.index("functions")
    assert [p["id"] for p in data["parts"]] == ["basics", "analysis"]
    proofs = data["topics"][-1]
    assert proofs == {
        "id": "proofs", "step": 8, "title": "Writing Proofs", "part": "analysis",
        "summary": "Direct proof, contradiction and induction, written out in full.",
        "hours": 6, "requires": ["basics-review"], "unlocks": [], "page": "topics/proofs.md",
        "url": "topics/proofs/", "formerly": [],
        "resources": [{
            "key": "proofs|https://www.people.vcu.edu/~rhammack/BookOfProof/|ch. 4–6",
            "url": "https://www.people.vcu.edu/~rhammack/BookOfProof/",
            "title": "Book of Proof", "authors": "An Author", "kind": "book", "cost": "free", "hours": 5,
            "pointer": "ch. 4–6", "note": "The main text for this topic.",
        }, {
            "key": "proofs|https://www.people.vcu.edu/~rhammack/BookOfProof/#alt|part 1",
            "url": "https://www.people.vcu.edu/~rhammack/BookOfProof/#alt",
            "title": "A second view", "authors": "", "kind": "video", "cost": "paid", "hours": 30,
            "pointer": "part 1", "note": "Another way in.",
        }],
        "teaches": [], "needs": {},  # this fork names no concepts yet
    }
    assert data["total_hours"] == sum(t["hours"] for t in data["topics"])


def test_site_url_and_edit_links_follow_repo_url(fork):
    page = read_html(fork / "topics/proofs/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == FORK_SITE + "topics/proofs/"
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == FORK_REPO + "/edit/main/docs/topics/proofs.md"
    sitemap = (fork / "sitemap.xml").read_text()
    assert FORK_SITE + "topics/proofs/" in sitemap
    assert "mathforml.github.io" not in sitemap


def test_every_page_has_a_meta_description(fork):
    for path in fork.rglob("*.html"):
        page = read_html(path)
        if page.select_one('meta[name="robots"][content="noindex"]'):  # a renamed topic's old address
            assert page.select_one('meta[http-equiv="refresh"]'), path
            continue
        meta = page.select_one('meta[name="description"]')
        assert meta and len(meta["content"]) > 40, path


# The proof: a fork with its own content goes green without touching a test.

FLAT_FORK = """\
title: Kitchen Basics
description: A short course in cooking, from knife skills to a first dinner party.
topics:
  - id: knife-skills
    title: Knife Skills
    requires: []
    hours: 3
    summary: Hold, sharpen and use a chef's knife safely.
  - id: stocks
    title: Stocks and Sauces
    requires: [knife-skills]
    hours: 5
    summary: The base of most dishes.
  - id: dinner-party
    title: A First Dinner Party
    requires: [stocks]
    hours: 8
    summary: Plan and cook three courses for six.
"""

PARTS_FORK = """\
title: Astronomy for Beginners
parts:
  - id: sky
    title: The Night Sky
  - id: physics
    title: Physics of Stars
topics:
  - id: constellations
    title: Constellations
    part: sky
    requires: []
    hours: 2.5
    summary: Find your way around the sky.
  - id: telescopes
    title: Telescopes
    part: sky
    requires: [constellations]
    hours: 4
    summary: Choose and use a first telescope.
  - id: stellar-spectra
    title: Stellar Spectra
    part: physics
    requires: [telescopes]
    hours: 10
    summary: What starlight says about a star.
  - id: star-life
    title: The Life of a Star
    part: physics
    requires: [stellar-spectra, constellations]
    hours: 12
    summary: From cloud to white dwarf.
"""

# The slice of the engine's tests run in each fork: the content rules (with the check of the fork's own
# pages) and the whole built fixture site; they must pass there exactly as here.
SLICE = ["tests/test_content.py", "tests/test_site.py"]


def make_fork(tmp_path, syllabus_text):
    project = tmp_path / "fork"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "site.partial", ".site-*", "__pycache__", ".pytest_cache", ".hypothesis",
        "audit-reports", "screenshots"))
    point_at_fork(project)
    (project / "syllabus.yml").write_text(textwrap.dedent(syllabus_text), encoding="utf-8")
    shutil.rmtree(project / "docs" / "topics")
    (project / "docs" / "topics").mkdir()
    import yaml
    for n, topic in enumerate(yaml.safe_load(syllabus_text)["topics"]):
        meta = f"book · free · {topic['hours']:g} h · ch. {n + 1}"
        (project / "docs" / "topics" / f"{topic['id']}.md").write_text(
            guide_page(topic["id"], f"{topic['title']}: the book", f"https://example.com/{topic['id']}", meta, exercises=1 + n % 2),
            encoding="utf-8")
    return project


@pytest.mark.parametrize("syllabus_text", [FLAT_FORK, PARTS_FORK], ids=["without-parts", "with-parts"])
def test_a_fork_with_its_own_syllabus_passes_the_check_and_the_engine_tests(tmp_path, syllabus_text):
    project = make_fork(tmp_path, syllabus_text)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTEST_ADDOPTS")}
    check = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stderr
    assert "the pages meet the content rules" in check.stdout
    tests = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *SLICE],
                           cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "not run, as repo_url is " + FORK_REPO in tests.stdout
    collected = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--collect-only", "tests"],
                               cwd=project, capture_output=True, text=True, env=env, timeout=300)
    assert collected.returncode == 0 and "tests/test_content.py::" in collected.stdout, collected.stdout[-2000:]
    assert "test_this_site.py::" not in collected.stdout, "a fork never runs this site's own promises"
    # What the workflow does next on main: the strict build that is published.
    built = run_build(project)
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr
    assert read_html(project / "site" / "index.html").title.get_text() == yaml_title(syllabus_text)


def yaml_title(text):
    import yaml
    return yaml.safe_load(text)["title"]
