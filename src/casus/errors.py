"""One catalogue of coded, user-facing errors (spaCy's errors.py is the model).

The library raises ``CasusError`` subclasses; the CLI turns them into one line and an exit code,
the API into one JSON error shape. Per-input problems become ``InputError`` records instead.
"""

from __future__ import annotations


class Messages:
    """Templates, one per code; ``tests/test_errors.py`` checks each formats cleanly."""

    E001 = "file is larger than the limit of {limit} bytes ({size} bytes)"
    E002 = "cannot decode text: {reason}"
    E003 = "empty document: no text after extraction"
    E004 = "not valid {fmt}: {reason}"
    E005 = "unsupported file type '{suffix}'"
    E006 = "cannot read file: {reason}"
    E007 = "gzip stream is broken or truncated: {reason}"
    E008 = "decompressed size exceeds the limit of {limit} bytes"
    E009 = "manifest path '{path}' points outside the corpus directory"
    E010 = "the store at {path} is locked by another process: {reason}"
    E011 = "no such corpus: {path}"
    E012 = "the spaCy model '{name}' is missing or has version {found}, expected {expected}: {hint}"
    E013 = "feed is refused: {reason}"
    E014 = "record {n}: {reason}"
    E015 = "not a trajectory: {reason}"
    E016 = "cannot open the store at {path}: {reason}"
    # ingest (E101-E119)
    E101 = "record {n} (line {line}): {reason}"
    E102 = "text is longer than the limit of {limit} characters ({size} characters)"
    E103 = "symbolic link not followed (follow_symlinks is off)"
    E104 = "symbolic link is broken or loops: {reason}"
    E105 = "directory already visited (symbolic link loop)"
    E106 = "not a regular file"
    E107 = "trajectory input: install casus[tracks]"
    E108 = "file name is not valid UTF-8"
    E109 = "manifest row {n}: {reason}"
    E110 = "archive is truncated or malformed after record {n}: {reason}"
    E111 = "no records found"
    E112 = "no text field ({fields})"
    E113 = "manifest.csv is a manifest, not a document"
    E114 = "unrecognised date '{value}'"
    E115 = "text is longer than the limit of {limit} characters (over {size} bytes)"


class CasusError(Exception):
    """Base of every error Casus raises on purpose."""

    exit_code = 1


class UsageError(CasusError):
    exit_code = 2


class InputRejected(CasusError):
    """One input cannot be read; the run records it and goes on."""


class StoreLocked(CasusError):
    exit_code = 3


class StoreUnavailable(CasusError):
    exit_code = 1


class ModelMissing(CasusError):
    exit_code = 4
