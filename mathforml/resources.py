"""Resources as data: the list under '## Resources' on each topic page, read into records.

The Markdown list stays what a forker edits; the build reads every item, refuses a malformed one
with its file and line, publishes the records in syllabus.json and puts a Done box on each item.
One item, on one line (it may wrap onto following lines):

    - [Title](https://address) by Authors · *kind · cost · effort · pointer* · What it is best for.

'by Authors', the pointer (the part of the resource this topic needs) and the note are optional.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from mathforml.syllabus import Problems, SyllabusError, visible

HEADING = "Resources"
KINDS = ("book", "course", "video series", "video", "notes", "interactive", "reference", "paper", "tutorial")
COSTS = ("free", "free to audit", "paid")
FORMAT = "- [Title](https://address) by Author · *kind · cost · effort · pointer* · What it is best for."
SEPARATOR = " · "
MAX_HOURS = 10_000  # as for a topic's hours (syllabus.schema.json)

# A topic page over this size is refused before MkDocs reads it: the largest real page is under 14 KB,
# and some hostile Markdown (thousands of unclosed tags) costs the renderer and search far more than its size.
MAX_PAGE_BYTES = 64_000
_HEADING_START = re.compile(r"(#{1,6})\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ITEM_START = re.compile(r"^[-*+]\s+")
# A line that opens a Markdown block of its own rather than continuing the item above it.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|```|~~~|<|#|>|\||!!!|\?\?\?)")
_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_REST = re.compile(r"^(?: by (?P<authors>.+?))? · \*(?P<meta>[^*]+)\*(?: · (?P<note>.+))?$")
_EFFORT = re.compile(r"^(?P<number>\d+(?:\.\d+)?) ?(?P<unit>h|min)$")


@dataclass(frozen=True)
class Resource:
    key: str  # "<topic id>|<address>|<pointer>": unique per topic, stable when the list is reordered
    title: str
    url: str
    authors: str
    kind: str
    cost: str
    hours: float
    pointer: str
    note: str
    line: int  # 1-based, in the page's source file
    effort: str = ""  # as the page writes it, '40 min' or '1.5 h': every page shows it so


@dataclass(frozen=True)
class _Item:
    first: int  # 0-based index of the bullet's line
    text: str  # the item without its bullet, continuation lines joined


def _heading(line):
    """(level, title) of an ATX heading line, or None; the title without a closing '#' run or {attribute list}.

    Plain string work, not one regex: the regex's adjacent optional spaces backtracked polynomially on a
    line of many spaces."""
    start = _HEADING_START.match(line)
    if not start:
        return None
    title = line[start.end():].rstrip().rstrip("#").rstrip()
    if title.endswith("}"):
        # The attribute list holds no '}': it opens at the first '{' after the last inner '}'.
        brace = title.find("{", title.rfind("}", 0, -1) + 1)
        if brace != -1:
            title = title[:brace].rstrip()
    return len(start[1]), title


def _body_start(lines):
    """The index of the first line after the page's front matter (0 without front matter)."""
    if lines and lines[0].strip() == "---":
        return next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    return 0


def _sections(lines):
    """(level, title, index) of each heading outside code blocks, front matter skipped."""
    fenced = False
    for index in range(_body_start(lines), len(lines)):
        if _FENCE.match(lines[index]):
            fenced = not fenced
            continue
        heading = None if fenced else _heading(lines[index])
        if heading:
            yield *heading, index


