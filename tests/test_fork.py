"""A fork's story, walked in a temporary copy: rename, re-point, add, remove and reorder topics."""

import json
import re
import shutil

import pytest
import yaml

from conftest import ROOT, read_html, run_build

FORK_REPO = "https://github.com/ada/my-syllabus"
FORK_SITE = "https://ada.github.io/my-syllabus/"


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    project = tmp_path_factory.mktemp("fork") / "repo"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "site.partial", "__pycache__", ".pytest_cache", ".hypothesis", "tests"))

    # 1. Point the site at the fork: one line.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("https://github.com/mathforml/mathforml", FORK_REPO))

    text = (project / "syllabus.yml").read_text()
    # 2. Rename the site: one line.
    text = text.replace("title: The Math Required for Machine Learning", "title: Ada's Road to ML")
    # 3. Remove a leaf topic and its page.
    text = text[: text.index("  - id: research-frontier")]
    (project / "docs/topics/research-frontier.md").unlink()
    # 4. Reorder two independent topics: multivariable calculus before linear algebra.
    la = text[text.index("  - id: linear-algebra"): text.index("  - id: multivariable-calculus")]
    mvc = text[text.index("  - id: multivariable-calculus"): text.index("  - id: probability")]
    text = text.replace(la + mvc, mvc + la)
    # 5. Add a topic with a prerequisite, and its page.
    text += """
  - id: information-theory
    title: Information Theory
    requires: [probability]
    hours: 25
    summary: Entropy, cross-entropy and KL divergence, the quantities behind most loss functions.
"""
    (project / "syllabus.yml").write_text(text)
    (project / "docs/topics/information-theory.md").write_text(
        "## Resources\n\n- [Information Theory, Inference, and Learning Algorithms](https://www.inference.org.uk/itila/book.html)"
        " by David MacKay · *book · free · 40 h* · The classic, free online.\n"
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def nav_topics(page):
    section = next(li for li in page.select("nav.md-nav--primary > ul > li") if "Reading order" in li.get_text())
    # The open page's own table of contents sits in the nav too, as links to '#' anchors.
    return [a.get_text(strip=True) for a in section.select("ul a.md-nav__link") if not a["href"].startswith("#")]


def test_navigation_follows_the_edited_syllabus(fork):
    assert nav_topics(read_html(fork / "topics/on-ramp/index.html")) == [
        "The Fast On-Ramp", "Multivariable Calculus", "Linear Algebra", "Probability", "Statistics",
        "Optimization", "Machine Learning (Andrew Ng)", "Stanford CS229", "Information Theory",
    ]
    assert not (fork / "topics/research-frontier").exists()


def test_site_name_changed_in_one_place(fork):
    home = read_html(fork / "index.html")
    assert home.title.get_text() == "Ada's Road to ML"
    assert "The Math Required" not in (fork / "topics/cs229/index.html").read_text()


def test_badges_follow(fork):
    info = read_html(fork / "topics/information-theory/index.html")
    assert [a["href"] for a in info.select('[data-syllabus="prerequisites"] a')] == ["../probability/"]
    assert info.select_one('[data-syllabus="step"]').get_text() == "Step 9 of 9"
    probability = read_html(fork / "topics/probability/index.html")
    unlocks = [a.get_text() for a in probability.select('[data-syllabus="unlocks"] a')]
    assert unlocks == ["Statistics", "Machine Learning (Andrew Ng)", "Information Theory"]
    cs229 = read_html(fork / "topics/cs229/index.html")
    assert "Nothing further" in cs229.select_one('[data-syllabus="unlocks"]').get_text()


def test_syllabus_json_follows(fork):
    data = json.loads((fork / "syllabus.json").read_text())
    assert data["title"] == "Ada's Road to ML"
    assert [t["id"] for t in data["topics"]][:3] == ["on-ramp", "multivariable-calculus", "linear-algebra"]
    info = data["topics"][-1]
    assert info == {
        "id": "information-theory", "step": 9, "title": "Information Theory",
        "summary": "Entropy, cross-entropy and KL divergence, the quantities behind most loss functions.",
        "hours": 25, "requires": ["probability"], "unlocks": [], "page": "topics/information-theory.md",
        "url": "topics/information-theory/", "part": None,
        "resources": [{
            "key": "information-theory|https://www.inference.org.uk/itila/book.html|", "url": "https://www.inference.org.uk/itila/book.html",
            "title": "Information Theory, Inference, and Learning Algorithms", "authors": "David MacKay",
            "kind": "book", "cost": "free", "hours": 40, "pointer": "", "note": "The classic, free online.",
        }],
    }
    assert data["total_hours"] == sum(t["hours"] for t in data["topics"])


def test_site_url_and_edit_links_follow_repo_url(fork):
    page = read_html(fork / "topics/information-theory/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == FORK_SITE + "topics/information-theory/"
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == FORK_REPO + "/edit/main/docs/topics/information-theory.md"
    sitemap = (fork / "sitemap.xml").read_text()
    assert FORK_SITE + "topics/information-theory/" in sitemap
    assert "mathforml.github.io" not in sitemap


def test_every_page_has_a_meta_description(fork):
    for path in fork.rglob("*.html"):
        meta = read_html(path).select_one('meta[name="description"]')
        assert meta and len(meta["content"]) > 40, path
