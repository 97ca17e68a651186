"""Hostile and malformed seed folders: each is refused with its location
(file, entry, field or line), leaves every table of the database exactly as
it was, and costs at most 10 s and 300 MB.

The cases break a small valid campaign in one way each: broken YAML and
YAML bombs, unsafe files (links out of the folder, huge files, binary
data), every field's type and vocabulary, implausible dates and figures,
look-alike and invisible characters, broken references, and disagreements
with a campaign already in the database."""

from __future__ import annotations

import os
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from campaign_builder import CampaignBuilder
from servers import create_database, drop_database
from sqlalchemy import Engine, text

from campaign_db import migrate
from campaign_db.database import make_engine
from campaign_db.seeding import ConflictError, SeedError, load_campaigns

MAX_SECONDS = 10.0
MAX_BYTES = 300 * 1024 * 1024


def resident() -> CampaignBuilder:
    """The campaign already in the database."""
    return (
        CampaignBuilder("resident")
        .side("red", "Red", ("RED", "Red state"))
        .side("blue", "Blue", ("BLUE", "Blue state"))
        .source("red-mod", "Red MoD", "ministry_of_defence", "RED")
        .place("region", "North Region", "district")
        .place("town", "Oldtown", "town", areas=("region",))
        .claim("baseline", "narrative", "control", ["town"], "2021-03-01", actor="BLUE")
    )


def hostile() -> CampaignBuilder:
    """The valid campaign each case breaks one way."""
    return (
        CampaignBuilder("hostile")
        .side("red", "Red", ("RED", "Red state"))
        .side("blue", "Blue", ("BLUE", "Blue state"))
        .source("red-mod", "Red MoD", "ministry_of_defence", "RED")
        .source("analyst", "Analyst", "independent_analyst", None)
        .place("region", "North Region", "district")
        .place("town", "Oldtown", "town", areas=("region",))
        .place("village", "Newvillage", "village", areas=("region",))
        .claim("took-town", "red-mod", "capture", ["town"], "2021-03-05", actor="RED",
               denials=[{"slug": "no", "source": "analyst", "stated": "2021-03-06"}])
        .claim("holds-village", "red-mod", "partial", [{"place": "village", "share": 50}], "2021-03-07", actor="RED")
        .loss("tanks", "red-mod", "2021-03-07", "BLUE", category="tanks", outcome="destroyed", quantity=3,
              qualifier="exact")
    )


