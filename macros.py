"""mkdocs-macros adapter: feeds syllabus.yml through the pure core in mathforml/ and hands the results to MkDocs.

Everything MkDocs-specific lives here and in hooks.py; the rules themselves live in mathforml/.
"""

import logging
import math
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from mathforml import concepts, mathml, render
from mathforml.annotations import workflow_commands
from mathforml.content import check_content, errors_and_warnings
from mathforml.export import as_json, progress_document, syllabus_document
from mathforml.graph import SyllabusGraph
from mathforml.page_html import lines_of
from mathforml.page_templates import template_problems
from mathforml.repository import github_pages_url
from mathforml.resources import load_resources, with_done_boxes
from mathforml.strings import load_strings
from mathforml.syllabus import TOPICS_DIR, SyllabusError, load_syllabus, printable

log = logging.getLogger("mkdocs.mathforml")
SYLLABUS_FILE = "syllabus.yml"
# Set by hooks.py when MkDocs serves the site (`make serve`): problems then show in the browser.
SERVING = "MATHFORML_SERVING"
# The nav entry in mkdocs.yml whose value is this file name is replaced by the topics in reading order.
NAV_PLACEHOLDER = SYLLABUS_FILE


# Without parts, a syllabus longer than this gets sections of about the square root of its length
# in the navigation, so that no page carries every topic (navigation.prune renders only the open one).
NAV_SECTION_MIN = 40


def _topics_nav(graph, strings):
    """The topics in reading order: one section per part, or sections of steps for a long syllabus."""
    # MkDocs' templates print titles without escaping; Markup is escaped once and left alone by `| e`.
    sections = [(part, [{escape(t.title): t.page} for t in topics]) for part, topics in graph.parts_in_order]
    if sections[0][0] is None:
        entries = sections[0][1]
        if len(entries) <= NAV_SECTION_MIN:
            return entries
        size = math.ceil(math.sqrt(len(entries)))
        return [{escape(strings("nav.steps", first=i + 1, last=min(i + size, len(entries)))): entries[i:i + size]}
                for i in range(0, len(entries), size)]
    return [{escape(f"{number}. {part.title}"): topics} for number, (part, topics) in enumerate(sections, start=1)]


def _fill_nav(nav, topics):
    filled = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, value), = entry.items()
            if value == NAV_PLACEHOLDER:
                value = topics
            elif isinstance(value, list):
                value = _fill_nav(value, topics)
            entry = {title: value}
        filled.append(entry)
    return filled


