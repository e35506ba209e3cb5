"""The build under way: what one Pelican build keeps while it runs, and nothing that
outlives it.

Each build gets a Build when it starts (`initialized`, the first signal after the plugins
register) and every relais handler reaches it through `current()`: its content errors, the
language of its messages, its staging folder, its record of outputs, the sources of its
redirect pages. The next build, in the same process (`pelican --autoreload`, the tests) or
another thread, starts from a new one: two builds share nothing. Threads a build starts
itself run in its context (`in_this_build`).

Pelican's signals are the process's, and a handler stays connected once a plugin has
registered it. relais plugins connect theirs with `connect(signal, handler, plugin)`: a
handler runs only in the builds whose plugins registered its plugin, so a plugin listed by
one build does nothing in the next one that does not list it.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from typing import Any

_current: contextvars.ContextVar[Build] = contextvars.ContextVar("relais_build")
# Plugins whose register() ran since the last build started: the next build's plugins.
_registered: set[str] = set()
# One gated receiver per handler: blinker holds receivers weakly and connects each once.
_receivers: dict[tuple[str, object], object] = {}


@dataclass
class Build:
    """The state of one build. Plugins keep theirs under their own name in `extras`."""

    settings: dict = field(default_factory=dict)
    language: str = "fr"  # of every message: "en" or "fr"
    settings_file: str = "pelicanconf.py"
    plugins: frozenset[str] = frozenset()  # the relais plugins registered for this build
    # Content errors and other lines reported so far; the build stops on them before writing.
    errors: list = field(default_factory=list)
    # Fields whose YAML value may be a list or a mapping (core.reading), per content type.
    nested_fields: set[str] = field(default_factory=set)
    extras: dict[str, Any] = field(default_factory=dict)

    def extra(self, name: str, make):
        """A plugin's own state for this build, made on first use."""
        if name not in self.extras:
            self.extras[name] = make()
        return self.extras[name]


def start(settings: dict) -> Build:
    """A new build: nothing of the last one carries over."""
    build = Build(settings=settings, plugins=frozenset(_registered))
    _registered.clear()
    _current.set(build)
    return build


def connect(signal, handler, plugin: str) -> None:
    """Connects `plugin`'s (its package name) `handler` to `signal` for the builds that
    register `plugin`; called from its register()."""
    _registered.add(plugin)
    key = (signal.name, handler)
    if key not in _receivers:

        def receiver(*args, **kwargs):
            if plugin in current().plugins:
                return handler(*args, **kwargs)
            return None

        receiver.__qualname__ = f"{plugin}:{getattr(handler, '__qualname__', handler)}"
        _receivers[key] = receiver
        signal.connect(receiver, weak=False)


def current() -> Build:
    """The build under way; outside any build (a unit test, `make share`), a build of its
    own, French by default."""
    try:
        return _current.get()
    except LookupError:
        return start({})


def is_current(settings: dict) -> bool:
    """Whether the build under way is the one these settings belong to."""
    try:
        return _current.get().settings is settings
    except LookupError:
        return False


def in_this_build(function):
    """`function`, to run in another thread (a pool's worker) as part of this build: a
    thread starts with a context of its own, without the build."""
    build = current()

    def run(*args, **kwargs):
        _current.set(build)
        return function(*args, **kwargs)

    return run
