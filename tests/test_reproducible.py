"""Two builds of the same commit produce identical files.

The one input that is not the commit is the date in sitemap.xml: it comes from SOURCE_DATE_EPOCH,
which the Makefile sets to the last commit's time (a plain `mkdocs build` uses today's date).
"""

import filecmp
import os

from conftest import ROOT, fixture_project, run_build


def test_two_builds_are_identical(tmp_path, monkeypatch):
    sites = []
    for attempt, seed in enumerate(["1", "2"]):
        monkeypatch.setenv("PYTHONHASHSEED", seed)  # set and dict order must not leak into output
        # Two copies of the fixture guide in two directories: where the project lies must not show either.
        (tmp_path / f"build-{attempt}").mkdir()
        project = fixture_project(tmp_path / f"build-{attempt}")
        site = project / "site"
        result = run_build(project, site)
        assert result.returncode == 0, result.stderr
        sites.append(site)
    differences = []

    def compare(cmp, prefix=""):
        differences.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(*sites, ignore=[]))
    # dircmp compares by os.stat signature first; check contents explicitly too.
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert len(files) > 20
    _, mismatch, errors = filecmp.cmpfiles(*sites, [str(f) for f in files], shallow=False)
    assert differences == [] and mismatch == [] and errors == []


def test_no_build_machine_path_in_the_output(built_site):
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".css"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert str(ROOT) not in text and str(built_site.parent) not in text, path
            assert os.sep + "tmp" + os.sep + "pytest" not in text, path
