"""Link annotations and the outline of a PDF, read with PDFium (worker processes only).

pypdfium2 has a helper for the outline (`PdfDocument.get_toc`) but none for links, so
links use PDFium's own API: FPDFLink_Enumerate, then the link's destination or action.
What is read here is raw: `links.classify` decides what becomes a link on the site.
"""

import ctypes

import pypdfium2.raw as pdfium_c

from .links import MAX_LINKS_PER_PAGE, MAX_OUTLINE_DEPTH, MAX_OUTLINE_ENTRIES, classify

# Page coordinates are mapped onto a box this many units wide and high: positions in
# hundredths of a percent of the page as it is rendered (crop box, page rotation).
_DEVICE = 1_000_000


def page_links(document, page, textpage) -> tuple[list[dict], list[dict]]:
    """(links, dropped) of one page: links in reading order, each with its box (percentages
    of the page: left, top, width, height), its name (the text under it) and its target."""
    links, dropped = [], []
    chars = _char_centres(textpage)
    found = _annotations(page)
    for link, rect in found[:MAX_LINKS_PER_PAGE]:
        target, problem = classify(_raw_target(document, link), len(document))
        if problem:
            dropped.append(problem)
            continue
        box = _box(page, rect)
        if not (box[2] and box[3]):
            continue  # outside the visible page (the crop box): not shown in print either
        name = " ".join(textpage.get_text_bounded(*rect).split())
        links.append({"box": box, "name": name, "target": target, "_at": _order(rect, chars)})
    if len(found) > MAX_LINKS_PER_PAGE:
        dropped.append({"why": "too_many", "count": len(found) - MAX_LINKS_PER_PAGE})
    links.sort(key=lambda link: link.pop("_at"))
    return links, dropped


def outline(document) -> tuple[list[dict], list[dict]]:
    """(entries, dropped): the bookmarks as a tree of {"title", "page", "children"}, where
    "page" is the 1-based page a bookmark opens, or None (a heading, a web bookmark).

    Walked with PDFium's own calls rather than pypdfium2's `get_toc`, which logs a warning
    on a cycle or past its depth, and Pelican's `--fatal warnings` turns logged warnings
    into crashes; here a cycle ends the branch and the bounds are reported as dropped."""
    state = {"count": 0, "seen": set(), "dropped": []}
    return _bookmarks(document, None, 0, state), state["dropped"]


def _bookmarks(document, parent, level: int, state: dict) -> list[dict]:
    entries, bookmark = [], pdfium_c.FPDFBookmark_GetFirstChild(document, parent)
    while bookmark:
        address = ctypes.addressof(bookmark.contents)
        if address in state["seen"]:  # a bookmark that leads back to one already read
            break
        state["seen"].add(address)
        if state["count"] == MAX_OUTLINE_ENTRIES or level == MAX_OUTLINE_DEPTH:
            why = "too_many_entries" if level < MAX_OUTLINE_DEPTH else "too_deep"
            if not any(d["why"] == why for d in state["dropped"]):
                state["dropped"].append({"why": why, "count": MAX_OUTLINE_ENTRIES})
            break
        state["count"] += 1
        kind, index = _bookmark_target(document, bookmark)
        entries.append(
            {
                "title": " ".join(_title(bookmark).split()),
                "page": index + 1 if kind == "page" and index is not None else None,
                "children": _bookmarks(document, bookmark, level + 1, state),
            }
        )
        bookmark = pdfium_c.FPDFBookmark_GetNextSibling(document, bookmark)
    return entries


def _title(bookmark) -> str:
    size = pdfium_c.FPDFBookmark_GetTitle(bookmark, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFBookmark_GetTitle(bookmark, buffer, size)
    return buffer.raw[: max(size - 2, 0)].decode("utf-16-le", errors="replace")


def _annotations(page) -> list[tuple]:
    """Every link annotation of the page: (FPDF_LINK, (left, bottom, right, top))."""
    found, position, link = [], ctypes.c_int(0), pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        rect = pdfium_c.FS_RECTF()
        if pdfium_c.FPDFLink_GetAnnotRect(link, rect):
            found.append((link, (rect.left, rect.bottom, rect.right, rect.top)))
        link = pdfium_c.FPDF_LINK()  # a new handle: the list keeps the previous one
    return found


def _raw_target(document, link):
    """("page", index or None) | ("uri", text) | ("file", path) | ("other", None)."""
    destination = pdfium_c.FPDFLink_GetDest(document, link)
    if destination:
        return "page", _page_index(document, destination)
    return _action_target(document, pdfium_c.FPDFLink_GetAction(link))


def _bookmark_target(document, bookmark):
    destination = pdfium_c.FPDFBookmark_GetDest(document, bookmark)
    if destination:
        return "page", _page_index(document, destination)
    action = pdfium_c.FPDFBookmark_GetAction(bookmark)
    return _action_target(document, action) if action else ("none", None)


def _action_target(document, action):
    kind = pdfium_c.FPDFAction_GetType(action) if action else None
    if kind == pdfium_c.PDFACTION_GOTO:
        destination = pdfium_c.FPDFAction_GetDest(document, action)
        return "page", _page_index(document, destination) if destination else None
    if kind == pdfium_c.PDFACTION_URI:
        return "uri", _text(pdfium_c.FPDFAction_GetURIPath, document, action)
    if kind in (pdfium_c.PDFACTION_LAUNCH, pdfium_c.PDFACTION_REMOTEGOTO):
        return "file", _text(pdfium_c.FPDFAction_GetFilePath, action)
    return "other", None


def _page_index(document, destination) -> int | None:
    index = pdfium_c.FPDFDest_GetDestPageIndex(document, destination)
    return index if index >= 0 else None


def _text(function, *args) -> str:
    """A string PDFium writes into a buffer (URIs are 7-bit ASCII, file paths UTF-8)."""
    size = function(*args, None, 0)
    if size <= 1:
        return ""
    buffer = ctypes.create_string_buffer(size)
    function(*args, buffer, size)
    return buffer.raw[: size - 1].decode("utf-8", errors="replace")


def _box(page, rect) -> list[float]:
    """The rectangle in percentages of the rendered page: [left, top, width, height]."""
    left, bottom, right, top = rect
    corners = [_to_device(page, x, y) for x, y in ((left, top), (right, bottom))]
    xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
    xs, ys = [min(max(v, 0), _DEVICE) for v in xs], [min(max(v, 0), _DEVICE) for v in ys]
    scale = _DEVICE / 100
    return [round(v / scale, 2) for v in (xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0])]


def _to_device(page, x: float, y: float) -> tuple[int, int]:
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page, 0, 0, _DEVICE, _DEVICE, 0, x, y, device_x, device_y)
    return device_x.value, device_y.value


def _char_centres(textpage) -> list[tuple[float, float]]:
    centres = []
    for index in range(textpage.count_chars()):
        left, bottom, right, top = textpage.get_charbox(index)
        centres.append(((left + right) / 2, (bottom + top) / 2))
    return centres


def _order(rect, chars: list) -> tuple[int, int]:
    """Where a link comes in the page's reading order: the position, in the page's text,
    of the first character under it (the text alternative follows that order). A link over
    no text (a picture) comes before the first character below its top edge that is also
    within its width, else after all the text."""
    left, bottom, right, top = rect
    for index, (x, y) in enumerate(chars):
        if left <= x <= right and bottom <= y <= top:
            return index, 1
    below = (i for i, (x, y) in enumerate(chars) if left <= x <= right and y < top)
    return next(below, len(chars)), 0  # before the text that follows it
