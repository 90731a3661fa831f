"""roadmap.sh diagrams: 'roadmap import diagram.json' (issue 25, item 4).

The diagram in tests/fixtures/roadmapsh was written for these tests (a made-up gardening
roadmap); no roadmap.sh roadmap is in the repository. Its spine: Soil -> Seeds and Tools ->
Watering -> Harvest, with Harvest drawn above Watering; Compost hangs on Soil by an edge and
pH testing on Compost; Tomatoes and Basil sit in a section box an edge joins to Seeds (but
nearer to Watering); Mulch is joined to nothing and nearest to Watering; Pick by hand
(recommended) and Use a harvester (alternative option) hang on Harvest.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.formats.roadmapsh_diagram import parse_diagram

from .conftest import Run

FIXTURE = Path(__file__).parent / "fixtures" / "roadmapsh"
SLUG = "home-gardening"


@pytest.fixture
def diagram(tmp_path: Path) -> Path:
    """A copy of the test diagram with its content folder, in a folder of its own."""
    folder = tmp_path / "saved"
    shutil.copytree(FIXTURE, folder)
    return folder / "diagram.json"


def imported(run: Run, source: Path, roadmap_home: Path, *args: str) -> Curriculum:
    """Import ``source`` and load the curriculum it wrote."""
    run("import", str(source), *args)
    path = roadmap_home / "curricula" / f"{SLUG}.yaml"
    return catalog.load_curriculum(path, SLUG)


def items_of(curriculum: Curriculum) -> dict[str, list[str]]:
    """Each module's title with the titles of its items, in curriculum order."""
    return {module.title: [task.title for task in module.tasks] for module in curriculum.modules}


