"""Reading and quoting text that came from outside: files, uploads, the registry's answers.

Python's ``json`` raises ``RecursionError`` on deeply nested arrays and ``ValueError`` on
integers longer than ``sys.get_int_max_str_digits()``; neither is a ``JSONDecodeError``, so
a caller catching only that one shows a traceback. ``parse_json`` turns all three into one
``UnreadableJSON`` with a one-line reason, and each input kind wraps it in its own error.

``quote`` is how any message shows a piece of the input: at most 200 characters, with
control characters (terminal escapes, bidi overrides, line breaks) written as escapes.
"""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from screener.errors import UnreadableJSON, UnreadableYAML

__all__ = [
    "QUOTE_LIMIT",
    "MESSAGE_LIMIT",
    "parse_json",
    "printable",
    "quote",
    "shown",
    "clean_message",
    "YAML_BUDGET",
    "YAML_MAX_CHARS",
    "parse_yaml",
    "markdown_inert",
    "message_inert",
]

QUOTE_LIMIT = 200
MESSAGE_LIMIT = 1000
# Line and paragraph separators break a one-line message like a newline does.
_BREAKING = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})


def parse_json(text: str | bytes) -> Any:
    """``json.loads`` that raises only ``UnreadableJSON``, whatever the text holds."""
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableJSON(f"not valid JSON ({exc.msg})", exc.lineno) from None
    except RecursionError:
        raise UnreadableJSON("not readable JSON (nested too deeply)") from None
    except UnicodeDecodeError:
        raise UnreadableJSON("not UTF-8 text") from None
    except ValueError as exc:
        if "digits" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise UnreadableJSON(
                f"not readable JSON (holds a number with more than {limit:,} digits)"
            ) from None
        raise UnreadableJSON(f"not valid JSON ({quote(str(exc))})") from None


def _escaped(ch: str) -> str:
    if unicodedata.category(ch) not in _BREAKING:
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """The text with every control or format character written as an escape."""
    if text.isprintable():
        return text
    return "".join(_escaped(ch) for ch in text)


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A piece of input for a message: quoted, at most ``limit`` characters, no controls."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > limit
    shown = printable(text[:limit])
    return f"'{shown}…' ({len(text):,} characters)" if cut else f"'{shown}'"


def shown(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value for a "got ..." message: text quoted, anything else as written, both capped."""
    if isinstance(value, str):
        return quote(value, limit)
    text = str(value)
    return printable(text) if len(text) <= limit else printable(text[:limit]) + "…"


def clean_message(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message made safe to print: one line, no control characters, bounded length."""
    text = printable(message)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# A rule file is a few KB; the budget counts nodes plus scalar characters *after* aliases
# are expanded, so an alias bomb (a billion laughs) is refused before anything copies it.
YAML_BUDGET = 2_000_000
YAML_MAX_CHARS = 1_000_000


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with limits; YAML syntax errors still raise ``yaml.YAMLError``."""
    import yaml

    from screener.inputs.yaml_load import FAST_LOADER

    if len(text) > YAML_MAX_CHARS:
        raise UnreadableYAML(f"is {len(text):,} characters long (at most {YAML_MAX_CHARS:,})")
    if FAST_LOADER is not yaml.SafeLoader:
        try:
            return _parse_yaml(text, FAST_LOADER)
        except yaml.YAMLError:
            pass  # worded again by PyYAML's own parser, as the messages and tests expect
    return _parse_yaml(text, yaml.SafeLoader)


def _parse_yaml(text: str, loader_class: Any) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node)
        return loader.construct_document(node)
    except RecursionError:
        raise UnreadableYAML("is nested too deeply to read") from None
    except ValueError as exc:
        if isinstance(exc, UnreadableYAML):
            raise
        if "digits" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise UnreadableYAML(f"holds a number with more than {limit:,} digits") from None
        raise UnreadableYAML(f"holds a value that cannot be read ({quote(str(exc))})") from None
    finally:
        loader.dispose()


def _check_size(root: Any) -> None:
    """Refuse a node graph whose expanded size is over budget or that contains itself."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            if isinstance(node, yaml.SequenceNode):
                kids = node.value
            elif isinstance(node, yaml.MappingNode):
                kids = [part for pair in node.value for part in pair]
            else:
                kids = []
            total = 1 + len(str(node.value)) if isinstance(node, yaml.ScalarNode) else 1
            total += sum(sizes[id(k)] for k in kids)
            if total > YAML_BUDGET:
                raise UnreadableYAML(
                    "expands to more than "
                    f"{YAML_BUDGET:,} values and characters (aliases repeated too often)"
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise UnreadableYAML("holds an alias that refers to itself")
        open_nodes.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((k, False) for k in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((k, False) for pair in node.value for k in pair)


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|~$<>:&")


def markdown_inert(text: str | None) -> str:
    """Outside text made inert for Markdown: no links, images, emphasis, maths or HTML.

    Streamlit renders Markdown in ``st.markdown``, ``st.caption``, ``st.info`` and the like;
    a registry value holding ``![](http://…)`` would make the browser fetch that address.
    """
    if not text:
        return ""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in printable(text))


_LINK_SPECIAL = frozenset("\\[]<>`$")


def message_inert(text: str | None) -> str:
    """A message quoting outside text, safe for Markdown yet readable in tests and logs.

    Escaping brackets, angle brackets, backticks and dollars is enough to rule out images,
    links, HTML, code and maths (an image needs ``![``); the rest of the words stay as-is.
    """
    if not text:
        return ""
    return "".join("\\" + ch if ch in _LINK_SPECIAL else ch for ch in printable(text))
