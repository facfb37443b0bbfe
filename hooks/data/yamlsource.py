"""Line-aware, strict YAML loading.

Owns turning a YAML file into plain Python values plus a map from each value's
path (a tuple of keys and indexes) to the line it starts on, so that every
validation message can name the line. It uses libyaml (PyYAML's C parser,
`CSafeLoader`), which composes nodes with line marks like the pure-Python
loader at a tenth of the cost.

The subset of YAML that data/ may use is deliberately small, so that what a
reviewer reads in a diff is what the site gets:

- no anchors, aliases or merge keys (`&a`, `*a`, `<<:`): no alias bombs, no
  recursive structures, no values defined far from where they are used;
- no explicit tags (`!!python/object`, `!!binary`, `!foo`);
- mapping keys are plain text (not `[draft]: true`, `1: x` or `yes: x`);
- one document per file, nesting at most MAX_DEPTH deep, at most MAX_BYTES;
- dates stay strings (the timestamp resolver is removed): the data layer
  checks them and can say where a bad one is.

A UTF-8 byte-order mark and CRLF line ends are accepted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]

MAX_BYTES = 1_000_000
MAX_DEPTH = 24
MERGE_TAG = "tag:yaml.org,2002:merge"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader (C parser where available) without the timestamp resolver."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlError(Exception):
    """A file that is not valid (or not allowed) YAML; carries its line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _check_events(text: str) -> None:
    """Reject anchors, aliases, tags, extra documents and deep nesting."""
    depth, documents = 0, 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(line, f"aliases (*{event.anchor}) are not allowed: write the value out")
        if getattr(event, "anchor", None):
            raise YamlError(line, f"anchors (&{event.anchor}) are not allowed: write the value out")
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag is not None \
                and not (isinstance(event, yaml.CollectionStartEvent) and event.implicit):
            raise YamlError(line, f"tags ({event.tag}) are not allowed: write plain values")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlError(line, "holds more than one YAML document (a second '---')")


def _key(loader: _Loader, key_node: yaml.Node) -> str:
    line = key_node.start_mark.line + 1
    if key_node.tag == MERGE_TAG:
        raise YamlError(line, "merge keys (<<) are not allowed: write the fields out")
    if not isinstance(key_node, yaml.ScalarNode):
        raise YamlError(line, "a key must be plain text, not a list or mapping")
    key = loader.construct_object(key_node, deep=True)
    if not isinstance(key, str):
        raise YamlError(line, f"the key {key_node.value!r} must be text: quote it")
    return key


def _convert(loader: _Loader, node: yaml.Node, path: Path_, lines: dict) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _key(loader, key_node)
            if key in out:
                raise YamlError(key_node.start_mark.line + 1, f"duplicate key {key!r}")
            # A field's line is the line of its key, even when its value starts below.
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(loader, value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, path + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


_OPEN_QUOTE = re.compile(r"""(?:^|[\s\[{,:-])(["'])""")


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line (1-based, up to `before`) that opens a quoted text it does not close."""
    for number, line in enumerate(text.split("\n")[:before], start=1):
        body = line.split(" #")[0] if not line.lstrip().startswith("#") else ""
        m = _OPEN_QUOTE.search(body)
        if not m:
            continue
        rest = body[m.end():]
        closed = re.search(r'(?<!\\)"', rest) if m.group(1) == '"' else re.search(r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlError:
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    # A quote left open is only noticed lines later, where the text runs into
    # something: name the line it opens on.
    opened = _unclosed_quote(text, mark.line + 1 if mark else 0)
    if opened is not None or ("quoted scalar" in context and exc.context_mark is not None):
        return YamlError(opened or exc.context_mark.line + 1, "not valid YAML: a quoted text is not closed")
    problem = re.sub(r"\s+", " ", f"{exc.problem or context or 'invalid YAML'}").strip()
    return YamlError(mark.line + 1 if mark else 1, f"not valid YAML: {problem}")


def loads(text: str) -> tuple[Any, dict[Path_, int]]:
    """Return (value, lines) for YAML text; raise YamlError on bad or disallowed YAML."""
    text = text.removeprefix("\ufeff")
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {(): 1}
            lines: dict[Path_, int] = {}
            return _convert(loader, node, (), lines), lines
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlError(1, "nested too deeply") from None


def load(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Return (value, lines) for a YAML file; raise YamlError on bad YAML."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise YamlError(1, f"file is larger than {MAX_BYTES // 1000} kB: split it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise YamlError(line, "not UTF-8 text: save the file as UTF-8") from None
    return loads(text)


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of the deepest known ancestor of `path`."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
