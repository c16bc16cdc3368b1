"""Name who says so, and decide the stance of what they say.

The words of a reporting frame ("Lebanon's state-run National News Agency", "Palestinian Civil Defence spokesman
Mahmoud Basal", "the ministry") become one canonical claimant: a party's ACLED actor name ("Military Forces of
Israel (2022-)"), a known outlet or agency from data/voices.tsv ("National News Agency (Lebanon)"), or the
organisation the words name with titles and personal names taken off ("Dnipropetrovsk regional governor").

The stance follows from who speaks about whom: a party telling of its own operations claims them; a party
(or an official of a country) telling of an attack on itself, its forces or its territory acknowledges it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.model import Actor
from eventwire.nlp.actors import ActorLexicon, fold_text
from eventwire.nlp.lexicons import lexicon_rows
from eventwire.nlp.loaded import PartyVoices
from eventwire.resources import read_data_tsv

_PARTY_INTERS = {1, 2, 3, 4, 8}
# Words for the person, document or channel through which an organisation speaks: "X spokesman", "X sources".
_MOUTHPIECE = "(?:" + "|".join(row["pattern"] for row in lexicon_rows("mouthpieces.tsv")) + ")"
_TRAILING_MOUTHPIECE = re.compile(rf"(?:\s+{_MOUTHPIECE})+$", re.IGNORECASE)
_MOUTHPIECE_OF = re.compile(
    rf"^(?:a |an |the )?(?:\w+ )?{_MOUTHPIECE} (?:for|of|from|by|with|at|in|close to) (?:the )?(?P<org>.+)$",
    re.IGNORECASE,
)
_TITLE = (
    r"(?:governor|mayor|head|chief|minister|commander|director|president|secretary|spokes(?:man|woman|person)|"
    r"commissioner|administrator)"
)
TITLE_WORDS = _TITLE  # the titles that stand before a person's name ("Kharkiv Governor Oleg Sinegubov")
_TITLE_THEN_NAME = re.compile(rf"^(?P<org>.*?\b(?i:{_TITLE}))(?:\s+[A-Z][\w'’.-]*){{1,4}}$")
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s?\s+(?P<rest>.+)$")
_PARENS = re.compile(r"\s*\([^)]*\)")
_APPOSED_NAME = re.compile(
    r",\s*(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*$"
)  # an office, then the person's name
_GOVERNOR_OF = re.compile(
    r"^(?:[Tt]he )?[Gg]overnor of (?:the )?(?P<place>[A-Z][\w'’-]+(?: (?![Rr]egion|[Oo]blast|[Pp]rovince)[A-Z][\w'’-]+)?)"
    r"(?: [Rr]egion| [Oo]blast| [Pp]rovince)?$"
)
# "head of the Kherson Regional Military Administration": Ukraine's regional governors head these
_HEAD_OF_REGION = re.compile(
    r"^(?:[Tt]he )?(?i:head|chief) of (?:the )?(?P<place>[A-Z][\w'’-]+ )?(?i:regional|region|oblast) "
    r"(?i:military |state )?(?i:administration)$"
)
_HEAD_OF = re.compile(r"^(?:[Tt]he )?(?i:head|chief) of (?:the )?(?P<org>[A-Z].+)$")
# "Kharkiv Governor" (not "Kano State Governor": a state's governor is no region's)
_PLACE_GOVERNOR = re.compile(r"^(?P<place>[A-Z][\w'’-]+(?: (?!State\b)[A-Z][\w'’-]+)?) [Gg]overnor$")
_TRAILING_ACRONYM = re.compile(r"\s(?P<acronym>[A-Z]{2,6})$")  # "the state news agency NNA"
_REGION_TITLE = re.compile(
    r"\b(region|oblast|province) (governor|administration|military administration)\b", re.I
)
# Organs of a state that speak for its forces: "the army", "the Defence Ministry", "a military source"; the word
# before the organ is its country only when it is not the organ's own first word ("Defense Ministry" is Niger's
# in a Niger story, not a country called "Defense").
_STATE_ORGAN = re.compile(
    r"^(?:(?!(?:defen[cs]e|military|army|security|high)\b)(?P<demonym>(?-i:[A-Z])[\w’-]+?)(?:['’]s)? )?"
    r"(?:army|military|armed forces|general staff|defen[cs]e ministry|"
    r"ministry of defen[cs]e|defen[cs]e minister|ministry|air force|navy|military source|security source|army spokesman|"
    r"military spokesman|army radio|(?:military |army |high )?command)$",
    re.IGNORECASE,
)
_POLICE = re.compile(
    r"^(?:(?P<demonym>[A-Z][\w’-]+?)(?:['’]s)? )?police(?: force| forces| spokesman)?$", re.IGNORECASE
)
# Officials of a country's government or territory: when they tell of an attack on it, they acknowledge it.
_AUTHORITY = re.compile(
    r"\b(?:governor|mayor|administration|authorities|government|police|army|military|general staff|air force|"
    r"navy|border guard|defen[cs]e ministry|ministry of defen[cs]e|interior ministry|ministry of (?:the )?interior)\b",
    re.IGNORECASE,
)  # security organs and local government; a health ministry or civil defence reports, it does not acknowledge
_STATE_NAME = re.compile(r"^(?P<kind>Military|Police) Forces of (?:the )?(?P<country>.+?)(?: \(\d{4}-.*)?$")
_UNIT_SUFFIX = re.compile(
    r"^(?P<base>.+?\(\d{4}-(?:\d{4})?\))\s+(?:Air Force|Navy|Naval Forces|Marines|Special Forces|Air Defen[cs]e"
    r"|Border Guards?|Ground Forces)$"
)
# "enemy media" in a party's own text is the other side's media: the adversary each voice means by "the enemy".
_ENEMY = re.compile(
    r"^(?:the )?(?:zionist |israeli |russian |ukrainian )?enemy(?:'s)?\s+(?P<rest>.+)$", re.IGNORECASE
)
_GENERIC_SPEAKERS = {"residents", "witnesses", "locals", "medics", "doctors", "paramedics", "activists",
                     "sources", "local sources", "officials", "local officials", "security sources"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claimant:
    """A named claimant: the name eventwire writes, the party it is (if any), and the country it is an organ of."""

    name: str
    party: Actor | None = None
    authority_of: str | None = (
        None  # ACLED country name of the state or territory the speaker is an official of
    )


@dataclass(frozen=True, slots=True)
class _Voice:
    name: str
    side: str | None


class ClaimantNamer:
    """Turns the words of a reporting frame into a canonical claimant (see the module text)."""

    def __init__(
        self, actors: ActorLexicon, voices: list[dict[str, str]], *, adversaries: dict[str, str] | None = None
    ) -> None:
        self.actors = actors
        self._adversary = adversaries or {}  # party voice -> the demonym its "the enemy" means
        self._exact: dict[str, _Voice] = {}
        for row in voices:
            canonical = row.get("canonical") or row["name"]
            self._exact[fold_text(row["name"])] = _Voice(canonical, row.get("side") or None)
        # Whole-word search inside longer words ("Lebanon's state-run National News Agency"), longest first;
        # names of four letters or fewer only match whole claimants (AP, UN, MDA occur inside other words).
        self._inside = [
            (re.compile(r"\b" + re.escape(key) + r"\b"), voice)
            for key, voice in sorted(self._exact.items(), key=lambda kv: -len(kv[0]))
            if len(key) > 4 and "." not in key
        ]

    @classmethod
    def load(cls, folder: Path | None = None, *, actors: ActorLexicon | None = None) -> ClaimantNamer:
        """Return the namer over the actor dictionary, voices.tsv and party_voices.tsv (bundled, or in a data
        folder); `actors` is the actor lexicon already loaded from the same folder."""
        return cls(
            actors or ActorLexicon.load(folder), read_data_tsv("voices.tsv", folder),
            adversaries=PartyVoices.load(folder).adversaries(),
        )  # fmt: skip

    def name(
        self,
        words: str,
        *,
        voice: str | None = None,
        on: dt.date | None = None,
        country: str | None = None,
        place_country: str | None = None,
    ) -> Claimant:
        """Return the claimant the frame words name; `country` is the article's main state (for "the army"),
        `place_country` the country of the event's place (for "the civil defence", "the health ministry")."""
        text = _strip_determiner(words)
        if not text:
            return Claimant(name=words.strip())
        enemy = _ENEMY.match(text)
        if enemy and voice in self._adversary:
            text = f"{self._adversary[voice]} {enemy.group('rest')}"
        owned = self._owned_outlet(text)  # "the Houthi-run al-Masirah TV" -> "Al-Masirah", not its owner
        if owned is not None:
            return owned
        organ_of = _ORGAN_OF.match(text)
        if organ_of and self.actors.country_of(organ_of["country"]) is not None:
            owned = f"{organ_of['country']}'s {organ_of['organ']}"  # "Defense Ministry of Azerbaijan"
            if _STATE_ORGAN.match(owned) or _POLICE.match(owned):
                text = owned
        party = self.actors.resolve(words.strip(), voice=voice, on=on)  # "the Resistance" needs its article
        if party is not None and party.inter in _PARTY_INTERS:
            return self._party(party)
        acronym = _TRAILING_ACRONYM.search(text)
        for candidate in [*_variants(text), *([acronym["acronym"]] if acronym else [])]:
            found = self._lookup(candidate, voice=voice, on=on, country=country or place_country)
            if found is not None:
                return found
        for where in dict.fromkeys(c for c in (place_country, country) if c):
            # "civil defence spokesman" told of a strike in Gaza -> "Palestinian Civil Defence"
            found = self._national_voice(_variants(text), where)
            if found is not None:
                return found
        cleaned = _variants(text, mouthpieces=False)[-1]  # unknown speakers keep "officials", "sources"
        state = self.actors.country_of(cleaned)
        if state is not None and fold_text(cleaned) in (fold_text(state.name), fold_text(state.state_name)):
            forces = self.actors.state_forces(state.name, on=on)  # "Russia said": the state speaks
            if forces is not None:
                return self._party(forces)
        if cleaned.lower() in _GENERIC_SPEAKERS:
            return Claimant(name=cleaned.lower())
        authority = None
        if _AUTHORITY.search(cleaned):
            info = self._country_in(cleaned)
            authority = info if info is not None else "local"
        return Claimant(name=cleaned[:1].upper() + cleaned[1:], authority_of=authority)

    def outlet(self, publisher: str) -> str:
        """Return the name the outlet's own voice is written under: its canonical name in voices.tsv, else its name
        with the relay note taken off ("Dawn (AFP copy)" -> "Dawn", "Reuters (via Devdiscourse)" -> "Reuters",
        "The Nation (Pakistan), Anadolu copy" -> "The Nation"); "Nation (Kenya)" stays when voices.tsv has it."""
        for candidate in _relay_variants(publisher):
            known = self._exact.get(fold_text(candidate))
            if known is not None:
                return known.name
        return _relay_variants(publisher)[-1]

    def _national_voice(self, variants: list[str], country: str) -> Claimant | None:
        """The known voice a speaker named without its country is in the text's country ("the civil defence")."""
        for words in variants:
            first, _, rest = words.partition(" ")
            info = self.actors.country_of(re.sub(r"['’]s$", "", first)) if rest else None
            if info is not None and not re.search(r"['’]s$", first):
                return None  # already names its country: "Israeli health ministry"
            if (
                info is None
            ):  # "the health ministry" -> the country's; "Sudan's health ministry" -> "Sudanese ..."
                info, rest = self.actors.country_of(country), words
            for demonym in info.demonyms if info is not None else ():
                known = self._exact.get(fold_text(f"{demonym} {rest}"))
                if known is not None:
                    return Claimant(name=known.name)
        return None

    def _owned_outlet(self, text: str) -> Claimant | None:
        """The known outlet that words name after its owner ("Houthi-run Saba agency", "Hezbollah's Al-Manar"),
        or None: docs/coding.md section 7 writes outlets and agencies with their own canonical name."""
        m = _OWNER_QUALIFIED.match(text)
        if m is None:
            return None
        for candidate in _variants(m["outlet"] or m["outlet2"]):
            key = fold_text(candidate)
            known = self._exact.get(key)
            if known is None:
                known = next((v for pattern, v in self._inside if pattern.search(key)), None)
            if known is None:  # "Saba agency", "al-Masirah TV": a short name, then the kind of outlet
                words = key.split()
                known = next((v for n in (2, 1) if (v := self._exact.get(" ".join(words[:n])))), None)
            # an outlet, not a state's forces nor the party's own name
            if (
                known is not None
                and not _STATE_NAME.match(known.name)
                and self.actors.resolve(known.name) is None
            ):
                return Claimant(name=known.name)
        return None

    def is_voice(self, name: str) -> bool:
        """Return True for a known outlet, agency or claimant of data/voices.tsv."""
        return fold_text(name.strip()) in self._exact

    def voice_side(self, name: str | None) -> str | None:
        """Return the side key of a known voice (an ISO code, "neutral"), or None."""
        if not name:
            return None
        voice = self._exact.get(fold_text(name))
        return voice.side if voice else None

    # -- internals ---------------------------------------------------------------------------------------

    def _lookup(
        self, text: str, *, voice: str | None, on: dt.date | None, country: str | None
    ) -> Claimant | None:
        party = self.actors.resolve(text, voice=voice, on=on)
        if party is not None and party.inter in _PARTY_INTERS:
            return self._party(party)
        organ = _STATE_ORGAN.match(text) or _POLICE.match(text)
        if organ is not None:
            demonym = organ.group("demonym")
            info = self.actors.country_of(demonym) if demonym else None
            where = info.name if info else country
            # "Plateau police", "Kirkuk police": a state's police command named for its place, not another force
            local_police = (
                organ.re is _POLICE and self.actors.resolve(demonym or "", voice=voice, on=on) is None
            )
            if where and (demonym is None or info is not None or local_police):
                forces = self.actors.state_forces(where, on=on, police=organ.re is _POLICE)
                if forces is not None:
                    return self._party(forces)
        key = fold_text(text)
        known = self._exact.get(key)
        if known is None and _STATE_NAME.match(
            text
        ):  # already an ACLED name: "Military Forces of Israel (2022-)"
            known = _Voice(text, None)
        if known is None:
            known = next((v for pattern, v in self._inside if pattern.search(key)), None)
        if known is None:
            return None
        state = _STATE_NAME.match(known.name)
        if state is not None and _UNIT_AFTER_YEARS.search(known.name):
            # "Military Forces of Yemen (2016-) Supreme Political Council": that named force, not the state's own
            exact = self.actors.resolve(known.name, on=on)
            if exact is not None and exact.inter in _PARTY_INTERS:
                return self._party(exact)
        if state is not None:
            forces = self.actors.state_forces(
                state.group("country"), on=on, police=state.group("kind") == "Police"
            )
            if forces is not None:
                return self._party(forces)
        return Claimant(name=known.name)

    @staticmethod
    def _party(actor: Actor) -> Claimant:
        authority = actor.country if actor.inter == 1 else None
        return Claimant(name=party_name(actor), party=actor, authority_of=authority)

    def _country_in(self, text: str) -> str | None:
        for word in re.findall(r"[A-Z][\w'’-]+", text):
            info = self.actors.country_of(word)
            if info is not None:
                return info.name
        return None


