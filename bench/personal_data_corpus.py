"""A labelled corpus for the personal-data scanner, generated reproducibly, not by it.

Every value is made by the rules of its kind, never by asking the scanner: phone numbers
are libphonenumber's example numbers with their last digits changed until libphonenumber
calls them valid, written in the formats people use in that country; IBANs are the IBAN
registry's example of each country with new digits and check digits (python-stdnum);
card numbers are a brand's issuer prefix, random digits and a Luhn check digit; national
ID numbers are random bodies (with real dates where the scheme has one) completed with
the check character python-stdnum accepts; passport numbers follow each country's shape,
after a label in the guide's language. Obfuscated values are those same values disguised
the ways the issue lists. Values sit in guide-edit sentences in the locale's language.

Near misses are what a guide legitimately holds: fees, dates in many formats, form
numbers, case and payment references, postcodes, legal citations, ISBNs, statistics,
opening hours, and official helplines the wiki publishes (the allowlist).

A sample's split is fixed by a hash of its id: 20% is held back (``held_back``), never
looked at while tuning the scanner.

Usage:
    .venv/bin/python bench/personal_data_corpus.py [--summary]

Prints the corpus as JSON (or, with ``--summary``, its counts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from stdnum import ean, iban, isbn, luhn
from stdnum.at import uid as at_uid
from stdnum.at import vnr as at_vnr
from stdnum.au import abn as au_abn
from stdnum.au import tfn as au_tfn
from stdnum.be import nn as be_nn
from stdnum.be import vat as be_vat
from stdnum.br import cnpj as br_cnpj
from stdnum.br import cpf as br_cpf
from stdnum.ca import bn as ca_bn
from stdnum.ca import sin as ca_sin
from stdnum.ch import ssn as ch_ssn
from stdnum.ch import uid as ch_uid
from stdnum.cz import dic as cz_dic
from stdnum.cz import rc as cz_rc
from stdnum.de import idnr as de_idnr
from stdnum.de import vat as de_vat
from stdnum.dk import cpr as dk_cpr
from stdnum.dk import cvr as dk_cvr
from stdnum.es import cif as es_cif
from stdnum.es import dni as es_dni
from stdnum.fi import hetu as fi_hetu
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.fr import nir as fr_nir
from stdnum.fr import siren as fr_siren
from stdnum.gb import nhs as gb_nhs
from stdnum.gb import vat as gb_vat
from stdnum.ie import pps as ie_pps
from stdnum.ie import vat as ie_vat
from stdnum.it import codicefiscale as it_cf
from stdnum.it import iva as it_iva
from stdnum.nl import bsn as nl_bsn
from stdnum.no import fodselsnummer as no_fnr
from stdnum.no import orgnr as no_orgnr
from stdnum.pl import nip as pl_nip
from stdnum.pl import pesel as pl_pesel
from stdnum.pt import cc as pt_cc
from stdnum.pt import nif as pt_nif
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer as se_pnr
from stdnum.us import ein as us_ein
from stdnum.us import ssn as us_ssn

SEED = 20261206
HELD_BACK_PERCENT = 20

EMAIL = "e-mail address"
PHONE = "phone number"
IBAN = "IBAN"
CARD = "payment card number"
NATIONAL_ID = "national ID number"
PASSPORT = "passport number"
# Categories reported: the kinds, and "obfuscated" (a value of one of them, disguised).
OBFUSCATED = "obfuscated"


@dataclass(frozen=True)
class Item:
    """One piece of personal data in a sample: its kind and exactly the text to cover."""

    kind: str
    value: str


@dataclass(frozen=True)
class Sample:
    """A sentence a citizen might send; ``items`` empty for a near miss."""

    id: str
    locale: str
    lang: str
    category: str
    text: str
    items: tuple[Item, ...] = ()

    @property
    def held_back(self) -> bool:
        """In the 20% never looked at while tuning (fixed by the id's hash)."""
        digest = hashlib.sha256(self.id.encode()).digest()
        return int.from_bytes(digest[:4], "big") % 100 < HELD_BACK_PERCENT


@dataclass
class Corpus:
    """Positives, near misses, and the published text whose contacts are allowed."""

    positives: list[Sample] = field(default_factory=list)
    near_misses: list[Sample] = field(default_factory=list)
    published: list[str] = field(default_factory=list)


# --- locales ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    """Sentences of one language, each with ``{v}`` where the value goes."""

    phone: tuple[str, ...]
    email: tuple[str, ...]
    account: tuple[str, ...]
    card: tuple[str, ...]
    identity: tuple[str, ...]  # with {label}
    passport: tuple[str, ...]  # labels
    near: tuple[str, ...]  # with {v}: wrapping a near miss
    helpline: str  # with {v}


LANGUAGES: dict[str, Language] = {
    "en": Language(
        phone=(
            "You can ring me on {v} any evening.",
            "My mobile is {v} if anything is unclear.",
            "Please call me back at {v}, I was cut off.",
            "(my number: {v})",
        ),
        email=(
            "Send the reply to {v}, I check it daily.",
            "Write to me at {v} please.",
            "My address {v} did not get the letter.",
        ),
        account=("I paid from my account {v} last week.", "Refund it to {v} please."),
        card=("I paid with my card {v} and was charged twice.", "Card used: {v}"),
        identity=("My {label} is {v}, it was refused.", "{label}: {v}"),
        passport=("passport no.", "passport number", "Passport No"),
        near=(
            "The guide should say {v}.",
            "It now reads {v}, which is right.",
            "Update this: {v}.",
        ),
        helpline="The helpline {v} is open again.",
    ),
    "fr": Language(
        phone=(
            "Vous pouvez me joindre au {v} le soir.",
            "Mon numéro : {v}, merci de rappeler.",
            "Appelez-moi au {v} si besoin.",
        ),
        email=("Écrivez-moi à {v} s'il vous plaît.", "Mon adresse {v} n'a rien reçu."),
        account=("J'ai payé depuis mon compte {v}.", "Remboursez sur {v} svp."),
        card=("J'ai payé avec ma carte {v} deux fois.", "Carte : {v}"),
        identity=("Mon {label} est {v}.", "{label} : {v}"),
        passport=("numéro de passeport", "passeport n°", "N° de passeport"),
        near=("Le guide devrait indiquer {v}.", "Il faut corriger : {v}."),
        helpline="Le numéro d'information {v} répond de nouveau.",
    ),
    "de": Language(
        phone=(
            "Rufen Sie mich bitte unter {v} zurück.",
            "Meine Handynummer: {v}.",
            "Erreichbar bin ich unter {v} ab 17 Uhr.",
        ),
        email=("Bitte schreiben Sie an {v}.", "Meine Adresse {v} hat nichts bekommen."),
        account=("Ich habe von meinem Konto {v} bezahlt.", "Bitte erstatten auf {v}."),
        card=("Ich habe mit meiner Karte {v} bezahlt.", "Kreditkarte: {v}"),
        identity=("Meine {label} ist {v}.", "{label}: {v}"),
        passport=("Reisepassnummer", "Passnummer", "Reisepass-Nr."),
        near=("Im Leitfaden sollte {v} stehen.", "Bitte korrigieren: {v}."),
        helpline="Die Hotline {v} ist wieder erreichbar.",
    ),
    "es": Language(
        phone=("Mi móvil es {v} por si hay dudas.", "Llámenme al {v} por la tarde."),
        email=("Escríbanme a {v}, por favor.", "Mi correo {v} no recibió nada."),
        account=("Pagué desde mi cuenta {v}.", "Devuélvanlo a {v}."),
        card=("Pagué con mi tarjeta {v} dos veces.", "Tarjeta: {v}"),
        identity=("Mi {label} es {v}.", "{label}: {v}"),
        passport=("pasaporte nº", "número de pasaporte", "Pasaporte n.º"),
        near=("La guía debería decir {v}.", "Hay que corregir: {v}."),
        helpline="El teléfono de información {v} funciona de nuevo.",
    ),
    "it": Language(
        phone=("Il mio cellulare: {v}.", "Potete richiamarmi al {v}."),
        email=("Scrivetemi a {v}, grazie.", "Il mio indirizzo {v} non ha ricevuto nulla."),
        account=("Ho pagato dal mio conto {v}.", "Rimborsate su {v}."),
        card=("Ho pagato con la carta {v} due volte.", "Carta: {v}"),
        identity=("Il mio {label} è {v}.", "{label}: {v}"),
        passport=("numero di passaporto", "passaporto n.", "N. passaporto"),
        near=("La guida dovrebbe dire {v}.", "Da correggere: {v}."),
        helpline="Il numero verde {v} risponde di nuovo.",
    ),
    "nl": Language(
        phone=("Bel me gerust op {v}.", "Mijn mobiele nummer is {v}."),
        email=("Mail me op {v} alstublieft.", "Mijn adres {v} kreeg niets."),
        account=("Ik heb betaald vanaf rekening {v}.", "Terugstorten op {v} graag."),
        card=("Ik betaalde met mijn kaart {v}.", "Kaart: {v}"),
        identity=("Mijn {label} is {v}.", "{label}: {v}"),
        passport=("paspoortnummer", "paspoort nr.", "Paspoortnr."),
        near=("In de gids hoort {v} te staan.", "Graag aanpassen: {v}."),
        helpline="De informatielijn {v} is weer bereikbaar.",
    ),
    "da": Language(
        phone=("Ring gerne til mig på {v} efter kl. 16.", "Mit mobilnummer er {v}.", "Tlf. {v}"),
        email=("Skriv til mig på {v}, tak.", "Min adresse {v} fik ikke brevet."),
        account=("Jeg betalte fra min konto {v}.", "Tilbagebetal til {v}."),
        card=("Jeg betalte med mit kort {v} to gange.", "Kort: {v}"),
        identity=("Mit {label} er {v}.", "{label}: {v}"),
        passport=("pasnummer", "pas nr.", "Pasnr."),
        near=("Vejledningen burde sige {v}.", "Ret venligst: {v}."),
        helpline="Informationslinjen {v} svarer igen.",
    ),
    "nb": Language(
        phone=("Ring meg gjerne på {v}.", "Mobilnummeret mitt er {v}.", "Tlf: {v}"),
        email=("Send svaret til {v}, takk.", "Adressen min {v} fikk ikke brevet."),
        account=("Jeg betalte fra kontoen {v}.", "Refunder til {v}."),
        card=("Jeg betalte med kortet {v} to ganger.", "Kort: {v}"),
        identity=("Mitt {label} er {v}.", "{label}: {v}"),
        passport=("passnummer", "pass nr.", "Passnr."),
        near=("Veiledningen burde si {v}.", "Vennligst rett: {v}."),
        helpline="Informasjonstelefonen {v} svarer igjen.",
    ),
    "sv": Language(
        phone=("Ring mig gärna på {v}.", "Mitt mobilnummer är {v}."),
        email=("Skriv till mig på {v}, tack.", "Min adress {v} fick inget brev."),
        account=("Jag betalade från mitt konto {v}.", "Återbetala till {v}."),
        card=("Jag betalade med mitt kort {v} två gånger.", "Kort: {v}"),
        identity=("Mitt {label} är {v}.", "{label}: {v}"),
        passport=("passnummer", "pass nr", "Passnr"),
        near=("Guiden borde säga {v}.", "Rätta gärna: {v}."),
        helpline="Informationsnumret {v} svarar igen.",
    ),
    "fi": Language(
        phone=("Soittakaa minulle numeroon {v}.", "Puhelinnumeroni on {v}."),
        email=("Kirjoittakaa osoitteeseen {v}, kiitos.", "Osoitteeni {v} ei saanut kirjettä."),
        account=("Maksoin tililtäni {v}.", "Palauttakaa tilille {v}."),
        card=("Maksoin kortilla {v} kahdesti.", "Kortti: {v}"),
        identity=("{label}ni on {v}.", "{label}: {v}"),
        passport=("passin numero", "passi nro", "Passinro"),
        near=("Oppaassa pitäisi lukea {v}.", "Korjatkaa: {v}."),
        helpline="Neuvontanumero {v} vastaa taas.",
    ),
    "pl": Language(
        phone=("Proszę dzwonić pod numer {v}.", "Mój numer komórki: {v}."),
        email=("Proszę pisać na {v}.", "Mój adres {v} nic nie dostał."),
        account=("Zapłaciłem z konta {v}.", "Proszę zwrócić na {v}."),
        card=("Zapłaciłem kartą {v} dwa razy.", "Karta: {v}"),
        identity=("Mój {label} to {v}.", "{label}: {v}"),
        passport=("numer paszportu", "paszport nr", "Nr paszportu"),
        near=("W przewodniku powinno być {v}.", "Proszę poprawić: {v}."),
        helpline="Infolinia {v} znowu działa.",
    ),
    "pt": Language(
        phone=("Podem ligar para {v} à tarde.", "Meu celular é {v}.", "Contacto: {v}"),
        email=("Escrevam para {v}, por favor.", "O meu e-mail {v} não recebeu nada."),
        account=("Paguei da minha conta {v}.", "Devolvam para {v}."),
        card=("Paguei com o cartão {v} duas vezes.", "Cartão: {v}"),
        identity=("O meu {label} é {v}.", "{label}: {v}"),
        passport=("passaporte nº", "número do passaporte", "Passaporte n.º"),
        near=("O guia deveria dizer {v}.", "Corrijam: {v}."),
        helpline="A linha de apoio {v} voltou a funcionar.",
    ),
    "cs": Language(
        phone=("Volejte mi prosím na {v}.", "Moje číslo je {v}."),
        email=("Napište mi na {v}, děkuji.", "Na adresu {v} nic nepřišlo."),
        account=("Platil jsem z účtu {v}.", "Vraťte to na {v}."),
        card=("Platil jsem kartou {v} dvakrát.", "Karta: {v}"),
        identity=("Moje {label} je {v}.", "{label}: {v}"),
        passport=("číslo pasu", "pas č.", "Číslo cestovního pasu"),
        near=("V průvodci má stát {v}.", "Opravte prosím: {v}."),
        helpline="Informační linka {v} opět funguje.",
    ),
}


@dataclass(frozen=True)
class Locale:
    """A country and the language its guides are written in."""

    tag: str  # the guide's lang
    region: str
    language: str
    iban_example: str | None
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


LOCALES: tuple[Locale, ...] = (
    Locale(
        "en-GB",
        "GB",
        "en",
        "GB29NWBK60161331926819",
        ("oliver", "amelia", "harry"),
        ("smith", "jones", "taylor"),
    ),
    Locale(
        "en-IE",
        "IE",
        "en",
        "IE29AIBK93115212345678",
        ("sean", "aoife", "ciara"),
        ("murphy", "kelly", "obrien"),
    ),
    Locale("en-US", "US", "en", None, ("james", "emma", "olivia"), ("johnson", "garcia", "miller")),
    Locale("en-AU", "AU", "en", None, ("jack", "chloe", "mia"), ("wilson", "brown", "nguyen")),
    Locale("en-CA", "CA", "en", None, ("liam", "charlotte", "ethan"), ("tremblay", "roy", "wong")),
    Locale(
        "fr",
        "FR",
        "fr",
        "FR1420041010050500013M02606",
        ("camille", "lucas", "chloe"),
        ("dupont", "martin", "bernard"),
    ),
    Locale(
        "fr-BE",
        "BE",
        "fr",
        "BE68539007547034",
        ("louise", "arthur", "elise"),
        ("peeters", "janssens", "dubois"),
    ),
    Locale(
        "de",
        "DE",
        "de",
        "DE89370400440532013000",
        ("lukas", "mia", "jonas"),
        ("mueller", "schmidt", "schneider"),
    ),
    Locale(
        "de-AT",
        "AT",
        "de",
        "AT611904300234573201",
        ("tobias", "lena", "anna"),
        ("gruber", "huber", "wagner"),
    ),
    Locale(
        "de-CH",
        "CH",
        "de",
        "CH9300762011623852957",
        ("noah", "lea", "luca"),
        ("meier", "keller", "weber"),
    ),
    Locale(
        "es",
        "ES",
        "es",
        "ES9121000418450200051332",
        ("lucia", "hugo", "martina"),
        ("garcia", "lopez", "ruiz"),
    ),
    Locale(
        "it",
        "IT",
        "it",
        "IT60X0542811101000000123456",
        ("giulia", "marco", "sofia"),
        ("rossi", "russo", "ferrari"),
    ),
    Locale(
        "nl",
        "NL",
        "nl",
        "NL91ABNA0417164300",
        ("daan", "emma", "sanne"),
        ("devries", "jansen", "bakker"),
    ),
    Locale(
        "da",
        "DK",
        "da",
        "DK5000400440116243",
        ("frederik", "ida", "mads"),
        ("jensen", "nielsen", "hansen"),
    ),
    Locale(
        "nb",
        "NO",
        "nb",
        "NO9386011117947",
        ("jakob", "nora", "ingrid"),
        ("hansen", "johansen", "olsen"),
    ),
    Locale(
        "sv",
        "SE",
        "sv",
        "SE4550000000058398257466",
        ("elsa", "william", "astrid"),
        ("andersson", "johansson", "karlsson"),
    ),
    Locale(
        "fi",
        "FI",
        "fi",
        "FI2112345600000785",
        ("aino", "eero", "venla"),
        ("korhonen", "virtanen", "makinen"),
    ),
    Locale(
        "pl",
        "PL",
        "pl",
        "PL61109010140000071219812874",
        ("zofia", "jakub", "anna"),
        ("nowak", "kowalski", "wisniewska"),
    ),
    Locale(
        "pt-BR",
        "BR",
        "pt",
        "BR1800360305000010009795493C1",
        ("joao", "ana", "pedro"),
        ("silva", "santos", "oliveira"),
    ),
    Locale(
        "pt-PT",
        "PT",
        "pt",
        "PT50000201231234567890154",
        ("tiago", "beatriz", "rita"),
        ("ferreira", "costa", "pereira"),
    ),
    Locale(
        "cs",
        "CZ",
        "cs",
        "CZ6508000000192000145399",
        ("jan", "tereza", "eliska"),
        ("novak", "svoboda", "dvorak"),
    ),
)

_MAIL_DOMAINS = (
    "example.com",
    "example.org",
    "example.net",
    "mail.example.{cc}",
    "post.example.{cc}",
)


# --- values -------------------------------------------------------------------------------


def _phone_numbers(rng: random.Random, region: str, count: int) -> list[phonenumbers.PhoneNumber]:
    """``count`` valid numbers: an example number's last digits changed."""
    numbers = []
    for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE) * count:
        example = phonenumbers.example_number_for_type(region, kind)
        national = phonenumbers.national_significant_number(example)
        for _ in range(200):
            tail = "".join(rng.choice("0123456789") for _ in range(4))
            candidate = phonenumbers.parse("+" + str(example.country_code) + national[:-4] + tail)
            if phonenumbers.is_valid_number(candidate):
                numbers.append(candidate)
                break
        if len(numbers) == count:
            break
    return numbers


