"""Adding sources by identifier (``annobib add``) and editing annotations in place (``annobib annotate``).

    identifiers  what an ID is, checked before anything is asked
    resolve      which registry answers for it; several fetched concurrently
    crossref, datacite, doi_ra, ncbi, arxiv, googlebooks
                 one module per registry: request and answer -> CSL-JSON
    http         the one HTTP client: User-Agent and contact, timeout, retries,
                 rate limits, the answer cache
    convert      registry values -> CSL values (titles, names, dates, pages)
    keys, entry  the citation key and the BibTeX entry with its Source comment
    bibfile      the .bib file edited without touching any other byte
    add          the whole of ``annobib add`` as one library call
"""
