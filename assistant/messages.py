"""User-facing strings in Indonesian (default) and English, looked up by key."""

from __future__ import annotations

MESSAGES = {
    "id": {
        "not_found": "Tidak ditemukan dalam dokumen yang diindeks.",
        "not_indexed": "{names} tidak ada dalam indeks, jadi isinya tidak dapat dikutip.",
        "other_documents": "Kutipan di bawah berasal dari dokumen lain yang menyebutnya.",
        "closest": "Bagian terdekat yang ditemukan (belum tentu menjawab):",
        "answer_intro": "Berdasarkan dokumen yang diindeks:",
        "sources": "Sumber:",
        "page": "hlm.",
        "empty_index": "Indeks masih kosong. Jalankan dulu: asisten ingest",
        "ingest_summary": (
            "Selesai dalam {seconds:.1f} dtk: {indexed} dokumen diindeks ({pages} halaman, {passages} bagian, "
            "{rate:.1f} bagian/dtk), {unchanged} tidak berubah, {removed} dihapus, {skipped} dilewati, {failed} gagal."
        ),
        "index_totals": "Isi indeks: {documents} dokumen, {passages} bagian.",
        "failed_line": "GAGAL   {source}: {message}",
        "skipped_line": "LEWATI  {source}: {message}",
        "removed_line": "HAPUS   {source}: {message}",
        "no_question": "Tidak ada pertanyaan.",
        # --- robust ingest (issue 6) ---
        "ocr_mark": "teks hasil OCR",
        "note_line": "CATATAN {source}: {message}",
        "ingest_locked": "Kesalahan: {message}",
        # regulation intelligence (exact provisions, glossary, obligations, relations)
        "provision_ayat": "{where} ayat ({ayat}) {name}:",
        "provision_full": "Isi lengkap {where} {name}:",
        "definition_intro": "Definisi “{term}” menurut Ketentuan Umum ({count} dokumen):",
        "term_not_defined": "Istilah “{term}” tidak didefinisikan dalam Ketentuan Umum dokumen yang diindeks.",
        "glossary_empty": "Belum ada definisi: tidak ada peraturan dengan Ketentuan Umum dalam indeks.",
        "obligations_total": "{count} norma (wajib/harus/dilarang/bertugas/bertanggung jawab/berkewajiban).",
        "warn_revoked": "Perhatian: {name} telah dicabut oleh {newer} ({where}).",
        "warn_partly_revoked": "Perhatian: sebagian Pasal {name} dicabut oleh {newer} ({where}).",
        "warn_amended": "Perhatian: {name} telah diubah dengan {newer} ({where}).",
        "warn_provisions": "Pasal yang diubah: {provisions}.",
        "warn_newer_not_indexed": "Peraturan yang lebih baru itu tidak ada dalam indeks.",
        "references_heading": "Rujukan dalam kutipan:",
        "reference_unresolved": "tidak ada dalam indeks",
        "ui_glossary_title": "Glosarium",
        "ui_glossary_caption": "{count} definisi dari Ketentuan Umum peraturan yang diindeks.",
        "ui_glossary_term": "Istilah",
        "ui_document": "Dokumen",
        "ui_obligations_title": "Register kewajiban",
        "ui_obligations_caption": "Kalimat norma (wajib, harus, dilarang, bertugas, bertanggung jawab, berkewajiban) per pelaku, dengan Pasal.",
        "ui_actor": "Pelaku memuat",
        "ui_modality": "Jenis norma",
        "ui_download_csv": "Unduh CSV",
        "ui_dimension": "Dimensi smart city / domain SPBE",
        "ui_dimension_help": "Hanya bagian yang ditandai dengan dimensi/domain ini (penandaan kata kunci berbobot, lihat evaluations/README.md).",
        "lacks_pasal": "{name} ada dalam indeks, tetapi tidak memuat {where} (Pasal yang ada: {held}).",
        "lacks_provision": "{name} ada dalam indeks, tetapi {where} tidak ditemukan dalam teksnya yang terbaca.",
        "vectors_pending": "{pending} bagian masih menunggu vektor: sudah dapat ditemukan lewat kata kunci dan nomor Pasal; pencarian makna mencakupnya setelah `asisten ingest` selesai.",
        "dense_incomplete": "Catatan: {pending} bagian dari dokumen yang baru ditambahkan masih diproses, jadi pencarian makna belum mencakupnya (pencarian kata kunci sudah).",
    },
    "en": {
        "not_found": "Not found in the indexed documents.",
        "not_indexed": "{names} is not in the index, so its text cannot be quoted.",
        "other_documents": "The quotes below come from other documents that mention it.",
        "closest": "Closest passages found (they may not answer the question):",
        "answer_intro": "According to the indexed documents:",
        "sources": "Sources:",
        "page": "p.",
        "empty_index": "The index is empty. First run: asisten ingest",
        "ingest_summary": (
            "Done in {seconds:.1f} s: {indexed} documents indexed ({pages} pages, {passages} passages, "
            "{rate:.1f} passages/s), {unchanged} unchanged, {removed} removed, {skipped} skipped, {failed} failed."
        ),
        "index_totals": "Index holds {documents} documents, {passages} passages.",
        "failed_line": "FAILED  {source}: {message}",
        "skipped_line": "SKIPPED {source}: {message}",
        "removed_line": "REMOVED {source}: {message}",
        "no_question": "No question given.",
        # --- robust ingest (issue 6) ---
        "ocr_mark": "OCR text",
        "note_line": "NOTE    {source}: {message}",
        "ingest_locked": "Error: {message}",
        # regulation intelligence (exact provisions, glossary, obligations, relations)
        "provision_ayat": "{where} paragraph ({ayat}) of {name}:",
        "provision_full": "Full text of {where} of {name}:",
        "definition_intro": "Definition of “{term}” in the Ketentuan Umum ({count} documents):",
        "term_not_defined": "The term “{term}” is not defined in the Ketentuan Umum of any indexed document.",
        "glossary_empty": "No definitions yet: no regulation with a Ketentuan Umum is indexed.",
        "obligations_total": "{count} norms (must/shall/prohibited/tasked/responsible).",
        "warn_revoked": "Warning: {name} has been revoked by {newer} ({where}).",
        "warn_partly_revoked": "Warning: some articles of {name} were revoked by {newer} ({where}).",
        "warn_amended": "Warning: {name} has been amended by {newer} ({where}).",
        "warn_provisions": "Amended articles: {provisions}.",
        "warn_newer_not_indexed": "That newer regulation is not in the index.",
        "references_heading": "References in the quotes:",
        "reference_unresolved": "not in the index",
        "ui_glossary_title": "Glossary",
        "ui_glossary_caption": "{count} definitions from the Ketentuan Umum of the indexed regulations.",
        "ui_glossary_term": "Term",
        "ui_document": "Document",
        "ui_obligations_title": "Obligations register",
        "ui_obligations_caption": "Norm sentences (must, shall, prohibited, tasked, responsible) per actor, with their article.",
        "ui_actor": "Actor contains",
        "ui_modality": "Kind of norm",
        "ui_download_csv": "Download CSV",
        "ui_dimension": "Smart-city dimension / SPBE domain",
        "ui_dimension_help": "Only passages tagged with these (weighted keyword tagging, see evaluations/README.md).",
        "lacks_pasal": "{name} is indexed but has no {where} (its articles: {held}).",
        "lacks_provision": "{name} is indexed but {where} was not found in its readable text.",
        "vectors_pending": "{pending} passages are still waiting for their vectors: they are already found by keywords and Pasal numbers; meaning-based search covers them once `asisten ingest` finishes.",
        "dense_incomplete": "Note: {pending} passages of recently added documents are still being embedded, so meaning-based search does not cover them yet (keyword search does).",
    },
}


