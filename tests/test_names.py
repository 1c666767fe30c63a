"""The one name reader: the same names for extraction and for ``kg mentions`` (invented names)."""

from __future__ import annotations

import pytest

from kg.nlp.mentions import recognise
from kg.nlp.names import name_after


@pytest.mark.parametrize(("text", "pos", "name"), [
    ("区委书记钱立川主持会议", 4, "钱立川"),
    ("县长钟岳表示，", 2, "钟岳"),
    ("总经理韦安澜先生介绍", 3, "韦安澜"),
    ("总监龙坤女士说", 2, "龙坤"),
    ("主任柏成说，", 2, "柏成"),
])
def test_a_name_after_a_title_ends_where_the_name_ends(text, pos, name):
    assert name_after(text, pos) == name


@pytest.mark.parametrize(("text", "pos"), [
    ("总理官邸时", 2),  # a word that follows titles, not a name
    ("书记强调，", 2),  # a verb
    ("主任和大家座谈", 2),  # a conjunction
])
def test_no_name_where_a_word_follows_the_title(text, pos):
    assert name_after(text, pos) is None


def names_found(text: str) -> set[str]:
    return {m.surface for m in recognise(text) if m.label == "name"}


def test_mentions_read_names_after_titles_as_extraction_does():
    text = "区委书记钱立川主持会议，总经理韦安澜先生介绍了项目情况。"
    found = names_found(text)
    assert {"钱立川", "韦安澜"} <= found
    assert not any(n.endswith("先") or n.endswith("生") for n in found)


def test_mentions_read_a_dotted_transcribed_name_after_a_title():
    assert "阿卜杜·卡里莫夫" in names_found("某国外长阿卜杜·卡里莫夫表示，")


def test_a_place_jieba_reads_whole_after_a_title_is_no_name():
    assert name_after("坚持同某国总统巴厘岛会晤达成的共识", 6) is None


def test_a_name_cut_by_the_end_of_the_text_is_none_and_no_error():
    from kg.nlp.names import name_after
    assert name_after("会议由王", 3) is None
    assert name_after("县领导孟科、姜", 6) is None
