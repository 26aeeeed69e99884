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


def synthetic_page(topic_id, resources=None):
    """A topic page that meets every content rule (mathforml/content.py) for any hours up to 10,000:
    its first resource takes a minute and the second 10,000 hours. `resources` replaces the list's lines."""
    resources = resources or [
        f"- [A resource](https://example.org/{topic_id}) · *book · free · 1 min · ch. 1* · Why it is good.",
        f"- [Another resource](https://example.org/{topic_id}/more) · *course · paid · 10000 h · all* · For the thorough.",
    ]
    solution = "    The worked answer, step by step, long enough to be a real solution and not a hint: first this, then that."
    return (f"## Why it matters for machine learning\n\nSome prose about {topic_id}.\n\n"
            "## Resources\n\n" + "\n".join(resources) + "\n\n"
            "## Worked exercises\n\n"
            f"**Exercise 1.** A first question.\n\n??? success \"Solution\"\n\n{solution}\n\n"
            f"**Exercise 2.** A second question.\n\n??? success \"Solution\"\n\n{solution}\n\n"
            "## You're ready when you can...\n\n- Do one thing.\n- Do another.\n- Do a third.\n")
