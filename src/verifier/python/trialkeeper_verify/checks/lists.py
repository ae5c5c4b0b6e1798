"""Every stratum's list in the export, slot by slot, against the list regenerated from the seed."""

from ..schemes import Slot
from ..sequence import regenerate


def check(export, commitment):
    found = []
    regenerated = regenerate(export).lists
    exported = {s["stratum"]: s["slots"] for s in export["strata"]}
    if list(exported) != list(regenerated):
        found.append(f"the export lists the strata {_names(exported)}, the settings make {_names(regenerated)}")
    for stratum, slots in regenerated.items():
        if stratum in exported:
            found += _slots(stratum, slots, exported[stratum])
    return found


def _slots(stratum, regenerated, exported):
    found = []
    for index, slot in enumerate(exported):
        if index >= len(regenerated):
            found.append(f"stratum {stratum}: the export has {len(exported)} slots, the seed gives {len(regenerated)}")
            break
        given = Slot(slot["position"], slot["arm"], slot["block"], slot["blockSize"])
        expected = regenerated[index]
        for field, name in (("position", "position"), ("arm", "arm"), ("block", "block"), ("block_size", "block size")):
            if getattr(given, field) != getattr(expected, field):
                found.append(f"stratum {stratum}, slot {index + 1}: the export's {name} is {getattr(given, field)}, "
                             f"the seed gives {getattr(expected, field)}")
    if len(exported) < len(regenerated):
        found.append(f"stratum {stratum}: the export has {len(exported)} slots, the seed gives {len(regenerated)}")
    return found


def _names(strata):
    return ", ".join(strata) or "none"
