"""Copies of one report (issue 16): shingles, the exact check, wire credits, and the scripted
syndication variants of the demo corpus grouped as the issue asks."""

from __future__ import annotations

import pytest

import benchmark_module
from powderkeg import copies

syn = benchmark_module.load("syndication")

STORY = (
    "Serbia's president said on Monday that Belgrade would not accept the new customs rules that "
    "Pristina imposed on goods crossing the northern boundary, and called on the European Union to "
    "step in before the dispute closes the crossings. Kosovo's government replied that the rules "
    "apply to every neighbour alike and that it would not suspend them while talks continue in Brussels."
)
OTHER_STORY_SAME_DYAD = (
    "Kosovo's prime minister accused Serbia on Thursday of moving troops closer to the border, "
    "a charge Belgrade rejected as an invention meant to distract from the arrests of Serb "
    "officials in the north. NATO peacekeepers said they were watching the area and saw no buildup."
)


def test_a_retyped_credited_copy_is_a_copy_and_another_story_on_the_dyad_is_not() -> None:
    copy = "PRISTINA (AP) — " + STORY.replace("'", "’") + "\n\nFollow our coverage on social media."
    original = copies.shingles(STORY)
    assert copies.likeness(original, copies.shingles(copy)).is_copy
    assert not copies.likeness(original, copies.shingles(OTHER_STORY_SAME_DYAD)).is_copy


def test_a_trimmed_copy_is_contained_in_its_original() -> None:
    background = ("The two governments agreed in 2013 to normalise relations under the European Union's "
                  "mediation, but most of the deals they signed since then have never been carried out, and "
                  "the northern municipalities have seen repeated protests, road blocks and arrests.")
    longer = STORY + "\n\n" + background + "\n\n" + OTHER_STORY_SAME_DYAD
    found = copies.likeness(copies.shingles(longer), copies.shingles(STORY))
    assert found.jaccard < copies.MIN_JACCARD and found.containment >= copies.MIN_CONTAINMENT and found.is_copy


def test_signatures_and_band_keys_are_deterministic_and_fit_bigint() -> None:
    keys = copies.band_keys(copies.signature(copies.shingles(STORY)))
    assert keys == copies.band_keys(copies.signature(copies.shingles(STORY)))
    assert len(keys) == copies.BANDS and all(-(2**63) <= k < 2**63 for k in keys)


def test_accents_and_case_do_not_make_a_new_text() -> None:
    assert copies.shingles("Vučić met Kurti in BRUSSELS on Monday") == copies.shingles("Vucic met Kurti in Brussels on monday")


def test_a_text_too_short_has_no_bands() -> None:
    assert copies.fingerprint("Serbia protests.").bands == ()


@pytest.mark.parametrize(("text", "wire"), [
    ("BELGRADE (AP) — Serbia's president said ...", "Associated Press"),
    ("Kosovo closed two crossings on Friday. (Reuters)", "Reuters"),
    ("PARIS (AFP) - France called for calm.", "AFP"),
    ("Serbia's foreign ministry protested, the state agency Tanjug reported.", "Tanjug"),
    ("Serbia's foreign ministry protested on Friday, our correspondent reports.", None),
    ("The AP Biology exam results came out on Friday.", None),  # "AP" in running text is no credit
])
def test_wire_credits(text: str, wire: str | None) -> None:
    assert copies.wire_credit(text) == wire


def test_groups_join_chains_of_pairs_under_the_smallest_id() -> None:
    assert copies.groups([("b", "c"), ("c", "d")], members=["a", "b", "c", "d"]) == {
        "a": "a", "b": "b", "c": "b", "d": "b"}


def test_scripted_syndication_of_the_demo_corpus_is_grouped() -> None:
    """The issue's floors: pairwise precision >= 0.98, recall >= 0.95, no two stories merged."""
    scores = syn.evaluate(syn.variants(syn.demo_sources(), 6))
    assert scores.true_pairs > 100
    assert scores.precision >= 0.98 and scores.recall >= 0.95 and scores.wrong_merges == 0


def test_signatures_drawn_from_one_template_equal_fresh_minhashes_and_share_no_state() -> None:
    """copies.signature copies one empty MinHash instead of drawing its permutations per text (issue 17)."""
    from datasketch import MinHash

    def fresh(text: str) -> list[int]:
        mh = MinHash(num_perm=copies.NUM_PERM, seed=copies.SEED)
        mh.update_batch([s.encode("utf-8") for s in copies.shingles(text)])
        return copies.band_keys(mh)

    first = copies.band_keys(copies.signature(copies.shingles(STORY)))
    other = copies.band_keys(copies.signature(copies.shingles(OTHER_STORY_SAME_DYAD)))
    assert first == fresh(STORY) and other == fresh(OTHER_STORY_SAME_DYAD) and first != other
    assert copies.band_keys(copies.signature(copies.shingles(STORY))) == first
