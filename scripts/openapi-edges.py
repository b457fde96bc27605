"""The answers schemathesis does not provoke, checked against the OpenAPI description.

Starts prevent-referral-server (the binary given as the first argument) twice on 127.0.0.1 —
once without a rate limit, once allowing one intake request a minute — sends the requests a
fuzzer does not make (a body over 1 MiB, 17 KiB of headers, the wrong content type, the CORS
preflight from an allowed and a foreign origin, a retry, a closed referral, a session…) and
checks each answer against schemas/receiving-api-1.0.openapi.json: the status is one the
operation lists, with the expected code, the content type is the one described and the body
matches the described schema (the two document schemas resolved from their files), and the
headers the description requires are there. Exit status 1 on any mismatch.

Run by scripts/schemathesis.sh with the Python of tools/.venv (jsonschema, referencing).
"""

import http.client
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
BASE = "https://prevent-referral.invalid/schemas/"
API = json.loads((SCHEMAS / "receiving-api-1.0.openapi.json").read_text())
API_URI = BASE + "receiving-api-1.0.openapi.json"
REGISTRY = Registry().with_resources(
    [(API_URI, Resource(contents=API, specification=DRAFT202012))]
    + [
        (BASE + name, Resource.from_contents(json.loads((SCHEMAS / name).read_text())))
        for name in ("referral-1.0.schema.json", "feedback-1.0.schema.json")
    ]
)


def resolve(node):
    """Follows local `$ref`s of the description (responses, parameters)."""
    while isinstance(node, dict) and "$ref" in node:
        target = API
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def absolute(schema):
    """The schema with its local references made absolute, so the registry resolves them."""
    text = json.dumps(schema).replace('"#/', '"' + API_URI + "#/")
    return json.loads(text)


def check(method, template, status, headers, body, want_code=None):
    """Problems with one answer, as sentences; empty when it is as described."""
    operation = API["paths"][template][method.lower()]
    response = operation["responses"].get(str(status))
    if response is None:
        return [f"status {status} is not described"]
    response = resolve(response)
    problems = []
    for name, header in response.get("headers", {}).items():
        if resolve(header).get("required") and name.lower() not in headers:
            problems.append(f"required header {name} missing")
    content = response.get("content")
    if not content:
        if body:
            problems.append(f"a body where none is described: {body[:80]!r}")
        return problems
    media = (headers.get("content-type") or "").split(";")[0].strip().lower()
    if media not in content:
        return problems + [f"content type {media!r}, described: {sorted(content)}"]
    if media != "application/json":
        return problems
    try:
        value = json.loads(body)
    except ValueError:
        return problems + [f"not JSON: {body[:80]!r}"]
    validator = jsonschema.Draft202012Validator(
        absolute(content[media]["schema"]), registry=REGISTRY
    )
    problems += [f"{e.message} at {e.json_path}" for e in validator.iter_errors(value)]
    if want_code is not None:
        code = (value.get("error") or {}).get("code") if isinstance(value, dict) else None
        if code != want_code:
            problems.append(f"error code {code!r}, expected {want_code!r}")
    return problems


def request(url, method, path, headers=None, body=None):
    host, port = url.split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
    except (BrokenPipeError, ConnectionResetError):
        pass  # answered (413) before the whole body was sent
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    answer = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, answer, data


