"""Markdown to field HTML: math survives untouched, HTML is escaped, code and images work."""
from mldeck.render import to_html


def test_inline_math_survives_markdown():
    html = to_html(r"Let $a_i * b_i = c_{i}^*$ hold, *really*.", {})
    assert r"\(a_i * b_i = c_{i}^*\)" in html
    assert "<em>really</em>" in html
    assert "$" not in html


def test_display_math_keeps_backslashes_and_escapes_html():
    html = to_html("$$\n\\frac{a}{b} \\\\ x < y \\,\\&\\, z > 0\n$$", {})
    assert r"\[" in html and r"\]" in html
    assert r"\frac{a}{b} \\ x &lt; y \,\&amp;\, z &gt; 0" in html


def test_escaped_dollar_is_a_literal_dollar():
    html = to_html(r"It costs \$5 and \$7.", {})
    assert "It costs $5 and $7." in html
    assert r"\(" not in html


def test_code_block_is_highlighted_with_classes():
    html = to_html("```python\ndef f(x):\n    return x[::-1]\n```", {})
    assert '<div class="highlight">' in html
    assert '<span class="k">def</span>' in html
    assert "style=" not in html  # colours come from the stylesheet, so night mode can change them


def test_lone_image_becomes_figure_with_caption_and_media_name():
    html = to_html('![A curve](figure:curve "The caption")', {"figure:curve": "mlinterview-fig-curve-0123456789.png"})
    assert html.startswith("<figure>")
    assert 'src="mlinterview-fig-curve-0123456789.png"' in html
    assert 'alt="A curve"' in html
    assert "<figcaption>The caption</figcaption>" in html


def test_cloze_markup_is_left_for_anki():
    html = to_html(r"The mean is {{c1::$\bar{x}$::a statistic}}.", {})
    assert r"{{c1::<span class=" in html and r"\(\bar{x}\)" in html and "::a statistic}}" in html
