"""The pipeline: one `Article` through small stages, in order.

    text -> furniture -> triage -> nlp -> entities -> geo -> attribution -> events
         -> furniture_drop -> coref

Each stage is a callable `stage(article) -> Article`. A stage that fails on one
article records a rejection (`stage_error`) on it and the batch goes on.
Rejected articles pass through the remaining stages untouched.

`Pipeline.batch` codes a list of articles stage by stage; a stage with a
`batch(articles)` method (the `nlp` stage) then gets them all at once, which is
faster, and falls back to one article at a time if the batch fails, so that
the failure is pinned on its article.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from sitrep.errors import UsageError
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
        with collector_paused():
            self._build(settings)

    def _build(self, settings: Settings | None) -> None:
        from sitrep import attribution, entities, events, furniture, geo, nlp, text, triage

        self.settings = settings or Settings.from_env()
        s = self.settings
        self.nlp = nlp.load_model(s.model, s.matmul)
        self.stages: list[NamedStage] = [
            NamedStage("text", text.Screen(s)),
            # page furniture (captions, credits, prompts): found here, skipped by triage,
            # and whatever was still coded inside it dropped after the events stage
            NamedStage("furniture", furniture.Detect(data_dir=s.data_dir)),
            NamedStage("triage", triage.Triage(self.nlp, mode=s.parse, data_dir=s.data_dir)),
            NamedStage("nlp", nlp.Parse(self.nlp)),
            NamedStage("entities", entities.Recognise(self.nlp, data_dir=s.data_dir)),
            NamedStage("geo", geo.Geolocate(data_dir=s.data_dir)),
            NamedStage("attribution", attribution.Attribute(data_dir=s.data_dir)),
            NamedStage("events", coder := events.Code(data_dir=s.data_dir, default_date=s.default_date)),
            NamedStage("furniture_drop", furniture.Drop()),
        ]
        if s.detector == "on":
            from sitrep.detector.stage import Detect

            # the learned detector: confirms, vetoes and proposes events (after the rules)
            self.stages.append(NamedStage("detect", Detect(coder)))
        elif s.detector != "off":
            raise UsageError(f"SITREP_DETECTOR must be 'on' or 'off', not {s.detector!r}")
        self.stages += [
            # an article with no political actor anywhere keeps only events with a coded party
            NamedStage("relevance", events.Relevance(data_dir=s.data_dir)),
            # pronoun mentions, added last so that no stage takes a bare pronoun for an actor
            NamedStage("coref", entities.Corefer(data_dir=s.data_dir)),
        ]

    @property
    def stage_names(self) -> list[str]:
        return [st.name for st in self.stages]

    def __call__(self, article: Article) -> Article:
        return self.batch([article])[0]

    def batch(self, articles: list[Article]) -> list[Article]:
        """Code `articles` (a list, coded together) and return them in order."""
        out = list(articles)
        for stage in self.stages:
            live = [i for i, a in enumerate(out) if a.rejected is None]
            if not live:
                break
            many = getattr(stage.run, "batch", None)
            if many is not None and len(live) > 1:
                try:
                    many([out[i] for i in live])
                    continue
                except Exception:  # find the article at fault: one at a time below
                    pass
            for i in live:
                out[i] = self._run(stage, out[i])
        for article in out:
            article.doc = None  # free the parse; nothing downstream needs it
        return out

    @staticmethod
    def _run(stage: NamedStage, article: Article) -> Article:
        try:
            out = stage.run(article)
        except Exception as exc:  # one odd article must not sink a batch
            return article.reject("stage_error", f"{stage.name}: {type(exc).__name__}: {exc}")
        if not isinstance(out, Article):
            raise TypeError(f"stage {stage.name!r} returned {type(out).__name__}, not Article")
        return out

    def run(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Article]:
        """Code a stream of articles, in order, `batch_size` at a time."""
        it = iter(articles)
        while chunk := list(islice(it, batch_size)):
            yield from self.batch(chunk)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (then as it was before).

    Building the pipeline (spaCy's import and model included) makes well over a
    hundred thousand objects that live as long as the process; the collector, run
    after every 700 new ones, scanned them again and again (a tenth of a second or
    more of the build) and found next to nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_startup_objects() -> None:
    """Exempt every object that exists now from the garbage collector's scans (`gc.freeze`).

    For a process that has just built its pipeline and will only code with it (the
    `sitrep` command, a worker process): the model's and the data files' objects are
    then not scanned again by each full collection nor by the one at exit (about a
    tenth of a second for a one-sentence `sitrep code`). Frozen objects are still freed
    when no longer referenced; a reference cycle among them that becomes garbage is
    not (a few startup leftovers at most). The library never calls this itself: it
    would apply to all of the calling program's objects too.

    Call it with the collector still paused (`collector_paused`) around the build: the
    first collection after the build would otherwise scan everything it made once."""
    gc.freeze()


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
