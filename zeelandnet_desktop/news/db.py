"""The news database file: opening, migrating, setting aside what cannot be read, and the
connections the store uses.

Writes go through one write connection, one job at a time, on an executor the caller gives
(the app's task runner lends a serial lane; the command line a one-thread pool): writes never
contend for SQLite's lock, never run on the GUI thread, and run in submission order. Each write
job is one transaction. Reads use a read-only connection per calling thread; WAL lets them run
while a write is in progress.

Durability: WAL with synchronous=NORMAL, so a killed process loses at most the transaction being
written. A file SQLite cannot read (or one truncated to nothing) is moved aside as
`news.sqlite3.corrupt-<timestamp>` and a fresh database is built; `recovered_from_corruption`
tells the caller to say so. The whole file is checked only when it may have changed outside
SQLite's care since the last clean close (see `_as_left_at_last_close`).

A read-only profile (a read-only disk or folder) is opened read-only: the saved news can be read,
nothing is written, and every write fails with ReadOnlyStoreError — a healthy file that cannot be
written is never taken for a corrupt one.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from .schema import SCHEMA_VERSION, migrate

log = logging.getLogger(__name__)
T = TypeVar("T")

WriteJob = Callable[[sqlite3.Connection], T]


READER_CACHE_KIB = 256
# The writer's page cache outlives the write: SQLite's default 2 MiB stayed filled after the
# first round's prune had read through a large store (1.6 MiB resident at 15,000 articles);
# a round's saves were no slower with a quarter of it.
WRITER_CACHE_KIB = 512


class StoreClosedError(RuntimeError):
    pass


class ReadOnlyStoreError(RuntimeError):
    """The news database cannot be written (a read-only profile); nothing was changed."""


def is_full(error: BaseException) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL), or the file system's ENOSPC/EDQUOT,
    also when it is the cause of another error."""
    seen: BaseException | None = error
    for _depth in range(5):
        if seen is None:
            return False
        if isinstance(seen, OSError) and seen.errno in _FULL_ERRNOS:
            return True
        if isinstance(seen, sqlite3.OperationalError) and (
                getattr(seen, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
                or "disk is full" in str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly one job.
    # check_same_thread=False: the write connection is used by whichever thread of the serial
    # executor runs the job, never by two at once.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        conn.close()  # an open handle would stop Windows from moving a corrupt file aside
        raise
    return conn


class Database:
    """One SQLite file: `write(job)` returns a Future, `reader()` a connection for this thread."""

    def __init__(self, path: Path, writer: Executor | None = None) -> None:
        """`writer` must run one job at a time (a serial lane); None makes a private one."""
        self.path = Path(path)
        self.recovered_from_corruption = False
        self.read_only = not _writable(self.path)
        self._memory: sqlite3.Connection | None = None  # read-only without a file: empty news
        # (size, modification time) of the file when it was found as the last clean close
        # left it, and as this close leaves it: what may be kept beside it is valid for those.
        self.opened_unchanged: tuple[int, int] | None = None
        self.closed_as: tuple[int, int] | None = None
        if self.read_only:
            log.warning("The news database at %s cannot be written: reading it only", self.path)
            self._open_read_only()
        else:
            self._open_or_rebuild()
        self._own_writer = writer is None
        self._writer: Executor = writer or ThreadPoolExecutor(1, thread_name_prefix="news-db")
        self._write_conn: sqlite3.Connection | None = None
        self._data_version: int | None = None
        self.others_wrote: Callable[[], None] | None = None  # on the writer, see _run
        self._closed = False
        self._readers_lock = threading.Lock()
        self._readers: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._local = threading.local()
        if self.opened_unchanged is not None:
            # From now on a commit by another process shows in data_version (see _run): what
            # was kept from the last run stays valid until one.
            self._write_conn = self._writer_connection()
            self._data_version = self._write_conn.execute("PRAGMA data_version").fetchone()[0]

    @property
    def closed(self) -> bool:
        return self._closed

    # -- opening, migrating, recovering --------------------------------------------------------
    def _open_read_only(self) -> None:
        if not self.path.is_file():
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
            migrate(self._memory)
            return
        conn = self._read_only_connection()
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
        if version != SCHEMA_VERSION:  # cannot be migrated in place: show nothing, lose nothing
            log.warning("Read-only news database has schema %d, not %d: not shown", version,
                        SCHEMA_VERSION)
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
            migrate(self._memory)

    def _read_only_connection(self) -> sqlite3.Connection:
        # immutable: no -shm file or lock is needed, which a read-only folder could not hold.
        uri = f"file:{quote(str(self.path))}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    def _open_or_rebuild(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.is_file() and self.path.stat().st_size == 0:
            # SQLite would take a truncated file for a new one; the user had news there.
            aside = self._move_aside("corrupt")
            log.warning("News database was empty (truncated); moved to %s, starting fresh",
                        aside)
            self.recovered_from_corruption = True
        try:
            self._prepare()
        except sqlite3.DatabaseError as error:
            aside = self._move_aside("corrupt")
            log.warning("News database unreadable (%s); moved to %s, starting fresh", error, aside)
            self.recovered_from_corruption = True
            self._prepare()

    def _prepare(self) -> None:
        self.opened_unchanged = self._as_left_at_last_close()
        conn = connect(self.path)
        try:
            if self.opened_unchanged is not None:
                # Reading the schema is enough to find a file that is not a database.
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            else:
                check = conn.execute("PRAGMA quick_check").fetchall()
                if check != [("ok",)]:
                    raise sqlite3.DatabaseError(f"quick_check: {check[:1]}")
            migrate(conn)
        finally:
            conn.close()
        if self.opened_unchanged is not None and self._file_as() != self.opened_unchanged:
            self.opened_unchanged = None  # a migration wrote it: no longer as it was left

    @property
    def _clean_mark(self) -> Path:
        return self.path.with_name(f"{self.path.name}.closed-cleanly")

    def _file_as(self) -> tuple[int, int]:
        """The file's size and modification time (ns): what a clean close marks."""
        now = self.path.stat()
        return now.st_size, now.st_mtime_ns

    def _as_left_at_last_close(self) -> tuple[int, int] | None:
        """The file's `_file_as()` when it is exactly as this app left it when it last closed
        every connection; None otherwise.

        The integrity check reads the whole file (tens of MiB after months of news, at every
        start). SQLite itself does not damage a file on a crash or power loss (WAL: the last
        transaction is lost, nothing else), so it is needed only after a run that did not
        close the database, or when something else wrote the file since: then its size or
        modification time differs from the mark left at the last close. The mark is removed
        here, so a run that ends without closing leaves none."""
        mark = self._clean_mark
        try:
            recorded = mark.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return None
        with contextlib.suppress(OSError):
            mark.unlink()
        try:
            now = self._file_as()
            wal = Path(f"{self.path}-wal")
            wal_empty = not wal.exists() or wal.stat().st_size == 0
        except OSError:
            return None
        return now if wal_empty and recorded == [str(part) for part in now] else None

    def _mark_closed_cleanly(self) -> None:
        """Fold the WAL into the file and empty it, so the file is final, then mark it. A
        reader still open on another thread closes later without changing the file; one that
        is reading right now keeps the checkpoint from finishing: then no mark."""
        try:
            conn = connect(self.path)
            try:
                busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                conn.close()
            if busy:
                return
            now = self._file_as()
            self._clean_mark.write_text(" ".join(str(part) for part in now) + "\n",
                                        encoding="ascii")
            self.closed_as = now
        except (OSError, sqlite3.Error) as error:  # the next start checks the file, nothing more
            log.info("News store: no clean-close mark (%s)", error)

    def _move_aside(self, why: str) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.{why}-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{target}{suffix}"))
        return target

    # -- writes --------------------------------------------------------------------------------
    def write(self, job: WriteJob[T], committed: Callable[[T], None] | None = None
              ) -> Future[T]:
        """Run `job(conn)` in its own transaction on the writer; a failure rolls it back and is
        the Future's exception (the next job runs as usual). `committed(result)` runs once the
        transaction is committed, before the Future is done."""
        if self._closed or self.read_only:
            future: Future[T] = Future()
            future.set_exception(StoreClosedError("the news store is closed") if self._closed
                                 else ReadOnlyStoreError("the news store is read-only"))
            return future
        return self._writer.submit(self._run, job, committed)

    def _writer_connection(self) -> sqlite3.Connection:
        conn = connect(self.path)
        conn.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
        return conn

    def _run(self, job: WriteJob[T], committed: Callable[[T], None] | None) -> T:
        if self._write_conn is None:
            self._write_conn = self._writer_connection()
        conn = self._write_conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Changes only when another connection committed: our readers never do, so
                # that is another process (the command line) writing the same file. Unknown
                # before the first write (unless taken at the open): counted as changed then.
                version = conn.execute("PRAGMA data_version").fetchone()[0]
                if version != self._data_version:
                    if self.others_wrote is not None:
                        self.others_wrote()
                    self._data_version = version
                result = job(conn)
                conn.execute("COMMIT")
                if committed is not None:
                    committed(result)
            except BaseException:
                # SQLite has rolled back by itself after some errors (a full disk): a ROLLBACK
                # then fails and would hide the error that matters.
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except BaseException as error:
            if is_full(error):
                log.warning("News store write failed: the disk is full")
            else:
                log.exception("News store write failed")
            raise
        return result

    # -- reads ---------------------------------------------------------------------------------
    def reader(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreClosedError("the news store is closed")
        if self._memory is not None:
            return self._memory
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self.read_only:
                conn = self._read_only_connection()
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA query_only=1")
            # One reader per worker thread, each with SQLite's own page cache (2 MiB by
            # default) filling as the database grows: over days that was part of the app's
            # memory growth. Reads are small indexed queries; the system's file cache holds
            # the rest.
            conn.execute(f"PRAGMA cache_size=-{READER_CACHE_KIB}")
            self._local.conn = conn
            with self._readers_lock:
                # Worker threads come and go (an idle lane thread ends): a connection of a
                # thread that ended would otherwise stay open, three file handles each, for
                # as long as the app runs.
                ended = [c for t, c in self._readers if not t.is_alive()]
                self._readers = [(t, c) for t, c in self._readers if t.is_alive()]
                self._readers.append((threading.current_thread(), conn))
            for old in ended:
                old.close()
        return conn

    # -- closing -------------------------------------------------------------------------------
    def close(self, timeout: float | None = None) -> bool:
        """Let queued writes finish (up to `timeout` seconds), then close every connection.

        False when the writes did not finish in time: the process may then end with a write in
        flight, which SQLite rolls back on the next open; nothing committed is lost. Idempotent.
        """
        if self._closed:
            return True
        self._closed = True
        finished = True
        try:
            self._writer.submit(self._close_writer).result(timeout)
        except TimeoutError:
            finished = False
            log.warning("News store: writes still running at shut-down; left to SQLite")
        except RuntimeError:  # the executor was shut down before us: no writer left to close
            pass
        if self._own_writer:
            self._writer.shutdown(wait=False)
        with self._readers_lock:
            readers, self._readers = self._readers, []
        here = threading.current_thread()
        for thread, conn in readers:
            # Another live thread may be reading on its connection right now, and closing it
            # under that read crashes the process. Such a connection closes itself when its
            # thread ends (it lives in the thread's local storage); reader() says "closed".
            if thread is here or not thread.is_alive():
                conn.close()
        if self._memory is not None:
            self._memory.close()
        elif finished and not self.read_only:
            self._mark_closed_cleanly()
        return finished

    def _close_writer(self) -> None:
        if self._write_conn is not None:
            version = self._write_conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self._data_version and self.others_wrote is not None:
                self.others_wrote()  # since our last write: nothing kept of ours is valid
            self._write_conn.close()
            self._write_conn = None


def _writable(path: Path) -> bool:
    """The database (and the journal files beside it) can be written."""
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
    if not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)
