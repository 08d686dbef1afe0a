"""Event coding across syntactic constructions, on sentences written for these tests.

Each case gives the exact set of (source, target, type, negated) a careful annotator following
../shared/eval/SCHEMA.md would write; an empty set means the conventions code no event.

Conventions applied here (SCHEMA.md, and where it is silent the existing tests in test_events.py):
- Actors are coded as the state or body they belong to or act for: Hezbollah -> LBN, the Rapid
  Support Forces -> SDN, the Houthis -> YEM, the Taliban -> AFG, UN organs and missions -> UN.
  Somaliland has no code of its own, so it is coded as SOM.
- Domestic acts (police against opposition supporters, the army against the RSF) keep source and
  target the same code (UGA -> UGA), as the dev gold does (XKX -> XKX COERCE).
- Mutual acts (two parties that held talks, a dialogue of two capitals) give ONE event, whose
  source is the party named first (X -> Y), as test_events.py codes "India and Pakistan agreed on a ceasefire"
  (IND -> PAK) and as the dev gold codes "Belgrade and Pristina have resumed dialogue" (SRB -> XKX).
  Fighting between two states or their forces ("X and Y clashed", "the war between X and Y") is
  ASSAULT both ways, as the train gold codes it (its README); a community's side keeps one event.
- Reporting chains: a plain statement ("said", "told reporters", "according to") is not an event of
  its own, because it has no target; criticism or accusation inside it is (ACCUSE). The reported
  act is coded, `claimed` when a non-party asserts it and `reported` when its perpetrator does.
- A denial is a status (`denied`), not negation, and the denier REJECTs the other party (the gold codes
  denials so); "did not"/"has not" is negation, except that
  not recognising is REJECT (SCHEMA) and a pledge not to use force is an AGREE.
- One span, one event per (source, target): a conditional threat that also demands something is
  THREATEN only; an arms pledge is AID (planned), not AGREE.
"""

from __future__ import annotations

import pytest
from keyset import keys

pytestmark = pytest.mark.slow


def E(source: str, target: str, type_: str, negated: bool = False) -> tuple[str, str, str, bool]:
    return (source, target, type_, negated)


def produced(ex) -> list[tuple]:
    return sorted((e.source, e.target, e.type, e.negated, e.status, e.rule) for e in ex.events)


def cases(prefix: str, rows: list[tuple[str, set]]) -> list:
    return [pytest.param(text, expected, id=f"{prefix}-{i:02d}") for i, (text, expected) in enumerate(rows, 1)]


# --- reporting chains --------------------------------------------------------------------------
REPORTING = [
    # a neutral third party reports an act: only the act, claimed
    ("UN peacekeepers said Israeli troops had fired on a Lebanese army post near the Blue Line on Tuesday.",
     {E("ISR", "LBN", "ASSAULT")}),
    ("U.S. officials said Iran had shipped hundreds of attack drones to Russia over the past year.",
     {E("IRN", "RUS", "AID")}),
    # "according to" is not a speech act of its own
    ("According to the Armenian defence ministry, Azerbaijani forces opened fire on Armenian positions "
     "near the village of Sotk.",
     {E("AZE", "ARM", "ASSAULT")}),
    ("According to a UN report, North Korea has shipped millions of artillery shells to Russia since 2023.",
     {E("PRK", "RUS", "AID")}),
    # the perpetrator reports its own act
    ("An Israeli military spokesman told reporters that Israeli jets had struck Hezbollah weapons depots "
     "in the Bekaa Valley overnight.",
     {E("ISR", "LBN", "ASSAULT")}),
    ("Hezbollah said its fighters had attacked an Israeli army post with guided missiles.",
     {E("LBN", "ISR", "ASSAULT")}),
    # criticism inside reported speech has a target: ACCUSE, plus the background act
    # statements with no act between identifiable actors
    ("Kosovo's interior minister told reporters that police had seized a large weapons cache in the north.",
     set()),
    # "its border with X" names X itself; the pronoun is not the reporting subject's
    ("A NATO spokesman told reporters that Russia had moved additional troops to its border with Finland.",
     {E("RUS", "FIN", "MOBILIZE")}),
    ("Egypt's foreign minister told reporters that Ethiopia had moved troops to its border with Sudan.",
     {E("ETH", "SDN", "MOBILIZE")}),
    # criticism carried by a predicate of harm: the harm's agent is accused
    ("Turkey's foreign minister said Israel's strikes on Lebanon were endangering the entire region.",
     {E("TUR", "ISR", "ACCUSE"), E("ISR", "LBN", "ASSAULT")}),
    ("Japan's defence minister said China's naval drills were destabilising the region.",
     {E("JPN", "CHN", "ACCUSE")}),
    ("Baku said Armenia was violating the ceasefire along the border.", {E("AZE", "ARM", "ACCUSE")}),
    # the report after the clause ("..., X said") judges the clause it follows
    ("Israel's strikes on Gaza were illegal, the Jordanian foreign minister said.",
     {E("JOR", "ISR", "ACCUSE"), E("ISR", "PSE", "ASSAULT")}),
    ("The UN refugee agency said more than half a million people had fled Sudan for Chad since April.",
     set()),
]

# --- definite descriptions: "the ministry", "the government" are the last one named -------------
DEFINITES = [
    ("Pakistan's foreign ministry issued a statement on Monday. The ministry accused the Taliban government of "
     "sheltering militants.",
     {E("PAK", "AFG", "ACCUSE")}),
    ("Niger's military government ordered the French ambassador to leave. The government also suspended "
     "French broadcasters.",
     {E("NER", "FRA", "REQUEST"), E("NER", "FRA", "SANCTION")}),
    # with no ministry named before, "the ministry" is no one
    ("The ministry accused Kosovo of provoking the clashes.", set()),
    # "the island" is the last island actor named, never the act's own source
    ("China held military drills near Taiwan. A US congressional delegation visited the island on Monday.",
     {E("CHN", "TWN", "MOBILIZE"), E("USA", "TWN", "CONSULT")}),
    ("Turkey criticised the Greek Cypriot government on Tuesday. Ankara later deployed warships near the island.",
     {E("TUR", "CYP", "ACCUSE"), E("TUR", "CYP", "MOBILIZE")}),
    # plural "the islands" names no one actor
    ("Ankara accused Athens of arming the islands in the Aegean.", {E("TUR", "GRC", "ACCUSE")}),
]

# --- appeals (SCHEMA convention 2: an appeal to unnamed addressees is not coded) ------------------
APPEALS = [
    ("The UN secretary-general called on all sides in Sudan to lay down their arms.", set()),
    ("The Pope urged all parties in Yemen to return to negotiations.", set()),
]