def define_env(env):
    config = env.conf
    try:
        strings, found = load_strings(config["theme"]["language"])
        if not found:
            log.info("No strings for theme.language '%s' in mathforml/strings/: generated texts are in English.",
                     config["theme"]["language"])
        env.variables["syllabus_strings"] = strings
        # Before MkDocs reads docs/: it follows symbolic links, and would publish what they name.
        syllabus = load_syllabus(Path(env.project_dir) / SYLLABUS_FILE, config["docs_dir"], config["use_directory_urls"])
        env.variables["syllabus_resources"] = load_resources(syllabus, config["docs_dir"])
        # The content rules (mathforml/content.py): errors stop the build like syllabus problems;
        # warnings are reported, not failed on, so `--strict` publishes a page a forker is still growing.
        errors, warnings = errors_and_warnings(check_content(syllabus, config["docs_dir"], env.variables["syllabus_resources"]))
        for warning in warnings:
            log.info("Content warning: %s", warning)
        if errors:
            raise SyllabusError(*(str(e) for e in errors))
    except SyllabusError as error:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(workflow_commands(error)), flush=True)
        if os.environ.get(SERVING) != "1":
            raise PluginError(str(error)) from None
        # While serving, a failed build would leave the browser waiting with the error only in the
        # terminal: build instead a site whose every page is the error (hooks.py), which reloads
        # by itself once the file is fixed.
        env.variables["syllabus_error"] = error
        config["extra"]["syllabus_error_page"] = render.error_page(error, env.variables.get("syllabus_strings") or load_strings("en")[0])
        config["nav"] = _fill_nav(config["nav"], [])
        for name in ("reading_order_table", "prerequisite_map", "study_plan", "total_hours", "glossary",
                     "topic_count", "part_count", "whole_guide", "what_next", "progress_bars"):
            env.macro(lambda *args, **kwargs: "", name)
        env.macro(lambda: ("", ""), "hours_range")
        env.variables["first_topic_page"] = ""
        return
    graph = SyllabusGraph(syllabus)
    env.variables["syllabus_graph"] = graph
    texts = {t.id: (Path(config["docs_dir"]) / t.page).read_text(encoding="utf-8-sig") for t in syllabus.topics}
    env.variables["syllabus_uses"] = concepts.uses_by_topic(graph, texts)
    env.variables["syllabus_needs"] = concepts.reasons(graph, env.variables["syllabus_uses"])
    env.variables["topic_urls"] = {t.id: _page_url(config, t.page) for t in syllabus.topics}
    env.variables["first_topic_page"] = graph.reading_order[0].page
    # hooks.py writes each topic's step into the side navigation's links.
    config["extra"]["syllabus_steps"] = {env.variables["topic_urls"][id_]: step for id_, step in graph.step.items()}

    # A fork changes repo_url once; its Pages address (sitemap, canonical links, instant navigation) follows.
    if not config["site_url"]:
        config["site_url"] = github_pages_url(config["repo_url"])
    config["site_name"] = escape(syllabus.title)
    if syllabus.description:
        config["site_description"] = escape(syllabus.description)
    config["nav"] = _fill_nav(config["nav"], _topics_nav(graph, strings))

    @env.macro
    def reading_order_table():
        """The full reading order as a table: step, topic, hours, prerequisites, total."""
        return _after_markdown(env, render.reading_order_table(graph, _link_from(env), strings))

    @env.macro
    def prerequisite_map():
        """The prerequisite graph as an inline SVG; every node links to its topic."""
        return _after_markdown(env, render.prerequisite_map(graph, _link_from(env), strings))

    @env.macro
    def study_plan():
        """Progress summary, finish-date calculator, export, import and share."""
        return _after_markdown(env, render.study_plan(graph, strings))

    @env.macro
    def whole_guide():
        """The whole guide on one page, for printing."""
        return _after_markdown(env, render.whole_guide(graph, env.variables["syllabus_resources"], _link_from(env), strings))

    @env.macro
    def what_next():
        """'Continue with', the topics ready to start, or the finished state (filled in by the progress script)."""
        return _after_markdown(env, render.what_next(graph, _link_from(env), strings))

    @env.macro
    def progress_bars():
        """Hours covered overall and per part (filled in by the progress script)."""
        return _after_markdown(env, render.progress_bars(graph, strings))

    @env.macro
    def glossary():
        """Every concept: its notation, definition, the topic that teaches it and the topics that use it."""
        # Into the Markdown itself, not after it as other blocks: search indexes the page's content, and
        # a learner looking up a term should land here.
        return "\n" + render.glossary(graph, env.variables["syllabus_uses"], _link_from(env), mathml.tex_to_mathml, strings) + "\n"

    @env.macro
    def total_hours():
        return render.format_hours(graph.total_hours)

    @env.macro
    def hours_range():
        """Hours of the main (first) resources alone, and of every resource listed."""
        resources = env.variables["syllabus_resources"].values()
        return (render.format_hours(round(sum(r[0].hours for r in resources))),
                render.format_hours(round(sum(x.hours for r in resources for x in r))))

    @env.macro
    def topic_count():
        return len(graph.reading_order)

    @env.macro
    def part_count():
        return len(graph.syllabus.parts)


