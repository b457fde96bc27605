#!/usr/bin/env python3
"""Authoring script for the conformance fixtures (normative spec: referral-v1.md, v1.0).

Run from the repository root:  python3 tests/conformance/build.py

It starts from a few base documents, applies small edits to make each case, and writes
  tests/conformance/<topic>.json        the fixture files (JSON-Schema-Test-Suite shape)
  schemas/examples/valid/*.json         complete example documents
  schemas/examples/invalid/*.json       realistic mistakes, with invalid/EXPECTED.json

Every expected result below is written by hand from the specification. Nothing here runs or
imitates a validator: the only checks this script makes are authoring lints (a fixture path
names a field that is really there, `valid` matches `errors`, descriptions are unique).

Conventions used by the expectations (decided where the spec is silent):
  * order = the order of the spec tables, then array index; unknown fields and repeated
    member names (`duplicate`) after the known fields of their object, in input order;
  * cross-field errors sit at the field their path names;
  * "present" = not missing, not null, not a blank string - whatever its type.
"""

import copy
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXAMPLES = ROOT / "schemas" / "examples"

# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

DEL = object()  # marker: remove the member


def esc(key):
    """One JSON Pointer reference token (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")


def _tokens(path):
    if path == "":
        return []
    assert path.startswith("/"), path
    return [t.replace("~1", "/").replace("~0", "~") for t in path[1:].split("/")]


def put(doc, path, value):
    *parents, last = _tokens(path)
    cur = doc
    for tok in parents:
        cur = cur[int(tok)] if isinstance(cur, list) else cur[tok]
    if isinstance(cur, list):
        if value is DEL:
            del cur[int(last)]
        else:
            cur[int(last)] = value
    elif value is DEL:
        del cur[last]  # KeyError on a typo, on purpose
    else:
        cur[last] = value


def mod(base, changes=None):
    """Deep copy of base with {pointer: value or DEL} applied in order."""
    doc = copy.deepcopy(base)
    for path, value in (changes or {}).items():
        put(doc, path, value if value is DEL else copy.deepcopy(value))
    return doc


def resolve(doc, path):
    cur = doc
    for tok in _tokens(path):
        if isinstance(cur, list):
            cur = cur[int(tok)]
        else:
            cur = cur[tok]
    return cur


class Obj:
    """An object written as raw text, members in the given order; names may repeat."""

    def __init__(self, *pairs):
        self.pairs = list(pairs)


def to_obj(value):
    if isinstance(value, dict):
        return Obj(*[(k, to_obj(v)) for k, v in value.items()])
    if isinstance(value, list):
        return [to_obj(v) for v in value]
    return value


def text(value, indent=0):
    """Serialise like json.dumps(indent=2) but from Obj (repeated names allowed)."""
    pad = "  " * (indent + 1)
    end = "  " * indent
    if isinstance(value, Obj):
        if not value.pairs:
            return "{}"
        parts = []
        for name, v in value.pairs:
            n = name if isinstance(name, RawName) else json.dumps(name, ensure_ascii=False)
            parts.append(f"{pad}{n}: {text(v, indent + 1)}")
        return "{\n" + ",\n".join(parts) + "\n" + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(pad + text(v, indent + 1) for v in value) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False)


class RawName(str):
    """A member name written verbatim (already quoted/escaped) into document_text."""


def obj_at(root, path):
    cur = root
    for tok in _tokens(path):
        if isinstance(cur, list):
            cur = cur[int(tok)]
        else:
            cur = dict(cur.pairs)[tok]
    return cur


def with_repeat(doc, obj_path, name, at=None, written_as=None, extra=()):
    """JSON text of doc where the object at obj_path repeats member `name` (same value).

    at: index in the member list where the repeat goes (None = last).
    written_as: raw quoted spelling of the repeated name (e.g. with a \\u escape).
    extra: further (obj_path, name, value, at) members to insert (e.g. unknown fields).
    """
    root = to_obj(doc)
    target = obj_at(root, obj_path)
    value = dict(target.pairs)[name]
    label = RawName(written_as) if written_as else name
    pair = (label, copy.deepcopy(value))
    if at is None:
        target.pairs.append(pair)
    else:
        target.pairs.insert(at, pair)
    for p, n, v, i in extra:
        o = obj_at(root, p)
        if i is None:
            o.pairs.append((n, to_obj(v)))
        else:
            o.pairs.insert(i, (n, to_obj(v)))
    return text(root) + "\n"


def issues(pairs):
    return [{"path": p, "code": c} for p, c in pairs]


def case(desc, doc=None, errors=(), warnings=(), normalised=None, document_text=None):
    t = {"description": desc}
    if document_text is not None:
        t["document_text"] = document_text
    else:
        t["document"] = doc
    t["valid"] = not errors
    t["errors"] = issues(errors)
    t["warnings"] = issues(warnings)
    if normalised is not None:
        t["normalised"] = normalised
    return t


def group(desc, tests, kind="referral"):
    return {"description": desc, "kind": kind, "tests": tests}


ok = []  # readability: errors=ok


# --------------------------------------------------------------------------------------------
# base documents
# --------------------------------------------------------------------------------------------

REF_ID = "3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0f"
ADV_ID = "b7e4d1c2-5a3f-4e8b-9c6d-1f2a3b4c5d6e"
CREATED = "2026-11-20T10:15:00Z"  # the referral date is 2026-11-20
BAD_CREATED = "2026-11-20 10:15:00Z"  # space instead of T: invalid_format

DESC = ("Over the last month Jordan has repeatedly praised a proscribed group during "
        "appointments and shown staff its propaganda videos on his phone.")
HOW = ("Raised by two members of staff after home visits and discussed with our "
       "safeguarding lead.")

# An adult (36 on the referral date), so no under-18 warning.
REFERRAL = {
    "schema_version": "1.0",
    "referral_id": REF_ID,
    "submission_type": "referral",
    "language": "en",
    "created_at": CREATED,
    "immediate_risk": False,
    "referrer": {
        "full_name": "Alex Morgan",
        "sector": "health",
        "organisation": "Leeds Community Healthcare NHS Trust",
        "job_title": "Community Mental Health Nurse",
        "relationship_to_individual": "professional",
        "email": "alex.morgan@nhs.net",
        "safeguarding_lead_consulted": "yes",
    },
    "individual": {
        "given_names": "Jordan",
        "family_name": "Ellis",
        "date_of_birth": "1990-05-14",
        "address": {"line1": "12 Station Road", "town_or_city": "Leeds", "postcode": "LS1 4DY"},
    },
    "concern": {"description": DESC, "how_identified": HOW},
    "sharing": {"individual_aware": "yes", "consent": "given", "necessity_confirmed": True},
}

ADVICE = {
    "schema_version": "1.0",
    "referral_id": ADV_ID,
    "submission_type": "advice_request",
    "language": "cy",
    "created_at": CREATED,
    "immediate_risk": False,
    "referrer": {
        "full_name": "Rhian Evans",
        "sector": "education",
        "organisation": "Ysgol Gyfun Aberystwyth",
        "job_title": "Designated Safeguarding Lead",
        "relationship_to_individual": "professional",
        "phone": "01970 617921",
        "safeguarding_lead_consulted": "i_am_the_lead",
    },
    "concern": {
        "description": ("A pupil has been sharing memes that glorify a recent mass shooting in a "
                        "class group chat. Should this be referred?"),
        "how_identified": "Screenshots were passed to me by another pupil's parent.",
    },
}

FEEDBACK = {
    "schema_version": "1.0",
    "referral_id": REF_ID,
    "status": "received",
    "updated_at": "2026-11-21T09:00:00Z",
    "message": "Thank you. Your referral has been received and will be assessed within two working days.",
}

PARENT = {"full_name": "Sam Ellis", "relationship": "Mother"}
PARENTS = [PARENT]

# The same adult referral with a parent listed: used wherever a young or unknown age would
# otherwise bring in the under-18 warning and distract from the rule under test.
WITH_PARENTS = mod(REFERRAL, {"/individual/parents_or_carers": PARENTS})
NO_DOB = mod(REFERRAL, {"/individual/date_of_birth": DEL})
NO_DOB_P = mod(WITH_PARENTS, {"/individual/date_of_birth": DEL})

SM = mod(REFERRAL, {"/individual/social_media": [{"platform": "Instagram", "handle": "@jordan.e"}]})
OA = mod(REFERRAL, {"/concern/other_agencies": [{"name": "Leeds Adult Social Care", "contact": "0113 222 4401"}]})
AWARE_NO = mod(REFERRAL, {"/sharing/individual_aware": "no",
                          "/sharing/reason_not_aware": "Telling him now could put his younger brother at risk."})
NOT_SOUGHT = mod(REFERRAL, {"/sharing/consent": "not_sought",
                            "/sharing/reason_consent_not_sought": "Seeking consent could alert associates who are also of concern."})
FRIENDS = mod(REFERRAL, {
    "/referrer": {
        "full_name": "Dana Okafor",
        "sector": "friends_family",
        "relationship_to_individual": "friend",
        "phone": "07700 900461",
    },
})

D49 = "Told classmates the bombing was right; says more."
D50 = "Told classmates the bombing was right; said lots more"[:50]
assert len(D49) == 49 and len(D50) == 50, (len(D49), len(D50))

FULL = {
    "schema_version": "1.0",
    "referral_id": "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b",
    "submission_type": "referral",
    "language": "en",
    "created_at": "2026-11-20T10:15:00Z",
    "immediate_risk": False,
    "referrer": {
        "full_name": "Priya Shah",
        "sector": "education",
        "organisation": "Riverside Academy",
        "job_title": "Head of Year 11",
        "relationship_to_individual": "professional",
        "email": "p.shah@riverside-academy.sch.uk",
        "phone": "0113 496 0732",
        "safeguarding_lead_consulted": "yes",
        "feedback_requested": True,
    },
    "individual": {
        "name_not_known": False,
        "given_names": "Jordan Lee",
        "family_name": "Ellis",
        "other_names": ["JJ", "Jordan Smith"],
        "date_of_birth": "2010-03-02",
        "sex": "male",
        "address_not_known": False,
        "address": {
            "line1": "Flat 3",
            "line2": "12 Station Road",
            "town_or_city": "Leeds",
            "county": "West Yorkshire",
            "postcode": "LS1 4DY",
        },
        "phone": "07700 900123",
        "email": "jordan.ellis@example.com",
        "social_media": [{"platform": "TikTok", "handle": "@jj_ellis"},
                         {"platform": "Discord", "handle": "jjellis#2010"}],
        "nationality": "British",
        "primary_language": "English",
        "interpreter_needed": False,
        "nhs_number": "9434765919",
        "education_or_employment": {"status": "in_education", "establishment": "Riverside Academy"},
        "parents_or_carers": [{
            "full_name": "Sam Ellis",
            "relationship": "Mother",
            "phone": "07700 900456",
            "email": "sam.ellis@example.com",
            "aware_of_referral": "no",
        }],
    },
    "concern": {
        "description": ("Jordan has told classmates that the people killed in a recent attack "
                        "'deserved it' and has shown them videos from an extreme right-wing "
                        "channel. He drew a symbol associated with a proscribed group on his "
                        "planner.\nTwo pupils say he asked them how to buy a knife online."),
        "how_identified": "Reported to me by two pupils on 17 November; I saw the planner myself.",
        "first_noticed": "2026-09",
        "indicators": ["support_for_extremist_cause", "concerning_online_activity",
                       "possession_of_extremist_material"],
        "concern_types": ["extreme_right_wing"],
        "other_safeguarding_concerns": ["domestic_abuse"],
        "known_conditions": ["autism_suspected", "special_educational_needs"],
        "needs_description": "Recently moved school after a family breakdown; has few friends.",
        "other_agencies": [{"name": "CAMHS Leeds", "contact": "0113 555 0100"}],
    },
    "sharing": {
        "individual_aware": "no",
        "reason_not_aware": "The safeguarding lead advised that telling him first could put his sister at risk.",
        "consent": "not_sought",
        "reason_consent_not_sought": "Seeking consent from the family may alert the adult we are concerned about.",
        "necessity_confirmed": True,
    },
    "extensions": {"uk.police.west-yorkshire": {"force_reference": "WY-2026-004211"}},
}


FILES = {}


def add(topic, *groups):
    FILES.setdefault(topic, []).extend(groups)


def blank_variants(base, path, code_path=None, extra_errors_before=(), extra_errors_after=()):
    """The field at path missing, null and blank: each is `required` at the field's path."""
    cp = code_path or path
    errs = list(extra_errors_before) + [(cp, "required")] + list(extra_errors_after)
    return [
        case(f"{path} missing", mod(base, {path: DEL}), errs),
        case(f"{path} null", mod(base, {path: None}), errs),
        case(f"{path} blank string", mod(base, {path: "   "}), errs),
    ]


# ============================================================================================
# top_level.json
# ============================================================================================

add("top_level",
    group("base documents", [
        case("adult referral with the fields every referral needs", REFERRAL, ok, normalised=REFERRAL),
        case("advice request with no individual and no sharing", ADVICE, ok, normalised=ADVICE),
    ]),
    group("schema_version", [
        case("1.0 is valid", REFERRAL, ok),
        case("1.1 is an unsupported version", mod(REFERRAL, {"/schema_version": "1.1"}),
             [("/schema_version", "unsupported_version")]),
        case("2.0 is an unsupported version", mod(REFERRAL, {"/schema_version": "2.0"}),
             [("/schema_version", "unsupported_version")]),
        case("\"1\" is an unsupported version", mod(REFERRAL, {"/schema_version": "1"}),
             [("/schema_version", "unsupported_version")]),
        case("1.0 as a number is a type error", mod(REFERRAL, {"/schema_version": 1.0}),
             [("/schema_version", "type")]),
        case("\" 1.0 \" is trimmed and valid", mod(REFERRAL, {"/schema_version": " 1.0 "}), ok,
             normalised=REFERRAL),
    ]),
    group("referral_id", [
        case("upper-case UUID is valid",
             mod(REFERRAL, {"/referral_id": "3F2C8A4E-9B1D-4C7A-8E2F-5A6B7C8D9E0F"}), ok),
        case("mixed-case UUID is valid",
             mod(REFERRAL, {"/referral_id": "3f2C8a4E-9b1D-4c7A-8e2F-5a6B7c8D9e0F"}), ok),
        case("nil UUID is valid",
             mod(REFERRAL, {"/referral_id": "00000000-0000-0000-0000-000000000000"}), ok),
        case("a version 7 UUID is valid",
             mod(REFERRAL, {"/referral_id": "01936f4e-7c2a-7d3b-9a41-2f6e8b0c1d5e"}), ok),
        case("UUID without hyphens is invalid",
             mod(REFERRAL, {"/referral_id": "3f2c8a4e9b1d4c7a8e2f5a6b7c8d9e0f"}),
             [("/referral_id", "invalid_format")]),
        case("UUID in braces is invalid",
             mod(REFERRAL, {"/referral_id": "{3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0f}"}),
             [("/referral_id", "invalid_format")]),
        case("urn:uuid: prefix is invalid",
             mod(REFERRAL, {"/referral_id": "urn:uuid:3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0f"}),
             [("/referral_id", "invalid_format")]),
        case("non-hex letter g is invalid",
             mod(REFERRAL, {"/referral_id": "3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0g"}),
             [("/referral_id", "invalid_format")]),
        case("last group of 11 digits is invalid",
             mod(REFERRAL, {"/referral_id": "3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0"}),
             [("/referral_id", "invalid_format")]),
        case("hyphens in the wrong places are invalid",
             mod(REFERRAL, {"/referral_id": "3f2c8a4e9-b1d-4c7a-8e2f-5a6b7c8d9e0f"}),
             [("/referral_id", "invalid_format")]),
        case("a case reference instead of a UUID is invalid",
             mod(REFERRAL, {"/referral_id": "WY-2026-004211"}),
             [("/referral_id", "invalid_format")]),
        case("UUID as a number is a type error", mod(REFERRAL, {"/referral_id": 12345}),
             [("/referral_id", "type")]),
    ]),
    group("submission_type", [
        case("unknown submission_type: referral rules apply to an advice-shaped document",
             mod(ADVICE, {"/submission_type": "advice"}),
             [("/submission_type", "invalid_option"), ("/individual", "required"), ("/sharing", "required")]),
        case("submission_type is case-sensitive: Advice_Request is invalid and referral rules apply",
             mod(ADVICE, {"/submission_type": "Advice_Request"}),
             [("/submission_type", "invalid_option"), ("/individual", "required"), ("/sharing", "required")]),
        case("missing submission_type: referral rules apply",
             mod(ADVICE, {"/submission_type": DEL}),
             [("/submission_type", "required"), ("/individual", "required"), ("/sharing", "required")]),
        case("submission_type of the wrong type: referral rules apply",
             mod(ADVICE, {"/submission_type": 2}),
             [("/submission_type", "type"), ("/individual", "required"), ("/sharing", "required")]),
        case("Referral with a capital is invalid_option",
             mod(REFERRAL, {"/submission_type": "Referral"}),
             [("/submission_type", "invalid_option")]),
    ]),
    group("language", [
        case("cy is valid", mod(REFERRAL, {"/language": "cy"}), ok),
        case("fr is not an option", mod(REFERRAL, {"/language": "fr"}), [("/language", "invalid_option")]),
        case("EN is not an option (codes are case-sensitive)", mod(REFERRAL, {"/language": "EN"}),
             [("/language", "invalid_option")]),
        case("en-GB is not an option", mod(REFERRAL, {"/language": "en-GB"}),
             [("/language", "invalid_option")]),
        case("an array is a type error", mod(REFERRAL, {"/language": ["en"]}), [("/language", "type")]),
        case("U+2028 inside a code is decided by the code list, not as a forbidden character",
             mod(REFERRAL, {"/language": "e\u2028n"}), [("/language", "invalid_option")]),
        case("a NUL inside a code is invalid_characters",
             mod(REFERRAL, {"/language": "e\u0000n"}), [("/language", "invalid_characters")]),
    ]),
    group("immediate_risk", [
        case("true gives the call_999 warning and stays valid", mod(REFERRAL, {"/immediate_risk": True}), ok,
             [("/immediate_risk", "call_999")]),
        case("false gives no warning", REFERRAL, ok),
        case("\"true\" as a string is a type error, and no warning",
             mod(REFERRAL, {"/immediate_risk": "true"}), [("/immediate_risk", "type")]),
        case("1 is a type error", mod(REFERRAL, {"/immediate_risk": 1}), [("/immediate_risk", "type")]),
    ]),
    group("the document itself", [
        case("an array document is a type error at the root", [REFERRAL], [("", "type")]),
        case("a string document is a type error at the root", "referral", [("", "type")]),
        case("a number document is a type error at the root", 42, [("", "type")]),
        case("a boolean document is a type error at the root", True, [("", "type")]),
        case("an empty object: every required top-level field, in table order", {},
             [("/schema_version", "required"), ("/referral_id", "required"),
              ("/submission_type", "required"), ("/language", "required"), ("/created_at", "required"),
              ("/immediate_risk", "required"), ("/referrer", "required"), ("/individual", "required"),
              ("/concern", "required"), ("/sharing", "required")]),
    ]),
    )

