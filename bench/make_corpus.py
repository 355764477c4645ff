"""Generate a realistic benchmark corpus from the real articles in ``data/raw``.

Every sentence of the output is a real sentence of ``data/raw/*.txt``; sentences are
recombined into new articles, and the places they name are swapped for others from the
gazetteers, consistently within an article: the seed's province, prefectures and counties
become another province's (full names and short forms, so 晋城市生态环境局高平分局 becomes
e.g. 保定市生态环境局涿州分局), and its rivers become other rivers of
``data/gazetteers/water_bodies.tsv``. Each article gets a heading, a byline and 4-12
paragraphs, and is written to its own file. The same ``--seed`` gives the same bytes.

Usage:
    .venv/bin/python bench/make_corpus.py --size 10MB --seed 1 --out /tmp/corpus10
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import lexicon  # noqa: E402
from kg.ingest import _layout, find_text_files, read_document, split_articles  # noqa: E402
from kg.nlp.text import sentences  # noqa: E402

SIZE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(KB|MB|GB|B)?", re.IGNORECASE)
UNITS = {"b": 1, "kb": 1000, "mb": 1000 ** 2, "gb": 1000 ** 3}
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红海晓燕鹏宇浩然欣怡佳琪子涵梓萱雨轩思远文博"


def parse_size(text: str) -> int:
    """Bytes in a size such as ``200KB`` or ``10MB`` (decimal units).

    >>> parse_size("10MB"), parse_size("200kb"), parse_size("512")
    (10000000, 200000, 512)
    """
    m = SIZE_RE.fullmatch(text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1MB, 200KB)")
    return int(float(m.group(1)) * UNITS[(m.group(2) or "b").lower()])


@dataclass(frozen=True)
class Pools:
    """What the seed offers: headings, body sentences, and the names to swap."""

    headings: tuple[str, ...]
    sentences: tuple[str, ...]
    divisions: tuple[str, ...]  # codes of the seed's province, prefectures and counties
    rivers: tuple[str, ...]  # gazetteer rivers named in the seed


def _short(d: lexicon.Division) -> str:
    return d.short if len(d.short) >= 2 else ""


def read_pools(raw: Path) -> Pools:
    """Collect headings, sentences and swappable names from the real articles under `raw`."""
    layout = _layout()
    headings, sents, text = set(), set(), []
    for path in find_text_files([raw]):
        document = read_document(path)
        text.append(document.text)
        for article in split_articles(document):
            for line in article.text.split("\n"):
                line = line.strip()
                if layout.is_heading(line) and 6 <= len(line) and not layout.is_caption(line) \
                        and not layout.byline.match(line) and not layout.is_signature(line):
                    headings.add(line)
            for sent in sentences(article.text):
                s = sent.text.strip()
                if len(s) >= 8 and s[-1] in "。！？；" and not layout.is_caption(s):
                    sents.add(s)
    joined = "\n".join(text)
    divs = lexicon.divisions()
    stop = lexicon.short_form_stoplist()
    found = [d for d in divs.values() if len(d.name) >= 3 and (d.name in joined or
                                                              (_short(d) and _short(d) not in stop and _short(d) in joined))]
    # keep the seed's own province tree only (a stray 清流 or 范县 inside a word is no place)
    provinces = {code[:2] for code in (d.code for d in found)}
    main = max(provinces, key=lambda p: sum(d.code.startswith(p) for d in found))
    codes = tuple(sorted(d.code for d in found if d.code.startswith(main)))
    waters = lexicon.water_bodies()
    rivers = tuple(sorted(n for n, b in waters.items() if b.cls == "River" and n == b.name and n in joined))
    return Pools(tuple(sorted(headings)), tuple(sorted(sents)), codes, rivers)


class Swapper:
    """Swap the seed's places and rivers for others, the same way throughout one article."""

    def __init__(self, pools: Pools) -> None:
        self.divs = lexicon.divisions()
        self.source = [self.divs[c] for c in pools.divisions]
        children: dict[str, list[str]] = {}
        for d in self.divs.values():
            if d.level != "province" and _short(d) and d.parent:
                children.setdefault(d.parent, []).append(d.code)
        self.children = {k: sorted(v) for k, v in children.items()}
        # provinces with at least as many prefectures (with counties) as the seed names
        need = sum(d.level == "prefecture" for d in self.source)
        self.provinces = sorted(p for p in self.children if self.divs[p].level == "province"
                                and sum(1 for c in self.children[p] if c in self.children) >= need)
        self.rivers = pools.rivers
        waters = lexicon.water_bodies()
        self.river_pool = sorted(n for n, b in waters.items() if b.cls == "River" and n == b.name and len(n) >= 2)
        forms = {}
        for d in self.source:
            forms[d.name] = (d.code, "name")
            if _short(d):
                forms[_short(d)] = (d.code, "short")
        for river in self.rivers:
            forms[river] = (river, "river")
        self.forms = forms
        self.pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))

    def mapping(self, rng: random.Random) -> dict[str, str]:
        """A fresh mapping of every seed name to a replacement, consistent within one article."""
        target: dict[str, str] = {}
        for d in self.source:
            if d.level == "province":
                target[d.code] = rng.choice(self.provinces)
        province = next(iter(target.values()), rng.choice(self.provinces))
        prefectures = [c for c in self.children[province] if c in self.children]
        rng.shuffle(prefectures)
        for d in self.source:
            if d.level == "prefecture":
                target[d.code] = prefectures.pop() if prefectures else rng.choice(self.children[province])
        for d in self.source:
            if d.level == "county":
                parent = target.get(d.parent)
                pool = self.children.get(parent, []) if parent else []
                target[d.code] = rng.choice(pool) if pool else d.code
        rivers = rng.sample(self.river_pool, len(self.rivers))
        out = {}
        for form, (ref, kind) in self.forms.items():
            if kind == "river":
                out[form] = rivers[self.rivers.index(ref)]
            else:
                new = self.divs[target[ref]]
                out[form] = new.name if kind == "name" or not _short(new) else _short(new)
        return out

    def apply(self, text: str, mapping: dict[str, str]) -> str:
        """The text with every seed name replaced."""
        return self.pattern.sub(lambda m: mapping[m.group(0)], text)


