"""Markdown to safe HTML. LaTeX spans are kept verbatim (escaped) so markdown cannot mangle them."""

import html
import re

# markdown, nh3 and pygments are imported where content is rendered (saving it, an answer), not by
# every web process at start: pages show stored HTML, and a worker's memory stays small.

# Display math first so "$$…$$" is never read as two inline spans.
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$", re.S)
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_FENCED = re.compile(r"(```.*?```)", re.S)
_PLACEHOLDER = "STUDYHUBMATH{}END"

ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "del",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"class"},
    "code": {"class"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}


# Classes StudyHub's own renderers emit and its stylesheet and scripts read; any other class is dropped,
# so a learner's raw HTML cannot borrow the page's styles (a fake button, a hidden overlay).
_OWN_CLASSES = {"span": {"math", "math-display", "math-inline"}}
_CODE_LANGUAGE = re.compile(r"language-[A-Za-z0-9_+#-]{1,30}")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        own = _OWN_CLASSES.get(tag, set())
        kept = [c for c in value.split() if c in own or (tag == "code" and _CODE_LANGUAGE.fullmatch(c))]
        return " ".join(kept) or None
    if name == "href":
        return _safe_href(value)
    return value


_URL_SCHEMES = {"http", "https", "mailto"}
# Browsers drop these from a URL before reading it, so "java\tscript:" is "javascript:" to them.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _safe_href(value: str) -> str | None:
    """A link as the browser will read it, if it stays on http(s) or mailto; None otherwise."""
    href = _URL_IGNORED.sub("", value)
    # "//host/…" (or "/\\host", which browsers read the same) leaves the site without a scheme.
    if href[:2].replace("\\", "/") == "//":
        return None
    scheme = _SCHEME.match(href)
    if scheme and scheme.group(1).lower() not in _URL_SCHEMES:
        return None
    return href


def _protect_math(text: str) -> tuple[str, list[str]]:
    spans: list[str] = []

    def stash(match: re.Match) -> str:
        display = match.group(1) is not None
        body = html.escape(match.group(1) if display else match.group(2), quote=False)
        css = "math math-display" if display else "math math-inline"
        fence = "$$" if display else "$"
        spans.append(f'<span class="{css}">{fence}{body}{fence}</span>')
        return _PLACEHOLDER.format(len(spans) - 1)

    # Code is left alone: a "$" inside a code block is code, not math.
    parts = _CODE.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = _MATH.sub(stash, parts[index])
    return "".join(parts), spans


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
_TABLE_ROW = re.compile(r"^\s*\|")


def _starts_block(line: str, previous: str) -> bool:
    if not previous.strip():
        return False
    if _LIST_ITEM.match(line):
        return not _LIST_ITEM.match(previous)
    return bool(_TABLE_ROW.match(line)) and not _TABLE_ROW.match(previous)


def _separate_blocks(text: str) -> str:
    """Put a blank line before a list or table that follows other text, as CommonMark allows.

    Python-Markdown would otherwise read it as part of the paragraph above.
    """
    # Only fenced blocks are left alone: an inline code span never holds a line break, and splitting a
    # table row at one would make the rest of the row look like the start of a new block.
    parts = _FENCED.split(text)
    for index in range(0, len(parts), 2):
        lines, previous = [], ""
        for line in parts[index].split("\n"):
            if _starts_block(line, previous):
                lines.append("")
            lines.append(line)
            previous = line
        parts[index] = "\n".join(lines)
    return "".join(parts)


# Python-Markdown's inline and block parsers are super-linear on some inputs (a paragraph of unmatched
# "[", thousands of nested quotes or lists). Learners' text is bounded before it is parsed, so any input
# renders in time proportional to its length: the text is cut at MAX_MARKDOWN_CHARS, a line keeps at
# most MAX_NESTING containers (quote or list markers, indentation), and a paragraph with more than
# MAX_BRACKETS "[" is shown as written (escaped text) instead of being parsed at all.
MAX_MARKDOWN_CHARS = 40_000
MAX_NESTING = 8
MAX_BRACKETS = 64
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_BLOCKS = re.compile(r"(\n[ \t]*\n)")


def _bound_line(line: str) -> str:
    position, depth, kept = 0, 0, 0
    while match := _CONTAINER.match(line, position):
        depth += 1
        position = match.end()
        if depth == MAX_NESTING:
            kept = position
    if depth > MAX_NESTING:
        return line[:kept] + " " + line[position:].lstrip()
    indent = len(line) - len(line.lstrip(" \t"))
    if indent > 2 * MAX_NESTING + 4:
        return " " * (2 * MAX_NESTING + 4) + line.lstrip(" \t")
    return line


