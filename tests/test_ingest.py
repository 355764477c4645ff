"""Read and decode, and split a page into articles."""

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import decode, find_text_files, read_document, read_documents, reflow, split_articles
from kg.types import Document, Skipped

SEED = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_86313f0a6bb92235.txt"

# fmt: off
DECODE_CASES = [
    ("高平市生态环境".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "高平市".encode("utf-8"), "utf-8-sig"),
    ("晋中市汾河流域".encode("gbk"), "gb18030"),
    ("晋中市汾河流域".encode("gb18030"), "gb18030"),
]
# fmt: on


@pytest.mark.parametrize("data,encoding", DECODE_CASES)
def test_decode(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert "\ufeff" not in text and text.startswith(("高平", "晋中"))


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02PNG\x00" * 50, "binary"),
    (bytes(range(128, 256)) * 3, "undecodable"),
])
def test_bad_files_are_skipped_with_a_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text("太原市生态环境局举办培训班。", encoding="utf-8")
    got = list(read_documents([tmp_path]))
    skipped = [g for g in got if isinstance(g, Skipped)]
    assert [type(g) for g in got].count(Document) == 1
    assert len(skipped) == 1 and reason in skipped[0].reason and "bad.txt" in skipped[0].reason


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        find_text_files([tmp_path / "nope"])


def test_text_is_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ＰＭ２．５年均浓度30微克\r\n", encoding="utf-8")
    assert read_document(path).text == "PM2.5年均浓度30微克\n"


def test_seed_page_splits_into_its_four_articles():
    articles = split_articles(read_document(SEED))
    assert len(articles) == 4
    assert [a.byline for a in articles] == [("来虹",), ("高岗桢",), ("薛东娥",), ("范琛", "陈海瑞")]
    assert all(a.outlet == "科学导报" for a in articles)
    assert "太原市生态环境局" in articles[1].title and "柳林分局" in articles[2].title
    assert articles[3].title.startswith("晋中")
    assert articles[2].date == "4月3日"


@pytest.mark.parametrize("first_line,outlet,byline,date", [
    ("新华社成都4月20日电（记者 王迪）记者从四川省生态环境厅获悉。", "新华社", ("王迪",), "4月20日"),
    ("本报讯（记者 李明 通讯员 张华）近日，江苏省生态环境厅召开会议。", "", ("李明", "张华"), ""),
    ("央视网消息（新闻联播）：记者从生态环境部获悉。", "央视网", (), ""),
])
def test_datelines_and_bylines(tmp_path, first_line, outlet, byline, date):
    path = tmp_path / "a.txt"
    path.write_text(f"标题\n\n{first_line}\n\n正文。", encoding="utf-8")
    [article] = split_articles(read_document(path))
    assert (article.outlet, article.byline, article.date) == (outlet, byline, date)


@pytest.mark.parametrize("meta,outlet,date", [
    ("来源：贵州日报  发布时间：2024-06-05 09:12", "贵州日报", "2024-06-05"),
    ("发布时间：2024年6月5日  来源：《中国环境报》", "中国环境报", "2024-06-05"),
    ("2024/06/05 09:12 来源：中国环境网", "中国环境网", "2024-06-05"),
])
def test_web_page_metadata_lines(tmp_path, meta, outlet, date):
    """A web page's metadata lines give the outlet and date and are no title; they stay in the text."""
    path = tmp_path / "web.txt"
    path.write_text(f"贵州：乌江流域水质持续改善\n{meta}\n\n2023年，乌江干流水质由Ⅲ类提升至Ⅱ类。\n\n责任编辑：李华",
                    encoding="utf-8")
    [article] = split_articles(read_document(path))
    assert (article.title, article.outlet, article.date) == ("贵州：乌江流域水质持续改善", outlet, date)
    assert outlet in article.text and "乌江干流" in article.text  # the outlet stays a mention


@pytest.mark.parametrize("name,first_line,date", [
    ("41_xwlb_20240406.txt", "宁海县召开会议。", "2024-04-06"),
    ("2023-08-15-公报.txt", "宁海县召开会议。", "2023-08-15"),
    ("公报_2023.08.15.txt", "宁海县召开会议。", "2023-08-15"),
    ("20240231.txt", "宁海县召开会议。", ""),  # no such day
    ("a1202401151.txt", "宁海县召开会议。", ""),  # digits inside a longer number
    ("2023-0815.txt", "宁海县召开会议。", ""),  # separators must agree
    ("41_20240406.txt", "发布时间：2024年6月5日  来源：宁海日报", "2024-06-05"),  # the text's date comes first
    ("41_20240406.txt", "新华社宁海4月20日电 宁海县召开会议。", "2024-04-06"),
])
def test_a_date_in_the_file_name_dates_an_article_whose_text_gives_none(tmp_path, name, first_line, date):
    path = tmp_path / name
    path.write_text(f"宁海县治水见成效\n{first_line}\n\n今年，宁海县优良天数为300天。", encoding="utf-8")
    [article] = split_articles(read_document(path))
    assert article.date == date


