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
from geodata.geoparse.gazetteer import EXACT_CASE, WITH_TYPE_WORD, Gazetteer, Place
from geodata.geoparse.normalize import ARTICLES, normalize

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$")
_ARTICLE_PREFIX = re.compile(r"^(?:%s)[-'’]" % "|".join(sorted(ARTICLES, key=len, reverse=True)))
_CONNECTORS = {"of", "de", "del", "la", "le", "du", "da", "upon", "on", "am", "an", "der", "di", "do", "dos", "al", "el"}
_TYPE_WORDS = {"river": "river", "province": "province", "governorate": "province", "county": "county",
               "state": "province", "region": "province", "district": "province", "city": "city",
               "town": "town", "village": "village", "oblast": "province", "prefecture": "province"}
_DIRECTIONS = {
    "northern": (5 / 6, 0.5), "southern": (1 / 6, 0.5), "eastern": (0.5, 5 / 6), "western": (0.5, 1 / 6),
    "central": (0.5, 0.5), "northeastern": (5 / 6, 5 / 6), "northwestern": (5 / 6, 1 / 6),
    "southeastern": (1 / 6, 5 / 6), "southwestern": (1 / 6, 1 / 6), "north": (5 / 6, 0.5),
    "south": (1 / 6, 0.5), "east": (0.5, 5 / 6), "west": (0.5, 1 / 6),
}
# Head words of institutions named after the place they serve: in "Texas Department
# of Health", "Ohio State University", "Dublin City Council", "Laurel County Sheriff"
# the leading name is the place (annotators and readers agree), whereas in
# "Islamic State" or "ITV News" no leading part is a place.
_ORG_HEADS = set("""department dept university college school schools high middle elementary academy court
supreme circuit senate house assembly legislature council city police sheriff fire public library
hospital medical health state board commission airport museum zoo chamber community historical convention
township utilities water church cathedral parks transit highway patrol republican democratic democrats
republicans national guard attorney district""".split())
_NAME_SUFFIXES = ("-area", "-based", "-born", "-bound")

# US states as the AP stylebook abbreviates them ("Gainesville, Ga.", "Charleston, W.Va.")
# and as postal codes ("Paris, TX"); toponyms only right after "Place, ", since "Miss.",
# "Ind." or "PA" mean other things elsewhere.
_US_STATE_ABBREVS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}
# Abbreviated subdivisions that stand alone in running text ("in NSW", "Vancouver, B.C.").
_SUBDIVISION_ABBREVS = {"NSW": "iso3166:AU-NSW", "B.C.": "iso3166:CA-BC"}
_SUBDIVISION_RE = re.compile(r"(?<![\w.])(?<!\d )(NSW|B\.C\.)(?!\w)")
_US_POSTAL = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
              "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
_US_STATE_RE = re.compile(r", (?:(%s)|(%s)(?!\w|\.\w))" % (
    "|".join(re.escape(k) for k in sorted(_US_STATE_ABBREVS, key=len, reverse=True)), "|".join(_US_POSTAL)))

_COLLECTIVE = {"countries", "nations", "states", "capitals", "governments", "allies", "neighbours", "neighbors"}
_CUES = {"in", "at", "near", "from", "to", "into", "outside", "around", "across", "toward", "towards",
         "through", "via", "between", "of", "inside", "throughout", "across", "north", "south", "east", "west"}
_TITLES = {"mr", "mrs", "ms", "dr", "president", "gov", "governor", "sen", "senator", "rep", "mayor", "gen",
           "general", "col", "colonel", "capt", "captain", "lt", "sgt", "judge", "sheikh", "king", "queen",
           "prince", "princess", "minister", "prime", "pope", "saint", "st", "rev", "officer", "coach", "chief",
           "secretary", "director", "professor", "prof", "sir", "lord", "lady", "commissioner", "sheriff",
           "deputy", "spokesman", "spokeswoman", "ambassador", "commander", "emir", "ayatollah"}
# Words that never start or belong to a toponym when capitalised.
_STOP = set("""a an and the but or nor if when while after before for with by to of as this that these those it
he she we they i his her our their its my your you them there here then so yet not no yes all any some each every
what which who whom whose where why how is are was were be been being do does did has have had will would can
could should may might must shall in on at from into over under about against during since until per than also
just only even still more most many much such other another monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november december
mon tue tues wed thu thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec one two three
four five six seven eight nine ten first second third last next according said says though although because
however meanwhile today yesterday tomorrow tonight god christmas easter ramadan eid""".split())

