"""`make bench`: how the syllabus engine scales. Prints figures; asserts nothing.

For synthetic syllabi of 10, 100, 1,000 and 5,000 topics (random DAGs, each topic a small page):
  1. graph work alone: load and validate, reading order, a path, the map's layout (and, apart,
     every topic's path, whose total size can grow faster than the syllabus);
  2. `mkdocs build` of our site (macros, derived nav, headers, map) against the same pages built
     with a plain nav and no macros, in the same run.
Usage: python scripts/bench.py [SIZES...]
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from mathforml.graph import SyllabusGraph  # noqa: E402
from mathforml.map_layout import map_layout  # noqa: E402
from mathforml.syllabus import load_syllabus  # noqa: E402
from synthetic import synthetic_page, synthetic_syllabus  # noqa: E402

SIZES = (10, 100, 1000, 5000)
SITE_URL = "https://example.org/bench/"  # mkdocs serve serves under its path


def write_project(directory, syllabus, plain_nav=None):
    """Our site, or with `plain_nav` the same pages under that static nav and with no macros."""
    plain = plain_nav is not None
    docs = directory / "docs"
    (docs / "topics").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    shutil.copytree(ROOT / "docs" / "javascripts", docs / "javascripts")
    for topic in syllabus["topics"]:
        (docs / "topics" / f"{topic['id']}.md").write_text(synthetic_page(topic["id"]), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV [SITE_URL, \"\"]", '""'))
    config["site_url"] = SITE_URL
    if plain:
        (docs / "index.md").write_text("# Home\n\nThe reading order.\n", encoding="utf-8")
        (docs / "map.md").write_text("---\nsearch:\n  exclude: true\n---\n# Map\n\nThe map.\n", encoding="utf-8")
        config["plugins"] = ["search"]
        config.pop("hooks", None)
        config["site_name"] = syllabus["title"]
        topics_nav = plain_nav
    else:
        (docs / "index.md").write_text("---\nrender_macros: true\n---\n# Home\n\n{{ reading_order_table() }}\n", encoding="utf-8")
        (docs / "map.md").write_text((ROOT / "docs" / "map.md").read_text(encoding="utf-8"), encoding="utf-8")
        shutil.copy(ROOT / "macros.py", directory / "macros.py")
        shutil.copy(ROOT / "hooks.py", directory / "hooks.py")
        topics_nav = "syllabus.yml"
    shutil.copytree(ROOT / "overrides", directory / "overrides")
    config["nav"] = [{"Home": "index.md"}, {"Reading order": topics_nav}, {"Map": "map.md"}]
    config["watch"] = [] if plain else ["syllabus.yml"]
    (directory / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (directory / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")


def timed_build(directory):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0")
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(directory / "site")],
                   cwd=directory, env=env, check=True)
    return time.perf_counter() - start


def serve_seconds(directory, syllabus):
    """Seconds from saving syllabus.yml (a topic renamed) to `mkdocs serve` serving the page with the new
    title, as in `make serve`."""
    import socket
    import urllib.request

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    topic = syllabus["topics"][0]
    page = f"http://127.0.0.1:{port}{urlparse(SITE_URL).path}topics/{topic['id']}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0")
    env.pop("SITE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def served():
        try:
            with urllib.request.urlopen(page, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""
    try:
        deadline = time.monotonic() + 600
        while topic["title"] not in served():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("mkdocs serve did not serve the site")
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle after the first build
        edited = dict(syllabus, topics=[dict(topic, title=topic["title"] + " (edited)"), *syllabus["topics"][1:]])
        start = time.perf_counter()
        (directory / "syllabus.yml").write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")
        while "(edited)" not in served():
            if time.perf_counter() - start > 600:
                raise SystemExit("mkdocs serve did not rebuild")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()
        (directory / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")


def site_bytes(site):
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file())


def map_bytes(site):
    """The map's drawing, as written into the map page."""
    html = (site / "map" / "index.html").read_text(encoding="utf-8")
    return len(html[html.index("<svg", html.index('data-syllabus="map"')):html.index("</svg>", html.index('data-syllabus="map"'))].encode())


def best_of(repeats, directory):
    """Fastest of a few builds: the least disturbed by whatever else the machine is doing."""
    return min(timed_build(directory) for _ in range(repeats))


