"""What a page's own HTML may not hold: script, styles, navigation and other documents.

Author content arrives by pull request. Markdown passes raw HTML through, so a topic page could
carry a <script>, a <meta http-equiv="refresh"> that sends learners elsewhere, a <base> that
re-points every link, event attributes, or javascript: links. The content security policy blocks
scripts it did not hash, but not navigation; so the build refuses these, each on its page and line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that run code, restyle or re-point the page, or embed another document.
FORBIDDEN_TAGS = frozenset({"script", "style", "meta", "base", "link", "iframe", "frame", "frameset", "object",
                            "embed", "applet", "portal", "noscript", "template",
                            # SVG's: what animates an attribute into an address, or embeds a document
                            "set", "animate", "animatemotion", "animatetransform", "handler", "listener",
                            "foreignobject"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background"})
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*)\s*:", re.I)
FORBIDDEN_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
_LEADING = "".join(map(chr, range(0x21)))  # C0 controls and space, which a browser drops in front
# Elements left open nest ever deeper, and the theme's search index reads nesting in quadratic time
# (20,000 unclosed <b> take 17 s); no page of prose nests a hundred deep.
MAX_DEPTH = 100
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                  "mspace", "mprescripts", "none"})


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (what, tag text to find in the source)
        self.open = []
        self.too_deep = False

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        elif tag not in VOID:
            # A closing tag with no opening one closes the theme's elements around the page (its
            # <article>): the page would end where the theme's does not.
            self.found.append((f"a closing </{tag}> that closes nothing the page opened", f"</{tag}"))

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag not in VOID:
            self.open.append(tag)
            if len(self.open) > MAX_DEPTH and not self.too_deep:
                self.too_deep = True
                self.found.append((f"elements nested more than {MAX_DEPTH} deep (an unclosed <{tag}>?)", f"<{tag}"))

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        tag = tag.rsplit(":", 1)[-1]  # <s:script xmlns:s="..."> is a script in an XML document
        if tag in FORBIDDEN_TAGS:
            self.found.append((f"a <{tag}> element", f"<{tag}"))
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"the event attribute '{name}' on <{tag}>", name))
            elif name in URL_ATTRIBUTES and value and (scheme := _scheme(value)) in FORBIDDEN_SCHEMES:
                # What the source shows of it: up to the first character a browser drops.
                shown = re.split(r"[\x00-\x20&]", value.lstrip(_LEADING), maxsplit=1)[0]
                self.found.append((f"a {scheme}: address in '{name}' on <{tag}>", shown or name))


# Markup that Python's parser and a browser read differently: a browser ends '<![CDATA[' (outside
# SVG and MathML) and '<?' at the first '>', and '<!-->' or '<!--->' is an empty comment, where the
# parser reads on to ']]>' or '-->'; anything hidden that way would escape this reading.
_TWO_READINGS = re.compile(r"<!\[CDATA\[|<!---?>|<\?|<![^-]|--!>", re.I)
# What a browser ignores in an address before reading its scheme: tabs and line breaks anywhere,
# control characters and spaces in front.
_URL_IGNORED = re.compile(r"[\t\n\r]")


def _scheme(value):
    """The scheme of an address as a browser reads it, lower case, or None."""
    match = _SCHEME.match(_URL_IGNORED.sub("", value).lstrip(_LEADING))
    return match[1].lower() if match else None


def _unclosed_comment(html):
    start = 0
    while (opening := html.find("<!--", start)) >= 0:
        closing = html.find("-->", opening + 4)
        if closing < 0:
            return True
        start = closing + 3
    return False


def forbidden_html(html):
    """What of FORBIDDEN_TAGS, event attributes and script addresses the rendered `html` holds, in order.
    A comment left open is refused too: it hides the rest of the page from this reading but not from
    whatever closes it later in the finished page."""
    if _unclosed_comment(html):
        return [("an HTML comment that is never closed ('<!--' without '-->')", "<!--")]
    if two := _TWO_READINGS.search(html):
        return [(f"'{two[0]}', markup that browsers read otherwise than the build (CDATA, '<!-->', '<?' "
                 f"or '<!' without a comment)", two[0])]
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def lines_of(source, needles):
    """The 1-based line of each needle in `source` (case-insensitive), each found after the previous
    occurrence of the same needle, so that a repeated element is placed on its own line; None if absent."""
    text, after, lines = source.lower(), {}, []
    for needle in needles:
        index = text.find(needle.lower(), after.get(needle.lower(), 0))
        if index < 0:
            lines.append(None)
            continue
        after[needle.lower()] = index + 1
        lines.append(source.count("\n", 0, index) + 1)
    return lines


# What only the build writes: its block markers, the attributes the progress script reads, and the
# ids of its controls. Written in a page, they would duplicate a generated block or fake a control.
_GENERATED = re.compile(r"syllabus-block-|\bdata-(?:progress|syllabus|plan)\b|\bid\s*=\s*[\"']?(?:syllabus-|plan-|progress-)", re.I)


def forged_markers(source):
    """(line, text) of each place in a page's own source that writes what only the build may write."""
    return [(number, match.group()) for number, line in enumerate(source.splitlines(), start=1)
            for match in [_GENERATED.search(line)] if match]


