"""The shipped campaigns (issue: two more real campaigns, and a re-read of
Aras Valley): what each holds, counted and traced to the text, and what the
database answers for their key places on their key days — the tables of
each folder's README, every row checked here."""

from __future__ import annotations

import pytest
from campaign_readme_tables import Expected, read_table
from seed_copies import SEEDS, read_yaml
from sqlalchemy import Connection, text

from campaign_db.seeding.quotes import normalise

# What `campaign-db campaigns` prints for each campaign: places by kind (every
# place the folder's places.yaml defines), claims by kind and by voice (every
# entry of claims.yaml; each one's quote is checked verbatim against the
# document when it loads). Change a number only with the seed file that
# changes it.
COUNTS: dict[str, dict[str, dict[str, int]]] = {
    "aras-valley": {
        "places_by_kind": {
            "village": 104,
            "district": 7,
            "city": 5,
            "border": 2,
            "country": 2,
            "town": 2,
            "valley": 2,
            "bridge": 1,
            "dam": 1,
            "province": 1,
            "region": 1,
            "river": 1
        },
        "claims_by_kind": {
            "capture": 19,
            "clash": 7,
            "ceasefire_violation": 5,
            "offensive": 5,
            "ceasefire": 4,
            "control": 4,
            "rocket_attack": 3,
            "shelling": 3,
            "accusation": 2,
            "aircraft_downed": 2,
            "retreat": 2,
            "admission": 1,
            "appeal": 1,
            "attack_attempt": 1,
            "footage": 1,
            "territory_gain": 1
        },
        "claims_by_voice": {
            "The account: Aras Valley campaign": 20,
            "President of Azerbaijan (Ilham Aliyev)": 15,
            "Ministry of Defence of Azerbaijan": 14,
            "Azerbaijan (the state)": 4,
            "Armenia (the state)": 3,
            "Ministry of Defence of Armenia": 2,
            "President of Artsakh": 1,
            "Prime Minister of Armenia": 1,
            "Russia": 1
        }
    },
    "deir-ez-zor-2017": {
        "places_by_kind": {
            "city_district": 11,
            "town": 7,
            "village": 7,
            "facility": 4,
            "neighbourhood": 4,
            "city": 2,
            "governorate": 2,
            "island": 2,
            "region": 2,
            "country": 1,
            "military_base": 1,
            "river": 1,
            "road": 1,
            "settlement": 1
        },
        "claims_by_kind": {
            "capture": 20,
            "advance": 6,
            "control": 6,
            "offensive": 6,
            "partial": 6,
            "statement": 6,
            "presence": 5,
            "strike": 3,
            "clash": 2,
            "encirclement": 2,
            "surrender": 2,
            "territory_gain": 2,
            "attack_attempt": 1,
            "siege": 1
        },
        "claims_by_voice": {
            "The account: Deir ez-Zor offensive (September–November 2017)": 64,
            "Unnamed reports (Syria)": 3,
            "Spokesperson of the Ministry of Foreign Affairs of Russia": 1
        }
    },
    "eastern-ukraine-2022": {
        "places_by_kind": {
            "village": 33,
            "city": 13,
            "settlement": 12,
            "raion": 10,
            "hromada": 5,
            "oblast": 5,
            "region": 3,
            "river": 3,
            "border": 2,
            "country": 2,
            "facility": 2,
            "military_base": 1,
            "road": 1
        },
        "claims_by_kind": {
            "statement": 63,
            "capture": 31,
            "control": 13,
            "territory_gain": 11,
            "withdrawal": 11,
            "presence": 9,
            "advance": 8,
            "atrocity": 8,
            "retreat": 7,
            "offensive": 6,
            "appeal": 4,
            "partial": 3,
            "clash": 2,
            "encirclement": 2,
            "strike": 2,
            "admission": 1,
            "annexation": 1,
            "attack_attempt": 1,
            "mobilisation": 1,
            "shelling": 1
        },
        "claims_by_voice": {
            "The account: 2022 Ukrainian eastern counteroffensive": 99,
            "Institute for the Study of War": 8,
            "President of Ukraine (Volodymyr Zelenskyy)": 8,
            "Serhiy Haidai, Governor of Luhansk Oblast": 5,
            "Analysts (unnamed)": 4,
            "Russian sources (unnamed)": 4,
            "Unattributed reports, footage and images": 4,
            "Local residents and witnesses (unnamed)": 3,
            "Ministry of Defence of Russia": 3,
            "Ministry of Defence of the United Kingdom": 3,
            "President of Russia (Vladimir Putin)": 3,
            "The New York Times": 3,
            "Financial Times": 2,
            "General Staff of the Armed Forces of Ukraine": 2,
            "Russian pro-war bloggers and commentators": 2,
            "Ukraine (the state)": 2,
            "Ukrainian military": 2,
            "A military expert (unnamed)": 1,
            "A pro-Russian Telegram channel": 1,
            "Alexander Kots, pro-Kremlin war journalist": 1,
            "Alexander Yushchenko, press secretary of the CPRF": 1,
            "Amnesty International": 1,
            "BBC": 1,
            "Dmytro Kuleba, Ukrainian foreign minister": 1,
            "Gennady Zyuganov, leader of the Communist Party of the Russian Federation": 1,
            "Igor Girkin, former separatist commander and pro-war military blogger": 1,
            "Media (unnamed)": 1,
            "Meduza": 1,
            "Mikhail Sheremet, State Duma deputy (United Russia)": 1,
            "Newsweek": 1,
            "Oleksii Hromov, deputy head of the operations directorate of the General Staff": 1,
            "Ramzan Kadyrov, Chechen leader": 1,
            "Reuters": 1,
            "Russian authorities": 1,
            "Russian state-funded media": 1,
            "Sergey Mironov, leader of A Just Russia — For Truth": 1,
            "Serhii Cherevatyi, spokesperson for Ukraine's eastern forces": 1,
            "Taras Berezovets, Ukrainian special forces spokesman": 1,
            "The Washington Post": 1,
            "Ukrainian media": 1,
            "Ukrainian officials (unnamed)": 1,
            "Ukrainian police": 1,
            "Ukrainian sources (unnamed)": 1,
            "Vitaly Ganchev, head of the Russian Kharkiv occupation authority": 1,
            "objectiv.tv": 1
        }
    }
}

