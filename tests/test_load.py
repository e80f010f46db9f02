"""Parsing topic files: front matter, subtopics, card ids, yaml blocks, parts, and what each part holds."""
from mldeck.load import load_topics, parse_topic, slugify

TOPIC = """---
deck: Demo Deck
source: [ronakdm]
description: A demo.
---

# First Section: Basics

## demo-basic

```yaml
kind: formula
tags: [extra::tag]
related: [demo-cloze]
priority: core
```

What is $x$?

---

The answer, $$y$$ no, with ![A plot](../media/figures/curve.png "Caption").

---

Why it matters.

# Second section

## demo-cloze

```yaml
type: cloze
source: [semantica, alirezadir]
priority: deep
test: |
  assert True
```

The mean is {{c1::$\\bar{x}$}}.

````python
# a '---' and a '## heading' inside code change nothing
---
## not-a-card
````

---

Extra for the cloze.
"""


def test_topic_file_becomes_cards_with_locations_and_contents(tmp_path):
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "demo.md").write_text(TOPIC)
    problems = []
    topics, unreadable = load_topics(tmp_path, problems)
    assert problems == [] and unreadable == frozenset()
    [topic] = topics
    assert (topic.slug, topic.deck, topic.description) == ("demo", "Demo Deck", "A demo.")
    basic, cloze = topic.cards
    assert (basic.id, basic.line, basic.subtopic, basic.type, basic.priority) == \
        ("demo-basic", 9, "first-section-basics", "basic", "core")
    assert (basic.front.markdown, basic.front.line) == ("What is $x$?", 18)
    assert basic.back.line == 22 and (basic.extra.markdown, basic.extra.line) == ("Why it matters.", 26)
    assert [(f.tex, f.display, f.line, f.part) for f in basic.formulas] == [("x", False, 18, "front"),
                                                                           ("y", True, 22, "back")]
    assert [(i.alt, i.target, i.caption, i.line) for i in basic.images] == \
        [("A plot", "../media/figures/curve.png", "Caption", 22)]
    assert basic.kinds == ("formula",) and basic.tags == ("extra::tag",) and basic.related == ("demo-cloze",)
    assert basic.sources == ("ronakdm",)
    assert (cloze.id, cloze.subtopic, cloze.type, cloze.priority) == ("demo-cloze", "second-section", "cloze", "deep")
    assert cloze.sources == ("semantica", "alirezadir")
    assert [(c.number, c.answer, c.line) for c in cloze.front.clozes] == [(1, "$\\bar{x}$", 40)]
    assert [(c.language, c.line, c.lines) for c in cloze.code] == [("python", 43, 3)]
    assert (cloze.test.text, cloze.test.line) == ("assert True", 37)
    assert cloze.back.markdown == "" and cloze.extra.markdown == "Extra for the cloze."
    assert cloze.anki_cards() == 1 and basic.anki_cards() == 1


def test_windows_line_ends_and_a_byte_order_mark_give_the_same_cards(tmp_path):
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "demo.md").write_bytes(b"\xef\xbb\xbf" + TOPIC.replace("\n", "\r\n").encode())
    problems = []
    [topic], _ = load_topics(tmp_path, problems)
    assert problems == [] and [c.line for c in topic.cards] == [9, 30]


def test_an_escaped_dollar_is_not_a_formula():
    problems = []
    topic = parse_topic("demo", "cards/demo.md", "---\ndeck: D\nsource: [x]\n---\n\n## demo-a\n\nIt costs \\$5 "
                        "and `$HOME` is a path.\n\n---\n\nA.\n", problems)
    assert problems == [] and topic.cards[0].formulas == [] and topic.cards[0].front.stray_dollars == ()


def test_slugify_makes_tag_safe_names():
    assert slugify("Hypothesis Testing: Model Accuracy!") == "hypothesis-testing-model-accuracy"
    assert slugify("1x1 convolutions") == "1x1-convolutions"