def test_a_page_masthead_dates_every_article_and_names_the_outlet_of_its_bylines(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("\n甘肃日报 2024年11月20日 第5版\n\n祁连山生态保护修复成效显著\n本报记者 马晓燕\n\n近日，保护区整改完成。\n\n"
                    "兰州：黄河兰州段水质稳定\n本报记者 王丽\n\n今年以来，兰州市水质稳定。", encoding="utf-8")
    articles = split_articles(read_document(path))
    assert [(a.title, a.outlet, a.date, a.byline) for a in articles] == [
        ("祁连山生态保护修复成效显著", "甘肃日报", "2024-11-20", ("马晓燕",)),
        ("兰州：黄河兰州段水质稳定", "甘肃日报", "2024-11-20", ("王丽",))]
    assert "甘肃日报" in articles[0].text  # the outlet stays a mention of the first article


def test_byline_lines_without_an_outlet_open_articles(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("长沙：浏阳河水质稳定\n■记者 周琳 通讯员 肖雨\n\n本报讯 浏阳河水质稳定。\n\n"
                    "株洲：湘江生态修复见成效\n文/图 记者 杨帆\n\n近日，株洲市开展巡查。", encoding="utf-8")
    articles = split_articles(read_document(path))
    assert [(a.title, a.byline) for a in articles] == [("长沙：浏阳河水质稳定", ("周琳", "肖雨")),
                                                       ("株洲：湘江生态修复见成效", ("杨帆",))]


def test_a_numbered_section_heading_is_not_part_of_the_title(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_text("2023年湖北省生态环境状况公报（摘要）\n\n一、环境空气\n2023年，全省优良天数比例为82.5%。",
                    encoding="utf-8")
    [article] = split_articles(read_document(path))
    assert article.title == "2023年湖北省生态环境状况公报（摘要）" and "一、环境空气" in article.text


def test_a_photo_caption_is_not_part_of_the_title(tmp_path):
    path = tmp_path / "cq.txt"
    path.write_text("重庆：长江干流水质保持Ⅱ类\n来源：重庆日报\n\n图为长江重庆段。记者 李文 摄\n\n3月11日，记者从重庆市生态环境局获悉。",
                    encoding="utf-8")
    [article] = split_articles(read_document(path))
    assert article.title == "重庆：长江干流水质保持II类"


@pytest.mark.parametrize("content,title", [
    ("原标题：宁海县河湖水质持续改善\n\n近日，宁海县开展巡河。", "宁海县河湖水质持续改善"),  # a heading
    ("原标题：宁海县河湖水质持续改善宁海县开展巡河，共清理垃圾20吨，河道面貌焕然一新，群众纷纷点赞。",
     "宁海县河湖水质持续改善宁海县开展巡河，共清理垃圾20吨，河道面貌焕然一新，群众纷"),  # one line: 40 after it
])
def test_a_repost_s_original_title_mark_is_not_part_of_the_title(tmp_path, content, title):
    path = tmp_path / "repost.txt"
    path.write_text(content, encoding="utf-8")
    [article] = split_articles(read_document(path))
    assert article.title == title


def test_a_document_without_bylines_is_one_article(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("某市召开会议\n\n会议要求全面推进河长制。", encoding="utf-8")
    articles = split_articles(read_document(path))
    assert len(articles) == 1 and articles[0].title == "某市召开会议"


def test_reflow_joins_paragraphs_broken_by_the_layout_and_keeps_captions():
    lines = ["蓝天常在，空气常新，好的空气质量成为晋", "中市最鲜明的生态底色。", "高平釜山水库。图片由受访者提供"]
    assert reflow(lines) == ["蓝天常在，空气常新，好的空气质量成为晋中市最鲜明的生态底色。", "高平釜山水库。图片由受访者提供"]


def test_files_are_found_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        Path(tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_text_files([tmp_path])] == ["a.txt", "b.txt"]
