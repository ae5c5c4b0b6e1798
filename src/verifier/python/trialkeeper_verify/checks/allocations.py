"""Every allocation, in the order of its number: the next slot of its stratum and that slot's arm,
or for minimisation the decision replayed from the factor levels of the allocations before it.
Each slot the export marks as used must be used by the allocation it names."""

from collections import Counter

from .. import schemes
from ..sequence import regenerate
from ..stream import Stream


def check(export, commitment):
    allocations = sorted(export["allocations"], key=lambda a: a["number"])
    found = _numbers(allocations)
    if export["scheme"] == "minimisation":
        found += _decisions(export, allocations)
    else:
        found += _slots_taken(regenerate(export).lists, allocations)
        found += _slot_uses(export, allocations)
    return found


def _numbers(allocations):
    """Numbers run from 1 without a gap, each once."""
    times = Counter(a["number"] for a in allocations)
    found = [f"allocation {n} appears {count} times in the export" for n, count in sorted(times.items()) if count > 1]
    last = max(times, default=0)
    found += [f"allocation {n} is missing from the export, whose numbers run to {last}"
              for n in range(1, last + 1) if n not in times]
    return found


def _slots_taken(lists, allocations):
    found = []
    taken = {}
    last = {}
    users = {}
    for allocation in allocations:
        who = f"allocation {allocation['number']}"
        stratum = allocation["stratum"]
        if stratum not in lists:
            found.append(f"{who} names the stratum {stratum}, which the settings do not make")
            continue
        position = allocation["position"]
        taken[stratum] = taken.get(stratum, 0) + 1
        # the k-th allocation of a stratum takes its slot k; one that follows on from a slot out of
        # place is not named again, so that one slot moved or left out is named once
        if position != taken[stratum] and position != last.get(stratum, 0) + 1:
            found.append(f"{who} used {stratum} #{position}, but the next slot of its stratum was #{taken[stratum]}")
        last[stratum] = position
        if (stratum, position) in users:
            found.append(f"{who} used {stratum} #{position}, which allocation {users[stratum, position]} used before")
        users[stratum, position] = allocation["number"]
        if not 1 <= position <= len(lists[stratum]):
            found.append(f"{who} used {stratum} #{position}, beyond the {len(lists[stratum])} slots of its list")
        elif lists[stratum][position - 1].arm != allocation["arm"]:
            found.append(f"{who} is {allocation['arm']}, but slot {stratum} #{position} regenerated from the seed "
                         f"is {lists[stratum][position - 1].arm}")
    return found


def _slot_uses(export, allocations):
    """The export's list marks each used slot with its allocation's number: the two must agree."""
    found = []
    by_slot = {}
    for allocation in allocations:
        by_slot.setdefault((allocation["stratum"], allocation["position"]), allocation["number"])
    listed = set()
    for stratum in export["strata"]:
        for slot in stratum["slots"]:
            key = (stratum["stratum"], slot["position"])
            listed.add(key)
            number = slot.get("allocationNumber")
            if number != by_slot.get(key):
                found.append(f"slot {key[0]} #{key[1]} is marked as used by allocation {_or_none(number)}, "
                             f"but the export's allocations give it to {_or_none(by_slot.get(key))}")
    for key, number in by_slot.items():
        if key not in listed:
            found.append(f"allocation {number} used slot {key[0]} #{key[1]}, which is not in the export's lists")
    return found


def _or_none(number):
    return "none" if number is None else number


def _decisions(export, allocations):
    """Each decision replayed on its own stream, from the counts of the stored allocations before it."""
    settings = export["settings"]
    arms = schemes.Arms.of(settings)
    factors = [f["factor"] for f in settings.get("factors") or []]
    weights = [float(f["weight"]) for f in settings.get("factors") or []]
    probability = float(settings["minimisingArmProbability"])
    seed = regenerate(export).seed
    earlier = schemes.Counts()
    found = []
    for allocation in allocations:
        who = f"allocation {allocation['number']}"
        levels = schemes.parse_levels(allocation["factorLevels"])
        if [factor for factor, _ in levels] != factors:
            found.append(f"{who} gives levels of {_factor_names(levels)}, but the trial minimises over "
                         f"{', '.join(factors)}")
        elif allocation["stratum"] != schemes.ALL or allocation["position"] != allocation["number"]:
            found.append(f"{who} is in {allocation['stratum']} #{allocation['position']}, but a minimisation "
                         f"decision is in all #{allocation['number']}")
        else:
            stream = Stream.of(seed, allocation["number"])
            arm = arms.codes[schemes.choose(arms, weights, earlier.at_levels(arms, levels), probability, stream)]
            if arm != allocation["arm"]:
                found.append(f"{who} is {allocation['arm']}, but the decision replayed from the seed is {arm}")
        earlier.add(levels, allocation["arm"])
    return found


def _factor_names(levels):
    return ", ".join(factor for factor, _ in levels) or "no factor"
