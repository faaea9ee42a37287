"""The HTTP behaviour registries ask for, against the replay server on 127.0.0.1:
User-Agent and contact, NCBI's tool/email and 3 requests a second, retries on
429/5xx honouring Retry-After, the timeout, the answer cache, concurrency, and
no network."""
from __future__ import annotations

import threading
import time

import pytest
from tests.add_helpers import add, network_guard_fixture, replay_fixture  # noqa: F401  (fixtures)
from tests.replay_server import Reply, recording

from annobib.sources import ncbi
from annobib.sources.http import Client, ServiceError

pytestmark = pytest.mark.slow  # real waits: retries, Retry-After, rate limits

PLOS = "10.1371/journal.pone.0033693"
PLOS_PATH = f"/works/{PLOS}"


def plos_body() -> bytes:
    return recording("crossref/works_10.1371_journal.pone.0033693.json").body


def test_user_agent_names_annobib_and_the_configured_contact(replay, tmp_path, monkeypatch):
    assert add(tmp_path / "a.bib", PLOS).exit_code == 0
    agent = replay.requests_to("crossref")[0].headers["User-Agent"]
    assert agent.startswith("annobib/") and "mailto" not in agent
    monkeypatch.setenv("ANNOBIB_MAILTO", "writer@example.org")
    assert add(tmp_path / "b.bib", PLOS, "--no-cache").exit_code == 0
    assert replay.requests_to("crossref")[-1].headers["User-Agent"].endswith("(mailto:writer@example.org)")
    assert add(tmp_path / "c.bib", PLOS, "--no-cache", "--mailto", "other@example.org").exit_code == 0
    assert "(mailto:other@example.org)" in replay.requests_to("crossref")[-1].headers["User-Agent"]


def test_ncbi_gets_tool_and_email(replay, tmp_path):
    assert add(tmp_path / "a.bib", "28775130", "--mailto", "writer@example.org").exit_code == 0
    (request,) = replay.requests_to("eutils")
    assert request.headers["User-Agent"].endswith("(mailto:writer@example.org)")
    assert request.query["tool"] == ["annobib"] and request.query["email"] == ["writer@example.org"]
    assert add(tmp_path / "b.bib", "28775130", "--no-cache").exit_code == 0
    assert replay.requests_to("eutils")[-1].query["tool"] == ["annobib"]
    assert "email" not in replay.requests_to("eutils")[-1].query  # no address configured: none sent


def test_at_most_three_requests_a_second_to_ncbi(replay):
    client = Client(cache=False)
    threads = [threading.Thread(target=lambda: _quietly(client.get, ncbi.EUTILS, "/efetch.fcgi",
                                                          {"db": "pubmed", "id": "28775130", "retmode": "xml"}))
               for _ in range(2)]
    threads += [threading.Thread(target=lambda: _quietly(client.get, ncbi.IDCONV, "/", {"ids": "PMC1"}))
                for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(entry.time for entry in replay.log)
    assert len(times) == 4
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert min(gaps) >= 0.30, gaps  # 1/3 s apart, the E-utilities and the ID converter together


def _quietly(call, *args):
    try:
        call(*args)
    except ServiceError:
        pass


def test_timeout_is_one_line_naming_the_id_and_service(replay, tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("% kept\n", encoding="utf-8")
    replay.script("crossref", PLOS_PATH, Reply(200, plos_body(), delay=1.5), Reply(200, plos_body(), delay=1.5))
    started = time.monotonic()
    result = add(bib, PLOS, "--timeout", "0.3")
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"annobib: error: DOI {PLOS}: Crossref: no answer from {replay.root[7:]} within 0.3 s (timed out)"]
    assert bib.read_text(encoding="utf-8") == "% kept\n"


def test_429_with_retry_after_is_waited_for_then_retried(replay, tmp_path):
    replay.script("crossref", PLOS_PATH, Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, plos_body()))
    result = add(tmp_path / "a.bib", PLOS)
    assert result.exit_code == 0, result.stderr
    first, second = replay.requests_to("crossref")
    assert second.time - first.time >= 1.0


def test_5xx_is_retried(replay, tmp_path):
    replay.script("crossref", PLOS_PATH, Reply(503, b"busy"), Reply(502, b"bad gateway"), Reply(200, plos_body()))
    result = add(tmp_path / "a.bib", PLOS)
    assert result.exit_code == 0, result.stderr
    assert len(replay.requests_to("crossref")) == 3


