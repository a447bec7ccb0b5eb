"""The national identity numbers the personal-data scanner knows: where, what shape, which check.

Drawn from python-stdnum's modules for the EU, the EEA (IS, LI, NO), the United Kingdom,
Switzerland, the United States, Canada, Australia, New Zealand and Brazil: every module
whose number names a person (national ID, social security or insurance, personal tax,
birth, health or pupil number). Company, VAT, bank, postal and product numbers are
left out, and so are three that are unions of schemes here (es.nif: a person's is a DNI
or NIE; us.tin: an SSN, ITIN or ATIN; be.nn and be.bis: be.ssn takes both) and the Dutch
passport and ID card number (nl.identiteitskaartnummer, no check), which
:mod:`wikitool.screening.document_numbers` finds by its label like every other. Where
python-stdnum has no personal scheme for a country (Cyprus, Hungary, Luxembourg, Malta),
none is looked for. Two schemes python-stdnum lacks are checked
here by their issuers' published rules: the UK National Insurance number (HMRC) and the
German pension insurance number (Deutsche Rentenversicherung).

A number is only reported when its shape matches and its check passes. How sure that
is depends on the scheme, so each is looked for in one of two ways:

- **bare**: anywhere, when its check is strong (two check digits, or a check digit and
  an embedded birth date, which a random number passes about one time in a hundred or
  less) or its written form is the scheme's own (``756.9217.0769.85``,
  ``710319/2745``, ``AB 12 34 56 C``);
- **label**: only when a label (``CPR``, ``Sozialversicherungsnummer``, ``TFN``...) in
  the scheme's own language or English ends within :data:`CONTEXT_WINDOW` characters
  before the number, when its check is weak (one check digit passes one number in ten
  or eleven) or absent (a Danish CPR number since 2007, a German Steuernummer, a
  Finnish veronumero, a Liechtenstein PEID, a US ATIN or PTIN): there the label says
  what the number is.

| country | scheme (python-stdnum) | found |
| --- | --- | --- |
| Austria | Sozialversicherungsnummer (at.vnr), Abgabenkontonummer (at.tin) | label |
| Belgium | national number and BIS number (be.ssn) | bare |
| Belgium | eID card number (be.eid) | bare as ``591-1917064-58``, else label |
| Brazil | CPF (br.cpf) | bare |
| Bulgaria | EGN (bg.egn), foreigner's number LNCh (bg.pnf) | label |
| Canada | SIN (ca.sin), BC personal health number (ca.bc_phn) | label |
| Croatia | OIB (hr.oib) | label |
| Czechia, Slovakia | rodné číslo (cz.rc, sk.rc: one number) | bare as ``710319/2745``, else label |
| Denmark | CPR (dk.cpr) | label |
| Estonia | isikukood (ee.ik) | label |
| Finland | henkilötunnus (fi.hetu) | bare |
| Finland | veronumero (fi.veronumero) | label |
| France | NIR (fr.nir), NIF (fr.nif) | bare |
| Germany | Steuer-ID (de.idnr), Steuernummer (de.stnr) | label |
| Germany | Rentenversicherungsnummer (Deutsche Rentenversicherung's rule) | bare |
| Greece | AMKA (gr.amka), AFM (gr.vat, also a person's tax number) | label |
| Iceland | kennitala (is_.kennitala), a person's | label |
| Ireland | PPS number (ie.pps) | bare |
| Italy | codice fiscale (it.codicefiscale) | bare |
| Latvia | personas kods (lv.pvn, a person's) | label |
| Liechtenstein | PEID (li.peid) | label |
| Lithuania | asmens kodas (lt.asmens) | label |
| Netherlands | BSN (nl.bsn), onderwijsnummer (nl.onderwijsnummer) | label |
| New Zealand | IRD number (nz.ird) | label |
| Norway | fødselsnummer (no.fodselsnummer) | bare |
| Poland | PESEL (pl.pesel) | label |
| Portugal | Cartão de Cidadão (pt.cc) | bare |
| Portugal | NIF, a person's (pt.nif) | label |
| Romania | CNP (ro.cnp) | bare |
| Slovenia | EMŠO (si.emso) | bare |
| Spain | DNI (es.dni), NIE (es.nie) | bare |
| Sweden | personnummer (se.personnummer) | bare |
| Switzerland | AHV number (ch.ssn) | bare |
| United Kingdom | NHS number (gb.nhs), UTR (gb.utr), UPN (gb.upn) | label |
| United Kingdom | National Insurance (HMRC's rules) | bare as ``AB 12 34 56 C``, else label |
| United States | SSN (us.ssn), ITIN (us.itin) | bare as ``536-90-4399``, else label |
| United States | ATIN (us.atin), PTIN (us.ptin) | label |
| Australia | TFN (au.tfn) | label |

Every pattern here is what :func:`wikitool.screening.identifiers.find_id_numbers`
expects of a scheme (see its limits there): a number holds at least six digits, and
the patterns are plain sequences and alternatives with bounded repeats, linear in the
length of the text. The labelled schemes come first: when a labelled and a bare scheme
claim the same span, the label names it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.at import tin as at_tin
from stdnum.at import vnr as at_vnr
from stdnum.au import tfn as au_tfn
from stdnum.be import eid as be_eid
from stdnum.be import ssn as be_ssn
from stdnum.bg import egn as bg_egn
from stdnum.bg import pnf as bg_pnf
from stdnum.br import cpf as br_cpf
from stdnum.ca import bc_phn as ca_bc_phn
from stdnum.ca import sin as ca_sin
from stdnum.ch import ssn as ch_ssn
from stdnum.cz import rc as cz_rc
from stdnum.de import idnr as de_idnr
from stdnum.de import stnr as de_stnr
from stdnum.dk import cpr as dk_cpr
from stdnum.ee import ik as ee_ik
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fi import hetu as fi_hetu
from stdnum.fi import veronumero as fi_veronumero
from stdnum.fr import nif as fr_nif
from stdnum.fr import nir as fr_nir
from stdnum.gb import nhs as gb_nhs
from stdnum.gb import upn as gb_upn
from stdnum.gb import utr as gb_utr
from stdnum.gr import amka as gr_amka
from stdnum.gr import vat as gr_vat
from stdnum.hr import oib as hr_oib
from stdnum.ie import pps as ie_pps
from stdnum.is_ import kennitala as is_kennitala
from stdnum.it import codicefiscale as it_codicefiscale
from stdnum.li import peid as li_peid
from stdnum.lt import asmens as lt_asmens
from stdnum.lv import pvn as lv_pvn
from stdnum.nl import bsn as nl_bsn
from stdnum.nl import onderwijsnummer as nl_onderwijsnummer
from stdnum.no import fodselsnummer as no_fodselsnummer
from stdnum.nz import ird as nz_ird
from stdnum.pl import pesel as pl_pesel
from stdnum.pt import cc as pt_cc
from stdnum.pt import nif as pt_nif
from stdnum.ro import cnp as ro_cnp
from stdnum.se import personnummer as se_personnummer
from stdnum.si import emso as si_emso
from stdnum.us import atin as us_atin
from stdnum.us import itin as us_itin
from stdnum.us import ptin as us_ptin
from stdnum.us import ssn as us_ssn

from wikitool.screening.labels import Labels, labels

# A number must stand alone: not glued to a word, nor part of a longer dotted, dashed or
# slashed number such as a date or a case reference ("REF-2026-004512").
_BEFORE = r"(?<![\w.\-/])"
_AFTER = r"(?![\w]|[.\-/]\w)"
# How far before a number its label ("BSN", "NHS number") may stand: the label must end
# within this many characters before the number's first character.
CONTEXT_WINDOW = 48


@dataclass(frozen=True)
class IdScheme:
    """One national identity number scheme: where it is used, its shape, its checksum."""

    country: str
    pattern: re.Pattern[str]
    is_valid: Callable[[str], bool]
    context: re.Pattern[str] | None = None
    # The labels ``context`` matches, when the scheme asks for one.
    labels: Labels | None = None
    # Set when a number is one whole word of exactly this many ASCII letters and digits
    # that need not hold any digit (the codice fiscale): find_id_numbers then looks for it
    # word by word rather than around runs of digits.
    word_length: int | None = None


def _shape(body: str, flags: int = 0) -> re.Pattern[str]:
    # ASCII: stdnum expects the digits 0-9, not every Unicode decimal digit.
    return re.compile(_BEFORE + "(?:" + body + ")" + _AFTER, flags | re.ASCII)


_SEPARATORS_RE = re.compile(r"[ .\-/]")


def _compact(is_valid: Callable[[str], bool]) -> Callable[[str], bool]:
    """``is_valid`` on the value without the spaces, dots, dashes and slashes the
    patterns allow, for validators that only strip some of them."""
    return lambda value: bool(is_valid(_SEPARATORS_RE.sub("", value)))


def _us_ssn_is_valid(number: str) -> bool:
    # stdnum adds the area/group/serial rules and refuses the numbers known to be
    # published (078-05-1120 and others).
    return bool(us_ssn.is_valid(_SEPARATORS_RE.sub("", number)))


# HMRC's rules for a National Insurance number (National Insurance Manual, NIM39110):
# the first letter is not D, F, I, Q, U or V; the second not D, F, I, O, Q, U or V;
# these prefixes are never issued; the suffix is A to D.
_NINO_RE = re.compile(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]", re.ASCII)
_NINO_UNISSUED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def _nino_is_valid(number: str) -> bool:
    compact = _SEPARATORS_RE.sub("", number).upper()
    return bool(_NINO_RE.fullmatch(compact)) and compact[:2] not in _NINO_UNISSUED


# The German pension insurance number (Rentenversicherungsnummer, the
# Sozialversicherungsnummer people are given): area (02 to 89), birth date DDMMYY, the
# initial of the birth name, a serial, and a check digit. The letter becomes its two-digit
# place in the alphabet; the twelve digits are weighted 2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1;
# the sum of the products' digit sums, modulo 10, is the check digit (Deutsche
# Rentenversicherung's rule).
_RVNR_RE = re.compile(r"(\d{2})(\d{2})(\d{2})\d{2}([A-Z])(\d{2})(\d)", re.ASCII)
_RVNR_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def _rvnr_is_valid(number: str) -> bool:
    match = _RVNR_RE.fullmatch(_SEPARATORS_RE.sub("", number).upper())
    if match is None:
        return False
    area, day, month, letter, _, check = match.groups()
    if not (2 <= int(area) <= 89 and 1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return False
    compact = match.group()
    digits = compact[:8] + f"{ord(letter) - ord('A') + 1:02d}" + compact[9:11]
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, _RVNR_WEIGHTS, strict=True))
    return total % 10 == int(check)


_NINO_LETTERS = r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
_SOCIAL_SECURITY_EN = ("social security number", "social security no.", "social security #")
_TAX_NUMBER_EN = (
    "tax number",
    "tax no.",
    "personal tax number",
    "tax identification number",
    "tax ID number",
    "taxpayer number",
    "tax payer number",
)
_PERSONAL_CODE_EN = ("personal code", "personal identification code")
_ST_NR = ("St.-Nr.", "St.-Nr", "St.Nr.", "St. Nr.", "St-Nr", "StNr")


def _labelled(
    country: str,
    pattern: re.Pattern[str],
    is_valid: Callable[[str], bool],
    phrases: tuple[str, ...],
    acronyms: tuple[str, ...] = (),
) -> IdScheme:
    found = labels(phrases, acronyms)
    return IdScheme(country, pattern, is_valid, found.pattern(), labels=found)


# Labelled schemes first: see the module docstring.
_LABELLED: tuple[IdScheme, ...] = (
    _labelled(
        "Netherlands",
        _shape(r"\d{4}\.\d{2}\.\d{3}|\d{3} ?\d{3} ?\d{3}"),
        nl_bsn.is_valid,
        ("BSN", "burgerservicenummer", "sofinummer", "sofi-nummer", "citizen service number"),
    ),
    _labelled(
        "Netherlands",
        _shape(r"10\d{2}\.\d{2}\.\d{3}|10\d ?\d{3} ?\d{3}"),
        _compact(nl_onderwijsnummer.is_valid),
        ("onderwijsnummer", "education number"),
    ),
    _labelled("United Kingdom", _shape(r"\d{3}[ -]?\d{3}[ -]?\d{4}"), gb_nhs.is_valid, ("NHS",)),
    _labelled(
        "United Kingdom",
        _shape(r"\d{5} ?\d{5}K?", re.IGNORECASE),
        _compact(gb_utr.is_valid),
        (
            "UTR",
            "unique taxpayer reference",
            "unique tax payer reference",
            "taxpayer reference",
            "tax payer reference",
        ),
    ),
    _labelled(
        "United Kingdom",
        _shape(r"[A-Z]\d{12}", re.IGNORECASE),
        lambda value: bool(gb_upn.is_valid(value.upper())),
        ("UPN", "unique pupil number", "pupil number"),
    ),
    _labelled(
        "United Kingdom",
        _shape(_NINO_LETTERS + r"\d{6}[A-D]", re.IGNORECASE),
        _nino_is_valid,
        ("national insurance", "NINO", "NI number", "NI no.", "NI no"),
        ("NIN",),
    ),
    _labelled("Poland", _shape(r"\d{11}"), pl_pesel.is_valid, ("PESEL",)),
    _labelled(
        "Germany",
        _shape(r"\d{2} ?\d{3} ?\d{3} ?\d{3}"),
        de_idnr.is_valid,
        (
            "Steuer-ID",
            "SteuerID",
            "Steuer-Identifikationsnummer",
            "Steueridentifikationsnummer",
            "steuerliche Identifikationsnummer",
            "IdNr",
            "tax ID",
        ),
    ),
    _labelled(
        "Germany",
        _shape(r"\d{2,4}/\d{3,4}/\d{4,5}(?: ?\d)?|\d{10,13}"),
        _compact(de_stnr.is_valid),
        # No check digit is tested: German labels only, not the generic "tax number".
        ("Steuernummer", *_ST_NR),
    ),
    _labelled(
        "Austria",
        _shape(r"\d{4} ?\d{6}"),
        _compact(at_vnr.is_valid),
        (
            "SVNR",
            "VSNR",
            "SV-Nr.",
            "SV-Nummer",
            "Sozialversicherungsnummer",
            "Versicherungsnummer",
            *_SOCIAL_SECURITY_EN,
        ),
    ),
    _labelled(
        "Austria",
        _shape(r"\d{2}[- ]?\d{3}/?\d{4}"),
        _compact(at_tin.is_valid),
        ("Abgabenkontonummer", "Steuernummer", *_ST_NR, *_TAX_NUMBER_EN),
    ),
    _labelled(
        "Denmark",
        _shape(r"[0-3]\d[01]\d{3}-?\d{4}"),
        _compact(dk_cpr.is_valid),
        ("CPR", "CPR-nummer", "CPR-nr.", "CPR nr.", "personnummer", "civil registration number"),
    ),
    _labelled(
        "Iceland",
        _shape(r"[0-3]\d{5}-?\d{4}"),
        _compact(is_kennitala.is_valid),
        (
            "kennitala",
            "kennitalan",
            "kennitölu",
            "kennitöluna",
            "kennitölur",
            "kt.",
            "identity number",
            "ID number",
        ),
    ),
    _labelled(
        "Estonia",
        _shape(r"[1-6]\d{10}"),
        ee_ik.is_valid,
        ("isikukood", "isikukoodi", "ID code", *_PERSONAL_CODE_EN),
        ("IK",),
    ),
    _labelled(
        "Lithuania",
        _shape(r"[1-6]\d{10}"),
        lt_asmens.is_valid,
        ("asmens kodas", "asmens kodą", "asmens kodo", *_PERSONAL_CODE_EN),
        ("AK",),
    ),
    _labelled(
        "Latvia",
        # A person's code: an old one starts with the birth date, a new one with "32";
        # a code starting with 4 to 9 is a company's.
        _shape(r"[0-3]\d{5}-?\d{5}"),
        _compact(lv_pvn.is_valid),
        ("personas kods", "personas kodu", "personas koda", "p.k.", *_PERSONAL_CODE_EN),
    ),
    _labelled(
        "Bulgaria",
        _shape(r"\d{6} ?\d{3} ?\d"),
        _compact(bg_egn.is_valid),
        ("ЕГН", "EGN", "единен граждански номер", "personal number", "personal identity number"),
    ),
    _labelled(
        "Bulgaria",
        _shape(r"\d{4} ?\d{3} ?\d{3}"),
        _compact(bg_pnf.is_valid),
        ("ЛНЧ", "LNCh", "LNC", "PNF", "личен номер на чужденец", "personal number of a foreigner"),
    ),
    _labelled(
        "Croatia",
        _shape(r"(?:HR ?)?\d{11}"),
        hr_oib.is_valid,
        ("OIB", "osobni identifikacijski broj", "personal identification number"),
    ),
    _labelled(
        "Greece",
        _shape(r"\d{11}"),
        gr_amka.is_valid,
        ("AMKA", "ΑΜΚΑ", "Α.Μ.Κ.Α.", *_SOCIAL_SECURITY_EN),
    ),
    _labelled(
        "Greece",
        _shape(r"\d{9}"),
        gr_vat.is_valid,
        ("ΑΦΜ", "Α.Φ.Μ.", *_TAX_NUMBER_EN),
        ("AFM",),
    ),
    _labelled(
        "Portugal",
        # A person's NIF starts with 1, 2 or 3 (45: a non-resident person).
        _shape(r"[123]\d{2} ?\d{3} ?\d{3}|45\d{7}"),
        _compact(pt_nif.is_valid),
        (
            "contribuinte",
            "nº de contribuinte",
            "n.º de contribuinte",
            "número de contribuinte",
            "número de identificação fiscal",
            *_TAX_NUMBER_EN,
        ),
        ("NIF",),
    ),
    _labelled(
        "Czech Republic or Slovakia",
        _shape(r"\d{9,10}"),
        cz_rc.is_valid,
        ("rodné číslo", "rodného čísla", "rodnému číslu", "RČ", "birth number", "personal number"),
    ),
    _labelled(
        "Finland",
        _shape(r"\d{12}"),
        fi_veronumero.is_valid,
        ("veronumero", "veronumeron", "skattenummer", "individual tax number"),
    ),
    _labelled(
        "Liechtenstein",
        _shape(r"\d{7,12}"),
        li_peid.is_valid,
        ("PEID", "Personenidentifikationsnummer", "Personen-Identifikationsnummer"),
    ),
    _labelled(
        "Canada",
        _shape(r"\d{3}[ -]?\d{3}[ -]?\d{3}"),
        _compact(ca_sin.is_valid),
        (
            "social insurance number",
            "social insurance no.",
            "numéro d'assurance sociale",
            "numéro d’assurance sociale",
        ),
        ("SIN", "NAS"),
    ),
    _labelled(
        "Canada",
        _shape(r"9\d{3} ?\d{3} ?\d{3}"),
        _compact(ca_bc_phn.is_valid),
        ("PHN", "personal health number", "health number"),
    ),
    _labelled(
        "Australia",
        _shape(r"\d{3} ?\d{3} ?\d{2,3}"),
        _compact(au_tfn.is_valid),
        ("TFN", "tax file number"),
    ),
    _labelled(
        "New Zealand",
        _shape(r"\d{2,3}[- ]?\d{3}[- ]?\d{3}"),
        _compact(nz_ird.is_valid),
        ("IRD", "IRD number", "inland revenue number", "inland revenue no."),
    ),
    _labelled(
        "United States",
        _shape(r"\d{9}|\d{3} \d{2} \d{4}"),
        _us_ssn_is_valid,
        ("SSN", *_SOCIAL_SECURITY_EN),
    ),
    _labelled(
        "United States",
        _shape(r"9\d{8}|9\d{2} \d{2} \d{4}"),
        _compact(us_itin.is_valid),
        ("ITIN", "individual taxpayer identification number"),
    ),
    _labelled(
        "United States",
        _shape(r"9\d{2}-?93-?\d{4}"),
        _compact(us_atin.is_valid),
        ("ATIN", "adoption taxpayer identification number"),
    ),
    _labelled(
        "United States",
        _shape(r"P-?\d{8}", re.IGNORECASE),
        lambda value: bool(us_ptin.is_valid(value.upper())),
        ("PTIN", "preparer tax identification number"),
    ),
    _labelled(
        "Belgium",
        _shape(r"\d{12}"),
        be_eid.is_valid,
        (
            "eID",
            "carte d'identité",
            "carte d’identité",
            "identiteitskaart",
            "Personalausweis",
            "identity card",
            "ID card",
            "card number",
            "kaartnummer",
            "numéro de carte",
        ),
    ),
)

_BARE: tuple[IdScheme, ...] = (
    IdScheme("Spain", _shape(r"\d{8}-?[A-HJ-NP-TV-Z]", re.IGNORECASE), es_dni.is_valid),
    IdScheme("Spain", _shape(r"[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z]", re.IGNORECASE), es_nie.is_valid),
    IdScheme(
        "France",
        _shape(r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}"),
        fr_nir.is_valid,
    ),
    IdScheme(
        "Italy",
        _shape(
            r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
            r"[A-Z][0-9LMNPQRSTUV]{3}[A-Z]",
            re.IGNORECASE,
        ),
        it_codicefiscale.is_valid,
        word_length=16,
    ),
    # The national number and the BIS number share one shape; be.ssn takes either.
    IdScheme(
        "Belgium", _shape(r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}"), _compact(be_ssn.is_valid)
    ),
    IdScheme("Sweden", _shape(r"(?:\d{2})?\d{6}[-+]\d{4}"), se_personnummer.is_valid),
    IdScheme("Finland", _shape(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]"), fi_hetu.is_valid),
    IdScheme("United States", _shape(r"\d{3}-\d{2}-\d{4}"), _us_ssn_is_valid),
    IdScheme("United States", _shape(r"9\d{2}-\d{2}-\d{4}"), _compact(us_itin.is_valid)),
    IdScheme("Ireland", _shape(r"\d{7}[A-W][ABWTXZ]?"), ie_pps.is_valid),
    IdScheme(
        "France",
        # A person's tax number: 13 digits, the first 0 to 3, three check digits.
        _shape(r"[0-3]\d ?\d{2} ?\d{3} ?\d{3} ?\d{3}"),
        _compact(fr_nif.is_valid),
    ),
    # Two check digits and a birth date (D- and H-numbers add 40 to the day or month).
    IdScheme("Norway", _shape(r"[0-7]\d{5} ?\d{5}"), _compact(no_fodselsnummer.is_valid)),
    IdScheme("Switzerland", _shape(r"756\.?\d{4}\.?\d{4}\.?\d{2}"), ch_ssn.is_valid),
    IdScheme("Romania", _shape(r"[1-9]\d{12}"), ro_cnp.is_valid),
    IdScheme("Slovenia", _shape(r"[0-3]\d[01]\d{10}"), si_emso.is_valid),
    IdScheme("Brazil", _shape(r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}"), br_cpf.is_valid),
    IdScheme("Portugal", _shape(r"\d{8} ?\d ?[A-Z]{2}\d", re.IGNORECASE), _compact(pt_cc.is_valid)),
    IdScheme("Czech Republic or Slovakia", _shape(r"\d{6}/\d{3,4}"), cz_rc.is_valid),
    IdScheme(
        "United Kingdom",
        _shape(_NINO_LETTERS + r" \d{2} \d{2} \d{2} [A-D]", re.IGNORECASE),
        _nino_is_valid,
    ),
    IdScheme("Belgium", _shape(r"\d{3}-\d{7}-\d{2}"), be_eid.is_valid),
    IdScheme("Germany", _shape(r"\d{2} ?\d{6} ?[A-Z] ?\d{2} ?\d", re.IGNORECASE), _rvnr_is_valid),
)

SCHEMES: tuple[IdScheme, ...] = (*_LABELLED, *_BARE)