def _after_markdown(env, html):
    """Leave a marker in the Markdown; overrides/main.html puts the HTML in its place once Markdown has run.

    Generated HTML needs no Markdown processing, and on a large syllabus, parsing it as raw HTML and
    indexing it for search would cost more than the rest of the build.
    """
    blocks = env.page.__dict__.setdefault("syllabus_blocks", {})
    marker = f"<!-- syllabus-block-{len(blocks)} -->"
    blocks[marker] = Markup(html)
    return marker


def _page_url(config, src):
    """The URL, relative to the site root, of the page built from docs/<src>."""
    return File(src, config["docs_dir"], config["site_dir"], config["use_directory_urls"]).url


def _link_from(env):
    """A function giving each topic's page URL relative to the page being rendered."""
    urls, page = env.variables["topic_urls"], env.page
    return lambda topic: get_relative_url(urls[topic.id], page.url)


# What the progress script fetches (docs/javascripts/progress/syllabus.js names it too).
PROGRESS_DATA = "javascripts/progress-data.json"

# Front-matter keys the build sets on pages itself (hooks.py, overrides/main.html): never from a page.
INTERNAL_KEYS = ("syllabus_blocks", "syllabus_description", "syllabus_summary", "syllabus_resources")


# What a topic page's front matter may set, and how: the theme reads other keys (icon, status,
# template...) as names of its own files or settings, which a page must not choose.
TOPIC_FRONT_MATTER = {
    "title": "text", "description": "text",
    "hide": "a list of some of navigation, toc, footer, path, tags, feedback",
    "search": "exclude: true, or boost: a number",
}
_HIDEABLE = {"navigation", "toc", "footer", "path", "tags", "feedback"}


def _front_matter_value_ok(key, value):
    if key in ("title", "description"):
        return isinstance(value, str)
    if key == "hide":
        return isinstance(value, list) and all(isinstance(v, str) and v in _HIDEABLE for v in value)
    return (isinstance(value, dict) and set(value) <= {"exclude", "boost"} and isinstance(value.get("exclude", False), bool)
            and isinstance(value.get("boost", 1), (int, float)) and not isinstance(value.get("boost", 1), bool))


def _check_topic_front_matter(src, meta):
    problems = []
    for key, value in meta.items():
        if key in INTERNAL_KEYS or key == "render_macros":
            continue  # refused below, with their own messages
        if key not in TOPIC_FRONT_MATTER:
            problems.append(f"docs/{src}: front matter '{printable(str(key))[:40]}' is not allowed on a topic page. A topic page's "
                            f"front matter may set only {', '.join(TOPIC_FRONT_MATTER)}; remove the line.")
        elif not _front_matter_value_ok(key, value):
            problems.append(f"docs/{src}: front matter '{key}' must be {TOPIC_FRONT_MATTER[key]}.")
    if problems:
        raise PluginError("\n".join(problems))


# What a page read as a template may name (mathforml/page_templates.py): the macros define_env
# registers, and the one value.
TEMPLATE_NAMES = frozenset({"reading_order_table", "prerequisite_map", "study_plan", "whole_guide", "what_next",
                            "progress_bars", "glossary", "total_hours", "hours_range", "topic_count", "part_count",
                            "first_topic_page"})


def _check_template_page(env, src):
    rendered = env.page.meta.get("render_macros")
    if not (rendered or (rendered is None and env.config.get("render_by_default"))):
        return
    text = f"{env.page.meta.get('title', '')}\n{env.markdown}"
    problems = template_problems(text, TEMPLATE_NAMES)
    if problems:
        source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8-sig")
        lines = lines_of(source, [jinja.removesuffix("...") for _, jinja in problems])
        raise PluginError("\n".join(
            f"docs/{src}:{line or '?'}: '{printable(jinja)}' "
            f"{'opens a Jinja statement or comment' if jinja in ('{%', '{#') else 'is not one of the build' + chr(39) + 's macros'}. A page read as a "
            f"template may only name them, like '{{{{ reading_order_table() }}}}', with no other Jinja: an "
            f"expression could run commands on the machine that builds the site. Remove it."
            for line, (_, jinja) in zip(lines, problems)))


