"""Every message to authors exists in French and in English.

Messages are written once per language, side by side, with `tr(french, english)` (or
`tr_later` for a module-level text). These tests read the plugins' source: a French text
outside them (a new message written in French only) fails, and so does a pair whose
English side is missing, still French, or shows more or fewer values than the French side.
"""

import ast
import re
import string
from pathlib import Path

import pytest

from relais.plugins.theme_i18n import catalogue_for
from tests.sitebuild import ROOT, build, copy_content
from tests.test_author_mistakes import POST_HEAD, write, write_mistakes

PLUGINS = ROOT / "plugins"
# Marks of French text: its quotes, apostrophe and accents, and common short words.
FRENCH = re.compile(
    r"[«»’éèêàçùâîôû]|(?<![-/.])\b(?:le|la|les|un|une|des|du|est|pas|ou|dans|avec|sans|sous|"
    r"doit|fichier|champ|ligne|manquant|attendu|exemple|adresse)\b(?![-/.])",
    re.IGNORECASE,
)
# English text may use the typographic apostrophe (the site’s card); French words may not.
FRENCH_IN_ENGLISH = re.compile(
    r"[«»éèêàçùâîôû]|(?<![-/.])\b(?:le|la|les|une|des|du|est|pas|ou|dans|avec|sans|sous|doit|"
    r"fichier|champ|ligne|manquant|attendu|exemple|adresse)\b(?![-/.])",
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
    ("programmes/facts.py", "présentiel"): "a word an author may write in French",
    ("programmes/facts.py", "à distance"): "a word an author may write in French",
    ("programmes/facts.py", "établissement"): "a word an author may write in French",
    ("programmes/facts.py", "formulaire de l'"): "a word an author may write in French",
    ("programmes/facts.py", "poursuite d'"): "a word an author may write in French",
    ("programmes/facts.py", "définition"): "a word an author may write in French",
    ("programmes/facts.py", "réponse"): "a word an author may write in French",
    ("programmes/facts.py", "’"): "an apostrophe read as the straight one",
    ("cards/layout.py", "[ "): "a pattern for French spacing in titles",
    ("cards/layout.py", "(«)"): "a pattern for French spacing in titles",
    ("feeds/fitting.py", "[\\s"): "a pattern of word boundaries",
    ("core/date_mentions.py", "(?P<{}>[A-Za-zÀ-ÿ]"): "a pattern reading month names",
    ("core/date_mentions.py", "\\b(jusqu"): "a pattern reading French deadline words",
    ("core/date_mentions.py", "\\b(rentree"): "a pattern reading French start words",
    ("core/date_mentions.py", "\\b(au|to"): "a pattern reading a period's end",
    ("core/placeholders.py", "\\[\\[\\s*(?:à"): "the placeholder an author writes",
    ("core/placeholders.py", " []«»"): "the quotes and brackets around a placeholder",
    # The framing words, a table of both languages.
    ("core/errors.py", "champ"): "the French column of the framing words",
    ("core/errors.py", "réglage"): "the French column of the framing words",
    ("core/errors.py", "attendu :"): "the French column of the framing words",
    ("core/errors.py", "La construction"): "the French column of the framing words",
    # A command's --help, shown before the settings (and so the site's language) are read.
    ("feeds/share.py", "Affiche, pour"): "`make share --help`",
    ("feeds/share.py", "le nom du fichier"): "`make share --help`",
    ("feeds/share.py", "une page de la brochure"): "`make share --help`",
    ("feeds/websub.py", "Notifie le hub"): "the WebSub tool's --help",
    ("feeds/websub.py", "dossier du site"): "the WebSub tool's --help",
    ("feeds/websub.py", "fichier de"): "the WebSub tool's --help",
    ("feeds/websub.py", "fichier des"): "the WebSub tool's --help",
    ("feeds/websub.py", "notifier tous"): "the WebSub tool's --help",
    # Site text looked up in the theme's catalogue where it is used (ical._summary).
    ("events/ical.py", "Annulé : {title}"): "a theme catalogue message",
    ("events/ical.py", "Reporté : {title}"): "a theme catalogue message",
    # The words of fixed choices, named once (programmes/facts.py LABELS): message ids of the
    # theme's catalogue, translated where they are shown.
    **{
        ("programmes/facts.py", words): "a theme catalogue message"
        for words in (
            "Formation initiale",
            "Alternance (apprentissage)",
            "Formation continue",
            "VAE (validation des acquis de l’expérience)",
            "Présentiel",
            "À distance",
            "Hybride (présentiel et à distance)",
            "Formulaire de l’établissement",
        )
    },
    # The README's "Needs" section, written in both languages side by side.
    **{
        ("core/contracts.py", start): "README text, in both languages"
        for start in ("Declared once", "- Listed before", "- Before it", "- Last of all")
    },
}
# Text of the site for its readers (feeds, calendars, cards, JSON-LD) is translated by the
# theme's catalogue (theme/translations), through these functions.
CATALOGUE_LOOKUPS = {"_", "gettext", "words"}


