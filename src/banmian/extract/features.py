"""Character features for the name tagger, computed for a whole text at once.

Every position of a text gets one feature id per template (character
unigrams, bigrams and a trigram in a small window, the part of speech and
word position of the rjieba word it falls in, and the hashed identities and
the clusters of that word and of the words before and after it). The ids are computed with
numpy over the text's code points, so that tagging costs a handful of array
operations per text instead of Python work per character: that is what keeps
page processing above 1 MB/s.

The same functions build the training matrix (``scripts/train_ner.py``) and
the features at run time, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import rjieba

__all__ = [
    "CHAR_TEMPLATES",
    "CLUSTER_TEMPLATES",
    "CODEPOINT_LIMIT",
    "NGRAM_TEMPLATES",
    "WORD_OFFSETS",
    "WORD_TEMPLATES",
    "FeatureSpace",
    "Tokens",
    "Words",
    "char_ids",
    "hashed",
    "ngram_keys",
    "word_codes",
    "word_hashes",
    "word_keys",
]

IntArray = npt.NDArray[np.int64]

# Reserved character ids: the window runs off the text (PAD), a character
# never seen in training (UNK), and classes that matter more than identity.
PAD, UNK, DIGIT, LATIN, BREAK = 0, 1, 2, 3, 4
FIRST_CHAR_ID = 5

# Code points above this (rare CJK extensions, emoji) all map to UNK.
CODEPOINT_LIMIT = 0x30000

# Window offsets of the single-character templates.
CHAR_TEMPLATES: tuple[int, ...] = (-2, -1, 0, 1, 2)
# Character n-gram templates as tuples of offsets: bigrams around the
# position, one skip-bigram and the centred trigram.
NGRAM_TEMPLATES: tuple[tuple[int, ...], ...] = (
    (-2, -1),
    (-1, 0),
    (0, 1),
    (1, 2),
    (-1, 1),
    (-1, 0, 1),
)
# Offsets at which the (part of speech, position in word) code is read.
WORD_OFFSETS: tuple[int, ...] = (-1, 0, 1)
# Word identity templates, hashed: the rjieba word a character is in (with
# the character's position in it), the word before it and the word after it.
# They carry what the dictionary knows (邓小平, 国务院) and the left and right
# contexts of a name (市委书记 before it, 强调 after it).
WORD_TEMPLATES: tuple[str, ...] = ("word", "previous word", "next word")
# Word cluster templates (see ``banmian.extract.clusters``): the cluster of the
# rjieba word a character is in (with the character's position in it) and of
# the words before and after it; a model trained with clusters stores them.
CLUSTER_TEMPLATES: tuple[str, ...] = ("cluster", "previous cluster", "next cluster")
# Words longer than this hash their first WORD_HASH_CHARS characters only.
WORD_HASH_CHARS = 16

# Position of a character in its word: Begin, Middle, End, Single.
B_POS, M_POS, E_POS, S_POS = 0, 1, 2, 3


def codepoints(text: str) -> IntArray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def base_char_map() -> IntArray:
    """Code point -> class for the reserved ids; full-width forms fold to ASCII.

    Training text uses full-width digits and letters, pages use ASCII; both
    must look the same to the model.
    """
    table = np.full(CODEPOINT_LIMIT, UNK, dtype=np.int64)
    for lo, hi in ((0x30, 0x39), (0xFF10, 0xFF19)):
        table[lo : hi + 1] = DIGIT
    for lo, hi in ((0x41, 0x5A), (0x61, 0x7A), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        table[lo : hi + 1] = LATIN
    for ch in "\n\r\t \u3000":
        table[ord(ch)] = BREAK
    return table


def fold(cp: IntArray) -> IntArray:
    """Fold full-width ASCII forms to ASCII so both spellings share one id."""
    full = (cp >= 0xFF01) & (cp <= 0xFF5E)
    return np.where(full, cp - 0xFEE0, cp)


def char_ids(text: str, char_map: IntArray) -> IntArray:
    cp = fold(codepoints(text))
    cp = np.where(cp < CODEPOINT_LIMIT, cp, 0)
    ids = char_map[cp]
    return ids


def shifted(ids: IntArray, offset: int) -> IntArray:
    """``ids[i + offset]`` for every i, PAD outside the text."""
    if offset == 0:
        return ids
    out = np.full_like(ids, PAD)
    if offset > 0:
        out[:-offset] = ids[offset:]
    else:
        out[-offset:] = ids[:offset]
    return out


def ngram_keys(ids: IntArray, template: Sequence[int], n_chars: int) -> IntArray:
    """One int64 key per position for the characters at ``template`` offsets."""
    key = np.zeros_like(ids)
    for off in template:
        key = key * n_chars + shifted(ids, off)
    return key


# Odd 64-bit multiplier (Fibonacci hashing): spreads n-gram keys over buckets.
HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def hashed(keys: IntArray, bits: int) -> IntArray:
    """Bucket of each key in a table of ``2**bits`` rows (the hashing trick).

    Hashing instead of a vocabulary keeps lookups to three array operations
    and bounds the model size; collisions cost a little accuracy.
    """
    with np.errstate(over="ignore"):
        mixed = keys.astype(np.uint64) * HASH_MULTIPLIER
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


Tokens = list[tuple[str, str]]


@dataclass(frozen=True)
class Words:
    """rjieba's words of a text with their lengths and start offsets (computed
    once per text: the tagger's features and the name rules share them)."""

    tokens: Tokens
    lengths: IntArray  # of the words
    starts: list[int]  # len(tokens) + 1 offsets; the last is len(text)

    @functools.cached_property
    def index(self) -> dict[int, int]:
        """Word number by start offset (the last offset maps to len(tokens))."""
        return dict(zip(self.starts, range(len(self.starts)), strict=True))

    @classmethod
    def of(cls, text: str) -> Words:
        tokens = rjieba.tag(text)
        # map over the pairs: transposing them with zip(*tokens) costs 3x as much
        lengths = np.fromiter(map(len, map(operator.itemgetter(0), tokens)), dtype=np.int64,
                              count=len(tokens))
        return cls(tokens, lengths, [0, *np.cumsum(lengths).tolist()])


