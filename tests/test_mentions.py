"""kg.nlp.mentions on short sentences written for these tests, one pattern per test.

Every sentence here was made up for the test; none comes from CLUENER2020, the sample page or the
evaluation material. The dev-set evaluation is a script (scripts/eval_cluener.py), not a test.
"""

from __future__ import annotations

import pytest

from kg.nlp.mentions import LABELS, Mention, recognise, to_cluener


def found(text: str) -> set[tuple[str, str]]:
    return {(m.label, m.surface) for m in recognise(text)}


def labelled(text: str, label: str) -> set[str]:
    return {m.surface for m in recognise(text) if m.label == label}


# ---- persons ---------------------------------------------------------------------------------

def test_name_after_title_with_organisation_prefix():
    # pattern: 区委书记 + NAME (a title written before the name)
    assert {("position", "区委书记"), ("name", "徐光文")} <= found("区委书记徐光文主持召开会议。")


def test_name_after_reporter_title():
    # pattern: 记者 + NAME
    assert "王秋蕊" in labelled("本报记者王秋蕊报道。", "name")


def test_compound_titles_split_at_enumeration_comma():
    # pattern: 市委常委、区委书记 + NAME: two posts, one person
    text = "市委常委、区委书记徐光文出席。"
    assert labelled(text, "position") == {"市委常委", "区委书记"}
    assert labelled(text, "name") == {"徐光文"}


def test_name_before_general_secretary_title():
    # pattern: NAME + 总书记 (the title written after the name)
    text = "习近平总书记强调。"
    assert ("name", "习近平") in found(text)
    assert ("position", "总书记") in found(text)


def test_surname_cut_from_given_name_before_a_verb():
    # pattern: jieba cuts 胡/海峰; a surname tagged nr + given name before 指出 is one name
    assert labelled("胡海峰指出，要抓好落实。", "name") == {"胡海峰"}


def test_names_listed_with_enumeration_commas():
    # pattern: NAME、NAME、NAME等 — one recognised name vouches for its neighbours in the list
    assert labelled("徐光文、张建国、李海峰等参加活动。", "name") == {"徐光文", "张建国", "李海峰"}


def test_honorific_form_is_not_a_name():
    # negative: 张先生 names nobody in particular; 刘某 is anonymised
    assert labelled("张先生说，刘某已被带走。", "name") == set()


def test_surname_alone_is_not_a_name():
    # negative: 胡 alone (a surname of one character) is never a name
    assert labelled("他姓胡。", "name") == set()
    assert labelled("胡说八道不可取。", "name") == set()


def test_slogan_is_not_a_person():
    # negative: a quoted slogan yields no person and no organisation
    text = "“绿水青山就是金山银山”理念深入人心。"
    assert labelled(text, "name") == set()
    assert labelled(text, "organization") == set()


def test_nothing_inside_book_title_marks():
    # negative: 《…》 is a title of a book, paper or film, not a name or a body
    assert found("他读完了《王小明传》。") == set()


# ---- positions -------------------------------------------------------------------------------

def test_position_with_modifier():
    # pattern: modifier + title (常务副 + 院长, 首席 + 执行官)
    assert labelled("常务副院长出席，首席执行官致辞。", "position") == {"常务副院长", "首席执行官"}


def test_title_inside_a_longer_word_is_not_a_position():
    # negative: 长 inside 增长 or 成长 is no title
    assert labelled("今年全区经济总量稳步增长，企业不断成长。", "position") == set()


# ---- government, organisations, companies ----------------------------------------------------

def test_government_body_with_place_before_it():
    # pattern: place + body from the lexicon (杭州市 + 公安局)
    assert labelled("杭州市公安局发布通告。", "government") == {"杭州市公安局"}


def test_government_short_forms_split_by_jieba():
    # pattern: lexicon entries spelt across words (住/建部), enumerated
    assert labelled("发改委、住建部联合发文。", "government") == {"发改委", "住建部"}


def test_army_of_a_country():
    # pattern: a country's one-character short form + 军 (美军), place + 海军
    assert labelled("美军与英国海军举行演习。", "government") == {"美军", "英国海军"}


def test_bare_government_without_place_is_not_labelled():
    # negative: 政府 alone does not say whose
    assert labelled("政府推出了新的措施。", "government") == set()


def test_company_name_before_ending():
    # pattern: NAME + 公司 (a country before the name stays part of it)
    assert labelled("英国必发公司公布了数据。", "company") == {"英国必发公司"}


