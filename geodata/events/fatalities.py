"""Fatalities: the lowest number of deaths a passage states, as ACLED codes them.

ACLED takes the most conservative of the reported figures, and codes vague plurals as numbers:
"tens" 10, "dozens" 12, "hundreds" 100 (and "thousands" 1,000). Numbers may be figures
("1,200") or words ("twenty-five", "a dozen", "two dozen"); "a soldier was killed" is one.
Only numbers tied to a death word count: "killing 3 and wounding 12" is 3, "12 wounded" is none.
"No one was killed" is 0. A passage that reports no death gives None (not stated), so that the
map sums only what the text says.
"""

from __future__ import annotations

import re

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_VAGUE = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:(?:{_WORD})(?:[- ](?:{_WORD}))?(?: (?:hundred|thousand))?)|"
           r"(?:a|one|two|three|four|five) dozen|a dozen|dozens|tens|hundreds|thousands|a|an)")
_N = rf"(?<![\w-])(?P<n>{_NUMBER})"
_QUAL = r"(?:(?:at least|up to|as many as|more than|over|nearly|almost|about|around|some|roughly|an estimated|a total of) )?"
# who can die: a number before a death word counts only when it counts people ("two airstrikes killed 12" is 12)
_PERSON = re.compile(
    r"(?:people|persons?|civilians?|soldiers?|troops|fighters?|militants?|rebels?|police(?:m[ae]n)?|officers?|men|man|"
    r"wom[ae]n|child(?:ren)?|boys?|girls?|members?|villagers?|residents?|protesters?|demonstrators?|students?|"
    r"workers?|journalists?|worshippers?|guards?|insurgents?|jihadists?|gunmen|attackers?|assailants?|personnel|"
    r"passengers?|farmers?|herders?|others|servicem[ae]n|combatants?|recruits?|detainees?|prisoners?|patients?|"
    r"staff|pupils?|bab(?:y|ies)|infants?|teenagers?|miners?|traders?|mourners|fishermen|pilgrims?|relatives|"
    r"volunteers?|medics?|paramedics?|doctors?|nurses?|commanders?|leaders?|operatives?|suspects?|bystanders?|"
    r"victims?|individuals?|Palestinians|Israelis|Ukrainians|Russians|Syrians|Iraqis|Yemenis|Sudanese|Somalis|"
    r"Afghans|Nigerians|Malians|Kurds|chiefs?|elders?|imams?|priests?|pastors?|officials?|mayors?|governors?|"
    r"shepherds?|teachers?|drivers?|guests?|monks?|nuns?|hostages?|captives?|crew)\b", re.IGNORECASE)
_DIED = (r"(?:killed|dead|died|slain|shot dead|massacred|executed|beheaded|murdered|lost their lives|lost his life|"
         r"lost her life|perished|bodies (?:were )?(?:found|recovered))")
_NOUN = r"(?:[\w-]+ ){0,3}?"
_PATTERNS = [
    # "killing 12", "killed at least five people", "claimed 30 lives", "left 20 dead"
    re.compile(rf"\b(?:kill(?:ed|ing|s)|massacred|executed|shot dead|beheaded|lynched|murdered|gunned down) {_QUAL}{_N}\b",
               re.IGNORECASE),
    re.compile(rf"\bbodies of {_QUAL}{_N}\b", re.IGNORECASE),
    re.compile(rf"\bclaim(?:ed|ing|s)? {_QUAL}{_N} (?:lives|victims)\b", re.IGNORECASE),
    # "12 people were killed", "five soldiers died", "20 dead", "one person has been killed"
    re.compile(rf"\b{_QUAL}{_N} (?P<who>{_NOUN})(?:(?:were|was|have been|has been|had been|are|is|reportedly|also) )*{_DIED}\b",
               re.IGNORECASE),
    re.compile(rf"\b{_QUAL}{_N} (?:deaths|fatalities|dead\b)", re.IGNORECASE),
    # "the death toll rose to 45", "a toll of 30"
    re.compile(rf"\b(?:death toll|toll)(?: \w+){{0,4}}? (?:of|to|at|reached|is|was|stands at|stood at|hit) {_QUAL}{_N}\b",
               re.IGNORECASE),
]
# "three children and a woman were killed": one count of four, not two counts
_TWO_GROUPS = re.compile(
    rf"\b{_QUAL}(?P<n>{_NUMBER}) (?P<who>(?:[\w-]+ )??[\w-]+) and {_QUAL}(?P<n2>{_NUMBER}) (?P<who2>(?:[\w-]+ )??[\w-]+) "
    rf"(?:(?:were|have been|had been|are) )?{_DIED}\b", re.IGNORECASE)
