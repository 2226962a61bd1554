"""sitrep: sourced, explainable event coding of military and geopolitical news.

Public API:

    sitrep.code(text, date=..., source=...) -> Article   # code one text
    sitrep.Pipeline(settings)                             # the stages, loaded once
    sitrep.Settings                                       # model, limits, language...
    sitrep.Article, sitrep.Event, sitrep.Quote, ...       # the typed records
    sitrep.store.Store.open(path)                         # the database and its queries
"""

from sitrep.errors import (
    DataFileError,
    InputError,
    ModelError,
    SitrepError,
    StoreError,
    UsageError,
)
from sitrep.model import (
    AcledType,
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Evidence,
    Place,
    Quote,
    Rejection,
    Sentence,
    Weapon,
    content_id,
)
from sitrep.pipeline import Pipeline, code, get_pipeline
from sitrep.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "AcledType", "Actor", "Article", "Attribution", "DataFileError", "Entity", "Event", "Evidence",
    "InputError", "ModelError", "Pipeline", "Place", "Quote", "Rejection", "Sentence", "Settings",
    "SitrepError", "StoreError", "UsageError", "Weapon", "code", "content_id", "get_pipeline",
]