def _phone_forms(number: phonenumbers.PhoneNumber, region: str) -> list[str]:
    """The ways people write ``number``: national, international, and local habits."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    forms = [national, international, phonenumbers.format_number(number, PhoneNumberFormat.E164)]
    bare = "".join(ch for ch in national if ch.isdigit())
    forms.append(bare)
    if region in {"FR", "BE", "CH"}:
        forms.append(national.replace(" ", "."))
    elif region == "US":
        forms.append(bare[:3] + "-" + bare[3:6] + "-" + bare[6:])
    elif region in {"DE", "AT"}:
        forms.append(national.replace(" ", "/", 1))
    elif region == "NL":
        forms.append(national.replace(" ", "-", 1))
    elif region == "GB":
        forms.append("+44 (0)" + international.removeprefix("+44 "))
    else:
        forms.append(national.replace(" ", "-"))
    return forms


def _iban(rng: random.Random, example: str, grouped: bool) -> str:
    bban = "".join(rng.choice("0123456789") if ch.isdigit() else ch for ch in example[4:])
    value = example[:2] + iban.calc_check_digits(example[:2] + "00" + bban) + bban
    assert iban.is_valid(value, check_country=False)
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4)) if grouped else value


# Brands with an issuer prefix from their published ranges and the lengths they issue.
CARD_BRANDS: tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...] = (
    ("Visa", ("4",), (16, 13, 19)),
    ("Mastercard", ("51", "53", "55", "2221", "2720", "2500"), (16,)),
    ("American Express", ("34", "37"), (15,)),
    ("Discover", ("6011", "65", "644", "649"), (16, 19)),
    ("JCB", ("3528", "3566", "3589"), (16,)),
    ("JCB 15", ("1800", "2131"), (15,)),
    ("Maestro", ("5018", "5020", "5038", "6304", "6759", "6761"), (12, 16, 19)),
    ("UnionPay", ("62",), (16, 19)),
    ("Diners Club", ("36", "300", "305", "38"), (14, 16)),
    ("Mir", ("2200", "2204"), (16,)),
)


def _card(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    number = body + luhn.calc_check_digit(body)
    if length == 15 and prefix.startswith("3"):
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    if length == 16 and rng.random() < 0.5:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    if length == 16:
        return "-".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def _complete(
    template: str, is_valid: Callable[[str], bool], alphabet: str = "0123456789"
) -> str | None:
    """``template`` with its ``?`` characters (check characters) replaced so that python-
    stdnum's ``is_valid`` accepts it; ``None`` when no choice does."""
    holes = template.count("?")
    choices = [""]
    for _ in range(holes):
        choices = [c + a for c in choices for a in alphabet]
    for choice in choices:
        value = template
        for ch in choice:
            value = value.replace("?", ch, 1)
        try:
            if is_valid(value):
                return value
        except Exception:  # a validator tripping counts as "not valid"
            continue
    return None


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _birth(rng: random.Random) -> date:
    return date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))


