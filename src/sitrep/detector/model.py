"""The event detector's model: a linear softmax over PLOVER types and "none".

    det = EventDetector.load()                  # the model shipped in sitrep/models/
    probs = det.predict(["Troops shelled the town.", "Read more"])
    probs[0]["ASSAULT"], probs[1]["NONE"]

The weights live in one `.npz` file (float16 to halve its size; computed in
float32), with the class names and the training summary beside them, so the
model needs NumPy and the featuriser at run time, not pickle, SciPy or a
training library of one exact version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.detector.features import Featuriser
from sitrep.errors import DataFileError

NONE = "NONE"
MODEL_NAME = "event-detector"
MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
DEFAULT_PATH = MODELS_DIR / f"{MODEL_NAME}.npz"


@dataclass(slots=True)
class EventDetector:
    classes: tuple[str, ...]
    weights: np.ndarray  # (n_features, n_classes), float32
    bias: np.ndarray  # (n_classes,)
    info: dict[str, Any] = field(default_factory=dict)
    featuriser: Featuriser = field(default_factory=Featuriser)

    @property
    def name(self) -> str:
        return f"{MODEL_NAME}-{self.info.get('version', '0')}"

    @classmethod
    def load(cls, path: Path | str = DEFAULT_PATH) -> "EventDetector":
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as z:
                weights = z["weights"].astype(np.float32)
                bias = z["bias"].astype(np.float32)
                classes = tuple(str(c) for c in z["classes"])
                info = json.loads(str(z["info"]))
        except (OSError, KeyError, ValueError) as exc:
            raise DataFileError(f"cannot load the event detector from {path}: {exc}") from exc
        det = cls(classes, weights, bias, info)
        if weights.shape != (det.featuriser.n_features, len(classes)) or NONE not in classes:
            raise DataFileError(f"{path}: weights of shape {weights.shape} do not fit {len(classes)} classes "
                                f"and {det.featuriser.n_features} features")
        return det

    def save(self, path: Path | str) -> None:
        np.savez_compressed(Path(path), weights=self.weights.astype(np.float16), bias=self.bias,
                            classes=np.array(self.classes), info=np.array(json.dumps(self.info, sort_keys=True)))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_classes) softmax probabilities, rows in input order."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        logits = np.empty((len(texts), len(self.classes)), dtype=np.float32)
        for k, (idx, vals) in enumerate(self.featuriser.rows(texts)):
            logits[k] = vals @ self.weights[idx]
        logits += self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return p

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """One {class: probability} per text."""
        return [dict(zip(self.classes, map(float, row))) for row in self.probabilities(texts)]


@lru_cache(maxsize=2)
def shipped(path: str | None = None) -> EventDetector | None:
    """The shipped detector (None when the package was built without one).

    Its weights are kept in sitrep's cache as float32 (`cache.write_arrays`), keyed by
    the file's path, size and time, and mapped from there (`cache.read_arrays`, read-only):
    inflating the 8 MB `.npz` and widening its float16 weights took about a tenth of a
    second at every start; coding reads only the rows of the features a text has."""
    p = Path(path) if path else DEFAULT_PATH
    if not p.exists():
        return None
    return _cached(p) or _load_and_cache(p)


DETECTOR_CACHE_FORMAT = 1


def _cache_name(p: Path) -> str:
    import sys

    from sitrep import cache

    stat = p.stat()
    return cache.key(DETECTOR_CACHE_FORMAT, str(p.resolve()), stat.st_size, stat.st_mtime_ns, sys.byteorder) + ".bin"


def _cached(p: Path) -> EventDetector | None:
    from sitrep import cache

    got = cache.read_arrays("detector", _cache_name(p))
    if got is None:
        return None
    arrays, meta = got
    try:
        det = EventDetector(tuple(meta["classes"]), arrays["weights"], arrays["bias"], meta["info"])
    except (KeyError, TypeError):
        return None
    fits = (det.weights.dtype == np.float32 and det.bias.dtype == np.float32 and NONE in det.classes
            and det.weights.shape == (det.featuriser.n_features, len(det.classes))
            and det.bias.shape == (len(det.classes),) and isinstance(det.info, dict))
    return det if fits else None


def _load_and_cache(p: Path) -> EventDetector:
    from sitrep import cache

    det = EventDetector.load(p)
    cache.write_bytes("detector", _cache_name(p), cache.pack_arrays(
        {"weights": det.weights, "bias": det.bias}, {"classes": list(det.classes), "info": det.info}))
    return det
