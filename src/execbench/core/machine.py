"""What a measured time depends on besides the program: the machine and the software measuring.

Times measured once and kept across runs (the references' CPU times, ENAMEL's reference timings)
are keyed by this, so that another processor, Python or execbench measures them again.
"""

from __future__ import annotations

import os
import platform
import sys
from functools import lru_cache

from execbench import __version__


@lru_cache(maxsize=1)
def machine_identity() -> tuple[str, ...]:
    """The processor (architecture, model, count), Python and execbench versions."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [line.partition(":")[2].strip() for line in cpuinfo if "model name" in line]
    except OSError:
        names = []
    model = names[0] if names else platform.processor()
    return (platform.machine(), model, str(os.cpu_count()), sys.version, __version__)
