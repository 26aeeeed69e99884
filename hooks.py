"""MkDocs hooks (`hooks:` in mkdocs.yml), the other half of the adapter in macros.py.

macros.py leaves generated HTML in `page.syllabus_blocks` and a topic's summary in
`page.syllabus_description`. They go into the page's metadata only while that page renders
(overrides/main.html reads them there): Material's navigation template reads the metadata of every
page in the nav on every page, so metadata left on 1,000 pages costs millions of lookups.
"""


def on_page_context(context, page, config, nav):
    added = {}
    if getattr(page, "syllabus_blocks", None):
        added["syllabus_blocks"] = page.syllabus_blocks
    if getattr(page, "syllabus_description", None) and "description" not in page.meta:
        added["description"] = page.syllabus_description
    page.meta.update(added)
    page.syllabus_meta_added = tuple(added)
    return context


def on_post_page(output, page, config):
    for key in getattr(page, "syllabus_meta_added", ()):
        del page.meta[key]
    return output