def test_topics_become_modules_in_the_order_of_their_edges(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    curriculum = imported(run, diagram, roadmap_home)
    assert curriculum.title == "Home Gardening"
    # Harvest is drawn above Watering but comes after it by edge; Tools and Seeds both
    # follow Soil, and Tools is further left on the same row.
    assert [module.title for module in curriculum.modules][:5] == [
        "Soil",
        "Tools",
        "Seeds",
        "Watering",
        "Harvest",
    ]
    assert len(curriculum.phases) == 1


def test_subtopics_go_to_their_topic_by_edge_then_section_box_then_nearness(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    modules = items_of(imported(run, diagram, roadmap_home))
    assert modules["Soil"] == ["Soil", "Compost", "pH testing"]  # by edge, and through Compost
    assert modules["Seeds"] == ["Seeds", "Tomatoes", "Basil"]  # by the section box
    assert modules["Watering"] == ["Watering", "Mulch"]  # the nearest topic
    assert modules["Harvest"] == ["Harvest", "Storage"]  # an edge either way round
    assert modules["Tools"] == ["Tools", "Trowel", "Gloves"]  # a checklist's entries


def test_checklist_entries_carry_the_checklist_label_as_their_section(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    curriculum = imported(run, diagram, roadmap_home)
    tools = next(m for m in curriculum.modules if m.title == "Tools")
    assert [(t.title, t.section) for t in tools.tasks[1:]] == [
        ("Trowel", "Tool kit"),
        ("Gloves", "Tool kit"),
    ]


def test_an_alternative_option_and_the_recommended_one_make_a_choice_group(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    curriculum = imported(run, diagram, roadmap_home)
    (choice,) = curriculum.choices
    titles = {module.id: module.title for module in curriculum.modules}
    assert [titles[option] for option in choice.options] == ["Pick by hand", "Use a harvester"]
    assert choice.recommended is not None and titles[choice.recommended] == "Pick by hand"
    assert choice.title == "Harvest: Pick by hand or Use a harvester"
    run("start", SLUG, "--on", "2026-11-02")
    planned = json.loads(run("status", "--json").stdout)
    # Before a choice the recommended option is planned, the alternative is not.
    run("check", "byhandnode00000000001")
    refused = run("check", "harvesternode00000001", code=1)
    assert "roadmap choose" in refused.stderr
    assert planned["total"] == 14  # 15 items less the unchosen option's one


def test_node_ids_become_valid_item_ids(run: Run, diagram: Path, roadmap_home: Path) -> None:
    curriculum = imported(run, diagram, roadmap_home)
    ids = {item.title: item.id for item in curriculum.items}
    assert ids["Seeds"] == "tp2seedsbbbbbbbbbbbb"  # from _tp2SeedsBBBBBBBBBBBB
    assert ids["Compost"] == "compostnode1234567890"
    assert ids["Trowel"] == "checktrowel000000001"  # a checklist entry's own id
    assert len(set(ids.values())) == len(curriculum.items) == 15


def test_content_files_give_descriptions_and_typed_resources(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    curriculum = imported(run, diagram, roadmap_home)
    tasks = {task.title: task for module in curriculum.modules for task in module.tasks}
    assert tasks["Compost"].description == (
        "Compost feeds the soil with what the kitchen throws away."
    )
    assert tasks["Soil"].description == "Good soil holds water and air."
    assert tasks["Watering"].description == "Water in the morning, at the roots."  # a paragraph
    assert tasks["Basil"].description is None
    soil = curriculum.modules[0]
    found = {(r.title, r.kind, r.url, r.topic) for r in soil.resources}
    assert found == {
        ("The Soil Book", "book", "https://example.org/soil-book", None),
        ("soil-sensor", "tool", "https://example.org/soil-sensor", None),
        ("Making compost at home", "site", "https://example.org/compost", "Compost"),
        ("Compost in ten minutes", "video", "https://example.org/compost-video", "Compost"),
        ("Soil basics", "site", "https://example.org/soil", None),  # the links group
    }
    assert [(r.title, r.url) for r in curriculum.resources] == [
        ("Related roadmap", "https://example.org/related")  # a button with a link
    ]


def test_without_its_content_folder_the_diagram_still_imports(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    shutil.rmtree(diagram.parent / "content")
    curriculum = imported(run, diagram, roadmap_home)
    tasks = {task.title: task for module in curriculum.modules for task in module.tasks}
    assert tasks["Compost"].description is None
    assert len(curriculum.items) == 15


def test_reimporting_an_updated_diagram_keeps_progress(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    run("import", str(diagram), "--progress", "--on", "2026-11-02")
    run("check", "compostnode1234567890", "tomatonode00000000001", "basilnode000000000001")
    before = json.loads(run("status", "--json").stdout)
    assert before["done"] == 3

    data = json.loads(diagram.read_text(encoding="utf-8"))
    for node in data["nodes"]:
        if node["id"] == "CompostNode1234567890":
            node["data"]["label"] = "Home compost"  # renamed
        if node["id"] == "TomatoNode00000000001":
            node["position"] = {"x": -300, "y": 330}  # moved out of the box, to Tools
        if node["id"] == "BasilNode000000000001":  # a new id, the old one kept by roadmap.sh
            node["id"], node["data"]["oldId"] = "BasilRenewed000000001", node["id"]
    data["nodes"].insert(
        0,
        {
            "id": "NewNode-Worms00000001",
            "type": "subtopic",
            "position": {"x": 300, "y": 140},
            "width": 150,
            "height": 50,
            "data": {"label": "Worms"},
        },
    )
    data["edges"].append({"source": "Tp1Soil_aaaaaaaaaaaaa", "target": "NewNode-Worms00000001"})
    diagram.write_text(json.dumps(data), encoding="utf-8")

    replaced = run("import", str(diagram), "--force")
    assert "Replaced" in replaced.stdout
    after = json.loads(run("status", "--json").stdout)
    assert (after["done"], after["total"]) == (3, 15)
    assert "done" in run("show", "basilrenewed000000001").stdout
    assert "done" in run("show", "compostnode1234567890").stdout
    assert "Home compost" in run("show", "compostnode1234567890").stdout
    modules = items_of(catalog.load_curriculum(roadmap_home / "curricula" / f"{SLUG}.yaml", SLUG))
    assert modules["Soil"] == ["Soil", "Home compost", "pH testing", "Worms"]
    assert "Tomatoes" in modules["Tools"]


def test_a_diagram_saved_under_another_name_is_still_read_as_one(
    run: Run, diagram: Path, roadmap_home: Path, tmp_path: Path
) -> None:
    other = tmp_path / "gardening.txt"
    other.write_text(diagram.read_text(encoding="utf-8"), encoding="utf-8")
    result = json.loads(run("import", str(other), "--json").stdout)
    assert (result["phases"], result["modules"], result["items"]) == (1, 7, 15)


NODE = '{"id": "a", "type": "topic", "data": {"label": "A"}}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"nodes": [', "is not a roadmap.sh diagram: it is not valid JSON"),
        ("[1, 2]", "is not a roadmap.sh diagram: its JSON is a list"),
        ('{"name": "x", "version": "1"}', "its JSON object has no 'nodes' and 'edges' lists"),
        ('{"nodes": [{"type": "topic"}], "edges": []}', "node 1 has no id"),
        (f'{{"nodes": [{NODE}, {NODE}], "edges": []}}', "the node id 'a' is used twice"),
        (
            f'{{"nodes": [{NODE}], "edges": [{{"source": "a", "target": "b"}}]}}',
            "edge 1 joins 'b', which is not a node",
        ),
        ('{"nodes": [{"id": "s", "type": "subtopic"}], "edges": []}', "diagram without topics"),
    ],
)
def test_bad_diagrams_are_refused_in_one_sentence_with_nothing_written(
    run: Run, tmp_path: Path, roadmap_home: Path, text: str, message: str
) -> None:
    source = tmp_path / "diagram.json"
    source.write_text(text, encoding="utf-8")
    result = run("import", str(source), "--progress", code=1)
    first, *rest = result.stderr.strip().splitlines()
    assert first.startswith(f"Error: {source} ") and message in first
    assert first.endswith("; nothing was written.") and first.count(". ") == 0
    assert len(rest) == 1  # the hint
    assert "Traceback" not in result.stderr
    assert not (roadmap_home / "curricula").exists() or not any(
        (roadmap_home / "curricula").iterdir()
    )
    assert not (roadmap_home / "progress.yaml").exists()


def test_a_content_file_that_is_not_utf8_is_refused(
    run: Run, diagram: Path, roadmap_home: Path
) -> None:
    (diagram.parent / "content" / "compost@CompostNode1234567890.md").write_bytes(b"\xff\xfe#")
    result = run("import", str(diagram), code=1)
    assert "compost@CompostNode1234567890.md: not UTF-8 text" in result.stderr
    assert not (roadmap_home / "curricula" / f"{SLUG}.yaml").exists()


def big_diagram(topics: int, subtopics: int) -> dict[str, Any]:
    """A made-up diagram of ``topics`` topics in a chain, each with ``subtopics`` subtopics
    joined by edges, with the fields a saved diagram has around them.
    """
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def node(node_id: str, kind: str, label: str, x: float, y: float) -> None:
        style = {"fontSize": 17, "justifyContent": "flex-start", "textAlign": "center"}
        nodes.append(
            {
                "id": node_id,
                "type": kind,
                "position": {"x": x, "y": y},
                "positionAbsolute": {"x": x, "y": y},
                "width": 200,
                "height": 49,
                "style": {"width": 200, "height": 49},
                "data": {"label": label, "style": style},
                "selected": False,
                "zIndex": 999,
            }
        )

    for t in range(topics):
        node(f"T{t:04d}xxxxxxxxxxxxxxx", "topic", f"Topic {t}", 0, t * 400)
        if t:
            edges.append({"source": f"T{t - 1:04d}xxxxxxxxxxxxxxx", "target": nodes[-1]["id"]})
        for s in range(subtopics):
            node(f"S{t:04d}{s:03d}yyyyyyyyyyyy", "subtopic", f"Part {t}.{s}", 300, t * 400 + s)
            edges.append({"source": f"T{t:04d}xxxxxxxxxxxxxxx", "target": nodes[-1]["id"]})
    return {"nodes": nodes, "edges": edges}


def test_a_200_kb_diagram_imports_every_topic_and_subtopic(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    text = json.dumps(big_diagram(60, 8), indent=2)
    assert len(text) > 200_000
    source = tmp_path / "big.json"
    source.write_text(text, encoding="utf-8")
    parsed = parse_diagram(text, str(source))
    assert len(parsed.tasks) == 60 * 9
    result = json.loads(run("import", str(source), "--json").stdout)
    assert result["items"] == 540


def test_what_became_nothing_is_recorded_as_left_out() -> None:
    parsed = parse_diagram((FIXTURE / "diagram.json").read_text(encoding="utf-8"), "d.json")
    assert [(left.kind, left.text) for left in parsed.left_out] == [
        ("prose paragraphs", "A small roadmap written for the tests of roadmap import."),
        ("labels", "Keep going!"),
    ]


def topic(node_id: str, label: str, y: float) -> dict[str, Any]:
    return {"id": node_id, "type": "topic", "position": {"x": 0, "y": y}, "data": {"label": label}}


def test_topics_in_a_cycle_each_come_once_in_position_order() -> None:
    nodes = [topic("c", "C", 200), topic("a", "A", 0), topic("b", "B", 100)]
    edges = [{"source": s, "target": t} for s, t in (("a", "b"), ("b", "c"), ("c", "a"))]
    parsed = parse_diagram(json.dumps({"nodes": nodes, "edges": edges}), "d.json")
    assert [module.title for module in parsed.phases[0].modules] == ["A", "B", "C"]


def test_node_ids_that_differ_only_in_case_get_different_item_ids() -> None:
    nodes = [topic("AbC", "Upper", 0), topic("abc", "Lower", 100), topic("_x y", "Odd", 200)]
    parsed = parse_diagram(json.dumps({"nodes": nodes, "edges": []}), "d.json")
    assert [task.id for task in parsed.tasks] == ["abc", "abc-2", "x-y"]


def test_a_checklist_entry_id_used_twice_still_gives_two_items(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    entries = [{"id": "same", "label": "One"}, {"id": "same", "label": "Two"}]
    checklist = {"id": "k", "type": "checklist", "data": {"label": "K", "checklists": entries}}
    source = tmp_path / "d.json"
    source.write_text(
        json.dumps({"nodes": [topic("t", "T", 0), checklist], "edges": []}), encoding="utf-8"
    )
    result = json.loads(run("import", str(source), "--json").stdout)
    assert result["items"] == 3


def test_a_diagram_of_more_nodes_than_a_roadmap_has_is_refused(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    nodes = [topic(f"t{i}", f"T{i}", i) for i in range(10_001)]
    source = tmp_path / "huge.json"
    source.write_text(json.dumps({"nodes": nodes, "edges": []}), encoding="utf-8")
    result = run("import", str(source), code=1)
    assert "it has 10,001 nodes, more than a roadmap has (10,000 at most)" in result.stderr
    assert not (roadmap_home / "curricula").exists()


def test_a_curriculum_too_large_to_load_is_refused_before_it_is_written(
    run: Run, diagram: Path, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.formats import roadmapsh_diagram

    monkeypatch.setattr(roadmapsh_diagram, "MAX_CURRICULUM_BYTES", 1_500)  # the fixture: 2.4 KB
    result = run("import", str(diagram), code=1)
    assert "would be over 0 MiB, too large to be a curriculum" in result.stderr
    monkeypatch.setattr(roadmapsh_diagram, "MAX_CURRICULUM_BYTES", 100)  # its content files: 406 B
    result = run("import", str(diagram), code=1)
    assert "The content files in " in result.stderr and "add up to over" in result.stderr
    assert not (roadmap_home / "curricula").exists()


def test_node_ids_with_dashes_in_a_row_give_ids_with_one_dash_and_keep_the_former() -> None:
    # roadmap.sh's node ids are nanoids, whose alphabet has "-": "--" in an id would end the
    # Markdown export's "<!-- id: ... -->" comments
    nodes = [topic("Ab--9x", "Dashes", 0), topic("node!", "Bang", 100), topic("node?", "Ask", 200)]
    parsed = parse_diagram(json.dumps({"nodes": nodes, "edges": []}), "d.json")
    assert [task.id for task in parsed.tasks] == ["ab-9x", "node-", "node-2"]
    assert parsed.tasks[0].old_ids == ["ab--9x"]  # progress an earlier import recorded follows
