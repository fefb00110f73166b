"""Worker processes for the stages that spread over the machine's cores.

Workers are forked, so they inherit what the main process has loaded and checked. A stage
hands a pool its function and the context every task needs (the configuration, the
linked glossary …) once, when the workers start: under ``fork`` these start-up arguments
are inherited, never pickled. Each task then sends only its own small value (a file, a
language) and gets its result back. Nothing is shared through module globals: the slot
below is written only inside a worker, by the pool's initializer, and read by its tasks."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

_WORK: list[Any] = []  # in a worker only: [function, context], set by _receive


def cores() -> int:
    return os.cpu_count() or 1


def _receive(function: Callable, context: object) -> None:
    _WORK[:] = [function, context]


def _run(task: object) -> object:
    function, context = _WORK
    return function(context, task)


class Pool(Generic[C, T, R]):
    """Forked workers that run ``function(context, task)``."""

    def __init__(self, function: Callable[[C, T], R], context: C, workers: int) -> None:
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_receive,
            initargs=(function, context),
        )

    def submit(self, task: T) -> Future[R]:
        return self._pool.submit(_run, task)  # type: ignore[arg-type]

    def map(self, tasks: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        return self._pool.map(_run, tasks, chunksize=chunksize)  # type: ignore[arg-type]

    def close(self) -> None:
        self._pool.shutdown()

    def __enter__(self) -> Pool[C, T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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


def fork_map(
    function: Callable[[C, T], R],
    context: C,
    tasks: Sequence[T],
    parallel: bool = True,
    chunksize: int = 1,
) -> list[R]:
    """``function(context, task)`` over ``tasks`` in order: in forked workers when
    ``parallel`` and the machine has two cores or more, else in this process."""
    workers = min(len(tasks), cores())
    if not parallel or workers < 2:
        return [function(context, task) for task in tasks]
    with frozen_heap(), Pool(function, context, workers) as pool:
        return list(pool.map(tasks, chunksize))
