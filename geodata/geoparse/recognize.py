"""Find toponym candidates in plain text: spans plus gazetteer candidates.

Rules (generic, none tuned to one article):
- A candidate is a run of capitalised words (or Arabic-script words), joined by
  single spaces and by the connectors "of", "de", "upon", ...; leading function
  words ("In", "The") are dropped; months, weekdays and titles break runs.
- A run must be matched *whole* by a gazetteer name, optionally followed by a
  type word ("Euphrates River", "Deir el-Zour province").  A gazetteer name that
  covers only part of a run is rejected: "Mustafa Bali", "Islamic State",
  "Syrian Democratic Forces", "ITV News" are names of people and organisations.
  Surnames seen in such runs are then rejected when they stand alone.
- Demonyms ("Syrian", "Kurdish") are not toponyms by default; a continental or
  national adjective followed by "countries"/"nations"/"states" is ("other
  European countries" -> Europe).  ``demonyms=True`` also returns bare demonyms
  resolved to their country, for corpora that annotate them.
- Direction words before a country or province make a region ("northern Syria").
- Metonyms ("Washington said") are kept as the place: the reader still wants
  the place on the map, and telling a government from a city needs more than
  rules; they resolve like any mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from geodata import DATA_DIR
from geodata.geoparse.abbreviations import abbreviated_subdivisions
from geodata.geoparse.arabic import arabic_names
from geodata.geoparse.gazetteer import EXACT_CASE, PRIMARY, VARIANT, WITH_TYPE_WORD, Gazetteer, Place
from geodata.geoparse.joined import leading_keys, leading_place, split_joined
from geodata.geoparse.lexicon import en, given_names
from geodata.geoparse.normalize import ARTICLES, normalize

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$")
_ARTICLE_PREFIX = re.compile(r"^(?:%s)[-'’]" % "|".join(sorted(ARTICLES, key=len, reverse=True)))


_DATA = DATA_DIR


@lru_cache(maxsize=2)
def common_words(name: str = "common_words.txt") -> frozenset[str]:
    """Return English words that are also place names (capitalised: weak evidence), or another list of data/."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _loose_word(whole: str, key: str, common: frozenset[str]) -> bool:
    """Say whether a name matched only by its skeleton is an English word or a first name ("Web", "Deann")."""
    loose = common_words("variant_words.txt")
    return any(w in common or w in loose or w in given_names() for w in {key, whole.casefold()})


@dataclass
class Candidate:
    """A recognised span and the gazetteer entries it may denote."""

    start: int
    end: int
    text: str
    places: list[tuple[Place, int]]
    type_word: str | None = None      # "province", "river", ... written after the name
    direction: str | None = None      # "northern", ... written before the name
    cue: bool = False                 # preceded by in/at/near/from ...
    near: bool = False                # "near X": the event is close to, not in, X
    sentence_start: bool = False
    common: bool = False              # also an English word
    demonym: bool = False
    variant: bool = False             # matched only by its transliteration skeleton ("Shaddadi")
    key: str = ""
    extra: dict = field(default_factory=dict)


def _is_cap(tok: str) -> bool:
    c = tok[0]
    if c.isupper() or "\u0600" <= c <= "\u06ff":  # Arabic script has no case
        return True
    m = _ARTICLE_PREFIX.match(tok)  # "al-Baghuz", "el-Zour"
    return bool(m) and tok[m.end():m.end() + 1].isupper()


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;—–-…"


def _char_class(pred) -> str:
    """Return a regex character class body for the BMP characters satisfying pred, as ranges."""
    out, i = [], 0
    while i < 0x10000:
        if pred(chr(i)):
            j = i
            while j + 1 < 0x10000 and pred(chr(j + 1)):
                j += 1
            out.append(re.escape(chr(i)) + ("-" + re.escape(chr(j)) if j > i else ""))
            i = j + 1
        else:
            i += 1
    return "".join(out)


