"""Clean study records: every real record in the shared data normalises, odd shapes never crash."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.errors import StudyFileError
from screener.registry.records import StudyRecord, normalise
from screener.registry.snapshot import load_snapshot

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"


def export(shared_data: Path) -> list[dict[str, Any]]:
    """The 120 real v2 study objects of the website export."""
    path = shared_data / "ctgov/examples-non-als/ctg-studies.unl-stat351-2025-10-07.json"
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def v2_records(shared_data: Path) -> list[dict[str, Any]]:
    """The two real v2 records that list ALS."""
    text = (shared_data / "ctgov/als-studies.v2.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def assert_clean(record: StudyRecord, raw: dict[str, Any]) -> None:
    """The record keeps the raw NCT id and is plain JSON (no NaN, no odd types)."""
    assert record.nct_id == raw["protocolSection"]["identificationModule"]["nctId"]
    assert record.url == f"https://clinicaltrials.gov/study/{record.nct_id}"
    json.dumps(record.to_dict(), allow_nan=False)


def test_every_export_record_normalises(shared_data: Path) -> None:
    """All 120 real export records load, with their eligibility text split into items."""
    raws = export(shared_data)
    assert len(raws) == 120
    for raw in raws:
        record = normalise(raw)
        assert_clean(record, raw)
        text = raw["protocolSection"]["eligibilityModule"].get("eligibilityCriteria")
        if text and text.strip():
            assert record.inclusion or record.exclusion or record.unlabelled, record.nct_id


def test_export_sites_keep_status_city_country_and_geo(shared_data: Path) -> None:
    """Each location in the real export becomes a site with its own status and coordinates."""
    raws = export(shared_data)
    total = with_geo = 0
    for raw in raws:
        locations = raw["protocolSection"].get("contactsLocationsModule", {}).get("locations", [])
        record = normalise(raw)
        assert len(record.sites) == len(locations)
        for site, loc in zip(record.sites, locations, strict=True):
            total += 1
            assert site.city == loc.get("city")
            assert site.country == loc.get("country")
            assert site.status == loc.get("status")
            if "geoPoint" in loc:
                with_geo += 1
                assert (site.lat, site.lon) == (loc["geoPoint"]["lat"], loc["geoPoint"]["lon"])
    assert total > 120 and with_geo > 0


def test_every_als_v2_record_normalises(shared_data: Path) -> None:
    """The two real ALS-listing v2 records load with their ages, sex and conditions."""
    records = {
        r["protocolSection"]["identificationModule"]["nctId"]: r for r in v2_records(shared_data)
    }
    patient_spot = normalise(records["NCT03840928"])
    assert patient_spot.min_age_years == 19.0
    assert patient_spot.min_age_text == "19 Years"
    assert patient_spot.sex == "ALL"
    assert "Amyotrophic Lateral Sclerosis" in patient_spot.conditions
    assert patient_spot.status == "RECRUITING"
    quest = normalise(records["NCT06583395"])
    assert quest.min_age_years == 21.0
    assert quest.status == "ENROLLING_BY_INVITATION"
    assert quest.is_enrolling


def test_every_snapshot_record_normalises() -> None:
    """Every study of the bundled snapshot loads as a clean record carrying its provenance."""
    snap = load_snapshot()
    assert len(snap.studies) == snap.meta["studies"]
    for raw in snap.studies:
        record = normalise(raw)
        assert_clean(record, raw)
        assert record.provenance.source.startswith("snapshot:")
        assert record.provenance.sources


def test_fixture_pages_normalise() -> None:
    """The trimmed real API pages (what our fields list returns) load like the full records."""
    for path in sorted(FIXTURES.glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8"))["studies"]:
            assert_clean(normalise(raw), raw)


def test_trimmed_record_gives_the_same_record_as_the_full_one(shared_data: Path) -> None:
    """Trimming to the pieces we ask the API for loses nothing the record uses (sites aside)."""
    trimmed = {
        s["protocolSection"]["identificationModule"]["nctId"]: s
        for name in ("export-page-1.json", "export-page-2.json", "export-page-3.json")
        for s in json.loads((FIXTURES / name).read_text(encoding="utf-8"))["studies"]
    }
    for raw in export(shared_data):
        full = normalise(raw)
        small = normalise(trimmed[full.nct_id])
        assert small.sites == full.sites[:3]
        assert small.to_dict() | {"sites": []} == full.to_dict() | {"sites": []}


def test_record_with_only_an_nct_id_loads_as_unknowns() -> None:
    """A record missing every module but its id loads with unknown (None/empty) fields."""
    record = normalise({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}})
    assert record.title == "NCT01234567"
    assert record.status is None and record.min_age_years is None and record.sex is None
    assert record.inclusion == record.exclusion == () and record.sites == ()
    assert record.criteria_complete is False
    assert not record.is_enrolling


def test_each_module_can_go_missing(shared_data: Path) -> None:
    """Dropping any one module from a real record still loads; the rest is unchanged."""
    raw = v2_records(shared_data)[0]
    whole = normalise(raw)
    for module in raw["protocolSection"]:
        if module == "identificationModule":
            continue
        cut = copy.deepcopy(raw)
        del cut["protocolSection"][module]
        record = normalise(cut)
        assert record.nct_id == whole.nct_id
        assert record.brief_title == whole.brief_title


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"protocolSection": None},
        {"protocolSection": {"identificationModule": {"nctId": "ALS-123"}}},
        {"protocolSection": {"identificationModule": {"nctId": 1234}}},
        {"protocolSection": {"identificationModule": ["NCT01234567"]}},
    ],
)
def test_record_without_a_valid_nct_id_raises_a_named_error(raw: dict[str, Any]) -> None:
    """Only the NCT id is required; without it StudyFileError names the missing key."""
    with pytest.raises(StudyFileError, match="nctId"):
        normalise(raw)


@pytest.mark.parametrize(
    "geo", [{"lat": math.nan, "lon": 2.0}, {"lat": 95.0, "lon": 2.0}, {"lat": "48.8", "lon": 2.0}]
)
def test_impossible_coordinates_become_unknown(geo: dict[str, Any]) -> None:
    """NaN, out-of-range or text latitudes give no coordinate rather than a wrong distance."""
    raw = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT01234567"},
            "contactsLocationsModule": {"locations": [{"city": "Paris", "geoPoint": geo}]},
        }
    }
    site = normalise(raw).sites[0]
    assert site.city == "Paris"
    assert site.lat is None
    assert site.lon == 2.0
    json.dumps(normalise(raw).to_dict(), allow_nan=False)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
MODULES = [
    "statusModule",
    "designModule",
    "eligibilityModule",
    "armsInterventionsModule",
    "sponsorCollaboratorsModule",
    "contactsLocationsModule",
    "conditionsModule",
]


@given(st.dictionaries(st.sampled_from(MODULES), JSON), st.dictionaries(st.text(), JSON))
def test_odd_shapes_never_crash(modules: dict[str, Any], extra: dict[str, Any]) -> None:
    """Any JSON in any module (lists for dicts, numbers for text...) loads without crashing."""
    ident = {"identificationModule": {"nctId": "NCT01234567"}}
    record = normalise({**extra, "protocolSection": {**modules, **ident}})
    json.dumps(record.to_dict(), allow_nan=False)
