//! `GET /v1/team/indicators?from=&to=` (spec §4): counts with no personal data.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use prevent_referral::model::vocab::{
    Choice, CONCERN_TYPES, FEEDBACK_STATUSES, SECTORS, SUBMISSION_TYPES,
};
use prevent_referral::receiving::OTHER_STATUS;
use prevent_referral::Json;
use std::sync::atomic::{AtomicBool, Ordering};

use super::error::ApiError;
use super::json_out::{int, object, respond};
use super::query::{FromQuery, Params, QueryMap};
use super::AppState;
use crate::store::ReferralRow;

/// The indicators' period: `from` (inclusive) and `to` (exclusive), each open when not given.
pub(super) struct Period {
    from: i64,
    to: i64,
}

impl FromQuery for Period {
    fn from_query(params: &QueryMap) -> Result<Self, ApiError> {
        Ok(Period {
            from: params.time("from")?.unwrap_or(i64::MIN),
            to: params.time("to")?.unwrap_or(i64::MAX),
        })
    }
}

/// `GET /v1/team/indicators?from=&to=`.
pub(super) async fn indicators(
    State(state): State<AppState>,
    Params(Period { from, to }): Params<Period>,
) -> Result<Response, ApiError> {
    let _permit = state.heavy_permit()?;
    let rows = state.store().received_between(from, to).await?;
    let indicators = tokio::task::spawn_blocking(move || compute(&rows))
        .await
        .map_err(|_| ApiError::unavailable())?;
    Ok(respond(StatusCode::OK, &indicators))
}

/// The indicators of these referrals.
pub(crate) fn compute(rows: &[ReferralRow]) -> Json<'static> {
    let mut by_type = zeroes(SUBMISSION_TYPES);
    let mut by_sector = zeroes(SECTORS);
    let mut by_concern = zeroes(CONCERN_TYPES);
    let mut by_status = zeroes(FEEDBACK_STATUSES);
    let mut hours = Vec::new();
    let mut unknown_status: i64 = 0;
    for row in rows {
        bump(&mut by_type, &row.submission_type);
        if let Some(sector) = &row.sector {
            bump(&mut by_sector, sector);
        }
        for concern in row.concern_types.split(';').filter(|c| !c.is_empty()) {
            bump(&mut by_concern, concern);
        }
        if !bump(&mut by_status, &row.status) {
            unknown_status += 1;
        }
        if let Some(first) = row.first_feedback_at {
            hours.push((first - row.received_at).max(0) as f64 / 3_600_000.0);
        }
    }
    if unknown_status > 0 {
        by_status.push((OTHER_STATUS, unknown_status));
        warn_once_of_unknown_status(unknown_status);
    }
    hours.sort_by(f64::total_cmp);
    object([
        ("total", int(rows.len() as i64)),
        ("by_submission_type", counts(by_type)),
        ("by_sector", counts(by_sector)),
        ("by_concern_type", counts(by_concern)),
        ("by_status", counts(by_status)),
        (
            "hours_to_first_feedback",
            object([
                ("median", number(median(&hours))),
                ("p90", number(percentile(&hours, 0.9))),
            ]),
        ),
    ])
}

fn zeroes(choices: &[Choice]) -> Vec<(&'static str, i64)> {
    choices.iter().map(|c| (c.code, 0)).collect()
}

/// Counts `code` in `counts`; `false` when it is not one of them.
fn bump(counts: &mut [(&'static str, i64)], code: &str) -> bool {
    match counts.iter_mut().find(|(c, _)| *c == code) {
        Some((_, n)) => {
            *n += 1;
            true
        }
        None => false,
    }
}

/// Logs, the first time only in this process, that referrals with a status this server does
/// not know were counted under `other` (how many, never the stored value).
fn warn_once_of_unknown_status(count: i64) {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if !WARNED.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            count,
            "indicators: referrals with a status this server does not know are counted under \
             `{OTHER_STATUS}` (logged once)"
        );
    }
}

fn counts(counts: Vec<(&'static str, i64)>) -> Json<'static> {
    Json::Object(
        counts
            .into_iter()
            .map(|(c, n)| (c.into(), int(n)))
            .collect(),
    )
}

/// Rounded to two decimals; `null` for none.
fn number(x: Option<f64>) -> Json<'static> {
    x.and_then(|x| prevent_referral::json::Number::from_f64((x * 100.0).round() / 100.0))
        .map_or(Json::Null, Json::Number)
}

/// The median of sorted values (the mean of the two middle ones for an even count).
pub(crate) fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p` of
/// the values at or below it.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str) -> ReferralRow {
        ReferralRow {
            seq: 1,
            referral_id: String::new(),
            reference: String::new(),
            received_at: 0,
            submission_type: "referral".into(),
            sector: None,
            immediate_risk: None,
            concern_types: String::new(),
            language: "en".into(),
            status: status.into(),
            closed_at: None,
            first_feedback_at: None,
            document: None,
            individual_name: None,
            data_key: None,
        }
    }

    #[test]
    fn an_unknown_status_is_counted_under_other_and_other_appears_only_then() {
        let known = compute(&[row("received"), row("closed")]);
        let by_status = known.get("by_status");
        assert!(by_status.is_some_and(|b| b.get(OTHER_STATUS).is_none()));
        assert!(by_status.is_some_and(|b| b.get("closed").is_some()));
        let with = compute(&[row("received"), row("a_newer_status"), row("another")]);
        let other = with.get("by_status").and_then(|b| b.get(OTHER_STATUS));
        assert_eq!(other, Some(&int(2)));
    }

    #[test]
    fn median_and_nearest_rank_p90() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[1.0, 2.0, 10.0, 20.0]), Some(6.0));
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&ten, 0.9), Some(9.0));
        let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(percentile(&eleven, 0.9), Some(10.0));
        assert_eq!(percentile(&[5.0], 0.9), Some(5.0));
    }
}
