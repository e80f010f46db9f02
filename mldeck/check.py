"""Find every mistake in the loaded cards before anything is rendered."""
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .problems import Problem

# Commands that Anki's MathJax 3 does not know, with what to write instead.
MATH_REPLACEMENTS = {
    "bm": r"\boldsymbol",
    "argmax": r"\operatorname*{arg\,max}",
    "argmin": r"\operatorname*{arg\,min}",
    "norm": r"\lVert x \rVert",
    "abs": r"\lvert x \rvert",
    "E": r"\mathbb{E}",
    "Var": r"\operatorname{Var}",
    "Cov": r"\operatorname{Cov}",
    "sfrac": r"\frac",
    "emph": r"\textit",
    "usepackage": "nothing (packages cannot be loaded)",
    "R": r"\mathbb{R}",
    "N": r"\mathbb{N}",
}
FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"\$(?!\s)((?:[^$\n]|\n(?!\s*\n))+?)(?<!\s)\$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*([^\s)]+)(?:\s+\"([^\"]*)\")?\s*\)")
CLOZE = re.compile(r"\{\{c(\d+)::")
UNSAFE = [
    (re.compile(r"<\s*script", re.I), "<script> is not allowed in a card"),
    (re.compile(r"<[^>]*\son\w+\s*=", re.I), "event handler attributes (on...=) are not allowed in a card"),
    (re.compile(r"javascript\s*:", re.I), "javascript: URLs are not allowed in a card"),
]


@dataclass(frozen=True)
class Formula:
    """A formula as written, with where it is."""

    tex: str
    display: bool
    path: str
    line: int
    card_id: str
    part: str = "back"


def blank(match):
    """Replace a match by spaces, keeping its newlines so line numbers hold."""
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(markdown):
    """The Markdown with code blocks and code spans blanked out."""
    return INLINE_CODE.sub(blank, FENCED.sub(blank, markdown))


def line_of(text, start, offset):
    """File line of a character offset inside a Text."""
    return start + text.count("\n", 0, offset)


def formulas(card):
    """Every formula in a card, with its file line."""
    found = []
    for name, part in (("front", card.front), ("back", card.back), ("extra", card.extra)):
        plain = without_code(part.markdown).replace(r"\$", "  ")
        for match in DISPLAY_MATH.finditer(plain):
            found.append(Formula(match.group(1), True, card.path, line_of(plain, part.line, match.start()), card.id, name))
        plain = DISPLAY_MATH.sub(blank, plain)
        for match in INLINE_MATH.finditer(plain):
            found.append(Formula(match.group(1), False, card.path, line_of(plain, part.line, match.start()), card.id, name))
    return found


def check_math(card, problems):
    """Stray dollars, display math inside paragraphs, and commands Anki's MathJax lacks."""
    for part in (card.front, card.back, card.extra):
        plain = without_code(part.markdown).replace(r"\$", "  ")
        for match in DISPLAY_MATH.finditer(plain):
            alone_before = re.search(r"(\A|\n[ \t]*\n)[ \t]*\Z", plain[:match.start()])
            alone_after = re.match(r"[ \t]*(\Z|\n[ \t]*(\n|\Z))", plain[match.end():])
            if not (alone_before and alone_after):
                problems.append(Problem(card.path, line_of(plain, part.line, match.start()),
                                        "$$ display math must be a paragraph of its own: put a blank line before and after it "
                                        "(or use $...$ inline)"))
        plain = INLINE_MATH.sub(blank, DISPLAY_MATH.sub(blank, plain))
        for match in re.finditer(r"\$", plain):
            problems.append(Problem(card.path, line_of(plain, part.line, match.start()),
                                    "unbalanced '$': close the formula, or write \\$ for a literal dollar sign"))
    for formula in formulas(card):
        for name in re.findall(r"\\([A-Za-z]+)", formula.tex):
            if name in MATH_REPLACEMENTS:
                problems.append(Problem(formula.path, formula.line,
                                        f"\\{name} does not work in Anki's MathJax: use {MATH_REPLACEMENTS[name]}"))
        for text in re.findall(r"\\text\{([^{}]*)\}", formula.tex):
            if "\\" in text:
                problems.append(Problem(formula.path, formula.line,
                                        f"'\\' inside \\text{{{text}}} is shown literally: move the command out of \\text{{}}"))
        if re.search(r"<br\s*/?>", formula.tex, re.I):
            problems.append(Problem(formula.path, formula.line, "<br> inside a formula breaks it: use \\\\ in an aligned environment"))


