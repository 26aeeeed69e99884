"""Problems as GitHub Actions workflow commands, so each shows on its file and line in a pull request."""

from __future__ import annotations


def _escape(text, property_value=False):
    # The escapes GitHub's runner reads back (actions/toolkit, command.ts).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def workflow_commands(error):
    """One '::error file=…,line=…::message' line per problem of a SyllabusError."""
    lines = []
    for file, line, message in error.locations():
        properties = [f"file={_escape(file, True)}"] if file else []
        if line:
            properties.append(f"line={line}")
        properties.append("title=Syllabus problem")
        lines.append(f"::error {','.join(properties)}::{_escape(message)}")
    return lines


def content_commands(problems):
    """One '::error …' or '::warning …' line per ContentProblem, titled with its rule."""
    lines = []
    for problem in problems:
        properties = [f"file={_escape(problem.file, True)}"]
        if problem.line:
            properties.append(f"line={problem.line}")
        properties.append(f"title={_escape('Content rule ' + problem.rule, True)}")
        lines.append(f"::{problem.severity} {','.join(properties)}::{_escape(str(problem))}")
    return lines