IdMaker = Callable[[random.Random], str | None]


def _it_cf(rng: random.Random) -> str | None:
    letters = "".join(rng.choice("BCDFGLMNPRSTVZ") for _ in range(6))
    born = _birth(rng)
    body = f"{letters}{born:%y}{'ABCDEHLMPRST'[born.month - 1]}{born.day:02d}H501"
    return body + it_cf.calc_check_digit(body)


def _nir(rng: random.Random) -> str:
    born = _birth(rng)
    body = f"{rng.choice('12')}{born:%y}{born.month:02d}{rng.randint(1, 95):02d}{_digits(rng, 6)}"
    return (
        f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} "
        + fr_nir.calc_check_digits(body)
    )


def _pnr(rng: random.Random) -> str | None:
    born = _birth(rng)
    return _complete(f"{born:%y%m%d}-{_digits(rng, 3)}?", se_pnr.is_valid)


def _hetu(rng: random.Random) -> str | None:
    born = _birth(rng)
    sign = "-" if born.year < 2000 else "A"
    return _complete(
        f"{born:%d%m%y}{sign}{rng.randint(2, 899):03d}?",
        fi_hetu.is_valid,
        "0123456789ABCDEFHJKLMNPRSTUVWXY",
    )


def _pesel(rng: random.Random) -> str | None:
    born = _birth(rng)
    return _complete(f"{born:%y%m%d}{_digits(rng, 4)}?", pl_pesel.is_valid)


