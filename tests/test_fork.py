"""A fork's story, walked in a temporary copy: rename, re-point, add, remove and reorder topics."""

import json
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
    # 3. Remove a leaf topic, its page, and the part it was alone in.
    text = text[: text.index("  # The frontier")]
    text = text.replace(text[text.index("  - id: frontier"): text.index("\ntopics:")], "")
    (project / "docs/topics/research-frontier.md").unlink()
    # 4. Reorder two independent topics of one part: information theory before the limit theorems.
    start = text.index("\ntopics:")
    limits = text[text.index("  - id: limit-theorems", start): text.index("  - id: information-theory", start)]
    info = text[text.index("  - id: information-theory", start): text.index("  - id: probability\n", start)]
    assert limits and info
    text = text.replace(limits + info, info + limits)
    # 5. Add a topic with a prerequisite, and its page.
    text += """
  - id: causal-inference
    title: Causal Inference
    part: models
    requires: [statistics]
    hours: 25
    summary: Potential outcomes, confounding and randomized experiments, for questions a correlation cannot answer.
"""
    (project / "syllabus.yml").write_text(text)
    (project / "docs/topics/causal-inference.md").write_text(
        "## Resources\n\n- [Causal Inference: What If](https://miguelhernan.org/whatifbook)"
        " by Miguel Hernán and James Robins · *book · free · 40 h · part I* · The standard free text.\n"
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def nav_topics(page):
    section = next(li for li in page.select("nav.md-nav--primary > ul > li") if "Reading order" in li.get_text())
    # The open page's own table of contents sits in the nav too, as links to '#' anchors.
    # Parts other than the open one are pruned to a single link named "N. Part".
    # A topic's link holds its step ("17. ") before the title; a pruned part's does not.
    links = [a for a in section.select("ul a.md-nav__link") if not a["href"].startswith("#")]
    return [a.select_one(".md-ellipsis").get_text(strip=True) for a in links if a.select_one(".syllabus-nav-mark")]


def test_navigation_follows_the_edited_syllabus(fork):
    assert nav_topics(read_html(fork / "topics/gaussian/index.html"))[:7] == [
        "Events, Conditional Probability and Bayes' Rule", "Random Variables, Expectation and Common Distributions",
        "Joint, Marginal and Conditional Distributions", "The Multivariate Gaussian",
        "Entropy, Cross-Entropy and KL Divergence", "Law of Large Numbers, Central Limit Theorem and Concentration",
        "Probability Checkpoint",
    ]
    assert nav_topics(read_html(fork / "topics/causal-inference/index.html"))[-1] == "Causal Inference"
    assert not (fork / "topics/research-frontier").exists()
    assert "The frontier" not in (fork / "index.html").read_text()


def test_site_name_changed_in_one_place(fork):
    home = read_html(fork / "index.html")
    assert home.title.get_text() == "Ada's Road to ML"
    assert "The Math Required" not in (fork / "topics/cs229/index.html").read_text()


def test_badges_follow(fork):
    causal = read_html(fork / "topics/causal-inference/index.html")
    assert [a["href"] for a in causal.select('[data-syllabus="prerequisites"] a')] == ["../statistics/"]
    assert causal.select_one('[data-syllabus="step"]').get_text() == "Step 38 of 38"
    assert causal.select_one('[data-syllabus="part"]').get_text() == "Part 7 of 7: Models and courses"
    statistics = read_html(fork / "topics/statistics/index.html")
    unlocks = [a.get_text() for a in statistics.select('[data-syllabus="unlocks"] a')]
    assert unlocks[-1] == "Causal Inference"
    cs229 = read_html(fork / "topics/cs229/index.html")
    assert "Nothing further" in cs229.select_one('[data-syllabus="unlocks"]').get_text()


def test_syllabus_json_follows(fork):
    data = json.loads((fork / "syllabus.json").read_text())
    assert data["title"] == "Ada's Road to ML"
    ids = [t["id"] for t in data["topics"]]
    assert ids.index("information-theory") < ids.index("limit-theorems")
    assert [p["id"] for p in data["parts"]][-1] == "models"
    causal = data["topics"][-1]
    assert causal == {
        "id": "causal-inference", "step": 38, "title": "Causal Inference", "part": "models",
        "summary": "Potential outcomes, confounding and randomized experiments, for questions a correlation cannot answer.",
        "hours": 25, "requires": ["statistics"], "unlocks": [], "page": "topics/causal-inference.md",
        "url": "topics/causal-inference/", "formerly": [],
        "resources": [{
            "key": "causal-inference|https://miguelhernan.org/whatifbook|part I", "url": "https://miguelhernan.org/whatifbook",
            "title": "Causal Inference: What If", "authors": "Miguel Hernán and James Robins",
            "kind": "book", "cost": "free", "hours": 40, "pointer": "part I", "note": "The standard free text.",
        }],
    }
    assert data["total_hours"] == sum(t["hours"] for t in data["topics"])


def test_site_url_and_edit_links_follow_repo_url(fork):
    page = read_html(fork / "topics/causal-inference/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == FORK_SITE + "topics/causal-inference/"
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == FORK_REPO + "/edit/main/docs/topics/causal-inference.md"
    sitemap = (fork / "sitemap.xml").read_text()
    assert FORK_SITE + "topics/causal-inference/" in sitemap
    assert "mathforml.github.io" not in sitemap


def test_every_page_has_a_meta_description(fork):
    for path in fork.rglob("*.html"):
        meta = read_html(path).select_one('meta[name="description"]')
        assert meta and len(meta["content"]) > 40, path
