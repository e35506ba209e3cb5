"""What the build process needs of the renderer without loading PDFium: how pages are
rendered, and why a PDF cannot be shown (raised in the workers, see pdf.py)."""

from dataclasses import dataclass


class UnreadablePdf(Exception):
    """A PDF the build cannot show; `kind` is "encrypted", "corrupt" or "empty", or the
    limit it goes past: "pages", "page_size", "timeout", "memory" (`facts` say by how much).
    """

    def __init__(self, kind: str, detail: str = "", facts: dict | None = None):
        super().__init__(kind, detail, facts)  # all of them, to survive pickling
        self.kind = kind
        self.detail = detail
        self.facts = facts or {}


@dataclass(frozen=True)
class RenderParams:
    widths: tuple[int, ...]
    thumb_width: int
    quality: int
    # The larger image loaded only when a reader zooms (0: none); never in `srcset`.
    zoom_width: int = 0

    @property
    def all_widths(self) -> tuple[int, ...]:
        return (*self.widths, self.thumb_width)

    def name(self, number: int, width: int | str) -> str:
        return f"p{number:03d}-{width}.webp"
