"""The machine-readable syllabus published with the site (syllabus.json), for other tools and the progress script."""

from __future__ import annotations

import json

FORMAT_VERSION = 1


def syllabus_document(graph, url_of):
    """A JSON-ready dict; `url_of(topic)` gives each topic page's URL relative to the site root."""
    syllabus = graph.syllabus
    return {
        "format": "mathforml-syllabus",
        "version": FORMAT_VERSION,
        "title": syllabus.title,
        "description": syllabus.description,
        "total_hours": graph.total_hours,
        "topics": [
            {
                "id": topic.id,
                "step": graph.step[topic.id],
                "title": topic.title,
                "summary": topic.summary,
                "hours": topic.hours,
                "requires": [t.id for t in graph.requires_of(topic.id)],
                "unlocks": [t.id for t in graph.dependents_of(topic.id)],
                "page": topic.page,
                "url": url_of(topic),
            }
            for topic in graph.reading_order
        ],
    }


def syllabus_json(graph, url_of):
    return json.dumps(syllabus_document(graph, url_of), ensure_ascii=False, indent=1) + "\n"
