//! `POST /v1/referrals` (spec §2): validate from the raw text, store the normalised document
//! encrypted, answer with the receipt — the same receipt for a retry.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use prevent_referral::receiving::{ApiCode, API_LIMITS};
use prevent_referral::{normalise, parse, validate, Json, Lang};

use super::error::ApiError;
use super::json_out::{invalid, object, respond, text};
use super::status::{build_feedback, feedback_documents};
use super::{AppState, ClientAddr, BODY_TIMEOUT, MAX_BODY};
use crate::crypto::Aad;
use crate::store::{Inserted, NewReferral, ReferralRow};

/// The characters of a reference: capital letters without I, O, Q, Z, and digits 2–9.
pub const REFERENCE_ALPHABET: &[u8] = API_LIMITS.reference_alphabet.as_bytes();
/// Characters in a reference.
pub const REFERENCE_LEN: usize = API_LIMITS.reference_length;

pub(super) async fn intake(State(state): State<AppState>, request: Request) -> Response {
    match receive(&state, request).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn receive(state: &AppState, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let peer = parts.extensions.get::<ClientAddr>().map(|c| c.0);
    state.check_rate(&parts.headers, peer)?;
    let bytes = read_json_body(&parts.headers, body).await?;
    let doc = parse(&bytes)
        .map_err(|e| ApiError::with_message(ApiCode::NotJson, format!("The body is {e}.")))?;
    let lang = requested_lang(&parts.headers).unwrap_or_else(|| document_lang(&doc));
    let report = validate(&doc, lang);
    if !report.valid {
        return invalid(&report);
    }
    let normal = normalise(&doc);
    let (status, row) = store(state, &normal).await?;
    let receipt = receipt(state, status, &row).await?;
    Ok(respond(status, &receipt))
}

/// Checks the content type and reads a JSON body of at most [`MAX_BODY`] within the body time
/// limit; a declared length over the limit is refused without reading a byte.
pub(super) async fn read_json_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    if !is_json(headers) {
        return Err(ApiError::unsupported_media_type());
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().parse::<u64>());
    match declared {
        Some(Ok(n)) if n > MAX_BODY as u64 => return Err(ApiError::too_large()),
        Some(Err(_)) => {
            return Err(ApiError::with_message(
                ApiCode::BadRequest,
                "The Content-Length header is not a number.",
            ))
        }
        _ => {}
    }
    match tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, MAX_BODY)).await {
        Err(_) => Err(ApiError::timeout()),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if too_large {
                Err(ApiError::too_large())
            } else {
                Err(ApiError::new(ApiCode::BadRequest))
            }
        }
    }
}

/// `application/json`, with no charset or `charset=utf-8`.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/json") {
        return false;
    }
    parts.all(|p| {
        let (name, val) = p.split_once('=').unwrap_or((p, ""));
        !name.trim().eq_ignore_ascii_case("charset")
            || val.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
    })
}

/// The language asked for in `Accept-Language`, of those we speak (`cy`, `en`), by
/// preference; `None` when it names neither.
pub(super) fn requested_lang(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(f32, Lang)> = None;
    for item in value.split(',') {
        let mut fields = item.split(';');
        let tag = fields.next().unwrap_or("").trim().to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "cy" => Lang::Cy,
            "en" => Lang::En,
            _ => continue,
        };
        let q = fields
            .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
            .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// The document's own `language`, else English.
pub(super) fn document_lang(doc: &Json) -> Lang {
    match doc.get("language").and_then(Json::as_str) {
        Some("cy") => Lang::Cy,
        _ => Lang::En,
    }
}

fn at<'a>(doc: &'a Json<'a>, path: &[&str]) -> Option<&'a Json<'a>> {
    path.iter().try_fold(doc, |node, key| node.get(key))
}

fn str_at(doc: &Json, path: &[&str]) -> Option<String> {
    at(doc, path).and_then(Json::as_str).map(str::to_owned)
}

