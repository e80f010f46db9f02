"""Find every mistake in the loaded cards before anything is rendered."""
import posixpath
import re

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
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def media_path(card, target):
    """The image's path from the project root (posix), or None if it leaves the project."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(card.path), target))
    return None if path.startswith("../") or path == ".." or path.startswith("/") else path


def figure_name(path):
    """The figure drawn into media/figures/<name>.png, or None for any other path."""
    match = re.fullmatch(r"media/figures/([a-z0-9-]+)\.png", path or "")
    return match.group(1) if match else None


def tex_problems(tex):
    """What a static look at a formula finds: unbalanced braces or \\left/\\right, unknown commands."""
    plain = re.sub(r"\\[{}]", "", tex)
    depth = 0
    for char in plain:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return ["a '}' closes nothing: remove it or add the '{' it closes"]
    found = [f"{depth} '{{' never closed: add '}}'"] if depth else []
    lefts, rights = len(re.findall(r"\\left(?![a-zA-Z])", tex)), len(re.findall(r"\\right(?![a-zA-Z])", tex))
    if lefts != rights:
        found.append(f"\\left and \\right do not pair up ({lefts} \\left, {rights} \\right)")
    for name in re.findall(r"\\([A-Za-z]+)", tex):
        if name in MATH_REPLACEMENTS:
            found.append(f"\\{name} does not work in Anki's MathJax: use {MATH_REPLACEMENTS[name]}")
    for text in re.findall(r"\\text\{([^{}]*)\}", tex):
        if "\\" in text:
            found.append(f"'\\' inside \\text{{{text}}} is shown literally: move the command out of \\text{{}}")
    if re.search(r"<br\s*/?>", tex, re.I):
        found.append("<br> inside a formula breaks it: use \\\\ in an aligned environment")
    return found


def check_math(card, problems):
    """Stray dollars, display math inside paragraphs, and formulas Anki's MathJax would show broken."""
    for part in card.parts:
        for line in part.inline_display:
            problems.append(Problem(card.path, line, "$$ display math must be a paragraph of its own: put a blank "
                                                     "line before and after it (or use $...$ inline)"))
        for line in part.stray_dollars:
            problems.append(Problem(card.path, line, "unbalanced '$': close the formula, or write \\$ for a literal "
                                                     "dollar sign"))
    for formula in card.formulas:
        for message in tex_problems(formula.tex):
            problems.append(Problem(card.path, formula.line, message))


def check_cloze(card, problems):
    """Cloze cards need well-formed, gap-free clozes in their text; other cards and parts need none."""
    holders = card.parts if card.type != "cloze" else (card.extra,)
    for part in holders:
        for cloze in part.clozes:
            where = "a non-cloze card: add 'type: cloze' to its yaml block" if card.type != "cloze" else \
                "Extra, where Anki shows it raw: clozes work only in the text"
            problems.append(Problem(card.path, cloze.line, f"cloze deletion in {where}"))
    if card.type != "cloze":
        return
    clozes = card.front.clozes
    if not clozes:
        problems.append(Problem(card.path, card.line, f"cloze card '{card.id}' has no cloze: mark the answer as "
                                                      "{{c1::answer}}"))
        return
    numbers = sorted({c.number for c in clozes})
    if numbers != list(range(1, numbers[-1] + 1)):
        problems.append(Problem(card.path, card.line, f"cloze numbers {numbers} have gaps: number them c1, c2, ... "
                                                      "without gaps"))
    for cloze in clozes:
        if cloze.problem:
            problems.append(Problem(card.path, cloze.line, cloze.problem))


