"""The cyclic garbage collector, paused for the whole-corpus steps that allocate but make no cycles.

Linking and writing the outputs hold every stored mention, link row and record summary at once and
allocate hundreds of thousands of small containers more; each of the collector's full passes walks
all of them again, about a fifth of those steps' time on the BBC corpus, to find next to nothing:
these objects are freed by reference counting. Parsing is another matter (spaCy's objects do form
cycles, and pausing there made it slower), so it is paused only around these steps.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; the previous setting back after (nesting keeps it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
