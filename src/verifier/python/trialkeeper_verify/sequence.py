"""What the seed and the settings in an export determine, derived once however many checks ask."""

import json
from dataclasses import dataclass
from functools import lru_cache

from . import commitment, schemes
from .stream import Stream


@dataclass(frozen=True)
class Regenerated:
    seed: bytes
    lists: dict
    commitment: str


def regenerate(export):
    settings = export["settings"]
    return _regenerate(export["stream"], export["scheme"], export["seed"], json.dumps(settings, sort_keys=True))


@lru_cache(maxsize=4)
def _regenerate(stream, scheme, seed_hex, settings_json):
    settings = json.loads(settings_json)
    seed = bytes.fromhex(seed_hex)
    lists = schemes.lists(scheme, settings, Stream.of(seed, 0))
    return Regenerated(seed, lists, commitment.of(stream, scheme, settings, seed, lists))
