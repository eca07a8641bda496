"""The name tagger's training data conversion and dropout (scripts/train_ner.py).

The tagged lines are written for these tests in the corpus format (invented
people; real place and organisation names).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from eval.ner_heldout import corpus_sentences, train_script

train_ner = train_script()


def entities(line: str) -> list[tuple[str, str]]:
    return [(t, k) for t, k in train_ner.paragraph_entities(line) if k is not None]


def test_people_places_and_bracketed_organisations() -> None:
    line = ("19980101-01-001-001/m  卢/nr  振川/nr  在/p  [黄石/ns  市委/n]nt  会见/v  "
            "[北京/ns  人民/n  大会堂/n]ns  的/u  客人/n")
    assert entities(line) == [("卢振川", "PER"), ("黄石市委", "ORG"), ("北京人民大会堂", "LOC")]


def test_short_forms_and_bodies_standing_alone_are_organisations() -> None:
    line = "19980101-01-001-002/m  欧盟/j  、/w  市委/n  、/w  体委/j  和/c  市政府/n  ，/w  部委/j"
    assert entities(line) == [("欧盟", "ORG"), ("市委", "ORG"), ("体委", "ORG")]


def test_named_parties_are_organisations_generic_ones_are_not() -> None:
    line = ("19980101-01-001-005/m  自由党/n  、/w  社民党/j  和/c  反对党/n  ，/w  "
            "执政党/n  与/c  工党/n")
    assert entities(line) == [("自由党", "ORG"), ("社民党", "ORG"), ("工党", "ORG")]


def test_minister_words_mark_the_ministry() -> None:
    line = "19980101-01-001-006/m  外交部长/n  王/nr  五/nr  、/w  副部长/n  和/c  部长/n"
    assert entities(line) == [("外交部", "ORG"), ("王五", "PER")]


def test_one_character_abbreviations_are_places() -> None:
    line = "19980101-01-001-003/m  中/j  美/j  关系/n  ，/w  中宣部/j  ，/w  经贸/j"
    assert entities(line) == [("中", "LOC"), ("美", "LOC"), ("中宣部", "ORG")]


def test_two_place_abbreviations_in_one_word_are_two_places() -> None:
    line = "19980101-01-001-007/m  黄淮/j  、/w  京津/j  、/w  中共/j  和/c  国企/j"
    assert entities(line) == [("黄", "LOC"), ("淮", "LOC"), ("京", "LOC"), ("津", "LOC")]


def test_region_word_ends_no_place() -> None:
    line = ("19980101-01-001-004/m  [中东/ns  地区/n]ns  、/w  [河北省/ns  张家口/ns  地区/n]ns  "
            "、/w  [西南/s  地区/n]ns  和/c  [西藏/ns  自治区/n]ns")
    assert entities(line) == [("中东", "LOC"), ("河北省", "LOC"), ("张家口", "LOC"),
                              ("西南", "LOC"), ("西藏自治区", "LOC")]


def test_place_substitution_keeps_types_and_abbreviations() -> None:
    paragraphs = [[("中", "LOC"), ("美", "LOC"), ("关系", None)],
                  [("江西", "LOC"), ("和", None), ("湖南", "LOC"), ("的", None)]] * 20
    swapped = train_ner.substitute_places(paragraphs)
    assert [[k for _, k in p] for p in swapped] == [[k for _, k in p] for p in paragraphs]
    assert all(p[:2] == [("中", "LOC"), ("美", "LOC")] for p in swapped[::2])
    places = [t for p in swapped for t, k in p if k == "LOC" and len(t) >= 2]
    assert set(places) == {"江西", "湖南"}
    assert places != [t for p in paragraphs for t, k in p if k == "LOC" and len(t) >= 2]


def test_dropout_points_dropped_features_at_the_zero_row() -> None:
    rng = np.random.default_rng(0)
    n_templates = train_ner.CHAR_TEMPLATE_COUNT + 3
    rows = np.arange(200 * n_templates, dtype=np.int64).reshape(200, n_templates)
    lengths = np.array([50, 50, 50, 50])
    dropped = -1
    out = train_ner.drop_features(rows, lengths, dropped, rng)
    assert out.shape == rows.shape and not np.shares_memory(out, rows)
    kept = out != dropped
    assert np.array_equal(out[kept], rows[kept])
    words = out[:, train_ner.CHAR_TEMPLATE_COUNT:]
    per_sentence = (words == dropped).reshape(4, -1).mean(axis=1)
    # A sentence loses all its word features, or about FEATURE_DROPOUT of them.
    assert set(np.round(per_sentence, 0).tolist()) <= {0.0, 1.0}
    assert 0.05 < (out[:, : train_ner.CHAR_TEMPLATE_COUNT] == dropped).mean() < 0.15


def test_company_names_standing_alone_are_organisations() -> None:
    lines = [
        "19980101-01-001-007/m  [东临/nz  集团/n]nt  和/c  [美国/ns  飞鸿/b  公司/n]nt  签约/v",
        "19980101-01-001-008/m  东临/nz  的/u  飞鸿/nz  客机/n  ，/w  新兴/b  产业/n  与/c  东临/nr",
    ]
    companies = train_ner.company_names(lines)
    assert companies == {"东临", "飞鸿"}
    assert [(t, k) for t, k in train_ner.paragraph_entities(lines[1], companies) if k] == [
        ("东临", "ORG"), ("飞鸿", "ORG"), ("东临", "PER")]


def test_names_printed_one_after_another_are_that_many_people() -> None:
    line = ("19980101-01-001-009/m  林/nr  海涛/nr  周/nr  敏/nr  、/w  欧阳/nr  志远/nr  和/c  "
            "桥本/nr  一郎/nr  出席/v")
    assert entities(line) == [("林海涛", "PER"), ("周敏", "PER"), ("欧阳志远", "PER"),
                              ("桥本一郎", "PER")]


def test_hold_out_keeps_every_tenth_paragraph_apart(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("".join(
        f"19980101-01-001-{n:03d}/m  卢/nr  振川/nr  访问/v  黄石/ns  。/w\n" for n in range(30)),
        encoding="utf-8")
    held = [n for n in range(30) if train_ner.is_held_out(n)]
    assert held == [3, 13, 23]
    kept = train_ner.read_pieces(corpus, None, lambda n: not train_ner.is_held_out(n))
    assert len(kept) == 27 and len(train_ner.read_pieces(corpus, None, train_ner.is_held_out)) == 3


def test_held_out_paragraphs_become_scored_sentences(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("".join(
        f"19980101-01-001-{n:03d}/m  卢/nr  振川/nr  访问/v  黄石/ns  。/w  他/r  说/v  。/w\n"
        for n in range(12)), encoding="utf-8")
    sentences = list(corpus_sentences(corpus, train_ner))
    assert [s.text for s in sentences] == ["卢振川访问黄石。", "他说。"]  # paragraph 3 only
    assert sentences[0].gold == {("person", 0, 3), ("place", 5, 7)} and not sentences[1].gold
