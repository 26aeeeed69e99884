"""`make serve` with a broken syllabus.yml shows the problems in the browser, not a waiting tab,
and the site comes back by itself once the file is fixed (a real `mkdocs serve`)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import make_project

GOOD = "title: Served\ntopics:\n  - {id: only, title: Only Topic, requires: [], hours: 2, summary: One.}\n"
BROKEN = GOOD.replace("requires: []", "requires: [missing]").replace("hours: 2", "hours: two")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, text, seconds=60):
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last body: {body[:500]}")


def test_the_problems_show_in_the_browser_and_clear_when_fixed(tmp_path):
    project = make_project(tmp_path, BROKEN)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("MATHFORML_SERVING", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        page = wait_for(url, "The syllabus has 2 problems")
        assert "syllabus.yml:3: topic &#39;only&#39;: field &#39;hours&#39;: must be a number" in page
        assert "no topic has the id &#39;missing&#39;" in page
        assert "livereload" in page, "the page reloads by itself"
        topic = wait_for(url + "topics/only/", "The syllabus has 2 problems")
        assert "Only Topic" not in topic.split("<main>")[1]
        (project / "syllabus.yml").write_text(GOOD, encoding="utf-8")
        wait_for(url + "topics/only/", "Step 1 of 1")
        assert "problems" not in wait_for(url, "Only Topic")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output
