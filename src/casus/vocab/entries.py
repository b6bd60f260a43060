"""Typed, frozen views of the vocabulary files: actors (states, people, organisations, media), places
and equipment, each keyed by its vocabulary id. Built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from casus.vocab import load
from casus.vocab.states import State, states

ACTOR_FILES = ("organizations", "media", "people")


@dataclass(frozen=True, slots=True)
class Role:
    """What an actor was between two years (inclusive; ``end`` None: still is)."""

    sector: str | None
    start: int
    end: int | None
    code: str | None = None
    title: str | None = None

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    code: str | None
    sector: str | None
    kind: str
    roles: tuple[Role, ...] = ()

    def at(self, year: int | None) -> tuple[str | None, str | None]:
        """Code and sector in ``year``: the role held then, else the latest role, else the defaults."""
        role = self.role_at(year)
        if role is None:
            return self.code, self.sector
        return role.code or self.code, role.sector

    def role_at(self, year: int | None) -> Role | None:
        if not self.roles:
            return None
        held = [r for r in self.roles if year is not None and r.covers(year)]
        return held[-1] if held else self.roles[-1]


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: str
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class EquipmentEntry:
    id: str
    name: str
    category: str
    origin: str | None


def _role(obj: dict[str, Any]) -> Role:
    return Role(obj["sector"], obj["from"], obj.get("to"), obj.get("code"), obj.get("title"))


def _actor(obj: dict[str, Any]) -> ActorEntry:
    return ActorEntry(obj["id"], obj["name"], obj.get("code"), obj.get("sector"), obj["kind"],
                      tuple(_role(r) for r in obj.get("roles") or ()))


def state_actor(state: State) -> ActorEntry:
    return ActorEntry(state.id, state.name, state.code, "GOV", "state")


@cache
def actor_entries() -> dict[str, ActorEntry]:
    """Every actor of the vocabulary by id: states first, then organisations, media and people."""
    out = {s.id: state_actor(s) for s in states().values()}
    for name in ACTOR_FILES:
        out.update((e["id"], _actor(e)) for e in load(name)["entries"])
    return out


@cache
def place_entries() -> dict[str, PlaceEntry]:
    """Seas, straits, regions and bases from places.json, plus every country (at its capital)."""
    out = {e["id"]: PlaceEntry(e["id"], e["name"], e["kind"], e.get("country"), e["lat"], e["lon"])
           for e in load("places")["entries"]}
    for s in states().values():
        out[s.place_id] = PlaceEntry(s.place_id, s.name, "country", s.code, s.lat, s.lon)
    return out


@cache
def equipment_entries() -> dict[str, EquipmentEntry]:
    return {e["id"]: EquipmentEntry(e["id"], e["name"], e["category"], e.get("origin"))
            for e in load("equipment")["entries"]}


@cache
def equipment_context() -> frozenset[str]:
    """Words that confirm an ambiguous equipment name ('Patriot' near 'missile')."""
    return frozenset(load("equipment")["context"])