# --- nominalisations ---------------------------------------------------------------------------
NOMINALISATIONS = [
    # Somaliland -> SOM (no code of its own); the recognition is still SUPPORT by convention
    ("Ethiopia's planned recognition of Somaliland prompted Somalia to expel the Ethiopian ambassador.",
     {E("ETH", "SOM", "SUPPORT"), E("SOM", "ETH", "SANCTION")}),
    ("After talks between Serbian and Kosovo negotiators in Brussels, the two sides issued no joint statement.",
     {E("SRB", "XKX", "CONSULT")}),
    ("The EU's sanctions on Russia have cut deeply into Moscow's oil revenues.",
     {E("EU", "RUS", "SANCTION")}),
    ("Kosovo's ban on imports of Serbian goods has been in force since the summer.",
     {E("XKX", "SRB", "SANCTION")}),
    ("Russia's full-scale invasion of Ukraine in 2022 upended the security order in Europe.",
     {E("RUS", "UKR", "ASSAULT")}),
    ("Turkey's sale of armed drones to Ethiopia was finalised in 2021.",
     {E("TUR", "ETH", "AID")}),
    ("The Israeli withdrawal from southern Lebanon was completed in May 2000.",
     {E("ISR", "LBN", "RETREAT")}),
    # a verb whose object constraint fails is a support verb: it lends its subject to the act noun
    ("Russia imposed a blockade on Moldova's exports.", {E("RUS", "MDA", "COERCE")}),
    ("The African Union's suspension of Niger followed the July coup.",
     {E("AU", "NER", "SANCTION")}),
    # the target two prepositions deep: a blockade of the crossings with X
    ("The Serbian blockade of border crossings with Kosovo has left hundreds of lorries stranded.",
     {E("SRB", "XKX", "COERCE")}),
    ("Russia's blockade of the border crossings with Estonia continued for a second week.",
     {E("RUS", "EST", "COERCE")}),
    # closing airspace to another state's airlines is a sanction
    ("Pakistan's closure of its airspace to Indian airlines has added hours to flights to Europe.",
     {E("PAK", "IND", "SANCTION")}),
    ("Kuwait's closure of its airspace to Iraqi airlines lasted a decade.", {E("KWT", "IRQ", "SANCTION")}),
    # a hyphenated act noun split by the tokenizer
    ("NATO condemned Russia's troop build-up near the Ukrainian border.",
     {E("NATO", "RUS", "ACCUSE"), E("RUS", "UKR", "MOBILIZE")}),
    # a visit named after "on": the place arrived in is the host
    ("The Indian prime minister arrived in Moscow on Monday on a two-day state visit.",
     {E("IND", "RUS", "CONSULT")}),
    # an answer to a proposal is aimed at whoever made it
    ("Israel rejected a ceasefire proposal from Egypt on Sunday.", {E("ISR", "EGY", "REJECT")}),
    ("Venezuela accepted an offer by Brazil to host the next round of talks.", {E("VEN", "BRA", "AGREE")}),
]

# --- reprisals and partitives: the act answered names the target --------------------------------
REPRISALS = [
    ("Russia launched fresh waves of drone attacks against Ukraine on Sunday.", {E("RUS", "UKR", "ASSAULT")}),
    ("Ukraine launched dozens of drones in retaliation for Russia's strikes on Kharkiv.",
     {E("UKR", "RUS", "ASSAULT")}),
    ("Hezbollah fired rockets at military positions in response to Israel's strikes on southern Lebanon.",
     {E("LBN", "ISR", "ASSAULT"), E("ISR", "LBN", "ASSAULT")}),
    # a hostile act with no target named answers whoever acted in its "when"/"after" clause
    ("When Athens objected, Turkey threatened naval action.", {E("TUR", "GRC", "THREATEN")}),
    ("When Georgia expelled two Russian diplomats, Moscow threatened retaliation.",
     {E("GEO", "RUS", "SANCTION"), E("RUS", "GEO", "THREATEN")}),
]

# --- passives ----------------------------------------------------------------------------------
PASSIVES = [
    ("Three Indian soldiers were killed by Pakistani fire along the Line of Control on Saturday.",
     {E("PAK", "IND", "ASSAULT")}),
    ("New sanctions were imposed on Iran by the EU over its drone exports.",
     {E("EU", "IRN", "SANCTION")}),
    ("Two Filipino sailors were injured when their supply boat was rammed by a Chinese coast guard vessel.",
     {E("CHN", "PHL", "ASSAULT")}),
    ("A Serbian police officer was arrested by Kosovo police at the Jarinje crossing.",
     {E("XKX", "SRB", "COERCE")}),
    ("Weapons were supplied to the Rapid Support Forces by the United Arab Emirates, according to a UN panel.",
     {E("ARE", "SDN", "AID")}),
    ("The Armenian village of Sotk was shelled by Azerbaijani forces overnight.",
     {E("AZE", "ARM", "ASSAULT")}),
    # condemning X's attacks is ACCUSE of X; the attacks have no actor as target
    ("Houthi attacks on commercial shipping in the Red Sea were condemned by the UN Security Council.",
     {E("UN", "YEM", "ACCUSE")}),
    # the one accused in the passive is the agent of the act it is accused of
    ("Malian soldiers were accused by UN investigators of executing hundreds of civilians in the town of Moura.",
     {E("UN", "MLI", "ACCUSE"), E("MLI", "MLI", "ASSAULT")}),
    ("Ethiopian troops were accused by the UN of executing hundreds of civilians in Tigray.",
     {E("UN", "ETH", "ACCUSE"), E("ETH", "ETH", "ASSAULT")}),
]

# an act as the subject of a copula lends its own agent, not its object, to the noun after it
COPULAR_ACTS = [
    ("The American arming of Taiwan is a warning to Beijing.", {E("USA", "TWN", "AID"), E("USA", "CHN", "THREATEN")}),
    ("The arming of Taiwan is a warning to Beijing.", set()),
]

# having or getting someone's support: the one after "of" gives it, the subject receives it
RECEIVED = [
    ("Kyiv won the backing of Poland for its membership bid.", {E("POL", "UKR", "SUPPORT")}),
    ("The junta in Niamey can count on the support of Moscow.", {E("RUS", "NER", "SUPPORT")}),
    ("Chad has long enjoyed the backing of France.", {E("FRA", "TCD", "SUPPORT")}),
    ("Belgrade lost the support of Moscow after the vote.", set()),
]

# a place named inside a claimant's possessive is the place itself
CLAIMED_PLACES = [
    ("Washington approved new arms sales to China's Taiwan region, Beijing said.", {E("USA", "TWN", "AID")}),
    ("Belgrade accused NATO of arming Serbia's Kosovo province.",
     {E("SRB", "NATO", "ACCUSE"), E("NATO", "XKX", "AID")}),
]

# receiving from someone: the giver is the source
RECEIVING = [
    ("Eritrea has received fresh loans from Qatar.", {E("QAT", "ERI", "AID")}),
    ("Kosovo received recognition from Kenya in 2015.", {E("KEN", "XKX", "SUPPORT")}),
    # an unnamed receiver is not the giver's own people
    ("The rebels received weapons and training from Iran.", set()),
]

# the target can hang off the object ("fired shells at X"); a passive stance verb with an agent is the act
OBJECT_TARGETS = [
    ("North Korea on Friday fired two artillery shells at Seoul.", {E("PRK", "KOR", "ASSAULT")}),
    ("Azerbaijani forces fired mortar rounds at Armenian positions overnight.", {E("AZE", "ARM", "ASSAULT")}),
    ("Georgia was fiercely opposed by Russia in its bid to join NATO.", {E("RUS", "GEO", "REJECT")}),
]

# --- participles describing a noun: the by-phrase or the hyphenated prefix is the agent ------------
PARTICIPLES = [
    ("Iranian-backed Houthi rebels seized a cargo ship in the Red Sea.",
     {E("IRN", "YEM", "SUPPORT")}),
    ("The Houthi rebels, backed by Iran, seized a cargo ship in the Red Sea.",
     {E("IRN", "YEM", "SUPPORT")}),
    ("Taiwan's US-trained marines held an exercise on Kinmen.",
     {E("USA", "TWN", "AID")}),
    ("A Kosovo army trained by Britain would alarm Belgrade.",
     {E("GBR", "XKX", "AID")}),
    ("Eritrea's 1993 UN-monitored referendum on independence passed with a huge majority.",
     set()),
    # a hostile prefix is a standing description, not an act ("Israeli-occupied", "Russian-annexed")
    ("Residents of Russian-annexed Crimea voted in the regional election.",
     set()),
]