_NONE_KILLED = re.compile(r"\b(?:no one|nobody|no-one|none) (?:was |were )?(?:killed|hurt|dead|died)|"
                          r"\bno (?:deaths|casualties|fatalities)\b", re.IGNORECASE)
_NOT_DEATHS = re.compile(r"\b(?:wounded|injured|hurt|arrested|detained|displaced|abducted|kidnapped|missing)\b", re.IGNORECASE)


def number_value(words: str) -> int | None:
    """Return the integer a number written in figures or English words stands for."""
    w = words.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    if w in _VAGUE:
        return _VAGUE[w]
    if w.endswith("dozen"):
        head = w[: -len("dozen")].strip()
        return 12 * (1 if head in ("a", "") else (_UNITS.get(head) or 1))
    total, current = 0, 0
    for part in re.split(r"[- ]", w):
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


_UNIT = re.compile(r"(?:km|kilomet\w*|miles?|metres?|meters?|hours?|days?|weeks?|months?|years?|times|percent|per|%)\b",
                   re.IGNORECASE)


_NOT_A_COUNT = {"number", "few", "lot", "total", "handful", "couple", "series", "string", "wave"}


def _counts_people(m: re.Match[str], text: str, victims_after: bool) -> bool:
    """Return whether a matched number counts the dead, not wounded people, strikes or kilometres."""
    article = m.group("n").lower() in ("a", "an")
    if victims_after:  # "killed 12 people", "killed 12", "killing a soldier"; not "killed 12 km away", "killing a number of"
        after = text[m.end("n"):m.end("n") + 40].split()[:3]
        if article:
            words = [w.strip(",.;:").lower() for w in after]
            return bool(words) and words[0] not in _NOT_A_COUNT and any(_PERSON.fullmatch(w) for w in words[:2])
        return not (after and _UNIT.match(after[0]))
    if _NOT_DEATHS.search(m.group(0)[m.end("n") - m.start():]):
        return False  # "12 wounded and two killed": the 12 belongs to the wounded
    who = m.group("who").split()
    if article:
        return bool(who) and bool(_PERSON.fullmatch(who[-1]))
    return not who or bool(_PERSON.fullmatch(who[-1]))


def fatalities(text: str) -> int | None:
    """Return the lowest number of deaths the text states, 0 when it says nobody died, None when it says nothing."""
    found: list[int] = []
    summed: list[tuple[int, int]] = []
    for m in _TWO_GROUPS.finditer(text):
        if _PERSON.fullmatch(m.group("who").split()[-1]) and _PERSON.fullmatch(m.group("who2").split()[-1]):
            first, second = number_value(m.group("n")), number_value(m.group("n2"))
            if first is not None and second is not None:
                found.append(first + second)
                summed.append(m.span())
    for i, pattern in enumerate(_PATTERNS):
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            pos = m.start("n") + 1  # matches may overlap: "12 wounded and two killed"
            if re.search(r"\bno $", text[max(0, m.start("n") - 3):m.start("n")], re.IGNORECASE):
                continue  # "no one was killed"
            if i in (0, 1, 3) and not _counts_people(m, text, victims_after=i in (0, 1)):
                continue
            value = number_value(m.group("n"))
            if value is not None and not any(s <= m.start("n") < e for s, e in summed):
                found.append(value)
    if found:
        return min(found)
    return 0 if _NONE_KILLED.search(text) else None
