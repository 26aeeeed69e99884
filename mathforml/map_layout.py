"""Positions for the prerequisite map and the path drawings: a vertical drawing that fits a phone.

One row per topic, in reading order, under a label for each part. Each topic that others require
owns a lane: a vertical line left of the boxes, from its box down to the last topic that needs it;
an arrow branches off the lane into each of those topics at a height of its own. So the width
depends on how many lanes are in use at once, not on the number of topics, and no two arrowheads
meet. Lanes are reused once free, nearest the boxes first (interval colouring, greedy by start).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

PHONE_WIDTH = 358  # the content column of a 390 px phone in Material (0.8 rem margins at 20 px)
MARGIN = 2  # around the drawing, so strokes on its edges are not cut off
BOX_WIDTH = 236
CHARS_PER_LINE = 29  # at 14 px, what fits in a box beside its part stripe
LINE_HEIGHT = 18
BOX_PADDING = 10
META_HEIGHT = 18
ROW_GAP = 12
LABEL_TOP = 22  # the label's first baseline, below the previous row
LABEL_BOTTOM = 14
ENTRY_TOP = 8  # the first arrow enters this far below the box's top
ENTRY_GAP = 8  # then one every ENTRY_GAP px
EXIT_BOTTOM = 9  # a topic's lane leaves its box this far above the box's bottom
LEFT_PAD = 2
ARROW_ROOM = 12  # between the nearest lane and the boxes, for the arrowheads
MAX_LANE_GAP, MIN_LANE_GAP = 10, 4
PART_COLOURS = 8


@dataclass(frozen=True)
class Node:
    topic: object
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    colour: int | None  # the part's colour index


@dataclass(frozen=True)
class Lane:
    source: str  # the topic whose lane this is
    x: float
    y1: float  # where it leaves its topic's box
    y2: float  # where its last arrow branches off


@dataclass(frozen=True)
class Edge:
    source: str  # the prerequisite
    target: str  # the topic that requires it
    x1: float  # on the source's lane
    x2: float  # the target box's left side: the arrowhead's tip
    y2: float


@dataclass(frozen=True)
class PartLabel:
    part: object
    y: float  # baseline of the first line
    lines: tuple[str, ...]  # the title, wrapped; the topic count and hours go on a line below
    colour: int
    topics: int
    hours: float


@dataclass(frozen=True)
class MapLayout:
    nodes: tuple[Node, ...]
    lanes: tuple[Lane, ...]
    edges: tuple[Edge, ...]
    part_labels: tuple[PartLabel, ...]
    width: float
    height: float
    box_x: float
    colour_of: dict


def _assign_lanes(topics, dependents):
    """Lane index of each topic with dependents: the lowest lane free since before its row."""
    row = {t.id: i for i, t in enumerate(topics)}
    lane_of, lane_end = {}, []
    for topic in topics:
        if not dependents[topic.id]:
            continue
        start, end = row[topic.id], row[dependents[topic.id][-1].id]
        # A lane is free when its last arrow entered a row above this one: reusing it in the same row
        # would look like one line.
        free = next((i for i, last in enumerate(lane_end) if last < start), None)
        if free is None:
            free = len(lane_end)
            lane_end.append(end)
        lane_end[free] = end
        lane_of[topic.id] = free
    return lane_of, len(lane_end)


def map_layout(graph, topics=None):
    """The whole graph, or only `topics` (a set closed under prerequisites, such as a path), in reading order."""
    chosen = {t.id for t in (graph.reading_order if topics is None else topics)}
    groups = [(part, tuple(t for t in members if t.id in chosen)) for part, members in graph.parts_in_order]
    groups = [(part, members) for part, members in groups if members]
    ordered = [t for _, members in groups for t in members]
    dependents = {t.id: [] for t in ordered}
    for topic in ordered:
        for required in topic.requires:
            dependents[required].append(topic)
    lane_of, lane_count = _assign_lanes(ordered, dependents)

    room = PHONE_WIDTH - 2 * MARGIN - BOX_WIDTH - LEFT_PAD - ARROW_ROOM
    gap = min(MAX_LANE_GAP, max(MIN_LANE_GAP, room / max(lane_count - 1, 1)))
    box_x = LEFT_PAD + (lane_count - 1) * gap + ARROW_ROOM if lane_count else 0
    lane_x = {topic_id: box_x - ARROW_ROOM - index * gap for topic_id, index in lane_of.items()}
    colour_of = {p.id: i % PART_COLOURS for i, p in enumerate(graph.syllabus.parts)}

    nodes, labels, entries, exits = [], [], {}, {}
    y = 0.0
    for part, members in groups:
        if part is not None:
            lines = tuple(textwrap.wrap(part.title, CHARS_PER_LINE))
            labels.append(PartLabel(part, y + LABEL_TOP, lines, colour_of[part.id], len(members), sum(t.hours for t in members)))
            y += LABEL_TOP + len(lines) * LINE_HEIGHT + LABEL_BOTTOM
        for topic in members:
            lines = tuple(textwrap.wrap(topic.title, CHARS_PER_LINE)) or ("",)
            # Arrows from nearer lanes enter higher, so an arrow rarely crosses a lane that ends below it.
            incoming = sorted(topic.requires, key=lambda r: lane_x[r], reverse=True)
            height = max(len(lines) * LINE_HEIGHT + META_HEIGHT + 2 * BOX_PADDING,
                         ENTRY_TOP + len(incoming) * ENTRY_GAP + EXIT_BOTTOM + ENTRY_GAP)
            for n, required in enumerate(incoming):
                entries[(required, topic.id)] = y + ENTRY_TOP + n * ENTRY_GAP
            exits[topic.id] = y + height - EXIT_BOTTOM
            nodes.append(Node(topic, box_x, y, BOX_WIDTH, height, lines, colour_of.get(topic.part)))
            y += height + ROW_GAP

    lanes = tuple(
        Lane(t.id, lane_x[t.id], exits[t.id], entries[(t.id, dependents[t.id][-1].id)])
        for t in ordered if dependents[t.id]
    )
    edges = tuple(
        Edge(required, topic.id, lane_x[required], box_x, entries[(required, topic.id)])
        for topic in ordered for required in topic.requires
    )
    return MapLayout(tuple(nodes), lanes, edges, tuple(labels), box_x + BOX_WIDTH, max(y - ROW_GAP, 0), box_x, colour_of)
