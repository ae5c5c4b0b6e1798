"""Each allocation's receipt (see ../receipt.py): its text rebuilt from the export's trial id, the
allocation's number, participant code and time, the published commitment, and the audit record and
MAC the receipt names, must hash to the receipt's hash. The audit records named follow the order of
allocation numbers and come no later than the export's anchor of the trial's chain. Receipts began
with a version of the service, so allocations before the first one that has a receipt have none;
every one after it must have one."""

from .. import receipt


def check(export, commitment):
    found = []
    first = None
    earlier_seq = 0
    anchor = _anchor_seq(export)
    for allocation in sorted(export["allocations"], key=lambda a: a["number"]):
        who = f"allocation {allocation['number']}"
        held = allocation.get("receipt")
        if held is None:
            if first is not None:
                found.append(f"{who} has no receipt, though allocation {first} before it has one")
            continue
        first = first or allocation["number"]
        problem = receipt.unreadable(held) or _unbound(export, allocation)
        if problem:
            found.append(f"the receipt of {who} cannot be recomputed: {problem}")
            continue
        recomputed = receipt.sha256(receipt.text(export["trialId"], allocation["number"],
                                                 allocation["participantCode"], receipt.micros(allocation["allocatedAt"]),
                                                 commitment["commitment"], held["chainSeq"], held["chainHash"],
                                                 held.get("mac")))
        if recomputed != held["hash"]:
            found.append(f"the receipt of {who} is {held['hash']}, but its text rebuilt from the export "
                         f"and the published commitment hashes to {recomputed}")
        # each allocation's audit record is written after those of the allocations before it, and before the export
        if held["chainSeq"] <= earlier_seq:
            found.append(f"the receipt of {who} names audit record {held['chainSeq']}, not after record "
                         f"{earlier_seq} that an earlier allocation's receipt names")
        if anchor is not None and held["chainSeq"] > anchor:
            found.append(f"the receipt of {who} names audit record {held['chainSeq']}, beyond the export's "
                         f"audit anchor at record {anchor}")
        earlier_seq = max(earlier_seq, held["chainSeq"])
    return found


def _anchor_seq(export):
    """The number of the newest record of the trial's chain when the export was made, if the export says."""
    anchor = export.get("auditAnchor")
    if not isinstance(anchor, dict) or anchor.get("chain") != f"trial-{export.get('trialId')}":
        return None
    seq = anchor.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else None


def _unbound(export, allocation):
    """What the export lacks of what a receipt binds beside the receipt itself, or None."""
    trial_id = export.get("trialId")
    if not isinstance(trial_id, int) or isinstance(trial_id, bool):
        return "the export gives no trialId"
    if not isinstance(allocation.get("participantCode"), str):
        return "the allocation gives no participantCode"
    if receipt.micros(allocation.get("allocatedAt")) is None:
        return "the allocation's allocatedAt is not an ISO-8601 time in UTC"
    return None
