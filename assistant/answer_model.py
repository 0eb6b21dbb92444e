"""What an answer is made of, shared by the composer, the prompt builder, the verifier and the callers.

Its own module so that the verifier (pure text checking) and the prompt builder can name these types
without importing the answer composer or retrieval: the import graph stays a tree (tests/test_architecture.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .llm import Generation
    from .retrieval import Hit


@dataclass(frozen=True)
class Source:
    """One numbered passage as given to the model: the verifier's evidence for `[n]`."""

    n: int
    label: str
    text: str

    def render(self) -> str:
        return f"[{self.n}] {self.label}\n{self.text}"


@dataclass
class SentenceCheck:
    text: str  # the sentence as the model wrote it, markers removed
    block: int  # paragraph or list item it belongs to
    citations: list[int]  # markers it carries (or borrowed), in range or not
    supported: bool = False
    reasons: list[str] = field(default_factory=list)  # why it was rejected
    overlap: float | None = None
    similarity: float | None = None
    claim: bool = True  # False for a lead-in ("Syaratnya:") or a not-found statement
    marked: str = ""  # the sentence with its markers, as displayed when kept


@dataclass
class Verification:
    """The verifier's verdict on one answer; `to_json` is the `--json` "verification" object.

    verdict: "verified" (all claims supported), "pruned" (unsupported sentences removed),
    "rejected" (extractive answer shown instead), "not_found" (the model said the sources do not
    answer), "unavailable" (the backend failed), "skipped" (retrieval evidence too weak to ask it).
    """

    verdict: str
    sentences: list[SentenceCheck] = field(default_factory=list)
    invalid_citations: list[int] = field(default_factory=list)
    text: str = ""  # the kept sentences, paragraphs preserved, markers kept

    @property
    def cited(self) -> list[int]:
        return sorted({n for s in self.sentences if s.supported for n in s.citations})

    @property
    def removed(self) -> int:
        return sum(1 for s in self.sentences if s.claim and not s.supported)

    @property
    def claims(self) -> int:
        return sum(1 for s in self.sentences if s.claim)

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict,
            "claims": self.claims,
            "removed": self.removed,
            "cited": self.cited,
            "invalid_citations": self.invalid_citations,
            "sentences": [
                {key: value for key, value in asdict(s).items() if key not in ("block", "marked")} for s in self.sentences
            ],
        }


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    hits: list[Hit]
    confidence: float = 0.0
    quoted: list[int] = field(default_factory=list)  # citation numbers used in the text
    # LLM answers (assistant/generation.py): "llm" only when the text is a verified model answer.
    mode: str = "extractive"
    verification: Verification | None = None
    generation: Generation | None = None  # backend, latency, token counts of the model call
    query: str | None = None  # what was searched when a follow-up question was rewritten
    pending_vectors: int = 0  # passages of new documents not yet embedded: the dense side did not see them
    tables: list[dict] = field(default_factory=list)  # quoted table rows: {"cite", "caption", "columns", "rows"}
