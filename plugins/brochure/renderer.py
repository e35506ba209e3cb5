"""Turns PDFs into cached page images and text, several at once on a process pool.

`prepare` takes every brochure of the build, answers cache hits at once and renders
the misses in two rounds on the pool: count the pages of each PDF (which also finds
broken ones), then render page ranges, so one long brochure uses every core too.
"""

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .pdf import RenderParams, UnreadablePdf, page_count, render_range

PAGES_PER_JOB = 8


@dataclass
class Outcome:
    """What `prepare` found for one PDF: a manifest, or why it cannot be shown."""

    key: str
    manifest: dict | None = None
    problem: UnreadablePdf | None = None
    from_cache: bool = False


@dataclass
class Stats:
    rendered_pdfs: int = 0
    rendered_pages: int = 0
    cached_pdfs: int = 0
    failures: list = field(default_factory=list)


def prepare(pdfs: list[Path], root: Path, params: RenderParams, workers: int):
    """Returns ({pdf path: Outcome}, Stats). Identical files are rendered once."""
    stats = Stats()
    cache.sweep(root)
    outcomes, todo = {}, {}
    for pdf in pdfs:
        key = cache.entry_key(cache.file_digest(pdf), params)
        manifest = cache.load(root, key)
        outcomes[pdf] = Outcome(key, manifest, from_cache=manifest is not None)
        if manifest is None:
            todo.setdefault(key, pdf)
    stats.cached_pdfs = len({o.key for o in outcomes.values() if o.from_cache})
    if todo:
        rendered = _render_all(todo, root, params, workers, stats)
        for outcome in outcomes.values():
            if not outcome.from_cache:
                outcome.manifest, outcome.problem = rendered[outcome.key]
    return outcomes, stats


def _render_all(todo: dict, root: Path, params: RenderParams, workers: int, stats: Stats):
    results = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        counts = dict(zip(todo, pool.map(_count, todo.values()), strict=True))
        jobs = {}
        try:
            _submit(pool, todo, counts, root, params, jobs, results, stats)
            for key, (pdf, workspace, futures) in jobs.items():
                results[key] = _collect(root, key, pdf, workspace, futures, stats)
        finally:
            # Committed workspaces were renamed away; whatever is left is half-rendered.
            for _pdf, workspace, _futures in jobs.values():
                cache.discard(workspace)
    return results


def _submit(pool, todo, counts, root, params, jobs, results, stats):
    for key, pdf in todo.items():
        if isinstance(counts[key], UnreadablePdf):
            results[key] = (None, counts[key])
            stats.failures.append(key)
            continue
        workspace = cache.new_workspace(root)
        futures = [
            pool.submit(render_range, str(pdf), first, last, str(workspace), params)
            for first, last in _ranges(counts[key])
        ]
        jobs[key] = (pdf, workspace, futures)


def _count(pdf: Path):
    try:
        return page_count(str(pdf))
    except UnreadablePdf as problem:
        return problem


def _ranges(pages: int) -> list[tuple[int, int]]:
    jobs = math.ceil(pages / PAGES_PER_JOB)
    return [(1 + i * PAGES_PER_JOB, min(pages, (i + 1) * PAGES_PER_JOB)) for i in range(jobs)]


def _collect(root, key, pdf, workspace, futures, stats):
    try:
        pages = [page for future in futures for page in future.result()]
    except UnreadablePdf as problem:
        stats.failures.append(key)
        return None, problem
    manifest = {"pdf_bytes": pdf.stat().st_size, "pages": pages}
    cache.commit(root, key, workspace, manifest)
    stats.rendered_pdfs += 1
    stats.rendered_pages += len(pages)
    return manifest, None
