"""Pelican's own content errors become relais error lines, found by structure, not by text.

Pelican logs a file it cannot use (an exception while reading it, a missing title or
date, an unknown status) and builds the site without it: a post with a malformed date
silently disappears. relais turns each into a ContentError without reading Pelican's
English messages, which change between releases:

- reading: every exception a reader raises leaves Readers.read_file naming the file
  (`name_failing_files`): a ContentError when the file is the author's to fix, an
  InternalError (a fault of the kit, to report) otherwise;
- validity: what Content.is_valid() would refuse in a post or a page (a mandatory
  property missing, a status its class does not allow) is raised as a ContentError while
  the object is made (`check_pelican_rules`), so Pelican skips the file the same way;
- the collector reports the ContentError being handled when Pelican logs an error; any
  other error Pelican logs is reported as Pelican wrote it. When Pelican stops on an
  exception after errors were reported (a plugin failed on content another one refused),
  the errors are listed as at the normal stop, with one warning line naming the failure.
"""

import functools
import logging
import os
import sys

from pelican.contents import Article, Page

from .errors import (
    ContentError,
    InternalError,
    abort_if_errors,
    failure_reading,
    missing,
    missing_hint,
    not_valid,
    one_of,
    report,
    reported_errors,
    tr,
    warn,
)


class PelicanErrorCollector(logging.Handler):
    """Added to Pelican's logger while the content is read and checked."""

    def __init__(self):
        super().__init__(level=logging.ERROR)

    def emit(self, record):
        # Pelican logs a file it skips from inside its `except`: the error being handled is
        # the reader's (a ContentError, see name_failing_files).
        error = sys.exc_info()[1]
        if isinstance(error, ContentError | InternalError):
            report(error)
        elif record.levelno >= logging.CRITICAL:
            # Pelican stops on an exception. After errors were reported, a plugin failed on
            # content that another one refused: the errors are the cause, what the author
            # can act on. Without any, it is a crash: Pelican shows it as usual.
            if reported_errors():
                warn(tr(f"une extension a échoué sur ce contenu ({error!r})",
                        f"a plugin failed on this content ({error!r})"))  # fmt: skip
                abort_if_errors()
        else:
            lines = [line.strip() for line in record.getMessage().splitlines() if line.strip()]
            report(" — ".join(lines))


def name_failing_files(readers) -> None:
    """readers_init: an exception while reading a file becomes a ContentError naming it."""
    read_file = readers.read_file

    @functools.wraps(read_file)
    def read_naming_the_file(base_path, path, *args, **kwargs):
        try:
            return read_file(base_path, path, *args, **kwargs)
        except Exception as error:
            raise failure_reading(os.path.join(base_path, path), error) from error

    readers.read_file = read_naming_the_file


def check_pelican_rules(content) -> None:
    """content_object_init: Pelican's own validity rules (Content.is_valid, which its post
    and page generators apply), as errors. Programmes and events check their own fields."""
    if type(content) not in (Article, Page) or not content.source_path:
        return
    for name in type(content).mandatory_properties:
        if not hasattr(content, name):
            raise ContentError(content.source_path, name, missing(), missing_hint(name))
    allowed = getattr(type(content), "allowed_statuses", None)
    if allowed is not None and content.status not in allowed:
        raise ContentError(content.source_path, "status", not_valid(content.status),
                           one_of(allowed))  # fmt: skip
