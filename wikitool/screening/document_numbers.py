"""Passport and identity card numbers, found by their label.

Neither has a check digit anyone can test (the machine-readable zone's are not written
out), and their shapes (``C01X00T47``, ``12AB34567``, ``123456789``) are those of many
reference numbers, so a number counts only after its label: "passport number",
"numéro de passeport", "Reisepassnummer", "pasaporte nº", "ID card number",
"Personalausweisnummer", "carte d'identité n°"... in English, French, German, Spanish,
Italian, Portuguese, Dutch, Danish, Swedish, Norwegian, Finnish, Polish, Czech, Slovak,
Hungarian, Romanian, Croatian, Slovenian, Greek, Bulgarian, Estonian, Latvian,
Lithuanian and Icelandic. "Number" may be abbreviated as people do, with or without its
dot ("No.", "nº", "n°", "n.", "Nr", "nro", "n:o", "č.", "#"), or written on to the name
("Paspoortnr.", "Passnr", "Passinro"); Finnish labels take their possessive suffixes
("passin numeroni"). A label may also be the document named, then at most two of its
language's verbs and articles, then "number": "Mein Reisepass hat die Nummer",
"my passport's number", "Můj pas má číslo" (``_TOLD``).

The window: a word of the shape of a document number (6 to 9 ASCII letters and digits
for a passport, 6 to 12 for an ID card, at least two of them digits) counts when a
label ends at most :data:`LABEL_WINDOW` characters before it, in the same sentence and
line, with no other word holding a digit between them. "Passport number: C01X00T47"
and "my passport no. is 123456789" are found; "passport number and the date of issue
(2026-01-01)" is not ("2026" stands between), nor "passport number. Form PR12345" (the
sentence ended).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from wikitool.screening.labels import FirstWords, labels

KIND_PASSPORT = "passport number"
KIND_ID_CARD = "ID card number"

# How far after the end of its label a number may start.
LABEL_WINDOW = 32

# What follows a document's name when "number" does not: "No.", "nº", "n°", "Nr.", the
# Italian "n.", the Finnish "nro" and "n:o", the Spanish "núm."...
_NO = (
    "no", "no.", "nº", "n°", "n.º", "n.°", "n.", "nr", "nr.", "num", "num.", "núm", "núm.",
    "nro", "nro.", "n:o", "#", "č.",
)  # fmt: skip
# Glued to a document's name in the Germanic and Nordic languages: "Passnr.",
# "Paspoortnr", "Reisepass-Nr.", "Passinro".
_GLUED_NO = ("nr", "nr.", "-nr", "-nr.", "nro", "nro.")


def _numbered(*names: str) -> tuple[str, ...]:
    """``names`` followed by each abbreviation of "number"."""
    return tuple(f"{name} {no}" for name in names for no in _NO)


def _glued(*names: str) -> tuple[str, ...]:
    """``names`` with each abbreviation of "number" written on to them."""
    return tuple(f"{name}{no}" for name in names for no in _GLUED_NO)


def _possessive_fi(*phrases: str) -> tuple[str, ...]:
    """Finnish ``phrases`` with the possessive suffixes written on to their last word:
    "passin numeroni" (my passport's number), "passinumerosi" (yours)."""
    return tuple(
        f"{p}{suffix}" for p in phrases for suffix in ("", "ni", "si", "nsa", "mme", "nne")
    )


def _apostrophes(*phrases: str) -> tuple[str, ...]:
    """``phrases`` with a straight and with a typographic apostrophe."""
    return tuple({variant for p in phrases for variant in (p, p.replace("'", "’"))})


_PASSPORT = labels(
    (
        # en
        "passport number",
        "number of my passport",
        "number of your passport",
        *_numbered("passport"),
        # fr
        "numéro de passeport",
        "numero de passeport",
        "numéro du passeport",
        "numéro de mon passeport",
        "numéro de votre passeport",
        "n° de passeport",
        "nº de passeport",
        "no de passeport",
        "no. de passeport",
        *_numbered("passeport"),
        # de, and "passnummer" in sv, no
        "Reisepassnummer",
        "Passnummer",
        "Reisepass-Nummer",
        "Pass-Nummer",
        "Nummer des Reisepasses",
        "Nummer meines Reisepasses",
        "Nummer des Passes",
        "Nr. des Reisepasses",
        "Nr. des Passes",
        *_numbered("Reisepass", "Pass"),
        *_glued("Reisepass", "Pass"),
        # es
        "número de pasaporte",
        "numero de pasaporte",
        "número del pasaporte",
        "número de mi pasaporte",
        "número de su pasaporte",
        "nº de pasaporte",
        "n° de pasaporte",
        "no. de pasaporte",
        "núm. de pasaporte",
        *_numbered("pasaporte"),
        # it
        "numero di passaporto",
        "numero del passaporto",
        "numero del mio passaporto",
        "numero del suo passaporto",
        "n. passaporto",
        "n. di passaporto",
        "n° passaporto",
        "nr. passaporto",
        *_numbered("passaporto"),
        # pt
        "número do passaporte",
        "numero do passaporte",
        "nº do passaporte",
        "n.º do passaporte",
        "nº passaporte",
        "número do meu passaporte",
        "número do seu passaporte",
        *_numbered("passaporte"),
        # nl
        "paspoortnummer",
        "nummer van het paspoort",
        "nummer van uw paspoort",
        "nummer van mijn paspoort",
        "nummer van je paspoort",
        *_numbered("paspoort"),
        *_glued("paspoort"),
        # da, sv, no
        "pasnummer",
        "pasnummeret",
        "passnummeret",
        "passnumret",
        "passets nummer",
        "pasets nummer",
        *_numbered("pas", "pass"),
        *_glued("pas", "pass"),
        # fi
        *_possessive_fi(
            "passin numero",
            "passinumero",
            "passini numero",
            "passisi numero",
            "passin nro",
            "passi nro",
            "passinro",
        ),
        *_numbered("passi", "passin"),
        *_glued("passi"),
        # pl
        "numer paszportu",
        "nr paszportu",
        "nr. paszportu",
        "numer mojego paszportu",
        "numer twojego paszportu",
        *_numbered("paszport"),
        # cs, sk
        "číslo pasu",
        "číslo cestovního pasu",
        "číslo cestovného pasu",
        "číslo mého pasu",
        "číslo môjho pasu",
        "číslo vašeho pasu",
        "č. pasu",
        "č. cestovního pasu",
        *_numbered("cestovní pas"),
        # hu
        "útlevélszám",
        "útlevél száma",
        "útlevélszáma",
        # ro
        "numărul pașaportului",
        "număr pașaport",
        "numărul de pașaport",
        "numarul pasaportului",
        "numar pasaport",
        # hr
        "broj putovnice",
        "broj pasoša",
        # sl
        "številka potnega lista",
        # el
        "αριθμός διαβατηρίου",
        "αριθμό διαβατηρίου",
        # bg
        "номер на паспорт",
        "номер на паспорта",
        # et, lv, lt, is
        "passi number",
        "passi nr.",
        "pases numurs",
        "paso numeris",
        "vegabréfsnúmer",
    )
)
_ID_CARD = labels(
    (
        # en
        "ID card number",
        "identity card number",
        "national identity card number",
        "national ID card number",
        *_numbered("ID card", "identity card"),
        # fr
        *_apostrophes(
            "numéro de carte d'identité",
            "numéro de la carte d'identité",
            "numéro de carte nationale d'identité",
            "numéro de ma carte d'identité",
            "numéro de votre carte d'identité",
            "numero de carte d'identite",
            *_numbered("carte d'identité", "carte nationale d'identité"),
        ),
        "numéro CNI",
        "n° CNI",
        # de
        "Personalausweisnummer",
        "Ausweisnummer",
        "Personalausweis-Nummer",
        "Identitätskartennummer",
        *_numbered("Personalausweis", "Ausweis"),
        *_glued("Personalausweis", "Ausweis"),
        # es
        "número de documento de identidad",
        "número del documento de identidad",
        "número de tarjeta de identidad",
        "número de carné de identidad",
        "número de carnet de identidad",
        "número de cédula de identidad",
        "número de cédula",
        # it
        *_apostrophes(
            "numero della carta d'identità",
            "numero di carta d'identità",
            "numero carta d'identità",
            *_numbered("carta d'identità"),
        ),
        "numero della carta di identità",
        *_numbered("carta di identità"),
        # pt
        "número do cartão de cidadão",
        "número do bilhete de identidade",
        "número do BI",
        "número do RG",
        "número da carteira de identidade",
        # nl
        "identiteitskaartnummer",
        "nummer van de identiteitskaart",
        "nummer van uw identiteitskaart",
        "nummer van mijn identiteitskaart",
        "ID-kaartnummer",
        *_numbered("identiteitskaart", "ID-kaart"),
        *_glued("identiteitskaart", "ID-kaart"),
        # da, sv, no
        "ID-kortnummer",
        "ID-kortsnummer",
        "ID-kort nummer",
        "legitimationskortnummer",
        *_numbered("ID-kort"),
        *_glued("ID-kort"),
        # fi
        *_possessive_fi("henkilökortin numero", "henkilökortin nro", "henkilökorttini numero"),
        # pl
        "numer dowodu osobistego",
        "nr dowodu osobistego",
        "numer dowodu",
        "nr dowodu",
        *_numbered("dowód osobisty"),
        # cs, sk
        "číslo občanského průkazu",
        "číslo OP",
        "číslo občianskeho preukazu",
        # hu
        "személyi igazolvány száma",
        "személyi igazolvány szám",
        "személyi igazolványszám",
        # ro
        "numărul cărții de identitate",
        "număr carte de identitate",
        "seria și numărul cărții de identitate",
        "numarul cartii de identitate",
        # hr, sl
        "broj osobne iskaznice",
        "številka osebne izkaznice",
        # el
        "αριθμός ταυτότητας",
        "αριθμός δελτίου ταυτότητας",
        "αριθμό ταυτότητας",
        # bg
        "номер на лична карта",
        "номер на личната карта",
        # et, lv, lt, is
        "ID-kaardi number",
        "ID kartes numurs",
        "personas apliecības numurs",
        "asmens tapatybės kortelės numeris",
        "nafnskírteinisnúmer",
        "númer nafnskírteinis",
    )
)


@dataclass(frozen=True)
class _Told:
    """How one language says a document "has the number": its names for a passport
    and an ID card, the words that may stand between the name and "number" (verbs,
    articles, "with"), and its words for "number"."""

    passport: tuple[str, ...]
    id_card: tuple[str, ...]
    between: tuple[str, ...]
    number: tuple[str, ...]


# "Mein Reisepass hat die Nummer C01X00T47", "my passport's number is 123456789", "Můj
# pas má číslo 40000000": a document's name, at most two of its language's verbs and
# articles, then "number". Per language, so that one language's name never pairs with
# another's words ("pas" is French for "not"; "on" is Finnish for "is").
_TOLD = (
    _Told(
        ("passport",),
        ("ID card", "identity card"),
        ("has", "had", "bears", "shows", "carries", "with", "the", "its", "is", "was"),
        # Not a bare "no": "your passport is no longer needed".
        ("number", "no.", "nr.", "#"),
    ),
    _Told(
        ("passeport",),
        _apostrophes("carte d'identité", "carte nationale d'identité"),
        ("a", "avait", "porte", "portait", "avec", "le", "est", "était"),
        ("numéro", "numero", "n°", "nº"),
    ),
    _Told(
        ("Reisepass", "Pass"),
        ("Personalausweis", "Ausweis"),
        ("hat", "hatte", "trägt", "mit", "die", "der", "ist", "war"),
        ("Nummer", "Nr."),
    ),
    _Told(
        ("pasaporte",),
        ("documento de identidad", "tarjeta de identidad", "carné de identidad"),
        ("tiene", "tenía", "lleva", "con", "el", "es", "era"),
        ("número", "numero", "nº", "n.º", "núm."),
    ),
    _Told(
        ("passaporto",),
        (*_apostrophes("carta d'identità"), "carta di identità"),
        ("ha", "aveva", "porta", "con", "il", "è", "era"),
        ("numero", "n.", "n°", "nr."),
    ),
    _Told(
        ("passaporte",),
        ("cartão de cidadão", "bilhete de identidade", "carteira de identidade"),
        ("tem", "tinha", "leva", "com", "o", "é", "era"),
        ("número", "numero", "nº", "n.º"),
    ),
    _Told(
        ("paspoort",),
        ("identiteitskaart", "ID-kaart"),
        ("heeft", "had", "draagt", "met", "het", "is", "was"),
        ("nummer", "nr."),
    ),
    _Told(
        ("pas", "pass", "passet"),
        ("ID-kort", "ID-kortet"),
        ("har", "havde", "hade", "hadde", "med", "er", "är", "var", "det", "den"),
        ("nummer", "nummeret", "numret", "nr."),
    ),
    _Told(
        ("passi", "passini", "passissa", "passissani"),
        ("henkilökortti", "henkilökorttini", "henkilökortissa", "henkilökortissani"),
        ("on", "oli"),
        ("numero", "nro", "n:o"),
    ),
    _Told(
        ("paszport",),
        ("dowód osobisty", "dowód"),
        ("ma", "miał", "jest", "z"),
        ("numer", "nr"),
    ),
    _Told(
        ("pas", "cestovní pas"),
        ("občanský průkaz", "občanka"),
        ("má", "měl", "je", "s"),
        ("číslo", "č."),
    ),
)


def _words(words: tuple[str, ...]) -> str:
    """Any of ``words``, each standing whole; a space stands for one or two spaces."""
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s{1,2}") for w in words), key=len)
    return "(?:" + "|".join(reversed(escaped)) + r")(?!\w)"


def _told(kind: str) -> str:
    """Every language's "<document> <verb> <article> number", for one kind of document."""
    phrases = []
    for told in _TOLD:
        names = told.passport if kind == KIND_PASSPORT else told.id_card
        phrases.append(
            _words(names)
            + r"(?:['’]s)?"
            + r"(?:\s{1,2}"
            + _words(told.between)
            + r"){0,2}\s{1,2}"
            + _words(told.number)
        )
    return "|".join(phrases)


_TOLD_FIRST_WORDS = labels(
    name for told in _TOLD for name in (*told.passport, *told.id_card)
).first_words
# Both kinds in one pattern; the group that matched says which.
_LABEL_RE = re.compile(
    rf"(?<!\w)(?:(?P<passport>{_PASSPORT.alternation}|{_told(KIND_PASSPORT)})"
    rf"|(?P<id_card>{_ID_CARD.alternation}|{_told(KIND_ID_CARD)}))(?!\w)",
    re.IGNORECASE,
)
_FIRST_WORDS = FirstWords(_PASSPORT.first_words | _ID_CARD.first_words | _TOLD_FIRST_WORDS)
# A sentence ends at ". ", "! ", "? " or a line's end.
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)|\n")
_WORD_WITH_DIGIT_RE = re.compile(r"[A-Za-z]*[0-9]", re.ASCII)
# A document number: 6 to 9 (a passport's) or 12 (an ID card's: the old French carte
# d'identité has 12 digits) ASCII letters and digits, at least two of them digits.
_SHAPES = {KIND_PASSPORT: (6, 9), KIND_ID_CARD: (6, 12)}
_LONGEST = max(high for _, high in _SHAPES.values())
# A whole word (ASCII letters and digits, nothing of them on either side) of 6 to
# _LONGEST characters, two of them digits. Possessive, so linear; the lookbehind keeps
# it from starting inside a word.
_CANDIDATE_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?=(?:[A-Za-z]*+[0-9]){{2}})[A-Za-z0-9]{{6,{_LONGEST}}}+(?![A-Za-z0-9])",
    re.ASCII,
)
# The longest label (a test holds every label to it): how far before a number to look.
MAX_LABEL_LENGTH = 64


