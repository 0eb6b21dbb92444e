"""One base for every error a user reads: a catalog key and its values, told in the user's language.

Each layer raises its own subclass (a setting, the index, the embedder, a file, the language model),
so callers can tell them apart, and every boundary (CLI, app) shows any of them the same way:
`error.message(language)`. `str(error)` is the Indonesian text, the default language.
"""

from __future__ import annotations

from .messages import t


class UserError(Exception):
    """Something the user can fix; `key` names its text in ingest/messages.py, `values` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.message())

    def message(self, language: str = "id") -> str:
        return t(self.key, language, **self.values)
