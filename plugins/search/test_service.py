"""The indexing service: the index's files come back whole, and an indexer that stops
answering fails the build instead of hanging it."""

import asyncio
import json
import sys

import pytest
from pagefind.index import IndexConfig

from relais.plugins.search.service import Service


def index_files(pages: dict[str, str]) -> dict[str, bytes]:
    async def run():
        async with Service() as service:
            index = await service.create_index(IndexConfig(root_selector="main"))
            for url, text in pages.items():
                html = (
                    f"<html lang='fr'><body><main><h1>{url}</h1><p>{text}</p></main></body></html>"
                )
                await index.add_html_file(content=html, url=url)
            return {file["path"]: file["content"] for file in await index.get_files()}

    return asyncio.run(run())


def test_the_index_files_come_back_in_one_answer_larger_than_the_wrappers_cap():
    # Distinct words, so that the index itself is over 2 MiB (more again in base64).
    pages = {f"/p{n}/": " ".join(f"mot{n}x{k}" for k in range(2000)) for n in range(120)}
    files = index_files(pages)
    assert sum(len(content) for content in files.values()) > 2**21
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= set(files)
    assert json.loads(files["pagefind-entry.json"])["languages"]["fr"]["page_count"] == 120


def test_an_indexer_that_stops_answering_fails_the_request(tmp_path):
    script = tmp_path / "pagefind"
    script.write_text(f"#!{sys.executable}\nimport sys\nsys.stdout.write('not base64,')\n")
    script.chmod(0o755)

    async def run():
        service = Service()
        service._bin = script
        async with service:
            await service.create_index(IndexConfig(root_selector="main"))

    with pytest.raises((RuntimeError, ConnectionError)):
        asyncio.run(asyncio.wait_for(run(), timeout=20))
