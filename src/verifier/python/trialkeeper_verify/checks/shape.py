"""Whether the two files hold what the checks read, with the types they read: anything else is
reported here, so that no check fails on a missing field."""

import re

from ..stream import STREAM

SCHEMES = ("simple", "permuted-blocks", "stratified-blocks", "minimisation")


def problems(export, commitment):
    """What keeps the files from being checked; an empty list the service left out is put back."""
    found = []
    if not isinstance(export, dict):
        return ["the sequence export is not a JSON object"]
    if not isinstance(commitment, dict):
        return ["the commitment is not a JSON object"]
    _require(found, "the commitment", commitment, {"commitment": str, "scheme": str, "stream": str})
    _require(found, "the sequence export", export, {"scheme": str, "stream": str, "seed": str, "commitment": str,
                                                    "settings": dict})
    for field in ("strata", "allocations"):
        # the service leaves an empty list out: a minimisation trial has no lists
        export.setdefault(field, [])
        if not isinstance(export[field], list):
            found.append(f"the sequence export's {field} is not a list")
    if found:
        return found
    if export["stream"] != STREAM:
        found.append(f"the export's stream is {export['stream']}; this verifier regenerates only {STREAM} "
                     "(trials opened on xoroshiro128pp are checked by GET .../randomisation/verify)")
    if export["scheme"] not in SCHEMES:
        found.append(f"the export's scheme {export['scheme']} is none of {', '.join(SCHEMES)}")
    if not re.fullmatch(r"[0-9a-f]{32}", export["seed"]):
        found.append("the export's seed is not 32 lower-case hexadecimal digits (16 bytes)")
    found += _settings(export["settings"])
    if not found and export["scheme"].endswith("blocks") and not export["settings"].get("blockSizes"):
        found.append("the export's settings give no blockSizes for a block scheme")
    if not found and export["scheme"] == "minimisation" and export["settings"].get("minimisingArmProbability") is None:
        found.append("the export's settings give no minimisingArmProbability for minimisation")
    for i, stratum in enumerate(export["strata"]):
        where = f"the export's strata[{i}]"
        if _require(found, where, stratum, {"stratum": str, "slots": list}):
            for j, slot in enumerate(stratum["slots"]):
                _require(found, f"{where}.slots[{j}]", slot,
                         {"position": int, "arm": str, "block": int, "blockSize": int})
    for i, allocation in enumerate(export["allocations"]):
        where = f"the export's allocations[{i}]"
        if _require(found, where, allocation,
                    {"number": int, "stratum": str, "position": int, "factorLevels": str, "arm": str}):
            found += [f"{where}.{field} is below 1" for field in ("number", "position") if allocation[field] < 1]
    return found


def _settings(settings):
    found = []
    where = "the export's settings"
    if not _require(found, where, settings, {"arms": list, "targetSampleSize": int}):
        return found
    if not settings["arms"]:
        found.append(f"{where}.arms is empty")
    for i, arm in enumerate(settings["arms"]):
        if _require(found, f"{where}.arms[{i}]", arm, {"code": str, "ratio": int}) and arm["ratio"] < 1:
            found.append(f"{where}.arms[{i}].ratio is not positive")
    optional = {"blockSizes": list, "stratifyBy": list, "stratumLevels": list, "factors": list,
                "minimisingArmProbability": (int, float)}
    for field, kind in optional.items():
        if settings.get(field) is not None and not _is(settings[field], kind):
            found.append(f"{where}.{field} is not a {_name(kind)}")
    for i, size in enumerate(settings.get("blockSizes") or []):
        if not _is(size, int) or size < 1:
            found.append(f"{where}.blockSizes[{i}] is not a positive whole number")
    for i, factor in enumerate(settings.get("factors") or []):
        _require(found, f"{where}.factors[{i}]", factor, {"factor": str, "weight": (int, float)})
    for i, entry in enumerate(settings.get("stratumLevels") or []):
        _require(found, f"{where}.stratumLevels[{i}]", entry, {"factor": str, "levels": list})
    named = {e.get("factor") for e in settings.get("stratumLevels") or [] if isinstance(e, dict)}
    for factor in settings.get("stratifyBy") or []:
        if factor not in named:
            found.append(f"{where}.stratumLevels gives no levels of the stratification factor {factor}")
    return found


def _require(found, where, value, fields):
    """Records each field missing or of another type; answers whether all were right."""
    if not isinstance(value, dict):
        found.append(f"{where} is not a JSON object")
        return False
    before = len(found)
    for field, kind in fields.items():
        if field not in value or value[field] is None:
            found.append(f"{where} has no {field}")
        elif not _is(value[field], kind):
            found.append(f"{where}.{field} is not a {_name(kind)}")
    return len(found) == before


def _is(value, kind):
    # JSON true and false are Python ints too, and never a count or a weight
    return isinstance(value, kind) and not isinstance(value, bool)


def _name(kind):
    names = {str: "string", int: "whole number", list: "list", dict: "JSON object", (int, float): "number"}
    return names[kind]
