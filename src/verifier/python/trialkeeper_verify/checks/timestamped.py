"""The commitment's RFC 3161 time-stamp (see ../timestamp.py), when either document says it was
granted. A trial whose commitment was never stamped (no time-stamping authority configured, or
none answered) is not faulted here: the verdict says that nothing then shows when the lists were
fixed."""

from .. import timestamp


def check(export, commitment):
    if not (stamped(export) or stamped(commitment)):
        return []
    return timestamp.check(export, commitment)


def stamped(document):
    return (document.get("timestamp") or {}).get("state") == "stamped"
