"""The fictional offers of the demo sociale kaart (used by build_demo.py).

All organisations, names, people, numbers and addresses are made up.  What the offers look like
follows the background documents in ../shared/seeds/ (facts only, own wording):
- the three forms of KOPP/KOV prevention (individual or family talks; groups per age band, often
  with a few parent meetings; anonymous online help) and general support for jonge mantelzorgers:
  002_4fda6eb898c24216.txt (Bijlage 1);
- offers for adult children (volwassen KOPP/KOV) and lotgenotencontact: 002_4fda6eb898c24216.txt;
- groups per age (e.g. 4-8, 9-12, 13-19), recruiting as "spanning en stress thuis", teen groups
  combined with huiselijk geweld themes, talks about parenthood in addiction care, and the JGZ
  home-visit programme until the child is two: 003_2f47ab795a1fba83.txt;
- municipalities often buy only one or two groups a year, or only for some ages: 002 (Bijlage 2),
  which is why the demo has deliberate gaps (README.md).
"""

from __future__ import annotations

ASSURED = "2026-09-15"
AMF, LSD, UTR, ZWL, TLB, GRO = "GM0307", "GM0327", "GM0344", "GM0193", "GM0855", "GM0014"
EEMLAND = [AMF, LSD]
PSY, ADD, BOTH = ["psychisch"], ["verslaving"], ["psychisch", "verslaving"]

FREE_GEMEENTE = "Gratis: de gemeente betaalt dit aanbod."
FREE_JEUGDWET = "Geen kosten voor het gezin (Jeugdwet)."
FREE_PREVENTIE = "Gratis: preventieaanbod, betaald door de gemeente."
ZVW = "Vergoed uit de basisverzekering; het eigen risico kan gelden."
APPLY_SELF = "Ouders of jongeren melden zich zelf aan via de website of telefonisch; een verwijzing is niet nodig."
APPLY_GP = "Aanmelden met een verwijzing van de huisarts, jeugdarts of het wijkteam."
APPLY_TEAM = "Bel of mail het team; een medewerker belt binnen een week terug voor een kennismaking."


def offer(sid, org, name, kinds, problems, ages, areas, text, apply, *, fees, free, referral=False,
          who=None, start=None, langs=("nl",), culture=False, locs=None, contacts=(), assured=None) -> dict:
    data = {
        "id": sid, "organization_id": org, "name": name, "description": text,
        "kinds": list(kinds), "parent_problems": list(problems),
        "minimum_age": ages[0], "maximum_age": ages[1], "service_areas": list(areas),
        "referral_required": referral, "free_of_charge": free, "fees_description": fees,
        "application_process": apply, "languages": list(langs), "culture_sensitive": culture,
    }
    if who:
        data["eligibility_description"] = who
    if start:
        data["next_start_date"] = start
    if locs is not None:
        data["location_ids"] = list(locs)
    if contacts:  # names of the organisation's contacts; build_demo.py copies their details
        data["contacts"] = list(contacts)
    if assured:
        data["assured_date"] = assured
    return data


