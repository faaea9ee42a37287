"""Display blocks and second-field-align (elements/layout.py, writer.py) against citeproc-js's output."""
from __future__ import annotations

from tests.inline_style import bibliography, style

ITEMS = [{"id": "a", "type": "book", "title": "Boundaries", "author": [{"family": "Doe", "given": "John"}],
          "issued": {"date-parts": [[2005]]}},
         {"id": "b", "type": "book", "title": "Crossings", "author": [{"family": "Doe", "given": "John"}],
          "issued": {"date-parts": [[2006]]}}]


def test_the_layout_suffix_goes_inside_the_right_inline_block():
    # display_SecondFieldAlignMigratePunctuation, bugreports_IeeePunctuation
    csl = style(bibliography='<bibliography second-field-align="flush"><layout suffix=".">'
                             '<text variable="citation-number" prefix="[" suffix="]"/>'
                             '<text variable="title" prefix=" "/></layout></bibliography>')
    assert bibliography(csl, ITEMS[:1]) == [
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline"> Boundaries.</div>']


def test_an_emptied_display_block_is_not_written():
    # display_AuthorAsHeading: subsequent-author-substitute="" empties the heading of the second entry
    csl = style(bibliography='<bibliography subsequent-author-substitute=""><layout>'
                             '<group display="block"><names variable="author"><name/></names></group>'
                             '<group display="left-margin"><date variable="issued"><date-part name="year"/>'
                             '</date></group><group display="right-inline"><text variable="title"/></group>'
                             '</layout></bibliography>')
    assert bibliography(csl, ITEMS) == [
        '<div class="csl-block">John Doe</div><div class="csl-left-margin">2005</div>'
        '<div class="csl-right-inline">Boundaries</div>',
        '<div class="csl-left-margin">2006</div><div class="csl-right-inline">Crossings</div>']


def test_formatting_nests_in_attribute_order_the_first_innermost():
    # bugreports_MatchedAuthorAndDate: font-style="italic" font-weight="bold" is <b><i>…</i></b>
    csl = style(bibliography='<bibliography><layout><text variable="title" font-style="italic" '
                             'font-weight="bold"/></layout></bibliography>')
    assert bibliography(csl, ITEMS[:1]) == ["<b><i>Boundaries</i></b>"]


def test_a_block_that_opens_the_entry_loses_its_leading_space():
    # bugreports_NoCaseEscape: " N.d." in the first block prints "N.d."
    csl = style(bibliography='<bibliography><layout><group display="left-margin"><text value="N.d." '
                             'prefix=" "/></group><group display="right-inline"><text variable="title"/></group>'
                             '</layout></bibliography>')
    assert bibliography(csl, ITEMS[:1]) == [
        '<div class="csl-left-margin">N.d.</div><div class="csl-right-inline">Boundaries</div>']
