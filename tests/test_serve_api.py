"""The JSON API of `sitrep serve` through the ASGI test client, on the sample database: what each
endpoint returns, and a walk of every endpoint with bad parameters (one error shape, a 4xx)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from sitrep.serve import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(sample_db), raise_server_exceptions=False) as c:
        yield c


def _routes(client) -> list[str]:
    spec = client.get("/api/openapi.json").json()
    return sorted(spec["paths"])


def _is_error(r, status: int | None = None) -> None:
    assert 400 <= r.status_code < 500, (r.request.url, r.status_code, r.text[:300])
    if status is not None:
        assert r.status_code == status, (r.request.url, r.text[:300])
    body = r.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"status", "code", "message", "params"}, body
    assert body["error"]["status"] == r.status_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_openapi_describes_every_endpoint(client):
    paths = _routes(client)
    for p in ("/api/stories", "/api/stories/{story_id}", "/api/clusters", "/api/clusters/{cluster_id}", "/api/events",
              "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/network",
              "/api/timeline", "/api/map", "/api/weapons", "/api/speakers", "/api/report", "/api/overview", "/api/meta"):
        assert p in paths


def test_overview_ranks_stories_as_the_report(client):
    d = client.get("/api/overview").json()
    assert "Oreshnik" in d["stories"][0]["title"]
    assert d["stories"][0]["reliability"] in "ABCDEF" and d["stories"][0]["reasons"]
    assert any("single origin" in c for c in d["caveats"])


def test_events_page_and_filters(client):
    page1 = client.get("/api/events", params={"limit": 10}).json()
    page2 = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    assert page1["total"] == page2["total"] > 20
    assert not {e["event_id"] for e in page1["items"]} & {e["event_id"] for e in page2["items"]}
    d = client.get("/api/events", params={"actor": "RUS", "type": "COOPERATE", "limit": 100}).json()
    assert d["items"] and all(e["type"] == "COOPERATE" and any(a["code"] == "RUS" for a in e["actor"] + e["recipient"])
                              for e in d["items"])
    ore = client.get("/api/events", params={"weapon": "oreshnik", "since": "2024-11-01", "until": "2024-12-31"}).json()
    assert ore["items"] and all(any(w["name"] == "Oreshnik" for w in e["weapons"]) for e in ore["items"])
    st = client.get("/api/events", params={"source_type": "unattributed", "limit": 500}).json()
    assert st["items"] and all(e["attribution"] is None or e["attribution"]["speaker_type"] == "unattributed" for e in st["items"])


def test_event_detail_marks_the_evidence(client):
    eid = client.get("/api/events", params={"weapon": "Oreshnik", "limit": 1}).json()["items"][0]["event_id"]
    e = client.get(f"/api/events/{eid}").json()
    kinds = {h["kind"] for h in e["highlights"]}
    assert {"trigger", "weapon"} <= kinds
    for h in e["highlights"]:
        assert e["evidence"]["sentence"][h["start"]:h["end"]] == h["text"]
    assert e["cluster"]["reports"] and e["story_id"]


def test_story_cluster_article_detail(client):
    sid = client.get("/api/stories").json()["items"][0]["story_id"]
    s = client.get(f"/api/stories/{sid}").json()
    assert s["cluster_details"] and s["article_details"]
    cid = s["clusters"][0]
    assert client.get(f"/api/clusters/{cid}").json()["cluster_id"] == cid
    aid = s["articles"][0]
    a = client.get(f"/api/articles/{aid}").json()
    assert a["text"] and a["sentences"] and a["sentences"][0]["events"]
    assert client.get("/api/clusters", params={"actor": "BLR"}).json()["items"]
    assert client.get("/api/clusters", params={"weapon": "oreshnik"}).json()["items"]


def test_network_joins_blr_and_rus_in_cooperation(client):
    d = client.get("/api/network").json()
    assert any({e["source"], e["target"]} == {"BLR", "RUS"} and "COOPERATE" in e["types"] for e in d["edges"])
    ids = {n["id"] for n in d["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in d["edges"])


def test_views_data(client):
    m = client.get("/api/map").json()
    assert m["type"] == "FeatureCollection" and m["features"]
    assert {f["properties"]["precision"] for f in m["features"]} == {"country", "city"}
    t = client.get("/api/timeline", params={"actor": "LTU"}).json()
    assert 0 < t["total"] < client.get("/api/timeline").json()["total"]
    w = client.get("/api/weapons").json()
    assert any(s["name"] == "Oreshnik" for s in w["items"])
    sp = client.get("/api/speakers", params={"speaker_type": "named_person"}).json()
    assert sp["items"] and all(s["speaker_type"] == "named_person" for s in sp["items"])
    assert client.get("/api/actors").json()["items"][0]["id"] in ("RUS", "BLR")
    assert client.get("/api/articles", params={"actor": "LTU"}).json()["items"]
    r = client.get("/api/report").json()
    assert r["stories"] and r["citations"]
    md = client.get("/api/report", params={"format": "markdown"})
    assert md.status_code == 200 and md.text.startswith("# Situation report")


HOSTILE = {
    "since": ["2024-02-30", "yesterday", "2024-13-01", "'; DROP TABLE events; --", "9" * 500],
    "until": ["2024-1-1", "0000-00-00"],
    "actor": ["RUS' OR '1'='1", "RUS; DROP TABLE events", "x" * 200, "../etc"],
    "actor_name": ["a' OR 1=1 --", "x" * 300, "\x00"],
    "type": ["ASSAULT;DROP", "NOTATYPE", "ASSAULT,,COERCE"],
    "weapon": ["Oreshnik'; DELETE FROM events; --", "<script>", "x" * 300],
    "country": ["UKR OR 1=1", "12"],
    "source_type": ["state_media' --", "nobody"],
    "limit": ["-1", "0", "100000", "1e9", "ten"],
    "offset": ["-5", "99999999999", "x"],
}


def test_every_endpoint_rejects_bad_parameters_with_one_error_shape(client):
    spec = client.get("/api/openapi.json").json()
    walked = 0
    for path, ops in spec["paths"].items():
        params = {p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"}
        if "{" in path:
            for bad in ("..%2F..%2Fetc%2Fpasswd", "x%00y", "%27%20OR%201%3D1", "a" * 300, "nonexistent"):
                url = path.split("{")[0] + bad
                r = client.get(url)
                _is_error(r)
                walked += 1
            continue
        for name, values in HOSTILE.items():
            if name not in params:
                continue
            for v in values:
                _is_error(client.get(path, params={name: v}), 400)
                walked += 1
        if "since" in params:
            _is_error(client.get(path, params={"since": "2024-12-01", "until": "2024-11-01"}), 400)
    assert walked > 200
    for path in ("/api/nothing", "/api/events/a/b", "/api/../../etc/passwd", "/static/../../pyproject.toml"):
        r = client.get(path)
        assert r.status_code == 404, path
        if path.startswith("/api"):
            _is_error(r, 404)
    _is_error(client.post("/api/events"), 405)
    _is_error(client.get("/api/report", params={"format": "exe"}), 400)
    _is_error(client.get("/api/stories", params={"order": "random()"}), 400)


def test_the_database_is_untouched_and_open_read_only(client, sample_db):
    before = client.get("/api/meta").json()["counts"]
    client.get("/api/events", params={"actor_name": "x'); DELETE FROM events; --"})
    assert client.get("/api/meta").json()["counts"] == before


def test_a_missing_database_is_a_clear_error(tmp_path):
    from sitrep.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "none.duckdb")


def test_the_server_lets_go_of_the_database_for_a_writer(sample_db, tmp_path):
    """Between requests the server holds no connection for long: a writer can open the file."""
    import shutil
    import time

    from sitrep.store import Store

    db = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, db)
    with TestClient(create_app(db, hold=0.2)) as c:
        before = c.get("/api/meta").json()["counts"]["articles"]
        time.sleep(0.6)  # the idle connection is closed after `hold` seconds
        with Store.open(db, wait=5) as writer:  # would fail while a reader holds the file
            writer.connection.execute("DELETE FROM corpus_pending")
        assert c.get("/api/meta").json()["counts"]["articles"] == before


def test_a_writer_that_announces_itself_gets_the_file_while_requests_keep_coming(sample_db, tmp_path):
    """The server keeps its connection open between requests (a warm cache), yet a writer in another
    process that announces itself (`Store.open` for writing does) gets the file within its wait under
    a steady stream of requests, which wait for its batch and then see what it wrote."""
    import os
    import shutil
    import subprocess
    import sys
    import threading
    from pathlib import Path

    db = tmp_path / "busy.duckdb"
    shutil.copy(sample_db, db)
    src = str(Path(__file__).resolve().parents[1] / "src")
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[2]); from sitrep.store import Store;"
        "t = time.monotonic(); s = Store.open(sys.argv[1], wait=10);"
        "s.connection.execute(\"INSERT INTO rejections VALUES ('x-serve', 'x-serve', 'empty', 'test', now())\");"
        "s.close(); print(f'wrote after {time.monotonic() - t:.2f} s', flush=True)"
    )
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        reader = c.app.state.reader
        before = c.get("/api/meta").json()["counts"]["rejections"]
        c.get("/api/events", params={"limit": 5})
        assert reader.opens == 1  # one connection for both requests: it stays open while nobody writes
        statuses: list[int] = []
        stop = threading.Event()

        def hammer() -> None:
            while not stop.is_set():
                statuses.append(c.get("/api/events", params={"limit": 5}).status_code)

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        try:
            writer = subprocess.run([sys.executable, "-c", code, str(db), src], capture_output=True, text=True,
                                    timeout=60, env={**os.environ, "PYTHONPATH": src})
        finally:
            stop.set()
            for t in threads:
                t.join()
        assert writer.returncode == 0, writer.stderr
        assert writer.stdout.startswith("wrote after"), writer.stdout
        assert statuses and set(statuses) == {200}, sorted(set(statuses))
        assert c.get("/api/meta").json()["counts"]["rejections"] == before + 1
        assert reader.opens >= 2  # let go for the writer, then opened again
        assert not os.path.exists(str(db) + ".writer.wait")  # the marker goes with the writer


def test_aggregate_responses_are_kept_until_an_ingest_batch_changes_the_database(sample_db, tmp_path):
    """The aggregate endpoints' responses are kept per connection (`sitrep.serve.cache`): asked
    again they come from the cache, unchanged; once `sitrep ingest` in another process has written a
    batch (the server lets go of the file for it and opens a new connection) the next response shows
    the new article and its events."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    db = tmp_path / "cached.duckdb"
    shutil.copy(sample_db, db)
    corpus = tmp_path / "new"
    corpus.mkdir()
    (corpus / "2025-03-02-drill.txt").write_text(
        "Title: Lithuania and Poland hold a joint air defence drill\nDate: 2025-03-02\nSource: Baltic Wire\n"
        "URL: https://balticwire.example/2025/03/02/drill\n\n"
        "VILNIUS — Lithuanian and Polish troops held a joint air defence exercise near Vilnius on Sunday, "
        "the Lithuanian Defence Ministry said. Russia condemned the drill as a provocation.\n", encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]
    paths = ["/api/meta", "/api/overview", "/api/timeline?actor=LTU", "/api/network", "/api/weapons",
             "/api/speakers", "/api/map", "/api/actors", "/api/stories"]
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        cache = c.app.state.cache
        first = {p: c.get(p) for p in paths}
        assert all(r.status_code == 200 for r in first.values()), {p: r.text[:200] for p, r in first.items()}
        misses = cache.misses
        again = {p: c.get(p) for p in paths}
        assert cache.misses == misses  # every one from the cache ...
        assert all(again[p].content == first[p].content for p in paths)  # ... and the same
        run = subprocess.run([sys.executable, "-m", "sitrep.cli", "-q", "ingest", "--db", str(db), str(corpus)],
                             cwd=repo, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(repo / "src")})
        assert run.returncode == 0, run.stderr
        meta = c.get("/api/meta").json()
        assert meta["counts"]["articles"] == first["/api/meta"].json()["counts"]["articles"] + 1
        assert meta["counts"]["events"] > first["/api/meta"].json()["counts"]["events"]
        timeline = c.get("/api/timeline", params={"actor": "LTU"}).json()
        assert timeline["total"] > first["/api/timeline?actor=LTU"].json()["total"]
        assert "2025-03-02" in {d["date"] for d in timeline["days"]}
        assert c.app.state.reader.opens >= 2


