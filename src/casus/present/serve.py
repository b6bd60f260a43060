"""Run the API with uvicorn: loopback by default, Host-checked on loopback, the store checked first."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import uvicorn

from casus.present.api import LOOPBACK_HOSTS, create_app
from casus.present.limits import MAX_BODY_BYTES
from casus.present.snapshot import StoreMissing

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store at ``db_path`` until interrupted; fails at once if it cannot be read."""
    if not db_path.is_file():
        raise StoreMissing(f"no store at {db_path}: run `casus run ... --out DIR` first, or pass --db")
    loopback = is_loopback(host)
    if not loopback:
        log.warning("serving on %s: anyone who can reach this address can read the store", host)
    app = create_app(db_path, allowed_hosts=[*LOOPBACK_HOSTS, host] if loopback else None)
    with app.state.reader.connection():
        pass  # a store that cannot be read fails here, with its reason, before the server starts
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, limit_concurrency=64,
                h11_max_incomplete_event_size=MAX_BODY_BYTES)
