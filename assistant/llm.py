"""LLM backends behind one Protocol, each a thin LangChain chat model chosen by one setting.

`ASISTEN_LLM` (or `--llm`) is `none` (extractive answers only), `ollama:<model>` (native Ollama
API at `ollama_host`), `openai:<model>` (any OpenAI-compatible server at `llm_base_url`: vLLM,
LM Studio, `llama_cpp.server`, Ollama's `/v1`) or `llamacpp:<file.gguf>` (in-process
llama-cpp-python, the `llm` extra). A backend that cannot be reached or loaded raises LLMError
with a message for the user; the caller then shows the extractive answer instead.

Each kind is a factory in `BACKENDS` (the registry embedders use too, ingest/components.py); a
deployment adds its own with `@register_backend("kind")`, and `ASISTEN_LLM=kind:<target>` chooses it.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from ingest.components import Registry, split_spec

from .config import ConfigError, Settings
from .messages import t

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 300  # seconds; a CPU-only server can take minutes for a long answer
# Chat formats of llama-cpp-python for GGUF files that carry no chat template of their own.
_CHAT_FORMATS = {"gemma": "gemma", "gemma2": "gemma", "gemma3": "gemma", "qwen2": "chatml", "qwen3": "chatml"}
Message = tuple[str, str]  # (role, content): "system", "user" or "assistant"


class LLMError(Exception):
    """The backend cannot answer (unreachable, not installed, model missing); `message` says why."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(t(key, "id", **values))
        self.key, self.values = key, values

    def message(self, language: str = "id") -> str:
        return t(self.key, language, **self.values)


@dataclass
class Generation:
    """What one LLM call cost: logged, and part of the `--json` output under "llm"."""

    backend: str
    seconds: float = 0.0
    first_token_seconds: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    tokens_estimated: bool = False  # counted from streamed pieces when the server reports no usage
    error: str | None = None


class ChatBackend(Protocol):
    name: str  # the setting that chose it, e.g. "openai:qwen2.5-7b-instruct"

    def stream(self, messages: Sequence[Message]) -> Iterator[str | Generation]:
        """Text pieces as they are generated, then one Generation; raises LLMError."""
        ...


# kind -> factory(setting, target, settings) of every backend `ASISTEN_LLM` can name
BACKENDS: Registry[Callable[[str, str, Settings], ChatBackend]] = Registry("asisten_regulasi.llm_backends")
register_backend = BACKENDS.register


def parse_spec(spec: str | None) -> tuple[str, str] | None:
    """'openai:qwen2.5' -> ('openai', 'qwen2.5'); 'none' or empty -> None; anything else is a ConfigError."""
    if not spec or spec.strip().lower() == "none":
        return None
    kind, target = split_spec(spec)
    if kind not in BACKENDS or not target:
        raise ConfigError(t("llm_bad_spec", spec=spec))
    return kind, target


class ChatModelBackend:
    """Any LangChain chat model as a ChatBackend, with latency, token counts and user-facing errors."""

    def __init__(self, name: str, model, count_tokens: Callable[[str], int] | None = None, exclusive: bool = False) -> None:
        self.name = name
        self.model = model
        self._count_tokens = count_tokens
        # An in-process model serves one generation at a time; app sessions share the loaded model.
        self._lock = threading.Lock() if exclusive else nullcontext()

    def stream(self, messages: Sequence[Message]) -> Iterator[str | Generation]:
        start = time.perf_counter()
        record = Generation(self.name)
        pieces: list[str] = []
        try:
            with self._lock:
                yield from self._pieces(messages, record, start, pieces)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message and the extractive answer
            raise describe_error(self.name, error) from error
        record.seconds = round(time.perf_counter() - start, 3)
        if record.completion_tokens is None:
            self._estimate_tokens(record, messages, pieces)
        log.info(
            "llm %s: %.2f s (first token %s s), %s prompt + %s completion tokens%s",
            self.name, record.seconds, record.first_token_seconds, record.prompt_tokens,
            record.completion_tokens, " (estimated)" if record.tokens_estimated else "",
        )
        yield record

    def _pieces(self, messages: Sequence[Message], record: Generation, start: float, pieces: list[str]) -> Iterator[str]:
        for chunk in self.model.stream(list(messages)):
            if chunk.usage_metadata:
                record.prompt_tokens = chunk.usage_metadata.get("input_tokens") or record.prompt_tokens
                record.completion_tokens = chunk.usage_metadata.get("output_tokens") or record.completion_tokens
            if chunk.text:
                if record.first_token_seconds is None:
                    record.first_token_seconds = round(time.perf_counter() - start, 3)
                pieces.append(chunk.text)
                yield chunk.text

    def _estimate_tokens(self, record: Generation, messages: Sequence[Message], pieces: list[str]) -> None:
        """Without reported usage: the model's own tokenizer when in-process, else one token per piece."""
        if self._count_tokens:
            record.prompt_tokens = sum(self._count_tokens(content) for _, content in messages)
            record.completion_tokens = self._count_tokens("".join(pieces))
        else:
            record.completion_tokens = len(pieces)
            record.tokens_estimated = True