def document_numbers(text: str) -> Iterator[tuple[str, int, int]]:
    """``(kind, start, end)`` of each passport or ID card number after its label: a word
    of the shape of one, when a label ends within :data:`LABEL_WINDOW` characters before
    it, in the same sentence, with no other word holding a digit between them."""
    # Only words of a number's shape that follow the first word of some label closely
    # enough are candidates; most texts have none. Each is judged once, and every step
    # reads a bounded stretch of text, so the cost stays linear in the text's length.
    judged: dict[int, tuple[str, int, int] | None] = {}
    reach = MAX_LABEL_LENGTH + LABEL_WINDOW
    for label_start in _FIRST_WORDS.starts(text):
        # A candidate starts within reach and ends within its longest shape after that.
        limit = min(len(text), label_start + reach + _LONGEST + 1)
        for match in _CANDIDATE_RE.finditer(text, label_start, limit):
            if match.start() > label_start + reach:
                break
            if match.start() not in judged:
                judged[match.start()] = _document_number(text, match.start(), match.end())
    for start in sorted(judged):
        number = judged[start]
        if number is not None:
            yield number


def _document_number(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The document number that the word ``text[start:end]`` (of a number's shape) is,
    if a label makes it one."""
    kind = _labelled_kind(text, start)
    if kind is None:
        return None
    low, high = _SHAPES[kind]
    return (kind, start, end) if low <= end - start <= high else None


def _labelled_kind(text: str, start: int) -> str | None:
    """The kind of the label that makes the word at ``start`` a document number, if any."""
    kind = None
    region = max(0, start - LABEL_WINDOW - MAX_LABEL_LENGTH)
    for label in _LABEL_RE.finditer(text, region, start):
        if label.end() + LABEL_WINDOW < start:
            continue
        between = (label.end(), start)
        if _SENTENCE_END_RE.search(text, *between) or _WORD_WITH_DIGIT_RE.search(text, *between):
            continue
        # The nearest label names the number.
        kind = KIND_PASSPORT if label.group("passport") is not None else KIND_ID_CARD
    return kind
