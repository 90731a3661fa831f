"""Records behave as the frozen keyword-only dataclasses they are declared as (records.py),
before and after validation makes them dataclasses (the messages differ, not the behaviour).
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from roadmap_tracker.base import records
from roadmap_tracker.curriculum.catalog import Problem
from roadmap_tracker.curriculum.model import Task
from roadmap_tracker.plan.schedule import Plan


def _check_construction_equality_and_pickling() -> None:
    task = Task(id="m1/read", title="Read the paper")
    assert (task.description, task.old_ids) == (None, ())
    with pytest.raises(TypeError, match="unexpected keyword argument 'titel'"):
        Task(id="m1/read", titel="Read the paper")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"missing .*'title'"):
        Task(id="m1/read")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        Task("m1/read", "Read the paper")  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot assign to field 'title'"):
        task.title = "Skim the paper"  # type: ignore[misc]
    same = Task(id="m1/read", title="Read the paper")
    assert task == same and hash(task) == hash(same)
    assert task != Task(id="m1/read", title="Skim the paper")
    assert pickle.loads(pickle.dumps(task)) == task
    assert repr(task).startswith("Task(id='m1/read', title='Read the paper'")
    # Problem is declared with kw_only=False: positional arguments in field order.
    positional = Problem(Path("a.yaml"), 3, 5, "title", "is empty")
    assert positional == Problem(
        path=Path("a.yaml"), line=3, column=5, field="title", message="is empty"
    )
    assert str(positional) == "a.yaml:3:5: title: is empty"


def test_records_behave_alike_before_and_after_their_first_validation() -> None:
    _check_construction_equality_and_pickling()
    assert Task.model_validate({"id": "m1/read", "title": "Read the paper"}) == Task(
        id="m1/read", title="Read the paper"
    )
    assert dataclasses.is_dataclass(Task)
    _check_construction_equality_and_pickling()


def test_a_default_factory_gives_each_record_its_own_value() -> None:
    fields = Plan.record_fields()
    assert isinstance(fields["milestones"], records.Field)
    values = {name: None for name, default in fields.items() if default is records.MISSING}
    first, second = Plan(**values), Plan(**values)
    assert first.milestones == [] and first.milestones is not second.milestones
