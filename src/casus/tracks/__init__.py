"""Flight tracks as a source: ADS-B trajectories become a generated observation log (a ``Document``
with ``fmt="track"``), observation records, and events fused with the news.

Public entry points:
- ``read_track(path, doc_id, rel_path, corpus, settings) -> Document | InputError``
- ``observations(doc) -> list[dict]`` (observation.schema.json)
- ``track_events(doc) -> list[Event]``; ``compare(track_event, news_event) -> Verdict`` (match/contradiction)
- ``load_register(path) -> Register``, ``resolve_registration(register, text) -> Aircraft | None``,
  ``find_registrations(register, text)``
- ``is_trajectory_json(obj)`` / ``has_track_fields(record)``: the detection rule ingest uses.
"""

from casus.tracks.build import read_track
from casus.tracks.fusion import Verdict, compare, track_events
from casus.tracks.observe import observations
from casus.tracks.readers import fr24_flight, is_trajectory_json
from casus.tracks.register import (
                                   Aircraft,
                                   Register,
                                   RegisterError,
                                   find_registrations,
                                   load_register,
                                   resolve_registration,
)
from casus.tracks.samples import has_track_fields

__all__ = ["Aircraft", "Register", "RegisterError", "Verdict", "compare", "find_registrations", "fr24_flight",
           "has_track_fields", "is_trajectory_json", "load_register", "observations", "read_track",
           "resolve_registration", "track_events"]
