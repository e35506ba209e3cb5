"""The checks that keep private files, drafts and clashing addresses out of output/,
and the staging folder that keeps a failed build from touching it.

Connected by core's register(), before the handler that stops the build on
errors: every problem they report stops it before anything is written.
"""

from pelican import signals

from .build import connect
from .collisions import all_contents, check_outputs, declare_outputs
from .content_safety import check_content_tree, check_slugs, check_static_files
from .drafts import drop_drafts
from .kit_outputs import kit_outputs
from .staging import stage
from .well_known import adopt_static_links


def _check_plan(generators):
    generators = list(generators)
    drop_drafts(generators)
    adopt_static_links(generators)
    check_static_files(generators)
    check_slugs(all_contents(generators))
    check_outputs(generators)


def register():
    declare_outputs(kit_outputs, __package__)
    # At the start of each build (`pelican --autoreload` makes many in one process),
    # before the generators are made with their output folder.
    connect(signals.get_generators, check_content_tree, __package__)
    connect(
        signals.get_generators, stage, __package__
    )  # after the check: a refused tree stages nothing
    connect(signals.all_generators_finalized, _check_plan, __package__)