# Every denial, corroboration and loss figure of each campaign, with the
# first words of the sentence it was read from: the counts below are these.
ANSWERS: dict[str, dict[str, dict[str, str]]] = {
    "aras-valley": {
        "denials": {
            "2020-10-10-azerbaijan-denies-bombarding": "Armenia and Azerbaijan accused each other of bombarding civilian",
            "2020-10-10-armenia-denies-bombarding": "Armenia and Azerbaijan accused each other of bombarding civilian",
            "2020-10-17-armenia-denies-losing-warplane": "Armenia denied losing a warplane.",
            "2020-10-18-armenia-denies-su-25": "had been attacking towards Jabrayil",
            "2020-10-20-azerbaijan-denies-retreat": "Azerbaijan issued a denial.",
            "2020-10-22-armenia-denies-fuzuli-jabrayil-villages": "Armenia issued a denial and stated that heavy clashes",
            "2020-10-22-armenia-denies-zangilan-villages": "Armenia issued a denial and stated that heavy clashes",
            "2020-10-22-armenia-denies-border-control": "Armenia issued a denial and stated that heavy clashes",
            "2020-11-03-armenia-denies-smerch-rocketing": "es from the territory of Armenia; Armenia issued a"
        },
        "corroborations": {
            "2020-10-09-artsakh-president-admits-azerbaijani-advance": "After the declared ceasefire, the President of Artsakh admitted",
            "2020-10-07-az-mod-footage-sukurbeyli": "It also released footage apparently showing Azerbaijani forces in",
            "2020-10-18-az-armed-forces-footage-fuzuli": "At approximately 19:00, Azerbaijani forces released a footage from",
            "2020-10-20-az-mod-footage-zangilan": "Soon after, the Azerbaijani MoD formally released footage showing",
            "2020-10-20-bbc-russian-confirms": "BBC Russian Service",
            "2020-10-22-az-president-footage-zangilan-villages": "and Ağbənd in Zangilan District",
            "2020-10-23-az-mod-footage-one-village": "The Azerbaijani MoD also released confirmary footage from one",
            "2020-10-26-am-authorities-confirm-hakari-offensive": "The Armenian authorities confirmed that the Azerbaijani forces had"
        },
        "losses": {
            "2020-10-20-az-authorities-armenian-servicemen-killed": "As of 20 October, the Azerbaijani authorities claimed that",
            "2020-10-20-az-authorities-tanks-destroyed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-vehicles-destroyed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-bm-21-destroyed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-d-30-destroyed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-tor-m2-destroyed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-uavs-downed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-su-25-downed": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-tanks-captured": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-ifvs-captured": "As of 20 October, the Azerbaijani authorities have stated",
            "2020-10-20-az-authorities-civilian-killed-fuzuli": "As of 20 October, the Azerbaijani authorities have reported",
            "2020-10-20-az-authorities-civilians-injured-fuzuli": "As of 20 October, the Azerbaijani authorities have reported",
            "2020-10-17-az-mod-su-25-downed": "Two days later, the Azerbaijani MOD claimed to have",
            "2020-10-18-az-mod-su-25-downed": "On 18 October, the Azerbaijani MoD claimed to have"
        }
    },
    "deir-ez-zor-2017": {
        "denials": {},
        "corroborations": {
            "2017-09-18-narrative-confirms-euphrates-crossing": "On 18 September, pro-government forces crossed the Euphrates River"
        },
        "losses": {
            "2017-11-01-narrative-government-side-killed": "120 killed (18 Sep. – 25 Sep.; 29 Oct.",
            "2017-10-13-sy-government-isil-killed": "300+ killed (Syrian claim; 29 Sep. – 13 Oct.)",
            "2017-11-01-sohr-isil-killed": "101 killed (per SOHR; 29 Oct. – 1 Nov.)",
            "2017-11-17-narrative-isil-captured": "250+ captured",
            "2017-10-06-sy-unnamed-reports-al-makhan-civilians": "On 6 October, it was reported that Syrian airstrikes",
            "2017-10-18-narrative-zahreddine-killed": "Major General Issam Zahreddine was killed after his convoy",
            "2017-10-19-narrative-army-casualties-saqr-island": "However, the attack was repelled with minimal army casualties.",
            "2017-10-23-sy-unnamed-reports-qosour-civilians": "On 23 October, it was reported that Syrian airstrikes",
            "2017-10-29-narrative-isil-killed": "50 ISIL militants",
            "2017-10-29-narrative-pro-government-killed": "23 pro-government fighters were killed during the day's fighting.",
            "2017-11-17-narrative-isil-fighters-surrendered": "By 17 November, the last ISIL fighters on the"
        }
    },
    "eastern-ukraine-2022": {
        "denials": {
            "2022-09-06-ua-ukrainian-sources-professional-russian-soldiers": "while Ukrainian sources said that the forces in this",
            "2022-10-04-isw-disputes-highway-claim": "although the ISW disputed this, and continue to consider",
            "2022-10-01-ua-hodges-annexation-claim-illegitimate": "Retired US Lieutenant General, Ben Hodges, revealed that \"[the",
            "2022-09-15-ua-ru-diplomats-provocation": "Russian diplomats dismissed the claims as a \"provocation\"",
            "2022-09-15-ua-ru-peskov-lie": "Kremlin spokesman Dmitry Peskov rejected Ukraine's accusations as a"
        },
        "corroborations": {
            "2022-10-01-ua-unattributed-footage-flag-at-lyman-entrance": "On 1 October, there were video footage of Ukrainian",
            "2022-10-01-ua-guardian-bloody-rout": "according to *The Guardian*, the battle in Lyman \"was",
            "2022-10-01-ua-ru-authorities-confirm-loss-of-lyman": "Russian authorities confirmed the loss of Lyman later that",
            "2022-10-01-ua-hodges-recapture-of-lyman": "Retired US Lieutenant General, Ben Hodges, revealed that \"[the",
            "2022-09-07-ua-russian-sources-admit-ukrainian-success": "Russian sources claimed this success was likely due to",
            "2022-09-10-ru-mod-regroup-admits-balakliia": "The Russian Ministry of Defence spokesperson Igor Konashenkov responded",
            "2022-09-10-ua-washington-post-fall-of-izium": "*The Washington Post* described the fall of Izium on",
            "2022-09-10-ua-popova-photos-flag-at-kupiansk-city-hall": "An advisor to the head of Kharkiv regional council,",
            "2022-09-10-ua-new-york-times-fall-of-izium": "The *New York Times* said \"the fall of the",
            "2022-09-10-ru-mod-regroup-admits-izium": "The Russian Ministry of Defence spokesperson Igor Konashenkov responded",
            "2022-09-10-ua-reuters-loss-of-izium": "Reuters and the BBC called the loss of Izium",
            "2022-09-10-ua-bbc-loss-of-izium": "Reuters and the BBC called the loss of Izium",
            "2022-09-10-isw-liberation-of-izium": "According to ISW, the liberation of Izium",
            "2022-09-11-ru-mod-map-admits-kozacha-lopan-withdrawal": "A map used in the briefing of the Russian",
            "2022-09-19-ua-unattributed-footage-bilohorivka": "On 19 September, video footage confirmed",
            "2022-09-15-ua-russian-sources-admit-artillery-at-hryanykivka": "some Russian sources claimed Ukrainian forces set up artillery",
            "2022-09-30-ua-ru-pro-russian-telegram-admits-retreat-to-lyman": "A pro-Russian telegram channel reported \"The Armed Forces of",
            "2022-10-02-ua-social-media-images-hrekivka-makiivka": "by 5 October images appeared on social media of",
            "2022-09-15-ua-maxar-satellite-images-of-graves": "but satellite images that Maxar pubished confirmed presence of"
        },
        "losses": {
            "2022-06-06-ua-amnesty-kharkiv-civilians-killed": "By 6 June, the Russian bombardment of Kharkiv had",
            "2022-06-06-ua-amnesty-kharkiv-civilians-injured": "By 6 June, the Russian bombardment of Kharkiv had",
            "2022-08-01-narrative-kharkiv-death-toll": "The Kharkiv death toll exceeded 1,000 by August.",
            "1942-12-31-narrative-soviet-deaths-second-battle-of-kharkov": "the 1942 Soviet defeat in the Second Battle of",
            "2022-09-08-ua-ukrainian-media-russian-officer-captured": "On the same day, Ukrainian media reported that Ukrainian",
            "2022-09-09-ua-local-residents-russian-weaponry-abandoned": "Russian soldiers in the area began to flee villages,",
            "2022-09-11-oryx-russian-hardware-lost": "According to Oryx, Russia had lost at least 338",
            "2022-09-11-oryx-russian-fighter-jets-lost": "This included fighter jets, tanks and trucks that had",
            "2022-09-11-oryx-russian-tanks-lost": "This included fighter jets, tanks and trucks that had",
            "2022-09-11-oryx-russian-trucks-lost": "This included fighter jets, tanks and trucks that had",
            "2022-09-10-narrative-civilian-death-toll-siege-and-occupation": "The death toll among civilians as result of the",
            "2022-09-10-narrative-sri-lankan-students-abducted": "Russian forces also reportedly abducted seven Sri Lankan students.",
            "2022-10-03-ua-associated-press-russian-bodies-in-lyman": "While there are no clear estimates of casualties during",
            "2022-10-07-narrative-mobilized-men-killed": "Some of the mobilized Russian men were killed less",
            "2022-10-07-narrative-nikiforov-killed-near-lysychansk": "including St. Petersburg lawyer Andrei Nikiforov, who was killed",
            "2022-10-24-narrative-infobox-russian-casualties-heavy": "casualties2:"
        }
    }
}

