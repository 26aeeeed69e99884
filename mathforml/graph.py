"""The prerequisite graph: reading order, paths to a goal, layers for the map."""

from __future__ import annotations

import graphlib
import heapq
from functools import cached_property


def _sorter(topics):
    # graphlib wants each node with its predecessors, which here are its prerequisites.
    return graphlib.TopologicalSorter({t.id: t.requires for t in topics})


def find_cycle(syllabus):
    """Ids of one prerequisite cycle as 'a requires b requires ... requires a', or None."""
    try:
        _sorter(syllabus.topics).prepare()
    except graphlib.CycleError as error:
        # graphlib lists each node before the node that requires it; we read 'a requires b'.
        cycle = list(reversed(error.args[1][1:]))
        position = {t.id: i for i, t in enumerate(syllabus.topics)}
        start = min(range(len(cycle)), key=lambda i: position[cycle[i]])
        cycle = cycle[start:] + cycle[:start]
        return cycle + [cycle[0]]
    return None


class SyllabusGraph:
    """Derived views of a validated, acyclic syllabus."""

    def __init__(self, syllabus):
        self.syllabus = syllabus
        self.by_id = {t.id: t for t in syllabus.topics}
        self.by_page = {t.page: t for t in syllabus.topics}

    @cached_property
    def reading_order(self):
        """Topological order; among topics that are ready together, the one of the earlier part first,
        then the one earlier in the file.

        Topics only require topics of their own or earlier parts (syllabus.py checks it), so each part
        comes out as one contiguous stretch: a ready topic of an earlier part always exists while that
        part is unfinished, and it wins every tie.
        """
        part_position = {p.id: i for i, p in enumerate(self.syllabus.parts)}
        file_position = {t.id: (part_position.get(t.part, 0), i) for i, t in enumerate(self.syllabus.topics)}
        sorter = _sorter(self.syllabus.topics)
        sorter.prepare()
        ready = [(file_position[i], i) for i in sorter.get_ready()]
        heapq.heapify(ready)
        order = []
        while ready:
            _, topic_id = heapq.heappop(ready)
            order.append(self.by_id[topic_id])
            sorter.done(topic_id)
            for newly_ready in sorter.get_ready():
                heapq.heappush(ready, (file_position[newly_ready], newly_ready))
        return tuple(order)

    @cached_property
    def step(self):
        """1-based step number of each topic id in the reading order."""
        return {t.id: n for n, t in enumerate(self.reading_order, start=1)}

    @cached_property
    def _dependents(self):
        dependents = {t.id: [] for t in self.syllabus.topics}
        for topic in self.reading_order:
            for required in topic.requires:
                dependents[required].append(topic)
        return dependents

    def requires_of(self, topic_id):
        """Direct prerequisites, in reading order."""
        return tuple(sorted((self.by_id[r] for r in self.by_id[topic_id].requires), key=lambda t: self.step[t.id]))

    def dependents_of(self, topic_id):
        """Topics that directly require this one, in reading order."""
        return tuple(self._dependents[topic_id])

    def prerequisites_of(self, topic_id):
        """Every topic needed before this one (transitively), in reading order, itself excluded."""
        seen, stack = set(), list(self.by_id[topic_id].requires)
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.by_id[current].requires)
        return tuple(sorted((self.by_id[i] for i in seen), key=lambda t: self.step[t.id]))

    def path_to(self, topic_id):
        """The prerequisites of a goal followed by the goal itself."""
        return self.prerequisites_of(topic_id) + (self.by_id[topic_id],)

    @cached_property
    def depth(self):
        """Each topic id's layer: 0 needs nothing, k needs something from layer k-1 (longest chain)."""
        depth = {}
        for topic in self.reading_order:
            depth[topic.id] = 1 + max((depth[r] for r in topic.requires), default=-1)
        return depth

    @cached_property
    def layers(self):
        """Topics grouped by depth, each layer in reading order."""
        grouped = [[] for _ in range(max(self.depth.values(), default=-1) + 1)]
        for topic in self.reading_order:
            grouped[self.depth[topic.id]].append(topic)
        return tuple(tuple(layer) for layer in grouped)

    @cached_property
    def parts_in_order(self):
        """(part, its topics in reading order) for each part; a syllabus without parts gives one (None, all)."""
        if not self.syllabus.parts:
            return ((None, self.reading_order),)
        grouped = {p.id: [] for p in self.syllabus.parts}
        for topic in self.reading_order:
            grouped[topic.part].append(topic)
        return tuple((p, tuple(grouped[p.id])) for p in self.syllabus.parts)

    @cached_property
    def part_by_id(self):
        return {p.id: p for p in self.syllabus.parts}

    def part_hours(self, part_id):
        return sum(t.hours for t in self.syllabus.topics if t.part == part_id)

    @cached_property
    def total_hours(self):
        return sum(t.hours for t in self.syllabus.topics)
