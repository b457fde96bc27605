//! `GET /v1/team/export?format=csv|jsonl&since=` (spec §4, §6.7): every referral received
//! since, as stored, streamed in constant memory.
//!
//! The body is made page by page as the client reads it: each page is one short keyset
//! query through the store's heavy pool ([`Store::export_page`](crate::store::Store)), then
//! opened and written on a blocking thread, then sent; the next page is read only when
//! the client has taken the last. Memory therefore holds about one page, whatever the
//! number of referrals. The CSV columns depend only on the model version
//! ([`csv_columns`]), so the header is written before any row. A referral whose document
//! cannot be read is written marked `unreadable` with its reference (and logged with it),
//! and the rest are exported. A store failure after the first bytes ends the body
//! unfinished (the chunked body has no last chunk), so a client never takes a cut-short
//! export for a whole one.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use prevent_referral::receiving::routes::ExportFormat;
use prevent_referral::receiving::ApiCode;
use prevent_referral::Json;
use tokio::sync::OwnedSemaphorePermit;

use super::audit::ExportCount;
use super::error::ApiError;
use super::json_out::{object, text};
use super::query::{FromQuery, Params, QueryMap};
use super::team::stored_document;
use super::AppState;
use crate::clock::rfc3339;
use crate::columns::{csv_columns, CsvColumn, STATE_COLUMN, UNREADABLE};
use crate::store::ReferralRow;

/// The most referrals read in one page.
const PAGE_ROWS: i64 = 256;
/// The referrals read in the first page, before their size is known.
const FIRST_PAGE_ROWS: i64 = 16;
/// About how many bytes of sealed documents one page reads: later pages hold as many
/// referrals as fit, by the mean size of the page before (at least one).
const PAGE_BYTES: usize = 4 << 20;

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
    let permit = state.heavy_permit()?;
    // The export holds the referrals received since `since` as they are now: the last one's
    // `seq` bounds every page, so the count the audit log records is what the body holds.
    let (count, through_seq) = state.store().export_extent(since).await?;
    let pages = Pages {
        state,
        format,
        since,
        through_seq,
        columns: Arc::new(csv_columns()),
        after_seq: 0,
        limit: FIRST_PAGE_ROWS,
        header_written: false,
        finished: false,
        _permit: permit,
    };
    let stream = futures_util::stream::unfold(pages, |mut pages| async move {
        let chunk = pages.next_chunk().await?;
        Some((chunk, pages))
    });
    let (content_type, name) = match format {
        ExportFormat::Jsonl => ("application/jsonl", "referrals.jsonl"),
        ExportFormat::Csv => ("text/csv; charset=utf-8", "referrals.csv"),
    };
    Ok(download(
        Body::from_stream(stream),
        content_type,
        name,
        count,
    ))
}

/// Where a streamed export has got to. It holds a heavy request's permit until the body is
/// sent or the client has gone.
struct Pages {
    state: AppState,
    format: ExportFormat,
    since: Option<i64>,
    /// The `seq` of the last referral the export holds.
    through_seq: i64,
    columns: Arc<Vec<CsvColumn>>,
    /// The `seq` of the last referral written.
    after_seq: i64,
    /// How many referrals the next page reads.
    limit: i64,
    header_written: bool,
    finished: bool,
    _permit: OwnedSemaphorePermit,
}

impl Pages {
    /// The next piece of the body: the CSV header with the first page, then a page at a
    /// time; `None` after the last.
    async fn next_chunk(&mut self) -> Option<Result<Vec<u8>, std::io::Error>> {
        if self.finished {
            return None;
        }
        let mut out = Vec::new();
        if !self.header_written && self.format == ExportFormat::Csv {
            if let Err(e) = csv_header(&self.columns, &mut out) {
                return Some(Err(self.fail(&e)));
            }
        }
        self.header_written = true;
        let rows = match self
            .state
            .store()
            .export_page(self.since, self.after_seq, self.through_seq, self.limit)
            .await
        {
            Ok(rows) => rows,
            Err(e) => return Some(Err(self.fail(&e))),
        };
        let Some(last) = rows.last() else {
            self.finished = true;
            return (!out.is_empty()).then_some(Ok(out));
        };
        self.after_seq = last.seq;
        if rows.len() < usize::try_from(self.limit).unwrap_or(0) {
            self.finished = true;
        }
        let bytes: usize = rows
            .iter()
            .map(|r| r.document.as_ref().map_or(0, Vec::len))
            .sum();
        let mean = bytes / rows.len();
        self.limit = i64::try_from(PAGE_BYTES / mean.max(1))
            .unwrap_or(PAGE_ROWS)
            .clamp(1, PAGE_ROWS);
        let (state, format, columns) = (self.state.clone(), self.format, self.columns.clone());
        let written = tokio::task::spawn_blocking(move || {
            write_page(&state, format, &columns, &rows, &mut out).map(|()| out)
        })
        .await;
        match written {
            Ok(Ok(out)) => Some(Ok(out)),
            Ok(Err(e)) => Some(Err(self.fail(&e))),
            Err(e) => Some(Err(self.fail(&e))),
        }
    }

