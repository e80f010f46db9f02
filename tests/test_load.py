"""Parsing topic files: front matter, subtopics, card ids, yaml blocks and the parts of a card."""
from mldeck.load import load_topics, slugify

TOPIC = """---
deck: Demo Deck
source: [ronakdm]
description: A demo.
---

Intro text that belongs to no card.

# First Section: Basics

## demo-basic

```yaml
kind: formula
tags: [extra::tag]
related: [demo-cloze]
```

What is $x$?

---

The answer.

---

Why it matters.

# Second section

## demo-cloze

```yaml
type: cloze
source: [semantica, alirezadir]
```

The mean is {{c1::$\\bar{x}$}}.

```python
# a '---' inside code does not split the card
---
```

---

Extra for the cloze.
"""


def test_topic_file_becomes_cards_with_locations(tmp_path):
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "demo.md").write_text(TOPIC)
    problems = []
    [topic] = load_topics(tmp_path, problems)
    assert problems == []
    assert (topic.slug, topic.deck, topic.description) == ("demo", "Demo Deck", "A demo.")
    basic, cloze = topic.cards
    assert (basic.id, basic.line, basic.subtopic, basic.type) == ("demo-basic", 11, "first-section-basics", "basic")
    assert (basic.front.markdown, basic.front.line) == ("What is $x$?", 19)
    assert (basic.back.markdown, basic.back.line) == ("The answer.", 23)
    assert (basic.extra.markdown, basic.extra.line) == ("Why it matters.", 27)
    assert basic.kinds == ("formula",) and basic.tags == ("extra::tag",) and basic.related == ("demo-cloze",)
    assert basic.sources == ("ronakdm",)
    assert (cloze.id, cloze.subtopic, cloze.type) == ("demo-cloze", "second-section", "cloze")
    assert cloze.sources == ("semantica", "alirezadir")
    assert cloze.front.markdown.startswith("The mean is {{c1::") and "---" in cloze.front.markdown
    assert cloze.back.markdown == "" and cloze.extra.markdown == "Extra for the cloze."
    assert cloze.anki_cards() == 1 and basic.anki_cards() == 1


def test_slugify_makes_tag_safe_names():
    assert slugify("Hypothesis Testing: Model Accuracy!") == "hypothesis-testing-model-accuracy"
    assert slugify("1x1 convolutions") == "1x1-convolutions"
