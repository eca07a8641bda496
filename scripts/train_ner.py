"""Train banmian's name tagger from the People's Daily January 1998 corpus.

    .venv/bin/python scripts/train_ner.py \
        [--corpus ../shared/corpus/ner/peoples-daily-1998-01.pos.txt] \
        [--cluener ../shared/corpus/ner/cluener.train.json] [--hash-bits 17] \
        [--out src/banmian/data/entities/ner_model.npz] [--epochs 12] [--seeds 5] [--limit N] \
        [--no-clusters] [--hold-out]

Training text: the corpus, a copy of it with made-up Chinese names and half
of its places swapped (see ``substitute_people``, ``substitute_places``) and,
when present, CLUENER's train split twice (``CLUENER_COPIES``).

The corpus is segmented and tagged (PKU tags); ``nr`` words in a row form a
person, ``ns`` a place, ``nt`` an organisation, and a bracketed compound
``[...]nt`` / ``[...]ns`` is one organisation / place, except that a generic
region word ends no place ([中东/ns 地区/n]ns -> 中东, see ``REGION_WORDS``);
one-character abbreviations (中/j 美/j) are places, and so is each character
of a two-place abbreviation (黄淮/j -> 黄, 淮), organisation short forms
and nouns that name one body (欧盟/j, 市委/n) organisations (see
``word_type``); the person in a doctrine word (邓小平理论) is marked (see
``split_doctrines``). Every character gets a BIO label; the model is a linear
scorer over the feature templates of ``banmian.extract.features`` (among them
word clusters learnt from the training text and, when present, the parser
corpus's training split: see ``banmian.extract.clusters``) plus
label-transition scores, trained as an averaged structured perceptron with
feature dropout (whole sentences decoded with Viterbi, see ``train``); saved
as int8 tables with one scale per table. Deterministic: the same data gives
the same model. Five models (``--seeds``) are trained with different shuffling
and dropout seeds and their weights averaged: about 17 minutes on one core.
``--limit`` trains on the first N paragraphs only, without CLUENER and with
clusters of that text only (the test suite uses it). ``--hold-out`` leaves
out every tenth paragraph of the corpus and sentence of CLUENER's train
split (``is_held_out``); ``eval/ner_heldout.py`` scores such a model on them.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import rjieba

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.pagegen import load_corpus  # noqa: E402

from banmian.extract.clusters import learn_clusters  # noqa: E402
from banmian.extract.features import (  # noqa: E402
    BREAK,
    CHAR_TEMPLATES,
    CLUSTER_TEMPLATES,
    DIGIT,
    FIRST_CHAR_ID,
    LATIN,
    NGRAM_TEMPLATES,
    WORD_TEMPLATES,
    FeatureSpace,
    base_char_map,
    codepoints,
    fold,
    word_hashes,
)
from banmian.extract.lexicon import load_lexicon  # noqa: E402
from banmian.extract.names import MINISTER_WORD_END  # noqa: E402
from banmian.extract.tagger import LABELS, bio_transitions, save_model  # noqa: E402
from banmian.extract.viterbi import FORBIDDEN, decode  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ner" / "peoples-daily-1998-01.pos.txt"
DEFAULT_CLUENER = ROOT.parent / "shared" / "corpus" / "ner" / "cluener.train.json"
PARSER_CORPUS = ROOT.parent / "shared" / "corpus" / "rmrb-dev.jsonl"
DEFAULT_OUT = ROOT / "src" / "banmian" / "data" / "entities" / "ner_model.npz"
# --hold-out leaves out paragraph / sentence n where n % HOLD_OUT_EVERY == HOLD_OUT_AT.
HOLD_OUT_EVERY = 10
HOLD_OUT_AT = 3

# Characters seen fewer times than this are not worth a row.
MIN_CHAR_COUNT = 2
# Share of made-up names with a one-character given name (about the share
# of two-character names among the corpus's Chinese names).
SINGLE_GIVEN_SHARE = 0.4
# Share of the places swapped in the copy for others from the corpus (see
# ``substitute_places``): 0.5 scored about two F1 points above none on People's
# Daily dev places (swapping organisations too lost a point on them).
PLACE_SUBSTITUTION = 0.5
# Passes over the training text: 12 scored about one F1 point above 8 on
# People's Daily dev persons (about 3 minutes on one core).
EPOCHS = 12
# Models trained with different shuffling and dropout seeds, their weights
# averaged: one model's People's Daily dev F1 moves by up to a point from seed
# to seed; the average of three sits at or above the better of two single
# ones. Five (about 17 minutes on one core) against three, both with clusters:
# the same People's Daily F1 within 0.2, CLUENER organisation 0.750 -> 0.752;
# kept for the steadier average (any retrain moves single numbers less).
SEEDS = 5
# Dropout, the perceptron's regulariser: the model fits its training text
# almost perfectly (F1 ~0.99) and names it has not seen far worse. In each
# step the word templates (rjieba's tags and word identities, which know the
# corpus's own names) are left out for WORD_DROPOUT of the sentences, and any
# other feature occurrence with probability FEATURE_DROPOUT: the model learns
# to find names from their characters and contexts too. On the dev sets 0.5 /
# 0.1 scored about one F1 point above no dropout for people and organisations
# (0.5 / 0.25 about the same).
WORD_DROPOUT = 0.5
FEATURE_DROPOUT = 0.1
# Templates before the word templates (characters and character n-grams).
CHAR_TEMPLATE_COUNT = len(CHAR_TEMPLATES) + len(NGRAM_TEMPLATES)
# Sentences decoded per perceptron step: close to the online algorithm (one
# at a time) with a fraction of its Python work. On the People's Daily dev
# set 16 (3 epochs) scored 3-6 F1 points below 4 (6 epochs), 128 far lower.
SENTENCES_PER_STEP = 4
# Each n-gram template hashes into 2**HASH_BITS rows: 2**17 keeps the shipped
# model near 4 MB with few harmful collisions (the corpus has ~130k bigrams;
# 2**16 rows gave F1 about one point lower).
HASH_BITS = 17
# Rows of each word identity table (2**WORD_HASH_BITS): 2**19 rows scored
# the same on the dev sets and made tagging slower (the tables outgrow the
# processor caches).
WORD_HASH_BITS = 17
# Endings of doctrine words named after a person (see ``split_doctrines``).
DOCTRINE_SUFFIXES = ("理论", "主义", "思想")
# One-character abbreviations (中/j 美/j, 访/v 俄/j) are places in the NER sets;
# in the corpus nearly all of them stand for a country, region or city.
ABBREVIATION_TAG = "j"
TYPE_OF_TAG = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
# Two-character abbreviations of two places (江淮/j, 黄淮/j, 京津/j, 亚欧/j) are
# two places in the NER sets, as 中/j 美/j are in the corpus: a j word whose
# characters are both among the shipped one-character abbreviations or these
# province and river abbreviations is split into one place per character.
PROVINCE_AND_RIVER_ABBREVIATIONS = "冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇陕秦甘陇青宁江淮黄"
# Generic region words after a bracketed place ([中东/ns 地区/n]ns, [汉水/ns
# 流域/n]ns): the place is what comes before them, as readers and the NER
# sets count it (中东, not 中东地区).
REGION_WORDS = frozenset({"地区", "流域", "山区", "一带"})
# Organisations the corpus does not tag nt when they stand alone: short forms
# (PKU tag j: 政协, 欧盟, 纪委) and nouns that name one body (市委, 国会). The NER
# sets and readers count them as organisations, and a tagger taught that they
# are nothing learns to pass over the like of them. A word tagged j or n that
# the shipped org_names.txt lists, or an abbreviation of two or more characters
# ending in one of ORG_ABBREVIATION_ENDS, is an organisation.
ORG_WORD_TAGS = ("j", "n")
ORG_ABBREVIATION_ENDS = tuple("委协联盟部局署")
# ... except a bare 市政府 (the corpus tags only a named government, 中国政府,
# as nt) and 部委 (ministries and commissions in general).
NOT_ORG_ENDS = ("政府", "部委")
# A party named alone is an ``n`` word (自由党/n, 国大党/n; the corpus tags it
# nt only inside a bracketed name); the NER sets mark it as an organisation.
# Words for parties in general, or whose party the reader has to work out,
# are not names.
PARTY_END = "党"
GENERIC_PARTIES = frozenset({
    "党", "全党", "我党", "政党", "该党", "各党", "入党", "多党", "两党", "本党", "建党",
    "反对党", "在野党", "执政党", "参政党", "革命党", "黑手党", "共产党",
})
# A company's own name standing alone (丰田/nz, 波音/nz) is an ``nz``/``nx`` word in
# the corpus, which tags only the bracketed [丰田/nz 公司/n]nt as nt; the NER sets mark
# the name alone as an organisation too (丰田, 英特尔, 思科). A word with one of these
# tags that heads a bracketed organisation whose other words are a company word (after
# the places its name may start with: [美国/ns 波音/b 公司/n]nt, where 波音 is tagged
# b) is a company name wherever it stands (see ``company_names``).
COMPANY_NAME_TAGS = ("nz", "nx")
COMPANY_HEAD_TAGS = ("nz", "nx", "b")
COMPANY_WORDS = frozenset({"公司", "集团", "集团公司", "总公司", "有限公司", "股份公司",
                           "股份有限公司", "银行", "证券", "株式会社"})
ORG_NAMES_FILE = ROOT / "src" / "banmian" / "data" / "entities" / "org_names.txt"
# Copies of CLUENER's train split in the training text. The corpus and its
# substituted copy are about four times CLUENER's size; two copies (three seeds
# each, against one) gave CLUENER dev +1.7 / +2.1 / +1.9 F1 and People's Daily
# dev −0.2 / −0.7 / +0.1: CLUENER's modern web text and its way of marking
# names weigh more without taking over.
CLUENER_COPIES = 2
# CLUENER labels that map onto ours; the others (position, book, game, movie,
# scene) are left as O.
CLUENER_TYPES = {"name": "PER", "address": "LOC", "organization": "ORG",
                 "government": "ORG", "company": "ORG"}


def read_pieces(path: Path, limit: int | None, keep: Callable[[int], bool] = lambda n: True
                ) -> list[list[tuple[str, str | None]]]:
    """The corpus as paragraphs of (text, entity type or None) pieces: the
    first ``limit`` lines (all when None) whose line number ``keep`` accepts."""
    with path.open(encoding="utf-8") as f:
        lines = [line for n, line in enumerate(f) if (limit is None or n < limit) and keep(n)]
    companies = company_names(lines)
    return split_doctrines([paragraph_entities(line, companies) for line in lines])


def split_doctrines(paragraphs: list[list[tuple[str, str | None]]]
                    ) -> list[list[tuple[str, str | None]]]:
    """Mark the person in a doctrine word such as 邓小平理论 or 马克思主义.

    The corpus tags the whole word ``n``; the NER sets (and readers) count
    the person in it. Only names the corpus tags as people elsewhere count.
    """
    people = {t for para in paragraphs for t, k in para if k == "PER" and len(t) >= 2}
    out = []
    for para in paragraphs:
        new: list[tuple[str, str | None]] = []
        for text, kind in para:
            stem = next((text[: -len(end)] for end in DOCTRINE_SUFFIXES if text.endswith(end)),
                        text)
            if kind is None and stem != text and stem in people:
                new += [(stem, "PER"), (text[len(stem):], None)]
            else:
                new.append((text, kind))
        out.append(new)
    return out


def substitute_people(paragraphs: list[list[tuple[str, str | None]]], seed: int = 1
                      ) -> list[list[tuple[str, str | None]]]:
    """A copy of the corpus in which every Chinese-looking name is a made-up one.

    rjieba's dictionary was built from this very corpus, so on it the word
    features mark every name; a model trained on that alone trusts them too
    much and misses names the dictionary lacks. Made-up names (a surname and
    one or two given-name characters, each drawn with the corpus frequencies)
    teach it to find names from their surnames and contexts instead.
    """
    names = [t for para in paragraphs for t, k in para if k == "PER" and 2 <= len(t) <= 3]
    surnames = [n[0] for n in names]
    given = [c for n in names for c in n[1:]]
    known = set(surnames)
    rng = np.random.default_rng(seed)
    out = []
    for para in paragraphs:
        new: list[tuple[str, str | None]] = []
        for text, kind in para:
            if kind == "PER" and 2 <= len(text) <= 3 and text[0] in known:
                n_given = 1 if rng.random() < SINGLE_GIVEN_SHARE else 2
                text = surnames[rng.integers(len(surnames))] + "".join(
                    given[rng.integers(len(given))] for _ in range(n_given))
            new.append((text, kind))
        out.append(new)
    return out


def substitute_places(paragraphs: list[list[tuple[str, str | None]]], seed: int = 2
                      ) -> list[list[tuple[str, str | None]]]:
    """The paragraphs with PLACE_SUBSTITUTION of their places of two or more
    characters swapped for places drawn from the corpus (at its frequencies).

    The model then meets places in contexts it has seen with others, and has
    to read the context and the place's own characters rather than remember
    which place stood where (one-character abbreviations, 中美, stay).
    """
    places = [t for para in paragraphs for t, k in para if k == "LOC" and len(t) >= 2]
    rng = np.random.default_rng(seed)
    out = []
    for para in paragraphs:
        new: list[tuple[str, str | None]] = []
        for text, kind in para:
            if kind == "LOC" and len(text) >= 2 and rng.random() < PLACE_SUBSTITUTION:
                text = places[rng.integers(len(places))]
            new.append((text, kind))
        out.append(new)
    return out


def encode(paragraphs: list[list[tuple[str, str | None]]]) -> tuple[str, npt.NDArray[np.int64]]:
    """Paragraphs as one text (joined by newlines) and its BIO label ids."""
    chars: list[str] = []
    labels: list[int] = []
    label_id = {name: i for i, name in enumerate(LABELS)}
    for para in paragraphs:
        for text, kind in para:
            chars.append(text)
            if kind is None:
                labels.extend([0] * len(text))
            else:
                labels.append(label_id[f"B-{kind}"])
                labels.extend([label_id[f"I-{kind}"]] * (len(text) - 1))
        chars.append("\n")
        labels.append(0)
    return "".join(chars), np.array(labels, dtype=np.int64)


def is_held_out(n: int) -> bool:
    """Whether paragraph or sentence number ``n`` is in the held-out tenth
    (``--hold-out``; ``eval/ner_heldout.py`` scores a model on exactly these)."""
    return n % HOLD_OUT_EVERY == HOLD_OUT_AT


def read_cluener(path: Path, keep: Callable[[int], bool] = lambda n: True
                 ) -> tuple[str, npt.NDArray[np.int64]]:
    """CLUENER sentences (those whose number ``keep`` accepts) as one text and
    label ids (see ``CLUENER_TYPES``)."""
    raw = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    label_id = {name: i for i, name in enumerate(LABELS)}
    chars: list[str] = []
    labels: list[int] = []
    at = 0
    for number in itertools.count():
        while at < len(raw) and raw[at].isspace():
            at += 1
        if at >= len(raw):
            break
        obj, at = decoder.raw_decode(raw, at)
        if not keep(number):
            continue
        sentence = [0] * len(obj["text"])
        for name, mentions in obj.get("label", {}).items():
            kind = CLUENER_TYPES.get(name)
            for s, e in (span for spans in mentions.values() for span in spans):
                if kind is not None:
                    sentence[s] = label_id[f"B-{kind}"]
                    sentence[s + 1 : e + 1] = [label_id[f"I-{kind}"]] * (e - s)
        chars.append(obj["text"] + "\n")
        labels.extend([*sentence, 0])
    return "".join(chars), np.array(labels, dtype=np.int64)


def tokens_of(line: str) -> list[str]:
    return [t for t in line.strip().split("  ")[1:] if "/" in t]


def company_names(lines: list[str]) -> frozenset[str]:
    """Words tagged COMPANY_HEAD_TAGS that head a bracketed organisation made of
    them and a company word ([丰田/nz 公司/n]nt, [美国/ns 波音/b 公司/n]nt)."""
    names = set()
    for line in lines:
        for compound in re.findall(r"\[([^\]]*)\]nt", "  ".join(tokens_of(line))):
            words = [w.rpartition("/") for w in compound.split("  ")]
            while len(words) > 2 and words[0][2] == "ns":
                words = words[1:]
            if len(words) >= 2 and words[0][2] in COMPANY_HEAD_TAGS and \
                    "".join(w for w, _, _ in words[1:]) in COMPANY_WORDS:
                names.add(words[0][0])
    return frozenset(names)


def paragraph_entities(line: str, companies: frozenset[str] = frozenset()
                       ) -> list[tuple[str, str | None]]:
    """(text, entity type or None) pieces of one tagged paragraph; ``companies``
    are company names (``company_names``) that stand alone as organisations."""
    tokens = tokens_of(line)
    pieces: list[tuple[str, str | None]] = []
    compound: list[tuple[str, str]] | None = None
    for tok in tokens:
        opening = tok.startswith("[")
        word, _, tag = tok.lstrip("[").rpartition("/")
        outer = None
        if "]" in tag:
            tag, _, outer = tag.partition("]")
        if opening:
            compound = []
        if compound is not None:
            compound.append((word, tag))
            if outer is not None:
                kind = TYPE_OF_TAG.get(outer)
                if kind == "LOC" and len(compound) >= 2 and compound[-1][0] in REGION_WORDS:
                    pieces.extend(region_pieces(compound[:-1]))
                    pieces.append((compound[-1][0], None))
                elif kind in ("ORG", "LOC"):
                    pieces.append(("".join(w for w, _ in compound), kind))
                else:
                    pieces.extend(merge_words(compound, companies))
                compound = None
            continue
        pieces.extend(merge_words([(word, tag)], companies))
    if compound:
        pieces.extend(merge_words(compound, companies))
    return join_people(pieces)


def region_pieces(words: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """The place(s) before 地区/流域 in a bracketed place: each place word
    of [河北省/ns 张家口/ns 地区/n]ns, or all of [西南/s 地区/n]ns as one."""
    pieces = merge_words(words)
    if len(pieces) >= 2 and all(kind == "LOC" for _, kind in pieces):
        return pieces
    return [("".join(w for w, _ in words), "LOC")]


def merge_words(words: list[tuple[str, str]], companies: frozenset[str] = frozenset()
                ) -> list[tuple[str, str | None]]:
    pieces: list[tuple[str, str | None]] = []
    for w, t in words:
        # A minister's title glued to the ministry (外交部长/n): the NER sets mark the
        # ministry (外交部) and leave 长, as the extraction rules read it; 副部长 and 部长
        # alone name no body.
        if t in ORG_WORD_TAGS and w.endswith(MINISTER_WORD_END) and len(w) > len(MINISTER_WORD_END) + 1:
            pieces.extend([(w[:-1], "ORG"), (w[-1], None)])
        elif t == ABBREVIATION_TAG and len(w) == 2 and all(c in place_abbreviations() for c in w):
            pieces.extend([(w[0], "LOC"), (w[1], "LOC")])
        else:
            pieces.append((w, word_type(w, t, companies)))
    return pieces


def word_type(word: str, tag: str, companies: frozenset[str] = frozenset()) -> str | None:
    """The entity type of one word outside a bracketed organisation or place;
    ``companies`` are company names standing alone (``company_names``)."""
    if tag in COMPANY_NAME_TAGS and word in companies:
        return "ORG"
    if tag == ABBREVIATION_TAG and len(word) == 1:
        return "LOC"
    if tag in ORG_WORD_TAGS and not word.endswith(NOT_ORG_ENDS) and (
            word in known_organisations() or (
            tag == ABBREVIATION_TAG and len(word) >= 2 and word.endswith(ORG_ABBREVIATION_ENDS))
            or (word.endswith(PARTY_END) and word not in GENERIC_PARTIES)):
        return "ORG"
    return TYPE_OF_TAG.get(tag)


@functools.cache
def place_abbreviations() -> frozenset[str]:
    """One-character place abbreviations: the shipped list plus provinces and rivers."""
    return frozenset(load_lexicon().abbreviations) | frozenset(PROVINCE_AND_RIVER_ABBREVIATIONS)


@functools.cache
def known_organisations() -> frozenset[str]:
    """The shipped list of well-known organisations (org_names.txt)."""
    lines = ORG_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in map(str.strip, lines) if w and not w.startswith("#"))


def join_people(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Surname and given name are separate ``nr`` words: join each pair of them.

    Only pairs: names printed one after another (江/nr 泽民/nr 李/nr 鹏/nr in a
    headline, reporters in a byline) are that many people, as the NER sets mark
    them, not one (444 more people in the corpus than joining whole runs).
    """
    out: list[tuple[str, str | None]] = []
    words_in_name = 0  # nr words in the person out[-1], 0 when it is no person
    for text, kind in pieces:
        if kind == "PER" and words_in_name == 1:
            out[-1] = (out[-1][0] + text, "PER")
            words_in_name = 2
        else:
            out.append((text, kind))
            words_in_name = 1 if kind == "PER" else 0
    return out


