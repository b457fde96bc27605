//! The route table of the receiving API v1: every route (method, path, who may call it, and
//! for a team route what it writes in the audit log), declared once. The server builds its
//! router from it (one `match` from [`Endpoint`] to handler, and the audit layer on every
//! [`Access::Team`] route); the OpenAPI description builds its `paths` from it.

/// The HTTP methods of the API's routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET` (and `HEAD`).
    Get,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name in lower case, as OpenAPI keys it.
    pub const fn name(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
            Method::Delete => "delete",
        }
    }
}

/// The formats of the team's export (`format=`), in the order the description lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 4180 CSV, one column per leaf field.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Csv, ExportFormat::Jsonl];

    /// The value of `format=` that asks for it.
    pub const fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        }
    }

    /// The format `format=<name>` asks for.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What a team route writes in the audit log before it is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audit {
    /// The action, with no referral.
    Action(&'static str),
    /// The action and the referral the path's `{referral_id}` names (lower case); a segment
    /// that is not a UUID is recorded as null and answered 404.
    Referral(&'static str),
    /// `<action>_<format>` when the `format` query parameter names an [`ExportFormat`], else
    /// the action alone.
    Format(&'static str),
}

impl Audit {
    /// The action recorded, given the request's `format` query parameter.
    pub fn action(self, format: Option<&str>) -> String {
        match self {
            Audit::Action(action) | Audit::Referral(action) => action.to_owned(),
            Audit::Format(action) => match format.and_then(ExportFormat::from_name) {
                Some(f) => format!("{action}_{}", f.name()),
                None => action.to_owned(),
            },
        }
    }

    /// Every action this can record.
    pub fn actions(self) -> Vec<String> {
        match self {
            Audit::Action(_) | Audit::Referral(_) => vec![self.action(None)],
            Audit::Format(_) => std::iter::once(None)
                .chain(ExportFormat::ALL.map(|f| Some(f.name())))
                .map(|f| self.action(f))
                .collect(),
        }
    }
}

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, also from another site's page (CORS, with a preflight).
    Public,
    /// A Prevent team member (team token or session); the request is recorded in the audit
    /// log before it is answered.
    Team(Audit),
    /// Anyone, same origin only (the operator's health check).
    Operator,
}

/// What a route does: one per route, so that a `match` over it names every handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// Intake of a referral.
    SendReferral,
    /// The referrer's view of a referral's status.
    ReferralStatus,
    /// The team's list of referrals.
    ListReferrals,
    /// One referral with its feedback.
    GetReferral,
    /// A new status (feedback) for a referral.
    AddFeedback,
    /// Every referral since a time, as CSV or JSON lines.
    ExportReferrals,
    /// Counts with no personal data.
    Indicators,
    /// The audit log.
    AuditLog,
    /// A session cookie for a team token.
    StartSession,
    /// The end of a session.
    EndSession,
    /// Whether the store takes a write.
    Health,
}

/// One route of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// What it does.
    pub endpoint: Endpoint,
    /// Its method.
    pub method: Method,
    /// Its path, parameters in braces (`{referral_id}`).
    pub path: &'static str,
    /// Who may call it, and what it records.
    pub access: Access,
}

const fn route(endpoint: Endpoint, method: Method, path: &'static str, access: Access) -> Route {
    Route {
        endpoint,
        method,
        path,
        access,
    }
}

/// The path parameter naming a referral.
pub const REFERRAL_ID_PARAM: &str = "{referral_id}";

/// Every route of the receiving API v1, in the order the description lists them.
#[rustfmt::skip] // a table: one route a line
pub const ROUTES: &[Route] = {
    use Access::{Operator, Public, Team};
    use Audit::{Action, Format, Referral};
    use Endpoint::*;
    use Method::{Delete, Get, Post};
    &[
        route(SendReferral,    Post,   "/v1/referrals",                             Public),
        route(ReferralStatus,  Get,    "/v1/referrals/{referral_id}/feedback",      Public),
        route(ListReferrals,   Get,    "/v1/team/referrals",                        Team(Action("list_referrals"))),
        route(GetReferral,     Get,    "/v1/team/referrals/{referral_id}",          Team(Referral("get_referral"))),
        route(AddFeedback,     Post,   "/v1/team/referrals/{referral_id}/feedback", Team(Referral("add_feedback"))),
        route(ExportReferrals, Get,    "/v1/team/export",                           Team(Format("export"))),
        route(Indicators,      Get,    "/v1/team/indicators",                       Team(Action("read_indicators"))),
        route(AuditLog,        Get,    "/v1/team/audit",                            Team(Action("read_audit"))),
        route(StartSession,    Post,   "/v1/team/session",                          Team(Action("start_session"))),
        route(EndSession,      Delete, "/v1/team/session",                          Team(Action("end_session"))),
        route(Health,          Get,    "/healthz",                                  Operator),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_once_and_each_method_and_path_once() {
        for (i, a) in ROUTES.iter().enumerate() {
            for b in &ROUTES[i + 1..] {
                assert_ne!(a.endpoint, b.endpoint);
                assert!((a.method, a.path) != (b.method, b.path), "{a:?}");
            }
        }
    }

    #[test]
    fn a_referral_audit_has_a_referral_in_its_path_and_team_paths_are_under_team() {
        for r in ROUTES {
            if let Access::Team(audit) = r.access {
                assert!(r.path.starts_with("/v1/team/"), "{r:?}");
                assert_eq!(
                    matches!(audit, Audit::Referral(_)),
                    r.path.contains(REFERRAL_ID_PARAM),
                    "{r:?}"
                );
            }
        }
    }

    #[test]
    fn export_actions_name_the_format() {
        let export = Audit::Format("export");
        assert_eq!(export.actions(), ["export", "export_csv", "export_jsonl"]);
        assert_eq!(export.action(Some("xml")), "export");
        assert_eq!(Audit::Referral("get_referral").actions(), ["get_referral"]);
    }
}