# --- modal and conditional events --------------------------------------------------------------
MODALS = [
    ("Russia threatened to cut off gas supplies to Moldova over its unpaid debts.",
     {E("RUS", "MDA", "THREATEN")}),
    # a conditional sanction is a threat; the demand in the condition is the same (source, target)
    ("EU foreign ministers said the bloc would impose sanctions on Niger's military rulers if they did not "
     "release President Mohamed Bazoum.",
     {E("EU", "NER", "THREATEN")}),
    ("Washington warned that it would reimpose oil sanctions on Venezuela if Caracas moved troops into "
     "the disputed Essequibo region.",
     {E("USA", "VEN", "THREATEN")}),
    # a vow to retaliate is a threat, not a pledge about relations
    # military training is AID; "ready to" is an intention (planned)
    ("Turkey is ready to send more military instructors to Somalia to train its army.",
     {E("TUR", "SOM", "AID")}),
    ("Serbia agreed to resume talks with Kosovo on the fate of missing persons.",
     {E("SRB", "XKX", "AGREE")}),
    # a pledge named by a noun ("readiness", "commitment", "offer" to act) is an AGREE too
    ("Moscow expressed readiness to hold consultations with Warsaw on the missile question.",
     {E("RUS", "POL", "AGREE")}),
    ("Ankara reaffirmed its commitment to resume talks with Athens over the Aegean.",
     {E("TUR", "GRC", "AGREE")}),
    ("Qatar renewed its offer to mediate between Ethiopia and Egypt.",
     {E("QAT", "ETH", "AGREE"), E("QAT", "EGY", "AGREE")}),
    ("India has so far refused to recognise the Taliban government in Kabul.",
     {E("IND", "AFG", "REJECT")}),
    ("Eritrea has refused to withdraw its troops from Ethiopia's Tigray region.",
     {E("ERI", "ETH", "REJECT")}),
    # a planned request, and the build-up it is about (stated as fact)
    # speculation by analysts is not an act
    ("Analysts say China could impose a naval blockade on Taiwan within days.", set()),
    ("Israeli officials said Israel may strike Iranian nuclear sites within weeks.", set()),
    ("Serbia might impose a blockade on Kosovo's goods.", set()),
    ("Guyana plans to ask the UN Security Council to condemn Venezuela's troop build-up on the Guyanese border.",
     {E("GUY", "UN", "REQUEST"), E("VEN", "GUY", "MOBILIZE")}),
    # a threat with no target named is aimed at whoever must meet its condition ("unless X ...")
    ("Serbia threatened to recall its ambassador unless Montenegro withdrew the resolution.",
     {E("SRB", "MNE", "THREATEN")}),
    ("Russia said it would retaliate if NATO deployed troops in Finland.", {E("RUS", "NATO", "THREATEN")}),
    # "may ... if": a conditional act of pressure is a threat, not a mere possibility
    ("Norway may suspend its aid to Ethiopia if Addis Ababa refuses to cooperate.", {E("NOR", "ETH", "THREATEN")}),
    # a vow to strike back is a threat
    ("Pakistan vowed to retaliate against any Indian strike on its territory.", {E("PAK", "IND", "THREATEN")}),
    # nor is the writer's guess ("likely", "seemingly")
    ("Washington will likely continue to press Belgrade over its ties with Moscow.", set()),
    ("Ankara seemingly wants to pressure Stockholm over its NATO bid.", set()),
    # an announced cooperative act is a pledge (AGREE); an announced act of force or pressure a threat
    ("Hungary will support Ukraine's bid to open accession talks, the Hungarian foreign minister said.",
     {E("HUN", "UKR", "AGREE")}),
    ("The Japanese prime minister will visit Vietnam next month to discuss maritime security.",
     {E("JPN", "VNM", "AGREE")}),
    ("Ecuador plans to impose a 27 percent tariff on imports from Colombia.",
     {E("ECU", "COL", "THREATEN")}),
    ("The Nigerien junta said it will expel the French ambassador within 48 hours.",
     {E("NER", "FRA", "THREATEN")}),
    # an announced deployment stays MOBILIZE (planned)
    ("Poland will deploy 10,000 more troops to its border with Belarus.",
     {E("POL", "BLR", "MOBILIZE")}),
    # an obligation put on another actor is a demand (REQUEST); the act demanded is not done
    ("The German chancellor said Russia must withdraw its troops from Ukrainian territory.",
     {E("DEU", "RUS", "REQUEST")}),
    ("The State Department reiterated that Caracas must release the detained opposition leaders.",
     {E("USA", "VEN", "REQUEST")}),
    ("Egypt's foreign minister said Ethiopia should stop filling the dam's reservoir until a deal is reached.",
     {E("EGY", "ETH", "REQUEST")}),
    # the obligation may sit on the head of the complement: the act demanded is still not done
    ("The Qatari emir said the European Union must be ready to mediate between Serbia and Kosovo.",
     {E("QAT", "EU", "REQUEST")}),
    ("Turkey should be prepared to send troops to Libya, the minister said.", set()),
    # a noun that puts an obligation in a that-clause is a demand on the clause's subject
    ("The British foreign secretary sent a sharp reminder to Tehran that it must honour its nuclear commitments.",
     {E("GBR", "IRN", "REQUEST")}),
    ("Washington's demand that Caracas must free the detained opposition leaders angered the Venezuelan government.",
     {E("USA", "VEN", "REQUEST")}),
    # telling or ordering another actor to act is a demand; the act itself is not done
    ("Manila told Beijing to back off from the shoal.", {E("PHL", "CHN", "REQUEST")}),
    # forcing someone to act is coercion; when it is only tried, the act forced is not done
    ("The Chinese coast guard forced two Philippine supply boats to turn back near the shoal.",
     {E("CHN", "PHL", "COERCE")}),
    # (the bid it would give up is Moldova's own, made before: a request to the EU)
    ("Moscow has been trying to force Moldova to give up its bid for EU membership.",
     {E("RUS", "MDA", "COERCE"), E("MDA", "EU", "REQUEST")}),
    ("The general ordered his troops to withdraw from the border.", set()),
    ("Kurti told reporters that the attack had been planned in Belgrade.", set()),
    # an opinion about a role, or a guess, is not a demand
    ("The Turkish president said the United Nations should be a key player in any settlement.", set()),
    ("A Pakistani minister said India must have known about the raid in advance.", set()),
]

# --- the one accused, blamed or punished is the agent of the act it is accused of -----------------
CONTROL = [
    ("The Philippine Coast Guard accused China of ramming a Philippine supply boat.",
     {E("PHL", "CHN", "ACCUSE"), E("CHN", "PHL", "ASSAULT")}),
    ("Azerbaijan blamed Armenia for shelling its positions near Lachin.",
     {E("AZE", "ARM", "ACCUSE"), E("ARM", "AZE", "ASSAULT")}),
]