def t(key: str, language: str = "id", **values: object) -> str:
    text = MESSAGES.get(language, MESSAGES["id"])[key]
    return text.format(**values) if values else text


# LLM answers (assistant/llm.py, assistant/generation.py): why an LLM answer is not shown as is.
MESSAGES["id"].update(
    {
        "llm_bad_spec": "ASISTEN_LLM tidak dikenal: {spec!r}; pakai none, ollama:<model>, openai:<model> atau llamacpp:<berkas .gguf>",
        "llm_unreachable": "Model bahasa {backend} tidak dapat dihubungi ({detail}).",
        "llm_model_missing": "Model bahasa {backend} tidak tersedia di server ({detail}).",
        "llm_refused": "Server model bahasa {backend} menolak akses; periksa ASISTEN_LLM_API_KEY ({detail}).",
        "llm_failed": "Model bahasa {backend} gagal menjawab ({detail}).",
        "llm_base_url_missing": "Model bahasa {backend} memerlukan ASISTEN_LLM_BASE_URL, mis. http://127.0.0.1:11434/v1.",
        "llm_model_file_missing": "Berkas model {path} tidak ditemukan.",
        "llm_not_installed": "Model bahasa {backend} memerlukan llama-cpp-python; pasang dengan: pip install -e '.[llm]'",
        "llm_fallback": "Ditampilkan kutipan langsung dari dokumen.",
        "llm_unverified": "Jawaban model bahasa tidak didukung oleh sumber yang diambil ({removed} dari {total} kalimat ditolak pemeriksa kutipan).",
        "llm_said_not_found": "Model bahasa menyatakan jawabannya tidak ada dalam sumber.",
        "llm_pruned": "Catatan: {removed} kalimat jawaban model dihapus karena tidak didukung sumbernya.",
        "llm_checked": "Jawaban disusun model bahasa {backend}; setiap kalimat diperiksa terhadap sumber yang dikutip.",
    }
)
MESSAGES["en"].update(
    {
        "llm_bad_spec": "Unknown ASISTEN_LLM: {spec!r}; use none, ollama:<model>, openai:<model> or llamacpp:<file.gguf>",
        "llm_unreachable": "The language model {backend} cannot be reached ({detail}).",
        "llm_model_missing": "The language model {backend} is not available on the server ({detail}).",
        "llm_refused": "The language model server {backend} refused access; check ASISTEN_LLM_API_KEY ({detail}).",
        "llm_failed": "The language model {backend} failed to answer ({detail}).",
        "llm_base_url_missing": "The language model {backend} needs ASISTEN_LLM_BASE_URL, e.g. http://127.0.0.1:11434/v1.",
        "llm_model_file_missing": "Model file {path} not found.",
        "llm_not_installed": "The language model {backend} needs llama-cpp-python; install it with: pip install -e '.[llm]'",
        "llm_fallback": "Showing direct quotes from the documents instead.",
        "llm_unverified": "The language model's answer is not supported by the retrieved sources ({removed} of {total} sentences rejected by the citation check).",
        "llm_said_not_found": "The language model said the sources do not contain the answer.",
        "llm_pruned": "Note: {removed} sentences of the model's answer were removed because their sources do not support them.",
        "llm_checked": "Answer written by the language model {backend}; every sentence was checked against the sources it cites.",
    }
)