# One regex pass finds only the tokens that matter for runs: capitalised (or
# Arabic-script, or "al-"+capital) words and acronyms with dots.  Its pattern
# starts with a character class so the regex engine skips other text fast.
# Anything between two such tokens other than one space (or one space, a
# connector, one space) breaks the run, as a lowercase word or punctuation does.
_W = r"[^\W\d_]"
_UPPER = _char_class(str.isupper) + "\u0600-\u06ff"
_ART_FIRST: dict[str, list[str]] = {}
for _a in sorted(ARTICLES, key=len, reverse=True):
    _ART_FIRST.setdefault(_a[0], []).append(_a[1:])
_RUN_TOKEN = re.compile(
    r"[%(up)s%(af)s](?<!%(w)s.)(?<!%(w)s[-'’].)(?:"
    r"(?<=[A-Z])\.(?:[A-Z]\.)+"
    r"|(?<=[%(up)s])%(w)s*(?:[-'’]%(w)s+)*\.?"
    r"|(?:%(art)s)[-'’](?=[%(up)s])%(w)s+(?:[-'’]%(w)s+)*\.?)" % {
        "w": _W, "up": _UPPER, "af": "".join(_ART_FIRST),
        "art": "|".join("(?<=%s)(?:%s)" % (f, "|".join(r)) for f, r in _ART_FIRST.items())})
_CONNECTOR_AFTER = re.compile(r" (?:%s)(?!%s|[-'’]%s)" % ("|".join(sorted(en.CONNECTORS, key=len, reverse=True)), _W, _W))
_ABBREV_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.")
_AFTER_FULL_STOP = re.compile(r"\s*$|\s*\n|\s+[\"'“‘(\[]*[%s]" % _UPPER)


