"""The bulk import (``campaign-db import``): a synthetic campaign imports from
Parquet and from CSV to the same rows, a second import changes nothing, the
derived tables are the rules' answers; bad files are reported by file, row
and column with nothing written; and the command prints its table, or its
problems with exit status 2."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
import yaml
from derived_checks import differences
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from campaign_db import importing
from campaign_db.cli import main
from campaign_db.config import to_libpq
from campaign_db.database import make_engine
from campaign_db.importing import CLAIM_COLUMNS, MAX_PROBLEMS, ImportFilesError, ImportReport, import_files
from campaign_db.seeding import SeedProblem, read_campaign
from campaign_db.synthetic import SENTENCES, SyntheticFiles, write_synthetic

#: the small synthetic campaign: big enough for every kind of claim and response
PLACES, LINKS = 300, 3000
SLUG = "synthetic-import"


def synthetic(root: Path, file_format: str) -> SyntheticFiles:
    return write_synthetic(root / file_format / SLUG, places=PLACES, links=LINKS, file_format=file_format)


@pytest.fixture(scope="module")
def parquet_files(tmp_path_factory: pytest.TempPathFactory) -> SyntheticFiles:
    return synthetic(tmp_path_factory.mktemp("synthetic"), "parquet")


@pytest.fixture(scope="module")
def csv_files(tmp_path_factory: pytest.TempPathFactory) -> SyntheticFiles:
    return synthetic(tmp_path_factory.mktemp("synthetic"), "csv")


def import_synthetic(connection: Connection, files: SyntheticFiles) -> ImportReport:
    return import_files(
        connection,
        read_campaign(files.folder),
        claims=[files.claims_file],
        places=[files.places_file],
        responses=[files.responses_file],
    )


def campaign_counts(connection: Connection, slug: str = SLUG) -> dict[str, int]:
    """Rows of the campaign in the core tables (0 everywhere when it does not exist)."""
    counts: dict[str, int] = {}
    for table in ("claims", "denials", "corroborations"):
        counts[table] = connection.execute(
            text(f"select count(*) from core.{table} as rows inner join core.campaigns using (campaign_id) "
                 "where campaigns.slug = :slug"),
            {"slug": slug},
        ).scalar_one()
    counts["claim_places"] = connection.execute(
        text("select count(*) from core.claim_places inner join core.claims using (claim_id) "
             "inner join core.campaigns using (campaign_id) where campaigns.slug = :slug"),
        {"slug": slug},
    ).scalar_one()
    counts["campaigns"] = connection.execute(
        text("select count(*) from core.campaigns where slug = :slug"), {"slug": slug}
    ).scalar_one()
    return counts


def campaign_rows(connection: Connection, slug: str = SLUG) -> dict[str, list[tuple[Any, ...]]]:
    """What the campaign says, without row ids (which a second import into
    the same database numbers differently): its flat claims and who holds
    each place in the middle of the year."""
    claims = connection.execute(
        text("select * from reporting.claims where campaign = :slug"), {"slug": slug}
    ).mappings().all()
    ids = {"claim_id", "place_id", "district_id"}
    control = connection.execute(
        text("select place_slug, controller_code, controller_side, since, basis, status, evidence, claim_slug "
             "from reporting.control_as_of('2030-07-01', null, :slug)"),
        {"slug": slug},
    ).all()
    return {
        "claims": sorted((tuple(value for key, value in row.items() if key not in ids) for row in claims), key=repr),
        "control": sorted((tuple(row) for row in control), key=repr),
    }


# --- a synthetic campaign ------------------------------------------------------------------------------


def test_parquet_and_csv_import_to_the_same_rows(
    connection: Connection, parquet_files: SyntheticFiles, csv_files: SyntheticFiles
) -> None:
    trial = connection.begin_nested()
    from_parquet = import_synthetic(connection, parquet_files)
    parquet_counts = campaign_counts(connection)
    parquet_rows = campaign_rows(connection)
    trial.rollback()
    assert campaign_counts(connection)["campaigns"] == 0

    from_csv = import_synthetic(connection, csv_files)
    assert campaign_counts(connection) == parquet_counts
    assert campaign_rows(connection) == parquet_rows

    responses = pq.read_table(parquet_files.responses_file, columns=["response"]).column("response")
    denials = pc.sum(pc.equal(responses, "denial")).as_py()
    assert parquet_counts == {
        "claims": parquet_files.claims,
        "claim_places": parquet_files.links,
        "denials": denials,
        "corroborations": parquet_files.responses - denials,
        "campaigns": 1,
    }
    assert denials > 0 and parquet_counts["corroborations"] > 0
    assert len(parquet_rows["claims"]) >= parquet_files.links and len(parquet_rows["control"]) > 250
    for report in (from_parquet, from_csv):
        tables = report.load.tables
        assert tables["claims"].inserted == tables["claims"].in_files == parquet_files.claims
        assert tables["claim_places"].inserted == parquet_files.links
        assert tables["places"].in_files == parquet_files.places
    assert from_csv.rows == {str(csv_files.places_file): PLACES,
                             str(csv_files.claims_file): from_parquet.rows[str(parquet_files.claims_file)],
                             str(csv_files.responses_file): parquet_files.responses}


def test_a_second_import_of_the_same_files_changes_nothing(
    connection: Connection, parquet_files: SyntheticFiles
) -> None:
    first = import_synthetic(connection, parquet_files)
    assert first.load.changed > 0
    before = campaign_rows(connection)

    second = import_synthetic(connection, parquet_files)
    assert second.load.changed == 0
    assert all(c.inserted == c.updated == c.deleted == 0 for c in second.load.tables.values())
    assert second.load.stale == {}
    assert "changes: none (the database already held these files)" in second.load.lines()
    assert campaign_rows(connection) == before


def test_the_derived_tables_after_an_import_are_the_rules(connection: Connection, csv_files: SyntheticFiles) -> None:
    import_synthetic(connection, csv_files)
    assert differences(connection) == {}


def test_a_bad_file_for_an_existing_campaign_writes_nothing(
    connection: Connection, parquet_files: SyntheticFiles, tmp_path: Path
) -> None:
    import_synthetic(connection, parquet_files)
    before = campaign_counts(connection)
    periods = connection.execute(text("select count(*) from derived.control_periods")).scalar_one()
    bad = write_claims(tmp_path / "claims.csv", [good_claim("late-capture", SLUG, kind="conquest")])

    with pytest.raises(ImportFilesError) as raised:
        import_files(connection, read_campaign(parquet_files.folder), claims=[parquet_files.claims_file, bad],
                     places=[parquet_files.places_file], responses=[parquet_files.responses_file])
    assert located(raised.value.problems) == [(str(bad), "row 1", "kind")]
    assert campaign_counts(connection) == before
    assert connection.execute(text("select count(*) from derived.control_periods")).scalar_one() == periods


# --- bad input: hand-made files ----------------------------------------------------------------------

BAD = "synthetic-bad"
PARTY = "SYNTHETIC_BAD"
NEUTRAL = f"{PARTY}_NEU"


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> SyntheticFiles:
    """A small synthetic campaign folder (its places file included) for the
    hand-made files, with one more party that is on no side."""
    files = write_synthetic(tmp_path_factory.mktemp("bad") / BAD, places=20, links=100)
    parties = files.folder / "parties.yaml"
    parties.write_text(
        parties.read_text(encoding="utf-8") + f"- code: {NEUTRAL}\n  name: Neutral State ({BAD})\n", encoding="utf-8"
    )
    return files


def good_claim(claim: str, slug: str = BAD, **changes: str) -> dict[str, str]:
    """A capture claim row the import accepts, with ``changes``."""
    party = slug.upper().replace("-", "_")
    row = {
        "claim": claim,
        "source": f"{slug}-att-president",
        "kind": "capture",
        "actor": f"{party}_ATT",
        "target": f"{party}_DEF",
        "stated_from": "2030-03-02",
        "occurred_from": "2030-03-01",
        "place": f"{slug}-v0",
        "role": "subject",
        "summary": "capture claim",
        "quote": SENTENCES["capture"],
    }
    row.update(changes)
    return row


def good_response(response: str, slug: str, claim: str = "c1", **changes: str) -> dict[str, str]:
    row = {
        "response": response,
        "slug": slug,
        "claim": claim,
        "source": f"{BAD}-def-mod" if response == "denial" else f"{BAD}-wire",
        "kind": "" if response == "denial" else "footage",
        "stated_from": "2030-03-03",
        "quote": SENTENCES[response],
    }
    row.update(changes)
    return row


def write_claims(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    """A CSV file with a header of ``columns`` (default: the first row's keys)."""
    columns = columns or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in columns} for row in rows)
    return path


