"""Extractors on short sentences written for the tests; each test names the pattern it covers."""

from __future__ import annotations

from helpers import entities, facts_of, make_article, posts, relations

from kg.extract import EXTRACTORS
from kg.resolve.gazetteer import gazetteer

SECTION = "要闻·江山"  # a county of Quzhou, Zhejiang: 市委 is 衢州市委 there


def test_registry_names_are_versioned():
    assert EXTRACTORS and all(name.startswith("lg.") and ".v" in name for name in EXTRACTORS)


def test_tenure_compound_titles_split_at_enumeration_comma():
    f = facts_of("3 月 5 日上午，市委常委、市委书记李建华主持召开市委常委会会议。", section=SECTION)
    assert posts(f) == {("李建华", "衢州市委常委"), ("李建华", "衢州市委书记")}


def test_tenure_organisation_name_title_order():
    f = facts_of("会议传达了省委王明书记的讲话精神。", section=SECTION)
    assert posts(f) == {("王明", "浙江省委书记")}


def test_tenure_name_then_title_needs_a_person_tag():
    f = facts_of("要认真学习习近平总书记重要讲话精神。")
    assert ("习近平", "中共中央总书记") in posts(f)


def test_tenure_short_form_stays_unresolved_without_locality():
    f = facts_of("区委书记周敏出席活动并致辞。")
    assert posts(f) == {("周敏", "区委书记")}


def test_negative_surname_alone_is_not_a_person():
    f = facts_of("会议由胡主持。大家一致认为要加快发展。")
    assert entities(f, "person") == set()


def test_negative_slogan_is_not_a_person():
    f = facts_of("要坚持“工业强则城市强”，努力实现跨越发展。")
    assert entities(f, "person") == set()


def test_meeting_chaired_with_date_from_sentence():
    f = facts_of("3 月 5 日上午，市委常委、市委书记李建华主持召开市委常委会会议。", section=SECTION)
    meetings = [e for e in f.entities if e.kind == "event" and e.attr("reported_in")]
    assert [(m.label, m.attr("date"), m.attr("part_of_day")) for m in meetings] == [
        ("衢州市委常委会会议", "2021-03-05", "上午")]
    assert relations(f, "chair") == {("衢州市委常委会会议", "李建华")}
    assert relations(f, "organizer") == {("衢州市委常委会会议", "衢州市委常委会")}


def test_meeting_held_then_attended_and_spoke_by_anaphora():
    body = ("3 月 4 日下午，全区乡村振兴工作推进会召开。\n"
            "区委书记周敏出席会议并讲话。")
    f = facts_of(body)
    assert relations(f, "attendee") == {("全区乡村振兴工作推进会", "周敏")}
    assert relations(f, "speaker") == {("全区乡村振兴工作推进会", "周敏")}
    assert relations(f, "chair") == set()


def test_relays_from_narrative_not_from_reported_speech():
    body = ("3 月 5 日上午，区委书记周敏主持召开区委常委会会议。"
            "会议传达学习全省组织工作会议精神、全市经济工作会议精神。\n"
            "会议指出，全市经济工作会议传达学习了全国两会精神。")
    f = facts_of(body)
    relayed = {b for a, b in relations(f, "relays")}
    assert relayed == {"全省组织工作会议", "全市经济工作会议"}
    assert "全国两会" in entities(f, "event")  # referred to, but relayed by another meeting


def test_referred_meeting_name_stops_at_verbs():
    f = facts_of("要真正使全国两会精神深入人心，贯彻好全市人代会精神。")
    events = entities(f, "event")
    assert "全国两会" in events
    assert not any(e.startswith(("真正", "使", "好")) for e in events)


def test_policies_quoted_law_and_programme():
    body = ("3 月 5 日上午，区委书记周敏主持召开区委常委会会议。"
            "会议强调，要深化“三服务”专项行动，学习“数据安全法”，推进“两山转化”。")
    f = facts_of(body)
    assert entities(f, "policy") == {"三服务专项行动", "两山转化"}
    assert entities(f, "law") == {"数据安全法"}
    assert ("区委常委会会议", "数据安全法") in relations(f, "studies")
    assert ("区委常委会会议", "两山转化") in relations(f, "deploys")


def test_negative_scare_quotes_and_role_images_are_not_policies():
    f = facts_of("要让企业家成为“追梦人”“答卷人”，推动产业“回暖”，实现“线上”办理。")
    assert entities(f, "policy") == set()


def test_negative_words_quoted_for_effect_are_not_policies():
    f = facts_of("受台风“杜鹃花”影响，多地降雨。要守护好这颗“湖畔明珠”，增厚“绿色家底”，"
                 "反对“颜色革命”，将企业列入“白名单”。")
    assert entities(f, "policy") == set()


def test_quoted_slogans_named_by_their_shape_or_their_context():
    f = facts_of("各级要牢固树立“项目为王”的理念，落实“党政同责、一岗双责”，推进“千村示范”工程，"
                 "确保“双过半”“六稳”。")
    assert entities(f, "policy") >= {"项目为王", "党政同责、一岗双责", "千村示范工程", "六稳"}


def test_launch_of_platform_running_on_host_platform():
    body = ("5 月 8 日上午，东湖街道“邻里通平台”正式上线运行。\n"
            "“邻里通平台”依托“浙里办”系统开发，包含报事、议事等板块。")
    f = facts_of(body, issued="2021-05-09")
    assert relations(f, "launches") == {("邻里通平台上线", "邻里通平台")}
    assert relations(f, "runsOn") == {("邻里通平台", "浙里办")}
    launch = next(e for e in f.entities if e.label == "邻里通平台上线")
    assert launch.attr("date") == "2021-05-08" and launch.attr("type") == "Launch"


def test_commendation_groups_with_count_and_year():
    body = ("4 月 2 日下午，全县工业经济工作会议召开。\n"
            "会议表彰了 12 家 2020 年度纳税大户、5 家科技创新示范企业。")
    f = facts_of(body)
    groups = {(e.label, e.attr("count"), e.attr("year")) for e in f.entities if e.kind == "group"}
    assert groups == {("2020 年度纳税大户", "12", "2020"), ("科技创新示范企业", "5", None)}
    assert len(relations(f, "commendation")) == 2


def test_places_from_gazetteer_and_named_zone():
    f = facts_of("要把城南新区作为主战场，推动江山发展。", section=SECTION)
    assert "江山市" in entities(f, "place")
    assert "城南新区" in entities(f, "place")


def test_a_division_renamed_since_the_table_is_named_as_it_now_is():
    f = facts_of("在黑龙江漠河，农家院正向精品民宿转型。在山东蓬莱，游船缓缓前行。")
    assert {"漠河市", "蓬莱区"} <= entities(f, "place")
    assert not {"漠河县", "蓬莱市"} & entities(f, "place")
    old = facts_of("黑龙江省漠河县旅游局组织开展冰雪旅游推介。")
    assert "漠河市" in entities(old, "place")


def test_a_prefecture_merged_or_recoded_takes_its_counties_along():
    f = facts_of("在山东莱芜，钢铁企业加快转型。在西藏那曲，牧民迁入新居。")
    assert {"莱芜区", "那曲市"} <= entities(f, "place")
    assert not {"莱芜市", "那曲地区"} & entities(f, "place")
    g = gazetteer()
    county = next(d for d in g.lookup("嘉黎县"))
    assert g.full_name(county) == "西藏自治区那曲市嘉黎县"
    assert g.full_name(g.lookup("莱芜")[0]) == "山东省济南市莱芜区"


def test_negative_common_words_that_are_district_short_names():
    f = facts_of("振兴乡村要惠民生、用资源，前进一步。", section=SECTION)
    assert entities(f, "place") == set()


def test_national_bodies_named_by_themselves():
    f = facts_of("中共中央、国务院印发意见。全国人大和全国政协代表参加。", issued="2024-05-04")
    assert {"中共中央", "国务院", "全国人大", "全国政协"} <= entities(f, "org")


def test_china_before_a_national_body_is_the_same_body():
    f = facts_of("中国全国人大愿加强交流。全国人大常委会委员长王明出席。", issued="2024-05-04")
    orgs = {e.key for e in f.entities if e.kind == "org" and e.label == "全国人大"}
    assert len(orgs) == 1 and "中国全国人大" not in entities(f, "org")


def test_international_bodies_under_the_short_form_news_uses():
    f = facts_of("东南亚国家联盟和欧盟代表出席，联合国开发计划署发布报告。", issued="2024-05-04")
    assert {"东盟", "欧盟"} <= entities(f, "org")
    assert "联合国" not in entities(f, "org")  # part of a longer name


def test_negative_party_words_inside_a_foreign_partys_name():
    # 党中央 glued to another party's name is not the CPC's, and 人民革命党 holds no 民革
    f = facts_of("老挝人民革命党中央代表团访华。", issued="2024-05-04")
    assert not {"中共中央", "民革", "中国国民党革命委员会"} & entities(f, "org")


def test_organisations_units_and_local_bodies_with_locality():
    f = facts_of("市委组织部和市经信局负责人参加调研。", section=SECTION)
    assert entities(f, "org") == {"衢州市委组织部", "衢州市经信局"}


def test_day_only_date_takes_the_issue_month():
    f = facts_of("28日，国务院副总理王明主持召开全国春耕生产工作会议。", issued="2022-09-28")
    (event,) = [e for e in f.entities if e.kind == "event"]
    assert (event.label, event.attr("date")) == ("全国春耕生产工作会议", "2022-09-28")


def test_national_and_party_posts_without_repeating_the_organisation():
    f = facts_of("中共中央政治局常委、国务院总理王明出席会议。")
    assert posts(f) == {("王明", "中共中央政治局常委"), ("王明", "国务院总理")}


def test_place_written_before_short_organisation_name_wins_over_locality():
    f = facts_of("四川省委书记王明、银川市委书记李强出席。", section=SECTION)
    assert posts(f) == {("王明", "四川省委书记"), ("李强", "银川市委书记")}


def test_untitled_name_list_before_attendance_verb():
    body = "3 月 4 日下午，全区乡村振兴工作推进会召开。\n王明、李强、赵刚等参加会议。"
    f = facts_of(body)
    assert relations(f, "attendee") == {("全区乡村振兴工作推进会", n) for n in ("王明", "李强", "赵刚")}


def test_attended_meeting_named_after_the_verb_with_speech():
    f = facts_of("中共中央政治局常委王明27日出席全国巡视工作会议并讲话。", issued="2023-03-27")
    assert relations(f, "attendee") == relations(f, "speaker") == {("全国巡视工作会议", "王明")}


