"""An allocation's receipt, byte for byte (SPECIFICATION.md, "Receipts")."""

import calendar
import hashlib
import re

VERSION = "trialkeeper-receipt-1"
_HEX_64 = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z")


def micros(time):
    """Whole microseconds since 1970-01-01T00:00:00Z of an ISO-8601 time in UTC; None if it is not one."""
    match = _TIME.fullmatch(time) if isinstance(time, str) else None
    if not match:
        return None
    seconds = calendar.timegm(tuple(int(part) for part in match.groups()[:6]))
    return seconds * 1_000_000 + int((match.group(7) or "").ljust(9, "0")[:6])


def text(trial_id, number, participant_code, time_micros, commitment, chain_seq, chain_hash, mac):
    lines = [VERSION, f"trial={trial_id}", f"number={number}", f"participant={participant_code}",
             f"time={time_micros}", f"commitment={commitment}", f"chain-seq={chain_seq}", f"chain-hash={chain_hash}",
             f"mac={mac or ''}"]
    return "".join(line + "\n" for line in lines)


def sha256(receipt_text):
    return hashlib.sha256(receipt_text.encode("utf-8")).hexdigest()


def unreadable(receipt):
    """What keeps a receipt of the export from being recomputed, or None."""
    if not isinstance(receipt, dict):
        return "is not a JSON object"
    if receipt.get("version") != VERSION:
        return f"is of version {receipt.get('version')}, which this verifier does not know"
    for field in ("chainHash", "hash"):
        if not isinstance(receipt.get(field), str) or not _HEX_64.fullmatch(receipt[field]):
            return f"has no {field} of 64 lower-case hexadecimal digits"
    if receipt.get("mac") is not None and not isinstance(receipt["mac"], str):
        return "has a mac that is not a string"
    seq = receipt.get("chainSeq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return "has no chainSeq of 1 or more"
    return None
