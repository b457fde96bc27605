#!/usr/bin/env python3
"""Judges the documents `cargo run --example differential` wrote, with Python `jsonschema`
(Draft 2020-12) on the normalised document: it must accept every document the native
validator finds valid and reject every invalid one, except where the only errors are rules
the schema cannot express (its x- keywords). Exits 1 on any disagreement.

Usage: python3 tools/differential.py FILE.jsonl
"""

import json
import pathlib
import re
import sys

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parent.parent
VALIDATORS = {
    name: Draft202012Validator(json.loads((ROOT / "schemas" / f"{name}-1.0.schema.json").read_text()))
    for name in ("referral", "feedback")
}


def schema_cannot_see(e):
    return e["code"] in ("invalid_date", "date_in_future", "invalid_nhs_number") or (
        e["code"] == "invalid_format" and re.search(r"/(created_at|updated_at)$", e["path"])
    )


def main():
    n = valid = hidden = 0
    failures = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            n += 1
            where = f"#{t['i']} {t['kind']} [{t['fault']}]"
            ok = VALIDATORS[t["kind"]].is_valid(t["normalised"])
            native = t["report"]["valid"]
            valid += native
            if native and not ok:
                why = [e.message[:200] for e in VALIDATORS[t["kind"]].iter_errors(t["normalised"])][:3]
                failures.append(f"{where}: jsonschema rejects a valid document: {why}")
            elif not native and ok:
                if all(schema_cannot_see(e) for e in t["report"]["errors"]):
                    hidden += 1
                else:
                    errors = [(e["path"], e["code"]) for e in t["report"]["errors"]]
                    failures.append(f"{where}: jsonschema accepts a document with {errors}")
    print(f"differential (Python jsonschema): {n} documents, {valid} valid, {n - valid} invalid "
          f"({hidden} with only x- rule faults): {len(failures)} disagreements")
    for f in failures[:20]:
        print("  " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