def _person(rng: random.Random, surnames: list[str]) -> str:
    return rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def make_article(rng: random.Random, pools: Pools, swapper: Swapper, surnames: list[str]) -> str:
    """One article: heading, byline, paragraphs of recombined sentences (some under sub-headings)."""
    mapping = swapper.mapping(rng)
    lines = [rng.choice(pools.headings), ""]
    reporters = " ".join(_person(rng, surnames) for _ in range(rng.choice((1, 1, 2))))
    lines += [f"科学导报记者 {reporters}", ""]
    for _ in range(rng.randint(4, 12)):
        if rng.random() < 0.15:
            lines += [rng.choice(pools.headings), ""]
        lines += ["".join(rng.sample(pools.sentences, rng.randint(2, 5))), ""]
    return swapper.apply("\n".join(lines), mapping)


def make_corpus(size: int, seed: int, out: Path, raw: Path = ROOT / "data" / "raw") -> list[Path]:
    """Write articles of about `size` bytes in total to `out`; return the files written."""
    pools = read_pools(raw)
    swapper = Swapper(pools)
    surnames = sorted(s for s in lexicon.load_surnames() if len(s) == 1)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written, total, n = [], 0, 0
    while total < size:
        data = make_article(rng, pools, swapper, surnames).encode("utf-8")
        name = f"{n:06d}_{hashlib.sha1(data).hexdigest()[:16]}.txt"
        (out / name).write_bytes(data)
        written.append(out / name)
        total += len(data)
        n += 1
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--size 10MB --seed 1 --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("1MB"), help="total size, e.g. 200KB, 10MB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw", help="folder of real articles")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.glob("*.txt")):
        parser.error(f"{args.out} already holds .txt files; give an empty or new folder")
    files = make_corpus(args.size, args.seed, args.out, args.raw)
    total = sum(p.stat().st_size for p in files)
    sys.stderr.write(f"wrote {len(files)} articles, {total:,} bytes, to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
