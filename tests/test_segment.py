"""Segmentation: jieba with the gazetteer user dictionary keeps domain names whole."""

import pytest

# fmt: off
TOKENS = [
    ("晋城市生态环境局高平分局", ["晋城市", "生态环境局", "高平", "分局"]),
    ("高平釜山水库", ["高平", "釜山", "水库"]),
    ("国考王庄桥断面", ["国考", "王庄桥", "断面"]),
    ("汾河流域", ["汾河", "流域"]),
    ("吕梁市生态环境局柳林分局", ["吕梁市", "生态环境局", "柳林", "分局"]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", TOKENS)
def test_golden_tokens(nlp, text, expected):
    assert [t.text for t in nlp.make_doc(text)] == expected


def test_pipeline_components_are_declared(nlp):
    from kg.nlp.pipeline import COMPONENTS

    assert nlp.pipe_names == list(COMPONENTS)
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values())


def test_nlp_pipe_over_plain_texts(nlp):
    docs = list(nlp.pipe(["太原市生态环境局举办培训班。", "汾河流入黄河。"]))
    assert [sorted(e.label for e in d._.entities.values() if e.extracted) for d in docs] == [
        ["太原市", "太原市生态环境局"], ["汾河", "黄河"]]


def test_mentions_are_token_spans(nlp):
    doc = nlp("晋城市生态环境局高平分局推行“首违不罚+警示教育”。")
    spans = {(s.text, s.label_) for s in doc.spans["kg_mentions"]}
    assert {("晋城市生态环境局高平分局", "Bureau"), ("高平", "County"), ("首违不罚+警示教育", "Measure")} <= spans


def test_pipeline_is_built_from_its_config(nlp):
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "kg.JiebaTokenizer.v1"
    versions = {name: nlp.config["components"][name]["version"] for name in nlp.pipe_names}
    assert versions["kg_entity_recognizer"] == "kg.EntityRecognizer.v1"
    assert all(v.startswith("kg.") and v.endswith(".v1") for v in versions.values())


# fmt: off
PIECES = [
    ["汾河", "流入", "黄河"],
    ["汾河", " ", "流入", "\n", " ", "黄河"],
    [" ", "汾河", "  ", "流入", " "],
    ["\n", "\n", "汾河", " ", "\t", "x"],
    ["PM2.5", " ", "浓度"],
    [],
]
# fmt: on


@pytest.mark.parametrize("pieces", PIECES)
def test_words_and_spaces_agree_with_spacy(pieces):
    from spacy.util import get_words_and_spaces

    from kg.nlp.tokenizer import words_and_spaces

    assert words_and_spaces(pieces) == tuple(get_words_and_spaces(pieces, "".join(pieces)))


def test_tokenizer_keeps_the_text(nlp):
    text = "汾河 流入\n 黄河。"
    doc = nlp.make_doc(text)
    assert doc.text == text and doc._.text == text


def test_jieba_rs_cuts_the_seed_as_python_jieba_does():
    """The segmenter is jieba-rs: same dictionary and algorithm as Python jieba, so the same cuts."""
    import jieba

    from kg.ingest import read_documents, split_articles
    from kg.lexicon import data_path
    from kg.nlp.tokenizer import segmenter_class

    jieba.setLogLevel(60)
    fast = segmenter_class()()
    texts = [a.text for d in read_documents([data_path("raw")]) for a in split_articles(d)]
    assert texts
    for text in texts:
        assert fast.cut(text) == list(jieba.cut(text))


def test_the_segmenter_is_loaded_without_rjiebas_default_instance():
    """Only the extension module is loaded: importing the package would build a second,
    unused segmenter with jieba's whole dictionary in every process."""
    import subprocess
    import sys

    code = ("import sys; from kg.nlp.pipeline import make_nlp; nlp = make_nlp(); "
            "print([t.text for t in nlp.make_doc('汾河流入黄河')], 'rjieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['汾河', '流入', '黄河'] False"


def test_missing_config_is_a_clear_error(tmp_path):
    from kg.errors import DataFileError
    from kg.nlp.pipeline import make_nlp

    with pytest.raises(DataFileError, match="pipeline config missing"):
        make_nlp(tmp_path / "none.cfg")


def test_the_tokenizer_and_the_part_of_speech_tags_share_one_segmenter(nlp):
    """One dictionary per process: the recognisers' cut() and tag() use the tokenizer's segmenter."""
    from kg.nlp.tokenizer import cut, segmenter

    assert nlp.tokenizer.segmenter is segmenter(True)
    assert segmenter.cache_info().currsize == 1
    assert cut("汾河流入黄河") == ["汾河", "流入", "黄河"]
    assert segmenter.cache_info().currsize == 1
