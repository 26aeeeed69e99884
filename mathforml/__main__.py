"""`python -m mathforml check`: validate syllabus.yml without building the site."""

import argparse
import os
import sys

from mathforml.annotations import workflow_commands
from mathforml.graph import SyllabusGraph
from mathforml.render import format_hours
from mathforml.resources import load_resources
from mathforml.syllabus import SyllabusError, load_syllabus


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mathforml")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate syllabus.yml and its pages, and print the reading order")
    check.add_argument("syllabus", nargs="?", default="syllabus.yml")
    check.add_argument("--docs", default="docs", help="the docs directory (default: docs)")
    args = parser.parse_args(argv)

    try:
        syllabus = load_syllabus(args.syllabus, args.docs)
        resources = load_resources(syllabus, args.docs)
    except SyllabusError as error:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(workflow_commands(error)))
        print("\n".join(f"error: {problem}" for problem in str(error).splitlines()), file=sys.stderr)
        return 1
    graph = SyllabusGraph(syllabus)
    for step, topic in enumerate(graph.reading_order, start=1):
        print(f"{step:>3}. {topic.title} ({format_hours(topic.hours)} h)")
    count = sum(len(r) for r in resources.values())
    print(f"{args.syllabus} is valid: {len(syllabus.topics)} topics, {format_hours(graph.total_hours)} hours, {count} resources.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
