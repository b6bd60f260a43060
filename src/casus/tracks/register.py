"""The aircraft register: a user-supplied CSV or YAML file that says who an airframe is (registration,
type, operator, country, military, sanctioned and by whom), read by icao24 or by registration.

Articles name aircraft by registration or tail number ("RA-78765", "63-9792", "AF 63-9792");
``find_registrations`` finds those mentions with their offsets, ``resolve_registration`` the first.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from casus.tracks.samples import to_bool

COLUMNS = ("icao24", "registration", "type", "operator", "country", "military", "sanctioned", "listed_by", "role")


class RegisterError(ValueError):
    """The register file cannot be read; the message names the file and the row."""


@dataclass(frozen=True, slots=True)
class Aircraft:
    """What is known of one airframe: a register entry, or what a track file and heuristics say."""

    icao24: str | None = None
    registration: str | None = None
    type: str | None = None  # canonical type name, e.g. 'Il-76TD', 'RC-135V', 'C-40C'
    operator: str | None = None
    country: str | None = None  # ISO-3 of the operator's (or, lacking it, the registry's) state
    military: bool | None = None
    sanctioned: bool | None = None
    listed_by: str | None = None  # the listing authority of a sanction, e.g. 'US-OFAC'
    role: str | None = None  # transport | vip | isr | tanker | military

    def merged(self, fallback: Aircraft) -> Aircraft:
        """This record, with its unknown fields filled from ``fallback``."""
        return replace(self, **{f.name: getattr(fallback, f.name) for f in fields(self)
                                if getattr(self, f.name) is None and getattr(fallback, f.name) is not None})


@dataclass(frozen=True, slots=True)
class RegistrationMention:
    start: int
    end: int
    text: str
    aircraft: Aircraft


@dataclass(frozen=True, slots=True)
class Register:
    entries: tuple[Aircraft, ...] = ()

    def by_icao24(self, icao24: str) -> Aircraft | None:
        key = icao24.strip().lower()
        return next((e for e in self.entries if e.icao24 == key), None)

    def by_registration(self, registration: str) -> Aircraft | None:
        key = normal_registration(registration)
        return next((e for e in self.entries if e.registration and normal_registration(e.registration) == key), None)

    def lookup(self, icao24: str | None, registration: str | None) -> Aircraft | None:
        return (self.by_icao24(icao24) if icao24 else None) or (
            self.by_registration(registration) if registration else None)


def normal_registration(registration: str) -> str:
    """Compare registrations without case, spaces, hyphens, or the 'AF' a US serial may carry."""
    key = re.sub(r"[\s\-]", "", registration.upper())
    return key[2:] if re.fullmatch(r"AF\d{6,7}", key) else key


def entry_from_row(row: dict[str, Any], where: str) -> Aircraft:
    """One register row (CSV or YAML) as an ``Aircraft``; booleans accept yes/no/true/false/1/0."""
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    text = {k: (str(row[k]).strip() or None) if row.get(k) is not None else None for k in COLUMNS}
    if not text["icao24"] and not text["registration"]:
        raise RegisterError(f"{where}: an entry needs an icao24 or a registration")
    if text["icao24"] and not re.fullmatch(r"[0-9a-fA-F]{6}", text["icao24"]):
        raise RegisterError(f"{where}: icao24 {text['icao24']!r} is not 6 hexadecimal digits")
    country = text["country"].upper() if text["country"] else None
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        raise RegisterError(f"{where}: country {country!r} is not an ISO-3 code")
    return Aircraft(icao24=text["icao24"].lower() if text["icao24"] else None, registration=text["registration"],
                    type=text["type"], operator=text["operator"], country=country,
                    military=to_bool(text["military"]), sanctioned=to_bool(text["sanctioned"]),
                    listed_by=text["listed_by"], role=text["role"])


def load_register(path: Path) -> Register:
    """Read a register: CSV with a header row (``COLUMNS``), or YAML (a list of entries, or
    ``{aircraft: [...]}``). Lines of a CSV starting with '#' are comments."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError(f"{path}: cannot read the register: {exc}") from exc
    rows = _yaml_rows(raw, path) if Path(path).suffix.lower() in {".yaml", ".yml"} else _csv_rows(raw)
    return Register(tuple(entry_from_row(row, f"{path}: entry {n}") for n, row in enumerate(rows, 1)))


def _csv_rows(raw: str) -> list[dict[str, Any]]:
    lines = [line for line in raw.splitlines() if not line.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _yaml_rows(raw: str, path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise RegisterError(f"{path}: not valid YAML: {exc}") from exc
    rows = data.get("aircraft") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RegisterError(f"{path}: expected a list of aircraft entries")
    return rows


def registration_pattern(registration: str) -> re.Pattern[str]:
    """A pattern for the ways a registration is written: 'RA-78765', 'RA 78765', 'RA78765';
    a US military serial '63-9792' also as 'AF 63-9792' or 'AF63-9792'."""
    groups = re.findall(r"[A-Za-z0-9]+", registration)
    body = r"[\-\s]?".join(re.escape(g) for g in groups)
    if re.fullmatch(r"\d{2}-\d{4,5}", registration.strip()):
        body = r"(?:AF[\-\s]?)?" + body
    return re.compile(rf"(?<![A-Za-z0-9\-]){body}(?![A-Za-z0-9]|-\d)")


def find_registrations(register: Register, text: str) -> list[RegistrationMention]:
    """Every mention of a registered airframe's registration (or icao24 address) in ``text``."""
    found: list[RegistrationMention] = []
    for entry in register.entries:
        patterns = [registration_pattern(entry.registration)] if entry.registration else []
        if entry.icao24:
            patterns.append(re.compile(rf"(?<![A-Za-z0-9]){entry.icao24}(?![A-Za-z0-9])", re.IGNORECASE))
        found += [RegistrationMention(m.start(), m.end(), m.group(), entry) for p in patterns for m in p.finditer(text)]
    return sorted(found, key=lambda m: (m.start, -m.end))


def resolve_registration(register: Register, text: str) -> Aircraft | None:
    """The register entry of the first registration or tail number mentioned in ``text``."""
    mentions = find_registrations(register, text)
    return mentions[0].aircraft if mentions else None