def _bound_block(block: str) -> str:
    if block.count("[") <= MAX_BRACKETS:
        return block
    # Shown as written, as a raw HTML paragraph, which Python-Markdown passes through in linear time.
    return "<p>" + html.escape(block.strip(), quote=False).replace("\n", "<br>\n") + "</p>"


def bound_markdown(text: str) -> str:
    """Text that Python-Markdown parses in linear time: cut, nesting capped, bracket storms escaped."""
    text = text[:MAX_MARKDOWN_CHARS]
    parts = _FENCED.split(text)
    for index in range(0, len(parts), 2):
        lines = "\n".join(_bound_line(line) for line in parts[index].split("\n"))
        blocks = _BLOCKS.split(lines)
        parts[index] = "".join(
            block if position % 2 else _bound_block(block) for position, block in enumerate(blocks)
        )
    return "".join(parts)


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)


def nest_headings(html_text: str, top: int) -> str:
    """Renumber the headings of rendered HTML so they nest under a page's h(top - 1): the text's
    highest level becomes h(top), the next h(top + 1) and so on (at most h6), and none skips a level."""
    levels = sorted({int(level) for level in re.findall(r"<h([1-6])>", html_text)})
    rank = {level: min(6, top + index) for index, level in enumerate(levels)}
    previous = top - 1

    def renumber(match: re.Match) -> str:
        nonlocal previous
        level = min(rank[int(match.group(1))], previous + 1)
        previous = level
        return f"<h{level}>{match.group(2)}</h{level}>"

    return _HEADING.sub(renumber, html_text)


# A learner's answer or note sits under a section's h2, so its headings start at h3.
LEARNER_HEADINGS_TOP = 3


def render_markdown(text: str, *, headings_top: int | None = None) -> str:
    """Render markdown to sanitised HTML; ``$…$`` and ``$$…$$`` survive untouched for a math renderer.

    Nested list content is indented by two spaces (``tab_length=2``), the way people write it.
    With ``headings_top``, headings are renumbered to nest from that level (`nest_headings`), so text
    whose author starts at "#" keeps its headings within the h3–h6 the sanitiser allows.
    """
    if not text:
        return ""
    protected, spans = _protect_math(_separate_blocks(bound_markdown(text)))
    import markdown
    import nh3

    rendered = markdown.markdown(protected, extensions=["fenced_code", "tables", "sane_lists"], tab_length=2)
    if headings_top:
        rendered = nest_headings(rendered, headings_top)
    for index, span in enumerate(spans):
        rendered = rendered.replace(_PLACEHOLDER.format(index), span)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def math_is_balanced(text: str) -> bool:
    """True when every ``$`` outside code belongs to a ``$…$`` or ``$$…$$`` pair."""
    outside_code = _CODE.sub("", text)
    return _MATH.sub("", outside_code).count("$") == 0


def highlight_python(code: str) -> str:
    """Python source as highlighted HTML (pygments, escaped); colours come from static/css/code.css."""
    if not code.strip():
        return ""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), HtmlFormatter(cssclass="highlight"))


def render_learner_markdown(text: str) -> str:
    """A learner's markdown (an answer, a note): headings become h3 to h6, whatever level they start at."""
    return render_markdown(text, headings_top=LEARNER_HEADINGS_TOP)


def render_answer(text: str, *, coding: bool) -> str:
    """A learner's answer as HTML: markdown, or for a coding question code as written (highlighted),
    unless the learner fenced it in markdown themselves."""
    if coding and "```" not in text:
        return highlight_python(text)
    return render_learner_markdown(text)


_SECTION_START = re.compile(r"^(?=<h3>)", re.M)


def fold_sections(html_text: str) -> str:
    """Rendered HTML with each h3 section in a <details> whose summary is its heading, the first open.

    A phone shows a long outline as a list of its sections, each one tap from its body.
    """
    parts = _SECTION_START.split(html_text)
    intro, sections = parts[0], [part for part in parts[1:] if part]
    if len(sections) < 2:
        return html_text
    folded = [intro]
    for index, section in enumerate(sections):
        end = section.index("</h3>") + len("</h3>")
        state = " open" if index == 0 else ""
        folded.append(
            f'<details class="outline-section"{state}><summary>{section[:end]}</summary>'
            f"{section[end:]}</details>\n"
        )
    return "".join(folded)
