"""The segmenter: jieba's algorithm and dictionary, run by jieba-rs (``rjieba``), as a spaCy tokenizer.

jieba-rs is a Rust port of jieba (same dictionary, same DAG + HMM segmentation): on the
benchmark corpora it cuts every article exactly as Python jieba does, 20-25 times faster
(docs/benchmarks.md). The tokenizer also stores the text it was given in ``doc._.text``,
because spaCy rebuilds ``Doc.text`` from the tokens on every access.

    >>> from kg.nlp.pipeline import make_nlp
    >>> [t.text for t in make_nlp().make_doc("汾河流入黄河。")]
    ['汾河', '流入', '黄河', '。']
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg import lexicon
from kg.nlp.extensions import register_extensions


@lru_cache(maxsize=1)
def segmenter_class() -> type:
    """rjieba's ``Jieba`` class, from its extension module alone when it can be found: the
    package's ``__init__`` also builds a default segmenter (jieba's whole dictionary, about 80 ms)
    that envkg never uses, in every process that makes a pipeline."""
    spec = importlib.util.find_spec("rjieba")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for library in sorted(p for folder in folders for p in Path(folder).glob("rjieba*.so")):
        loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(library))
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader("rjieba.rjieba", loader))
        loader.exec_module(module)
        return module.Jieba
    from rjieba import Jieba  # another layout (a .pyd, a future release): the package as it comes

    return Jieba


def user_word_frequency(word: str) -> int:
    """How strongly a gazetteer name is kept whole: longer names win over their parts."""
    return max(2000, 500 * len(word))


def words_and_spaces(pieces: Iterable[str]) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags from segments that cover the text exactly.

    As :func:`spacy.util.get_words_and_spaces` does it: one space after a word becomes the
    word's trailing space; any other run of whitespace is a token of its own.

    >>> words_and_spaces(["汾河", " ", "流入", "\\n", " ", "黄河"])
    (['汾河', '流入', '\\n ', '黄河'], [True, False, False, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    gap = ""
    for piece in pieces:
        if piece.isspace():
            gap += piece
            continue
        if gap:
            _close_gap(words, spaces, gap)
            gap = ""
        words.append(piece)
        spaces.append(False)
    if gap:
        _close_gap(words, spaces, gap)
    return words, spaces


def _close_gap(words: list[str], spaces: list[bool], gap: str) -> None:
    if words and not spaces[-1] and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


@lru_cache(maxsize=2)
def segmenter(user_dictionary: bool = True):
    """The process's one segmenter (with the gazetteer user dictionary, or without): the tokenizer
    and the recognisers that ask for parts of speech share it, so the dictionary is loaded once."""
    instance = segmenter_class()()
    if user_dictionary:
        for word in lexicon.user_dictionary_words():
            instance.add_word(word, user_word_frequency(word), None)
    return instance


def tag(text: str) -> list[tuple[str, str]]:
    """The words of `text` with jieba's part-of-speech tags (京津 ns, 治理 v)."""
    return segmenter(True).tag(text)


def cut(text: str) -> list[str]:
    """The words of `text`, as the tokenizer cuts them."""
    return segmenter(True).cut(text)


class JiebaTokenizer:
    """Segment Chinese text with jieba-rs and the gazetteer user dictionary (``kg.JiebaTokenizer.v1``)."""

    def __init__(self, vocab: Vocab, user_dictionary: bool = True) -> None:
        register_extensions()  # it sets doc._.text
        self.vocab = vocab
        self.segmenter = segmenter(user_dictionary)
        self.user_words = lexicon.user_dictionary_words() if user_dictionary else []

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(self.segmenter.cut(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.text = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The tokenizer has no state of its own to save: it is rebuilt from data/ on load.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> JiebaTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> JiebaTokenizer:
        return self


@registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(user_dictionary: bool = True):
    """The registered tokenizer factory named in ``data/config/nlp.cfg``."""

    def make_tokenizer(nlp) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, user_dictionary=user_dictionary)

    return make_tokenizer
