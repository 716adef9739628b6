from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.core.text import clean_text, given_name, person_sort_key, search_key, vi_key


def test_clean_text_makes_nfc_and_single_spaces():
    assert clean_text(" Nguye\u0302\u0303n  Văn An ") == "Nguyễn Văn An"
    assert clean_text("Tòa\u00a0án\u200b nhân dân") == "Tòa án nhân dân"
    assert clean_text("\u00d0ức") == "Đức"  # Latin Eth pasted for Đ
    assert clean_text(None) == ""


@given(st.text())
def test_clean_text_is_nfc_and_idempotent(text):
    once = clean_text(text)
    assert unicodedata.is_normalized("NFC", once)
    assert clean_text(once) == once


def test_search_key_drops_diacritics_and_tone_placement():
    assert (
        search_key("Thanh Hóa") == search_key("Thanh Hoá") == search_key("thanh hoa") == "thanh hoa"
    )
    assert search_key("Đắk Lắk") == "dak lak"
    assert search_key("LĐTT") == search_key("LDTT")
    assert search_key("Bà Rịa – Vũng Tàu") == "ba ria - vung tau"


def test_vietnamese_alphabetical_order():
    names = ["Đức", "Dũng", "Ân", "An", "Anh", "Ăn", "Bình", "Yến", "Uyên", "Ưng"]
    assert sorted(names, key=vi_key) == [
        "An",
        "Anh",
        "Ăn",
        "Ân",
        "Bình",
        "Dũng",
        "Đức",
        "Uyên",
        "Ưng",
        "Yến",
    ]


def test_tones_are_a_secondary_difference_in_dictionary_order():
    assert sorted(["má", "mà", "ma", "mạ", "mã", "mả"], key=vi_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    assert sorted(["mát", "man"], key=vi_key) == ["man", "mát"]  # letters first, tones after


def test_numbers_sort_as_numbers():
    names = ["Khu vực 10", "Khu vực 2", "Khu vực 1"]
    assert sorted(names, key=vi_key) == ["Khu vực 1", "Khu vực 2", "Khu vực 10"]


def test_people_sort_by_given_name_first():
    people = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê An", "Phạm Thị Anh"]
    assert sorted(people, key=person_sort_key) == [
        "Lê An",
        "Phạm Thị Anh",
        "Nguyễn Thị Ánh",
        "Trần Văn Bình",
    ]
    assert given_name(" Nguyễn  Văn  An ") == "An"


def test_vnd_in_words_case_by_case():
    from tdkt.core.text import vnd_in_words

    cases = {
        0: "Không đồng",
        5: "Năm đồng",
        10: "Mười đồng",
        15: "Mười lăm đồng",
        21: "Hai mươi mốt đồng",
        105: "Một trăm linh năm đồng",
        110: "Một trăm mười đồng",
        1_001: "Một nghìn không trăm linh một đồng",
        1_000_000: "Một triệu đồng",
        1_000_001: "Một triệu không trăm linh một đồng",
        2_005_000: "Hai triệu không trăm linh năm nghìn đồng",
        710_000: "Bảy trăm mười nghìn đồng",
        2_340_000: "Hai triệu ba trăm bốn mươi nghìn đồng",
        18_720_000: "Mười tám triệu bảy trăm hai mươi nghìn đồng",
        1_000_000_000: "Một tỷ đồng",
        2_000_050_000: "Hai tỷ không trăm năm mươi nghìn đồng",
        1_000_000_000_000: "Một nghìn tỷ đồng",
    }
    for amount, words in cases.items():
        assert vnd_in_words(amount) == words, amount
    assert vnd_in_words(1_001, capitalize=False) == "một nghìn không trăm linh một đồng"
    with pytest.raises(ValueError):
        vnd_in_words(-1)
