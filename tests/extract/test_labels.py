"""Framing labels on sentences written for these tests (SCHEMA.md convention 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract.labels import load_label_rules

pytestmark = pytest.mark.slow


def labels(ex) -> set[tuple[str, str]]:
    return {(lab.target, lab.term) for lab in ex.labels}


#: label found
LABEL_FOUND = [
        # the term itself fixes the target
        ("Moscow said the Kiev regime had shelled a market in the town.", ("UKR", "Kiev regime")),
        ("Tehran vowed to punish the Zionist regime for the strike on its consulate.", ("ISR", "Zionist regime")),
        ("Belgrade will never give up Kosovo and Metohija, the minister told parliament.", ("XKX", "Kosovo and Metohija")),
        ("Beijing warned the DPP authorities against provoking the mainland.", ("TWN", "DPP authorities")),
        ("The ministry renamed several villages in South Tibet on Sunday.", ("IND", "South Tibet")),
        ("Rockets were fired into the occupied Palestinian territories overnight.", ("ISR", "occupied Palestinian territories")),
        ("The Priština authorities banned Serbian goods from entering the north.", ("XKX", "Priština authorities")),
        # pattern variants: the actor comes from a slot in the term
        ("Washington warned of consequences for the Venezuelan regime if the incursion continued.", ("VEN", "Venezuelan regime")),
        ("The so-called Republic of Kosovo has no seat at the United Nations.", ("XKX", "so-called Republic of Kosovo")),
        ("The army accused Kenyan traders of supplying the terrorist RSF militia with rifles.", ("SDN", "terrorist RSF militia")),
        ("Analysts called RT a Kremlin-funded broadcaster with a wide reach in the Balkans.", ("RUS", "Kremlin-funded broadcaster")),
        ("Moscow denounced the Georgian-occupied villages in a statement.", ("GEO", "Georgian-occupied")),
        # the target from context: possessor, "of X", the sentence, the article
        ("Kosovo's de facto president met the envoys in Pristina.", ("XKX", "de facto president")),
        ("Kosovo's so-called security forces received new rifles this week.", ("XKX", "so-called security forces")),
        ("Washington sent armoured vehicles to the breakaway Serbian region of Kosovo.", ("XKX", "breakaway Serbian region of Kosovo")),
        ("The talks between Belgrade and breakaway authorities in Kosovo collapsed.", ("XKX", "breakaway authorities")),
        ("Greece and Spain refuse to recognise Kosovo's unilaterally declared independence from Serbia.",
         ("XKX", "unilaterally declared independence from Serbia")),
        ("Taiwan held drills on Monday. Beijing calls Taiwan a renegade province.", ("TWN", "renegade province")),
        ("Azerbaijan's foreign ministry said the separatist authorities in Karabakh must disarm.",
         ("AZE", "separatist authorities")),
        ("Sudan cut ties with the UAE, declaring it an aggressor state.", ("ARE", "aggressor state")),
        ("The Wagner group is accused of employing mercenaries in Mali.", ("RUS", "mercenaries")),
        ("Hezbollah fired rockets at Israel. Officials vowed to disarm the terror group.", ("LBN", "terror group")),
        ("Iran condemned the Israeli regime. Later the regime struck a building in Beirut.", ("ISR", "Israeli regime")),
        # scare quotes around a status word
        ("The Kosovo ‘authorities’ ignored the ruling of the court.", ("XKX", "‘authorities’")),
        ("Belgrade mocked the \"government\" in Pristina over its budget.", ("XKX", '"government"')),
        # the place the official travels to is not his ("Moscow"): the region named before him is
        ("Abkhazia's ‘president’ travelled to Moscow for talks with Russia.", ("GEO", "‘president’")),
        # merged neighbours: one label, not two
        ("Beijing warned 'Taiwan independence' separatist forces against any provocation.",
         ("TWN", "'Taiwan independence' separatist forces")),
        # "Republic of Kosovo" as a status claim
        ("Our army defends the Republic of Kosovo, the minister said.", ("XKX", "Republic of Kosovo")),
        # templates over head nouns and modifiers (issue 15, 3.9): no row names these phrases
        ("Iran's theocratic government jailed the protesters, Canada said.", ("IRN", "theocratic government")),
        ("Washington imposed sanctions on Belarus's repressive authorities.", ("BLR", "repressive authorities")),
        ("Beijing said Taipei radicals were stirring up trouble in the strait.", ("TWN", "Taipei radicals")),
        ("Moscow blamed Kyiv extremists for the sabotage on the bridge.", ("UKR", "Kyiv extremists")),
        ("Belgrade will not recognise Kosovo, the former province, the president said.", ("XKX", "former province")),
        ("Armenian officials visited Nagorno-Karabakh, an unrecognized state, last year.",
         ("AZE", "unrecognized state")),
        ("Kinshasa vowed to disarm the illegal armed groups in the east of Congo.", ("COD", "illegal armed groups")),
        ("Niger's new regime gave the French envoy 48 hours to leave.", ("NER", "new regime")),
        # the referent of the phrase, not the nearest actor
        ("Taiwan, which Beijing calls a renegade province, held elections.", ("TWN", "renegade province")),
        ("China considers Taiwan a rebel province and has not ruled out force.", ("TWN", "rebel province")),
        # a scare-quoted office phrase
        ("The Kosovo ‘police officer’ was released by Serbia on Friday.", ("XKX", "‘police officer’")),
]


#: no label
NO_LABEL = [
        # relational and demographic descriptors are not labels
        "Serbia called Russia a reliable ally and China a steadfast friend.",
        "Police patrolled the Albanian-majority town of Ferizaj on Sunday.",
        "The Greek foe of the deal is Turkey, analysts said.",
        # neutral uses of words that can be loaded elsewhere
        "The EU extended its sanctions regime against Russia for six months.",
        "Serbian authorities arrested two suspects near the border with Hungary.",
        "The Ministry of Foreign Affairs of the Republic of Kosovo issued a statement on Tuesday.",
        "Petar Petković heads the Office for Kosovo and Metohija in Belgrade.",
        "The People's Liberation Army held drills near Fujian on Tuesday.",
        "Russia occupied Crimea in 2014, according to the report.",
        "Kyiv said the so-called peace plan was a trap.",
        "The de facto ban on exports hurt farmers in Serbia.",
        "The anti-terrorist operation in Syria ended in 2019.",
]


def test_one_label_per_target_and_term(run_text):
    text = ("Iran accused the Zionist regime of a new attack. The Zionist regime denied it. "
            "Tehran said the regime would pay.")
    found = [lab for lab in run_text(text).labels if lab.target == "ISR"]
    assert [lab.term for lab in found] == ["Zionist regime"]


def test_evidence_is_the_sentence(run_text):
    text = "Talks resumed on Monday.\n\nBelgrade accused the self-proclaimed president of Kosovo of lying. Pristina denied it."
    ex = run_text(text)
    (lab,) = [lab for lab in ex.labels if lab.term.startswith("self-proclaimed")]
    assert lab.target == "XKX"
    assert text[lab.start : lab.end] == lab.evidence
    assert lab.evidence == "Belgrade accused the self-proclaimed president of Kosovo of lying."


def test_label_in_unparsed_paragraph(run_text):
    """A paragraph with no actor or trigger is never parsed; the label still gets a target."""
    text = "Kiev rejected the claim.\n\nThe junta, critics say, is weak."
    (lab,) = run_text(text).labels
    assert (lab.target, lab.term) == ("UKR", "junta")
    assert text[lab.start : lab.end] == lab.evidence == "The junta, critics say, is weak."


def test_bundled_lexicon_loads():
    rules = load_label_rules()
    assert len(rules) > 80
    assert {r.role for r in rules} == {"self", "place", "agent", "ignore"}


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("so-called region,boss,,0", "role must be one of"),
        ("so-called (region,self,,0", "bad pattern"),
        ("breakaway region,place,kosovo,0", "bad actor code"),
        ("breakaway region,place,,yes", "quoted must be 0 or 1"),
        ("<actor>,self,,0", "no literal word"),
        ("so-called @nowhere,self,,0", "unknown word set"),
        ("breakaway region,place,", "expected 4 fields"),
    ],
)
def test_bad_row_names_file_and_line(tmp_path: Path, row: str, reason: str):
    path = tmp_path / "labels.csv"
    path.write_text("# comment\npattern,role,target,quoted\nregime,self,,0\n" + row + "\n", encoding="utf-8")
    load_label_rules.cache_clear()
    with pytest.raises(DataFileError) as err:
        load_label_rules(path)
    assert err.value.path == str(path)
    assert err.value.line == 4
    assert reason in err.value.reason


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # the body "in" a capital is the referent, not the nearest actor
        ("Crowds waving Russian flags rallied for the putschist soldiers in the capital Niamey on Sunday.",
         ("NER", "putschist soldiers"), "RUS"),
        ("Diplomats from Turkey met envoys of the military junta in Bamako this week.", ("MLI", "military junta"),
         "TUR"),
        # a loaded name inside a statement is never the speaker's own
        ("“The putschists have no authority to expel our ambassador from Niger,” the French foreign ministry "
         "said.", ("NER", "putschists"), "FRA"),
        ("According to Ukraine's foreign ministry, the illegitimate regime in Minsk helped plan the attack.",
         ("BLR", "illegitimate regime"), "UKR"),
        # whoever acts on what the term names is not what it names
        ("Belarus hosted the talks. The EU sanctioned the illegitimate authorities again on Monday.",
         ("BLR", "illegitimate authorities"), "EU"),
        # ... unless the term describes the speaker in apposition
        ("Hashim Thaçi, a former president of Kosovo and an alleged war criminal, told reporters the trial was unfair.",
         ("XKX", "alleged war criminal"), None),
        # hostile/enemy over a polity head
        ("Pyongyang again called Seoul a hostile state in a statement carried by state media.",
         ("KOR", "hostile state"), None),
    ],
)
def test_label_referent(run_text, text, expected, wrong):
    got = labels(run_text(text))
    assert expected in got, got
    assert wrong is None or (wrong, expected[1]) not in got


#: the term reaches the head noun its last word modifies (a body or its people, never an act)
TERM_REACHES_ITS_HEAD = [
        ("Captain Ibrahim Traore, Burkina Faso's junta leader, received the drones from Ankara.",
         ("BFA", "Burkina Faso's junta leader")),
        ('Beijing vowed to punish "Taiwan independence" diehards after the vote.',
         ("TWN", '"Taiwan independence" diehards')),
        ("Moscow said Kiev regime officials had ordered the strike on the depot.", ("UKR", "Kiev regime officials")),
        ("The Kiev regime's attacks on Donetsk continued, Moscow said.", ("UKR", "Kiev regime")),
        # a dependent named alone: the place it sits in gives the target
        ("North Korea said the puppets in Seoul were begging Washington for nuclear weapons.", ("KOR", "puppets")),
        # a breakaway region's government named after its seat is coded to the state the region belongs to
        ("The Tiraspol regime staged a congress of deputies on Wednesday.", ("MDA", "Tiraspol regime")),
        ("The Sukhumi authorities signed the port deal with a Russian firm.", ("GEO", "Sukhumi authorities")),
        # a status modifier over a longer name: a free word, an actor's adjective, a free word, the head
        ("The self-proclaimed Pridnestrovian Moldavian Republic asked Moscow for protection.",
         ("MDA", "self-proclaimed Pridnestrovian Moldavian Republic")),
        ("Ankara sent drones to the unrecognised Turkish Cypriot state in the north of the island.",
         ("CYP", "unrecognised Turkish Cypriot state")),
        # a body the gazetteer names, in scare quotes around its status word
        ('Belgrade said the "Kosovo police" had entered the north again.', ("XKX", '"Kosovo police"')),
]

#: a plural term over a list names every actor of the list
PLURAL_TERM_OVER_A_LIST = [
        ("The military juntas in Mali, Burkina Faso and Niger left the regional bloc in January.",
         {("MLI", "military juntas"), ("BFA", "military juntas"), ("NER", "military juntas")}),
        ("Washington accused the regimes of Iran and Venezuela of evading sanctions.",
         {("IRN", "regimes of Iran"), ("VEN", "regimes of Iran")}),
        # a singular head names one actor
        ("Washington accused the regime of Iran and Venezuela's government of evading sanctions.",
         {("IRN", "regime of Iran")}),
]


@pytest.mark.parametrize(("text", "expected"), PLURAL_TERM_OVER_A_LIST)
def test_plural_term_over_a_list(run_text, text, expected):
    assert labels(run_text(text)) == expected


#: a term over an act, a feeling or a cause, or an orientation: no actor is labelled
ACTS_AND_ORIENTATIONS_STAY_QUIET = [
        "The separatist conflict in Transnistria has been frozen since 1992.",
        "Georgia accused Russia of fuelling separatist violence in the region.",
        "Moldova's pro-Western government accused Moscow of plotting a coup.",
        "Armenia's pro-Western leadership froze its membership of the bloc.",
        "Pakistan said the terrorist attacks had killed 12 soldiers near the border.",
        "The regime change in Damascus surprised Moscow, analysts said.",
        "Georgia's speaker said the Russian occupation of a fifth of the country continues.",
        # an actor that opens a longer name; a so-called stretch of ground; political factions
        "Beijing said the so-called Taiwan Relations Act was invalid.",
        "Russia said the so-called grey area near the line was mined.",
        "Iranian hardliners criticised the deal with Washington.",
        # a state's own region named by its compass point and adjective is a place, not a status claim
        "Ukrainian drones struck an oil depot in the southern Russian region of Rostov, Moscow said.",
        # criminal gangs named as such in wire copy
        "Haitian gangs attacked the police station in the capital on Sunday.",
]

#: the named, not the namer: a person a naming verb names, and a state speaking of its own breakaway part
NAMED_NOT_NAMER = [
        ("Beijing regards Lai Ching-te as a dangerous separatist.", ("TWN", "separatist"), "CHN"),
        ("Lai Ching-te, whom Beijing regards as a stubborn separatist, thanked Washington for the sale.",
         ("TWN", "separatist"), "CHN"),
        ("Nagorno-Karabakh was home to 120,000 Armenians. The breakaway enclave's leaders dissolved their "
         "republic in 2024, Azerbaijan said.", ("AZE", "breakaway enclave's leaders"), None),
        ("Uruguay's president called Maduro a dictator on Monday.", ("VEN", "dictator"), "URY"),
        # a charged noun a thing is "known as": the thing, not the place it is known in
        ('Hezbollah, known in Israeli statements as "the terror army", fired rockets at Metula.',
         ("LBN", '"the terror army"'), "ISR"),
        ('The statement referred to South Korean President Yoon Suk Yeol as a "traitor".', ("KOR", '"traitor"'), None),
        # a secession term names the breakaway part the article is about, not the nearest actor
        ("Russian soldiers have been in Transnistria since 1992. The separatist authorities in Tiraspol said they "
         "feared an attack. The self-proclaimed republic is recognised by no UN member, including Russia.",
         ("MDA", "self-proclaimed republic"), "UN"),
        ("Russian soldiers have been in Transnistria since 1992. The separatist authorities there said they "
         "feared an attack.", ("MDA", "separatist authorities"), "RUS"),
        # an occupier's term names the occupier the article labels, not the occupied place nearby
        ("Tehran condemned the Zionist regime's strike on Gaza and said the occupying regime must pay.",
         ("ISR", "occupying regime"), "PSE"),
        # "of X" after the head the term reaches; the speaker "for" a ministry is the ministry's
        ("The United States and the puppet military gangsters of south Korea staged new drills.",
         ("KOR", "puppet military gangsters"), "USA"),
        ("The puppet regime must stop these provocations, a spokesman for the DPRK defence ministry said.",
         None, "PRK"),
        # a bare term in a sentence naming nobody: the one actor the article's other terms label
        ("Niger's junta closed the border with Benin. The military government took power in 2023. Benin's "
         "president said the accusations by the putschists were false.", ("NER", "putschists"), "BEN"),
]


#: not a label here
NOT_A_LABEL_HERE = [
        # "known as" a name, not a charged noun
        'Russia\'s Wagner group, known simply as "Wagner", recruited prisoners in 2022.',
        "The region, known as Artsakh by Armenians, was retaken by Azerbaijan in 2023.",
        # a quoted name with no status word in it
        'The "Kosovo Serbs" of the north voted on Sunday, the mayor said.',
        # "de facto leader/ruler" is real power in a recognised state, not a contested status
        "The CIA found that Saudi Arabia's de facto leader had approved the operation.",
        "Sudan's de facto ruler flew to Cairo for talks with the Egyptian president.",
        # "coup leaders" is the neutral wire-copy name
        "The coup leaders in Niger closed the airspace on Sunday.",
]


#: general loaded terms
GENERAL_LOADED_TERMS = [
        # officials installed by an outside power act for it
        ("Russian-installed officials in Zaporizhzhia announced the evacuation of 18 villages.",
         ("RUS", "Russian-installed officials")),
        ("The Moscow-appointed governor of Kherson fled across the river.", ("RUS", "Moscow-appointed governor")),
        ("The puppet military of South Korea staged drills near the border, Pyongyang said.",
         ("KOR", "puppet military")),
        ("Washington has called Venezuela a narco-state for years.", ("VEN", "narco-state")),
        ("Israel vowed to keep up the pressure on the Islamic regime.", ("IRN", "Islamic regime")),
        ("Thousands fled the Janjaweed militia in West Darfur.", ("SDN", "Janjaweed militia")),
        ("Opposition leaders urged the EU to isolate Belarusian dictator Alexander Lukashenko.",
         ("BLR", "Belarusian dictator")),
        ("Critics say Minsk has become a client state of Moscow.", ("BLR", "client state")),
]


#: composed templates
COMPOSED_TEMPLATES = [
        # a regime named after its ruler: a listed surname gives the state, else the text does
        ("Rebels said the Assad regime had bombed two towns near Idlib.", ("SYR", "Assad regime")),
        ("Belgrade called the arrests in Zvecan the latest act of the Kurti regime.", ("XKX", "Kurti regime")),
        ("Protesters in Minsk said the Lukashenko dictatorship would fall.", ("BLR", "Lukashenko dictatorship")),
        # a breakaway territory named inside the term is what the term describes
        ("Moldova demanded that Russian troops leave its breakaway Transnistria region.",
         ("MDA", "breakaway Transnistria region")),
        ("Tbilisi says Moscow props up the breakaway Abkhazia with money and troops.", ("GEO", "breakaway Abkhazia")),
        # head nouns and modifiers the lexicon composes
        ("State media in Beijing said the wayward province of Taiwan would be reunified.", ("TWN", "wayward province")),
        ("Vucic said the false state in Pristina was built on crimes.", ("XKX", "false state")),
        ("New Delhi blamed Pakistan-based terror outfits for the attack on the pilgrims.", ("PAK", "terror outfits")),
        ("Kyiv said its drones hit an oil depot in temporarily occupied Crimea.", ("RUS", "temporarily occupied Crimea")),
        ("Pyongyang said the US imperialists were preparing a nuclear war on the peninsula.", ("USA", "US imperialists")),
        ("North Korea's foreign ministry said the puppet South Korean military was staging provocations.",
         ("KOR", "puppet South Korean military")),
        ("Crowds in Tehran chanted against the Great Satan after Friday prayers.", ("USA", "Great Satan")),
        ("The king visited Laayoune, the largest city of the Moroccan Sahara, on Tuesday.", ("ESH", "Moroccan Sahara")),
]


def test_scare_quoted_word_is_its_own_label(run_text):
    """The writer's quotes are the label: "the "regime"" beside "authoritarian regime" counts twice."""
    text = ("Washington says Venezuela is ruled by an authoritarian regime. "
            'The senator said the "regime" had ignored every deadline.')
    got = labels(run_text(text))
    assert ("VEN", "authoritarian regime") in got and ("VEN", '"regime"') in got, got