def graph_work(path, docs):
    """Seconds for each stage of the graph work, as the build does it."""
    stages = {}
    start = time.perf_counter()
    syllabus = load_syllabus(path, docs)
    stages["validate"] = time.perf_counter() - start
    start = time.perf_counter()
    graph = SyllabusGraph(syllabus)
    graph.reading_order, graph.layers, graph.step  # noqa: B018 - computed on first use
    stages["order"] = time.perf_counter() - start
    start = time.perf_counter()
    graph.path_to(graph.layers[-1][0].id)  # a deepest topic: the longest chain of prerequisites
    stages["path"] = time.perf_counter() - start
    start = time.perf_counter()
    map_layout(graph)
    stages["map"] = time.perf_counter() - start
    start = time.perf_counter()
    path_entries = sum(len(graph.path_to(t.id)) for t in syllabus.topics)
    every_path = time.perf_counter() - start
    return stages, sum(len(t.requires) for t in syllabus.topics), graph, every_path, path_entries


def main(sizes):
    rng = random.Random(2026)
    print(f"{'topics':>7} {'edges':>6} {'validate':>9} {'order':>7} {'path':>7} {'map':>7} {'graph s':>8} "
          f"{'all paths':>10} {'entries':>9} {'ours s':>8} {'plain s':>8} {'overhead':>9} {'map KB':>7} "
          f"{'site MB':>8} {'KB/topic':>9} {'plain MB':>9} {'floor s':>8} {'ours/floor':>11} {'serve s':>8}")
    for n in sizes:
        syllabus = synthetic_syllabus(n, rng)
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            ours, plain = Path(tmp) / "ours", Path(tmp) / "plain"
            write_project(ours, syllabus)
            stages, edges, graph, every_path, path_entries = graph_work(ours / "syllabus.yml", ours / "docs")
            # The plain site lists the topics in the order ours derives, so both navs are the same size.
            write_project(plain, syllabus, plain_nav=[{t.title: t.page} for t in graph.reading_order])
            # The floor: the same pages with no topic in the navigation at all.
            floor = Path(tmp) / "floor"
            write_project(floor, syllabus, plain_nav=[])
            repeats = 3 if n <= 1000 else 1
            ours_seconds = best_of(repeats, ours)
            plain_seconds = best_of(repeats, plain)
            floor_seconds = best_of(repeats, floor)
            serve = serve_seconds(ours, syllabus) if n <= 1000 else float("nan")
            ours_bytes, plain_bytes, drawing = site_bytes(ours / "site"), site_bytes(plain / "site"), map_bytes(ours / "site")
        graph_seconds = sum(stages.values())
        overhead = 100 * (ours_seconds - plain_seconds) / plain_seconds
        print(f"{n:>7} {edges:>6} {stages['validate']:>9.3f} {stages['order']:>7.3f} {stages['path']:>7.3f} "
              f"{stages['map']:>7.3f} {graph_seconds:>8.3f} {every_path:>10.3f} {path_entries:>9} "
              f"{ours_seconds:>8.2f} {plain_seconds:>8.2f} {overhead:>8.1f}% {drawing / 1024:>7.1f} "
              f"{ours_bytes / 1e6:>8.1f} {ours_bytes / n / 1024:>9.1f} {plain_bytes / 1e6:>9.1f} {floor_seconds:>8.2f} "
              f"{ours_seconds / floor_seconds:>10.2f}x {serve:>8.2f}", flush=True)
    print("\ngraph s: validation (with the page files) + reading order and layers + the path to a deepest topic"
          " + the map's layout, without MkDocs.")
    print("all paths: every topic's full path, as the topic headers list them; its size (entries) is the sum of"
          " path lengths, quadratic in the worst case, so it is shown apart from the linear graph work.")
    print("ours s / plain s: mkdocs build with our macros / the same pages with a static nav and no macros")
    print("(fastest of 3 builds up to 1,000 topics, one build above).")
    print("map KB: the map's SVG as written into the map page. site MB: every file of our build; KB/topic: the same per")
    print("topic (constant if the site grows linearly); plain MB: the plain build, whose nav alone grows with topics squared.")
    print("floor s: the plain build with no topic in the navigation at all, the least any site of these pages costs.")
    print("serve s: from saving syllabus.yml (a topic renamed) to `mkdocs serve` serving the page with the new title"
          " (up to 1,000 topics).")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or SIZES)
