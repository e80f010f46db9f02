"""Import every built deck with Anki's own backend and look at what a learner would get."""
import re

import pytest

from conftest import import_apkg

ROOT_DECK = "ML Interview"
pytestmark = pytest.mark.slow
# $$…$$, or $…$ starting with a non-digit; a literal price such as \$5 stays allowed
LEFTOVER_MATH = re.compile(r"\$\$|\$[^\s$\d][^$]*?\$")
MARKDOWN_LEFTOVERS = [
    (re.compile(r"(?<![\w*])\*\*\w"), "bold markers"),
    (re.compile(r"^#{1,6} ", re.M), "heading markers"),
    (re.compile(r"```"), "code fences"),
    (re.compile(r"!\[[^\]]*\]\("), "image syntax"),
    (re.compile(r"\]\((?:https?:|media/)"), "link syntax"),
]


def visible_text(html):
    """The card's HTML without code blocks, where literal $ and * may legitimately appear."""
    html = re.sub(r"<pre.*?</pre>", "", html, flags=re.S)
    return re.sub(r"<code>.*?</code>", "", html, flags=re.S)


def test_every_deck_imports_with_counts_decks_tags_and_media(built_decks, project, tmp_path):
    from anki.collection import Collection

    topics = {t.slug: t for t in project.topics}
    for name, (apkg, count) in built_decks.items():
        folder = tmp_path / name
        folder.mkdir()
        col = Collection(str(folder / "collection.anki2"))
        try:
            result = import_apkg(col, apkg)
            assert len(result.log.new) == count == col.note_count()
            chosen = list(topics.values()) if name == "ml-interview" else [topics[name]]
            assert col.card_count() == sum(c.anki_cards() for t in chosen for c in t.cards)
            deck_names = {d.name for d in col.decks.all_names_and_ids()}
            assert {f"{ROOT_DECK}::{t.deck}" for t in chosen} <= deck_names
            assert ROOT_DECK in deck_names  # the subdecks hang under one parent
            for topic in chosen:
                in_deck = col.find_cards(f'"deck:{ROOT_DECK}::{topic.deck}"')
                assert len(in_deck) == sum(c.anki_cards() for c in topic.cards)
                tagged = col.find_notes(f'"deck:{ROOT_DECK}::{topic.deck}" tag:ml::{topic.slug}*')
                assert len(tagged) == len(topic.cards)
                retired = [c for c in topic.cards if c.retired]
                assert len(col.find_notes(f'"deck:{ROOT_DECK}::{topic.deck}" tag:ml::retired')) == len(retired)
                core = col.find_notes(f'"deck:{ROOT_DECK}::{topic.deck}" tag:priority::core')
                assert len(core) == sum(c.priority == "core" and not c.retired for c in topic.cards)
            for note_id in col.find_notes(""):
                note = col.get_note(note_id)
                assert any(t.startswith("source::") for t in note.tags), note["Id"]
                assert any(t.startswith("ml::") for t in note.tags), note["Id"]
            media_dir = folder / "collection.media"
            for note_id in col.find_notes(""):
                note = col.get_note(note_id)
                for src in re.findall(r'<img[^>]+src="([^"]+)"', "".join(note.fields)):
                    assert (media_dir / src).is_file(), f"{note['Id']}: missing media {src}"
        finally:
            col.close()


def test_every_card_renders_without_template_errors_or_leftovers(built_decks, collection):
    import_apkg(collection, built_decks["ml-interview"][0])
    assert collection.card_count() > 0
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        output = card.render_output()
        note_id = card.note()["Id"]
        for side in (output.question_text, output.answer_text):
            assert "templates/errors" not in side and "{{" not in side, note_id
            text = visible_text(side)
            assert not LEFTOVER_MATH.search(text), f"{note_id}: leftover $ (math not converted)"
            for pattern, what in MARKDOWN_LEFTOVERS:
                assert not pattern.search(text), f"{note_id}: raw Markdown {what}"
        assert 'class="source"' in output.answer_text and "Source:" in output.answer_text, note_id