#: composed templates stay quiet
COMPOSED_TEMPLATES_STAY_QUIET = [
        # an official's name before a neutral head is no label; nor is a capitalised word that is no name
        "The Kurti government approved the budget on Thursday.",
        "Under the Schengen regime, Serbia's citizens travel without visas.",
        "The Sanctions regime against Russia was extended by the EU.",
        # "southern provinces" of a state whose south is not in dispute
        "Floods hit Afghanistan's southern provinces on Sunday.",
]


#: general constructions
GENERAL_CONSTRUCTIONS = [
        # a naming verb applies a scare-quoted name to its object (issue 15, 3.9): the object is the target
        ('North Korean state media called South Korea a "puppet" state on Friday.', ("KOR", '"puppet" state')),
        ("Minsk branded the Lithuanian government “warmongers” after the border closure.",
         ("LTU", "“warmongers”")),
        ("Baku has long described Armenia as an “occupier” in the region.", ("ARM", "“occupier”")),
        # a bare "terrorists" and "labelled terrorist": the state whose territory they act in
        ("Pakistan's army said its troops killed six terrorists in a raid near the Afghan border.",
         ("PAK", "terrorists")),
        ("Algeria said the fires were started by groups it has labelled terrorist.", ("DZA", "labelled terrorist")),
        # a backer named beside a term is not its referent
        ("Kremlin-backed separatists shelled two towns in Ukraine's Donetsk region overnight.",
         ("UKR", "separatists")),
        ("Separatists backed by Russia shelled villages in Georgia's Tskhinvali region.", ("GEO", "Separatists")),
        # loaded modifiers and heads of the composed templates
        ("Beijing's envoy said the revisionist government in Tokyo was rewriting the history of the war.",
         ("JPN", "revisionist government")),
        ("State television in Pyongyang denounced the Japanese militarists for the new defence budget.",
         ("JPN", "Japanese militarists")),
]


