"""Quote extraction on passages written for these tests (SCHEMA.md "Quotes" and convention 8)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def find(ex, prefix):
    """The quote whose text starts with `prefix`, or None."""
    return next((q for q in ex.quotes if q.text.startswith(prefix)), None)


def found(ex, prefix):
    """The quote whose text starts with `prefix`; failing the test when there is none."""
    quote = find(ex, prefix)
    assert quote is not None, [q.text for q in ex.quotes]
    return quote


@pytest.mark.parametrize(
    ("text", "prefix", "actor", "cue", "kind"),
    [
        # direct quotation, cue and speaker after the marks, straight and curly
        ('"Serbia will never recognise a state carved out of its own territory," said Serbian Foreign '
         "Minister Ivica Dačić.", "Serbia will never recognise", "SRB", "said", "direct"),
        ("“Our forces are ready to respond to any provocation along the line of contact,” the Armenian "
         "defence ministry said in a statement.", "Our forces are ready", "ARM", "said", "direct"),
        # a further quoted sentence keeps its speaker
        ("“Our forces are ready to respond to any provocation along the line of contact,” the Armenian "
         "defence ministry said in a statement. “The responsibility for any escalation lies entirely with Baku.”",
         "The responsibility for any escalation", "ARM", "said", "direct"),
        # cue before the marks
        ("Russian Foreign Ministry spokeswoman Maria Zakharova said on Wednesday: “The deployment of these "
         "missiles is a direct threat to the security of our country.”", "The deployment of these missiles",
         "RUS", "said", "direct"),
        # multi-sentence quotation: one quote
        ('"The talks were useful. We agreed to meet again in March and to keep the border crossings open," '
         "Hungarian Foreign Minister Péter Szijjártó told reporters.", "The talks were useful. We agreed",
         "HUN", "told", "direct"),
        # pronoun speaker resolved to the last person who acted
        ("Serbian President Aleksandar Vučić met EU envoys in Belgrade on Friday. \"Serbia will never "
         'accept a seat for Kosovo in the Council of Europe," he said.', "Serbia will never accept a seat",
         "SRB", "said", "direct"),
        # a quotation broken by its cue: one quote, from where the content starts
        ('"We will not," Albin Kurti said, "accept any deal that divides the north of Kosovo."',
         "We will not", "XKX", "said", "direct"),
        # a quotation running over two paragraphs
        ('"The talks in Brussels have shown that Belgrade is not ready for a real agreement. We came with '
         'proposals and left with nothing.\n"We will keep building our institutions in the north," Kosovo '
         "Prime Minister Albin Kurti said.", "The talks in Brussels have shown", "XKX", "said", "direct"),
        # a quotation standing alone whose speaker is named only in the next paragraph
        ("“We will not be intimidated by threats from Moscow, and we will keep our borders open to those "
         "fleeing the war.”\nLithuanian Foreign Minister Gabrielius Landsbergis made the remarks at a news "
         "conference in Vilnius on Monday.", "We will not be intimidated", "LTU", "made", "direct"),
        # reported speech with and without "that"
        ("Serbian Prime Minister Ana Brnabić said that Serbia would never impose sanctions on Russia.",
         "Serbia would never impose sanctions", "SRB", "said", "indirect"),
        ("Greek Prime Minister Kyriakos Mitsotakis insisted Greece would defend every island in the Aegean.",
         "Greece would defend every island", "GRC", "insisted", "indirect"),
        ("Kremlin spokesman Dmitry Peskov told reporters Moscow was watching the deployment of NATO troops "
         "in Romania closely.", "Moscow was watching the deployment", "RUS", "told", "indirect"),
        # "..., the ministry said": the content comes first
        ("Turkish drones were delivered to Kosovo last month, the Serbian defence ministry said in a statement.",
         "Turkish drones were delivered", "SRB", "said", "indirect"),
        # a described speaker: the body it speaks for is the actor
        ("A State Department spokesperson said Washington remained committed to the dialogue between "
         "Belgrade and Pristina.", "Washington remained committed", "USA", "said", "indirect"),
        ("The British Embassy in Belgrade said that reports of missile deliveries to Pristina were false.",
         "reports of missile deliveries", "GBR", "said", "indirect"),
        # "adding that ...": a second quote for the same speaker
        ("Japanese Defence Minister Yasukazu Hamada said the missile landed outside Japan's exclusive economic "
         "zone, adding that Tokyo had lodged a protest through diplomatic channels.",
         "Tokyo had lodged a protest", "JPN", "adding", "indirect"),
        # "it" and "the ministry" point back to the body that spoke before
        ("Egypt's foreign ministry condemned the raid on Rafah. It said the operation violated the 1979 peace "
         "treaty with Israel.", "the operation violated the 1979", "EGY", "said", "indirect"),
    ],
)
def test_quote(run_text, text, prefix, actor, cue, kind):
    ex = run_text(text)
    quote = find(ex, prefix)
    assert quote is not None, [q.text for q in ex.quotes]
    assert (quote.actor, quote.cue, quote.kind) == (actor, cue, kind)
    assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # scare quotes are labels, not statements
        ("Kosovo's so-called ‘authorities’ removed the Serb mayors from office on Monday.", "authorities"),
        ("The referendum, widely dismissed as a \"sham\", was held under heavy police presence.", "sham"),
        # "according to" is not a quote (convention 8)
        ("The convoy was attacked near the border, according to Ukraine's interior ministry.", "The convoy"),
        # speakers acting for no actor
        ("“Beijing is testing how far it can push before anyone reacts,” said Ian Chong, a political scientist "
         "at the National University of Singapore.", "Beijing is testing"),
        ("An Armenian human rights group says the shelling has killed 12 civilians since Tuesday.",
         "the shelling has killed"),
        # a quotation that ends its sentence takes no cue from the next one
        ("Protesters carried banners reading “Crimea is Russia.” Later, the Ukrainian ministry said the rally "
         "was staged.", "Crimea is Russia"),
        # paraphrased stance is not reported speech
        ("Serbia keeps warm ties with Moscow that it has no wish to give up.", "it has no wish"),
    ],
)
def test_not_a_quote(run_text, text, fragment):
    ex = run_text(text)
    assert not [q for q in ex.quotes if fragment in q.text], [q.text for q in ex.quotes]


@pytest.mark.parametrize(
    ("text", "prefix", "actor", "kind"),
    [
        # unclosed quotation marks (issue 15, 3.10)
        ("Kosovo Prime Minister Albin Kurti said: “We will not give up the north of our country.\n"
         "The talks resume on Monday.", "We will not give up the north", "XKX", "direct"),
        ("“We will never join the sanctions against Russia, Serbian Foreign Minister Ivica Dacic told the "
         "assembly on Monday.", "We will never join the sanctions", "SRB", "direct"),
        # "X added that": a name the small model does not tag as a person
        ("Montenegro's President Milo Djukanovic said that the vote was fair. Đukanović added that the "
         "opposition had lost.", "the opposition had lost", "MNE", "indirect"),
    ],
)
def test_unclosed_marks_and_added_that(run_text, text, prefix, actor, kind):
    quote = found(run_text(text), prefix)
    assert (quote.actor, quote.kind) == (actor, kind)


@pytest.mark.parametrize(
    ("text", "prefix", "speaker", "actor"),
    [
        ("Russia's Foreign Minister told reporters that the talks with Kyiv had failed. Sergei Lavrov added "
         "that Moscow was still ready to talk.", "the talks with Kyiv had failed", "Sergei Lavrov", "RUS"),
        ("Turkish Foreign Minister Hakan Fidan met his Greek counterpart in Athens. Turkey's foreign minister "
         "said the two countries had opened a new chapter.", "the two countries had opened", "Hakan Fidan", "TUR"),
        # two ministers of that office nearby: the title stays as written
        ("Serbia's foreign minister said the talks had failed, while Hungary's foreign minister Peter Szijjarto "
         "and Austria's foreign minister Alexander Schallenberg urged calm.", "the talks had failed",
         "Serbia's foreign minister", "SRB"),
    ],
)
def test_titled_speaker_is_the_named_person(run_text, text, prefix, speaker, actor):
    quote = find(run_text(text), prefix)
    assert quote is not None
    assert (quote.speaker, quote.actor) == (speaker, actor)


def test_broken_quote_gives_one_quote(run_text):
    ex = run_text('"We will not," Albin Kurti said, "accept any deal that divides the north of Kosovo."')
    assert len(ex.quotes) == 1


def test_reported_clause_stops_before_a_second_cue(run_text):
    text = ("The British Embassy in Skopje said that two tabloids had made up the report and claimed "
            "that no rifles had left the United Kingdom.")
    ex = run_text(text)
    said = find(ex, "two tabloids had made up")
    claimed = find(ex, "no rifles had left")
    assert said is not None and claimed is not None
    assert "claimed" not in said.text
    assert claimed.actor == "GBR"


def test_headline_repeat_is_not_a_quote(pipeline):
    from powderkeg.models import Article

    title = "Kurti says Kosovo will not give up the north"
    text = f"{title}\nKosovo Prime Minister Albin Kurti said Kosovo would not give up the north."
    ex = next(iter(pipeline.run([Article(id="t-headline", text=text, title=title)])))
    assert len(ex.quotes) == 1
    assert ex.quotes[0].start > len(title)


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # a surname shared with a listed figure: the person the article names in full is not that figure
        ("Interior minister Ahmed Osman said the complaint had been lodged. Osman said that the government "
         "would present evidence to the court.", "the government would present evidence", None),
        # the listed figure himself, named by surname after a full mention, keeps the listed actor
        ("Sergey Lavrov met the envoy in Moscow. Lavrov said that the talks had been useful.",
         "the talks had been useful", "RUS"),
        # a caretaker prime minister listed today for another body speaks for his state
        ("Caretaker Prime Minister Mark Rutte said that the Netherlands would deliver the jets this year.",
         "the Netherlands would deliver", "NLD"),
    ],
)
def test_speaker_actor_of_a_named_person(run_text, text, prefix, actor):
    quote = find(run_text(text), prefix)
    if actor is None:
        assert quote is None, quote  # no actor to give: not listed as the foreign minister of Eritrea
    else:
        assert quote is not None and quote.actor == actor


@pytest.mark.parametrize(
    ("text", "prefix", "actor", "cue"),
    [
        # a speaker's own words quoted inside the object of accusing, blaming, condemning, citing
        ("Uganda on Monday accused the government of South Sudan of “staging” the border raid.",
         "staging", "UGA", "accused"),
        ("The Malian army denied any role in the deaths, blaming “armed terrorists” for the attack.",
         "armed terrorists", "MLI", "blaming"),
        ("In a statement, Vietnam's foreign ministry condemned “in the strongest terms” the seizure of the "
         "fishing boat.", "in the strongest terms", "VNM", "condemned"),
        ("Lithuania expelled two Russian diplomats, citing “activities incompatible with their status”.",
         "activities incompatible with", "LTU", "citing"),
        ("Serbian President Aleksandar Vučić described the ban as an “assault” on the Serbs of Kosovo.",
         "assault", "SRB", "described"),
    ],
)
def test_partial_quotation(run_text, text, prefix, actor, cue):
    ex = run_text(text)
    quote = find(ex, prefix)
    assert quote is not None, [q.text for q in ex.quotes]
    assert (quote.actor, quote.cue, quote.kind) == (actor, cue, "direct")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # the thing described is the other side's words, not the speaker's
        ("He described Ethiopia's “plans for an offensive” as “pure fiction”.", "plans for an offensive"),
        # a passive: nobody is named as speaking
        ("The vote was described as “a farce” by observers.", "a farce"),
        # a quoted name under a neutral verb is no statement
        ("The frigate “Admiral Kuznetsov” left port on Friday.", "Admiral Kuznetsov"),
    ],
)
def test_not_a_partial_quotation(run_text, text, fragment):
    ex = run_text(text)
    assert not [q for q in ex.quotes if q.text.startswith(fragment)], [q.text for q in ex.quotes]


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # "the spokeswoman" is the spokeswoman named earlier, not the last actor that acted
        ("Chinese Foreign Ministry spokeswoman Mao Ning announced sanctions on Friday. Last month, U.S. "
         "President Joe Biden's administration approved a transfer to Taiwan. The spokeswoman said the "
         "transfer seriously violated the one-China principle.", "the transfer seriously violated", "CHN"),
        ("Ukraine's defence minister Rustem Umerov visited the front. Russian troops shelled Kherson overnight. "
         "The minister said that air defences had shot down four drones.", "air defences had shot down", "UKR"),
        # a bare Arabic surname resolves to the listed figure
        ("Sisi, opening a new bridge in Cairo, said Egypt would protect its share of the Nile.",
         "Egypt would protect its share", "EGY"),
    ],
)
def test_titled_description_and_bare_surname(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # a state news agency is its government's voice
        ("Israeli warplanes struck the airport early on Tuesday, Syria's official news agency SANA reported. "
         "SANA said that the strikes had put the runway out of service.", "the strikes had put the runway", "SYR"),
        ("North Korea fired two ballistic missiles into the sea, KCNA said.", "North Korea fired two", "PRK"),
        ("Xinhua reported that Chinese coast guard ships had patrolled the waters around the islands.",
         "Chinese coast guard ships had patrolled", "CHN"),
    ],
)
def test_state_news_agency_speaks_for_its_state(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


def test_other_media_are_not_quoted(run_text):
    ex = run_text("The Guardian reported that the talks between Serbia and Kosovo had collapsed.")
    assert not [q for q in ex.quotes if "talks between" in q.text]


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # who acts inside reported words is not the antecedent of the next speaker's pronoun
        ("North Korea's foreign ministry alleged that South Korea had flown drones over Pyongyang. They said "
         "the flights were a grave provocation.", "the flights were a grave provocation", "PRK"),
        ("Seoul urged Moscow to respect the sanctions, South Korea's foreign ministry said. It added that "
         "Russia had violated its obligations.", "Russia had violated its obligations", "KOR"),
    ],
)
def test_pronoun_speaker_skips_actors_inside_reported_words(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    ("text", "prefix", "actor", "kind"),
    [
        # "was quoted (by ...) as saying": the one quoted speaks, before or after the quotation
        ("Serbian President Aleksandar Vucic was quoted by state television as saying: “This is a black day "
         "for the Council of Europe.”", "This is a black day", "SRB", "direct"),
        ("“We will respond in kind,” the Kremlin spokesman was quoted by Interfax as saying.",
         "We will respond in kind", "RUS", "direct"),
        ("Turkish Foreign Minister Hakan Fidan was quoted as saying that Ankara would not accept a fait "
         "accompli in the Aegean.", "Ankara would not accept", "TUR", "indirect"),
    ],
)
def test_quoted_as_saying(run_text, text, prefix, actor, kind):
    quote = found(run_text(text), prefix)
    assert (quote.actor, quote.kind) == (actor, kind)


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # "he" after a titled subject with no name ("the army chief")
        ("The Philippine army chief accused China of ramming the boats. He also claimed that Chinese sailors "
         "boarded the boats and seized rifles.", "Chinese sailors boarded the boats", "PHL"),
        # "he" after a name ending in a generational suffix: the surname is "Locsin", not "Jr."
        ("Philippine Foreign Secretary Teodoro Locsin Jr. protested the incursion. He also told Beijing "
         "that Manila could count on its allies.", "Manila could count on its allies", "PHL"),
        # "his office said" after the content: the one the content just named
        ("Turkish President Recep Tayyip Erdogan has sent the protocol on Finland's membership to parliament, "
         "his office said on Monday.", "Turkish President Recep Tayyip Erdogan has sent", "TUR"),
        # "the report added" points back to the agency that reported
        ("Syria's state news agency SANA reported that Israeli jets struck the airport near Aleppo early on "
         "Tuesday. The report added that Syrian air defences shot down most of the missiles.",
         "Syrian air defences shot down", "SYR"),
        # an acronym the article defines after a name holding one actor
        ("The Central Bank of Norway (CBN) announced on Friday that it had opened a hotline. In a statement, "
         "the CBN said that the line is meant for citizens who need advice.", "the line is meant for citizens",
         "NOR"),
        # a speaker with two offices joined by "and", after the quotation; the state is the passage's
        ("Chad has rejected claims that it supplies the RSF.\n\n\"We back none of the armed groups in Sudan "
         "-- our side is peace,\" foreign minister "
         "and government spokesman Abderaman Koulamallah said last month.", "We back none of the armed groups",
         "TCD"),
    ],
)
def test_speaker_found_by_reference(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    "text",
    [
        # a bare name with no office takes no actor from the passage around it
        "Kosovo police closed two crossings on Monday. Mitchell said that the talks would resume in May.",
        # an acronym whose name holds no actor gives none
        "The International Crisis Group (ICG) published a report. The ICG said that fighting would spread.",
    ],
)
def test_no_speaker_actor_guessed(run_text, text):
    assert [q.text for q in run_text(text).quotes] == []


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # "..., X has said, after ...": a subordinate clause after the cue only frames it
        ("Reports of Russian troops massing on the border are \"pure invention\" meant to hide NATO drills, "
         "Russia's defence ministry has said, after Estonia announced new checks.", "Reports of Russian troops",
         "RUS"),
        ("Ethiopia would offer Somaliland a share of its airline, Abiy's security adviser said on Monday, "
         "without giving more details.", "Ethiopia would offer Somaliland", "ETH"),
        # "commented that" reports speech
        ("In response, Kremlin spokesman Dmitry Peskov commented that accusations from Warsaw against Moscow "
         "were a daily occurrence.", "accusations from Warsaw against Moscow", "RUS"),
        # a quotation opened and never closed, going on from the speaker's last quotation
        ("\"We are cancelling the concessions given to the government in Caracas,\" the US president wrote. "
         "\"Additionally, the regime has not been taking back the migrants at the pace that they had agreed",
         "Additionally, the regime has not", "USA"),
        # an official whose state the passage gave keeps it when named again by surname
        ("Chad has rejected claims that it supplies the RSF.\n\n\"We back none of the armed groups in Sudan,\" "
         "foreign minister Abderaman Koulamallah said last month.\n\nKoulamallah said the border with Sudan "
         "would stay open to aid convoys.",
         "the border with Sudan would stay open", "TCD"),
    ],
)
def test_more_quote_forms(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    "text",
    [
        # an unclosed mark inside a sentence, or inch marks, open no quotation
        "The 12\" barrel and the 3\" shell were shown at the fair in Kyiv last week by the makers.",
        "Officials called the plan \"a first step towards peace in the region and beyond, officials said",
    ],
)
def test_unclosed_marks_that_are_not_quotes(run_text, text):
    assert all(not q.text.startswith(("barrel", "a first step")) for q in run_text(text).quotes)


def test_official_takes_the_passage_state_in_people(run_text):
    text = ("Chad has rejected claims that it supplies the RSF.\n\n\"We back none of the armed groups in "
            "Sudan,\" foreign minister Abderaman Koulamallah said.")
    assert {p.name: p.actor for p in run_text(text).people}.get("Abderaman Koulamallah") == "TCD"


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # the outlet that relays a quotation does not replace the speaker the lead-in names
        ("Russia's ambassador to Norway Ivan Petrov criticised the plan in a statement. He also added that "
         "\"by hiding behind such promises, Norway leaves Ukraine with no other choice but to fight,\" "
         "Reuters reported.", "by hiding behind such promises", "RUS"),
        # a place after "in" is where the speaker is, not whom they speak for
        ("Hungarian Foreign Minister Peter Szijjarto arrived on Monday for talks with Ukrainian officials. "
         "The minister in Kyiv said that Hungary would keep its border open to refugees.",
         "Hungary would keep its border open", "HUN"),
    ],
)
def test_relayed_and_posted_speakers(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # reporting phrases of several words
        ("Foreign ministry spokesperson Anil Mehta of India made it clear that Ladakh is an integral part of "
         "India.", "Ladakh is an integral part", "IND"),
        ("Armenian Prime Minister Nikol Pashinyan expressed hope that the Russian peacekeeping contingent would "
         "do its job.", "the Russian peacekeeping contingent", "ARM"),
        # "The US" is the country, not the pronoun
        ("The US says that Iran has shipped short-range missiles to Russia.", "Iran has shipped", "USA"),
        # "media" in an office's name does not make the speaker a journalist
        ("Peter Olsen, head of foreign media affairs for the Danish government, said security forces were "
         "investigating the blast.", "security forces were investigating", "DNK"),
    ],
)
def test_phrasal_cues_and_speaker_words(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    "text",
    [
        # regret "over the fact that" is stance, and an analyst is no actor
        "The Danish ministry expressed regret over the fact that Serbia had not joined the sanctions.",
        "Peter Olsen, a media analyst in Copenhagen, said the Danish government was investigating the blast.",
    ],
)
def test_stance_and_analysts_are_not_quotes(run_text, text):
    assert run_text(text).quotes == ()


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # words of an appeal quoted inside it
        ("Pakistan called on India to drop its \"hostile rhetoric and baseless claims\" on Kashmir.",
         "hostile rhetoric and baseless", "PAK"),
        ("In a post on X, Eritrean Information Minister Yemane Gebremeskel urged the international community "
         "“to pressure Ethiopia to respect the sovereignty of its neighbours”.", "to pressure Ethiopia", "ERI"),
    ],
)
def test_partial_quotation_in_an_appeal(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


def test_cue_form_that_is_a_noun_is_skipped(run_text):
    # "state" in "state television" is no cue; the "saying" after it is
    text = ("\"History will record this vote as a disgrace for the assembly,\" his foreign minister, Ivica Dacic, "
            "was quoted by state television as saying.")
    quote = find(run_text(text), "History will record this vote")
    assert quote is not None
    assert (quote.actor, quote.cue) == ("SRB", "saying")


def test_cue_reports_the_clause_after_it(run_text):
    # two clauses hang on the cue in the parse: the one after it is its content, not the one before the ";"
    text = ("Houthi military spokesperson Yahya Saree announced a strike on a destroyer on Sunday; the group "
            "earlier claimed that at least nine people died in US and UK raids on the port of Hodeidah.")
    quotes = {q.text.split()[0]: q for q in run_text(text).quotes if q.cue == "claimed"}
    assert list(quotes) == ["at"]
    assert quotes["at"].actor == "YEM"


def test_fronted_speaker_when_the_parse_loses_the_subject(run_text):
    # the small model reads "SANA" as a verb; the words before the first comma still name the speaker
    text = ("Syria’s official news agency SANA, quoting a military source it did not name, reported that Israeli "
            "jets hit Aleppo airport before dawn on Tuesday.\nIt said the runway could not be used.")
    ex = run_text(text)
    assert find(ex, "Israeli jets hit").actor == "SYR"
    assert find(ex, "the runway could not be used").actor == "SYR"


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("The Indian Ministry of External Affairs rejected the allegations on Tuesday.\n\n\"We have seen and "
         "reject the remarks made by the Canadian Prime Minister,\" a statement issued by the MEA said.",
         "We have seen and reject"),
        ("The Indian Ministry of External Affairs rejected the allegations on Tuesday.\n\n\"The diplomat has "
         "been asked to leave India within five days,\" a statement by MEA said.", "The diplomat has been asked"),
    ],
)
def test_acronym_of_a_named_body(run_text, text, prefix):
    # the initials of a body named earlier with its state, behind "a statement (issued) by"
    quote = find(run_text(text), prefix)
    assert quote is not None
    assert quote.actor == "IND"


@pytest.mark.parametrize(
    ("text", "prefixes", "actor"),
    [
        # a long quotation over three paragraphs, each reopened with a mark: one quote per paragraph
        ("Germany's defence minister Boris Pistorius spoke in Vilnius on Thursday.\n\n"
         "\"The brigade will be fully ready by 2027. Its soldiers will live here with their families.\n\n"
         "\"We are not coming for a visit. We are coming to stay for as long as our allies need us.\n\n"
         "\"Nobody in Moscow should doubt that,\" he said.",
         ("The brigade will be fully ready", "We are not coming for a visit", "Nobody in Moscow should doubt"),
         "DEU"),
        ("“Our navy will escort every tanker that asks for it, whatever flag it flies.\n"
         "“The strait stays open,” Indian Defence Minister Rajnath Singh told parliament.",
         ("Our navy will escort every tanker", "The strait stays open"), "IND"),
    ],
)
def test_long_quotation_gives_one_quote_per_paragraph(run_text, text, prefixes, actor):
    ex = run_text(text)
    for prefix in prefixes:
        quote = find(ex, prefix)
        assert quote is not None, [q.text for q in ex.quotes]
        assert quote.actor == actor
        assert "\n" not in quote.text and not quote.text.startswith(("\"", "“"))


@pytest.mark.parametrize(
    ("text", "content", "pieces"),
    [
        ("\"One two three four.\n\n\"Five six seven eight,\" he said.", "One two three four.\n\n\"Five six seven eight",
         ["One two three four.", "Five six seven eight"]),
        # a piece too short to stand alone stays with the paragraph before
        ("\"One two three four.\n\"Yes,\" she said.", "One two three four.\n\"Yes", ["One two three four.\n\"Yes"]),
        ("No paragraph break here at all.", "No paragraph break here at all.", ["No paragraph break here at all."]),
    ],
)
def test_paragraph_pieces(text, content, pieces):
    from powderkeg.extract.quotes import paragraph_pieces

    start = text.index(content)
    assert [text[s:e] for s, e in paragraph_pieces(text, start, start + len(content))] == pieces


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # the passage reports one state's statement: a named official with no state of their own speaks for it
        ("Niger's junta denied on Monday that it had expelled the UN coordinator.\n\n"
         "Interior minister Mohamed Toumba said the coordinator had left of her own accord.",
         "the coordinator had left of her own accord", "NER"),
    ],
)
def test_official_speaks_for_the_passage_voice(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        # the passage reports an act, not a statement: no state is guessed for the official
        ("Azerbaijan launched an offensive in the mountains on Tuesday.\n\n"
         "Foreign minister Arman Vardanyants said the shelling had hit two villages.",
         "the shelling had hit two villages"),
        # two states have spoken: the passage has no single voice
        ("Sudan accused Chad of arming the RSF. Chad denied the charge on Sunday.\n\n"
         "Justice minister Ibrahim Nour said the complaint would go to the African Union.",
         "the complaint would go to the African Union"),
        # a company's head is no official, and names someone new rather than pointing back
        ("French Foreign Minister Catherine Colonna insisted that Paris was not taking sides.\n\n"
         "The head of the state energy company, Romanos Petrosyan, said gas deliveries would continue.",
         "gas deliveries would continue"),
        # an opposition lawmaker does not take the passage's state
        ("Georgia's government rejected the EU's criticism on Friday.\n\n"
         "Opposition lawmaker Tina Bokuchava said the government had misled voters.",
         "the government had misled voters"),
    ],
)
def test_no_state_guessed_for_an_official(run_text, text, prefix):
    quote = find(run_text(text), prefix)
    assert quote is None or quote.actor is None, (quote.speaker, quote.actor)


@pytest.mark.parametrize(
    ("text", "prefix", "actor"),
    [
        # a listed figure news calls by the given name, owning the speaker at the start of a sentence
        ("Abiy's security adviser said Ethiopia would offer Somaliland a stake in its national airline.",
         "Ethiopia would offer Somaliland", "ETH"),
        ("Isaias told state television that Eritrea would never accept foreign troops on its soil.",
         "Eritrea would never accept foreign troops", "ERI"),
    ],
)
def test_speaker_named_by_given_name(run_text, text, prefix, actor):
    assert found(run_text(text), prefix).actor == actor


@pytest.mark.parametrize(
    "text",
    [
        # the rest of a quotation broken by its cue is not a clause the cue reports
        "“We are ready to defend every centimetre of our territory,” Estonian Prime Minister Kristen Michal "
        "said, “and our allies know it.”",
        '"The border will stay closed until the talks resume," Finnish Interior Minister Mari Rantanen said, '
        '"and not a day earlier."',
    ],
)
def test_broken_quotation_is_one_quote(run_text, text):
    quotes = run_text(text).quotes
    assert len(quotes) == 1, [q.text for q in quotes]