def describe_error(backend: str, error: BaseException) -> LLMError:
    """A one-line reason in the user's terms: server down, model unknown, key refused, or the error."""
    chain = [error]
    while chain[-1].__cause__ is not None and len(chain) < 5:
        chain.append(chain[-1].__cause__)
    text = " ".join(f"{type(e).__name__}: {e}" for e in chain).lower()
    detail = " ".join(str(chain[-1]).split())[:200] or type(chain[-1]).__name__  # the root cause says most
    if any(word in text for word in ("connect", "refused", "unreachable", "timed out", "timeout", "name or service")):
        return LLMError("llm_unreachable", backend=backend, detail=detail)
    if "not found" in text or "404" in text:
        return LLMError("llm_model_missing", backend=backend, detail=detail)
    if "401" in text or "403" in text or "api key" in text or "authentication" in text:
        return LLMError("llm_refused", backend=backend, detail=detail)
    return LLMError("llm_failed", backend=backend, detail=detail)


@register_backend("ollama")
def ollama(name: str, model: str, settings: Settings) -> ChatBackend:
    from langchain_ollama import ChatOllama

    chat = ChatOllama(
        model=model,
        base_url=settings.ollama_host,
        temperature=0,
        num_predict=settings.llm_max_tokens,
        num_ctx=settings.llm_context,
        client_kwargs={"timeout": REQUEST_TIMEOUT},
    )
    return ChatModelBackend(name, chat)


@register_backend("openai")
def openai(name: str, model: str, settings: Settings) -> ChatBackend:
    from langchain_openai import ChatOpenAI

    if not settings.llm_base_url:
        raise LLMError("llm_base_url_missing", backend=name)
    chat = ChatOpenAI(
        model=model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "tidak-perlu",  # local servers ignore it; the client insists on one
        temperature=0,
        max_tokens=settings.llm_max_tokens,
        timeout=REQUEST_TIMEOUT,
        max_retries=0,  # an unreachable server is reported at once, not after minutes of retries
        stream_usage=True,
    )
    return ChatModelBackend(name, chat)


@register_backend("llamacpp")
def llamacpp(name: str, model_path: str, settings: Settings) -> ChatBackend:
    path = Path(model_path).expanduser()
    if not path.is_file():
        raise LLMError("llm_model_file_missing", path=path)
    try:
        import llama_cpp  # noqa: F401 - checked here for a clear message; LangChain imports it again
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError as error:
        raise LLMError("llm_not_installed", backend=name) from error
    try:
        chat = ChatLlamaCpp(
            model_path=str(path),
            n_ctx=settings.llm_context,
            n_batch=512,  # LangChain's default of 8 makes reading a long prompt many times slower
            max_tokens=settings.llm_max_tokens,
            temperature=0,
            seed=0,
            verbose=False,
        )
    except Exception as error:  # noqa: BLE001 - a corrupt or unsupported .gguf is a message, not a trace
        raise LLMError("llm_failed", backend=name, detail=" ".join(str(error).split())[:200]) from error
    llama = chat.client
    if "tokenizer.chat_template" not in llama.metadata:  # else llama-cpp-python reads the file's own template
        llama.chat_format = _CHAT_FORMATS.get(llama.metadata.get("general.architecture", ""), llama.chat_format)
    return ChatModelBackend(name, chat, lambda text: len(llama.tokenize(text.encode("utf-8"), add_bos=False)), exclusive=True)


def load_backend(spec: str | None, settings: Settings) -> ChatBackend | None:
    """The backend a setting names, or None for extractive-only; LLMError when it cannot be set up.

    A server on another machine would receive every question and the passages quoted to it, so it is
    used only when ASISTEN_ALLOW_REMOTE_LLM says so.
    """
    parsed = parse_spec(spec)
    if parsed is None:
        return None
    remote = remote_llm_url(spec, settings)
    if remote and not settings.allow_remote_llm:
        raise LLMError("llm_not_local", backend=spec.strip(), url=remote)
    kind, target = parsed
    return BACKENDS.get(kind)(spec.strip(), target, settings)


def remote_llm_url(spec: str | None, settings: Settings) -> str | None:
    """The server URL a backend setting sends prompts to, when that server is not this machine."""
    parsed = parse_spec(spec)
    url = {"ollama": settings.ollama_host, "openai": settings.llm_base_url}.get(parsed[0]) if parsed else None
    if not url:
        return None
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    return None if is_this_machine(host) else url


def is_this_machine(host: str) -> bool:
    """Loopback, localhost or this machine's own name; decided without any name lookup."""
    host = host.lower().rstrip(".")
    if host in ("localhost", socket.gethostname().lower()) or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
