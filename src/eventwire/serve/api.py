"""The HTTP API over the store, and the offline dashboard: `create_app(db)` returns the FastAPI app.

    >>> from eventwire.serve import create_app
    >>> app = create_app("sqlite:///events.db", token="s3cret")      # doctest: +SKIP
    >>> # uvicorn.run(app, host="127.0.0.1", port=8000)

Endpoints: POST /extract, POST /articles (token), GET /events, GET /events/{id}, GET /articles/{id},
GET /stats, POST /examples (token), GET /basemap.geojson; the dashboard at /, OpenAPI at /openapi.json and
Swagger UI at /docs, all served from the package (no CDN). spaCy loads on the first extraction, not before.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hmac
import io
import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventwire import __version__
from eventwire.errors import EventwireError, StoreError
from eventwire.export import write_events
from eventwire.ingest.failure import ReadFailure
from eventwire.model import Article, ArticleResult, Corroboration, Event, Mention, Stance
from eventwire.store import EventFilter, Store, open_store

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files("eventwire.serve") / "static"))
EXAMPLES = Path(str(resources.files("eventwire.serve") / "examples"))
NATURAL_EARTH = Path(
    str(resources.files("eventwire") / "data/gazetteer/sources/ne_50m_admin_0_countries.json.gz")
)

MAX_BODY_BYTES = 4_000_000  # a batch of articles; one article is at most 2 MB (ingest.text.MAX_BYTES)
REQUEST_SECONDS = 60.0  # an extraction of a long article on a busy machine takes seconds, not a minute
MAX_LIMIT = 10_000
DEFAULT_LIMIT = 100
MAX_ARTICLES_PER_REQUEST = 100


class ArticleIn(BaseModel):
    """An article to extract or ingest: the text, and whatever is known about it."""

    text: str = Field(min_length=1, description="The article text; a leading `date YYYY-MM-DD` line is read.")
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD or an ISO date-time.")


class Mark(BaseModel):
    """A span of an article's text to highlight: an event's evidence or a loaded term."""

    start: int
    end: int
    kind: Literal["evidence", "loaded_term"]
    label: str
    mention: int


class ExtractOut(BaseModel):
    """What POST /extract returns: the article as read and its mentions, each with its evidence spans."""

    article: Article
    status: str
    reason: str | None = None
    mentions: list[Mention]
    marks: list[Mark]


class IngestOut(BaseModel):
    """What POST /articles returns: per article, its id and whether it was new, plus what failed."""

    stored: int
    already_stored: int
    mentions: int
    articles: list[str]
    failures: list[str]


class ArticleOut(BaseModel):
    """What GET /articles/{id} returns: the text, its status, its mentions and the spans to highlight."""

    article: Article
    status: str
    reason: str | None = None
    mentions: list[Mention]
    marks: list[Mark]


class EventOut(BaseModel):
    """What GET /events/{id} returns: the merged event, its ACLED row and each telling of it."""

    event: Event
    row: dict[str, Any]
    tellings: list[dict[str, Any]]


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    request_seconds: float = REQUEST_SECONDS,
) -> FastAPI:
    """Return the API and dashboard app over the store at `db` (see `open_store`).

    With a `token`, writes (POST /articles, POST /examples) need `Authorization: Bearer <token>`. Bodies over
    `max_body_bytes` get 413; a request running longer than `request_seconds` gets 503.
    """
    open_store(db).close()  # a wrong URL fails here, at start, with the store's message
    stores = _StorePerThread(db)
    extraction = _Extraction()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close_all()

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=__version__,
        description="Conflict events extracted from news, with who claims them and the words behind them.",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=6)
    app.add_middleware(_Limits, max_body_bytes=max_body_bytes, request_seconds=request_seconds)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"error": _validation_message(exc), "detail": _plain(exc.errors())}, status_code=422
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(EventwireError)
    async def _bad_input(request: Request, exc: EventwireError) -> JSONResponse:
        # The store failing is the server's trouble (503); any other eventwire error is about the input.
        return JSONResponse({"error": str(exc)}, status_code=503 if isinstance(exc, StoreError) else 400)

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if token is None:
            return
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "this server needs a token for writes: send Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})  # fmt: skip

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/basemap.geojson", include_in_schema=False)
    def basemap() -> Response:
        return Response(_basemap(), media_type="application/geo+json",
                        headers={"Cache-Control": "max-age=86400"})  # fmt: skip

    @app.get("/stats", summary="What the store holds")
    def stats() -> dict[str, Any]:
        """Return counts of articles (by status), mentions and events, and whether examples can be loaded."""
        counts = stores.get().counts()
        return {"counts": counts, "examples": sorted(p.name for p in _example_files()),
                "token_required": token is not None}  # fmt: skip

    @app.post("/extract", response_model=ExtractOut, summary="Extract the events of one article")
    def extract(
        body: Annotated[
            ArticleIn | str, Body(description="An article object, or the text as a JSON string.")
        ],
    ) -> ExtractOut:
        """Return the mentions of events in one article, with their evidence spans; nothing is stored."""
        article = _article(body, source="body")
        result = extraction.run([article])[0]
        return ExtractOut(article=result.article, status=result.status, reason=result.reason,
                          mentions=result.mentions, marks=article_marks(result))  # fmt: skip

    @app.post("/articles", response_model=IngestOut, dependencies=[Depends(require_token)],
              summary="Extract and store one or many articles")  # fmt: skip
    def ingest(body: Annotated[ArticleIn | list[ArticleIn], Body()]) -> IngestOut:
        """Extract the events of the articles and store them; articles already stored are skipped.

        One article that cannot be read is listed in `failures`; the others are stored.
        """
        items = body if isinstance(body, list) else [body]
        if len(items) > MAX_ARTICLES_PER_REQUEST:
            raise HTTPException(
                413, f"{len(items)} articles in one request; send at most {MAX_ARTICLES_PER_REQUEST}"
            )
        return _ingest(
            stores.get(),
            extraction,
            [_read_or_failure(item, f"article {n}") for n, item in enumerate(items, 1)],
        )

    @app.post("/examples", response_model=IngestOut, dependencies=[Depends(require_token)],
              summary="Load the bundled example articles")  # fmt: skip
    def examples() -> IngestOut:
        """Extract and store the example articles shipped with eventwire (idempotent)."""
        return _ingest(stores.get(), extraction, example_articles())

    @app.get("/events", summary="List events (JSON, CSV or GeoJSON)",
             responses={200: {"content": {"application/json": {}, "text/csv": {}, "application/geo+json": {}}}})  # fmt: skip
    def events(filters: Annotated[EventFilter, Depends(_event_filter)],
               format: Literal["json", "csv", "geojson"] = "json") -> Response:  # fmt: skip
        """Return the events that pass every filter given, by date then id, in the ACLED column layout.

        Pagination: `limit` (at most 10,000) and `offset`; the `X-Next-Offset` header is set when more follow.
        """
        out = io.BytesIO()
        count = write_events(stores.get().event_rows(filters), out, format=format)
        media = {"json": "application/json", "csv": "text/csv; charset=utf-8",
                 "geojson": "application/geo+json"}[format]  # fmt: skip
        headers = {"X-Count": str(count)}
        if count == filters.limit:
            headers["X-Next-Offset"] = str((filters.offset or 0) + count)
        return Response(out.getvalue(), media_type=media, headers=headers)

    @app.get("/events/{event_id}", response_model=EventOut, summary="One event, its tellings and evidence")
    def event(event_id: str) -> EventOut:
        """Return one event: its mentions (each source's telling: claimant, stance, evidence) and ACLED row."""
        from eventwire.export import event_row

        store = stores.get()
        found = store.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in the store; list events with GET /events")
        row = event_row(found)
        tellings = []
        for mention in found.mentions:
            stored = store.article(mention.article_id)
            article = stored.article if stored else None
            tellings.append({
                "article_id": mention.article_id,
                "title": article.title if article else None,
                "publisher": article.publisher if article else None,
                "url": article.url if article else None,
                "published": article.published.isoformat() if article and article.published else None,
                "claimant": mention.claim.claimant, "stance": mention.claim.stance,
                "hedged": mention.claim.hedged, "cue": mention.claim.cue,
                "other_claims": [c.model_dump(mode="json") for c in mention.other_claims],
                "actor1": mention.actor1.name if mention.actor1 else None,
                "actor2": mention.actor2.name if mention.actor2 else None,
                "fatalities": mention.fatalities, "notes": mention.notes,
                "evidence": {k: v.text for k, v in mention.evidence.items()},
                "spans": [{"field": k, "start": v.start, "end": v.end} for k, v in mention.evidence.items()],
                "loaded_terms": [t.span.text for t in mention.loaded_terms],
            })  # fmt: skip
        return EventOut(event=found, row=_jsonable(row), tellings=tellings)

    @app.get("/articles/{article_id}", response_model=ArticleOut, summary="An article with its marked spans")
    def article(article_id: str) -> ArticleOut:
        """Return one stored article: its text, mentions, and the evidence spans and loaded terms to mark."""
        found = stores.get().article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return ArticleOut(article=found.article, status=found.status, reason=found.reason,
                          mentions=found.mentions, marks=article_marks(found))  # fmt: skip

    return app


# --- what the endpoints share ------------------------------------------------------------------------------


def article_marks(result: ArticleResult) -> list[Mark]:
    """Return the spans of an article's text to highlight: each mention's evidence and loaded terms, in order."""
    marks: list[Mark] = []
    size = len(result.article.text)
    for n, mention in enumerate(result.mentions):
        for field, span in mention.evidence.items():
            marks.append(Mark(start=span.start, end=span.end, kind="evidence", label=field, mention=n))
        for term in mention.loaded_terms:
            label = f"loaded term ({term.side})" + (f"; neutral: {term.neutral}" if term.neutral else "")
            marks.append(
                Mark(start=term.span.start, end=term.span.end, kind="loaded_term", label=label, mention=n)
            )
    # A span outside the text (an article edited after extraction) would mark the wrong words: drop it.
    marks = [m for m in marks if 0 <= m.start < m.end <= size]
    marks.sort(key=lambda m: (m.start, -m.end, m.kind))
    return marks


def _event_filter(
    since: Annotated[dt.date | None, Query(description="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[
        str | None, Query(max_length=100, description="Country name or ISO alpha-2 code.")
    ] = None,
    event_type: Annotated[
        str | None, Query(max_length=100, description="ACLED event type (or sub-event type).")
    ] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Part of actor1's or actor2's name.")
    ] = None,
    claimant: Annotated[str | None, Query(max_length=200, description="Part of a claimant's name.")] = None,
    stance: Stance | None = None,
    corroboration: Corroboration | None = None,
    bbox: Annotated[str | None, Query(description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> EventFilter:
    if since and until and since > until:
        raise HTTPException(400, f"since {since} is after until {until}; swap them")
    return EventFilter(since=since, until=until, country=country, event_type=event_type,
                       sub_event_type=sub_event_type, actor=actor, claimant=claimant, stance=stance,
                       corroboration=corroboration, bbox=_bbox(bbox), limit=limit, offset=offset)  # fmt: skip


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    message = f"bbox {text[:60]!r}: give four numbers MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (-180..180, -90..90)"
    try:
        box = tuple(float(x) for x in text.split(","))
    except ValueError:
        raise HTTPException(400, message) from None
    if len(box) != 4 or not all(-180 <= box[i] <= 180 and -90 <= box[i + 1] <= 90 for i in (0, 2)):
        raise HTTPException(400, message)
    if box[0] > box[2] or box[1] > box[3]:
        raise HTTPException(400, message + "; the minimum comes first")
    return box  # type: ignore[return-value]


def _article(body: ArticleIn | str, *, source: str) -> Article:
    from eventwire.ingest.text import read_text

    if isinstance(body, str):
        return read_text(body, name=source)
    return _read(body, source)


def _read(item: ArticleIn, source: str) -> Article:
    from eventwire.ingest.jsonl import article_from_record

    return article_from_record(item.model_dump(), source=source)


def _read_or_failure(item: ArticleIn, source: str) -> Article | ReadFailure:
    try:
        return _read(item, source)
    except EventwireError as exc:
        return ReadFailure.from_error(source, exc)


def _ingest(store: Store, extraction: _Extraction, items: list[Article | ReadFailure]) -> IngestOut:
    from eventwire.ingest.batch import ingest_items

    report = ingest_items(items, store, extract=extraction.run, batch_size=len(items) or 1)
    return IngestOut(stored=report.stored, already_stored=report.already_stored, mentions=report.mentions,
                     articles=[a.id for a in items if isinstance(a, Article)],
                     failures=[str(f) for f in report.failures])  # fmt: skip


def example_articles() -> list[Article]:
    """Return the example articles bundled with eventwire (the README's roundup and wire story)."""
    from eventwire.ingest.text import read_text

    return [read_text(p.read_bytes(), name=p.name) for p in _example_files()]


def _example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []


class _Extraction:
    """The pipeline, loaded on the first extraction (spaCy is not imported before), one extraction at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def run(self, articles: list[Article]) -> list[ArticleResult]:
        from eventwire.pipeline import Pipeline

        with self._lock:  # spaCy's Language is not meant to be shared by threads at once
            return list(Pipeline.load().extract_articles(articles, batch_size=len(articles) or 1))


class _StorePerThread:
    """A store connection per worker thread (SQLite connections belong to the thread that opened them)."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing at shutdown; another thread may hold it
                    log.debug("could not close %s", store.url, exc_info=True)
            self._all.clear()


class _Limits:
    """ASGI middleware: refuse bodies over a size (413) and requests running over a time (503)."""

    def __init__(self, app: Any, *, max_body_bytes: int, request_seconds: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.request_seconds = request_seconds

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = f"request body over {self.max_body_bytes:,} bytes; send fewer or shorter articles"
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await _send_error(send, 413, too_big)
            return
        # Read the body here, up to the limit, then hand it on: an over-long body without a Content-Length
        # is refused before any endpoint parses it.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > self.max_body_bytes:
                await _send_error(send, 413, too_big)
                return
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        delivered = False

        async def replayed_receive() -> dict[str, Any]:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        started = False

        async def tracked_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                if scope.get("path") != "/docs":  # Swagger UI starts itself with an inline script
                    headers.append((b"content-security-policy", _CSP))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, replayed_receive, tracked_send), self.request_seconds)
        except TimeoutError:
            log.warning("%s %s took over %.0f s; answered 503", scope.get("method"), scope.get("path"),
                        self.request_seconds)  # fmt: skip
            if not started:
                await _send_error(send, 503, f"the request took over {self.request_seconds:g} s; narrow it "
                                             "(filters, a smaller limit, a shorter article) or try again")  # fmt: skip


_CSP = (b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")  # fmt: skip


async def _send_error(send: Any, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        if error.get("type") == "json_invalid":
            detail = (error.get("ctx") or {}).get("error", "")
            parts.append(
                f"the body is not valid JSON ({detail or 'cannot be parsed'}); send an article object"
            )
            continue
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _plain(errors: Any) -> Any:
    # Validation errors may carry the offending input and exception objects; keep them JSON-safe.
    return json.loads(json.dumps(errors, default=str))


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


@lru_cache(maxsize=1)
def _basemap() -> bytes:
    """Return the Natural Earth 1:50m countries as a compact GeoJSON: names only, coordinates to 0.05°."""
    with gzip.open(NATURAL_EARTH, "rt", encoding="utf-8") as f:
        data = json.load(f)
    features = []
    for feature in data["features"]:
        geometry = feature.get("geometry")
        if not geometry:
            continue
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        kept = [p for p in ([r for r in (_ring(ring) for ring in polygon) if r] for polygon in polygons) if p]
        if not kept:
            continue
        props = feature.get("properties") or {}
        features.append({"type": "Feature", "properties": {"name": props.get("NAME") or props.get("name")},
                         "geometry": {"type": "MultiPolygon", "coordinates": kept}})  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def _ring(ring: list[list[float]], step: float = 0.05) -> list[list[float]] | None:
    # Snap to a grid and drop repeated points: a 1:50m border at map scale, a few hundred kB for the world.
    out: list[list[float]] = []
    for lon, lat, *_ in ring:
        point = [round(round(lon / step) * step, 2), round(round(lat / step) * step, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 4 else None
