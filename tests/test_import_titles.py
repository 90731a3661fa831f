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