# --- condemnation by characterising (SCHEMA convention 4: condemnation is ACCUSE) -----------------
CONDEMNATIONS = [
    ("Moscow described the referendum in Kosovo as illegal.", {E("RUS", "XKX", "ACCUSE")}),
    ("Baku called Armenia's statement a blatant lie.", {E("AZE", "ARM", "ACCUSE")}),
    ("The Iranian foreign minister said Israel's strike on the consulate amounted to a violation of "
     "international law.",
     {E("IRN", "ISR", "ACCUSE")}),
    # the object moved past "as"
    ("Albania on Monday denounced as a crime Serbia's crackdown on protesters.",
     {E("ALB", "SRB", "ACCUSE"), E("SRB", "SRB", "COERCE")}),
    # "the move" is the act just reported; the participle's subject is the speaker of "said"
    ("Chinese coast guard ships fired water cannon at two Philippine supply boats on Saturday, Manila said, "
     "describing the move as illegal.",
     {E("CHN", "PHL", "ASSAULT"), E("PHL", "CHN", "ACCUSE")}),
    # "the planned transfer" is the act reported just before
    ("Germany approved the sale of Leopard tanks to Qatar. The Israeli ambassador called the planned transfer "
     "a grave mistake.",
     {E("DEU", "QAT", "AID"), E("ISR", "DEU", "ACCUSE")}),
    # a definite act noun ("the attack", "the blockade") is the act last reported: its agent is accused
    ("Russian missiles struck a hospital in Kyiv on Monday. The EU condemned the attack.",
     {E("RUS", "UKR", "ASSAULT"), E("EU", "RUS", "ACCUSE")}),
    ("China imposed a naval blockade on Taiwan. Japan criticised the blockade.",
     {E("CHN", "TWN", "COERCE"), E("JPN", "CHN", "ACCUSE")}),
    # regret over a fact: the fact's subject is the target
    ("The African Union expressed regret over the fact that Mali expelled its envoy.",
     {E("AU", "MLI", "ACCUSE"), E("MLI", "AU", "SANCTION")}),
    # restating a judgement ("reiterated", "underlined that ... was unacceptable") condemns as saying does
    ("Ankara reiterated that the Greek decision was unacceptable.", {E("TUR", "GRC", "ACCUSE")}),
    ("Beijing underlined that Manila's conduct was provocative.", {E("CHN", "PHL", "ACCUSE")}),
    # "this incident" is the act just reported; a bare "this" is not resolved
    ("Chinese coast guard vessels rammed a Philippine supply ship. The Japanese foreign ministry said this "
     "incident was a serious provocation.",
     {E("CHN", "PHL", "ASSAULT"), E("JPN", "CHN", "ACCUSE")}),
    ("Kenya stressed that this amounted to interference in its internal affairs.", set()),
    # a stance carried by a predicate adjective: "critical of", "negative about", "opposed to"
    ("Hungary has been critical of Ukraine's language law.", {E("HUN", "UKR", "ACCUSE")}),
    ("Moscow is deeply negative about Germany's deliveries of tanks to Ukraine.",
     {E("RUS", "DEU", "ACCUSE"), E("DEU", "UKR", "AID")}),
    ("Azerbaijan is opposed to any French role in the peace process.", {E("AZE", "FRA", "REJECT")}),
    ("Armenia is grateful to France for its support.", {E("ARM", "FRA", "SUPPORT")}),
    ("Serbia is not opposed to EU mediation.", set()),
    # praise, a neutral description or a negated judgement is no accusation
    ("Officials in Cairo said the talks with Ethiopia were constructive.", set()),
    ("Seoul described the summit with Japan as a turning point.", {E("KOR", "JPN", "CONSULT")}),
    ("The Kenyan president said the deployment of Kenyan police to Haiti was not illegal.",
     {E("KEN", "HTI", "MOBILIZE")}),
]

# --- lists of actors ---------------------------------------------------------------------------
LISTS = [
    ("France, Germany and Italy condemned Russia's strikes on Ukrainian power plants.",
     {E("FRA", "RUS", "ACCUSE"), E("DEU", "RUS", "ACCUSE"), E("ITA", "RUS", "ACCUSE"),
      E("RUS", "UKR", "ASSAULT")}),
    ("The EU urged Serbia and Kosovo to de-escalate tensions in the north.",
     {E("EU", "SRB", "REQUEST"), E("EU", "XKX", "REQUEST")}),
    # separate talks: the United States with each, not Armenia with Azerbaijan
    ("U.S. Secretary of State Antony Blinken held separate talks with the foreign ministers of Armenia "
     "and Azerbaijan in Washington.",
     {E("USA", "ARM", "CONSULT"), E("USA", "AZE", "CONSULT")}),
    ("Mali, Niger and Burkina Faso expelled French diplomats over the past two years.",
     {E("MLI", "FRA", "SANCTION"), E("NER", "FRA", "SANCTION"), E("BFA", "FRA", "SANCTION")}),
    ("The African Union suspended Mali, Guinea, Burkina Faso and Niger after a string of military coups.",
     {E("AU", "MLI", "SANCTION"), E("AU", "GIN", "SANCTION"), E("AU", "BFA", "SANCTION"),
      E("AU", "NER", "SANCTION")}),
    # an arms pledge is AID (planned), not AGREE
    ("Washington, London and Paris pledged more air defence systems to Ukraine.",
     {E("USA", "UKR", "AID"), E("GBR", "UKR", "AID"), E("FRA", "UKR", "AID")}),
    ("Sudan's army chief thanked Egypt, Turkey and Qatar for their support.",
     {E("SDN", "EGY", "SUPPORT"), E("SDN", "TUR", "SUPPORT"), E("SDN", "QAT", "SUPPORT")}),
    # a comma list the parser splits: all its names act
    ("The summit ended in discord, with Mali, Niger, Chad and Sudan refusing to condemn Russia.",
     {E("MLI", "RUS", "REJECT"), E("NER", "RUS", "REJECT"), E("TCD", "RUS", "REJECT"), E("SDN", "RUS", "REJECT")}),
    ("Argentina, Brazil, Chile, Uruguay and Paraguay have refused to recognise the Taliban.",
     {E("ARG", "AFG", "REJECT"), E("BRA", "AFG", "REJECT"), E("CHL", "AFG", "REJECT"), E("URY", "AFG", "REJECT"),
      E("PRY", "AFG", "REJECT")}),
    # "its independence" belongs to the nearest state named before it, not to the main clause's subject;
    # "despite protests from the EU" is the EU's opposition to Turkey (SCHEMA framing words, issue 15 §3.2)
    ("Turkey is funding Northern Cyprus despite protests from the EU, with Greece and France refusing to "
     "recognise its independence.",
     {E("TUR", "CYP", "AID"), E("GRC", "CYP", "REJECT"), E("FRA", "CYP", "REJECT"), E("EU", "TUR", "REJECT")}),
    # "like A and B", "along with A", "together with A" on the subject: further subjects
    ("Ukraine, like Spain and Slovakia, has not recognised Kosovo.",
     {E("UKR", "XKX", "REJECT"), E("ESP", "XKX", "REJECT"), E("SVK", "XKX", "REJECT")}),
    ("Chile, like Argentina and Peru, has not recognised the Venezuelan election result.",
     {E("CHL", "VEN", "REJECT"), E("ARG", "VEN", "REJECT"), E("PER", "VEN", "REJECT")}),
    ("Hungary, along with Slovakia, criticised Ukraine over the pipeline.",
     {E("HUN", "UKR", "ACCUSE"), E("SVK", "UKR", "ACCUSE")}),
    ("Poland, together with Lithuania, accused Belarus of orchestrating the migrant crisis.",
     {E("POL", "BLR", "ACCUSE"), E("LTU", "BLR", "ACCUSE")}),
    # ... and on the verb, before it: "Together with A, B ...", "Alongside A, B ...", "B, along with A, ..."
    ("Together with Estonia, Latvia summoned the Russian envoy over the airspace violation.",
     {E("LVA", "RUS", "ACCUSE"), E("EST", "RUS", "ACCUSE")}),
    ("Alongside Canada, Australia imposed travel bans on three Iranian generals.",
     {E("AUS", "IRN", "SANCTION"), E("CAN", "IRN", "SANCTION")}),
    ("Romania, along with Bulgaria, criticised Hungary over the transit fees.",
     {E("ROU", "HUN", "ACCUSE"), E("BGR", "HUN", "ACCUSE")}),
    # "B, joined by A, ...": A acts too
    ("Ghana, joined by Togo, urged Burkina Faso to release the detained traders.",
     {E("GHA", "BFA", "REQUEST"), E("TGO", "BFA", "REQUEST")}),
    # a conjunct named in apposition: "its neighbour Finland" is Finland, not the possessive's referent
    ("Norway and its neighbour Finland condemned Russia over the jamming of GPS signals.",
     {E("NOR", "RUS", "ACCUSE"), E("FIN", "RUS", "ACCUSE")}),
]