CAMPAIGNS = sorted(COUNTS)


def document_text(campaign: str) -> str:
    (document,) = [path for path in (SEEDS / campaign).iterdir() if path.suffix in (".txt", ".md")
                   and path.name not in ("README.md", "SOURCE.md", "AMBIGUITIES.md", "CHANGELOG.md")]
    return normalise(document.read_text(encoding="utf-8"))


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_places_and_claims_are_counted(seeded_connection: Connection, campaign: str) -> None:
    counts = COUNTS[campaign]
    places = dict(seeded_connection.execute(text(
        "select place_kind, count(*) from reporting.places "
        "where string_to_array(campaigns, ', ') @> array[:c] group by 1"), {"c": campaign}).all())
    kinds = dict(seeded_connection.execute(text(
        "select claim_kind, count(distinct claim_id) from reporting.claims where campaign = :c group by 1"),
        {"c": campaign}).all())
    voices = dict(seeded_connection.execute(text(
        "select claimant, count(distinct claim_id) from reporting.claims where campaign = :c group by 1"),
        {"c": campaign}).all())
    assert places == counts["places_by_kind"]
    assert kinds == counts["claims_by_kind"]
    assert voices == counts["claims_by_voice"]


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_every_denial_corroboration_and_loss_is_traced_to_the_text(seeded_connection: Connection, campaign: str) -> None:
    answers = ANSWERS[campaign]
    account = document_text(campaign)
    for kind, entries in answers.items():
        for slug, words in entries.items():
            assert normalise(words) in account, (campaign, kind, slug)
    held = seeded_connection.execute(
        text("select denials, corroborations, losses from reporting.campaigns where campaign = :c"), {"c": campaign}
    ).one()
    assert tuple(held) == (len(answers["denials"]), len(answers["corroborations"]), len(answers["losses"]))
    for table, key in (("denials", "denials"), ("corroborations", "corroborations"), ("losses", "losses")):
        slugs = seeded_connection.execute(text(
            f"select slug from core.{table} where campaign_id = "
            "(select campaign_id from core.campaigns where slug = :c)"), {"c": campaign}).scalars().all()
        assert sorted(slugs) == sorted(answers[key])


