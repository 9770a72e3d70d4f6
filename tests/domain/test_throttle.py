"""Failed sign-ins: budgets, doubling waits, one attempt at a time past the budget."""

from __future__ import annotations

import pytest

from frontdesk.domain.throttle import Scope, Throttle
from frontdesk.errors import Throttled


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle(clock: Clock) -> Throttle:
    return Throttle(free={Scope.PAIR: 3, Scope.ADDRESS: 5, Scope.ACCOUNT: 8}, clock=clock)


def fail(throttle: Throttle, account: str, address: str | None) -> None:
    throttle.admit(throttle.keys(account, address)).failed()


def test_past_its_budget_a_pair_waits_longer_after_each_failure(
    throttle: Throttle, clock: Clock
) -> None:
    for _ in range(3):
        fail(throttle, "ann", "10.0.0.1")
    with pytest.raises(Throttled) as first:
        throttle.admit(throttle.keys("ann", "10.0.0.1"))
    assert first.value.retry_after == 1
    clock.now += 1.01
    fail(throttle, "ann", "10.0.0.1")
    with pytest.raises(Throttled) as second:
        throttle.admit(throttle.keys("ann", "10.0.0.1"))
    assert second.value.retry_after == 2
    throttle.admit(throttle.keys("ann", "10.0.0.2")).succeeded()  # elsewhere, not locked out


def test_an_address_trying_many_accounts_is_slowed(throttle: Throttle) -> None:
    for name in ("a", "b", "c", "d", "e"):
        fail(throttle, name, "10.0.0.9")
    with pytest.raises(Throttled):
        throttle.admit(throttle.keys("f", "10.0.0.9"))
    throttle.admit(throttle.keys("f", "10.0.0.8")).succeeded()


def test_an_account_guessed_from_everywhere_is_slowed(throttle: Throttle) -> None:
    for index in range(8):
        fail(throttle, "admin", f"10.0.1.{index}")
    with pytest.raises(Throttled):
        throttle.admit(throttle.keys("admin", "10.0.2.1"))


def test_past_the_budget_one_attempt_at_a_time(throttle: Throttle) -> None:
    attempts = [throttle.admit(throttle.keys("bo", "10.0.0.3")) for _ in range(2)]
    throttle.admit(throttle.keys("bo", "10.0.0.3"))
    with pytest.raises(Throttled):  # three in flight: the pair's whole budget
        throttle.admit(throttle.keys("bo", "10.0.0.3"))
    attempts[0].abandoned()
    throttle.admit(throttle.keys("bo", "10.0.0.3"))


def test_success_clears_and_failures_are_forgotten(throttle: Throttle, clock: Clock) -> None:
    for _ in range(2):
        fail(throttle, "cy", "10.0.0.4")
    throttle.admit(throttle.keys("cy", "10.0.0.4")).succeeded()
    for _ in range(2):
        fail(throttle, "cy", "10.0.0.4")
    throttle.admit(throttle.keys("cy", "10.0.0.4")).failed()
    with pytest.raises(Throttled):
        throttle.admit(throttle.keys("cy", "10.0.0.4"))
    clock.now += 3601
    throttle.admit(throttle.keys("cy", "10.0.0.4")).succeeded()


def test_the_wait_has_a_ceiling_and_a_patient_guesser_never_starts_afresh(
    throttle: Throttle, clock: Clock
) -> None:
    keys = throttle.keys("di", "10.0.0.5")
    for _ in range(40):
        try:
            throttle.admit(keys).failed()
        except Throttled as waiting:
            clock.now += waiting.retry_after
            throttle.admit(keys).failed()
    with pytest.raises(Throttled) as last:
        throttle.admit(keys)
    assert last.value.retry_after == 900
