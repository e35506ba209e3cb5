"""What feedgen 1.0.0 writes wrong or not at all, added as feedgen extensions.

- `<link rel="hub">` is written into Atom only; WebSub discovery in RSS needs it too.
- Atom entry links lose rel/type/length (python-feedgen#135): an enclosure would
  become a bare link that feedparser takes for the entry's own link.
"""

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"


class RelaisFeed(BaseExtension):
    """Feed-level: the WebSub hub link, in RSS and in Atom."""

    def __init__(self):
        self.hub = ""

    def extend_rss(self, feed):
        if self.hub:
            channel = feed.find("channel")
            _insert_after_self(channel, f"{{{ATOM_NS}}}link", self.hub)
        return feed

    def extend_atom(self, feed):
        if self.hub:
            _insert_after_self(feed, f"{{{ATOM_NS}}}link", self.hub)
        return feed


class RelaisEntry(BaseEntryExtension):
    """Entry-level, Atom only: links with every attribute kept."""

    def __init__(self):
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry):
        for attributes in self.links:
            etree.SubElement(entry, f"{{{ATOM_NS}}}link", attributes)
        return entry


def _insert_after_self(parent, tag, hub):
    link = etree.Element(tag, href=hub, rel="hub")
    selves = [e for e in parent.findall(tag) if e.get("rel") == "self"]
    if selves:
        selves[0].addnext(link)
    else:
        parent.append(link)
