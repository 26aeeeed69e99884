"""The machine-readable syllabus published with the site (syllabus.json) for other tools, and the
part of it the progress script reads on every page's first view (javascripts/progress-data.json)."""

from __future__ import annotations

import json

# 2: parts, each topic's part, former ids and resources, the language and the script's texts.
FORMAT_VERSION = 2


def _resource(resource):
    return {
        "key": resource.key,
        "title": resource.title,
        "url": resource.url,
        "authors": resource.authors,
        "kind": resource.kind,
        "cost": resource.cost,
        "hours": resource.hours,
        "pointer": resource.pointer,
        "note": resource.note,
    }


def syllabus_document(graph, resources, url_of, strings):
    """A JSON-ready dict; `resources` maps topic ids to their records, `url_of(topic)` gives each topic
    page's URL relative to the site root, `strings` the texts the progress script shows."""
    syllabus = graph.syllabus
    return {
        "format": "mathforml-syllabus",
        "version": FORMAT_VERSION,
        "language": strings.language,
        "title": syllabus.title,
        "description": syllabus.description,
        "total_hours": graph.total_hours,
        "parts": [
            {"id": part.id, "title": part.title, "summary": part.summary, "hours": graph.part_hours(part.id),
             "topics": [t.id for t in topics]}
            for part, topics in graph.parts_in_order if part is not None
        ],
        "topics": [
            {
                "id": topic.id,
                "step": graph.step[topic.id],
                "title": topic.title,
                "part": topic.part,
                "summary": topic.summary,
                "hours": topic.hours,
                "requires": [t.id for t in graph.requires_of(topic.id)],
                "unlocks": [t.id for t in graph.dependents_of(topic.id)],
                "formerly": list(topic.formerly),
                "page": topic.page,
                "url": url_of(topic),
                "resources": [_resource(r) for r in resources[topic.id]],
            }
            for topic in graph.reading_order
        ],
        "strings": strings.for_script(),
    }


def syllabus_json(graph, resources, url_of, strings):
    return json.dumps(syllabus_document(graph, resources, url_of, strings), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def progress_document(graph, resources, url_of, strings):
    """What the progress script reads, and nothing else: a fifth of syllabus.json's bytes. Only the
    last topic keeps its summary, which the finished state quotes."""
    last = graph.reading_order[-1]
    return {
        "topics": [
            {
                "id": topic.id,
                "step": graph.step[topic.id],
                "title": topic.title,
                "part": topic.part,
                "hours": topic.hours,
                "requires": [t.id for t in graph.requires_of(topic.id)],
                "formerly": list(topic.formerly),
                "url": url_of(topic),
                "resources": [{"key": r.key, "url": r.url} for r in resources[topic.id]],
                **({"summary": topic.summary} if topic is last else {}),
            }
            for topic in graph.reading_order
        ],
        "strings": strings.for_script(),
    }


def progress_json(graph, resources, url_of, strings):
    return json.dumps(progress_document(graph, resources, url_of, strings), ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False) + "\n"
