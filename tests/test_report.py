"""``roadmap report`` (issue 28): one self-contained HTML file of the plan against what
happened, the burn-up with the forecast, the study heatmap and streaks, progress, the
portfolio and the open choices.

The page is parsed with the standard library's :class:`html.parser.HTMLParser`: its
structure, that it loads nothing (no script, no style sheet or image from elsewhere, links
only to the learner's evidence), and that every chart has its text alternative (a title, a
description and a data table). For a fresh enrollment, a simulated year (checks, logs,
notes with links, a pause, a replan) and every bundled curriculum; hostile titles and notes
come out inert.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from roadmap_tracker.commands import evidence, reporting
from roadmap_tracker.formats.html_report import html_report
from tests.conftest import Run
from tests.learner import Learner

BUNDLED = (
    "advanced-ai",
    "ai-study-plan",
    "advanced-roadmap",
    "complete-ai-engineer",
    "professional-ai-engineer",
)
START = "2025-01-06"  # a Monday
YEAR_END = "2026-01-04"  # a Sunday, 52 weeks on
LINK = "https://example.org/write-up"


@dataclass
class Page(HTMLParser):
    """What a test needs of a page: its elements (tag, attributes, the text inside up to
    the next element), the charts and the ids they point at, and the text of each element
    with an id."""

    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    open_tags: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    collecting: list[str] = field(default_factory=list)
    style: str = ""
    body_text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append((tag, found))
        if tag not in ("meta", "br", "rect", "line", "polyline", "polygon"):
            self.open_tags.append(tag)
            self.collecting.append(found.get("id", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "br", "rect", "line", "polyline", "polygon"):
            return
        assert self.open_tags and self.open_tags[-1] == tag, (tag, self.open_tags[-5:])
        self.open_tags.pop()
        self.collecting.pop()

    def handle_data(self, data: str) -> None:
        if self.open_tags and self.open_tags[-1] == "style":
            self.style += data
            return
        self.body_text.append(data)
        for key in self.collecting:
            if key:
                self.texts[key] = self.texts.get(key, "") + data

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.open_tags == [], page.open_tags
    return page


def check_page(text: str, evidence: set[str] = frozenset()) -> Page:  # type: ignore[assignment]
    """Parse a report and assert what every report holds: one HTML document that loads
    nothing, whose charts each have a title, a description and a data table."""
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = parse(text)
    tags = {tag for tag, _ in page.elements}
    assert {"header", "h1", "svg", "table", "style"} <= tags
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert tag == "a" and attrs["href"] in evidence, attrs["href"]
        if "style" in attrs:
            assert "url(" not in attrs["style"]
    assert "@import" not in page.style and "url(" not in page.style
    assert "prefers-color-scheme:dark" in page.style and "@media print" in page.style
    charts = page.tags("svg")
    assert [chart["id"] for chart in charts] == ["gantt", "burnup-chart", "heatmap"]
    for chart in charts:
        assert chart["role"] == "img"
        title, desc = chart["aria-labelledby"].split()
        assert page.texts[title].strip() and page.texts[desc].strip()
    # each chart's <figure> holds a <details> with a table after its svg
    order = [tag for tag, _ in page.elements if tag in ("svg", "details", "table", "figure")]
    for n, tag in enumerate(order):
        if tag == "svg":
            assert order[n + 1 : n + 3] == ["details", "table"], order[n : n + 3]
    return page


def planned_items(learner: Learner, on: str) -> list[str]:
    context = learner.session(on).context()
    planned = context.planned_ids
    return [item.id for item in context.curriculum.items if item in planned or item.id in planned]


def simulated_year(slug: str) -> Learner:
    """A learner in ``slug`` from START: a check every third weekday, 1.5 h logged twice a
    week, a note with a link on the first deliverable done, a fortnight's pause in
    August and a replan at 8 h a week in October."""
    learner = Learner()
    learner.start(slug, on=START, hours=10)
    ids = planned_items(learner, START)
    deliverables = {
        item.id
        for item in learner.session(START).context().curriculum.items
        if item.kind == "deliverable"
    }
    learner.pause(on="2025-08-04", until="2025-08-17")
    day, end, done, noted = dt.date.fromisoformat(START), dt.date.fromisoformat(YEAR_END), 0, False
    while day <= end:
        text = day.isoformat()
        paused = dt.date(2025, 8, 4) <= day <= dt.date(2025, 8, 17)
        if not paused and day.weekday() < 5 and day.toordinal() % 3 == 0 and done < len(ids):
            learner.check(ids[done], on=text)
            if ids[done] in deliverables and not noted:
                session = learner.session(text, change=True)
                evidence.add_note(session, ids[done], "Write-up", [LINK])
                noted = True
            done += 1
        if not paused and day.weekday() in (1, 3) and done < len(ids):
            learner.log(1.5, on=text, task=ids[done])
        if text == "2025-10-06" and learner.session(text).context().plan.dated:
            learner.replan(on=text, hours=8)
        day += dt.timedelta(days=1)
    return learner


def html_of(learner: Learner, on: str) -> str:
    return reporting.report_html(learner.session(on))[0]


@pytest.mark.parametrize("slug", BUNDLED)
def test_a_fresh_enrollment_has_every_part_and_loads_nothing(slug: str) -> None:
    learner = Learner()
    learner.start(slug, on=START)
    text = html_of(learner, START)
    page = check_page(text)
    context = learner.session(START).context()
    assert page.texts["gantt-title"] == "Plan against activity"
    header = "".join(page.body_text)
    assert context.curriculum.title in header
    assert f"0 of {len(context.counted_ids)}" in header
    # one Gantt row per phase and module of the plan: never one per item
    rows = re.findall(r"<tr><td>(phase|module)</td>", text)
    assert len(rows) == len(context.plan.phases) + len(context.plan.modules)
    assert "No activity" not in text and 'class="actual"' not in text


@pytest.mark.parametrize("slug", BUNDLED)
def test_a_simulated_year_shows_activity_pauses_replans_and_evidence(slug: str) -> None:
    learner = simulated_year(slug)
    text = html_of(learner, YEAR_END)
    page = check_page(text, {LINK})
    assert [a["href"] for a in page.tags("a")] == [LINK]
    assert 'class="actual"' in text
    assert "Paused 2025-08-04 to 2025-08-17 (14 days)" in text
    dated = learner.session(YEAR_END).context().plan.dated
    assert ("Replanned on 2025-10-06 at 8 h a week" in text) == dated
    view = reporting.report_view(learner.session(YEAR_END))
    assert view.burnup[0].end == dt.date(2025, 1, 12) and view.burnup[-1].end >= view.as_of
    assert [week.done for week in view.burnup if week.end == view.as_of] == [view.status.done]
    assert all(
        row.first_activity is not None for row in view.gantt if row.kind == "module" and row.done
    )


def test_the_burn_up_and_the_gantt_are_true_in_time() -> None:
    """What the report of a day before the replan shows of the weeks up to it is what the
    report at the year's end shows of them: the plan in force then, the items done then."""
    learner = simulated_year("complete-ai-engineer")
    earlier = reporting.report_view(learner.session("2025-09-28"))
    later = reporting.report_view(learner.session(YEAR_END))
    weeks = [week for week in earlier.burnup if week.end <= earlier.as_of]
    assert weeks == later.burnup[: len(weeks)]
    assert earlier.burnup[0].planned == 0 or earlier.burnup[0].planned < 10
    planned = [week.planned or 0 for week in later.burnup]
    assert planned == sorted(planned[: len(weeks)]) + planned[len(weeks) :]