_OFFICE = re.compile(rf"\b(?:{_TITLE}|{_MOUTHPIECE}|administrator|commissioner|officer)\b", re.IGNORECASE)


def names_office(words: str) -> bool:
    """Return True when words name an office or a mouthpiece ("deputy spokesman of the armed forces")."""
    return _OFFICE.search(words) is not None


def party_name(actor: Actor) -> str:
    """Return the name a party speaks under: the ACLED actor without a unit ("... (2022-) Air Force" -> base)."""
    match = _UNIT_SUFFIX.match(actor.name)
    return match.group("base") if match else actor.name


# "the same military source", "preliminary data": words before a speaker that say nothing of who it is
# (data/lexicons/en/anaphors.tsv, qualifiers written "dropped"); only before a common noun ("Second Army Area")
_QUALIFIER = re.compile(
    r"^(?:(?:" + "|".join(
        re.escape(row["word"]) for row in lexicon_rows("anaphors.tsv", refers="qualifier") if row["writes"] == "dropped"
    ) + r")\s+)+(?=(?-i:[a-z]))",
    re.IGNORECASE,
)  # fmt: skip


def _strip_determiner(words: str) -> str:
    text = " ".join(words.replace("\u2019", "'").split()).strip(" ,.;:\"'")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    return _QUALIFIER.sub("", text)