# Peoples and faiths that are not countries (so not in the demonym table) yet
# collide with small GeoNames places ("Arab", Alabama).
_ETHNONYMS = set("""arab arabs kurd kurds kurdish sunni sunnis shia shiite shiites muslim muslims christian
christians jewish jew jews alawite alawites druze yazidi yazidis turkmen pashtun baloch tamil tamils hindu hindus
sikh sikhs catholic catholics orthodox latino latinos hispanic bedouin berber berbers persian""".split())

_DATA = DATA_DIR


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Return English words that are also place names (capitalised: weak evidence)."""
    text = (_DATA / "common_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


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
_CONNECTOR_AFTER = re.compile(r" (?:%s)(?!%s|[-'’]%s)" % ("|".join(sorted(_CONNECTORS, key=len, reverse=True)), _W, _W))
_ABBREV_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.")


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Split text into runs of capitalised tokens joined by single spaces/connectors."""
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # a connector waiting for the next capitalised word
    last_end = 0
    for m in _RUN_TOKEN.finditer(text):
        s, e = m.span()
        tok = m.group()
        if tok[-1] == "." and not _ABBREV_TOKEN.fullmatch(tok):
            e, tok = e - 1, tok[:-1]  # a full stop, not an abbreviation dot
        if "-" in tok and tok.casefold().endswith(_NAME_SUFFIXES):  # "Gainesville-area" dealership
            cut = tok.rindex("-")
            e, tok = e - (len(tok) - cut), tok[:cut]
        if "'" in tok or "’" in tok:
            if tok.endswith(("'s", "’s")):
                e, tok = e - 2, tok[:-2]
            if _CONTRACTION.search(tok):  # "I've", "You'd"
                tok = ""
        if len(tok) < 2 or tok.casefold().rstrip(".") in _STOP:
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
    """Add "Ga.", "W.Va.", "TX" right after "Place, " as mentions of the state."""
    found = []
    for m in _US_STATE_RE.finditer(text):
        s = m.start() + 2
        if s < 3 or not text[s - 3].isalpha():
            continue
        code = _US_STATE_ABBREVS[m.group(1)] if m.group(1) else m.group(2)
        state = gaz.admin1("US", code)
        if state is not None:
            found.append(Candidate(s, m.end(), text[s:m.end()], [(state, 0)], key=normalize(state.name)))
    if "NSW" in text or "B.C." in text:
        for m in _SUBDIVISION_RE.finditer(text):  # not "300 B.C."
            sub = gaz.get(_SUBDIVISION_ABBREVS[m.group(1)])
            if sub is not None:
                found.append(Candidate(m.start(), m.end(), m.group(), [(sub, 0)], key=normalize(sub.name)))
    if not found:
        return out
    keep = [c for c in out if not any(c.start < f.end and f.start < c.end for f in found)]
    return sorted(keep + found, key=lambda c: c.start)