def located(problems: list[SeedProblem]) -> list[tuple[str, str, str]]:
    return [(problem.file, problem.entry, problem.field) for problem in problems]


def refused(connection: Connection, folder: SyntheticFiles, claims: list[Path],
            responses: list[Path] | None = None) -> ImportFilesError:
    """The problems of an import that must fail, after checking it wrote nothing."""
    with pytest.raises(ImportFilesError) as raised:
        import_files(connection, read_campaign(folder.folder), claims=claims, places=[folder.places_file],
                     responses=responses or [])
    assert campaign_counts(connection, BAD) == {
        "claims": 0, "claim_places": 0, "denials": 0, "corroborations": 0, "campaigns": 0
    }
    assert connection.execute(text("select count(*) from core.claims")).scalar_one() == 0
    return raised.value


#: case → (the claims rows (or a function writing the files), the header, what is reported: file, row, column, words)
CLAIMS_CASES: dict[str, tuple[list[dict[str, str]], list[str] | None, list[tuple[str, str, str, str]]]] = {
    "unknown column": (
        [good_claim("c1", colour="red")], None, [("claims.csv", "header", "colour", "unknown column")]
    ),
    "missing required column": (
        [good_claim("c1")], [c for c in good_claim("c1") if c != "summary"],
        [("claims.csv", "header", "summary", "required column missing")],
    ),
    "empty required value": (
        [good_claim("c1"), good_claim("c2", summary="")], None,
        [("claims.csv", "row 2", "summary", "required, but empty")],
    ),
    "a day not in the calendar": (
        [good_claim("c1"), good_claim("c2"), good_claim("c3", occurred_from="2030-02-30")], None,
        [("claims.csv", "row 3", "occurred_from", "'2030-02-30' is not a date of the calendar")],
    ),
    "a day outside the campaign's dates": (
        [good_claim("c1", stated_from="2031-02-01")], None,
        [("claims.csv", "row 1", "stated_from", "outside the campaign's dates [2029-01-01, 2030-12-31]")],
    ),
    "unknown kind": (
        [good_claim("c1"), good_claim("c2", kind="conquest")], None,
        [("claims.csv", "row 2", "kind", "unknown value 'conquest'")],
    ),
    "unknown place": (
        [good_claim("c1"), good_claim("c1", place="atlantis")], None,
        [("claims.csv", "row 2", "place", "unknown place")],
    ),
    "unknown source": (
        [good_claim("c1", source=f"{BAD}-oracle")], None, [("claims.csv", "row 1", "source", "unknown source")]
    ),
    "a narrative of a document that is not in campaign.yaml": (
        [good_claim("c1", source=f"narrative:{BAD}-account"), good_claim("c2", source="narrative:nope")], None,
        [("claims.csv", "row 2", "source", "'nope': not an account document of campaign.yaml")],
    ),
    "a misspelt narrative": (
        [good_claim("c1", source="narrative"), good_claim("c2", source="narrative-typo")], None,
        [("claims.csv", "row 2", "source", "unknown source")],
    ),
    "a control claim by a party on no side": (
        [good_claim("c1"), good_claim("c2", kind="control", actor=NEUTRAL, target="")], None,
        [("claims.csv", "row 2", "actor", "needs a party on a side")],
    ),
    "the rows of a claim disagree on the kind": (
        [good_claim("c1"), good_claim("c1", place=f"{BAD}-v1", kind="control")], None,
        [("claims.csv", "row 2", "kind", "the rows of claim 'c1' disagree on kind")],
    ),
    "a claim naming a place twice": (
        [good_claim("c1"), good_claim("c1", place=f"{BAD}-v1"), good_claim("c1")], None,
        [("claims.csv", "row 1", "place", "names this place twice"),
         ("claims.csv", "row 3", "place", "names this place twice")],
    ),
    "a quote not in the document": (
        [good_claim("c1"), good_claim("c2", quote="The attacking side announced that it had won the war.")], None,
        [("claims.csv", "row 2", "quote", "is not in the document")],
    ),
}


