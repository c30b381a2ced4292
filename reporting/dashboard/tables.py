"""Tables as data: what the dashboard, the exports and the PDF all render.

A Table holds raw values (unrounded floats, Decimals, ints, text) with a kind per
column; formatting happens only when it is shown (`reporting.formatting`), so the
page, the CSV/Excel export and the PDF carry the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds: how a value is formatted and exported.
TEXT, INT, MEAN, PERCENT, NPS, MONEY, DAYS, DECIMAL, DATE = (
    "text", "int", "mean", "percent", "nps", "money", "days", "decimal", "date"
)


@dataclass(frozen=True)
class Cell:
    value: object = None
    kind: str = TEXT
    rose: bool = False  # greater than the year before (year-over-year tables)
    hidden: bool = False  # suppressed: too few answers to show
    note: str = ""  # e.g. "± 5,1" beside an NPS


@dataclass
class Column:
    label: str
    kind: str = TEXT
    numeric: bool = False

    def __post_init__(self):
        self.numeric = self.kind not in (TEXT, DATE)


@dataclass
class Table:
    name: str  # stable identifier, used by ?table= in exports
    caption: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""  # printed under the table (e.g. the satisfied threshold)

    def add(self, header, *cells: Cell) -> None:
        """A row: the row header (text) then one cell per remaining column."""
        self.rows.append([Cell(header, TEXT), *cells])

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def has_hidden(self) -> bool:
        return any(cell.hidden for row in self.rows for cell in row)
