"""Plain text from Pelican's HTML (titles, summaries): tags dropped, entities decoded."""

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def plain(html: str | None) -> str:
    if not html:
        return ""
    parser = _Text()
    parser.feed(str(html))
    parser.close()
    return " ".join("".join(parser.parts).split())
