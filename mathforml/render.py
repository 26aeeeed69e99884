"""HTML for the derived elements, rendered by Jinja with autoescape so no data-file text reaches the page raw."""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

from mathforml.map_layout import map_layout

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


def _render(template, **context):
    # Blank lines left by template tags only add bytes to every page.
    html = _env.get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


@functools.lru_cache(maxsize=65536)
def _path_item(topic, step, href):
    # Paths repeat the same topics on page after page; rendering each entry once keeps large
    # syllabi fast (make bench), since the same topic has the same link from sibling pages.
    return Markup(_env.get_template("path_item.html").render(topic=topic, step=step, href=href).strip())


def topic_header(graph, topic_id, link):
    """The block at the top of a topic page: step, hours, prerequisites, unlocks, full path.

    `link(topic)` returns the URL of a topic's page relative to the page being rendered.
    """
    prerequisites = graph.prerequisites_of(topic_id)
    topic = graph.by_id[topic_id]
    return _render(
        "topic_header.html",
        topic=topic,
        step=graph.step[topic_id],
        steps=len(graph.reading_order),
        requires=graph.requires_of(topic_id),
        unlocks=graph.dependents_of(topic_id),
        # Each item is already escaped Markup; a plain join skips escaping them all again.
        path_items=Markup("\n".join(_path_item(t, graph.step[t.id], link(t)) for t in prerequisites)),
        path_length=len(prerequisites) + 1,
        path_hours=sum(t.hours for t in prerequisites) + topic.hours,
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
