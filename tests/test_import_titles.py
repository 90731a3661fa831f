"""'roadmap import' (issue 25): the title and slug of an imported roadmap, and ids made from
titles in any script.

The fixtures are small texts written for these tests, in the shapes of real roadmaps: an HTML
header above the first heading, a "Contents" heading first, a Chinese, Russian or Greek
checklist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.formats.markdown_headings import slugify
from roadmap_tracker.formats.markdown_import import assign_ids, parse_roadmap

from .conftest import Run

PLACEHOLDER = re.compile(r"(^|/)(item|module|phase)(-\d+)?$")


def imported(run: Run, tmp_path: Path, name: str, text: str) -> tuple[dict[str, object], Path]:
    """Import ``text`` saved as ``name``; what --json said and the curriculum file."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = json.loads(run("import", str(source), "-o", str(out), "--json").stdout)
    return result, out


# --- ids from titles in any script -----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("第一阶段: JavaSE", "di-yi-jie-duan-javase"),
        ("Основы программирования", "osnovy-programmirovaniya"),
        ("Εισαγωγή στην Άλγεβρα", "eisagogi-stin-algevra"),
        ("हिन्दी", "hindi"),
        # Latin titles keep the ids they had: accents dropped, emoji and symbols too.
        ("🚀 Complete AI Engineer Roadmap", "complete-ai-engineer-roadmap"),
        ("Café Ærø straße", "cafe-aero-strasse"),
        ("Phase 1: Foundations", "phase-1-foundations"),
    ],
)
def test_slugs_of_titles_in_any_script(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_a_long_chinese_title_is_cut_at_a_syllable() -> None:
    slug = slugify("第十二阶段: 微服务架构与分布式系统设计")
    assert len(slug) <= 32 and not slug.endswith("-")
    assert slug.startswith("di-shi-er-jie-duan-wei-fu-wu")


def test_a_chinese_checklist_gets_ids_from_its_titles_not_placeholders(
    run: Run, tmp_path: Path
) -> None:
    text = (
        "# 学习笔记\n\n"
        "## 第一阶段: 基础\n\n- [ ] 入门环境搭建\n- [x] 基础语法学习\n- [ ] 方法详解\n\n"
        "## 第二阶段: 前端\n\n- [ ] 网页基础\n- [ ] 样式详解\n"
    )
    result, out = imported(run, tmp_path, "notes.md", text)
    curriculum = catalog.load_curriculum(out)
    ids = [item.id for item in curriculum.items]
    assert ids[:2] == [
        "di-yi-jie-duan-ji-chu/ru-men-huan-jing-da-jian",
        "di-yi-jie-duan-ji-chu/ji-chu-yu-fa-xue-xi",
    ]
    assert not [i for i in ids if PLACEHOLDER.search(i)]
    assert len(set(ids)) == len(ids) == 5
    # The title stays as written; the slug is its transliteration.
    assert (result["title"], result["slug"]) == ("学习笔记", "xue-xi-bi-ji")


def test_cyrillic_and_greek_items_get_readable_ids() -> None:
    text = (
        "# План\n\n## Основы\n\n1. Переменные\n2. Циклы\n\n"
        "## Άλγεβρα\n\n1. Διανύσματα\n2. Πίνακες\n"
    )
    roadmap = parse_roadmap(text)
    assign_ids(roadmap)
    assert [task.id for task in roadmap.tasks] == [
        "osnovy/peremennye",
        "osnovy/tsikly",
        "algevra/dianysmata",
        "algevra/pinakes",
    ]


# --- the title and slug ----------------------------------------------------------------------

BODY = "## Part 1\n\n- [ ] One\n- [ ] Two\n\n## Part 2\n\n- [ ] Three\n"


def title_of(text: str) -> str | None:
    return parse_roadmap(text).title


def test_front_matter_title_wins_and_its_lines_keep_their_numbers(run: Run, tmp_path: Path) -> None:
    text = "---\ntitle: 'Systems, the hard way'\nauthor: me\n---\n# Notes\n\n" + BODY
    result, out = imported(run, tmp_path, "plan.md", text)
    assert (result["title"], result["slug"]) == ("Systems, the hard way", "systems-the-hard-way")
    # The front matter is no heading, no rule and no item; the lines after it are numbered
    # as in the file.
    assert result["items"] == 3
    assert "line 7 of plan.md" in out.read_text(encoding="utf-8")


def test_a_rule_and_a_heading_at_the_top_are_not_front_matter() -> None:
    # a rule, a setext H1 and a rule: no "key: value" line between the rules
    assert title_of("---\n\nMy plan\n=======\n\n---\n\n" + BODY) == "My plan"


def test_an_html_h1_is_the_title(run: Run, tmp_path: Path) -> None:
    text = (
        '<p align="center">\n  <h1 align="center">Learn <em>Rust</em> &amp; Go</h1>\n</p>\n\n'
        "## Contents\n\n- [Part 1](#part-1)\n\n" + BODY
    )
    result, _ = imported(run, tmp_path, "README.md", text)
    assert (result["title"], result["slug"]) == ("Learn Rust & Go", "learn-rust-go")


def test_an_html_header_heading_names_a_file_whose_first_h1_is_contents(
    run: Run, tmp_path: Path
) -> None:
    text = (
        '<div align="center">\n<img src="logo.png" alt="Our logo"/>\n'
        "<h3>Open Study University</h3>\n<p>Free courses.</p>\n</div>\n\n"
        "# Contents\n\n- [Summary](#summary)\n- [Curriculum](#curriculum)\n\n"
        "# Summary\n\nSome words.\n\n# Curriculum\n\n" + BODY
    )
    result, _ = imported(run, tmp_path, "README.md", text)
    assert (result["title"], result["slug"]) == ("Open Study University", "open-study-university")


def test_a_banner_alt_text_names_a_file_with_no_heading_but_sections(
    run: Run, tmp_path: Path
) -> None:
    text = (
        '<div align="center">\n<img src="img/banner.png" alt="Deep Learning Course">\n'
        '<p><a href="https://example.com">Blog</a></p>\n</div>\n\n'
        "## 📝 Notebooks\n\nA list of notebooks.\n\n" + BODY
    )
    result, _ = imported(run, tmp_path, "README.md", text)
    assert result["title"] == "Deep Learning Course"


@pytest.mark.parametrize("first", ["Contents", "Table of Contents", "📝 Note", "Notes"])
def test_a_section_name_first_is_not_the_title_the_file_name_is(
    run: Run, tmp_path: Path, first: str
) -> None:
    text = f"# {first}\n\nRead this first.\n\n# Study\n\n" + BODY
    result, _ = imported(run, tmp_path, "systems_programming-plan.md", text)
    assert (result["title"], result["slug"]) == (
        "systems programming plan",
        "systems-programming-plan",
    )


def test_a_first_h2_among_others_is_a_section_not_the_title(run: Run, tmp_path: Path) -> None:
    text = "## Notebooks\n\nSome notebooks.\n\n## Reading\n\nSome words.\n\n" + BODY
    result, _ = imported(run, tmp_path, "go-plan.md", text)
    assert result["title"] == "go plan"


def test_an_only_heading_of_its_level_and_a_plain_h1_are_titles() -> None:
    assert title_of("## My plan\n\n### Week 1\n\n- [ ] a\n\n### Week 2\n\n- [ ] b\n") == "My plan"
    assert title_of("# Machine Learning (6 months)\n\n" + BODY) == "Machine Learning"
    assert title_of(BODY) is None  # the command falls back to the file name
