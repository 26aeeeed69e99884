"""MkDocs hooks (`hooks:` in mkdocs.yml), the other half of the adapter in macros.py.

A topic's summary, already escaped by macros.py, is put into the page's content (page.syllabus_summary).

macros.py leaves generated HTML in `page.syllabus_blocks` and a topic's summary in
`page.syllabus_description`. They go into the page's metadata only while that page renders
(overrides/main.html reads them there): Material's navigation template reads the metadata of every
page in the nav on every page, so metadata left on 1,000 pages costs millions of lookups.
"""

import base64
import hashlib
import logging
import os
import posixpath
import re
import secrets
import signal
import threading
from pathlib import Path

import rcssmin
import rjsmin
from markupsafe import escape
from mkdocs.exceptions import PluginError

from mathforml import mathml, unused_css
from mathforml.page_html import (duplicate_ids, forbidden_html, forged_markers, lines_of, rendered_resources,
                                 reserved_ids)
from mathforml.resources import FORMAT, HEADING


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# The page's own content is fenced by comments holding a secret of this build (on_page_content):
# what lies between them is author content however a browser parses it, even after a stray
# '</article>' of its own, so no script there is ever hashed.
_FENCE_SECRET = secrets.token_hex(16)
CONTENT_START, CONTENT_END = f"<!--content-{_FENCE_SECRET}-->", f"<!--/content-{_FENCE_SECRET}-->"
_CONTENT = re.compile(re.escape(CONTENT_START) + ".*?" + re.escape(CONTENT_END), re.DOTALL)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
_CHARSET = '<meta charset="utf-8">'
# The site loads only its own files; inline scripts are allowed one by one by their hash, computed
# on each build, so the policy follows Material's own inline scripts through upgrades. Only the
# theme's and our templates' scripts are hashed: a script inside the article is author content
# (the build refuses it, see on_page_content) and never one the policy allows.
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def _with_policy(html):
    """The page with its content security policy as the first tag after its charset."""
    if _CHARSET not in html:
        return html
    policy = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html.replace(_CHARSET, _CHARSET + "\n    " + policy, 1)


def _without_fences(html):
    return html.replace(CONTENT_START, "").replace(CONTENT_END, "")


def content_security_policy(html):
    # A page without fenced content (the theme's own 404) has no author content: its article is the theme's.
    outside = _CONTENT.sub("", html) if CONTENT_START in html else _ARTICLE.sub("", html)
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
                     for script in _INLINE_SCRIPT.findall(outside)})
    return CSP.format(hashes=" ".join(hashes)).replace("'self' ;", "'self';")


# The progress script is written as small files, one concern each; pages load them as one file.
PROGRESS_PARTS = ("store", "syllabus", "show", "plan", "transfer", "main")
PROGRESS_SCRIPT = "javascripts/progress.js"


def inside_docs(files, docs_dir):
    """The files that really lie under docs_dir. The build refuses links under docs/ (mathforml/inputs.py);
    while serving, a refused syllabus becomes an error page and MkDocs goes on, so nothing reached
    through a link is ever kept."""
    from mkdocs.structure.files import Files

    listed, real = os.path.abspath(docs_dir) + os.sep, os.path.realpath(docs_dir) + os.sep

    def reached_through_a_link(file):  # the theme's own files lie elsewhere and stay
        path = file.abs_src_path
        return bool(path) and os.path.abspath(path).startswith(listed) and not os.path.realpath(path).startswith(real)
    return Files([f for f in files if not reached_through_a_link(f)])


def on_files(files, config):
    from mkdocs.structure.files import File

    files = inside_docs(files, config["docs_dir"])

    parts = [files.get_file_from_path(f"javascripts/progress/{name}.js") for name in PROGRESS_PARTS]
    if not all(parts):
        return files
    bundle = "\n".join(f"// {part.src_uri}\n{part.content_string}" for part in parts)
    for part in parts:
        files.remove(part)
    files.append(File.generated(config, PROGRESS_SCRIPT, content=bundle))
    return files


def on_config(config):
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.isdigit():
        raise PluginError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (git log -1 --format=%ct "
                          f"prints one), not {epoch!r}. Unset it to date the build by the clock.")
    return config


