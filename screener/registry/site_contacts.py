"""Whom a person would call: the nearest site's own contact, and a study's central contacts.

ClinicalTrials.gov lists a contact per site (often the coordinator who screens) as well as
central contacts; the nearest open site's contact is usually the right first call. The
person's location is only used here, in memory, to pick the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.registry.records import ENROLLING_STATUSES, Contact, Site, StudyRecord
from screener.registry.sites import sites_with_distance

__all__ = ["SiteContact", "contact_words", "nearest_site_contact"]

_ROLE_WORDS = {
    "CONTACT": "contact",
    "PRINCIPAL_INVESTIGATOR": "principal investigator",
    "SUB_INVESTIGATOR": "sub-investigator",
    "STUDY_CHAIR": "study chair",
    "STUDY_DIRECTOR": "study director",
}


@dataclass(frozen=True, slots=True)
class SiteContact:
    """The nearest site with a listed contact, and how far it is (None when unknown)."""

    site: Site
    km: float | None
    contacts: tuple[Contact, ...]

    def place(self) -> str:
        """ "Facility, City, Country" (the parts the registry gives)."""
        site = self.site
        return ", ".join(p for p in (site.facility, site.city, site.state, site.country) if p)


def contact_words(contact: Contact) -> str:
    """ "Name (role) · phone ext. 12 · email", from whatever parts are listed."""
    name = contact.name or ""
    role = _ROLE_WORDS.get(contact.role or "", (contact.role or "").lower().replace("_", " "))
    if name and role:
        name = f"{name} ({role})"
    phone = contact.phone or ""
    if phone and contact.phone_ext:
        phone = f"{phone} ext. {contact.phone_ext}"
    return " · ".join(p for p in (name, phone, contact.email) if p)


def nearest_site_contact(
    record: StudyRecord, point: tuple[float, float] | None
) -> SiteContact | None:
    """The nearest site that lists a contact, preferring sites that are recruiting.

    Without the person's location, the first listed recruiting site with a contact.
    """
    placed = sites_with_distance(point, record.sites)
    with_contact = [p for p in placed if any(contact_words(c) for c in p.site.contacts)]
    open_now = [p for p in with_contact if p.site.status in ENROLLING_STATUSES]
    choices = open_now or with_contact
    if not choices:
        return None
    best = choices[0]
    kept = tuple(c for c in best.site.contacts if contact_words(c))
    return SiteContact(best.site, best.km, kept)
