"""`make audit`: build the site, serve it on 127.0.0.1 the way GitHub Pages does (gzip), and run
Lighthouse and axe-core on every page type in light and dark. Prints a table, writes the JSON
reports to audit-reports/, and exits 1 if any page misses a target.

Lighthouse runs three times per page and scheme and the median counts: on a shared machine one
run's blocking time swings by hundreds of milliseconds. Beside Lighthouse's byte count the table
prints what the server really sent for one load of the page in Chromium (workers included).

CPU throttling is calibrated to this machine, as Lighthouse's docs/throttling.md asks when its
report warns that the host is slower than it expects: Lighthouse's default 4x slowdown turns a
high-end desktop (benchmark index about 1,533) into its reference phone, and on a slower host the
same 4x emulates a phone slower than the reference. The multiplier comes from the host's benchmark
index, measured in each run, by the formula of Lighthouse's CPU throttling calculator.

Targets: 100 in performance, accessibility, best practices and SEO (medians); no axe violation;
at most 200 KB transferred per page.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_path import browser_path  # noqa: E402

REPORTS = ROOT / "audit-reports"
PAGES = {
    "home": "",
    "topic": "topics/la-svd/",
    "path view": "topics/cs229/",
    "map": "map/",
    "plan": "plan/",
    "print": "print/",
    "customize": "customize/",
    "not found": "404.html",
}
SCHEMES = {"light": 1, "dark": 0}  # Blink's preferredColorScheme: 0 is dark, 1 is light
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MAX_BYTES = 200 * 1024
RUNS = 3
SENT = []  # (path, bytes) the server sent, for measuring one page load
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and a short cache lifetime, as GitHub Pages serves them."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the trailing slash
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSIBLE and wants_gzip):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        SENT.append((self.path, len(body)))
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(directory):
    handler = functools.partial(PagesLikeHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(site, url):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def cpu_slowdown(benchmark_index):
    """The CPU slowdown that makes this host Lighthouse's reference phone: the formula of Lighthouse's
    CPU throttling calculator (linked from docs/throttling.md), where an index of 1,533 is its default 4x."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def lighthouse(url, scheme, chrome, report):
    """One Lighthouse run, its CPU slowdown calibrated to the host's speed measured in the same run.

    Lighthouse's simulated throttling loads the page unthrottled, measures the host's benchmark index,
    and applies the CPU slowdown only when it models the load, from the recorded trace. So the run is
    gathered first (-G), and modelled (-A) with the slowdown for the index that run measured: on a
    shared machine the index swings between runs by a factor of two."""
    flags = " ".join(CHROME_FLAGS + [f"--blink-settings=preferredColorScheme={SCHEMES[scheme]}"])
    command = [str(ROOT / "node_modules/.bin/lighthouse"), url, "--quiet", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={flags}"]
    env = dict(os.environ, CHROME_PATH=chrome)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as gathered:
        subprocess.run([*command, f"-G={gathered}"], env=env, check=True, timeout=300)
        artifacts_path = Path(gathered) / "artifacts.json"
        artifacts = json.loads(artifacts_path.read_text())
        slowdown = round(cpu_slowdown(artifacts["BenchmarkIndex"]), 2)
        # Lighthouse refuses to model with other settings than it gathered with; in simulated
        # throttling the gathering does not use the CPU slowdown, so it is recorded as the one modelled.
        artifacts["settings"]["throttling"]["cpuSlowdownMultiplier"] = slowdown
        artifacts_path.write_text(json.dumps(artifacts))
        subprocess.run([*command, f"-A={gathered}", "--output=json", f"--output-path={report}",
                        f"--throttling.cpuSlowdownMultiplier={slowdown}"], env=env, check=True, timeout=300)
    data = json.loads(report.read_text())
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failed = {}
    for category in CATEGORIES:
        audits = (data["audits"][ref["id"]] for ref in data["categories"][category]["auditRefs"] if ref["weight"])
        failed[category] = [a["id"] for a in audits if a["score"] is not None and a["score"] < 1]
    return scores, data["audits"]["total-byte-weight"]["numericValue"], failed, slowdown


def median_lighthouse(url, scheme, chrome, report):
    """Lighthouse RUNS times; each category's median score, the median run's failing audits and bytes,
    and each run's performance score and CPU slowdown."""
    runs = [lighthouse(url, scheme, chrome, report.with_name(f"{report.stem}-{n}.json")) for n in range(RUNS)]
    scores = {c: sorted(run[0][c] for run in runs)[RUNS // 2] for c in CATEGORIES}
    middle = sorted(runs, key=lambda run: run[0]["performance"])[RUNS // 2]
    return scores, middle[1], middle[2], [(run[0]["performance"], run[3]) for run in runs]


def sent_bytes(browser, url):
    """Bytes the server sent for one cold load of the page (files it did not compress are counted by size)."""
    context = browser.new_context()
    page = context.new_page()
    SENT.clear()
    plain = []
    page.on("response", lambda r: plain.append(r) if r.url.startswith(url.split("/", 3)[0]) else None)
    page.goto(url, wait_until="networkidle")
    total = sum(size for _, size in SENT)
    total += sum(len(r.body()) for r in plain if "content-encoding" not in r.headers and r.status == 200)
    context.close()
    return total


def axe(browser, url, scheme):
    # axe-core is injected as an inline script, which the pages' content security policy refuses.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                               ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
    context.close()
    return violations


def main():
    from playwright.sync_api import sync_playwright

    chrome = browser_path()
    if not chrome:
        sys.exit("make audit needs Chromium or Chrome (make test installs it), or CHROME_PATH.")
    REPORTS.mkdir(exist_ok=True)
    site = REPORTS / "site"
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    build(site, base)

    rows, misses = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=CHROME_FLAGS)
        for name, path in PAGES.items():
            for scheme in SCHEMES:
                url = base + path
                report = REPORTS / f"lighthouse-{name.replace(' ', '-')}-{scheme}.json"
                scores, weight, failed, performances = median_lighthouse(url, scheme, chrome, report)
                violations = axe(browser, url, scheme)
                (REPORTS / f"axe-{name.replace(' ', '-')}-{scheme}.json").write_text(json.dumps(violations, indent=1))
                sent = sent_bytes(browser, url)
                rows.append((name, scheme, scores, weight, len(violations), sent, performances))
                for category, score in scores.items():
                    if score < 100:
                        misses.append(f"{name} ({scheme}): {category} {score}, failing audits: {', '.join(failed[category])}")
                if violations:
                    misses.append(f"{name} ({scheme}): axe {[v['id'] for v in violations]}")
                if max(weight, sent) > MAX_BYTES:
                    misses.append(f"{name} ({scheme}): {max(weight, sent) / 1024:.0f} KB transferred")
        browser.close()
    server.shutdown()

    header = (f"{'page':<10} {'scheme':<6} {'perf':>5} {'(runs)':>12} {'CPU x (runs)':>16} {'a11y':>5} {'best':>5} {'seo':>5} {'axe':>4} "
              f"{'LH KB':>6} {'sent KB':>8}")
    print(header)
    print("-" * len(header))
    for name, scheme, s, weight, violations, sent, performances in rows:
        runs = "/".join(str(p) for p, _ in performances)
        slowdowns = "/".join(f"{x:.1f}" for _, x in performances)
        print(f"{name:<10} {scheme:<6} {s['performance']:>5} {runs:>12} {slowdowns:>16} {s['accessibility']:>5} {s['best-practices']:>5} "
              f"{s['seo']:>5} {violations:>4} {weight / 1024:>6.1f} {sent / 1024:>8.1f}")
    print("\nCPU x: each run's CPU slowdown, from the benchmark index it measured (Lighthouse's 4x is for an index of 1,533).")
    print("perf: the median of the runs; LH KB: Lighthouse's count; sent KB: what the server sent for one load in Chromium.")
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/ (Lighthouse and axe JSON per page and scheme)")
    if misses:
        print("\nTargets missed:")
        print("\n".join(f"  {m}" for m in misses))
        return 1
    print("All targets met: 100/100/100/100 (medians), no axe violations, every page at or under 200 KB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
