"""kg.lexicon.read_tsv: how every data file under data/ is read."""

from __future__ import annotations

import pytest

from kg import lexicon
from kg.errors import DataFileError


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    return tmp_path


@pytest.mark.parametrize("text, rows", [
    ("word\tpos\n白溪\tns\n", [{"word": "白溪", "pos": "ns"}]),
    ("# source: made up\nword\tpos\n\n# a comment\n宁丰湖\tns\n", [{"word": "宁丰湖", "pos": "ns"}]),
    ("word\tpos\r\n宁海县\tns\r\n", [{"word": "宁海县", "pos": "ns"}]),  # Windows line ends
    ("word\tpos\tnote\n白溪\n", [{"word": "白溪", "pos": "", "note": ""}]),  # a short row's fields are empty
    ("word\tpos\n 白溪 \t ns\n", [{"word": "白溪", "pos": "ns"}]),  # values are stripped
    ('word\tpos\n"白溪"\tns\n', [{"word": '"白溪"', "pos": "ns"}]),  # nothing is quoted
])
def test_rows(data_dir, text, rows):
    (data_dir / "x.tsv").write_text(text, encoding="utf-8")
    assert lexicon.read_tsv("x.tsv") == rows


@pytest.mark.parametrize("text, message", [
    ("# only a comment\n", "no header row"),
    ("word\tpos\n白溪\tns\textra\n", "data row 1 has 3 fields, the header 2"),
])
def test_bad_files(data_dir, text, message):
    (data_dir / "x.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        lexicon.read_tsv("x.tsv")


def test_missing_file(data_dir):
    assert lexicon.read_tsv("absent.tsv", required=False) == []
    with pytest.raises(DataFileError, match="data file missing"):
        lexicon.read_tsv("absent.tsv")
