"""The language rules generalise: each fires on variants of its phrases (forms, determiners,
ages and numbers, a word between) and not on fair sentences that share their words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.language import SLOTS, check_text, compile_phrase, shipped_rules
from generator.check.text import plain


def _fired(text: str) -> set[str]:
    found = check_text(plain(text), shipped_rules(), lambda position: ("t.yaml", 1, position + 1))
    rules = {rule.rule.id: rule for rule in shipped_rules()}
    return {rule_id for rule_id, rule in rules.items()
            if any(f"'{' '.join(m.group().split())}'" in p.message for p in found
                   for m in rule.pattern.finditer(plain(text).text))}


@pytest.mark.parametrize(("text", "rule"), [
    ("She keeps putting herself at significant risk.", "putting-themselves-at-risk"),
    ("He put himself in real danger.", "putting-themselves-at-risk"),
    ("She was described as a 14-year-old prostitute.", "child-prostitute"),
    ("a fifteen year old prostitute", "child-prostitute"),
    ("The girl consented, the notes say.", "consented"),
    ("the 13 year old child agreed", "consented"),
    ("He was recruited into a local gang.", "recruited"),
    ("He was a drug runner for them.", "drug-runner"),
    ("She worked for an older man.", "drug-runner"),
    ("She had a relationship with a much older man.", "relationship-with-abuser"),
    ("She is in a relationship with a 25-year-old man.", "relationship-with-abuser"),
    ("She described relationships with adults she met online.", "relationship-with-abuser"),
    ("Her older boyfriend collected her.", "relationship-with-abuser"),
    ("This is attention seeking behaviour.", "attention-seeking"),
    ("families who are hard to reach", "hard-to-reach"),
])
def test_each_rule_fires_on_variants(text, rule):
    assert rule in _fired(text)


@pytest.mark.parametrize("text", [
    "Children need relationships with trusted adults.",
    "We put the child's needs first, at every stage.",
    "The child is at risk of harm from adults who exploit them.",
    "Adults are placing the child at risk.",
    "Her relationship with her teacher helped her speak up.",
    "Staff worked for a long time to reach the family.",
    "He runs the drug and alcohol service.",
    "Consent must be sought from parents and carers.",
])
def test_fair_sentences_are_not_flagged(text):
    assert _fired(text) == set()


@settings(max_examples=80, deadline=None)
@given(age=st.one_of(st.integers(10, 17).map(str), st.sampled_from(["fifteen", "sixteen", "twenty-one"])),
       shape=st.sampled_from(["{} year old", "{}-year-old", "{}"]))
def test_ages_however_written(age, shape):
    import re

    assert re.fullmatch(SLOTS["age"], shape.format(age), re.IGNORECASE)
    assert "child-prostitute" in _fired(f"She was called a {shape.format(age)} prostitute in the report.")


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError, match="unknown slot"):
        compile_phrase("with <someone>")


def test_an_unknown_slot_in_a_board_rule_file_is_located(write):
    from generator.check.language import load_rules
    from generator.errors import UserError

    path = write("rules:\n  - id: mine\n    phrases:\n      - \"with <someone>\"\n    message: m\n    source: s\n",
                 "rules.yaml")
    with pytest.raises(UserError) as caught:
        load_rules(path)
    assert (caught.value.problems[0].line, "<det>" in caught.value.problems[0].hint) == (4, True)
