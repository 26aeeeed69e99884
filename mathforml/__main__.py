"""`python -m mathforml check`: validate syllabus.yml and check its pages' content, without building the site.
`python -m mathforml new-topic ID --title ...`: add a topic to syllabus.yml and write its page; with --from-env
(what make topic runs), ID, title, part, requires and hours come from MATHFORML_ID, MATHFORML_TITLE and so on."""

import argparse
import os
import sys

from mathforml.annotations import content_commands, workflow_commands
from mathforml.content import check_content, errors_and_warnings
from mathforml.graph import SyllabusGraph
from mathforml.render import format_hours
from mathforml.resources import load_resources
from mathforml.scaffold import new_topic
from mathforml.syllabus import SyllabusError, load_syllabus, printable


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mathforml")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate syllabus.yml and its pages, and print the reading order")
    check.add_argument("syllabus", nargs="?", default="syllabus.yml")
    check.add_argument("--docs", default="docs", help="the docs directory (default: docs)")
    new = commands.add_parser("new-topic", help="add a topic to syllabus.yml, in its part, and write its page")
    new.add_argument("id", nargs="?", help="the new topic's id: lowercase letters, digits and dashes")
    new.add_argument("--title")
    new.add_argument("--part", help="the part's id (required when syllabus.yml lists parts)")
    new.add_argument("--requires", default="", help="ids of the topics to study first, separated by commas")
    new.add_argument("--hours", type=float, default=10)
    new.add_argument("--summary", help="one sentence on what the topic gives a learner")
    new.add_argument("--syllabus", default="syllabus.yml")
    new.add_argument("--docs", default="docs")
    new.add_argument("--from-env", action="store_true",
                     help="take id, title, part, requires and hours from MATHFORML_ID, MATHFORML_TITLE, ... (make topic)")
    args = parser.parse_args(argv)

    if args.command == "new-topic":
        return _new_topic(args, new)

    try:
        syllabus = load_syllabus(args.syllabus, args.docs)
        resources = load_resources(syllabus, args.docs)
    except SyllabusError as error:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(workflow_commands(error)))
        print("\n".join(f"error: {problem}" for problem in str(error).splitlines()), file=sys.stderr)
        return 1
    problems = check_content(syllabus, args.docs, resources)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(content_commands(problems)))
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)
    errors, warnings = errors_and_warnings(problems)
    if errors:
        print(f"{len(errors)} content error{'s' if len(errors) != 1 else ''} and {len(warnings)} warning"
              f"{'s' if len(warnings) != 1 else ''}: fix the errors (docs/customize.md, 'The content rules').", file=sys.stderr)
        return 1
    graph = SyllabusGraph(syllabus)
    for step, topic in enumerate(graph.reading_order, start=1):
        print(f"{step:>3}. {printable(topic.title)} ({format_hours(topic.hours)} h)")
    count = sum(len(r) for r in resources.values())
    print(f"{args.syllabus} is valid: {len(syllabus.topics)} topics, {format_hours(graph.total_hours)} hours, {count} resources; "
          f"the pages meet the content rules, with {len(warnings)} warning{'s' if len(warnings) != 1 else ''}.")
    return 0


MAKE_USAGE = 'Usage: make topic ID=my-topic TITLE="My Topic" [PART=part-id] [REQUIRES=a,b] [HOURS=10]'


def _new_topic(args, parser):
    if args.from_env:
        # make passes the values as typed, so no shell ever reads them (see the Makefile's topic target).
        value = {name: os.environ.get(f"MATHFORML_{name.upper()}", "") for name in ("id", "title", "part", "requires", "hours")}
        if not value["id"] or not value["title"]:
            print(MAKE_USAGE)
            return 2
        args.id, args.title, args.part, args.requires = value["id"], value["title"], value["part"], value["requires"]
        if value["hours"]:
            try:
                args.hours = float(value["hours"])
            except ValueError:
                print(f"error: new topic: HOURS must be a number of hours, like 8, not '{printable(value['hours'])}'.", file=sys.stderr)
                return 1
    elif args.id is None or args.title is None:
        parser.error("new-topic needs an id and --title (or --from-env)")
    requires = [r.strip() for r in args.requires.split(",") if r.strip()]
    try:
        print(new_topic(args.syllabus, args.docs, args.id, args.title, requires, args.part or None, args.hours, args.summary))
    except SyllabusError as error:
        print("\n".join(f"error: {problem}" for problem in str(error).splitlines()), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
