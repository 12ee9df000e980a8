"""The worker's fitting pool: its processes end when the worker is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

CHILD = """
import os, time
from domain.settings import get_settings
from workers.runtime import start_process_pool
pool = start_process_pool(get_settings())
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has exited
        return stat.read().split()[2] != "Z"


def test_fitting_processes_exit_when_the_worker_is_killed() -> None:
    worker = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    assert worker.stdout is not None
    fitter = int(worker.stdout.readline())
    assert _alive(fitter)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    deadline = time.monotonic() + 10
    while _alive(fitter) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(fitter)