def _be_nn(rng: random.Random) -> str | None:
    born = _birth(rng)
    found = _complete(f"{born:%y%m%d}{rng.randint(1, 997):03d}??", be_nn.is_valid)
    return found and f"{found[:2]}.{found[2:4]}.{found[4:6]}-{found[6:9]}.{found[9:]}"


def _cpr(rng: random.Random) -> str | None:
    born = _birth(rng)
    return _complete(f"{born:%d%m%y}-{rng.choice('0123')}{_digits(rng, 2)}?", dk_cpr.is_valid)


def _fnr(rng: random.Random) -> str | None:
    born = _birth(rng)
    return _complete(f"{born:%d%m%y}{rng.randint(0, 499):03d}??", no_fnr.is_valid)


def _rc(rng: random.Random) -> str | None:
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
    month = born.month + (50 if rng.random() < 0.5 else 0)
    return _complete(f"{born:%y}{month:02d}{born.day:02d}/{_digits(rng, 3)}?", cz_rc.is_valid)


def _ahv(rng: random.Random) -> str | None:
    found = _complete(f"756{_digits(rng, 9)}?", ch_ssn.is_valid)
    return found and f"{found[:3]}.{found[3:7]}.{found[7:11]}.{found[11:]}"


def _vnr(rng: random.Random) -> str | None:
    born = _birth(rng)
    return _complete(f"{rng.randint(100, 999)}?{born:%d%m%y}", at_vnr.is_valid)


