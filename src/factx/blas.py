"""Which matrix multiply the loaded pipeline's layers use.

spaCy's CPU layers (thinc's ``NumpyOps``) multiply matrices with BLIS, which picks its kernels
for the CPU it finds when it starts. On a CPU its bundled version does not know (an AMD Zen 5,
CPU family 26, in 2026) it falls back to its "generic" reference kernels: plain C loops, 3 to 7
times slower than an optimized sgemm, and about 40% of the small English model's time. numpy's
own BLAS (OpenBLAS, which knows these CPUs) then multiplies faster, on one thread.

``use_numpy_gemm`` gives the layers of one pipeline an ``Ops`` of their own that multiplies with
numpy, only when BLIS runs its generic kernels and numpy's BLAS can be kept to one thread: more
threads would take the core of another ``--jobs`` worker. spaCy's own ops (any other pipeline
loaded in the process, e.g. the bench's bare one) are left as they are. Only the summation order
of the products changes: the annotations were the same on every token of PolNeAR train and dev.
"""
from __future__ import annotations

import ctypes
import glob
import os
from typing import Optional

# The functions that set OpenBLAS's thread count, by the names its builds export them under
# (numpy's wheels bundle "scipy-openblas", 64-bit integers, with a prefix and a suffix).
_SET_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                "openblas_set_num_threads64_", "openblas_set_num_threads")


def blis_arch() -> Optional[str]:
    """The name of the sub-configuration (kernel set) BLIS selected for this CPU, e.g.
    "haswell", "zen2" or "generic"; None when BLIS is not there or cannot say."""
    try:
        import blis.cy
    except ImportError:
        return None
    try:
        lib = ctypes.CDLL(blis.cy.__file__)
        lib.bli_arch_string.restype = ctypes.c_char_p
        name = lib.bli_arch_string(lib.bli_arch_query_id())
    except (OSError, AttributeError):
        return None
    return name.decode("ascii", "replace") if name else None


def _openblas_libraries() -> list[str]:
    """The OpenBLAS libraries numpy's wheel bundles (next to the package, in numpy.libs)."""
    import numpy

    site = os.path.dirname(os.path.dirname(numpy.__file__))
    return sorted(glob.glob(os.path.join(site, "numpy.libs", "*openblas*.so*")))


def one_blas_thread() -> bool:
    """Keep numpy's BLAS to one thread, for the whole process (the extracting process or
    worker: one core each); False when it cannot be done (another BLAS, another platform):
    numpy then stays unused for the multiplications (see the module's note)."""

    for path in _openblas_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SET_THREADS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def use_numpy_gemm(nlp, arch: Optional[str] = None) -> bool:
    """Have the layers of ``nlp`` multiply with numpy's BLAS when BLIS runs its generic
    kernels (``arch``: BLIS's sub-configuration, asked when not given). True when switched."""
    if (arch or blis_arch()) != "generic" or not one_blas_thread():
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    switched = False
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:  # not a GPU's or another custom Ops
                node.ops = ops
                switched = True
    return switched
