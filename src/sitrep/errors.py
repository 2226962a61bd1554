"""Every error sitrep raises, in one place.

    SitrepError
    ├── DataFileError      a packaged or user data file (lexicon, gazetteer) is missing or invalid
    ├── InputError         an input cannot be read at all (missing path, unreadable file)
    ├── ModelError         the spaCy pipeline named in the settings cannot be loaded
    ├── OutputError        an output file cannot be written (missing folder, no permission, disk full)
    ├── StoreError         the database cannot be opened or migrated
    └── UsageError         an option or argument value is invalid

Rejections of single articles (empty, binary, not English...) are not errors:
they are recorded on the `Article` as a `Rejection` and the batch goes on.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of all sitrep errors."""


class DataFileError(SitrepError):
    """A data file (lexicon, gazetteer, ontology) is missing or fails its schema."""


class InputError(SitrepError):
    """An input path or stream cannot be read."""


class ModelError(SitrepError):
    """The configured spaCy model cannot be loaded."""


class OutputError(SitrepError):
    """An output file (export, report) cannot be written: missing folder, no permission, disk full."""


class StoreError(SitrepError):
    """The database cannot be opened, migrated or written."""


class UsageError(SitrepError):
    """An option or argument value is invalid."""
