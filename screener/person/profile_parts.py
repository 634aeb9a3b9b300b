"""The value types and nested answer groups a profile is made of (screening contract §1).

Dates that may be known only to the month, bounded numbers, and the small frozen models
for the ALSFRS-R, breathing tests, treatments, genes and location. ``profile.py`` puts them
together into one person's ``Profile``; they live apart so each file holds one idea.
"""

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, model_validator

__all__ = [
    "MonthDate",
    "dump_date",
    "parse_day",
    "month_only",
    "first_day",
    "Day",
    "LastDose",
    "Age",
    "Percent",
    "Hours",
    "Distance",
    "ItemScore",
    "Total",
    "Count",
    "Flag",
    "DrugStatus",
    "GeneResult",
    "Part",
    "AlsfrsR",
    "VitalCapacity",
    "Riluzole",
    "Edaravone",
    "Tofersen",
    "PhenylbutyrateTaurursodiol",
    "Genes",
    "Location",
    "Drug",
]


class MonthDate(date):
    """A date known only to the month (``YYYY-MM``); it stands for the 15th."""


def parse_day(value: object) -> date:
    """A profile date (``YYYY-MM-DD``, or ``YYYY-MM`` as a ``MonthDate``); ValueError if not."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 7:
                parsed = date.fromisoformat(text + "-15")
                return MonthDate(parsed.year, parsed.month, 15)
            if len(text) == 10:
                return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"must be a date YYYY-MM-DD or YYYY-MM, got {value!r}")


def _parse_last_dose(value: object) -> date | Literal["never"]:
    if value == "never":
        return "never"
    try:
        return parse_day(value)
    except ValueError:
        raise ValueError(
            f'must be a date YYYY-MM-DD or YYYY-MM, or "never", got {value!r}'
        ) from None


def dump_date(value: object) -> object:
    if isinstance(value, MonthDate):
        return value.isoformat()[:7]
    return value.isoformat() if isinstance(value, date) else value


def month_only(value: date | None) -> bool:
    """True when a date was given only to the month (so it may be off by about 15 days)."""
    return isinstance(value, MonthDate)


def first_day(value: date) -> date:
    """The earliest day a (possibly month-only) date can stand for."""
    return value.replace(day=1) if isinstance(value, MonthDate) else value


Day = Annotated[date, PlainValidator(parse_day), PlainSerializer(dump_date)]
LastDose = Annotated[
    date | Literal["never"], PlainValidator(_parse_last_dose), PlainSerializer(dump_date)
]
Age = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=120)]
Percent = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=200)]
Hours = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=24)]
Distance = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0)]
ItemScore = Annotated[int, Field(strict=True, ge=0, le=4)]
Total = Annotated[int, Field(strict=True, ge=0, le=48)]
Count = Annotated[int, Field(strict=True, ge=0)]
Flag = Annotated[bool, Field(strict=True)]
DrugStatus = Literal["never", "current", "past"]
GeneResult = Literal["positive", "negative", "not_tested"]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AlsfrsR(Part):
    """ALSFRS-R: either the 12 item scores or the total, with the rating date."""

    items: Annotated[tuple[ItemScore, ...], Field(min_length=12, max_length=12)] | None = None
    total: Total | None = None
    date: Day | None = None

    @model_validator(mode="after")
    def _items_xor_total(self) -> Self:
        if self.items is not None and self.total is not None:
            raise ValueError("give either items or total, not both")
        if self.items is None and self.total is None:
            raise ValueError("give either the 12 items or the total")
        return self

    @property
    def score(self) -> int:
        """The total, from the items when they were given."""
        return sum(self.items) if self.items is not None else int(self.total or 0)


class VitalCapacity(Part):
    """The latest breathing test."""

    test: Literal["svc", "fvc"] | None = None
    percent_predicted: Percent | None = None
    date: Day | None = None


class Riluzole(Part):
    status: DrugStatus | None = None
    stable_since: Day | None = None
    last_dose: Day | None = None


class Edaravone(Part):
    status: DrugStatus | None = None
    form: Literal["iv", "oral"] | None = None
    stable_since: Day | None = None
    cycles_completed: Count | None = None
    last_dose: Day | None = None


class Tofersen(Part):
    status: DrugStatus | None = None


class PhenylbutyrateTaurursodiol(Part):
    status: DrugStatus | None = None
    last_dose: Day | None = None


class Genes(Part):
    SOD1: GeneResult | None = None
    C9orf72: GeneResult | None = None
    FUS: GeneResult | None = None
    TARDBP: GeneResult | None = None
    other: GeneResult | None = None


class Location(Part):
    """Where the person lives: a postal code, a city, or coordinates (never sent anywhere)."""

    postal_code: str | None = None
    city: str | None = None
    country: str | None = None
    lat: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-180, le=180)] | None = None

    @model_validator(mode="after")
    def _one_place(self) -> Self:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon")
        if self.lat is None and not (self.postal_code or self.city):
            raise ValueError("give a postal_code, a city, or lat and lon")
        return self


Drug = Riluzole | Edaravone | Tofersen | PhenylbutyrateTaurursodiol
