"""`sitrep serve`: the JSON API and the web UI over a sitrep database.

- `queries`: what each endpoint and view shows, as plain data read from a `Store`;
- `app`: the ASGI app (FastAPI on Starlette): routes, the one error shape, the database
  opened read-only per request, the static UI;
- `static/`: the web UI (vanilla JavaScript and inline SVG, no build step, no network) and
  the country outlines it draws the map on (Natural Earth via world-atlas, public domain).

    from sitrep.serve import create_app
    app = create_app("sitrep.duckdb")     # any ASGI server; `sitrep serve` runs uvicorn
"""

from sitrep.serve.app import create_app

__all__ = ["create_app"]
