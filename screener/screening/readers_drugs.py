"""Readers for ALS medicines and study drugs (ops from criteria/model.py).

``stable_or_none`` days · ``current`` bool (extra ``stable_days``) · ``within`` days ·
``ever`` bool · ``cycles_or_none`` n (edaravone). A status without the date or count the
op needs is unknown, never assumed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from screener.criteria.model import Criterion
from screener.errors import Unreadable
from screener.person.profile import Profile, month_only
from screener.screening.reading import (
    MONTH_SLACK_DAYS,
    Fact,
    compare,
    reads,
    unknown,
)

__all__ = ["DRUG_NAMES", "drug_condition", "drug", "investigational_drug"]

DRUG_NAMES: dict[str, str] = {
    "riluzole": "riluzole",
    "edaravone": "edaravone",
    "tofersen": "tofersen",
    "phenylbutyrate_taurursodiol": "sodium phenylbutyrate–taurursodiol (AMX0035)",
}


def _days(value: Any, op: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unreadable(f"'{op}' needs a number of days, got {value!r}")
    return float(value)


def _days_since(p: Profile, when: date) -> tuple[int, int, int]:
    """Days from ``when`` to as_of, with the range a month-only date allows."""
    days = (p.as_of_date - when).days
    slack = MONTH_SLACK_DAYS * sum(1 for d in (when, p.as_of) if month_only(d))
    return days, max(0, days - slack), days + slack


def _near(person: str, limit: float) -> str:
    return f"{person} That is close to this study's {limit:g}-day limit; the exact day would tell."


def drug_condition(factor: str, op: str | None, value: Any, extra: Any) -> str:
    """The condition in words, for "This study is only for people who …"."""
    name = DRUG_NAMES.get(factor, "an investigational (study) drug")
    if op == "stable_or_none":
        return f"take {name} on a stable dose for at least {value:g} days, or not at all"
    if op == "current":
        if not value:
            return f"are not taking {name} now"
        days = extra.get("stable_days") if hasattr(extra, "get") else None
        return f"take {name} now" + (f", on a stable dose for at least {days} days" if days else "")
    if op == "within":
        return f"have taken {name} in the last {value:g} days"
    if op == "ever":
        return f"have {'ever' if value else 'never'} taken {name}"
    if op == "cycles_or_none":
        unit = "cycle" if value == 1 else "cycles"
        return f"have not taken {name}, or have completed at least {value:g} {unit}"
    return f"meet the study's condition on {name}"


@reads(*DRUG_NAMES)
def drug(p: Profile, c: Criterion) -> Fact:
    """An ALS medicine's criterion, read with the reader of its operator."""
    name = DRUG_NAMES[c.factor]
    answer = getattr(p, c.factor)
    if answer is None or answer.status is None:
        return unknown(c.factor)
    said = {
        "current": f"You said you take {name} now.",
        "past": f"You said you took {name} before but not now.",
        "never": f"You said you have never taken {name}.",
    }[answer.status]
    read = _BY_OP.get(str(c.op))
    if read is None or (c.op == "cycles_or_none" and c.factor != "edaravone"):
        raise Unreadable(f"operator {c.op!r} is not one of the medicine operators")
    return read(p, c, _Taken(answer, name, said))


class _Taken(NamedTuple):
    """The person's answer about one medicine, its plain name and the answer said back."""

    answer: Any
    name: str
    said: str

    @property
    def taking(self) -> bool:
        return bool(self.answer.status == "current")


def _stable_or_none(p: Profile, c: Criterion, t: _Taken) -> Fact:
    limit = _days(c.value, "stable_or_none")
    if not t.taking:
        return Fact(True, t.said)
    return _stable_for(p, c.factor, t.answer, limit, t.name)


def _current(p: Profile, c: Criterion, t: _Taken) -> Fact:
    if not isinstance(c.value, bool):
        raise Unreadable(f"'current' needs true or false, got {c.value!r}")
    stable_days = c.extra.get("stable_days")
    if t.taking and c.value and stable_days:
        return _stable_for(p, c.factor, t.answer, _days(stable_days, "stable_days"), t.name)
    return Fact(t.taking == c.value, t.said)


