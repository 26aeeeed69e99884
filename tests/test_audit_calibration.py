"""make audit's CPU slowdown: Lighthouse's calculator formula, so its default 4x is kept on the host
it was set for and a slower host emulates the same reference phone, not a slower one."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from audit import cpu_slowdown  # noqa: E402


@pytest.mark.parametrize(("index", "slowdown"), [(2000, 6.0), (1533, 4.0), (1300, 3.0), (1050, 2.5), (800, 2.0),
                                                 (150, 1.0), (50, 1.0)])
def test_the_slowdown_follows_lighthouses_calculator(index, slowdown):
    assert cpu_slowdown(index) == pytest.approx(slowdown, abs=0.01)


def test_a_faster_host_is_slowed_more():
    indexes = range(100, 2500, 25)
    slowdowns = [cpu_slowdown(index) for index in indexes]
    assert slowdowns == sorted(slowdowns) and len(set(slowdowns)) > 80


# What fails the audit: a person's regression, not a run's noise.
from audit import MAX_BYTES, THRESHOLDS, median, misses, ratio  # noqa: E402

PERFECT = {category: 100 for category in THRESHOLDS}


def runs_with(category, *scores):
    return [dict(PERFECT, **{category: score}) for score in scores]


def test_the_median_is_the_middle_run():
    assert median([94, 99, 90]) == 94
    assert median([95, 60, 99]) == 95


def test_a_performance_median_under_95_fails_and_names_the_runs():
    [miss] = misses("topic", "dark", runs_with("performance", 94, 99, 90))
    assert miss.startswith("topic (dark): performance median 94 < 95") and "94/99/90" in miss


def test_a_performance_median_of_95_passes_however_low_one_run_is():
    assert THRESHOLDS["performance"] == 95
    assert misses("topic", "dark", runs_with("performance", 95, 60, 99)) == []


@pytest.mark.parametrize("category", ["accessibility", "best-practices", "seo"])
def test_a_median_of_99_in_the_other_categories_fails(category):
    [miss] = misses("map", "light", runs_with(category, 99, 100, 99))
    assert f"{category} median 99 < 100" in miss
    assert misses("map", "light", runs_with(category, 100, 98, 100)) == []


def test_an_axe_violation_or_a_page_over_budget_fails():
    assert misses("home", "light", [PERFECT] * 3, [{"id": "color-contrast"}]) == [
        "home (light): 1 axe violation(s): color-contrast"]
    assert misses("home", "light", [PERFECT] * 3, transferred=MAX_BYTES) == []
    [miss] = misses("home", "light", [PERFECT] * 3, transferred=MAX_BYTES + 1024)
    assert "KB transferred > 200 KB" in miss


@pytest.mark.parametrize(("project", "peer", "printed"), [(50, 100, "0.50x"), (100, 96, "1.04x"), (0, 0, "1.00x"),
                                                          (30, 0, "n/a"), (0, 120, "0.00x")])
def test_the_ratio_is_project_over_peer(project, peer, printed):
    assert ratio(project, peer) == printed
