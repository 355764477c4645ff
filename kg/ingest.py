"""Read and decode input files, then split each document into its articles.

``read_documents(paths)`` yields :class:`~kg.types.Document` or
:class:`~kg.types.Skipped`; ``split_articles(document)`` returns the articles of a
newspaper page: a heading block followed by a byline or dateline opens an
article, and a lone signature line (a reporter's name) closes one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.lexicon import load_layout, load_surnames
from kg.normalize import normalize_text
from kg.types import Article, Document, Skipped

ENCODINGS = ("utf-8", "gb18030")
SENTENCE_END = "。！？；…”」』）)：:"
HAN = r"\u4e00-\u9fff"


def find_text_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand paths into a sorted list of ``.txt`` files.

    Raises:
        InputError: a path does not exist.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"input path not found: {path} (give a .txt file or a folder of them)")
        if path.is_dir():
            files.extend(p for p in path.rglob("*.txt") if p.is_file())
        else:
            files.append(path)
    return sorted(set(files), key=lambda p: (p.name, str(p)))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or GB18030.

    Returns:
        The text and the encoding used.

    Raises:
        InputError: the bytes are binary or in no supported encoding.

    >>> decode("高平".encode("gbk"))
    ('高平', 'gb18030')
    """
    if b"\x00" in data[:4096]:
        raise InputError("binary file (NUL bytes): give UTF-8 or GB18030 text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError("undecodable text: neither UTF-8 nor GB18030")


def read_document(path: Path) -> Document:
    """Read and decode one file.

    Raises:
        InputError: the file is empty, binary or undecodable.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    if not data.strip():
        raise InputError(f"{path}: empty file")
    try:
        text, encoding = decode(data)
    except InputError as e:
        raise InputError(f"{path}: {e}") from e
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        raise InputError(f"{path}: binary file (control characters): give UTF-8 or GB18030 text")
    return Document(source_file=path.name, path=str(path), text=normalize_text(text), encoding=encoding)


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Yield every input document, or a :class:`Skipped` record for files that cannot be read."""
    for path in find_text_files(paths):
        try:
            yield read_document(path)
        except InputError as e:
            yield Skipped(path=str(path), reason=str(e))


# --- article splitting ---------------------------------------------------------------

SECTION_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])")
ISO_DATE_RE = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def iso_date(text: str) -> str:
    """The first full date in `text` as YYYY-MM-DD (2024年6月5日, 2024-06-05, 2024/6/5), else ""."""
    d = ISO_DATE_RE.search(text)
    return f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}" if d else ""


# 41_xwlb_20240406.txt, 2023-08-15-bulletin.txt: a date that names the file dates its articles
NAME_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(file_name: str) -> str:
    """The date written in a file's name as YYYY-MM-DD, else "" (a date line in the text comes first).

    >>> date_in_name("41_xwlb_20240406.txt"), date_in_name("2023-08-15-公报.txt"), date_in_name("20240231.txt")
    ('2024-04-06', '2023-08-15', '')
    """
    m = NAME_DATE_RE.search(Path(file_name).stem)
    if m is None:
        return ""
    try:
        return datetime.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
    except ValueError:  # 20240231: digits that are no date
        return ""


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