def build_space(text: str, hash_bits: int, word_templates: tuple[str, ...] = WORD_TEMPLATES,
                word_hash_bits: int = WORD_HASH_BITS
                ) -> tuple[FeatureSpace, npt.NDArray[np.int64]]:
    char_map = base_char_map()
    cp = fold(codepoints(text))
    values, counts = np.unique(cp, return_counts=True)
    keep = values[(counts >= MIN_CHAR_COUNT) & (values < len(char_map))]
    keep = keep[~np.isin(char_map[keep], (DIGIT, LATIN, BREAK))]
    char_map[keep] = np.arange(FIRST_CHAR_ID, FIRST_CHAR_ID + len(keep))
    tags = sorted({t for _, t in rjieba.tag(text)})
    space = FeatureSpace(char_map=char_map, n_chars=FIRST_CHAR_ID + len(keep),
                         hash_bits=hash_bits, tag_ids={t: i + 1 for i, t in enumerate(tags)},
                         word_templates=word_templates, word_hash_bits=word_hash_bits)
    return space, keep


def cluster_text(training_text: str, limit: int | None) -> list[list[str]]:
    """Lines of plain text to learn word clusters from, as rjieba words: the
    training text and, unless ``limit`` is set, the paragraphs of the parser
    corpus's training split (2019 news: today's words)."""
    lines = training_text.splitlines()
    if limit is None and PARSER_CORPUS.exists():
        lines += [p for articles in load_corpus(PARSER_CORPUS, split="train").values()
                  for a in articles for p in a.paragraphs]
    return [rjieba.cut(line.strip()) for line in lines if line.strip()]


