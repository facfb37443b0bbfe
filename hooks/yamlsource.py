"""Line-aware YAML loading.

Owns turning a YAML file into plain Python values plus a map from each value's
path (a tuple of keys and indexes) to the line it starts on, so that every
validation message can name the line. Dates stay strings: the timestamp
resolver is removed, and date checking is left to the data layer where the
message can say where the bad date is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver (dates load as strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlError(Exception):
    """A file that is not valid YAML; carries its line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _convert(loader: _Loader, node: yaml.Node, path: Path_, lines: dict) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise YamlError(key_node.start_mark.line + 1, f"duplicate key {key!r}")
            # A field's line is the line of its key, even when its value starts below.
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(loader, value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, path + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Return (value, lines) for a YAML file; raise YamlError on bad YAML."""
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    lines: dict[Path_, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {(): 1}
        return _convert(loader, node, (), lines), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = re.sub(r"\s+", " ", f"{exc.problem or exc.context or 'invalid YAML'}").strip()
        raise YamlError(line, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of the deepest known ancestor of `path`."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