def _cpf(rng: random.Random) -> str | None:
    found = _complete(f"{_digits(rng, 9)}??", br_cpf.is_valid)
    return found and f"{found[:3]}.{found[3:6]}.{found[6:9]}-{found[9:]}"


def _sin(rng: random.Random) -> str | None:
    found = _complete(f"{rng.choice('1234567')}{_digits(rng, 7)}?", ca_sin.is_valid)
    return found and f"{found[:3]} {found[3:6]} {found[6:]}"


def _tfn(rng: random.Random) -> str | None:
    found = _complete(f"{_digits(rng, 8)}?", au_tfn.is_valid)
    return found and f"{found[:3]} {found[3:6]} {found[6:]}"


def _nino(rng: random.Random) -> str:
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    body = _digits(rng, 6)
    return f"{first}{second} {body[:2]} {body[2:4]} {body[4:]} {rng.choice('ABCD')}"


def _ssn(rng: random.Random) -> str | None:
    found = f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    return found if us_ssn.is_valid(found) else None


# Per locale: (label in the locale's language, maker). Several schemes per country.
ID_SCHEMES: dict[str, tuple[tuple[str, IdMaker], ...]] = {
    "CA": (("SIN", _sin), ("social insurance number", _sin)),
    "GB": (
        (
            "NHS number",
            lambda r: _complete(
                f"{_digits(r, 3)} {_digits(r, 3)} {_digits(r, 3)}?", gb_nhs.is_valid
            ),
        ),
        ("National Insurance number", _nino),
    ),
    "IE": (
        (
            "PPS number",
            lambda r: _complete(f"{_digits(r, 7)}?", ie_pps.is_valid, "ABCDEFGHIJKLMNOPQRSTUVW"),
        ),
    ),
    "US": (("SSN", _ssn), ("social security number", _ssn)),
    "AU": (("tax file number", _tfn), ("TFN", _tfn)),
    "FR": (("numéro de sécurité sociale", _nir),),
    "BE": (("numéro de registre national", _be_nn),),
    "DE": (
        (
            "Steuer-ID",
            lambda r: _complete(
                f"{r.randint(1, 9)}{''.join(r.sample('0123456789', 9))}?", de_idnr.is_valid
            ),
        ),
    ),
    "AT": (("Sozialversicherungsnummer", _vnr),),
    "CH": (("AHV-Nummer", _ahv),),
    "ES": (
        ("DNI", lambda r: (b := _digits(r, 8)) + es_dni.calc_check_digit(b)),
        (
            "NIE",
            lambda r: (
                (b := r.choice("XYZ") + _digits(r, 7))
                + es_dni.calc_check_digit(str("XYZ".index(b[0])) + b[1:])
            ),
        ),
    ),
    "IT": (("codice fiscale", _it_cf),),
    "NL": (
        ("BSN", lambda r: _complete(f"{r.randint(1, 9)}{_digits(r, 7)}?", nl_bsn.is_valid)),
        (
            "burgerservicenummer",
            lambda r: _complete(f"{r.randint(1, 9)}{_digits(r, 7)}?", nl_bsn.is_valid),
        ),
    ),
    "DK": (("CPR-nummer", _cpr),),
    "NO": (("fødselsnummer", _fnr),),
    "SE": (("personnummer", _pnr),),
    "FI": (("henkilötunnus", _hetu),),
    "PL": (("PESEL", _pesel),),
    "BR": (("CPF", _cpf),),
    "PT": (
        (
            "cartão de cidadão",
            lambda r: (lambda b: b and b[:8] + " " + b[8:9] + " " + b[9:11] + b[11:])(
                _complete(f"{_digits(r, 8)}?ZZ?", pt_cc.is_valid, "0123456789")
            ),
        ),
    ),
    "CZ": (("rodné číslo", _rc),),
}

