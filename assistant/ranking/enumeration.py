"""'Objek audit keamanan SPBE apa saja?': the passages whose list enumerates what the question names.

A list question's words also fill table rows and other lists about the same topic ("Kompleksitas
Objek Audit: Sederhana"); the list that answers opens with the asked subject: "(1) Objek Audit
Keamanan SPBE sebagaimana dimaksud dalam Pasal 2 huruf a terdiri atas: a. ...".
"""

from __future__ import annotations

from ingest.legaltext import lead_in_subjects
from ingest.lexical import shared_opening, tokenize

from ..corpus import Corpus
from .base import Query, Ranking, leading_passages, longest_matches


MIN_SHARED_WORDS = 2  # one word ("Informasi apa saja ...", "Desa mana saja ...") opens too many lists


class EnumerationRanker:
    name = "enumeration"

    def applies(self, query: Query) -> bool:
        return bool(query.intent.list_subject)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """In the documents retrieval already favours, the passages whose lead-in subject opens with the
        most leading words of the asked one, by hybrid rank."""
        asked = tokenize(query.intent.list_subject or "")
        pool = leading_passages(query, corpus)
        matched = {p.id: max((shared_opening(asked, tokenize(subject)) for subject in lead_in_subjects(p.text)), default=0) for p in pool}
        return longest_matches(query, matched, MIN_SHARED_WORDS)