class _Layout:
    def __init__(self) -> None:
        cues = load_layout()
        self.captions = cues["caption"]
        roles = "|".join(sorted(map(re.escape, cues["byline_role"]), key=len, reverse=True))
        suffixes = "|".join(sorted(map(re.escape, cues["outlet_suffix"]), key=len, reverse=True))
        datelines = "|".join(map(re.escape, cues["dateline"]))
        outlet = rf"《?([{HAN}]{{1,8}}(?:{suffixes}))》?"
        self.byline = re.compile(rf"^{outlet}\s*(?:{roles})\s*((?:[{HAN}]{{2,4}}\s*)+)$")
        # ■记者 周琳 通讯员 肖雨, 文/图 记者 杨帆: a byline line of its own, with no outlet
        self.bare_byline = re.compile(rf"^[■●◆▲★□▪\s]*(?:(?:文/图|文|图)\s*[/／:：]?\s*)?(?:{roles})\s*((?:[{HAN}]{{2,4}}\s*)+)$")
        self.dateline = re.compile(rf"^{outlet}(?:\s+|讯)(?:(\d{{1,2}}月\d{{1,2}}日)|{datelines})")
        self.surnames = load_surnames()
        keys = "|".join(sorted(map(re.escape, cues["meta_key"]), key=len, reverse=True))
        self.meta = re.compile(rf"^\s*(?:{keys})\s*[:：]")
        self.meta_inside = re.compile(rf"\s(?:{keys})\s*[:：]")
        self.source = re.compile(r"来源\s*[:：]\s*([^\s|｜]+)")
        # a newspaper page's masthead: 甘肃日报 2024年11月20日 第5版
        self.masthead = re.compile(rf"^{outlet}\s*((?:19|20)\d{{2}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?)[^。，]{{0,20}}$")
        self.role_words = re.compile(roles)
        # 本报讯（记者 李明 通讯员 张华）近日… / 央视网消息（新闻联播）：…
        self.paren_byline = re.compile(
            rf"^([{HAN}]{{0,10}}?)(?:讯|消息)[（(]((?:(?:{roles})\s*(?:[{HAN}]{{2,4}}[\s、]*)+)+)[）)]")
        self.paren_dateline = re.compile(rf"^([{HAN}]{{2,10}}?)(?:讯|消息)[（(][^）)]{{1,20}}[）)]")
        # 新华社成都4月20日电（记者 王迪）
        self.wire_dateline = re.compile(
            rf"^([{HAN}]{{1,6}}(?:社|台|网))[{HAN}]{{0,6}}?(\d{{1,2}}月\d{{1,2}}日)电(?:[（(]((?:(?:{roles})\s*(?:[{HAN}]{{2,4}}[\s、]*)+)+)[）)])?")

    def is_meta(self, line: str) -> bool:
        """A web page's metadata line: 来源：贵州日报 发布时间：2024-06-05 09:12, 责任编辑：李华."""
        return len(line) <= 80 and bool(self.meta.match(line) or self.meta_inside.search(line)) \
            and not line.endswith(tuple(SENTENCE_END))

    def meta_cues(self, lines: list[str]) -> tuple[str, str]:
        """(outlet, ISO date) from metadata lines, each "" when not given."""
        outlet = date = ""
        for line in lines:
            m = self.source.search(line)
            outlet = outlet or (m.group(1).strip("《》") if m else "")
            date = date or iso_date(line)
        return outlet, date

    def byline_names(self, text: str) -> tuple[str, ...]:
        """Names inside a parenthesised byline: 记者 李明 通讯员 张华 -> (李明, 张华)."""
        return tuple(n for n in re.split(r"[\s、]+", self.role_words.sub(" ", text)) if n)

    def is_caption(self, line: str) -> bool:
        return len(line) < 60 and any(c in line for c in self.captions)

    def is_heading(self, line: str) -> bool:
        return len(line) <= 50 and not line.endswith(tuple("。！？；"))

    def is_signature(self, line: str) -> bool:
        return bool(re.fullmatch(rf"[{HAN}]{{2,3}}", line)) and (line[:2] in self.surnames or line[0] in self.surnames)


_LAYOUT: _Layout | None = None


def _without_title_prefix(title: str) -> str:
    """A title without what a repost writes before it (原标题：…: title_prefix in article_layout.tsv)."""
    prefix = next((p for p in load_layout().get("title_prefix", ()) if title.startswith(p)), "")
    return title[len(prefix):]


def _layout() -> _Layout:
    global _LAYOUT
    if _LAYOUT is None:
        _LAYOUT = _Layout()
    return _LAYOUT


def reflow(lines: list[str]) -> list[str]:
    """Join body paragraphs broken by the page layout; photo captions move to the end.

    >>> reflow(["蓝天常在，好的空气质量成为晋", "中市最鲜明的生态底色。"])
    ['蓝天常在，好的空气质量成为晋中市最鲜明的生态底色。']
    """
    layout = _layout()
    out: list[str] = []
    captions = [line for line in lines if layout.is_caption(line)]
    for line in lines:
        if layout.is_caption(line):
            continue
        prev = out[-1] if out else ""
        broken = prev and not prev.endswith(tuple(SENTENCE_END)) and (len(prev) > 50 or "，" in prev)
        if broken:
            out[-1] += line
        else:
            out.append(line)
    return out + captions