# Passport shapes (no check digit): how each country's numbers are written.
PASSPORT_SHAPES: dict[str, str] = {
    "CA": "2L6d",
    "GB": "9d",
    "IE": "2L7d",
    "US": "9d",
    "AU": "1L7d",
    "FR": "2d2L5d",
    "BE": "2L6d",
    "DE": "C8a",
    "AT": "1L7d",
    "CH": "1L7d",
    "ES": "3L6d",
    "IT": "2L7d",
    "NL": "2L6a1d",
    "DK": "9d",
    "NO": "8d",
    "SE": "8d",
    "FI": "2L7d",
    "PL": "2L7d",
    "BR": "2L6d",
    "PT": "1L6d",
    "CZ": "8d",
}


def _passport(rng: random.Random, shape: str) -> str:
    out = []
    count = ""
    for ch in shape:
        if ch.isdigit():
            count += ch
            continue
        n = int(count or "1")
        count = ""
        alphabet = {
            "d": "0123456789",
            "L": "ABCDEFGHJKLMNPRSTUVWXYZ",
            "a": "0123456789CFGHJKLMNPRTVWXYZ",
            "C": "CFGHJK",
        }[ch]
        out.append("".join(rng.choice(alphabet) for _ in range(n)))
    value = "".join(out)
    return value if any(c.isdigit() for c in value) else value[:-1] + "7"


# --- obfuscation --------------------------------------------------------------------------

_FULLWIDTH = {ord(str(d)): chr(0xFF10 + d) for d in range(10)} | {
    ord("@"): "\uff20",
    ord("."): "\uff0e",
}
_ARABIC_INDIC = {ord(str(d)): chr(0x0660 + d) for d in range(10)}
_DEVANAGARI = {ord(str(d)): chr(0x0966 + d) for d in range(10)}
_MATH_BOLD = {ord(str(d)): chr(0x1D7CE + d) for d in range(10)}
_CYRILLIC = {
    ord("a"): "\u0430",
    ord("e"): "\u0435",
    ord("o"): "\u043e",
    ord("c"): "\u0441",
    ord("p"): "\u0440",
}


def _obfuscated_email(rng: random.Random, address: str, lang: str) -> str:
    local, domain = address.split("@")
    at_words = {"es": "arroba", "pt": "arroba", "fr": "arobase", "it": "chiocciola"}
    dot_words = {
        "es": "punto",
        "pt": "ponto",
        "fr": "point",
        "it": "punto",
        "de": "punkt",
        "da": "punktum",
        "nl": "punt",
    }
    choice = rng.randrange(7)
    if choice == 0:
        return f"{local} at {domain.replace('.', ' dot ')}"
    if choice == 1:
        return f"{local} (at) {domain.replace('.', ' [dot] ')}"
    if choice == 2 and lang in at_words:
        word = dot_words.get(lang, "dot")
        return f"{local} {at_words[lang]} {domain.replace('.', f' {word} ')}"
    if choice == 3:
        cut = rng.randrange(1, len(domain) - 1)
        return f"{local}@{domain[:cut]}\u200b{domain[cut:]}"
    if choice == 4:
        return address.translate(_CYRILLIC)
    if choice == 5:
        return f"{local}\uff20{domain}"
    return f"{local}[at]{domain.replace('.', '[dot]')}"


def _obfuscated_number(rng: random.Random, value: str) -> str:
    choice = rng.randrange(7)
    compact = "".join(ch for ch in value if ch.isdigit() or ch == "+")
    if choice == 0:
        return " ".join(compact)
    if choice == 1:
        return ".".join(compact)
    if choice == 2:
        return value.translate(_FULLWIDTH)
    if choice == 3:
        return value.translate(_ARABIC_INDIC)
    if choice == 4:
        cut = rng.randrange(2, len(value) - 1)
        return value[:cut] + rng.choice("\u200b\u200d\u2060\u202c\ufeff") + value[cut:]
    if choice == 5:
        return value.translate(_MATH_BOLD if rng.random() < 0.5 else _DEVANAGARI)
    return value.replace(" ", rng.choice(["\u00a0", "\u2009", "\u202f", " \u2013 "]))


# --- near misses -----------------------------------------------------------------------------

_MONTHS = {
    "en": "January",
    "fr": "janvier",
    "de": "März",
    "es": "marzo",
    "it": "aprile",
    "nl": "mei",
    "da": "juni",
    "nb": "juli",
    "sv": "augusti",
    "fi": "syyskuuta",
    "pl": "października",
    "pt": "novembro",
    "cs": "prosince",
}


