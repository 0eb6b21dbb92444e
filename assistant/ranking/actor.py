"""'Siapa yang menetapkan Tim Asesor Internal?': the sentence where what is acted on takes the verb in the passive.

Regulations name who acts after what is acted on: "Tim Asesor Internal sebagaimana dimaksud pada ayat (1)
ditetapkan oleh: ... b. bupati/walikota", "Kepala Dinas diangkat dan diberhentikan oleh Bupati". The
passages sharing most of the question's words describe the team or the office instead.
"""

from __future__ import annotations

from ingest.legaltext import split_sentences, without_label
from ingest.lexical import shared_opening, tokenize

from ..corpus import Corpus
from .base import Query, Ranking, leading_passages, longest_matches

MIN_SHARED_WORDS = 2  # one word ("Dinas", "Tim") opens too many sentences


class ActorRanker:
    name = "actor"

    def applies(self, query: Query) -> bool:
        return query.intent.acted_on is not None

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """In the documents retrieval already favours, the passages with a sentence that opens with the most
        leading words of what is acted on and holds the asked verb in the passive ("di" + the same root),
        by hybrid rank."""
        verb, acted = query.intent.acted_on
        root = tokenize(verb)
        asked = tokenize(acted)
        matched = {p.id: _passive_opening(p.text, asked, root) for p in leading_passages(query, corpus)}
        return longest_matches(query, matched, min(MIN_SHARED_WORDS, len(asked)))


def _passive_opening(text: str, asked: list[str], root: list[str]) -> int:
    """The most leading words of `asked` a sentence of the text opens with, among sentences holding a
    passive form of the verb (a word "di…" whose root is the verb's)."""
    best = 0
    for sentence in split_sentences(" ".join(text.split())):
        words = without_label(sentence).split()
        if any(word.lower().startswith("di") and tokenize(word) == root for word in words):
            best = max(best, shared_opening(asked, tokenize(" ".join(words))))
    return best
