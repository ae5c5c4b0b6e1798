"""The lists and the minimisation decisions a seed and a trial's settings determine
(SPECIFICATION.md, "The lists" and "Minimisation")."""

import itertools
from dataclasses import dataclass

ALL = "all"
TIE = 1e-9
# what the service writes for a factor level the participant did not give
NOT_GIVEN = "null"


@dataclass(frozen=True)
class Slot:
    position: int
    arm: str
    block: int
    block_size: int


@dataclass(frozen=True)
class Arms:
    codes: tuple
    ratios: tuple

    @classmethod
    def of(cls, settings):
        return cls(tuple(a["code"] for a in settings["arms"]), tuple(int(a["ratio"]) for a in settings["arms"]))

    def draw(self, stream):
        """An arm index with probability ratio / ratio sum."""
        ticket = stream.next_int_below(sum(self.ratios))
        for index, ratio in enumerate(self.ratios):
            ticket -= ratio
            if ticket < 0:
                return index
        raise ValueError("arm ratios must be positive")


def strata(scheme, settings):
    """Every stratum's name, in the order the lists are drawn."""
    if scheme != "stratified-blocks":
        return [ALL]
    levels = {entry["factor"]: entry["levels"] for entry in settings.get("stratumLevels") or []}
    factors = settings.get("stratifyBy") or []
    if not factors:
        return [ALL]
    combinations = itertools.product(*[[f"{factor}={level}" for level in levels[factor]] for factor in factors])
    return [";".join(parts) for parts in combinations]


def simple_list(arms, length, stream):
    return [Slot(position, arms.codes[arms.draw(stream)], 0, 1) for position in range(1, length + 1)]


def block_list(arms, block_sizes, length, stream):
    slots = []
    block = 0
    while len(slots) < length:
        block += 1
        size = block_sizes[stream.next_int_below(len(block_sizes))]
        copies = size // sum(arms.ratios)
        contents = [code for code, ratio in zip(arms.codes, arms.ratios) for _ in range(copies * ratio)]
        for arm in stream.shuffle(contents):
            slots.append(Slot(len(slots) + 1, arm, block, size))
    return slots


def lists(scheme, settings, stream):
    """Each stratum's list, in order, all drawn from the one stream; minimisation has none."""
    if scheme == "minimisation":
        return {}
    arms = Arms.of(settings)
    length = int(settings["targetSampleSize"])
    drawn = {}
    for stratum in strata(scheme, settings):
        if scheme == "simple":
            drawn[stratum] = simple_list(arms, length, stream)
        else:
            drawn[stratum] = block_list(arms, [int(s) for s in settings["blockSizes"]], length, stream)
    return drawn


def parse_levels(text):
    """The factor levels an allocation stores, ``site=RAZI;sex=female``, as (factor, level) pairs."""
    if not text:
        return []
    return [(factor, level) for factor, _, level in (part.partition("=") for part in text.split(";"))]


def totals(arms, weights, counts_at_level):
    """For each arm: the weighted sum over factors of the range of counts over ratios, were the participant there."""
    result = []
    for candidate in range(len(arms.codes)):
        total = 0.0
        for weight, counts in zip(weights, counts_at_level):
            relative = [(counts[arm] + (1 if arm == candidate else 0)) / arms.ratios[arm]
                        for arm in range(len(arms.codes))]
            total += weight * (max(relative) - min(relative))
        result.append(total)
    return result


def choose(arms, weights, counts_at_level, probability, stream):
    """Pocock-Simon with a random element: the arm index decided."""
    sums = totals(arms, weights, counts_at_level)
    best = min(sums)
    minimising = [arm for arm, total in enumerate(sums) if total - best < TIE]
    if len(minimising) == len(arms.codes):
        return arms.draw(stream)
    preferred = minimising[stream.next_int_below(len(minimising))]
    if stream.next_double() < probability:
        return preferred
    others = [arm for arm in range(len(arms.codes)) if arm != preferred]
    return others[stream.next_int_below(len(others))]


class Counts:
    """How many earlier allocations at each factor level went to each arm."""

    def __init__(self):
        self._counts = {}

    def add(self, levels, arm):
        for factor, level in levels:
            key = (factor, level, arm)
            self._counts[key] = self._counts.get(key, 0) + 1

    def at_levels(self, arms, levels):
        """Per level of the participant, the counts in each arm; a level not given matches no one."""
        return [[0] * len(arms.codes) if level == NOT_GIVEN
                else [self._counts.get((factor, level, code), 0) for code in arms.codes]
                for factor, level in levels]
