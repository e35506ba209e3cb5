"""The optional facts applicants look for: places, fees, rhythm, admission, outcomes, FAQ.

Each parser takes what the author wrote — a text, a list of texts (YAML list or indented
continuation lines) or, for `outcomes` and `faq`, a YAML list of mappings — and returns a
typed value, or raises ValueError with what to write instead. Words with a fixed meaning
(rhythm, teaching mode, platform) are read in French or English, accents and case aside.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import format_currency

from relais.plugins.core import tr, tr_later

from .fields import FIELDS, Field, email, iso_date, text


def _key(value: str) -> str:
    """ "Formation Continue" and "formation continue" name the same thing; so do "é" and "e"."""
    plain = unicodedata.normalize("NFKD", " ".join(str(value).split()).casefold())
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("’", "'")


def _items(raw, split_commas: bool = False) -> list[str]:
    """A text or a list of texts as a list of non-empty texts."""
    if isinstance(raw, dict):
        raise ValueError(tr("une liste (« - élément » par ligne)", 'a list ("- item" per line)'))
    values = raw if isinstance(raw, list) else [raw]
    if split_commas:
        values = [part for value in values for part in str(value).split(",")]
    if not all(isinstance(value, str) for value in values):
        raise ValueError(tr("des textes, un par ligne", "texts, one per line"))
    items = [" ".join(value.split()) for value in values if value.strip()]
    if not items:
        raise ValueError(tr("au moins un élément", "at least one item"))
    return items


def _choice(words: dict[str, str], example: str):
    """A parser for one word among `words` (written form → canonical key)."""
    table = {_key(written): canonical for written, canonical in words.items()}
    listed = ", ".join(dict.fromkeys(words))

    def parse(value: str) -> str:
        found = table.get(_key(value))
        if found is None:
            raise ValueError(
                tr(
                    f"l’un de : {listed} — par exemple {example}",
                    f"one of: {listed} — for example {example}",
                )
            )
        return found

    return parse


RHYTHMS = {
    "formation initiale": "initial",
    "initiale": "initial",
    "initial": "initial",
    "initial education": "initial",
    "alternance": "work-study",
    "apprentissage": "work-study",
    "apprenticeship": "work-study",
    "work-study": "work-study",
    "formation continue": "continuing",
    "continue": "continuing",
    "continuing education": "continuing",
    "VAE": "vae",
}
MODES = {
    "présentiel": "onsite",
    "sur place": "onsite",
    "on site": "onsite",
    "onsite": "onsite",
    "à distance": "online",
    "distance": "online",
    "distance learning": "online",
    "online": "online",
    "hybride": "blended",
    "hybrid": "blended",
    "blended": "blended",
}
PLATFORMS = {
    "Parcoursup": "parcoursup",
    "Mon Master": "monmaster",
    "monmaster": "monmaster",
    "eCandidat": "ecandidat",
    "établissement": "institution",
    "formulaire de l'établissement": "institution",
    "institution": "institution",
    "own form": "institution",
}

# What pages and structured data call each kind, once: French message ids, which the
# theme's catalogue translates (theme_i18n.translator; templates: fact_label()).
LABELS = {
    "rhythm": {
        "initial": "Formation initiale",
        "work-study": "Alternance (apprentissage)",
        "continuing": "Formation continue",
        "vae": "VAE (validation des acquis de l’expérience)",
    },
    "teaching_mode": {
        "onsite": "Présentiel",
        "online": "À distance",
        "blended": "Hybride (présentiel et à distance)",
    },
    "platform": {
        "parcoursup": "Parcoursup",
        "monmaster": "Mon Master",
        "ecandidat": "eCandidat",
        "institution": "Formulaire de l’établissement",
    },
}

_rhythm = _choice(RHYTHMS, tr_later("alternance", "work-study"))
teaching_mode = _choice(MODES, tr_later("présentiel", "onsite"))
platform = _choice(PLATFORMS, "Mon Master")


def rhythm(raw) -> list[str]:
    return list(dict.fromkeys(_rhythm(item) for item in _items(raw, split_commas=True)))


def capacity(value: str) -> int:
    match = re.fullmatch(r"(\d+)(\s*places?)?", str(value).strip(), re.IGNORECASE)
    if not match or not 1 <= int(match[1]) <= 10000:
        raise ValueError(tr("un nombre de places, par exemple 24", "a number of places, e.g. 24"))
    return int(match[1])


def sentences(raw) -> list[str]:
    """Items that are sentences: a single line is one item (its commas are its own)."""
    return _items(raw)


def words(raw) -> list[str]:
    """Short items, comma-separated on one line or one per line."""
    return _items(raw, split_commas=True)


# --- Fees -------------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"^(?P<amount>\d{1,3}(?:[ \u00a0\u202f.]?\d{3})*(?:,\d{1,2})?)\s*(?:€|euros?|EUR)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_FREE = re.compile(r"^(?:gratuite?s?|free)\b(?P<rest>.*)$", re.IGNORECASE)


def _covers(rest: str) -> str:
    """ "— droits", ": droits", "(droits)" → "droits"."""
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")"):
        return rest[1:-1].strip()
    return rest.lstrip("—–:,-").strip()


@dataclass(frozen=True)
class Fee:
    amount: Decimal  # 0 when free
    covers: str  # what the amount pays for, or who studies free


def _fee(line: str) -> Fee:
    free = _FREE.match(line)
    if free:
        return Fee(Decimal(0), _covers(free["rest"]))
    match = _AMOUNT.match(line)
    if not match or not _covers(match["rest"]):
        raise ValueError(
            tr(
                "un montant en euros puis ce qu’il couvre, par exemple "
                "« 178 € — droits nationaux d’inscription », ou « gratuit en apprentissage »",
                'an amount in euros then what it covers, e.g. "178 € — national tuition '
                'fees", or "free under apprenticeship"',
            )
        )
    amount = re.sub(r"[ \u00a0\u202f.]", "", match["amount"]).replace(",", ".")
    return Fee(Decimal(amount), _covers(match["rest"]))


def fees(raw) -> list[Fee]:
    return [_fee(line) for line in _items(raw)]


def money(amount: Decimal, lang: str) -> str:
    """ "178 €" in French, "€178" in English; cents only when there are some."""
    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    if amount == amount.to_integral_value():
        pattern = pattern.replace(".00", "")
    return format_currency(amount, "EUR", format=pattern, locale=lang, currency_digits=False)


# --- Languages --------------------------------------------------------------------------------


@cache
def _language_table() -> dict[str, str]:
    """Language names and codes in English and French → code; read from Babel's locale data
    when a programme names its languages (a third of a second and 7 MB at start-up before)."""
    table = {}
    for lang in ("en", "fr"):
        for code, name in Locale(lang).languages.items():
            if "_" not in code:
                table.setdefault(_key(name), code)
                table.setdefault(_key(code), code)
    return table


def languages(raw) -> list[str]:
    codes = []
    for item in words(raw):
        code = _language_table().get(_key(item))
        if code is None:
            raise ValueError(
                tr(
                    f"« {item} » n’est pas une langue connue : des langues séparées par des "
                    "virgules, par exemple « français, anglais » (ou « fr, en »)",
                    f'"{item}" is not a known language: languages separated by commas, '
                    'e.g. "French, English" (or "fr, en")',
                )
            )
        codes.append(code)
    return list(dict.fromkeys(codes))


def language_name(code: str, lang: str) -> str:
    return Locale.parse(lang).languages.get(code, code)


# --- Admission: the platform's phases ---------------------------------------------------------

_PHASE = re.compile(
    r"^(?P<start>\d{4}-\d{2}-\d{2})(?:\s*(?:au|to|→|–|—)\s*(?P<end>\d{4}-\d{2}-\d{2}))?"
    r"\s*[:—–-]?\s*(?P<label>.*)$"
)


@dataclass(frozen=True)
class Phase:
    start: date
    end: date | None
    label: str


def _phase(item) -> Phase:
    if isinstance(item, dict) and len(item) == 1:  # YAML read `- 2027-03-24: fin` as a pair
        ((when, label),) = item.items()
        item = f"{when} {label}"
    match = _PHASE.match(" ".join(str(item).split())) if isinstance(item, str) else None
    if not match or not match["label"]:
        raise ValueError(
            tr(
                "une date AAAA-MM-JJ (ou « AAAA-MM-JJ au AAAA-MM-JJ ») puis l’étape, par "
                "exemple « 2027-02-25 au 2027-03-24 dépôt des candidatures »",
                'a date YYYY-MM-DD (or "YYYY-MM-DD to YYYY-MM-DD") then the step, e.g. '
                '"2027-02-25 to 2027-03-24 applications open"',
            )
        )
    start = iso_date(match["start"])
    end = iso_date(match["end"]) if match["end"] else None
    if end is not None and end < start:
        raise ValueError(
            tr(
                f"une fin après le début ({match['end']} précède {match['start']})",
                f"an end after the start ({match['end']} is before {match['start']})",
            )
        )
    return Phase(start, end, match["label"])


def phases(raw) -> list[Phase]:
    values = raw if isinstance(raw, list) else [raw]
    if not values:
        raise ValueError(tr("au moins une étape", "at least one step"))
    return [_phase(item) for item in values]


# --- Mappings: outcomes and FAQ ---------------------------------------------------------------


def _records(raw, keys: dict[str, str], example: str) -> list[dict[str, str]]:
    """A YAML list of mappings, each key read in French or English (`keys`: written → own)."""
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not all(isinstance(r, dict) for r in raw):
        raise ValueError(
            tr(
                f"une liste YAML (en-tête entre deux lignes « --- »), par exemple {example}",
                f'a YAML list (header between two "---" lines), e.g. {example}',
            )
        )
    table = {_key(written): own for written, own in keys.items()}
    records = []
    for number, record in enumerate(raw, start=1):
        read = {}
        for key, value in record.items():
            own = table.get(_key(key))
            if own is None:
                raise ValueError(
                    tr(
                        f"élément {number} : « {key} » n’est pas prévu ; l’un de : "
                        f"{', '.join(keys)}",
                        f'item {number}: "{key}" is not expected; one of: {", ".join(keys)}',
                    )
                )
            if not isinstance(value, str) or not value.strip():
                raise ValueError(
                    tr(
                        f"élément {number} : « {key} » doit être un texte non vide",
                        f'item {number}: "{key}" must be a non-empty text',
                    )
                )
            read[own] = " ".join(value.split())
        records.append(read)
    return records


def _require(records, needed: dict[str, str]) -> None:
    for number, record in enumerate(records, start=1):
        missing = ", ".join(str(name) for own, name in needed.items() if own not in record)
        if missing:
            raise ValueError(
                tr(
                    f"élément {number} : il manque « {missing} »",
                    f'item {number}: "{missing}" is missing',
                )
            )


@dataclass(frozen=True)
class Outcome:
    kind: str  # "employment" or "study"
    rate: int  # percent
    cohort: int  # graduation year
    source: str
    definition: str


_OUTCOME_KEYS = {
    "rate": "rate",
    "taux": "rate",
    "kind": "kind",
    "type": "kind",
    "cohort": "cohort",
    "promotion": "cohort",
    "source": "source",
    "definition": "definition",
    "définition": "definition",
}
OUTCOME_KINDS = {
    "emploi": "employment",
    "insertion": "employment",
    "employment": "employment",
    "poursuite d'études": "study",
    "poursuite d'etudes": "study",
    "further study": "study",
    "study": "study",
}
_OUTCOME_EXAMPLE = tr_later(
    "« - taux: 87 % / promotion: 2024 / source: InserSup / définition: en emploi salarié "
    "12 mois après le diplôme »",
    '"- rate: 87 % / cohort: 2024 / source: InserSup / definition: employed 12 months after '
    'graduating"',
)


def _outcome(number: int, record: dict[str, str]) -> Outcome:
    def wrong(what):
        return ValueError(tr(f"élément {number} : {what}", f"item {number}: {what}"))

    rate = re.fullmatch(r"(\d{1,3})(?:[.,]\d+)?\s*%?", record["rate"])
    if not rate or int(rate[1]) > 100:
        raise wrong(
            tr(
                "un taux entre 0 et 100 %, par exemple 87 %",
                "a rate from 0 to 100 %, for example 87 %",
            )
        )
    cohort = re.fullmatch(r"(?:\D*)(\d{4})", record["cohort"])
    if not cohort or not 1990 <= int(cohort[1]) <= 2100:
        raise wrong(
            tr(
                "une promotion : l’année du diplôme, par exemple 2024",
                "a cohort: the year of the diploma, for example 2024",
            )
        )
    kind = OUTCOME_KINDS.get(_key(record.get("kind", "emploi")))
    if kind is None:
        raise wrong(
            tr(
                "un type « emploi » ou « poursuite d’études »",
                'a kind "employment" or "further study"',
            )
        )
    return Outcome(kind, int(rate[1]), int(cohort[1]), record["source"], record["definition"])


# The required keys, as an error names them.
_OUTCOME_NAMES = {
    "rate": tr_later("taux", "rate"),
    "cohort": tr_later("promotion", "cohort"),
    "source": tr_later("source", "source"),
    "definition": tr_later("définition", "definition"),
}


def outcomes(raw) -> list[Outcome]:
    records = _records(raw, _OUTCOME_KEYS, _OUTCOME_EXAMPLE)
    _require(records, _OUTCOME_NAMES)
    return [_outcome(number, record) for number, record in enumerate(records, start=1)]


@dataclass(frozen=True)
class Question:
    question: str
    answer: str


_FAQ_KEYS = {
    "question": "question",
    "q": "question",
    "answer": "answer",
    "réponse": "answer",
    "r": "answer",
    "a": "answer",
}


_FAQ_EXAMPLE = tr_later("« - question: … / réponse: … »", '"- question: … / answer: …"')
_FAQ_NAMES = {"question": tr_later("question", "question"), "answer": tr_later("réponse", "answer")}


def faq(raw) -> list[Question]:
    records = _records(raw, _FAQ_KEYS, _FAQ_EXAMPLE)
    _require(records, _FAQ_NAMES)
    return [Question(r["question"], r["answer"]) for r in records]


# --- Accessibility contact --------------------------------------------------------------------

_ADDRESS = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[a-z]{2,}", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    name: str  # who to ask, e.g. "Mission handicap"; may be empty
    email: str


def accessibility(value: str) -> Contact:
    value = text(value)
    found = _ADDRESS.search(value)
    if not found:
        raise ValueError(
            tr(
                "une adresse électronique, précédée du service si vous voulez, par exemple "
                "« Mission handicap — handicap@example.org »",
                'an e-mail address, after the service if you like, e.g. "Disability '
                'office — disability@example.org"',
            )
        )
    name = (value[: found.start()] + value[found.end() :]).strip(" —–-:,()")
    return Contact(name, email(found[0]))


FACT_FIELDS = (
    Field("capacity", capacity, required=False),
    Field("fees", fees, required=False, nested=True),
    Field("rhythm", rhythm, required=False, nested=True),
    Field("teaching_mode", teaching_mode, required=False),
    Field("languages", languages, required=False, nested=True),
    Field("prerequisites", sentences, required=False, nested=True),
    Field("selection", sentences, required=False, nested=True),
    Field("platform", platform, required=False),
    Field("phases", phases, required=False, nested=True),
    Field("outcomes", outcomes, required=False, nested=True),
    Field("jobs", words, required=False, nested=True),
    Field("accessibility", accessibility, required=False),
    Field("faq", faq, required=False, nested=True),
)
PROGRAMME_FIELDS = FIELDS + FACT_FIELDS
