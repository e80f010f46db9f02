"""Markdown to field HTML: math survives untouched, raw HTML is shown as typed, code and images work."""
from mldeck.render import html_problems, to_html


def test_inline_math_survives_markdown():
    html = to_html(r"Let $a_i * b_i = c_{i}^*$ hold, *really*.")
    assert r"\(a_i * b_i = c_{i}^*\)" in html
    assert "<em>really</em>" in html
    assert "$" not in html


def test_display_math_keeps_backslashes_and_escapes_html():
    html = to_html("$$\n\\frac{a}{b} \\\\ x < y \\,\\&\\, z > 0\n$$")
    assert r"\[" in html and r"\]" in html
    assert r"\frac{a}{b} \\ x &lt; y \,\&amp;\, z &gt; 0" in html


def test_escaped_dollar_is_a_literal_dollar():
    html = to_html(r"It costs \$5 and \$7.")
    assert "It costs $5 and $7." in html
    assert r"\(" not in html


def test_raw_html_is_shown_as_typed():
    html = to_html("x<y>z, <b>bold</b>, <script>alert(1)</script> and <!-- a comment -->")
    assert "x&lt;y&gt;z, &lt;b&gt;bold&lt;/b&gt;, &lt;script&gt;" in html and "&lt;!-- a comment --&gt;" in html
    assert html_problems(html, set()) == []


def test_code_block_is_highlighted_with_classes():
    html = to_html("```python\ndef f(x):\n    return x[::-1]\n```")
    assert '<div class="highlight">' in html
    assert '<span class="k">def</span>' in html
    assert "style=" not in html  # colours come from the stylesheet, so night mode can change them


def test_lone_image_becomes_figure_with_caption_and_media_name():
    target = "../media/figures/curve.png"
    html = to_html(f'![A curve]({target} "The caption")', {target: "mlinterview-fig-curve-0123456789.png"}, {target})
    assert html.startswith("<figure>")
    assert 'src="mlinterview-fig-curve-0123456789.png"' in html and 'class="drawn"' in html
    assert 'alt="A curve"' in html
    assert "<figcaption>The caption</figcaption>" in html
    assert html_problems(html, {"mlinterview-fig-curve-0123456789.png"}) == []
    assert html_problems(html, set()) == ["image 'mlinterview-fig-curve-0123456789.png' that is not in the package"]


def test_links_other_than_web_and_mail_are_refused():
    html = to_html("[a](https://x.org) [b](mailto:me@x.org) [c](javascript:alert(1)) [d](notes.md)")
    assert html_problems(html, set()) == ["link to 'javascript:alert(1)' (only http, https and mailto links)",
                                          "link to 'notes.md' (only http, https and mailto links)"]


def test_cloze_markup_is_left_for_anki():
    html = to_html(r"The mean is {{c1::$\bar{x}$::a statistic}}.")
    assert r"{{c1::<span class=" in html and r"\(\bar{x}\)" in html and "::a statistic}}" in html


def test_a_related_cloze_is_shown_with_its_gaps_hidden(make_project):
    from conftest import HEADER, card
    from mldeck.build import load
    from mldeck.render import reminder

    cloze = ("## demo-c\n\n```yaml\ntype: cloze\npriority: core\n```\n\nA tree sends an example {{c1::down one\n"
             "branch per node}} to a leaf.\n")
    project, _ = load(make_project({"demo.md": HEADER + cloze + "\n" + card("demo-a", related="[demo-c]")}))
    assert reminder(project.cards()[0]) == "A tree sends an example […] to a leaf."
