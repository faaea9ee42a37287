"""Random and mutated BibTeX never raises anything but the project's own input errors."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annobib.diagnostics import InputError
from annobib.read import read_files, read_text
from annobib.read.accounting import account_for_file
from annobib.render import build_document

pytestmark = pytest.mark.slow  # hundreds of generated inputs

SEED = """@string{jx = "Journal of X"}
@article{smith2001,
  author = {Smith, John and {\\"O}zt{\\"u}rk, Ay{\\c{s}}e},
  title = {On {DNA} and $x^2$ -- a \\emph{study}},
  journal = jx # { (Series 2)},
  year = 2001, month = mar, pages = {1--10},
  annote = {Good. <script>x</script>},
}
@book(doe1999, editor = "Doe, J.", title = "A Book", publisher = {P}, date = {1999-12/2000-01})
@incollection{part, title = {Part}, crossref = {doe1999}, pages = 5}
@misc{web, title = {Site}, url = {https://example.org/?a=1&b=2}, urldate = {2020-02-30}}
"""

FIELDS = ["author", "editor", "title", "journal", "booktitle", "year", "month", "date", "pages",
          "volume", "number", "publisher", "address", "doi", "url", "note", "annote", "crossref"]
TYPES = ["article", "book", "inproceedings", "misc", "phdthesis", "online", "weird", "string", "comment"]

value_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def random_entry(draw):
    kind = draw(st.sampled_from(TYPES))
    key = draw(st.text(alphabet="abcXYZ019:-_", max_size=8))
    fields = draw(st.lists(st.tuples(st.sampled_from(FIELDS), value_text), max_size=6))
    open_, close = draw(st.sampled_from([("{", "}"), ("(", ")")]))
    wrappers = draw(st.lists(st.sampled_from(["{%s}", '"%s"', "%s"]), min_size=len(fields), max_size=len(fields)))
    body = ",\n".join(f"  {name} = " + wrap % value for (name, value), wrap in zip(fields, wrappers))
    return f"@{kind}{open_}{key},\n{body}\n{close}\n"


def mutate(text: str, rng: random.Random, steps: int) -> str:
    for _ in range(steps):
        position = rng.randrange(len(text) + 1)
        action = rng.randrange(5)
        if action == 0:  # cut a brace or quote
            marks = [i for i, c in enumerate(text) if c in '{}()"']
            if marks:
                i = rng.choice(marks)
                text = text[:i] + text[i + 1:]
        elif action == 1:  # insert a syntax character
            text = text[:position] + rng.choice('{}()@%#,="\\\n\x00') + text[position:]
        elif action == 2:  # delete a span
            text = text[:position] + text[position + rng.randrange(1, 20):]
        elif action == 3:  # shuffle the lines (fields move between entries)
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        else:  # duplicate a span
            end = min(len(text), position + rng.randrange(1, 40))
            text = text[:end] + text[position:end] + text[end:]
    return text


def check_read(text: str):
    result = read_text(text, "p.bib")
    account = account_for_file("p.bib", text, result.records, list(result.diagnostics))
    assert account.balanced, (account, text)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(random_entry(), max_size=5), st.text(max_size=20))
def test_random_bibtex_reads_and_accounts(entries, junk):
    check_read(junk.join(entries))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=8))
def test_mutated_bibtex_reads_and_accounts(seed, steps):
    check_read(mutate(SEED, random.Random(seed), steps))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=len(SEED)))
def test_inserted_bytes_decode_or_fail_cleanly(tmp_path_factory, blob, position):
    path = tmp_path_factory.getbasetemp() / "bytes.bib"
    data = SEED.encode("utf-8")
    path.write_bytes(data[:position] + blob + data[position:])
    try:
        result = read_files([path])
    except InputError as error:  # the only exception a reader may raise, and it names the file
        assert "bytes.bib" in str(error)
        return
    # Read: every entry and diagnostic is accounted for, and each record points back into this file.
    text = path.read_bytes().decode("utf-8", errors="replace")
    account = account_for_file(str(path), text, result.records, list(result.diagnostics))
    assert account.balanced, account
    assert all(record.origin.file == str(path) for record in result.records)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=5))
def test_mutated_bibtex_renders_in_apa(seed, steps):
    result = check_read(mutate(SEED, random.Random(seed), steps))
    document = build_document(result.records[:4], "apa")
    rendered = [entry for group in document.groups for entry in group.entries]
    assert len(rendered) == len(result.records[:4])