def test_bare_meeting_word_takes_the_convener_name():
    f = facts_of("中共全国政协党组1月10日召开会议，传达学习全会精神。", issued="2025-01-10")
    events = {(e.label, e.attr("date")) for e in f.entities if e.kind == "event" and e.attr("reported_in")}
    assert events == {("中共全国政协党组会议", "2025-01-10")}


def test_relay_clause_continuing_the_meeting_sentence():
    body = "中共全国政协党组1月10日召开会议，传达学习贯彻总书记在二十届中央纪委四次全会上的重要讲话和全会精神。"
    f = facts_of(body, issued="2025-01-10")
    assert relations(f, "relays") == {("中共全国政协党组会议", "二十届中央纪委四次全会")}  # the session is named


def test_person_whose_words_a_meeting_report_gives_is_a_speaker():
    body = "3 月 4 日下午，全区乡村振兴工作推进会召开。区委书记周敏出席会议。\n周敏强调，要抓好落实。"
    f = facts_of(body)
    assert relations(f, "speaker") == {("全区乡村振兴工作推进会", "周敏")}


def test_untitled_name_before_an_announcement_is_a_person():
    f = facts_of("会议由区长王明主持。孙立宣布了表彰决定。")
    assert "孙立" in entities(f, "person")


def test_negative_tail_of_a_known_name_is_not_another_person():
    f = facts_of("乌克兰总统泽连斯基表示欢迎。泽连斯基宣布了决定。")
    assert entities(f, "person") == {"泽连斯基"}


def test_untitled_name_list_where_one_name_was_already_known():
    body = "3 月 4 日下午，区长王明主持召开全区安全生产工作会议。副区长赵一鸣介绍了情况。\n孙立、胡平、赵一鸣参加。"
    f = facts_of(body)
    assert {n for _, n in relations(f, "attendee")} == {"孙立", "胡平", "赵一鸣"}


def test_meeting_name_with_a_quoted_part():
    f = facts_of("今天（5月4日），团市委在杭州举行纪念“五四”青年节暨表彰大会。", issued="2024-05-04")
    assert "纪念“五四”青年节暨表彰大会" in entities(f, "event")


def test_speakers_listed_after_the_group_they_represent():
    body = "5 月 6 日上午，全市人才工作会议召开。\n先进代表张小红、李大明作了交流发言。"
    f = facts_of(body)
    assert relations(f, "speaker") == {("全市人才工作会议", "张小红"), ("全市人才工作会议", "李大明")}


def test_speakers_named_before_the_topic_they_spoke_on():
    body = ("5 月 6 日上午，全市人才工作会议召开。\n"
            "副市长张小红、李大明围绕贯彻落实会议精神、做好人才工作作了发言。")
    f = facts_of(body)
    assert relations(f, "speaker") == {("全市人才工作会议", "张小红"), ("全市人才工作会议", "李大明")}


def test_negative_topic_clause_without_a_person_names_no_speaker():
    body = "5 月 6 日上午，全市人才工作会议召开。\n与会人员围绕贯彻落实会议精神作了发言。"
    f = facts_of(body)
    assert relations(f, "speaker") == set()


def test_name_after_title_ends_at_a_time_word():
    f = facts_of("省委书记王明今天在杭州作宣讲报告。", section=SECTION)
    assert posts(f) == {("王明", "浙江省委书记")}


def test_peoples_organisations_at_national_and_local_level():
    f = facts_of("全国总工会和市妇联联合开展关爱行动。", section=SECTION)
    assert {"全国总工会", "衢州市妇联"} <= entities(f, "org")


def test_enterprise_legal_name_before_one_of_its_plants():
    f = facts_of("王明来到杭州钢铁集团有限公司智能工厂调研。")
    assert entities(f, "enterprise") == {"杭州钢铁集团有限公司"}


def test_schools_and_hospitals_are_organisations():
    f = facts_of("他先后来到浙江大学和常山县人民医院看望医护人员。")
    assert {"浙江大学", "常山县人民医院"} <= entities(f, "org")


def test_negative_bare_company_words_and_posts_are_not_bodies():
    f = facts_of("有限公司要守法经营，市委常委要带头，集团化发展是方向。", section=SECTION)
    assert entities(f, "enterprise") == set()
    assert not any(label.endswith("常委") for label in entities(f, "org"))


def test_inspection_visit_with_date_range_places_and_enterprises():
    body = ("省委书记王明12日至14日到衢州调研。\n"
            "王明来到常山县人民医院，看望医护人员。在衢州钢铁集团有限公司，他察看生产线。\n"
            "他强调，要抓好安全生产。")
    f = facts_of(body, section=SECTION, issued="2024-05-15")
    events = {(e.label, e.attr("type"), e.attr("date")) for e in f.entities if e.kind == "event"}
    assert ("王明到衢州调研", "Inspection", "2024-05-12") in events
    assert relations(f, "attendee") == {("王明到衢州调研", "王明")}
    assert relations(f, "speaker") == set()  # at an inspection nobody is a speaker (ANNOTATING.md)
    assert {"常山县人民医院", "衢州钢铁集团有限公司"} <= {o for _, o in relations(f, "inspects")}


def test_lecture_given_at_a_place_names_the_speaker():
    f = facts_of("宣讲团成员、市委书记李强今天在衢州学院作专题报告。", section=SECTION, issued="2024-05-15")
    assert relations(f, "speaker") == {("李强在衢州学院作专题报告", "李强")}


def test_negative_report_at_the_meeting_is_not_a_separate_event():
    body = "5 月 6 日上午，全市人才工作会议召开。\n市委书记李强在会上作报告。"
    f = facts_of(body, section=SECTION)
    assert {e.label for e in f.entities if e.kind == "event"} == {"全市人才工作会议"}


def test_inspection_companions_escorting_and_listed():
    body = ("3月5日至6日，国务院副总理王明在浙江省委书记李强和省长赵刚陪同下在衢州调研。\n"
            "孙立、胡平一同调研。")
    f = facts_of(body, issued="2024-03-07")
    assert {n for _, n in relations(f, "attendee")} == {"王明", "李强", "赵刚", "孙立", "胡平"}


def test_tenure_body_written_in_full_before_the_title():
    f = facts_of("市委常委、全市防汛工作领导小组组长周涛出席。浙江大学校长王明出席。", section=SECTION)
    assert posts(f) == {("周涛", "衢州市委常委"), ("周涛", "全市防汛工作领导小组组长"), ("王明", "浙江大学校长")}


def test_tenure_in_enterprises_joined_by_a_conjunction():
    f = facts_of("衢州钢铁有限公司法定代表人李强和常山建材有限公司法定代表人赵刚等人被起诉。")
    assert posts(f) == {("李强", "衢州钢铁有限公司法定代表人"), ("赵刚", "常山建材有限公司法定代表人")}
    assert entities(f, "enterprise") == {"衢州钢铁有限公司", "常山建材有限公司"}


def test_tenure_one_title_for_a_list_of_names():
    f = facts_of("副市长王明、李强、赵刚参加会议。", section=SECTION)
    assert posts(f) == {(n, "衢州市副市长") for n in ("王明", "李强", "赵刚")}


def test_tenure_bare_title_shares_the_body_before_it():
    f = facts_of("市政府党组副书记、副市长王明主持。", section=SECTION)
    assert posts(f) == {("王明", "衢州市政府党组副书记"), ("王明", "衢州市副市长")}


def test_negative_a_group_described_by_a_clause_is_not_a_post():
    f = facts_of("学习贯彻会议精神的宣讲团成员宣传到基层。", section=SECTION)
    assert posts(f) == set() and entities(f, "person") == set()


def test_unquoted_programmes_read_back_from_their_ending():
    body = ("3 月 4 日下午，区委常委会会议召开。\n"
            "会议要求，扎实开展党史学习教育，深入实施乡村振兴战略，推进安全生产专项整治。")
    f = facts_of(body)
    assert {"党史学习教育", "乡村振兴战略", "安全生产专项整治"} <= entities(f, "policy")


def test_programme_whose_ending_starts_inside_a_word():
    # jieba writes 八项 as one word: the name still reads back from 项规定
    f = facts_of("会议要求，严格落实省委六项规定精神。", section=SECTION)
    assert "省委六项规定" in entities(f, "policy")


def test_doctrine_named_after_a_leader():
    f = facts_of("会议要求，深入学习贯彻王明新时代社会主义思想和王明法治思想。", section=SECTION)
    assert {"王明新时代社会主义思想", "王明法治思想"} <= entities(f, "policy")


def test_negative_thought_after_a_title_or_a_verb_is_no_doctrine():
    f = facts_of("王明书记要求统一思想、解放思想。", section=SECTION)
    assert not {p for p in entities(f, "policy") if p.endswith("思想")}


def test_negative_strategic_as_an_adjective_and_generic_strategies():
    f = facts_of("两国建立全面战略伙伴关系，要保持战略定力，服务国家重大战略。")
    assert entities(f, "policy") == set()


def test_meetings_listed_before_a_speech_are_each_referred_to_and_relayed():
    body = ("3 月 4 日下午，区委常委会会议召开。\n"
            "会议传达学习了省委书记在全省科技大会、全省人才工作会议上的重要讲话精神。")
    f = facts_of(body)
    assert {"全省科技大会", "全省人才工作会议"} <= entities(f, "event")
    assert relations(f, "relays") == {("区委常委会会议", "全省科技大会"), ("区委常委会会议", "全省人才工作会议")}


def test_group_discussion_and_delegation_deliberation_attended_while_speaking():
    f = facts_of("全国政协副主席王明在参加农林界委员小组讨论时说，要坚定信心。\n"
                 "国务院副总理李刚5日在参加他所在的青海代表团审议时强调，要抓好落实。")
    assert {"农林界委员小组讨论", "青海代表团审议"} <= entities(f, "event")
    assert relations(f, "speaker") == {("农林界委员小组讨论", "王明"), ("青海代表团审议", "李刚")}
    assert relations(f, "attendee") >= relations(f, "speaker")


def test_negative_attending_without_speaking_is_not_speaking():
    f = facts_of("区委书记王明在参加全区工作会议时听取了汇报。")
    assert relations(f, "speaker") == set()


