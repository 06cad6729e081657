"""Work done once per key however many callers ask: the in-flight (or finished) task is shared,
and the least recently used ones are forgotten past a bound, so a long batch stays flat."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TaskCache(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self._tasks: OrderedDict[K, asyncio.Task[V]] = OrderedDict()
        self._size = size

    def task(self, key: K, start: Callable[[], Awaitable[V]]) -> asyncio.Task[V]:
        """The task for `key`, started with `start()` only if none is remembered."""
        task = self._tasks.get(key)
        if task is None:
            task = asyncio.ensure_future(start())
            self._tasks[key] = task
            if len(self._tasks) > self._size:
                self._tasks.popitem(last=False)
        else:
            self._tasks.move_to_end(key)
        return task

    def ready(self, key: K) -> V | None:
        """The result for `key` if its task finished well; None if none did (yet)."""
        task = self._tasks.get(key)
        if task is None or not task.done() or task.cancelled() or task.exception() is not None:
            return None
        self._tasks.move_to_end(key)
        return task.result()