# ============================================================================================
# required.json
# ============================================================================================

REQUIRED_REFERRAL = [
    (REFERRAL, "/schema_version"), (REFERRAL, "/referral_id"), (REFERRAL, "/submission_type"),
    (REFERRAL, "/language"), (REFERRAL, "/created_at"), (REFERRAL, "/immediate_risk"),
    (REFERRAL, "/referrer"), (REFERRAL, "/individual"), (REFERRAL, "/concern"), (REFERRAL, "/sharing"),
    (REFERRAL, "/referrer/full_name"), (REFERRAL, "/referrer/sector"), (REFERRAL, "/referrer/organisation"),
    (REFERRAL, "/referrer/job_title"), (REFERRAL, "/referrer/relationship_to_individual"),
    (REFERRAL, "/referrer/safeguarding_lead_consulted"),
    (REFERRAL, "/individual/given_names"), (REFERRAL, "/individual/family_name"),
    (REFERRAL, "/individual/date_of_birth"),  # no approximate_age either
    (REFERRAL, "/individual/address"), (REFERRAL, "/individual/address/line1"),
    (REFERRAL, "/individual/address/town_or_city"), (REFERRAL, "/individual/address/postcode"),
    (SM, "/individual/social_media/0/platform"), (SM, "/individual/social_media/0/handle"),
    (WITH_PARENTS, "/individual/parents_or_carers/0/full_name"),
    (WITH_PARENTS, "/individual/parents_or_carers/0/relationship"),
    (REFERRAL, "/concern/description"), (REFERRAL, "/concern/how_identified"),
    (OA, "/concern/other_agencies/0/name"),
    (REFERRAL, "/sharing/individual_aware"), (AWARE_NO, "/sharing/reason_not_aware"),
    (REFERRAL, "/sharing/consent"), (NOT_SOUGHT, "/sharing/reason_consent_not_sought"),
    (REFERRAL, "/sharing/necessity_confirmed"),
]
_req_tests = []
for _base, _path in REQUIRED_REFERRAL:
    _req_tests += blank_variants(_base, _path)

add("required",
    group("each required referral field missing, null, or blank (a blank string is absent whatever the field's type)",
          _req_tests),
    group("the required fields of nested objects, all at once", [
        case("referrer {}: every required field in table order, email_or_phone_required at the email's place",
             mod(REFERRAL, {"/referrer": {}}),
             [("/referrer/full_name", "required"), ("/referrer/sector", "required"),
              ("/referrer/organisation", "required"), ("/referrer/job_title", "required"),
              ("/referrer/relationship_to_individual", "required"),
              ("/referrer/email", "email_or_phone_required"),
              ("/referrer/safeguarding_lead_consulted", "required")]),
        case("individual {} in a referral: names, date of birth and address",
             mod(REFERRAL, {"/individual": {}}),
             [("/individual/given_names", "required"), ("/individual/family_name", "required"),
              ("/individual/date_of_birth", "required"), ("/individual/address", "required")]),
        case("address {} in a referral: line1, town_or_city and postcode",
             mod(REFERRAL, {"/individual/address": {}}),
             [("/individual/address/line1", "required"), ("/individual/address/town_or_city", "required"),
              ("/individual/address/postcode", "required")]),
        case("concern {}: description and how_identified", mod(REFERRAL, {"/concern": {}}),
             [("/concern/description", "required"), ("/concern/how_identified", "required")]),
        case("sharing {}: individual_aware, consent, necessity_confirmed", mod(REFERRAL, {"/sharing": {}}),
             [("/sharing/individual_aware", "required"), ("/sharing/consent", "required"),
              ("/sharing/necessity_confirmed", "required")]),
        case("optional fields null or blank are simply absent",
             mod(REFERRAL, {"/referrer/feedback_requested": None, "/individual/sex": None,
                            "/individual/nationality": "  ", "/individual/other_names": None,
                            "/individual/address/line2": "", "/concern/first_noticed": " ",
                            "/concern/indicators": None, "/extensions": None}), ok),
    ]),
    )

# ============================================================================================
# conditions.json - controlling fields, both ways
# ============================================================================================

add("conditions",
    group("referrer sector friends_family", [
        case("friends_family needs no organisation, job_title or safeguarding_lead_consulted", FRIENDS, ok),
        case("friends_family may still give them, and they are checked (valid here)",
             mod(FRIENDS, {"/referrer/organisation": "Leeds Mosque Youth Group",
                           "/referrer/job_title": "Volunteer", "/referrer/safeguarding_lead_consulted": "no"}), ok),
        case("friends_family with a bad safeguarding_lead_consulted is still checked",
             mod(FRIENDS, {"/referrer/safeguarding_lead_consulted": "maybe"}),
             [("/referrer/safeguarding_lead_consulted", "invalid_option")]),
        case("friends_family still needs relationship_to_individual",
             mod(FRIENDS, {"/referrer/relationship_to_individual": DEL}),
             [("/referrer/relationship_to_individual", "required")]),
        case("friends_family still needs an email or a phone",
             mod(FRIENDS, {"/referrer/phone": DEL}), [("/referrer/email", "email_or_phone_required")]),
        case("another sector without those fields: all three required",
             mod(FRIENDS, {"/referrer/sector": "community"}),
             [("/referrer/organisation", "required"), ("/referrer/job_title", "required"),
              ("/referrer/safeguarding_lead_consulted", "required")]),
        case("Friends_Family (wrong case) is invalid_option and the three fields are required",
             mod(FRIENDS, {"/referrer/sector": "Friends_Family"}),
             [("/referrer/sector", "invalid_option"), ("/referrer/organisation", "required"),
              ("/referrer/job_title", "required"), ("/referrer/safeguarding_lead_consulted", "required")]),
        case("sector missing: the three fields are required",
             mod(FRIENDS, {"/referrer/sector": DEL}),
             [("/referrer/sector", "required"), ("/referrer/organisation", "required"),
              ("/referrer/job_title", "required"), ("/referrer/safeguarding_lead_consulted", "required")]),
    ]),
    group("individual name_not_known", [
        case("name_not_known true: no names needed",
             mod(REFERRAL, {"/individual/name_not_known": True, "/individual/given_names": DEL,
                            "/individual/family_name": DEL}), ok),
        case("name_not_known true beside names: accepted",
             mod(REFERRAL, {"/individual/name_not_known": True}), ok),
        case("name_not_known true and only a given name: accepted",
             mod(REFERRAL, {"/individual/name_not_known": True, "/individual/family_name": DEL}), ok),
        case("name_not_known true beside a name that is too long: the name is still checked",
             mod(REFERRAL, {"/individual/name_not_known": True, "/individual/given_names": "J" * 201}),
             [("/individual/given_names", "too_long")]),
        case("name_not_known false: both names required",
             mod(REFERRAL, {"/individual/name_not_known": False, "/individual/given_names": DEL,
                            "/individual/family_name": DEL}),
             [("/individual/given_names", "required"), ("/individual/family_name", "required")]),
        case("name_not_known \"true\" (a string) is a type error and both names are still required",
             mod(REFERRAL, {"/individual/name_not_known": "true", "/individual/given_names": DEL,
                            "/individual/family_name": DEL}),
             [("/individual/name_not_known", "type"), ("/individual/given_names", "required"),
              ("/individual/family_name", "required")]),
        case("name_not_known null counts as absent: both names required",
             mod(REFERRAL, {"/individual/name_not_known": None, "/individual/given_names": DEL,
                            "/individual/family_name": DEL}),
             [("/individual/given_names", "required"), ("/individual/family_name", "required")]),
    ]),
    group("individual address_not_known", [
        case("address_not_known true: no address needed",
             mod(REFERRAL, {"/individual/address_not_known": True, "/individual/address": DEL}), ok),
        case("address_not_known true beside a full address: accepted",
             mod(REFERRAL, {"/individual/address_not_known": True}), ok),
        case("address_not_known true beside an address with a bad postcode: still checked",
             mod(REFERRAL, {"/individual/address_not_known": True, "/individual/address/postcode": "LS1 4DI"}),
             [("/individual/address/postcode", "invalid_postcode")]),
        case("address_not_known false: address required",
             mod(REFERRAL, {"/individual/address_not_known": False, "/individual/address": DEL}),
             [("/individual/address", "required")]),
        case("address_not_known \"true\" is a type error and the address is still required",
             mod(REFERRAL, {"/individual/address_not_known": "true", "/individual/address": DEL}),
             [("/individual/address_not_known", "type"), ("/individual/address", "required")]),
        case("address_not_known 1 is a type error and the address is still required",
             mod(REFERRAL, {"/individual/address_not_known": 1, "/individual/address": DEL}),
             [("/individual/address_not_known", "type"), ("/individual/address", "required")]),
    ]),
    group("sharing individual_aware and consent", [
        case("individual_aware no with a reason: valid", AWARE_NO, ok),
        case("individual_aware no without a reason: required",
             mod(AWARE_NO, {"/sharing/reason_not_aware": DEL}), [("/sharing/reason_not_aware", "required")]),
        case("individual_aware not_known needs no reason", mod(REFERRAL, {"/sharing/individual_aware": "not_known"}), ok),
        case("individual_aware yes with a reason anyway: accepted",
             mod(AWARE_NO, {"/sharing/individual_aware": "yes"}), ok),
        case("individual_aware No (wrong case): invalid_option only, the reason is not required",
             mod(REFERRAL, {"/sharing/individual_aware": "No"}), [("/sharing/individual_aware", "invalid_option")]),
        case("consent not_sought with a reason: valid", NOT_SOUGHT, ok),
        case("consent not_sought without a reason: required",
             mod(NOT_SOUGHT, {"/sharing/reason_consent_not_sought": DEL}),
             [("/sharing/reason_consent_not_sought", "required")]),
        case("consent declined never blocks a referral", mod(REFERRAL, {"/sharing/consent": "declined"}), ok),
        case("consent given with a reason_consent_not_sought anyway: accepted",
             mod(NOT_SOUGHT, {"/sharing/consent": "given"}), ok),
        case("consent NOT_SOUGHT (wrong case): invalid_option only, the reason is not required",
             mod(REFERRAL, {"/sharing/consent": "NOT_SOUGHT"}), [("/sharing/consent", "invalid_option")]),
        case("both conditions at once, both reasons missing",
             mod(REFERRAL, {"/sharing/individual_aware": "no", "/sharing/consent": "not_sought"}),
             [("/sharing/reason_not_aware", "required"), ("/sharing/reason_consent_not_sought", "required")]),
    ]),
    group("date of birth or approximate age (referral)", [
        case("approximate_age instead of date_of_birth", mod(NO_DOB, {"/individual/approximate_age": 36}), ok),
        case("neither: required at date_of_birth", NO_DOB, [("/individual/date_of_birth", "required")]),
        case("age null and date of birth blank: required at date_of_birth",
             mod(REFERRAL, {"/individual/date_of_birth": "  ", "/individual/approximate_age": None}),
             [("/individual/date_of_birth", "required")]),
    ]),
    )

# ============================================================================================
# referrer.json
# ============================================================================================

SECTORS = ["education", "health", "local_authority", "police", "prisons", "probation", "community",
           "friends_family", "other"]
RELATIONSHIPS = ["professional", "family_member", "friend", "other"]
LEAD = ["yes", "no", "i_am_the_lead", "no_lead_in_organisation"]

add("referrer",
    group("referrer codes", [
        *[case(f"sector {s} is valid", mod(REFERRAL, {"/referrer/sector": s}), ok) for s in SECTORS],
        case("sector school is not an option", mod(REFERRAL, {"/referrer/sector": "school"}),
             [("/referrer/sector", "invalid_option")]),
        *[case(f"relationship_to_individual {r} is valid",
               mod(REFERRAL, {"/referrer/relationship_to_individual": r}), ok) for r in RELATIONSHIPS],
        case("relationship_to_individual teacher is not an option",
             mod(REFERRAL, {"/referrer/relationship_to_individual": "teacher"}),
             [("/referrer/relationship_to_individual", "invalid_option")]),
        *[case(f"safeguarding_lead_consulted {v} is valid",
               mod(REFERRAL, {"/referrer/safeguarding_lead_consulted": v}), ok) for v in LEAD],
        case("safeguarding_lead_consulted true (boolean) is a type error",
             mod(REFERRAL, {"/referrer/safeguarding_lead_consulted": True}),
             [("/referrer/safeguarding_lead_consulted", "type")]),
        case("safeguarding_lead_consulted not_yet is not an option",
             mod(REFERRAL, {"/referrer/safeguarding_lead_consulted": "not_yet"}),
             [("/referrer/safeguarding_lead_consulted", "invalid_option")]),
    ]),
    group("referrer text and booleans", [
        case("feedback_requested true", mod(REFERRAL, {"/referrer/feedback_requested": True}), ok),
        case("feedback_requested false", mod(REFERRAL, {"/referrer/feedback_requested": False}), ok),
        case("feedback_requested \"yes\" is a type error",
             mod(REFERRAL, {"/referrer/feedback_requested": "yes"}), [("/referrer/feedback_requested", "type")]),
        case("organisation of 201 characters is too long",
             mod(REFERRAL, {"/referrer/organisation": "O" * 201}), [("/referrer/organisation", "too_long")]),
        case("job_title as a number is a type error",
             mod(REFERRAL, {"/referrer/job_title": 7}), [("/referrer/job_title", "type")]),
        case("full_name as an object is a type error",
             mod(REFERRAL, {"/referrer/full_name": {"given": "Alex", "family": "Morgan"}}),
             [("/referrer/full_name", "type")]),
    ]),
    group("email or phone", [
        case("email only", REFERRAL, ok),
        case("phone only", mod(REFERRAL, {"/referrer/email": DEL, "/referrer/phone": "0113 496 0732"}), ok),
        case("both", mod(REFERRAL, {"/referrer/phone": "0113 496 0732"}), ok),
        case("neither: email_or_phone_required at /referrer/email",
             mod(REFERRAL, {"/referrer/email": DEL}), [("/referrer/email", "email_or_phone_required")]),
        case("both blank: email_or_phone_required",
             mod(REFERRAL, {"/referrer/email": "  ", "/referrer/phone": "\t"}),
             [("/referrer/email", "email_or_phone_required")]),
        case("email null and phone null: email_or_phone_required",
             mod(REFERRAL, {"/referrer/email": None, "/referrer/phone": None}),
             [("/referrer/email", "email_or_phone_required")]),
        case("an invalid email counts as given: only invalid_email",
             mod(REFERRAL, {"/referrer/email": "alex.morgan"}), [("/referrer/email", "invalid_email")]),
        case("a phone of the wrong type counts as given: only the type error",
             mod(REFERRAL, {"/referrer/email": DEL, "/referrer/phone": 1134960732}),
             [("/referrer/phone", "type")]),
        case("an email of the wrong type counts as given: only the type error",
             mod(REFERRAL, {"/referrer/email": ["alex.morgan@nhs.net"]}), [("/referrer/email", "type")]),
        case("email_or_phone_required sits at the email's place among the referrer's errors",
             mod(REFERRAL, {"/referrer/email": DEL, "/referrer/relationship_to_individual": "colleague",
                            "/referrer/safeguarding_lead_consulted": "unsure"}),
             [("/referrer/relationship_to_individual", "invalid_option"),
              ("/referrer/email", "email_or_phone_required"),
              ("/referrer/safeguarding_lead_consulted", "invalid_option")]),
    ]),
    group("referrer of the wrong type: nothing beneath is checked", [
        case("referrer \"x\": only the type error", mod(REFERRAL, {"/referrer": "x"}), [("/referrer", "type")]),
        case("referrer as an array: only the type error",
             mod(REFERRAL, {"/referrer": [REFERRAL["referrer"]]}), [("/referrer", "type")]),
        case("referrer false: only the type error", mod(REFERRAL, {"/referrer": False}), [("/referrer", "type")]),
    ]),
    )