def test_appointment_decisions_give_the_post_written_after_wei():
    f = facts_of("会议决定：增补王明同志为文史和学习委员会副主任；任命李刚为区档案馆馆长。免去赵强的区档案馆馆长职务。")
    assert ("王明", "文史和学习委员会副主任") in posts(f)
    assert ("李刚", "区档案馆馆长") in posts(f)
    removed = [t for t in f.tenures if t.post.label == "区档案馆馆长" and t.ends]
    assert len(removed) == 1 and removed[0].starts is None  # held until the decision, not from it


def test_name_after_a_title_ends_at_a_conjunction_when_jieba_reads_it_as_a_name():
    f = facts_of("国务院总理王建国同来访的客人举行会谈。")
    assert ("王建国", "国务院总理") in posts(f)
    g = facts_of("副区长王明陪同调研。")
    assert entities(g, "person") == {"王明"}


def test_bare_title_listed_after_a_foreign_post_is_that_countrys():
    f = facts_of("越南国家主席阮文明、总理黎光海和国会主席范德中表示祝贺。", issued="2024-05-04")
    assert ("黎光海", "越南总理") in posts(f)
    assert "国会" not in entities(f, "person")  # a body before its title, not a listed name


def test_name_and_bare_title_listed_after_a_foreign_leader():
    f = facts_of("新加坡国会议长陈明说，两国领导人同马丁总统、黄志明总理保持沟通。", issued="2024-05-04")
    assert {("马丁", "新加坡总统"), ("黄志明", "新加坡总理")} <= posts(f)


def test_foreign_partys_central_committee_is_not_chinas():
    f = facts_of("越共中央总书记阮文明会见了代表团。", issued="2024-05-04")
    assert posts(f) == {("阮文明", "越共中央总书记")}


def test_transcribed_name_that_jieba_cuts_after_a_foreign_post():
    f = facts_of("乌兹别克斯坦总统米尔济约耶夫表示欢迎。", issued="2024-05-04")
    assert posts(f) == {("米尔济约耶夫", "乌兹别克斯坦总统")}


def test_negative_documents_and_places_before_speech_verbs_are_not_people():
    f = facts_of("大会致贺信。贺信指出，要加强合作。白皮书介绍了成就。王明在莫斯科出席仪式。",
                 issued="2024-05-04")
    assert entities(f, "person") == set()


def test_transcribed_name_jieba_cuts_after_a_foreign_bodys_title():
    f = facts_of("苏丹主权委员会主席布尔汉表示欢迎。", issued="2024-05-04")
    assert "布尔汉" in entities(f, "person")


def test_democratic_partys_central_committee_is_not_the_cpcs():
    f = facts_of("民盟中央主席王明、致公党中央主席李刚出席座谈会。", issued="2024-05-04")
    assert posts(f) == {("王明", "民盟中央主席"), ("李刚", "致公党中央主席")}


def test_negative_a_verb_after_a_title_is_not_a_name():
    # 强 is a surname, but jieba reads 强调 as a verb
    f = facts_of("王明总书记强调，要抓好落实。", issued="2024-05-04")
    assert "强调" not in entities(f, "person")


def test_name_before_a_post_china_does_not_have_is_a_foreign_leader():
    # 总统 and 首相 are no Chinese posts: the holder belongs to the one foreign country the article names
    f = facts_of("王明同莫尔塔努总统通电话。王明说，中国和罗马尼亚是好朋友。")
    assert "莫尔塔努" in entities(f, "person")
    assert ("莫尔塔努", "罗马尼亚总统") in posts(f)
    two = facts_of("王明同莫尔塔努总统通电话，谈到罗马尼亚和匈牙利。")
    assert "莫尔塔努" in entities(two, "person") and not {p for p in posts(two) if p[0] == "莫尔塔努"}


def test_negative_words_and_countries_before_a_foreign_post_are_not_names():
    f = facts_of("他同前总统会面，又和代理总统交谈，与罗马尼亚总统府联系。")
    assert entities(f, "person") == set()


def test_policy_documents_in_book_title_marks_by_their_ending():
    f = facts_of("两部门印发《关于扶持竹编手工业的若干措施》和《果园保险理赔办法》，《山谷回声》同日首映。")
    assert entities(f, "policy") | entities(f, "law") == {"关于扶持竹编手工业的若干措施", "果园保险理赔办法"}


def test_named_initiatives_without_quotes_and_what_is_done_with_them():
    f = facts_of("双方愿积极支持海洋生态保护倡议，共同践行山区教育合作倡议。")
    assert entities(f, "policy") == {"海洋生态保护倡议", "山区教育合作倡议"}


def test_negative_counted_or_generic_initiatives_are_not_policies():
    f = facts_of("他提出三点倡议，双方签署合作倡议，志愿者宣读倡议。")
    assert entities(f, "policy") == set()


def test_relay_of_a_speech_given_while_hearing_a_report_at_a_meeting():
    body = "3 月 4 日下午，区委常委会会议召开。\n会议传达学习了省委书记在省委常委会会议听取工作汇报时的重要讲话精神。"
    f = facts_of(body, section=SECTION)
    assert relations(f, "relays") == {("区委常委会会议", "浙江省委常委会会议")}


def test_meetings_whose_spirit_the_chairs_speech_says_to_study_are_relayed():
    body = ("3 月 4 日下午，区委常委会会议召开。区委书记王明主持会议并讲话。\n"
            "王明表示，全区要深入学习贯彻全市领导干部会议、全省组织工作会议精神。")
    f = facts_of(body, section=SECTION)
    assert relations(f, "relays") == {("区委常委会会议", "全市领导干部会议"), ("区委常委会会议", "全省组织工作会议")}


def test_negative_a_speech_outside_a_meeting_relays_nothing():
    body = "3 月 4 日，区委书记王明到企业调研。\n王明表示，要深入学习贯彻全市领导干部会议精神。"
    f = facts_of(body, section=SECTION)
    assert relations(f, "relays") == set()


def test_town_and_village_after_their_county_are_places_inside_it():
    f = facts_of("王明来到常山县青石镇飞碓村，察看灾情。")
    assert {"青石镇", "飞碓村"} <= entities(f, "place")
    assert {("青石镇", "常山县"), ("飞碓村", "青石镇")} <= relations(f, "containedInPlace")


def test_city_that_starts_a_venue_name_is_a_place():
    f = facts_of("王明在北京人民大会堂会见客人。论坛在杭州国际博览中心开幕。")
    assert {"北京市", "杭州市"} <= entities(f, "place")


def test_negative_venue_without_a_city_names_no_place():
    f = facts_of("王明在人民大会堂会见客人。")
    assert entities(f, "place") == set()


def test_negative_rural_words_after_a_county_are_not_villages():
    f = facts_of("常山县农村改革取得成效，五指山市一个黎族村寨开办民宿。")
    assert not {p for p in entities(f, "place") if p.endswith("村")}


def test_autonomous_prefecture_short_forms_and_a_shared_district_name():
    f = facts_of("王明来到凉山州调研。启动式在北京市通州区举行。")
    places = {(e.label, e.attr("adcode")) for e in f.entities if e.kind == "place"}
    assert ("凉山彝族自治州", "513400") in places and ("通州区", "110112") in places


def test_joint_event_name_and_a_bare_reference_to_it():
    body = "2024年全市科技活动周暨衢州科技节启动式5月20日在衢州举办。副市长王明出席启动式。"
    f = facts_of(body, section=SECTION, issued="2024-05-20")
    events = {(e.label, e.attr("date")) for e in f.entities if e.kind == "event"}
    assert events == {("2024年全市科技活动周暨衢州科技节启动式", "2024-05-20")}
    assert relations(f, "attendee") == {("2024年全市科技活动周暨衢州科技节启动式", "王明")}


def test_referred_meetings_after_a_governing_verb_and_party_congresses():
    body = "3 月 4 日下午，区委常委会会议召开。\n会议要求认真落实省纪委三次全会工作部署，宣讲党的二十大精神。"
    f = facts_of(body, section=SECTION)
    assert {"省纪委三次全会", "党的二十大"} <= entities(f, "event")


def test_foreign_leaders_hold_posts_of_their_country_not_chinese_ones():
    f = facts_of("王明在北京会见新加坡总理陈大文和乌兹别克斯坦最高会议参议院主席纳尔巴耶娃。")
    assert posts(f) == {("陈大文", "新加坡总理"), ("纳尔巴耶娃", "乌兹别克斯坦最高会议参议院主席")}
    assert {"新加坡", "乌兹别克斯坦"} <= entities(f, "place")


def test_people_named_in_personnel_decisions():
    f = facts_of("会议通过关于免去王大明第十四届市政协常委职务的决定；增补李小红同志为市政协委员；"
                 "撤销赵一、钱二委员资格。")
    assert {"王大明", "李小红", "赵一", "钱二"} <= entities(f, "person")


def test_name_after_title_is_not_extended_by_a_following_preposition():
    f = facts_of("全国政协副主席杨明在参加讨论时说，要加快发展。")
    assert entities(f, "person") == {"杨明"}


def test_leaders_meeting_and_talks_with_both_sides_attending():
    f = facts_of("国家主席王明6日在北京会见来华出席某某论坛的新加坡总理陈大文。\n李强参加会见。", issued="2024-05-07")
    assert relations(f, "attendee") == {("王明会见新加坡总理陈大文", n) for n in ("王明", "陈大文", "李强")}
    f = facts_of("全国人大常委会委员长王明6日以视频方式同乌兹别克斯坦最高会议参议院主席纳尔巴耶娃举行会谈。",
                 issued="2024-05-07")
    assert {(e.label, e.attr("date")) for e in f.entities if e.kind == "event"} == {
        ("王明同乌兹别克斯坦最高会议参议院主席纳尔巴耶娃举行会谈", "2024-05-06")}


def test_meeting_closed_and_chaired_closing_session():
    body = "市政协第十五次常委会会议2日下午在衢州闭幕。市政协主席王明主持闭幕会并讲话。"
    f = facts_of(body, section=SECTION, issued="2024-03-02")
    assert relations(f, "chair") == relations(f, "speaker") == {("市政协第十五次常委会会议", "王明")}


def test_democratic_parties_by_short_name_are_one_body():
    f = facts_of("民盟要围绕中心工作建言。中国民主同盟中央召开会议。")
    assert {e.key for e in f.entities if e.kind == "org" and e.label in ("民盟", "中国民主同盟")} == {"中国民主同盟"}


def test_foreign_post_shared_by_a_bare_title_after_it():
    f = facts_of("新加坡总理、主席陈大文出席。")
    assert posts(f) == {("陈大文", "新加坡总理"), ("陈大文", "新加坡主席")}


