"""Turns PDFs into cached page images and text, several at once on a process pool.

`prepare` takes every brochure of the build, answers cache hits at once and renders
the misses in two rounds on the pool: count the pages of each PDF and read its outline
(which also finds broken ones and pages over the limits), then render page ranges (images,
text, links), so one long brochure uses every core too.

The pool is pebble's: a task past its time is stopped by killing its worker, and a
worker that dies (past its memory limit) fails its task alone; both become an
`UnreadablePdf` for that PDF, and the pool goes on with fresh workers.
"""

import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .limits import Limits, limit_memory
from .params import RenderParams, UnreadablePdf

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


def prepare(
    pdfs: list[Path],
    root: Path,
    params: RenderParams,
    limits: Limits,
    workers: int,
    digests: Path | None = None,
):
    """Returns ({pdf path: Outcome}, Stats). Identical files are rendered once. `digests`:
    where the PDFs' hashes are kept between builds (cache.Digests)."""
    stats = Stats()
    cache.sweep(root)
    hashes = cache.Digests(digests)
    outcomes, todo = {}, {}
    for pdf in pdfs:
        key = cache.entry_key(hashes.of(pdf), params)
        manifest = cache.load(root, key)
        outcomes[pdf] = Outcome(key, manifest, from_cache=manifest is not None)
        if manifest is None:
            todo.setdefault(key, pdf)
    stats.cached_pdfs = len({o.key for o in outcomes.values() if o.from_cache})
    hashes.save()
    if todo:
        rendered = _render_all(todo, root, params, limits, workers, stats)
        for outcome in outcomes.values():
            if not outcome.from_cache:
                outcome.manifest, outcome.problem = rendered[outcome.key]
    return outcomes, stats


def survey(*args):
    """In a worker: pdf.survey. PDFium (pdf.py) is loaded only where something is rendered:
    a rebuild never loads it, nor pebble."""
    from . import pdf

    return pdf.survey(*args)


def render_range(*args):
    """In a worker: pdf.render_range."""
    from . import pdf

    return pdf.render_range(*args)


def _render_all(todo: dict, root: Path, params, limits: Limits, workers: int, stats: Stats):
    results, jobs = {}, {}
    with _pool(workers, limits) as pool:
        try:
            counting = {
                key: pool.schedule(
                    survey,
                    (str(pdf), params, limits.max_pages, limits.max_page_pixels),
                    timeout=limits.page_timeout_s,
                )
                for key, pdf in todo.items()
            }
            for key, pdf in todo.items():
                counted = _outcome(counting[key], None)
                if isinstance(counted, UnreadablePdf):
                    results[key] = (None, counted)
                    stats.failures.append(key)
                else:
                    pages, outline = counted
                    jobs[key] = (*_submit(pool, pdf, pages, root, params, limits), outline)
            for key, (pdf, workspace, futures, outline) in jobs.items():
                results[key] = _collect(root, key, pdf, workspace, futures, outline, stats)
        finally:
            # Committed workspaces were renamed away; whatever is left is half-rendered.
            for _pdf, workspace, _futures, _outline in jobs.values():
                cache.discard(workspace)
    return results


@contextmanager
def _pool(workers: int, limits: Limits):
    import multiprocessing

    from pebble import ProcessPool

    pool = ProcessPool(
        max_workers=workers,
        initializer=limit_memory,
        initargs=(limits.worker_memory_mb,),
        context=multiprocessing.get_context("fork"),
    )
    try:
        yield pool
    finally:
        # Every task was waited for, unless the build is failing: then no reason to finish.
        pool.stop()
        pool.join()


def _submit(pool, pdf: Path, pages: int, root: Path, params, limits: Limits):
    workspace = cache.new_workspace(root)
    futures = {
        (first, last): pool.schedule(
            render_range,
            (str(pdf), first, last, str(workspace), params, limits.max_page_pixels),
            timeout=limits.page_timeout_s * (last - first + 1),
        )
        for first, last in _ranges(pages)
    }
    return pdf, workspace, futures


def _outcome(future, pages: tuple[int, int] | None):
    """The task's result, or the UnreadablePdf it raised or its worker's end stands for.

    `pages` is the (first, last) pages the task renders, None for the counting task.
    """
    from pebble import ProcessExpired

    span = dict(zip(("first", "last"), pages, strict=True)) if pages else {}
    try:
        return future.result()
    except UnreadablePdf as problem:
        return problem
    except TimeoutError:
        return UnreadablePdf("timeout", facts=span)
    except (MemoryError, ProcessExpired):
        return UnreadablePdf("memory", facts=span)


def _ranges(pages: int) -> list[tuple[int, int]]:
    jobs = math.ceil(pages / PAGES_PER_JOB)
    return [(1 + i * PAGES_PER_JOB, min(pages, (i + 1) * PAGES_PER_JOB)) for i in range(jobs)]


def _collect(root, key, pdf, workspace, futures: dict, outline: dict, stats):
    pages = []
    for span, future in futures.items():
        outcome = _outcome(future, span)
        if isinstance(outcome, UnreadablePdf):
            for rest in futures.values():
                rest.cancel()  # stops a running one too: this PDF is not shown anyway
            stats.failures.append(key)
            return None, outcome
        pages += outcome
    manifest = {"pdf_bytes": pdf.stat().st_size, "pages": pages, **outline}
    cache.commit(root, key, workspace, manifest)
    stats.rendered_pdfs += 1
    stats.rendered_pages += len(pages)
    return manifest, None
