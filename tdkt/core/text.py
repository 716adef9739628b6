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


_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_SCALES = ("", "nghìn", "triệu")


def _three_digits(value: int, *, leading: bool) -> list[str]:
    """0–999 in words; a group after a higher one reads in full ("không trăm linh năm")."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGIT_WORDS[units])
    return words


def _number_words(value: int, *, leading: bool = True) -> list[str]:
    """A non-negative integer in words; thousands of millions repeat "tỷ" (nghìn tỷ, triệu tỷ)."""
    billions, below = divmod(value, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += [*_number_words(billions, leading=leading), "tỷ"]
        leading = False
    groups = [(below // 1000**i) % 1000 for i in range(2, -1, -1)]
    for index, group in enumerate(groups):
        if group == 0:
            continue
        words += _three_digits(group, leading=leading)
        scale = _GROUP_SCALES[2 - index]
        if scale:
            words.append(scale)
        leading = False
    return words


def vnd_in_words(amount: int, *, capitalize: bool = True) -> str:
    """An amount of đồng in formal words: 2_005_000 → "Hai triệu không trăm linh năm nghìn đồng".

    Groups of three read in full after a higher group ("một nghìn không trăm linh một"), an empty
    group is skipped ("một triệu đồng"), 1 after a ten reads "mốt", 5 after a ten "lăm".
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    words = _number_words(amount) or ["không"]
    text = " ".join([*words, "đồng"])
    return text[0].upper() + text[1:] if capitalize else text
