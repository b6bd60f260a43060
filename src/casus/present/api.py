"""``casus serve``: a read-only JSON API over the store, its OpenAPI description, and the live dashboard.

Flow (datasette's): request -> validated parameters -> snapshot connection -> query -> JSON. Every
error, from a bad parameter to a busy store, leaves as one shape: ``{"error": {"status", "code",
"message", "details"}}``. Nothing here writes the store or touches a path a request names.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from casus import __version__
from casus.present import queries
from casus.present.limits import BodyLimit, HostCheck, SecurityHeaders
from casus.present.report import content_security_policy, render_dashboard
from casus.present.snapshot import SnapshotReader, StoreBusy, StoreMissing

log = logging.getLogger(__name__)

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
EventType = Enum("EventType", {t: t for t in (  # type: ignore[misc]
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")}, type=str)
ObservationType = Enum("ObservationType", {t: t for t in (  # type: ignore[misc]
    "takeoff", "flight", "orbit", "loiter", "transit", "gap", "detour", "landing")}, type=str)
Status = Enum("Status", {s: s for s in ("occurred", "ongoing", "planned", "hypothetical", "denied")}, type=str)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
ShortText = Annotated[str | None, Query(min_length=1, max_length=200)]
Ident = Annotated[str | None, Query(min_length=1, max_length=500)]
ERROR_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
               422: "invalid_parameter", 500: "internal", 503: "busy"}


def error_response(status: int, message: str, details: list[Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The one JSON error shape."""
    body = {"error": {"status": status, "code": ERROR_CODES.get(status, "error"), "message": message,
                      "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Where and why, without echoing the rejected input back."""
    return [{"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", "")), "type": err.get("type")}
            for err in exc.errors()]


def install_error_handlers(app: FastAPI) -> None:
    async def on_http(_: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    async def on_invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid request parameters", validation_details(exc))

    async def on_busy(_: Request, exc: StoreBusy | StoreMissing) -> JSONResponse:
        return error_response(503, str(exc), headers={"Retry-After": "2"})

    async def on_crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed", exc_info=exc)
        return error_response(500, "internal error")

    app.add_exception_handler(HTTPException, on_http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, on_invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StoreBusy, on_busy)  # type: ignore[arg-type]
    app.add_exception_handler(StoreMissing, on_busy)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, on_crash)


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no such {what}")


def reader_of(request: Request) -> SnapshotReader:
    return request.app.state.reader


def run_query(request: Request, query: Callable[..., Any], *args: Any) -> Any:
    with reader_of(request).connection() as con:
        return query(con, *args)


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api")
    add_document_routes(router)
    add_event_routes(router)
    add_link_routes(router)
    add_track_routes(router)
    return router


def add_document_routes(router: APIRouter) -> None:
    @router.get("/summary", summary="Counts, date span, types, statuses and outlets of the store")
    def get_summary(request: Request) -> dict[str, Any]:
        return run_query(request, queries.summary)

    @router.get("/documents", summary="Documents (without text), by doc_id")
    def list_documents(request: Request, limit: Limit = 100, offset: Offset = 0,
                       outlet: ShortText = None, text: ShortText = None) -> dict[str, Any]:
        return run_query(request, queries.documents, outlet, text, limit, offset)

    @router.get("/documents/{doc_id:path}", summary="One document with its text, removed spans and embeds")
    def get_document(request: Request, doc_id: Annotated[str, PathParam(min_length=1, max_length=500)]
                     ) -> dict[str, Any]:
        return one_or_404(run_query(request, queries.document, doc_id), "document")

    @router.get("/errors", summary="Inputs that could not be read")
    def list_errors(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return run_query(request, queries.errors, limit, offset)


def one_or_404(found: dict[str, Any] | None, what: str) -> dict[str, Any]:
    """A single record, or the API's 404 error naming what was not found."""
    if found is None:
        raise not_found(what)
    return found


def add_event_routes(router: APIRouter) -> None:
    @router.get("/events", summary="Event mentions, filtered; `documents` gives each listed document's title")
    def list_events(request: Request, limit: Limit = 100, offset: Offset = 0, type: EventType | None = None,
                    status: Status | None = None,
                    actor: Annotated[str | None, Query(min_length=1, max_length=100,
                                                       description="ISO-3 code or part of a name")] = None,
                    date_from: date | None = None, date_to: date | None = None, text: ShortText = None,
                    cluster: Ident = None, doc_id: Ident = None) -> dict[str, Any]:
        if date_from and date_to and date_from > date_to:
            raise HTTPException(422, "date_from is after date_to")
        flt = queries.EventFilter(type.value if type else None, status.value if status else None, actor,
                                  date_from, date_to, text, cluster, doc_id)
        return run_query(request, queries.events, flt, limit, offset)

    @router.get("/events/{event_id}", summary="One event mention")
    def get_event(request: Request, event_id: Annotated[str, PathParam(min_length=1, max_length=200)]
                  ) -> dict[str, Any]:
        return one_or_404(run_query(request, queries.event, event_id), "event")


def add_link_routes(router: APIRouter) -> None:
    @router.get("/clusters", summary="Event clusters: one row per real-world event")
    def list_clusters(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return run_query(request, queries.link_rows, "clusters", limit, offset)

    @router.get("/contradictions", summary="Where reports of one event disagree, both sides with evidence")
    def list_contradictions(request: Request, limit: Limit = 100, offset: Offset = 0,
                            cluster: Ident = None) -> dict[str, Any]:
        return run_query(request, queries.link_rows, "contradictions", limit, offset, "cluster", cluster)

    @router.get("/timeline", summary="Clusters in date order")
    def list_timeline(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return run_query(request, queries.link_rows, "timeline", limit, offset)

    @router.get("/escalation", summary="Escalation index per dyad and period")
    def list_escalation(request: Request, limit: Limit = 100, offset: Offset = 0,
                        dyad: Annotated[str | None, Query(min_length=1, max_length=100)] = None) -> dict[str, Any]:
        return run_query(request, queries.link_rows, "escalation", limit, offset, "dyad", dyad)


def add_track_routes(router: APIRouter) -> None:
    @router.get("/observations", summary="Flight-track observations (observation.schema.json), in time order")
    def list_observations(request: Request, limit: Limit = 100, offset: Offset = 0, doc_id: Ident = None,
                          type: ObservationType | None = None,
                          registration: Annotated[str | None, Query(
                              min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]*$",
                              description="tail number, any case; hyphens and spaces ignored")] = None,
                          ) -> dict[str, Any]:
        flt = queries.ObservationFilter(doc_id, type.value if type else None, registration)
        return run_query(request, queries.observations, flt, limit, offset)


def page_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(render_dashboard("api"),
                            headers={"Content-Security-Policy": content_security_policy(live=True)})


def create_app(db_path: Path, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The API app over the store at ``db_path``; ``allowed_hosts`` guards a loopback server from
    DNS rebinding (None: any Host header)."""
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.reader.close()

    app = FastAPI(title="Casus API", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read-only access to a Casus store: documents, event mentions and link tables.")
    app.state.reader = SnapshotReader(db_path)
    install_error_handlers(app)
    app.include_router(api_router())
    page_routes(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    return app
