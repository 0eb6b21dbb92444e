"""Why a file was not (fully) indexed: a code plus values; the code's text (REASONS in ingest/messages.py)
says what happened and what to do, in Indonesian and English.

Ingest reports problems as data (`Problem`), so the CLI and the app show them in the user's
language without `ingest` knowing about either. The README's Troubleshooting section lists the same texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import UserError
from .messages import t


@dataclass(frozen=True)
class Problem:
    code: str  # a key of REASONS (ingest/messages.py)
    values: dict[str, object] = field(default_factory=dict)

    def text(self, language: str = "id") -> str:
        return t(self.code, language, **self.values)

    def __str__(self) -> str:
        return self.text()


class LoadError(UserError):
    """A file that cannot be indexed; its `problem` (key and values) says what happened and what to do."""

    @property
    def problem(self) -> Problem:
        return Problem(self.key, self.values)


def page_ranges(numbers: list[int]) -> str:
    """'3, 5–7' for pages 3, 5, 6, 7: short enough for a one-line report."""
    spans: list[list[int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
