"""The news archive: pages in, searchable articles out, in one SQLite file."""

from banmian.archive.results import (
    ArchiveStats,
    EntityDetail,
    Hit,
    IngestRecord,
    IngestResult,
    IssueArticle,
    IssueDetail,
    IssuePage,
    IssueSummary,
    PaperSummary,
    PersonSummary,
    SearchResults,
    StoredArticle,
)
from banmian.archive.store import Archive

__all__ = [
    "Archive",
    "ArchiveStats",
    "EntityDetail",
    "Hit",
    "IngestRecord",
    "IngestResult",
    "IssueArticle",
    "IssueDetail",
    "IssuePage",
    "IssueSummary",
    "PaperSummary",
    "PersonSummary",
    "SearchResults",
    "StoredArticle",
]