# --- a person or office holder as target -------------------------------------------------------
PERSONS = [
    ("Hungary's prime minister met the Serbian president in Belgrade on Wednesday.",
     {E("HUN", "SRB", "CONSULT")}),
    # receiving a leader, titled or not, is a meeting with the state the leader acts for
    ("Ethiopian Prime Minister Abiy Ahmed received Somali President Hassan Sheikh Mohamud in Addis Ababa.",
     {E("ETH", "SOM", "CONSULT")}),
    ("The Turkish president received Hungarian Prime Minister Viktor Orbán in Ankara.",
     {E("TUR", "HUN", "CONSULT")}),
    ("Vucic received the Russian ambassador in Belgrade.", {E("SRB", "RUS", "CONSULT")}),
    # RSF -> SDN: the accusation is domestic; the alleged delivery is coded too (claimed)
    ("Sudan's army accused RSF commander Mohamed Hamdan Dagalo of receiving weapons from the United Arab Emirates.",
     {E("SDN", "SDN", "ACCUSE"), E("ARE", "SDN", "AID")}),
    ("Kosovo police arrested a Serbian official at the Merdare crossing on Sunday.",
     {E("XKX", "SRB", "COERCE")}),
    ("Armenian Prime Minister Nikol Pashinyan thanked French President Emmanuel Macron for his support.",
     {E("ARM", "FRA", "SUPPORT")}),
    ("Philippine President Ferdinand Marcos Jr. criticised the Chinese ambassador over his remarks on "
     "the South China Sea.",
     {E("PHL", "CHN", "ACCUSE")}),
    ("The UN Security Council imposed a travel ban on two senior RSF commanders.",
     {E("UN", "SDN", "SANCTION")}),
    # summoning an envoy to protest is an official complaint: ACCUSE
    ("Pakistan's foreign ministry summoned India's deputy high commissioner to protest against the "
     "minister's remarks.",
     {E("PAK", "IND", "ACCUSE")}),
    ("Israeli forces killed a senior Hezbollah commander in a drone strike in southern Lebanon.",
     {E("ISR", "LBN", "ASSAULT")}),
]

# --- domestic events: source and target the same state -----------------------------------------
DOMESTIC = [
    ("Ugandan police arrested dozens of opposition supporters in Kampala on Monday.",
     {E("UGA", "UGA", "COERCE")}),
    ("Sudan's army shelled Rapid Support Forces positions in Omdurman overnight.",
     {E("SDN", "SDN", "ASSAULT")}),
    ("Ethiopian federal troops clashed with Fano militiamen in the Amhara region.",
     {E("ETH", "ETH", "ASSAULT")}),
    ("Dozens of opposition activists have been detained by Venezuelan security forces since the "
     "disputed presidential election.",
     {E("VEN", "VEN", "COERCE")}),
    ("Serbian police detained a dozen student activists in Novi Sad on Saturday.",
     {E("SRB", "SRB", "COERCE")}),
    ("Somali troops recaptured the town of Adan Yabaal from al-Shabaab fighters.",
     {E("SOM", "SOM", "ASSAULT")}),
    ("Georgian protesters rallied outside parliament in Tbilisi against the government's foreign agents law.",
     {E("GEO", "GEO", "PROTEST")}),
    ("Niger's junta suspended the activities of all political parties in the country.",
     {E("NER", "NER", "COERCE")}),
    # a protest aimed at no one named is aimed at the protesters' own state
    ("Thousands of Kenyans rallied in Nairobi on Tuesday over the new finance bill.",
     {E("KEN", "KEN", "PROTEST")}),
    ("Bangladeshi students rioted for a third day.", {E("BGD", "BGD", "PROTEST")}),
    # a state's own protest needs a target
    ("Armenia protested.", set()),
    # a community of a place is coded to that place: "ethnic X in", "X of", "X living in" ...
    ("Ethnic Hungarians in southern Slovakia demanded more autonomy from the Slovak government.",
     {E("SVK", "SVK", "REQUEST")}),
    ("Uzbeks living in Kyrgyzstan protested against the Kyrgyz police.", {E("KGZ", "KGZ", "PROTEST")}),
    # ... but citizens abroad keep their own state
    ("Americans in Lebanon criticised the Lebanese government.", {E("USA", "LBN", "ACCUSE")}),
    # a mutual act whose conjoined subjects are two sides of one place (issue 15, section 3.1)
    ("The Sudanese army and the RSF have traded accusations of shelling hospitals in Khartoum.",
     {E("SDN", "SDN", "ACCUSE")}),
    ("Sudan's army and the paramilitary Rapid Support Forces clashed again in Omdurman on Monday.",
     {E("SDN", "SDN", "ASSAULT")}),
    ("Kosovo police and Serb protesters in northern Kosovo clashed near Zvecan.", {E("XKX", "XKX", "ASSAULT")}),
    # a bare state organ beside a group of a place is that place's
    ("The army and the RSF have exchanged accusations for weeks.", {E("SDN", "SDN", "ACCUSE")}),
    # ... but two organs of one state act together, a state and its capital are one party, and "its allies"
    # are named only through their partner
    ("The Sudanese army and the Sudanese police cooperated in the operation.", set()),
    ("Serbia and Belgrade's allies agreed on a plan.", set()),
    ("Next week the RSF and its allies will sign a founding charter for a parallel administration.", set()),
    ("Serbia's president said Serbia would never give up its claim to the province.", set()),
    ("Pakistani officials met Pakistani officials in Islamabad.", set()),
]

# --- mutual acts: coded once, first-named -> second-named ---------------------------------------
MUTUAL = [
    # what is discussed is a topic, not a party
    ("The American and Chinese foreign ministers discussed Taiwan in Bali.", {E("USA", "CHN", "CONSULT")}),
    ("The Japanese prime minister discussed Taiwan with the Australian premier.", {E("JPN", "AUS", "CONSULT")}),
    ("Armenia requested an emergency session of the UN Security Council to discuss Azerbaijan's offensive.",
     {E("ARM", "UN", "REQUEST")}),
    ("Armenia and Azerbaijan agreed on the full text of a peace treaty in March.",
     {E("ARM", "AZE", "AGREE")}),
    ("Serbia and Kosovo held a fresh round of talks in Brussels on Thursday.",
     {E("SRB", "XKX", "CONSULT")}),
    ("Talks between Indian and Pakistani military commanders ended without a breakthrough.",
     {E("IND", "PAK", "CONSULT")}),
    # fighting between two states' sides is each side's attack on the other (train/README.md)
    ("Chinese and Indian troops clashed in the Galwan Valley in June 2020.",
     {E("CHN", "IND", "ASSAULT"), E("IND", "CHN", "ASSAULT")}),
    # a pledge not to use force is a pledge about relations: AGREE, not a negated assault
    ("Venezuela and Guyana pledged not to use force against each other in their dispute over Essequibo.",
     {E("VEN", "GUY", "AGREE")}),
    ("Ethiopia and Eritrea pledged not to use force against one another.", {E("ETH", "ERI", "AGREE")}),
    # a reciprocal object: the act between the conjuncts, once
    ("Armenia and Azerbaijan accused each other of violating the ceasefire.", {E("ARM", "AZE", "ACCUSE")}),
    # the venue is not a party
    ("Ethiopia and Somalia signed a declaration in Ankara ending their year-long feud.",
     {E("ETH", "SOM", "AGREE")}),
    ("Israel and Lebanon have exchanged fire almost daily since October.",
     {E("ISR", "LBN", "ASSAULT"), E("LBN", "ISR", "ASSAULT")}),
    ("The foreign ministers of Serbia and Hungary signed a strategic partnership declaration in Budapest.",
     {E("SRB", "HUN", "AGREE")}),
]

