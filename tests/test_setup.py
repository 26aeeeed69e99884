"""What the README promises about set-up: a clear stop on too old a Python, a clear message when
the port is taken, make help, and builds without INFO noise."""

import shutil
import socket
import subprocess

from conftest import ROOT, make_project, run_build


def copy_of_the_tooling(tmp_path):
    project = tmp_path / "repo"
    project.mkdir()
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)  # keeps times, so make sees what is up to date
    shutil.copytree(ROOT / "scripts", project / "scripts")
    return project


def test_too_old_a_python_stops_with_the_version_it_found(tmp_path):
    project = copy_of_the_tooling(tmp_path)
    fake = tmp_path / "python3.10"
    fake.write_text('#!/bin/sh\nif [ "$1" = --version ]; then echo "Python 3.10.12"; exit 0; fi\nexit 1\n')
    fake.chmod(0o755)
    result = subprocess.run(["make", "serve", f"PYTHON={fake}"], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"mathforml needs Python 3.11.5 or newer, and '{fake}' is Python 3.10.12." in result.stdout
    assert not (project / ".venv").exists(), "stops before creating anything"


def test_a_taken_port_is_named_with_the_way_out(tmp_path):
    project = copy_of_the_tooling(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(["make", "serve", f"PORT={port}"], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert not (project / ".venv").exists(), "said before installing anything"
    assert f"Port {port} is in use (another make serve?). Stop it, or choose another port: make serve PORT=8001" in result.stdout


def test_make_help_lists_the_commands():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("make serve", "make test", "make check", "make topic", "make audit"):
        assert command in result.stdout


def test_a_build_prints_no_info_noise_from_the_macros_plugin(tmp_path):
    project = make_project(tmp_path, "title: T\ntopics:\n  - {id: a, title: A, requires: [], hours: 1, summary: S.}\n")
    result = run_build(project)
    assert result.returncode == 0
    assert "[macros]" not in result.stderr, result.stderr


def test_without_git_the_build_date_is_the_newest_source_file(tmp_path):
    project = copy_of_the_tooling(tmp_path)
    (project / "docs").mkdir()
    (project / "docs" / "a.md").write_text("x")
    (project / "syllabus.yml").write_text("x")
    import os
    os.utime(project / "docs" / "a.md", (1_600_000_000, 1_600_000_000))
    os.utime(project / "syllabus.yml", (1_650_000_000, 1_650_000_000))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["GIT_DIR"] = str(tmp_path / "no-git-here")
    result = subprocess.run(["make", "-s", "--eval", "show-epoch: ; @echo $$SOURCE_DATE_EPOCH", "show-epoch"],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "1650000000", result.stdout + result.stderr


def test_a_bad_source_date_epoch_is_one_message(tmp_path):
    project = make_project(tmp_path, "title: T\ntopics:\n  - {id: a, title: A, requires: [], hours: 1, summary: S.}\n")
    for value in ("abc", "", "-5", "1e9"):
        result = run_build(project, env_extra={"SOURCE_DATE_EPOCH": value})
        assert result.returncode != 0 and "SOURCE_DATE_EPOCH must be a whole number of seconds" in result.stderr, value
        assert "Traceback" not in result.stderr
