"""Intent rankers: each kind of question that a rule answers better than similarity, in its own module.

A new intent is a new module here with `applies(query)` and `rank(query, corpus)`, a weight in
`RetrievalConfig.weights`, and its entry in `INTENT_RANKERS`; assistant/retrieval.py fuses them.
"""

from .actor import ActorRanker
from .base import IntentRanker, Query, Ranking, RetrievalConfig
from .definition import DefinitionRanker
from .duty import DutyRanker
from .enumeration import EnumerationRanker
from .part import PartRanker
from .period import FrequencyRanker, LengthRanker, TimeLimitRanker
from .reference import ReferenceRanker
from .relation import RelationRanker
from .sop_field import SopFieldRanker

# In this order their rankings are fused (after the hybrid one).
INTENT_RANKERS: tuple[IntentRanker, ...] = (DefinitionRanker(), ReferenceRanker(), DutyRanker(), PartRanker(), RelationRanker(), EnumerationRanker(), ActorRanker(), TimeLimitRanker(), LengthRanker(), FrequencyRanker(), SopFieldRanker())

__all__ = ["INTENT_RANKERS", "IntentRanker", "Query", "Ranking", "RetrievalConfig"]
