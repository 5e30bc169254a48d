"""Shortcodes other than ``ref``: their MyST equivalent or a plain link; an unknown one named
with its line and never shown raw (issue 10, "Shortcodes")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ideation.hugo import export_site, import_site
from ideation.hugo._shortcodes import convert_shortcodes, restore_shortcodes

SITE = Path(__file__).parents[1] / "data" / "hugo-shortcodes"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{{< figure src="/img/a.png" alt="Un atelier" >}}', "![Un atelier](/img/a.png)"),
        (
            '{{< figure src="/img/a.png" caption="Le lab" >}}',
            '![Le lab](/img/a.png "Le lab")',
        ),
        (
            "{{< youtube dQw4w9WgXcQ >}}",
            "[YouTube video dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
        ),
        (
            '{{< youtube id="abc" title="La démo" >}}',
            "[La démo](https://www.youtube.com/watch?v=abc)",
        ),
        ("{{< vimeo 146022717 >}}", "[Vimeo video 146022717](https://vimeo.com/146022717)"),
        (
            "{{% dailymotion x8abc %}}",
            "[Dailymotion video x8abc](https://www.dailymotion.com/video/x8abc)",
        ),
        (
            "{{< gist spf13 7896402 >}}",
            "[Gist spf13/7896402](https://gist.github.com/spf13/7896402)",
        ),
        ('{{< param "lieu" >}}', "BercyLab"),
        ("{{< param saison >}}", "3"),
        (
            '{{< highlight python "linenos=table" >}}\nprint("x")\n{{< /highlight >}}',
            '```python\nprint("x")\n```',
        ),
        ("{{</* youtube abc */>}}", "{{</* youtube abc */>}}"),
    ],
)
def test_known_shortcodes(body: str, expected: str) -> None:
    converted, notes = convert_shortcodes(body, {"lieu": "BercyLab", "saison": 3})
    assert converted == expected
    assert "None" not in str(notes)


def test_unknown_shortcodes_are_named_and_never_shown() -> None:
    body = (
        "Avant.\n{{< note >}}\nDedans.\n{{< /note >}}\n"
        "Voir {{< tweet user=x id=1 >}} ici.\n{{< param absent >}}"
    )
    converted, notes = convert_shortcodes(body, {})
    assert (
        converted
        == "Avant.\n% {{< note >}}\nDedans.\n% {{< /note >}}\nVoir  ici.\n% {{< param absent >}}"
    )
    assert [line for line, _ in notes] == [2, 4, 5, 6]
    assert "tweet user=x id=1 >}} is unknown here: removed" in notes[2][1]
    assert restore_shortcodes(converted).startswith("Avant.\n{{< note >}}\nDedans.\n{{< /note >}}")


_PIECES = st.sampled_from(
    [
        "{{< note >}}",
        "{{< /note >}}",
        "{{< youtube abc >}}",
        '{{< x y="z" >}}',
        "text",
        "\n",
        " ",
        "{{<",
        ">}}",
        "%",
    ]
)


@given(st.lists(_PIECES, max_size=20).map("".join))
def test_no_shortcode_survives_and_a_second_pass_changes_nothing(body: str) -> None:
    converted, _ = convert_shortcodes(body, {})
    shown = "\n".join(line for line in converted.split("\n") if not line.startswith("% {{"))
    assert "{{< note" not in shown
    assert "{{< youtube" not in shown
    again, _ = convert_shortcodes(restore_shortcodes(converted), {})
    assert again == converted


def test_a_site_with_shortcodes_imports_reports_and_round_trips(tmp_path: Path) -> None:
    first = import_site(SITE)
    assert first.ok, first.summary()
    event = first.catalogue.event("demo")
    text = event.description or ""
    assert "{{<" not in "\n".join(x for x in text.split("\n") if not x.startswith("% "))
    assert "[La démo en vidéo](https://www.dailymotion.com/video/x7tgad0)" in text
    assert '![Le lab](/img/lab.jpg "Le lab")' in text
    (demo,) = [e for e in first.entries if e.slug == "demo"]
    messages = [(n.line, n.message) for n in demo.notes]
    assert any(line == 12 and "shortcode {{< carte" in m for line, m in messages), messages
    # The export writes the pages of a site: its config (the params) is the site's own.
    shutil.copy(SITE / "config.toml", tmp_path / "config.toml")
    export_site(first.catalogue, tmp_path)
    page = (tmp_path / "content" / "actualites" / "demo.md").read_text(encoding="utf-8")
    original = (SITE / "content" / "actualites" / "demo.md").read_text(encoding="utf-8")
    # Every shortcode is given back: the page's body is as it was.
    assert page.split("---\n", 2)[2].strip() == original.split("---\n", 2)[2].strip()
    assert '\n{{< carte zoom="12" >}}\n' in page
    second = import_site(tmp_path)
    assert second.catalogue == first.catalogue