def eemland() -> list[dict]:
    return [
        offer("svc-eem-wolkenkrabbers", "org-eem-ggz", "Kindergroep Wolkenkrabbers (6 tot 9 jaar)",
              ["groep"], BOTH, (6, 9), EEMLAND,
              "Acht middagen voor kinderen van wie een ouder psychische problemen of een verslaving heeft. "
              "Met spel, tekenen en praten ontdekken kinderen dat ze niet de enige zijn en dat de ziekte van "
              "hun ouder niet hun schuld is. Ouders komen twee keer mee voor een ouderbijeenkomst.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-13",
              locs=["loc-eem-ggz", "loc-eem-ggz-leusden"],
              who="Kinderen uit Amersfoort en Leusden; een diagnose van de ouder is niet nodig."),
        offer("svc-eem-stormvogels", "org-eem-ggz", "Groep Stormvogels (9 tot 12 jaar)",
              ["groep"], BOTH, (9, 12), EEMLAND,
              "Tien bijeenkomsten voor kinderen in de bovenbouw van de basisschool. Ze krijgen uitleg over "
              "psychische problemen en verslaving, oefenen met praten over thuis en maken een eigen "
              "steunplan: bij wie kan ik terecht als het thuis moeilijk is?",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-02-03",
              locs=["loc-eem-ggz"], assured="2026-10-06"),
        offer("svc-amf-rugwind", "org-eem-ggz", "Jongerengroep Rugwind (12 tot 16 jaar)",
              ["groep"], BOTH, (12, 16), [AMF],
              "Groep voor jongeren bij wie het thuis vaak spannend is door de problemen van een ouder. We "
              "praten over stress, schaamte en vriendschappen, en over wat je zelf nodig hebt. Het thema "
              "ruzie en geweld thuis komt ook aan bod.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2026-11-25",
              who="Alleen voor jongeren die in de gemeente Amersfoort wonen (inkoop door de gemeente)."),
        offer("svc-eem-samen-aan-tafel", "org-eem-ggz", "Gezinsgesprekken Samen aan tafel",
              ["gezin", "individueel"], PSY, (0, 18), EEMLAND,
              "Drie tot zes gesprekken met het hele gezin of met ouder en kind apart. Een preventiewerker "
              "helpt om samen te praten over de ziekte van de ouder, in woorden die bij de leeftijd van het "
              "kind passen.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True,
              contacts=["Femke Verzonnen"]),
        offer("svc-eem-eerste-stapjes", "org-eem-ggz", "Ouder-babybegeleiding Eerste Stapjes",
              ["ouders", "individueel"], PSY, (0, 1), EEMLAND,
              "Begeleiding thuis voor ouders met psychische problemen en hun baby in het eerste levensjaar. "
              "Met video-opnames van gewone momenten kijken ouder en begeleider samen naar wat de baby laat "
              "zien en hoe de ouder daarop reageert.",
              APPLY_GP, fees=FREE_PREVENTIE, free=True, referral=True, assured="2026-06-22",
              who="Ouders van een baby tot 1 jaar; ook al tijdens de zwangerschap aan te melden."),
        offer("svc-eem-ouder-blijven", "org-eem-ggz", "Ouderschapsgesprekken Ouder blijven",
              ["ouders"], BOTH, (0, 18), EEMLAND,
              "Gesprekken voor ouders die in behandeling zijn of waren. Wat merken mijn kinderen van mijn "
              "problemen, hoe vertel ik het ze, en wie kan er voor ze zijn als ik het even niet kan?",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True),
        offer("svc-eem-later-groot", "org-eem-ggz", "Lotgenotengroep Later groot (volwassen KOPP)",
              ["groep", "volwassen KOPP"], BOTH, (18, None), EEMLAND,
              "Acht avonden voor volwassenen die opgroeiden met een ouder met psychische problemen of een "
              "verslaving. Deelnemers herkennen veel in elkaar: te vroeg verantwoordelijk zijn, moeite met "
              "grenzen, zorgen over het eigen ouderschap.",
              APPLY_SELF, fees="Eigen bijdrage € 25 voor acht avonden; vraag naar een regeling als dat een "
              "probleem is.", free=False, start="2027-03-04"),
        offer("svc-mn-vrije-vlucht", "org-mn-verslaving", "KOV-groep Vrije Vlucht (8 tot 12 jaar)",
              ["groep"], ADD, (8, 12), [AMF, LSD, UTR],
              "Groep voor kinderen van ouders met een alcohol-, drugs- of gokprobleem. Kinderen leren wat "
              "verslaving is, dat ze er niet over hoeven te zwijgen en hoe ze voor zichzelf kunnen zorgen. "
              "Er zijn twee bijeenkomsten voor ouders.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-20",
              locs=["loc-mn-verslaving", "loc-mn-verslaving-amersfoort"]),
        offer("svc-mn-opvoeden-verslaving", "org-mn-verslaving", "Opvoedgesprekken bij verslavingsbehandeling",
              ["ouders", "individueel"], ADD, (0, 18), [AMF, LSD, UTR],
              "Voor ouders die bij ons in behandeling zijn. Naast de behandeling voor de verslaving is er "
              "ruimte voor vragen over opvoeden, over wat de kinderen meemaken en over wie hen kan steunen.",
              "Via de eigen behandelaar bij de verslavingszorg.", fees=ZVW, free=False, referral=True,
              who="Ouders in behandeling bij Voorbeeld Verslavingszorg Midden-Nederland."),
        offer("svc-mn-eigen-koers", "org-mn-verslaving", "Jongvolwassenengroep Eigen Koers (17 tot 25 jaar)",
              ["groep"], BOTH, (17, 25), [UTR],
              "Zes avonden voor jongvolwassenen met een ouder met een verslaving of psychische problemen. "
              "Over studie, uit huis gaan, grenzen stellen en je eigen gebruik van alcohol en drugs.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True, start="2027-02-10", locs=["loc-mn-verslaving"]),
        offer("svc-amf-wijkteam-gezin", "org-amf-wijkteam", "Gezinsondersteuning door het wijkteam",
              ["gezin", "individueel"], BOTH, (0, 23), [AMF],
              "Een vaste wijkcoach helpt het gezin bij wat er thuis vastloopt: structuur in de week, "
              "opvang van de kinderen als een ouder wordt opgenomen, contact met school. De coach regelt "
              "zo nodig zwaardere hulp.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True,
              contacts=["Samira Bedachtman"]),
        offer("svc-amf-twee-werelden", "org-amf-wijkteam", "Moedergroep Thuis in twee werelden",
              ["ouders", "groep"], PSY, (0, 12), [AMF],
              "Groep voor moeders met een migratieachtergrond die somber, angstig of erg gespannen zijn. "
              "In de eigen taal en met een tolk praten we over opvoeden, over taboe op psychische "
              "problemen en over steun uit de eigen kring.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True, start="2026-11-18", langs=("nl", "ar", "tr"),
              culture=True),
        offer("svc-lsd-gezin", "org-lsd-team", "Opvoed- en gezinsondersteuning Leusden",
              ["gezin"], BOTH, (0, 18), [LSD],
              "Kortdurende steun thuis van een jeugdconsulent: meedenken over de opvoeding, regelen van "
              "oppas of logeeropvang, en samen met ouders bepalen wat de kinderen mogen weten.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True, assured="2026-03-30"),
        offer("svc-lsd-steunfiguur", "org-lsd-team", "Maatjesproject Steunfiguur",
              ["individueel"], BOTH, (6, 17), [LSD],
              "Een vrijwilliger trekt een jaar lang eens per week of twee met een kind op: samen sporten, "
              "koken of naar de bibliotheek. Een vaste volwassene buiten het gezin beschermt kinderen.",
              APPLY_TEAM, fees=FREE_GEMEENTE, free=True,
              who="Kinderen uit Leusden en Achterveld; er is een wachtlijst van ongeveer twee maanden."),
        offer("svc-eem-sterk-begin", "org-eem-ggd", "Huisbezoekprogramma Sterk Begin",
              ["ouders", "individueel"], BOTH, (0, 2), EEMLAND,
              "Een speciaal opgeleide jeugdverpleegkundige bezoekt een kwetsbare (aanstaande) moeder vanaf "
              "de zwangerschap tot het kind twee jaar is. Onderwerpen: gezondheid, de band met de baby, "
              "veiligheid thuis en de eigen toekomst.",
              APPLY_GP, fees=FREE_GEMEENTE, free=True, referral=True,
              locs=["loc-eem-ggd", "loc-eem-ggd-leusden"],
              who="Jonge moeders met weinig steun, bijvoorbeeld door eigen psychische problemen of gebruik."),
        offer("svc-eem-zorgen-thuis", "org-eem-ggd", "Spreekuur Zorgen thuis op school",
              ["individueel"], BOTH, (12, 18), EEMLAND,
              "De jeugdverpleegkundige houdt op middelbare scholen een vrij inloopspreekuur. Jongeren kunnen "
              "hier ook terecht met zorgen over een ouder, zonder dat ouders daarvan hoeven te weten.",
              "Gewoon binnenlopen op school of een appje sturen naar de jeugdverpleegkundige.",
              fees=FREE_GEMEENTE, free=True,
              contacts=["Marloes Fictiema"]),
        offer("svc-eem-jonge-mantelzorg", "org-eem-mantelzorg", "Jonge Mantelzorgers Eemland",
              ["jonge mantelzorgers"], BOTH, (8, 24), EEMLAND,
              "Uitjes, een maandelijkse jongerenavond en een vast aanspreekpunt voor kinderen en jongeren "
              "die thuis meezorgen voor een ouder, broer of zus. Even geen zorgen en erkenning voor wat ze doen.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True),
        offer("svc-amf-poh-jeugd", "org-amf-huisarts", "Kortdurende begeleiding POH-GGZ jeugd",
              ["individueel"], BOTH, (12, 18), [AMF],
              "Vijf tot acht gesprekken bij de praktijkondersteuner voor jongeren die vastlopen door de "
              "situatie thuis. De POH kijkt met de jongere wat helpt en overlegt zo nodig met het wijkteam.",
              "Via de eigen huisarts.", fees="Vergoed via de huisartsenzorg; geen eigen risico.",
              free=True, referral=True, who="Patiënten van de praktijk."),
    ]


def utrecht() -> list[dict]:
    return [
        offer("svc-utr-kompas", "org-utr-ggz", "Kindergroep Kompas (7 tot 11 jaar)",
              ["groep"], BOTH, (7, 11), [UTR],
              "Negen bijeenkomsten waarin kinderen met spel en gesprek leren over de problemen van hun "
              "ouder en ontdekken wat ze zelf kunnen doen als het thuis onrustig is.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-27"),
        offer("svc-utr-tegenwind", "org-utr-ggz", "Tienergroep Tegenwind (13 tot 17 jaar)",
              ["groep"], BOTH, (13, 17), [UTR],
              "Groep voor tieners met een ouder met psychische problemen of een verslaving. Met "
              "ervaringsverhalen, creatieve opdrachten en ruimte voor wat je niet aan vrienden vertelt.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-02-17", assured="2026-10-20"),
        offer("svc-utr-praten-thuis", "org-utr-ggz", "Gezinsgesprekken Praten thuis",
              ["gezin"], PSY, (4, 18), [UTR],
              "Een preventiewerker voert met het gezin enkele gesprekken om de ziekte van een ouder "
              "bespreekbaar te maken en af te spreken wie de kinderen steunt als het slechter gaat.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True),
        offer("svc-utr-kleine-stappen", "org-utr-ggz", "Ouder-kindbegeleiding Kleine Stappen (0 tot 4 jaar)",
              ["ouders", "individueel"], PSY, (0, 4), [UTR],
              "Thuisbegeleiding voor ouders met psychische problemen en een jong kind. Samen kijken naar "
              "signalen van het kind, ritme en rust in huis, en hulp uit de eigen omgeving.",
              APPLY_GP, fees=FREE_PREVENTIE, free=True, referral=True),
        offer("svc-utr-oudergroep", "org-utr-ggz", "Oudergroep Ouder zijn met een kwetsbaarheid",
              ["ouders", "groep"], PSY, (0, 18), [UTR],
              "Zes bijeenkomsten voor ouders met een psychische aandoening. Ouders wisselen ervaringen uit "
              "en krijgen tips om met hun kinderen over hun ziekte te praten. Ook in het Engels.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-12", langs=("nl", "en")),
        offer("svc-utr-eigen-taal", "org-utr-buurtteam", "Gezinsgesprekken in eigen taal",
              ["gezin"], BOTH, (0, 18), [UTR],
              "Gesprekken met een buurtteammedewerker die de taal en de achtergrond van het gezin kent. "
              "Er is aandacht voor schaamte en voor wat familie en gemeenschap kunnen betekenen.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True, langs=("nl", "ar", "tr"), culture=True),
        offer("svc-utr-buurtteam", "org-utr-buurtteam", "Buurtteam jeugd en gezin",
              ["gezin", "individueel"], BOTH, (0, 23), [UTR],
              "Laagdrempelige steun voor gezinnen in de wijk. Het buurtteam denkt mee, helpt direct en "
              "zoekt samen met het gezin passend aanbod, ook voor de ouder zelf.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True,
              contacts=["Lotte Denkbeeld"]),
        offer("svc-utr-jgz-school", "org-utr-ggd", "JGZ-spreekuur op school",
              ["individueel"], BOTH, (12, 18), [UTR],
              "De jeugdarts of jeugdverpleegkundige is wekelijks op school. Jongeren kunnen vertrouwelijk "
              "praten over zorgen om een ouder en krijgen zo nodig hulp geregeld.",
              "Aanmelden bij de mentor of rechtstreeks bij de jeugdverpleegkundige.",
              fees=FREE_GEMEENTE, free=True),
        offer("svc-utr-even-vrij", "org-utr-welzijn", "Jonge mantelzorgers Utrecht: Even Vrij",
              ["jonge mantelzorgers", "groep"], BOTH, (10, 23), [UTR],
              "Activiteiten en een jongerencafé voor jongeren die thuis zorgen. Ze ontmoeten anderen die "
              "hetzelfde meemaken en kunnen terecht bij een vaste coördinator.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True, start="2026-11-21",
              contacts=["Yara Schetsma"]),
    ]


def zwolle() -> list[dict]:
    return [
        offer("svc-zwl-knuffelkamp", "org-zwl-ggz", "Speel- en praatgroep Knuffelkamp (4 tot 7 jaar)",
              ["groep"], PSY, (4, 7), [ZWL],
              "Kleine groep voor jonge kinderen van een ouder met psychische problemen. Met knuffels, "
              "verhalen en spel leren ze gevoelens benoemen. Ouders zijn bij de eerste en laatste keer.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-08"),
        offer("svc-zwl-vuurtoren", "org-zwl-ggz", "Groep Vuurtoren (8 tot 12 jaar)",
              ["groep"], PSY, (8, 12), [ZWL],
              "Acht wekelijkse bijeenkomsten over leven met een ouder met depressie, angst of een andere "
              "psychische aandoening. Kinderen maken een eigen boekje met wat hen helpt.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-02-04", assured="2026-08-31"),
        offer("svc-zwl-koerswijzer", "org-zwl-ggz", "Jongerengroep Koerswijzer (12 tot 17 jaar)",
              ["groep"], BOTH, (12, 17), [ZWL],
              "Groep voor jongeren met een ouder met psychische of verslavingsproblemen. Over stress thuis, "
              "school, vrienden en hoe je goed voor jezelf zorgt.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2026-12-02"),
        offer("svc-zwl-gezinsgesprekken", "org-zwl-ggz", "Gezinsgesprekken IJsselland",
              ["gezin"], PSY, (0, 18), [ZWL],
              "Enkele gesprekken met het gezin over de psychische problemen van een ouder, met uitleg op "
              "maat voor elk kind en afspraken voor moeilijke periodes.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True),
        offer("svc-zwl-ouderschap", "org-zwl-ggz", "Ouderschapsgesprekken voor ggz-cliënten",
              ["ouders"], PSY, (0, 18), [ZWL],
              "Voor ouders die bij de ggz in behandeling zijn: aandacht voor het ouderschap naast de "
              "behandeling, en een plan voor de kinderen als het minder gaat.",
              "Via de eigen behandelaar.", fees=ZVW, free=False, referral=True),
        offer("svc-zwl-ouder-verslaving", "org-zwl-verslaving", "Ouder en verslaving: gesprekken over opvoeden",
              ["ouders"], ADD, (0, 18), [ZWL],
              "Gesprekken voor ouders met een verslaving over wat hun kinderen merken en nodig hebben. "
              "Ook de partner kan aansluiten.",
              "Via de eigen behandelaar of de huisarts.", fees=ZVW, free=False, referral=True,
              contacts=["Bas Fictiema"]),
        offer("svc-zwl-gezinscoach", "org-zwl-wijkteam", "Gezinscoach Sociaal Wijkteam",
              ["gezin", "individueel"], BOTH, (0, 18), [ZWL],
              "Een gezinscoach ondersteunt thuis, houdt overzicht als er meer hulpverleners zijn en helpt "
              "het netwerk van het gezin te versterken.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True),
        offer("svc-zwl-jonge-mantelzorg", "org-zwl-mantelzorg", "Jonge mantelzorgers Zwolle",
              ["jonge mantelzorgers"], BOTH, (12, 25), [ZWL],
              "Persoonlijke gesprekken, een app-groep en een jaarlijkse verwendag voor jongeren die "
              "zorgen voor een ouder of ander gezinslid.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True),
        offer("svc-zwl-opgegroeid", "org-zwl-ggz", "Cursus Opgegroeid met zorgen (volwassen KOPP)",
              ["groep", "volwassen KOPP"], BOTH, (21, None), [ZWL],
              "Zes avonden voor volwassenen die als kind zorgden voor een ouder met psychische problemen "
              "of een verslaving. Over de invloed daarvan op werk, relaties en het eigen ouderschap.",
              APPLY_SELF, fees="Eigen bijdrage € 45 voor de hele cursus.", free=False, start="2027-03-09"),
    ]


def tilburg() -> list[dict]:
    return [
        offer("svc-tlb-zeepbel", "org-tlb-ggz", "Kindergroep Zeepbel (6 tot 10 jaar)",
              ["groep"], BOTH, (6, 10), [TLB],
              "Acht bijeenkomsten voor kinderen met een ouder met psychische problemen of een verslaving. "
              "Kinderen leren praten over thuis en ontdekken wie hen kan helpen.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-19"),
        offer("svc-tlb-koprol", "org-tlb-ggz", "Groep Koprol (10 tot 13 jaar)",
              ["groep"], BOTH, (10, 13), [TLB],
              "Groep voor kinderen rond de overstap naar de middelbare school. Ook de ouders komen twee "
              "keer bij elkaar.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-02-02"),
        offer("svc-tlb-ruggensteun", "org-tlb-ggz", "Pubergroep Ruggensteun (14 tot 18 jaar)",
              ["groep"], BOTH, (14, 18), [TLB],
              "Voor jongeren met een ouder met psychische problemen of een verslaving, ook als er thuis "
              "ruzie of geweld is. Met ervaringsdeskundige begeleiders.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2026-11-30", assured="2026-10-12"),
        offer("svc-tlb-heldere-lucht", "org-tlb-verslaving", "KOV-groep Heldere Lucht (9 tot 14 jaar)",
              ["groep"], ADD, (9, 14), [TLB],
              "Groep voor kinderen van ouders met een alcohol-, drugs- of gokprobleem. Over geheimen, "
              "loyaliteit en wat je kunt doen als je ouder onder invloed is.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-03-01",
              contacts=["Rachid Modelaar"]),
        offer("svc-tlb-samen-beginnen", "org-tlb-ggz", "Ouder-babygroep Samen Beginnen",
              ["ouders", "groep"], PSY, (0, 1), [TLB],
              "Kleine groep voor ouders met psychische problemen en hun baby. Samen spelen, kijken naar de "
              "baby en ervaringen delen, begeleid door een ouder-kindspecialist.",
              APPLY_GP, fees=FREE_PREVENTIE, free=True, referral=True, start="2027-01-07"),
        offer("svc-tlb-gezinsgesprekken", "org-tlb-ggz", "Gezinsgesprekken Hart van Brabant",
              ["gezin"], BOTH, (0, 18), [TLB],
              "Gesprekken met ouders en kinderen samen om de problemen van een ouder bespreekbaar te maken "
              "en een steunplan voor de kinderen te maken.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True),
        offer("svc-tlb-wegwijzer", "org-tlb-wegwijzer", "Wegwijzerteam: ondersteuning thuis",
              ["gezin", "individueel"], BOTH, (0, 23), [TLB],
              "Een wegwijzer helpt het gezin met praktische zaken, opvoedvragen en het vinden van passende "
              "hulp, ook voor de ouder met problemen.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True),
        offer("svc-tlb-moeders", "org-tlb-wegwijzer", "Moeders in gesprek",
              ["ouders", "groep"], BOTH, (0, 18), [TLB],
              "Gespreksgroep in het Turks en Arabisch voor moeders die zich zorgen maken over hun eigen "
              "psychische gezondheid of over verslaving in het gezin.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True, start="2026-11-26", langs=("nl", "tr", "ar"),
              culture=True),
        offer("svc-tlb-volwassen-kopp", "org-tlb-ggz", "Individuele begeleiding volwassen KOPP",
              ["volwassen KOPP", "individueel"], BOTH, (18, 35), [TLB],
              "Behandeling voor jongvolwassenen die last hebben van hun jeugd met een kwetsbare ouder, "
              "bijvoorbeeld somberheid, angst of moeite met grenzen.",
              "Verwijzing van de huisarts naar de basis-ggz.", fees=ZVW, free=False, referral=True),
    ]


def groningen() -> list[dict]:
    return [
        offer("svc-gro-dappere-dinos", "org-gro-ggz", "Groep Dappere Dino's (5 tot 8 jaar)",
              ["groep"], BOTH, (5, 8), [GRO],
              "Speelse groep voor jonge kinderen met een ouder met psychische problemen of een verslaving. "
              "Ouders doen mee aan de eerste en de laatste bijeenkomst.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-01-21"),
        offer("svc-gro-zeilen", "org-gro-ggz", "Groep Zeilen op zicht (9 tot 12 jaar)",
              ["groep"], BOTH, (9, 12), [GRO],
              "Acht middagen over leven met een ouder die ziek of verslaafd is, over je eigen gevoelens en "
              "over mensen bij wie je terecht kunt.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2027-02-11",
              locs=["loc-gro-ggz", "loc-gro-ggz-zernike"]),
        offer("svc-gro-open-kaart", "org-gro-ggz", "Tienergroep Open Kaart (13 tot 18 jaar)",
              ["groep"], BOTH, (13, 18), [GRO],
              "Groep voor tieners met een ouder met psychische problemen of een verslaving. Met een "
              "ervaringsdeskundige die zelf zo'n ouder had.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True, start="2026-12-03", assured="2026-10-28"),
        offer("svc-gro-kov-gesprekken", "org-gro-verslaving", "KOV-gesprekken voor kind en ouder",
              ["gezin", "individueel"], ADD, (6, 18), [GRO],
              "Gesprekken met kinderen van cliënten en hun ouder over de verslaving, wat het kind ervan "
              "merkt en wat het nodig heeft. Soms samen, soms apart.",
              "Via de behandelaar van de ouder of de huisarts.", fees=FREE_PREVENTIE, free=True,
              referral=True, contacts=["Hilde Schetsma"]),
        offer("svc-gro-gezinsgesprekken", "org-gro-ggz", "Gezinsgesprekken GGZ Noord",
              ["gezin"], PSY, (4, 18), [GRO],
              "Drie tot vijf gesprekken met het gezin over de psychische aandoening van een ouder, met "
              "uitleg voor de kinderen op hun eigen niveau.",
              APPLY_SELF, fees=FREE_PREVENTIE, free=True),
        offer("svc-gro-wijkteam", "org-gro-wijkteam", "Gezinscoaching bij zorgen om een ouder",
              ["gezin", "individueel"], BOTH, (4, 18), [GRO],
              "Een wijkwerker ondersteunt schoolgaande kinderen en hun ouders thuis en zoekt samen met het "
              "gezin naar steun in de eigen omgeving.",
              APPLY_TEAM, fees=FREE_JEUGDWET, free=True,
              who="Gezinnen met kinderen vanaf 4 jaar; voor jongere kinderen verwijst het team door."),
        offer("svc-gro-zorgpauze", "org-gro-mantelzorg", "Jonge mantelzorgers Groningen: Zorgpauze",
              ["jonge mantelzorgers", "groep"], BOTH, (8, 18), [GRO],
              "Maandelijkse activiteiten en een buddy voor kinderen die thuis veel zorgen dragen.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True, start="2026-11-14"),
        offer("svc-gro-studenten", "org-gro-ggz", "Praatgroep voor studenten met een kwetsbare ouder",
              ["groep", "volwassen KOPP"], BOTH, (18, 25), [GRO],
              "Vijf avonden voor studenten die op afstand blijven zorgen voor een ouder. In het Nederlands "
              "of Engels, afhankelijk van de groep.",
              APPLY_SELF, fees=FREE_GEMEENTE, free=True, start="2027-02-24", langs=("nl", "en"),
              locs=["loc-gro-ggz-zernike"]),
        offer("svc-gro-lotgenoten", "org-gro-ervaring", "Lotgenotenavonden volwassen KOPP",
              ["groep", "volwassen KOPP"], BOTH, (25, None), [GRO],
              "Maandelijkse avond, geleid door ervaringsdeskundigen, voor volwassenen die opgroeiden met "
              "een ouder met psychische problemen of een verslaving.",
              APPLY_SELF, fees="Vrijwillige bijdrage van € 5 per avond.", free=False, start="2026-11-19"),
    ]


def national() -> list[dict]:
    """The three national online offers (service area NL); no locations."""
    return [
        offer("svc-nl-chatpunt", "org-nl-online", "Chatpunt Thuis Anders",
              ["online", "individueel"], BOTH, (12, 24), ["NL"],
              "Anonieme chat en mail voor jongeren met een ouder met psychische problemen of een "
              "verslaving. Getrainde vrijwilligers en professionals reageren op werkdagen 's middags en 's "
              "avonds.",
              "Direct chatten via de website; geen aanmelding of verwijzing nodig.",
              fees="Gratis.", free=True, locs=[]),
        offer("svc-nl-oudercursus", "org-nl-ouders", "Online oudercursus Ouder met een rugzak",
              ["online", "ouders"], BOTH, (0, 18), ["NL"],
              "Zelfhulpcursus van zes lessen voor ouders met psychische of verslavingsproblemen, met "
              "filmpjes en oefeningen om met de kinderen in gesprek te gaan. Op verzoek met online coach.",
              "Account aanmaken op de website; de coach is op aanvraag.",
              fees="Gratis; online coaching is ook gratis.", free=True, locs=[]),
        offer("svc-nl-lotgenoten-online", "org-nl-online", "Online lotgenotengroep volwassen KOPP",
              ["online", "volwassen KOPP", "groep"], BOTH, (18, None), ["NL"],
              "Besloten online groep met maandelijkse videobijeenkomsten voor volwassenen die opgroeiden "
              "met een ouder met psychische problemen of een verslaving.",
              "Aanmelden via de website; na een kort kennismakingsgesprek krijg je toegang.",
              fees="Gratis.", free=True, locs=[], assured="2026-05-11"),
    ]


def offers() -> list[dict]:
    return [*eemland(), *utrecht(), *zwolle(), *tilburg(), *groningen(), *national()]
