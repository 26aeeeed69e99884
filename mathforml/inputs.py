"""The files a build reads and the addresses it writes, checked before MkDocs reads anything.

A pull request can hold symbolic links: one under docs/ to /proc/self/environ would publish the
build machine's environment, one to a page outside the repository would publish that page. And two
sources at one address in the site overwrite each other without a word, or crash the build.
Every function here returns problems as text (syllabus.py words and raises them).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mathforml.page_html import forbidden_html

# Bytes of UTF-8, as file systems count them (most allow 255 in a name): a page is also written in
# site/ under its own name, and an address this long is one nobody types.
MAX_NAME = 100
MAX_PATH = 200
# Read by the build besides docs/ and the syllabus: beside the syllabus, in the project's folder.
PROJECT_INPUTS = ("mkdocs.yml", "overrides")

# What the build writes into the site besides docs/ (a folder ends in '/'), and who writes it.
GENERATED = {
    "syllabus.json": "the syllabus data the build writes (macros.py)",
    "javascripts/progress-data.json": "the progress data the build writes (macros.py)",
    "javascripts/progress.js": "the progress script the build joins from docs/javascripts/progress/ (hooks.py)",
    "sitemap.xml": "the sitemap MkDocs writes",
    "sitemap.xml.gz": "the sitemap MkDocs writes",
    "404.html": "the 'page not found' page the theme writes",
    "search/": "the folder of the search index (the search plugin)",
}


def long_name(path):
    """What is wrong with the length of a relative path or one of its names, or None."""
    for name in path.split("/"):
        size = len(name.encode("utf-8", "surrogateescape"))
        if size > MAX_NAME:
            return (f"the name {_start(name)} is {size} bytes long; at most {MAX_NAME} are allowed "
                    f"(a letter outside A-Z can take 2 to 4). Shorten it.")
    size = len(path.encode("utf-8", "surrogateescape"))
    if size > MAX_PATH:
        return f"the path is {size} bytes long; at most {MAX_PATH} are allowed. Shorten its names or its folders."
    return None


def _start(text, limit=40):
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit - 1]}…'"


def _link_problem(shown, path):
    try:
        target = f" (to {_start(os.readlink(path), 60)})"
    except OSError:
        target = ""
    return (f"{shown}: is a symbolic link{target}. The site is built only from files inside the repository: "
            f"replace the link with a copy of the file it names, or remove it.")


def _odd_problem(shown):
    return f"{shown}: is neither a file nor a folder (a device, socket or pipe). Remove it."


def check_files(project_dir, docs_dir, syllabus_path, inputs=PROJECT_INPUTS):
    """(problems, files): no symbolic link and nothing but files and folders under docs_dir, the syllabus
    or the project's inputs, and names within the limits; files are docs_dir's files, relative, with '/'."""
    problems, files = [], []
    for path, shown in [(Path(syllabus_path), Path(syllabus_path).name),
                        *((Path(project_dir) / name, name) for name in inputs)]:
        if path.is_symlink():
            problems.append(_link_problem(shown, path))
        elif path.is_dir():
            problems.extend(_walk(path, shown, []))
    docs_dir = Path(docs_dir)
    if docs_dir.is_symlink():
        problems.append(_link_problem("docs", docs_dir))
    elif docs_dir.is_dir():
        problems.extend(_walk(docs_dir, "docs", files))
    return problems, files


def _walk(root, shown_root, files):
    """The problems under the folder root, shown as shown_root/...; appends its files to files."""
    problems, stack = [], [""]
    while stack:
        relative = stack.pop()
        with os.scandir(Path(root) / relative if relative else root) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = f"{relative}/{entry.name}" if relative else entry.name
                shown = f"{shown_root}/{path}"
                too_long = long_name(path)
                if entry.is_symlink():
                    problems.append(_link_problem(_start(shown, 80)[1:-1], entry.path))
                elif too_long:
                    problems.append(f"{_start(shown, 80)[1:-1]}: {too_long}")
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(path)
                else:
                    problems.append(_odd_problem(shown))
    return problems


# Files a browser opens as a page or runs as a script, published as they are: none of the build's
# checks and no content security policy would stand between them and a learner's stored progress.
DOCUMENTS = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz", ".rss", ".atom", ".rdf",
             ".mml", ".xsd", ".kml")
SCRIPTS = (".js", ".mjs")
SCRIPTS_DIR = "javascripts/"  # the project's own scripts, reviewed as code
MAX_SVG_BYTES = 200_000


def served_file_problems(docs_dir, files):
    """What of the files under docs_dir would run in a learner's browser outside the build's checks."""
    problems = []
    for path in files:
        lower = path.lower()
        if lower.endswith(DOCUMENTS):
            problems.append(f"docs/{path}: a browser opens it as a page of this site, outside the build's checks and "
                            f"its content security policy. Write the page in Markdown (.md), or remove the file.")
        elif lower.endswith(SCRIPTS) and not path.startswith(SCRIPTS_DIR):
            problems.append(f"docs/{path}: a script outside docs/{SCRIPTS_DIR}, which holds the project's own "
                            f"scripts. Remove it, or propose it there as code.")
        elif lower.endswith(".svg"):
            full = Path(docs_dir) / path
            if full.stat().st_size > MAX_SVG_BYTES:
                problems.append(f"docs/{path}: the image is over {MAX_SVG_BYTES:,} bytes. Use a smaller one.")
                continue
            try:
                text = full.read_bytes().decode("utf-8")  # what the check reads is what a browser reads
            except UnicodeDecodeError:
                problems.append(f"docs/{path}: the image is not UTF-8 text, so the build cannot check it. Save it as UTF-8.")
                continue
            found = forbidden_html(text)
            if found:
                problems.append(f"docs/{path}: the image holds {found[0][0]}, which runs when the image is opened "
                                f"as a page. Remove it from the image.")
    return problems


def site_path(src, use_directory_urls=True):
    """Where MkDocs writes the file docs/<src> in the site (mkdocs.structure.files.File.dest_uri)."""
    if not src.endswith(".md"):
        return src
    parent, name = posixpath.split(src[:-3])
    name = "index" if name == "README" else name
    if not use_directory_urls or name == "index":
        return posixpath.join(parent, name + ".html")
    return posixpath.join(parent, name, "index.html")


def address(path):
    """The address, in the site, of the file written at path."""
    return (path.removesuffix("index.html") or "/") if path.endswith("index.html") else path


def collisions(entries):
    """The pairs (earlier, later) of entries (site path, *anything) that cannot both be in the site: one
    path, or a file where the other needs a folder. A folder reserved whole is a path ending in '/'."""
    # Compared without letter case: on macOS's and Windows' file systems two such paths are one file.
    by_path, found = {}, []
    for position, entry in enumerate(entries):
        path = entry[0].rstrip("/").casefold()
        if path in by_path:
            found.append((by_path[path][1], entry))
        else:
            by_path[path] = (position, entry)
    for position, entry in enumerate(entries):
        parts = entry[0].rstrip("/").casefold().split("/")
        for count in range(1, len(parts)):
            folder = by_path.get("/".join(parts[:count]))
            if folder is not None:
                found.append((folder[1], entry) if folder[0] < position else (entry, folder[1]))
                break
    return found
