"""The finders' shared cascade: the first rule with an opinion decides, even when that opinion is falsy."""

from parley.domain.anonymiser.rules import first_verdict


def test_the_first_rule_with_a_verdict_decides_and_the_rest_are_not_asked():
    asked: list[str] = []

    def passes(word: str) -> bool | None:
        asked.append("passes")
        return None

    def says_no(word: str) -> bool | None:
        asked.append("says_no")
        return False

    def says_yes(word: str) -> bool | None:
        asked.append("says_yes")
        return True

    assert first_verdict((passes, says_no, says_yes), "Pekka", True) is False
    assert asked == ["passes", "says_no"]


def test_the_default_when_no_rule_speaks():
    assert first_verdict((lambda w: None,), "Pekka", ["person"]) == ["person"]
    assert first_verdict((), "Pekka", False) is False
