"""TaskCache: one task per key however many ask, and a bound on what is remembered."""

from __future__ import annotations

import asyncio

from diag.deliverability.tasks import TaskCache


def test_callers_of_one_key_share_one_run_and_the_oldest_key_is_forgotten() -> None:
    started: list[str] = []

    async def work(key: str) -> str:
        started.append(key)
        await asyncio.sleep(0)
        return key.upper()

    async def scenario() -> list[str]:
        cache: TaskCache[str, str] = TaskCache(size=2)
        first = await asyncio.gather(*(cache.task("a", lambda: work("a")) for _ in range(5)))
        await cache.task("b", lambda: work("b"))
        await cache.task("a", lambda: work("a"))  # recently used again: "b" is now the oldest
        await cache.task("c", lambda: work("c"))  # over the bound: "b" is forgotten
        await cache.task("a", lambda: work("a"))
        await cache.task("b", lambda: work("b"))
        return first

    assert asyncio.run(scenario()) == ["A"] * 5
    assert started == ["a", "b", "c", "b"]