# a threat to secede is aimed at the state the group would leave: its own
SECESSION = [
    ("Bosnian Serb leaders in Banja Luka threatened to secede after the court ruling.",
     {E("BIH", "BIH", "THREATEN")}),
    ("Kosovo Serbs put up barricades near Zvecan and threatened to secede.", {E("XKX", "XKX", "THREATEN")}),
]

# a pledge of help is AGREE; the recipient may hang off the amount or the aid noun
AID_PLEDGES = [
    ("EU ministers agreed on Monday to provide 50 million euros of aid for Moldova.", {E("EU", "MDA", "AGREE")}),
    ("Japan will provide emergency aid for Turkey after the earthquake.", {E("JPN", "TUR", "AID")}),
    ("Kenya is willing to send troops to Haiti.", {E("KEN", "HTI", "AGREE")}),
]

# a phrasal verb's particle changes the act
PHRASAL = [
    ("Kenyan doctors called off their nationwide strike after the government met their demands.",
     {E("KEN", "KEN", "CONCEDE")}),
    ("Russia called off its offensive against Ukraine in the north.", {E("RUS", "UKR", "RETREAT")}),
    ("Serbia backed down to the EU after months of pressure.", {E("SRB", "EU", "CONCEDE")}),
    ("Israeli settlers set fire to Palestinian olive groves near Nablus.", {E("ISR", "PSE", "COERCE")}),
]

# --- negation and denial -----------------------------------------------------------------------
NEGATION = [
    # saying something is not a threat is a reassurance, not an act
    ("Yerevan insists its new brigades will not be a threat to Azerbaijan.", set()),
    ("The minister said the drills were not a provocation against Japan.", set()),
    ("Israel did not strike Lebanese army positions during the latest escalation, the military said.",
     {E("ISR", "LBN", "ASSAULT", True)}),
    # a denial is a status, not a negation; the denial itself rejects the other side's charge (REJECT)
    ("Azerbaijan denied that its forces had shelled Armenian villages near the border.",
     {E("AZE", "ARM", "ASSAULT"), E("AZE", "ARM", "REJECT")}),
    # troops sent "into" a country move against it (MOBILIZE), not to its aid
    ("Rwanda denied sending troops into eastern Congo.", {E("RWA", "COD", "MOBILIZE"), E("RWA", "COD", "REJECT")}),
    ("Belarus denied sending troops into Ukraine.", {E("BLR", "UKR", "MOBILIZE"), E("BLR", "UKR", "REJECT")}),
    ("The Turkish defence ministry denied that its jets had bombed villages in northern Iraq.",
     {E("TUR", "IRQ", "ASSAULT"), E("TUR", "IRQ", "REJECT")}),
    # a denial of another's act is no rejection by the denier of its own act
    ("Israel denied that Iranian missiles had hit its air bases.", {E("IRN", "ISR", "ASSAULT")}),
    ("Hungary did not condemn Russia's invasion of Ukraine.",
     {E("HUN", "RUS", "ACCUSE", True), E("RUS", "UKR", "ASSAULT")}),
    # not recognising is REJECT (SCHEMA)
    ("China has never recognised Kosovo's declaration of independence.",
     {E("CHN", "XKX", "REJECT")}),
    ("Guyana has not asked the United States to station troops on its territory.",
     {E("GUY", "USA", "REQUEST", True)}),
    ("Pakistan has not threatened India with nuclear weapons, its foreign ministry said on Friday.",
     {E("PAK", "IND", "THREATEN", True)}),
    ("Serbia has not imposed sanctions on Russia since the invasion began.",
     {E("SRB", "RUS", "SANCTION", True)}),
    ("The Philippines has not expelled any Chinese diplomats despite the incidents at sea.",
     {E("PHL", "CHN", "SANCTION", True)}),
]