def assert_reported(error: ImportFilesError, expected: list[tuple[str, str, str, str]], folder: Path) -> None:
    """The problems are ``expected``, by the name of the file in ``folder``,
    row and column (a problem names the file by its path as given)."""
    assert located(error.problems) == [(str(folder / file), row, column) for file, row, column, _ in expected], error
    for problem, (*_, words) in zip(error.problems, expected, strict=True):
        assert words in problem.message, problem
    assert error.total == len(expected)


@pytest.mark.parametrize("case", CLAIMS_CASES)
def test_a_bad_claims_file_is_reported_by_row_and_column(
    connection: Connection, bad_folder: SyntheticFiles, tmp_path: Path, case: str
) -> None:
    rows, header, expected = CLAIMS_CASES[case]
    claims = write_claims(tmp_path / "claims.csv", rows, header)
    assert_reported(refused(connection, bad_folder, [claims]), expected, tmp_path)


RESPONSES_CASES = {
    "a denial of an unknown claim": (
        [good_response("denial", "d1"), good_response("denial", "d2", claim="c9")],
        [("responses.csv", "row 2", "claim", "unknown claim")],
    ),
    "a corroboration without kind": (
        [good_response("corroboration", "k1", kind="")],
        [("responses.csv", "row 1", "kind", "a corroboration needs a kind")],
    ),
    "a denial by the narrative of a document that is not in campaign.yaml": (
        [good_response("denial", "d1", source="narrative"), good_response("denial", "d2", source="narrative:nope")],
        [("responses.csv", "row 2", "source", "'nope': not an account document of campaign.yaml")],
    ),
    "a corroboration by a misspelt narrative": (
        [good_response("corroboration", "k1", source="narrative-typo")],
        [("responses.csv", "row 1", "source", "unknown source")],
    ),
}


