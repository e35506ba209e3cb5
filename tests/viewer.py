"""What the brochure viewer shows in a browser tab, read the same way by every viewer test."""


def shown(page) -> list[int]:
    """The numbers of the pages on screen (one, or a spread)."""
    return page.eval_on_selector_all(
        ".brochure-page", "els => els.filter(e => !e.hidden).map(e => +e.id.split('=')[1])"
    )


def counter(page) -> str:
    """The toolbar's « page n / total »."""
    return page.locator(".brochure-counter").inner_text()
