"""HTML for the derived elements, rendered by Jinja with autoescape so no data-file text reaches the page raw."""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

import jinja2
from markupsafe import Markup, escape

from mathforml.map_layout import MARGIN, map_layout

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("mathforml", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def format_hours(hours):
    """60 -> '60', 2.5 -> '2.5', 1/3 -> '0.33', 250000 -> '250000' (never exponent notation)."""
    if float(hours).is_integer():
        return str(int(hours))
    return f"{hours:.2f}".rstrip("0").rstrip(".")


_env.filters["hours"] = format_hours
# Drawing coordinates: a tenth of a pixel is finer than any screen shows.
_env.filters["n"] = lambda number: f"{number:.1f}".rstrip("0").rstrip(".")


def _render(template, **context):
    # Blank lines left by template tags only add bytes to every page.
    html = _env.get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


# A path longer than this is not drawn on the topic page (the map shows it): it would be no small
# drawing, and drawing every long path would make the site grow with the square of its size.
MAX_DRAWN_PATH = 60


def topic_header(graph, topic_id, link, map_link, t, needs=None):
    """The block at the top of a topic page: part, step, hours, prerequisites, unlocks, and a drawing of the full path.

    `link(topic)` returns the URL of a topic's page relative to the page being rendered; `needs` maps
    each prerequisite's id to the terms of its concepts this topic's page uses (concepts.reasons).
    """
    topic = graph.by_id[topic_id]
    path = graph.path_to(topic_id)
    parts = [p.id for p in graph.syllabus.parts]
    drawing = None
    if 1 < len(path) <= MAX_DRAWN_PATH:
        drawing = _drawing(graph, link, path, "syllabus-path", t("path.label", title=topic.title), t, current=topic_id)
    return _render(
        "topic_header.html",
        topic=topic,
        part=graph.part_by_id.get(topic.part),
        part_number=parts.index(topic.part) + 1 if topic.part else None,
        part_count=len(parts),
        step=graph.step[topic_id],
        steps=len(graph.reading_order),
        requires=graph.requires_of(topic_id),
        needs=needs or {},
        unlocks=graph.dependents_of(topic_id),
        path_drawing=drawing,
        path_length=len(path),
        path_hours=sum(t.hours for t in path),
        link=link,
        map_link=map_link,
        t=t,
    )


def reading_order_table(graph, link, t):
    """The full reading order with hours and direct prerequisites."""
    return _render("reading_order.html", graph=graph, link=link, t=t)


def _drawing(graph, link, topics, id, label, t, current=None):
    return Markup(_render("map.html", layout=map_layout(graph, topics), step_of=graph.step, link=link,
                          id=id, label=label, current=current, margin=MARGIN, t=t))


def prerequisite_map(graph, link, t):
    """The whole prerequisite graph as an inline SVG, one row per topic in reading order."""
    drawing = _drawing(graph, link, None, "syllabus-map", t("map.label"), t)
    return _render("prerequisite_map.html", drawing=drawing, t=t)


# One default for the plan, wherever a page needs it (the plan's field carries it to the script).
DEFAULT_HOURS_PER_WEEK = 8
HOURS_PER_WEEK_RANGE = (0.5, 168)


def study_plan(graph, t):
    """The progress summary, finish-date calculator, export, import and share (docs/javascripts/progress/)."""
    low, high = HOURS_PER_WEEK_RANGE
    return _render("study_plan.html", graph=graph, default_hours=DEFAULT_HOURS_PER_WEEK,
                   hours_min=low, hours_max=high, t=t)


def whole_guide(graph, resources, link, t):
    """Every topic in reading order with its requirements, hours and resources, addresses written out (to print)."""
    def requirements(topic):
        return ", ".join(f"{graph.step[r.id]}. {r.title}" for r in graph.requires_of(topic.id)) or t("guide.nothing")
    return _render("whole_guide.html", graph=graph, resources=resources, link=link, t=t, requirements=requirements)


def redirect_page(title, target, canonical, t):
    """A page left at a renamed topic's old address, sending the browser (and search engines) on."""
    return _env.get_template("redirect.html").render(title=title, target=target, canonical=canonical, t=t)


def error_page(error, t):
    """The page `make serve` shows in place of every page while the syllabus has problems."""
    return _env.get_template("error_page.html").render(problems=str(error).splitlines(), t=t)


def what_next(graph, link, t):
    """The box the progress script fills with 'continue with', the topics ready to start, or the finish."""
    return _render("what_next.html", graph=graph, link=link, t=t)


def report_link(repo_url, page_url, title, t):
    """'Report a mistake or a missing prerequisite': a new issue in the site's own repository, filled in
    with the page; None when repo_url is not a GitHub repository."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme != "https" or parts.netloc != "github.com" or path.count("/") != 1:
        return None
    query = urlencode({"title": t("report.title", title=title), "body": t("report.body", url=page_url)}, quote_via=quote)
    return _render("report_link.html", href=f"https://github.com/{path}/issues/new?{query}", t=t)


def glossary(graph, uses, link, tex_to_mathml, t):
    """Every concept in reading order of its teaching topic: term, notation, definition, the topic that
    teaches it and the topics whose pages use it. `tex_to_mathml` renders a notation."""
    used_in = {}
    for topic in graph.reading_order:
        for use in uses.get(topic.id, ()):
            used_in.setdefault(use.concept, []).append(topic)
    concepts = [c for topic in graph.reading_order for c in topic.teaches]

    def notation(concept):
        try:
            if not concept.notation:
                return ""
            mathml = tex_to_mathml(concept.notation).replace("<math ", f'<math alttext="{escape(concept.notation)}" ', 1)
            return Markup(mathml)
        except ValueError:  # a fragment to find in formulas, like '\binom', need not render alone: shown as typed
            return Markup("<code>") + concept.notation + Markup("</code>")
    return _render("glossary.html", graph=graph, concepts=concepts, used_in=used_in, link=link, notation=notation,
                   anchor=concept_anchor, t=t)


def concept_anchor(concept):
    """The id of a concept's row on the glossary page."""
    return "concept-" + "-".join("".join(ch if ch.isalnum() else " " for ch in concept.term.casefold()).split())


def progress_bars(graph, t):
    """Hours covered overall and in each part, filled in by the progress script."""
    return _render("progress_bars.html", graph=graph, t=t)
