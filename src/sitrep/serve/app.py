"""The ASGI app: the JSON API under /api (OpenAPI at /api/openapi.json) and the web UI at /.

Requests read the database through one shared read-only connection, closed whenever a writer
announces that it wants the file (`sitrep.serve.connections`), so an ingest can write beside the
server and a request sees every batch committed before it started. One that meets a batch being
written waits up to `wait` seconds, then gets 503.

Every error, from any endpoint, is one JSON shape::

    {"error": {"status": 400, "code": "bad_parameter", "message": "...",
               "params": [{"name": "since", "message": "..."}]}}
"""

import json
import re
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date as Date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.errors import StoreError, UsageError
from sitrep.serve import queries
from sitrep.serve.cache import MAX_ENTRIES, ResponseCache
from sitrep.serve.connections import HOLD_SECONDS, SharedReader
from sitrep.serve.queries import Filters
from sitrep.store import Store

MAX_PAGE = 500  # rows per page; a larger `limit` is refused (400), never silently served
MAX_OFFSET = 10_000_000
PLOVER = ("AGREE", "ACCUSE", "ASSAULT", "AID", "CONCEDE", "CONSULT", "COOPERATE", "COERCE", "MOBILIZE", "PROTEST",
          "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
SOURCE_TYPES = ("named_person", "organisation", "media", "anonymous_official", "unnamed_expert", "unattributed",
                "wire", "state_media", "independent", "public_broadcaster", "unknown")
SPEAKER_TYPES = ("named_person", "organisation", "media", "anonymous_official", "unnamed_expert", "unattributed")

CODE = r"^[A-Za-z][A-Za-z0-9_]{0,31}$"
NAME = r"^[\w .,'’()&+/-]{1,80}$"
ID = r"^[\w.:-]{1,200}$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
TYPES = r"^[A-Za-z]+(,[A-Za-z]+)*$"


class ApiError(Exception):
    """An error the API answers with its one JSON shape."""

    def __init__(self, status: int, code: str, message: str, params: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.params = status, code, message, params or []


def error_body(status: int, code: str, message: str, params: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "params": params or []}}


def _error(status: int, code: str, message: str, params: list[dict[str, str]] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, params), status_code=status)


# --- parameters -----------------------------------------------------------------


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, "bad_parameter", f"{name} is not a real date: {value!r}",
                       [{"name": name, "message": "a date YYYY-MM-DD"}]) from None


def filters(
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD, inclusive (event date, else article date)")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    actor: Annotated[str | None, Query(pattern=CODE, description="actor or recipient code, exact (RUS, BLR, NATO)")] = None,
    actor_name: Annotated[str | None, Query(pattern=NAME, description="substring of an actor's text as written")] = None,
    type: Annotated[str | None, Query(pattern=TYPES, max_length=200, description="PLOVER type(s), comma-separated")] = None,
    weapon: Annotated[str | None, Query(pattern=NAME, description="weapon system name or class")] = None,
    country: Annotated[str | None, Query(pattern=CODE, description="location country or actor code")] = None,
    source_type: Annotated[str | None, Query(description="speaker type of the report, or outlet kind: "
                                             + ", ".join(SOURCE_TYPES))] = None,
) -> Filters:
    """The filters of `sitrep events` as query parameters, checked."""
    lo, hi = _date(since, "since"), _date(until, "until")
    if lo and hi and lo > hi:
        raise ApiError(400, "bad_parameter", f"since ({lo}) is after until ({hi})",
                       [{"name": "since", "message": "on or before until"}])
    if type:
        bad = [t for t in type.upper().split(",") if t not in PLOVER]
        if bad:
            raise ApiError(400, "bad_parameter", f"unknown event type(s): {', '.join(bad)}",
                           [{"name": "type", "message": "PLOVER types: " + ", ".join(PLOVER)}])
    if source_type and source_type not in SOURCE_TYPES:
        raise ApiError(400, "bad_parameter", f"unknown source type {source_type!r}",
                       [{"name": "source_type", "message": "one of " + ", ".join(SOURCE_TYPES)}])
    return Filters(since=lo, until=hi, actor=actor, actor_name=actor_name, type=type.upper() if type else None,
                   weapon=weapon, country=country, source_type=source_type)


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
F = Annotated[Filters, Depends(filters)]


# --- the app --------------------------------------------------------------------


