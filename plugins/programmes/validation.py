"""Reads a programme's metadata against the field table into its typed facts, once."""

import re
from html import unescape
from pathlib import Path

from relais.plugins.core import ContentError, missing, missing_hint, tr
from relais.plugins.core.content_safety import slug_error
from relais.plugins.core.paths import content_file_problem
from relais.plugins.core.placeholders import ToConfirm, is_placeholder

from .content import ProgrammeFacts
from .facts import PROGRAMME_FIELDS
from .fields import duration_iso


def validate(programme, content_root: Path) -> list[ContentError]:
    """Every mistake of the file; without any, `programme.facts` holds its typed fields."""
    # A wrong slug drops the programme now, before its brochure and events are made.
    errors = [error for error in [slug_error(programme)] if error]
    values = {}
    for field in PROGRAMME_FIELDS:
        raw = programme.metadata.get(field.name)
        if _blank(raw):
            if field.required:
                errors.append(_missing(programme, field.name))
            continue
        if field.name in TO_CONFIRM and is_placeholder(_plain(raw)):
            values[field.name] = ToConfirm(_plain(raw).strip())
            continue
        try:
            values[field.name] = _frozen(field.parse(raw if field.nested else _plain(raw)))
        except ValueError as expected:
            errors.append(
                ContentError(programme.source_path, field.name, _not_valid(raw), str(expected))
            )
    if errors:
        return errors
    facts = ProgrammeFacts(duration_iso=duration_iso(values["duration"]), **values)
    errors += _check_coherence(programme, facts, content_root)
    programme.facts = facts
    return errors


# The facts a new site may not know yet: « à préciser » is shown as written, in a preview
# only (core.placeholders). Dates, addresses and titles are always real.
TO_CONFIRM = frozenset({"degree", "level", "duration", "ects", "location"})


def _frozen(value):
    """Lists become tuples: facts never change once read."""
    return tuple(value) if isinstance(value, list) else value


_EXAMPLES = {"brochure": "brochures/ma-formation.pdf", "cover": "images/ma-formation.jpg"}


def _check_coherence(programme, facts: ProgrammeFacts, content_root: Path) -> list:
    errors = []
    if facts.deadline > facts.start:
        errors.append(
            ContentError(
                programme.source_path,
                "deadline",
                tr(
                    f"{facts.deadline} tombe après la rentrée ({facts.start})",
                    f"{facts.deadline} falls after the start ({facts.start})",
                ),
                tr(
                    "une date limite de candidature antérieure à « start »",
                    'an application deadline before "start"',
                ),
            )
        )
    ignored = programme.settings.get("IGNORE_FILES", [])
    for name in ("brochure", "cover"):
        relative = getattr(facts, name)
        written = str(programme.metadata.get(name) or "")
        problem = relative and content_file_problem(content_root, relative, ignored, written)
        if problem:
            errors.append(
                ContentError(
                    programme.source_path,
                    name,
                    problem,
                    tr(
                        "un fichier rangé sous content/, chemin écrit depuis ce dossier, "
                        f"par exemple {_EXAMPLES[name]}",
                        "a file kept under content/, its path written from that folder, "
                        f"for example {_EXAMPLES[name]}",
                    ),
                )
            )
    return errors


def _missing(programme, name):
    return ContentError(programme.source_path, name, missing(), missing_hint(name))


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, list | dict) and not raw) or str(raw).strip() == ""


def _not_valid(raw) -> str:
    shown = raw if isinstance(raw, str) else _written(raw)
    return tr(f"« {shown} » ne convient pas", f'"{shown}" is not valid')


def _written(raw) -> str:
    """A list or mapping as the author wrote it, shortened to fit one line."""
    import yaml  # only to show a mistake

    flat = yaml.safe_dump(
        raw, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10**6
    ).strip()
    return flat if len(flat) <= 80 else flat[:79] + "…"


def _plain(raw) -> str:
    """Pelican renders `summary` to HTML; validation reads the text the author wrote."""
    return unescape(re.sub(r"<[^>]+>", "", str(raw)))