def sources():
    for path in sorted(PLUGINS.rglob("*.py")):
        if not path.name.startswith("test_"):
            where = path.relative_to(PLUGINS).as_posix()  # "feeds/share.py"
            yield where, ast.parse(path.read_text())


def translator_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATORS:
            yield node


def catalogue_messages(tree):
    """The constant texts passed to a catalogue lookup (`_`, `gettext`, `words`)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in CATALOGUE_LOOKUPS:
            yield from (arg for arg in node.args if isinstance(arg, ast.Constant))


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


def placeholders(node) -> list[str]:
    """The values a text shows ({name} or an f-string's {expression}), sorted."""
    if isinstance(node, ast.JoinedStr):
        found = [ast.unparse(p.value) for p in node.values if isinstance(p, ast.FormattedValue)]
    else:
        parsed = string.Formatter().parse(literal_text(node))
        found = [name for _, name, _, _ in parsed if name is not None]
    return sorted(found)


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
            # As many values on each side (one may be a translated example).
            if len(placeholders(french)) != len(placeholders(english)):
                problems.append(
                    f"{where}: values differ: {placeholders(french)} / {placeholders(english)}"
                )
    assert calls > 200  # the scan sees the plugins' messages
    assert not problems, "\n".join(problems)


def french_outside_pairs():
    for name, tree in sources():
        inside = {
            id(sub) for call in translator_calls(tree) for arg in call.args for sub in ast.walk(arg)
        }
        inside |= {id(node) for node in catalogue_messages(tree)}
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


def test_site_text_in_the_plugins_has_an_english_translation_in_the_theme_catalogue():
    english = catalogue_for(str(ROOT / "theme"), "en")
    used = {node.value for _name, tree in sources() for node in catalogue_messages(tree)}
    used |= {text for (name, text), why in NOT_MESSAGES.items() if "catalogue" in why}
    assert len(used) > 10
    missing = sorted(text for text in used if text not in english and FRENCH.search(text))
    assert not missing, f"add to theme/translations/en/LC_MESSAGES/messages.po: {missing}"


@pytest.mark.parametrize(
    "text",
    ["« x » ne convient pas", "le fichier est introuvable", "une ligne manquante"],
)
def test_the_scan_recognises_french(text):
    assert FRENCH.search(text)
    assert not FRENCH_IN_ENGLISH.search('"x" is not valid — expected: the site’s card')


def english_mistakes_site(tmp_path: Path):
    """The demo as an English site, with every kind of author mistake the kit reports:
    the reading mistakes of test_author_mistakes and one per plugin's own checks."""
    content = copy_content(tmp_path / "content")
    write_mistakes(content)
    programme = (content / "programmes/lp-photographie-audiovisuel.md").read_text()
    lp_head, lp_body = programme.split("\n\n", 1)

    def programme_copy(name: str, **changes: str) -> None:
        lines = [line for line in lp_head.splitlines() if line.split(":")[0] not in changes]
        lines += [f"{key}: {value}" for key, value in changes.items()]
        write(content, f"programmes/{name}.md", "\n".join(lines) + "\n\n" + lp_body)

    write(content, "brochures/abimee.pdf", b"%PDF-1.7\nthis is not a PDF body\n")
    programme_copy("lp-credits", ects="soixante", contact="lp-photo")
    programme_copy("lp-dates", deadline="2027-10-01")
    programme_copy("lp-dehors", brochure="../private/plaquette.pdf")
    programme_copy("lp-abimee", brochure="brochures/abimee.pdf")
    programme_copy("lp-slug", slug="LP Photo")
    event = (content / "events/portes-ouvertes-2027.md").read_text()
    event_head, event_body = event.split("\n\n", 1)
    write(
        content,
        "events/fuseau.md",
        event_head.replace("end: 17:00", "end: 08:00") + "\ntimezone: Europe/Pariss\n"
        "status: annule\nprogramme: lp-inconnue\n\n" + event_body,
    )
    write(content, "blog/guid.md", f"{POST_HEAD}guid: pas une adresse\n\nTexte.\n")
    write(content, "blog/court.md", f"{POST_HEAD}shortlink: JPO 2027\n\nTexte.\n")
    write(content, "blog/redirection.md", f"{POST_HEAD}redirect_from: /ancien?page=2\n\nTexte.\n")
    write(content, "blog/image-absente.md", f"{POST_HEAD}\n![Plan](/images/plan.png)\n")
    write(content, "pages/agenda.md", "title: Agenda\nslug: events\n\nTexte.\n")
    return build(tmp_path, content=content, settings={"DEFAULT_LANG": "en"}), content


@pytest.fixture(scope="module")
def english_mistakes(tmp_path_factory):
    return english_mistakes_site(tmp_path_factory.mktemp("english-mistakes"))


def test_every_mistake_on_an_english_site_is_reported_in_english(english_mistakes):
    site, content = english_mistakes
    assert site.returncode == 1
    lines = [line for line in site.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("Build stopped: ") and lines[-1].endswith("nothing was written.")
    errors = lines[:-1]
    assert errors and all(line.startswith(f"ERROR {content}/") for line in errors), errors
    for line in errors:
        # File names, and what the author wrote (quoted as written), may be French.
        words = re.sub(rf'"[^"]*"|{re.escape(str(content))}/\S+', "", line)
        assert not FRENCH.search(words), line
    # A link's line names its line too: content/blog/x.md:4: link "…"
    reported = {tuple(re.match(r"(\S+?)(?::\d+)?: (?:field|link) (\"[^\"]*\")", line[6:]).groups())
                for line in errors}  # fmt: skip
    expected = {
        ("blog/latin.md", '"encoding"'),
        ("blog/fevrier.md", '"date"'),
        ("blog/heure.md", '"date"'),
        ("blog/barres.md", '"date"'),
        ("blog/deux-points.md", '"date"'),
        ("blog/sans-titre.md", '"title"'),
        ("blog/yaml.md", '"title"'),
        ("blog/programe.md", '"programe"'),
        ("blog/liens.md", '"{static}/images/affiche.png"'),
        ("blog/liens.md", '"{filename}../pages/contacts.md"'),
        ("blog/annonce.md.txt", '"file name"'),
        ("blog/plaquette.docx", '"file name"'),
        ("pages/nav.md", '"nav"'),
        ("pages/statut.md", '"status"'),
        ("programmes/master-humanites-numeriques.md", '"brochur"'),
        ("events/portes-ouvertes-2027.md", '"adress"'),
        ("programmes/lp-credits.md", '"ects"'),
        ("programmes/lp-credits.md", '"contact"'),
        ("programmes/lp-dates.md", '"deadline"'),
        ("programmes/lp-dehors.md", '"brochure"'),
        ("programmes/lp-abimee.md", '"brochure"'),
        ("programmes/lp-slug.md", '"slug"'),
        ("events/fuseau.md", '"adress"'),
        ("events/fuseau.md", '"timezone"'),
        ("events/fuseau.md", '"status"'),
        ("events/fuseau.md", '"programme"'),
        ("blog/court.md", '"shortlink"'),
        ("blog/redirection.md", '"redirect_from"'),
        ("blog/image-absente.md", '"/images/plan.png"'),
        ("pages/agenda.md", '"slug"'),
        ("blog/guid.md", '"guid"'),  # relay_feeds: every plugin reports before the stop
    }
    assert {(f"{content}/{name}", field) for name, field in expected} == reported
    assert len(errors) == len(expected)
    for line in (
        f'ERROR {content}/programmes/lp-dehors.md: field "brochure" : "../private/plaquette.pdf" '
        "leads outside the content/ folder — expected: a file kept under content/, its path "
        "written from that folder, for example brochures/ma-formation.pdf",
        f'ERROR {content}/programmes/lp-abimee.md: field "brochure" : "brochures/abimee.pdf" is '
        "not a readable PDF (damaged, incomplete or of another format) — expected: a PDF that "
        "opens in a PDF reader (export it again from the layout software)",
        f'ERROR {content}/events/fuseau.md: field "programme" : "lp-inconnue" is not a known '
        "programme — expected: one of: lp-abimee, lp-photographie-audiovisuel, "
        "master-humanites-numeriques",
        f'ERROR {content}/pages/agenda.md: field "slug" : "/events/" : address already taken by '
        'the generated page EVENTS_SAVE_AS — expected: a free address: another file name, "slug:"'
        ' or "save_as:"',
        f'ERROR {content}/blog/image-absente.md:4: link "/images/plan.png" : no file of the site '
        "at this address — expected: {static}/images/plan.png, with the file kept in "
        "content/images/plan.png",
        f'ERROR {content}/blog/redirection.md: field "redirect_from" : "/ancien?page=2" : a '
        'redirect address can contain neither "?" nor "#" — expected: addresses of the old '
        "site, separated by commas, e.g. /blog/old-name/",
    ):
        assert line in errors


def test_a_feed_mistake_is_reported_in_english(english_mistakes):
    """relay_feeds checks the site after the others, in the same build."""
    site, content = english_mistakes
    post = content / "blog/guid.md"
    assert site.returncode == 1
    assert f'ERROR {post}: field "guid" : "pas une adresse" is not an address — expected: a ' \
        "permanent address, e.g. https://example.org/open-day-2027 or " \
        "tag:example.org,2027:open-day" in site.stderr.splitlines()  # fmt: skip
