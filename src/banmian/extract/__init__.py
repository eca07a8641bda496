"""Entity extraction: people with their titles, organisations, places, dates, figures.

``extract_entities(text)`` works on any text; ``add_entities(page)`` fills
``Article.entities`` of a parsed page with offsets into ``Page.text``.
"""

from banmian.extract.lexicon import LEXICON_ENV, Lexicon, load_lexicon
from banmian.extract.pipeline import ENTITY_TYPES, add_entities, extract_entities

__all__ = [
    "ENTITY_TYPES",
    "LEXICON_ENV",
    "Lexicon",
    "add_entities",
    "extract_entities",
    "load_lexicon",
]
