"""powderkeg.filters: the one date parser and actor resolver behind the CLI, the API and the web (issue 14)."""

from __future__ import annotations

import pytest

from powderkeg.errors import FilterError
from powderkeg.filters import ActorResolver, parse_date, parse_dyad


@pytest.mark.parametrize(("value", "since", "until"), [
    ("2024", "2024-01-01", "2024-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),  # leap year
    ("2023-02", "2023-02-01", "2023-02-28"),
    ("2025-06", "2025-06-01", "2025-06-30"),
    ("2025-12", "2025-12-01", "2025-12-31"),
    ("2024-02-29", "2024-02-29", "2024-02-29"),
    (" 2025-03-14 ", "2025-03-14", "2025-03-14"),
    ("0001", "0001-01-01", "0001-12-31"),
])
def test_a_date_widens_to_its_first_or_last_day(value: str, since: str, until: str) -> None:
    assert parse_date(value, option="--since") == since
    assert parse_date(value, option="--until", end=True) == until


@pytest.mark.parametrize(("value", "reason"), [
    ("2023-13", "month 13 is not 01-12"),
    ("2023-00", "month 00 is not 01-12"),
    ("0000", "no year 0000"),
    ("2024-02-30", "February 2024 has days 01-29"),
    ("2023-02-29", "February 2023 has days 01-28"),
    ("2025-04-31", "April 2025 has days 01-30"),
    ("2025-01-00", "January 2025 has days 01-31"),
    ("last week", "not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("2023-1-5", "not a date"),
    ("14/03/2025", "not a date"),
    ("", "not a date"),
])
def test_an_impossible_date_names_the_option_and_the_reason(value: str, reason: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_date(value, option="--until", end=True)
    assert str(caught.value).startswith("--until: ")
    assert reason in str(caught.value)
    assert caught.value.option == "--until"


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


@pytest.mark.parametrize(("typed", "code", "matched"), [
    ("XKX", "XKX", "code"),
    ("xkx", "XKX", "code"),
    ("Kosovo", "XKX", "Kosovo"),
    ("KOSOVO", "XKX", "Kosovo"),
    ("serbia", "SRB", "Serbia"),
    ("Republic of Serbia", "SRB", "Republic of Serbia"),
    ("United States", "USA", "United States"),
    ("the United States", "USA", "United States"),
    ("us", "USA", "US"),
    ("Priština", "XKX", "Pristina"),  # accents ignored
    ("Prishtinë", "XKX", "Prishtinë"),
    ("Belgrade", "SRB", "Belgrade"),
    ("  European   Union ", "EU", "European Union"),
    ("NATO", "NATO", "code"),
])
def test_codes_names_and_aliases_resolve(resolver: ActorResolver, typed: str, code: str, matched: str) -> None:
    match = resolver.resolve(typed)
    assert (match.code, match.matched) == (code, matched)


def test_a_name_says_which_code_it_stood_for(resolver: ActorResolver) -> None:
    assert resolver.resolve("Kosovo").describe() == '"Kosovo" = XKX'
    assert resolver.resolve("xkx").describe() == "XKX"


@pytest.mark.parametrize(("typed", "suggested"), [
    ("Kosvo", "Kosovo (XKX)"),
    ("Serbai", "SRB (Serbia)"),
    ("SRV", "SRB"),
    ("Untied States", "United States (USA)"),
])
def test_an_unknown_actor_suggests_the_nearest(resolver: ActorResolver, typed: str, suggested: str) -> None:
    with pytest.raises(FilterError, match="unknown actor") as caught:
        resolver.resolve(typed, option="--actor")
    assert str(caught.value).startswith("--actor: ")
    assert suggested in str(caught.value)


def test_codes_only_the_store_holds_are_accepted(resolver: ActorResolver) -> None:
    assert resolver.resolve("kfor_x", extra_codes=["KFOR_X"]).code == "KFOR_X"
    with pytest.raises(FilterError, match="give a code"):
        resolver.resolve("Qwzx")


@pytest.mark.parametrize(("typed", "pair"), [
    ("SRB-XKX", ("SRB", "XKX")),
    ("Serbia,Kosovo", ("SRB", "XKX")),
    ("Serbia-Kosovo", ("SRB", "XKX")),
    ("Guinea-Bissau-Senegal", ("GNB", "SEN")),
    ("united states, Taiwan", ("USA", "TWN")),
])
def test_dyads_take_codes_and_names(resolver: ActorResolver, typed: str, pair: tuple[str, str]) -> None:
    one, two = parse_dyad(typed, resolver)
    assert (one.code, two.code) == pair


def test_a_dyad_of_one_actor_is_refused(resolver: ActorResolver) -> None:
    with pytest.raises(FilterError, match="not two actors"):
        parse_dyad("Serbia", resolver)