def _items(text, name):
    """The Resources section's heading line (0-based) and its items."""
    lines = text.splitlines()
    headings = list(_sections(lines))
    found = [(level, index) for level, title, index in headings if level == 2 and title == HEADING]
    if not found:
        raise SyllabusError(
            f"{name}: no '## {HEADING}' heading. The build reads a topic's resources from the list under a level-2 "
            f"heading named exactly '{HEADING}': rename your heading to '## {HEADING}' or add one."
        )
    if len(found) > 1:
        raise SyllabusError(
            f"{name}:{found[1][1] + 1}: a second '## {HEADING}' heading (the first is on line {found[0][1] + 1}). "
            f"Keep one list of resources per page."
        )
    heading = found[0][1]
    end = next((index for level, _, index in headings if index > heading and level <= 2), len(lines))
    items, open_item, unread, unread_run = [], False, Problems(), False
    for index in range(heading + 1, end):
        line = lines[index]
        if not line.strip():
            open_item = unread_run = False  # a blank line ends an item (Markdown's lazy continuation stops there)
        elif _ITEM_START.match(line):
            items.append(_Item(index, _ITEM_START.sub("", line, count=1).strip()))
            open_item, unread_run = True, False
        elif open_item and not _BLOCK_START.match(line):
            items[-1] = _Item(items[-1].first, f"{items[-1].text} {line.strip()}")
        elif not _BLOCK_START.match(line):
            unread_run = False  # a paragraph of prose; its links are checked where the page is rendered
        elif unread_run:
            continue  # one message for a run of such lines
        else:
            unread_run = True
            # Markdown would render it (an indented or numbered item, a code block, HTML...) where
            # this reading does not look: refused, so that what is read is what is shown.
            unread.add(SyllabusError(
                f"{name}:{index + 1}: the build cannot read this line of the '{HEADING}' section as part of a resource "
                f"({_what_line_is(line)}). The section holds only its list: start each resource at the beginning of a "
                f"line with '- ', and move other blocks out of the section."
            ))
    unread.raise_any()
    if not items:
        raise SyllabusError(
            f"{name}:{heading + 1}: the '## {HEADING}' section has no list. List each resource on a line starting "
            f"with '- ', like - [Title](https://address) · *book · free · 8 h* · What it is best for."
        )
    return items


def _what_line_is(line):
    text = line.strip()
    if re.match(r"\d{1,9}[.)]\s", text):
        return "a numbered item"
    if re.match(r"[-*+]\s", text):
        return "an item that does not start at the beginning of the line"
    if text.startswith(("```", "~~~")):
        return "a code block"
    if text.startswith("<"):
        return "HTML"
    return "a block of its own"


def _did_you_mean(word, options):
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _hours(effort):
    match = _EFFORT.match(effort)
    if not match or float(match["number"]) <= 0:
        return None
    number = float(match["number"])
    return number if match["unit"] == "h" else number / 60


def _parse_item(item, topic_id, name):
    where = f"{name}:{item.first + 1}"
    link = _LINK.match(item.text)
    if not link:
        raise SyllabusError(f"{where}: this resource has no link at its start. Write each resource as {FORMAT}")
    title, url = link["title"].strip(), link["url"]
    if not visible(title):
        raise SyllabusError(f"{where}: this resource's title shows nothing (it is empty, spaces or invisible characters). "
                            f"Write the resource's name between the brackets: [Title](https://address).")
    shown = title if len(title) <= 80 else title[:77] + "..."  # a message quotes a long value in part
    where = f"{where}: resource '{shown}'"
    rest = _REST.match(item.text[link.end():])
    if not rest:
        raise SyllabusError(f"{where}: after the link (and 'by' authors) comes ' · *kind · cost · effort*'. Write each resource as {FORMAT}")
    fields = [field.strip() for field in rest["meta"].split("·")]
    if len(fields) < 3:
        raise SyllabusError(
            f"{where}: the italic part has no effort. Write it as *kind · cost · effort* or "
            f"*kind · cost · effort · pointer*, like *book · free · 8 h · ch. 5*."
        )
    if len(fields) > 4:
        raise SyllabusError(f"{where}: the italic part has {len(fields)} fields; it takes kind · cost · effort and an optional pointer.")
    kind, cost, effort = fields[:3]
    pointer = fields[3] if len(fields) == 4 else ""
    if kind not in KINDS:
        raise SyllabusError(f"{where}: unknown kind '{kind}'.{_did_you_mean(kind, KINDS)} Kinds: {', '.join(KINDS)}.")
    if cost not in COSTS:
        raise SyllabusError(f"{where}: unknown cost '{cost}'.{_did_you_mean(cost, COSTS)} Costs: {', '.join(COSTS)}.")
    hours = _hours(effort)
    if hours is None:
        raise SyllabusError(f"{where}: the effort '{effort}' is not a number of hours. Write it like '12 h', '1.5 h' or '40 min'.")
    if hours > MAX_HOURS:
        raise SyllabusError(f"{where}: the effort '{effort}' is over {MAX_HOURS:,} hours, the most a topic may take. "
                            f"Write the time for the part this topic needs.")
    shown_url = url if len(url) <= 100 else url[:97] + "..."
    if not url.startswith("https://"):
        raise SyllabusError(f"{where}: the address '{shown_url}' is not https. Link the https address; every resource is linked over https.")
    try:
        host = urlsplit(url).netloc
    except ValueError:  # such as an unclosed '[' of an IPv6 host
        raise SyllabusError(f"{where}: '{shown_url}' is not a valid address. Copy the address from the browser's address bar.") from None
    if "@" in host:
        raise SyllabusError(f"{where}: the address '{shown_url}' has a user name in it (before '@'), which can disguise "
                            f"where it leads. Link the address without it.")
    return Resource(
        key=f"{topic_id}|{url}|{pointer}", title=title, url=url, authors=" ".join((rest["authors"] or "").split()),
        kind=kind, cost=cost, hours=hours, pointer=pointer, note=(rest["note"] or "").strip(), line=item.first + 1,
        effort=effort,
    )