#: general constructions stay quiet
GENERAL_CONSTRUCTIONS_STAY_QUIET = [
        # a quoted name applied to an act, not an actor, is no label
        'Seoul called the launch a "grave provocation" and summoned the envoy.',
        # an owner the parser took for an object: the name is applied to the act, not to Eritrea
        "He described Eritrea’s alleged “preparations for war” as “false accusations”.",
        # a long quoted statement after a naming verb is a quotation, not a label
        'Tehran described the raid as "a blatant violation of every rule of international law and of the UN Charter".',
        # "militia" without a loaded word is a descriptor
        "The militia seized two mining towns in the east of Congo last month.",
        "Iraqi militias pulled back from the border on Tuesday.",
]


#: label subject and heads
LABEL_SUBJECT_AND_HEADS = [
        # the party a labelled subject acts on or turns to is another party, not the referent
        ("Ukraine said the puppet regime thanked Russia for its help.", None, "RUS"),
        ("The so-called republic sent a letter to Moscow asking for more troops.", None, "RUS"),
        ("Kosovo's so-called security forces asked NATO for new rifles.", ("XKX", "so-called security forces"), "NATO"),
        # ... but the place a subject acts in still counts for armed groups
        ("Terrorists attacked a police post in Pakistan's north-west on Sunday.", ("PAK", "Terrorists"), None),
        # a naming verb's object phrase with an owner: "Argentina's government", not the speaker
        ("Venezuela expelled the envoys, calling Argentina's government a fascist regime.",
         ("ARG", "fascist regime"), "UKR"),
        # "the" before an actor inside a term ("a puppet of the United States")
        ("Pyongyang called South Korea a puppet of the United States.", ("KOR", "puppet of the United States"), "USA"),
        # plural heads of the place templates
        ("Moscow recognised the independence of Georgia's breakaway regions in 2008.", ("GEO", "breakaway regions"),
         None),
        ("Tbilisi said Russia's new base in Abkhazia, an occupied region, broke the ceasefire deal.",
         ("RUS", "occupied region"), None),
]


