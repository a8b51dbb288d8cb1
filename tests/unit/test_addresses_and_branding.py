"""Address matching tolerates how people write addresses; labels and greetings read right; brand colours stay readable."""
from __future__ import annotations

import pytest

from chalicelib.addresses import address_key, full_label, label
from chalicelib.company import contrast_ratio, merge, readable_on
from chalicelib.names import first_name


@pytest.mark.parametrize("written", ["12 N. Oak St", "12 north oak street", "12 N OAK STREET", " 12  n oak st. "])
def test_common_ways_of_writing_an_address_match(written):
    assert address_key(written, "62704-1234") == address_key("12 North Oak Street", "62704")


def test_different_houses_do_not_match():
    assert address_key("14 Oak St", "62704") != address_key("12 Oak St", "62704")
    assert address_key("12 Oak St", "62705") != address_key("12 Oak St", "62704")


def test_a_property_is_labelled_by_street_and_city_and_located_by_every_part_on_file():
    address = {"line1": "12 Oak Street", "line2": None, "city": "Springfield", "state": "IL", "zip": "62704"}

    assert label(address) == "12 Oak Street, Springfield"
    assert full_label(address) == "12 Oak Street, Springfield, IL, 62704"
    assert full_label({"line1": "12 Oak Street", "city": "Springfield"}) == "12 Oak Street, Springfield"


@pytest.mark.parametrize(("name", "greeted"), [("Jane Q. Smith", "Jane"), ("  Sam  ", "Sam"), ("", ""), ("   ", "   ")])
def test_people_are_greeted_by_the_first_word_of_their_name(name, greeted):
    assert first_name(name) == greeted


@pytest.mark.parametrize("colour", ["#0b5d7a", "#ffd400", "#2e7d32", "#ffffff", "#000000", "#777777"])
def test_text_on_a_brand_colour_meets_wcag_aa(colour):
    assert contrast_ratio(colour, readable_on(colour)) >= 4.5


def test_settings_merge_keeps_what_the_patch_does_not_name():
    merged = merge({"a": {"x": 1, "y": 2}, "b": [1, 2]}, {"a": {"y": 3}, "b": [9]})

    assert merged == {"a": {"x": 1, "y": 3}, "b": [9]}