@pytest.mark.parametrize("filters", [{}, {"actor": "RUS"}, {"type": "AGREE,ASSAULT", "since": "2024-11-21"},
                                     {"weapon": "oreshnik"}, {"actor": "NOBODY"}])
@pytest.mark.parametrize("limit, offset", [(5, 0), (3, 2), (10, 1000)])
def test_an_events_page_and_its_count_in_one_pass_are_events_and_count_events(sample_db, filters, limit, offset):
    from sitrep.store import Store

    with Store.open(sample_db, read_only=True) as store:
        items, total = store.events_page(limit=limit, offset=offset, **filters)
        assert items == store.events(limit=limit, offset=offset, **filters)
        assert total == store.count_events(**filters)


def test_article_detail_lists_its_stances_apart_and_speakers_take_a_kind(client):
    arts = client.get("/api/articles", params={"limit": 500}).json()["items"]
    with_stances = [a for a in arts if a["stances"]]
    assert with_stances, "the sample corpus has an article with a stance ('praised ...', 'called for ...')"
    a = client.get(f"/api/articles/{with_stances[0]['id']}").json()
    assert len(a["stances"]) == with_stances[0]["stances"] and len(a["quotes"]) == with_stances[0]["quotes"]
    assert {q["kind"] for q in a["stances"]} == {"stance"} and {q["kind"] for q in a["quotes"]} <= {"statement"}
    meta = client.get("/api/meta").json()["counts"]
    assert meta["stances"] >= len(a["stances"]) and meta["quotes"] >= len(a["quotes"])
    said = {st["content"] for s in client.get("/api/speakers", params={"limit": 200}).json()["items"]
            for st in s["statements"]}
    held = {st["content"] for s in client.get("/api/speakers", params={"kind": "stance", "limit": 200}).json()["items"]
            for st in s["statements"]}
    every = {st["content"] for s in client.get("/api/speakers", params={"kind": "all", "limit": 200}).json()["items"]
             for st in s["statements"]}
    assert held and said | held == every
    _is_error(client.get("/api/speakers", params={"kind": "stances"}))
