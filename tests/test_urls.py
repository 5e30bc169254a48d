"""One rule for the URLs of every output: :func:`ideation.urls.safe_url`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ideation.urls import SAFE_SCHEMES, safe_url, url_scheme

from .strategies import UNSAFE_URLS, texts

SAFE = [
    "https://example.org/",
    "http://example.org/a?b=1&c=2#d",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:team@example.org",
    "ftp://example.org/file.csv",
    "images/atelier.png",
    "/projets/",
    "#agenda",
    "?page=2",
    "//example.org/x",
    "https://example.org/a%20b",
]


@pytest.mark.parametrize("url", SAFE)
def test_safe_urls_pass_unchanged(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "\x00javascript:alert(1)",
        "\x7fjavascript:alert(1)",
        "  \t\njavascript:alert(1)",
        "j\ra\nv\tascript:alert(1)",
        "javascript&#x3A;alert(1)",
        "javascript&#0000058alert(1)",
        "javascript&amp;colon;alert(1)",
        "javascript%253Aalert(1)",
        "%6A%61%76%61%73%63%72%69%70%74:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
        "ｊａｖａｓｃｒｉｐｔ:alert(1)",
        "data:,x",
        "blob:https://example.org/uuid",
        "about:blank",
        "https://example.org/\x00x",
        "https://example.org/\u2028",
    ],
)
def test_hidden_schemes_and_control_characters_are_refused(url: str) -> None:
    assert safe_url(url) is None


def test_what_browsers_ignore_is_removed() -> None:
    assert safe_url("  https://example.org/a\tb\n ") == "https://example.org/ab"
    assert url_scheme(" HtTpS://x") == "https"
    assert url_scheme("images/a.png") is None


def _mixed_case(draw: st.DrawFn, word: str) -> str:
    return "".join(c.upper() if draw(st.booleans()) else c for c in word)


@st.composite
def disguised(draw: st.DrawFn) -> str:
    """An unsafe scheme as a browser would still read it: any case, padding, ignored characters."""
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data", "file"]))
    spelled = ""
    for char in _mixed_case(draw, scheme) + ":":
        spelled += draw(st.text(st.sampled_from("\t\n\r"), max_size=2)) + char
    lead = draw(st.text(st.characters(max_codepoint=0x20), max_size=3))
    return lead + spelled + draw(texts)


@given(disguised())
def test_every_spelling_of_an_unsafe_scheme_is_refused(url: str) -> None:
    assert safe_url(url) is None


@given(st.one_of(texts, st.text()))
def test_what_passes_is_stable_and_has_a_safe_scheme_or_none(url: str) -> None:
    checked = safe_url(url)
    if checked is not None:
        assert safe_url(checked) == checked
        assert url_scheme(checked) in SAFE_SCHEMES | {None}
        assert not any(char in checked for char in "\t\n\r")