def _render(value: Any) -> bytes:
    """The JSON body FastAPI would send for `value` returned by an endpoint (its `JSONResponse`
    settings), written by `json.dumps` directly: `jsonable_encoder` walks every value first, which
    costs more than the dump for the timeline's thousands of points; what JSON has no form for
    (dates, sets) still goes through it. Bytes are a body already written (`queries.timeline_json`)."""
    if isinstance(value, bytes):
        return value
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"),
                      default=jsonable_encoder).encode("utf-8")


def create_app(db_path: str | Path, *, wait: float = 5.0, hold: float = HOLD_SECONDS,
               cache_entries: int = MAX_ENTRIES, warm: bool = True) -> FastAPI:
    """The sitrep web app over the database at `db_path`, opened read-only and let go of whenever
    a writer wants it (`sitrep.serve.connections`), so an ingest can write beside it; `hold`: close
    a connection idle that many seconds. The aggregate endpoints' responses are kept per connection
    (`sitrep.serve.cache`; `cache_entries=0`: none kept); `warm`: at start-up, open the connection
    and keep the first page's meta and overview in a background thread."""
    path = str(db_path)
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}")
    reader = SharedReader(path, wait=wait, hold=hold)
    cache = ResponseCache(max_entries=cache_entries)

    def cached(db: Store, key: tuple[Any, ...], build: Any) -> Response:
        """`build()`'s JSON, kept for this state of the database (`sitrep.serve.cache`)."""
        body = cache.get_or_build(getattr(db, "generation", -1), key, build, _render)
        return Response(body, media_type="application/json")

    def warm_up() -> None:
        """Open the connection and keep what the first page asks for (the meta and the overview), so
        the first render after start does not wait for a cold connection; any failure is left to the
        requests to report."""
        try:
            with reader.session() as db:
                cached(db, ("meta",), lambda: queries.meta(db))
                cached(db, ("overview", Filters(), 25), lambda: queries.overview(db, Filters(), limit=25))
        except Exception:  # noqa: BLE001 - a request will meet it again and answer it
            pass

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm and cache_entries > 0:
            threading.Thread(target=warm_up, name="sitrep-serve-warm", daemon=True).start()
        yield
        reader.close()

    app = FastAPI(lifespan=lifespan, title="sitrep", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Sourced, explainable event coding of military and geopolitical news: stories, "
                              "clusters, events, articles, actors, weapon systems, speakers and the report. "
                              "Every error is {\"error\": {status, code, message, params}}.")

    def store() -> Iterator[Store]:
        try:
            session = reader.session()
            db = session.__enter__()
        except StoreError as exc:
            raise ApiError(503, "database_unavailable", str(exc)) from None
        try:
            yield db
        finally:
            session.__exit__(None, None, None)

    DB = Annotated[Store, Depends(store)]

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.params)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        params = [{"name": str(e["loc"][-1]) if e.get("loc") else "?", "message": e.get("msg", "invalid")}
                  for e in exc.errors()]
        names = ", ".join(p["name"] for p in params)
        return _error(400, "bad_parameter", f"invalid parameter(s): {names}", params)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError) -> JSONResponse:
        return _error(400, "bad_parameter", str(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return _error(503, "database_unavailable", str(exc))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal_error", f"{type(exc).__name__}: the server failed on this request")

    def found(value: Any, what: str, key: str) -> Any:
        if value is None:
            raise ApiError(404, "not_found", f"no {what} {key!r}")
        return value

    @app.get("/api/meta", tags=["meta"], summary="Counts, the period covered and the values filters take")
    def get_meta(db: DB) -> dict[str, Any]:
        return cached(db, ("meta",), lambda: queries.meta(db))

    @app.get("/api/overview", tags=["stories"], summary="Caveats and the stories ranked as the report ranks them")
    def get_overview(db: DB, f: F, limit: Annotated[int, Query(ge=1, le=100)] = 25) -> dict[str, Any]:
        return cached(db, ("overview", f, limit), lambda: queries.overview(db, f, limit=limit))

    @app.get("/api/stories", tags=["stories"], summary="Stories (the `sitrep stories` contract), paginated")
    def get_stories(db: DB, f: F, limit: Limit = 50, offset: Offset = 0,
                    order: Annotated[str, Query(pattern="^(significance|date)$")] = "significance") -> dict[str, Any]:
        return cached(db, ("stories", f, order, limit, offset),
                      lambda: queries.stories(db, f, order=order, limit=limit, offset=offset))

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story: articles, grades, every cluster")
    def get_story(db: DB, story_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        return found(queries.story(db, story_id), "story", story_id)

    @app.get("/api/clusters", tags=["clusters"], summary="Event clusters (one happening's reports), paginated")
    def get_clusters(db: DB, f: F, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return queries.clusters(db, f, limit=limit, offset=offset)

    @app.get("/api/clusters/{cluster_id}", tags=["clusters"], summary="One cluster with every report and grade")
    def get_cluster(db: DB, cluster_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        return found(queries.cluster(db, cluster_id), "cluster", cluster_id)

    @app.get("/api/events", tags=["events"], summary="Events matching the filters of `sitrep events`, paginated")
    def get_events(db: DB, f: F, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return queries.events(db, f, limit=limit, offset=offset)

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event, its evidence marked up, its cluster")
    def get_event(db: DB, event_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        return found(queries.event(db, event_id), "event", event_id)

    @app.get("/api/articles", tags=["articles"], summary="Articles (with event filters: those holding a match)")
    def get_articles(db: DB, f: F, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return queries.articles(db, f, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article, its coded sentences, quotes, stances")
    def get_article(db: DB, article_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        return found(queries.article(db, article_id), "article", article_id)

    @app.get("/api/actors", tags=["actors"], summary="Actors of the matching events, by code")
    def get_actors(db: DB, f: F, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return cached(db, ("actors", f, limit, offset), lambda: queries.actors(db, f, limit=limit, offset=offset))

    @app.get("/api/network", tags=["actors"], summary="Actors as nodes, events as edges by quad class")
    def get_network(db: DB, f: F, limit: Limit = 200) -> dict[str, Any]:
        return cached(db, ("network", f, limit), lambda: queries.network(db, f, limit=limit))

    @app.get("/api/timeline", tags=["events"], summary="Dated events as points, counts per day and quad class")
    def get_timeline(db: DB, f: F) -> dict[str, Any]:
        return cached(db, ("timeline", f), lambda: queries.timeline_json(db, f))

    @app.get("/api/map", tags=["events"], summary="Located events as GeoJSON")
    def get_map(db: DB, f: F) -> dict[str, Any]:
        return cached(db, ("map", f), lambda: queries.map_features(db, f))

    @app.get("/api/weapons", tags=["weapons"], summary="Per weapon system: what was said and done with it")
    def get_weapons(db: DB, f: F, limit: Limit = 50) -> dict[str, Any]:
        return cached(db, ("weapons", f, limit), lambda: queries.weapons(db, f, limit=limit))

    @app.get("/api/speakers", tags=["speakers"], summary="What each speaker said, when, in which outlets")
    def get_speakers(db: DB, f: F, limit: Limit = 50, offset: Offset = 0,
                     speaker: Annotated[str | None, Query(pattern=NAME)] = None,
                     speaker_type: Annotated[str | None, Query(pattern="^(" + "|".join(SPEAKER_TYPES) + ")$")] = None,
                     kind: Annotated[str, Query(pattern="^(statement|stance|all)$",
                                                description="statements (the default), stances, or all")] = "statement",
                     ) -> dict[str, Any]:
        return cached(db, ("speakers", f, speaker, speaker_type, kind, limit, offset),
                      lambda: queries.speakers(db, f, speaker=speaker, speaker_type=speaker_type, kind=kind,
                                               limit=limit, offset=offset))

    @app.get("/api/report", tags=["report"], summary="The situation report: JSON data, Markdown or HTML",
             responses={200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}})
    def get_report(db: DB, f: F, format: Annotated[str, Query(pattern="^(json|markdown|html)$")] = "json") -> Any:
        if format == "json":
            return cached(db, ("report", f), lambda: queries.report(db, f))
        from sitrep.report import build_report

        text = build_report(db, fmt=format, **{k: v for k, v in f.active().items() if k != "source_type"})
        return PlainTextResponse(text, media_type="text/markdown" if format == "markdown" else "text/html")

    @app.get("/api/{rest:path}", include_in_schema=False)
    def unknown(rest: str) -> None:
        raise ApiError(404, "not_found", "no such endpoint; see /api/openapi.json")

    static = resources.files("sitrep.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    app.state.reader = reader
    app.state.cache = cache
    return app