# --- further constructions -----------------------------------------------------------------------
FURTHER = [
    # a state's ban on its own people is repression (COERCE), not a sanction
    ("Tajik authorities banned opposition activists from leaving the country.", {E("TJK", "TJK", "COERCE")}),
    ("The Belarusian government banned independent journalists from covering the election.",
     {E("BLR", "BLR", "COERCE")}),
    # a curfew threatened in one's own capital is a domestic threat
    ("The Malian junta will impose a night curfew in Bamako after the riots.", {E("MLI", "MLI", "THREATEN")}),
    ("The Kyrgyz government will extend the state of emergency in Bishkek for another week.",
     {E("KGZ", "KGZ", "THREATEN")}),
    ("The Bolivian government extended the curfew in La Paz after another night of looting.",
     {E("BOL", "BOL", "COERCE")}),
    ("The European Union extended its sanctions on Belarus for another year.", {E("EU", "BLR", "SANCTION")}),
    # agreeing to someone's proposal or mediation: AGREE with its owner
    ("Serbia agreed to Hungary's proposal for a joint border patrol.", {E("SRB", "HUN", "AGREE")}),
    ("Ethiopia has agreed to Kenyan mediation in its dispute with Egypt.", {E("ETH", "KEN", "AGREE")}),
    # agreeing to someone's demands is yielding to them
    ("Armenia agreed to Azerbaijan's demands for a land corridor.", {E("ARM", "AZE", "CONCEDE")}),
    ("India and Pakistan agreed to a ceasefire.", {E("IND", "PAK", "AGREE")}),
    # the doer of an act the lexicon does not list: "abuses by the police"
    ("Georgian students protested against the violence by Georgian riot police in Tbilisi.",
     {E("GEO", "GEO", "PROTEST")}),
    ("Opposition supporters in Dhaka rallied against abuses by Bangladeshi security forces.",
     {E("BGD", "BGD", "PROTEST")}),
    # "X-led": the leader acts; an object's constraint and target may sit on any conjunct
    ("The Saudi-led coalition carried out airstrikes on Houthi positions near Hodeidah.",
     {E("SAU", "YEM", "ASSAULT")}),
    ("Israeli forces launched airstrikes, artillery and tank fire against Hamas positions in Rafah.",
     {E("ISR", "PSE", "ASSAULT")}),
    # taking part in an act: its subject is the agent
    ("Rwandan soldiers were engaged in heavy fighting against Congolese troops near Goma.",
     {E("RWA", "COD", "ASSAULT")}),
    ("Eritrean troops were involved in attacks on Ethiopian civilians in Tigray.", {E("ERI", "ETH", "ASSAULT")}),
    # letting someone act: the one let act is the target of the refusal or pledge
    ("Myanmar's junta refused to let UN investigators enter Rakhine state.", {E("MMR", "UN", "REJECT")}),
    ("Belgrade agreed to allow EU monitors to observe the local elections.", {E("SRB", "EU", "AGREE")}),
    # a protest aimed at whom its purpose clause names
    ("Polish farmers blocked highways to show their anger at the EU's grain import policy.",
     {E("POL", "EU", "PROTEST")}),
    ("Thousands of Armenians marched through Yerevan to voice their fury over Azerbaijan's blockade of the "
     "Lachin corridor.", {E("ARM", "AZE", "PROTEST")}),
    # an organisation's name as a noun modifier names whose officials act
    ("Ukrainian Grain Association (UGA) officials demanded compensation from the Ukrainian agriculture ministry.",
     {E("UKR", "UKR", "REQUEST")}),
    ("Georgian Dream party (GD) leaders accused the Georgian president of sabotage.", {E("GEO", "GEO", "ACCUSE")}),
    # "up to N": a quantity the parser splits into a particle and a preposition
    ("Houthi fighters killed up to 12 Saudi border guards near Jizan.", {E("YEM", "SAU", "ASSAULT")}),
    ("Al-Shabaab militants abducted up to 30 Kenyan construction workers near Mandera.",
     {E("SOM", "KEN", "ASSAULT")}),
    # inspectors sent to a site in a country: ACCUSE against that country
    ("The OPCW dispatched inspectors to a chemical plant in northern Syria.", {E("OPCW", "SYR", "ACCUSE")}),
    # a protest put down, with no foreign party named: domestic repression
    ("Belarusian riot police broke up an opposition rally in central Minsk.", {E("BLR", "BLR", "COERCE")}),
    ("Iranian security forces crushed the protests in Zahedan.", {E("IRN", "IRN", "COERCE")}),
    ("The Russian authorities banned a rally planned by opposition supporters.", {E("RUS", "RUS", "COERCE")}),
    ("Cuban police prevented a march by dissidents in Havana.", {E("CUB", "CUB", "COERCE")}),
    ("Georgian police stopped a march towards the parliament building.", {E("GEO", "GEO", "COERCE")}),
    # "pushed for X to do": a request to X; the act is only asked for
    ("Kyiv is pushing hard for Germany to supply long-range missiles.", {E("UKR", "DEU", "REQUEST")}),
    ("Lithuania pressed for the EU to impose sanctions on Belarus.", {E("LTU", "EU", "REQUEST")}),
    ("Moldova appealed for Romania to send emergency gas supplies.", {E("MDA", "ROU", "REQUEST")}),
    ("Poland called for NATO to deploy more troops on its eastern flank.", {E("POL", "NATO", "REQUEST")}),
    # emergency rule with no target named falls on the state's own ground; a named target keeps its place
    ("Ecuador's president declared a state of emergency after a wave of prison riots.", {E("ECU", "ECU", "COERCE")}),
    ("The Thai army imposed martial law before the coup.", {E("THA", "THA", "COERCE")}),
    ("Sri Lanka's government extended the nationwide curfew by another two days.", {E("LKA", "LKA", "COERCE")}),
    ("The Kazakh authorities declared a curfew in Almaty after the unrest.", {E("KAZ", "KAZ", "COERCE")}),
    ("The Israeli army imposed a curfew on the Palestinian town of Huwara.", {E("ISR", "PSE", "COERCE")}),
    # a state moving against a group of its own nationals is domestic; praising them is no event
    ("Russia has charged three Russian activists with treason.", {E("RUS", "RUS", "ACCUSE")}),
    ("Serbia is investigating attacks by Serbian nationalists on Albanian shops.", {E("SRB", "SRB", "ACCUSE")}),
    ("Hungary praised Hungarian farmers for their resilience.", set()),
    # troops put on high alert: a show of force toward the border's other side
    ("Serbia put its troops on high alert along the border with Kosovo.", {E("SRB", "XKX", "MOBILIZE")}),
    ("The Israeli government issued a travel alert for Turkey.", set()),
    # "was quoted as saying he ...": the pronoun is the one quoted
    ("Aleksandar Vucic was quoted as saying he would never recognise Kosovo.", {E("SRB", "XKX", "REJECT")}),
]

# --- issue 15 §3.1: actors from the setting, datelines ------------------------------------------
SETTING = [
    # people named by where they live act for that territory, not for their ethnicity
    ("Ethnic Russian demonstrators in Latvia clashed with Latvian police outside the parliament in Riga.",
     {E("LVA", "LVA", "ASSAULT")}),
    ("Kosovo Serbs clashed with NATO peacekeepers near the town of Zvecan.", {E("XKX", "NATO", "ASSAULT")}),
    ("Hundreds of ethnic Albanians in North Macedonia protested against the Bulgarian government's veto.",
     {E("MKD", "BGR", "PROTEST")}),
    ("Bosnian Serbs protested against the Croatian government's border fence.", {E("BIH", "HRV", "PROTEST")}),
    ("Serb gunmen in northern Kosovo opened fire on Kosovo police near the village of Banjska.", {E("XKX", "XKX", "ASSAULT")}),
    # a bare plural demonym counts as residents when a part of the place or "from" names where they live
    ("Hundreds of Serbs in northern Kosovo protested against the Kosovo government's ban on the dinar.",
     {E("XKX", "XKX", "PROTEST")}),
    ("Serbs from Kosovo met the Serbian president in Belgrade on Friday.", {E("XKX", "SRB", "CONSULT")}),
    # a state and an armed group of its own: both sides are the state's code (issue 15, section 3.1)
    ("Kinshasa accused M23 of burning a market town in North Kivu.", {E("COD", "COD", "ACCUSE")}),
    ("Hezbollah denounced Beirut for the arrests of its members.", {E("LBN", "LBN", "ACCUSE")}),
    # ... but a state's name, its namesake or its own officials are one party
    ("Serbian officials met Serbian officials in Belgrade to settle the dispute.", set()),
    ("Serbia said Serbia would never accept the ruling.", set()),
    # agents of a state stay with their state, wherever they are
    ("Russian troops in Ukraine shelled Ukrainian positions near Bakhmut.", {E("RUS", "UKR", "ASSAULT")}),
    ("Iranian officials in Baghdad accused the United States of meddling in Iraq.", {E("IRN", "USA", "ACCUSE")}),
    # a dateline is where the story was filed, not who acted
    ("ADDIS ABABA, Ethiopia (Reuters) — Somalia accused Ethiopia of violating its sovereignty.",
     {E("SOM", "ETH", "ACCUSE")}),
    ("Drone war widens\nMOSCOW (AP) -- Russia accused Ukraine of attacking an oil depot in Bryansk.",
     {E("RUS", "UKR", "ACCUSE")}),
]

# --- issue 15 §3.7: non-events and acts that are something else --------------------------------
NON_EVENTS = [
    # a standing state of relations is not an act
    ("The ceasefire between Armenia and Azerbaijan has largely held since November.", set()),
    ("A defence pact between Egypt and Sudan remains in force.", set()),
    ("The agreement between Serbia and Kosovo was signed in Brussels.", {E("SRB", "XKX", "AGREE")}),
    # receiving or hosting private people is not an act towards their state; harming them is
    ("Germany welcomed 300 Afghan evacuees at the Ramstein air base.", set()),
    ("Turkey has hosted millions of Syrian refugees since 2011.", set()),
    ("Russia shelled Ukrainian civilians in Kherson.", {E("RUS", "UKR", "ASSAULT")}),
    # an accuser does not harm its own people: a misread agent gives no self-directed attack
    ("Tajikistan accused Kyrgyzstan of shelling a village in the valley, wounding four residents.",
     {E("TJK", "KGZ", "ACCUSE")}),
    # a warning that only says what the addressee should do is a demand; one with a menace is a threat
    ("Washington warned Ankara that it must not buy more Russian air-defence systems.", {E("USA", "TUR", "REQUEST")}),
    ("China warned the Philippines that it would respond to any further provocation.", {E("CHN", "PHL", "THREATEN")}),
    # a decision taken is the act; a plan is a threat
    ("The Netherlands decided to expel two Russian diplomats on Friday.", {E("NLD", "RUS", "SANCTION")}),
    ("Poland plans to expel the Belarusian consul.", {E("POL", "BLR", "THREATEN")}),
    # ending a relation cuts ties
    ("Canada announced the suspension of its trade talks with India.", {E("CAN", "IND", "SANCTION")}),
    ("Ottawa froze its free-trade negotiations with New Delhi.", {E("CAN", "IND", "SANCTION")}),
]

