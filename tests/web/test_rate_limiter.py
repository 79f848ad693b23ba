"""The per-visitor rate limiter stays small when many visitors come once."""

from __future__ import annotations

from portpedia.web.feedback import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limit_per_window():
    clock = Clock()
    limiter = RateLimiter(limit=2, window=60, clock=clock)
    assert limiter.hit("a") == 0 and limiter.hit("a") == 0
    assert 59 < limiter.hit("a") <= 60
    clock.now += 61
    assert limiter.hit("a") == 0


def test_one_time_visitors_are_forgotten_after_a_window():
    clock = Clock()
    limiter = RateLimiter(limit=10, window=60, clock=clock)
    for i in range(5000):
        limiter.hit(f"visitor-{i}")
    assert len(limiter) == 5000
    clock.now += 61
    limiter.hit("latecomer")
    assert len(limiter) == 1