def test_module_activity_runs_from_first_to_last_day_recorded() -> None:
    learner = Learner()
    learner.start("advanced-ai", on=START)
    learner.log(1, on="2025-01-07", task="m1/minimal-vit")
    learner.check("m1/minimal-vit", on="2025-01-20")
    learner.log(2, on="2025-03-03", task="m2/ddpm-from-scratch")
    view = reporting.report_view(learner.session("2025-02-01"))
    rows = {row.id: row for row in view.gantt}
    assert (rows["m1"].first_activity, rows["m1"].last_activity) == (
        dt.date(2025, 1, 7),
        dt.date(2025, 1, 20),
    )
    assert rows["m2"].first_activity is None  # logged after the report's day
    assert rows["p1"].first_activity == dt.date(2025, 1, 7)


def test_hostile_titles_notes_and_links_come_out_inert() -> None:
    learner = Learner()
    learner.start("advanced-ai", on=START)
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    learner.check("m1/portfolio", on="2025-01-10")
    evidence.add_note(learner.session("2025-01-10", change=True), "m1/portfolio", evil, [])
    data = reporting.report_view(learner.session("2025-01-12")).to_json()
    assert isinstance(data, dict)
    data["title"] = evil
    data["gantt"][0]["title"] = evil
    data["portfolio"]["deliverables"][0]["links"] = ["javascript:alert(1)", "/home/me/x.pdf"]
    text = html_report(data)
    page = check_page(text)
    assert page.tags("a") == []  # neither address is a web link
    assert evil not in text and "&lt;script&gt;" in text
    assert evil in "".join(page.body_text)  # shown as text, as typed


def test_report_writes_the_default_file_here(
    enrolled: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = enrolled("report", "--on", "2026-02-01")
    written = tmp_path / "roadmap-report-advanced-ai.html"
    assert result.stdout == f"Wrote {written.name}\n"  # type: ignore[attr-defined]
    check_page(written.read_text(encoding="utf-8"))


def test_report_to_stdout_and_to_a_file_give_the_same_page(enrolled: Run, tmp_path: Path) -> None:
    shown = enrolled("report", "--on", "2026-02-01", "-o", "-").stdout  # type: ignore[attr-defined]
    target = tmp_path / "mine.html"
    enrolled("report", "--on", "2026-02-01", "-o", str(target))
    assert target.read_text(encoding="utf-8") == shown
    check_page(shown)


def test_report_refuses_to_write_over_the_record(enrolled: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = enrolled("report", "-o", str(progress_file), code=1)
    assert "is your progress file; nothing was written" in result.stderr  # type: ignore[attr-defined]
    assert progress_file.read_bytes() == before


def test_report_without_an_enrollment_says_so(run: Run, tmp_path: Path) -> None:
    result = run("report", "-o", str(tmp_path / "r.html"), code=1)
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert not (tmp_path / "r.html").exists()