# ============================================================================================
# individual.json
# ============================================================================================

EDU = ["in_education", "employed", "not_in_education_or_employment", "not_known"]
FULL_PARENT = {"full_name": "Sam Ellis", "relationship": "Mother", "phone": "07700 900456",
               "email": "sam.ellis@example.com", "aware_of_referral": "not_known"}

add("individual",
    group("individual as a whole", [
        case("individual \"x\": only the type error (no date of birth required)",
             mod(REFERRAL, {"/individual": "x"}), [("/individual", "type")]),
        case("individual as an array: only the type error",
             mod(REFERRAL, {"/individual": [REFERRAL["individual"]]}), [("/individual", "type")]),
        case("every optional field present and valid",
             mod(WITH_PARENTS, {"/individual/other_names": ["JJ"], "/individual/sex": "male",
                                "/individual/phone": "07700 900123", "/individual/email": "jordan@example.com",
                                "/individual/nationality": "British", "/individual/primary_language": "English",
                                "/individual/interpreter_needed": False, "/individual/nhs_number": "9434765919",
                                "/individual/education_or_employment": {"status": "employed",
                                                                        "establishment": "Leeds Bus Depot"},
                                "/individual/social_media": [{"platform": "X", "handle": "@jordan_e"}],
                                "/individual/address/line2": "Holbeck", "/individual/address/county": "West Yorkshire"}),
             ok),
    ]),
    group("other_names", [
        case("two aliases", mod(REFERRAL, {"/individual/other_names": ["JJ", "Jordan Smith"]}), ok),
        case("the same alias twice is allowed (not a code list)",
             mod(REFERRAL, {"/individual/other_names": ["JJ", "JJ"]}), ok),
        case("a string instead of an array is a type error",
             mod(REFERRAL, {"/individual/other_names": "JJ"}), [("/individual/other_names", "type")]),
        case("a number item is a type error at the item",
             mod(REFERRAL, {"/individual/other_names": ["JJ", 7]}), [("/individual/other_names/1", "type")]),
        case("a null item is required at the item",
             mod(REFERRAL, {"/individual/other_names": [None, "JJ"]}), [("/individual/other_names/0", "required")]),
        case("a blank item is required at the item",
             mod(REFERRAL, {"/individual/other_names": ["JJ", "  "]}), [("/individual/other_names/1", "required")]),
        case("an item of 201 characters is too long",
             mod(REFERRAL, {"/individual/other_names": ["JJ", "n" * 201]}), [("/individual/other_names/1", "too_long")]),
    ]),
    group("approximate_age", [
        case("36 instead of a date of birth", mod(NO_DOB, {"/individual/approximate_age": 36}), ok),
        case("120 is in range", mod(NO_DOB, {"/individual/approximate_age": 120}), ok),
        case("121 is out of range", mod(NO_DOB, {"/individual/approximate_age": 121}),
             [("/individual/approximate_age", "out_of_range")]),
        case("-1 is out of range (with a parent listed)", mod(NO_DOB_P, {"/individual/approximate_age": -1}),
             [("/individual/approximate_age", "out_of_range")]),
        case("0 is in range (with a parent listed)", mod(NO_DOB_P, {"/individual/approximate_age": 0}), ok),
        case("15.0 is an integer (with a parent listed)", mod(NO_DOB_P, {"/individual/approximate_age": 15.0}), ok),
        case("15.5 is a type error (with a parent listed)", mod(NO_DOB_P, {"/individual/approximate_age": 15.5}),
             [("/individual/approximate_age", "type")]),
        case("\"36\" as a string is a type error, and still counts as given",
             mod(NO_DOB, {"/individual/approximate_age": "36"}), [("/individual/approximate_age", "type")]),
        case("true is a type error", mod(NO_DOB, {"/individual/approximate_age": True}),
             [("/individual/approximate_age", "type")]),
    ]),
    group("date_of_birth and approximate_age together", [
        case("both valid: conflict at approximate_age",
             mod(REFERRAL, {"/individual/approximate_age": 36}), [("/individual/approximate_age", "conflict")]),
        case("an invalid date of birth still counts as given: invalid_date then conflict",
             mod(REFERRAL, {"/individual/date_of_birth": "1990-02-30", "/individual/approximate_age": 36}),
             [("/individual/date_of_birth", "invalid_date"), ("/individual/approximate_age", "conflict")]),
        case("a date of birth of the wrong type still counts as given: type then conflict",
             mod(REFERRAL, {"/individual/date_of_birth": 19900514, "/individual/approximate_age": 36}),
             [("/individual/date_of_birth", "type"), ("/individual/approximate_age", "conflict")]),
        case("an age out of range gets only out_of_range",
             mod(REFERRAL, {"/individual/approximate_age": 150}), [("/individual/approximate_age", "out_of_range")]),
        case("an age of the wrong type gets only the type error",
             mod(REFERRAL, {"/individual/approximate_age": "36"}), [("/individual/approximate_age", "type")]),
        case("null age beside a date of birth: no conflict",
             mod(REFERRAL, {"/individual/approximate_age": None}), ok),
    ]),
    group("sex", [
        *[case(f"sex {s}", mod(REFERRAL, {"/individual/sex": s}), ok) for s in ["male", "female", "not_known"]],
        case("M is not an option", mod(REFERRAL, {"/individual/sex": "M"}), [("/individual/sex", "invalid_option")]),
        case("other is not an option for sex", mod(REFERRAL, {"/individual/sex": "other"}),
             [("/individual/sex", "invalid_option")]),
    ]),
    group("address", [
        case("all five fields", mod(REFERRAL, {"/individual/address/line2": "Holbeck",
                                               "/individual/address/county": "West Yorkshire"}), ok),
        case("address as a string: only the type error",
             mod(REFERRAL, {"/individual/address": "12 Station Road, Leeds LS1 4DY"}), [("/individual/address", "type")]),
        case("address as an array: only the type error",
             mod(REFERRAL, {"/individual/address": ["12 Station Road", "Leeds"]}), [("/individual/address", "type")]),
        case("line2 of 201 characters is too long",
             mod(REFERRAL, {"/individual/address/line2": "x" * 201}), [("/individual/address/line2", "too_long")]),
        case("county as a number is a type error",
             mod(REFERRAL, {"/individual/address/county": 1}), [("/individual/address/county", "type")]),
        case("an unknown country field in the address",
             mod(REFERRAL, {"/individual/address/country": "UK"}), [("/individual/address/country", "unknown_field")]),
    ]),
    group("other individual fields", [
        case("interpreter_needed true", mod(REFERRAL, {"/individual/interpreter_needed": True}), ok),
        case("interpreter_needed \"no\" is a type error",
             mod(REFERRAL, {"/individual/interpreter_needed": "no"}), [("/individual/interpreter_needed", "type")]),
        case("nationality of 201 characters is too long",
             mod(REFERRAL, {"/individual/nationality": "N" * 201}), [("/individual/nationality", "too_long")]),
        case("primary_language as a number is a type error",
             mod(REFERRAL, {"/individual/primary_language": 44}), [("/individual/primary_language", "type")]),
        case("individual phone invalid", mod(REFERRAL, {"/individual/phone": "0770 090"}),
             [("/individual/phone", "invalid_phone")]),
        case("individual email invalid", mod(REFERRAL, {"/individual/email": "jordan@example"}),
             [("/individual/email", "invalid_email")]),
        case("individual phone and email valid",
             mod(REFERRAL, {"/individual/phone": "+44 7700 900123", "/individual/email": "jordan@example.co.uk"}), ok),
    ]),
    group("social_media", [
        case("two accounts", mod(REFERRAL, {"/individual/social_media": [
            {"platform": "TikTok", "handle": "@jj"}, {"platform": "Telegram", "handle": "jj_2010"}]}), ok),
        case("an item that is a string is a type error at the item",
             mod(REFERRAL, {"/individual/social_media": ["@jj on TikTok"]}), [("/individual/social_media/0", "type")]),
        case("an item {} in a referral: platform and handle required",
             mod(REFERRAL, {"/individual/social_media": [{}]}),
             [("/individual/social_media/0/platform", "required"), ("/individual/social_media/0/handle", "required")]),
        case("social_media as an object is a type error",
             mod(REFERRAL, {"/individual/social_media": {"platform": "TikTok", "handle": "@jj"}}),
             [("/individual/social_media", "type")]),
        case("an unknown url field in a social_media item",
             mod(SM, {"/individual/social_media/0/url": "https://instagram.com/jordan.e"}),
             [("/individual/social_media/0/url", "unknown_field")]),
    ]),
    group("education_or_employment", [
        *[case(f"status {s}", mod(REFERRAL, {"/individual/education_or_employment": {"status": s}}), ok) for s in EDU],
        case("an empty object is fine (nothing in it is required)",
             mod(REFERRAL, {"/individual/education_or_employment": {}}), ok),
        case("status student is not an option",
             mod(REFERRAL, {"/individual/education_or_employment": {"status": "student"}}),
             [("/individual/education_or_employment/status", "invalid_option")]),
        case("establishment of 201 characters is too long",
             mod(REFERRAL, {"/individual/education_or_employment": {"status": "employed", "establishment": "E" * 201}}),
             [("/individual/education_or_employment/establishment", "too_long")]),
        case("education_or_employment as a string is a type error",
             mod(REFERRAL, {"/individual/education_or_employment": "employed"}),
             [("/individual/education_or_employment", "type")]),
        case("an unknown course field",
             mod(REFERRAL, {"/individual/education_or_employment": {"status": "in_education", "course": "A levels"}}),
             [("/individual/education_or_employment/course", "unknown_field")]),
    ]),
    group("parents_or_carers", [
        case("one parent with every field", mod(REFERRAL, {"/individual/parents_or_carers": [FULL_PARENT]}), ok),
        *[case(f"aware_of_referral {a}", mod(REFERRAL, {"/individual/parents_or_carers": [
            dict(PARENT, aware_of_referral=a)]}), ok) for a in ["yes", "no", "not_known"]],
        case("aware_of_referral maybe is not an option",
             mod(REFERRAL, {"/individual/parents_or_carers": [dict(PARENT, aware_of_referral="maybe")]}),
             [("/individual/parents_or_carers/0/aware_of_referral", "invalid_option")]),
        case("aware_of_referral true (boolean) is a type error",
             mod(REFERRAL, {"/individual/parents_or_carers": [dict(PARENT, aware_of_referral=True)]}),
             [("/individual/parents_or_carers/0/aware_of_referral", "type")]),
        case("a parent's bad phone and bad email",
             mod(REFERRAL, {"/individual/parents_or_carers": [dict(PARENT, phone="07700", email="sam.ellis.example.com")]}),
             [("/individual/parents_or_carers/0/phone", "invalid_phone"),
              ("/individual/parents_or_carers/0/email", "invalid_email")]),
        case("an item {} in a referral: full_name and relationship required",
             mod(REFERRAL, {"/individual/parents_or_carers": [PARENT, {}]}),
             [("/individual/parents_or_carers/1/full_name", "required"),
              ("/individual/parents_or_carers/1/relationship", "required")]),
        case("an item that is an array is a type error at the item",
             mod(REFERRAL, {"/individual/parents_or_carers": [["Sam Ellis", "Mother"]]}),
             [("/individual/parents_or_carers/0", "type")]),
        case("a null item is required at the item",
             mod(REFERRAL, {"/individual/parents_or_carers": [None]}), [("/individual/parents_or_carers/0", "required")]),
        case("parents_or_carers as an object is a type error",
             mod(REFERRAL, {"/individual/parents_or_carers": PARENT}), [("/individual/parents_or_carers", "type")]),
        case("an unknown age field in a parent item",
             mod(REFERRAL, {"/individual/parents_or_carers": [dict(PARENT, age=44)]}),
             [("/individual/parents_or_carers/0/age", "unknown_field")]),
    ]),
    )

# ============================================================================================
# dates.json
# ============================================================================================

def ref_at(created, dob, parents=True):
    base = WITH_PARENTS if parents else REFERRAL
    return mod(base, {"/created_at": created, "/individual/date_of_birth": dob})


