//! `GET /v1/team/export?format=csv|jsonl&since=` (spec §4): every referral received since,
//! as stored.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use prevent_referral::receiving::ApiCode;

use prevent_referral::receiving::routes::ExportFormat;

use super::audit::ExportCount;
use super::error::ApiError;
use super::json_out::{object, text};
use super::query::{FromQuery, Params, QueryMap};
use super::team::stored_document;
use super::AppState;
use crate::clock::rfc3339;
use crate::columns::{referral_columns, Column};

/// The export's parameters: `format` (required) and `since`.
pub(super) struct ExportParams {
    format: ExportFormat,
    since: Option<i64>,
}

impl FromQuery for ExportParams {
    fn from_query(params: &QueryMap) -> Result<Self, ApiError> {
        let Some(format) = params.get("format").and_then(ExportFormat::from_name) else {
            return Err(ApiError::with_message(
                ApiCode::InvalidParameter,
                "format must be csv or jsonl.",
            ));
        };
        Ok(ExportParams {
            format,
            since: params.time("since")?,
        })
    }
}

/// `GET /v1/team/export?format=csv|jsonl&since=`.
pub(super) async fn export(
    State(state): State<AppState>,
    Params(ExportParams { format, since }): Params<ExportParams>,
) -> Result<Response, ApiError> {
    let rows = state.store().export(since).await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        records.push((row, stored_document(&state, row)?));
    }
    if format == ExportFormat::Jsonl {
        let mut body = Vec::new();
        for (row, document) in records {
            let line = object([
                ("reference", text(&row.reference)),
                ("received_at", text(&rfc3339(row.received_at))),
                ("status", text(&row.status)),
                ("document", document),
            ]);
            serde_json::to_writer(&mut body, &line).map_err(|_| ApiError::unavailable())?;
            body.push(b'\n');
        }
        return Ok(download(
            body,
            "application/jsonl",
            "referrals.jsonl",
            rows.len(),
        ));
    }
    let docs: Vec<serde_json::Value> = records
        .iter()
        .map(|(_, d)| serde_json::to_value(d).unwrap_or(serde_json::Value::Null))
        .collect();
    let paths = expand(&referral_columns(), "", &docs);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header_row = vec![
        "reference".to_owned(),
        "received_at".to_owned(),
        "status".to_owned(),
    ];
    header_row.extend(paths.iter().map(|(p, _)| p.clone()));
    writer
        .write_record(&header_row)
        .map_err(|_| ApiError::unavailable())?;
    for ((row, _), doc) in records.iter().zip(&docs) {
        let mut record = vec![
            neutralise(row.reference.clone()),
            neutralise(rfc3339(row.received_at)),
            neutralise(row.status.clone()),
        ];
        record.extend(
            paths
                .iter()
                .map(|(p, list)| neutralise(cell(doc.pointer(p), *list))),
        );
        writer
            .write_record(&record)
            .map_err(|_| ApiError::unavailable())?;
    }
    let body = writer.into_inner().map_err(|_| ApiError::unavailable())?;
    Ok(download(
        body,
        "text/csv; charset=utf-8",
        "referrals.csv",
        rows.len(),
    ))
}

/// The file, with how many referrals it holds for the audit log ([`ExportCount`]).
fn download(body: Vec<u8>, content_type: &'static str, name: &str, count: usize) -> Response {
    let mut response = (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response();
    response
        .extensions_mut()
        .insert(ExportCount(u64::try_from(count).unwrap_or(u64::MAX)));
    response
}

/// The concrete column paths for these documents: repeated groups numbered up to the most
/// items any document has.
pub(crate) fn expand(
    columns: &[Column],
    prefix: &str,
    docs: &[serde_json::Value],
) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for c in columns {
        match c {
            Column::Leaf { path, list } => out.push((format!("{prefix}{path}"), *list)),
            Column::Repeated { path, item } => {
                let array = format!("{prefix}{path}");
                let most = docs
                    .iter()
                    .filter_map(|d| d.pointer(&array).and_then(|v| v.as_array()).map(Vec::len))
                    .max()
                    .unwrap_or(0);
                for i in 0..most {
                    out.extend(expand(item, &format!("{array}/{i}"), docs));
                }
            }
        }
    }
    out
}

/// A value as cell text: strings as they are, a code list joined with `;`, other values as
/// JSON, absent as empty.
fn cell(value: Option<&serde_json::Value>, list: bool) -> String {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if list => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

/// CSV injection: a cell a spreadsheet would run as a formula gets a leading `'`.
pub(crate) fn neutralise(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad.to_owned()), format!("'{bad}"));
        }
        assert_eq!(neutralise("Leeds".to_owned()), "Leeds");
        assert_eq!(neutralise(String::new()), "");
    }
}
