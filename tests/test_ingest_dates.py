"""Dates of JSONL, text and feed inputs: every common form read to YYYY-MM-DD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.ingest import read_paths
from sitrep.ingest.common import has_date_warning, normalise_date
from sitrep.settings import Settings


@pytest.mark.parametrize("raw, expected", [
    ("2024-12-02", "2024-12-02"),
    ("20241202", "2024-12-02"),  # GDELT SQLDATE
    ("20241202103000", "2024-12-02"),  # GDELT DATEADDED
    ("Mon, 02 Dec 2024 10:00:00 GMT", "2024-12-02"),  # RFC 2822
    ("Mon, 02 Dec 2024 23:30:00 -0500", "2024-12-02"),  # the day as written, not UTC
    ("2024-12-02T10:00:00Z", "2024-12-02"),
    ("2024-12-02T23:30:00+05:30", "2024-12-02"),
    ("2024-12-02 10:00:00.123456+00:00", "2024-12-02"),
    ("December 2, 2024", "2024-12-02"),
    ("2 Dec 2024", "2024-12-02"),
    ("Monday, 2 December 2024", "2024-12-02"),
    ("2024/12/02", "2024-12-02"),
    ("13/03/2024", "2024-03-13"),
    ("December 2024", None),  # no day: not a day's date
    ("02/03/2024", None),  # day and month cannot be told apart
    ("2024-02-30", None),
    ("20241302", None),
    ("12345", None),
    ("the other day", None),
    ("", None),
])
def test_date_forms(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected


def test_jsonl_dates_and_warnings(tmp_path: Path) -> None:
    text = "Russia deployed Iskander-M launchers to Belarus on Monday, officials said."
    path = tmp_path / "d.jsonl"
    dates = ["20241202", "Mon, 02 Dec 2024 10:00:00 GMT", "2 Dec 2024", "not a date"]
    path.write_text("\n".join(json.dumps({"id": str(i), "text": f"{text} ({i})", "date": d})
                              for i, d in enumerate(dates)) + "\n", encoding="utf-8")
    arts = list(read_paths([str(path)], settings=Settings.from_env()))
    assert [a.date for a in arts] == ["2024-12-02", "2024-12-02", "2024-12-02", None]
    assert [has_date_warning(a) for a in arts] == [False, False, False, True]