def on_startup(command, dirty):
    # macros.py reads it: while serving, syllabus problems become a page in the browser.
    if command == "serve":
        os.environ["MATHFORML_SERVING"] = "1"
    # mkdocs-macros reports its module, functions and variables at INFO on every build: noise in a
    # forker's terminal, where only warnings and errors should show.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


# Every page's refused HTML, gathered while pages are converted and reported at once in on_env,
# before any page is written.
_PAGE_PROBLEMS = []
_SOLUTION = re.compile(r'(<details class="success")>(?=\s*<summary>Solution</summary>)')
_MARKER = re.compile(r"<!-- syllabus-block-\d+ -->")


def _source(page):
    """The page's file as written, for the line numbers of messages: read once per build of the page."""
    if not hasattr(page, "syllabus_source"):
        path = page.file.abs_src_path
        page.syllabus_source = Path(path).read_text(encoding="utf-8-sig") if path else ""
    return page.syllabus_source


def _refused_html(html, page):
    source = _source(page)
    # Without the build's own markers: the template replaces them, so a '-->' of theirs must not
    # close a comment the author left open.
    found = forbidden_html(_MARKER.sub("", html))
    for (what, _), line in zip(found, lines_of(source, [needle for _, needle in found])):
        where = f"docs/{page.file.src_uri}:{line}" if line else f"docs/{page.file.src_uri}"
        fix = ("Close every element you open, or write it in Markdown." if what.startswith("elements nested") else
               "A page's HTML may not run scripts, load styles, other documents or addresses, or send the reader "
               "elsewhere (see SECURITY.md): remove it, and write it in Markdown.")
        _PAGE_PROBLEMS.append(f"{where}: the page holds {what}. {fix}")
    for value in reserved_ids(_MARKER.sub("", html)):
        _PAGE_PROBLEMS.append(f"docs/{page.file.src_uri}: the page gives an element the id '{value[:40]}', which the theme "
                              f"or the build uses for its own (ids starting '__', 'syllabus-', 'plan-' or 'progress-'). "
                              f"Rename the heading, or give it another id with {{: #another-id }}.")
    for line, text in forged_markers(source):
        _PAGE_PROBLEMS.append(f"docs/{page.file.src_uri}:{line}: '{text}' is written only by the build (its generated blocks "
                              f"and the progress controls); a page cannot write it. Remove it.")
    if "template" in page.meta:
        _PAGE_PROBLEMS.append(f"docs/{page.file.src_uri}: front matter 'template' is not allowed: a page cannot "
                              f"choose the theme's template it is rendered with. Remove the line.")


def _unread_resources(html, page, resources):
    """What the rendered topic page shows that the build's reading of its resources missed: Markdown
    renders more than one line-based reading sees (an indented or numbered item, a heading written
    with a character reference, front matter that is not valid), and a hidden item is read but not shown."""
    source = _source(page)
    name = f"docs/{page.file.src_uri}"
    headings, links, boxes, http = rendered_resources(html, HEADING)
    if headings != 1:
        _PAGE_PROBLEMS.append(f"{name}: the page shows {headings} level-2 headings reading '{HEADING}'; the build reads "
                              f"resources under one, written exactly '## {HEADING}'. Keep that one and rename the others.")
    read = {r.url for r in resources} | {url for r in resources for url in re.findall(r"\]\(([^)\s]+)\)", f"{r.authors} {r.note}")}
    unread = [href for href in links if href not in read]
    for href, line in zip(unread, lines_of(source, unread)):
        shown = href if len(href) <= 100 else href[:97] + "..."
        _PAGE_PROBLEMS.append(f"{name}:{line or '?'}: the {HEADING} section shows a link to '{shown}' that the build "
                              f"does not read as a resource. Write each resource at the start of a line, as {FORMAT}")
    if boxes != len(resources):
        _PAGE_PROBLEMS.append(f"{name}: the build reads {len(resources)} resources on this page but it shows {boxes} of "
                              f"them (is one inside a comment?). Show every resource in the list, or remove it.")
    for url, line in zip(http, lines_of(source, http)):
        shown = url if len(url) <= 100 else url[:97] + "..."
        _PAGE_PROBLEMS.append(f"{name}:{line or '?'}: the page links {shown} over plain http. Link its https address.")