# Safety bounds (issue 12): an over-long question, an LLM server on another machine.
MESSAGES["id"].update(
    {
        "question_too_long": "Pertanyaan terlalu panjang ({length} karakter; paling banyak {limit}). Persingkat pertanyaannya, atau naikkan ASISTEN_MAX_QUESTION_CHARS.",
        "llm_not_local": "Model bahasa {backend} tidak dipakai: {url} bukan alamat di mesin ini. Setel ASISTEN_ALLOW_REMOTE_LLM=true bila server itu memang boleh menerima pertanyaan dan kutipan dokumen.",
    }
)
MESSAGES["en"].update(
    {
        "question_too_long": "The question is too long ({length} characters; at most {limit}). Shorten it, or raise ASISTEN_MAX_QUESTION_CHARS.",
        "llm_not_local": "The language model {backend} is not used: {url} is not an address on this machine. Set ASISTEN_ALLOW_REMOTE_LLM=true if that server may receive questions and document passages.",
    }
)

# Answers that refuse when the evidence lacks the question's anchors (issue 14, item 7).
MESSAGES["id"].update(
    {
        "anchors_absent": "Bagian yang ditemukan tidak menyebut: {what}.",
        "anchor_money": "besaran uang (Rupiah)",
        "anchor_contact": "kontak (telepon, surel, alamat)",
        "anchor_person": "nama orang",
        "anchor_count": "jumlah yang ditanyakan",
    }
)
MESSAGES["en"].update(
    {
        "anchors_absent": "The passages found do not state: {what}.",
        "anchor_money": "an amount of money (Rupiah)",
        "anchor_contact": "a contact (phone, email, address)",
        "anchor_person": "a person's name",
        "anchor_count": "the count asked for",
    }
)
