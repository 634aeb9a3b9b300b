"""The person's answers (screening contract §1), validated, with the values derived from them.

Every key is optional: a missing key means "not answered", never "no". A bad value is
rejected with one line naming the key path (``ProfileError``); nothing is screened on a bad
profile. Nothing here logs or writes the person's answers anywhere.
"""

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import ValidationError, model_validator

from screener.errors import ProfileError, UnreadableJSON
from screener.inputs.untrusted import parse_json
from screener.person import alsfrs
from screener.person.profile_errors import describe_error
from screener.person.profile_parts import (
    Age,
    AlsfrsR,
    Day,
    Distance,
    Edaravone,
    Flag,
    Genes,
    Hours,
    LastDose,
    Location,
    MonthDate,
    Part,
    PhenylbutyrateTaurursodiol,
    Riluzole,
    Tofersen,
    VitalCapacity,
    dump_date,
    first_day,
    month_only,
)


class Profile(Part):
    """One person's answers (contract §1). Every key optional; missing means unknown."""

    as_of: Day | None = None
    age_years: Age | None = None
    sex: Literal["female", "male"] | None = None
    onset_date: Day | None = None
    diagnosis_date: Day | None = None
    diagnosis_category: (
        Literal["definite", "probable", "probable_laboratory_supported", "possible", "unknown"]
        | None
    ) = None
    gold_coast: Flag | None = None
    familial: Flag | None = None
    genes: Genes | None = None
    alsfrs_r: AlsfrsR | None = None
    vital_capacity: VitalCapacity | None = None
    vital_capacity_other: VitalCapacity | None = None
    """The other breathing test (FVC when ``vital_capacity`` is SVC, or the reverse)."""
    ventilation: Literal["none", "niv_night", "niv_day_and_night", "invasive"] | None = None
    niv_hours_per_day: Hours | None = None
    tracheostomy: Flag | None = None
    gastrostomy: Flag | None = None
    can_swallow_pills: Flag | None = None
    riluzole: Riluzole | None = None
    edaravone: Edaravone | None = None
    tofersen: Tofersen | None = None
    phenylbutyrate_taurursodiol: PhenylbutyrateTaurursodiol | None = None
    investigational_drug_last_dose: LastDose | None = None
    pregnant: Flag | None = None
    breastfeeding: Flag | None = None
    dementia: Flag | None = None
    other_neurological_disease: Flag | None = None
    location: Location | None = None
    max_distance_km: Distance | None = None

    @model_validator(mode="after")
    def _dates_not_after_as_of(self) -> Self:
        as_of = self.as_of_date
        dated: list[tuple[str, date | None]] = [
            ("onset_date", self.onset_date),
            ("diagnosis_date", self.diagnosis_date),
            ("alsfrs_r.date", self.alsfrs_r.date if self.alsfrs_r else None),
            ("vital_capacity.date", self.vital_capacity.date if self.vital_capacity else None),
            (
                "vital_capacity_other.date",
                self.vital_capacity_other.date if self.vital_capacity_other else None,
            ),
        ]
        for key, value in dated:
            if value is not None and first_day(value) > as_of:
                raise ValueError(
                    f"{key}: {dump_date(value)} is after the screening date {as_of.isoformat()}"
                )
        return self

    def vital_capacity_for(self, test: str) -> VitalCapacity | None:
        """The breathing test a study names ("svc", "fvc"; "any": the latest one given).

        Falls back to ``vital_capacity`` when the named test was not given, so the reason
        can say which different test the person gave.
        """
        if test != "any":
            for vc in (self.vital_capacity, self.vital_capacity_other):
                if vc is not None and vc.test == test:
                    return vc
        return self.vital_capacity

    # Derived values -------------------------------------------------------------------

    @property
    def as_of_date(self) -> date:
        """The day the screen is for (today when not given)."""
        return self.as_of if self.as_of is not None else date.today()

    def months_since(self, start: date | None) -> float | None:
        """Months (days/30.44) from ``start`` to ``as_of``; never negative; None if unknown."""
        if start is None:
            return None
        return max(0.0, alsfrs.months_between(start, self.as_of_date))

    @property
    def months_since_onset(self) -> float | None:
        return self.months_since(self.onset_date)

    @property
    def months_since_diagnosis(self) -> float | None:
        return self.months_since(self.diagnosis_date)

    @property
    def alsfrs_total(self) -> int | None:
        """ALSFRS-R total, from the items when they were given."""
        return self.alsfrs_r.score if self.alsfrs_r is not None else None

    @property
    def alsfrs_date(self) -> date:
        """The rating date of the ALSFRS-R (``as_of`` when not given)."""
        if self.alsfrs_r is not None and self.alsfrs_r.date is not None:
            return self.alsfrs_r.date
        return self.as_of_date

    @property
    def months_onset_to_rating(self) -> float | None:
        """Months from onset to the ALSFRS-R rating (the ΔFS denominator)."""
        if self.onset_date is None:
            return None
        return alsfrs.months_between(self.onset_date, self.alsfrs_date)

    @property
    def delta_fs(self) -> float | None:
        """ΔFS = (48 − total) / months from onset to the ALSFRS-R date (or as_of)."""
        months = self.months_onset_to_rating
        if self.alsfrs_total is None or months is None:
            return None
        return alsfrs.delta_fs(self.alsfrs_total, months)

    @property
    def mitos_stage(self) -> int | None:
        """MiToS stage 0–4 from the items (None when only a total was given)."""
        if self.alsfrs_r is None or self.alsfrs_r.items is None:
            return None
        return alsfrs.mitos_stage(self.alsfrs_r.items)

    def answered_keys(self) -> frozenset[str]:
        """The top-level keys the person answered (``as_of`` is not an answer)."""
        return frozenset(
            name
            for name in type(self).model_fields
            if name != "as_of" and getattr(self, name) is not None
        )


def parse_profile(data: object, where: str = "profile") -> Profile:
    """Validate a mapping as a Profile; raises ProfileError with one line naming the key."""
    if not isinstance(data, Mapping):
        raise ProfileError(f"{where}: must be a JSON object of answers")
    try:
        return Profile.model_validate(dict(data))
    except ValidationError as exc:
        raw = exc.errors(include_url=False)
        locs = [tuple(e["loc"]) for e in raw]
        # A bad item also makes pydantic report its list as too short: one problem, not two.
        errors = [
            e
            for e, loc in zip(raw, locs, strict=True)
            if not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)
        ] or raw
        message = describe_error(errors[0], Profile)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ProfileError(f"{where}: {message}{more}") from None


def load_profile(path: Path | str, as_of: date | None = None) -> Profile:
    """Read a profile JSON file; ``as_of`` (the --as-of option) overrides the file's own."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: is not UTF-8 text") from None
    try:
        data: Any = parse_json(text)
    except UnreadableJSON as exc:
        raise ProfileError(f"{path}, {exc}" if exc.line else f"{path}: {exc}") from None
    if isinstance(data, dict) and as_of is not None:
        data = {**data, "as_of": as_of}
    return parse_profile(data, where=str(path))


__all__ = [
    "AlsfrsR",
    "Edaravone",
    "Genes",
    "Location",
    "MonthDate",
    "PhenylbutyrateTaurursodiol",
    "Profile",
    "Riluzole",
    "Tofersen",
    "VitalCapacity",
    "load_profile",
    "month_only",
    "parse_profile",
]
