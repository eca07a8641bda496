"""NITF XML: one ``<nitf>`` document per story, valid against the shipped DTD subset.

The kicker (引题) is an ``hl2`` with ``class="kicker"`` before the subtitles
(副题), since NITF's ``hedline`` has ``hl1`` then ``hl2`` only. Headings
inside the story are ``hl2`` in ``body.content``. Reporters are ``person``
inside ``byline``; a dateline place and date come from the byline fields.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from lxml import etree

from banmian.archive import Archive, StoredArticle
from banmian.errors import ArchiveError
from banmian.export import ExportFilter, stories

__all__ = ["NITF_DTD", "nitf_document", "validate", "write_nitf"]

NITF_DTD = "nitf-3.6-subset.dtd"
NITF_VERSION = "-//IPTC//DTD NITF 3.6//EN"


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         attrs: dict[str, str] | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _head(root: etree._Element, s: StoredArticle) -> None:
    head = _sub(root, "head")
    _sub(head, "title", s.title)
    _sub(head, "meta", attrs={"name": "banmian-kind", "content": s.kind})
    docdata = _sub(head, "docdata")
    _sub(docdata, "doc-id", attrs={"regsrc": "banmian", "id-string": s.id})
    if s.date:
        _sub(docdata, "date.issue", attrs={"norm": s.date.replace("-", "")})
    pub = {"type": "print", "position.sequence": ",".join(s.pages)}
    if s.paper:
        pub["name"] = s.paper
    if s.date:
        pub["date.publication"] = s.date.replace("-", "")
    _sub(head, "pubdata", attrs=pub)


def _body_head(body: etree._Element, s: StoredArticle) -> None:
    bh = _sub(body, "body.head")
    hedline = _sub(bh, "hedline")
    _sub(hedline, "hl1", s.title)
    if s.kicker:
        _sub(hedline, "hl2", s.kicker, {"class": "kicker"})
    for sub in s.subtitles:
        _sub(hedline, "hl2", sub, {"class": "subtitle"})
    if s.byline:
        b = s.byline
        byline = _sub(bh, "byline", b["text"] if not b["reporters"] else None)
        for name in b["reporters"]:
            _sub(byline, "person", name)
        if b.get("place") or b.get("date"):
            dateline = _sub(bh, "dateline")
            if b.get("place"):
                _sub(_sub(dateline, "location"), "city", b["place"])
            if b.get("date"):
                _sub(dateline, "story.date", b["date"], {"norm": b["date"].replace("-", "")})


def nitf_document(s: StoredArticle) -> etree._Element:
    """The ``<nitf>`` element of one story."""
    root = etree.Element("nitf", version=NITF_VERSION)
    _head(root, s)
    body = _sub(root, "body")
    _body_head(body, s)
    content = _sub(body, "body.content")
    for p in s.paragraphs:
        _sub(content, "hl2" if p["role"] == "heading" else "p", p["text"])
    return root


def _dtd() -> etree.DTD:
    with resources.files("banmian.export").joinpath(NITF_DTD).open("rb") as f:
        return etree.DTD(f)


def validate(document: etree._Element) -> None:
    """Raise :class:`ArchiveError` unless ``document`` is valid against the DTD subset."""
    dtd = _dtd()
    if not dtd.validate(document):
        raise ArchiveError(f"invalid NITF: {dtd.error_log.filter_from_errors()[0]}")


def write_nitf(archive: Archive, out: str, where: ExportFilter) -> int:
    """One ``ID.xml`` per story in the folder ``out``, each validated before writing."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    dtd = _dtd()
    count = 0
    for story in stories(archive, where):
        doc = nitf_document(story)
        if not dtd.validate(doc):
            raise ArchiveError(f"invalid NITF for {story.id}: "
                               f"{dtd.error_log.filter_from_errors()[0]}")
        (folder / f"{story.id}.xml").write_bytes(etree.tostring(
            doc, xml_declaration=True, encoding="UTF-8", pretty_print=True,
            doctype=f'<!DOCTYPE nitf SYSTEM "{NITF_DTD}">'))
        count += 1
    return count
