"""Every message to authors exists in French and in English.

Messages are written once per language, side by side, with `tr(french, english)` (or
`tr_later` for a module-level text). These tests read the plugins' source: a French text
outside them (a new message written in French only) fails, and so does a pair whose
English side is missing, still French, or names other values than the French side.
"""

import ast
import re
import string

import pytest

from tests.sitebuild import ROOT

PLUGINS = ROOT / "plugins"
# Marks of French text: its quotes, apostrophe and accents, and common short words.
FRENCH = re.compile(
    r"[«»’éèêàçùâîôû]|\b(?:le|la|les|un|une|des|du|est|pas|ou|dans|avec|sans|sous|doit|"
    r"fichier|champ|ligne|manquant|attendu|exemple|adresse)\b",
    re.IGNORECASE,
)
# English text may use the typographic apostrophe (the site’s card); French words may not.
FRENCH_IN_ENGLISH = re.compile(
    r"[«»éèêàçùâîôû]|\b(?:le|la|les|une|des|du|est|pas|ou|dans|avec|sans|sous|doit|"
    r"fichier|champ|ligne|manquant|attendu|exemple|adresse)\b",
    re.IGNORECASE,
)
TRANSLATORS = {"tr", "tr_later"}

# French text that is not a message to authors, each with why it stays.
NOT_MESSAGES = {
    # Words an author may write, or patterns reading them.
    ("programmes/fields.py", "^(?P<n>"): "a pattern reading durations written in French",
    ("events/fields.py", "prévu"): "a status an author may write in French",
    ("events/fields.py", "annulé"): "a status an author may write in French",
    ("events/fields.py", "reporté"): "a status an author may write in French",
    ("events/fields.py", "reprogrammé"): "a status an author may write in French",
    ("cards/layout.py", "[ "): "a pattern for French spacing in titles",
    ("cards/layout.py", "(«)"): "a pattern for French spacing in titles",
    ("relay_feeds/fitting.py", "[\\s"): "a pattern of word boundaries",
    ("relay_feeds/counting.py", "utf-16-le"): "an encoding name",
    # The framing words, a table of both languages.
    ("relais_core/errors.py", "champ"): "the French column of the framing words",
    ("relais_core/errors.py", "réglage"): "the French column of the framing words",
    ("relais_core/errors.py", "attendu :"): "the French column of the framing words",
    ("relais_core/errors.py", "La construction"): "the French column of the framing words",
    # Text of the site for its readers (feeds, calendars, metadata): the site's own words.
    ("cards/sources.py", "Candidatures jusqu’au"): "site text, translated by the theme catalogue",
}
# Site text for readers, and command-line tools, not translated yet (see the closing note).
NOT_YET = {
    "events/derived.py": "event titles and summaries shown on the site",
    "events/ical.py": "calendar entries",
    "events/generator.py": "the calendar's description",
    "relay_feeds/feeds.py": "feed titles",
    "seo_meta/meta.py": "breadcrumb names in JSON-LD",
    "relay_feeds/share.py": "the `make share` tool",
    "relay_feeds/websub.py": "the WebSub ping tool",
}


def sources():
    for path in sorted(PLUGINS.rglob("*.py")):
        if not path.name.startswith("test_"):
            yield path.relative_to(PLUGINS).as_posix(), ast.parse(path.read_text())


def translator_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATORS:
            yield node


def literal_text(node) -> str:
    """The text of a string or f-string, with each {expression} kept as written."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
            for part in node.values
        )
    return ""


def placeholders(node) -> set[str]:
    text = literal_text(node)
    if isinstance(node, ast.JoinedStr):
        return {ast.unparse(p.value) for p in node.values if isinstance(p, ast.FormattedValue)}
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def docstrings(tree) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr):
            found.add(id(node.body[0].value))
    return found


def test_each_message_pair_has_a_french_and_an_english_text_with_the_same_values():
    problems = []
    calls = 0
    for name, tree in sources():
        for call in translator_calls(tree):
            calls += 1
            where = f"{name}:{call.lineno}"
            if all(isinstance(arg, ast.Attribute) for arg in call.args):
                continue  # tr_later handing its own pair to tr
            if len(call.args) != 2 or not all(literal_text(arg) for arg in call.args):
                problems.append(f"{where}: tr() takes a French and an English text")
                continue
            french, english = call.args
            if FRENCH_IN_ENGLISH.search(literal_text(english)):
                problems.append(f"{where}: English side looks French: {literal_text(english)!r}")
            if placeholders(french) != placeholders(english):
                problems.append(
                    f"{where}: values differ: {placeholders(french)} / {placeholders(english)}"
                )
    assert calls > 200  # the scan sees the plugins' messages
    assert not problems, "\n".join(problems)


def french_outside_pairs():
    for name, tree in sources():
        if name in NOT_YET:
            continue
        inside = {
            id(sub) for call in translator_calls(tree) for arg in call.args for sub in ast.walk(arg)
        }
        skipped = inside | docstrings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in skipped or not FRENCH.search(node.value):
                continue
            if any(name == f and node.value.startswith(p) for f, p in NOT_MESSAGES):
                continue
            yield f"{name}:{node.lineno}: {node.value[:70]!r}"


def test_no_message_is_written_in_french_only():
    found = list(french_outside_pairs())
    assert not found, "write these with tr(french, english):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "text",
    ["« x » ne convient pas", "le fichier est introuvable", "une ligne manquante"],
)
def test_the_scan_recognises_french(text):
    assert FRENCH.search(text)
    assert not FRENCH_IN_ENGLISH.search('"x" is not valid — expected: the site’s card')
