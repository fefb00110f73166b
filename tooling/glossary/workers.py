"""Worker processes for the stages that spread over the machine's cores. They are forked,
so they inherit everything the main process has loaded and checked: only a task's name
or file goes to them, only its result comes back."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    return os.cpu_count() or 1


def fork_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep what is alive now out of garbage collections until the block ends, in this
    process and in those forked inside the block: a worker's collection would otherwise
    walk the whole inherited glossary again and again (and copy its memory pages).
    Leaving it hands everything frozen (the loaded glossary too, see ``load_glossary``)
    back to the oldest generation, which is collected rarely."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def fork_map(function: Callable[[T], R], tasks: Sequence[T], parallel: bool = True) -> list[R]:
    """``function`` over ``tasks`` in order: in forked workers when ``parallel`` and the
    machine has two cores or more, else in this process."""
    workers = min(len(tasks), cores())
    if not parallel or workers < 2:
        return [function(task) for task in tasks]
    with frozen_heap(), fork_pool(workers) as pool:
        return list(pool.map(function, tasks))
