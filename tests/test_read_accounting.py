"""read/accounting: every entry of a .bib file is rendered or named by a diagnostic."""
from annobib.read.accounting import account_for_file
from annobib.record import Origin, Record

TEXT = "@article{a, title={A}}\n@article{b, title={B}}\n"


def test_a_record_without_a_line_is_unexpected_not_a_crash():
    rendered = [Record({"id": "a"}, origin=Origin("x.bib", 1)), Record({"id": "z"}, origin=Origin("x.bib")),
                Record({"id": "y"}, origin=Origin("x.bib", 9))]
    account = account_for_file("x.bib", TEXT, rendered, [])
    assert account.rendered == 1
    assert account.unaccounted == [(2, "b")]
    assert account.unexpected == [None, 9]  # the record without a line first, then by line
    assert not account.balanced
