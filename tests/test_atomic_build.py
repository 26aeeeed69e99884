"""make build leaves site/ complete whatever happens: two builds at once, or one killed midway."""

import os
import signal
import subprocess
import sys
import time

from conftest import ROOT, make_project

SYLLABUS = "title: T\ntopics:\n" + "".join(
    f"  - {{id: t{i}, title: T{i}, requires: [{f't{i - 1}' if i else ''}], hours: 1, summary: S.}}\n" for i in range(40))


def build(project):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    return subprocess.Popen([sys.executable, str(ROOT / "scripts/build_site.py")], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def files(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_two_builds_at_once_and_a_killed_one_leave_a_complete_site(tmp_path):
    project = make_project(tmp_path, SYLLABUS)
    first = build(project)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    complete = files(project / "site")
    assert "topics/t39/index.html" in complete and "sitemap.xml" in complete

    builds = [build(project), build(project)]
    assert [b.wait(timeout=600) for b in builds] == [0, 0]
    assert files(project / "site") == complete

    for delay in (0.5, 1.5, 3.0):
        killed = build(project)
        time.sleep(delay)
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=60)
        assert files(project / "site") == complete, f"killed after {delay} s"
    again = build(project)
    assert again.wait(timeout=300) == 0
    assert files(project / "site") == complete
    assert not list(project.glob(".site-*")), "the scratch of the killed builds is cleared"
