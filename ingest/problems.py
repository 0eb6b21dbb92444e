"""Why a file was not (fully) indexed: a code plus values, and its text in Indonesian and English.

Ingest reports problems as data (`Problem`), so the CLI and the app show them in the user's
language without `ingest` knowing about either. Each text says what happened and what to do; the
README's Troubleshooting section lists the same texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REASONS: dict[str, dict[str, str]] = {
    "empty_file": {
        "id": "berkas kosong (0 byte); salin ulang atau unduh ulang berkas aslinya",
        "en": "empty file (0 bytes); copy or download the original file again",
    },
    "truncated_pdf": {
        "id": "PDF terpotong (tanda akhir %%EOF tidak ada, unduhan tidak lengkap?); unduh ulang berkasnya",
        "en": "truncated PDF (no %%EOF end marker, incomplete download?); download the file again",
    },
    "corrupt_pdf": {
        "id": "PDF rusak dan tidak dapat dibaca ({detail}); buka di penampil PDF lalu simpan ulang, atau unduh ulang",
        "en": "damaged PDF that cannot be read ({detail}); open it in a PDF viewer and save it again, or download it again",
    },
    "encrypted_pdf": {
        "id": "PDF dilindungi kata sandi; buka kuncinya (mis. `qpdf --decrypt --password=... masuk.pdf keluar.pdf`) lalu ingest ulang",
        "en": "password-protected PDF; remove the password (e.g. `qpdf --decrypt --password=... in.pdf out.pdf`) and ingest again",
    },
    "wrong_type": {
        "id": "isi berkas berformat {actual}, bukan {expected} seperti ekstensinya; ganti ekstensinya atau ambil berkas aslinya",
        "en": "the file's content is {actual}, not {expected} as its extension says; fix the extension or get the original file",
    },
    "too_large": {
        "id": "berkas {size_mb} MB melebihi batas {limit_mb} MB; pecah berkasnya atau naikkan ASISTEN_MAX_FILE_MB",
        "en": "file of {size_mb} MB exceeds the {limit_mb} MB limit; split it or raise ASISTEN_MAX_FILE_MB",
    },
    "too_many_pages": {
        "id": "PDF berisi {pages} halaman, melebihi batas {limit} halaman; pecah menjadi beberapa berkas",
        "en": "the PDF has {pages} pages, more than the {limit}-page limit; split it into several files",
    },
    "not_text": {
        "id": "bukan berkas teks (berisi data biner); simpan sebagai TXT/MD berenkode UTF-8",
        "en": "not a text file (binary data); save it as UTF-8 TXT/MD",
    },
    "decoded_legacy": {
        "id": "bukan UTF-8, dibaca sebagai {encoding}; periksa huruf khusus di kutipannya atau simpan ulang sebagai UTF-8",
        "en": "not UTF-8, read as {encoding}; check special characters in its quotes or save it again as UTF-8",
    },
    "bad_docx": {
        "id": "DOCX rusak atau bukan dokumen Word ({detail}); buka di Word/LibreOffice lalu simpan ulang sebagai .docx",
        "en": "damaged DOCX or not a Word document ({detail}); open it in Word/LibreOffice and save it again as .docx",
    },
    "unsupported": {
        "id": "format {suffix} tidak didukung; gunakan PDF, DOCX, HTML, MD atau TXT",
        "en": "format {suffix} is not supported; use PDF, DOCX, HTML, MD or TXT",
    },
    "not_found": {
        "id": "berkas atau folder tidak ditemukan; periksa jalurnya",
        "en": "file or folder not found; check the path",
    },
    "vanished": {
        "id": "berkas hilang atau dipindahkan saat ingest berjalan; jalankan ingest lagi bila berkasnya sudah kembali",
        "en": "the file disappeared or was moved while ingest ran; run ingest again once the file is back",
    },
    "unreadable": {
        "id": "berkas tidak dapat dibaca ({detail}); periksa izin aksesnya",
        "en": "the file cannot be read ({detail}); check its permissions",
    },
    "reserved_name": {
        "id": "nama ini dipakai untuk catatan korpus (SOURCES.md, README) dan tidak diindeks; ganti namanya",
        "en": "this name is kept for corpus notes (SOURCES.md, README) and is not indexed; rename the file",
    },
    "already_exists": {
        "id": "berkas dengan nama ini sudah ada; centang 'ganti berkas yang sudah ada' untuk menggantinya",
        "en": "a file with this name already exists; tick 'replace existing file' to replace it",
    },
    "not_processed": {
        "id": "berkas tidak diproses oleh ingest; periksa log lalu coba lagi",
        "en": "ingest did not process the file; check the log and try again",
    },
    "duplicate": {
        "id": "isinya sama persis dengan {original}; hanya diindeks sekali (hapus salah satunya bila tidak perlu)",
        "en": "same content as {original}; indexed only once (delete one of them if not needed)",
    },
    "removed": {
        "id": "berkas tidak ada lagi; bagiannya dihapus dari indeks",
        "en": "the file is gone; its passages were removed from the index",
    },
    "no_text": {
        "id": "tidak ada teks yang dapat dibaca (halaman kosong, atau OCR tidak menemukan teks); periksa berkasnya",
        "en": "no readable text (blank pages, or OCR found no text); check the file",
    },
    "no_text_ocr_off": {
        "id": "tidak ada lapisan teks (PDF hasil pindai) dan OCR dimatikan; setel ASISTEN_OCR=true lalu ingest ulang",
        "en": "no text layer (scanned PDF) and OCR is off; set ASISTEN_OCR=true and ingest again",
    },
    "no_text_ocr_missing": {
        "id": "tidak ada lapisan teks (PDF hasil pindai) dan Tesseract tidak terpasang; pasang `tesseract-ocr tesseract-ocr-ind` lalu ingest ulang",
        "en": "no text layer (scanned PDF) and Tesseract is not installed; install `tesseract-ocr tesseract-ocr-ind` and ingest again",
    },
    "ocr_done": {
        "id": "halaman {pages} dibaca dengan OCR; kutipannya ditandai 'OCR', periksa dengan berkas aslinya",
        "en": "pages {pages} were read with OCR; their quotes are marked 'OCR', check them against the original",
    },
    "ocr_off": {
        "id": "halaman {pages} tanpa lapisan teks tidak diindeks karena OCR dimatikan (ASISTEN_OCR=false)",
        "en": "pages {pages} have no text layer and were not indexed because OCR is off (ASISTEN_OCR=false)",
    },
    "ocr_missing": {
        "id": "halaman {pages} tanpa lapisan teks tidak diindeks: Tesseract tidak terpasang; pasang `tesseract-ocr tesseract-ocr-ind`",
        "en": "pages {pages} have no text layer and were not indexed: Tesseract is not installed; install `tesseract-ocr tesseract-ocr-ind`",
    },
    "ocr_no_indonesian": {
        "id": "data bahasa Indonesia untuk Tesseract tidak ada, OCR memakai bahasa Inggris; pasang `tesseract-ocr-ind`",
        "en": "Tesseract has no Indonesian data, OCR used English; install `tesseract-ocr-ind`",
    },
    "internal": {
        "id": "kesalahan internal ({detail}); laporkan ke pengelola beserta berkasnya",
        "en": "internal error ({detail}); report it to the maintainers with the file",
    },
    "locked": {
        "id": "ingest lain sedang berjalan pada indeks ini ({holder}); tunggu sampai selesai lalu coba lagi",
        "en": "another ingest is running on this index ({holder}); wait until it finishes and try again",
    },
    "storage_failed": {
        "id": "berkas tidak dapat disimpan atau diindeks ({detail}): disk penuh, atau folder korpus/indeks tidak dapat ditulis; korpus dikembalikan seperti semula, kosongkan ruang atau periksa izinnya lalu coba lagi",
        "en": "the file could not be stored or indexed ({detail}): the disk is full, or the corpus/index folder is not writable; the corpus was put back as it was, free some space or check the permissions and try again",
    },
    "not_replaceable": {
        "id": "berkas dengan nama ini bukan berkas biasa di folder korpus (tautan simbolik, folder, atau dokumen yang di-ingest dari folder lain), jadi tidak diganti lewat aplikasi; pakai nama lain atau ganti lewat `asisten ingest`",
        "en": "the file of this name is not a regular file in the corpus folder (a symbolic link, a folder, or a document ingested from another folder), so the app does not replace it; use another name or replace it with `asisten ingest`",
    },
    "symlink_outside": {
        "id": "tautan simbolik ke luar folder yang di-ingest; tidak diindeks (dan dihapus dari indeks bila pernah diindeks); salin berkasnya ke dalam folder bila memang perlu",
        "en": "symbolic link pointing outside the ingested folder; not indexed (and removed from the index if it was); copy the file into the folder if it is needed",
    },
    "docx_bomb": {
        "id": "DOCX akan mengembang terlalu besar saat dibuka ({detail}); kemungkinan bom zip, berkas tidak dibuka — periksa asal berkasnya atau simpan ulang dari Word/LibreOffice",
        "en": "the DOCX would unpack far too large ({detail}); possibly a zip bomb, the file was not opened — check where it came from or save it again from Word/LibreOffice",
    },
    "page_too_large": {
        "id": "halaman {pages} terlalu besar untuk OCR (lebih dari {limit_mp} megapiksel pada {min_dpi} dpi) dan tidak diindeks; perkecil atau pecah halamannya",
        "en": "pages {pages} are too large for OCR (over {limit_mp} megapixels at {min_dpi} dpi) and were not indexed; shrink or split those pages",
    },
    "ocr_timeout": {
        "id": "OCR halaman {pages} melebihi batas waktu {seconds} detik per halaman dan tidak diindeks; periksa halamannya (gambar sangat rumit?)",
        "en": "OCR of pages {pages} took longer than the {seconds}-second limit per page and they were not indexed; check those pages (very complex images?)",
    },
    "catalog_too_new": {
        "id": "indeks {path} dibuat oleh versi Asisten Regulasi yang lebih baru (skema katalog {version}, versi ini mengenal sampai {known}) dan tidak disentuh; perbarui aplikasinya, atau bangun indeks lain dengan ASISTEN_INDEX=<folder baru> asisten ingest",
        "en": "the index {path} was made by a newer release of Asisten Regulasi (catalog schema {version}, this release knows up to {known}) and was left untouched; upgrade the application, or build another index with ASISTEN_INDEX=<new folder> asisten ingest",
    },
}


@dataclass(frozen=True)
class Problem:
    code: str  # a key of REASONS
    values: dict[str, object] = field(default_factory=dict)

    def text(self, language: str = "id") -> str:
        table = REASONS[self.code]
        return table.get(language, table["id"]).format(**self.values)

    def __str__(self) -> str:
        return self.text()


class LoadError(Exception):
    """A file that cannot be indexed; carries the `Problem` that says what happened and what to do."""

    def __init__(self, code: str, **values: object) -> None:
        self.problem = Problem(code, values)
        super().__init__(self.problem.text())


def page_ranges(numbers: list[int]) -> str:
    """'3, 5–7' for pages 3, 5, 6, 7: short enough for a one-line report."""
    spans: list[list[int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
