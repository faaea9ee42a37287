"""Particles read from CSL-JSON names as citeproc-js reads them (map/names.py: split_particles)."""
from __future__ import annotations

import pytest

from annobib.map.names import split_particles


@pytest.mark.parametrize("name,expected", [
    ({"family": "van den Bemt", "given": "P. M. L. A."},
     {"family": "Bemt", "given": "P. M. L. A.", "non-dropping-particle": "van den"}),
    ({"family": "X", "given": "Jean de"}, {"family": "X", "given": "Jean", "dropping-particle": "de"}),
    ({"family": "bell hooks"}, {"family": "bell hooks"}),
    # capital initials in other scripts are initials, not particles: "Ю. С." stays the given name
    ({"family": "Степанова", "given": "Ю. С."}, {"family": "Степанова", "given": "Ю. С."}),
    ({"family": "Παπαδόπουλος", "given": "Γ. Δ."}, {"family": "Παπαδόπουλος", "given": "Γ. Δ."}),
    ({"family": "Müller", "given": "Ä. Ö."}, {"family": "Müller", "given": "Ä. Ö."}),
    # any white space separates the words, as str.split() reads them
    ({"family": "van\tder\u00a0Berg", "given": "Ann"},
     {"family": "Berg", "given": "Ann", "non-dropping-particle": "van der"}),
    ({"family": "Curie"}, {"family": "Curie"}),
])
def test_split_particles(name, expected):
    assert split_particles(name) == expected


def test_a_cyrillic_editor_is_initialised_as_zotero_prints_it(tmp_path):
    import json

    from annobib.read import read_files
    from annobib.render import build_document

    path = tmp_path / "ru.json"
    path.write_text(json.dumps([{"id": "s", "type": "book", "title": "Семиотика", "language": "russian",
                                 "editor": [{"family": "Степанова", "given": "Ю. С."}], "issued":
                                 {"date-parts": [[1983]]}}], ensure_ascii=False), encoding="utf-8")
    document = build_document(read_files([path]).records, "vancouver")
    (entry,) = [e for group in document.groups for e in group.entries]
    assert entry.text.startswith("1. Степанова ЮС, editor.")  # citeproc-js with Zotero's settings
