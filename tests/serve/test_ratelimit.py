"""The room's rate limits: a moving window per key, counted without threads."""

from __future__ import annotations

import threading

from strategy_kit.serve.guard import BallotLimiter, MovingWindow


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_gets_its_number_of_hits_per_window_and_no_more() -> None:
    clock = Clock()
    window = MovingWindow("3/second", clock)
    assert [window.hit("a") for _ in range(4)] == [True, True, True, False]
    assert window.hit("b"), "another key has its own window"
    clock.now += 0.5
    assert not window.hit("a"), "half a second later the window still holds three"
    clock.now += 0.51
    assert window.hit("a"), "the first hits have left the window"


def test_the_window_moves_hit_by_hit_not_in_fixed_steps() -> None:
    clock = Clock()
    window = MovingWindow("2/minute", clock)
    assert window.hit("a")
    clock.now += 40
    assert window.hit("a")
    clock.now += 30  # 70 s after the first, 30 s after the second
    assert window.hit("a")
    assert not window.hit("a")


def test_refused_hits_do_not_count() -> None:
    clock = Clock()
    window = MovingWindow("1/second", clock)
    assert window.hit("a")
    for _ in range(100):
        clock.now += 0.001
        assert not window.hit("a")
    clock.now += 1.0
    assert window.hit("a")


def test_keys_idle_for_a_window_are_forgotten() -> None:
    clock = Clock()
    window = MovingWindow("5/second", clock)
    for number in range(500):
        window.hit(f"10.0.0.{number}")
    clock.now += 2
    window.hit("10.0.0.1")
    assert list(window._hits) == ["10.0.0.1"]


def test_counting_starts_no_thread() -> None:
    before = threading.active_count()
    limiter = BallotLimiter()
    clock = Clock()
    window = MovingWindow("120/second", clock)
    for number in range(300):
        clock.now += 0.02
        window.hit(str(number % 7))
        limiter.allow(str(number))
    assert threading.active_count() == before


def test_a_test_looks_without_counting() -> None:
    clock = Clock()
    window = MovingWindow("2/minute", clock)
    assert window.test("a") and window.test("a") and window.test("a")
    assert window.hit("a") and window.hit("a")
    assert not window.test("a")
    clock.now += 61
    assert window.test("a")
