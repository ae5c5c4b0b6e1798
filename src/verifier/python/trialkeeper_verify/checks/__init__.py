"""The checks, each ``check(export, commitment) -> list[str]``: the differences it finds, in plain
words, none when everything agrees. A further check is a module here added to CHECKS; it runs
after the shape of both files has been found sound (see shape.py)."""

from . import allocations, lists, published, receipts, timestamped

CHECKS = [published.check, lists.check, allocations.check, receipts.check, timestamped.check]
