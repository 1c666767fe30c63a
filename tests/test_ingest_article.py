"""Clean articles as news sites serve them: half-width punctuation, bylines and datelines."""

from __future__ import annotations

from helpers import make_article

from kg.extract import extract_article
from kg.ingest.article import article_from_text
from kg.ingest.page import looks_like_page


def read(text: str, issued: str | None = "2024-05-11"):
    return article_from_text(text, article_id="t", path="t.txt", issued=issued)


def test_byline_in_brackets_after_a_newspaper_dateline():
    art = read("区委召开会议\n本报讯（记者 王明 李红 通讯员 赵强）5月10日上午，区委召开常委会会议。\n")
    assert [(a.name, a.role) for a in art.authors] == [("王明", "记者"), ("李红", "记者"), ("赵强", "通讯员")]
    assert art.dateline_date == "2024-05-10"
    assert art.sentences[0].text.startswith("5月10日上午")


def test_byline_with_half_width_brackets_and_spaced_role():
    art = read("标题\n(记 者:王明 张红 见习记者 李强)区委召开会议。\n")
    assert [a.name for a in art.authors] == ["王明", "张红", "李强"]
    assert art.sentences[0].text == "区委召开会议。"


def test_a_dateline_of_two_sites_and_a_site_s_reporter():
    art = read("标题\n青禾在线-白沙新闻网5月9日讯(青禾在线记者 欧阳明)昨天下午，视察团来我县视察。\n")
    assert [(a.name, a.role) for a in art.authors] == [("欧阳明", "记者")]
    assert art.dateline_date == "2024-05-09"
    assert art.sentences[0].text.startswith("昨天下午")


def test_two_reporters_printed_with_no_space_between_their_names():
    art = read("标题\n本报讯(记者黄明贤龚立新)5月9日下午，县长李锋参加审议。\n")
    assert [a.name for a in art.authors] == ["黄明贤", "龚立新"]


def test_negative_six_characters_that_are_not_two_names_are_no_authors():
    art = read("标题\n本报讯(记者来自各个乡镇)5月9日下午，县长李锋参加审议。\n")
    assert art.authors == ()


def test_website_dateline_gives_the_date():
    art = read("标题\n某某网5月9日讯（通讯员 周凯）县政府召开常务会议。\n")
    assert art.dateline_date == "2024-05-09"
    assert [a.name for a in art.authors] == ["周凯"]


def test_byline_closing_the_article_is_not_text():
    art = read("标题\n县政府召开常务会议。\n（通讯员 周凯 刘芳）\n来源：某某县融媒体中心\n")
    assert [a.name for a in art.authors] == ["周凯", "刘芳"]
    assert [s.text for s in art.sentences] == ["县政府召开常务会议。"]


def test_negative_a_bracketed_word_opening_the_text_is_no_byline():
    art = read("标题\n（扩大）会议召开。\n")
    assert art.authors == ()
    assert art.sentences[0].text == "（扩大）会议召开。"


def test_negative_a_record_s_authors_win_over_its_text():
    art = article_from_text("本报讯（记者 王明）会议召开。", article_id="t", path="t.jsonl", title="标题",
                            authors=())
    assert [a.name for a in art.authors] == ["王明"]


def test_clean_article_opening_with_a_dateline_is_not_a_page():
    text = "区委召开会议\n本报讯（记者 王明）5月10日，区委召开会议。\n会议强调，要抓好落实。\n"
    assert not looks_like_page(text)


def test_half_width_punctuation_reads_as_full_width_and_evidence_quotes_the_original():
    body = "5月10日上午,区委书记周敏主持召开区委常委会会议,传达学习全市领导干部会议精神。"
    facts = extract_article(make_article(body))
    assert {e.label for e in facts.entities if e.kind == "person"} == {"周敏"}
    person = next(e for e in facts.entities if e.kind == "person")
    sentence = facts.article.sentences[person.evidence.sentence_index]
    assert "," in sentence.text  # the article keeps what was written
    assert sentence.text[person.evidence.start:person.evidence.end] == person.evidence.surface


