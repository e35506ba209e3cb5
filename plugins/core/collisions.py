"""Two outputs for one address stop the build before anything is written.

Once every file is read, the plan of the build — every file and folder it will
write, and what writes it — is computed from the generators and the settings:
content files, static files, list pages, category and tag pages, and what plugins
generate (agenda, calendars, feeds, brochure pages, cards, robots.txt, sitemap,
redirects…). Pelican would find some of these clashes halfway through writing, with
a traceback; others it would not find at all (a page with `save_as: index.html`
silently replaces the home page).
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .build import connect, current
from .errors import ContentError, quoted, report, tr, tr_later
from .errors import relative_path as shown


@dataclass(frozen=True)
class Output:
    """One planned file (or, ending in "/", a folder a plugin fills on its own)."""

    path: str
    owner: str  # what makes it, in words: a content file, « la page générée X »…
    source: str | None = None  # the content file that asks for it, if any
    field: str = ""  # the metadata field that decides its address

    @property
    def address(self) -> str:
        return "/" + self.path.removesuffix("index.html")


Provider = Callable[[list, dict], Iterable[Output]]

EXPECTED = tr_later(
    "une adresse libre : un autre nom de fichier, « slug: » ou « save_as: »",
    'a free address: another file name, "slug:" or "save_as:"',
)


def declare_outputs(provider: Provider, plugin: str) -> None:
    """In the register() of a plugin that writes files of its own: provider(generators,
    settings) → Outputs, part of the plan of each build that registers `plugin`."""
    connect(signals.initialized, _declarer(provider), plugin)


@functools.cache
def _declarer(provider: Provider):
    """One handler per provider (a signal connects a handler once)."""

    def declare(_pelican) -> None:
        current().extra("outputs", list).append(provider)

    return declare


def check_outputs(generators) -> None:
    """Reports every address claimed twice, naming both sides and the address."""
    planned = planned_outputs(generators)
    # Content files come last: when one clashes with a generated page, the file is to fix.
    planned.sort(key=lambda output: output.source is not None)
    for output, earlier in _clashes(planned):
        report(_error(output, earlier))


def planned_outputs(generators) -> list[Output]:
    """Every file (and plugin-filled folder) this build will write, once all is read."""
    generators = list(generators)
    settings = generators[0].settings
    return [
        *_generated(generators, settings),
        *(
            output
            for provider in current().extras.get("outputs", [])
            for output in provider(generators, settings)
        ),
    ]


def all_contents(generators) -> list[Content]:
    """Every content object any generator holds (posts, pages, drafts, programmes,
    events, static files, translations), once each."""
    found = {}
    for item in generator_items(generators):
        if isinstance(item, Content):
            found.setdefault(id(item), item)
    return list(found.values())


def _content_output(content, save_as: str | None = None) -> Output:
    metadata = getattr(content, "metadata", {})
    field = "save_as" if "save_as" in metadata else "slug"
    save_as = content.save_as if save_as is None else save_as
    return Output(save_as, shown(content.source_path), content.source_path, field)


def _generated(generators, settings) -> Iterable[Output]:
    yield from _fixed_pages(settings)
    wrappers = {id(i): i for i in generator_items(generators) if isinstance(i, URLWrapper)}
    for item in wrappers.values():
        if item.save_as:
            yield Output(
                item.save_as, tr(f"la page de « {item.name} »", f'the page of "{item.name}"')
            )
    for content in sorted(all_contents(generators), key=lambda c: c.source_path):
        save_as = content.save_as  # Pelican formats it anew each time it is asked
        if save_as:
            yield _content_output(content, save_as)


def _fixed_pages(settings) -> Iterable[Output]:
    """PROGRAMMES_SAVE_AS, EVENTS_SAVE_AS, FEEDS_ALL_ATOM…: one file each; a folder for
    the patterns (FEEDS_TAG_ATOM = "feeds/tags/{slug}.atom.xml": feeds/tags/)."""
    fixed = {}
    for name, value in settings.items():
        if _is_output_setting(name) and isinstance(value, str) and value:
            path = value if "{" not in value else value[: value.index("{")].rpartition("/")[0]
            if path and "{" not in value:
                owner = tr(f"la page générée {name}", f"the generated page {name}")
                fixed.setdefault(path, Output(path, owner))
            elif path and name.startswith(("FEED", "FEEDS_")):
                owner = tr(f"les flux {name}", f"the feeds {name}")
                fixed.setdefault(path + "/", Output(path + "/", owner))
    for template in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if save_as:
            owner = tr(f"la page générée « {template} »", f'the generated page "{template}"')
            fixed.setdefault(save_as, Output(save_as, owner))
    return fixed.values()


def _is_output_setting(name: str) -> bool:
    feed = name.startswith(("FEED_", "FEEDS_")) and name.endswith(("_ATOM", "_RSS"))
    return feed or name.endswith("_SAVE_AS")


def _clashes(planned: list[Output]) -> Iterable[tuple[Output, Output]]:
    """(output, the earlier one it collides with): same file, a file inside a folder a
    plugin fills, or a file where another output needs a folder."""
    files, folders, parents = {}, {}, {}
    for output in planned:
        if output.path.endswith("/"):
            folders.setdefault(output.path, output)
            continue
        for parent in _parents(output.path):
            parents.setdefault(parent, output)
    for output in planned:
        if output.path.endswith("/"):
            continue
        earlier = files.get(output.path) or _in_folder(output.path, folders)
        earlier = earlier or parents.get(output.path + "/")
        # Two generated outputs meeting is a settings matter, not an author's.
        if earlier is not None and earlier is not output and output.source is not None:
            yield output, earlier
        else:
            files[output.path] = output


def _in_folder(path: str, folders: dict) -> Output | None:
    return next((folders[p] for p in _parents(path) if p in folders), None)


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _error(output: Output, earlier: Output) -> ContentError:
    problem = f"{quoted(output.address)} : " + tr(
        f"adresse déjà prise par {earlier.owner}", f"address already taken by {earlier.owner}"
    )
    return ContentError(output.source, output.field, problem, str(EXPECTED))


def generator_items(generators):
    """Every item a generator holds in its dict and list attributes, whatever the content
    type (posts, pages, programmes, events, tags and categories)."""
    for generator in generators:
        for value in vars(generator).values():
            if isinstance(value, dict):
                yield from value.keys()
            elif isinstance(value, list | tuple):
                for item in value:
                    # Tags and categories are (URLWrapper, [articles]) pairs.
                    yield item[0] if isinstance(item, tuple) and item else item