def test_head_of_state_holds_a_post_in_the_state_organ_of_that_name():
    # Constitution, chapter 3, section 2: 中华人民共和国主席 is a state organ; 国家主席 its post
    f = facts_of("中共中央总书记、国家主席、中央军委主席习近平出席会议。国家副主席韩正将出席仪式。")
    assert posts(f) >= {("习近平", "国家主席"), ("习近平", "中共中央总书记"), ("习近平", "中央军委主席"),
                        ("韩正", "国家副主席")}  # 将 is not the end of 韩正's name
    assert "中华人民共和国主席" in entities(f, "org")


def test_untitled_names_listed_before_an_attendance_verb_are_persons():
    f = facts_of("会议听取了汇报。蔡奇、王毅参加上述活动。张又侠、何卫东、刘振立等出席。")
    assert {"蔡奇", "王毅", "张又侠", "何卫东", "刘振立"} <= entities(f, "person")  # jieba reads 何 卫东
    assert "卫东" not in entities(f, "person")


def test_transcribed_name_jieba_cuts_before_a_speech_verb_is_read_whole():
    f = facts_of("伊朗最高国家安全委员会秘书拉里贾尼等参加集会。拉斯穆森表示，愿加强合作。")
    assert {"拉里贾尼", "拉斯穆森"} <= entities(f, "person")
    assert not {"贾尼", "穆森"} & entities(f, "person")


def test_negative_a_countrys_side_before_a_speech_verb_is_not_a_person():
    f = facts_of("各方领导人对地震表示关切，向阿方表示慰问。")
    assert entities(f, "person") == set()


def test_national_policies_named_without_quotes():
    f = facts_of("会议强调，要推进中国式现代化，加快构建新发展格局，实施创新驱动发展战略。")
    assert {"中国式现代化", "新发展格局", "创新驱动发展战略"} <= entities(f, "policy")


def test_negative_a_goal_named_in_passing_is_not_a_policy():
    f = facts_of("努力实现生态工业高质量发展高速度增长。")
    assert "高质量发展" not in entities(f, "policy")


def test_numbered_sessions_are_events_wherever_they_are_named():
    a = facts_of("以优异成绩迎接党的二十大胜利召开，为开好十三届全国人大五次会议作贡献。", issued="2022-03-01")
    b = facts_of("全面贯彻中共二十大和二十届三中全会精神。", issued="2024-09-01", article_id="t2")
    assert {"党的二十大", "十三届全国人大五次会议"} <= entities(a, "event")
    assert {"党的二十大", "二十届三中全会"} <= entities(b, "event")
    key = {e.key for f in (a, b) for e in f.entities if e.kind == "event" and e.label == "党的二十大"}
    assert len(key) == 1  # one congress, whatever the year of the article and however it is written


def test_negative_a_congress_that_dates_a_period_is_no_event():
    f = facts_of("党的十八大以来，我国经济实力跃上新台阶。")
    assert entities(f, "event") == set()


def test_personnel_decisions_date_the_posts_they_fill_and_end():
    body = ("会议经表决，增补祁斌同志为第十四届全国政协委员、经济委员会驻会副主任。"
            "会议通过关于免去韩卫国第十四届全国政协常委、提案委员会副主任职务，撤销韩卫国第十四届全国政协委员资格的决定；"
            "通过关于接受杨晖辞去第十四届全国政协委员的决定。")
    f = facts_of(body, issued="2026-03-02")
    labels = {e.ref: e.label for e in f.entities}
    got = {(labels[t.person], t.post.label, t.starts, t.ends) for t in f.tenures}
    assert got == {
        ("祁斌", "全国政协委员", "2026-03-02", None), ("祁斌", "经济委员会驻会副主任", "2026-03-02", None),
        ("韩卫国", "全国政协常委", None, "2026-03-02"), ("韩卫国", "提案委员会副主任", None, "2026-03-02"),
        ("韩卫国", "全国政协委员", None, "2026-03-02"), ("杨晖", "全国政协委员", None, "2026-03-02"),
    }


def test_central_bank_is_a_government_body_not_an_enterprise():
    f = facts_of("中国人民银行行长潘功胜表示，将保持流动性合理充裕。")
    assert ("潘功胜", "中国人民银行行长") in posts(f)
    assert "中国人民银行" in entities(f, "org") and "中国人民银行" not in entities(f, "enterprise")


def test_titles_in_two_bodies_separated_by_a_comma_describe_the_name_after_them():
    f = facts_of("中央纪委对宁夏回族自治区党委常委，自治区政府党组副书记、副主席陈春平进行问责。")
    assert {p for n, p in posts(f) if n == "陈春平"} >= {"宁夏回族自治区党委常委", "自治区政府副主席"}


def test_name_before_the_first_of_listed_titles():
    f = facts_of("李强表示，不久前，习近平总书记、国家主席对越南进行国事访问。")
    assert {("习近平", "中共中央总书记"), ("习近平", "国家主席")} <= posts(f)


def test_cppcc_seat_written_in_full_in_a_removal():
    f = facts_of("会议审议通过了关于免去吴英杰政协第十四届全国委员会常务委员、文化文史和学习委员会主任职务的决定。")
    assert {("吴英杰", "全国政协常委"), ("吴英杰", "文化文史和学习委员会主任")} <= posts(f)


def test_minister_written_short_is_in_the_ministry_not_the_body_of_the_title_before():
    f = facts_of("中共中央政治局委员、外交部长王毅介绍了会晤成果。美国商务部长雷蒙多代表美国政府致辞。")
    assert {("王毅", "中共中央政治局委员"), ("王毅", "外交部部长"), ("雷蒙多", "美国商务部部长")} <= posts(f)
    assert ("王毅", "中共中央外交部长") not in posts(f)


def test_chair_of_a_named_board_with_a_transcribed_name():
    f = facts_of("美中关系全国委员会董事会主席格林伯格、美中贸委会董事会主席葛士柏等分别致辞。")
    assert {("格林伯格", "美中关系全国委员会董事会主席"), ("葛士柏", "美中贸委会董事会主席")} <= posts(f)


def test_ceremony_a_leader_holds_for_a_guest_is_an_event_with_both_attending():
    f = facts_of("国家主席王明6日在北京同新加坡总理陈大文举行会谈。会谈前，王明在人民大会堂为陈大文举行欢迎仪式。")
    assert "王明为陈大文举行欢迎仪式" in entities(f, "event")
    assert {("王明为陈大文举行欢迎仪式", "王明"), ("王明为陈大文举行欢迎仪式", "陈大文")} <= relations(f, "attendee")


def test_foreign_ministers_written_short():
    f = facts_of("德国副总理兼财政部长克林拜尔表示欢迎。美国防部长奥斯汀表示。以色列国防部长卡茨表示。"
                 "巴西总统府首席部长科斯塔表示。")
    assert {("克林拜尔", "德国副总理"), ("克林拜尔", "德国财政部部长"), ("奥斯汀", "美国国防部部长"),
            ("卡茨", "以色列国防部部长")} <= posts(f)
    assert not {p for p in posts(f) if p[0] == "科斯塔"}  # not 巴西总统, not 府首席部部长


def test_second_title_of_a_company_post_is_in_the_company():
    f = facts_of("被查处的有原国家粮食局副局长徐鸣，原中国国电集团公司党组成员、副总经理谢长军，等等。")
    # 原 before the company: both are former posts, in the company
    assert {("谢长军", "中国国电集团公司原党组成员"), ("谢长军", "中国国电集团公司原副总经理")} <= posts(f)
    assert all(t.post.org.kind == "enterprise" for t in f.tenures)  # the company is one enterprise node


def test_former_holders_title_is_the_post_as_written_in_that_body():
    # 原 marks a former holder: he does not hold 云南省委常委 now (jieba reads 李 石松)
    f = facts_of("中央纪委国家监委对云南省委原常委、省政府原副省长李石松严重违纪违法问题进行了立案审查调查。")
    assert ("李石松", "云南省委原常委") in posts(f)
    assert ("李石松", "云南省委常委") not in posts(f)
    f = facts_of("美国前总统罗伯茨表示，将出席会议。")
    assert posts(f) == {("罗伯茨", "美国前总统")}


def test_province_and_region_written_before_a_body_with_a_former_holder():
    f = facts_of("河北省人大常委会原党组成员、副主任宋太平，西藏自治区政府原党组成员、副主席王勇，"
                 "海南省委原常委、海口市委原书记张琦案等典型案件。")
    assert {("宋太平", "河北省人大常委会原副主任"), ("王勇", "西藏自治区政府原副主席"),
            ("张琦", "海口市委原书记")} <= posts(f)  # 河北 is no district of Tianjin here; 张琦案 is his case
    assert not {p for _, p in posts(f) if "原" not in p}  # 原 before a list of titles is each title's


def test_discipline_investigation_and_expulsion_are_events():
    body = ("日前，中央纪委国家监委对云南省委原常委、省政府原副省长李石松严重违纪违法问题进行了立案审查调查。\n"
            "经中央纪委常委会会议研究，决定给予李石松开除党籍处分，由国家监委给予其开除公职处分。")
    f = facts_of(body, issued="2024-12-17")
    assert {"中央纪委国家监委对李石松立案审查调查", "李石松被开除党籍和公职"} <= entities(f, "event")


def test_negative_an_investigation_of_no_named_person_is_no_event():
    f = facts_of("中央纪委国家监委对有关问题进行了立案审查调查。")
    assert entities(f, "event") == set()


def test_places_short_forms_after_their_province_or_city():
    f = facts_of("重庆九龙坡、江北、沙坪坝、江津等地出现暴雨。浙江安吉的竹林。")
    assert {"重庆市", "九龙坡区", "江北区", "沙坪坝区", "江津区", "浙江省", "安吉县"} <= entities(f, "place")


def test_negative_province_and_region_words_in_a_list_or_after_a_province_are_no_districts():
    f = facts_of("将承担北京、天津、河北、山西的任务。河南地处中原腹地。")
    assert entities(f, "place") == {"北京市", "天津市", "河北省", "山西省", "河南省"}


def test_event_of_a_sentence_that_starts_from_the_articles_event_has_its_date():
    body = ("10月17日下午，国家主席王明在人民大会堂同新加坡总理陈大文举行会谈。\n"
            "会谈前，王明在北大厅为陈大文举行欢迎仪式。")
    f = facts_of(body, issued="2023-10-17")
    dates = {e.label: e.attr("date") for e in f.entities if e.kind == "event"}
    assert dates == {"王明同新加坡总理陈大文举行会谈": "2023-10-17", "王明为陈大文举行欢迎仪式": "2023-10-17"}