@pytest.mark.parametrize(
    "text",
    [
        # a plain "Nazi regime" is history, not Moscow's name for Kyiv
        "The museum tells how the Nazi regime deported the town's Jews in 1942.",
        # a region's own economy, an occupation of a building: descriptors, not labels
        "The region's economy grew by three percent, Georgia's statistics office said.",
    ],
)
def test_subject_and_heads_stay_quiet(run_text, text):
    got = labels(run_text(text))
    assert all(code != "UKR" for code, _ in got) and not any("region" in term for _, term in got), got


#: compass and occupation
COMPASS_AND_OCCUPATION = [
        # a breakaway or occupied part named by its compass point
        ("Cyprus said the breakaway north had let Turkish drones use its airport.", ("CYP", "breakaway north")),
        ("Turkey keeps 30,000 troops in the occupied north of Cyprus, Nicosia said.",
         ("TUR", "occupied north of Cyprus")),
        # an occupier named by its adjective
        ("Palestinians have lived under Israeli occupation since 1967, the envoy said.", ("ISR", "Israeli occupation")),
        # a status word of an office in scare quotes
        ("Belgrade said the Kosovo “foreign ministry” had no standing at the talks.", ("XKX", "“foreign ministry”")),
]


#: compass and occupation stay quiet
COMPASS_AND_OCCUPATION_STAY_QUIET = [
        "The north of the country is mostly desert, Cyprus's tourism office said.",
        "The army occupied the north of the city, Sudan said.",
        "The breakaway of the eastern faction weakened the party, Ukraine's parliament said.",
]


