"""An event's place: read from the trigger's clause (`sitrep.geo.event_place`), else the dateline's."""

from __future__ import annotations

from typing import Any

from sitrep.events.actors import ArticleContext
from sitrep.geo import dateline_place, event_place, load_location_cues
from sitrep.model import Place


def event_location(scope: list[Any], ctx: ArticleContext, used: set[int]) -> Place | None:
    """Where the event happened, read from the parse of the trigger's clause (see
    `sitrep.geo.event_place`), else the dateline's place under the conditions of
    `sitrep.geo.dateline_place`. The roles of the place decide, not `used`: a place that is
    the actor is ruled out by its syntax, a place attacked or taken ("shelled X") counts."""
    ent = event_place(scope, ctx.tok_ent, load_location_cues())
    if ent is None and scope:
        ent = dateline_place(ctx.article.entities, scope[0].sent, ctx.story_place)
    if ent is None:
        return None
    return Place(ent.text, ent.start, ent.end, ent.lat, ent.lon, ent.country)
