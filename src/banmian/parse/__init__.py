"""The page parser: page text (or bytes) → :class:`banmian.model.Page`."""

from banmian.parse.pipeline import parse_page, parse_text

__all__ = ["parse_page", "parse_text"]
