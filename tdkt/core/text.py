"""Vietnamese text helpers: cleaning, search keys, collation keys.

Domain-free: every app passes user text through `clean_text` before storing it, matches with
`search_key`, and sorts in Python with `vi_key` (the database uses the `vi` collation).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Latin Eth Ð → Đ
        "\u00f0": "\u0111",  # ð → đ
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """NFC, look-alike letters mapped, zero-width characters dropped, trimmed, single spaces."""
    if value is None:
        return ""
    text = str(value).translate(_ZERO_WIDTH).translate(_LOOKALIKES)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def search_key(value: str) -> str:
    """Diacritics dropped, đ → d, dashes unified, case folded: "Thanh Hoá" → "thanh hoa".

    For matching only; never stored in place of a name.
    """
    text = unicodedata.normalize("NFD", clean_text(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").translate(_DASHES)
    return text.casefold()


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# with f j w z (foreign names) at their Latin places. Tones are a secondary difference,
# in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_LETTERS = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()  # noqa: SIM905
_LETTER_RANK = {letter: index for index, letter in enumerate(_LETTERS)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_DIGITS = re.compile(r"\d+")

_SPACE, _PUNCT, _DIGIT, _LETTER = 0, 1, 2, 3


def _split_letter(ch: str) -> tuple[str, int]:
    """'ệ' → ('ê', 5): the letter with its shape marks, and the tone."""
    decomposed = unicodedata.normalize("NFD", ch.casefold())
    base = decomposed[0]
    shape = "".join(m for m in decomposed[1:] if m in _SHAPE_MARKS)
    tone = next((_TONES[m] for m in decomposed[1:] if m in _TONES), 0)
    letter = unicodedata.normalize("NFC", base + shape)
    if base == "đ":
        letter = "đ"
    return letter, tone


@lru_cache(maxsize=65536)
def vi_key(value: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """Sort key in Vietnamese order; digit runs compare as numbers ("khu vực 2" < "khu vực 10")."""
    text = clean_text(value)
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch.isdigit():
            match = _DIGITS.match(text, pos)
            assert match is not None  # noqa: S101  (isdigit() guarantees a match)
            primary.append((_DIGIT, int(match.group())))
            pos = match.end()
            continue
        if ch.isspace():
            primary.append((_SPACE, 0))
        elif ch.isalpha():
            letter, tone = _split_letter(ch)
            rank = _LETTER_RANK.get(letter)
            if rank is None:  # a letter outside the alphabet: after it, by code point
                primary.append((_LETTER, 1000 + ord(letter[0])))
            else:
                primary.append((_LETTER, rank))
            tones.append(tone)
        else:
            primary.append((_PUNCT, ord(ch)))
        pos += 1
    return tuple(primary), tuple(tones), text


def vi_compare(left: str | None, right: str | None) -> int:
    """Three-way comparison for the SQLite `vi` collation."""
    a, b = vi_key(left or ""), vi_key(right or "")
    return (a > b) - (a < b)


def given_name(full_name: str) -> str:
    """The given name (tên) of a Vietnamese full name: its last word."""
    parts = clean_text(full_name).split(" ")
    return parts[-1] if parts else ""


def person_sort_key(full_name: str) -> tuple[object, ...]:
    """People sort by given name, then by the whole name from the family name on."""
    return (vi_key(given_name(full_name)), vi_key(full_name))
