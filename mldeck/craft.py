"""Card-craft rules: the points of the card rubric a program can see."""
import functools
import re

from .problems import Problem

MAX_ANSWER_WORDS = 40
MAX_CODE_LINES = 8
QUESTION_WORDS = r"(?:what|which|how|when|where|who|whom|whose)"
# "What is X, and how does Y work?" asks two things; "Which metric, and why?" asks one decision.
GLUED = re.compile(rf",\s*and\s+(?:{QUESTION_WORDS}\b|why\b(?!\s*\?))", re.I)
INVISIBLE = [
    (re.compile(r"\bthe test (?:checks|asserts|runs|verifies)\b", re.I), "the test"),
    (re.compile(r"\bsee the [\w &/-]+ deck\b", re.I), "another deck"),
    (re.compile(r"\b(?:see|in) (?:the )?(?:other|another|next|previous|related) card\b", re.I), "another card"),
    (re.compile(r"\b(?:card|figure|plot|chart) (?:above|below)\b", re.I), "something above or below"),
]
GUIDE_WORDS = re.compile(r"\baccording to\b|\bthe guides?\b|\bguide's\b", re.I)
WORD = re.compile(r"[\w'’.,%/+-]*\w[\w'’.,%/+-]*")
SLUG_WORD = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


@functools.lru_cache(maxsize=4)
def source_names(keys):
    """A pattern matching any source key as a whole word."""
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?![\w-])")


def craft_problems(card, card_ids, sources):
    """Rubric problems in one card, skipping rules the card allows and retired cards."""
    if card.retired:
        return []
    found = []

    def report(rule, line, message):
        if rule not in card.allow:
            found.append(Problem(card.path, line,
                                 f"{message} [{rule}; if justified, add it to the card's 'allow' list]"))

    if card.type != "cloze":
        front = card.front.prose
        if front.count("?") > 1:
            report("two-questions", card.front.line,
                   "the front asks more than one question: make one card per question")
        elif GLUED.search(front):
            report("two-questions", card.front.line,
                   "the front glues two questions ('…, and what/how …?'): ask each on its own card")
        words = len(WORD.findall(card.back.prose))
        if words > MAX_ANSWER_WORDS:
            report("long-answer", card.back.line,
                   f"the answer has {words} words (at most {MAX_ANSWER_WORDS}): keep the core, move the rest to Extra")
        for block in card.back.code:
            if block.lines > MAX_CODE_LINES:
                report("long-code", block.line - 1,
                       f"the answer's code block has {block.lines} lines (at most {MAX_CODE_LINES}): ask for the lines "
                       "that carry the idea and keep the whole program in Extra")
    front_text = card.front.markdown
    names = sorted(set(source_names(tuple(sorted(sources))).findall(front_text)))
    if names or GUIDE_WORDS.search(card.front.prose):
        what = f"source '{names[0]}'" if names else "a guide"
        report("names-guide", card.front.line,
               f"the front names {what}: ask the ML question the guide answers (a scenario, a decision, a computation)")
    for part in card.parts:
        text = part.prose
        for match in SLUG_WORD.finditer(text):
            if match.group(0) in card_ids and match.group(0) != card.id:
                report("names-card", part.line + text.count("\n", 0, match.start()),
                       f"names card '{match.group(0)}', which a learner cannot see from this card: say what it teaches "
                       "instead")
                break
        for pattern, what in INVISIBLE:
            match = pattern.search(text)
            if match:
                report("names-card", part.line + text.count("\n", 0, match.start()),
                       f"points at {what} ('{match.group(0)}'), which a learner cannot see from this card")
    return found
