"""Reading order, paths and layers of the prerequisite graph."""

from mathforml.graph import SyllabusGraph, find_cycle
from mathforml.syllabus import Syllabus, Topic


def syllabus(*topics):
    """topics: (id, [requires], hours) tuples, in file order."""
    return Syllabus("T", "", tuple(Topic(i, i.upper(), tuple(r), h, "s", f"topics/{i}.md") for i, r, h in topics))


def ids(topics):
    return [t.id for t in topics]


def is_topological(graph):
    seen = set()
    for topic in graph.reading_order:
        if not set(topic.requires) <= seen:
            return False
        seen.add(topic.id)
    return True


def test_independent_topics_keep_file_order():
    graph = SyllabusGraph(syllabus(("c", [], 1), ("a", [], 1), ("b", [], 1)))
    assert ids(graph.reading_order) == ["c", "a", "b"]


def test_prerequisite_moves_a_topic_later_but_ties_follow_the_file():
    # 'first' needs 'late', which the file lists last; 'other' stays where the file put it.
    graph = SyllabusGraph(syllabus(("first", ["late"], 1), ("other", [], 1), ("late", [], 1)))
    assert ids(graph.reading_order) == ["other", "late", "first"]
    assert is_topological(graph)


def test_tie_break_prefers_the_earliest_ready_topic_each_time():
    graph = SyllabusGraph(syllabus(("a", [], 1), ("x", ["a"], 1), ("b", [], 1), ("y", ["b"], 1)))
    assert ids(graph.reading_order) == ["a", "x", "b", "y"]


DIAMOND = syllabus(("top", [], 1), ("left", ["top"], 2), ("right", ["top"], 3), ("bottom", ["left", "right"], 4), ("alone", [], 5))


def test_diamond_path_lists_each_prerequisite_once():
    graph = SyllabusGraph(DIAMOND)
    assert ids(graph.prerequisites_of("bottom")) == ["top", "left", "right"]
    assert ids(graph.path_to("bottom")) == ["top", "left", "right", "bottom"]
    assert sum(t.hours for t in graph.path_to("bottom")) == 10
    assert ids(graph.prerequisites_of("top")) == []


def test_diamond_layers_and_neighbours():
    graph = SyllabusGraph(DIAMOND)
    assert [ids(layer) for layer in graph.layers] == [["top", "alone"], ["left", "right"], ["bottom"]]
    assert ids(graph.dependents_of("top")) == ["left", "right"]
    assert ids(graph.requires_of("bottom")) == ["left", "right"]
    assert graph.step == {"top": 1, "left": 2, "right": 3, "bottom": 4, "alone": 5}
    assert graph.total_hours == 15


def test_long_chain():
    n = 2000
    chain = syllabus(*[(f"t{i}", [f"t{i - 1}"] if i else [], 1) for i in reversed(range(n))])
    graph = SyllabusGraph(chain)
    assert ids(graph.reading_order) == [f"t{i}" for i in range(n)]
    assert len(graph.layers) == n
    assert len(graph.prerequisites_of(f"t{n - 1}")) == n - 1


def test_layer_is_longest_path_not_shortest():
    graph = SyllabusGraph(syllabus(("a", [], 1), ("b", ["a"], 1), ("c", ["a", "b"], 1)))
    assert [ids(layer) for layer in graph.layers] == [["a"], ["b"], ["c"]]


def test_find_cycle_none_for_a_dag():
    assert find_cycle(DIAMOND) is None


def test_find_cycle_reads_as_requires_chain():
    cyclic = syllabus(("a", ["c"], 1), ("b", ["a"], 1), ("c", ["b"], 1))
    cycle = find_cycle(cyclic)
    assert cycle == ["a", "c", "b", "a"]
    by_id = {t.id: t for t in cyclic.topics}
    assert all(cycle[i + 1] in by_id[cycle[i]].requires for i in range(len(cycle) - 1))


def test_github_pages_url_follows_the_repository():
    from mathforml.repository import github_pages_url

    assert github_pages_url("https://github.com/mathforml/mathforml") == "https://mathforml.github.io/mathforml/"
    assert github_pages_url("https://github.com/Ada-L/my-syllabus.git") == "https://ada-l.github.io/my-syllabus/"
    assert github_pages_url("https://github.com/ada/ada.github.io/") == "https://ada.github.io/"
    assert github_pages_url("https://gitlab.com/ada/syllabus") is None


def test_hours_are_written_plainly():
    from mathforml.render import format_hours

    assert [format_hours(h) for h in (60, 2.5, 1 / 3, 250000, 10000.0)] == ["60", "2.5", "0.33", "250000", "10000"]