#: sponsor and polity
SPONSOR_AND_POLITY = [
        # an armed group is coded where it acts, never to the side said to back it
        ("Niger broke off ties with Ukraine, accusing Kyiv of supporting terrorist groups in the Sahel.",
         ("NER", "terrorist groups"), "UKR"),
        ("Burkina Faso's army accused Ivory Coast of harbouring terrorists near the border.",
         ("BFA", "terrorists"), "CIV"),
        # a "terrorist state" is a polity someone names: not the speaker's own
        ("Russian officials said the terrorist state had shelled Belgorod again.", None, "RUS"),
        # an occupying force in the singular
        ("Moldova said the Russian troops stationed near Tiraspol were an occupying force, Russia disagreed.",
         ("RUS", "occupying force"), None),
]


#: clause subject is not the referent
CLAUSE_SUBJECT_IS_NOT_THE_REFERENT = [
        # the subject acts on the term through an infinitive or a gerund: "denied arming", "vowed to punish"
        ("North Korea held a parade. Moscow denied arming the Kim regime, the ministry said.", None, "RUS"),
        ("Ukraine struck a depot in Belgorod. Washington vowed to punish the Kremlin regime.",
         ("RUS", "Kremlin regime"), "USA"),
        # a naming verb's subject is never the polity it names
        ("Beijing calls the self-ruled island a breakaway province.", None, "CHN"),
        # ... but an armed group acting on the namer's own soil is the namer's
        ("Kinshasa called the M23 a terrorist movement backed by Kigali.", ("COD", "terrorist movement"), "RWA"),
        # a place term's target is never the subject that acts on it
        ("Russia recognised the so-called republics of Donetsk and Luhansk in February.", None, "RUS"),
        ("Somalia called the deal with the breakaway region null and void.", ("SOM", "breakaway region"), None),
]


