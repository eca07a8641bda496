"""banmian (版面): Chinese newspaper pages into a structured, searchable news archive."""

from banmian.errors import BanmianError
from banmian.model import Article, Block, Byline, Entity, Page, Paragraph
from banmian.parse import parse_page

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BanmianError",
    "Block",
    "Byline",
    "Entity",
    "Page",
    "Paragraph",
    "__version__",
    "parse_page",
]