def test_people_listed_with_titles_who_spoke_at_the_meeting():
    body = ("畅通国内大循环调研协商座谈会8日在京召开。全国政协主席王沪宁出席并讲话。\n"
            "民革中央主席郑建邦、民盟中央主席丁仲礼、台盟中央主席苏辉在座谈会上介绍调研成果。")
    f = facts_of(body, issued="2024-07-08")
    assert entities(f, "event") == {"畅通国内大循环调研协商座谈会"}  # 在座谈会上 is no place visited
    assert {n for _, n in relations(f, "speaker")} == {"王沪宁", "郑建邦", "丁仲礼", "苏辉"}


def test_national_body_whose_name_starts_with_a_level_character():
    f = facts_of("国家发展改革委、商务部、市场监管总局负责同志同党外人士进行了协商交流。")
    assert {"国家发展改革委", "商务部", "市场监管总局"} <= entities(f, "org")  # 市场, not 市 + 场监管总局


def test_plenums_of_one_term_listed_are_each_an_event_and_each_relayed():
    f = facts_of("民建中央12月5日召开十二届三次全会。会议传达学习了党的二十大和二十届二中、三中全会精神。",
                 issued="2024-12-05")
    assert entities(f, "event") == {"十二届三次全会", "党的二十大", "二十届二中全会", "二十届三中全会"}
    assert {r for _, r in relations(f, "relays")} == {"党的二十大", "二十届二中全会", "二十届三中全会"}


def test_reported_meeting_mentioned_again_later_is_the_same_event():
    body = ("习近平7日出席解放军和武警部队代表团全体会议时强调，要贯彻依法治军战略。\n"
            "这是习近平第十次出席解放军和武警部队代表团全体会议。")
    f = facts_of(body, issued="2022-03-08")
    events = [e for e in f.entities if e.kind == "event"]
    assert len({e.key for e in events}) == 1 and events[0].attr("date") == "2022-03-07"


def test_numbered_session_is_named_with_the_body_that_held_it():
    f = facts_of("7月31日下午，区十七届人大常委会举行第十三次会议。")
    assert entities(f, "event") == {"区十七届人大常委会第十三次会议"}


def test_negative_an_ordinal_session_without_a_convener_keeps_its_number_alone():
    f = facts_of("7月31日下午，举行第十三次会议。")
    assert entities(f, "event") <= {"第十三次会议"}


def test_acting_and_prefecture_posts():
    f = facts_of("州委副书记、州人民政府代理州长廖飞出席会议。区委副书记、代区长张建国主持会议。")
    assert {p for _, p in posts(f)} >= {"州委副书记", "代理州长", "区委副书记", "代区长"}


def test_relay_by_a_person_at_the_meeting_and_a_quoted_name_with_a_list_inside():
    f = facts_of("9月26日，区人大常委会召开第二十二次会议。会前，区人大常委会副主任王建平传达学习了"
                 "某某同志在“不忘初心、牢记使命”主题教育工作会议上的讲话精神。")
    assert relations(f, "relays") == {("区人大常委会第二十二次会议", "“不忘初心、牢记使命”主题教育工作会议")}


def test_a_bare_kind_of_meeting_takes_its_convener_s_name():
    f = facts_of("1月26日下午，市委常委会召开扩大会议，传达学习省委常委会会议精神。")
    assert "市委常委会扩大会议" in entities(f, "event")


def test_negative_a_place_is_no_convener():
    f = facts_of("5月3日，在北京召开座谈会。")
    assert entities(f, "event") == {"座谈会"}


def test_documents_a_meeting_took_up_without_book_title_marks():
    f = facts_of("会议审议了某某区人大常委会工作报告（征求意见稿）、补选办法（草案）和某某实施意见的汇报。")
    assert entities(f, "policy") | entities(f, "law") >= {"某某区人大常委会工作报告（征求意见稿）", "补选办法（草案）",
                                                         "某某实施意见"}


def test_negative_a_report_on_how_things_stand_is_no_document():
    f = facts_of("会议听取了全县疫情防控工作情况汇报。")
    assert entities(f, "policy") == set()


def test_settlements_named_by_themselves():
    f = facts_of("7月6日上午，戴庙镇召开会议。区委书记到石门镇、大坪乡调研，走访柳池村、青松社区。")
    assert {"戴庙镇", "石门镇", "大坪乡", "柳池村", "青松社区"} <= entities(f, "place")


def test_negative_common_words_ending_like_settlements():
    f = facts_of("要推进乡村振兴，建设美丽乡村，加强城乡社区治理，到基层社区走访，全镇干部参加。")
    assert entities(f, "place") == set()


def test_bodies_named_by_themselves():
    f = facts_of("道县人民政府与某某集团签约。县人大、县政府、县政协等各党组要始终保持一致。")
    assert {"道县人民政府", "县人大", "县政府", "县政协"} <= entities(f, "org")


def test_negative_a_body_inside_a_longer_word_or_before_a_session_number():
    f = facts_of("全县政府系统要抓好落实。省委十一届七次全会召开。")
    assert not {"县政府", "省委"} & entities(f, "org")


def test_event_types_come_from_the_frames_file():
    f = facts_of("10月14日上午，某某县人民政府与某某集团合作框架协议签约仪式举行。")
    assert {(e.label, e.attr("type")) for e in f.entities if e.kind == "event"} == {
        ("某某县人民政府与某某集团合作框架协议签约仪式", "Signing")}


def test_an_inspection_campaign_and_a_visit_on_the_spot():
    f = facts_of("11月26日，县政协组织部分政协委员开展2025年度工业视察活动。县政协主席刘汉忠参加视察。"
                 "12日上午，县委书记胡晓海现场视察调度全县产业发展项目建设推进工作。")
    assert {(e.label, e.attr("type")) for e in f.entities if e.kind == "event"} >= {
        ("2025年度工业视察活动", "Inspection"), ("胡晓海视察调度全县产业发展项目建设推进工作", "Inspection")}


def test_a_bare_title_after_the_name_of_a_leader_abroad_is_his_post_abroad():
    f = facts_of("国务院总理李强同越南总理范明政举行会谈。范明政总理表示，越方愿同中方加强合作。")
    assert posts(f) == {("李强", "国务院总理"), ("范明政", "越南总理")}


def test_vice_is_never_dropped_from_a_title():
    f = facts_of("全国人大常委会副委员长丁明出席。")
    assert posts(f) == {("丁明", "全国人大常委会副委员长")}


def test_negative_a_residence_is_no_name():
    f = facts_of("习近平抵达总理官邸时，受到热烈欢迎。")
    assert posts(f) == set()


def test_the_second_holder_of_a_one_holder_title_in_a_sentence_is_a_counterpart_abroad():
    f = facts_of("在赵立群总书记和宋英哲总书记的关怀下，两党友谊不断巩固。")
    assert posts(f) == {("赵立群", "中共中央总书记")}


def test_negative_a_conjunction_after_a_title_starts_no_name():
    assert posts(facts_of("总书记和大家说，要因地制宜。")) == set()
    f = facts_of("在赵立群总书记、国家主席和宋通伦总书记战略引领下，两国关系迈入新时代。")
    assert {name for name, _ in posts(f)} == {"赵立群"}


def test_negative_an_adviser_to_a_premier_abroad_holds_no_premiership():
    assert posts(facts_of("以色列总理顾问雷格夫表示，双方已达成协议。")) == set()


def test_a_name_ends_before_a_word_jieba_reads_across_it():
    f = facts_of("埃塞俄比亚总理阿比以及印度、阿根廷外长与会。")
    assert posts(f) == {("阿比", "埃塞俄比亚总理")}


def test_a_minister_of_foreign_shape_after_a_leader_abroad_and_a_comma_is_of_that_country():
    f = facts_of("马来西亚总理安瓦尔，外交部部长穆罕默德等高级官员热情迎接。")
    assert ("穆罕默德", "马来西亚外交部部长") in posts(f)
    f = facts_of("李强会见越南总理范明政，外交部长杜文山参加会见。")
    assert ("杜文山", "外交部部长") in posts(f)  # a Chinese name after the comma: a Chinese minister


def test_a_transcribed_name_after_a_post_abroad_is_read_whole():
    f = facts_of("巴基斯坦总统扎尔达里、加纳总统阿库福-阿多致贺信。土耳其内政部长耶尔利卡亚今天说，"
                 "哥伦比亚共和国总统古斯塔沃·佩特罗·乌雷戈将于10月24日访华。法国内政部长努内兹5日称，法国总统马克龙表示欢迎。")
    assert {name for name, _ in posts(f)} == {"扎尔达里", "阿库福-阿多", "耶尔利卡亚", "古斯塔沃·佩特罗·乌雷戈",
                                              "努内兹", "马克龙"}


def test_a_name_runs_over_a_content_word_jieba_reads_across_it():
    f = facts_of("县委副书记、县长梁庆民主持会议。县委副书记陈海平等县领导参加活动。")
    assert {name for name, _ in posts(f)} == {"梁庆民", "陈海平"}


def test_a_bare_part_of_the_articles_event_is_named_after_it():
    f = facts_of("9月16日，第十九届东湖博览会在南宁举办。王小洪、张庆伟出席开幕式。",
                 title="第十九届东湖博览会在南宁举办")
    assert relations(f, "attendee") == {("第十九届东湖博览会开幕式", "王小洪"), ("第十九届东湖博览会开幕式", "张庆伟")}


def test_negative_another_kind_of_meeting_is_no_part_of_the_articles_event():
    f = facts_of("10月8日，县委书记张明主持召开县委常委会会议。会后，张明参加座谈会。")
    assert "县委常委会会议座谈会" not in entities(f, "event")


def test_a_body_with_and_in_its_name_after_another_title_and_a_comma_is_whole():
    f = facts_of("中央宣讲团成员，工业和信息化部党组书记、部长金明在杭州作宣讲报告。")
    assert ("金明", "工业和信息化部部长") in posts(f)


def test_a_body_starts_after_the_verb_and_particle_before_it():
    f = facts_of("会晤期间，各国领导人还听取了新开发银行行长罗塞芙等负责人工作汇报。")
    assert posts(f) == {("罗塞芙", "新开发银行行长")}


