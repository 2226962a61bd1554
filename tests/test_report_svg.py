"""The HTML report's inline SVG timeline and network: drawn from the report's filtered events,
parseable as XML, escaped, self-contained (no URL but the articles' links), its citations links.
The store is built from hand-coded events, so every mark and edge is known."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from sitrep.model import Actor, Article, Evidence, Event, Weapon
from sitrep.report import FIGURES_MARKER, build_report
from sitrep.report_svg import _axis_range, network, network_svg, timeline, timeline_svg
from sitrep.store import Store

RUS, UKR, POL = Actor("Russia", "RUS", None), Actor("Ukraine", "UKR", None), Actor("Poland", "POL", None)
ODD = Actor("Belarus & <Minsk>", "BLR", None)  # a name that must be escaped


def _event(sentence: str, trigger: str, etype: str, quad: int, actor: list[Actor], recipient: list[Actor],
           day: str | None, weapon: str | None = None) -> Event:
    i = sentence.index(trigger)
    weapons = [Weapon(weapon, weapon, "missile", "RUS")] if weapon else []  # the report cites weapon events
    return Event(type=etype, mode=None, context=[], cameo=None, quad_class=quad, intensity=None, actor=actor,
                 recipient=recipient, weapons=weapons, location=None, date=day, modality="asserted", attribution=None,
                 acled=None, evidence=Evidence(sentence, 0, len(sentence), trigger, i, i + len(trigger), "lexicon:test"),
                 date_precision="day" if day else None)


def _article(aid: str, day: str | None, url: str | None, events: list[Event]) -> Article:
    return Article(id=aid, text=" ".join(e.evidence.sentence for e in events), title=f"Title {aid} <b>&",
                   date=day, url=url, source=f"Outlet {aid}", origin=aid, format="text", events=events)


ARTICLES = [
    # two strikes RUS -> UKR on one day: one timeline mark of 2, one edge of weight 2
    _article("a1", "2031-05-01", "https://example.org/1", [
        _event("Russia shelled Ukraine.", "shelled", "ASSAULT", 4, [RUS], [UKR], "2031-05-01", "Iskander-M"),
        _event("Russia bombed Ukraine again.", "bombed", "ASSAULT", 4, [RUS], [UKR], "2031-05-01")]),
    # a joint act: BLR and RUS consult POL: two directed edges and one dashed co-actor edge
    _article("a2", "2031-05-03", "https://example.org/2", [
        _event("Belarus and Russia met Poland.", "met", "CONSULT", 1, [ODD, RUS], [POL], "2031-05-03")]),
    # no date at all: left out of the timeline (and counted), still in the network
    _article("a3", None, None, [
        _event("Ukraine accused Russia.", "accused", "ACCUSE", 3, [UKR], [RUS], None, "Iskander-M")]),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("svg") / "svg.duckdb"
    with Store.open(path) as store:
        store.add(ARTICLES)
    return path


def _svgs(page: str) -> dict[str, ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    roots = [ET.fromstring(s) for s in found]  # each figure parses as XML on its own
    return {r.get("class"): r for r in roots} | {"_count": len(roots)}  # type: ignore[dict-item]


def _report(db, **filters) -> str:
    with Store.open(db, read_only=True) as store:
        return build_report(store, fmt="html", **filters)


def _edges(svg: ET.Element) -> list[tuple[str, str, str, str, bool]]:
    return sorted((p.get("data-source"), p.get("data-target"), p.get("data-quad"), p.get("data-weight"),
                   "joint" in p.get("class", "")) for p in svg.iter("path") if "edge" in p.get("class", "").split())


def test_html_report_has_one_timeline_and_one_network_with_the_known_marks_and_edges(db):
    page = _report(db)
    svgs = _svgs(page)
    assert svgs["_count"] == 2
    tl, net = svgs["sitrep-timeline"], svgs["sitrep-network"]
    marks = [c for c in tl.iter("circle") if c.get("class") == "mark"]
    assert sorted(m.get("data-count") for m in marks) == ["1", "2"]  # (05-01 ASSAULT) x2, (05-03 CONSULT)
    assert all(m.find("title") is not None for m in marks)
    assert "3 dated events" in page and "1 events without a date are left out" in page
    assert _edges(net) == [("BLR", "POL", "1", "1", False), ("BLR", "RUS", "1", "1", True),
                           ("RUS", "POL", "1", "1", False), ("RUS", "UKR", "4", "2", False),
                           ("UKR", "RUS", "3", "1", False)]
    edges = [p for p in net.iter("path") if "edge" in p.get("class", "").split()]
    assert all(p.find("title") is not None for p in edges)
    assert {p.get("marker-end") for p in edges if "joint" not in p.get("class")} >= {"url(#sitrep-arrow-4)"}
    assert all(p.get("stroke-dasharray") and not p.get("marker-end") for p in edges if "joint" in p.get("class"))
    nodes = {g.get("data-node"): g for g in net.iter("g") if g.get("class") == "node"}
    assert list(nodes) == ["RUS", "UKR", "BLR", "POL"]  # most events first: the layout's order
    radii = {k: float(g.find("circle").get("r")) for k, g in nodes.items()}
    assert radii["RUS"] > radii["UKR"] > radii["POL"]
    # the figures sit between the caveats and the stories, outside the Markdown's body
    assert page.index("<h2>Caveats</h2>") < page.index("<svg") < page.index("<h2>Stories</h2>")
    assert FIGURES_MARKER not in page


def test_names_are_escaped_and_the_page_is_self_contained(db):
    page = _report(db)
    svgs = _svgs(page)
    net = svgs["sitrep-network"]
    blr = next(g for g in net.iter("g") if g.get("data-node") == "BLR")
    assert "Belarus & <Minsk>" in blr.find("title").text and "Belarus & <Minsk>" in blr.find("text").text
    raw = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert "&lt;Minsk&gt;" in raw[1] and "<Minsk>" not in raw[1]
    assert "<script" not in page and "<link" not in page and "@import" not in page and "src=" not in page
    # no URL at all except the citation links to the articles
    rest = re.sub(r'<a href="https://example\.org/\d">', "", page)
    assert "http" not in rest and "//" not in rest.replace("<!doctype", "")
    assert re.findall(r"url\(([^)]*)\)", page) and all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", page))


def test_citations_are_links(db):
    page = _report(db)
    body = re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)
    assert '<a href="https://example.org/1">' in body
    assert not re.findall(r"\[\d+\]", re.sub(r"<a [^>]*>.*?</a>", "", body))  # no bare [n]
    local = re.findall(r'<a href="#src-(\d+)">', body)  # an article without a URL: to its source line
    assert local and all(f'id="src-{n}"' in body for n in local)


def test_the_figures_honour_the_report_filters(db):
    svgs = _svgs(_report(db, actor="BLR"))
    assert _edges(svgs["sitrep-network"]) == [("BLR", "POL", "1", "1", False), ("BLR", "RUS", "1", "1", True),
                                              ("RUS", "POL", "1", "1", False)]
    assert len([c for c in svgs["sitrep-timeline"].iter("circle") if c.get("class") == "mark"]) == 1
    page = _report(db, since="2040-01-01")
    assert "<svg" not in page and "No dated event to draw." in page


def test_markdown_report_carries_no_figures(db):
    with Store.open(db, read_only=True) as store:
        md = build_report(store)
    assert "<svg" not in md and FIGURES_MARKER not in md and "## Stories" in md


def _ev(eid: str, day: str | None, etype: str = "ASSAULT", quad: int = 4, actor=("RUS",), recipient=("UKR",)):
    return {"event_id": eid, "article_id": eid, "type": etype, "quad_class": quad, "date": day, "article_date": None,
            "modality": "asserted", "evidence": {"trigger": "hit"},
            "actor": [{"code": c, "text": c} for c in actor], "recipient": [{"code": c, "text": c} for c in recipient]}


def test_drawing_is_deterministic_and_ignores_uncoded_actors():
    events = [_ev("e1", "2031-01-01"), _ev("e2", "2031-01-02", "CONSULT", 1, ("FRA", "DEU"), ("POL",)),
              {**_ev("e3", None), "actor": [{"code": None, "text": "gunmen"}]}]
    assert network_svg(events) == network_svg(list(events)) and timeline_svg(events) == timeline_svg(events)
    net = network(events)
    assert [n["id"] for n in net["nodes"]] == ["UKR", "DEU", "FRA", "POL", "RUS"]  # gunmen have no code
    assert timeline(events)["undated"] == 1
    assert network_svg([_ev("x", None, actor=(), recipient=())]) == "" and timeline_svg([_ev("x", None)]) == ""


def test_a_stray_date_does_not_squeeze_the_axis():
    days = [date(2024, 11, 1 + i % 28) for i in range(100)] + [date(2022, 1, 1)]
    assert _axis_range(days) == (date(2024, 11, 1), date(2024, 11, 28))
    assert _axis_range([date(2024, 1, 1), date(2024, 3, 1)]) == (date(2024, 1, 1), date(2024, 3, 1))
    events = [_ev(f"e{i}", d.isoformat()) for i, d in enumerate(days)]
    svg = ET.fromstring(timeline_svg(events))
    assert "earlier" in [t.text for t in svg.iter("text")]


@pytest.mark.slow
def test_the_sample_report_draws_belarus_and_russia_acting_together(sample_db):
    page = _report(sample_db)
    svgs = _svgs(page)
    assert svgs["_count"] == 2
    joint = [p for p in svgs["sitrep-network"].iter("path") if p.get("class") == "edge joint"
             and {p.get("data-source"), p.get("data-target")} == {"BLR", "RUS"}]
    assert any("COOPERATE" in p.find("title").text for p in joint)
    marks = [c for c in svgs["sitrep-timeline"].iter("circle") if c.get("class") == "mark"]
    dated = int(re.search(r"(\d+) dated events", page).group(1))
    assert dated > 100 and sum(int(m.get("data-count")) for m in marks) == dated  # every dated event drawn once