def recognize(text: str, gaz: Gazetteer, *, demonyms: bool = False) -> list[Candidate]:
    """Return toponym candidates in text, in order, with gazetteer entries."""
    out: list[Candidate] = []
    surnames: set[str] = set()
    rejected: list[tuple[int, int, str]] = []
    common = common_words()
    lowered = None
    runs = []
    for run in _runs(text):  # "U.S. President Donald Trump": a place, then a titled person
        cut = None
        for i in range(1, len(run)):
            if run[i][2].casefold().rstrip(".") in _TITLES:
                cut = i
                break
        if cut is not None and cut + 1 < len(run):
            surnames.add(normalize(run[-1][2]))
            run = run[:cut]
        if "\u0600" <= run[0][2][0] <= "\u06ff":  # no capitals in Arabic: longest gazetteer match
            i = 0
            while i < len(run):
                for j in range(min(len(run), i + 4), i, -1):
                    key = normalize(text[run[i][0]:run[j - 1][1]])
                    if len(key) > 2 and gaz.lookup(key):
                        runs.append(run[i:j])
                        i = j
                        break
                else:
                    i += 1
            continue
        runs.append(run)
    # "Anne McLellan of Edmonton", "University of Texas": a run joined by a connector
    # that no gazetteer name covers whole is read as its parts.
    joined = [r for r in runs if len(r) > 2 and any(t[2] in _CONNECTORS for t in r[1:-1])]
    if joined:
        gaz.prefetch(normalize(text[r[0][0]:r[-1][1]]) for r in joined)
        split = []
        for run in runs:
            if len(run) > 2 and not gaz.lookup(normalize(text[run[0][0]:run[-1][1]])):
                part: list[tuple[int, int, str]] = []
                for t in run:
                    if t[2] in _CONNECTORS:
                        if part:
                            split.append(part)
                        part = []
                    else:
                        part.append(t)
                if part:
                    split.append(part)
            else:
                split.append(run)
        runs = split
    keys, items = [], []  # one gazetteer query for the whole text instead of one per run
    for run in runs:
        s0, e0 = run[0][0], run[-1][1]
        whole = text[s0:e0]
        key = normalize(whole)
        keys.append(key)
        nxt, nxt_end = _next_word(text, e0)
        type_word = _TYPE_WORDS.get(nxt.casefold()) if nxt else None
        type_key = normalize(text[s0:nxt_end]) if type_word else None
        if type_key:
            keys.append(type_key)
        items.append((run, s0, e0, whole, key, nxt, nxt_end, type_word, type_key))
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
        if not places and len(run) > 1:  # "Texas Department of ...": the place the institution serves
            for k in range(len(run) - 1, 0, -1):
                if run[k][2].casefold() in _ORG_HEADS and (prefix := gaz.lookup(normalize(text[s0:run[k - 1][1]]))):
                    places, run, e0 = list(prefix), run[:k], run[k - 1][1]
                    whole, key, span, type_word, nxt, nxt_end = text[s0:e0], normalize(text[s0:e0]), (s0, e0), None, "", e0
                    break
        if not places and len(run) > 1:  # "U.S. Army", "Acting U.S. Attorney": a country acronym inside a name
            for ts, te, tok in run:
                if (tok.isupper() or "." in tok) and len(tok.replace(".", "")) <= 4:
                    hits = [(p, f) for p, f in gaz.lookup(normalize(tok)) if f == EXACT_CASE and p.kind == "country"]
                    if hits and tok.replace(".", "").isupper():
                        surnames.add(normalize(run[-1][2]))
                        places, run, s0, e0 = hits, [(ts, te, tok)], ts, te
                        whole, key, span, type_word, nxt, nxt_end = tok, normalize(tok), (ts, te), None, "", te
                        break
        if not places and len(run) > 1:  # a person or organisation (titled or not)
            surnames.add(normalize(run[-1][2]))
            rejected.append((s0, e0, whole))
            continue
        prev = _prev_word(text, s0)
        if prev in _TITLES:  # "President Assad", "Gen. Mazloum": a person
            surnames.add(normalize(run[-1][2]))
            continue
        dem = None
        if len(run) == 1 and whole.casefold() in _ETHNONYMS:
            continue
        if not places and len(run) == 1:
            dem = gaz.demonym(whole)
            if dem is not None:
                if nxt.casefold() in _COLLECTIVE:
                    span, places = (s0, nxt_end), [(dem, 0)]
                elif demonyms:
                    places = [(dem, 0)]
                else:
                    continue
        if not places:
            if len(run) > 1:
                surnames.add(normalize(run[-1][2]))
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
        if type_word == "province":
            provinces = [(p, f) for p, f in places if p.kind == "province"]
            places = provinces or places
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
        if m and m.group(1).casefold() in _DIRECTIONS and any(p.bbox for p, _ in places):
            direction = m.group(1).casefold()
            span = (span[0] - len(m.group(0)), span[1])
        out.append(Candidate(span[0], span[1], text[span[0]:span[1]], places, type_word=type_word,
                             direction=direction, cue=prev in _CUES, near=prev in ("near", "outside"),
                             sentence_start=sent, common=is_common, demonym=dem is not None, key=key))
    if ", " in text or "NSW" in text or "B.C." in text:
        out = _us_state_abbreviations(text, gaz, out)
    if surnames:  # "Trump said", "Bali added": surnames seen in longer person/organisation runs
        out = [c for c in out if not (c.key in surnames and len(c.key.split()) == 1 and not c.cue
                                      and all(p.kind not in ("country", "province") for p, _ in c.places))]
    return out