@pytest.mark.parametrize("case", RESPONSES_CASES)
def test_a_bad_responses_file_is_reported_by_row_and_column(
    connection: Connection, bad_folder: SyntheticFiles, tmp_path: Path, case: str
) -> None:
    rows, expected = RESPONSES_CASES[case]
    claims = write_claims(tmp_path / "claims.csv", [good_claim("c1")])
    responses = write_claims(tmp_path / "responses.csv", rows, list(good_response("corroboration", "x")))
    assert_reported(refused(connection, bad_folder, [claims], [responses]), expected, tmp_path)


def test_a_bad_row_of_a_parquet_file_is_numbered_across_batches(
    connection: Connection, bad_folder: SyntheticFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [good_claim(f"c{n}", place=f"{BAD}-v{n}") for n in range(1, 8)]
    rows[4]["kind"] = "conquest"
    table = pa.table({column: pa.array([row[column] for row in rows], pa.string()) for column in rows[0]})
    path = tmp_path / "claims.parquet"
    pq.write_table(table, path, row_group_size=2)
    monkeypatch.setattr(importing, "BATCH_ROWS", 2)
    assert [batch.num_rows for batch in importing.batches(path, CLAIM_COLUMNS)] == [2, 2, 2, 1]
    assert_reported(
        refused(connection, bad_folder, [path]),
        [("claims.parquet", "row 5", "kind", "unknown value 'conquest'")],
        tmp_path,
    )


def test_the_problems_listed_are_capped_and_the_rest_counted(
    connection: Connection, bad_folder: SyntheticFiles, tmp_path: Path
) -> None:
    rows = [good_claim(f"c{n}", kind="conquest") for n in range(MAX_PROBLEMS + 50)]
    error = refused(connection, bad_folder, [write_claims(tmp_path / "claims.csv", rows)])
    assert error.total == MAX_PROBLEMS + 50
    assert len(error.problems) == MAX_PROBLEMS
    assert located(error.problems)[-1] == (str(tmp_path / "claims.csv"), f"row {MAX_PROBLEMS}", "kind")
    message = str(error)
    assert message.startswith(f"{MAX_PROBLEMS + 50} problems in the imported files; nothing was imported:")
    assert message.rstrip().endswith("... and 50 more")


@pytest.fixture
def two_accounts(bad_folder: SyntheticFiles, tmp_path: Path) -> SyntheticFiles:
    """The bad campaign with two more documents: a second account, which has
    the capture sentence but not the denial's, and a gazetteer text."""
    folder = tmp_path / "two-accounts" / BAD
    shutil.copytree(bad_folder.folder, folder)
    texts = {
        "second.md": ("account", f"{SENTENCES['capture']}\nThe defending side called it a lie.\n"),
        "atlas.md": ("gazetteer", f"{SENTENCES['place']}\n"),
    }
    campaign = yaml.safe_load((folder / "campaign.yaml").read_text(encoding="utf-8"))
    for file, (kind, words) in texts.items():
        (folder / file).write_text(words, encoding="utf-8")
        campaign["documents"].append({
            "slug": f"{BAD}-{file.removesuffix('.md')}", "kind": kind, "title": f"The {file} of {BAD}",
            "file": file, "sha256": hashlib.sha256(words.encode()).hexdigest(),
        })
    (folder / "campaign.yaml").write_text(yaml.safe_dump(campaign, sort_keys=False), encoding="utf-8")
    return replace(bad_folder, folder=folder)


def test_a_source_and_its_document_are_checked_like_the_yaml_loader(
    connection: Connection, two_accounts: SyntheticFiles, tmp_path: Path
) -> None:
    claims = write_claims(
        tmp_path / "claims.csv",
        [good_claim("c1", document=f"{BAD}-account"), good_claim("c2", source="narrative", document=f"{BAD}-atlas",
                                                                  quote=SENTENCES["place"])],
    )
    assert_reported(
        refused(connection, two_accounts, [claims]),
        [("claims.csv", "row 2", "source", "a gazetteer text has no narrative voice")],
        tmp_path,
    )


def test_a_response_without_document_is_checked_against_its_claims(
    connection: Connection, two_accounts: SyntheticFiles, tmp_path: Path
) -> None:
    second = f"{BAD}-second"
    claims = write_claims(tmp_path / "claims.csv", [good_claim("c1", document=second)])
    columns = list(good_response("corroboration", "x"))
    # the denial's sentence is in the first account, not in the claim's (where the denial would be stored)
    responses = write_claims(tmp_path / "responses.csv", [good_response("denial", "d1")], columns)
    assert_reported(
        refused(connection, two_accounts, [claims], [responses]),
        [("responses.csv", "row 1", "quote", "is not in the document")],
        tmp_path,
    )

    responses = write_claims(
        tmp_path / "responses.csv", [good_response("denial", "d1", quote="The defending side called it a lie.")],
        columns,
    )
    import_files(connection, read_campaign(two_accounts.folder), claims=[claims], places=[two_accounts.places_file],
                 responses=[responses])
    stored = connection.execute(
        text("select documents.slug from core.denials inner join core.documents using (document_id) "
             "where denials.slug = 'd1'")
    ).scalar_one()
    assert stored == second


def test_files_of_the_same_name_are_told_apart(
    connection: Connection, bad_folder: SyntheticFiles, tmp_path: Path
) -> None:
    places = pq.read_table(bad_folder.places_file)
    halves = {tmp_path / "p1" / "places.csv": places.slice(0, 12), tmp_path / "p2" / "places.csv": places.slice(12)}
    for path, half in halves.items():
        path.parent.mkdir()
        pa_csv.write_csv(half, path)
    first, second = halves
    claims = write_claims(tmp_path / "claims.csv", [good_claim("c1")])
    report = import_files(connection, read_campaign(bad_folder.folder), claims=[claims], places=[first, second])
    assert report.rows == {str(first): 12, str(second): places.num_rows - 12, str(claims): 1}
    assert report.load.tables["places"].in_files == places.num_rows

    rows = places.to_pylist()
    rows[-1]["kind"] = "castle"
    write_claims(second, [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows[12:]])
    with pytest.raises(ImportFilesError) as raised:
        import_files(connection, read_campaign(bad_folder.folder), claims=[claims], places=[first, second])
    assert located(raised.value.problems) == [(str(second), f"row {places.num_rows - 12}", "kind")]


def test_a_check_flags_the_rows_it_finds_and_reads_no_value_when_it_finds_none() -> None:
    problems = importing._Problems()
    checker = importing._Checker("claims.csv", problems, ("2029-01-01", "2030-12-31"))
    batch = pa.record_batch({"kind": pa.array(["capture", "conquest", None, "siege"])})
    checker.flag(batch, 11, pa.array([False, True, None, True]), "kind", lambda value: f"{value}?")
    assert [(p.entry, p.field, p.message) for p in problems.items] == [
        ("row 12", "kind", "conquest?"), ("row 14", "kind", "siege?")
    ]

    class Unread:
        """A batch whose values must not be read."""

        schema = batch.schema

        def column(self, name: str) -> pa.Array:
            raise AssertionError(f"the column {name} was read, though no row was flagged")

    checker.flag(Unread(), 1, pa.array([False, None, False, False]), "kind", "never")  # type: ignore[arg-type]
    assert problems.total == 2


# --- the command ---------------------------------------------------------------------------------------


def run_cli(*arguments: str, database_url: URL) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, DATABASE_URL=to_libpq(database_url, hide_password=False))
    return subprocess.run(
        [sys.executable, "-m", "campaign_db", *arguments],
        env=environment, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture
def migrated_url(fresh_database_url: URL) -> Iterator[URL]:
    """A fresh database migrated by ``campaign-db up --no-seed``."""
    up = run_cli("up", "--no-seed", database_url=fresh_database_url)
    assert up.returncode == 0, up.stderr
    yield fresh_database_url


def committed_counts(url: URL, slug: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return campaign_counts(connection, slug)
    finally:
        engine.dispose()


def test_the_command_imports_and_prints_the_table(migrated_url: URL, csv_files: SyntheticFiles) -> None:
    result = run_cli(
        "import", str(csv_files.folder), "--claims", str(csv_files.claims_file), "--places",
        str(csv_files.places_file), "--responses", str(csv_files.responses_file), database_url=migrated_url,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"read:     {csv_files.claims_file}: {pa_csv.read_csv(csv_files.claims_file).num_rows} rows" in lines
    assert f"read:     {csv_files.places_file}: {PLACES} rows" in lines
    assert f"read:     {csv_files.responses_file}: {csv_files.responses} rows" in lines
    assert f"import:   {SLUG} ({csv_files.folder})" in lines
    claims_line = next(line for line in lines if line.split()[:1] == ["claims"])
    assert claims_line.split() == ["claims", str(csv_files.claims), str(csv_files.claims), "0", "0"]
    assert any(line.strip().startswith("changes: ") and "inserted" in line for line in lines)
    assert "import: deriving control and contests:" in result.stderr  # the progress lines
    counts = committed_counts(migrated_url, SLUG)
    assert counts["claims"] == csv_files.claims and counts["claim_places"] == csv_files.links


def test_the_command_prints_each_problem_and_exits_2(
    migrated_url: URL, bad_folder: SyntheticFiles, tmp_path: Path
) -> None:
    claims = write_claims(tmp_path / "claims.csv", [good_claim("c1"), good_claim("c2", kind="conquest")])
    result = run_cli(
        "import", str(bad_folder.folder), "--claims", str(claims), "--places", str(bad_folder.places_file),
        "--quiet", database_url=migrated_url,
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "1 problem in the imported files; nothing was imported:" in result.stderr
    assert f"  {claims}: row 2: column kind: unknown value 'conquest'" in result.stderr
    assert committed_counts(migrated_url, BAD)["campaigns"] == 0


def test_the_help_of_the_command_names_every_column(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import", "--help"])
    assert exited.value.code == 0
    described = capsys.readouterr().out
    for column in CLAIM_COLUMNS:
        assert column in described, column
    assert ", ".join(CLAIM_COLUMNS) in described
