"""Text normalisation in one place: small ``str -> str`` steps in a fixed order.

The same functions serve matching and labels, so a label we emit compares equal to
what a reader (or the scorer) normalises.
"""

import re
import unicodedata

QUOTE_MARKS = "“”\"《》「」『』‘’'〈〉"
_QUOTE_TABLE = str.maketrans("", "", QUOTE_MARKS)
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width ASCII to half-width, compatibility forms folded.

    >>> nfkc("ＰＭ２．５")
    'PM2.5'
    """
    return unicodedata.normalize("NFKC", text)


def keep_chinese_punctuation(text: str) -> str:
    """Undo NFKC's folding of Chinese sentence punctuation we split on.

    NFKC turns full-width ，；：！？（） into ASCII; article text keeps the
    Chinese forms so sentence rules have one set of marks to look for.

    A comma that groups thousands (1,234.5) stays a comma, the number's own.

    >>> keep_chinese_punctuation("a,b;c 1,234 5,67")
    'a，b；c 1,234 5，67'
    """
    return _FOLDED.sub(lambda m: _CHINESE_PUNCTUATION[m.group()], text)


_CHINESE_PUNCTUATION = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_FOLDED = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[;:!?()]")  # every mark but a comma grouping thousands


def collapse_spaces(text: str) -> str:
    """Collapse runs of spaces and tabs inside a line to one ASCII space."""
    return _SPACES.sub(" ", text)


def normalize_text(text: str) -> str:
    """Normalise article text for extraction: NFKC, Chinese punctuation, spaces, newlines.

    >>> normalize_text("２０２５年，ＰＭ２．５\\r\\n")
    '2025年，PM2.5\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = keep_chinese_punctuation(nfkc(text))
    return "\n".join(collapse_spaces(line).strip() for line in text.split("\n"))


def strip_quotes(text: str) -> str:
    """Remove quote and title marks (“ ” " 《 》 「 」).

    >>> strip_quotes("“五水共治”")
    '五水共治'
    """
    return text.translate(_QUOTE_TABLE)


def clean_label(text: str) -> str:
    """A label for display: quotes dropped, 《》 kept inside a name but not around all of it.

    >>> clean_label("“学习宣传贯彻《生态环境监测条例》提升执法效能”专题培训班")
    '学习宣传贯彻《生态环境监测条例》提升执法效能专题培训班'
    >>> clean_label("《生态环境监测条例》")
    '生态环境监测条例'
    """
    text = text.translate(str.maketrans("", "", "“”\"「」『』‘’'")).strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    return text


def label_key(text: str) -> str:
    """The comparison key of a label: NFKC, no quote marks, no whitespace.

    >>> label_key(" 《生态环境监测条例》 ")
    '生态环境监测条例'
    """
    return "".join(strip_quotes(nfkc(text)).split())


def plain_decimal(lexical: str) -> str:
    """A decimal as people write it: the graph's canonical ``xsd:decimal`` form drops its ``.0``.

    >>> plain_decimal("300.0"), plain_decimal("15.40"), plain_decimal("0.5")
    ('300', '15.40', '0.5')
    """
    return lexical[:-2] if lexical.endswith(".0") else lexical