def _variants(text: str, *, mouthpieces: bool = True) -> list[str]:
    """Return the claimant words from the fullest to the barest: parentheses, titles, names, mouthpieces off."""
    out = [text]

    def add(value: str) -> None:
        value = value.strip(" ,.")
        if value and value not in out:
            out.append(value)

    add(_PARENS.sub("", text))
    add(_APPOSED_NAME.sub("", out[-1]))  # "the state Police Public Relations Officer, Abubakar Sadiq Aliyu"
    current = out[-1]
    of = _MOUTHPIECE_OF.match(current)
    if of:  # "a spokesman for the Israeli military" -> "Israeli military"
        add(_strip_determiner(of.group("org")))
        current = out[-1]
    possessive = _POSSESSIVE.match(current)
    if possessive and re.match(rf"^(?:[\w-]+ )?{_MOUTHPIECE}\b", possessive.group("rest"), re.IGNORECASE):
        add(possessive.group("owner"))  # "Al Mayadeen's correspondent in the south" -> "Al Mayadeen"
        current = out[-1]
    named = _TITLE_THEN_NAME.match(current)
    if named:  # "Dnipropetrovsk regional governor Serhiy Lysak" -> "Dnipropetrovsk regional governor"
        org = named.group("org")
        title = re.search(rf"(?i:{_TITLE})$", org)
        add(org[: title.start()] + title.group().lower() if title and org[: title.start()].strip() else org)
        current = out[-1]
    bare = _TRAILING_MOUTHPIECE.sub("", current) if mouthpieces else current
    if bare and bare.lower() not in ("a", "an", "the"):
        add(
            bare
        )  # "Palestinian Civil Defence spokesman" -> "Palestinian Civil Defence", "SOHR sources" -> "SOHR"
    current = out[-1]
    add(_REGION_TITLE.sub(lambda m: f"regional {m.group(2)}", current))
    current = out[-1]
    governor = _GOVERNOR_OF.match(current) or _PLACE_GOVERNOR.match(current)
    if governor:  # "the governor of Zaporizhzhia region", "Kharkiv Governor" -> "... regional governor"
        add(f"{governor['place']} regional governor")
    head = _HEAD_OF_REGION.match(out[-1])
    if head:  # "head of the Kherson Regional Military Administration" is the region's governor
        add(f"{head['place'] or ''}regional governor")
    head = _HEAD_OF.match(out[-1])
    if head:  # "head of the Kherson city military administration": the body speaks (a title taken off)
        add(head["org"])
    ministry = _MINISTRY_OF.match(out[-1])
    if ministry:  # "Khartoum state's Ministry of Health" -> "Khartoum state health ministry"
        owner = f"{ministry['owner']} " if ministry["owner"] else ""
        add(f"{owner}{ministry['what'].lower()} ministry")
    return out


