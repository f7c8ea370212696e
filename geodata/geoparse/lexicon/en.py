"""English words the recogniser and resolver read: connectors, type words, cues, titles, stop words.

Each list is defined here once; recognize.py and resolve.py import them.
"""
from __future__ import annotations

CONNECTORS = {"of", "de", "del", "la", "le", "du", "da", "upon", "on", "am", "an", "der", "di", "do", "dos", "al", "el"}
TYPE_WORDS = {"river": "river", "province": "province", "governorate": "province", "county": "county",
              "state": "province", "region": "province", "district": "province", "city": "city",
              "town": "town", "village": "village", "oblast": "province", "prefecture": "province"}
DIRECTIONS = {
    "northern": (5 / 6, 0.5), "southern": (1 / 6, 0.5), "eastern": (0.5, 5 / 6), "western": (0.5, 1 / 6),
    "central": (0.5, 0.5), "northeastern": (5 / 6, 5 / 6), "northwestern": (5 / 6, 1 / 6),
    "southeastern": (1 / 6, 5 / 6), "southwestern": (1 / 6, 1 / 6), "north": (5 / 6, 0.5),
    "south": (1 / 6, 0.5), "east": (0.5, 5 / 6), "west": (0.5, 1 / 6),
}
# Head words of institutions named after the place they serve: in "Texas Department
# of Health", "Ohio State University", "Dublin City Council", "Laurel County Sheriff"
# the leading name is the place (annotators and readers agree), whereas in
# "Islamic State" or "ITV News" no leading part is a place.
ORG_HEADS = set("""department dept university college school schools high middle elementary academy court
supreme circuit senate house assembly legislature council city police sheriff fire public library
hospital medical health state board commission airport museum zoo chamber community historical convention
township utilities water church cathedral parks transit highway patrol republican democratic democrats
republicans national guard attorney district""".split())
# Head words of institutions written "X of Y" ("Southern District of Ohio", "Bank of England",
# "University of Texas"): X names the institution, never a place; Y may be one.
INSTITUTIONS = frozenset("""district university college school academy institute court tribunal bank ministry
department office council commission board agency authority embassy consulate museum library hospital church
diocese archdiocese chamber federation association society foundation corporation company""".split())
NAME_SUFFIXES = ("-area", "-based", "-born", "-bound")

# US states as the AP stylebook abbreviates them ("Gainesville, Ga.", "Charleston, W.Va.")
# and as postal codes ("Paris, TX"); toponyms only right after "Place, ", since "Miss.",
# "Ind." or "PA" mean other things elsewhere.
US_STATE_ABBREVS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}
# Abbreviated subdivisions that stand alone in running text ("in NSW", "Vancouver, B.C.").
SUBDIVISION_ABBREVS = {"NSW": "iso3166:AU-NSW", "B.C.": "iso3166:CA-BC"}
US_POSTAL = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
              "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
COLLECTIVE = {"countries", "nations", "states", "capitals", "governments", "allies", "neighbours", "neighbors"}
CUES = {"in", "at", "near", "from", "to", "into", "outside", "around", "across", "toward", "towards",
         "through", "via", "between", "of", "inside", "throughout", "across", "north", "south", "east", "west"}
TITLES = {"mr", "mrs", "ms", "dr", "president", "gov", "governor", "sen", "senator", "rep", "mayor", "gen",
           "general", "col", "colonel", "capt", "captain", "lt", "sgt", "judge", "sheikh", "king", "queen",
           "prince", "princess", "minister", "prime", "pope", "saint", "st", "rev", "officer", "coach", "chief",
           "secretary", "director", "professor", "prof", "sir", "lord", "lady", "commissioner", "sheriff",
           "deputy", "spokesman", "spokeswoman", "ambassador", "commander", "emir", "ayatollah"}
# Words that never start or belong to a toponym when capitalised.
STOP = set("""a an and the but or nor if when while after before for with by to of as this that these those it
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
ETHNONYMS = set("""arab arabs kurd kurds kurdish sunni sunnis shia shiite shiites muslim muslims christian
christians jewish jew jews alawite alawites druze yazidi yazidis turkmen pashtun baloch tamil tamils hindu hindus
sikh sikhs catholic catholics orthodox latino latinos hispanic bedouin berber berbers persian""".split())

# Lowercase transliteration particles (the Arabic article) that join the words of one name:
# "Tall ad Daman", "Ras al Ain", "Deir ez Zor".  A run they join that no gazetteer name covers
# is read as its parts again, so the English "as", "at", "an" do not glue names together.
PARTICLES = frozenset("al el as ad ar an ash az at ath ed er es ez ul".split())
CONNECTORS |= PARTICLES

# Short capitalised words with a dot that are abbreviations, not a word before a full stop:
# "Gen. Smith", "Orchard St.", "Jan. 5", "Gainesville, Ga."; any other "Chad." or "Iran."
# before a capital or the end of the text is the name and a full stop.
ABBREVIATIONS = frozenset("""st mt ft co inc corp ltd jr sr no nos vol ave rd blvd dr ln pl sq hwy pkwy est dept univ
bros assn govt intl natl jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
ala ariz ark calif cal colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nebr nev
okla ore pa tenn tex vt va wash wis wisc wyo mr mrs ms messrs gov sen rep gen col capt lt sgt rev prof cmdr adm
maj brig cpl pvt supt insp det sens reps govs lts gens""".split())

# Verbs of saying: "Victoria said" is a person when Victoria is a given name (a country or a
# capital that speaks is a metonym, and stays a place).
SPEECH_VERBS = frozenset("""said says told tells added adds asked asks wrote writes explained explains stated noted
recalled insisted argued replied announced declared tweeted posted laughed smiled recalls thinks thought believes
believed knows knew wants wanted""".split())

# Words before "the X" that make X a river: "along the banks of the Niger", "crossed the Euphrates".
RIVER_CUES = frozenset("""bank banks shore shores waters along across crossed crossing cross upstream downstream
estuary delta mouth river riverbank""".split())