def test_bank_short_form_and_branch():
    # pattern: bank short form + place + 分行
    assert labelled("记者从工行杭州分行获悉。", "company") == {"工行杭州分行"}


def test_generic_bank_is_not_a_company():
    # negative: 商业银行 and 外资银行 are kinds of bank, not names
    assert labelled("多家商业银行和外资银行调整了利率。", "company") == set()


def test_organization_by_ending():
    # pattern: NAME + 大学 / 协会
    text = "浙江大学教授李明和中国作家协会副主席王蒙出席。"
    assert {"浙江大学", "中国作家协会"} <= labelled(text, "organization")
    assert {"李明", "王蒙"} <= labelled(text, "name")


def test_international_bodies_and_broadcasters_by_ending():
    # pattern: NAME + 组织 / 电视台 / 广播电台 / 总台
    text = "世界气象组织和中央广播电视总台、浙江电视台共同发布报告。"
    assert {"世界气象组织", "中央广播电视总台", "浙江电视台"} <= labelled(text, "organization")


def test_negative_organise_as_a_verb_and_kinds_of_organisation():
    # negative: 组织 as a verb after a name, 党组织 and 民间组织 name no one
    text = "浙江大学组织开展活动，各级党组织和民间组织积极参与。"
    assert labelled(text, "organization") == {"浙江大学"}


def test_negative_ordinary_nouns_ending_in_bureau():
    # negative: 格局 and 当局 end in 局 but name no bureau
    assert labelled("构建发展新格局，美国当局表示关切。", "government") == set()


def test_sports_teams_around_versus():
    # pattern: TEAM vs TEAM in sports reports: organizations, not places or persons
    text = "阿森纳vs切尔西"
    assert labelled(text, "organization") == {"阿森纳", "切尔西"}
    assert labelled(text, "address") == labelled(text, "name") == set()


# ---- places ----------------------------------------------------------------------------------

def test_short_county_name_is_an_address():
    # pattern: a gazetteer short name (莲都 for 莲都区) is a place
    assert labelled("我们来到莲都调研。", "address") == {"莲都"}


def test_address_runs_down_to_the_street():
    # pattern: place + place + street: one address, marked down to the finest part
    assert labelled("公司位于北京市海淀区中关村大街。", "address") == {"北京市海淀区中关村大街"}


def test_place_after_a_locative():
    # pattern: 在 + PLACE is where something happens
    assert labelled("他在纽约工作。", "address") == {"纽约"}


def test_common_word_that_is_also_a_county_short_name_is_no_place():
    # negative: 比如 is the short name of a county, but here a conjunction
    assert labelled("比如这个项目就很成功。", "address") == set()


# ---- the record format -----------------------------------------------------------------------

def test_mentions_do_not_overlap_and_offsets_match():
    text = "国务院副总理李克强在北京会见了中国作家协会副主席王蒙。"
    mentions = recognise(text)
    taken: set[int] = set()
    for m in mentions:
        assert m.label in LABELS
        assert text[m.start:m.end] == m.surface
        assert not taken & set(range(m.start, m.end))
        taken |= set(range(m.start, m.end))


def test_to_cluener_uses_inclusive_ends_and_groups_repeats():
    text = "徐光文说，徐光文认为。"
    mentions = [Mention("name", 0, 3, "徐光文", "t"), Mention("name", 5, 8, "徐光文", "t")]
    assert to_cluener(text, mentions) == {"text": text, "label": {"name": {"徐光文": [[0, 2], [5, 7]]}}}


def test_empty_text_and_unknown_backend():
    assert recognise("") == ()
    with pytest.raises(ValueError, match="unknown backend"):
        recognise("张三", backend="bert")


# ---- segmentation ----------------------------------------------------------------------------

def test_remembered_hmm_runs_tag_as_jieba_does():
    # kg's tokenizer keeps what jieba's HMM made of each run of unknown characters (speed); the
    # words and tags must be jieba's own, the second time a run is seen as the first
    import jieba.posseg

    from kg.nlp.segment import _tokenizer

    ours = _tokenizer()
    plain = jieba.posseg.POSTokenizer(ours.tokenizer)
    text = "郝建秋同志在蒲阳镇调研时说，郝建秋同志还去了蒲阳镇的葛家坳村。"
    expected = [(p.word, p.flag) for p in plain.lcut(text)]
    assert [(p.word, p.flag) for p in ours.lcut(text)] == expected
    assert [(p.word, p.flag) for p in ours.lcut(text)] == expected
    assert type(ours) is not jieba.posseg.POSTokenizer  # the memo is in place
