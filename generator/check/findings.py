"""A finding: one thing an editor would point out, at one place in one file."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
NOTE = "note"  # information only: never fails a check, even with --strict
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"
        return text + (f"\n    hint: {self.hint}" if self.hint else "")

    def as_dict(self) -> dict:
        return asdict(self)