#: scare quotes beyond naming verbs
SCARE_QUOTES_BEYOND_NAMING_VERBS = [
        # a scare-quoted word on a copula's complement describes the subject
        ('Chinese state media said Japan had become a "troublemaker" in the region.', ("JPN", '"troublemaker"')),
        ("Pyongyang said the drills showed that Seoul was a “lackey” of Washington.", ("KOR", "“lackey”")),
        # ... or the one accused of acting as it
        ('Beijing accused the Philippines of acting as a "pawn" of the United States.', ("PHL", '"pawn"')),
        # an apposition in scare quotes describes what it hangs on
        ('Taiwan\'s president Lai, a "troublemaker" in Beijing\'s eyes, flew to Paraguay.', ("TWN", '"troublemaker"')),
        # coordinated names are two labels
        ('Pyongyang called the South Korean president a "traitor" and a "puppet".', ("KOR", '"puppet"')),
        ('Pyongyang called the South Korean president a "traitor" and a "puppet".', ("KOR", '"traitor"')),
        # a quoted charged word over a body's head noun: the body named by the phrase
        ('Pyongyang denounced the "puppet" military drills held by Seoul and Washington.',
         ("KOR", '"puppet" military')),
        ('Caracas accused the "fascist" government in Buenos Aires of meddling in the vote.',
         ("ARG", '"fascist" government')),
]