def split_articles(document: Document) -> list[Article]:
    """Split a document into articles.

    A document with no byline or dateline is one article titled by its first line.
    """
    layout = _layout()
    paras = _paragraphs(document.text)
    page_outlet = page_date = ""
    masthead = layout.masthead.match(paras[0][1].strip()) if paras else None
    if masthead:  # the page's outlet and date hold for every article on it; the line is text, not title
        page_outlet, page_date = masthead.group(1), iso_date(masthead.group(2))
    starts: list[int] = []  # paragraph index where an article begins
    cues: dict[int, tuple[str, tuple[str, ...], str]] = {}
    for i, (_, line) in enumerate(paras):
        byline = layout.byline.match(line) or layout.bare_byline.match(line)
        dateline = layout.dateline.match(line)
        paren = layout.paren_byline.match(line) or layout.paren_dateline.match(line)
        wire = layout.wire_dateline.match(line)
        if not (byline or dateline or paren or wire):
            continue
        start = i
        while start > 0 and layout.is_heading(paras[start - 1][1]) and not layout.is_caption(paras[start - 1][1]):
            prev = paras[start - 1][1]
            if layout.is_signature(prev) and start - 2 >= 0 and not layout.is_heading(paras[start - 2][1]):
                break
            start -= 1
        if wire:
            cues[start] = (wire.group(1), layout.byline_names(wire.group(3) or ""), wire.group(2))
        elif byline:
            outlet, names = (byline.group(1), byline.group(2)) if byline.re is layout.byline else ("", byline.group(1))
            cues[start] = (outlet, layout.byline_names(names), "")
        elif paren is not None and not dateline:
            outlet = paren.group(1) if paren.group(1) not in ("", "本报") else ""
            names = layout.byline_names(paren.group(2)) if paren.re is layout.paren_byline else ()
            cues[start] = (outlet, names, "")
        else:
            cues[start] = (dateline.group(1), (), dateline.group(2) or "")
        if not starts or start > starts[-1]:
            starts.append(start)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    articles = []
    for n, first in enumerate(starts):
        last = starts[n + 1] if n + 1 < len(starts) else len(paras)
        block = paras[first:last]
        if not block:
            continue
        meta = [line for _, line in block if layout.is_meta(line)]
        heading = []
        for pos, line in block:
            if masthead and pos == paras[0][0] or line in meta:
                continue  # the masthead and metadata lines stay in the text (来源：重庆日报 names the outlet)
            if heading and SECTION_RE.match(line):
                break  # 一、环境空气: the first section of the article, not its title
            if heading and layout.is_caption(line):
                continue  # 图为长江重庆段。记者 李文 摄: a photo's caption, not the title
            if layout.is_heading(line) and not layout.byline.match(line) and not layout.bare_byline.match(line) \
                    and not layout.dateline.match(line):
                heading.append(line)
            else:
                break
        outlet, byline, date = cues.get(first, ("", (), ""))
        meta_outlet, meta_date = layout.meta_cues(meta)
        outlet = (outlet if outlet != "本报" else "") or meta_outlet or page_outlet  # 本报: the page's own
        date = meta_date or page_date or iso_date(date) or date_in_name(document.source_file) or date
        body = [line for _, line in block]
        if body and layout.is_signature(body[-1]):
            byline = byline + (body[-1],)
        text = "\n".join(reflow(body))
        begin = block[0][0]
        end = block[-1][0] + len(block[-1][1])
        title = _without_title_prefix(" ".join(heading)) if heading else _without_title_prefix(body[0])[:40]
        if not text.strip():
            continue
        articles.append(Article(source_file=document.source_file, index=len(articles) + 1, title=title,
                                text=text, begin=begin, end=end, outlet=outlet, byline=byline, date=date))
    return articles