def _near_values(rng: random.Random, locale: Locale) -> list[tuple[str, str]]:
    """(about, value) pairs: what a guide in ``locale`` holds that is not personal data."""
    year = rng.randint(2024, 2027)
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    n = rng.randint(10, 999)
    values = [
        ("fee", f"{rng.randint(10, 250)},00 EUR"),
        ("fee", f"€{rng.randint(10, 999)}.{rng.choice(['00', '50'])}"),
        ("fee", f"{rng.randint(1, 9)}.{rng.randint(100, 999)},00 kr."),
        ("fee", f"R$ {rng.randint(10, 999)},{rng.randint(10, 99)}"),
        ("date", f"{d:02d}.{m:02d}.{year}"),
        ("date", f"{year}-{m:02d}-{d:02d}"),
        ("date", f"{d:02d}/{m:02d}/{year}"),
        ("date", f"{d}. {_MONTHS[locale.language]} {year}"),
        ("date range", f"{d:02d}.{m:02d}.{year} - {d:02d}.{m:02d}.{year + 1}"),
        ("date range", f"{d}/{m}/{year}–{d}/{m}/{year + 1}"),
        ("form number", f"form {rng.choice(['DS', 'SA', 'P', 'VAF'])}-{rng.randint(10, 999)}"),
        (
            "form number",
            f"{rng.randint(1000, 9999)}-{year} ({rng.randint(1, 12):02d}/{year % 100})",
        ),
        ("case reference", f"{year}/{rng.randint(1, 999999):06d}"),
        ("case reference", f"REF-{year}-{rng.randint(1, 999999):06d}"),
        (
            "case reference",
            f"Az. {rng.randint(1, 99)} {rng.choice('ABC')} {rng.randint(100, 9999)}/{year % 100}",
        ),
        ("payment reference", f"RF{rng.randint(10, 99)} {_digits(rng, 4)} {_digits(rng, 4)}"),
        ("payment reference", f"+71<{_digits(rng, 15)}+{_digits(rng, 8)}<"),
        (
            "postcode",
            rng.choice(
                [
                    "SW1A 1AA",
                    "D02 X285",
                    "75007 Paris",
                    "1000 Bruxelles",
                    "10115 Berlin",
                    "1010 Wien",
                    "8001 Zürich",
                    "28013 Madrid",
                    "00184 Roma",
                    "1012 JS Amsterdam",
                    "2100 København Ø",
                    "0150 Oslo",
                    "111 52 Stockholm",
                    "00100 Helsinki",
                    "00-950 Warszawa",
                    "01310-100 São Paulo",
                    "1100-148 Lisboa",
                    "110 00 Praha 1",
                    "NY 10007",
                    "NSW 2000",
                ]
            ),
        ),
        (
            "legal citation",
            rng.choice(
                [
                    f"Regulation (EU) {year - 10}/{n}",
                    f"§ {n} Abs. 3 Nr. 2",
                    f"article L{n}-{rng.randint(1, 9)}",
                    f"Art. {n}, par. 2",
                    f"{n} U.S.C. § {rng.randint(100, 9999)}",
                    f"S.I. No. {n} of {year - 5}",
                    f"LOV-{year - 20}-{m:02d}-{d:02d}-{n}",
                ]
            ),
        ),
        (
            "ISBN",
            "ISBN " + isbn.format("978" + (b := _digits(rng, 9)) + ean.calc_check_digit("978" + b)),
        ),
        ("statistic", f"{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"),
        ("statistic", f"{rng.randint(1, 99)}.{rng.randint(0, 9)} %"),
        ("opening hours", f"{rng.randint(7, 10):02d}:00–{rng.randint(15, 18):02d}:30"),
        (
            "opening hours",
            f"{rng.randint(7, 10)}.00-{rng.randint(15, 18)}.30, "
            f"{rng.randint(7, 10)}.00-{rng.randint(12, 14)}.00",
        ),
        ("version", f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}"),
        ("count", f"{rng.randint(1000, 99999)} applications in {year}"),
        ("company number", _company_number(rng, locale.region)),
    ]
    return values


# An agency's or a company's registration number, as guides print it: (label, the stdnum
# module that validates it, an example whose digits are redrawn, how many leading
# characters stay, how many trailing check characters are recomputed).
COMPANY_NUMBERS: dict[str, tuple[str, Any, str, int, int]] = {
    "GB": ("VAT reg. no.", gb_vat, "980780684", 0, 2),
    "IE": ("VAT no.", ie_vat, "IE6433435F", 2, 1),
    "US": ("EIN", us_ein, "04-2103594", 0, 0),
    "AU": ("ABN", au_abn, "83914571673", 0, 2),
    "CA": ("business number", ca_bn, "123026635", 0, 1),
    "FR": ("SIREN", fr_siren, "552008443", 0, 1),
    "BE": ("numéro d'entreprise", be_vat, "0403170701", 1, 2),
    "DE": ("USt-IdNr.", de_vat, "DE136695976", 2, 1),
    "AT": ("UID-Nummer", at_uid, "ATU13585627", 3, 1),
    "CH": ("UID", ch_uid, "CHE100155212", 3, 1),
    "ES": ("CIF", es_cif, "A13585625", 1, 1),
    "IT": ("partita IVA", it_iva, "00743110157", 0, 1),
    "NL": ("KvK-nummer", None, "41202536", 0, 0),
    "DK": ("CVR-nr.", dk_cvr, "13585628", 0, 1),
    "NO": ("org.nr.", no_orgnr, "988077917", 0, 1),
    "SE": ("org.nr", se_orgnr, "5560360793", 3, 1),
    "FI": ("Y-tunnus", fi_ytunnus, "20774740", 0, 1),
    "PL": ("NIP", pl_nip, "8567346215", 0, 1),
    "BR": ("CNPJ", br_cnpj, "16727230000197", 0, 2),
    "PT": ("NIF", pt_nif, "501964843", 1, 1),
    "CZ": ("IČO", cz_dic, "25123891", 0, 1),
}