def test_byline_in_brackets_closing_the_last_paragraph():
    art = read("标题\n县委常委会召开会议。\n会议还研究了其他事项。 (朱明 李红)\n")
    assert [a.name for a in art.authors] == ["朱明", "李红"]
    assert art.sentences[-1].text == "会议还研究了其他事项。"


def test_author_line_before_the_text_and_editor_in_brackets_after_it():
    art = read("标题\n作者：俞明 章红\n县长王强到企业调研。\n（责任编辑：李华）\n")
    assert [a.name for a in art.authors] == ["俞明", "章红"]
    assert [s.text for s in art.sentences] == ["县长王强到企业调研。"]


def test_reporter_who_reports():
    art = read("标题\n记者刘明报道：3月24日，市政府与某集团签署战略合作协议。\n")
    assert [(a.name, a.role) for a in art.authors] == [("刘明", "记者")]
    assert art.dateline_date == "2024-03-24"


def test_closing_bylines_as_sites_print_them():
    art = read("标题\n县委召开会议。\n会议还研究了其他事项。(记者 李明 编辑 王红)\n")
    assert [(a.name, a.role) for a in art.authors] == [("李明", "记者")]  # the editor is no author
    art = read("标题\n县委召开会议。(罗晓明)\n")
    assert [a.name for a in art.authors] == ["罗晓明"]
    art = read("标题\n县委召开会议。\n张慧明 顾 辉\n")
    assert [a.name for a in art.authors] == ["张慧明", "顾辉"]
    assert [s.text for s in art.sentences] == ["县委召开会议。"]


def test_negative_a_draft_in_brackets_closing_the_text_is_no_byline():
    art = read("标题\n会议审议了有关事项（草案）\n")
    assert art.authors == ()


def test_relative_days_resolve_from_the_issue_date():
    from kg.ingest.dates import find_dates
    assert [(d.date, d.part_of_day) for d in find_dates("昨日上午，区委召开会议", "2024-05-11")] == [
        ("2024-05-10", "上午")]
    assert [d.date for d in find_dates("县长于今天下午主持会议", "2024-05-11")] == ["2024-05-11"]
    assert find_dates("如今天气转暖", "2024-05-11") == []
    assert find_dates("昨日上午，区委召开会议", None) == []


def test_closing_bylines_of_names_joined_and_of_a_unit():
    art = read("标题\n县委召开会议。\n共同努力，开好大会。(王利华、杨蓉芳)\n")
    assert [a.name for a in art.authors] == ["王利华", "杨蓉芳"]
    art = read("标题\n县委召开会议。\n    (图文:区政协联络科 钟健明)\n")
    assert [(a.name, a.role) for a in art.authors] == [("钟健明", "")]


def test_closing_bylines_after_the_source_named():
    art = read("标题\n县委召开会议。\n丨来源青禾融媒(记者 周晓明 图片 孙丽)\n")
    assert [(a.name, a.role) for a in art.authors] == [("周晓明", "记者"), ("孙丽", "摄影")]
    art = read("标题\n县委召开会议。\n青禾融媒 周晓明\n")
    assert [(a.name, a.role) for a in art.authors] == [("周晓明", "")]
    assert [s.text for s in art.sentences] == ["县委召开会议。"]


def test_negative_a_source_before_words_that_are_no_names_is_no_byline():
    art = read("标题\n县委召开会议。\n青禾日报 要闻\n")
    assert art.authors == ()


def test_negative_an_affiliation_without_a_role_is_no_byline():
    art = read("标题\n会议研究了有关事项（区政协联络科 钟健明）\n")
    assert art.authors == ()


def test_text_saved_without_its_headline_keeps_its_first_paragraph():
    art = read("本报讯昨日上午，县人大常委会召开会议。县人大常委会主任张晋明出席。\n会议审议了有关事项。\n")
    assert art.title == ""
    assert art.sentences[0].text.startswith("昨日上午") and art.dateline_date == "2024-05-10"
    art = read("县人大常委会召开会议\n县人大常委会主任张晋明出席。\n")
    assert art.title == "县人大常委会召开会议"