def _within(p: Profile, c: Criterion, t: _Taken) -> Fact:
    limit = _days(c.value, "within")
    if t.answer.status != "past":
        return Fact(t.taking, t.said)
    if "last_dose" not in type(t.answer).model_fields:
        note = f"{t.said} The profile does not record when, so the study team will ask."
        return Fact(None, t.said, False, (), note)
    last = t.answer.last_dose
    if last is None:
        return unknown(f"{c.factor}.last_dose")
    days, lo, hi = _days_since(p, last)
    holds = compare(lo, hi, "<=", limit)
    person = f"You said your last dose of {t.name} was on {last.isoformat()} ({days} days ago)."
    if holds is None:
        return Fact(None, person, False, (f"{c.factor}.last_dose",), _near(person, limit))
    return Fact(holds, person)


def _ever(p: Profile, c: Criterion, t: _Taken) -> Fact:
    if not isinstance(c.value, bool):
        raise Unreadable(f"'ever' needs true or false, got {c.value!r}")
    return Fact((t.answer.status != "never") == c.value, t.said)


def _cycles_or_none(p: Profile, c: Criterion, t: _Taken) -> Fact:
    limit = _days(c.value, "cycles_or_none")
    if t.answer.status == "never":
        return Fact(True, t.said)
    cycles = getattr(t.answer, "cycles_completed", None)
    if cycles is None:
        return unknown("edaravone.cycles_completed")
    person = f"You said you have completed {cycles} cycle{'' if cycles == 1 else 's'} of edaravone."
    if cycles >= limit:
        return Fact(True, person)
    if t.answer.status == "past":
        # "Not taken" may mean "not taking now"; a stopped course is for the team to judge.
        note = f"{person} You stopped it; whether that counts as not taking it is for the team."
        return Fact(None, person, False, (), note)
    return Fact(False, person)


_BY_OP: dict[str, Callable[[Profile, Criterion, _Taken], Fact]] = {
    "stable_or_none": _stable_or_none,
    "current": _current,
    "within": _within,
    "ever": _ever,
    "cycles_or_none": _cycles_or_none,
}


def _stable_for(p: Profile, factor: str, answer: Any, limit: float, name: str) -> Fact:
    since = getattr(answer, "stable_since", None)
    if since is None:
        return unknown(
            f"{factor}.stable_since",
            note=f"You take {name}, but we do not know since when on the same dose.",
        )
    days, lo, hi = _days_since(p, since)
    person = (
        f"You said you have taken {name} on the same dose since {since.isoformat()} ({days} days)."
    )
    holds = compare(lo, hi, ">=", limit)
    if holds is None:
        return Fact(None, person, False, (f"{factor}.stable_since",), _near(person, limit))
    return Fact(holds, person)


@reads("investigational_drug")
def investigational_drug(p: Profile, c: Criterion) -> Fact:
    last = p.investigational_drug_last_dose
    if last is None:
        return unknown("investigational_drug_last_dose")
    if c.op == "ever":
        if not isinstance(c.value, bool):
            raise Unreadable(f"'ever' needs true or false, got {c.value!r}")
        ever = last != "never"
        said = (
            "You said you have never taken a study drug."
            if not ever
            else (
                f"You said your last study-drug dose was on {last.isoformat()}."  # type: ignore[union-attr]
            )
        )
        return Fact(ever == c.value, said)
    if c.op != "within":
        raise Unreadable(f"investigational_drug needs 'within' or 'ever', got {c.op!r}")
    limit = _days(c.value, "within")
    if last == "never":
        return Fact(False, "You said you have never taken a study drug.")
    assert isinstance(last, date)
    days, lo, hi = _days_since(p, last)
    person = f"You said your last study-drug dose was on {last.isoformat()} ({days} days ago)."
    holds = compare(lo, hi, "<=", limit)
    if holds is None:
        note = _near(person, limit)
        return Fact(None, person, False, ("investigational_drug_last_dose",), note)
    return Fact(holds, person)
