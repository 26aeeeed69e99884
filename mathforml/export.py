"""The machine-readable syllabus published with the site (syllabus.json) for other tools, and the
part of it the progress script reads on every page's first view (javascripts/progress-data.json)."""

from __future__ import annotations

import json

# 2: parts, each topic's part, former ids and resources, the language and the script's texts.
# 3: each topic's concepts ('teaches') and what it needs from each prerequisite ('needs').
FORMAT_VERSION = 3


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


def syllabus_document(graph, resources, url_of, strings, needs=None):
    """A JSON-ready dict; `resources` maps topic ids to their records, `url_of(topic)` gives each topic
    page's URL relative to the site root, `strings` the texts the progress script shows, `needs` the
    reasons on the edges (concepts.reasons)."""
    needs = needs or {}
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
                "teaches": [{"term": c.term, "aliases": list(c.aliases), "notation": c.notation, "definition": c.definition}
                            for c in topic.teaches],
                "needs": {required: list(terms) for required, terms in needs.get(topic.id, {}).items() if terms},
            }
            for topic in graph.reading_order
        ],
        "strings": strings.for_script(),
    }


def as_json(document, compact=False):
    """`document` as the site publishes it: readable, or compact for what a script fetches on every view."""
    layout = {"separators": (",", ":")} if compact else {"indent": 1}
    return json.dumps(document, ensure_ascii=False, allow_nan=False, **layout) + "\n"


# What the progress script reads of each topic, besides its resources' keys and addresses.
PROGRESS_FIELDS = ("id", "step", "title", "part", "hours", "requires", "formerly", "url")


def progress_document(document):
    """The part of `document` (syllabus_document's) the progress script reads, and nothing else: a
    fifth of syllabus.json's bytes. Only the last topic keeps its summary, which the finished state quotes."""
    topics = document["topics"]
    return {
        "topics": [
            {
                **{field: topic[field] for field in PROGRESS_FIELDS},
                "resources": [{"key": r["key"], "url": r["url"]} for r in topic["resources"]],
                **({"summary": topic["summary"]} if topic is topics[-1] else {}),
            }
            for topic in topics
        ],
        "strings": document["strings"],
    }
