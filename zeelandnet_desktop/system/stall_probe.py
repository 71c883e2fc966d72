"""By-hand diagnosis for the soak run (`--debug-flag soak=N` with ZND_SOAK_PROBE=FILE): what the
GUI thread was doing while it did not get back to its event loop, and what memory grew.

A watchdog thread samples the GUI thread's Python stack every few milliseconds once the GUI
thread's heartbeat (the soak meter's 10 ms tick) is more than STALL_MS late. Each stall is
written with how much CPU the GUI thread itself used meanwhile (little CPU: it waited, for the
GIL, a lock or the scheduler), the stacks seen, what the other threads were at, and the cyclic
GC passes and malloc_trim calls that overlapped it. ZND_SOAK_TRACEMALLOC=FRAMES adds a tracemalloc
diff between round 10 and the last round. Never used by the app itself; the sampling costs a
little GIL time, so figures from a probed run are not the bench's figures.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import traceback
from collections import Counter, deque
from typing import Any, TextIO

STALL_MS = 30  # heartbeat this late (the tick is every 10 ms) counts as a stall
SAMPLE_S = 0.002
DEPTH = 14  # innermost frames kept per sample


def _cpu_clock(ident: int) -> int | None:
    try:
        return time.pthread_getcpuclockid(ident)
    except (AttributeError, OSError):
        return None


def _stack(frame: Any) -> str:
    frames = traceback.extract_stack(frame)[-DEPTH:]
    return " < ".join(f"{os.path.basename(f.filename)}:{f.name}:{f.lineno}"
                      for f in reversed(frames))


class StallProbe:
    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._gui = threading.get_ident()
        self._gui_clock = _cpu_clock(self._gui)
        self._gui_tid = threading.get_native_id()
        self._beat = time.perf_counter()
        self._round = 0
        self._gc: deque[tuple[float, float, int, str, int]] = deque(maxlen=4000)
        self._gc_started: dict[int, float] = {}
        self._trims: deque[tuple[float, float]] = deque(maxlen=1000)
        self._round_gc: Counter[int] = Counter()
        self._round_gc_ms: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._snapshot: Any = None
        gc.callbacks.append(self._on_gc)
        self._wrap_trim()
        if os.environ.get("ZND_SOAK_TRACEMALLOC"):
            import tracemalloc

            tracemalloc.start(int(os.environ["ZND_SOAK_TRACEMALLOC"]))
        threading.Thread(target=self._watch, name="stall-probe", daemon=True).start()

    def beat(self) -> None:
        self._beat = time.perf_counter()

    # --- what overlapped ---------------------------------------------------------------

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_started[ident] = time.perf_counter()
            return
        began = self._gc_started.pop(ident, None)
        if began is None:
            return
        ended = time.perf_counter()
        generation = info.get("generation", -1)
        self._gc.append((began, ended, generation, threading.current_thread().name,
                         info.get("collected", 0)))
        self._round_gc[generation] += 1
        self._round_gc_ms[generation] += int((ended - began) * 1000)

    def _wrap_trim(self) -> None:
        from . import memory

        trim = memory.give_back_free_memory

        def timed() -> None:
            began = time.perf_counter()
            trim()
            self._trims.append((began, time.perf_counter()))

        memory.give_back_free_memory = timed

    # --- the watchdog --------------------------------------------------------------------

    def _watch(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            beat = self._beat
            if time.perf_counter() - beat < STALL_MS / 1000:
                continue
            self._follow(beat)

    def _follow(self, beat: float) -> None:
        """One stall, from its first late sample until the heartbeat comes back."""
        cpu0, wait0 = self._cpu(), self._run_queue_ns()
        stacks: Counter[str] = Counter()
        others: Counter[str] = Counter()
        samples = 0
        while self._beat == beat and not self._stop.is_set():
            frames = sys._current_frames()
            names = {t.ident: t.name for t in threading.enumerate()}
            gui = frames.get(self._gui)
            stacks[_stack(gui) if gui is not None else "?"] += 1
            for ident, frame in frames.items():
                if ident not in (self._gui, threading.get_ident()):
                    top = traceback.extract_stack(frame)[-3:]
                    where = " < ".join(f"{f.name}:{f.lineno}" for f in reversed(top))
                    others[f"{names.get(ident, ident)}: {where}"] += 1
            samples += 1
            del frames, gui
            time.sleep(SAMPLE_S)
        ended = self._beat
        cpu1, wait1 = self._cpu(), self._run_queue_ns()
        held_ms = (ended - beat) * 1000 - 10
        gcs = [g for g in list(self._gc) if g[1] > beat and g[0] < ended]
        trims = [t for t in list(self._trims) if t[1] > beat and t[0] < ended]
        with self._lock:
            write = self._out.write
            cpu = "?" if cpu0 is None or cpu1 is None else f"{(cpu1 - cpu0) / 1e6:.0f}"
            write(f"STALL round={self._round + 1} held={held_ms:.0f}ms "
                  f"gui_cpu_after_first_sample={cpu}ms "
                  f"runnable_not_running={(wait1 - wait0) / 1e6:.0f}ms samples={samples}\n")
            for begin, end, generation, thread, collected in gcs:
                write(f"  gc gen{generation} {(end - begin) * 1000:.1f}ms on {thread} "
                      f"collected={collected} at +{(begin - beat) * 1000:.0f}ms\n")
            for begin, end in trims:
                write(f"  malloc_trim {(end - begin) * 1000:.1f}ms "
                      f"at +{(begin - beat) * 1000:.0f}ms\n")
            for stack, count in stacks.most_common(4):
                write(f"  gui x{count}: {stack}\n")
            for where, count in others.most_common(6):
                write(f"  other x{count}: {where}\n")
            self._out.flush()

    def _run_queue_ns(self) -> int:
        """How long the GUI thread has waited for a CPU, in all (Linux schedstat): the rest
        of a stall without CPU is waiting for a lock, mostly the GIL."""
        try:
            with open(f"/proc/self/task/{self._gui_tid}/schedstat", encoding="ascii") as stat:
                return int(stat.read().split()[1])
        except (OSError, IndexError, ValueError):
            return 0

    def _cpu(self) -> int | None:
        if self._gui_clock is None:
            return None
        try:
            return time.clock_gettime_ns(self._gui_clock)
        except OSError:
            return None

    # --- per round --------------------------------------------------------------------------

    def round_done(self, number: int, last: bool) -> None:
        self._round = number
        trims = [t for t in list(self._trims)[-1:]]
        with self._lock:
            gcs = " ".join(f"gen{g}:{self._round_gc[g]}x/{self._round_gc_ms[g]}ms"
                           for g in sorted(self._round_gc))
            trim = f" trim={(trims[0][1] - trims[0][0]) * 1000:.1f}ms" if trims else ""
            self._out.write(f"ROUND {number} gc {gcs}{trim} objects={len(gc.get_objects())}\n")
            self._round_gc.clear()
            self._round_gc_ms.clear()
            if number == 10 or last or not number % 50:
                self._write_memory(number)
            self._out.flush()
        if last:
            self._stop.set()

    def _write_memory(self, number: int) -> None:
        try:
            with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
                wanted = ("Rss", "Anonymous", "Private_Dirty", "Shared_Clean")
                fields = [" ".join(line.split()[:2]) for line in rollup
                          if line.split(":")[0] in wanted]
            self._out.write(f"MEMORY round={number} {' '.join(fields)} {_heaps()}\n")
        except OSError:
            pass
        import tracemalloc

        if not tracemalloc.is_tracing():
            return
        traced, _peak = tracemalloc.get_traced_memory()
        self._out.write(f"TRACED round={number} {traced / 1024:.0f} KiB\n")
        snapshot = tracemalloc.take_snapshot().filter_traces(
            (tracemalloc.Filter(False, tracemalloc.__file__),))
        if self._snapshot is None:
            self._snapshot = snapshot
            return
        for stat in snapshot.compare_to(self._snapshot, "traceback")[:15]:
            self._out.write(f"GREW {stat.size_diff / 1024:+.0f} KiB "
                            f"{stat.count_diff:+d} blocks\n")
            for line in stat.traceback.format()[-8:]:
                self._out.write(f"    {line}\n")


def _heaps() -> str:
    """What SQLite holds, Python's allocated blocks, and glibc's heap: in use and free."""
    import ctypes

    words = [f"python_blocks={sys.getallocatedblocks()}"]
    try:
        sqlite = ctypes.CDLL("libsqlite3.so.0")
        sqlite.sqlite3_memory_used.restype = ctypes.c_int64
        words.append(f"sqlite={sqlite.sqlite3_memory_used() // 1024}KiB")
    except (OSError, AttributeError):
        pass
    try:
        class Mallinfo2(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                "uordblks", "fordblks", "keepcost")]

        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = Mallinfo2
        info = libc.mallinfo2()
        words.append(f"malloc_in_use={info.uordblks // 1024}KiB "
                     f"malloc_free={info.fordblks // 1024}KiB mmapped={info.hblkhd // 1024}KiB")
    except (OSError, AttributeError):
        pass
    return " ".join(words)