# --- issue 15 §3.2: arguments of nouns --------------------------------------------------------
NOUN_ARGS = [
    # a demand answered by the clause's subject was made to it; the answer is coded too
    ("Vietnam turned down a request from Cambodia for joint patrols on the Mekong.",
     {E("VNM", "KHM", "REJECT"), E("KHM", "VNM", "REQUEST")}),
    ("Hungary blocked Ukraine's request for an emergency loan.", {E("HUN", "UKR", "REJECT"), E("UKR", "HUN", "REQUEST")}),
    ("Greece rejected demands from Turkey to demilitarise its eastern islands.",
     {E("GRC", "TUR", "REJECT"), E("TUR", "GRC", "REQUEST")}),
    # supporting someone's bid does not make the bid addressed to the supporter
    ("Poland backs Moldova's bid for membership.", {E("POL", "MDA", "SUPPORT")}),
    # an act done despite another's objection: the objector opposes the actor (SCHEMA framing words)
    ("Despite objections from Egypt, Ethiopia began filling the reservoir.", {E("EGY", "ETH", "REJECT")}),
    ("Notwithstanding protests by China, Lithuania opened a Taiwanese representative office.",
     {E("CHN", "LTU", "REJECT")}),
    # whom a measure is aimed at, by a participle after it
    ("The EU adopted a sanctions package aimed at Belarusian exporters.", {E("EU", "BLR", "SANCTION")}),
    ("Ottawa announced trade restrictions directed against Chinese chipmakers.", {E("CAN", "CHN", "SANCTION")}),
]

# --- issue 15 §3.3: stance inside reported content ----------------------------------------------
REPORTED_STANCE = [
    # the victim's report of an attack on it is its accusation, and the attack rests on its word
    ("Armenia said Azerbaijani forces had fired on Armenian positions near Sotk.",
     {E("ARM", "AZE", "ACCUSE"), E("AZE", "ARM", "ASSAULT")}),
    ("Kenya's interior minister said Somali militants had attacked Kenyan police posts near Mandera.",
     {E("KEN", "SOM", "ACCUSE"), E("SOM", "KEN", "ASSAULT")}),
    # a third party's report accuses no one
    ("UN observers said Sudanese troops had shelled Chadian border posts.", {E("SDN", "TCD", "ASSAULT")}),
    # a condemning noun in a fronted quote is the speaker's accusation
    ('"Washington is the aggressor here," Iran\'s foreign ministry said.', {E("IRN", "USA", "ACCUSE")}),
    ('"Brussels has become an accomplice," the Slovak foreign minister said.', {E("SVK", "EU", "ACCUSE")}),
]

# --- issue 15 §3.6: coreference of elided repeats ----------------------------------------------
ELLIPSIS = [
    ("Japan supports Ukraine's bid, and so does South Korea.", {E("JPN", "UKR", "SUPPORT"), E("KOR", "UKR", "SUPPORT")}),
    ("Germany condemned Russia's strike on Odesa, as did France.",
     {E("DEU", "RUS", "ACCUSE"), E("FRA", "RUS", "ACCUSE")}),
    ("Spain has not recognised Kosovo, and neither has Greece.", {E("ESP", "XKX", "REJECT"), E("GRC", "XKX", "REJECT")}),
    # a second verb of its own is no elided repeat
    ("Chile recalled its ambassador from Israel, and Colombia did the same with Venezuela in May.",
     {E("CHL", "ISR", "SANCTION")}),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    cases("reporting", REPORTING)
    + cases("nominal", NOMINALISATIONS)
    + cases("reprisal", REPRISALS)
    + cases("passive", PASSIVES)
    + cases("participle", PARTICIPLES)
    + cases("copular", COPULAR_ACTS)
    + cases("received", RECEIVED)
    + cases("claimed-place", CLAIMED_PLACES)
    + cases("receiving", RECEIVING)
    + cases("secession", SECESSION)
    + cases("phrasal", PHRASAL)
    + cases("aid-pledge", AID_PLEDGES)
    + cases("object-target", OBJECT_TARGETS)
    + cases("definite", DEFINITES)
    + cases("appeal", APPEALS)
    + cases("modal", MODALS)
    + cases("condemn", CONDEMNATIONS)
    + cases("control", CONTROL)
    + cases("list", LISTS)
    + cases("person", PERSONS)
    + cases("domestic", DOMESTIC)
    + cases("mutual", MUTUAL)
    + cases("negation", NEGATION)
    + cases("further", FURTHER)
    + cases("setting", SETTING)
    + cases("non-event", NON_EVENTS)
    + cases("noun-args", NOUN_ARGS)
    + cases("reported-stance", REPORTED_STANCE)
    + cases("ellipsis", ELLIPSIS),
)
def test_event_set(run_text, text, expected):
    ex = run_text(text)
    assert keys(ex) == expected, produced(ex)


STATUS = [
        # a third party's report: claimed, attributed to the reporter
        ("UN peacekeepers said Israeli troops had fired on a Lebanese army post near the Blue Line on Tuesday.",
         E("ISR", "LBN", "ASSAULT"), "claimed", "UN"),
        ("U.S. officials said Iran had shipped hundreds of attack drones to Russia over the past year.",
         E("IRN", "RUS", "AID"), "claimed", "USA"),
        # the perpetrator's own report: reported
        ("An Israeli military spokesman told reporters that Israeli jets had struck Hezbollah weapons depots "
         "in the Bekaa Valley overnight.",
         E("ISR", "LBN", "ASSAULT"), "reported", None),
        ("Hezbollah said its fighters had attacked an Israeli army post with guided missiles.",
         E("LBN", "ISR", "ASSAULT"), "reported", None),
        # only a denial: denied, by the denier
        ("Azerbaijan denied that its forces had shelled Armenian villages near the border.",
         E("AZE", "ARM", "ASSAULT"), "denied", "AZE"),
        ("Rwanda denied sending troops into eastern Congo.", E("RWA", "COD", "MOBILIZE"), "denied", "RWA"),
        # intentions are planned; a pledge itself is reported
        ("Turkey is ready to send more military instructors to Somalia to train its army.",
         E("TUR", "SOM", "AID"), "planned", None),
        ("Serbia agreed to resume talks with Kosovo on the fate of missing persons.",
         E("SRB", "XKX", "AGREE"), "reported", None),
        # the victim's own report: the attack is claimed, by the victim (issue 15 §3.3)
        ("Armenia said Azerbaijani forces had fired on Armenian positions near Sotk.",
         E("AZE", "ARM", "ASSAULT"), "claimed", "ARM"),
        # an accusation names the harm: the people harmed are the accuser's, the harm rests on its word
        ("Georgia accused Russia on Monday of shelling two hamlets near a remote mountain pass, wounding "
         "three civilians.", E("RUS", "GEO", "ASSAULT"), "claimed", "GEO"),
]


@pytest.mark.parametrize(
    ("text", "key", "status", "by"),
    [pytest.param(*row, id=f"status-{row[1][0]}-{row[1][1]}-{row[1][2]}") for row in STATUS],
)
def test_status(run_text, text, key, status, by):
    events = {(e.source, e.target, e.type, e.negated): e for e in run_text(text).events}
    assert key in events, sorted(events)
    ev = events[key]
    assert (ev.status, ev.attributed_to) == (status, by)
