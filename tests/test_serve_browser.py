"""End-to-end: `sitrep serve` on the sample database, driven in Debian's headless Chromium by
Playwright (the system browser through `executable_path`; nothing is downloaded). Screenshots of
every view go to tests/artifacts/screenshots/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHROMIUM = next((p for p in (os.environ.get("SITREP_CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p), None)
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make setup-dev)")
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine and none could be installed (make test runs "
                "apt-get install chromium where it can)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "-q", "serve", "--db", str(sample_db), "--port", str(port)],
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):  # up to 30 s for the server to start
            if proc.poll() is not None:
                raise RuntimeError(f"sitrep serve exited with {proc.returncode}")
            try:
                urllib.request.urlopen(url + "/api/meta", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("sitrep serve did not answer in 30 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        pg.sitrep_requests = requests  # type: ignore[attr-defined]
        yield pg
        browser.close()


def _open(page, server: str, query: str, shot: str) -> None:
    page.goto(f"{server}/?{query}")
    page.wait_for_selector("main[data-ready=true]", timeout=20_000)
    assert not page.query_selector("[data-testid=error]"), page.inner_text("[data-testid=error]")
    page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)


def test_overview_ranks_the_oreshnik_division_story_first(page, server):
    _open(page, server, "view=overview", "overview")
    titles = page.locator("[data-testid=story] h3").all_inner_texts()
    assert titles and "Oreshnik" in titles[0] and "division" in titles[0]
    assert page.locator("[data-testid=caveats] li").count() >= 2
    assert page.locator(".grade").first.inner_text().strip()[0] in "ABCDEF"


def test_timeline_shows_points_and_a_click_opens_the_event(page, server):
    _open(page, server, "view=timeline", "timeline")
    points = page.locator("svg[data-testid=timeline] circle.pt")
    assert points.count() > 50
    assert page.locator("svg[data-testid=timeline] circle.q4").count() > 0
    points.last.click()  # drawn last, so on top of any it overlaps
    page.wait_for_selector("main[data-view=event][data-ready=true]")
    assert page.locator("[data-testid=evidence] mark.trigger").count() == 1


def test_timeline_brush_narrows_the_period_in_the_url(page, server):
    _open(page, server, "view=timeline", "timeline-before-brush")
    box = page.locator("svg[data-testid=timeline]").bounding_box()
    y = box["y"] + box["height"] - 20
    page.mouse.move(box["x"] + box["width"] * 0.80, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=*")
    page.wait_for_selector("main[data-ready=true]")
    assert "until=" in page.url
    page.screenshot(path=str(SHOTS / "timeline-brushed.png"), full_page=True)


def test_map_has_points_on_country_outlines(page, server):
    _open(page, server, "view=map", "map")
    assert page.locator("svg[data-testid=map] path.country").count() > 100
    assert page.locator("svg[data-testid=map] circle.pt").count() > 10
    assert page.locator("svg[data-testid=map] circle[data-precision=country]").count() > 0
    assert page.locator("svg[data-testid=map] circle[data-precision=city]").count() > 0


def test_network_joins_belarus_and_russia_by_cooperation(page, server):
    _open(page, server, "view=network", "network")
    edges = page.locator("svg[data-testid=network] path.edge")
    pairs = [(edges.nth(i).get_attribute("data-source"), edges.nth(i).get_attribute("data-target"),
              edges.nth(i).get_attribute("data-types")) for i in range(edges.count())]
    assert any({s, t} == {"BLR", "RUS"} and "COOPERATE" in types.split(",") for s, t, types in pairs), pairs


def test_clicking_an_actor_filters_every_view(page, server):
    _open(page, server, "view=network", "network-before-filter")
    all_nodes = page.locator("svg[data-testid=network] g.node").count()
    page.locator("svg[data-testid=network] g.node[data-node=LTU]").click()
    page.wait_for_url("**actor=LTU*")
    page.wait_for_selector("main[data-ready=true]")
    page.screenshot(path=str(SHOTS / "network-actor-LTU.png"), full_page=True)
    assert page.locator("svg[data-testid=network] g.node").count() < all_nodes
    counts = {}
    for view in ("timeline", "map", "weapons", "overview", "events"):
        page.click(f"#tabs a[data-view={view}]")
        page.wait_for_selector(f"main[data-view={view}][data-ready=true]")
        assert "actor=LTU" in page.url
        page.screenshot(path=str(SHOTS / f"{view}-actor-LTU.png"), full_page=True)
        counts[view] = page.inner_text("main h2")
    unfiltered = page.evaluate("fetch('/api/timeline').then(r => r.json()).then(d => d.total)")
    filtered = page.evaluate("fetch('/api/timeline?actor=LTU').then(r => r.json()).then(d => d.total)")
    assert 0 < filtered < unfiltered
    assert f"{filtered} dated events" in counts["timeline"]


def test_filter_form_sets_the_url(page, server):
    _open(page, server, "view=events", "events")
    page.fill("#filters input[name=actor]", "BLR")
    page.select_option("#filters select[name=type]", "COOPERATE")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**type=COOPERATE*")
    page.wait_for_selector("main[data-ready=true]")
    assert "actor=BLR" in page.url
    rows = page.locator("[data-testid=events] tr").count() - 1
    assert rows >= 1
    assert all(t == "COOPERATE" for t in page.locator("[data-testid=events] td:nth-child(2)").all_inner_texts())


def test_event_detail_shows_its_evidence_and_every_report(page, server):
    _open(page, server, "view=events&weapon=Oreshnik", "events-oreshnik")
    page.locator("[data-testid=events] a[data-event]").first.click()
    page.wait_for_selector("main[data-view=event][data-ready=true]")
    page.screenshot(path=str(SHOTS / "event.png"), full_page=True)
    assert page.locator("[data-testid=evidence] mark.trigger").count() == 1
    assert page.locator("[data-testid=evidence] mark.weapon").count() >= 1
    assert "coded by" in page.inner_text("[data-testid=event-facts]")
    assert page.locator("[data-testid=reports] tr").count() >= 2


def test_story_weapons_speakers_views(page, server):
    _open(page, server, "view=overview", "overview-again")
    page.locator("[data-testid=story] h3 a").first.click()
    page.wait_for_selector("main[data-view=story][data-ready=true]")
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)
    assert page.locator("[data-testid=reports]").count() > 3
    assert page.locator(".copy").count() >= 1  # the sample has one copy of another article
    _open(page, server, "view=weapons", "weapons")
    assert page.locator("[data-testid=weapon][data-weapon=Oreshnik]").count() == 1
    _open(page, server, "view=speakers", "speakers")
    assert page.locator("[data-testid=speaker]").count() > 5


def test_every_view_exports_what_it_shows(page, server):
    for view, extra in (("overview", []), ("timeline", []), ("map", ["geojson"]), ("network", []), ("weapons", []),
                        ("speakers", []), ("events", [])):
        _open(page, server, f"view={view}", f"export-{view}")
        for kind in ["csv", "json", *extra]:
            with page.expect_download() as dl:
                page.click(f"[data-testid=export-{kind}]")
            path = dl.value.path()
            text = Path(path).read_text(encoding="utf-8")
            assert text.strip(), (view, kind)
        rows = page.evaluate("window.SITREP_EXPORT.rows.length")
        assert rows > 0, view


def test_the_ui_asks_nothing_of_the_network(page, server):
    assert page.sitrep_requests
    foreign = [u for u in page.sitrep_requests if not u.startswith(server) and not u.startswith(("blob:", "data:"))]
    assert not foreign


def test_article_view_lists_the_stances_below_the_quotes(page, server):
    import json

    arts = json.loads(urllib.request.urlopen(f"{server}/api/articles?limit=500", timeout=10).read())["items"]
    art = next(a for a in arts if a["stances"])
    _open(page, server, "view=article&id=" + urllib.parse.quote(art["id"]), "article-stances")
    assert page.locator("[data-testid=stances] li").count() == art["stances"]
    heads = page.locator("main h3").all_inner_texts()
    assert heads.index(f"Stances ({art['stances']})") > heads.index(f"Quotes and claims ({art['quotes']})")