def test_negative_countries_bodies_and_international_bodies_before_a_verb_are_no_people():
    for body in ("国家林草局要求，验收通过的湿地公园要加强保护。", "应乌克兰要求，理事会将举行紧急会议。",
                 "对叙利亚外长访问沙特表示欢迎。", "石油输出国组织欧佩克宣布，主要产油国决定增产。",
                 "峰会上，埃塞俄比亚总理阿比以及印度、阿根廷外长与会。"):
        assert entities(facts_of(body), "person") <= {"阿比"}, body


def test_a_name_jieba_reads_whole_ends_before_a_preposition():
    f = facts_of("中共中央总书记、国家主席习近平以视频方式检查工作。"
                 "中央宣讲团成员、某某办公室副主任尹艳林在大学做报告。")
    assert ("习近平", "国家主席") in posts(f) and ("尹艳林", "中央宣讲团成员") in posts(f)


def test_a_body_with_a_function_character_inside_a_word_is_whole():
    f = facts_of("中央财经委员会办公室副主任尹艳林出席。第五次全国经济普查领导小组组长丁明出席。")
    assert posts(f) == {("尹艳林", "中央财经委员会办公室副主任"), ("丁明", "第五次全国经济普查领导小组组长")}


def test_a_district_of_a_municipality_places_its_people_in_the_municipality():
    f = facts_of("东丽区委书记贾明主持会议。")
    assert {e.key for e in f.entities if e.kind == "person"} == {"天津市_贾明"}  # not cpca's 市辖区


def test_a_joint_session_is_each_of_its_meetings():
    f = facts_of("5月28日，县长施家雄主持召开县政府党组会议和县政府2025年第16次常务会议，传达学习县委常委会会议精神。")
    assert relations(f, "chair") == {("县政府党组会议", "施家雄"), ("县政府2025年第16次常务会议", "施家雄")}
    assert relations(f, "relays") == {("县政府党组会议", "县委常委会会议"),
                                      ("县政府2025年第16次常务会议", "县委常委会会议")}


def test_negative_a_name_with_and_inside_is_one_meeting():
    f = facts_of("5月28日，县长施家雄主持召开全县安全和发展工作会议。")
    assert entities(f, "event") == {"全县安全和发展工作会议"}


def test_relay_in_a_clause_going_on_from_the_meeting():
    f = facts_of("5月23日，县长施家雄主持召开县政府常务会议。"
                 "会议以理论学习中心组学习会的形式，深入学习全省工作会议精神。")
    assert relations(f, "relays") == {("县政府常务会议", "全省工作会议")}


def test_negative_a_place_or_a_residence_after_a_title_is_no_name():
    f = facts_of("坚持我同拜登总统巴厘岛会晤达成的共识。美国要负起责任。")
    assert posts(f) == {("拜登", "美国总统")}


def test_untitled_leaders_listed_before_attending_are_people():
    f = facts_of("国务院召开第五次廉政工作会议。韩正、孙春兰、胡春华、刘鹤出席。")
    assert {n for _, n in relations(f, "attendee")} == {"韩正", "孙春兰", "胡春华", "刘鹤"}


def test_negative_no_body_starts_with_an_adverb_or_a_verb():
    f = facts_of("明天上午，全镇15个村（社区）将同步进行党组织换届选举工作。中央全面深化改革委员会召开会议。")
    assert entities(f, "org") == {"中央全面深化改革委员会"}


def test_companies_listed_in_full_with_their_place():
    f = facts_of("县委书记王明先后来到某某灵芝有限公司、旌德县万方日用品有限公司调研。"
                 "县人民政府与五矿某某建设集团有限公司合作框架协议签约仪式举行。")
    assert {"旌德县万方日用品有限公司", "五矿某某建设集团有限公司"} <= entities(f, "enterprise")


def test_negative_a_kind_of_company_is_none():
    f = facts_of("要求各有限公司加强安全管理，督促相关有限公司落实责任。")
    assert entities(f, "enterprise") == set()


def test_negative_settlement_endings_inside_common_words_and_divisions():
    f = facts_of("推进全国农村改革。住房城乡建设部印发通知。到县中川乡调研。江西萍乡、山西碧村。")
    assert not {"全国农村", "住房城乡", "县中川乡", "江西萍乡", "山西碧村"} & entities(f, "place")


def test_foreign_and_national_bodies_keep_their_names():
    f = facts_of("美国国务院发表声明。以军方称。审计署发布报告。新疆维吾尔自治区党委召开会议。")
    assert {"美国国务院", "以军方", "审计署"} <= entities(f, "org")
    assert "国务院" not in entities(f, "org")


def test_a_kind_of_body_between_titles_is_no_body_and_modifiers_stay_with_the_title():
    f = facts_of("蔡奇同越共中央政治局委员、中央书记处常务书记张氏梅举行会谈。某国总统、政府副总理王明出席。")
    assert ("张氏梅", "中央书记处常务书记") in posts(f)
    assert "政府" not in entities(f, "org")


def test_a_central_department_is_not_cut_at_its_committee():
    f = facts_of("中共中央对外联络部举办通报会。")
    assert entities(f, "org") == {"中共中央对外联络部"}


def test_numbered_goals_quoted_as_tasks_and_drafts_in_book_title_marks():
    f = facts_of("安定区认真做好“六稳”“六保”工作。会议审议通过了《某某区人民代表大会第二次会议议程(草案)》。")
    assert {"六稳", "六保", "某某区人民代表大会第二次会议议程（草案）"} <= entities(f, "policy") | entities(f, "law")


def test_negative_roles_to_play_and_meetings_in_quotes_are_no_policies():
    f = facts_of("要争做“实干家”，当好“排头兵”，开好“两会”。")
    assert entities(f, "policy") == set()


def test_bodies_of_villages_and_towns_named_after_them():
    f = facts_of("陆逊湖村党支部组织党员开展活动。建平乡机关党支部与铜鼓镇机关党支部开展联建。屏山社区居委会组织活动。")
    assert {"陆逊湖村党支部", "建平乡机关党支部", "铜鼓镇机关党支部", "屏山社区居委会"} <= entities(f, "org")


# Posts abroad (issue #18): a title in a foreign country's body is never a Chinese post, whether
# the country is written before it, before another title of the same person or elsewhere in the
# article; a name before a title written after names holds it.

def test_post_abroad_takes_the_country_written_before_it():
    f = facts_of("国家主席习近平会见孟加拉国总理哈丽娜。")
    assert posts(f) == {("习近平", "国家主席"), ("哈丽娜", "孟加拉国总理")}


def test_title_after_the_name_of_a_person_abroad_is_no_chinese_post():
    f = facts_of("越共中央总书记阮文章出席。习近平表示，愿同阮文章总书记同志保持密切沟通。")
    assert posts(f) == {("阮文章", "越共中央总书记")}


def test_foreign_party_leader_holds_his_own_party_post_in_every_sentence():
    f = facts_of("朝鲜劳动党总书记金光哲致电。在习近平总书记和金光哲总书记关怀下，两国友谊不断巩固。")
    assert posts(f) == {("习近平", "中共中央总书记"), ("金光哲", "朝鲜劳动党总书记")}


def test_titles_listed_with_a_post_abroad_are_not_chinese_posts():
    f = facts_of("会见越共中央政治局委员、外交部长黎文松。")
    assert posts(f) == {("黎文松", "越共中央政治局委员")}
    f = facts_of("越南国家主席阮春章、政府总理范文松等领导人赴使馆吊唁。")
    assert posts(f) == {("阮春章", "越南国家主席"), ("范文松", "越南总理")}
    f = facts_of("基里巴斯总统兼外交部长马布亚表示支持。")
    assert posts(f) == {("马布亚", "基里巴斯总统"), ("马布亚", "基里巴斯外交部部长")}


def test_former_post_abroad_and_a_name_written_with_a_dot():
    f = facts_of("埃及前总理伊萨姆·沙拉巴接受专访。")
    assert posts(f) == {("伊萨姆·沙拉巴", "埃及前总理")}


def test_ambassador_posted_abroad_is_chinas():
    f = facts_of("中国驻汤加大使曹晓林表示，使馆已启动应急机制。")
    assert posts(f) == {("曹晓林", "中国驻汤加大使")}


def test_title_followed_by_no_name_gives_no_person():
    assert entities(facts_of("陪同访华的有副总理兼财政部长官、外交部长官等。"), "person") == set()
    assert entities(facts_of("每到一地，总书记都要深入群众。"), "person") == set()
    assert posts(facts_of("这是习近平总书记对家乡的殷殷嘱托。")) == {("习近平", "中共中央总书记")}


def test_one_post_one_label_whichever_way_the_ministry_is_written():
    f = facts_of("商务部长王立新出席。商务部部长王立新讲话。")
    assert posts(f) == {("王立新", "商务部部长")}


# Relays (kg/extract/relays.py, data/rules/relays.tsv): items closed by 精神, joined by 、，和及.

def test_relayed_meetings_listed_over_half_width_commas():
    body = ("3月4日上午，区政府第5次常务会议召开。\n"
            "会议传达学习省数字乡村推进会,省经济运行分析例会,省安全生产现场会会议精神,研究了全区安全生产工作。")
    f = facts_of(body)
    assert {r for _, r in relations(f, "relays")} == {"省数字乡村推进会", "省经济运行分析例会", "省安全生产现场会"}


def test_relayed_speech_gives_its_meeting_or_occasion_and_instructions_give_none():
    body = ("3月4日上午，区委常委会会议召开。\n"
            "会议传达学习了习近平总书记在全省干部大会上的重要讲话精神，在福建考察时的重要讲话精神，"
            "对安全生产工作作出的重要指示精神，向首届山海论坛致贺信精神。")
    f = facts_of(body)
    assert {r for _, r in relations(f, "relays")} == {"全省干部大会", "福建考察时的重要讲话", "首届山海论坛"}


def test_documents_and_vague_references_are_not_relays():
    body = "3月4日上午，区委常委会会议召开。\n会议传达学习了上级有关会议精神和《某某工作条例》文件精神。"
    assert relations(facts_of(body), "relays") == set()


def test_relay_list_starts_after_an_object_that_is_no_meeting():
    body = ("3月4日上午，区委常委会会议召开。\n"
            "会议传达学习了近期有关文件，市委书记王明调研全市防汛工作座谈会议精神，研究部署了防汛工作。")
    relayed = {r for _, r in relations(facts_of(body), "relays")}
    assert len(relayed) == 1 and next(iter(relayed)).endswith("调研全市防汛工作座谈会议")