def on_env(env, config, files):
    if _PAGE_PROBLEMS:
        problems = sorted(set(_PAGE_PROBLEMS))
        _PAGE_PROBLEMS.clear()
        raise PluginError("\n".join(problems))
    return env


# A page's time budget, for its Markdown to become HTML and for that to become the finished page. Some short inputs make Python-Markdown
# quadratic (55,000 '[' took over 300 s; the slowest real page takes 0.1 s); no page budget in bytes
# bounds that, so time is bounded itself, where the platform can (a POSIX build's main thread).
PAGE_SECONDS = 10


def _out_of_time(signum, frame):
    raise PluginError(f"{_TIMED[0]}: the page took over {PAGE_SECONDS} s to build, far longer than any page "
                      f"should (a long run of '[', '(' or unclosed markup?). Simplify it, or split it into pages.")


_TIMED = [""]


def _start_clock(name):
    if hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
        _TIMED[0] = name
        signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, PAGE_SECONDS)


def _stop_clock():
    if hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


def on_page_markdown(markdown, page, config, files):
    source = _source(page) or markdown
    mathml.CURRENT_PAGE.set((f"docs/{page.file.src_uri}", source))
    _start_clock(f"docs/{page.file.src_uri}")
    return markdown


def on_page_content(html, page, config, files):
    # MkDocs converts every page first and puts each in its template later: a clock for each stretch.
    _stop_clock()
    _refused_html(html, page)
    resources = getattr(page, "syllabus_resources", None)
    if resources is not None:
        _unread_resources(html, page, resources)
    # A topic's summary goes into the page's own content, under its header, so search indexes it.
    summary = getattr(page, "syllabus_summary", None)
    if summary:
        marker_end = html.index("-->") + 3 if html.startswith("<!-- syllabus-block-") else 0
        html = f'{html[:marker_end]}\n<p class="syllabus-summary">{summary}</p>\n{html[marker_end:]}'
    # A search result quotes the exercise, never its worked answer.
    html = _SOLUTION.sub(r"\g<1> data-search-exclude>", html)
    return f"{CONTENT_START}{html}{CONTENT_END}"


def on_page_context(context, page, config, nav):
    _start_clock(f"docs/{page.file.src_uri}")
    # Material writes page.meta.title and .description into <head> unescaped: a page's front matter
    # could close the tag and open a script there, where the policy would hash it.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    added = {}
    if getattr(page, "syllabus_blocks", None):
        added["syllabus_blocks"] = page.syllabus_blocks
    if getattr(page, "syllabus_description", None) and "description" not in page.meta:
        added["description"] = page.syllabus_description
    page.meta.update(added)
    page.syllabus_meta_added = tuple(added)
    return context


_SKIP_LINK = re.compile(r'<a href="[^"]*" class="md-skip">')


# A link in the side navigation; a pruned section's link (which names a part) is matched first, to be left as it is.
_NAV_LINK = re.compile(r'(<li class="md-nav__item md-nav__item--pruned[^"]*">\s*<a [^>]*>)|<a href="([^"#]*)" class="md-nav__link[^"]*">')
_PRIMARY_NAV = '<nav class="md-nav md-nav--primary"'
_SECONDARY_NAV = '<div class="md-sidebar md-sidebar--secondary"'


def _with_nav_steps(html, page_url, steps):
    """Each topic's step before its title in the side navigation, as the progress script shows it, so
    nothing moves when the script adds the topic's state."""
    start = html.find(_PRIMARY_NAV)
    end = html.find(_SECONDARY_NAV, start)
    if start == -1 or end == -1:
        return html
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)

    def mark(match):
        if match.group(1):
            return match.group()
        href = match.group(2)
        target = posixpath.normpath(posixpath.join(base, href)) + ("/" if href.endswith("/") else "")
        step = steps.get(target)
        return match.group() if step is None else f'{match.group()}<span class="syllabus-nav-mark" data-state="">{step}. </span>'
    return html[:start] + _NAV_LINK.sub(mark, html[start:end]) + html[end:]


# Every word of the pages built so far: what Material's stylesheets are purged against after the build.
_PAGE_WORDS = set()


def on_pre_build(config):
    _PAGE_WORDS.clear()
    _PAGE_PROBLEMS.clear()