def with_clusters(space: FeatureSpace, lines: list[list[str]]) -> FeatureSpace:
    """``space`` with the word clusters of ``lines`` and their templates."""
    clusters = learn_clusters(lines)
    words = list(clusters)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    keys, _ = word_hashes("".join(words), lengths)
    order = np.argsort(keys, kind="stable")
    ids = np.fromiter(clusters.values(), dtype=np.int64, count=len(words))
    return dataclasses.replace(space, word_templates=space.word_templates + CLUSTER_TEMPLATES,
                               cluster_keys=keys[order], cluster_ids=ids[order])


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """[lo, hi) of every non-empty line of the training text (one sentence or paragraph)."""
    breaks = [-1, *(i for i, ch in enumerate(text) if ch == "\n"), len(text)]
    return [(a + 1, b) for a, b in zip(breaks, breaks[1:], strict=False) if b > a + 1]


def train(x: npt.NDArray[np.int64], y: npt.NDArray[np.int64], bounds: list[tuple[int, int]],
          sizes: list[int], epochs: int, seed: int = 0
          ) -> tuple[list[npt.NDArray[np.float32]], npt.NDArray[np.float32]]:
    """Averaged structured perceptron over whole sentences, decoded with Viterbi.

    ``x`` holds one row id per template and position, ``bounds`` the
    sentences. Each step decodes SENTENCES_PER_STEP sentences with the
    current weights, some features dropped (``drop_features``), and, where
    the best path differs from the gold one, adds the gold labels' features
    and transitions and subtracts the predicted ones. Returns the averaged tables (one per template) and the
    label transitions, BIO-forbidden pairs set to FORBIDDEN.
    """
    n_labels = len(LABELS)
    n_templates = x.shape[1]
    offsets = np.cumsum([0, *sizes[:-1]])
    x = x + offsets
    dropped = sum(sizes)  # a row kept at zero: dropped features point to it
    weights = np.zeros((dropped + 1, n_labels), dtype=np.float32)
    stamped = np.zeros_like(weights)  # sum of step * update, for averaging
    trans = np.zeros((n_labels, n_labels), dtype=np.float32)
    trans_stamped = np.zeros_like(trans)
    forbidden = np.where(bio_transitions() == 0, 0.0, FORBIDDEN).astype(np.float32)
    rng = np.random.default_rng(seed)
    drop_rng = np.random.default_rng(seed + 1)
    step = 1
    for epoch in range(epochs):
        started = time.perf_counter()
        order = rng.permutation(len(bounds))
        errors = 0
        for at in range(0, len(order), SENTENCES_PER_STEP):
            batch = [bounds[i] for i in order[at : at + SENTENCES_PER_STEP]]
            idx = np.concatenate([np.arange(lo, hi) for lo, hi in batch])
            lengths = np.array([hi - lo for lo, hi in batch])
            firsts = np.cumsum(lengths) - lengths
            local = list(zip(firsts.tolist(), (firsts + lengths).tolist(), strict=True))
            rows = drop_features(x[idx], lengths, dropped, drop_rng)
            emissions = weights[rows].sum(axis=1)
            t = trans + forbidden
            pred = decode(emissions, local, t, t[0])
            gold = y[idx]
            wrong = np.flatnonzero(pred != gold)
            if len(wrong):
                errors += len(wrong)
                flat = rows[wrong].ravel()
                for labels, sign in ((gold, 1.0), (pred, -1.0)):
                    cols = np.repeat(labels[wrong], n_templates)
                    np.add.at(weights, (flat, cols), sign)
                    np.add.at(stamped, (flat, cols), sign * step)
                    prev = np.concatenate([[0], labels[:-1]])
                    prev[firsts] = 0  # a sentence starts after O
                    pairs = np.zeros((n_labels, n_labels), dtype=np.float32)
                    np.add.at(pairs, (prev, labels), sign)  # equal pairs cancel out
                    trans += pairs
                    trans_stamped += pairs * step
                weights[dropped] = stamped[dropped] = 0
            step += 1
        print(f"epoch {epoch + 1}: {errors / len(y):.4f} wrong labels "
              f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    averaged = (weights - stamped / step)[:dropped]
    tables = np.split(averaged, offsets[1:])
    return tables, (trans - trans_stamped / step + forbidden).astype(np.float32)


def drop_features(rows: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], dropped: int,
                  rng: np.random.Generator) -> npt.NDArray[np.int64]:
    """``rows`` (positions x templates) with some features pointed at the
    zero row ``dropped``: the word templates of WORD_DROPOUT of the sentences
    (``lengths`` long each), and FEATURE_DROPOUT of all the rest."""
    rows = rows.copy()
    no_words = np.repeat(rng.random(len(lengths)) < WORD_DROPOUT, lengths)
    rows[no_words, CHAR_TEMPLATE_COUNT:] = dropped
    rows[rng.random(rows.shape) < FEATURE_DROPOUT] = dropped
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--cluener", type=Path, default=DEFAULT_CLUENER,
                    help="CLUENER train file to add (skipped when missing)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--hash-bits", type=int, default=HASH_BITS)
    ap.add_argument("--seeds", type=int, default=SEEDS,
                    help="models trained with different shuffles and dropout, averaged")
    ap.add_argument("--limit", type=int, default=None, help="first N paragraphs only")
    ap.add_argument("--hold-out", action="store_true",
                    help="leave out every tenth paragraph and CLUENER sentence "
                         "(eval/ner_heldout.py scores the model on them)")
    ap.add_argument("--clusters", action=argparse.BooleanOptionalAction, default=True,
                    help="word cluster features learnt from the training text and the "
                         "parser corpus's training split")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    def keep(n: int) -> bool:
        return not (args.hold_out and is_held_out(n))

    paragraphs = read_pieces(args.corpus, args.limit, keep)
    text, y = encode(paragraphs + substitute_places(substitute_people(paragraphs)))
    if args.cluener.exists() and args.limit is None:
        more_text, more_y = read_cluener(args.cluener, keep)
        text = text + more_text * CLUENER_COPIES
        y = np.concatenate([y, *[more_y] * CLUENER_COPIES])
    space, char_codepoints = build_space(text, args.hash_bits)
    if args.clusters:
        space = with_clusters(space, cluster_text(text, args.limit))
    x = np.stack(space.rows(text), axis=1)
    print(f"{len(y)} characters, {int((y % 2 == 1).sum())} entities, "
          f"tables {space.table_sizes()}", file=sys.stderr)
    runs = [train(x, y, sentence_bounds(text), space.table_sizes(), args.epochs, seed)
            for seed in range(args.seeds)]
    tables = [np.mean(parts, axis=0) for parts in zip(*(t for t, _ in runs), strict=True)]
    trans = np.mean([t for _, t in runs], axis=0).astype(np.float32)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_model(args.out, space, tables, trans, char_codepoints)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