def word_codes(n_chars: int, tokens: Tokens, lengths: IntArray,
               tag_ids: dict[str, int]) -> IntArray:
    """Per character: (rjieba part of speech id) * 4 + position in word (BMES).

    ``tokens`` are rjieba's (word, tag) pairs of the text and ``lengths``
    their words' lengths, which add up to ``n_chars``.
    """
    tags = np.fromiter(map(tag_ids.get, map(operator.itemgetter(1), tokens), itertools.repeat(0)),
                       dtype=np.int64, count=len(tokens))
    per_char_tag = np.repeat(tags, lengths)
    starts = np.zeros(n_chars, dtype=bool)
    ends = np.zeros(n_chars, dtype=bool)
    bounds = np.cumsum(lengths)
    starts[bounds - lengths] = True
    ends[bounds - 1] = True
    where = np.where(starts & ends, S_POS, np.where(starts, B_POS, np.where(ends, E_POS, M_POS)))
    return per_char_tag * 4 + where


# One odd multiplier per position in a word: a word's key is the sum of its
# code points times these (fixed numbers, so keys are the same in every run).
POSITION_MULTIPLIERS = (np.arange(WORD_HASH_CHARS, dtype=np.uint64) * np.uint64(0x2545F491)
                        + np.uint64(0x9E3779B1)) | np.uint64(1)


def word_hashes(text: str, lengths: IntArray) -> tuple[IntArray, IntArray]:
    """One key per rjieba word of ``text`` (``lengths`` long each) and, per
    character, its place in its word: 0 first, 2 last, 1 between."""
    firsts = np.cumsum(lengths) - lengths
    pos = np.arange(len(text)) - np.repeat(firsts, lengths)
    cp = fold(codepoints(text)).astype(np.uint64)
    with np.errstate(over="ignore"):
        mixed = cp * POSITION_MULTIPLIERS[np.minimum(pos, WORD_HASH_CHARS - 1)]
        words = np.add.reduceat(mixed, firsts).view(np.int64) & 0x0FFF_FFFF_FFFF_FFFF
    place = np.where(pos == 0, 0, np.where(pos == np.repeat(lengths, lengths) - 1, 2, 1))
    return words, place