def test_reporter_of_a_station():
    art = read("标题\n红网时刻5月1日讯（道县站记者 谢万明）4月30日，道县召开会议。\n")
    assert [(a.name, a.role) for a in art.authors] == [("谢万明", "记者")]


def test_bylines_after_a_subtitle_of_a_place_and_glued_to_the_unit():
    art = read("区人大常委会党组召开会议\n孙明主持会议\n本报讯(记者 尹明亮)5月8日,区人大常委会党组召开会议。\n")
    assert [a.name for a in art.authors] == ["尹明亮"] and art.dateline_date == "2024-05-08"
    assert [s.text for s in art.sentences][:2] == ["孙明主持会议", "5月8日,区人大常委会党组召开会议。"]
    art = read("标题\n吉州讯(张春华、史延明)为尽快启动工作,5月3日,调研组来吉州调研。\n")
    assert [a.name for a in art.authors] == ["张春华", "史延明"]
    art = read("标题\n天水日报讯【新天水·天水日报记者马明放】10月12日,社长到天水调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("马明放", "记者")]
    art = read("标题\n县委召开会议。\n会议通过了议程。(玉溪日报全媒体记者 刘黎明/文 曾永红/图)\n")
    assert [a.name for a in art.authors] == ["刘黎明", "曾永红"]


def test_a_byline_without_a_role_names_authors_with_no_post():
    art = read("标题\n县委召开会议。\n(贺明远 苏晓)\n")
    assert [(a.name, a.role) for a in art.authors] == [("贺明远", ""), ("苏晓", "")]


def test_a_line_of_particulars_names_the_author_and_is_no_text():
    art = read("标题\n2025年02月21日 来源: 《某某日报》 作者: 记者 俞明\n县长王强到企业调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("俞明", "记者")]
    assert "来源" not in "".join(s.text for s in art.sentences)
    art = read("标题\n(2015-1-19 14:13:11)  来源:某县新闻中心 作者:颉安\n县长王强到企业调研。\n")
    assert [a.name for a in art.authors] == ["颉安"]  # a surname not in the list: 作者 says it is a name
    art = read("标题\n2024-01-02 来源：某某网\n县长王强到企业调研。\n")
    assert not art.authors and "来源" not in "".join(s.text for s in art.sentences)


def test_a_byline_line_after_a_mark():
    art = read("标题\n■ 融媒体记者 俞明\n本报讯 县长王强到企业调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("俞明", "记者")]


def test_bylines_of_local_sites_before_and_after_the_text():
    # a line of particulars after a subtitle: date, paper, reporter
    art = read("标题\n副题一句\n2024-05-10   《江城日报》   记者 龙明远\n县委召开会议。\n")
    assert [(a.name, a.role) for a in art.authors] == [("龙明远", "记者")]
    assert [s.text for s in art.sentences][-1] == "县委召开会议。"
    # a reporter of a client or a media centre, on a line of its own or in brackets
    art = read("标题\n江城日报·新江城客户端记者 韩志明 通讯员 方立华\n县委召开会议。\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "记者"), ("方立华", "通讯员")]
    art = read("标题\n县委召开会议。(江城融媒记者:朱玉明)\n")
    assert [a.name for a in art.authors] == ["朱玉明"]
    # a mark before a byline of its own line, a Hui surname
    art = read("标题\n县委召开会议。\n丨记者:纳雪梅\n")
    assert [a.name for a in art.authors] == ["纳雪梅"]
    # who sent the article, after its source
    art = read("标题\n县委召开会议。\n来源:江城区政协 窦显明\n")
    assert [(a.name, a.role) for a in art.authors] == [("窦显明", "")]


def test_negative_a_source_line_names_no_author_without_a_name():
    art = read("标题\n县委召开会议。\n来源:江城区政协办公室\n")
    assert art.authors == ()
    art = read("标题\n副题一句\n县委召开会议，县长出席。\n")
    assert art.authors == () and art.sentences[0].text == "副题一句"


def test_more_bylines_of_local_sites():
    # 作者 and 文/图 name an author, not a post
    art = read("标题\n县委召开会议。\n作者:黎明远\n")
    assert [(a.name, a.role) for a in art.authors] == [("黎明远", "")]
    # the role before a vertical mark, each on a line of its own
    art = read("标题\n县委召开会议。\n记者丨韩志明\n通讯员丨方立华\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "记者"), ("方立华", "通讯员")]
    # a site's dateline taking the report from a paper, the byline after it
    art = read("标题\n江城网1月7日讯 据江城日报报道(记者龙明远)1月5日下午,县长王强到企业调研。\n")
    assert [a.name for a in art.authors] == ["龙明远"] and art.sentences[0].text.startswith("1月5日下午")
    # units before the names of those who wrote and photographed it, one credited once
    art = read("标题\n县长王强到企业调研。\n(文:县政府办/龙明远  园区管委会/方立华  图:园区管委会/方立华)\n")
    assert [(a.name, a.role) for a in art.authors] == [("龙明远", ""), ("方立华", "")]
    # a line of particulars as some sites label it
    art = read("标题\n发布时期: 2021-01-15 信息来源: 江城区人大 作者: 韩志明\n县长王强到企业调研。\n")
    assert [a.name for a in art.authors] == ["韩志明"]
    # after the last sentence: a mark, or names in brackets one of which is a pen name
    art = read("标题\n县长王强到企业调研。□ 韩志明\n")
    assert [a.name for a in art.authors] == ["韩志明"] and art.sentences[-1].text == "县长王强到企业调研。"
    art = read("标题\n县长王强到企业调研。(江组轩 韩志明)\n")
    assert [a.name for a in art.authors] == ["江组轩", "韩志明"]


def test_bylines_of_local_sites_as_their_pages_print_them():
    # a dateline whose day's digits run together, then the reporter in brackets
    art = read("标题\n江城融媒731日讯(记者 韩志明)7月30日,县政协召开常委会会议。\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "记者")]
    assert art.sentences[0].text.startswith("7月30日")
    # reporters of a newsroom of all media, before 报道
    art = read("标题\n全媒体记者韩志明 方立华报道:2月17日,县长王强到企业调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "记者"), ("方立华", "记者")]
    # a line of particulars in square brackets that opens with the author
    art = read("标题\n[作者:韩志明 发布时间:2022-04-28 19:47 来源:江城区人民政府]\n县长王强到企业调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "")]
    # a line of particulars closed by the source and who sent it
    art = read("标题\n2021-02-07 17:35:09 来源:江城县电视台 韩志明\n县长王强到企业调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "")]
    art = read("标题\n2020-02-06  江城县政协办  韩志明\n县长王强到企业调研。\n")
    assert [(a.name, a.role) for a in art.authors] == [("韩志明", "")]
    # reporters after a thin vertical bar; names alone in brackets on the last line, one a pen name
    art = read("标题\n县长王强到企业调研。\n(记者 ▏韩志明 方立华)\n")
    assert [a.name for a in art.authors] == ["韩志明", "方立华"]
    art = read("标题\n县长王强到企业调研。\n(苗立 江洲)\n")
    assert [a.name for a in art.authors] == ["苗立", "江洲"]


def test_negative_lines_of_particulars_without_a_sender_name_no_author():
    assert read("标题\n2021-02-07 来源:江城县电视台 点击:35\n县长王强到企业调研。\n").authors == ()
    assert read("标题\n2020-02-06 全县召开大会 韩志明\n县长王强到企业调研。\n").authors == ()
    assert read("标题\n县长王强到企业调研。\n(一期 二期)\n").authors == ()


def test_negative_words_in_brackets_or_after_a_mark_are_no_byline():
    assert read("标题\n县长王强到企业调研。(一期 二期)\n").authors == ()  # no name among them
    assert read("标题\n会议审议了有关事项(修订 草案)\n").authors == ()  # not after a sentence
    assert read("标题\n县长王强到企业调研。□ 重点项目\n").authors == ()
