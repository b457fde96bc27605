//! The audit log's vocabulary (spec §6.6), declared once: the actions an entry may name (one
//! per team route of the route table, and the failed sign-ins), what became of the request
//! (`outcome`), and the query parameters of `GET /v1/team/audit`. The server records and
//! filters with these; the OpenAPI description and the team's page read them.

use super::routes::{Access, ROUTES};

/// The action of an entry for a request whose team token (or session) was refused.
pub const SIGN_IN_FAILED: &str = "sign_in_failed";
/// The action of the one entry written when a client address runs out of failed sign-ins
/// (answered 429; the refusals after it, until the minute is over, are not written).
pub const SIGN_IN_LIMITED: &str = "sign_in_limited";

/// Every action an entry may name: each team route's (an export's with its format), then
/// the sign-in ones.
pub fn actions() -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for route in ROUTES {
        if let Access::Team(audit) = route.access {
            for action in audit.actions() {
                if !all.contains(&action) {
                    all.push(action);
                }
            }
        }
    }
    all.push(SIGN_IN_FAILED.to_owned());
    all.push(SIGN_IN_LIMITED.to_owned());
    all
}

/// What became of a recorded request, from its HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Answered with success (2xx, 3xx).
    Done,
    /// Refused (4xx): nothing was shown or changed.
    Refused,
    /// The service failed (5xx).
    Failed,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 3] = [Outcome::Done, Outcome::Refused, Outcome::Failed];

    /// Its wire name.
    pub const fn name(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
        }
    }

    /// The outcome of an answer with this HTTP status.
    pub const fn of_status(status: u16) -> Outcome {
        match status {
            400..=499 => Outcome::Refused,
            500.. => Outcome::Failed,
            _ => Outcome::Done,
        }
    }
}

/// What a query parameter of the audit log holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A referral's reference or its `referral_id`, in any case.
    Referral,
    /// A member's id (`actor_id` of an entry, `id` of `members`).
    Member,
    /// One of [`actions`].
    Action,
    /// An RFC 3339 date-time or a date.
    Time,
    /// How many entries (see `ApiLimits::default_audit_page`, `max_audit_page`).
    Limit,
    /// The `next` of the previous page.
    Cursor,
}

/// One query parameter of `GET /v1/team/audit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditParam {
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub kind: ParamKind,
    /// What it does, in a sentence.
    pub description: &'static str,
}

/// The query parameters of `GET /v1/team/audit`, in the order the description lists them.
pub const AUDIT_PARAMS: &[AuditParam] = &[
    AuditParam {
        name: "referral",
        kind: ParamKind::Referral,
        description:
            "Only entries about this referral: its reference or its referral_id, in any case.",
    },
    AuditParam {
        name: "actor",
        kind: ParamKind::Member,
        description: "Only entries of this team member (an `id` of the answer's `members`).",
    },
    AuditParam {
        name: "action",
        kind: ParamKind::Action,
        description: "Only entries of this action.",
    },
    AuditParam {
        name: "from",
        kind: ParamKind::Time,
        description: "Only entries at or after this time.",
    },
    AuditParam {
        name: "to",
        kind: ParamKind::Time,
        description: "Only entries before this time.",
    },
    AuditParam {
        name: "limit",
        kind: ParamKind::Limit,
        description: "Most entries on the page.",
    },
    AuditParam {
        name: "cursor",
        kind: ParamKind::Cursor,
        description: "The `next` value of the previous page (opaque).",
    },
];

/// The name of the parameter of this kind (each kind but `Time` has one).
pub fn param(kind: ParamKind) -> &'static str {
    AUDIT_PARAMS
        .iter()
        .find(|p| p.kind == kind)
        .map_or("", |p| p.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_the_route_tables_and_the_sign_in_ones_each_once() {
        let all = actions();
        for a in ["list_referrals", "get_referral", "export_csv", "read_audit"] {
            assert!(all.iter().any(|x| x == a), "{a}");
        }
        assert_eq!(all.last().map(String::as_str), Some(SIGN_IN_LIMITED));
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a}");
        }
    }

    #[test]
    fn outcomes_follow_the_status_class() {
        assert_eq!(Outcome::of_status(201), Outcome::Done);
        assert_eq!(Outcome::of_status(304), Outcome::Done);
        assert_eq!(Outcome::of_status(409), Outcome::Refused);
        assert_eq!(Outcome::of_status(503), Outcome::Failed);
        assert_eq!(param(ParamKind::Referral), "referral");
    }
}
