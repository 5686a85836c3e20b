"""The room's rate limits: a moving window per key, from ``limits``' asyncio variant, which starts no thread."""

from __future__ import annotations

import asyncio
import threading

from strategy_kit.serve.guard import BallotLimiter, GuessLimiter, MovingWindow


def test_a_key_gets_its_number_of_hits_per_window_and_no_more() -> None:
    async def run() -> list[bool]:
        window = MovingWindow("3/minute")
        return [await window.hit("a") for _ in range(4)] + [await window.hit("b")]

    assert asyncio.run(run()) == [True, True, True, False, True]


def test_refused_hits_do_not_count_and_a_test_counts_nothing() -> None:
    async def run() -> tuple[list[bool], bool, bool]:
        window = MovingWindow("2/minute")
        looked = [await window.test("a") for _ in range(5)]
        taken = [await window.hit("a") for _ in range(6)]
        return looked + taken, await window.test("a"), await window.test("b")

    seen, a, b = asyncio.run(run())
    assert seen == [True] * 5 + [True, True, False, False, False, False]
    assert (a, b) == (False, True)


def test_a_wrong_code_counts_a_right_one_does_not() -> None:
    async def run() -> list[bool]:
        guesses = GuessLimiter("2/minute")
        blocked = [await guesses.blocked("10.0.0.9")]
        await guesses.wrong("10.0.0.9")
        blocked.append(await guesses.blocked("10.0.0.9"))
        await guesses.wrong("10.0.0.9")
        blocked += [await guesses.blocked("10.0.0.9"), await guesses.blocked("10.0.0.8")]
        return blocked

    assert asyncio.run(run()) == [False, False, True, False]


def test_counting_starts_no_thread() -> None:
    async def run() -> int:
        limiter, window = BallotLimiter(), MovingWindow("120/second")
        peak = threading.active_count()
        for number in range(300):
            await window.hit(str(number % 7))
            await limiter.allow(str(number))
            peak = max(peak, threading.active_count())
        return peak

    before = threading.active_count()
    assert asyncio.run(run()) == before
