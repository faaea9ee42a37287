"""RIS reference types and name encoding, shared by the RIS writer and reader.

Types follow Zotero's RIS translator (its export map, and the import map it
builds from it), so a type written here comes back as the same Zotero type
and, through the reverse table, as the same CSL type.
"""
from __future__ import annotations

# CSL type -> RIS TY. One TY per CSL type, so the reader can map back exactly.
CSL_TO_RIS = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "report": "RPRT",
    "thesis": "THES",
    "manuscript": "MANSCPT",
    "patent": "PAT",
    "legislation": "STAT",
    "bill": "BILL",
    "legal_case": "CASE",
    "software": "COMP",
    "graphic": "ART",
    "map": "MAP",
    "song": "SOUND",
    "motion_picture": "MPCT",
    "personal_communication": "PCOMM",
    "speech": "SLIDE",
    "hearing": "HEAR",
    "pamphlet": "PAMP",
    "dataset": "DATA",
    "standard": "STAND",
    "periodical": "JFULL",
    "document": "GEN",
}
RIS_TO_CSL = {ris: csl for csl, ris in CSL_TO_RIS.items()}
# Further TY values other programs write (EndNote, Mendeley), read as the nearest CSL type.
RIS_TO_CSL.update({
    "ABST": "article-journal", "EJOUR": "article-journal", "INPR": "article-journal",
    "EBOOK": "book", "EDBOOK": "book", "CLSWK": "book", "SER": "book",
    "ECHAP": "chapter", "CONF": "paper-conference", "UNPB": "manuscript", "UNPD": "manuscript",
    "ICOMM": "webpage", "WEB": "webpage", "VIDEO": "motion_picture", "ADVS": "motion_picture",
    "MUSIC": "song", "GOVDOC": "report", "CHART": "graphic", "FIGURE": "graphic",
    "LEGAL": "legal_case", "AGGR": "dataset", "DBASE": "dataset",
})

# Types whose SN is an ISSN (Zotero: ISSN for journal, magazine and newspaper articles).
ISSN_TYPES = ("article-journal", "article-magazine", "article-newspaper", "periodical")
# Types whose SP alone is the page count (Zotero: numPages for book, thesis, manuscript).
EXTENT_TYPES = ("book", "thesis", "manuscript")
# Types whose IS is an issue; elsewhere IS carries CSL "number".
ISSUE_TYPES = ISSN_TYPES

# A comma inside a one-field (corporate) name would make every RIS reader split
# it into family and given names (Zotero keeps only the first two parts). It is
# written as U+201A SINGLE LOW-9 QUOTATION MARK, which looks like a comma, and
# read back as a comma.
COMMA_STAND_IN = "\u201a"
