"""Number variables, labels and page ranges (engine/numeric.py, page_ranges.py, elements/numbers.py,
elements/text.py's cs:label) against citeproc-js: expected values are the RESULT of the CSL test-suite
fixture each test names."""
from __future__ import annotations

import pytest
from tests.inline_style import cite, style

from annobib.engine.page_ranges import mangle_page_range

BOOK = [{"id": "ITEM-1", "type": "book", "title": "His Anonymous Life"}]
LOCATOR = '<group delimiter=" "><label variable="locator"/><text variable="locator"/></group>'


def at(locator: str, csl: bytes | None = None, **cite_fields) -> str:
    return cite(csl or style(LOCATOR), BOOK, [{"id": "ITEM-1", "locator": locator, **cite_fields}])


@pytest.mark.parametrize("locator, expected", [
    ("213, and 235", "pages 213, and 235"),  # label_PluralWithCommaAnd
    ("213 & 235", "pages 213 &amp; 235"),
    ("327\\-30", "page 327-30"),  # label_CollapsedPageNumberPluralDetection
    ("427-30", "pages 427–430"),
    ("367-368, fig. 333", "pages 367–368, fig. 333"),  # locator_SingularEmbeddedLabelAfterPlural
])
def test_a_locator_is_plural_when_it_names_several_numbers(locator, expected):
    csl = style(LOCATOR).replace(b'version="1.0"', b'version="1.0" page-range-format="expanded"')
    assert at(locator, csl) == expected


def test_a_localised_ampersand_joins_numbers():
    # label_PluralWithLocalizedAmpersand
    csl = style(LOCATOR, locale='<locale><terms><term name="and">and</term>'
                                '<term name="and" form="symbol">AMPERSAND</term></terms></locale>')
    assert at("213 & 235", csl) == "pages 213 AMPERSAND 235"


def test_a_label_typed_in_the_locator_replaces_the_cites_label():
    # locator_TrickyEntryForPlurals
    csl = style('<group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>',
                locale='<locale><terms><term name="folio" form="short">fol.</term></terms></locale>')
    assert at("vol. 1, fol. 186, 8 April 1544", csl) == "vol. 1, fol. 186, 8 April 1544"


def test_an_embedded_label_prints_short_and_only_plain_numbers_take_the_ordinal():
    # number_OrdinalSpacing
    csl = style('<number variable="edition" form="ordinal"/>')
    assert cite(csl, [{"id": "ITEM-1", "type": "book", "edition": "7, p. 3-8"}]) == "7th, pp. 3–8"


def test_a_number_with_markup_is_printed_as_typed_by_cs_number():
    # flipflop_NumericField
    csl = style('<number variable="number"/>')
    assert cite(csl, [{"id": "ITEM-1", "type": "book", "number": "1<sup>er</sup>"}]) == "1&lt;sup&gt;er&lt;/sup&gt;"


@pytest.mark.parametrize("page, expected", [
    ("1-2", "pages 1–2"), ("i-ix", "pages i–ix"), ("3\\-B", "page 3-B"),
    ("Michaelson-Morely", "page Michaelson-Morely"),  # number_PlainHyphenOrEnDashAlwaysPlural
])
def test_page_labels_follow_the_pages(page, expected):
    csl = style('<group delimiter=" "><label variable="page"/><text variable="page"/></group>')
    assert cite(csl, [{"id": "ITEM-1", "type": "book", "page": page}]) == expected


def test_without_a_page_range_format_a_shortened_range_stays_short():
    # page_NoOption
    assert cite(style('<text variable="page"/>'), [{"id": "ITEM-1", "type": "book", "page": "110-5"}]) == "110–5"


@pytest.mark.parametrize("range_format, page, expected", [
    ("chicago", "13792-803", "13792–803"), ("chicago", "321-28", "321–28"), ("chicago", "100-104", "100–104"),
    ("chicago", "1496-1504", "1496–1504"), ("chicago", "11564-78", "11564–78"),  # page_Chicago
    ("chicago-16", "1496-500", "1496–500"), ("chicago-16", "12991-123001", "12991–123001"),  # page_Chicago16
    ("minimal", "n11564 - n1568", "n11564–8"), ("minimal", "n11564 - 1568", "n11564-1568"),  # page_Minimal
    ("minimal", "100-104", "100–4"),
    ("minimal-two", "1496-1504", "1496–504"),
    ("expanded", "N110-N5", "N110–N115"), ("expanded", "N110-P5", "N110-P5"),  # page_Expand
])
def test_page_range_formats(range_format, page, expected):
    csl = style('<text variable="page"/>').replace(b'version="1.0"',
                                                  f'version="1.0" page-range-format="{range_format}"'.encode())
    assert cite(csl, [{"id": "ITEM-1", "type": "book", "page": page}]) == expected


def test_the_page_range_mangler_keeps_a_falling_range():
    assert mangle_page_range("485 - 405", "minimal", "\u2013") == "485\u2013405"


def test_is_numeric_reads_the_value_as_citeproc_js_does():
    csl = style('<choose><if is-numeric="volume"><text value="numeric"/></if>'
                '<else><text value="text"/></else></choose>')
    assert [cite(csl, [{"id": "ITEM-1", "type": "book", "volume": v}]) for v in ("12a", "A12", "2-4", "Supplement")] \
        == ["numeric", "numeric", "numeric", "text"]


@pytest.mark.parametrize("ordinal, expected", [
    ("1ʳᵉ", "1<sup>r</sup><sup>e</sup>"),  # number_NewOrdinalsEdition
    ("2.ºº", "2.<sup>o</sup><sup>o</sup>"),  # number_SeparateOrdinalNamespaces
])
def test_superscript_characters_are_written_as_sup(ordinal, expected):
    # magic_SuperscriptChars: citeproc-js's HTML writes each as <sup> and the plain letter
    assert cite(style(f'<text value="{ordinal}"/>')) == expected
