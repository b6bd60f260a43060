"""A trajectory file -> its ``Document``: the generated observation log (one line per observation)."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

from casus.errors import Messages
from casus.records import Document, InputError, Published
from casus.settings import Settings
from casus.tracks.detect import Obs, TrackParams, flight, gaps, ground_events, segments
from casus.tracks.identity import identify
from casus.tracks.logline import KINDS, format_line, yes_no
from casus.tracks.patterns import loiters, orbits, transits
from casus.tracks.readers import TrackFile, TrackReadError, read_track_file
from casus.tracks.register import Aircraft, Register, RegisterError, load_register
from casus.tracks.samples import Sample, SampleError, to_samples

MIN_SAMPLES = 2


@functools.cache
def _cached_register(path: str, mtime: float) -> Register:
    return load_register(Path(path))


def register_for(settings: Settings) -> Register | None:
    """The aircraft register named by the run's settings (``settings.register``), if any."""
    path = getattr(settings, "register", None)
    if not path:
        return None
    return _cached_register(str(path), Path(path).stat().st_mtime)


def aircraft_fields(info: Aircraft, callsign: str | None) -> list[tuple[str, str | None]]:
    return [("aircraft", info.registration or info.icao24), ("icao24", info.icao24), ("callsign", callsign),
            ("type", info.type), ("operator", info.operator), ("country", info.country),
            ("military", yes_no(info.military)), ("sanctioned", yes_no(info.sanctioned)),
            ("listed_by", info.listed_by), ("role", info.role)]


def observe(samples: list[Sample], params: TrackParams) -> list[Obs]:
    """Every observation of one aircraft's time-ordered samples."""
    out: list[Obs] = []
    for seg in segments(samples, params):
        a, b = seg[0], seg[1]
        ends = ground_events(samples, seg, params)
        out += ends
        if b > a:
            out += [*gaps(samples, a, b, params), *orbits(samples, a, b, params),
                    *loiters(samples, a, b, params), *transits(samples, a, b), *flight(samples, a, b, ends, params)]
    return out


def to_line(obs: Obs, samples: list[Sample], head: list[tuple[str, str | None]], file: str) -> tuple[float, str]:
    t0 = obs.t0 if obs.t0 is not None else samples[obs.i0].t
    t1 = obs.t1 if obs.t1 is not None else samples[obs.i1].t
    idx = [s.idx for s in samples[obs.i0:obs.i1 + 1]]
    tail = [("samples", f"{min(idx)}-{max(idx)}"), ("file", file)]
    return t0, format_line(obs.kind, t0, t1, [*head, *obs.place, *obs.details, *tail])


def aircraft_lines(samples: list[Sample], track: TrackFile, register: Register | None, file: str,
                   params: TrackParams) -> list[tuple[float, int, str]]:
    callsigns = Counter(s.callsign for s in samples if s.callsign)
    callsign = callsigns.most_common(1)[0][0] if callsigns else None
    info = identify(samples[0].icao24, callsign, track.meta, register)
    head = aircraft_fields(info, callsign)
    lines: list[tuple[float, int, str]] = []
    for obs in observe(samples, params):
        t0, text = to_line(obs, samples, head, file)
        lines.append((t0, KINDS.index(obs.kind), text))
    return lines


def log_text(track: TrackFile, file: str, register: Register | None, params: TrackParams) -> tuple[str, float, int]:
    """The log and the time of the first sample; raises ``SampleError`` for unusable records."""
    samples = to_samples(track.records, track.default_icao24)
    per_aircraft = [list(g) for _, g in groupby(samples, key=lambda s: s.icao24)]
    usable = [g for g in per_aircraft if len(g) >= MIN_SAMPLES]
    if not usable:
        raise SampleError(f"{len(samples)} positioned sample(s) with a time; a track needs {MIN_SAMPLES} per aircraft")
    lines = sorted(line for g in usable for line in aircraft_lines(g, track, register, file, params))
    return "".join(text + "\n" for _, _, text in lines), min(s.t for s in samples), len(usable)


def read_track(path: Path, doc_id: str, rel_path: str, corpus: str, settings: Settings,
               params: TrackParams | None = None) -> Document | InputError:
    """A trajectory file as a document whose text is its observation log, or why it cannot be one."""
    try:
        track = read_track_file(path, settings)
        text, first_t, n = log_text(track, Path(rel_path).name, register_for(settings), params or TrackParams())
    except (TrackReadError, RegisterError) as exc:
        return InputError(str(path), str(exc))
    except SampleError as exc:
        return InputError(str(path), Messages.E015.format(reason=exc))
    if not text:
        return InputError(str(path), Messages.E015.format(reason="no airborne samples: nothing to observe"))
    day = datetime.fromtimestamp(first_t, UTC).date().isoformat()
    title = f"{track.source}: {n} aircraft, {day}" if n > 1 else f"{track.source}: {first_aircraft(text)}, {day}"
    return Document(doc_id=doc_id, path=rel_path, text=text, title=title, outlet=track.source,
                    published=Published(day, "metadata", "time of the first sample"), corpus=corpus, fmt="track")


def first_aircraft(text: str) -> str:
    head = text.split(" aircraft=", 1)[-1]
    return head.split(" ", 1)[0]
