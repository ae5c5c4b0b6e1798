"""The commitment: recomputed from the export's seed and settings, it must be the one published
before the first allocation, and the one the export names."""

from ..sequence import regenerate


def check(export, commitment):
    found = []
    published = commitment["commitment"]
    recomputed = regenerate(export).commitment
    if recomputed != published:
        found.append(f"the commitment recomputed from the export's seed, settings and lists is {recomputed}, "
                     f"but the published commitment is {published}")
    if export["commitment"] != published:
        found.append(f"the export names the commitment {export['commitment']}, but the published one is {published}")
    for field in ("scheme", "stream"):
        if export[field] != commitment[field]:
            found.append(f"the export's {field} is {export[field]}, the published commitment's is {commitment[field]}")
    strata = commitment.get("strata")
    lists = regenerate(export).lists
    if isinstance(strata, int) and strata != len(lists):
        found.append(f"the published commitment counts {strata} strata, the export's settings make {len(lists)}")
    return found