def _expected_rows() -> list[tuple[str, Expected]]:
    rows = []
    for folder in sorted(SEEDS.iterdir()):
        readme = folder / "README.md"
        if readme.exists() and "## What the database answers" in readme.read_text(encoding="utf-8"):
            rows.extend((folder.name, expected) for expected in read_table(readme))
    return rows


EXPECTED = _expected_rows()


def test_each_new_campaign_has_its_table_of_key_places() -> None:
    places = {(campaign, row.place) for campaign, row in EXPECTED}
    for name in ("Izium", "Kupiansk", "Balakliia", "Lyman", "Svatove", "Kreminna", "Vovchansk"):
        assert ("eastern-ukraine-2022", name) in places
    for name in ("Deir ez-Zor", "Saqr Island", "Hawijat Kati", "al-Husayniyah", "Maadan", "Shaqra", "Hissan"):
        assert ("deir-ez-zor-2017", name) in places
    assert len(EXPECTED) >= 80


@pytest.mark.parametrize(("campaign", "expected"), EXPECTED,
                         ids=[f"{c}:{e.place}:{e.day}" for c, e in EXPECTED])
def test_the_database_gives_the_readme_answer(seeded_connection: Connection, campaign: str, expected: Expected) -> None:
    places = seeded_connection.execute(text(
        "select place_id, place_kind from reporting.find_places(:name) "
        "where string_to_array(campaigns, ', ') @> array[:c]"), {"name": expected.place, "c": campaign}).all()
    if expected.kind_hint:
        places = [place for place in places if place.place_kind == expected.kind_hint]
    assert len(places) == 1, (expected.place, places)
    row = seeded_connection.execute(text(
        "select controller_side, since, status from reporting.control_as_of(:day, null, :c) where place_id = :p"),
        {"day": expected.day, "c": campaign, "p": places[0].place_id}).first()
    side = row.controller_side if row else None
    assert side == expected.side, expected.describe()
    if expected.since is not None:
        assert row is not None and row.since == expected.since, expected.describe()
    if expected.status is not None:
        assert row is not None and row.status == expected.status, expected.describe()


def test_a_second_up_changes_nothing_and_every_quote_is_verbatim(seeded_connection: Connection) -> None:
    from campaign_db.seeding import default_seed_folders, load_campaigns

    reports = load_campaigns(seeded_connection, default_seed_folders())
    assert [report.changed for report in reports] == [0, 0, 0]
    # every stored quote's fragments occur, in order, in its document
    rows = seeded_connection.execute(text(
        "select claims.quote, documents.content from core.claims "
        "inner join core.documents using (document_id)")).all()
    claims_in_files = sum(len(read_yaml(folder, "claims.yaml")) for folder in default_seed_folders())
    assert len(rows) == claims_in_files > 0
    for quote, content in rows:
        position = 0
        account = normalise(content)
        for fragment in quote.split(" … "):
            found = account.find(fragment, position)
            assert found >= 0, fragment
            position = found + len(fragment)
