import datetime as dt

from tdkt.documents.vietnamese import date_in_words, document_number, place_and_date, vnd


def test_dates_take_leading_zeros_as_the_decree_says():
    assert date_in_words(dt.date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert date_in_words(dt.date(2026, 1, 15)) == "ngày 15 tháng 01 năm 2026"
    assert date_in_words(dt.date(2025, 2, 9)) == "ngày 09 tháng 02 năm 2025"
    assert date_in_words(dt.date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"
    assert place_and_date("Hà Nội", dt.date(2026, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2026"
    assert place_and_date("", dt.date(2026, 3, 5)) == "Ngày 05 tháng 3 năm 2026"


def test_numbers_and_amounts():
    assert document_number(7, "QĐ", "TA") == "07/QĐ-TA"
    assert document_number(12, "QĐ", "TANDTC-TĐKT") == "12/QĐ-TANDTC-TĐKT"
    assert document_number(123, "", "TANDTC-TĐKT") == "123/TANDTC-TĐKT"
    assert vnd(2_340_000) == "2.340.000"
    assert vnd(0) == "0"
