"""The pipeline: one `Article` through small stages, in order.

    text -> nlp -> entities -> geo -> attribution -> events

Each stage is a callable `stage(article) -> Article`. A stage that fails on one
article records a rejection (`stage_error`) on it and the batch goes on.
Rejected articles pass through the remaining stages untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from sitrep.model import Article, content_id
from sitrep.settings import Settings

Stage = Callable[[Article], Article]


@dataclass(slots=True)
class NamedStage:
    name: str
    run: Stage


class Pipeline:
    """Builds the stages once (model and data files loaded once per process)."""

    def __init__(self, settings: Settings | None = None) -> None:
        from sitrep import attribution, entities, events, geo, nlp, text

        self.settings = settings or Settings.from_env()
        s = self.settings
        self.nlp = nlp.load_model(s.model)
        self.stages: list[NamedStage] = [
            NamedStage("text", text.Screen(s)),
            NamedStage("nlp", nlp.Parse(self.nlp)),
            NamedStage("entities", entities.Recognise(self.nlp, data_dir=s.data_dir)),
            NamedStage("geo", geo.Geolocate(data_dir=s.data_dir)),
            NamedStage("attribution", attribution.Attribute(data_dir=s.data_dir)),
            NamedStage("events", events.Code(data_dir=s.data_dir, default_date=s.default_date)),
        ]

    @property
    def stage_names(self) -> list[str]:
        return [st.name for st in self.stages]

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            if article.rejected is not None:
                break
            try:
                out = stage.run(article)
            except Exception as exc:  # one odd article must not sink a batch
                article.reject("stage_error", f"{stage.name}: {type(exc).__name__}: {exc}")
                break
            if not isinstance(out, Article):
                raise TypeError(f"stage {stage.name!r} returned {type(out).__name__}, not Article")
            article = out
        article.doc = None  # free the parse; nothing downstream needs it
        return article

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Code a stream of articles, in order, one at a time."""
        for article in articles:
            yield self(article)


@lru_cache(maxsize=4)
def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """The process-wide pipeline for these settings (built on first use)."""
    return Pipeline(settings)


def code(
    text: str,
    *,
    date: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    id: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Code one text and return the filled `Article` (events, quotes, entities)."""
    article = Article(
        id=id or content_id(text, title=title),
        text=text,
        title=title,
        date=date,
        url=url,
        source=source,
        origin="<api>",
        format="text",
    )
    return get_pipeline(settings or Settings.from_env())(article)
