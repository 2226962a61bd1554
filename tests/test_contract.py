"""The output contract: statements in "quotes", stances in "stances" (texts written for these tests)."""

from __future__ import annotations

import jsonschema

from sitrep import contract
from sitrep.model import Article, Quote


def _q(text: str, phrase: str, kind: str, direct: bool = False) -> Quote:
    a = text.index(phrase)
    return Quote(phrase, a, a + len(phrase), "The minister", 0, 12, "named_person", "said", direct, kind=kind)


def test_contract_lists_statements_and_stances_apart():
    text = "The minister praised the agreement. The minister said the agreement would hold."
    art = Article(id="k1", text=text, quotes=[_q(text, "the agreement", "stance"),
                                               _q(text, "the agreement would hold", "statement")])
    d = contract.article_to_dict(art)
    jsonschema.validate(d, contract.schema())
    assert [q["content"] for q in d["quotes"]] == ["the agreement would hold"]
    assert [q["content"] for q in d["stances"]] == ["the agreement"]
    assert set(d["stances"][0]) == set(d["quotes"][0])  # one record shape


def test_schema_requires_the_stances_list():
    d = contract.article_to_dict(Article(id="k2", text="Nothing was said."))
    assert d["stances"] == []
    del d["stances"]
    try:
        jsonschema.validate(d, contract.schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a record with no stances list passed the schema")


def test_coded_article_splits_by_kind(pipeline):
    art = pipeline(Article(id="k3", text="The port authority praised the new dredging contract. "
                                                 "The harbour master said the channel would reopen in May."))
    d = contract.article_to_dict(art)
    jsonschema.validate(d, contract.schema())
    assert any("dredging contract" in q["content"] for q in d["stances"]), d
    assert any("would reopen" in q["content"] for q in d["quotes"]), d
    assert not any("would reopen" in q["content"] for q in d["stances"])
