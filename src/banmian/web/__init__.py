"""The reading room: an HTTP API and web UI over a banmian archive (``banmian serve``)."""

from banmian.web.app import create_app

__all__ = ["create_app"]