def start(binary, data, *args):
    process = subprocess.Popen(
        [binary, "--addr", "127.0.0.1:0", "--data", data, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = process.stdout.readline()
    match = re.search(r"http://[0-9.:]+", line)
    if not match:
        process.kill()
        sys.exit(f"openapi-edges: the server printed {line!r}, not its address")
    return process, match.group(0)


def main():
    binary = sys.argv[1]
    scratch = tempfile.mkdtemp(prefix="openapi-edges-")
    full = (SCHEMAS / "examples/valid/full-referral.json").read_text()
    referral_id = json.loads(full)["referral_id"]
    json_type = {"Content-Type": "application/json"}
    failures = 0
    checked = 0

    server, url = start(binary, scratch + "/a", "--rate-limit", "0", "--allow-origin", "https://agency.example")
    limited, limited_url = start(binary, scratch + "/b", "--rate-limit", "1")
    try:
        token = subprocess.run(
            [binary, "token", "create", "--data", scratch + "/a", "--name", "edges"],
            capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]
        team = {"Authorization": "Bearer " + token}
        feedback = f"/v1/team/referrals/{referral_id}/feedback"
        status_path = f"/v1/referrals/{referral_id}/feedback"
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        cases = [
            # (what, method, template, path, headers, body, expected status, expected error code)
            ("new referral", "POST", "/v1/referrals", "/v1/referrals", json_type, full, 201, None),
            ("retry", "POST", "/v1/referrals", "/v1/referrals", json_type, full, 200, None),
            ("same id, other document", "POST", "/v1/referrals", "/v1/referrals", json_type,
             full.replace("Riverside Academy", "Riverside School"), 409, "referral_id_in_use"),
            ("text/plain", "POST", "/v1/referrals", "/v1/referrals", {"Content-Type": "text/plain"}, full, 415, "unsupported_media_type"),
            ("body over 1 MiB", "POST", "/v1/referrals", "/v1/referrals", json_type, "[" + "1," * (1 << 19) + "1]", 413, "too_large"),
            ("not JSON", "POST", "/v1/referrals", "/v1/referrals", json_type, "{nope", 400, "not_json"),
            ("not UTF-8", "POST", "/v1/referrals", "/v1/referrals", json_type, b'{"a": "\xff"}', 400, "not_json"),
            ("invalid, in Welsh", "POST", "/v1/referrals", "/v1/referrals", dict(json_type, **{"Accept-Language": "cy"}), "{}", 422, None),
            ("17 KiB of headers", "POST", "/v1/referrals", "/v1/referrals", dict(json_type, **{"X-Padding": "a" * 17000}), full, 431, "headers_too_large"),
            ("preflight, allowed origin", "OPTIONS", "/v1/referrals", "/v1/referrals", dict(preflight, Origin="https://agency.example"), None, 200, None),
            ("preflight, foreign origin", "OPTIONS", "/v1/referrals/{referral_id}/feedback", status_path, dict(preflight, Origin="https://elsewhere.example"), None, 200, None),
            ("status, wrong token", "GET", "/v1/referrals/{referral_id}/feedback", status_path, {"Authorization": "Bearer " + "A" * 43}, None, 404, "not_found"),
            ("team, no token", "GET", "/v1/team/referrals", "/v1/team/referrals", {}, None, 401, "unauthorized"),
            ("team, bad limit", "GET", "/v1/team/referrals", "/v1/team/referrals?limit=0", team, None, 400, "invalid_parameter"),
            ("team, page of one", "GET", "/v1/team/referrals", "/v1/team/referrals?limit=1", team, None, 200, None),
            ("export csv", "GET", "/v1/team/export", "/v1/team/export?format=csv", team, None, 200, None),
            ("export jsonl", "GET", "/v1/team/export", "/v1/team/export?format=jsonl&since=2020-01-01", team, None, 200, None),
            ("export, no format", "GET", "/v1/team/export", "/v1/team/export", team, None, 400, "invalid_parameter"),
            ("indicators", "GET", "/v1/team/indicators", "/v1/team/indicators?from=2020-01-01", team, None, 200, None),
            ("feedback, not an object", "POST", "/v1/team/referrals/{referral_id}/feedback", feedback, dict(json_type, **team), "[1]", 400, "bad_request"),
            ("feedback, unknown status", "POST", "/v1/team/referrals/{referral_id}/feedback", feedback, dict(json_type, **team), '{"status": "lost"}', 422, None),
            ("feedback, closed", "POST", "/v1/team/referrals/{referral_id}/feedback", feedback, dict(json_type, **team), '{"status": "closed", "message": "Closed."}', 201, None),
            ("feedback after closed", "POST", "/v1/team/referrals/{referral_id}/feedback", feedback, dict(json_type, **team), '{"status": "under_assessment"}', 409, "closed"),
            ("team get", "GET", "/v1/team/referrals/{referral_id}", f"/v1/team/referrals/{referral_id}", team, None, 200, None),
            ("team get, unknown", "GET", "/v1/team/referrals/{referral_id}", "/v1/team/referrals/00000000-0000-4000-8000-000000000000", team, None, 404, "not_found"),
            ("audit", "GET", "/v1/team/audit", "/v1/team/audit", team, None, 200, None),
            ("session", "POST", "/v1/team/session", "/v1/team/session", team, None, 201, None),
            ("end session", "DELETE", "/v1/team/session", "/v1/team/session", team, None, 204, None),
            ("health", "GET", "/healthz", "/healthz", {}, None, 200, None),
        ]
        runs = [(url, case) for case in cases]
        runs += [
            (limited_url, ("first within the limit", "POST", "/v1/referrals", "/v1/referrals", json_type, full, 201, None)),
            (limited_url, ("over the limit", "POST", "/v1/referrals", "/v1/referrals", json_type, full, 429, "rate_limited")),
        ]
        for base, (what, method, template, path, headers, body, want, code) in runs:
            status, answer, data = request(base, method, path, headers, body)
            problems = [] if status == want else [f"status {status}, expected {want}"]
            problems += check(method, template, status, answer, data, code if status == want else None)
            checked += 1
            if problems:
                failures += 1
                print(f"MISMATCH {what}: {method} {path[:70]}")
                for p in problems:
                    print(f"    {p}")
                print(f"    answer: {status} {answer.get('content-type')} {data[:200]!r}")
    finally:
        for process in (server, limited):
            process.terminate()
            process.wait()
    print(f"openapi-edges: {checked - failures} of {checked} answers as described")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
