"""Smart-city dimensions and SPBE domains of a passage, by a weighted keyword lexicon.

Explainable on purpose: a tag is there because named terms of `data/dimensions.toml` occur in
the passage, and `explain` lists them with their weights. The lexicon, the scoring rule and the
measured precision are documented in that file and in evaluations/README.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).parent / "data" / "dimensions.toml"
MAX_COUNT = 2  # a term repeated many times counts at most this often


@dataclass(frozen=True)
class Tag:
    name: str  # "smart_governance", "spbe_layanan"
    label: str  # "Smart Governance", "Layanan SPBE"
    threshold: float
    terms: tuple[tuple[str, float, re.Pattern], ...]


@lru_cache(maxsize=None)
def load_lexicon(path: Path = LEXICON) -> tuple[Tag, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Tag(
            name,
            spec["label"],
            float(spec["threshold"]),
            tuple((term, float(weight), re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")) for term, weight in spec["terms"].items()),
        )
        for name, spec in data.items()
    )


TAG_LABELS = {tag.name: tag.label for tag in load_lexicon()}


def explain(text: str) -> dict[str, tuple[float, list[tuple[str, float, int]]]]:
    """tag → (score, [(term, weight, count)]) for every tag with at least one term present."""
    lowered = " ".join(text.lower().split())
    out = {}
    for tag in load_lexicon():
        found = [(term, weight, len(pattern.findall(lowered))) for term, weight, pattern in tag.terms]
        found = [item for item in found if item[2]]
        if found:
            out[tag.name] = (sum(weight * min(count, MAX_COUNT) for _, weight, count in found), found)
    return out


def tag_text(text: str) -> list[str]:
    """Tags whose score reaches their threshold, in lexicon order."""
    scores = explain(text)
    return [tag.name for tag in load_lexicon() if tag.name in scores and scores[tag.name][0] >= tag.threshold]