def edit(file: str, change: Callable[[Any], Any]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / file
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        changed = change(value)
        path.write_text(yaml.safe_dump(value if changed is None else changed, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return breaks


def write(file: str, content: str | bytes) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / file
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return breaks


def append(file: str, content: str) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8") + content, encoding="utf-8")
    return breaks


def claim(index: int, **changes: Any) -> Callable[[Path], None]:
    return edit("claims.yaml", lambda claims: claims[index].update(changes))


def place(index: int, **changes: Any) -> Callable[[Path], None]:
    return edit("places.yaml", lambda places: places[index].update(changes))


def campaign(**changes: Any) -> Callable[[Path], None]:
    return edit("campaign.yaml", lambda value: value.update(changes))


def loss(**changes: Any) -> Callable[[Path], None]:
    return edit("losses.yaml", lambda losses: losses[0].update(changes))


def link(file: str, target: str) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        (folder / file).unlink(missing_ok=True)
        (folder / file).symlink_to(target)
    return breaks


def alias_bomb(folder: Path) -> None:
    lines = ['- slug: a', '  code: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        lines.append(f'  x{level}: &{chr(97 + level)} [*{chr(96 + level)},*{chr(96 + level)},*{chr(96 + level)},'
                     f'*{chr(96 + level)},*{chr(96 + level)},*{chr(96 + level)},*{chr(96 + level)},*{chr(96 + level)}]')
    (folder / "parties.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def deep(folder: Path) -> None:
    (folder / "claims.yaml").write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")


def huge(folder: Path) -> None:
    with (folder / "losses.yaml").open("w", encoding="utf-8") as file:
        file.write("# padding\n" * 5_500_000)


def swap_document(folder: Path) -> None:
    (folder / "account.txt").write_text("Another text entirely.\n", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Path], None]
    where: tuple[str, ...]  # fragments the message must hold (file, entry, field, why)


CASES = [
    # files and YAML
    Case("campaign.yaml missing", lambda f: (f / "campaign.yaml").unlink(), ("campaign.yaml: missing",)),
    Case("campaign.yaml empty", write("campaign.yaml", ""), ("campaign.yaml: is empty",)),
    Case("claims.yaml empty", write("claims.yaml", ""), ("claims.yaml: is empty",)),
    Case("claims.yaml a mapping", write("claims.yaml", "slug: x\n"), ("claims.yaml: expected a list",)),
    Case("campaign.yaml a list", write("campaign.yaml", "- a\n"), ("campaign.yaml: expected a mapping",)),
    Case("an entry that is text", write("sources.yaml", "- just text\n"), ("sources.yaml: entry #1", "mapping")),
    Case("unclosed quote", append("places.yaml", '- slug: broken\n  name: "Broken\n'), ("places.yaml", "not valid YAML")),
    Case("tab indentation", append("places.yaml", "- slug: tabbed\n\tname: T\n"), ("places.yaml", "not valid YAML")),
    Case("key twice", append("sources.yaml", "- slug: s\n  name: A\n  name: B\n"), ("sources.yaml", "written twice")),
    Case("alias bomb", alias_bomb, ("parties.yaml", "anchors and aliases")),
    Case("anchor", append("sources.yaml", "- &x {slug: s2, name: S, kind: government}\n"), ("anchors and aliases",)),
    Case("deep nesting", deep, ("claims.yaml", "nest")),
    Case("python tag", write("parties.yaml", "- !!python/object/apply:os.system ['id']\n"), ("parties.yaml",)),
    Case("custom tag", write("parties.yaml", "- !secret {code: X}\n"), ("parties.yaml", "tag")),
    Case("binary file", write("places.yaml", b"\xff\xfe\x00binary"), ("places.yaml: not UTF-8",)),
    Case("50 MB file", huge, ("losses.yaml: is", "MB; a seed file may be at most")),
    Case("link out of the folder", link("parties.yaml", "/etc/passwd"), ("parties.yaml: is a link to", "outside")),
    Case("document linked out", link("account.txt", "/etc/hostname"), ("account.txt: is a link to",)),
    Case("document changed", swap_document, ("field documents[0].sha256", "the file changed")),
    Case("document missing", lambda f: (f / "account.txt").unlink(), ("documents[0].file", "is not a file")),
    # campaign.yaml
    Case("slug not the folder", campaign(slug="elsewhere"), ("campaign.yaml", "field slug", "must be the folder's name")),
    Case("slug malformed", campaign(slug="Bad Slug!"), ("campaign.yaml", "field slug")),
    Case("version malformed", campaign(version="1.0"), ("field version",)),
    Case("period outside dates", campaign(period=["1980-01-01", "1980-02-01"]), ("campaign.yaml", "must lie within")),
    Case("year 9999", campaign(dates=["1990-01-01", "9999-12-31"]), ("field dates", "not a plausible date")),
    Case("year 0001", campaign(dates=["0001-01-01", "2022-12-31"]), ("field dates", "not a plausible date")),
    Case("unknown report area kind", campaign(report_area_kind="county"), ("field report_area_kind", "unknown value")),
    Case("side of unknown party", edit("campaign.yaml", lambda c: c["sides"][0]["parties"].append("GREEN")),
         ("field sides[0].parties", "unknown party 'GREEN'")),
    Case("party on two sides", edit("campaign.yaml", lambda c: c["sides"][1]["parties"].append("RED")),
         ("field sides[1].parties", "already on the side")),
    Case("no account document", edit("campaign.yaml", lambda c: c["documents"][0].update(kind="gazetteer")),
         ("field documents", "at least one document of kind 'account'")),
    Case("document outside the folder", edit("campaign.yaml", lambda c: c["documents"][0].update(file="../x.txt")),
         ("field documents[0].file",)),
    Case("sha256 malformed", edit("campaign.yaml", lambda c: c["documents"][0].update(sha256="abc")),
         ("field documents[0].sha256",)),
    # parties and sources
    Case("party code twice", append("parties.yaml", "- {code: RED, name: Red again}\n"), ("parties.yaml", "field code")),
    Case("party name twice", append("parties.yaml", "- {code: RED2, name: Red state}\n"), ("parties.yaml", "field name")),
    Case("party code malformed", append("parties.yaml", "- {code: red, name: Lower}\n"), ("parties.yaml", "field code")),
    Case("Cyrillic look-alike", append("parties.yaml", "- {code: BLUE2, name: \"Вlue state\"}\n"),
         ("parties.yaml", "mixes scripts")),
    Case("right-to-left override", append("parties.yaml", "- {code: RLO, name: \"Red \u202estate\"}\n"),
         ("parties.yaml", "bidirectional control")),
    Case("zero-width space", place(1, name="Old\u200btown"), ("places.yaml", "invisible")),
    Case("name too long", append("parties.yaml", f"- {{code: LONG, name: {'x' * 400}}}\n"), ("parties.yaml", "field name")),
    Case("source of unknown party", append("sources.yaml", "- {slug: s9, name: S, kind: government, party: GREEN}\n"),
         ("sources.yaml: entry s9: field party: unknown party 'GREEN'",)),
    Case("source kind unknown", append("sources.yaml", "- {slug: s9, name: S, kind: blogger}\n"),
         ("sources.yaml: entry s9: field kind: unknown value 'blogger'",)),
    Case("narrative listed", append("sources.yaml", "- {slug: n, name: N, kind: narrative}\n"), ("narrative voice is implicit",)),
    # places
    Case("place kind unknown", place(0, kind="county"), ("places.yaml: entry region: field kind",)),
    Case("unknown area", place(1, areas=[{"area": "regoin", "quote": "Oldtown is a place."}]),
         ("unknown place 'regoin'", "did you mean 'region'?")),
    Case("area cycle", edit("places.yaml", lambda ps: ps[0].update(areas=[{"area": "town", "quote": "Oldtown is a place."}])),
         ("areas form a cycle",)),
    Case("in two districts", edit("places.yaml", lambda ps: ps.append(
        {"slug": "south", "name": "North Region", "kind": "district"}) or ps[1]["areas"].append(
        {"area": "south", "quote": "Oldtown is a place."})), ("two areas of kind district",)),
    Case("lies in itself", place(1, areas=[{"area": "town", "quote": "Oldtown is a place."}]), ("cannot lie in itself",)),
    Case("spelling never used", place(1, names=["Oldtown", "Altstadt"]), ("the spelling 'Altstadt' does not occur",)),
    Case("display name never used", place(1, name="Neustadt"), ("field name", "does not occur")),
    Case("latitude out of range", place(1, coordinates={"latitude": 95, "longitude": 10, "precision": "settlement",
                                                        "url": "https://example.org", "quote": "q"}),
         ("field coordinates.latitude",)),
    Case("coordinates uncited", place(1, coordinates={"latitude": 45, "longitude": 10, "precision": "settlement"}),
         ("field coordinates.quote",)),
    Case("url malformed", place(1, coordinates={"latitude": 45, "longitude": 10, "precision": "settlement",
                                                "url": "javascript:alert(1)", "quote": "q"}), ("field coordinates.url",)),
    Case("area quote not in document", place(1, areas=[{"area": "region", "quote": "Nowhere said."}]),
         ("field areas[0].quote[0]", "is not in the document")),
    # claims
    Case("unknown source", claim(0, source="red-mud"), ("unknown source 'red-mud'", "did you mean 'red-mod'?")),
    Case("unknown place", claim(0, places=["twon"]), ("unknown place 'twon'", "did you mean 'town'?")),
    Case("unknown actor", claim(0, actor="GREN"), ("field actor: unknown party 'GREN'",)),
    Case("unknown kind", claim(0, kind="captre"), ("field kind: unknown value 'captre'", "did you mean 'capture'?")),
    Case("date format", claim(0, stated="5 March 2021"), ("field stated", "not a date written YYYY-MM-DD")),
    Case("impossible date", claim(0, stated="2021-02-30"), ("field stated", "not a date of the calendar")),
    Case("date 9999-12-31", claim(0, stated="9999-12-31", occurred="9999-12-31"), ("not a plausible date",)),
    Case("date outside the campaign", claim(0, stated="2035-01-01"), ("outside the campaign's dates",)),
    Case("event after statement", claim(0, occurred="2021-03-09"), ("field occurred", "cannot start")),
    Case("range reversed", claim(0, stated=["2021-03-09", "2021-03-05"]), ("field stated", "ends")),
    Case("time malformed", claim(0, stated_time="25:00"), ("field stated_time",)),
    Case("quote not in document", claim(0, quote=["Words never written."]), ("field quote[0]", "is not in the document")),
    Case("quote out of order", claim(0, quote=["Statement took-town by red-mod.", "Newvillage is a place."]),
         ("field quote[1]", "not after the previous fragment")),
    Case("quote empty", claim(0, quote=[]), ("field quote",)),
    Case("control claim without actor", claim(0, actor=None), ("field actor", "needs the party")),
    Case("actor on no side", lambda f: (append("parties.yaml", "- {code: GREEN, name: Green state}\n")(f),
                                        claim(0, actor="GREEN")(f)), ("field actor: GREEN is on no side",)),
    Case("capture with no subject place", claim(0, places=[{"place": "town", "role": "near"}]),
         ("needs at least one subject place",)),
    Case("share on a capture", claim(0, places=[{"place": "town", "share": 50}]), ("a share is given only",)),
    Case("share above 100", claim(1, places=[{"place": "village", "share": 150}]), ("share",)),
    Case("claim slug twice", edit("claims.yaml", lambda cs: cs[1].update(slug="took-town")), ("'took-town' is used by",)),
    Case("place twice in a claim", claim(0, places=["town", "town"]), ("is listed twice",)),
    Case("denial of a place the claim does not name", edit("claims.yaml", lambda cs: cs[0]["denials"][0].update(
        place="village")), ("(denial of took-town)", "not one of the claim's places")),
    Case("denial before the claim", edit("claims.yaml", lambda cs: cs[0]["denials"][0].update(stated="2021-03-01")),
         ("cannot come before the claim",)),
    Case("same_as own campaign", claim(0, same_as="hostile/holds-village"), ("field same_as",)),
    Case("same_as malformed", claim(0, same_as="not a key"), ("field same_as",)),
    Case("hedge unknown", claim(0, hedge="surely"), ("field hedge: unknown value 'surely'",)),
    Case("unknown field", claim(0, summray="x"), ("field summray: unknown field", "did you mean 'summary'?")),
    Case("summary blank", claim(0, summary="   "), ("field summary",)),
    # losses
    Case("quantity 2e9", loss(quantity=2_000_000_000), ("losses.yaml: entry tanks: field quantity",)),
    Case("negative quantity", loss(quantity=-3), ("field quantity",)),
    Case("between with one number", loss(qualifier="between"), ("'between' figure is quantity: [low, high]",)),
    Case("unspecified with a number", loss(qualifier="unspecified"), ("has no quantity",)),
    Case("loss category unknown", loss(category="horses"), ("field category: unknown value 'horses'",)),
    Case("loss of an unknown claim", loss(claim="took-twon"), ("unknown claim 'took-twon'", "did you mean 'took-town'?")),
    Case("loss date outside", loss(as_of="2035-01-01"), ("field as_of", "outside the campaign's dates")),
    # disagreements with the campaign already in the database
    Case("place kind differs", place(1, kind="city"), ("'city' here, but 'town' in campaign resident",)),
    Case("party name differs", edit("parties.yaml", lambda ps: ps[0].update(name="Red republic")),
         ("'Red republic' here, but 'Red state' in campaign resident",)),
    Case("source party differs", edit("sources.yaml", lambda ss: ss[0].update(party="BLUE")),
         ("sources.yaml: entry red-mod: field party", "in campaign resident")),
    Case("side name differs", edit("campaign.yaml", lambda c: c["sides"][0].update(name="Reds")),
         ("'Reds' here, but 'Red' in campaign resident",)),
]


@pytest.fixture(scope="module")
def database() -> Iterator[Engine]:
    url = create_database("cdb_hostile")
    engine = make_engine(url)
    with engine.begin() as connection:
        migrate.upgrade(connection)
    try:
        yield engine
    finally:
        engine.dispose()
        drop_database(url)


@pytest.fixture(scope="module")
def resident_loaded(database: Engine, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    with database.begin() as connection:
        load_campaigns(connection, [resident().write(tmp_path_factory.mktemp("resident"))])
    return database


def fingerprint(engine: Engine) -> dict[str, str]:
    """An md5 of every row of every table of core and derived."""
    with engine.connect() as connection:
        tables = connection.execute(text(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema in ('core', 'derived') order by 1"
        )).scalars().all()
        return {
            table: connection.execute(
                text(f"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {table} as t")
            ).scalar_one()
            for table in tables
        }


def test_there_are_at_least_seventy_cases() -> None:
    assert len(CASES) >= 70
    assert len({case.name for case in CASES}) == len(CASES)


def test_the_unbroken_campaign_loads(resident_loaded: Engine, tmp_path: Path) -> None:
    folder = hostile().write(tmp_path)
    with resident_loaded.begin() as connection:
        savepoint = connection.begin_nested()
        (report,) = load_campaigns(connection, [folder])
        assert report.changed > 0
        savepoint.rollback()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_folder_is_refused_with_its_location_and_changes_nothing(
    resident_loaded: Engine, tmp_path: Path, case: Case
) -> None:
    folder = hostile().write(tmp_path)
    case.breaks(folder)
    before = fingerprint(resident_loaded)
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises((SeedError, ConflictError)) as refused, resident_loaded.begin() as connection:
        load_campaigns(connection, [folder])
    seconds = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message = str(refused.value)
    for fragment in case.where:
        assert fragment in message, message
    assert "Traceback" not in message and len(message) < 5000
    assert seconds < MAX_SECONDS, f"{case.name}: {seconds:.1f} s"
    assert peak < MAX_BYTES, f"{case.name}: {peak / 1e6:.0f} MB"
    assert fingerprint(resident_loaded) == before


def test_the_whole_run_stayed_within_memory() -> None:
    maximum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert maximum < 2 * MAX_BYTES or os.environ.get("PYTEST_XDIST_WORKER"), f"{maximum / 1e6:.0f} MB"