def test_inspection_led_with_a_group_to_a_place_or_a_topic():
    f = facts_of("6月20日，县政协主席林纪章带领县政协常委等人员对我县重点项目开展视察，"
                 "县政协副主席丁景华、余林等参加视察。")
    assert entities(f, "event") == {"林纪章对我县重点项目开展视察"}
    assert {p for _, p in relations(f, "attendee")} == {"林纪章", "丁景华", "余林"}
    f = facts_of("6月21日，市政协副主席林恒章带领市政协课题组来我县开展调研工作。副县长林颖华陪同调研。")
    assert {p for _, p in relations(f, "attendee")} == {"林恒章", "林颖华"}


def test_two_countries_short_forms_name_no_city():
    from kg.resolve.locality import article_locality

    assert article_locality(make_article("王明表示，巴中友谊深厚。巴中民心相亲，推动巴中合作。")).city is None
    assert article_locality(make_article("巴中市委书记张三主持会议。巴中市要加快发展。")).city.name == "巴中市"


def test_lectures_relay_what_they_lecture_on():
    body = ("连日来，学习贯彻党的二十大精神省委宣讲团成员分别在各地宣讲。\n"
            "省委宣讲团成员、省社科院院长郑文涛在南川大学作宣讲报告。\n"
            "11月8日，县委书记韩立群到城关镇宣讲党的二十届三中全会精神。")
    f = facts_of(body)
    assert relations(f, "relays") == {("郑文涛在南川大学作宣讲报告", "党的二十大"),
                                      ("韩立群到城关镇宣讲党的二十届三中全会精神", "二十届三中全会")}
    assert ("韩立群到城关镇宣讲党的二十届三中全会精神", "韩立群") in relations(f, "speaker")


def test_negative_a_lecture_group_named_without_lectures_relays_nothing():
    body = "11月8日，县委常委会会议召开。县委书记韩立群主持会议并讲话，会议研究了宣讲工作安排。"
    assert relations(facts_of(body), "relays") == set()


# Meetings chaired without 召开, jointly, and deliberations of a congress delegation

def test_meeting_chaired_without_convening_verb_and_jointly():
    f = facts_of("3月4日，区长李明主持区政府常务会议，副区长王刚、赵强出席。")
    assert relations(f, "chair") == {("区政府常务会议", "李明")}
    body = ("5月6日，省长周海涛应邀访问东岚市，会见市长魏德宁、副市长孔希文，"
            "并同魏德宁共同主持东岚合作机制会议。")
    f = facts_of(body)
    assert relations(f, "chair") == {("东岚合作机制会议", "周海涛"), ("东岚合作机制会议", "魏德宁")}
    assert {p for e, p in relations(f, "attendee") if "会见" in e} == {"周海涛", "魏德宁", "孔希文"}
    assert ("周海涛访问东岚市", "周海涛") in relations(f, "attendee")
    assert not any("访问" in e for e, _ in relations(f, "speaker"))  # nobody speaks at a visit


def test_negative_a_host_named_in_an_earlier_clause_does_not_meet():
    f = facts_of("5月6日，省长周海涛出席开幕式，副省长孔希文会见客商代表。")
    assert not any(p == "周海涛" and "会见" in e for e, p in relations(f, "attendee"))


def test_deliberation_at_the_delegation_of_a_member_of_congress():
    body = ("3月5日下午，省人大常委会主任郑国栋来到他所在的南川代表团，同代表们一起审议政府工作报告。\n"
            "郑国栋表示，完全赞成政府工作报告。")
    f = facts_of(body)
    assert relations(f, "attendee") == {("南川代表团审议", "郑国栋")}
    assert relations(f, "speaker") == {("南川代表团审议", "郑国栋")}


def test_attendee_named_before_a_place_and_a_date():
    f = facts_of("省委书记郑国栋26日在南川出席2024年南川园艺博览会开幕式并致辞。")
    assert relations(f, "attendee") == {("2024年南川园艺博览会开幕式", "郑国栋")}


def test_names_closed_by_a_group_word_attend():
    body = ("7月20日，东岚市召开经济运行推进会。市长黄德才出席会议并讲话，"
            "杨顺通、李清进、蒙淼鑫等市领导参加会议。")
    f = facts_of(body)
    assert {p for _, p in relations(f, "attendee")} == {"黄德才", "杨顺通", "李清进", "蒙淼鑫"}


def test_delegation_visit_with_no_lead_named_and_a_list_of_companions():
    body = ("8月28日，东岚市党政考察团一行来我旗考察。我旗领导伊木达、巴图满都拉、王平力及旗政府办、"
            "教育局等相关负责人陪同。")
    f = facts_of(body)
    assert entities(f, "event") == {"东岚市党政考察团一行来我旗考察"}
    assert {p for _, p in relations(f, "attendee")} == {"伊木达", "巴图满都拉", "王平力"}


def test_negative_words_of_a_list_that_name_bodies_are_no_people():
    f = facts_of("8月28日，东岚市召开会议。我县领导王平力、教育局、建设局陪同。")
    assert entities(f, "person") <= {"王平力"}


def test_preparatory_meeting_named_after_its_session():
    body = "12月13日下午，县十六届人大二次会议在大剧院召开预备会，县人大常委会主任陈国平主持会议。"
    assert relations(facts_of(body), "chair") == {("县十六届人大二次会议预备会", "陈国平")}


def test_name_between_a_body_and_its_title_and_a_name_before_de():
    body = "12月12日，省政协牛文立副主席在市政协副主席黄子杰的陪同下来宿松调研。"
    f = facts_of(body)
    assert posts(f) == {("牛文立", "省政协副主席"), ("黄子杰", "市政协副主席")}
    assert entities(f, "person") == {"牛文立", "黄子杰"}  # 宿松 is a county, not a person


def test_chair_named_before_his_title_and_a_surname_read_as_a_preposition():
    f = facts_of("11月18日下午，邓东晓区长主持召开区政府第18次常务会议。")
    assert relations(f, "chair") == {("区政府第18次常务会议", "邓东晓")}
    f = facts_of("市政协副主席孙泽榕、曲海涛、于平桂、张星宏参加会议。")
    assert {p for p, _ in posts(f)} == {"孙泽榕", "曲海涛", "于平桂", "张星宏"}


def test_joining_a_visit_and_speaking_is_attending_it_only():
    body = "8月25日，师范学院党委书记王平金一行到八都镇调研指导乡村振兴工作，县委副书记曾炆广参加调研并讲话。"
    f = facts_of(body)
    assert {p for _, p in relations(f, "attendee")} == {"王平金", "曾炆广"}
    assert relations(f, "speaker") == set()


def test_two_leads_of_a_delegation_and_guests_who_came_to_hold_a_ceremony():
    f = facts_of("2月6日，县委书记马东旭、县委副书记、县长刘建强率领县党政代表团赴东岚开发区考察，推动合作。")
    assert {p for _, p in relations(f, "attendee")} == {"马东旭", "刘建强"}
    f = facts_of("10月11日，研究院党委书记郭朝京一行前来我县举行航天城项目签约仪式。")
    assert relations(f, "attendee") == {("航天城项目签约仪式", "郭朝京")}


# Who a person is across articles: keyed by the place of the body his post is in

def test_person_keyed_by_the_place_of_his_posts_body_not_the_articles():
    f = facts_of("座谈会上，陕西省委书记赵德一、河南省委书记楼生阳先后发言。", section=SECTION)
    assert {t.person.key for t in f.tenures} == {"陕西省_赵德一", "河南省_楼生阳"}


def test_bare_titles_and_posts_held_then_do_not_place_a_person():
    f = facts_of("我坚信，在习近平主席坚强领导下，亚运会一定精彩。", section=SECTION)
    assert {e.key for e in f.entities if e.kind == "person"} == {"习近平"}
    f = facts_of("该工程是时任福州市委书记习近平同志亲自主持编制的。", section=SECTION)
    assert {t.person.key for t in f.tenures} == {"习近平"}


def test_names_whose_surname_jieba_reads_as_a_preposition():
    assert posts(facts_of("区政协主席于明东出席会议。")) == {("于明东", "区政协主席")}
    assert ("于波涛", "区委常委") in posts(facts_of("区委常委林秋艳、王力文、于波涛出席。"))


def test_delegations_and_working_groups_are_organisations():
    f = facts_of("8月28日，东岚市党政考察团一行来我旗考察。")
    assert "东岚市党政考察团" in entities(f, "org")
    f = facts_of("2月6日，县委书记马东旭率领县党政代表团赴东岚开发区考察。")
    assert "县党政代表团" in entities(f, "org")


def test_negative_groups_named_by_no_one():
    for body in ("国家防总派出的工作组在北京协助指导。", "这也是中国代表团首次参赛。", "多个代表团在会上发言。"):
        groups = {o for o in entities(facts_of(body), "org") if o.endswith(("工作组", "代表团"))}
        assert groups <= {"中国代表团"}, body  # not 派出的工作组, 这也是中国代表团, 多个代表团


def test_tenure_list_written_name_first_title_after():
    f = facts_of("区政府韦建国区长、葛淑芬副区长列席会议。")
    assert posts(f) == {("韦建国", "区长"), ("葛淑芬", "副区长")}
    f = facts_of("县委书记庞立新、葛淑芬副县长出席会议。")  # a list begun title first, then name first
    assert posts(f) == {("庞立新", "县委书记"), ("葛淑芬", "副县长")}


def test_tenure_town_party_secretary_is_the_town_committees_secretary():
    f = facts_of("最后，镇党委书记闫志成作了总结讲话。")
    assert posts(f) == {("闫志成", "镇党委书记")}


def test_title_of_a_party_committee_member():
    f = facts_of("会上，党工委委员柏志安领学了有关文件精神。")
    assert entities(f, "person") == {"柏志安"}


def test_enterprises_named_by_the_kind_word_closing_their_list():
    f = facts_of("市长嵇华一行先后来到宏盛纺织、新联电子、东宇科技等企业走访。")
    assert entities(f, "enterprise") == {"宏盛纺织", "新联电子", "东宇科技"}
    f = facts_of("会议表彰了华兴电子、宏达机械等10家企业。")
    assert entities(f, "enterprise") == {"华兴电子", "宏达机械"}
    f = facts_of("全县各乡镇、各部门等单位参加。")
    assert entities(f, "enterprise") == set()