def parse_resources(text, topic_id, name):
    """The resources of a topic page's text, in page order; `name` is the page as the error messages call it.

    Every malformed item of the page is reported, not just the first."""
    resources, seen, problems = [], {}, Problems()
    for item in _items(text, name):
        try:
            resource = _parse_item(item, topic_id, name)
        except SyllabusError as error:
            problems.add(error)
            continue
        if resource.key in seen:
            pointer = f"with pointer '{resource.pointer}'" if resource.pointer else "with no pointer"
            problems.add(SyllabusError(
                f"{name}:{resource.line}: resource '{resource.title}': {resource.url} {pointer} is already listed on "
                f"line {seen[resource.key]}. Remove one, or give each its own pointer."
            ))
            continue
        seen[resource.key] = resource.line
        resources.append(resource)
    problems.raise_any()
    return tuple(resources)


def with_done_boxes(markdown, resources, name):
    """The page's Markdown with a Done box (shown only when scripts run: it needs the progress script) before each resource.

    `resources` are the page's records from load_resources, in page order, so no item is parsed twice."""
    lines = markdown.splitlines()
    for item, resource in zip(_items(markdown, name), resources, strict=True):
        box = (f'<input type="checkbox" class="syllabus-resource-done syllabus-needs-js" data-progress-resource="{escape(resource.key)}" '
               f'aria-label="Done: {escape(resource.title)}">')
        bullet = _ITEM_START.match(lines[item.first]).group()
        lines[item.first] = bullet + box + " " + lines[item.first][len(bullet):]
    return "\n".join(lines) + "\n"


def load_resources(syllabus, docs_dir):
    """Each topic id's resources, read from its page under `docs_dir` (check_pages has seen them all exist).

    The problems of every page come in one error."""
    resources, problems = {}, Problems()
    for topic in syllabus.topics:
        try:
            path = Path(docs_dir) / topic.page
            size = path.stat().st_size
            if size > MAX_PAGE_BYTES:
                raise SyllabusError(
                    f"docs/{topic.page}: the page is {size:,} bytes; a topic page may have at most {MAX_PAGE_BYTES:,}. "
                    f"Shorten it, or split it into more topics."
                )
            try:
                text = path.read_text(encoding="utf-8-sig")  # as MkDocs reads it: a byte-order mark is not text
            except UnicodeDecodeError as error:
                raise SyllabusError(f"docs/{topic.page}: the page is not UTF-8 text (byte {error.start + 1} cannot "
                                    f"be read). Save it as UTF-8.") from None
            resources[topic.id] = parse_resources(text, topic.id, f"docs/{topic.page}")
        except SyllabusError as error:
            problems.add(error)
    problems.raise_any()
    return resources
