"""The observation log: one line per observation, readable by a person and parsed back by ``parse_line``.

    <start>..<end> <KIND> key=value key="value with spaces" ...

Times are ISO UTC with a trailing 'Z'. A value is quoted when it holds a space; a double quote inside
a value is written as a single quote, so a value never needs escaping. Every value keeps its offsets,
so a record built from a line can point at the characters it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

KINDS = ("TAKEOFF", "FLIGHT", "ORBIT", "LOITER", "TRANSIT", "GAP", "DETOUR", "LANDING")
LINE = re.compile(r"^(?P<start>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\.\.(?P<end>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) "
                  r"(?P<kind>[A-Z]+)(?P<rest>(?: \S.*)?)$")
TOKEN = re.compile(r'(?<!\S)(?P<key>[a-z][a-z0-9_]*)=(?:"(?P<quoted>[^"\n]*)"|(?P<bare>[^\s"]*))(?!\S)')


class LogLineError(ValueError):
    """A line that is not an observation line."""


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    start: int  # offsets of the value (without quotes) within the line
    end: int


@dataclass(frozen=True, slots=True)
class ParsedLine:
    start: str  # ISO time with 'Z'
    end: str
    kind: str
    fields: dict[str, Value] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        value = self.fields.get(key)
        return value.text if value else None


def iso_z(t: float) -> str:
    return datetime.fromtimestamp(round(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


LINE_BREAKS = str.maketrans({c: " " for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"} | {'"': "'"})


def clean_value(value: str) -> str:
    """A value as the log keeps it: no line breaks of any kind (str.splitlines' set), no double quotes."""
    return value.translate(LINE_BREAKS)


def quote(value: str) -> str:
    value = clean_value(value)
    return f'"{value}"' if not value or any(c.isspace() for c in value) else value


def format_line(kind: str, t0: float, t1: float, fields: list[tuple[str, str | None]]) -> str:
    """One log line; fields whose value is None are left out."""
    if kind not in KINDS:
        raise LogLineError(f"unknown observation kind {kind!r}")
    parts = [f"{iso_z(t0)}..{iso_z(t1)} {kind}"]
    parts += [f"{key}={quote(value)}" for key, value in fields if value is not None]
    return " ".join(parts)


def parse_line(line: str) -> ParsedLine:
    """The time interval, kind and key=value fields of one log line, with offsets into the line."""
    m = LINE.match(line)
    if not m or m["kind"] not in KINDS:
        raise LogLineError(f"not an observation line: {line[:60]!r}")
    fields: dict[str, Value] = {}
    for t in TOKEN.finditer(line, m.start("rest")):
        group = "quoted" if t["quoted"] is not None else "bare"
        fields.setdefault(t["key"], Value(t[group], t.start(group), t.end(group)))
    return ParsedLine(m["start"], m["end"], m["kind"], fields)


def fmt_num(value: float | None, digits: int = 1) -> str | None:
    return None if value is None else f"{value:.{digits}f}"


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")