def on_post_page(output, page, config):
    _stop_clock()
    error_page = config["extra"].get("syllabus_error_page")
    if error_page:
        return error_page
    for key in getattr(page, "syllabus_meta_added", ()):
        del page.meta[key]
    output = _with_nav_steps(output, page.url, config["extra"].get("syllabus_steps", {}))
    if getattr(page, "syllabus_summary", None):
        # "Skip to content" on a topic page lands on its header, so the progress buttons are two Tabs away.
        output = _SKIP_LINK.sub('<a href="#syllabus-header" class="md-skip">', output, count=1)
    # Not while serving: MkDocs' live-reload script is added by the server, after the build.
    if os.environ.get("MATHFORML_SERVING") != "1":
        output = _with_policy(output)
    output = _without_fences(output)
    twice = duplicate_ids(output)
    if twice:
        shown = ", ".join(f"'{value[:40]}'" for value in twice[:5])
        raise PluginError(f"docs/{page.file.src_uri}: the id {shown} is on two elements of the page (a heading's "
                          f"title, or an attribute list like {{: #id }}, repeats one the theme or the build gives "
                          f"its own controls). Rename the heading, or give it another id with {{: #another-id }}.")
    if os.environ.get("MATHFORML_SERVING") != "1":
        _PAGE_WORDS.update(unused_css.words(output))
    return output


# Material selectors dropped on purpose: each makes Chromium restyle every element of a page at load,
# inside Material's first long task on a phone (traced at 4x CPU slowdown).
RESTYLING_SELECTORS = (
    # Material sets this attribute on <body> while it applies the colour scheme, on every load as well
    # as on a switch. Without these, links, code, buttons and the search box fade into a newly chosen
    # scheme in at most 0.25 s instead of switching at once.
    "[data-md-color-switching] *", "[data-md-color-switching] :after", "[data-md-color-switching] :before",
    # With these, any change of any element's class restyles its whole subtree: at load, the focus-visible
    # script's class on <html>. They zero the outer margins of blocks inside table cells, and no cell on
    # this site holds a block (tests/test_purged_css_browser.py checks every page).
    ".md-typeset table:not([class]) td>:first-child", ".md-typeset table:not([class]) th>:first-child",
    ".md-typeset table:not([class]) td>:last-child", ".md-typeset table:not([class]) th>:last-child",
)


def _purge_material_css(site):
    """Material's stylesheets without the rules nothing on this site can match (mathforml/unused_css.py):
    about a third of their bytes, on every page's first view."""
    present = set(_PAGE_WORDS)
    # Markup that scripts add (search results, the drawer's states, ours) and the 404 page, built without page events.
    for path in [site / "404.html", site / PROGRESS_SCRIPT, *site.glob("assets/javascripts/bundle.*.js"),
                 *site.glob("assets/javascripts/workers/search.*.js")]:
        if path.is_file():
            present |= unused_css.words(path.read_text(encoding="utf-8"))
    for path in site.glob("assets/stylesheets/*.min.css"):
        path.write_text(unused_css.purge(path.read_text(encoding="utf-8"), present, RESTYLING_SELECTORS),
                        encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # it maps the whole stylesheet


# Our own script and stylesheet, written to be read (comments on why), are served without comments
# and indentation: about 4.6 KB less on every page's first view, with gzip.
OWN_MINIFIED = {PROGRESS_SCRIPT: rjsmin.jsmin, "stylesheets/extra.css": rcssmin.cssmin}


def _minify_own_files(site):
    for name, minify in OWN_MINIFIED.items():
        path = site / name
        if path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")


def on_post_build(config):
    _stop_clock()
    # Not while serving: a preview rebuilt on every save need not be the lightest (the purge changes
    # no style, as tests/test_purged_css_browser.py checks), and MkDocs' live-reload script is added
    # after the build.
    if os.environ.get("MATHFORML_SERVING") == "1":
        return
    _purge_material_css(Path(config["site_dir"]))
    _minify_own_files(Path(config["site_dir"]))
    # MkDocs renders 404.html from the theme alone, without page events: give it the policy too.
    path = os.path.join(config["site_dir"], "404.html")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            html = file.read()
        if "Content-Security-Policy" not in html:
            with open(path, "w", encoding="utf-8") as file:
                file.write(_with_policy(html))
