"""What a card part holds, found once with file lines: formulas, images, code blocks, clozes."""
import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
INLINE_CODE = re.compile(r"(`+)(?!`)(?:.|\n(?!\s*\n))+?(?<!`)\1(?!`)")
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"\$(?!\s)((?:[^$\n]|\n(?!\s*\n))+?)(?<!\s)\$")
IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*([^\s)]+)(?:\s+\"([^\"\n]*)\")?\s*\)")
CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula as written, where it is, and which part of the card shows it."""

    tex: str
    display: bool
    line: int
    part: str


@dataclass(frozen=True, slots=True)
class Image:
    """An image reference: alt text, target as written, caption, and its line."""

    alt: str
    target: str
    caption: str
    line: int


@dataclass(frozen=True, slots=True)
class Code:
    """A fenced code block: its language, its text and the file line of its first code line."""

    language: str
    text: str
    line: int

    @property
    def lines(self):
        """Number of code lines."""
        return len(self.text.splitlines())


@dataclass(frozen=True, slots=True)
class Cloze:
    """A cloze deletion {{cN::answer::hint}}; ``problem`` says what is wrong with it, if anything."""

    number: int
    answer: str
    hint: str
    line: int
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a card (front, back or extra): its Markdown and what it holds."""

    name: str
    markdown: str
    line: int
    formulas: tuple = ()
    images: tuple = ()
    code: tuple = ()
    clozes: tuple = ()
    stray_dollars: tuple = ()
    inline_display: tuple = ()
    prose: str = ""  # the words a learner reads: no code blocks or images, a formula or code span as one word


def fences(lines):
    """Yield (index, kind) for each line: 'open', 'code', 'close' or 'text'; kind 'open' stays open at the end."""
    marker = None
    for index, line in enumerate(lines):
        if marker:
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if stripped and set(stripped) == {marker[0]} and len(stripped) >= len(marker) and indent < 4:
                marker = None
                yield index, "close"
            else:
                yield index, "code"
            continue
        match = FENCE_OPEN.match(line)
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            marker = match.group(1)
            yield index, "open"
        else:
            yield index, "text"


def blank(match):
    """Spaces for a match, keeping its newlines so offsets still give lines."""
    return re.sub(r"[^\n]", " ", match.group(0))


def scan_part(name, markdown, line):
    """A Part with everything found in its Markdown, each at its file line."""
    lines = markdown.split("\n")
    code, text_lines, start = [], [], None
    for index, kind in fences(lines):
        if kind == "open":
            start = index
            text_lines.append("")
        elif kind == "close":
            info = lines[start].strip().lstrip("`~").strip()
            code.append(Code(info.split()[0] if info else "", "\n".join(lines[start + 1:index]), line + start + 1))
            start = None
            text_lines.append("")
        else:
            text_lines.append("" if kind == "code" else lines[index])
    if start is not None:  # an unclosed fence runs to the end of the part, as Markdown shows it
        info = lines[start].strip().lstrip("`~").strip()
        code.append(Code(info.split()[0] if info else "", "\n".join(lines[start + 1:]), line + start + 1))
    text = "\n".join(text_lines)
    plain = INLINE_CODE.sub(blank, text).replace(r"\$", "  ")

    def at(offset):
        return line + plain.count("\n", 0, offset)

    formulas, inline_display = [], []
    for match in DISPLAY_MATH.finditer(plain):
        formulas.append(Formula(match.group(1), True, at(match.start()), name))
        alone_before = re.search(r"(\A|\n[ \t]*\n)[ \t]*\Z", plain[:match.start()])
        alone_after = re.match(r"[ \t]*(\Z|\n[ \t]*(\n|\Z))", plain[match.end():])
        if not (alone_before and alone_after):
            inline_display.append(at(match.start()))
    rest = DISPLAY_MATH.sub(blank, plain)
    formulas += [Formula(m.group(1), False, at(m.start()), name) for m in INLINE_MATH.finditer(rest)]
    stray = [at(m.start()) for m in re.finditer(r"\$", INLINE_MATH.sub(blank, rest))]
    images = [Image(m.group(1).strip(), m.group(2), m.group(3) or "", at(m.start())) for m in IMAGE.finditer(plain)]
    words = IMAGE.sub(" ", INLINE_MATH.sub(" formula ", DISPLAY_MATH.sub(" formula ", INLINE_CODE.sub(" code ", text))))
    return Part(name, markdown, line, tuple(sorted(formulas, key=lambda f: f.line)), tuple(images), tuple(code),
                tuple(clozes(plain, at)), tuple(stray), tuple(inline_display), words)


def clozes(plain, at):
    """Every cloze deletion in the text, with what is wrong with it."""
    found = []
    for match in CLOZE_OPEN.finditer(plain):
        number, line = int(match.group(1)), at(match.start())
        end = plain.find("}}", match.end())
        if end < 0:
            found.append(Cloze(number, "", "", line, f"cloze c{number} is not closed with '}}}}'"))
            continue
        inner = plain[match.end():end]
        if CLOZE_OPEN.search(inner):
            found.append(Cloze(number, inner, "", line, f"cloze c{number} contains another cloze: Anki cannot nest "
                                                        "clozes; close the first one before the next"))
            continue
        answer, _, hint = inner.partition("::")
        problem = ""
        if inner.count("{") > inner.count("}"):
            problem = f"'}}}}' inside cloze c{number} ends it early: write '}} }}' inside formulas"
        elif "::" in inner and (inner.count("::") > 1 or unbalanced(answer)):
            problem = f"'::' inside cloze c{number} starts a hint: write ': :' (e.g. x[: :-1])"
        elif not answer.strip():
            problem = f"cloze c{number} is empty"
        found.append(Cloze(number, answer, hint, line, problem))
    return found


def unbalanced(text):
    """Whether brackets in a cloze answer do not pair up (a sign that '::' cut it)."""
    return any(text.count(a) != text.count(b) for a, b in ("()", "[]", "{}"))