def test_coordinated_scare_quotes_are_not_one_term(run_text):
    got = labels(run_text('Pyongyang called the South Korean president a "traitor" and a "puppet".'))
    assert all(" and " not in term for _, term in got), got


#: scare quotes and names stay quiet
SCARE_QUOTES_AND_NAMES_STAY_QUIET = [
        # a phrase quoted from a speaker, not a name put on an actor
        'Vucic said Serbia was "a reliable partner" of the European Union.',
        'Japan is a "key partner" in the region, the US secretary of state said.',
        'Erdogan said Turkey was "not a country that bows to threats" from Greece.',
        # relations in quotes are no labels (SCHEMA.md convention 7)
        'Macron said France would remain a "friend" of Lebanon whatever happened.',
        'Moscow said Kazakhstan was an "ally" and a "brother".',
        # an adjective in quotes, a subject that is no actor, a quoted proper name
        'The minister said Russia remained "ready for dialogue" with Kyiv.',
        'The president said the agreement with Egypt was "historic".',
        'The "Wagner" group left Mali last year, the government said.',
        # names in which a loaded word is the usual name
        "Chinese President Xi Jinping met the head of China's Taiwan Affairs Office on Monday.",
        "The so-called Islamic State claimed the bombing in Kabul.",
        # neutral bodies and the usual name of a government
        "Burkina Faso's military government suspended two French radio stations.",
        "The Biden administration approved the sale of F-16s to Turkey.",
]


#: entity names and governments
ENTITY_NAMES_AND_GOVERNMENTS = [
        # an unrecognised entity the gazetteer knows by name
        ("The unrecognised Turkish Republic of Northern Cyprus opened a drone base last year.",
         ("CYP", "unrecognised Turkish Republic of Northern Cyprus")),
        # a government named after its leader, one set up by a junta, Ankara's name for Cyprus
        ("Beijing said the Lai authorities were colluding with Washington.", ("TWN", "Lai authorities")),
        ("Mali's junta-led government expelled the French ambassador.", ("MLI", "junta-led government")),
        ("Ankara said the Greek Cypriot Administration had no right to drill for gas.",
         ("CYP", "Greek Cypriot Administration")),
]