# "the Houthi-run al-Masirah TV", "the Houthi-controlled Saba agency", "Hezbollah's Al-Manar television": an owner,
# then the outlet
_UNIT_AFTER_YEARS = re.compile(r"\(\d{4}-(?:\d{4})?\)\s+\S")
_OWNER_QUALIFIED = re.compile(
    r"^(?:[\w'’-]+\s+){0,2}?[\w'’]+-(?:run|owned|controlled|affiliated|backed|aligned|operated|led)\s+(?P<outlet>.+)$"
    r"|^(?:[\w-]+\s+){0,2}?[\w-]+['’]s?\s+(?P<outlet2>.+)$",
    re.IGNORECASE,
)
# "the Defense Ministry of Azerbaijan", "the General Staff of Ukraine": an organ, then its country
_ORGAN_OF = re.compile(
    r"^(?P<organ>(?:[\w-]+\s+){0,3}[\w-]+) of (?:the )?(?P<country>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)$"
)
_MINISTRY_OF = re.compile(r"^(?:(?P<owner>.+?)(?:['’]s)? )?[Mm]inistry of (?:the )?(?P<what>[A-Z][a-z]+)$")
_RELAY_NOTE = re.compile(r"(?:\s*\([^()]*\)|,[^,()]*)$")  # a trailing "(AFP copy)" or ", Xinhua copy"


