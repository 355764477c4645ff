"""The entries of jieba's dictionary (jieba/dict.txt: word, frequency, part of speech), for the tools
that derive data files from it."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def dictionary_path(argv: list[str]) -> Path:
    """The dictionary given on the command line (argv[1]), else the installed jieba's."""
    if len(argv) > 1:
        return Path(argv[1])
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def entries(path: Path) -> Iterator[tuple[str, int, str]]:
    """(word, frequency, tag) for every well-formed line."""
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            yield parts[0], int(parts[1]), parts[2]
