from geodata.articles import read_articles, seed_files
from geodata.passages import MAX_PASSAGE, find_alias_mentions, split_passages
from geodata.places import load_curated


def seed():
    return next(read_articles(seed_files()[0]))


def test_seed_metadata():
    article = seed()
    assert article.id == "baghouz-2019-02-17"
    assert article.title == "'Taking their last breath': IS hides among Syrian civilians"
    assert article.published == "2019-02-17"
    assert article.language == "en"
    assert "Rojava Information Center" in article.credit


def test_passages_are_verbatim_paragraphs():
    article = seed()
    passages = split_passages(article.id, article.text)
    assert len(passages) == 20
    for p in passages:
        excerpt = article.text[p.start : p.end]
        assert excerpt == excerpt.strip() and "\n\n" not in excerpt
    assert article.text[passages[-1].start : passages[-1].end].endswith("he added.")


def test_every_alias_mention_is_found_with_offsets():
    article = seed()
    mentions = find_alias_mentions(article.id, article.text, load_curated())
    by_place = {}
    for m in mentions:
        by_place.setdefault(m.place_slug, []).append(article.text[m.start : m.end])
    assert by_place["baghouz"] == ["Baghouz"] * 3
    assert by_place["hajin"] == ["Hajin"]
    assert by_place["raqqa"] == ["Raqqa"]
    assert by_place["al-susah"] == ["Al-Susah"]
    assert by_place["euphrates"] == ["Euphrates River"]  # the longest alias wins over "Euphrates"
    assert by_place["deir-ez-zor-province"] == ["Deir el-Zour province"]
    assert len(by_place["syria"]) == 5 and len(by_place["iraq"]) == 2


def test_a_name_inside_a_longer_word_is_not_a_mention():
    places = load_curated()
    text = "Syrian forces and Iraqi troops met; Syria's border stayed shut."
    found = [text[m.start : m.end] for m in find_alias_mentions("a", text, places)]
    assert found == ["Syria"]


def test_arabic_names_are_found():
    places = load_curated()
    text = "سقطت الرقة في صيف 2017"
    [m] = find_alias_mentions("a", text, places)
    assert (m.place_slug, text[m.start : m.end]) == ("raqqa", "الرقة")


def test_single_line_breaks_make_passages():
    text = "Shelling hit Raqqa.\nTwo died in Hajin.\r\nThe road was shut."
    got = [text[p.start : p.end] for p in split_passages("a", text)]
    assert got == ["Shelling hit Raqqa.", "Two died in Hajin.", "The road was shut."]


def test_long_paragraph_is_cut_at_sentence_ends_verbatim():
    sentence = "Fighters of the U.S.-backed force entered the town of Al-Susah on Sunday after a week of shelling. "
    text = "Title\n" + sentence * 40 + "\nLast line."
    passages = split_passages("a", text)
    assert len(passages) > 4
    for p in passages:
        excerpt = text[p.start : p.end]
        assert len(excerpt) <= MAX_PASSAGE and excerpt == excerpt.strip()
        assert excerpt == "Title" or excerpt.endswith(".")  # cut after a sentence, never inside one
    # every character of text that is not a space lies in exactly one passage
    covered = "".join(text[p.start : p.end] for p in passages)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_one_overlong_sentence_is_cut_at_a_space():
    text = "word " * 500
    passages = split_passages("a", text)
    assert all(p.end - p.start <= MAX_PASSAGE for p in passages)
    assert all(text[p.start : p.end].split() == ["word"] * len(text[p.start : p.end].split()) for p in passages)
