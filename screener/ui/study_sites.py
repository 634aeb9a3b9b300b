"""Study sites: a table first (it works offline), and a map only when sites have coordinates."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from screener.reports import result_view as rv
from screener.reports import site_words

__all__ = ["site_map"]


def site_map(rows: Sequence[rv.Row], point: tuple[float, float] | None) -> None:
    """The shown studies' sites with distances; the map is an extra, never the only view."""
    sites = site_words.site_rows(rows, point)
    if not sites:
        st.caption(
            "No study site locations are in this data, so distances and the map cannot be "
            "shown. Each study's ClinicalTrials.gov page lists its sites."
        )
        return
    st.subheader("Study sites", anchor=False)
    st.dataframe(
        [{k: v for k, v in site.items() if k not in ("lat", "lon")} for site in sites],
        hide_index=True,
        alt="Study sites, nearest first, with their distance from you",
    )
    if st.toggle("Show the sites on a map", key="show_map"):
        st.caption("Offline, the map background may be blank; the table above has every site.")
        st.map(
            {"lat": [s["lat"] for s in sites], "lon": [s["lon"] for s in sites]},
            latitude="lat",
            longitude="lon",
            alt=f"Map of {len(sites)} study sites; the same sites are listed in the table above.",
        )