    /// Ends the export unfinished, logged (the client sees a body cut short).
    fn fail(&mut self, e: &dyn std::fmt::Display) -> std::io::Error {
        self.finished = true;
        tracing::error!(error = %e, "export ended unfinished");
        std::io::Error::other("the export could not be finished")
    }
}

/// The CSV header: `reference`, `received_at`, `status`, the document's columns, then
/// [`STATE_COLUMN`].
fn csv_header(columns: &[CsvColumn], out: &mut Vec<u8>) -> Result<(), csv::Error> {
    let mut writer = csv_writer(out);
    let mut header = vec!["reference", "received_at", "status"];
    header.extend(columns.iter().map(|c| c.name.as_str()));
    header.push(STATE_COLUMN);
    writer.write_record(&header)?;
    writer.flush()?;
    Ok(())
}

fn csv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// Writes one page of referrals to `out`, each opened in turn; one that cannot be read is
/// written marked unreadable and logged with its reference.
fn write_page(
    state: &AppState,
    format: ExportFormat,
    columns: &[CsvColumn],
    rows: &[ReferralRow],
    out: &mut Vec<u8>,
) -> Result<(), String> {
    for row in rows {
        let document = stored_document(state, row).ok();
        if document.is_none() {
            tracing::warn!(
                reference = %row.reference,
                "export: the referral's document cannot be read; written marked unreadable"
            );
        }
        match format {
            ExportFormat::Jsonl => jsonl_line(row, document, out)?,
            ExportFormat::Csv => csv_row(columns, row, document.as_ref(), out)?,
        }
    }
    Ok(())
}

/// `{reference, received_at, status, document}`, or `{reference, received_at, status,
/// "unreadable": true}`, and a line end.
fn jsonl_line(
    row: &ReferralRow,
    document: Option<Json<'static>>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let last = match document {
        Some(document) => ("document", document),
        None => ("unreadable", Json::Bool(true)),
    };
    let line = object([
        ("reference", text(&row.reference)),
        ("received_at", text(&rfc3339(row.received_at))),
        ("status", text(&row.status)),
        last,
    ]);
    serde_json::to_writer(&mut *out, &line).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(())
}

/// One CSV row: the referral's columns, its document's (empty when unreadable), its state.
fn csv_row(
    columns: &[CsvColumn],
    row: &ReferralRow,
    document: Option<&Json>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let value = document
        .map(|d| serde_json::to_value(d).map_err(|e| e.to_string()))
        .transpose()?;
    let mut record = vec![
        neutralise(row.reference.clone()),
        neutralise(rfc3339(row.received_at)),
        neutralise(row.status.clone()),
    ];
    match &value {
        Some(value) => record.extend(columns.iter().map(|c| neutralise(c.cell(value)))),
        None => record.extend(columns.iter().map(|_| String::new())),
    }
    record.push(if value.is_some() { "" } else { UNREADABLE }.to_owned());
    let mut writer = csv_writer(out);
    writer.write_record(&record).map_err(|e| e.to_string())?;
    writer.flush().map_err(|e| e.to_string())
}

/// The file, with how many referrals it holds for the audit log ([`ExportCount`]).
fn download(body: Body, content_type: &'static str, name: &str, count: i64) -> Response {
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
        .insert(ExportCount(u64::try_from(count).unwrap_or(0)));
    response
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
