"""The text the commitment hashes, byte for byte (SPECIFICATION.md, "The commitment")."""

import hashlib
from decimal import Decimal


def java_double(value):
    """A double as Java's Double.toString writes it: shortest digits, E notation outside [10^-3, 10^7)."""
    value = float(value)
    if value == 0:
        return "-0.0" if str(value).startswith("-") else "0.0"
    sign = "-" if value < 0 else ""
    digits_tuple = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(str(d) for d in digits_tuple.digits)
    point = len(digits) + digits_tuple.exponent - 1
    if 1e-3 <= abs(value) < 1e7:
        if point >= 0:
            whole = digits[:point + 1].ljust(point + 1, "0")
            return f"{sign}{whole}.{digits[point + 1:] or '0'}"
        return f"{sign}0.{'0' * (-point - 1)}{digits}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{point}"


def java_list(values):
    """A list as Java's List.toString writes it: ``[2, 4, 6]``."""
    return "[" + ", ".join(str(v) for v in values) + "]"


def text(stream, scheme, settings, seed, lists):
    lines = []
    if stream == "xoroshiro128pp":
        lines.append("trialkeeper-randomisation-commitment-1")
    else:
        lines += ["trialkeeper-randomisation-commitment-2", f"stream={stream}"]
    lines.append(f"scheme={scheme}")
    lines += [f"arm={arm['code']}:{int(arm['ratio'])}" for arm in settings["arms"]]
    lines.append("blockSizes=" + java_list(int(s) for s in settings.get("blockSizes") or []))
    lines.append("stratifyBy=" + java_list(settings.get("stratifyBy") or []))
    lines += [f"factor={f['factor']}:{java_double(f['weight'])}" for f in settings.get("factors") or []]
    probability = settings.get("minimisingArmProbability")
    lines.append("minimisingArmProbability=" + ("null" if probability is None else java_double(probability)))
    lines.append(f"length={int(settings['targetSampleSize'])}")
    lines.append("seed-sha256=" + hashlib.sha256(seed).hexdigest())
    for stratum, slots in lists.items():
        lines.append(f"stratum={stratum}")
        lines += [f"{s.position}:{s.arm}:{s.block}:{s.block_size}" for s in slots]
    return "".join(line + "\n" for line in lines)


def of(stream, scheme, settings, seed, lists):
    return hashlib.sha256(text(stream, scheme, settings, seed, lists).encode("utf-8")).hexdigest()
