"""python3 -m trialkeeper_verify EXPORT.json COMMITMENT.json

Exit status: 0 when every check agrees, 1 when a check finds a difference (each printed on its
own line), 2 when the files cannot be read or do not hold what the checks need."""

import argparse
import json
import sys

from .checks import CHECKS, shape, timestamped

AGREES, DIFFERS, UNUSABLE = 0, 1, 2


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m trialkeeper_verify",
                                     description="Checks a TrialKeeper trial's randomisation against its "
                                                 "published commitment, without trusting the service.")
    parser.add_argument("export", help="the sequence export: GET /api/trials/{id}/randomisation/sequence")
    parser.add_argument("commitment", help="the published commitment: GET /api/trials/{id}/randomisation/commitment")
    arguments = parser.parse_args(argv)
    try:
        export = _read(arguments.export)
        commitment = _read(arguments.commitment)
    except (OSError, ValueError) as e:
        print(f"cannot read the files: {e}", file=sys.stderr)
        return UNUSABLE
    unusable = shape.problems(export, commitment)
    if unusable:
        print("the files cannot be checked:", file=sys.stderr)
        for problem in unusable:
            print(f"  {problem}", file=sys.stderr)
        return UNUSABLE
    differences = [difference for check in CHECKS for difference in check(export, commitment)]
    if differences:
        print(f"{len(differences)} difference(s) found:")
        for difference in differences:
            print(f"  {difference}")
        return DIFFERS
    print(f"everything agrees: the {export['scheme']} sequence ({export['stream']}) hashes to the published "
          f"commitment {commitment['commitment']}, and its {len(export['allocations'])} allocation(s) follow it")
    receipted = sum(1 for allocation in export["allocations"] if allocation.get("receipt") is not None)
    print(f"{receipted} allocation receipt(s) recomputed from the export and the commitment")
    if timestamped.stamped(commitment):
        print(f"the commitment's RFC 3161 time-stamp holds: {commitment['timestamp'].get('genTime')}, "
              f"by {commitment['timestamp'].get('authority')}")
    else:
        state = (commitment.get("timestamp") or {}).get("state", "absent")
        print(f"the commitment carries no granted time-stamp (state {state}): nothing outside the service shows "
              f"when the lists were fixed")
    return AGREES


def _read(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


if __name__ == "__main__":
    sys.exit(main())
