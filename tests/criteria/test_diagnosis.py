"""El Escorial categories, Awaji, Gold Coast, genes and familial/sporadic ALS."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import pytest

from screener.criteria.model import Kind
from tests.criteria_cases import only, readings, real, reviewed

ALL = ("definite", "probable", "probable_laboratory_supported", "possible")
LSP_UP = ("definite", "probable", "probable_laboratory_supported")

CATEGORY_LISTS = [
    (
        "NCT00047723",
        "A clinical diagnosis of laboratory-supported probable, probable or definite ALS, according to modified EL Escorial criteria.",
        LSP_UP,
    ),
    ("NCT00070993", "Diagnosis of probable or definite ALS", ("definite", "probable")),
    (
        "NCT04297683",
        "1. Sporadic or familial ALS diagnosed as clinically possible, probable, lab-supported probable, or definite ALS defined by revised El Escorial criteria.",
        ALL,
    ),
    (
        "NCT02794857",
        "Diagnosis of clinically possible, clinically probable (with or without laboratory support), or clinically definite ALS (using the revised El Escorial Criteria)",
        ALL,
    ),
    (
        "NCT06051123",
        "Diagnosis of ALS by El Escorial Criteria revised (possible, probable, probable with lab support and definite).",
        ALL,
    ),
    (
        "NCT02164253",
        "Amyotrophic lateral sclerosis defined in accordance to the El Escorial criteria (possible, probable or defined)",
        ALL,
    ),
    ("NCT02759003", "definite ALS diagnosis", ("definite",)),
    # Upward closure: "or more definite", "at probable level or above", "ALS or probable ALS".
    (
        "NCT00786032",
        'Subject will be a veteran with El Escorial "Lab Supported Probable" or more definite diagnosis of ALS.',
        LSP_UP,
    ),
    (
        "NCT06819358",
        "Diagnosis of motor neuron disease at probable level or above based on Estorial criteria",
        ("definite", "probable"),
    ),
    (
        "NCT06566651",
        "Diagnosed with ALS or probable ALS according to the existing revision of the El Escorial Criteria",
        ("definite", "probable"),
    ),
    # A list that skips laboratory-supported probable between possible and probable keeps it.
    (
        "NCT00876772",
        "Clinical diagnosis of definitive, probable, and possible ALS (revised El Escorial Criteria)",
        ALL,
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "categories"), CATEGORY_LISTS)
def test_el_escorial_lists_become_category_sets(
    nct: str, sentence: str, categories: tuple[str, ...]
) -> None:
    """Category lists (with their many spellings) become an inclusion "in" set, strongest first."""
    criterion = only(real(nct, sentence), "inclusion", "diagnosis_category")
    assert (criterion.kind, criterion.op, tuple(criterion.value)) == ("inclusion", "in", categories)


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        (
            "NCT03548311",
            "Updated Awaji combined with El Escorial criteria: definite, probably or laboratory supported probable",
        ),
        ("NCT05039268", "Patients must have clinically definite ALS (Awaji Criteria)"),
    ],
)
def test_awaji_categories_are_kept_for_review(nct: str, sentence: str) -> None:
    """Awaji can rate a person higher than El Escorial, so its lists are never applied as is."""
    text = real(nct, sentence)
    assert not {r for r in readings(text, "inclusion") if r[0] == "diagnosis_category"}
    assert "diagnosis_category" in reviewed(text, "inclusion")


def test_conditional_possible_category_sends_the_list_to_review() -> None:
    """NCT04944784: "possible ... are eligible if ... LMN findings" must not exclude possible ALS."""
    sentence = real(
        "NCT04944784",
        "Diagnosis of familial or sporadic ALS (defined as meeting the laboratory-supported probable, probable, or definite criteria for ALS according to the World Federation of Neurology El Escorial criteria). Patients who meet the possible criteria are eligible if they have lower motor neuron findings; those who have purely upper motor neuron findings are ineligible.",
    )
    assert "diagnosis_category" in reviewed(sentence, "inclusion")


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        ("NCT05039268", "Clinically definite Upper Motor Neuron signs"),
        ("NCT05983211", "Definitely or possibly pregnant (if applicable)"),
    ],
)
def test_definite_or_possible_outside_a_diagnosis_is_not_a_category(
    nct: str, sentence: str
) -> None:
    """ "Definite UMN signs" and "possibly pregnant" say nothing about the El Escorial category."""
    text = real(nct, sentence)
    assert "diagnosis_category" not in {c for c, *_ in readings(text, "inclusion")} | reviewed(
        text, "inclusion"
    )


def test_gold_coast_and_diagnosis_window_from_one_item() -> None:
    """NCT07071935: one item gives Gold Coast and a diagnosis window, both with the item text."""
    sentence = real(
        "NCT07071935", "Diagnosed with ALS using the Gold Coast Criteria within the last 6 months"
    )
    assert readings(sentence, "inclusion") == {
        ("gold_coast", "inclusion", "==", True),
        ("months_since_diagnosis", "inclusion", "<=", 6),
    }


GENES = [
    (
        "NCT04768972",
        "Confirmed genetic mutation in FUS in a clinical laboratory improvement amendments (CLIA) certified, CE-marked, or equivalent testing laboratory",
        "inclusion",
        {("FUS", "inclusion", "positive")},
    ),
    (
        "NCT06351592",
        "Weakness attributable to ALS and a SOD1 mutation that has been previously described as associated with ALS",
        "inclusion",
        {("SOD1", "inclusion", "positive")},
    ),
    (
        "NCT07287397",
        "Confirmed absence of ALS caused by FUS and SOD1 gene mutations confirmed by laboratory tests.",
        "inclusion",
        {("FUS", "inclusion", "negative"), ("SOD1", "inclusion", "negative")},
    ),
    (
        "NCT06849609",
        "A diagnosis of ALS according to the World Federation of Neurology El Escorial criteria (revised according to the Airlie House Conference 1998 [Brooks 2000]), and confirmed through genetic diagnosis to exclude pathogenic mutations in the superoxide dismutase 1 (SOD1) and/or FUS genes",
        "inclusion",
        {("FUS", "inclusion", "negative"), ("SOD1", "inclusion", "negative")},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "expected"), GENES)
def test_genes_required_or_required_absent(
    nct: str, sentence: str, kind: Kind, expected: set[tuple[str, str, str]]
) -> None:
    """A gene mutation required gives "positive"; "absence of"/"to exclude" gives "negative"."""
    from screener.criteria import extract_item

    found = {
        (c.extra["gene"], c.kind, c.value)
        for c in extract_item(real(nct, sentence), kind)
        if c.factor == "gene" and c.understood
    }
    assert found == expected


def test_narrow_variant_exclusion_is_not_a_gene_exclusion() -> None:
    """NCT07077668: excluding some SOD1 variant sites must not exclude every SOD1 carrier."""
    sentence = real(
        "NCT07077668",
        "Patients with SOD1 mutation sites occurring at nucleotides 44 - 66 (counting from the start of SOD1 protein translation) and patients with P.F21C mutation.",
    )
    assert readings(sentence, "exclusion") == set()
    assert "gene" in reviewed(sentence, "exclusion")


def test_relatives_carrying_a_gene_are_not_the_patient() -> None:
    """NCT03707795: "Relative of a fALS person and carry the FUS gene" is about relatives."""
    sentence = real("NCT03707795", "Relative of a fALS person and carry the FUS gene")
    assert readings(sentence, "inclusion") == set()


@pytest.mark.parametrize(
    ("nct", "sentence", "expected"),
    [
        ("NCT00561366", "Familial or sporadic ALS.", set()),
        (
            "NCT00069186",
            "A clinical diagnosis of probable or definite lab-supported ALS, either SALS or FALS, according to modified El Escorial criteria.",
            set(),
        ),
        ("NCT00876772", "Sporadic and familial ALS", set()),
        (
            "NCT03707795",
            "Diagnosis of familial ALS (fALS)",
            {("familial", "inclusion", "==", True)},
        ),
        (
            "NCT02116634",
            "sporadic ALS according to escorial criteria",
            {("familial", "inclusion", "==", False)},
        ),
    ],
)
def test_familial_or_sporadic(
    nct: str, sentence: str, expected: set[tuple[str, str, str, bool]]
) -> None:
    """ "Familial or sporadic" sets nothing; "familial ALS" or "sporadic ALS" alone is a requirement."""
    found = {r for r in readings(real(nct, sentence), "inclusion") if r[0] == "familial"}
    assert found == expected
