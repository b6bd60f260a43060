"""Bytes -> text: byte order marks, UTF-8 first, UTF-16 without BOM, then a detected encoding.

Offsets index the decoded text, so decoding changes nothing but the encoding: no newline
translation, no normalisation. Binary content is refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import re

from casus.errors import InputRejected, Messages

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAMPLE = 1 << 16
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def split_bom(data: bytes) -> tuple[str | None, int]:
    """(encoding named by a byte order mark, length of that mark), or (None, 0)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit on one parity only, as they do in UTF-16 Latin text."""
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def is_utf8(sample: bytes, final: bool) -> bool:
    """Whether ``sample`` is UTF-8 (a multi-byte sequence cut at the end is allowed unless ``final``)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=final)
    except UnicodeDecodeError:
        return False
    return True


def detect(sample: bytes) -> str:
    """The encoding of bytes that are not UTF-8, refusing binary content."""
    if b"\x00" in sample:
        raise InputRejected(Messages.E002.format(reason="binary content (NUL bytes)"))
    from charset_normalizer import from_bytes

    for match in from_bytes(sample[:SAMPLE]):
        name = codecs.lookup(match.encoding).name
        if not name.startswith(("utf-16", "utf-32")):
            return name
    raise InputRejected(Messages.E002.format(reason="no text encoding fits (binary content?)"))


def sniff(sample: bytes, final: bool, legacy: bool = True) -> tuple[str, int]:
    """(encoding, BOM length) for content starting with ``sample``; ``final`` when it is all of it.

    ``legacy=False`` (JSON, which is Unicode by definition) never guesses a legacy 8-bit encoding:
    a line that is not UTF-8 is then reported as one bad record.
    """
    encoding, skip = split_bom(sample)
    if encoding:
        return encoding, skip
    encoding = utf16_without_bom(sample[:SAMPLE])
    if encoding:
        return encoding, 0
    if not legacy or (b"\x00" not in sample and is_utf8(sample, final)):
        return "utf-8", 0
    return detect(sample), 0


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text of a whole file; ``declared`` (an HTML meta charset) is tried before detection."""
    encoding, skip = split_bom(data)
    encoding = encoding or utf16_without_bom(data[:SAMPLE])
    if not encoding:
        encoding = "utf-8" if b"\x00" not in data and is_utf8(data, final=True) else None
    text = _decode_as(data[skip:], encoding) if encoding else None
    if text is None and skip:
        raise InputRejected(Messages.E002.format(reason=f"not valid {encoding} after its byte order mark"))
    if text is None:
        text = _decode_as(data, usable(declared)) if declared and b"\x00" not in data else None
    if text is None:
        encoding = detect(data)
        text = _decode_as(data, encoding)
    if text is None:
        raise InputRejected(Messages.E002.format(reason=f"not valid {encoding}"))
    refuse_binary(text)
    return text


def _decode_as(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def usable(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag (first 4 KB), if any."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def refuse_binary(text: str) -> None:
    """Refuse text where control characters are more than a trace: that is binary, not prose."""
    sample = text[:SAMPLE]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputRejected(Messages.E002.format(reason="binary content (control characters)"))
