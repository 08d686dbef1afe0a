"""Generate src/powderkeg/data/actors.csv (dev-time only; needs pycountry).

Why a generator: pycountry gives every ISO name and official name, but not
adjectives, demonyms, capitals, metonyms or the bodies and groups news names
actors by. Those are written out here as world knowledge, merged, de-duplicated
by folded alias and written as one reviewed CSV that the package ships, so the
package never needs pycountry at run time.

    .venv/bin/python scripts/build_actors.py          # rewrite the CSV
    .venv/bin/python scripts/build_actors.py --check  # fail if it is stale
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "powderkeg" / "data" / "actors.csv"

# code: (names, adjectives and demonyms, capitals and seats). "|" separates forms.
# Plurals of demonyms ("Serbs", "Americans") are derived by `plurals()`.
STATES: dict[str, tuple[str, str, str]] = {
    "AFG": ("Afghanistan|Islamic Emirate of Afghanistan", "Afghan", "Kabul"),
    "ALB": ("Albania", "Albanian", "Tirana|Tiranë"),
    "DZA": ("Algeria", "Algerian", "Algiers"),
    "AND": ("Andorra", "Andorran", "Andorra la Vella"),
    "AGO": ("Angola", "Angolan", "Luanda"),
    "ATG": ("Antigua and Barbuda|Antigua", "Antiguan", ""),
    "ARG": ("Argentina|Argentine Republic", "Argentine|Argentinian|Argentinean", "Buenos Aires"),
    "ARM": ("Armenia", "Armenian", "Yerevan"),
    "AUS": ("Australia|Commonwealth of Australia", "Australian", "Canberra"),
    "AUT": ("Austria", "Austrian", "Vienna"),
    "AZE": ("Azerbaijan", "Azerbaijani|Azeri", "Baku"),
    "BHS": ("Bahamas", "Bahamian", "Nassau"),
    "BHR": ("Bahrain", "Bahraini", "Manama"),
    "BGD": ("Bangladesh", "Bangladeshi", "Dhaka"),
    "BRB": ("Barbados", "Barbadian|Bajan", "Bridgetown"),
    "BLR": ("Belarus|Republic of Belarus|Byelorussia|Belorussia", "Belarusian|Belarusan|Belorussian|Byelorussian", "Minsk"),
    "BEL": ("Belgium", "Belgian", ""),  # Brussels is coded EU (seat of the Union)
    "BLZ": ("Belize", "Belizean", "Belmopan"),
    "BEN": ("Benin", "Beninese|Beninois", "Porto-Novo|Cotonou"),
    "BTN": ("Bhutan", "Bhutanese", "Thimphu"),
    "BOL": ("Bolivia", "Bolivian", "La Paz|Sucre"),
    "BIH": ("Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia|BiH", "Bosnian", "Sarajevo"),
    "BWA": ("Botswana", "Botswanan|Motswana|Batswana", "Gaborone"),
    "BRA": ("Brazil", "Brazilian", "Brasília"),
    "BRN": ("Brunei|Brunei Darussalam", "Bruneian", "Bandar Seri Begawan"),
    "BGR": ("Bulgaria", "Bulgarian", "Sofia"),
    "BFA": ("Burkina Faso|Burkina", "Burkinabe|Burkinabè", "Ouagadougou"),
    "BDI": ("Burundi", "Burundian", "Gitega|Bujumbura"),
    "CPV": ("Cabo Verde|Cape Verde", "Cape Verdean|Cabo Verdean", "Praia"),
    "KHM": ("Cambodia|Kingdom of Cambodia|Kampuchea", "Cambodian|Kampuchean", "Phnom Penh"),
    "CMR": ("Cameroon", "Cameroonian", "Yaoundé"),
    "CAN": ("Canada", "Canadian", "Ottawa"),
    "CAF": ("Central African Republic|CAR", "Central African", "Bangui"),
    "TCD": ("Chad", "Chadian", "N'Djamena|Ndjamena"),
    "CHL": ("Chile", "Chilean", "Santiago"),
    "CHN": ("China|People's Republic of China|PRC|mainland China", "Chinese", "Beijing|Peking"),
    "COL": ("Colombia", "Colombian", "Bogotá"),
    "COM": ("Comoros", "Comoran|Comorian", "Moroni"),
    "COG": ("Republic of the Congo|Republic of Congo|Congo Republic|Congo-Brazzaville", "", "Brazzaville"),
    "COD": ("Congo|Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|DRC|D.R. Congo"
            "|Congo-Kinshasa|Zaire", "Congolese|Zairean|Zairian", "Kinshasa"),
    "CRI": ("Costa Rica", "Costa Rican", "San José"),
    "CIV": ("Côte d'Ivoire|Ivory Coast", "Ivorian|Ivoirian", "Yamoussoukro|Abidjan"),
    "HRV": ("Croatia", "Croatian|Croat", "Zagreb"),
    "CUB": ("Cuba", "Cuban", "Havana"),
    "CYP": ("Cyprus", "Cypriot", "Nicosia"),
    "CZE": ("Czech Republic|Czechia", "Czech", "Prague"),
    "DNK": ("Denmark", "Danish|Dane", "Copenhagen"),
    "DJI": ("Djibouti", "Djiboutian", ""),
    "DMA": ("Dominica|Commonwealth of Dominica", "", "Roseau"),
    "DOM": ("Dominican Republic", "Dominican", "Santo Domingo"),
    "ECU": ("Ecuador", "Ecuadorian|Ecuadorean", "Quito"),
    "EGY": ("Egypt", "Egyptian", "Cairo"),
    "SLV": ("El Salvador", "Salvadoran|Salvadorean", "San Salvador"),
    "GNQ": ("Equatorial Guinea", "Equatorial Guinean|Equatoguinean", "Malabo"),
    "ERI": ("Eritrea", "Eritrean", "Asmara"),
    "EST": ("Estonia", "Estonian", "Tallinn"),
    "SWZ": ("Eswatini|Swaziland", "Swazi|Emaswati", "Mbabane|Lobamba"),
    "ETH": ("Ethiopia", "Ethiopian", "Addis Ababa"),
    "FJI": ("Fiji", "Fijian", "Suva"),
    "FIN": ("Finland", "Finnish|Finn", "Helsinki"),
    "FRA": ("France|French Republic", "French|Frenchman|Frenchmen|Frenchwoman", "Paris"),
    "GAB": ("Gabon", "Gabonese", "Libreville"),
    "GMB": ("Gambia|The Gambia", "Gambian", "Banjul"),
    "GEO": ("Georgia", "Georgian", "Tbilisi"),
    "DEU": ("Germany|Federal Republic of Germany", "German", "Berlin|Bonn"),
    "GHA": ("Ghana", "Ghanaian", "Accra"),
    "GRC": ("Greece|Hellenic Republic", "Greek|Hellenic", "Athens"),
    "GRD": ("Grenada", "Grenadian", ""),
    "GTM": ("Guatemala", "Guatemalan", "Guatemala City"),
    "GIN": ("Guinea|Republic of Guinea|Guinea-Conakry", "Guinean", "Conakry"),
    "GNB": ("Guinea-Bissau", "Bissau-Guinean", "Bissau"),
    "GUY": ("Guyana", "Guyanese", "Georgetown"),
    "HTI": ("Haiti", "Haitian", "Port-au-Prince"),
    "HND": ("Honduras", "Honduran", "Tegucigalpa"),
    "HUN": ("Hungary", "Hungarian", "Budapest"),
    "ISL": ("Iceland", "Icelandic|Icelander", "Reykjavík"),
    "IND": ("India|Republic of India|Bharat", "Indian", "New Delhi"),
    "IDN": ("Indonesia", "Indonesian", "Jakarta"),
    "IRN": ("Iran|Islamic Republic of Iran|Islamic Republic", "Iranian", "Tehran|Teheran"),
    "IRQ": ("Iraq", "Iraqi", "Baghdad"),
    "IRL": ("Ireland|Republic of Ireland|Éire", "Irish|Irishman|Irishmen", "Dublin"),
    "ISR": ("Israel|State of Israel|Jewish state", "Israeli", "Jerusalem"),
    "ITA": ("Italy|Italian Republic", "Italian", "Rome"),
    "JAM": ("Jamaica", "Jamaican", "Kingston"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "JOR": ("Jordan|Hashemite Kingdom of Jordan", "Jordanian", "Amman"),
    "KAZ": ("Kazakhstan", "Kazakh|Kazakhstani", "Astana|Nur-Sultan|Almaty|Alma-Ata"),
    "KEN": ("Kenya", "Kenyan", "Nairobi"),
    "KIR": ("Kiribati", "I-Kiribati", "Tarawa|South Tarawa"),
    "PRK": ("North Korea|DPRK|D.P.R.K.|Democratic People's Republic of Korea", "North Korean", "Pyongyang"),
    "KOR": ("South Korea|Republic of Korea|ROK|Korea", "South Korean|Korean", "Seoul"),
    "XKX": ("Kosovo|Republic of Kosovo|Kosova", "Kosovar|Kosovan", "Pristina|Priština|Prishtina|Prishtinë"),
    "KWT": ("Kuwait", "Kuwaiti", "Kuwait City"),
    "KGZ": ("Kyrgyzstan|Kyrgyz Republic|Kirghizia", "Kyrgyz|Kyrgyzstani|Kirghiz", "Bishkek"),
    "LAO": ("Laos|Lao PDR|Lao People's Democratic Republic", "Laotian|Lao", "Vientiane"),
    "LVA": ("Latvia", "Latvian", "Riga"),
    "LBN": ("Lebanon", "Lebanese", "Beirut"),
    "LSO": ("Lesotho", "Basotho|Mosotho", "Maseru"),
    "LBR": ("Liberia", "Liberian", "Monrovia"),
    "LBY": ("Libya", "Libyan", "Tripoli"),
    "LIE": ("Liechtenstein", "Liechtensteiner", "Vaduz"),
    "LTU": ("Lithuania", "Lithuanian", "Vilnius"),
    "LUX": ("Luxembourg", "Luxembourgish|Luxembourger", ""),
    "MDG": ("Madagascar", "Malagasy", "Antananarivo"),
    "MWI": ("Malawi", "Malawian", "Lilongwe"),
    "MYS": ("Malaysia", "Malaysian", "Kuala Lumpur|Putrajaya"),
    "MDV": ("Maldives", "Maldivian", "Malé"),
    "MLI": ("Mali", "Malian", "Bamako"),
    "MLT": ("Malta", "Maltese", "Valletta"),
    "MHL": ("Marshall Islands", "Marshallese", "Majuro"),
    "MRT": ("Mauritania", "Mauritanian", "Nouakchott"),
    "MUS": ("Mauritius", "Mauritian", "Port Louis"),
    "MEX": ("Mexico|United Mexican States", "Mexican", "Mexico City"),
    "FSM": ("Micronesia|Federated States of Micronesia", "Micronesian", "Palikir"),
    "MDA": ("Moldova|Republic of Moldova|Moldavia", "Moldovan|Moldavian", "Chișinău|Chisinau|Kishinev"),
    "MCO": ("Monaco", "Monegasque|Monacan", ""),
    "MNG": ("Mongolia", "Mongolian", "Ulaanbaatar|Ulan Bator"),
    "MNE": ("Montenegro", "Montenegrin", "Podgorica"),
    "MAR": ("Morocco", "Moroccan", "Rabat"),
    "MOZ": ("Mozambique", "Mozambican", "Maputo"),
    "MMR": ("Myanmar|Burma", "Burmese", "Naypyidaw|Naypyitaw|Nay Pyi Taw|Yangon|Rangoon"),
    "NAM": ("Namibia", "Namibian", "Windhoek"),
    "NRU": ("Nauru", "Nauruan", "Yaren"),
    "NPL": ("Nepal", "Nepali|Nepalese", "Kathmandu"),
    "NLD": ("Netherlands|Holland|Kingdom of the Netherlands", "Dutch|Dutchman|Dutchmen", "Amsterdam"),
    "NZL": ("New Zealand", "New Zealander", "Wellington"),
    "NIC": ("Nicaragua", "Nicaraguan", "Managua"),
    "NER": ("Niger", "Nigerien", "Niamey"),
    "NGA": ("Nigeria", "Nigerian", "Abuja"),
    "MKD": ("North Macedonia|Republic of North Macedonia|Macedonia|FYROM", "Macedonian|North Macedonian", "Skopje"),
    "NOR": ("Norway", "Norwegian", "Oslo"),
    "OMN": ("Oman|Sultanate of Oman", "Omani", "Muscat"),
    "PAK": ("Pakistan|Islamic Republic of Pakistan", "Pakistani", "Islamabad"),
    "PLW": ("Palau", "Palauan", "Ngerulmud"),
    "PSE": ("Palestine|State of Palestine|Palestinian territories|Palestinian territory"
            "|occupied Palestinian territories|occupied Palestinian territory|Gaza|Gaza Strip|West Bank"
            "|East Jerusalem", "Palestinian|Gazan", "Ramallah|Gaza City"),
    "PAN": ("Panama", "Panamanian", "Panama City"),
    "PNG": ("Papua New Guinea|PNG", "Papua New Guinean", "Port Moresby"),
    "PRY": ("Paraguay", "Paraguayan", "Asunción"),
    "PER": ("Peru", "Peruvian", "Lima"),
    "PHL": ("Philippines", "Philippine|Filipino|Filipina", "Manila"),
    "POL": ("Poland", "Polish|Pole", "Warsaw"),
    "PRT": ("Portugal", "Portuguese", "Lisbon"),
    "QAT": ("Qatar|State of Qatar", "Qatari", "Doha"),
    "ROU": ("Romania", "Romanian", "Bucharest"),
    "RUS": ("Russia|Russian Federation|Soviet Union|USSR|U.S.S.R.", "Russian|Soviet", "Moscow"),
    "RWA": ("Rwanda", "Rwandan", "Kigali"),
    "KNA": ("Saint Kitts and Nevis|St Kitts and Nevis|St. Kitts and Nevis|St Kitts|St. Kitts", "Kittitian",
            "Basseterre"),
    "LCA": ("Saint Lucia|St Lucia|St. Lucia", "Saint Lucian|St Lucian", "Castries"),
    "VCT": ("Saint Vincent and the Grenadines|St Vincent and the Grenadines|St. Vincent and the Grenadines"
            "|St Vincent|St. Vincent", "Vincentian", "Kingstown"),
    "WSM": ("Samoa|Independent State of Samoa", "Samoan", "Apia"),
    "SMR": ("San Marino", "Sammarinese", ""),
    "STP": ("São Tomé and Príncipe|São Tomé", "Santomean", ""),
    "SAU": ("Saudi Arabia|Kingdom of Saudi Arabia|KSA", "Saudi", "Riyadh"),
    "SEN": ("Senegal", "Senegalese", "Dakar"),
    "SRB": ("Serbia|Republic of Serbia", "Serbian|Serb", "Belgrade"),
    "SYC": ("Seychelles", "Seychellois", ""),
    "SLE": ("Sierra Leone", "Sierra Leonean", "Freetown"),
    "SGP": ("Singapore", "Singaporean", ""),
    "SVK": ("Slovakia|Slovak Republic", "Slovak|Slovakian", "Bratislava"),
    "SVN": ("Slovenia", "Slovenian|Slovene", "Ljubljana"),
    "SLB": ("Solomon Islands", "Solomon Islander", "Honiara"),
    "SOM": ("Somalia|Federal Republic of Somalia", "Somali", "Mogadishu"),
    "ZAF": ("South Africa|Republic of South Africa", "South African", "Pretoria"),
    "SSD": ("South Sudan", "South Sudanese", "Juba"),
    "ESP": ("Spain|Kingdom of Spain", "Spanish|Spaniard", "Madrid"),
    "LKA": ("Sri Lanka", "Sri Lankan|Sinhalese", "Colombo|Sri Jayawardenepura Kotte"),
    "SDN": ("Sudan|Republic of the Sudan", "Sudanese", "Khartoum|Port Sudan"),
    "SUR": ("Suriname|Surinam", "Surinamese", "Paramaribo"),
    "SWE": ("Sweden", "Swedish|Swede", "Stockholm"),
    "CHE": ("Switzerland|Swiss Confederation", "Swiss", "Bern|Berne"),
    "SYR": ("Syria|Syrian Arab Republic", "Syrian", "Damascus"),
    "TWN": ("Taiwan|Republic of China|ROC", "Taiwanese", "Taipei"),
    "TJK": ("Tajikistan", "Tajik|Tajikistani", "Dushanbe"),
    "TZA": ("Tanzania|United Republic of Tanzania", "Tanzanian", "Dodoma|Dar es Salaam"),
    "THA": ("Thailand|Kingdom of Thailand", "Thai", "Bangkok"),
    "TLS": ("Timor-Leste|East Timor", "Timorese|East Timorese", "Dili"),
    "TGO": ("Togo|Togolese Republic", "Togolese", "Lomé"),
    "TON": ("Tonga", "Tongan", "Nuku'alofa"),
    "TTO": ("Trinidad and Tobago|Trinidad", "Trinidadian|Tobagonian", "Port of Spain"),
    "TUN": ("Tunisia", "Tunisian", "Tunis"),
    "TUR": ("Türkiye|Turkey|Republic of Türkiye|Republic of Turkey", "Turkish|Turk", "Ankara"),
    "TKM": ("Turkmenistan", "Turkmen", "Ashgabat|Ashkhabad"),
    "TUV": ("Tuvalu", "Tuvaluan", "Funafuti"),
    "UGA": ("Uganda", "Ugandan", "Kampala"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv|Kiev"),
    "ARE": ("United Arab Emirates|UAE|U.A.E.", "Emirati", "Abu Dhabi"),
    "GBR": ("United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|U.K.|Britain|Great Britain",
            "British|Briton|Brit", "London"),
    "USA": ("United States|United States of America|US|U.S.|U.S|USA|U.S.A.|America", "American",
            "Washington|Washington DC|Washington D.C.|Washington, D.C."),
    "URY": ("Uruguay", "Uruguayan", "Montevideo"),
    "UZB": ("Uzbekistan", "Uzbek|Uzbekistani", "Tashkent"),
    "VUT": ("Vanuatu", "Ni-Vanuatu", "Port Vila"),
    "VAT": ("Vatican|Holy See|Vatican City|Vatican City State", "", ""),
    "VEN": ("Venezuela", "Venezuelan", "Caracas"),
    "VNM": ("Vietnam|Viet Nam", "Vietnamese", "Hanoi"),
    "YEM": ("Yemen", "Yemeni", "Sanaa|Sana'a|Aden"),
    "ZMB": ("Zambia", "Zambian", "Lusaka"),
    "ZWE": ("Zimbabwe", "Zimbabwean", "Harare"),
    "ESH": ("Western Sahara|Sahrawi Arab Democratic Republic", "Sahrawi|Saharawi", ""),
}

# Territories whose pycountry name has a comma or brackets, or a short form news uses.
TERRITORY_NAMES: dict[str, str] = {
    "BES": "Caribbean Netherlands",
    "CCK": "Cocos Islands|Cocos (Keeling) Islands",
    "FLK": "Falkland Islands|Falklands|Malvinas",
    "MAF": "Saint Martin|St Martin",
    "SHN": "Saint Helena|St Helena",
    "SXM": "Sint Maarten",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands|U.S. Virgin Islands",
    "TCA": "Turks and Caicos",
    "HKG": "Hong Kong",
    "MAC": "Macau|Macao",
    "SGS": "South Georgia",
    "PRI": "Puerto Rico",
    "GRL": "Greenland",
}

# Seats of government and institutions that carry their state in news usage.
# (code, alias, role); kind=body.
BODIES: list[tuple[str, str, str]] = [
    # United States
    *[("USA", a, "foreign ministry") for a in ("State Department", "Department of State", "Foggy Bottom")],
    *[("USA", a, "defence ministry") for a in ("Pentagon", "Department of Defense", "Defense Department",
                                               "Department of War", "DoD", "Joint Chiefs of Staff")],
    *[("USA", a, "presidency") for a in ("White House", "Oval Office")],
    *[("USA", a, "legislature") for a in ("Congress", "Capitol Hill")],
    *[("USA", a, "intelligence") for a in ("CIA", "Central Intelligence Agency", "National Security Agency")],
    ("USA", "FBI", "police"),
    *[("USA", a, "finance ministry") for a in ("Treasury Department", "Department of the Treasury")],
    *[("USA", a, "interior ministry") for a in ("Department of Homeland Security", "DHS")],
    *[("USA", a, "military") for a in ("CENTCOM", "Central Command", "INDOPACOM", "EUCOM", "AFRICOM")],
    # United Kingdom
    ("GBR", "Downing Street", "prime minister's office"),
    ("GBR", "Whitehall", "government"),
    ("GBR", "Westminster", "legislature"),
    ("GBR", "House of Commons", "legislature"),
    ("GBR", "House of Lords", "legislature"),
    *[("GBR", a, "foreign ministry") for a in ("Foreign Office", "FCDO", "Foreign, Commonwealth and Development Office",
                                               "Foreign and Commonwealth Office")],
    *[("GBR", a, "defence ministry") for a in ("Ministry of Defence", "MoD", "MOD")],
    ("GBR", "Home Office", "interior ministry"),
    ("DEU", "Federal Foreign Office", "foreign ministry"),
    *[("GBR", a, "military") for a in ("Royal Navy", "Royal Air Force", "RAF")],
    *[("GBR", a, "intelligence") for a in ("MI6", "MI5", "GCHQ")],
    # Russia
    ("RUS", "Kremlin", "presidency"),
    *[("RUS", a, "legislature") for a in ("Duma", "State Duma", "Federation Council")],
    *[("RUS", a, "intelligence") for a in ("FSB", "SVR", "GRU")],
    ("RUS", "Rosgvardia", "national guard"),
    *[("RUS", a, "security council") for a in ("Russian Security Council", "Security Council of Russia",
                                               "Russia's Security Council")],
    # China
    *[("CHN", a, "military") for a in ("People's Liberation Army", "PLA", "PLA Navy")],
    ("CHN", "Zhongnanhai", "government"),
    *[("CHN", a, "legislature") for a in ("National People's Congress", "NPC")],
    ("CHN", "Ministry of State Security", "intelligence"),
    # Israel
    *[("ISR", a, "military") for a in ("IDF", "Israel Defense Forces", "Israeli Defense Forces",
                                       "Israel Defence Forces", "Israeli Defence Forces")],
    ("ISR", "Knesset", "legislature"),
    *[("ISR", a, "intelligence") for a in ("Mossad", "Shin Bet", "Shabak")],
    # Ukraine
    *[("UKR", a, "legislature") for a in ("Verkhovna Rada", "Rada")],
    ("UKR", "Bankova", "presidency"),
    *[("UKR", a, "intelligence") for a in ("SBU", "GUR")],
    *[("UKR", a, "military") for a in ("Armed Forces of Ukraine", "ZSU")],
    *[("UKR", a, "security council") for a in ("National Security and Defense Council",
                                               "National Security and Defence Council")],
    # Serbia and Kosovo
    *[("SRB", a, "legislature") for a in ("Skupština", "National Assembly of Serbia")],
    *[("SRB", a, "military") for a in ("Serbian Armed Forces", "Serbian Army", "Army of Serbia", "Vojska Srbije")],
    *[("XKX", a, "military") for a in ("Kosovo Security Force", "Kosovo Security Forces", "KSF")],
    ("XKX", "Kosovo Police", "police"),
    *[("XKX", a, "legislature") for a in ("Assembly of Kosovo", "Kosovo Assembly", "Kosovo Parliament")],
    # Germany, France, other European seats
    ("DEU", "Bundeswehr", "military"),
    ("DEU", "Bundestag", "legislature"),
    ("DEU", "BND", "intelligence"),
    *[("FRA", a, "presidency") for a in ("Élysée", "Élysée Palace")],
    ("FRA", "Matignon", "prime minister's office"),
    ("FRA", "Quai d'Orsay", "foreign ministry"),
    ("FRA", "DGSE", "intelligence"),
    ("ITA", "Palazzo Chigi", "prime minister's office"),
    ("ITA", "Carabinieri", "police"),
    ("ESP", "Moncloa", "prime minister's office"),
    ("ESP", "Guardia Civil", "police"),
    ("SWE", "Riksdag", "legislature"),
    ("NOR", "Storting", "legislature"),
    ("DNK", "Folketing", "legislature"),
    ("FIN", "Eduskunta", "legislature"),
    ("POL", "Sejm", "legislature"),
    ("ISL", "Althing", "legislature"),
    *[("IRL", a, "legislature") for a in ("Dáil", "Oireachtas", "Leinster House")],
    ("TUR", "Grand National Assembly", "legislature"),
    # Asia
    *[("JPN", a, "military") for a in ("Japan Self-Defense Forces", "Self-Defense Forces", "Self-Defence Forces",
                                       "JSDF")],
    ("JPN", "National Diet", "legislature"),
    *[("IND", a, "legislature") for a in ("Lok Sabha", "Rajya Sabha")],
    *[("PAK", a, "intelligence") for a in ("ISI", "Inter-Services Intelligence")],
    *[("IRN", a, "military") for a in ("IRGC", "Islamic Revolutionary Guard Corps", "Revolutionary Guard Corps",
                                       "Revolutionary Guards", "Revolutionary Guard", "Quds Force", "Basij")],
    ("MMR", "Tatmadaw", "military"),
    *[("PRK", a, "military") for a in ("Korean People's Army", "KPA")],
    *[("KOR", a, "presidency") for a in ("Blue House", "Cheong Wa Dae")],
    *[("PHL", a, "presidency") for a in ("Malacañang", "Malacañang Palace")],
    *[("SDN", a, "military") for a in ("Sudanese Armed Forces", "SAF")],
    # Americas
    ("BRA", "Planalto", "presidency"),
    ("BRA", "Itamaraty", "foreign ministry"),
    ("ARG", "Casa Rosada", "presidency"),
    ("VEN", "Miraflores Palace", "presidency"),
    # Palestinian and Kurdish self-government
    *[("PSE", a, "government") for a in ("Palestinian Authority", "Palestinian National Authority")],
    *[("IRQ", a, "regional government") for a in ("Kurdistan Regional Government", "KRG")],
]

# Parties, armed groups, ethnic and political communities: coded to the state
# they live in or act within (SCHEMA.md: "Kosovo Serbs" -> XKX). kind=group.
GROUPS: list[tuple[str, str, str]] = [
    *[("LBN", a, "armed group") for a in ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah")],
    ("LBN", "Amal Movement", "party"),
    ("PSE", "Hamas", "armed group"),
    *[("PSE", a, "armed group") for a in ("Islamic Jihad", "Palestinian Islamic Jihad", "PIJ",
                                          "Qassam Brigades", "al-Qassam Brigades", "Izz ad-Din al-Qassam Brigades",
                                          "Al-Aqsa Martyrs' Brigades", "al-Aqsa Martyrs Brigades")],
    ("PSE", "Fatah", "party"),
    *[("PSE", a, "party") for a in ("PLO", "Palestine Liberation Organization", "Palestine Liberation Organisation")],
    *[("YEM", a, "armed group") for a in ("Houthis", "Houthi", "Huthis", "Huthi", "Ansar Allah", "Ansarallah")],
    *[("SDN", a, "paramilitary") for a in ("Rapid Support Forces", "RSF", "Janjaweed")],
    *[("RUS", a, "mercenary group") for a in ("Wagner", "Wagner Group", "PMC Wagner", "Africa Corps")],
    ("RUS", "United Russia", "party"),
    ("AFG", "Taliban", "government"),
    *[("PAK", a, "armed group") for a in ("Pakistani Taliban", "Tehreek-e-Taliban Pakistan",
                                          "Tehrik-i-Taliban Pakistan", "TTP")],
    *[("PAK", a, "party") for a in ("PTI", "Pakistan Tehreek-e-Insaf")],
    *[("TWN", a, "party") for a in ("DPP", "Democratic Progressive Party", "KMT", "Kuomintang",
                                    "Taiwan People's Party")],
    *[("COD", a, "armed group") for a in ("M23", "March 23 Movement")],
    *[("ETH", a, "armed group") for a in ("TPLF", "Tigray People's Liberation Front", "Fano", "Oromo Liberation Army",
                                          "Tigrayan forces")],
    *[("XKX", a, "armed group") for a in ("Kosovo Liberation Army", "KLA", "UÇK")],
    *[("XKX", a, "party") for a in ("Srpska Lista", "Serb List", "Serbian List", "Vetëvendosje",
                                    "Self-Determination Movement")],
    *[("XKX", a, "ethnic group") for a in ("Kosovo Serbs", "Kosovo Serb", "Kosovar Serbs", "Kosovar Serb",
                                           "Kosovo Albanians", "Kosovo Albanian", "Kosovar Albanians",
                                           "Kosovar Albanian")],
    *[("SRB", a, "party") for a in ("Serbian Progressive Party", "SNS")],
    ("SRB", "Serbian Orthodox Church", "church"),
    ("RUS", "Russian Orthodox Church", "church"),
    ("BIH", "Republika Srpska", "entity"),
    ("BIH", "Federation of Bosnia and Herzegovina", "entity"),
    *[("BIH", a, "party") for a in ("SNSD", "Alliance of Independent Social Democrats")],
    *[("BIH", a, "ethnic group") for a in ("Bosnian Serbs", "Bosnian Serb", "Bosnian Croats", "Bosnian Croat",
                                           "Bosniaks", "Bosniak", "Bosnian Muslims")],
    *[("AZE", a, "ethnic group") for a in ("Karabakh Armenians", "Nagorno-Karabakh Armenians")],
    *[("AZE", a, "breakaway region") for a in ("Nagorno-Karabakh", "Artsakh")],
    ("UKR", "Crimean Tatars", "ethnic group"),
    *[("UKR", a, "breakaway region") for a in ("Donetsk People's Republic", "Luhansk People's Republic",
                                               "Lugansk People's Republic")],
    *[("GEO", a, "breakaway region") for a in ("Abkhazia", "South Ossetia")],
    *[("MDA", a, "breakaway region") for a in ("Transnistria", "Transdniestria", "Pridnestrovie")],
    *[("CYP", a, "ethnic group") for a in ("Turkish Cypriots", "Turkish Cypriot", "Greek Cypriots", "Greek Cypriot")],
    *[("CYP", a, "breakaway region") for a in ("Northern Cyprus", "TRNC", "Turkish Republic of Northern Cyprus")],
    ("SOM", "Somaliland", "breakaway region"),
    *[("SOM", a, "armed group") for a in ("al-Shabaab", "al-Shabab")],
    ("NGA", "Boko Haram", "armed group"),
    *[("TUR", a, "armed group") for a in ("PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party")],
    ("TUR", "AKP", "party"),
    *[("SYR", a, "armed group") for a in ("YPG", "Syrian Democratic Forces", "HTS", "Hayat Tahrir al-Sham",
                                          "Free Syrian Army", "Syrian National Army")],
    *[("IRQ", a, "armed group") for a in ("Kataib Hezbollah", "Kata'ib Hezbollah", "Kataib Hizbollah",
                                          "Popular Mobilization Forces", "Popular Mobilisation Forces", "PMF",
                                          "Hashd al-Shaabi", "Peshmerga")],
    *[("COL", a, "armed group") for a in ("FARC", "ELN")],
    *[("ESH", a, "movement") for a in ("Polisario", "Polisario Front")],
    *[("MMR", a, "armed group") for a in ("Arakan Army", "Kachin Independence Army")],
    *[("MMR", a, "government in exile") for a in ("National Unity Government", "NUG")],
    ("MMR", "Rohingya", "ethnic group"),
    *[("CHN", a, "ethnic group") for a in ("Uyghurs", "Uighurs", "Tibetans")],
    *[("CHN", a, "party") for a in ("Chinese Communist Party", "Communist Party of China", "CCP", "CPC")],
    *[("ZAF", a, "party") for a in ("ANC", "African National Congress")],
    *[("IND", a, "party") for a in ("Indian National Congress", "Congress party", "BJP", "Bharatiya Janata Party")],
    ("ZWE", "ZANU-PF", "party"),
    ("GEO", "Georgian Dream", "party"),
    ("ISR", "Likud", "party"),
    ("PRK", "Workers' Party of Korea", "party"),
    ("PSE", "Gazans", "population"),
    # armed movements, ruling and rebel parties of recent decades, coded to the state they fight in or rule
    *[("LKA", a, "armed group") for a in ("Liberation Tigers of Tamil Eelam", "LTTE", "Tamil Tigers")],
    *[("AGO", a, "armed group") for a in ("UNITA", "National Union for the Total Independence of Angola")],
    *[("AGO", a, "party") for a in ("MPLA", "Popular Movement for the Liberation of Angola")],
    *[("SLE", a, "armed group") for a in ("Revolutionary United Front", "RUF")],
    *[("LBR", a, "armed group") for a in ("National Patriotic Front of Liberia", "NPFL", "LURD",
                                          "Liberians United for Reconciliation and Democracy")],
    *[("PHL", a, "armed group") for a in ("Moro Islamic Liberation Front", "MILF", "Moro National Liberation Front",
                                          "MNLF", "Abu Sayyaf", "New People's Army")],
    *[("PER", a, "armed group") for a in ("Shining Path", "Sendero Luminoso", "Tupac Amaru Revolutionary Movement")],
    *[("MEX", a, "armed group") for a in ("Zapatista National Liberation Army", "EZLN", "Zapatistas", "Zapatista")],
    *[("UGA", a, "armed group") for a in ("Lord's Resistance Army", "LRA")],
    ("ESP", "ETA", "armed group"),
    *[("KHM", a, "armed group") for a in ("Khmer Rouge",)],
    *[("MOZ", a, "party") for a in ("RENAMO", "Renamo", "FRELIMO", "Frelimo")],
    *[("NIC", a, "armed group") for a in ("Contras", "Sandinistas", "Sandinista National Liberation Front")],
    *[("SLV", a, "armed group") for a in ("FMLN", "Farabundo Marti National Liberation Front",
                                          "Farabundo Martí National Liberation Front")],
    *[("RWA", a, "party") for a in ("Rwandan Patriotic Front", "RPF")],
    *[("BDI", a, "armed group") for a in ("CNDD-FDD", "Forces for the Defence of Democracy",
                                          "Forces for the Defense of Democracy")],
    *[("NGA", a, "movement") for a in ("MASSOB", "Indigenous People of Biafra", "IPOB",
                                       "Movement for the Emancipation of the Niger Delta")],
    *[("NGA", a, "ethnic group") for a in ("Igbo", "Yoruba")],
    ("AFG", "Northern Alliance", "armed group"),
    ("LBN", "Amal militia", "armed group"),
    *[("IRQ", a, "armed group") for a in ("Mahdi Army", "Badr Brigade", "Badr Organization")],
    *[("ZAF", a, "party") for a in ("Inkatha", "Inkatha Freedom Party")],
    *[("RUS", a, "ethnic group") for a in ("Chechens", "Chechen rebels")],
    *[("RUS", a, "region") for a in ("Chechnya", "Chechen Republic", "Dagestan")],
    *[("SDN", a, "region") for a in ("Darfur",)],
    *[("CHN", a, "region") for a in ("Tibet", "Xinjiang")],
    *[("IDN", a, "armed group") for a in ("Free Aceh Movement", "GAM", "Jemaah Islamiyah")],
]

# International bodies. The UN's organs, agencies and missions are all UN (SCHEMA.md).
IOS: dict[str, str] = {
    "UN": "United Nations|UN|U.N.|U.N|Security Council|UN Security Council|U.N. Security Council"
          "|United Nations Security Council|UNSC|General Assembly|UN General Assembly|U.N. General Assembly"
          "|United Nations General Assembly|UNGA|UN Secretariat|UNMIK|UNHCR|UN refugee agency|UNICEF|UNRWA"
          "|IAEA|International Atomic Energy Agency|WHO|World Health Organization|World Health Organisation"
          "|WFP|World Food Programme|World Food Program|OCHA|UNOCHA|UNESCO|UNDP|UNFPA|UNIFIL|MONUSCO|MINUSMA"
          "|MINUSCA|UNMISS|UNFICYP|UNDOF|UNTSO|UNAMA|UNAMI|UNSMIL|OHCHR|UN Human Rights Council"
          "|Human Rights Council|UN human rights office|ICTY"
          "|International Criminal Tribunal for the former Yugoslavia|International Organization for Migration"
          "|IOM|UN peacekeepers|Blue Helmets"
          # specialised agencies, tribunals and missions, past and present
          "|ILO|International Labour Organization|International Labor Organization|FAO"
          "|Food and Agriculture Organization|UNEP|UNAIDS|UNIDO|ICAO|ECOSOC|Economic and Social Council"
          "|UN Commission on Human Rights|UN Human Rights Commission|ICTR|International Criminal Tribunal for Rwanda"
          "|UNPROFOR|UN Protection Force|UNAMSIL|UNTAET|UNTAC|UNAMIR|UNOSOM|UNMIBH|UNMIL|UNMIS|UNAMID|MONUC"
          "|MONUA|MINUSTAH|UNOCI|UNMEE|UNIKOM|UNMOVIC|UNSCOM|UN inspectors|U.N. inspectors|UN weapons inspectors"
          "|U.N. weapons inspectors|U.N. peacekeepers|United Nations peacekeepers|UN Secretary-General"
          "|U.N. Secretary-General|United Nations Secretary-General",
    "NATO": "NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|North Atlantic Alliance"
            "|Atlantic Alliance|North Atlantic Council",
    "EU": "European Union|EU|E.U.|European Commission|European Parliament|European Council|European Community"
          "|European Communities|European Economic Community|EEC"
          "|Council of the European Union|Council of the EU|EEAS|European External Action Service|Frontex"
          "|European Central Bank|ECB|European Court of Justice|Court of Justice of the European Union|CJEU"
          "|EUFOR|EUFOR Althea|Berlaymont|Common Market|European Common Market|EC Commission"
          "|European Investment Bank|Europol|Eurogroup",
    "KFOR": "KFOR|Kosovo Force",
    "OSCE": "OSCE|Organization for Security and Co-operation in Europe|Organization for Security and Cooperation"
            " in Europe|Organisation for Security and Co-operation in Europe|CSCE"
            "|Conference on Security and Cooperation in Europe|Conference on Security and Co-operation in Europe",
    "EULEX": "EULEX|EU Rule of Law Mission|European Union Rule of Law Mission",
    "ICJ": "ICJ|International Court of Justice|World Court",
    "ICC": "ICC|International Criminal Court",
    "AU": "African Union|AU|Organization of African Unity|Organisation of African Unity|OAU",
    "ASEAN": "ASEAN|Association of Southeast Asian Nations|Association of South East Asian Nations",
    "ARL": "Arab League|League of Arab States",
    "OPEC": "OPEC|OPEC+|Organization of the Petroleum Exporting Countries",
    "G7": "G7|G-7|Group of Seven",
    "G20": "G20|G-20|Group of Twenty",
    "BRICS": "BRICS",
    "CSTO": "CSTO|Collective Security Treaty Organization|Collective Security Treaty Organisation",
    "SCO": "SCO|Shanghai Cooperation Organisation|Shanghai Cooperation Organization",
    "OAS": "OAS|Organization of American States|Organisation of American States",
    "ECOWAS": "ECOWAS|Economic Community of West African States|ECOMOG",
    "IMF": "IMF|International Monetary Fund",
    "WB": "World Bank",
    "WTO": "WTO|World Trade Organization|World Trade Organisation",
    "COE": "Council of Europe|European Court of Human Rights|ECtHR",
    "ICRC": "ICRC|International Committee of the Red Cross|Red Cross",
    "GCC": "GCC|Gulf Cooperation Council|Gulf Co-operation Council|Cooperation Council for the Arab States of the Gulf",
    "EAEU": "EAEU|Eurasian Economic Union",
    "CIS": "CIS|Commonwealth of Independent States",
    "OIC": "OIC|Organisation of Islamic Cooperation|Organization of Islamic Cooperation"
           "|Organization of the Islamic Conference|Organisation of the Islamic Conference",
    "IGAD": "IGAD|Intergovernmental Authority on Development",
    "SADC": "SADC|Southern African Development Community",
    "MERCOSUR": "Mercosur",
    "CELAC": "CELAC",
    "APEC": "APEC|Asia-Pacific Economic Cooperation",
    "OECD": "OECD|Organisation for Economic Co-operation and Development",
    "INTERPOL": "Interpol",
    "CARICOM": "CARICOM|Caribbean Community",
    "EAC": "East African Community",
    "ECCAS": "ECCAS|Economic Community of Central African States",
    "PIF": "Pacific Islands Forum",
    "ADB": "Asian Development Bank",
    "AFDB": "African Development Bank|AfDB",
    "EBRD": "EBRD|European Bank for Reconstruction and Development",
    "IDB": "Inter-American Development Bank",
    "OPCW": "OPCW|Organisation for the Prohibition of Chemical Weapons|Organization for the Prohibition of Chemical"
            " Weapons",
    "CTBTO": "CTBTO|Comprehensive Nuclear-Test-Ban Treaty Organization",
}

# Surface forms that contain an actor alias but name something else: media outlets,
# seas, US states, firms and set phrases. Longest match lets them swallow the
# shorter alias; they are never reported.
IGNORE = (
    # media
    "Washington Post|Washington Times|Washington Examiner|New York Times|China Daily|Global Times|China Central"
    " Television|Russia Today|Voice of America|Radio Free Europe|Radio Free Asia|Kosovo Online|France 24"
    "|Agence France-Presse|Agence France Presse|Deutsche Welle|British Broadcasting Corporation|Moscow Times"
    "|Kyiv Independent|Kyiv Post|Jerusalem Post|Times of Israel|Tehran Times|Korea Herald|Korea Times"
    "|Japan Times|Taipei Times|Hindustan Times|Times of India|Bangkok Post|South China Morning Post"
    "|Manila Times|Irish Times|Korean Central News Agency|Islamic Republic News Agency"
    "|Radio Television of Serbia|Serbian Broadcasting Corporation|Turkish Radio and Television"
    "|Japan Today|Kosovo 2.0|Sputnik Serbia|Sputnik Srbija"
    # seas, straits, regions and landforms
    "|South China Sea|East China Sea|Sea of Japan|Japan Sea|Korean Peninsula|Taiwan Strait|Korea Strait"
    "|Philippine Sea|West Philippine Sea|Gulf of Mexico|Gulf of Guinea|Gulf of Oman|Gulf of Aden"
    "|Gulf of Thailand|Indian Ocean|Irish Sea|Timor Sea|Lake Chad|Congo River|Congo Basin|Niger River"
    "|Niger Delta|New Guinea|Inner Mongolia|Northern Ireland|North America|South America|Central America"
    "|Latin America|North American|South American|Central American|Latin American|Pan-American"
    "|Inter-American|Native American|Native Americans"
    # US and other sub-national names
    "|New Mexico|New Jersey|Washington State|Washington state|West Virginia|Georgia Tech|Georgetown University"
    "|American University|Nova Scotia|New South Wales|New England"
    # other countries' bodies whose name contains a UN organ's
    "|National Security Council"
    # firms, events and set phrases
    "|Air France|Turkish Airlines|British Airways|American Airlines|Air India|Bank of America"
    "|Captain America|America's Cup|Copa America|Copa América|Miss Universe|Korean War|Vietnam War"
    "|Iraq War|Falklands War|French fries|Brussels sprouts|Russian roulette|Spanish flu|German shepherd"
    "|Turkish delight|Mexican wave|Chinese whispers|Reporters Without Borders|Human Rights Watch"
    "|Amnesty International|Doctors Without Borders"
)

# Forms that are ordinary English words (or names) in lower case: they need the exact case.
CASE_SENSITIVE_WORDS = {
    "Chad", "Chile", "Turkey", "Guinea", "Jersey", "Guernsey", "Réunion", "Georgetown", "Congress",
    "Congress party", "Polish", "Pole", "Poles", "Swede", "Swedes", "Malé", "Bajan", "Lao", "Pentagon",
    "Home Office", "Blue House", "Red Cross", "Security Council", "General Assembly", "Human Rights Council",
    "Federation Council", "Central Command", "Blue Helmets", "Jewish state", "Islamic Republic",
    "Atlantic Alliance", "Muscat", "Self-Defense Forces", "Self-Defence Forces", "Revolutionary Guards",
    "Revolutionary Guard", "Islamic Jihad", "Africa Corps", "Fano", "Common Market", "Contras", "Northern Alliance",
    "Shining Path",
}

NO_PLURAL = {"Malagasy", "Basotho", "Mosotho", "Batswana", "Motswana", "Lao", "Hellenic", "Kyrgyz", "Swiss",
             "Emaswati", "Ni-Vanuatu", "I-Kiribati", "Frenchmen", "Dutchmen", "Irishmen", "Burkinabè",
             "Burkinabe", "Philippine", "Central African", "Vatican"}



def plurals(form: str) -> list[str]:
    """Plural demonyms: "Serb" -> "Serbs"; "Chinese", "British", "Swiss" have none."""
    if form in NO_PLURAL or (form.endswith(("ese", "sh", "ch", "ss", "s", "z", "x", "ic")) and form != "Czech"):
        return []
    if form.endswith(("chman", "shman", "woman")):  # Frenchman, not German
        return [form[:-3] + "men"]
    return [form + "s"]


def fold_key(alias: str) -> str:
    """Lower-case, diacritic-free key used to find duplicate aliases."""
    text = unicodedata.normalize("NFKD", alias.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[^\W_]+|[^\w\s-]", text))


def case_sensitive(alias: str) -> bool:
    """Short all-caps acronyms (US, UN, WHO) and words that are common in lower case."""
    bare = alias.replace(".", "")
    acronym = len(bare) <= 3 and bare.isalnum() and sum(c.isupper() for c in bare) >= 2
    return acronym or alias in CASE_SENSITIVE_WORDS


def split(forms: str) -> list[str]:
    return [f.strip() for f in forms.split("|") if f.strip()]


def build() -> list[tuple[str, str, str, str, int]]:
    """All rows, first writer of a folded alias wins; conflicts are reported on stderr."""
    rows: dict[str, tuple[str, str, str, str, int]] = {}
    conflicts: list[str] = []

    def add(code: str, alias: str, kind: str, role: str = "") -> None:
        key = fold_key(alias)
        if not key:
            raise ValueError(f"empty alias for {code}")
        if key in rows:
            if rows[key][0] != code:
                conflicts.append(f"{alias!r}: kept {rows[key][0]} ({rows[key][2]}), dropped {code} ({kind})")
            return
        rows[key] = (code, alias, kind, role, int(case_sensitive(alias)))

    # Curated names and groups first: they decide ambiguous forms (Congo -> COD, Korean -> KOR).
    for g_code, g_alias, g_role in GROUPS:
        if " " in g_alias or "-" in g_alias or "'" in g_alias:
            add(g_code, g_alias, "group", g_role)
    for b_code, b_alias, b_role in BODIES:
        if " " in b_alias:
            add(b_code, b_alias, "body", b_role)
    for alias in split(IGNORE):
        add("", alias, "ignore")
    for code, (names, _adjectives, _capitals) in STATES.items():
        for name in split(names):
            add(code, name, "state")
    for code, names in TERRITORY_NAMES.items():
        for name in split(names):
            add(code, name, "state")
    for code, forms in IOS.items():
        for alias in split(forms):
            add(code, alias, "io")
    for g_code, g_alias, g_role in GROUPS:
        add(g_code, g_alias, "group", g_role)
    for b_code, b_alias, b_role in BODIES:
        add(b_code, b_alias, "body", b_role)
    for code, (_names, adjectives, capitals) in STATES.items():
        for adj in split(adjectives):
            add(code, adj, "adjective")
            for plural in plurals(adj):
                add(code, plural, "adjective")
        for cap in split(capitals):
            add(code, cap, "capital")
    add("EU", "Brussels", "capital")
    # pycountry: every ISO 3166 entry's name, official and common name (sovereign or not).
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value or "," in value or "(" in value or country.alpha_3 == "TWN":
                continue
            add(country.alpha_3, value.removeprefix("the "), "state")
    for line in conflicts:
        print(f"conflict: {line}", file=sys.stderr)
    order = {"state": 0, "adjective": 1, "capital": 2, "body": 3, "group": 4, "io": 5, "ignore": 6}
    return sorted(rows.values(), key=lambda r: (order[r[2]], r[0], r[1].lower()))


def render(rows: list[tuple[str, str, str, str, int]]) -> str:
    buf = io.StringIO()
    buf.write("# Actor gazetteer: one surface form per row. Generated by scripts/build_actors.py; edit there.\n")
    buf.write("# kind: state | adjective | capital | body | io | group | ignore (blocks a shorter match).\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["code", "alias", "kind", "role", "case_sensitive"])
    writer.writerows(rows)
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the CSV is out of date")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run scripts/build_actors.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 3} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