def _relay_variants(publisher: str) -> list[str]:
    """Return a publisher's name from the fullest to the barest, one trailing relay note off at a time."""
    out = [" ".join(publisher.split())]
    while (shorter := _RELAY_NOTE.sub("", out[-1]).strip()) and shorter != out[-1]:
        out.append(shorter)
    return out


def same_side(speaker: Actor, actor: Actor | None) -> bool:
    """Return True when the speaker is, or speaks for, the actor (one name, or one state's forces)."""
    if actor is None:
        return False
    if party_name(speaker) == party_name(actor):
        return True
    return (
        speaker.inter == 1 and actor.inter == 1 and bool(speaker.country) and speaker.country == actor.country
    )


def decide_stance(
    cue_stance: str | None,
    claimant: Claimant | None,
    *,
    actor1: Actor | None,
    actor2: Actor | None,
    place_country: str | None,
) -> str:
    """Return claimed / acknowledged / denied / reported for what a claimant says about an event.

    A denial stays a denial. A party telling of an attack on itself, its forces or (state forces) its civilians
    and territory acknowledges it; telling of its own operation, it claims it. An official of a country telling
    of an attack by a foreign actor on that country acknowledges it. Everyone else reports, unless the cue
    itself claims ("X claimed").
    """
    if cue_stance == "denied":
        return "denied"
    if claimant is None:
        return cue_stance or "reported"
    party = claimant.party
    attacker_country = actor1.country if actor1 is not None else None
    if party is not None:
        if same_side(party, actor2) or (
            party.inter == 1 and actor2 is not None and actor2.inter == 7 and actor2.country == party.country
        ):
            return "acknowledged"
        if cue_stance == "acknowledged" and same_side(party, actor1) and actor2 is None:
            return "acknowledged"  # "the army admitted a soldier was killed in the fighting"
        if same_side(party, actor1):
            return "claimed"
        if party.country and place_country == party.country and attacker_country not in (None, party.country):
            return "acknowledged"
        if party.inter == 1 and actor1 is None and place_country == party.country and cue_stance is None:
            return "acknowledged"  # "the IDF said a rocket hit Katzrin": fire on its own ground, launcher unnamed
        return "acknowledged" if cue_stance == "acknowledged" else (cue_stance or "claimed")
    if claimant.authority_of is not None and actor1 is not None:
        home = place_country if claimant.authority_of == "local" else claimant.authority_of
        victim = actor2.country if actor2 is not None and actor2.country else place_country
        if home and attacker_country and attacker_country != home and victim == home:
            return "acknowledged"
    if cue_stance == "acknowledged" and claimant.authority_of is None:
        return "reported"  # "local sources confirmed", "medics confirmed": no side confirms a hit on itself
    return cue_stance or "reported"