def _company_number(rng: random.Random, region: str) -> str:
    label, module, example, keep, checks = COMPANY_NUMBERS[region]
    for _ in range(100):
        body = "".join(
            rng.choice("0123456789") if ch.isdigit() and keep <= i < len(example) - checks else ch
            for i, ch in enumerate(example)
        )
        if module is None:
            return f"{label} {body}"
        if checks:
            value = _complete(body[: len(body) - checks] + "?" * checks, module.is_valid)
        else:
            value = body if module.is_valid(body) else None
        if value:
            return f"{label} {getattr(module, 'format', lambda v: v)(value)}"
    return f"{label} {example}"


def _helplines(rng: random.Random, locale: Locale) -> list[str]:
    """Official numbers the wiki publishes for ``locale``: allowed when repeated."""
    numbers = _phone_numbers(rng, locale.region, 2)
    return [phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL) for n in numbers]


# --- the corpus ---------------------------------------------------------------------------


def generate(seed: int = SEED) -> Corpus:
    """The whole corpus; the same for the same seed."""
    rng = random.Random(seed)
    corpus = Corpus()
    for locale in LOCALES:
        _locale_samples(rng, locale, corpus)
    return corpus


def _locale_samples(rng: random.Random, locale: Locale, corpus: Corpus) -> None:
    language = LANGUAGES[locale.language]
    counter: Counter[str] = Counter()

    def add(category: str, template: str, items: Sequence[Item], value: str) -> None:
        counter[category] += 1
        text = template.replace("{v}", value)
        sample_id = f"{locale.tag}/{category}/{counter[category]}"
        corpus.positives.append(
            Sample(sample_id, locale.tag, locale.tag, category, text, tuple(items))
        )

    for _ in range(8):
        address = _email(rng, locale)
        add(EMAIL, rng.choice(language.email), [Item(EMAIL, address)], address)
    for number in _phone_numbers(rng, locale.region, 4):
        for form in _phone_forms(number, locale.region):
            add(PHONE, rng.choice(language.phone), [Item(PHONE, form)], form)
    if locale.iban_example:
        for grouped in (False, True, False, True, False, True):
            value = _iban(rng, locale.iban_example, grouped)
            add(IBAN, rng.choice(language.account), [Item(IBAN, value)], value)
    for _brand, prefixes, lengths in CARD_BRANDS:
        value = _card(rng, rng.choice(prefixes), rng.choice(lengths))
        add(CARD, rng.choice(language.card), [Item(CARD, value)], value)
    for _ in range(4):
        for label, maker in ID_SCHEMES[locale.region]:
            value = None
            while value is None:
                value = maker(rng)
            template = rng.choice(language.identity).replace("{label}", label)
            add(NATIONAL_ID, template, [Item(NATIONAL_ID, value)], value)
    for label in language.passport:
        value = _passport(rng, PASSPORT_SHAPES[locale.region])
        template = rng.choice(language.identity).replace("{label}", label)
        add(PASSPORT, template, [Item(PASSPORT, value)], value)
    for _ in range(5):
        address = _email(rng, locale)
        value = _obfuscated_email(rng, address, locale.language)
        add(OBFUSCATED, rng.choice(language.email), [Item(EMAIL, value)], value)
    for number in _phone_numbers(rng, locale.region, 5):
        form = rng.choice(_phone_forms(number, locale.region)[:2])
        value = _obfuscated_number(rng, form)
        add(OBFUSCATED, rng.choice(language.phone), [Item(PHONE, value)], value)

    helplines = _helplines(rng, locale)
    corpus.published.append(" ".join(language.helpline.replace("{v}", h) for h in helplines))
    near = 0
    for round_ in range(2):
        for about, value in _near_values(rng, locale):
            if round_ and about in {"postcode", "version"}:
                continue
            near += 1
            text = rng.choice(language.near).replace("{v}", value)
            corpus.near_misses.append(
                Sample(f"{locale.tag}/near/{near}", locale.tag, locale.tag, about, text)
            )
    for helpline in helplines:
        near += 1
        text = language.helpline.replace("{v}", helpline)
        corpus.near_misses.append(
            Sample(f"{locale.tag}/near/{near}", locale.tag, locale.tag, "official helpline", text)
        )


def _email(rng: random.Random, locale: Locale) -> str:
    first, last = rng.choice(locale.first_names), rng.choice(locale.last_names)
    local = rng.choice(
        [
            f"{first}.{last}",
            f"{first}{last}{rng.randint(1, 99)}",
            f"{first[0]}.{last}",
            f"{last}+{rng.choice(['gov', 'tax', 'post'])}",
        ]
    )
    domain = rng.choice(_MAIL_DOMAINS).format(cc=locale.region.lower())
    return f"{local}@{domain}"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the corpus as JSON, or its counts with ``--summary``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--summary", action="store_true", help="print the counts only")
    args = parser.parse_args(argv)
    corpus = generate()
    if args.summary:
        print(
            f"{len(corpus.positives)} positives, {len(corpus.near_misses)} near misses, "
            f"{len({s.locale for s in corpus.positives})} locales"
        )
        for category, n in sorted(Counter(s.category for s in corpus.positives).items()):
            print(f"  {category}: {n}")
        return 0
    json.dump(
        {
            "positives": [asdict(s) for s in corpus.positives],
            "near_misses": [asdict(s) for s in corpus.near_misses],
            "published": corpus.published,
        },
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
