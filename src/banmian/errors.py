"""One exception hierarchy for banmian.

Every error a user can cause derives from :class:`BanmianError` and carries
the file it concerns, so the CLI can print one line and batch jobs can record
the failure and go on. Third-party errors are mapped to these at the boundary.
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "BanmianError",
    "DecodeError",
    "EmptyInputError",
    "InputTooLargeError",
    "ModelError",
    "PdfError",
    "QueryError",
    "ScannedPdfError",
]


class BanmianError(Exception):
    """Base class: a one-line, user-facing message plus the file it concerns."""

    def __init__(self, message: str, *, path: str | None = None, position: int | None = None):
        self.message = message
        self.path = path
        self.position = position
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}: "
            if self.position is not None:
                where = f"{self.path}:{self.position}: "
        return f"{where}{self.message}"


class DecodeError(BanmianError):
    """The bytes are binary or in no encoding we can read."""


class EmptyInputError(BanmianError):
    """The input holds no text at all."""


class InputTooLargeError(BanmianError):
    """The input exceeds the configured size limit."""


class PdfError(BanmianError):
    """A PDF could not be read: encrypted, truncated, not a PDF, no pages."""


class ScannedPdfError(PdfError):
    """A PDF page has no text layer: it is an image and needs OCR."""


class ArchiveError(BanmianError):
    """The archive database cannot be opened, migrated or written."""


class QueryError(ArchiveError):
    """A search query or filter the archive cannot run (e.g. exclusions only)."""


class ModelError(BanmianError):
    """A shipped or user-given model or lexicon file is missing or unreadable."""
