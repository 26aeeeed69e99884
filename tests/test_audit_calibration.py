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
