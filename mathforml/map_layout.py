"""Positions for the prerequisite map: one row per layer, with arrows that never pass behind a box.

A layered (Sugiyama-style) drawing: an arrow that skips rows gets a waypoint in each row it
crosses, and those waypoints take part in the ordering like small nodes, so they find a gap.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

NODE_WIDTH = 150
WAYPOINT_WIDTH = 10
LINE_HEIGHT = 18
NODE_PADDING = 12
COLUMN_GAP = 16
ROW_GAP = 56
CHARS_PER_LINE = 18
# An arrow spanning more rows than this is drawn directly rather than threaded through a gap in each
# row: it keeps the layout linear in topics plus prerequisites on very deep syllabi (make bench).
MAX_ROUTED_SPAN = 8


@dataclass(frozen=True)
class Node:
    topic: object
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Edge:
    source: str  # the prerequisite
    target: str  # the topic that requires it
    path: str  # SVG path data


@dataclass(frozen=True)
class MapLayout:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    width: float
    height: float


def _rows_crossed(source_row, target_row):
    """Rows an arrow threads through on its way down, or none for a direct one."""
    if target_row - source_row > MAX_ROUTED_SPAN:
        return range(0)
    return range(source_row + 1, target_row)


def _rows(graph):
    """Each row: topics and waypoints (source, target) ordered by the mean position of what feeds them."""
    depth = graph.depth
    waypoints = [[] for _ in graph.layers]
    for topic in graph.reading_order:
        for required in topic.requires:
            for row in _rows_crossed(depth[required], depth[topic.id]):
                waypoints[row].append((required, topic.id))
    position, rows = {}, []
    for d, layer in enumerate(graph.layers):
        def upper(item):
            if isinstance(item, tuple):  # a waypoint: fed by the one above it, or by its source
                source, target = item
                return [position.get((source, target, d - 1), position.get(source, 0))]
            return [position.get((r, item.id, d - 1), position[r]) for r in item.requires]

        items = list(layer) + waypoints[d]
        keys = {}
        for order, item in enumerate(items):
            above = upper(item)
            keys[id(item)] = (sum(above) / len(above) if above else -1.0, order)
        row = sorted(items, key=lambda item: keys[id(item)])
        for index, item in enumerate(row):
            position[(item[0], item[1], d) if isinstance(item, tuple) else item.id] = index / max(len(row) - 1, 1)
        rows.append(row)
    return rows


def _row_width(row):
    return sum(WAYPOINT_WIDTH if isinstance(i, tuple) else NODE_WIDTH for i in row) + COLUMN_GAP * (len(row) - 1)


def map_layout(graph):
    rows = _rows(graph)
    width = max((_row_width(row) for row in rows), default=0)
    nodes, by_id, lanes = [], {}, {}
    y = 0.0
    for d, row in enumerate(rows):
        titles = {t.id: tuple(textwrap.wrap(t.title, CHARS_PER_LINE)) or ("",) for t in row if not isinstance(t, tuple)}
        height = max((len(lines) for lines in titles.values()), default=1) * LINE_HEIGHT + LINE_HEIGHT + 2 * NODE_PADDING
        x = (width - _row_width(row)) / 2
        for item in row:
            if isinstance(item, tuple):
                lanes[(item[0], item[1], d)] = (x + WAYPOINT_WIDTH / 2, y, y + height)
                x += WAYPOINT_WIDTH + COLUMN_GAP
            else:
                node = Node(item, x, y, NODE_WIDTH, height, titles[item.id])
                nodes.append(node)
                by_id[item.id] = node
                x += NODE_WIDTH + COLUMN_GAP
        y += height + ROW_GAP
    total_height = max(y - ROW_GAP, 0)

    def curve(x1, y1, x2, y2):
        bend = (y2 - y1) / 2
        return f" C{x1:g},{y1 + bend:g} {x2:g},{y2 - bend:g} {x2:g},{y2:g}"

    edges = []
    depth = graph.depth
    for node in nodes:
        for required in graph.requires_of(node.topic.id):
            start = by_id[required.id]
            x, y = start.x + start.width / 2, start.y + start.height
            path = f"M{x:g},{y:g}"
            for row in _rows_crossed(depth[required.id], depth[node.topic.id]):
                lane_x, top, bottom = lanes[(required.id, node.topic.id, row)]
                path += curve(x, y, lane_x, top) + f" L{lane_x:g},{bottom:g}"
                x, y = lane_x, bottom
            path += curve(x, y, node.x + node.width / 2, node.y - 4)
            edges.append(Edge(required.id, node.topic.id, path))
    return MapLayout(tuple(nodes), tuple(edges), width, total_height)