def test_a_signing_told_as_a_clause_is_the_reports_event():
    f = facts_of("8月21日，某甲新区与某乙区签署深化协同合作协议。某甲新区区委书记连茂华，某乙区区委书记贾平共同见证"
                 "协议签署。某甲新区区长单泽林、某乙区区长李春生分别代表双方签署协议。")
    (event,) = [e for e in f.entities if e.kind == "event"]
    assert event.label == "某甲新区与某乙区签署深化协同合作协议" and event.attr("type") == "Signing"
    assert {p for _, p in relations(f, "attendee")} == {"连茂华", "贾平", "单泽林", "李春生"}
    assert {p for _, p in relations(f, "signatory")} == {"单泽林", "李春生"}
    f = facts_of("5月8日上午，县政府召开常务会议。县长赵文斌主持。会议要求各乡镇与县政府签订安全生产责任书。")
    assert [e.attr("type") for e in f.entities if e.kind == "event"] == ["Meeting"]


def test_a_speech_given_on_a_visit_is_no_visit_of_the_report():
    f = facts_of("根据协议，两区将全面落实习近平总书记视察天津重要讲话精神。")
    assert not [e for e in f.entities if e.kind == "event" and e.attr("type") == "Inspection"]


def test_a_village_written_after_its_town():
    f = facts_of("7月9日上午，调研组来到潘家堡镇于家台村开展专题调研。")
    assert {"潘家堡镇", "于家台村"} <= entities(f, "place")
    f = facts_of("调研组来到青石镇柳树村。")
    assert {"青石镇", "柳树村"} <= entities(f, "place")


def test_a_nominee_for_a_post_is_named_after_it():
    f = facts_of("旗政协党组书记、主席提名人选陶立新主持会议。")  # nominated: he does not hold it yet
    assert posts(f) == {("陶立新", "旗政协党组书记")}
    f = facts_of("县政协副主席提名人选、县委组织部常务副部长黄振宇到会指导。")
    assert posts(f) == {("黄振宇", "县委组织部常务副部长")}


def test_a_country_side_or_army_before_a_speech_verb_is_no_person():
    f = facts_of("乌军称，已击退对方进攻。欧方表示愿意继续对话。新闻发言人孟佳林称，双方仍在沟通。")
    assert entities(f, "person") == {"孟佳林"}


def test_a_verb_of_saying_after_a_name_makes_a_speaker_of_the_meeting():
    # 透露 and 谈到 come from the one list of speech verbs (kg/data/lexicon/speech_verbs.txt)
    f = facts_of("县长程立新主持召开县政府常务会议。邱明透露，项目年底开工。")
    assert "邱明" in entities(f, "person")
    assert relations(f, "speaker") == {("县政府常务会议", "邱明")}


def test_a_visit_told_after_a_comma_or_in_a_clause_of_time():
    # 到某园区，调研…: the place, then what was done there; 在调研…时: the visit as the time of a remark
    f = facts_of("4月2日下午，区委书记蒋立文到城东科技园，调研企业复工复产情况。")
    assert relations(f, "attendee") == {("蒋立文调研企业复工复产情况", "蒋立文")}
    f = facts_of("3月5日，县长邵振华在调研全县工业企业生产时，对企业负责人说，要稳住订单。")
    assert relations(f, "attendee") == {("邵振华调研全县工业企业生产", "邵振华")}
    f = facts_of("县长邵振华在会上强调，要调研全县工业企业生产情况。")  # what he wants done: no visit
    assert not relations(f, "attendee")


def test_a_name_ends_before_a_verb_of_going():
    f = facts_of("省委常委、市委书记欧阳明赴高新区走访企业。")
    assert entities(f, "person") == {"欧阳明"}
    assert relations(f, "attendee") == {("欧阳明赴高新区走访企业", "欧阳明")}


def test_a_list_of_attendees_runs_on_over_a_semicolon():
    f = facts_of("5月6日，城关区与重点企业举行工作座谈。区委书记，开发区工委书记贺建平；市商务局处长林晓，"
                 "青禾科技有限公司总经理严明出席。副区长米粟、孔令一；青禾科技有限公司副总经理齐远等参加会议。")
    attendees = {p for e, p in relations(f, "attendee") if e == "工作座谈"}
    assert attendees == {"贺建平", "林晓", "严明", "米粟", "孔令一", "齐远"}
    f = facts_of("区委书记贺建平主持召开区委常委会会议。会议听取了工作汇报；副区长米粟。")
    assert ("区委常委会会议", "米粟") not in relations(f, "attendee")  # a name alone, no verb after it


def test_a_speaker_who_thanks_or_welcomes_someone_at_the_meeting():
    f = facts_of("5月6日，城关区与重点企业举行工作座谈。区委书记贺建平出席。贺建平对企业一行的到来表示欢迎。")
    assert relations(f, "speaker") == {("工作座谈", "贺建平")}


def test_an_event_held_as_one_with_another_is_named_whole():
    f = facts_of("6月3日晚上，青川县举办全县“七一”表彰大会暨“初心如炬”主题演讲决赛活动。")
    assert {(e.label, e.attr("date")) for e in f.entities if e.kind == "event"} == {
        ("全县“七一”表彰大会暨“初心如炬”主题演讲决赛活动", "2020-06-03")}  # before 2021-03-06


def test_officials_named_alone_before_the_lead_lead_the_visit_with_him():
    f = facts_of("1月24日，市政协副主席苗青山，开发区党工委委员、办公室主任向明远，带领中心班子成员分别前往"
                 "青松纸业、红河环保、金石集团等园区企业走访慰问。")
    assert {p for _, p in relations(f, "attendee")} == {"苗青山", "向明远"}
    assert {e.label for e in f.entities if e.kind == "event"} == {"向明远前往园区企业走访慰问"}
    assert {"青松纸业", "红河环保", "金石集团"} <= entities(f, "enterprise")


def test_a_common_word_where_a_name_could_stand_is_no_person():
    f = facts_of("县政府相关负责人通报了全县工业经济发展现状。会议听取了县政府班子成员年度工作计划汇报。"
                 "会议通过了议程以及计划和预算审查委员会名单。")
    assert entities(f, "person") == set()
    f = facts_of("省委田野书记出席会议。县委苗青山副书记讲话。")
    assert entities(f, "person") == {"田野", "苗青山"}


def test_a_relay_sentence_is_about_the_meeting_reported_last_before_it():
    f = facts_of("5月3日，县长米粟主持召开县政府第5次常务会议。会议深入学习了全省安全生产会议精神；"
                 "传达学习全市防汛工作会议精神。又讯 5月9日，县长米粟主持召开县政府第6次常务会议。"
                 "会议传达学习了全市招商引资推进会，研究我县贯彻意见。")
    assert relations(f, "relays") == {("县政府第5次常务会议", "全省安全生产会议"),
                                      ("县政府第5次常务会议", "全市防汛工作会议"),
                                      ("县政府第6次常务会议", "全市招商引资推进会")}


def test_a_meeting_named_after_its_body_is_held_by_it():
    f = facts_of("12月16日上午，区长邵明主持召开区政府第12次常务会，研究近期工作。")
    assert relations(f, "organizer") == {("区政府第12次常务会", "区政府")}
    assert relations(f, "chair") == {("区政府第12次常务会", "邵明")}


def test_a_body_only_implied_by_a_post_is_marked_so():
    f = facts_of("习近平总书记强调，要办好自己的事。")
    assert [e.attr("implied") for e in f.entities if e.kind == "org"] == ["true"]
    f = facts_of("习近平总书记强调，要办好自己的事。中共中央印发了通知。")  # named after: not implied
    assert [e.attr("implied") for e in f.entities if e.kind == "org"] == [None]


def test_a_development_zone_or_park_after_a_place_name_is_a_place():
    f = facts_of("县长米粟到西宁经济技术开发区调研，又来到广元经开区。")
    assert {"西宁经济技术开发区", "广元经开区"} <= entities(f, "place")
    f = facts_of("会议要求各园区加快建设。")  # a park, no name: nothing
    assert not {p for p in entities(f, "place") if p.endswith("园区")}


def test_a_body_written_without_its_level_in_a_list_of_titles_takes_the_level_before():
    f = facts_of("县委常委、政协主席、统战部长贺平主持会议。县委副书记、政府县长米粟出席。")
    assert {("贺平", "县委常委"), ("贺平", "县政协主席"), ("米粟", "县委副书记"), ("米粟", "县长")} <= posts(f)
    assert ("贺平", "县委主席") not in posts(f)


def test_a_county_of_one_character_keeps_its_ending_before_its_bodies():
    f = facts_of("兴县县委书记梁志远主持会议。", section="兴县新闻")
    assert posts(f) == {("梁志远", "兴县县委书记")}


def test_two_meetings_held_at_once_are_both_reported():
    f = facts_of("2月4日，全省重点项目建设现场推进会、全市重点项目建设现场推进会召开。区长王营出席会议。")
    reported = {(e.label, e.attr("date")) for e in f.entities if e.kind == "event" and e.attr("reported_in")}
    assert reported == {("全省重点项目建设现场推进会", "2021-02-04"), ("全市重点项目建设现场推进会", "2021-02-04")}


def test_negative_in_a_digest_of_briefs_words_are_no_speech_at_its_one_event():
    body = "韩国国会5日举行全体会议。韩国总统李明远表示，希望深化双边关系。"
    assert not relations(facts_of(body, title="国际快讯"), "speaker")
    assert relations(facts_of(body, title="韩国国会举行全体会议"), "speaker")


def _event_dates(f) -> dict[str, str | None]:
    return {e.label: e.attr("date") for e in f.entities if e.kind == "event"}


def test_a_meeting_of_a_one_day_report_takes_its_day():
    f = facts_of("8月25日，市长林国栋到青禾镇调研。他先后走访了三家企业。林国栋一行来到镇政府参加座谈会。")
    assert _event_dates(f)["座谈会"] == "2020-08-25"


def test_negative_a_meeting_stays_undated_when_the_report_names_a_month_or_two_days():
    month = facts_of("2019年4月，市长林国栋到青禾镇调研。他先后走访了三家企业。林国栋一行来到镇政府参加座谈会。")
    assert _event_dates(month)["座谈会"] is None
    span = facts_of("8月25日至26日，市长林国栋到青禾镇调研。他先后走访了三家企业。林国栋一行来到镇政府参加座谈会。")
    assert _event_dates(span)["座谈会"] is None
    two = facts_of("8月25日，市长林国栋到青禾镇调研。8月26日，林国栋来到镇政府参加座谈会。")
    assert _event_dates(two)["座谈会"] == "2020-08-26"
