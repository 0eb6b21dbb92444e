"""'Kapan laporan penyelenggaraan Pemerintahan Daerah harus disampaikan?': the provisions stating a time limit.

"Kapan" is a stopword and the answer rarely repeats the question's verb phrase whole; among the passages
retrieval already found on the topic, the one that answers states the limit: "disampaikan paling lambat 3
(tiga) bulan setelah tahun anggaran berakhir".
"""

from __future__ import annotations

from ingest.legaltext import TIME_LIMIT

from ..corpus import Corpus
from .base import Query, Ranking


# Only the best few: a limit worded in a way TIME_LIMIT does not know ("dalam tempo ...") must not fall behind
# every other provision of the corpus that states one.
MAX_RANKED = 3


class TimeLimitRanker:
    name = "time_limit"

    def applies(self, query: Query) -> bool:
        return query.intent.time_limit

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """The best hybrid candidates that state a time limit, by hybrid rank."""
        candidates = [pid for pid in query.order[: query.config.candidates] if query.admits(pid)]
        stating = [passage.id for passage in corpus.passages(candidates) if TIME_LIMIT.search(passage.text)]
        return Ranking(stating[:MAX_RANKED])
