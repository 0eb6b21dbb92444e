"""'Kapan laporan … harus disampaikan?', 'Berapa kali audit … dilakukan?', 'Berapa lama masa jabatan …?': the
provisions stating a period.

"Kapan", "berapa" and "sering" are stopwords and the answer rarely repeats the question's verb phrase whole;
among the passages retrieval already found on the topic, the one that answers states the limit ("disampaikan
paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir") or the recurrence ("paling sedikit 1 (satu)
kali dalam 2 (dua) tahun").
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.legaltext import states_duration, states_frequency, states_time_limit

from ..corpus import Corpus
from .base import Query, Ranking


# Only the best few: a period worded in a way the patterns do not know ("dalam tempo ...") must not fall
# behind every other provision of the corpus that states one.
MAX_RANKED = 3


class _StatedPeriodRanker:
    name: str
    states: Callable[[str], bool]

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """The best hybrid candidates that state the period asked for, by hybrid rank."""
        candidates = [pid for pid in query.order[: query.config.candidates] if query.admits(pid)]
        stating = [passage.id for passage in corpus.passages(candidates) if self.states(passage.text)]
        return Ranking(stating[:MAX_RANKED])


class TimeLimitRanker(_StatedPeriodRanker):
    name = "time_limit"
    states = staticmethod(states_time_limit)

    def applies(self, query: Query) -> bool:
        return query.intent.time_limit


class LengthRanker(_StatedPeriodRanker):
    name = "length"
    states = staticmethod(states_duration)

    def applies(self, query: Query) -> bool:
        return query.intent.length


class FrequencyRanker(_StatedPeriodRanker):
    name = "frequency"
    states = staticmethod(states_frequency)

    def applies(self, query: Query) -> bool:
        return query.intent.frequency
