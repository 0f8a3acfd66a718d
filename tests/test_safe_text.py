"""User text shown by markdown-rendering elements is escaped."""

from dashboard.ui.safe_text import md_escape


def test_links_images_and_formatting_are_escaped():
    assert md_escape("[x](http://a.b)") == r"\[x\]\(http\://a\.b\)"
    assert md_escape("![i](u)").startswith(r"\!\[i\]")
    assert md_escape("**b** _i_ `c` :red[x] $m$") == (r"\*\*b\*\* \_i\_ \`c\` \:red\[x\] \$m\$")


def test_plain_chinese_text_is_unchanged_and_lines_joined():
    assert md_escape("浙江省某园区") == "浙江省某园区"
    assert md_escape("第一行\n# 第二行") == r"第一行 \# 第二行"
