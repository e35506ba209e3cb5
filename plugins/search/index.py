"""What the search index holds, and making it with Pagefind (the `pagefind[bin]` wheel's
indexer: no network, no server).

- Each published programme, post, page and event, from its written HTML file: the text of
  its <main> (Pagefind's root selector), less the brochure viewer (its pages have records
  of their own) and the lists of other items, titled by its <h1>, with the kind of page
  ("Formation", "Actualité"…) as the result's `kind`.
- Each page of each brochure, a custom record: the page's text, titled « Brochure — X,
  page N sur T » (X: the programme's short title, else its title), whose URL opens the
  viewer at that page (`programmes/x/#page=N`).

URLs are written from the site's root ("/programmes/x/"), without SITEURL's path: Pagefind
puts the bundle's own base (`/<repo>/` on a project site) before them in the browser.
One index per language: Pagefind stems French words (and English ones, on an English site).
"""

import asyncio
import hashlib
import json
from dataclasses import dataclass, field
from html import escape
from importlib import metadata
from pathlib import Path

from relais.plugins import incremental
from relais.plugins.core import staging, tr
from relais.plugins.core.errors import stop
from relais.plugins.core.files import write_if_changed
from relais.plugins.theme_i18n.plugin import translator

BUNDLE = "pagefind"  # the index folder, under the output; search.js loads pagefind.js there
ROOT = "main"
# Not the page's own text: the brochure viewer (its pages are records of their own), and
# the cards listing other items (posts on a programme page, programmes on a post…).
IGNORED = (".brochure", ".cards", ".brochure-embed", ".skip-link")
# The indexer and what it is told: another version or selector makes the index again.
_PAGEFIND = (metadata.version("pagefind"), ROOT, IGNORED)
# What the browser needs of the bundle. Pagefind also writes its ready-made interfaces
# (pagefind-ui.js…), which relais does not use: its own, theme/static/js/search.js, is
# 2 kB and speaks the site's language.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


@dataclass(frozen=True)
class Document:
    """A written page to index: its URL from the site's root, its file, its kind."""

    url: str
    save_as: str
    kind: str


@dataclass(frozen=True)
class Record:
    """A brochure page: no HTML file of its own."""

    url: str
    title: str
    text: str
    kind: str


@dataclass
class Plan:
    language: str
    documents: list[Document] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)


def plan(context: dict, settings: dict) -> Plan:
    """What the index holds, from the build's content (published items only: drafts,
    hidden pages and redirects are not in these lists)."""
    language = settings.get("DEFAULT_LANG", "fr")
    _ = translator(settings)

    planned = Plan(language)
    for key, kind in (
        ("programmes", _("Formation")),
        ("articles", _("Actualité")),
        ("events", _("Événement")),
        ("pages", _("Page")),
    ):
        for item in context.get(key, []):
            if item.save_as:
                planned.documents.append(Document(f"/{item.url}", item.save_as, kind))
    label = _("Page {n} sur {total}")
    for programme in context.get("programmes", []):
        brochure = programme.brochure_doc
        if brochure is None:
            continue
        total = brochure.page_count
        name = f"{_('Brochure')} — {programme.facts.short_title}"
        for page in brochure.pages:
            number = label.replace("{n}", str(page.number)).replace("{total}", str(total))
            planned.records.append(
                Record(
                    f"/{programme.url}#page={page.number}",
                    f"{name}, {number[:1].lower()}{number[1:]}",
                    page.text,
                    _("Brochure"),
                )
            )
    return planned


def build(planned: Plan, output_path: str, settings: dict) -> None:
    """Indexes the written pages and the records into output/pagefind/ (whose files the
    build claims, so a file the index no longer has is removed). A rebuild whose pages and
    records are those of the last index keeps it as it is (plugins/incremental's record)."""
    output = Path(output_path)
    memo = incremental.current()
    key = incremental.digest(memo.reading, _PAGEFIND, planned.records, *_pages(planned, output))
    entry = output / BUNDLE / "pagefind-entry.json"
    if memo.is_current(entry, key) and complete(output / BUNDLE):
        for path in (output / BUNDLE).rglob("*"):
            if path.is_file():
                staging.claim(path)
        return
    _make(planned, output)
    memo.remember(entry, key)


def _pages(planned: Plan, output: Path):
    """What the index reads of each page: its URL, its kind and its file's bytes."""
    for document in planned.documents:
        content = (output / document.save_as).read_bytes()
        yield document.url, document.kind, hashlib.blake2b(content, digest_size=16).hexdigest()


def _make(planned: Plan, output: Path) -> None:
    try:
        files = asyncio.run(_index(planned, output))
    except FileNotFoundError as error:
        stop(
            tr(
                f"recherche : l’indexeur Pagefind est introuvable ({error}) — "
                "attendu : le paquet pagefind[bin] installé (make le fait)",
                f"search: the Pagefind indexer cannot be found ({error}) — "
                "expected: the pagefind[bin] package installed (make does it)",
            )
        )
    except RuntimeError as error:  # it stopped answering (service.py)
        stop(
            tr(
                f"recherche : l’indexeur Pagefind s’est arrêté sans finir l’index ({error}) "
                "— attendu : un index complet ; relancez make html",
                f"search: the Pagefind indexer stopped before the index was done ({error}) "
                "— expected: a whole index; run make html again",
            )
        )
    for file in files:
        if not file["path"].startswith(UNUSED):
            write_if_changed(output / BUNDLE / file["path"], file["content"])


def complete(bundle: Path) -> bool:
    """Whether the index kept in the output is whole: a file of it deleted or emptied
    makes it again."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        needed = [bundle / "pagefind.js", bundle / "pagefind-worker.js"]
        for facts in entry["languages"].values():
            needed += [bundle / f"pagefind.{facts['hash']}.pf_meta"]
            needed += [bundle / f"wasm.{facts.get('wasm') or 'unknown'}.pagefind"]
    except (OSError, ValueError, KeyError, AttributeError):
        return False
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return all(path.is_file() for path in needed) and all(path.stat().st_size for path in files)


async def _index(planned: Plan, output: Path) -> list[dict]:
    """The bundle's files, as the indexer holds them: taken from it rather than written by
    it, as Pagefind answers that its files are written while their last bytes may still be
    on their way (seen under load: `pagefind.js` cut at 32 KiB)."""
    from pagefind.index import IndexConfig

    from .service import Service

    config = IndexConfig(root_selector=ROOT, exclude_selectors=list(IGNORED))
    async with Service() as service:
        index = await service.create_index(config)
        for document in planned.documents:
            html = (output / document.save_as).read_text(encoding="utf-8")
            # The kind of page, as Pagefind reads metadata: an attribute of the root.
            kind = escape(f"kind:{document.kind}")
            html = html.replace(f"<{ROOT} ", f'<{ROOT} data-pagefind-meta="{kind}" ', 1)
            await index.add_html_file(content=html, url=document.url)
        for record in planned.records:
            await index.add_custom_record(
                url=record.url,
                content=record.text,
                language=planned.language,
                meta={"title": record.title, "kind": record.kind},
            )
        return await index.get_files()