/// The name of the person referred as the team list shows it; `None` when not given.
fn individual_name(doc: &Json) -> Option<String> {
    let parts: Vec<String> = [
        str_at(doc, &["individual", "given_names"]),
        str_at(doc, &["individual", "family_name"]),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A new reference from the OS random source (rejection sampling: no bias).
pub fn new_reference() -> std::io::Result<String> {
    let n = REFERENCE_ALPHABET.len();
    // Bytes at or above the largest multiple of n would favour the first characters.
    let limit = 256 - 256 % n;
    let mut out = String::with_capacity(REFERENCE_LEN);
    let mut buf = [0u8; 32];
    while out.len() < REFERENCE_LEN {
        crate::crypto::random_bytes(&mut buf)?;
        for &b in &buf {
            let b = usize::from(b);
            if b < limit && out.len() < REFERENCE_LEN {
                out.push(char::from(REFERENCE_ALPHABET[b % n]));
            }
        }
    }
    Ok(out)
}

/// Stores a valid, normalised referral: 201 and the new row, 200 and the existing row for a
/// retry, 409 for a different document under the same id.
async fn store(state: &AppState, normal: &Json<'_>) -> Result<(StatusCode, ReferralRow), ApiError> {
    let referral_id = str_at(normal, &["referral_id"])
        .unwrap_or_default()
        .to_ascii_lowercase();
    let document = serde_json::to_vec(normal).map_err(|_| ApiError::unavailable())?;
    let vault = state.vault();
    let lang = document_lang(normal);
    let now = state.now();
    let concern_types = match at(normal, &["concern", "concern_types"]) {
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(Json::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        _ => String::new(),
    };
    // The referral's own data key: retention deletes it (crypto-shredding).
    let (key, data_key) = vault
        .new_data_key(&referral_id)
        .map_err(|_| ApiError::unavailable())?;
    let sealed_doc = key
        .seal(
            Aad::Document {
                referral_id: &referral_id,
            },
            &document,
        )
        .map_err(|_| ApiError::unavailable())?;
    let sealed_name = individual_name(normal)
        .map(|name| {
            let aad = Aad::IndividualName {
                referral_id: &referral_id,
            };
            key.seal(aad, name.as_bytes())
        })
        .transpose()
        .map_err(|_| ApiError::unavailable())?;
    let first_message = key
        .seal(
            Aad::Message {
                referral_id: &referral_id,
                status: "received",
                updated_at: now,
            },
            prevent_referral::received_message(lang).as_bytes(),
        )
        .map_err(|_| ApiError::unavailable())?;
    let mut new = NewReferral {
        referral_id: referral_id.clone(),
        reference: String::new(),
        received_at: now,
        submission_type: str_at(normal, &["submission_type"]).unwrap_or_default(),
        sector: str_at(normal, &["referrer", "sector"]),
        immediate_risk: match at(normal, &["immediate_risk"]) {
            Some(Json::Bool(b)) => Some(*b),
            _ => None,
        },
        concern_types,
        language: match lang {
            Lang::Cy => "cy".to_owned(),
            _ => "en".to_owned(),
        },
        document: sealed_doc,
        individual_name: sealed_name,
        first_message: Some(first_message),
        data_key,
    };
    // A collision of references is astronomically rare (30^8 ≈ 6.6 × 10^11); retry a few
    // times all the same.
    for _ in 0..8 {
        new.reference = new_reference().map_err(|_| ApiError::unavailable())?;
        match state.store().insert_referral(&new).await? {
            Inserted::New(row) => return Ok((StatusCode::CREATED, row)),
            Inserted::Existing(row) => {
                return if same_document(state, &row, &document) {
                    Ok((StatusCode::OK, row))
                } else {
                    Err(ApiError::new(ApiCode::ReferralIdInUse))
                };
            }
            Inserted::ReferenceTaken => continue,
        }
    }
    Err(ApiError::unavailable())
}

/// Whether the stored document equals `document` as JSON values (member order and spacing
/// do not matter).
fn same_document(state: &AppState, row: &ReferralRow, document: &[u8]) -> bool {
    let Some(sealed) = &row.document else {
        return false;
    };
    let aad = Aad::Document {
        referral_id: &row.referral_id,
    };
    let Ok(key) = state
        .vault()
        .record_key(&row.referral_id, row.data_key.as_deref())
    else {
        return false;
    };
    let Ok(stored) = key.open(aad, sealed) else {
        return false;
    };
    // The referral_id is compared without regard to case; the rest as JSON values.
    let value = |bytes: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        let id = v.get("referral_id")?.as_str()?.to_ascii_lowercase();
        v["referral_id"] = serde_json::Value::String(id);
        Some(v)
    };
    matches!((value(&stored), value(document)), (Some(a), Some(b)) if a == b)
}

/// The receipt of a stored referral: reference, id, status token, first feedback. For a
/// new referral the first feedback is what was just committed (no second look in the
/// store); for a retry it is read back.
async fn receipt(
    state: &AppState,
    status: StatusCode,
    row: &ReferralRow,
) -> Result<Json<'static>, ApiError> {
    let first = if status == StatusCode::CREATED {
        let lang = if row.language == "cy" {
            Lang::Cy
        } else {
            Lang::En
        };
        build_feedback(
            &row.referral_id,
            "received",
            row.received_at,
            Some(prevent_referral::received_message(lang)),
        )
    } else {
        let feedback = feedback_documents(state, &row.referral_id).await?;
        feedback.into_iter().next().unwrap_or(Json::Null)
    };
    Ok(object([
        ("reference", text(&row.reference)),
        ("referral_id", text(&row.referral_id)),
        (
            "status_token",
            text(&state.vault().status_token(&row.referral_id)),
        ),
        ("feedback", first),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn references_use_the_alphabet() {
        for _ in 0..200 {
            let r = new_reference().unwrap();
            assert_eq!(r.len(), REFERENCE_LEN);
            assert!(r.bytes().all(|b| REFERENCE_ALPHABET.contains(&b)), "{r}");
        }
        assert_ne!(new_reference().unwrap(), new_reference().unwrap());
    }

    fn with(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn accept_language_picks_welsh_or_english_by_preference() {
        let lang = |v: &str| requested_lang(&with(header::ACCEPT_LANGUAGE, v));
        assert_eq!(lang("cy"), Some(Lang::Cy));
        assert_eq!(lang("cy-GB,en;q=0.8"), Some(Lang::Cy));
        assert_eq!(lang("en-GB,cy;q=0.5"), Some(Lang::En));
        assert_eq!(lang("fr, cy;q=0.3, en;q=0.2"), Some(Lang::Cy));
        assert_eq!(lang("fr-FR"), None);
        assert_eq!(lang("cy;q=0"), None);
    }

    #[test]
    fn json_content_types() {
        let ok = |v: &str| is_json(&with(header::CONTENT_TYPE, v));
        assert!(ok("application/json"));
        assert!(ok("Application/JSON; charset=UTF-8"));
        assert!(!ok("application/json; charset=latin1"));
        assert!(!ok("text/plain"));
        assert!(!ok("application/jsonx"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
