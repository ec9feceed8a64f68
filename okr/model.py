"""The domain's nouns: objectives, key results, check-ins, teams, problems.

Everything that reads a workbook produces these; everything that stores,
scores or checks consumes them. Sheet/row references travel with each item so
that any finding can point the user at the cell to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = ("green", "amber", "red", "no update")
OBJECTIVE_TYPES = ("committed", "aspirational")
KR_KINDS = ("number", "milestone")


@dataclass(slots=True)
class Objective:
    id: str
    title: str
    team: str
    quarter: str  # canonical "2026-Q1"
    owner: str | None = None
    parent: str | None = None  # id of the parent objective (resolved)
    type: str = "committed"
    sheet: str | None = None
    row: int | None = None


@dataclass(slots=True)
class KeyResult:
    id: str
    objective: str  # objective id
    title: str
    owner: str | None = None
    start: float | None = 0.0
    target: float | None = None
    current: float | None = None  # None = not updated
    unit: str | None = None
    kind: str = "number"
    weight: float = 1.0
    reported_status: str | None = None  # green/amber/red as the owner reports it
    comment: str | None = None
    sheet: str | None = None
    row: int | None = None
    # the target cell held something that was not a number (kept for the coach)
    target_text: str | None = None
    # the owner's confidence and own grade, as fractions 0..1 (optional columns)
    confidence: float | None = None
    grade: float | None = None


@dataclass(slots=True)
class CheckIn:
    key_result: str
    date: dt.date
    value: float | None
    comment: str | None = None


class CheckIns:
    """Check-ins kept as four columns (issue #7: 1.3M check-ins at 100k key
    results would be 1.3M `CheckIn` objects; as columns they go straight into
    one column-wise INSERT). Reads like a list of `CheckIn` for the few callers that
    iterate; `key_result`, `date`, `value`, `comment` are the columns."""

    __slots__ = ("key_result", "date", "value", "comment")

    def __init__(self, items=()):
        self.key_result: list[str] = []
        self.date: list[dt.date] = []
        self.value: list[float | None] = []
        self.comment: list[str | None] = []
        for c in items:
            self.append(c)

    def add(self, key_result: str, date: dt.date, value: float | None, comment: str | None = None) -> None:
        self.key_result.append(key_result)
        self.date.append(date)
        self.value.append(value)
        self.comment.append(comment)

    def append(self, c: CheckIn) -> None:
        self.add(c.key_result, c.date, c.value, c.comment)

    def __len__(self) -> int:
        return len(self.key_result)

    def __iter__(self):
        return map(CheckIn, self.key_result, self.date, self.value, self.comment)

    def __getitem__(self, i: int) -> CheckIn:
        return CheckIn(self.key_result[i], self.date[i], self.value[i], self.comment[i])

    def __eq__(self, other) -> bool:
        if isinstance(other, CheckIns):
            return (self.key_result, self.date, self.value, self.comment) == (
                other.key_result, other.date, other.value, other.comment)
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # mutable, like a list

    def __repr__(self) -> str:
        return f"CheckIns({len(self)} check-ins)"


@dataclass(slots=True)
class Team:
    team: str
    parent_team: str | None = None
    lead: str | None = None


@dataclass(slots=True)
class Problem:
    """One thing wrong with a workbook, pointing at the cell to fix.

    `message` says what is wrong, `fix` how to fix it, both already in the
    user's language.
    """

    sheet: str | None
    row: int | None
    column: str | None  # column letter(s), e.g. "G"
    message: str
    fix: str
    code: str = "error"
    severity: str = "error"
    header: str | None = None  # the column's header as the user wrote it
    item_id: str | None = None  # the objective / key result (or team) a finding is about

    @property
    def cell(self) -> str | None:
        if self.sheet and self.column and self.row:
            return f"{self.sheet}!{self.column}{self.row}"
        if self.sheet and self.row:
            return f"{self.sheet}!{self.row}:{self.row}"
        if self.sheet and self.column:
            return f"{self.sheet}!{self.column}:{self.column}"
        return self.sheet

    def __str__(self) -> str:
        # no words of ours here: a problem does not know its language ("(column 'waarde')" in Dutch output)
        col = f" '{self.header}'" if self.header else ""
        where = f"{self.cell}{col}: " if self.cell else ""
        return f"{where}{self.message} {self.fix}".strip()

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "header": self.header,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "item_id": self.item_id,
        }


@dataclass(slots=True)
class ParsedWorkbook:
    """What a workbook says, or everything that stops it from saying it."""

    objectives: list[Objective] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)
    checkins: CheckIns = field(default_factory=CheckIns)
    teams: list[Team] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    layout: str = "canonical"  # or "flat"
    # {sheet: {field: column letter}} as the reader recognised the headers,
    # so a finding about a row can also name its cell
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    # what the reader noticed that does not block an import: sheets it ignored,
    # numbers it had to guess (severity "warning")
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def quarters(self) -> list[str]:
        return sorted({o.quarter for o in self.objectives})

    @property
    def team_names(self) -> list[str]:
        return sorted({o.team for o in self.objectives} | {t.team for t in self.teams})
