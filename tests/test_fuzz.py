"""Fuzzing the build (issue 15, part 4): random mixtures of the project's vocabulary, numbers,
units, punctuation and random Unicode, built in-process through the CLI runner.

For every example the build exits 0; graph.ttl and graph.nt parse with rdflib and with
pyoxigraph into the same number of triples; the graph conforms to the shapes (the build's own
SHACL run, kg/validate.py). About 300 examples by default, derandomised so CI tests the same
ones every run; ``KG_FUZZ_EXAMPLES=5000`` runs more, from a random seed. Every failure found is
kept, minimised, as a row of REGRESSIONS.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "300"))
HAN_WORD = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfⅠⅡⅢⅣⅤ·.%０-９A-Za-z0-9]{1,14}\Z")
PUNCTUATION = list("，。、；：？！“”‘’「」《》（）()【】—…·%％‰-+/～~:;,.!?'\"*#") + ["\n", "\n\n", " ", "　", "\t", "——",
                                                                            "\r\n", "\u00a0"]


GENERAL = ("function_words.tsv", "short_form_stoplist.tsv", "common_words.tsv", "kind_words.tsv")  # common words, not the domain's


@lru_cache(maxsize=2)
def vocabulary(general: bool = False) -> tuple[str, ...]:
    """The short names and words in the cells of data/lexicons and data/gazetteers (split on | , +):
    the domain's (divisions, waters, organ roles, indicators, titles ...) or, `general`, the common words."""
    words = set()
    for path in sorted([*DATA.glob("lexicons/*.tsv"), *DATA.glob("gazetteers/*.tsv")]):
        if (path.name in GENERAL) != general:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            for cell in line.split("\t"):
                words.update(w for w in re.split(r"[|,+]", cell) if HAN_WORD.match(w) and re.search(r"[^\x00-\x7f]", w))
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def units() -> tuple[str, ...]:
    rows = (DATA / "lexicons" / "observation_units.tsv").read_text(encoding="utf-8").splitlines()
    return tuple(sorted({r.split("\t")[0] for r in rows if r and not r.startswith(("#", "written\t"))}))


NUMBERS = st.one_of(
    st.integers(-10, 10**9).map(str),
    st.decimals(min_value=-1000, max_value=10**6, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.from_regex(r"[0-9０-９]{1,4}([.．][0-9]{1,2})?", fullmatch=True),
    st.from_regex(r"[零一二三四五六七八九十百千万亿两]{1,6}", fullmatch=True),
    st.sampled_from(["2025年", "3月", "12日", "Ⅲ类", "劣Ⅴ类", "第三季度", "1-6月", "PM2.5", "PM10", "COD", "1.5倍"]),
)
PIECE = st.one_of(
    st.sampled_from(vocabulary()), st.sampled_from(vocabulary()), st.sampled_from(vocabulary(general=True)),
    NUMBERS, st.sampled_from(units()), st.sampled_from(PUNCTUATION), st.sampled_from(PUNCTUATION),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=4),
)
TEXT = st.lists(PIECE, max_size=80).map("".join)
DOCUMENTS = st.lists(TEXT, min_size=1, max_size=3)


def check_build(texts: list[str]) -> None:
    """Build `texts` (one file each) and check the build, its parses and its conformance."""
    with tempfile.TemporaryDirectory(prefix="envkg-fuzz-") as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        for i, text in enumerate(texts):
            (raw / f"{i:02d}.txt").write_bytes(text.encode("utf-8"))
        result = CliRunner().invoke(main, ["build", str(raw), "--out", str(out), "--format", "ttl,nt", "-q",
                                           "--no-cache"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0, result.output
        counts = []
        for name, rdflib_format, oxigraph_format in (("graph.ttl", "turtle", pyoxigraph.RdfFormat.TURTLE),
                                                     ("graph.nt", "nt", pyoxigraph.RdfFormat.N_TRIPLES)):
            counts.append(len(Graph().parse(out / name, format=rdflib_format)))
            store = pyoxigraph.Store()
            store.load(path=str(out / name), format=oxigraph_format)
            counts.append(len(store))
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert counts == [report["triples"]] * 4, counts
        assert report["validation"]["conforms"], (out / "validation.txt").read_text(encoding="utf-8")


def test_the_vocabulary_comes_from_data():
    words = vocabulary()
    assert len(words) > 3000 and {"生态环境局", "汾河", "高平市", "优良天数", "局长"} <= set(words)
    assert {"开展", "一下子"} <= set(vocabulary(general=True)) and "一下子" not in words
    assert {"微克/立方米", "亿元"} <= set(units())


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, derandomize="KG_FUZZ_EXAMPLES" not in os.environ, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENTS)
def test_issue_15_fuzzed_builds(texts):
    check_build(texts)


# fmt: off
REGRESSIONS = [
    # (what the fuzzer found, minimised: the texts of one build)
    pytest.param(["汾河"], id="smoke"),
    pytest.param(["临高县III类\ufff00%"], id="noncharacter-in-iri"),  # U+FFF0 in an entity key: Oxigraph refused the IRI
    pytest.param(["十十一%"], id="malformed-numeral"),  # cn2an raised KeyError: the build crashed
]
# fmt: on


@pytest.mark.parametrize("texts", REGRESSIONS)
def test_issue_15_fuzz_regressions(texts):
    check_build(texts)


# fmt: off
IRI_KEYS = [
    # (a key, its minted IRI's path after id/)
    ("org:临高县III类\ufff0", "org/临高县III类%EF%BF%B0"),   # a noncharacter
    ("x:\ue000", "x/%EE%80%80"),                            # private use
    ("x:\x7f\x85", "x/%7F%C2%85"),                          # DEL and a C1 control
    ("x:[1]", "x/%5B1%5D"),                                  # gen-delims
    ("x:\U0001fffe\U00020000", "x/%F0%9F%BF%BE\U00020000"),  # a plane's noncharacter; CJK Ext. B stays
    ("x:\U000e0001", "x/%F3%A0%80%81"),                      # a tag character
    ("x:a b%", "x/a%20b%25"),
    ("org:140581:分局", "org/140581/分局"),
]
# fmt: on


@pytest.mark.parametrize("key,path", IRI_KEYS)
def test_issue_15_minted_iris_are_valid_for_oxigraph(key, path):
    from kg.rdf import mint_iri, node

    assert str(mint_iri(key)) == f"https://w3id.org/envkg/id/{path}"
    store = pyoxigraph.Store()
    store.load(f"{node(key)} <http://example.org/p> \"1\" .\n".encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(store) == 1