add("dates",
    group("created_at: RFC 3339 date-time (§11.9)", [
        case("lower-case t and z", mod(REFERRAL, {"/created_at": "2026-11-20t10:15:00z"}), ok),
        case("fraction of a second", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00.123456789Z"}), ok),
        case("second 60 (leap second)", mod(REFERRAL, {"/created_at": "2026-12-31T23:59:60Z"}), ok),
        case("positive offset", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00+01:00"}), ok),
        case("negative offset with minutes", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00-05:30"}), ok),
        case("fraction and offset", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00.5+05:30"}), ok),
        case("surrounding white space is trimmed", mod(REFERRAL, {"/created_at": " 2026-11-20T10:15:00Z\n"}), ok),
        case("space instead of T", mod(REFERRAL, {"/created_at": "2026-11-20 10:15:00Z"}),
             [("/created_at", "invalid_format")]),
        case("no offset", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00"}), [("/created_at", "invalid_format")]),
        case("hour 24", mod(REFERRAL, {"/created_at": "2026-11-20T24:00:00Z"}), [("/created_at", "invalid_format")]),
        case("minute 60", mod(REFERRAL, {"/created_at": "2026-11-20T10:60:00Z"}), [("/created_at", "invalid_format")]),
        case("second 61", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:61Z"}), [("/created_at", "invalid_format")]),
        case("no seconds", mod(REFERRAL, {"/created_at": "2026-11-20T10:15Z"}), [("/created_at", "invalid_format")]),
        case("offset without colon", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00+0100"}),
             [("/created_at", "invalid_format")]),
        case("offset hours only", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00+01"}),
             [("/created_at", "invalid_format")]),
        case("a dot with no fraction digits", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00.Z"}),
             [("/created_at", "invalid_format")]),
        case("a date alone", mod(REFERRAL, {"/created_at": "2026-11-20"}), [("/created_at", "invalid_format")]),
        case("basic format without separators", mod(REFERRAL, {"/created_at": "20261120T101500Z"}),
             [("/created_at", "invalid_format")]),
        case("month 13", mod(REFERRAL, {"/created_at": "2026-13-20T10:15:00Z"}), [("/created_at", "invalid_format")]),
        case("a Unix timestamp number is a type error", mod(REFERRAL, {"/created_at": 1763633700}),
             [("/created_at", "type")]),
    ]),
    group("date_of_birth: calendar dates", [
        case("2024-02-29 is a real day", ref_at(CREATED, "2024-02-29"), ok),
        case("2023-02-29 is not a real day", ref_at(CREATED, "2023-02-29"), [("/individual/date_of_birth", "invalid_date")]),
        case("1990-02-30 is not a real day", ref_at(CREATED, "1990-02-30"), [("/individual/date_of_birth", "invalid_date")]),
        case("1990-04-31 is not a real day", ref_at(CREATED, "1990-04-31"), [("/individual/date_of_birth", "invalid_date")]),
        case("month 13", ref_at(CREATED, "1990-13-01"), [("/individual/date_of_birth", "invalid_date")]),
        case("month 00", ref_at(CREATED, "1990-00-10"), [("/individual/date_of_birth", "invalid_date")]),
        case("single-digit month", ref_at(CREATED, "1990-5-14"), [("/individual/date_of_birth", "invalid_date")]),
        case("UK day/month/year", ref_at(CREATED, "14/05/1990"), [("/individual/date_of_birth", "invalid_date")]),
        case("a date-time is not a date", ref_at(CREATED, "1990-05-14T00:00:00Z"),
             [("/individual/date_of_birth", "invalid_date")]),
        case("no separators", ref_at(CREATED, "19900514"), [("/individual/date_of_birth", "invalid_date")]),
        case("surrounding white space is trimmed", ref_at(CREATED, " 1990-05-14 "), ok),
        case("1900-01-01 is the earliest", ref_at(CREATED, "1900-01-01"), ok),
        case("1899-12-31 is too early", ref_at(CREATED, "1899-12-31"), [("/individual/date_of_birth", "date_too_early")]),
        case("a number is a type error", ref_at(CREATED, 19900514), [("/individual/date_of_birth", "type")]),
    ]),
    group("date_of_birth against the referral date (a parent is listed in each)", [
        case("born on the referral date: valid", ref_at(CREATED, "2026-11-20"), ok),
        case("born the day after the referral date: date_in_future", ref_at(CREATED, "2026-11-21"),
             [("/individual/date_of_birth", "date_in_future")]),
        case("born next year: date_in_future", ref_at(CREATED, "2027-01-01"),
             [("/individual/date_of_birth", "date_in_future")]),
        case("created 00:30 at +01:00 is 1 March locally (28 Feb in UTC): dob 1 March is not future",
             ref_at("2026-03-01T00:30:00+01:00", "2026-03-01"), ok),
        case("created 23:30 at -02:00 is 28 Feb locally (1 March in UTC): dob 1 March is future",
             ref_at("2026-02-28T23:30:00-02:00", "2026-03-01"), [("/individual/date_of_birth", "date_in_future")]),
        case("created_at invalid: a future date of birth is not checked",
             ref_at(BAD_CREATED, "2030-01-01"), [("/created_at", "invalid_format")]),
        case("created_at missing: date_too_early still applies",
             mod(ref_at(CREATED, "1899-12-31"), {"/created_at": DEL}),
             [("/created_at", "required"), ("/individual/date_of_birth", "date_too_early")]),
        case("created_at invalid and date of birth invalid: both reported",
             ref_at(BAD_CREATED, "2023-02-29"),
             [("/created_at", "invalid_format"), ("/individual/date_of_birth", "invalid_date")]),
    ]),
    group("age on the referral date (no parents listed)", [
        case("the day before the 18th birthday: under 18, warning", ref_at(CREATED, "2008-11-21", parents=False), ok,
             [("/individual/parents_or_carers", "parents_or_carers_recommended")]),
        case("the 18th birthday itself: no warning", ref_at(CREATED, "2008-11-20", parents=False), ok),
        case("born 29 Feb 2008, referral 28 Feb 2026: still 17, warning",
             ref_at("2026-02-28T12:00:00Z", "2008-02-29", parents=False), ok,
             [("/individual/parents_or_carers", "parents_or_carers_recommended")]),
        case("born 29 Feb 2008, referral 1 March 2026: 18, no warning",
             ref_at("2026-03-01T12:00:00Z", "2008-02-29", parents=False), ok),
        case("18th birthday in created_at's own offset (+01:00, still 19 Nov in UTC): no warning",
             ref_at("2026-11-20T00:30:00+01:00", "2008-11-20", parents=False), ok),
        case("eve of 18th birthday in created_at's own offset (-05:00, already 20 Nov in UTC): warning",
             ref_at("2026-11-19T23:30:00-05:00", "2008-11-20", parents=False), ok,
             [("/individual/parents_or_carers", "parents_or_carers_recommended")]),
        case("created_at invalid: no age from the date of birth, so no warning",
             ref_at(BAD_CREATED, "2012-06-01", parents=False), [("/created_at", "invalid_format")]),
        case("created_at invalid: approximate_age still gives the warning",
             mod(NO_DOB, {"/created_at": BAD_CREATED, "/individual/approximate_age": 15}),
             [("/created_at", "invalid_format")],
             [("/individual/parents_or_carers", "parents_or_carers_recommended")]),
    ]),
    group("concern first_noticed (partial date)", [
        *[case(f"{v} is valid", mod(REFERRAL, {"/concern/first_noticed": v}), ok)
          for v in ["2026", "2026-11", "2026-11-20", "1900", "2024-02-29", "2019-07"]],
        case("the day after the referral date is future", mod(REFERRAL, {"/concern/first_noticed": "2026-11-21"}),
             [("/concern/first_noticed", "date_in_future")]),
        case("the month after the referral month is future", mod(REFERRAL, {"/concern/first_noticed": "2026-12"}),
             [("/concern/first_noticed", "date_in_future")]),
        case("next year is future", mod(REFERRAL, {"/concern/first_noticed": "2027"}),
             [("/concern/first_noticed", "date_in_future")]),
        case("2026-11-31 is not a real day", mod(REFERRAL, {"/concern/first_noticed": "2026-11-31"}),
             [("/concern/first_noticed", "invalid_date")]),
        case("2023-02-29 is not a real day", mod(REFERRAL, {"/concern/first_noticed": "2023-02-29"}),
             [("/concern/first_noticed", "invalid_date")]),
        case("month 13", mod(REFERRAL, {"/concern/first_noticed": "2026-13"}), [("/concern/first_noticed", "invalid_date")]),
        case("month 00", mod(REFERRAL, {"/concern/first_noticed": "2026-00"}), [("/concern/first_noticed", "invalid_date")]),
        case("single-digit month", mod(REFERRAL, {"/concern/first_noticed": "2026-1"}),
             [("/concern/first_noticed", "invalid_date")]),
        case("two-digit year", mod(REFERRAL, {"/concern/first_noticed": "26"}), [("/concern/first_noticed", "invalid_date")]),
        case("slash separator", mod(REFERRAL, {"/concern/first_noticed": "2026/11"}),
             [("/concern/first_noticed", "invalid_date")]),
        case("words", mod(REFERRAL, {"/concern/first_noticed": "Nov 2026"}), [("/concern/first_noticed", "invalid_date")]),
        case("1899 is too early", mod(REFERRAL, {"/concern/first_noticed": "1899"}),
             [("/concern/first_noticed", "date_too_early")]),
        case("1899-12 is too early", mod(REFERRAL, {"/concern/first_noticed": "1899-12"}),
             [("/concern/first_noticed", "date_too_early")]),
        case("a number is a type error", mod(REFERRAL, {"/concern/first_noticed": 2026}),
             [("/concern/first_noticed", "type")]),
        case("month in created_at's own offset (+01:00, still February in UTC): 2026-03 is not future",
             mod(REFERRAL, {"/created_at": "2026-03-01T00:30:00+01:00", "/concern/first_noticed": "2026-03"}), ok),
        case("month in created_at's own offset (-02:00, already March in UTC): 2026-03 is future",
             mod(REFERRAL, {"/created_at": "2026-02-28T23:30:00-02:00", "/concern/first_noticed": "2026-03"}),
             [("/concern/first_noticed", "date_in_future")]),
        case("created_at invalid: first_noticed is not checked against the referral date",
             mod(REFERRAL, {"/created_at": BAD_CREATED, "/concern/first_noticed": "2030"}),
             [("/created_at", "invalid_format")]),
        case("created_at invalid: first_noticed 1899 is still too early",
             mod(REFERRAL, {"/created_at": BAD_CREATED, "/concern/first_noticed": "1899"}),
             [("/created_at", "invalid_format"), ("/concern/first_noticed", "date_too_early")]),
    ]),
    )

# ============================================================================================
# text.json
# ============================================================================================

LONG_OK = "é" * 10000
LONG_BAD = "é" * 10001

add("text",
    group("short text length counts Unicode scalar values", [
        case("200 × é is valid", mod(REFERRAL, {"/referrer/full_name": "é" * 200}), ok),
        case("201 × é is too long", mod(REFERRAL, {"/referrer/full_name": "é" * 201}), [("/referrer/full_name", "too_long")]),
        case("200 × 😀 is valid", mod(REFERRAL, {"/individual/given_names": "😀" * 200}), ok),
        case("201 × 😀 is too long", mod(REFERRAL, {"/individual/given_names": "😀" * 201}),
             [("/individual/given_names", "too_long")]),
        case("100 × e + combining acute (200 scalar values) is valid",
             mod(REFERRAL, {"/individual/family_name": "e\u0301" * 100}), ok),
        case("100 × e + combining acute, then e (201 scalar values) is too long",
             mod(REFERRAL, {"/individual/family_name": "e\u0301" * 100 + "e"}), [("/individual/family_name", "too_long")]),
        case("200 characters inside surrounding spaces: trimmed, valid",
             mod(REFERRAL, {"/referrer/job_title": "  " + "a" * 200 + "  "}), ok),
    ]),
    group("long text length", [
        case("10,000 × é is valid", mod(REFERRAL, {"/concern/description": LONG_OK}), ok),
        case("10,001 × é is too long (and no brevity warning)", mod(REFERRAL, {"/concern/description": LONG_BAD}),
             [("/concern/description", "too_long")]),
        case("how_identified of 10,001 ASCII characters is too long",
             mod(REFERRAL, {"/concern/how_identified": "a" * 10001}), [("/concern/how_identified", "too_long")]),
        case("10,000 characters inside surrounding new lines: trimmed, valid",
             mod(REFERRAL, {"/concern/how_identified": "\n" + "a" * 10000 + "\r\n"}), ok),
    ]),
    group("forbidden characters", [
        case("NUL in short text", mod(REFERRAL, {"/referrer/full_name": "Alex\u0000Morgan"}),
             [("/referrer/full_name", "invalid_characters")]),
        case("TAB inside short text", mod(REFERRAL, {"/referrer/full_name": "Alex\tMorgan"}),
             [("/referrer/full_name", "invalid_characters")]),
        case("LF inside short text", mod(REFERRAL, {"/referrer/job_title": "Nurse\nTeam leader"}),
             [("/referrer/job_title", "invalid_characters")]),
        case("DEL (U+007F) in short text", mod(REFERRAL, {"/individual/given_names": "Jor\u007fdan"}),
             [("/individual/given_names", "invalid_characters")]),
        case("TAB inside long text is allowed", mod(REFERRAL, {"/concern/description": DESC.replace(" during ", "\tduring ")}), ok),
        case("CRLF inside long text is allowed",
             mod(REFERRAL, {"/concern/description": "First account from staff on 3 November.\r\nSecond account on 10 November, with videos."}),
             ok),
        case("ESC (U+001B) in long text", mod(REFERRAL, {"/concern/description": DESC + " \u001b[31m"}),
             [("/concern/description", "invalid_characters")]),
        case("C1 control U+009B in long text", mod(REFERRAL, {"/concern/how_identified": "Raised by\u009bstaff"}),
             [("/concern/how_identified", "invalid_characters")]),
        case("right-to-left override U+202E in short text", mod(REFERRAL, {"/individual/family_name": "El\u202elis"}),
             [("/individual/family_name", "invalid_characters")]),
        case("left-to-right embedding U+202A in long text",
             mod(REFERRAL, {"/concern/description": DESC + " \u202aquoted\u202c"}),
             [("/concern/description", "invalid_characters")]),
        case("isolates U+2066 and U+2069 in short text", mod(REFERRAL, {"/individual/given_names": "Jor\u2066dan\u2069!"}),
             [("/individual/given_names", "invalid_characters")]),
        case("line separator U+2028 inside short text", mod(REFERRAL, {"/individual/given_names": "Jordan\u2028Lee"}),
             [("/individual/given_names", "invalid_characters")]),
        case("paragraph separator U+2029 inside short text", mod(REFERRAL, {"/individual/family_name": "Ellis\u2029Smith"}),
             [("/individual/family_name", "invalid_characters")]),
        case("line separator U+2028 inside long text is allowed",
             mod(REFERRAL, {"/concern/description": DESC + "\u2028Second paragraph."}), ok),
        case("invalid_characters comes before too_long (201 characters with a NUL)",
             mod(REFERRAL, {"/referrer/full_name": "a" * 100 + "\u0000" + "a" * 100}),
             [("/referrer/full_name", "invalid_characters")]),
        case("invalid_characters comes before too_long in long text",
             mod(REFERRAL, {"/concern/description": "\u0007" + "a" * 10001}),
             [("/concern/description", "invalid_characters")]),
        case("BEL in a code is invalid_characters, not invalid_option",
             mod(REFERRAL, {"/referrer/sector": "hea\u0007lth"}), [("/referrer/sector", "invalid_characters")]),
        case("NUL in an email", mod(REFERRAL, {"/referrer/email": "alex.mor\u0000gan@nhs.net"}),
             [("/referrer/email", "invalid_characters")]),
        case("SOH in the referral_id", mod(REFERRAL, {"/referral_id": "3f2c8a4e-9b1d-4c7a-\u00018e2f-5a6b7c8d9e0f"}),
             [("/referral_id", "invalid_characters")]),
        case("U+202E in a postcode", mod(REFERRAL, {"/individual/address/postcode": "LS1\u202e4DY"}),
             [("/individual/address/postcode", "invalid_characters")]),
        case("NUL inside created_at: invalid_characters (and no referral date)",
             mod(REFERRAL, {"/created_at": "2026-11-20T10:15\u0000:00Z"}), [("/created_at", "invalid_characters")]),
    ]),
    group("trimming (Unicode White_Space) before any check", [
        case("\"Jordan\\n\" is trimmed and valid short text",
             mod(REFERRAL, {"/individual/given_names": "Jordan\n"}), ok, normalised=REFERRAL),
        case("no-break space and ideographic space are trimmed",
             mod(REFERRAL, {"/individual/given_names": "\u00a0Jordan\u3000"}), ok, normalised=REFERRAL),
        case("a leading TAB in short text is trimmed, not forbidden",
             mod(REFERRAL, {"/referrer/full_name": "\tAlex Morgan"}), ok, normalised=REFERRAL),
        case("a code with surrounding spaces is trimmed", mod(REFERRAL, {"/referrer/sector": "  health "}), ok,
             normalised=REFERRAL),
    ]),
    )

# ============================================================================================
# postcode.json
# ============================================================================================

PC = "/individual/address/postcode"


def pc_case(desc, value, normal=None, errors=ok):
    doc = mod(REFERRAL, {PC: value})
    n = mod(REFERRAL, {PC: normal}) if normal is not None else None
    return case(desc, doc, errors, normalised=n)


add("postcode",
    group("valid postcodes and their normal form", [
        pc_case("sw1a1aa becomes SW1A 1AA", "sw1a1aa", "SW1A 1AA"),
        pc_case("GIR0AA becomes GIR 0AA", "GIR0AA", "GIR 0AA"),
        pc_case("gir 0aa becomes GIR 0AA", "gir 0aa", "GIR 0AA"),
        pc_case("BFPO 1234 stays BFPO 1234", "BFPO 1234", "BFPO 1234"),
        pc_case("bfpo1 becomes BFPO 1", "bfpo1", "BFPO 1"),
        pc_case("hyphen is ignored: SW1A-1AA", "SW1A-1AA", "SW1A 1AA"),
        pc_case("dot is ignored: SW1A.1AA", "SW1A.1AA", "SW1A 1AA"),
        pc_case("extra spaces are ignored", " sw1a  1aa ", "SW1A 1AA"),
        pc_case("A9 9AA form: M1 1AE", "M1 1AE", "M1 1AE"),
        pc_case("A99 9AA form: B33 8TH", "B33 8TH", "B33 8TH"),
        pc_case("AA9 9AA form: CR2 6XH", "CR2 6XH", "CR2 6XH"),
        pc_case("AA99 9AA form: DN55 1PT", "DN55 1PT", "DN55 1PT"),
        pc_case("A9A 9AA form: W1A 0AX", "W1A 0AX", "W1A 0AX"),
        pc_case("AA9A 9AA form: EC1A 1BB", "ec1a1bb", "EC1A 1BB"),
    ]),
    group("invalid postcodes", [
        pc_case("BFPO with five digits", "BFPO12345", errors=[(PC, "invalid_postcode")]),
        pc_case("BFPO with no digits", "BFPO", errors=[(PC, "invalid_postcode")]),
        pc_case("underscore is not an ignored character", "SW1A_1AA", errors=[(PC, "invalid_postcode")]),
        pc_case("comma is not an ignored character", "LS1 4DY,", errors=[(PC, "invalid_postcode")]),
        pc_case("Q is not a first letter", "Q1A 1AA", errors=[(PC, "invalid_postcode")]),
        pc_case("I is not allowed in the last two letters", "SW1A 1AI", errors=[(PC, "invalid_postcode")]),
        pc_case("C is not allowed as the fourth character of AA9A", "SW1C 1AA", errors=[(PC, "invalid_postcode")]),
        pc_case("a non-ASCII letter (Ä)", "SW1A 1ÄA", errors=[(PC, "invalid_postcode")]),
        pc_case("long s (ſ) is not upper-cased to S", "ſW1A 1AA", errors=[(PC, "invalid_postcode")]),
        pc_case("full-width letters", "ＳＷ1A 1AA", errors=[(PC, "invalid_postcode")]),
        pc_case("too short: SW1A 1A", "SW1A 1A", errors=[(PC, "invalid_postcode")]),
        pc_case("too long: SW1A 1AAA", "SW1A 1AAA", errors=[(PC, "invalid_postcode")]),
        pc_case("digits only", "12345", errors=[(PC, "invalid_postcode")]),
        pc_case("outward code only", "LS1", errors=[(PC, "invalid_postcode")]),
        pc_case("TAB inside a postcode is invalid_characters", "SW1A\t1AA", errors=[(PC, "invalid_characters")]),
        pc_case("a number is a type error", 12345, errors=[(PC, "type")]),
    ]),
    )

# ============================================================================================
# phone.json
# ============================================================================================

RP = "/referrer/phone"


def ph(value):
    return mod(REFERRAL, {RP: value})


add("phone",
    group("valid phone numbers (kept as typed, trimmed)", [
        case("+44 20 7946 0958", ph("+44 20 7946 0958"), ok, normalised=ph("+44 20 7946 0958")),
        case("(020) 7946-0958", ph("(020) 7946-0958"), ok, normalised=ph("(020) 7946-0958")),
        case("0207.946.0958", ph("0207.946.0958"), ok),
        case("+44 (0)20 7946 0958", ph("+44 (0)20 7946 0958"), ok),
        case("8 digits", ph("7946 0958"), ok),
        case("15 digits", ph("+44 20 7946 0958 123"), ok),
        case("surrounding spaces are trimmed, nothing else changes", ph("  07700 900123 "), ok,
             normalised=ph("07700 900123")),
        case("phone only, no email", mod(REFERRAL, {"/referrer/email": DEL, RP: "0113 496 0732"}), ok),
    ]),
    group("invalid phone numbers", [
        case("7 digits", ph("946 0958"), [(RP, "invalid_phone")]),
        case("16 digits", ph("+44 20 7946 0958 1234"), [(RP, "invalid_phone")]),
        case("two leading plus signs", ph("++44 20 7946 0958"), [(RP, "invalid_phone")]),
        case("letters", ph("+44 20 7946 0958 ext 12"), [(RP, "invalid_phone")]),
        case("plus not at the start", ph("020 7946+0958"), [(RP, "invalid_phone")]),
        case("slash", ph("020/7946/0958"), [(RP, "invalid_phone")]),
        case("full-width digits", ph("０２０ ７９４６ ０９５８"), [(RP, "invalid_phone")]),
        case("a plus alone", ph("+"), [(RP, "invalid_phone")]),
        case("U+2028 inside a phone is invalid_phone", ph("0113\u2028496 0732"), [(RP, "invalid_phone")]),
        case("TAB inside a phone is invalid_characters", ph("020\t7946 0958"), [(RP, "invalid_characters")]),
        case("a number is a type error", ph(2079460958), [(RP, "type")]),
        case("invalid phone and no email: only invalid_phone",
             mod(REFERRAL, {"/referrer/email": DEL, RP: "0113"}), [(RP, "invalid_phone")]),
        case("individual phone with 16 digits", mod(REFERRAL, {"/individual/phone": "0770090012345678"}),
             [("/individual/phone", "invalid_phone")]),
    ]),
    )

# ============================================================================================
# email.json
# ============================================================================================

RE = "/referrer/email"
E254 = "l" * 64 + "@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 61
E255 = "l" * 64 + "@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 62
assert len(E254) == 254 and len(E255) == 255


def em(value):
    return mod(REFERRAL, {RE: value})


add("email",
    group("valid addresses", [
        case("simple", em("alex.morgan@nhs.net"), ok, normalised=em("alex.morgan@nhs.net")),
        case("upper-case domain is lower-cased; the local part is kept",
             em("Alex.Morgan@NHS.Net"), ok, normalised=em("Alex.Morgan@nhs.net")),
        case("trimmed and domain lower-cased", em("  A.Morgan@Riverside-Academy.SCH.UK \n"), ok,
             normalised=em("A.Morgan@riverside-academy.sch.uk")),
        case("sub-addressing and several labels", em("first.last+prevent@sub.example.org.uk"), ok),
        case("apostrophe in the local part", em("siobhan.o'brien@example.ie"), ok),
        case("punycode domain", em("info@xn--bcher-kva.example"), ok),
        case("254 characters", em(E254), ok),
    ]),
    group("invalid addresses", [
        case("no dot in the domain", em("alex.morgan@nhs"), [(RE, "invalid_email")]),
        case("two @", em("alex@morgan@nhs.net"), [(RE, "invalid_email")]),
        case("no @", em("alex.morgan.nhs.net"), [(RE, "invalid_email")]),
        case("space in the local part", em("alex morgan@nhs.net"), [(RE, "invalid_email")]),
        case("empty local part", em("@nhs.net"), [(RE, "invalid_email")]),
        case("empty domain", em("alex.morgan@"), [(RE, "invalid_email")]),
        case("label starting with a hyphen", em("alex@-nhs.net"), [(RE, "invalid_email")]),
        case("label ending with a hyphen", em("alex@nhs-.net"), [(RE, "invalid_email")]),
        case("empty label a@b..uk", em("a@b..uk"), [(RE, "invalid_email")]),
        case("domain starting with a dot", em("alex@.nhs.net"), [(RE, "invalid_email")]),
        case("domain ending with a dot", em("alex@nhs.net."), [(RE, "invalid_email")]),
        case("underscore in the domain", em("alex@nhs_trust.net"), [(RE, "invalid_email")]),
        case("non-ASCII domain (not punycode)", em("info@bücher.example"), [(RE, "invalid_email")]),
        case("255 characters is invalid_email, not too_long", em(E255), [(RE, "invalid_email")]),
        case("U+2028 in the local part is invalid_email", em("alex\u2028morgan@nhs.net"), [(RE, "invalid_email")]),
        case("a number is a type error", em(12), [(RE, "type")]),
        case("individual email without a domain dot", mod(REFERRAL, {"/individual/email": "jordan@localhost"}),
             [("/individual/email", "invalid_email")]),
        case("invalid email is trimmed but its domain is not lower-cased in the normal form",
             em(" X@EXAMPLE "), [(RE, "invalid_email")], normalised=em("X@EXAMPLE")),
    ]),
    )

# ============================================================================================
# nhs_number.json
# ============================================================================================

NHS = "/individual/nhs_number"


def nhs(value):
    return mod(REFERRAL, {NHS: value})


# 943476591: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2; c = 9 -> 9434765919
# 401023213: 40+0+8+0+12+15+8+3+6 = 92; 92 mod 11 = 4; c = 7 -> 4010232137
# 943476590: 297 = 27*11; mod 0; c = 11 -> 0 -> 9434765900
# 943476596: 309; mod 1; c = 10 -> never valid (9434765960, 9434765966)
# 123456789: 10+18+24+28+30+30+28+24+18 = 210; mod 1; c = 10 -> 1234567890 invalid
add("nhs_number",
    group("valid NHS numbers and their normal form", [
        case("9434765919", nhs("9434765919"), ok, normalised=nhs("9434765919")),
        case("943 476 5919 becomes 9434765919", nhs("943 476 5919"), ok, normalised=nhs("9434765919")),
        case("943-476-5919 becomes 9434765919", nhs("943-476-5919"), ok, normalised=nhs("9434765919")),
        case("4010232137", nhs("401 023 2137"), ok, normalised=nhs("4010232137")),
        case("check digit 11 means 0: 9434765900", nhs("9434765900"), ok),
        case("surrounding spaces", nhs(" 943 476 5919 "), ok, normalised=nhs("9434765919")),
    ]),
    group("invalid NHS numbers", [
        case("wrong check digit", nhs("9434765918"), [(NHS, "invalid_nhs_number")]),
        case("check digit would be 10 (9434765960)", nhs("9434765960"), [(NHS, "invalid_nhs_number")]),
        case("check digit would be 10 (1234567890)", nhs("1234567890"), [(NHS, "invalid_nhs_number")]),
        case("9 digits", nhs("943476591"), [(NHS, "invalid_nhs_number")]),
        case("11 digits", nhs("94347659190"), [(NHS, "invalid_nhs_number")]),
        case("dots are not deleted", nhs("943.476.5919"), [(NHS, "invalid_nhs_number")]),
        case("underscores are not deleted", nhs("943_476_5919"), [(NHS, "invalid_nhs_number")]),
        case("a letter", nhs("943476591X"), [(NHS, "invalid_nhs_number")]),
        case("non-ASCII digits", nhs("٩٤٣٤٧٦٥٩١٩"), [(NHS, "invalid_nhs_number")]),
        case("TAB inside is invalid_characters", nhs("943\t476 5919"), [(NHS, "invalid_characters")]),
        case("a number is a type error", nhs(9434765919), [(NHS, "type")]),
        case("an invalid NHS number is only trimmed in the normal form", nhs(" 943 476 5918 "),
             [(NHS, "invalid_nhs_number")], normalised=nhs("943 476 5918")),
    ]),
    )

# ============================================================================================
# concern.json
# ============================================================================================

INDICATORS = ["support_for_extremist_cause", "interest_in_mass_violence", "concerning_online_activity",
              "contact_with_extremists", "threats_or_intent_to_harm", "possession_of_extremist_material", "other"]
CONCERN_TYPES = ["islamist", "extreme_right_wing", "left_wing_anarchist_single_issue", "mass_violence_fascination",
                 "school_massacre", "incel", "conflicted", "mixed_unclear_unstable", "other", "not_sure"]
OTHER_SAFEGUARDING = ["adults_at_risk", "child_abuse", "child_sexual_exploitation", "domestic_abuse",
                      "female_genital_mutilation", "forced_marriage", "honour_based_violence", "human_trafficking",
                      "managing_violent_offenders", "missing_persons", "prostitution", "serious_sexual_offences",
                      "stalking_and_harassment"]
CONDITIONS = ["autism_diagnosed", "autism_suspected", "adhd", "learning_disability", "special_educational_needs",
              "mental_health", "substance_misuse", "other"]
assert len(OTHER_SAFEGUARDING) == 13

add("concern",
    group("concern as a whole", [
        case("concern \"x\": only the type error", mod(REFERRAL, {"/concern": "x"}), [("/concern", "type")]),
        case("concern as an array: only the type error", mod(REFERRAL, {"/concern": []}), [("/concern", "type")]),
        case("description as a number is a type error", mod(REFERRAL, {"/concern/description": 5}),
             [("/concern/description", "type")]),
        case("how_identified as an array is a type error", mod(REFERRAL, {"/concern/how_identified": [HOW]}),
             [("/concern/how_identified", "type")]),
    ]),
    group("code lists: every code is accepted", [
        case("all 7 indicators", mod(REFERRAL, {"/concern/indicators": INDICATORS}), ok),
        case("all 10 concern_types", mod(REFERRAL, {"/concern/concern_types": CONCERN_TYPES}), ok),
        case("all 13 other_safeguarding_concerns", mod(REFERRAL, {"/concern/other_safeguarding_concerns": OTHER_SAFEGUARDING}), ok),
        case("all 8 known_conditions", mod(REFERRAL, {"/concern/known_conditions": CONDITIONS}), ok),
        case("empty arrays are fine", mod(REFERRAL, {"/concern/indicators": [], "/concern/concern_types": [],
                                                     "/concern/other_safeguarding_concerns": [],
                                                     "/concern/known_conditions": []}), ok),
    ]),
    group("code lists: unknown codes", [
        case("indicator radicalised is not an option", mod(REFERRAL, {"/concern/indicators": ["other", "radicalised"]}),
             [("/concern/indicators/1", "invalid_option")]),
        case("concern_type far_right is not an option", mod(REFERRAL, {"/concern/concern_types": ["far_right"]}),
             [("/concern/concern_types/0", "invalid_option")]),
        case("other_safeguarding_concerns cse is not an option",
             mod(REFERRAL, {"/concern/other_safeguarding_concerns": ["cse", "domestic_abuse"]}),
             [("/concern/other_safeguarding_concerns/0", "invalid_option")]),
        case("known_condition autism is not an option", mod(REFERRAL, {"/concern/known_conditions": ["autism"]}),
             [("/concern/known_conditions/0", "invalid_option")]),
        case("a code from another list is not an option (incel as an indicator)",
             mod(REFERRAL, {"/concern/indicators": ["incel"]}), [("/concern/indicators/0", "invalid_option")]),
        case("indicators as a string is a type error", mod(REFERRAL, {"/concern/indicators": "other"}),
             [("/concern/indicators", "type")]),
    ]),
    group("needs_description and other_agencies", [
        case("needs_description of 10,000 characters", mod(REFERRAL, {"/concern/needs_description": "n" * 10000}), ok),
        case("needs_description of 10,001 characters is too long",
             mod(REFERRAL, {"/concern/needs_description": "n" * 10001}), [("/concern/needs_description", "too_long")]),
        case("two agencies, one without contact", mod(REFERRAL, {"/concern/other_agencies": [
            {"name": "CAMHS Leeds", "contact": "0113 555 0100"}, {"name": "Youth Offending Service"}]}), ok),
        case("agency contact of 201 characters is too long",
             mod(OA, {"/concern/other_agencies/0/contact": "c" * 201}), [("/concern/other_agencies/0/contact", "too_long")]),
        case("an agency item that is a string is a type error at the item",
             mod(REFERRAL, {"/concern/other_agencies": ["CAMHS"]}), [("/concern/other_agencies/0", "type")]),
        case("an unknown email field in an agency item",
             mod(OA, {"/concern/other_agencies/0/email": "duty@leeds.gov.uk"}),
             [("/concern/other_agencies/0/email", "unknown_field")]),
        case("other_agencies as an object is a type error",
             mod(REFERRAL, {"/concern/other_agencies": {"name": "CAMHS"}}), [("/concern/other_agencies", "type")]),
    ]),
    )

# ============================================================================================
# sharing.json
# ============================================================================================

add("sharing",
    group("sharing", [
        case("sharing \"x\": only the type error", mod(REFERRAL, {"/sharing": "x"}), [("/sharing", "type")]),
        case("sharing true: only the type error", mod(REFERRAL, {"/sharing": True}), [("/sharing", "type")]),
        *[case(f"individual_aware {v}", mod(REFERRAL, {"/sharing/individual_aware": v}), ok) for v in ["yes", "not_known"]],
        case("individual_aware maybe is not an option", mod(REFERRAL, {"/sharing/individual_aware": "maybe"}),
             [("/sharing/individual_aware", "invalid_option")]),
        case("consent refused is not an option", mod(REFERRAL, {"/sharing/consent": "refused"}),
             [("/sharing/consent", "invalid_option")]),
        case("necessity_confirmed false: must_be_true", mod(REFERRAL, {"/sharing/necessity_confirmed": False}),
             [("/sharing/necessity_confirmed", "must_be_true")]),
        case("necessity_confirmed missing: required", mod(REFERRAL, {"/sharing/necessity_confirmed": DEL}),
             [("/sharing/necessity_confirmed", "required")]),
        case("necessity_confirmed \"true\": type", mod(REFERRAL, {"/sharing/necessity_confirmed": "true"}),
             [("/sharing/necessity_confirmed", "type")]),
        case("necessity_confirmed 1: type", mod(REFERRAL, {"/sharing/necessity_confirmed": 1}),
             [("/sharing/necessity_confirmed", "type")]),
        case("reason_not_aware of 10,001 characters is too long",
             mod(AWARE_NO, {"/sharing/reason_not_aware": "r" * 10001}), [("/sharing/reason_not_aware", "too_long")]),
        case("reason_consent_not_sought as a number is a type error",
             mod(NOT_SOUGHT, {"/sharing/reason_consent_not_sought": 0}), [("/sharing/reason_consent_not_sought", "type")]),
        case("reason_not_aware with a NUL", mod(AWARE_NO, {"/sharing/reason_not_aware": "Because\u0000"}),
             [("/sharing/reason_not_aware", "invalid_characters")]),
        case("an unknown lawful_basis field", mod(REFERRAL, {"/sharing/lawful_basis": "public task"}),
             [("/sharing/lawful_basis", "unknown_field")]),
    ]),
    )

# ============================================================================================
# arrays.json
# ============================================================================================

ALIASES20 = [f"Alias {i}" for i in range(1, 21)]
ALIASES21 = [f"Alias {i}" for i in range(1, 22)]
IND21 = INDICATORS * 3
assert len(IND21) == 21

add("arrays",
    group("at most 20 items", [
        case("20 other_names", mod(REFERRAL, {"/individual/other_names": ALIASES20}), ok),
        case("21 other_names: too_many_items at the array", mod(REFERRAL, {"/individual/other_names": ALIASES21}),
             [("/individual/other_names", "too_many_items")]),
        case("21 other_names, the last a number: too_many_items and the items are still checked",
             mod(REFERRAL, {"/individual/other_names": ALIASES20 + [21]}),
             [("/individual/other_names", "too_many_items"), ("/individual/other_names/20", "type")]),
        case("21 agencies, the last {}: too_many_items, then the item's required name",
             mod(REFERRAL, {"/concern/other_agencies": [{"name": f"Agency {i}"} for i in range(1, 21)] + [{}]}),
             [("/concern/other_agencies", "too_many_items"), ("/concern/other_agencies/20/name", "required")]),
        case("21 social_media accounts",
             mod(REFERRAL, {"/individual/social_media": [{"platform": "TikTok", "handle": f"@jj{i}"} for i in range(21)]}),
             [("/individual/social_media", "too_many_items")]),
        case("21 indicators (7 codes three times): too_many_items and every repeat is a duplicate",
             mod(REFERRAL, {"/concern/indicators": IND21}),
             [("/concern/indicators", "too_many_items")] + [(f"/concern/indicators/{i}", "duplicate") for i in range(7, 21)]),
    ]),
    group("duplicate codes", [
        case("a repeated indicator: duplicate at the second occurrence",
             mod(REFERRAL, {"/concern/indicators": ["other", "contact_with_extremists", "other"]}),
             [("/concern/indicators/2", "duplicate")]),
        case("three times: duplicate at the second and third",
             mod(REFERRAL, {"/concern/concern_types": ["islamist", "islamist", "islamist"]}),
             [("/concern/concern_types/1", "duplicate"), ("/concern/concern_types/2", "duplicate")]),
        case("\" islamist \" and \"islamist\" are the same after trimming",
             mod(REFERRAL, {"/concern/concern_types": [" islamist ", "islamist"]}),
             [("/concern/concern_types/1", "duplicate")]),
        case("[\"bad\",\"bad\"] is invalid_option twice, not duplicate",
             mod(REFERRAL, {"/concern/known_conditions": ["bad", "bad"]}),
             [("/concern/known_conditions/0", "invalid_option"), ("/concern/known_conditions/1", "invalid_option")]),
        case("an invalid code and a repeated valid one",
             mod(REFERRAL, {"/concern/concern_types": ["bad", "incel", "incel"]}),
             [("/concern/concern_types/0", "invalid_option"), ("/concern/concern_types/2", "duplicate")]),
        case("different case is not a duplicate but an invalid code",
             mod(REFERRAL, {"/concern/concern_types": ["incel", "INCEL"]}),
             [("/concern/concern_types/1", "invalid_option")]),
        case("duplicate other_safeguarding_concerns",
             mod(REFERRAL, {"/concern/other_safeguarding_concerns": ["stalking_and_harassment", "domestic_abuse",
                                                                      "stalking_and_harassment"]}),
             [("/concern/other_safeguarding_concerns/2", "duplicate")]),
    ]),
    group("absent and wrong-typed items", [
        case("a null code item is required at the item",
             mod(REFERRAL, {"/concern/concern_types": [None, "incel"]}), [("/concern/concern_types/0", "required")]),
        case("a blank code item is required at the item",
             mod(REFERRAL, {"/concern/indicators": ["other", "   "]}), [("/concern/indicators/1", "required")]),
        case("a number code item is a type error at the item",
             mod(REFERRAL, {"/concern/indicators": [1, "other"]}), [("/concern/indicators/0", "type")]),
        case("a null array is absent", mod(REFERRAL, {"/concern/indicators": None}), ok),
        case("array items are trimmed in the normal form, never removed",
             mod(REFERRAL, {"/individual/other_names": [" JJ ", "Jordan Smith\n"],
                            "/concern/concern_types": [" islamist", "incel "]}), ok,
             normalised=mod(REFERRAL, {"/individual/other_names": ["JJ", "Jordan Smith"],
                                       "/concern/concern_types": ["islamist", "incel"]})),
    ]),
    )

# ============================================================================================
# advice_request.json
# ============================================================================================

def adv(changes=None):
    return mod(ADVICE, changes)


add("advice_request",
    group("relaxed: individual and sharing", [
        case("no individual and no sharing", ADVICE, ok),
        case("individual null and sharing blank are absent", adv({"/individual": None, "/sharing": "  "}), ok),
        case("an anonymous individual {}", adv({"/individual": {}}), ok, normalised=adv({"/individual": {}})),
        case("an individual with only a sex", adv({"/individual": {"sex": "male"}}), ok),
        case("only a given name (no family name, no date of birth, no address)",
             adv({"/individual": {"given_names": "Jordan"}}), ok),
        case("name_not_known false and no names", adv({"/individual": {"name_not_known": False}}), ok),
        case("address_not_known false and no address", adv({"/individual": {"address_not_known": False}}), ok),
        case("an address object with no lines and no postcode", adv({"/individual": {"address": {"town_or_city": "Aberystwyth"}}}), ok),
        case("an empty address object", adv({"/individual": {"address": {}}}), ok),
        case("an address with only a postcode, normalised",
             adv({"/individual": {"address": {"postcode": "sy23 3by"}}}), ok,
             normalised=adv({"/individual": {"address": {"postcode": "SY23 3BY"}}})),
        case("a social media item with only a platform", adv({"/individual": {"social_media": [{"platform": "TikTok"}]}}), ok),
        case("a parent item {} (no names needed)", adv({"/individual": {"parents_or_carers": [{}]}}), ok),
        case("a parent item with only a relationship", adv({"/individual": {"parents_or_carers": [{"relationship": "Father"}]}}), ok),
    ]),
    group("what is present is still checked", [
        case("a present but bad postcode", adv({"/individual": {"address": {"postcode": "XX1 1XX"}}}),
             [("/individual/address/postcode", "invalid_postcode")]),
        case("a bad NHS number", adv({"/individual": {"nhs_number": "9434765918"}}),
             [("/individual/nhs_number", "invalid_nhs_number")]),
        case("name_not_known \"true\" is still a type error", adv({"/individual": {"name_not_known": "true"}}),
             [("/individual/name_not_known", "type")]),
        case("individual as a string is a type error", adv({"/individual": "anonymous"}), [("/individual", "type")]),
        case("a null parent item is required at the item", adv({"/individual": {"parents_or_carers": [None]}}),
             [("/individual/parents_or_carers/0", "required")]),
        case("a blank other_names item is required at the item", adv({"/individual": {"other_names": ["JJ", " "]}}),
             [("/individual/other_names/1", "required")]),
        case("date of birth and approximate age together: conflict",
             adv({"/individual": {"date_of_birth": "1990-05-14", "approximate_age": 36}}),
             [("/individual/approximate_age", "conflict")]),
        case("a future date of birth (a parent listed)",
             adv({"/individual": {"date_of_birth": "2027-01-01", "parents_or_carers": [{}]}}),
             [("/individual/date_of_birth", "date_in_future")]),
        case("an unknown field in the individual", adv({"/individual": {"school_year": 9}}),
             [("/individual/school_year", "unknown_field")]),
        case("an under-18 age by approximate_age gets the warning",
             adv({"/individual": {"approximate_age": 15}}), ok,
             [("/individual/parents_or_carers", "parents_or_carers_recommended")]),
        case("an under-18 age by date of birth gets the warning",
             adv({"/individual": {"date_of_birth": "2012-06-01"}}), ok,
             [("/individual/parents_or_carers", "parents_or_carers_recommended")]),
        case("an under-18 age with a parent listed: no warning",
             adv({"/individual": {"date_of_birth": "2012-06-01", "parents_or_carers": [{"relationship": "Father"}]}}), ok),
    ]),
    group("a present sharing object is checked in full", [
        case("a complete sharing object", adv({"/sharing": dict(REFERRAL["sharing"])}), ok),
        case("sharing {}: its required fields", adv({"/sharing": {}}),
             [("/sharing/individual_aware", "required"), ("/sharing/consent", "required"),
              ("/sharing/necessity_confirmed", "required")]),
        case("individual_aware no without a reason",
             adv({"/sharing": {"individual_aware": "no", "consent": "given", "necessity_confirmed": True}}),
             [("/sharing/reason_not_aware", "required")]),
        case("consent not_sought without a reason and necessity false",
             adv({"/sharing": {"individual_aware": "yes", "consent": "not_sought", "necessity_confirmed": False}}),
             [("/sharing/reason_consent_not_sought", "required"), ("/sharing/necessity_confirmed", "must_be_true")]),
        case("sharing as an array is a type error", adv({"/sharing": []}), [("/sharing", "type")]),
    ]),
    group("not relaxed: referrer and concern", [
        case("no email or phone", adv({"/referrer/phone": DEL}), [("/referrer/email", "email_or_phone_required")]),
        case("no organisation", adv({"/referrer/organisation": DEL}), [("/referrer/organisation", "required")]),
        case("no concern", adv({"/concern": DEL}), [("/concern", "required")]),
        case("no how_identified", adv({"/concern/how_identified": DEL}), [("/concern/how_identified", "required")]),
        case("an agency without a name", adv({"/concern/other_agencies": [{"contact": "01970 633000"}]}),
             [("/concern/other_agencies/0/name", "required")]),
        case("immediate_risk true: call_999", adv({"/immediate_risk": True}), ok, [("/immediate_risk", "call_999")]),
        case("a brief description: description_too_brief", adv({"/concern/description": D49}), ok,
             [("/concern/description", "description_too_brief")]),
    ]),
    )

# ============================================================================================
# warnings.json
# ============================================================================================

MINOR = mod(REFERRAL, {"/individual/date_of_birth": "2012-06-01"})  # 14 on the referral date
POC = [("/individual/parents_or_carers", "parents_or_carers_recommended")]

add("warnings",
    group("call_999", [
        case("immediate_risk true", mod(REFERRAL, {"/immediate_risk": True}), ok, [("/immediate_risk", "call_999")]),
        case("immediate_risk true on an invalid document: the warning is still given",
             mod(REFERRAL, {"/immediate_risk": True, "/language": DEL}), [("/language", "required")],
             [("/immediate_risk", "call_999")]),
        case("immediate_risk null: required, no warning", mod(REFERRAL, {"/immediate_risk": None}),
             [("/immediate_risk", "required")]),
    ]),
    group("parents_or_carers_recommended", [
        case("14 by date of birth, no parents", MINOR, ok, POC),
        case("14 by date of birth, an empty parents_or_carers counts as none",
             mod(MINOR, {"/individual/parents_or_carers": []}), ok, POC),
        case("14 by date of birth with a parent: no warning", mod(MINOR, {"/individual/parents_or_carers": PARENTS}), ok),
        case("approximate_age 17: warning", mod(NO_DOB, {"/individual/approximate_age": 17}), ok, POC),
        case("approximate_age 18: no warning", mod(NO_DOB, {"/individual/approximate_age": 18}), ok),
        case("approximate_age 0: warning", mod(NO_DOB, {"/individual/approximate_age": 0}), ok, POC),
        case("a minor on an invalid document: the warning is still given",
             mod(MINOR, {"/individual/address/postcode": "XX1 1XX"}),
             [("/individual/address/postcode", "invalid_postcode")], POC),
    ]),
    group("description_too_brief (counted after trimming)", [
        case("49 characters: warning", mod(REFERRAL, {"/concern/description": D49}), ok,
             [("/concern/description", "description_too_brief")]),
        case("50 characters: no warning", mod(REFERRAL, {"/concern/description": D50}), ok),
        case("49 characters inside spaces and new lines: warning",
             mod(REFERRAL, {"/concern/description": "   " + D49 + "\n\n  "}), ok,
             [("/concern/description", "description_too_brief")]),
        case("50 characters inside spaces: no warning",
             mod(REFERRAL, {"/concern/description": "  " + D50 + "  "}), ok),
        case("49 × 😀: warning", mod(REFERRAL, {"/concern/description": "😀" * 49}), ok,
             [("/concern/description", "description_too_brief")]),
        case("a blank description is required, not brief", mod(REFERRAL, {"/concern/description": "    "}),
             [("/concern/description", "required")]),
    ]),
    group("several warnings, in document order", [
        case("call_999, then parents_or_carers_recommended, then description_too_brief",
             mod(MINOR, {"/immediate_risk": True, "/concern/description": "Said the attack was deserved."}), ok,
             [("/immediate_risk", "call_999"), ("/individual/parents_or_carers", "parents_or_carers_recommended"),
              ("/concern/description", "description_too_brief")]),
    ]),
    )

# ============================================================================================
# unknown_fields.json
# ============================================================================================

add("unknown_fields",
    group("unknown fields", [
        case("a top-level unknown field", mod(REFERRAL, {"/notes": "Please call me"}), [("/notes", "unknown_field")]),
        case("two unknown fields are reported in input order",
             mod(REFERRAL, {"/zeta": 1, "/alpha": 2}), [("/zeta", "unknown_field"), ("/alpha", "unknown_field")]),
        case("an unknown field placed first is still reported after the known fields' errors",
             {"notes": "x", **mod(REFERRAL, {"/concern/description": DEL})},
             [("/concern/description", "required"), ("/notes", "unknown_field")]),
        case("nothing inside an unknown field is checked", mod(REFERRAL, {"/notes": {"extra": [None, "  ", 1], "full_name": 5}}),
             [("/notes", "unknown_field")]),
        case("__proto__ is an unknown field", mod(REFERRAL, {"/__proto__": {"is_admin": True}}),
             [("/__proto__", "unknown_field")]),
        case("constructor is an unknown field", mod(REFERRAL, {"/constructor": "x"}), [("/constructor", "unknown_field")]),
        case("a name with / is escaped as ~1", {**REFERRAL, "a/b": 1}, [("/a~1b", "unknown_field")]),
        case("a name with ~ is escaped as ~0", {**REFERRAL, "m~n": 1}, [("/m~0n", "unknown_field")]),
        case("a wrongly cased known field is unknown, and the real one is missing",
             {("Schema_Version" if k == "schema_version" else k): v for k, v in REFERRAL.items()},
             [("/schema_version", "required"), ("/Schema_Version", "unknown_field")]),
        case("camelCase fullName in the referrer",
             mod(REFERRAL, {"/referrer/full_name": DEL, "/referrer/fullName": "Alex Morgan"}),
             [("/referrer/full_name", "required"), ("/referrer/fullName", "unknown_field")]),
        case("unknown in the referrer comes before the individual's errors",
             mod(REFERRAL, {"/referrer/fax": "0113 496 0000", "/individual/family_name": DEL}),
             [("/referrer/fax", "unknown_field"), ("/individual/family_name", "required")]),
        case("unknown inside a parents_or_carers item",
             mod(WITH_PARENTS, {"/individual/parents_or_carers/0/age": 44}),
             [("/individual/parents_or_carers/0/age", "unknown_field")]),
        case("unknown inside concern", mod(REFERRAL, {"/concern/severity": "high"}), [("/concern/severity", "unknown_field")]),
        case("unknown fields are left untouched by normalise",
             mod(REFERRAL, {"/notes": "  keep me  ", "/meta": {"a": None, "b": " "}}),
             [("/notes", "unknown_field"), ("/meta", "unknown_field")],
             normalised=mod(REFERRAL, {"/notes": "  keep me  ", "/meta": {"a": None, "b": " "}})),
    ]),
    )

# ============================================================================================
# extensions.json
# ============================================================================================

def ext(value):
    return mod(REFERRAL, {"/extensions": value})


add("extensions",
    group("extensions", [
        case("reverse-DNS keys with any values", ext({"uk.police.west-yorkshire": {"force_reference": "WY-1", "flags": [1, None]},
                                                      "gov.wales.pilot-2026": True}), ok),
        case("an empty extensions object", ext({}), ok),
        case("unknown fields inside an extension value are allowed",
             ext({"uk.nhs.leeds": {"anything": {"nested": "yes"}, "": 0}}), ok),
        case("extension values are not checked (null, blank, numbers)",
             ext({"uk.police.met": None, "uk.police.gmp": "   ", "uk.police.wmp": 12.5}), ok),
        case("extension values are untouched by normalise",
             ext({"uk.police.met": {"note": "  keep  ", "blank": "", "nothing": None}}), ok,
             normalised=ext({"uk.police.met": {"note": "  keep  ", "blank": "", "nothing": None}})),
        case("a key without a dot", ext({"police": 1}), [("/extensions/police", "invalid_format")]),
        case("a key with upper case", ext({"UK.Police.Met": 1}), [("/extensions/UK.Police.Met", "invalid_format")]),
        case("a key ending in a dot", ext({"uk.police.": 1}), [("/extensions/uk.police.", "invalid_format")]),
        case("a key with an empty label", ext({"uk..police": 1}), [("/extensions/uk..police", "invalid_format")]),
        case("a key with an underscore", ext({"uk.police_met": 1}), [("/extensions/uk.police_met", "invalid_format")]),
        case("a key with / is escaped as ~1", ext({"uk/police.met": 1}), [("/extensions/uk~1police.met", "invalid_format")]),
        case("a key with ~ is escaped as ~0", ext({"uk~police.met": 1}), [("/extensions/uk~0police.met", "invalid_format")]),
        case("two bad keys in input order around a good one",
             ext({"zz": 1, "uk.police.met": 2, "aa": 3}), [("/extensions/zz", "invalid_format"), ("/extensions/aa", "invalid_format")]),
        case("extensions as an array is a type error", ext([]), [("/extensions", "type")]),
        case("extensions as a string is a type error", ext("uk.police.met"), [("/extensions", "type")]),
    ]),
    )

# ============================================================================================
# types.json - one wrong type of each kind
# ============================================================================================

add("types",
    group("a value of the wrong JSON type: one type error, nothing beneath checked", [
        case("string for a boolean (immediate_risk \"false\")", mod(REFERRAL, {"/immediate_risk": "false"}),
             [("/immediate_risk", "type")]),
        case("number for a boolean (necessity_confirmed 1)", mod(REFERRAL, {"/sharing/necessity_confirmed": 1}),
             [("/sharing/necessity_confirmed", "type")]),
        case("number for short text (full_name)", mod(REFERRAL, {"/referrer/full_name": 42}), [("/referrer/full_name", "type")]),
        case("boolean for short text (family_name)", mod(REFERRAL, {"/individual/family_name": False}),
             [("/individual/family_name", "type")]),
        case("array for a code (sector)", mod(REFERRAL, {"/referrer/sector": ["health"]}), [("/referrer/sector", "type")]),
        case("object for an array (other_names)", mod(REFERRAL, {"/individual/other_names": {"0": "JJ"}}),
             [("/individual/other_names", "type")]),
        case("string for an array of codes (concern_types)", mod(REFERRAL, {"/concern/concern_types": "islamist"}),
             [("/concern/concern_types", "type")]),
        case("array for an object (individual): no date of birth required beneath",
             mod(REFERRAL, {"/individual": []}), [("/individual", "type")]),
        case("number for an object (sharing)", mod(REFERRAL, {"/sharing": 1}), [("/sharing", "type")]),
        case("string for an object (address): no line1 / postcode required beneath",
             mod(REFERRAL, {"/individual/address": "12 Station Road"}), [("/individual/address", "type")]),
        case("string for an integer (approximate_age, no date of birth): no required at date_of_birth",
             mod(NO_DOB, {"/individual/approximate_age": "thirty"}), [("/individual/approximate_age", "type")]),
        case("fraction for an integer (approximate_age 36.5)", mod(NO_DOB, {"/individual/approximate_age": 36.5}),
             [("/individual/approximate_age", "type")]),
        case("36.0 is an integer", mod(NO_DOB, {"/individual/approximate_age": 36.0}), ok),
        case("number for a date (date_of_birth)", mod(REFERRAL, {"/individual/date_of_birth": 1990}),
             [("/individual/date_of_birth", "type")]),
        case("object for a postcode", mod(REFERRAL, {"/individual/address/postcode": {"outward": "LS1", "inward": "4DY"}}),
             [("/individual/address/postcode", "type")]),
        case("array for an item object (social_media item)", mod(REFERRAL, {"/individual/social_media": [["TikTok", "@jj"]]}),
             [("/individual/social_media/0", "type")]),
        case("boolean for an array item code", mod(REFERRAL, {"/concern/known_conditions": [True]}),
             [("/concern/known_conditions/0", "type")]),
        case("several wrong types in one document, in document order",
             mod(REFERRAL, {"/sharing/consent": False, "/schema_version": 1, "/referrer/phone": 7946095,
                            "/individual/sex": 1}),
             [("/schema_version", "type"), ("/referrer/phone", "type"), ("/individual/sex", "type"),
              ("/sharing/consent", "type")]),
    ]),
    )

# ============================================================================================
# ordering.json
# ============================================================================================

ORD_A = {
    "zzz_note": "sent from the school MIS",
    "sharing": {"necessity_confirmed": False, "consent": "maybe", "individual_aware": "yes"},
    "concern": {"indicators": ["bad_code"], "how_identified": HOW, "description": "Said the attack was deserved."},
    "individual": {"address": {"postcode": "XX1 1XX", "town_or_city": "Leeds", "line1": "12 Station Road"},
                   "date_of_birth": "2012-06-01", "family_name": "Ellis", "given_names": "Jordan"},
    "referrer": {"email": "alex.morgan@nhs.net", "phone": "12", "safeguarding_lead_consulted": "yes",
                 "relationship_to_individual": "professional", "job_title": "Nurse",
                 "organisation": "Leeds Trust", "sector": "health", "full_name": "Alex Morgan"},
    "immediate_risk": True,
    "created_at": CREATED,
    "language": "fr",
    "submission_type": "referral",
    "referral_id": "not-a-uuid",
    "schema_version": "1.0",
}

ORD_B = mod(REFERRAL, {"/individual": {
    "parents_or_carers": [{"full_name": "Sam Ellis", "relationship": "Mother", "email": "bad"},
                          {"relationship": "Father"}],
    "nhs_number": "9434765918",
    "social_media": [{"platform": "TikTok"}],
    "approximate_age": 30,
    "email": "x@y",
    "phone": "12",
    "sex": "X",
    "address": REFERRAL["individual"]["address"],
    "date_of_birth": "1990-05-14",
    "family_name": "Ellis",
    "given_names": "Jordan",
}})

ORD_C = mod(REFERRAL, {"/concern": {
    "other_agencies": [{"contact": "0113 555 0100"}],
    "needs_description": "n" * 10001,
    "known_conditions": ["adhd", "bad"],
    "first_noticed": "2027",
    "how_identified": HOW,
    "description": DESC,
}})

ORD_D = {"x_first": 1, **mod(REFERRAL, {"/referrer/x_ref": 1, "/individual/address/x_addr": 1, "/sharing/x_share": 1})}

add("ordering",
    group("errors and warnings in document order, whatever the input order", [
        case("a scrambled document with errors at every level",
             ORD_A,
             [("/referral_id", "invalid_format"), ("/language", "invalid_option"), ("/referrer/phone", "invalid_phone"),
              ("/individual/address/postcode", "invalid_postcode"), ("/concern/indicators/0", "invalid_option"),
              ("/sharing/consent", "invalid_option"), ("/sharing/necessity_confirmed", "must_be_true"),
              ("/zzz_note", "unknown_field")],
             [("/immediate_risk", "call_999"), ("/individual/parents_or_carers", "parents_or_carers_recommended"),
              ("/concern/description", "description_too_brief")]),
        case("individual fields in table order, then array index",
             ORD_B,
             [("/individual/approximate_age", "conflict"), ("/individual/sex", "invalid_option"),
              ("/individual/phone", "invalid_phone"), ("/individual/email", "invalid_email"),
              ("/individual/social_media/0/handle", "required"), ("/individual/nhs_number", "invalid_nhs_number"),
              ("/individual/parents_or_carers/0/email", "invalid_email"),
              ("/individual/parents_or_carers/1/full_name", "required")]),
        case("concern fields in table order",
             ORD_C,
             [("/concern/first_noticed", "date_in_future"), ("/concern/known_conditions/1", "invalid_option"),
              ("/concern/needs_description", "too_long"), ("/concern/other_agencies/0/name", "required")]),
        case("unknown fields after the known fields of their own object",
             ORD_D,
             [("/referrer/x_ref", "unknown_field"), ("/individual/address/x_addr", "unknown_field"),
              ("/sharing/x_share", "unknown_field"), ("/x_first", "unknown_field")]),
        case("sharing, then extensions, then top-level unknown fields",
             {"zzz": 1, **mod(REFERRAL, {"/sharing/consent": DEL, "/extensions": {"Bad.Key": 1}})},
             [("/sharing/consent", "required"), ("/extensions/Bad.Key", "invalid_format"), ("/zzz", "unknown_field")]),
        case("array items by index: invalid codes and a duplicate",
             mod(REFERRAL, {"/concern/indicators": ["bad1", "other", "bad2", "other"]}),
             [("/concern/indicators/0", "invalid_option"), ("/concern/indicators/2", "invalid_option"),
              ("/concern/indicators/3", "duplicate")]),
        case("conflict sits at approximate_age, between date_of_birth and sex",
             mod(REFERRAL, {"/individual/sex": "X", "/individual/approximate_age": 30,
                            "/individual/date_of_birth": "1990-02-30"}),
             [("/individual/date_of_birth", "invalid_date"), ("/individual/approximate_age", "conflict"),
              ("/individual/sex", "invalid_option")]),
        case("required date of birth sits at date_of_birth, between family_name and sex",
             mod(NO_DOB, {"/individual/sex": "X", "/individual/family_name": DEL}),
             [("/individual/family_name", "required"), ("/individual/date_of_birth", "required"),
              ("/individual/sex", "invalid_option")]),
        case("top-level fields in table order",
             mod(REFERRAL, {"/immediate_risk": "no", "/created_at": "yesterday", "/language": "english",
                            "/submission_type": "report", "/referral_id": "1", "/schema_version": "0.9"}),
             [("/schema_version", "unsupported_version"), ("/referral_id", "invalid_format"),
              ("/submission_type", "invalid_option"), ("/language", "invalid_option"),
              ("/created_at", "invalid_format"), ("/immediate_risk", "type")]),
    ]),
    )

# ============================================================================================
# duplicates.json - repeated member names, only expressible as JSON text
# ============================================================================================

add("duplicates",
    group("repeated member names in the JSON text", [
        case("schema_version twice (same value): duplicate at /schema_version",
             document_text=with_repeat(REFERRAL, "", "schema_version", at=1),
             errors=[("/schema_version", "duplicate")]),
        case("a repeated name is reported after the known fields' errors",
             document_text=with_repeat(mod(REFERRAL, {"/concern/description": DEL}), "", "language", at=4),
             errors=[("/concern/description", "required"), ("/language", "duplicate")]),
        case("a name spelled with a \\u escape is the same name",
             document_text=with_repeat(REFERRAL, "", "schema_version", at=1, written_as='"schema\\u005fversion"'),
             errors=[("/schema_version", "duplicate")]),
        case("nested: referrer full_name twice, before the individual's errors",
             document_text=with_repeat(mod(REFERRAL, {"/individual/family_name": DEL}), "/referrer", "full_name"),
             errors=[("/referrer/full_name", "duplicate"), ("/individual/family_name", "required")]),
        case("nested deeper: postcode twice in the address",
             document_text=with_repeat(REFERRAL, "/individual/address", "postcode"),
             errors=[("/individual/address/postcode", "duplicate")]),
        case("inside an array item: relationship twice in a parent",
             document_text=with_repeat(WITH_PARENTS, "/individual/parents_or_carers/0", "relationship"),
             errors=[("/individual/parents_or_carers/0/relationship", "duplicate")]),
        case("necessity_confirmed twice in sharing",
             document_text=with_repeat(REFERRAL, "/sharing", "necessity_confirmed"),
             errors=[("/sharing/necessity_confirmed", "duplicate")]),
        case("unknown field first, repeat last: reported in input order",
             document_text=with_repeat(REFERRAL, "", "referral_id", extra=[("", "notes", "x", 0)]),
             errors=[("/notes", "unknown_field"), ("/referral_id", "duplicate")]),
        case("repeat first, unknown field last: reported in input order",
             document_text=with_repeat(REFERRAL, "", "schema_version", at=1, extra=[("", "notes", "x", None)]),
             errors=[("/schema_version", "duplicate"), ("/notes", "unknown_field")]),
    ]),
    group("repeated member names in a feedback document", [
        case("status twice", document_text=with_repeat(FEEDBACK, "", "status", at=3),
             errors=[("/status", "duplicate")]),
    ], kind="feedback"),
    )

# ============================================================================================
# feedback.json
# ============================================================================================

STATUSES = ["received", "under_assessment", "no_further_action", "signposted_to_other_services",
            "discussed_at_channel_panel", "adopted_as_channel_case", "closed"]


def fb(changes=None):
    return mod(FEEDBACK, changes)


_fb_req = []
for _p in ["/schema_version", "/referral_id", "/status", "/updated_at"]:
    _fb_req += blank_variants(FEEDBACK, _p)

add("feedback",
    group("feedback documents", [
        case("a valid feedback document", FEEDBACK, ok, normalised=FEEDBACK),
        *[case(f"status {s}", fb({"/status": s}), ok) for s in STATUSES],
        case("without a message", fb({"/message": DEL}), ok),
        case("a null message is absent", fb({"/message": None}), ok, normalised=fb({"/message": DEL})),
        case("a blank message is absent and removed by normalise", fb({"/message": "  \n "}), ok,
             normalised=fb({"/message": DEL})),
        case("a message is trimmed by normalise", fb({"/message": "  Closed: no further action.\n"}), ok,
             normalised=fb({"/message": "Closed: no further action."})),
        case("status Received (wrong case)", fb({"/status": "Received"}), [("/status", "invalid_option")]),
        case("status accepted is not an option", fb({"/status": "accepted"}), [("/status", "invalid_option")]),
        case("status as a number", fb({"/status": 3}), [("/status", "type")]),
        case("updated_at with a space instead of T", fb({"/updated_at": "2026-11-21 09:00:00Z"}),
             [("/updated_at", "invalid_format")]),
        case("updated_at as a date only", fb({"/updated_at": "2026-11-21"}), [("/updated_at", "invalid_format")]),
        case("updated_at lower-case t and z", fb({"/updated_at": "2026-11-21t09:00:00z"}), ok),
        case("referral_id not a UUID", fb({"/referral_id": "not-a-uuid"}), [("/referral_id", "invalid_format")]),
        case("schema_version 1.1", fb({"/schema_version": "1.1"}), [("/schema_version", "unsupported_version")]),
        case("schema_version as a number", fb({"/schema_version": 1}), [("/schema_version", "type")]),
        case("message of 10,000 characters", fb({"/message": "m" * 10000}), ok),
        case("message of 10,001 characters is too long", fb({"/message": "m" * 10001}), [("/message", "too_long")]),
        case("message with TAB and CRLF", fb({"/message": "Outcome:\tsignposted.\r\nThank you."}), ok),
        case("message with U+202E", fb({"/message": "Outcome \u202e noitca"}), [("/message", "invalid_characters")]),
        case("message as a number", fb({"/message": 42}), [("/message", "type")]),
        case("extensions is an unknown field in feedback", fb({"/extensions": {}}), [("/extensions", "unknown_field")]),
        case("extensions with a valid key is still one unknown field",
             fb({"/extensions": {"uk.police.met": {"x": 1}}}), [("/extensions", "unknown_field")]),
        case("a referral field in feedback is unknown", fb({"/submission_type": "referral"}),
             [("/submission_type", "unknown_field")]),
        case("an array document", [FEEDBACK], [("", "type")]),
        case("an empty object", {}, [("/schema_version", "required"), ("/referral_id", "required"),
                                     ("/status", "required"), ("/updated_at", "required")]),
        case("errors in field order", {"message": 1, "updated_at": "x", "status": "x", "referral_id": "x",
                                       "schema_version": "2"},
             [("/schema_version", "unsupported_version"), ("/referral_id", "invalid_format"),
              ("/status", "invalid_option"), ("/updated_at", "invalid_format"), ("/message", "type")]),
    ], kind="feedback"),
    group("feedback required fields missing, null, or blank", _fb_req, kind="feedback"),
    )

# ============================================================================================
# normalise.json
# ============================================================================================

MESSY = mod(WITH_PARENTS, {
    "/referral_id": " " + REF_ID + " ",
    "/language": "en\n",
    "/referrer/full_name": "  Alex Morgan ",
    "/referrer/sector": " health",
    "/referrer/email": " Alex.Morgan@NHS.NET ",
    "/referrer/phone": "  (0113) 496-0732\t",
    "/referrer/feedback_requested": None,
    "/individual/given_names": "Jordan\n",
    "/individual/other_names": ["  JJ  "],
    "/individual/date_of_birth": " 1990-05-14 ",
    "/individual/sex": None,
    "/individual/nationality": "   ",
    "/individual/nhs_number": "943 476 5919",
    "/individual/email": "Jordan.E@Example.COM",
    "/individual/address/line2": "",
    "/individual/address/postcode": " ls1 4dy ",
    "/individual/parents_or_carers/0/phone": None,
    "/individual/parents_or_carers/0/email": "Sam@Example.Co.UK ",
    "/concern/description": "\n" + DESC + "\n\n",
    "/concern/first_noticed": " 2026-09 ",
    "/concern/indicators": [" other "],
    "/concern/needs_description": "  ",
    "/sharing/consent": " given ",
    "/extensions": {"uk.police.met": {"keep": "  as is  ", "n": None}},
})
MESSY_NORMAL = mod(WITH_PARENTS, {
    "/referrer/email": "Alex.Morgan@nhs.net",
    "/referrer/phone": "(0113) 496-0732",
    "/individual/other_names": ["JJ"],
    "/individual/nhs_number": "9434765919",
    "/individual/email": "Jordan.E@example.com",
    "/individual/parents_or_carers/0/email": "Sam@example.co.uk",
    "/concern/first_noticed": "2026-09",
    "/concern/indicators": ["other"],
    "/extensions": {"uk.police.met": {"keep": "  as is  ", "n": None}},
})

add("normalise",
    group("normalise (§8, §11.11)", [
        case("a messy but valid referral and its normal form", MESSY, ok, normalised=MESSY_NORMAL),
        case("normalising the normal form changes nothing", MESSY_NORMAL, ok, normalised=MESSY_NORMAL),
        case("empty arrays and objects are kept",
             mod(REFERRAL, {"/individual/other_names": [], "/individual/education_or_employment": {}}), ok,
             normalised=mod(REFERRAL, {"/individual/other_names": [], "/individual/education_or_employment": {}})),
        case("booleans and numbers are unchanged",
             mod(NO_DOB, {"/individual/approximate_age": 36, "/individual/interpreter_needed": True}), ok,
             normalised=mod(NO_DOB, {"/individual/approximate_age": 36, "/individual/interpreter_needed": True})),
        case("an invalid postcode is only trimmed",
             mod(REFERRAL, {"/individual/address/postcode": " sw1a_1aa "}),
             [("/individual/address/postcode", "invalid_postcode")],
             normalised=mod(REFERRAL, {"/individual/address/postcode": "sw1a_1aa"})),
        case("an upper-case UUID is kept as it is", mod(REFERRAL, {"/referral_id": REF_ID.upper()}), ok,
             normalised=mod(REFERRAL, {"/referral_id": REF_ID.upper()})),
    ]),
    )

# ============================================================================================
# examples (schemas/examples) - also run as fixtures
# ============================================================================================

MINIMAL = {
    "schema_version": "1.0",
    "referral_id": "5d0b6c1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e",
    "submission_type": "referral",
    "language": "en",
    "created_at": "2026-11-20T16:40:00Z",
    "immediate_risk": False,
    "referrer": {
        "full_name": "Mohammed Iqbal",
        "sector": "friends_family",
        "relationship_to_individual": "family_member",
        "phone": "07700 900982",
    },
    "individual": {"name_not_known": True, "approximate_age": 30, "address_not_known": True},
    "concern": {
        "description": ("A man at my cousin's gym keeps talking about wanting to 'do something' at the "
                        "local mosque and shows people photos of weapons."),
        "how_identified": "My cousin told me what he had seen and heard over several weeks.",
    },
    "sharing": {"individual_aware": "not_known", "consent": "not_sought",
                "reason_consent_not_sought": "I do not know who he is.", "necessity_confirmed": True},
}

FRIENDS_FAMILY = {
    "schema_version": "1.0",
    "referral_id": "9a7e3c51-4d2b-4e6f-a1b3-c5d7e9f1a3b5",
    "submission_type": "referral",
    "language": "cy",
    "created_at": "2026-11-18T19:05:00+00:00",
    "immediate_risk": False,
    "referrer": {
        "full_name": "Gwen Hughes",
        "sector": "friends_family",
        "relationship_to_individual": "family_member",
        "email": "gwen.hughes@example.co.uk",
        "feedback_requested": True,
    },
    "individual": {
        "given_names": "Owain",
        "family_name": "Hughes",
        "date_of_birth": "2003-07-09",
        "sex": "male",
        "address": {"line1": "4 Heol y Bont", "town_or_city": "Bangor", "county": "Gwynedd", "postcode": "LL57 1AB"},
        "primary_language": "Welsh",
        "education_or_employment": {"status": "not_in_education_or_employment"},
    },
    "concern": {
        "description": ("Mae fy mab wedi bod yn gwylio fideos sy'n canmol ymosodiadau ar fosgiau ac yn "
                        "siarad am 'ryfel hil'. Mae wedi prynu cyllell hela."),
        "how_identified": "Gwelais y fideos ar ei gyfrifiadur a chlywais ef ar y ffôn.",
        "first_noticed": "2026-08",
        "concern_types": ["extreme_right_wing"],
        "indicators": ["concerning_online_activity", "threats_or_intent_to_harm"],
    },
    "sharing": {"individual_aware": "no",
                "reason_not_aware": "Mae gen i ofn sut y bydd yn ymateb.",
                "consent": "not_sought",
                "reason_consent_not_sought": "Gofyn iddo fe fyddai'n rhoi gwybod iddo.",
                "necessity_confirmed": True},
}

ADVICE_EXAMPLE = mod(ADVICE, {"/individual": {"approximate_age": 14, "sex": "not_known",
                                              "parents_or_carers": [{"relationship": "Mother", "aware_of_referral": "no"}]},
                              "/concern/indicators": ["interest_in_mass_violence"],
                              "/concern/concern_types": ["mass_violence_fascination", "school_massacre"]})

FEEDBACK_EXAMPLE = mod(FEEDBACK, {"/status": "discussed_at_channel_panel",
                                  "/updated_at": "2026-12-04T14:30:00Z",
                                  "/message": ("The case was discussed at the Channel panel on 4 December. "
                                               "A support package has been offered; we will update you again.")})

VALID_EXAMPLES = {
    "full-referral.json": FULL,
    "minimal-referral.json": MINIMAL,
    "advice-request.json": ADVICE_EXAMPLE,
    "friends-family-referral.json": FRIENDS_FAMILY,
    "feedback.json": FEEDBACK_EXAMPLE,
}

INVALID_EXAMPLES = {
    "missing-postcode.json": (mod(FULL, {"/individual/address/postcode": DEL}),
                              [("/individual/address/postcode", "required")]),
    "bad-nhs-number.json": (mod(FULL, {"/individual/nhs_number": "943 476 5918"}),
                            [("/individual/nhs_number", "invalid_nhs_number")]),
    "consent-reason-missing.json": (mod(FULL, {"/sharing/reason_consent_not_sought": DEL}),
                                    [("/sharing/reason_consent_not_sought", "required")]),
    "unknown-field.json": (mod(FULL, {"/referrer/email": DEL, "/referrer/phone": DEL,
                                      "/referrer/telephone": "0113 496 0732"}),
                           [("/referrer/email", "email_or_phone_required"), ("/referrer/telephone", "unknown_field")]),
    "wrong-types.json": (mod(FULL, {"/immediate_risk": "no", "/sharing/necessity_confirmed": "yes"}),
                         [("/immediate_risk", "type"), ("/sharing/necessity_confirmed", "type")]),
    "date-of-birth-in-future.json": (mod(FULL, {"/individual/date_of_birth": "2026-12-01"}),
                                     [("/individual/date_of_birth", "date_in_future")]),
}

add("examples",
    group("the valid referral examples in schemas/examples/valid", [
        case("full referral, every field used", FULL, ok),
        case("minimal referral", MINIMAL, ok),
        case("advice request", ADVICE_EXAMPLE, ok),
        case("friends and family referral", FRIENDS_FAMILY, ok),
    ]),
    group("the valid feedback example", [case("feedback", FEEDBACK_EXAMPLE, ok)], kind="feedback"),
    group("the invalid examples in schemas/examples/invalid",
          [case(name, doc, errs) for name, (doc, errs) in INVALID_EXAMPLES.items()]),
    )


# ============================================================================================
# authoring lints (not expectations) and output
# ============================================================================================

# --------------------------------------------------------------------------------------------
# limits (spec 1.0.1 §11.14 the error cap, §11.16 limits native and wasm share, bounded formats)
# --------------------------------------------------------------------------------------------

MAX_ISSUES = 1000  # §11.14


def nested(levels, leaf=1):
    """`levels` objects, each {"a": ...}, around `leaf`."""
    value = leaf
    for _ in range(levels):
        value = {"a": value}
    return value


def with_number(doc, path, number_text):
    """The document's JSON text with the value at `path` written as the bare number text."""
    marker = "@@NUMBER@@"
    text = json.dumps(mod(doc, {path: marker}), ensure_ascii=False)
    assert text.count(f'"{marker}"') == 1
    return text.replace(f'"{marker}"', number_text)


bad_codes = lambda n: mod(REFERRAL, {"/concern/indicators": ["not-a-code"] * n})
add("limits",
    group("at most 1,000 errors are listed (§11.14)", [
        case("exactly 1,000 errors are all listed", bad_codes(MAX_ISSUES - 1),
             [("/concern/indicators", "too_many_items")]
             + [(f"/concern/indicators/{i}", "invalid_option") for i in range(MAX_ISSUES - 1)]),
        case("1,001 errors: the first 999, then too_many_errors at the document", bad_codes(MAX_ISSUES),
             [("/concern/indicators", "too_many_items")]
             + [(f"/concern/indicators/{i}", "invalid_option") for i in range(MAX_ISSUES - 2)]
             + [("", "too_many_errors")]),
    ]),
    group("a date-time's fraction of a second has at most 9 digits", [
        case("9 digits", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00.123456789Z"}), ok),
        case("10 digits", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00.1234567890Z"}),
             [("/created_at", "invalid_format")]),
        case("1,000 digits", mod(REFERRAL, {"/created_at": "2026-11-20T10:15:00." + "1" * 1000 + "Z"}),
             [("/created_at", "invalid_format")]),
    ]),
    group("every string rule bounds its length: separators in a row, extension keys", [
        case("a phone with 3 separators in a row", mod(REFERRAL, {"/referrer/phone": "020 - 7946 0958"}), ok),
        case("a phone with 4 spaces in a row", mod(REFERRAL, {"/referrer/phone": "020    7946 0958"}),
             [("/referrer/phone", "invalid_phone")]),
        case("a postcode of 16 characters as given", mod(REFERRAL, {"/individual/address/postcode": "LS1" + " " * 10 + "4DY"}), ok,
             normalised=mod(REFERRAL, {"/individual/address/postcode": "LS1 4DY"})),
        case("a postcode of 17 characters as given", mod(REFERRAL, {"/individual/address/postcode": "LS1" + " " * 11 + "4DY"}),
             [("/individual/address/postcode", "invalid_postcode")]),
        case("an NHS number of 20 characters as given", mod(REFERRAL, {"/individual/nhs_number": "943" + " " * 10 + "4765919"}), ok),
        case("an NHS number of 21 characters as given", mod(REFERRAL, {"/individual/nhs_number": "943" + " " * 11 + "4765919"}),
             [("/individual/nhs_number", "invalid_nhs_number")]),
        case("an extension key label of 63 characters", ext({"uk." + "a" * 63: 1}), ok),
        case("an extension key label of 64 characters", ext({"uk." + "a" * 64: 1}), [("/extensions/uk." + "a" * 64, "invalid_format")]),
        case("an extension key of 10 labels", ext({".".join(["a"] * 10): 1}), ok),
        case("an extension key of 11 labels", ext({".".join(["a"] * 11): 1}), [("/extensions/" + ".".join(["a"] * 11), "invalid_format")]),
    ]),
    group("nesting: 128 levels of arrays and objects are read (§11.16; 129 are unreadable input)", [
        # As text: a fixture file wraps each document in 4 more levels.
        case("extensions nested to 128 levels in all",
             document_text=json.dumps(ext({"uk.example.deep": nested(126)}), ensure_ascii=False), errors=ok),
        case("extensions nested to 128 levels, arrays",
             document_text=json.dumps(ext({"uk.example.deep": json.loads("[" * 126 + "]" * 126)}), ensure_ascii=False),
             errors=ok),
    ]),
    group("numbers outside the double range are type wherever they stand (§11.16)", [
        case("1e400 in extensions", document_text=with_number(ext({"uk.example.n": 0}), "/extensions/uk.example.n", "1e400"),
             errors=[("/extensions/uk.example.n", "type")]),
        case("-1e400 deep in extensions",
             document_text=with_number(ext({"uk.example.n": {"list": [0]}}), "/extensions/uk.example.n/list/0", "-1e400"),
             errors=[("/extensions/uk.example.n/list/0", "type")]),
        case("1e400 as the approximate age",
             document_text=with_number(mod(REFERRAL, {"/individual/date_of_birth": DEL, "/individual/approximate_age": 0}),
                                       "/individual/approximate_age", "1e400"),
             errors=[("/individual/approximate_age", "type")]),
        case("1e-400 (zero as a double) and a 30-digit integer are numbers",
             document_text=with_number(ext({"uk.example.n": 0, "uk.example.m": 1}), "/extensions/uk.example.n", "1e-400")
             .replace('"uk.example.m": 1', '"uk.example.m": 123456789012345678901234567890'), errors=ok),
    ]),
)


ABSENT = object()


def lookup(doc, path):
    try:
        return resolve(doc, path)
    except (KeyError, IndexError, TypeError, ValueError):
        return ABSENT


def lint(topic, grp, t):
    where = f"{topic}: {grp['description']}: {t['description']}"
    assert t["valid"] == (not t["errors"]), where
    assert ("document" in t) != ("document_text" in t), where
    doc = t.get("document")
    if doc is None:
        doc = json.loads(t["document_text"])  # last value wins; the lints below only need shape
    for kind in ("errors", "warnings"):
        for item in t[kind]:
            path, code = item["path"], item["code"]
            assert path == "" or path.startswith("/"), where
            value = lookup(doc, path)
            if code == "required":
                parent = path.rsplit("/", 1)[0]
                assert lookup(doc, parent) is not ABSENT, (where, path)
                assert value is ABSENT or value is None or (isinstance(value, str) and value.strip() == ""), (where, path)
            elif code in ("email_or_phone_required", "parents_or_carers_recommended"):
                assert lookup(doc, path.rsplit("/", 1)[0]) is not ABSENT, (where, path)
            else:
                assert value is not ABSENT, (where, path, code)


def dump(value):
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def main():
    HERE.mkdir(parents=True, exist_ok=True)
    total = 0
    for topic, groups in FILES.items():
        seen = set()
        for g in groups:
            for t in g["tests"]:
                key = (g["description"], t["description"])
                assert key not in seen, (topic, key)
                seen.add(key)
                lint(topic, g, t)
                total += 1
        (HERE / f"{topic}.json").write_text(dump(groups), encoding="utf-8")
    for sub in ("valid", "invalid"):
        (EXAMPLES / sub).mkdir(parents=True, exist_ok=True)
    for name, doc in VALID_EXAMPLES.items():
        (EXAMPLES / "valid" / name).write_text(dump(doc), encoding="utf-8")
    expected = {}
    for name, (doc, errs) in INVALID_EXAMPLES.items():
        (EXAMPLES / "invalid" / name).write_text(dump(doc), encoding="utf-8")
        expected[name] = issues(errs)
    (EXAMPLES / "invalid" / "EXPECTED.json").write_text(dump(expected), encoding="utf-8")
    print(f"wrote {len(FILES)} fixture files, {total} cases")


if __name__ == "__main__":
    main()
