"""The words that tell what happened: the one lexicon of event and background cues.

Each cue is a regular expression over English news prose (case-insensitive unless it says
otherwise), tied to an ACLED event type and sub-event type, or to a kind of background. The
classifier (geodata.events.kinds) and the role rules (geodata.events.roles) read them from here,
so a word list is defined once. Cues are general phrases of war reporting, not words of one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
EVENT_TYPES = (BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS, PROTESTS, RIOTS, STRATEGIC)


@dataclass(frozen=True)
class Cue:
    """One phrase that reports an event of a type (and sub-type, when the phrase tells it)."""

    type: str
    sub_type: str | None
    pattern: re.Pattern[str]


def _re(words: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", flags)


_ARMED_TARGET = (r"(?:an? |the )?(?:\w+ ){0,2}(?:military|army|police|security|base|bases|checkpoints?|posts?|positions?|"
                 r"convoys?|troops|soldiers|barracks|patrols?|outposts?|garrison|forces)")
# what is captured or seized when no territory changes hands
_NOT_TERRITORY = (r"(?:\w+ ){0,3}?(?:weapons|arms|ammunition|explosives|equipment|vehicles?|tanks?|ships?|vessels?|boats?|"
                  r"drugs|documents|cash|money|fighters|soldiers|militants|prisoners|hostages|civilians|people|men|women|"
                  r"children|crew|aid|goods|cargo|trucks?|cars?|weapon|rifles|drones?|shipments?)\b")
_CIVILIAN = (r"(?:civilians?|villagers?|residents?|worshippers?|farmers?|herders?|passengers?|students?|"
             r"pupils?|women|children|people|aid workers?|journalists?|mourners|fishermen|displaced)")

# Event cues, most specific first within a type. The sub-type is None when the words give only the type.
EVENT_CUES: tuple[Cue, ...] = (
    # Battles: territory changing hands, then armed clashes
    Cue(BATTLES, "Government regains territory", _re(
        r"recaptured|recapture[sd]?|retook|retaken|retake[sn]?|regained(?: control(?: of)?)?|"
        r"won back|reclaimed|back under (?:government|army) control")),
    Cue(BATTLES, "territory", _re(  # resolved to a sub-type by the actor who took it
        rf"fell to|fallen to|falls to|(?:captured|seized)(?! {_NOT_TERRITORY})|seized control(?: of)?|overran|overrun|"
        r"took (?:full )?control(?: of)?|taken (?:full )?control(?: of)?|take control of|"
        r"liberated|liberation of|drove (?:\w+ ){1,3}out|pushed (?:\w+ ){1,3}out|wrested|stormed and took")),
    Cue(BATTLES, "Armed clash", _re(
        r"clash(?:es|ed|ing)?|fighting|fought|fights?|battles?|battled|battling|gun ?battles?|firefights?|"
        r"exchanges? of fire|exchanged fire|skirmish(?:es)?|ambush(?:ed|es)?|"
        r"counter-?attack(?:ed|s)?|street battles?|heavy fighting")),
    # Explosions/Remote violence
    Cue(EXPLOSIONS, "Suicide bomb", _re(
        r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car bomb(?:ing)?|vest)|blew (?:himself|herself|themselves) up")),
    Cue(EXPLOSIONS, "Chemical weapon", _re(r"chemical (?:weapons?|attacks?)|chlorine (?:gas|attack)|sarin|nerve agent")),
    Cue(EXPLOSIONS, "Remote explosive/landmine/IED", _re(
        r"roadside bombs?|IEDs?|improvised explosive devices?|landmines?|land mines?|(?:car|truck|motorcycle) bombs?|"
        r"explosive devices?|booby[- ]trap(?:ped|s)?|bombs? (?:exploded|went off|blast)|mine (?:exploded|blast)|"
        r"(?:hit|struck|stepped on) an? (?:land)?mine|bomb blasts?|bomb attacks?|bombings?")),
    Cue(EXPLOSIONS, "Air/drone strike", _re(
        r"air ?strikes?|air[- ]raids?|airstrike|drone (?:strikes?|attacks?)|(?:struck|hit) by (?:a |an )?drones?|"
        r"warplanes? (?:struck|hit|bombed|pounded)|bombed from the air|aerial (?:bombardment|attacks?|bombing)|"
        r"barrel bombs?|helicopter gunships?|kamikaze drones?|drones? (?:struck|hit|attacked)|bombing raids?|bombed|"
        r"(?:aircraft|planes|jets|warplanes|helicopters) (?:\w+ ){0,2}?(?:struck|hit|attacked|targeted|pounded|fired)")),
    Cue(EXPLOSIONS, "Shelling/artillery/missile attack", _re(
        r"shell(?:ed|ing|s)?|artillery|mortars?|rockets?|missiles?|bombard(?:ed|ment|ments)|barrages?|"
        r"ballistic|projectiles?|Grad|Katyusha|pounded")),
    Cue(EXPLOSIONS, "Grenade", _re(r"grenades?")),
    Cue(EXPLOSIONS, "Remote explosive/landmine/IED", _re(r"explosions?|blasts?|explosives?|bombs?")),
    # an attack on soldiers or police is a battle, unless a remote weapon (above) made it
    Cue(BATTLES, "Armed clash", _re(
        rf"(?:attacked|attack on|attacks on|assault on|assaulted|raided|stormed|overran) {_ARMED_TARGET}|"
        r"came under (?:heavy )?(?:fire|attack)|repelled|repulsed")),
    # Violence against civilians
    Cue(VIOLENCE_AGAINST_CIVILIANS, "Sexual violence", _re(r"rap(?:e|ed|es|ing)|sexual (?:violence|assaults?|abuse)")),
    Cue(VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance", _re(
        r"abduct(?:ed|ion|ions|s|ing)?|kidnapp?(?:ed|ing|ings|s)?|hostages?|taken captive|held captive|"
        r"forced disappearances?|forcibly disappeared|went missing after|captives")),
    Cue(VIOLENCE_AGAINST_CIVILIANS, "Attack", _re(
        rf"massacre[sd]?|execut(?:ed|ion|ions)|beheaded|lynched by (?:soldiers|militants|gunmen)|burned alive|"
        rf"shot dead (?:\w+ ){{0,3}}{_CIVILIAN}|killed (?:\w+ ){{0,4}}{_CIVILIAN}|{_CIVILIAN} (?:were|was) (?:shot|killed|hacked)|"
        rf"opened fire on (?:\w+ ){{0,3}}{_CIVILIAN}|(?:attacked|stormed|raided|torched) (?:\w+ ){{0,3}}"
        r"(?:village|villages|hamlets?|settlements?|market|church|mosque|school|camp for displaced|hospital|homes|wedding|bus)|"
        r"(?:gunmen|armed men|assailants|attackers|bandits) (?:\w+ ){0,3}?(?:killed|shot dead|murdered|hacked|gunned down)")),
    # Demonstrations: the type and sub-type are settled by kinds.demonstration()
    Cue(PROTESTS, None, _re(
        r"protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ion|ions|ors|ed|ing)|rall(?:y|ies|ied)|marche[ds]|marchers|"
        r"sit-ins?|took to the streets|walkout|vigils?|(?-i:march(?:es)?)")),
    Cue(RIOTS, "Violent demonstration", _re(r"rioters|riot(?:s|ed|ing)?(?! police| gear| squads?)")),
    Cue(RIOTS, "Mob violence", _re(r"mobs?|lynch(?:ed|ing)?|vigilantes?|angry crowds?")),
    # forces killing fighters: a battle, unless a strike or a bomb did it
    Cue(BATTLES, "Armed clash", _re(
        r"killed (?:\w+ ){0,3}?(?:militants|fighters|insurgents|rebels|jihadists|gunmen|attackers|soldiers|troops|policemen)")),
    # front lines and sieges place a battle, but a strike or a killing there is the event itself
    Cue(BATTLES, "Armed clash", _re(r"front ?lines?|offensive|counter-?offensive|besieged|siege|encircled|final push")),
    # Strategic developments
    Cue(STRATEGIC, "Agreement", _re(
        r"cease-?fire|truce|peace (?:deal|agreement|accord|talks)|signed (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord)|"
        r"prisoner (?:exchange|swap)|agreed to (?:a |an )?(?:ceasefire|truce|exchange|withdraw)")),
    Cue(STRATEGIC, "Arrests", _re(
        r"arrest(?:ed|s|ing)?|detain(?:ed|ing|s)?|rounded up|taken into custody|apprehended")),
    Cue(STRATEGIC, "Looting/property destruction", _re(
        r"loot(?:ed|ing|ers)?|plunder(?:ed|ing)?|ransack(?:ed|ing)?|razed|"
        r"(?:torched|burned|burnt|set fire to|demolished|bulldozed) (?:\w+ ){0,2}(?:houses|homes|shops|crops|property|buildings)")),
    Cue(STRATEGIC, "Headquarters or base established", _re(
        r"(?:set up|established|built|setting up|establishing|opened) (?:an? |the |their |its |new )*"
        r"(?:military |forward |operating )?(?:base|bases|headquarters|camp|outpost|command post)")),
    Cue(STRATEGIC, "Non-violent transfer of territory", _re(
        r"withdrew from|withdrawn from|pulled out of|handed over|without a fight|without resistance|evacuated their positions")),
    Cue(STRATEGIC, "Disrupted weapons use", _re(
        r"defused|intercepted|shot down|dismantled (?:an? )?(?:bomb|explosive)|weapons? caches?|seized (?:\w+ ){0,2}weapons")),
    Cue(STRATEGIC, "Change to group/activity", _re(r"defected|merged|splinter(?:ed)?|new leader|disbanded")),
)

# Words that report something happening without telling its type (a Strategic development, sub-type not told).
GENERIC_EVENT = _re(
    r"took place|taken place|happened|occurred|erupted|broke out|deployed|killed|killing|dead|died|wounded|injured|"
    r"casualties|fled|displaced|destroyed|damaged|struck|attack(?:ed|s)?|raid(?:ed|s)?|operation|violence|"
    r"hiding|holed up|trapped|under fire|in control of|besieging|advance[ds]?|advancing|retreat(?:ed)?|"
    r"evacuat(?:ed|ion)|bodies|death toll")

# Words that make a clause say what may, or should, happen rather than what did.
MODAL = _re(r"[Ww]ould|[Cc]ould|might|may|will|shall|[Tt]hreaten(?:s|ed)? to|plans? to|planning to|prepar(?:e|es|ing) to|"
            r"vow(?:s|ed)? to|intends? to|warn(?:s|ed)? (?:of|that)|fears?|feared|[Ii]f|unless", flags=0)
# Words that deny the cue right after them ("no fighting was reported").
NEGATION = _re(r"no|not|never|denied|den(?:y|ies) any|without")

# --- background: the place is named but nothing is reported happening there ---------------------

# Someone is asked to act: "called on Britain, France and Germany ... to take back".
ASKED_TO_ACT = _re(r"call(?:s|ed|ing)? (?:on|upon)|urg(?:e|es|ed|ing)|appeal(?:s|ed|ing)? to|ask(?:s|ed|ing)?|"
                   r"press(?:es|ed|ing)|demand(?:s|ed|ing)? that|invit(?:e|es|ed|ing)|"
                   r"pressure on|told|warn(?:s|ed|ing)")
# A comparison: "as in Mosul", "like Aleppo", "reminiscent of Grozny".
COMPARISON = _re(r"like|unlike|as in|as it did in|as they did in|as happened in|similar to|compared (?:with|to)|"
                 r"reminiscent of|echo(?:es|ing)? of|recall(?:s|ed|ing)?|the way|than in|modelled on|mirror(?:s|ed|ing)?")
# Origin or nationality: "foreign fighters from Tunisia", "French-born".
ORIGIN = _re(r"(?:fighters|nationals|citizens|recruits|jihadists|volunteers|mercenaries|born|hailing|refugees|"
             r"migrants|exiles?|diaspora|families|wives|women|children|detainees) (?:from|of)|natives? of|-born|nationals")
# The seat of a speaker or an institution: "Washington said", "U.S. President", "officials in Kabul".
SPEAKER_AFTER = re.compile(
    # after the place, and after any other places listed with it: "Qatar and Egypt pressed"
    r"^(?:(?:,| and| or) (?:the )?(?-i:[A-Z])[\w'’.-]*(?: (?-i:[A-Z])[\w'’.-]*)*)*(?:'s)?[ -]"
    r"(?:(?:foreign|defence|defense|interior|state|health|news|press|official|government|military|top|"
    r"former|then|acting|deputy|chief|senior|prime|supreme|central|national)[ -])*"
    r"(?:said|says|say|told|announced|announces|warned|warns|denied|denies|claimed|claims|accused|accuses|"
    r"condemned|condemns|urged|urges|called|calls|insisted|stated|reported|added|responded|vowed|pledged|"
    r"appealed|appeals|asked|demanded|requested|welcomed|rejected|threatened|promised|agreed|pressed|summoned|"
    r"recalled|expelled|imposed|sanctioned|signed|met|hosted|blamed|"
    r"president|presidents|minister|ministers|ministry|ministries|government|governments|officials?|"
    r"spokes(?:man|woman|person)|envoy|ambassador|embassy|authorities|administration|leaders?|leadership|"
    r"parliament|senate|congress|agency|agencies|media|newspaper|television|TV|radio|broadcaster|prime minister|"
    r"secretary|chancellor|king|premier|diplomats?|delegation|intelligence|prosecutors?|courts?|judges?|"
    r"statement|-based|based)\b", re.IGNORECASE)
# people who live at the place speak from there, not for it: "residents of Gaza City said"
LOCALS_OF = re.compile(r"(?:residents|inhabitants|people|witnesses|locals|survivors|doctors|medics|villagers)"
                       r" (?:of|in|from) (?:the )?$", re.IGNORECASE)
# a sentence that reports speech: only then is "officials in Kabul" the seat of a speaker
SPEECH = _re(r"said|says|say|told|announced|stated|added|according to|speaking|spoke|statement|briefing|"
             r"press conference|reporters|condemned|denied|discussed|met|meeting|summit|talks|negotiations")
SPEAKER_BEFORE = _re(r"(?:officials?|spokes(?:man|woman|person)|ministry|government|sources?|diplomats?|"
                     r"reporters?|journalists?|correspondent|statement|summit|talks|conference|meeting|speech|speaking|"
                     r"told reporters|press conference|broadcaster|headquartered|based|embassy|capital) in")
# History: the clause tells of the past, not of the reported period.
HISTORY = _re(r"once(?! again| more)|formerly|used to|in the past|historically|(?:years|decades|centuries|a year) ago|"
              r"anniversary|commemorat\w+|back in|ancient|at the time|in the \d{4}s|"
              r"during the (?:\w+ )?(?:war|civil war|occupation|uprising)")
# An event time that ended this long before publication is history (the reported period is the last months).
HISTORY_DAYS = 183

# --- demonstrations: who did what decides the sub-type ---------------------------------------
# the demonstrators turned violent
DEMO_VIOLENT = _re(r"rioters|riot(?:s|ed|ing)?(?! police| gear| squads?)|threw (?:stones|rocks|petrol bombs|molotov)|hurl(?:ed|ing)|"
                   r"pelted|torched|set fire|set ablaze|vandali[sz]ed|looted|smashed|"
                   r"clashed with (?:the )?(?:police|security|troops|soldiers)|"
                   r"attacked (?:the )?(?:police|security|officers)")
# the state used lethal force on them
DEMO_LETHAL = _re(r"opened fire on|open fire on|fired (?:live )?(?:rounds|bullets|ammunition) (?:at|into)|live (?:fire|ammunition|rounds)|"
                  r"shot dead|killing|killed|gunned down")
# they were dispersed, beaten or arrested
DEMO_INTERVENTION = _re(r"tear ?gas|teargas|rubber bullets|water cannons?|dispers(?:ed|e|ing)|batons?|beat(?:en)?|broke up|"
                        r"arrest(?:ed|s|ing)?|detain(?:ed|ing)?|baton-charged|pepper spray|stun grenades|rounded up")
# an agent right after a cue: "fell to the SDF", "captured by rebels", "attacked by gunmen"
AGENT_AFTER = re.compile(r"^\s+(?:to|by)\s+(?:the\s+)?", re.IGNORECASE)