class _Reading(HTMLParser):
    """What a reader of the rendered page sees: its level-2 headings, the links and Done boxes under
    the one named `heading`, and every plain-http address."""

    def __init__(self, heading):
        super().__init__(convert_charrefs=True)
        self.heading, self.headings = heading, 0
        self.in_h2 = self.in_section = self.in_headerlink = False
        self.h2_text, self.links, self.boxes, self.http = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2":
            self.in_h2, self.h2_text, self.in_section = True, [], False
        elif tag == "a" and "headerlink" in (attrs.get("class") or "").split():
            self.in_headerlink = True
        elif self.in_section:
            self.links += [value for name, value in attrs.items() if name in URL_ATTRIBUTES and value]
        if self.in_section and tag == "input" and "data-progress-resource" in attrs:
            self.boxes += 1
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES and value and _scheme(value) == "http":
                self.http.append(value.strip())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.in_headerlink = False

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_headerlink = False
        elif tag == "h2" and self.in_h2:
            self.in_h2 = False
            if " ".join("".join(self.h2_text).split()) == self.heading:
                self.headings += 1
                self.in_section = self.headings == 1

    def handle_data(self, data):
        if self.in_h2 and not self.in_headerlink:
            self.h2_text.append(data)


def rendered_resources(html, heading):
    """(how many level-2 headings read `heading`, the links under the first, its Done boxes, and every
    http: address of the page) as the rendered `html` shows them: what a reader sees, whatever the
    Markdown source looked like to a line-based reading."""
    reading = _Reading(heading)
    reading.feed(html)
    reading.close()
    return reading.headings, reading.links, reading.boxes, reading.http


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []

    def handle_starttag(self, tag, attrs):
        # As a browser reads them: character references decoded, after '/' as after a space.
        self.ids += [value for name, value in attrs if name == "id" and value is not None]

    handle_startendtag = handle_starttag


def ids_of(html):
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids


def duplicate_ids(html):
    """The ids that more than one element of the finished page carries, in order of first use: a page's
    heading or attribute list can give its own element the id of one of the build's controls."""
    seen, twice = set(), []
    for value in ids_of(html):
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


# Ids the theme ('__config', '__drawer', ...) and the build's controls use: a page's element with one
# of them comes first in the page, and a script looking the id up finds the page's.
RESERVED_ID = re.compile(r"__|syllabus-|plan-|progress-")


def reserved_ids(html):
    """The ids in a page's own content that the theme or the build reserve."""
    return [value for value in ids_of(html) if RESERVED_ID.match(value)]
