"""What the PyTorch peers of `./invariance bench` share: the timed loop and how the run is described.

Imported by bench/tied_ae.py and bench/cnn.py (their own directory is on Python's path when run).
"""
import os
import re
import time


def timed(step, warmup, iterations):
    """Runs step(k) `warmup` times untimed, then `iterations` times; returns each timed call in ms."""
    for k in range(warmup):
        step(k)
    times = []
    for k in range(iterations):
        t0 = time.perf_counter()
        step(k)
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


def describe(torch):
    """torch's version, threads, the BLAS it runs on and the OpenBLAS kernel asked for, for the JSON line."""
    m = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    blas = m.group(1) if m else "unknown"
    if blas == "generic":
        # Debian links the system libblas.so.3; name what it resolves to (reference BLAS or OpenBLAS)
        try:
            blas = "generic -> " + os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
        except OSError:
            pass
    return {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas,
            "coretype": ("OPENBLAS_CORETYPE=" + os.environ["OPENBLAS_CORETYPE"]) if os.environ.get("OPENBLAS_CORETYPE") else openblas_core()}


def openblas_core():
    """The kernel the process's OpenBLAS chose for this CPU (openblas_get_corename), or "" if none is loaded."""
    import ctypes
    f = None
    for name in (None, os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")):
        try:
            f = ctypes.CDLL(name).openblas_get_corename
            break
        except (OSError, AttributeError):
            pass
    if f is None:
        return ""
    f.restype = ctypes.c_char_p
    return f().decode() + " (its own choice)"