def check_cloze(card, problems):
    """Cloze cards need well-formed, gap-free clozes; other cards need none."""
    text = card.front
    numbers = [int(n) for n in CLOZE.findall(text.markdown)]
    if card.type != "cloze":
        for part in (card.front, card.back, card.extra):
            match = CLOZE.search(part.markdown)
            if match:
                problems.append(Problem(card.path, line_of(part.markdown, part.line, match.start()),
                                        "cloze deletion in a non-cloze card: add 'type: cloze' to its yaml block"))
        return
    if not numbers:
        problems.append(Problem(card.path, card.line, f"cloze card '{card.id}' has no cloze: mark the answer as {{{{c1::answer}}}}"))
        return
    expected = list(range(1, max(numbers) + 1))
    if sorted(set(numbers)) != expected:
        problems.append(Problem(card.path, card.line,
                                f"cloze numbers {sorted(set(numbers))} have gaps: number them c1, c2, ... without gaps"))
    for match in CLOZE.finditer(text.markdown):
        line = line_of(text.markdown, text.line, match.start())
        end = text.markdown.find("}}", match.end())
        if end < 0:
            problems.append(Problem(card.path, line, f"cloze c{match.group(1)} is not closed with '}}}}'"))
            continue
        inner = text.markdown[match.end():end]
        if inner.count("{") > inner.count("}"):
            problems.append(Problem(card.path, line,
                                    f"'}}}}' inside cloze c{match.group(1)} ends it early: write '}} }}' inside formulas"))
        elif "::" in inner and (inner.count("::") > 1 or unbalanced(inner.split("::")[0])):
            problems.append(Problem(card.path, line,
                                    f"'::' inside cloze c{match.group(1)} starts a hint: write ': :' (e.g. x[: :-1])"))
        elif not inner.split("::")[0].strip():
            problems.append(Problem(card.path, line, f"cloze c{match.group(1)} is empty"))


def unbalanced(text):
    """Whether brackets in a cloze answer do not pair up (a sign that '::' cut it)."""
    return any(text.count(a) != text.count(b) for a, b in ("()", "[]", "{}"))


def check_safety(card, problems):
    """No scripts, event handlers or javascript: links."""
    for part in (card.front, card.back, card.extra):
        for pattern, message in UNSAFE:
            for match in pattern.finditer(part.markdown):
                problems.append(Problem(card.path, line_of(part.markdown, part.line, match.start()), message))


def images(card):
    """Every image reference in a card: (alt, target, caption, line)."""
    found = []
    for part in (card.front, card.back, card.extra):
        plain = without_code(part.markdown)
        for match in IMAGE.finditer(plain):
            found.append((match.group(1).strip(), match.group(2), match.group(3), line_of(plain, part.line, match.start())))
    return found


def figure_name(card, target):
    """The figure a card's image target names (``../media/figures/<name>.png``), or None."""
    path = PurePosixPath(card.path).parent / target
    parts = posixpath.normpath(path.as_posix()).split("/")
    if len(parts) == 3 and parts[:2] == ["media", "figures"] and parts[2].endswith(".png"):
        return parts[2][:-len(".png")]
    return None


def check_images(card, root, figure_names, problems):
    """Images need alt text and a caption, and must be files in media/ or figures drawn by figures/*.py."""
    media = (root / "media").resolve()
    for alt, target, caption, line in images(card):
        if not alt:
            problems.append(Problem(card.path, line, f"image '{target}' needs alt text: ![what it shows]({target} \"Caption\")"))
        if not caption:
            problems.append(Problem(card.path, line, f"image '{target}' needs a caption: ![{alt or 'alt'}]({target} \"Caption\")"))
        name = figure_name(card, target)
        if re.match(r"^[a-z]+:", target):
            problems.append(Problem(card.path, line, f"image '{target}' is not local: put the file in media/ (cards must work offline)"))
        elif name is not None:
            if name not in figure_names:
                hint = f" (known: {', '.join(sorted(figure_names)[:5])}...)" if figure_names else ""
                problems.append(Problem(card.path, line, f"unknown figure '{name}': define a function {name.replace('-', '_')}(fig) in figures/*.py{hint}"))
        else:
            path = ((root / card.path).parent / target).resolve()
            if not path.is_relative_to(media):
                problems.append(Problem(card.path, line, f"image path '{target}' leaves media/: images must live in media/ (write ../media/<file> from cards/)"))
            elif not path.is_file():
                problems.append(Problem(card.path, line, f"missing image '{target}': no such file"))


def check_cards(topics, sources, figure_names, root):
    """All problems in all cards: ids, references, math, clozes, images, safety."""
    problems = []
    seen = {}
    for topic in topics:
        for card in topic.cards:
            if card.id in seen:
                first = seen[card.id]
                problems.append(Problem(card.path, card.line, f"duplicate card id '{card.id}' (first used at {first.path}:{first.line}); ids must be unique"))
            else:
                seen[card.id] = card
    for topic in topics:
        for card in topic.cards:
            for key in card.sources:
                if key not in sources:
                    problems.append(Problem(card.path, card.line, f"unknown source '{key}' (known: {', '.join(sorted(sources))})"))
            for other in card.related:
                if other not in seen:
                    problems.append(Problem(card.path, card.line, f"related card '{other}' does not exist"))
            if "```python" in card.front.markdown + card.back.markdown + card.extra.markdown and not card.test:
                problems.append(Problem(card.path, card.line, f"card '{card.id}' has Python code but no 'test': add asserts that run it"))
            check_math(card, problems)
            check_cloze(card, problems)
            check_safety(card, problems)
            check_images(card, Path(root), figure_names, problems)
    return problems