def test_persistent_5xx_and_a_long_retry_after_give_up_with_a_clear_line(replay):
    client = Client(cache=False, retries=2, backoff=0.01)
    from annobib.sources import crossref

    replay.script("crossref", PLOS_PATH, *[Reply(500, b"Internal error")] * 3)
    try:
        crossref.fetch(client, PLOS)
    except ServiceError as exc:
        assert str(exc) == "Crossref: the service failed (500) 3 times; try again later: Internal error"
    else:
        raise AssertionError("no error")
    assert len(replay.requests_to("crossref")) == 3
    replay.script("crossref", PLOS_PATH, Reply(429, b"", {"Retry-After": "3600"}))
    started = time.monotonic()
    try:
        crossref.fetch(client, PLOS)
    except ServiceError as exc:
        assert str(exc) == "Crossref: busy: asked to wait 3600 s before trying again"
    assert time.monotonic() - started < 1


def test_answers_are_cached_and_no_cache_asks_again(replay, tmp_path):
    assert add(tmp_path / "a.bib", PLOS).exit_code == 0
    asked = len(replay.requests_to("crossref"))
    assert add(tmp_path / "b.bib", PLOS).exit_code == 0
    assert len(replay.requests_to("crossref")) == asked  # answered from $XDG_CACHE_HOME/annobib
    assert (tmp_path / "cache" / "annobib" / "sources.sqlite").is_file()
    assert add(tmp_path / "c.bib", PLOS, "--no-cache").exit_code == 0
    assert len(replay.requests_to("crossref")) == asked + 1


def test_an_answer_without_the_record_is_not_cached(replay, tmp_path):
    replay.serve("arxiv", "/query", "arxiv/query_id_0000.0000_empty.atom")
    for _ in range(2):
        result = add(tmp_path / "a.bib", "2301.00001")
        assert result.exit_code == 1
        assert "arXiv:2301.00001: arXiv: no paper with this id" in result.stderr
    assert len(replay.requests_to("arxiv")) == 2


def test_several_ids_are_fetched_concurrently(replay, tmp_path):
    delayed = {PLOS: "crossref/works_10.1371_journal.pone.0033693.json",
               "10.3892/ijo_00000353": "crossref/works_10.3892_ijo_00000353.json",
               "10.1109/icdcsw.2003.1203662": "crossref/works_10.1109_icdcsw.2003.1203662.json"}
    for doi, file in delayed.items():
        replay.script("crossref", f"/works/{doi}", Reply(200, recording(file).body, delay=0.8))
    started = time.monotonic()
    result = add(tmp_path / "a.bib", *delayed)
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    assert elapsed < 2.0, elapsed  # one after the other would take 2.4 s


def test_no_network_is_one_clear_line_and_the_file_is_untouched(replay, tmp_path, monkeypatch, network_guard):
    for name in ("ANNOBIB_CROSSREF_URL", "ANNOBIB_DATACITE_URL", "ANNOBIB_DOIORG_URL"):
        monkeypatch.delenv(name)  # the real services: the guard makes the network unreachable
    bib = tmp_path / "a.bib"
    bib.write_bytes(b"@misc{x, title={X}}")
    result = add(bib, PLOS)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"annobib: error: DOI {PLOS}: Crossref: cannot reach api.crossref.org (name not resolved); "
        "check the network connection"]
    assert bib.read_bytes() == b"@misc{x, title={X}}"
    assert set(network_guard) <= {"doi.org", "api.crossref.org"} and "api.crossref.org" in network_guard
    network_guard.clear()


def test_connection_refused(replay, tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOBIB_EUTILS_URL", "http://127.0.0.1:9")  # nothing listens on the discard port
    result = add(tmp_path / "a.bib", "28775130", "--timeout", "2")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("annobib: error: PMID 28775130: PubMed: cannot reach 127.0.0.1:9 "
                                     "(connection refused); check the network connection")


def test_an_incomplete_pubmed_record_is_one_clear_line_not_a_crash(replay, tmp_path):
    """A PubmedArticle without its <Article> (PubMed's DTD requires one) names what is missing."""
    incomplete = (b"<?xml version='1.0'?><PubmedArticleSet><PubmedArticle><MedlineCitation>"
                  b"<PMID>28775130</PMID></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    replay.script("eutils", "/efetch.fcgi", Reply(200, incomplete, {"Content-Type": "text/xml"}))
    bib = tmp_path / "refs.bib"
    result = add(bib, "28775130")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "annobib: error: PMID 28775130: PubMed: answered with an incomplete record: "
        "PubmedArticle 28775130 has no <Article>"]
    assert not bib.exists()