def word_keys(words: IntArray, place: IntArray, lengths: IntArray) -> dict[str, IntArray]:
    """Per character, one key per WORD_TEMPLATES entry, from ``word_hashes``
    of a text whose rjieba words are ``lengths`` long (they add up to its length)."""
    padded = np.concatenate([[0], words, [0]])
    return dict(zip(WORD_TEMPLATES, (np.repeat(words, lengths) * 3 + place,
                                     np.repeat(padded[:-2], lengths),
                                     np.repeat(padded[2:], lengths)), strict=True))


@dataclass(frozen=True)
class FeatureSpace:
    """The vocabularies that turn a text into one row id per template.

    ``char_map`` maps code points to character ids; n-gram keys are hashed
    into ``2**hash_bits`` rows per template; ``tag_ids`` numbers rjieba's tags;
    ``word_templates`` are the WORD_TEMPLATES in use, hashed into
    ``2**word_hash_bits`` rows each.
    """

    char_map: IntArray
    n_chars: int
    hash_bits: int
    tag_ids: dict[str, int]
    word_templates: tuple[str, ...]
    word_hash_bits: int
    # Sorted word keys (``word_hashes``) and their cluster numbers; empty: no clusters.
    cluster_keys: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    cluster_ids: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def cluster_keys_of(self, words: IntArray, place: IntArray, lengths: IntArray
                        ) -> dict[str, IntArray]:
        """Per character, one key per CLUSTER_TEMPLATES entry, from ``word_hashes``
        of a text whose rjieba words are ``lengths`` long (cluster 0: none)."""
        at = np.minimum(np.searchsorted(self.cluster_keys, words), len(self.cluster_keys) - 1)
        found = np.where(self.cluster_keys[at] == words, self.cluster_ids[at], 0)
        padded = np.concatenate([[0], found, [0]])
        return dict(zip(CLUSTER_TEMPLATES, (np.repeat(found, lengths) * 3 + place + 1,
                                            np.repeat(padded[:-2], lengths) + 1,
                                            np.repeat(padded[2:], lengths) + 1), strict=True))

    @property
    def n_word_codes(self) -> int:
        return (len(self.tag_ids) + 1) * 4

    def table_sizes(self) -> list[int]:
        sizes = [self.n_chars] * len(CHAR_TEMPLATES)
        sizes += [1 << self.hash_bits] * len(NGRAM_TEMPLATES)
        sizes += [self.n_word_codes] * len(WORD_OFFSETS)
        sizes += [1 << self.word_hash_bits] * len(self.word_templates)
        return sizes

    def rows(self, text: str, words: Words | None = None) -> list[IntArray]:
        """One array of row ids per template, each of length ``len(text)``;
        ``words`` are the text's rjieba words when the caller has them already."""
        ids = char_ids(text, self.char_map)
        out = [shifted(ids, off) for off in CHAR_TEMPLATES]
        for template in NGRAM_TEMPLATES:
            out.append(hashed(ngram_keys(ids, template, self.n_chars), self.hash_bits))
        words = words if words is not None else Words.of(text)
        tokens, lengths = words.tokens, words.lengths
        if int(lengths.sum()) != len(text) or not len(text):
            # rjieba dropped or split characters oddly: no word features
            zeros = np.zeros(len(text), dtype=np.int64)
            return out + [zeros] * (len(WORD_OFFSETS) + len(self.word_templates))
        codes = word_codes(len(text), tokens, lengths, self.tag_ids)
        out += [shifted(codes, off) for off in WORD_OFFSETS]
        words_and_places = word_hashes(text, lengths)
        keys = word_keys(*words_and_places, lengths)
        if len(self.cluster_keys):
            keys.update(self.cluster_keys_of(*words_and_places, lengths))
        out += [hashed(keys[name], self.word_hash_bits) for name in self.word_templates]
        return out

