"""Constructions of county and district reports, on reports written for the tests (invented names
and places): numbered sittings, lists of relays over semicolons, relays shared out over levels,
groundbreakings, vague references."""

from __future__ import annotations

from helpers import entities, facts_of, posts, relations


def test_a_chairmens_meeting_relays_each_item_of_a_list_cut_by_semicolons():
    f = facts_of("3月2日，区政协主席江岚主持召开区政协五届第十次主席会。会议传达学习2月27日中共中央政治局会议精神；"
                 "习近平总书记在学习贯彻党的二十大精神研讨班开班式上发表的重要讲话精神；"
                 "市委书记钟明在全市领导干部学习贯彻某某思想和党的二十大精神专题研讨班上的讲话精神等。")
    assert relations(f, "chair") == {("区政协五届第十次主席会", "江岚")}
    assert {r for _, r in relations(f, "relays")} == {
        "中共中央政治局会议", "学习贯彻党的二十大精神研讨班开班式",
        "全市领导干部学习贯彻某某思想和党的二十大精神专题研讨班"}
    assert "党的二十大" not in entities(f, "event")  # a part of the course's name, not an event here


def test_a_sitting_known_by_its_term_and_number_is_named_after_its_body():
    f = facts_of("1月8日，县政协召开二届四次常委会。县政协副主席温立主持会议并就做好大会筹备工作提出要求。")
    assert relations(f, "chair") == {("县政协二届四次常委会", "温立")}
    assert relations(f, "speaker") == {("县政协二届四次常委会", "温立")}
    f = facts_of("某某党派中央12月5日召开九届三次全会。")  # a body the gazetteer does not know: as written
    assert entities(f, "event") == {"九届三次全会"}


def test_a_groundbreaking_is_an_event_with_its_chair():
    f = facts_of("本报讯 3月6日，全市三月份重点项目集中开工活动举行。市长严甫讲话。"
                 "市委常委、副市长包诚主持开工活动，市政协副主席方禾参加。", issued="2023-03-07")
    assert entities(f, "event") == {"全市三月份重点项目集中开工活动"}
    assert relations(f, "chair") == {("全市三月份重点项目集中开工活动", "包诚")}
    assert ("全市三月份重点项目集中开工活动", "方禾") in relations(f, "attendee")


def test_relays_shared_out_over_levels_and_a_lecturer_who_relays():
    f = facts_of("7日，县政协常委会第三次会议召开，县政协主席鲁平主持。"
                 "县委宣讲团成员柯远宣讲了省第十一次、市第十一次党代会精神，省委、市委经济工作会议精神。"
                 "与会人员集中学习了全市政协工作会议精神。", issued="2022-01-08")
    assert {r for _, r in relations(f, "relays")} == {
        "省第十一次党代会", "市第十一次党代会", "省委经济工作会议", "市委经济工作会议", "全市政协工作会议"}
    assert ("县政协常委会第三次会议", "柯远") in relations(f, "speaker")


def test_vague_meetings_and_a_past_visit_named_in_passing_are_no_events():
    f = facts_of("5日，县政协常委会第三次会议召开。会议要求落实省市县有关会议精神，"
                 "落实县委书记蒲阳在调研县政协工作座谈会上的有关要求。", issued="2022-01-08")
    assert entities(f, "event") == {"县政协常委会第三次会议", "调研县政协工作座谈会"}
    assert not relations(f, "attendee")  # 蒲阳 visited nothing this article reports


def test_a_name_ends_before_yiji():
    f = facts_of("县政协副主席周岩、尹才元以及贺平等领导出席会议。")
    assert {"周岩", "尹才元", "贺平"} <= entities(f, "person")


def test_company_names_with_a_bracketed_place_a_trade_verb_or_a_generic_word_inside():
    f = facts_of("县长米粟先后来到华泰五一（江川）药业有限公司、宏远新材装备制造（河西）有限公司"
                 "和江川精工电子科技股份有限公司调研。")
    assert {"华泰五一（江川）药业有限公司", "宏远新材装备制造（河西）有限公司",
            "江川精工电子科技股份有限公司"} <= entities(f, "enterprise")


def test_a_list_closed_by_a_batch_of_enterprises_names_enterprises():
    f = facts_of("考察团实地参观了鑫源电子、江川机床等一批园区重点企业。")
    assert {"鑫源电子", "江川机床"} <= entities(f, "enterprise")


def test_bodies_of_a_prefecture_autonomous_prefecture_or_league_keep_their_own_name():
    f = facts_of("阿勒泰地委书记王明主持会议，伊犁哈萨克自治州党委副书记、州长叶尔兰·阿布都出席，"
                 "锡林郭勒盟委副书记李红参加。")
    assert {("王明", "阿勒泰地委书记"), ("叶尔兰·阿布都", "伊犁哈萨克自治州党委副书记"), ("叶尔兰·阿布都", "州长"),
            ("李红", "锡林郭勒盟委副书记")} <= posts(f)
    assert not {p for _, p in posts(f) if p.startswith("阿勒泰市")}  # the prefecture, not its city


def test_a_name_written_with_a_dot_after_a_chinese_title():
    f = facts_of("区委副书记、区长阿依古丽·买买提主持会议。")
    assert ("阿依古丽·买买提", "区长") in {(n, p[-2:]) for n, p in posts(f)}


def test_a_local_bodys_numbered_session_is_one_event_wherever_it_is_mentioned():
    f = facts_of("会上，县政协副主席周岩通报了县政协九届三次会议以来提案办理情况。会议协商通过县政协九届四次会议议程。"
                 "在绵阳市六届人大四次会议闭幕后，代表们参观了园区。")
    assert {"县政协九届三次会议", "县政协九届四次会议", "绵阳市六届人大四次会议"} <= entities(f, "event")


def test_a_list_of_leaders_with_a_rarer_surname_among_common_ones():
    f = facts_of("10月11日，某某签约仪式举行。县领导董明、罗正、支立峰、胡迎等出席签约仪式。")
    assert {"董明", "罗正", "支立峰", "胡迎"} <= {p for _, p in relations(f, "attendee")}
    f = facts_of("县领导赖明、傅强、洪伟出席。")  # surnames of the hundred commonest
    assert {"赖明", "傅强", "洪伟"} <= entities(f, "person")


def test_no_dotted_name_where_words_precede_the_dot():
    f = facts_of("广州市市长对话·敦煌活动举行。")
    assert not entities(f, "person")


def test_counted_words_start_no_company_name():
    f = facts_of("日本多家公司宣布涨价。美国一家工厂停产。")
    assert not {e for e in entities(f, "enterprise") if e.startswith(("日本多家", "美国一家"))}


def test_who_visits_and_goes_on_to_chair_a_forum_chairs_it():
    f = facts_of("2月8日，市政协主席魏东到某区调研并主持召开座谈会，听取汇报。市政协副主席崔强参加。")
    assert ("座谈会", "魏东") in relations(f, "chair")
    assert not {e for e in entities(f, "event") if "主持" in e}  # no event named after the clause