def _full_stop(text: str, tok: str, end: int) -> bool:
    """Say whether the dot ending a short word ("Chad.", "Iran.") ends a sentence rather than an abbreviation.

    An initial ("M. Bell") and a listed abbreviation ("Gen.", "St.", "Ga.") keep their dot.
    """
    return (len(tok) > 2 and "." not in tok[:-1] and tok[:-1].casefold() not in en.ABBREVIATIONS
            and _AFTER_FULL_STOP.match(text, end) is not None)


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Split text into runs of capitalised tokens joined by single spaces/connectors."""
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # a connector waiting for the next capitalised word
    last_end = 0
    for m in _RUN_TOKEN.finditer(text):
        s, e = m.span()
        tok = m.group()
        if tok[-1] == "." and (not _ABBREV_TOKEN.fullmatch(tok) or _full_stop(text, tok, e)):
            e, tok = e - 1, tok[:-1]  # a full stop, not an abbreviation dot
        if "-" in tok and tok.casefold().endswith(en.NAME_SUFFIXES):  # "Gainesville-area" dealership
            cut = tok.rindex("-")
            e, tok = e - (len(tok) - cut), tok[:cut]
        if "'" in tok or "’" in tok:
            if tok.endswith(("'s", "’s")):
                e, tok = e - 2, tok[:-2]
            if _CONTRACTION.search(tok):  # "I've", "You'd"
                tok = ""
        if len(tok) < 2 or tok.casefold().rstrip(".") in en.STOP:
            if cur:  # "I've", "You'd", "The", "A": break the run
                runs.append(cur)
            cur, pending = [], []
            continue
        if cur and text[last_end:s] == " ":
            cur.extend(pending)
        else:
            if cur:
                runs.append(cur)
            cur = []
        cur.append((s, e, tok))
        last_end = e
        c = _CONNECTOR_AFTER.match(text, e)
        if c:
            pending = [(c.start() + 1, c.end(), c.group()[1:])]
            last_end = c.end()
        else:
            pending = []
    if cur:
        runs.append(cur)
    return runs


_NEXT_WORD = re.compile(r" ([^\W\d_]+)")
_DIRECTION_BEFORE = re.compile(r"([A-Za-z]+)[ -]$")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _prev_word(text: str, pos: int) -> str:
    """Return the word before pos (skipping spaces and commas), within 30 characters, casefolded."""
    lo = max(0, pos - 30)
    i = pos
    while i > lo and (text[i - 1] == "," or text[i - 1].isspace()):
        i -= 1
    j = i
    while j > lo and text[j - 1].isalnum() and not text[j - 1].isdecimal():  # [^\W\d_]
        j -= 1
    return text[j:i].casefold()


def _next_word(text: str, pos: int) -> tuple[str, int]:
    m = _NEXT_WORD.match(text, pos, pos + 30)
    return (m.group(1), m.end()) if m else ("", pos)


def _us_state_abbreviations(text: str, gaz: Gazetteer, out: list[Candidate]) -> list[Candidate]:
    """Add "Ga.", "W.Va.", "TX" right after "Place, " (and "NSW", "B.C.") as mentions of the state."""
    found = [Candidate(s, e, text[s:e], [(p, 0)], key=normalize(p.name)) for s, e, p in abbreviated_subdivisions(text, gaz)]
    if not found:
        return out
    taken = bytearray(len(text) + 1)  # linear: mark the abbreviations, then drop what overlaps them
    for f in found:
        taken[f.start:f.end] = b"\x01" * (f.end - f.start)
    keep = [c for c in out if taken.find(1, c.start, c.end) == -1]
    return sorted(keep + found, key=lambda c: c.start)


def _learn_surname(run: list[tuple[int, int, str]], surnames: set[str]) -> None:
    """Remember a run's last word as a surname if the run can be a person's name ("Mustafa Bali").

    A person's name is two or three words, not counting a title and initials ("Rep. Joseph F.
    Wagner"); longer runs are names of things ("Urban Heat Island Chicago"), whose last word
    says nothing about that word elsewhere.
    """
    words = [t for t in run if not (len(t[2]) == 2 and t[2][1] == ".") and t[2].casefold().rstrip(".") not in en.TITLES]
    if 2 <= len(words) <= 3 and not words[0][2].isupper():  # "CTV Edmonton" is a newsroom, not a person
        surnames.add(normalize(run[-1][2]))


_RIVER_BEFORE = re.compile(r"([a-z]+)(?: of)? the $")


def _river_cue(text: str, pos: int) -> bool:
    """Say whether "the X" at pos follows a word that makes X a river ("banks of the", "crossed the")."""
    m = _RIVER_BEFORE.search(text, max(0, pos - 30), pos)
    return bool(m) and m.group(1) in en.RIVER_CUES


_SETTLEMENT_KINDS = ("city", "town", "village")


def _of_type(places: list[tuple[Place, int]], type_word: str | None) -> list[tuple[Place, int]]:
    """Keep the entries of the kind a type word names ("Kunduz province", "نهر الفرات"), if any."""
    if type_word == "province":
        kept = [(p, f) for p, f in places if p.kind == "province"]
    elif type_word == "river":
        kept = [(p, f) for p, f in places if p.kind == "river"]
    elif type_word in _SETTLEMENT_KINDS:
        kept = [(p, f) for p, f in places if p.kind in _SETTLEMENT_KINDS]
    else:
        return places
    return kept or places


def recognize(text: str, gaz: Gazetteer, *, demonyms: bool = False, keep: frozenset[str] = frozenset()) -> list[Candidate]:
    """Return toponym candidates in text, in order, with gazetteer entries.

    Runs whose key is in `keep` (names a reader's rule covers) are returned even when no
    gazetteer entry matches them (with no places).
    """
    out: list[Candidate] = []
    surnames: set[str] = set()
    rejected: list[tuple[int, int, str]] = []
    common = common_words()
    lowered = None
    runs = []
    ar_types: dict[int, tuple[int, str]] = {}  # name start -> (start of its Arabic type word, type)
    caps = gaz.capitals()
    for run in _runs(text):  # "U.S. President Donald Trump": a place, then a titled person
        cut = None
        for i in range(1, len(run)):
            if run[i][2].casefold().rstrip(".") in en.TITLES:
                cut = i
                break
        if cut is not None and cut + 1 < len(run):
            surnames.add(normalize(run[-1][2]))
            run = run[:cut]
        if "\u0600" <= run[0][2][0] <= "\u06ff":  # no capitals in Arabic: longest gazetteer match
            runs.extend(arabic_names(text, run, gaz, ar_types))
            continue
        runs.append(run)
    runs = split_joined(text, runs, gaz)  # "University of Texas": the institution's parts
    keys, items = [], []  # one gazetteer query for the whole text instead of one per run
    for run in runs:
        s0, e0 = run[0][0], run[-1][1]
        whole = text[s0:e0]
        key = normalize(whole)
        keys.append(key)
        nxt, nxt_end = _next_word(text, e0)
        type_word = en.TYPE_WORDS.get(nxt.casefold()) if nxt else None
        type_key = normalize(text[s0:nxt_end]) if type_word else None
        if type_key:
            keys.append(type_key)
        items.append((run, s0, e0, whole, key, nxt, nxt_end, type_word, type_key))
        if len(run) > 1:
            keys.extend(leading_keys(text, run))
    gaz.prefetch(keys)
    for run, s0, e0, whole, key, nxt, nxt_end, type_word, type_key in items:
        places: list[tuple[Place, int]] = []
        span = (s0, e0)
        if type_word:  # "Euphrates River" as one name, else "Deir el-Zour" + province
            places = list(gaz.lookup(type_key))
            if places:
                span, type_word = (s0, nxt_end), None
        if not places:
            places = list(gaz.lookup(key))
            if places and type_word:
                span = (s0, nxt_end)
        if not places and len(run) > 1 and (tail := en.TYPE_WORDS.get(run[-1][2].casefold())):
            places = list(gaz.lookup(normalize(text[s0:run[-2][1]])))  # "Somali Region", "Kunduz Province"
            if places:
                key, type_word = normalize(text[s0:run[-2][1]]), tail
        if not places and len(run) > 1:  # "Texas Department of ...": the place the institution serves
            for k in range(len(run) - 1, 0, -1):
                if run[k][2].casefold() in en.ORG_HEADS and (prefix := gaz.lookup(normalize(text[s0:run[k - 1][1]]))):
                    places, run, e0 = list(prefix), run[:k], run[k - 1][1]
                    whole, key, span, type_word, nxt, nxt_end = text[s0:e0], normalize(text[s0:e0]), (s0, e0), None, "", e0
                    break
        if not places and len(run) > 1 and (lead := leading_place(text, run, gaz, given_names(), common))[0]:
            places, run, e0 = lead[1], run[:lead[0]], run[lead[0] - 1][1]  # "Texas Forest Service": Texas
            whole, key, span, type_word, nxt, nxt_end = text[s0:e0], normalize(text[s0:e0]), (s0, e0), None, "", e0
        if not places and len(run) > 1:  # "U.S. Army", "Acting U.S. Attorney": a country acronym inside a name
            for ts, te, tok in run:
                if (tok.isupper() or "." in tok) and len(tok.replace(".", "")) <= 4:
                    hits = [(p, f) for p, f in gaz.lookup(normalize(tok)) if f == EXACT_CASE and p.kind == "country"]
                    if hits and tok.replace(".", "").isupper():
                        _learn_surname(run, surnames)
                        places, run, s0, e0 = hits, [(ts, te, tok)], ts, te
                        whole, key, span, type_word, nxt, nxt_end = tok, normalize(tok), (ts, te), None, "", te
                        break
        if not places and key in keep:
            out.append(Candidate(s0, e0, whole, [], key=key))
            continue
        if not places and len(run) > 1:  # a person or organisation (titled or not)
            _learn_surname(run, surnames)
            rejected.append((s0, e0, whole))
            continue
        prev = _prev_word(text, s0)
        if prev in en.TITLES:  # "President Assad", "Gen. Mazloum": a person
            surnames.add(normalize(run[-1][2]))
            continue
        if len(run) == 1 and whole.casefold() in en.ETHNONYMS:
            continue
        # "Somali", "Canadian", "Western": an adjective, never the homonymous place, unless a type
        # word makes it one ("Somali Region")
        dem = gaz.demonym(whole) if len(run) == 1 and type_word is None else None
        if dem is not None:
            if nxt.casefold() in en.COLLECTIVE:
                span, places = (s0, nxt_end), [(dem, 0)]
            elif demonyms:
                places = [(dem, 0)]
            else:
                continue
        elif len(run) == 1 and type_word is None and whole.casefold() in en.DIRECTIONS:
            continue
        if not places:
            if len(run) > 1:
                _learn_surname(run, surnames)
                rejected.append((s0, e0, whole))
            continue
        if text.startswith("$", span[1]) or text.startswith(" $", span[1]):  # "US$460": a currency
            continue
        surface = text[span[0]:span[1]]
        places = [(p, f) for p, f in places
                  if (f != WITH_TYPE_WORD or type_word in ("province",))
                  and (f != EXACT_CASE or surface.replace(".", "").isupper())]
        if whole.endswith(".") and not any(f == EXACT_CASE for _, f in places):
            continue  # "Kan.", "W.Va.": abbreviations we have no table for
        if whole.isupper() and len(whole.replace(".", "")) <= 4:  # acronyms: only exact-case aliases
            places = [(p, f) for p, f in places if f == EXACT_CASE]
        if s0 in ar_types:  # "محافظة الرقة": the Arabic type word before the name is part of the mention
            span, type_word = (ar_types[s0][0], span[1]), ar_types[s0][1]
        if type_word is None and _river_cue(text, s0):  # "along the banks of the Niger"
            places = [*places, *gaz.lookup(normalize(whole + " River"))]
            type_word = "river" if any(p.kind == "river" for p, _ in places) else None
        places = _of_type(places, type_word)
        variant = bool(places) and all(f == VARIANT for _, f in places)
        if variant and _loose_word(whole, key, common):
            continue  # "State" is no spelling of Statte
        if len(run) == 1 and nxt.casefold() in en.SPEECH_VERBS and whole.casefold() in given_names() \
                and not any(p.kind == "country" or (p.gid in caps and p.kind == "city" and f == PRIMARY)
                            for p, f in places):
            continue  # "Victoria said": a person (a country or a capital city that speaks is a metonym)
        if not places:
            continue
        sent = _sentence_start(text, s0)
        is_common = key in common
        if sent and len(run) == 1 and all(p.kind not in ("country", "continent") for p, _ in places):
            if lowered is None:
                lowered = set(_LOWER_WORD.findall(text))
            if key in lowered or is_common:
                continue
        direction = None
        m = _DIRECTION_BEFORE.search(text[max(0, span[0] - 15):span[0]])
        if m and m.group(1).casefold() in en.DIRECTIONS and any(p.bbox for p, _ in places):
            direction = m.group(1).casefold()
            span = (span[0] - len(m.group(0)), span[1])
        out.append(Candidate(span[0], span[1], text[span[0]:span[1]], places, type_word=type_word,
                             direction=direction, cue=prev in en.CUES, near=prev in ("near", "outside") or type_word == "near",
                             sentence_start=sent, common=is_common, demonym=dem is not None, key=key,
                             variant=variant))
    if ", " in text or "NSW" in text or "." in text:
        out = _us_state_abbreviations(text, gaz, out)
    if surnames:  # "Trump said", "Bali added": surnames seen in longer person/organisation runs
        out = [c for c in out if not (c.key in surnames and len(c.key.split()) == 1 and not c.cue
                                      and all(p.kind not in ("country", "province") for p, _ in c.places))]
    return out