def check_images(card, root, figure_names, problems):
    """Images need alt text and a caption, and must be image files in media/ or figures drawn by code."""
    for image in card.images:
        target, line = image.target, image.line
        if not image.alt:
            problems.append(Problem(card.path, line, f"image '{target}' needs alt text: ![what it shows]({target} "
                                                     "\"Caption\")"))
        if not image.caption:
            problems.append(Problem(card.path, line, f"image '{target}' needs a caption: "
                                                     f"![{image.alt or 'alt'}]({target} \"Caption\")"))
        path = media_path(card, target)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            problems.append(Problem(card.path, line, f"image '{target}' is not local: put the file in media/ (cards "
                                                     "must work offline)"))
        elif path is None or not path.startswith("media/"):
            problems.append(Problem(card.path, line, f"image path '{target}' leaves media/: images must live in "
                                                     "media/ (write ../media/<file> from cards/)"))
        elif figure_name(path) is not None:
            if figure_name(path) not in figure_names:
                problems.append(Problem(card.path, line, f"unknown figure '{figure_name(path)}': define a function "
                                                         f"{figure_name(path).replace('-', '_')}(fig) in figures/*.py"))
        elif path.startswith("media/figures/"):
            problems.append(Problem(card.path, line, f"'{target}': media/figures/ holds only drawn figures, named "
                                                     "<figure-name>.png; put other images directly in media/"))
        elif not (root / path).is_file():
            problems.append(Problem(card.path, line, f"missing image '{target}': no such file"))
        elif not (root / path).read_bytes()[:8].startswith(IMAGE_MAGIC):
            problems.append(Problem(card.path, line, f"'{target}' is not a PNG, JPEG or GIF image"))


def check_cards(project, figure_names, unknown_figures=frozenset()) -> list[Problem]:
    """All problems in all cards: ids, references, priorities, math, clozes, images."""
    problems = []
    seen = {}
    cards = [card for topic in project.topics for card in topic.cards]
    for card in cards:
        if card.id in seen:
            first = seen[card.id]
            problems.append(Problem(card.path, card.line, f"duplicate card id '{card.id}' (first used at "
                                                          f"{first.path}:{first.line}); ids must be unique"))
        else:
            seen[card.id] = card
    known = set(seen) | set(project.unreadable_ids)
    for card in cards:
        for part in card.parts:
            if "TODO:" in part.markdown:
                line = part.line + part.markdown[:part.markdown.index("TODO:")].count("\n")
                problems.append(Problem(card.path, line, f"card '{card.id}' is unfinished: replace its 'TODO:' lines"))
                break
        check_math(card, problems)
        check_cloze(card, problems)
        names = set(figure_names) | set(unknown_figures)
        check_images(card, project.root, names, problems)
        if card.broken:
            continue
        if project.sources_ok:
            for key in card.sources:
                if key not in project.sources:
                    problems.append(Problem(card.path, card.line, f"unknown source '{key}' (add it to sources.yaml; "
                                                                  f"known: {', '.join(sorted(project.sources))})"))
        for other in card.related:
            if other == card.id:
                problems.append(Problem(card.path, card.line, f"card '{card.id}' lists itself as related: name the "
                                                              "cards a learner should see beside it"))
            elif other not in known:
                problems.append(Problem(card.path, card.line, f"related card '{other}' does not exist"))
            elif other in seen and seen[other].retired and not card.retired:
                instead = ", ".join(seen[other].replaced_by) or "an active card"
                problems.append(Problem(card.path, card.line, f"related card '{other}' is retired: point at "
                                                              f"{instead} instead"))
        for other in card.replaced_by:
            if other not in known:
                problems.append(Problem(card.path, card.line, f"replacement card '{other}' does not exist"))
            elif other in seen and seen[other].retired:
                problems.append(Problem(card.path, card.line, f"replacement card '{other}' is itself retired"))
        if not card.retired and not card.priority:
            problems.append(Problem(card.path, card.line, f"card '{card.id}' has no priority: add 'priority: core' "
                                                          "(asked in most interviews) or 'priority: deep'"))
        if any(code.language in ("python", "py") for code in card.code) and not card.test.text:
            problems.append(Problem(card.path, card.line, f"card '{card.id}' has Python code but no 'test': add "
                                                          "asserts that run it"))
    return problems
