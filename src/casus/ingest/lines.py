"""Line-by-line reading of CSV and JSONL with a bound on every line, so one huge record never fills memory.

``Lines`` is a re-entrant iterator (not a generator): it raises ``LineProblem`` for one bad line
and can be iterated again afterwards, which lets ``csv.reader`` and the JSONL reader report that
line and go on with the next.
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

from casus.errors import Messages
from casus.ingest.decode import SAMPLE, sniff

MAX_BYTES_PER_CHAR = 4
CHUNK = 1 << 20


class LineProblem(Exception):
    """One line that cannot be used (too long, undecodable); reading may continue after it."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def ascii_compatible(encoding: str) -> bool:
    """Whether lines can be split on the byte '\\n' and decoded one by one."""
    name = codecs.lookup(encoding).name
    return not name.startswith(("utf-16", "utf-32")) and "ab\n".encode(name) == b"ab\n"


class Lines:
    """Text lines (newline kept) of a binary stream, each at most ``limit`` characters."""

    def __init__(self, stream: BinaryIO, limit: int, legacy: bool = True) -> None:
        # peek, not read: no second buffer, whose multi-read fills would lose the complete lines
        # before a broken gzip tail
        head = stream.peek(SAMPLE)[:SAMPLE]  # type: ignore[attr-defined]
        encoding, skip = sniff(head, final=len(head) < SAMPLE, legacy=legacy)
        stream.read(skip)
        self.encoding = encoding
        self.line = 0
        self.quotes = 0  # '"' characters read since the CSV reader last reset it

        self._limit = limit
        self._raw: BinaryIO | None = stream if ascii_compatible(encoding) else None
        self._text = None if self._raw else io.TextIOWrapper(stream, encoding=encoding, newline="")

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self._next_raw() if self._raw else self._next_text()
        if not line:
            raise StopIteration
        return line

    def _next_raw(self) -> str:
        assert self._raw is not None
        cap = self._limit * MAX_BYTES_PER_CHAR
        data = self._raw.readline(cap + 1)
        if not data:
            return ""
        self.line += 1
        self.quotes += data.count(b'"')
        if len(data) > cap and not data.endswith(b"\n"):
            while (chunk := self._raw.readline(CHUNK)) and not chunk.endswith(b"\n"):
                self.quotes += chunk.count(b'"')
            self.quotes += chunk.count(b'"')
            raise self._too_long()
        try:
            text = data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise LineProblem(self.line, Messages.E002.format(reason=f"{self.encoding}: {exc.reason}")) from exc
        if len(text) > self._limit:
            raise self._too_long()
        return text

    def _next_text(self) -> str:
        assert self._text is not None
        try:
            text = self._text.readline(self._limit + 1)
        except UnicodeDecodeError as exc:
            self.line += 1
            raise LineProblem(self.line, Messages.E002.format(reason=f"{self.encoding}: {exc.reason}")) from exc
        if not text:
            return ""
        self.line += 1
        self.quotes += text.count('"')
        if len(text) > self._limit and not text.endswith(("\n", "\r")):
            while (chunk := self._text.readline(CHUNK)) and not chunk.endswith(("\n", "\r")):
                self.quotes += chunk.count('"')
            self.quotes += chunk.count('"')
            raise self._too_long()
        return text

    def skip_quoted(self) -> None:
        """After a bad CSV record that stopped inside a quoted field, skip to the line closing that field,
        so the rest of the field is not read as records of its own."""
        while self.quotes % 2:
            try:
                next(self)
            except LineProblem:
                continue
            except StopIteration:
                return

    def _too_long(self) -> LineProblem:
        return LineProblem(self.line, f"longer than the limit of {self._limit} characters")
