"""HTML for the derived elements, rendered by Jinja with autoescape so no data-file text reaches the page raw."""

from __future__ import annotations

import jinja2

from mathforml.map_layout import map_layout

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("mathforml", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def format_hours(hours):
    """60 -> '60', 2.5 -> '2.5'."""
    return f"{hours:g}"


_env.filters["hours"] = format_hours


def _render(template, **context):
    # Markdown ends a raw HTML block at a blank line, so the fragments must have none.
    html = _env.get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def topic_header(graph, topic_id, link):
    """The block at the top of a topic page: step, hours, prerequisites, unlocks, full path.

    `link(topic)` returns the URL of a topic's page relative to the page being rendered.
    """
    path = graph.path_to(topic_id)
    return _render(
        "topic_header.html",
        topic=graph.by_id[topic_id],
        step=graph.step[topic_id],
        steps=len(graph.reading_order),
        requires=graph.requires_of(topic_id),
        unlocks=graph.dependents_of(topic_id),
        path=path,
        path_hours=sum(t.hours for t in path),
        step_of=graph.step,
        link=link,
    )


def reading_order_table(graph, link):
    """The full reading order with hours and direct prerequisites."""
    return _render("reading_order.html", graph=graph, link=link)


def prerequisite_map(graph, link):
    """The whole prerequisite graph as an inline SVG, laid out in reading-order layers."""
    return _render("map.html", layout=map_layout(graph), step_of=graph.step, link=link)


def study_plan(graph, map_url):
    """The progress summary, finish-date calculator and export/import controls (driven by progress.js)."""
    return _render("study_plan.html", graph=graph, map_url=map_url)
