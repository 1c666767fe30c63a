"""The page reader on small hand-made pages, one rule per test."""

from __future__ import annotations

from kg.ingest.page import layout, looks_like_page, parse_byline, read_page

# Body lines are about 20 characters wide, broken mid-word as PDF extraction leaves them.
TWO_STORIES_HEADLINES_AT_END = """\
 03要闻·城区

□ 记者 李明

本报讯 3 月 5 日上午，市委常委、区委书记张

建国主持召开区委常委会会议，研究部署春季

植树造林工作。

会议强调，要压实责任，确保造林任务按期完

成，让城区天更蓝、山更绿、水更清。

□ 通讯员 周红 何亮

本报讯 3 月 4 日下午，城区“智慧停车平台”

正式上线运行，首批接入停车泊位八千余个，

市民可通过手机查询空余车位并在线缴费。

据介绍，平台将逐步覆盖全区主要商圈和医院

周边道路。

城区“智慧停车平台”上线

八千余个泊位可在线查询

张建国主持召开区委常委会会议

市民在停车场扫码缴费。
"""

HEADLINE_BEFORE_STORY_NO_HEADER = """\
东湖街道举办消防演练

□ 记者 孙悦

本报讯 5 月 8 日上午，东湖街道在辖区小学举

办消防安全演练，三百余名师生参加演练。

演练结束后，消防员向师生讲解了灭火器的使

用方法。
"""


def test_page_detected_by_byline_and_header():
    assert looks_like_page(TWO_STORIES_HEADLINES_AT_END)
    assert not looks_like_page("标题\n这是一篇普通文章的正文。\n第二段。\n")


def test_byline_with_two_roles_and_names():
    assert [(a.name, a.role) for a in parse_byline("记者 李明 通讯员 周红 何亮")] == [
        ("李明", "记者"), ("周红", "通讯员"), ("何亮", "通讯员")]


def test_header_is_furniture_and_section_is_kept():
    articles, page = read_page(TWO_STORIES_HEADLINES_AT_END, "p.txt", "p", "2021-03-06")
    assert page.page == "03" and page.section == "要闻·城区"
    assert all("要闻" not in a.text for a in articles)
    assert {a.section for a in articles} == {"要闻·城区"}


def test_split_at_bylines_and_datelines_resolved_against_issue_date():
    articles, _ = read_page(TWO_STORIES_HEADLINES_AT_END, "p.txt", "p", "2021-03-06")
    assert len(articles) == 2
    assert [a.dateline_date for a in articles] == ["2021-03-05", "2021-03-04"]
    assert [a.part_of_day for a in articles] == ["上午", "下午"]
    assert [[x.name for x in a.authors] for a in articles] == [["李明"], ["周红", "何亮"]]


def test_headlines_printed_after_stories_attach_by_content():
    articles, _ = read_page(TWO_STORIES_HEADLINES_AT_END, "p.txt", "p", "2021-03-06")
    first, second = articles
    assert first.title == "张建国主持召开区委常委会会议"
    assert second.title == "城区“智慧停车平台”上线"
    assert second.subtitle == "八千余个泊位可在线查询"


def test_caption_kept_apart_from_body():
    articles, _ = read_page(TWO_STORIES_HEADLINES_AT_END, "p.txt", "p", "2021-03-06")
    assert "市民在停车场扫码缴费。" in articles[1].captions
    assert all("扫码缴费" not in a.text for a in articles)
    caption_sentences = [s for s in articles[1].sentences if s.kind == "caption"]
    assert [s.text for s in caption_sentences] == ["市民在停车场扫码缴费。"]


def test_lines_broken_mid_word_are_joined():
    articles, _ = read_page(TWO_STORIES_HEADLINES_AT_END, "p.txt", "p", "2021-03-06")
    first = articles[0]
    want = "3 月 5 日上午，市委常委、区委书记张建国主持召开区委常委会会议，研究部署春季植树造林工作。"
    assert first.sentences[0].text == want
    assert len(first.paragraphs) == 2  # the paragraph break after 工作。 survives the joining


def test_sentence_offsets_point_into_the_original_input():
    text = TWO_STORIES_HEADLINES_AT_END
    articles, _ = read_page(text, "p.txt", "p", "2021-03-06")
    for a in articles:
        for s in a.sentences:
            original = text[s.start:s.end]
            assert original.replace("\n", "") == s.text


def test_headline_before_story_and_page_without_header():
    articles, page = read_page(HEADLINE_BEFORE_STORY_NO_HEADER, "q.txt", "q", "2021-05-09")
    assert page.page is None and page.section is None
    assert len(articles) == 1
    assert articles[0].title == "东湖街道举办消防演练"
    assert articles[0].dateline_date == "2021-05-08"
    assert "东湖街道举办消防演练" not in articles[0].text


def test_pull_quote_box_is_dropped():
    page = "阅读提示\n\n要压实责任，确保造林任务按期完成。\n\n" + TWO_STORIES_HEADLINES_AT_END.split("\n", 2)[2]
    stories, lay = layout(page)
    assert "阅读提示" in lay.furniture
    articles, _ = read_page(page, "p.txt", "p", "2021-03-06")
    assert articles[0].sentences[0].text.startswith("3 月 5 日上午")
    assert sum("确保造林任务按期完成" in a.text for a in articles) == 1


def test_without_issue_date_datelines_stay_partial():
    articles, _ = read_page(TWO_STORIES_HEADLINES_AT_END, "p.txt", "p", None)
    assert [a.dateline_date for a in articles] == ["--03-05", "--03-04"]
