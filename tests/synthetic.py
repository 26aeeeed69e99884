"""Synthetic syllabi for tests, screenshots and `make bench`: random DAGs of realistic shape.

Topic i requires up to three of the twenty topics created just before it; with parts, topics are
split into consecutive blocks, so every prerequisite lies in the same part or an earlier one. The
file order is shuffled, so the reading order has real work to do.
"""

from __future__ import annotations

import yaml

WORDS = ("linear", "maps", "eigenvalues", "of", "and", "the", "gradient", "probability", "spaces", "convex",
         "stochastic", "matrix", "calculus", "estimation", "kernels", "duality", "variational", "inference",
         "orthogonal", "projections", "random", "fields", "theory", "methods", "a", "first", "look", "at")


def synthetic_syllabus(n, rng, parts=0):
    """A syllabus.yml as a dict: `n` topics, in `parts` parts (0: none)."""
    topics = []
    for i in range(n):
        earlier = list(range(max(0, i - 20), i))
        requires = rng.sample(earlier, k=min(len(earlier), rng.randint(0, 3)))
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        topic = {"id": f"topic-{i}", "title": f"Topic {i}: {words}", "requires": [f"topic-{r}" for r in requires],
                 "hours": rng.randint(1, 40), "summary": f"What topic {i} gives a learner."}
        if parts:
            topic = {"id": topic["id"], "title": topic["title"], "part": f"part-{i * parts // n}", **topic}
        topics.append(topic)
    rng.shuffle(topics)
    syllabus = {"title": f"Synthetic syllabus of {n} topics", "topics": topics}
    if parts:
        syllabus = {"title": syllabus["title"],
                    "parts": [{"id": f"part-{p}", "title": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {p}"} for p in range(parts)],
                    "topics": topics}
    return syllabus


def synthetic_syllabus_yaml(n, rng, parts=0):
    return yaml.safe_dump(synthetic_syllabus(n, rng, parts), sort_keys=False)


def synthetic_page(topic_id):
    """A topic page with the sections and one well-formed resource."""
    return (f"## Why it matters for machine learning\n\nSome prose about {topic_id}.\n\n"
            f"## Resources\n\n- [A resource](https://example.org/{topic_id}) · *book · free · 10 h · ch. 1* · Why it is good.\n")
