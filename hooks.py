"""MkDocs hooks (`hooks:` in mkdocs.yml), the other half of the adapter in macros.py.

A topic's summary, already escaped by macros.py, is put into the page's content (page.syllabus_summary).

macros.py leaves generated HTML in `page.syllabus_blocks` and a topic's summary in
`page.syllabus_description`. They go into the page's metadata only while that page renders
(overrides/main.html reads them there): Material's navigation template reads the metadata of every
page in the nav on every page, so metadata left on 1,000 pages costs millions of lookups.
"""

import logging
import os
import re


def on_startup(command, dirty):
    # macros.py reads it: while serving, syllabus problems become a page in the browser.
    if command == "serve":
        os.environ["MATHFORML_SERVING"] = "1"
    # mkdocs-macros reports its module, functions and variables at INFO on every build: noise in a
    # forker's terminal, where only warnings and errors should show.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def on_page_content(html, page, config, files):
    # A topic's summary goes into the page's own content, under its header, so search indexes it.
    summary = getattr(page, "syllabus_summary", None)
    if not summary:
        return html
    marker_end = html.index("-->") + 3 if html.startswith("<!-- syllabus-block-") else 0
    return f'{html[:marker_end]}\n<p class="syllabus-summary">{summary}</p>\n{html[marker_end:]}'


def on_page_context(context, page, config, nav):
    added = {}
    if getattr(page, "syllabus_blocks", None):
        added["syllabus_blocks"] = page.syllabus_blocks
    if getattr(page, "syllabus_description", None) and "description" not in page.meta:
        added["description"] = page.syllabus_description
    page.meta.update(added)
    page.syllabus_meta_added = tuple(added)
    return context


_SKIP_LINK = re.compile(r'<a href="[^"]*" class="md-skip">')


def on_post_page(output, page, config):
    error_page = config["extra"].get("syllabus_error_page")
    if error_page:
        return error_page
    for key in getattr(page, "syllabus_meta_added", ()):
        del page.meta[key]
    if getattr(page, "syllabus_summary", None):
        # "Skip to content" on a topic page lands on its header, so the progress buttons are two Tabs away.
        output = _SKIP_LINK.sub('<a href="#syllabus-header" class="md-skip">', output, count=1)
    return output