def on_pre_page_macros(env):
    """Runs before mkdocs-macros would read the page as a template: refuses what must not be there."""
    src = env.page.file.src_uri
    for key in INTERNAL_KEYS:
        if key in env.page.meta:
            raise PluginError(f"docs/{src}: front matter '{key}' is a name the build sets itself. Remove the line.")
    graph = env.variables.get("syllabus_graph")
    if graph is not None and src in graph.by_page:
        _check_topic_front_matter(src, env.page.meta)
    if graph is not None and src in graph.by_page and "render_macros" in env.page.meta:
        raise PluginError(
            f"docs/{src}: front matter 'render_macros' is not allowed on a topic page. Topic pages are plain "
            f"Markdown, never templates: a template can run any code on the machine that builds the site, so a "
            f"change to a page could run code on a reviewer's computer. Remove the line."
        )
    _check_template_page(env, src)


def on_post_page_macros(env):
    # Runs after macro rendering, so text from syllabus.yml is never read as a Jinja template.
    if "syllabus_error" in env.variables:
        return
    graph = env.variables["syllabus_graph"]
    topic = graph.by_page.get(env.page.file.src_uri)
    if topic is None:
        return
    env.page.syllabus_description = escape(topic.summary)
    env.page.syllabus_summary = env.page.syllabus_description
    # hooks.py compares them with what the rendered page shows.
    env.page.syllabus_resources = env.variables["syllabus_resources"][topic.id]
    env.markdown = with_done_boxes(env.markdown, env.page.syllabus_resources, f"docs/{topic.page}")
    # A concept's first use links to the topic that teaches it.
    link = _link_from(env)
    env.markdown = concepts.with_first_use_links(env.markdown, topic.id, concepts.all_concepts(graph.syllabus),
                                                 lambda topic_id: link(graph.by_id[topic_id]))
    map_link = get_relative_url(_page_url(env.conf, "map.md"), env.page.url)
    strings = env.variables["syllabus_strings"]
    header = _after_markdown(env, render.topic_header(graph, topic.id, _link_from(env), map_link, strings,
                                                      env.variables["syllabus_needs"].get(topic.id)))
    footer = _after_markdown(env, render.what_next(graph, _link_from(env), strings))
    report = render.report_link(env.conf["repo_url"], (env.conf["site_url"] or "") + env.variables["topic_urls"][topic.id],
                                topic.title, strings)
    if report:
        footer += "\n\n" + _after_markdown(env, report)
    env.markdown = f"{header}\n\n{env.markdown}\n\n{footer}\n"


def on_post_build(env):
    if "syllabus_error" in env.variables:
        return
    config = env.conf
    graph, urls = env.variables["syllabus_graph"], env.variables["topic_urls"]
    strings = env.variables["syllabus_strings"]
    document = syllabus_document(graph, env.variables["syllabus_resources"], lambda topic: urls[topic.id], strings,
                                 env.variables["syllabus_needs"])
    (Path(config["site_dir"]) / "syllabus.json").write_text(as_json(document), encoding="utf-8")
    (Path(config["site_dir"]) / PROGRESS_DATA).write_text(as_json(progress_document(document), compact=True),
                                                          encoding="utf-8")
    # A renamed topic's old addresses keep working: each leads to the new page.
    for topic in graph.syllabus.topics:
        for old in topic.formerly:
            old_url = _page_url(config, f"{TOPICS_DIR}/{old}.md")
            target = get_relative_url(urls[topic.id], old_url)
            html = render.redirect_page(topic.title, target, (config["site_url"] or "") + urls[topic.id], strings)
            path = Path(config["site_dir"]) / old_url / "index.html" if old_url.endswith("/") else Path(config["site_dir"]) / old_url
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