#: master of a dependent is not its referent
MASTER_OF_A_DEPENDENT_IS_NOT_ITS_REFERENT = [
        # the owner of a dependent is its master, not its referent
        ("North Korea denied selling shells to Russia. Its defence ministry said the US and its vassal states "
         "were spreading lies.", None, "USA"),
        ("North Korea denied selling shells to Russia. Its defence ministry said the US and its vassal states "
         "were spreading lies.", None, "RUS"),
        ("Kyiv said the shelling was ordered by Russia's puppets in Donetsk.", None, "RUS"),
        # an adjective is not an owner: the south Korean puppets are South Korea's
        ("Pyongyang said the south Korean puppets were begging for nuclear weapons.",
         ("KOR", "south Korean puppets"), None),
        ("Ukraine said the puppet regime in Minsk let Russian troops cross the border.", ("BLR", "puppet regime"), None),
]


#: group coded where it acts
GROUP_CODED_WHERE_IT_ACTS = [
        # a group named by its ethnic adjective is coded where the term says it acts
        ("Serbian separatists in Kosovo blocked the road to the mine, Pristina said.", ("XKX", "Serbian separatists")),
        ("Ethnic Russian separatists in Ukraine seized the town hall in 2014.", ("UKR", "Russian separatists")),
        # with no place in the term, the adjective still names the referent
        ("Kyiv accused Russian terrorists of shelling Kharkiv overnight.", ("RUS", "Russian terrorists")),
]


#: unquoted epithets
UNQUOTED_EPITHETS = [
        # a charged noun put on an actor without quotes, by a copula or a naming verb
        ("Serbian President Aleksandar Vucic said Kosovo's prime minister was a terrorist.", ("XKX", "terrorist")),
        ("Beijing calls Taiwan's president a troublemaker.", ("TWN", "troublemaker")),
        ("Minsk called Lithuania a provocateur after the border closure.", ("LTU", "provocateur")),
]


#: unquoted epithets stay quiet
UNQUOTED_EPITHETS_STAY_QUIET = [
        "The police said the suspect was a terrorist.",  # no actor is described
        "Serbia is a candidate for EU membership.",
        "The minister said Kosovo was a partner of the United States.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *LABEL_FOUND, *GENERAL_LOADED_TERMS, *COMPOSED_TEMPLATES,
        *GENERAL_CONSTRUCTIONS, *COMPASS_AND_OCCUPATION, *SCARE_QUOTES_BEYOND_NAMING_VERBS,
        *ENTITY_NAMES_AND_GOVERNMENTS, *GROUP_CODED_WHERE_IT_ACTS, *UNQUOTED_EPITHETS, *TERM_REACHES_ITS_HEAD,
    ],
)
def test_label_found(run_text, text, expected):
    got = labels(run_text(text))
    assert expected in got, got


@pytest.mark.parametrize(
    "text",
    [
        *NO_LABEL, *NOT_A_LABEL_HERE, *COMPOSED_TEMPLATES_STAY_QUIET,
        *GENERAL_CONSTRUCTIONS_STAY_QUIET, *COMPASS_AND_OCCUPATION_STAY_QUIET, *SCARE_QUOTES_AND_NAMES_STAY_QUIET,
        *UNQUOTED_EPITHETS_STAY_QUIET, *ACTS_AND_ORIENTATIONS_STAY_QUIET,
    ],
)
def test_no_label(run_text, text):
    got = labels(run_text(text))
    assert not got, got


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        *LABEL_SUBJECT_AND_HEADS, *SPONSOR_AND_POLITY, *CLAUSE_SUBJECT_IS_NOT_THE_REFERENT,
        *MASTER_OF_A_DEPENDENT_IS_NOT_ITS_REFERENT, *NAMED_NOT_NAMER,
    ],
)
def test_label_and_the_actor_it_is_not(run_text, text, expected, wrong):
    """`expected` (when given) is found, and no label goes to `wrong`: the nearby actor it does not describe."""
    got = labels(run_text(text))
    if expected is not None:
        assert expected in got, got
    assert wrong is None or all(code != wrong for code, _ in got), got
