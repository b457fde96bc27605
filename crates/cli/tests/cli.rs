//! The command-line contract (spec §10), asserted exactly: output shapes, exit statuses,
//! unreadable files, standard input, languages, kinds, the text format, `schema` and
//! `normalise`, usage errors, byte-order marks and repeated member names.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use prevent_referral::{normalise, parse_str};

/// Every value read here owns its strings.
type Json = prevent_referral::Json<'static>;

const BIN: &str = env!("CARGO_BIN_EXE_prevent-referral");

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn example(rel: &str) -> String {
    root()
        .join("schemas/examples")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

const VALID_REFERRALS: [&str; 4] = [
    "valid/advice-request.json",
    "valid/friends-family-referral.json",
    "valid/full-referral.json",
    "valid/minimal-referral.json",
];

/// A scratch folder unique to this process and test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "prevent-referral-cli-{}-{test}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write scratch file");
        path.to_string_lossy().into_owned()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

fn run_with(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).expect("write stdin");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    Run {
        code: out
            .status
            .code()
            .unwrap_or_else(|| panic!("{args:?} was killed by a signal: {:?}", out.status)),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

fn keys(v: &Json) -> Vec<&str> {
    match v {
        Json::Object(members) => members.iter().map(|(k, _)| k.as_ref()).collect(),
        other => panic!("not an object: {other:?}"),
    }
}

fn items(v: Option<&Json>) -> &[Json] {
    match v {
        Some(Json::Array(items)) => items,
        other => panic!("not an array: {other:?}"),
    }
}

fn s<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key)
        .and_then(Json::as_str)
        .unwrap_or_else(|| panic!("no string {key} in {v:?}"))
}

/// One `--format json` line, checked for its exact shape; returns it parsed.
fn json_line(line: &str) -> Json {
    let v = parse_str(line)
        .unwrap_or_else(|e| panic!("not JSON: {line}: {e}"))
        .into_owned();
    assert_eq!(keys(&v), ["file", "valid", "errors", "warnings"], "{line}");
    assert!(matches!(v.get("valid"), Some(Json::Bool(_))), "{line}");
    for list in ["errors", "warnings"] {
        for issue in items(v.get(list)) {
            assert_eq!(keys(issue), ["path", "code", "message"], "{line}");
            for k in ["path", "code", "message"] {
                assert!(issue.get(k).and_then(Json::as_str).is_some(), "{line}");
            }
            assert!(!s(issue, "message").is_empty(), "{line}");
        }
    }
    let valid = matches!(v.get("valid"), Some(Json::Bool(true)));
    assert_eq!(valid, items(v.get("errors")).is_empty(), "{line}");
    v
}

fn path_codes(v: &Json, list: &str) -> Vec<(String, String)> {
    items(v.get(list))
        .iter()
        .map(|i| (s(i, "path").to_owned(), s(i, "code").to_owned()))
        .collect()
}

fn expected_invalid() -> Vec<(String, Vec<(String, String)>)> {
    let text = std::fs::read_to_string(example("invalid/EXPECTED.json")).unwrap();
    let Json::Object(members) = parse_str(&text).unwrap().into_owned() else {
        panic!("EXPECTED.json is not an object")
    };
    members
        .iter()
        .map(|(file, list)| {
            let codes = items(Some(list))
                .iter()
                .map(|i| (s(i, "path").to_owned(), s(i, "code").to_owned()))
                .collect();
            (file.to_string(), codes)
        })
        .collect()
}

fn read_text(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn read_json(path: &str) -> Json {
    parse_str(&read_text(path)).unwrap().into_owned()
}

/// Replaces the value of every member called `key`, at any depth.
fn set_all(doc: &mut Json, key: &str, value: &Json) {
    match doc {
        Json::Object(members) => {
            for (k, v) in members.iter_mut() {
                if k == key {
                    *v = value.clone();
                } else {
                    set_all(v, key, value);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(|v| set_all(v, key, value)),
        _ => {}
    }
}

fn str_json(s: &str) -> Json {
    Json::String(s.to_owned().into())
}

// ---------------------------------------------------------------------------------------
// --format json

#[test]
fn json_format_valid_and_invalid_one_line_each_exit_1() {
    let valid = example("valid/full-referral.json");
    let invalid = example("invalid/missing-postcode.json");
    let r = run(&["validate", "--format", "json", &valid, &invalid]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(r.stdout.ends_with('\n'));
    let lines = r.lines();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    let first = json_line(lines[0]);
    assert_eq!(s(&first, "file"), valid);
    assert_eq!(first.get("valid"), Some(&Json::Bool(true)));
    assert!(items(first.get("errors")).is_empty());
    let second = json_line(lines[1]);
    assert_eq!(s(&second, "file"), invalid);
    assert_eq!(second.get("valid"), Some(&Json::Bool(false)));
    assert_eq!(
        path_codes(&second, "errors"),
        [(
            "/individual/address/postcode".to_owned(),
            "required".to_owned()
        )]
    );
    assert_eq!(
        s(&items(second.get("errors"))[0], "message"),
        "Enter the postcode"
    );
}

#[test]
fn json_format_invalid_examples_match_expected_json() {
    let expected = expected_invalid();
    assert_eq!(expected.len(), 6);
    let files: Vec<String> = expected
        .iter()
        .map(|(f, _)| example(&format!("invalid/{f}")))
        .collect();
    let mut args = vec!["validate", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let r = run(&args);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines = r.lines();
    assert_eq!(lines.len(), expected.len(), "{}", r.stdout);
    for ((line, file), (name, codes)) in lines.iter().zip(&files).zip(&expected) {
        let v = json_line(line);
        assert_eq!(s(&v, "file"), file);
        assert_eq!(v.get("valid"), Some(&Json::Bool(false)), "{name}");
        assert_eq!(&path_codes(&v, "errors"), codes, "{name}");
    }
}

#[test]
fn json_format_all_valid_exits_0() {
    let files: Vec<String> = VALID_REFERRALS.iter().map(|f| example(f)).collect();
    let mut args = vec!["validate", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let r = run(&args);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stderr, "");
    let lines = r.lines();
    assert_eq!(lines.len(), files.len());
    for (line, file) in lines.iter().zip(&files) {
        let v = json_line(line);
        assert_eq!(s(&v, "file"), file);
        assert_eq!(v.get("valid"), Some(&Json::Bool(true)), "{line}");
        assert!(items(v.get("warnings")).is_empty(), "{line}");
    }
}

#[test]
fn json_format_reports_warnings_with_the_same_shape() {
    let tmp = Scratch::new("warnings");
    let mut doc = read_json(&example("valid/minimal-referral.json"));
    set_all(&mut doc, "immediate_risk", &Json::Bool(true));
    let file = tmp.file("risk.json", serde_json::to_string(&doc).unwrap().as_bytes());
    let r = run(&["validate", "--format", "json", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_line(r.lines()[0]);
    assert_eq!(v.get("valid"), Some(&Json::Bool(true)));
    assert_eq!(
        path_codes(&v, "warnings"),
        [("/immediate_risk".to_owned(), "call_999".to_owned())]
    );
}

// ---------------------------------------------------------------------------------------
// Unreadable files

/// Runs `validate` on a valid file, the bad one and an invalid file; the bad one is named
/// on stderr with `reason`, the other two are still checked, and the exit status is 2.
fn check_unreadable(bad: &str, reason: &str) {
    let valid = example("valid/minimal-referral.json");
    let invalid = example("invalid/bad-nhs-number.json");
    let r = run(&["validate", "--format", "json", &valid, bad, &invalid]);
    assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    let lines = r.lines();
    assert_eq!(lines.len(), 2, "{bad}: {}", r.stdout);
    let (a, b) = (json_line(lines[0]), json_line(lines[1]));
    assert_eq!(s(&a, "file"), valid);
    assert_eq!(a.get("valid"), Some(&Json::Bool(true)));
    assert_eq!(s(&b, "file"), invalid);
    assert_eq!(
        path_codes(&b, "errors"),
        [(
            "/individual/nhs_number".to_owned(),
            "invalid_nhs_number".to_owned()
        )]
    );
    let named: Vec<&str> = r.stderr.lines().filter(|l| l.contains(bad)).collect();
    assert_eq!(named.len(), 1, "{bad}: stderr {:?}", r.stderr);
    assert!(
        named[0].contains(reason),
        "{bad}: stderr line {:?} lacks {reason:?}",
        named[0]
    );
    assert!(
        named[0].len() < 400,
        "a one-line message, not a dump: {}",
        named[0].len()
    );
    assert!(!r.stdout.contains(bad), "no stdout line for {bad}");

    // The same in text format, with the summary line.
    let r = run(&["validate", &valid, bad, &invalid]);
    assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    assert_eq!(
        r.lines().last().copied(),
        Some("3 files: 1 valid, 1 invalid, 1 unreadable"),
        "{}",
        r.stdout
    );
    assert!(r
        .stderr
        .lines()
        .any(|l| l.contains(bad) && l.contains(reason)));

    // Alone, it still exits 2.
    let r = run(&["validate", bad]);
    assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn missing_file_is_unreadable_and_others_are_checked() {
    let tmp = Scratch::new("missing");
    check_unreadable(&tmp.path("does-not-exist.json"), "cannot read");
}

#[test]
fn a_directory_is_unreadable_and_others_are_checked() {
    let tmp = Scratch::new("directory");
    std::fs::create_dir_all(tmp.path("folder.json")).unwrap();
    check_unreadable(&tmp.path("folder.json"), "cannot read");
}

#[test]
fn non_json_file_is_unreadable_and_others_are_checked() {
    let tmp = Scratch::new("non-json");
    check_unreadable(
        &tmp.file("not-json.json", b"schema_version: 1.0\n"),
        "not valid JSON",
    );
    check_unreadable(&tmp.file("trailing.json", b"{} {}"), "not valid JSON");
}

#[test]
fn empty_file_is_unreadable_and_others_are_checked() {
    let tmp = Scratch::new("empty");
    check_unreadable(&tmp.file("empty.json", b""), "empty");
    check_unreadable(&tmp.file("blank.json", b" \n\t\r\n"), "empty");
}

#[test]
fn non_utf8_file_is_unreadable_and_others_are_checked() {
    let tmp = Scratch::new("non-utf8");
    check_unreadable(
        &tmp.file(
            "latin1.json",
            b"{\"schema_version\": \"1.0\", \"x\": \"caf\xe9\"}",
        ),
        "not UTF-8",
    );
    // UTF-16 with its byte-order mark is not UTF-8 either.
    check_unreadable(&tmp.file("utf16.json", b"\xff\xfe{\x00}\x00"), "not UTF-8");
}

#[test]
fn deeply_nested_file_is_unreadable_not_a_crash() {
    let tmp = Scratch::new("deep");
    let text = "[".repeat(100_000) + &"]".repeat(100_000);
    check_unreadable(&tmp.file("deep.json", text.as_bytes()), "nested");
    let text = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
    check_unreadable(&tmp.file("deep-objects.json", text.as_bytes()), "nested");
}

#[test]
fn oversized_file_is_unreadable_and_others_are_checked() {
    let tmp = Scratch::new("oversized");
    // Valid JSON, but larger than the 16 MiB the tool reads.
    let mut text = b"{\"extensions\": {\"uk.test\": \"".to_vec();
    text.resize(text.len() + 17 * 1024 * 1024, b'a');
    text.extend(b"\"}}");
    check_unreadable(&tmp.file("huge.json", &text), "larger than");
}

#[test]
fn mixed_invalid_and_unreadable_exits_2() {
    let tmp = Scratch::new("mixed");
    let missing = tmp.path("missing.json");
    let invalid = example("invalid/wrong-types.json");
    let r = run(&["validate", "--format", "json", &invalid, &missing]);
    assert_eq!(r.code, 2);
    assert_eq!(r.lines().len(), 1);
    assert_eq!(
        json_line(r.lines()[0]).get("valid"),
        Some(&Json::Bool(false))
    );
    assert!(r.stderr.contains(&missing));
}

// ---------------------------------------------------------------------------------------
// Standard input

#[test]
fn dash_reads_standard_input() {
    let text = read_text(&example("valid/minimal-referral.json"));
    let r = run_with(
        &["validate", "--format", "json", "-"],
        Some(text.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_line(r.lines()[0]);
    assert_eq!(s(&v, "file"), "<stdin>");
    assert_eq!(v.get("valid"), Some(&Json::Bool(true)));

    let r = run_with(&["validate", "-"], Some(text.as_bytes()));
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "<stdin>: valid\n");

    let invalid = read_text(&example("invalid/missing-postcode.json"));
    let r = run_with(
        &["validate", "--format", "json", "-"],
        Some(invalid.as_bytes()),
    );
    assert_eq!(r.code, 1);
    let v = json_line(r.lines()[0]);
    assert_eq!(s(&v, "file"), "<stdin>");
    assert_eq!(v.get("valid"), Some(&Json::Bool(false)));

    let r = run_with(&["validate", "--format", "json", "-"], Some(b"nope"));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("<stdin>") && l.contains("not valid JSON")),
        "{}",
        r.stderr
    );
}

#[test]
fn dash_with_files_reads_standard_input_in_its_place() {
    let text = read_text(&example("invalid/missing-postcode.json"));
    let valid = example("valid/full-referral.json");
    let r = run_with(
        &["validate", "--format", "json", &valid, "-"],
        Some(text.as_bytes()),
    );
    assert_eq!(r.code, 1);
    let lines = r.lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(s(&json_line(lines[0]), "file"), valid);
    assert_eq!(s(&json_line(lines[1]), "file"), "<stdin>");
}

// ---------------------------------------------------------------------------------------
// Languages and kinds

#[test]
fn lang_cy_gives_welsh_messages() {
    let file = example("invalid/missing-postcode.json");
    let r = run(&["validate", "--lang", "cy", "--format", "json", &file]);
    assert_eq!(r.code, 1);
    let v = json_line(r.lines()[0]);
    let errors = items(v.get("errors"));
    assert_eq!(errors.len(), 1);
    assert_eq!(s(&errors[0], "path"), "/individual/address/postcode");
    assert_eq!(s(&errors[0], "code"), "required");
    assert_eq!(s(&errors[0], "message"), "Rhowch y cod post");

    let en = run(&["validate", "--lang", "en", "--format", "json", &file]);
    let v = json_line(en.lines()[0]);
    assert_eq!(
        s(&items(v.get("errors"))[0], "message"),
        "Enter the postcode"
    );

    // Text format in Welsh.
    let r = run(&["validate", "--lang", "cy", &file]);
    assert!(
        r.stdout.contains("Rhowch y cod post [required]"),
        "{}",
        r.stdout
    );
}

#[test]
fn lang_cy_and_en_agree_on_paths_and_codes() {
    let expected = expected_invalid();
    for (name, codes) in &expected {
        let file = example(&format!("invalid/{name}"));
        let en = run(&["validate", "--format", "json", &file]);
        let cy = run(&["validate", "--lang", "cy", "--format", "json", &file]);
        let (en, cy) = (json_line(en.lines()[0]), json_line(cy.lines()[0]));
        assert_eq!(&path_codes(&cy, "errors"), codes, "{name}");
        assert_eq!(path_codes(&en, "errors"), path_codes(&cy, "errors"));
    }
}

#[test]
fn kind_feedback_validates_the_feedback_example() {
    let file = example("valid/feedback.json");
    let r = run(&["validate", "--kind", "feedback", "--format", "json", &file]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v = json_line(r.lines()[0]);
    assert_eq!(v.get("valid"), Some(&Json::Bool(true)));

    // The default kind is referral, which the feedback document is not.
    let r = run(&["validate", "--format", "json", &file]);
    assert_eq!(r.code, 1);
    let r = run(&["validate", "--kind", "referral", "--format", "json", &file]);
    assert_eq!(r.code, 1);

    // A referral is not a feedback document.
    let referral = example("valid/full-referral.json");
    let r = run(&[
        "validate", "--kind", "feedback", "--format", "json", &referral,
    ]);
    assert_eq!(r.code, 1);
    let v = json_line(r.lines()[0]);
    assert!(path_codes(&v, "errors")
        .iter()
        .any(|(p, c)| p == "/status" && c == "required"));
}

#[test]
fn kind_feedback_reports_feedback_errors() {
    let tmp = Scratch::new("feedback-errors");
    let mut doc = read_json(&example("valid/feedback.json"));
    set_all(&mut doc, "status", &str_json("lost"));
    let file = tmp.file("fb.json", serde_json::to_string(&doc).unwrap().as_bytes());
    let r = run(&["validate", "--kind", "feedback", "--format", "json", &file]);
    assert_eq!(r.code, 1);
    let v = json_line(r.lines()[0]);
    assert_eq!(
        path_codes(&v, "errors"),
        [("/status".to_owned(), "invalid_option".to_owned())]
    );
}

// ---------------------------------------------------------------------------------------
// Text format

fn issue_line_re() -> regex::Regex {
    regex::Regex::new(r"^\s+(error|warning)\s+(\S+): (.+) \[([a-z0-9_]+)\]$").unwrap()
}

#[test]
fn text_format_single_valid_file() {
    let file = example("valid/full-referral.json");
    let r = run(&["validate", &file]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, format!("{file}: valid\n"));
    assert_eq!(r.stderr, "");
    // --format text is the default.
    let r2 = run(&["validate", "--format", "text", &file]);
    assert_eq!(r2.stdout, r.stdout);
}

#[test]
fn text_format_invalid_file_lists_every_error_like_json() {
    let re = issue_line_re();
    for (name, codes) in expected_invalid() {
        let file = example(&format!("invalid/{name}"));
        let r = run(&["validate", &file]);
        assert_eq!(r.code, 1);
        let lines = r.lines();
        let n = codes.len();
        let head = format!("{file}: invalid ({n} error");
        assert!(lines[0].starts_with(&head), "{:?} vs {head:?}", lines[0]);
        let plural = if n == 1 { "error" } else { "errors" };
        assert!(
            lines[0].starts_with(&format!("{file}: invalid ({n} {plural}"))
                && lines[0].ends_with(')'),
            "{}",
            lines[0]
        );
        // One summary line only with more than one file.
        assert_eq!(lines.len(), 1 + n, "{}", r.stdout);
        let json = run(&["validate", "--format", "json", &file]);
        let json = json_line(json.lines()[0]);
        for (line, issue) in lines[1..].iter().zip(items(json.get("errors"))) {
            let caps = re
                .captures(line)
                .unwrap_or_else(|| panic!("issue line {line:?}"));
            assert_eq!(&caps[1], "error");
            let path = s(issue, "path");
            let shown = if path.is_empty() { "(document)" } else { path };
            assert_eq!(&caps[2], shown, "{line}");
            assert_eq!(&caps[3], s(issue, "message"), "{line}");
            assert_eq!(&caps[4], s(issue, "code"), "{line}");
        }
    }
}

#[test]
fn text_format_warnings_follow_errors() {
    let tmp = Scratch::new("text-warnings");
    let mut doc = read_json(&example("invalid/missing-postcode.json"));
    set_all(&mut doc, "immediate_risk", &Json::Bool(true));
    let file = tmp.file("w.json", serde_json::to_string(&doc).unwrap().as_bytes());
    let r = run(&["validate", &file]);
    assert_eq!(r.code, 1);
    let lines = r.lines();
    assert_eq!(lines[0], format!("{file}: invalid (1 error, 1 warning)"));
    let re = issue_line_re();
    let caps = re.captures(lines[1]).expect("error line");
    assert_eq!(
        (&caps[1], &caps[2], &caps[4]),
        ("error", "/individual/address/postcode", "required")
    );
    let caps = re.captures(lines[2]).expect("warning line");
    assert_eq!(
        (&caps[1], &caps[2], &caps[4]),
        ("warning", "/immediate_risk", "call_999")
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn text_format_whole_document_error_shows_document() {
    let tmp = Scratch::new("text-document");
    let file = tmp.file("array.json", b"[1, 2]");
    let r = run(&["validate", &file]);
    assert_eq!(r.code, 1);
    let lines = r.lines();
    assert_eq!(lines[0], format!("{file}: invalid (1 error)"));
    let caps = issue_line_re().captures(lines[1]).expect("issue line");
    assert_eq!((&caps[2], &caps[4]), ("(document)", "type"));
}

#[test]
fn text_format_summary_with_more_than_one_file() {
    let tmp = Scratch::new("summary");
    let valid = example("valid/full-referral.json");
    let valid2 = example("valid/minimal-referral.json");
    let invalid = example("invalid/consent-reason-missing.json");
    let r = run(&["validate", &valid, &invalid, &valid2]);
    assert_eq!(r.code, 1);
    let lines = r.lines();
    assert_eq!(lines[0], format!("{valid}: valid"));
    assert_eq!(lines[1], format!("{invalid}: invalid (1 error)"));
    assert!(lines[2].starts_with("  ") && lines[2].contains("/sharing/reason_consent_not_sought"));
    assert!(lines[2].ends_with("[required]"));
    assert_eq!(lines[3], format!("{valid2}: valid"));
    assert_eq!(lines[4], "3 files: 2 valid, 1 invalid, 0 unreadable");
    assert_eq!(lines.len(), 5);

    let r = run(&["validate", &valid, &valid2]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("{valid}: valid\n{valid2}: valid\n2 files: 2 valid, 0 invalid, 0 unreadable\n")
    );

    let missing = tmp.path("gone.json");
    let r = run(&["validate", &valid, &missing]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stdout,
        format!("{valid}: valid\n2 files: 1 valid, 0 invalid, 1 unreadable\n")
    );

    // The JSON format never prints a summary.
    let r = run(&["validate", "--format", "json", &valid, &valid2]);
    assert_eq!(r.lines().len(), 2);
}

// ---------------------------------------------------------------------------------------
// schema

#[test]
fn schema_prints_exactly_the_committed_files() {
    let referral = std::fs::read(root().join("schemas/referral-1.0.schema.json")).unwrap();
    let feedback = std::fs::read(root().join("schemas/feedback-1.0.schema.json")).unwrap();
    for (args, expected) in [
        (&["schema", "referral"][..], &referral),
        (&["schema", "feedback"][..], &feedback),
        (&["schema"][..], &referral),
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stdout == *expected, "{args:?} differs from the file");
        assert!(out.stderr.is_empty());
    }
    assert_ne!(referral, feedback);
    assert_eq!(run(&["schema", "advice"]).code, 2);
}

// ---------------------------------------------------------------------------------------
// normalise

#[test]
fn normalise_prints_the_normalised_document() {
    let tmp = Scratch::new("normalise");
    let mut doc = read_json(&example("valid/full-referral.json"));
    set_all(&mut doc, "postcode", &str_json("sw1a1aa"));
    set_all(&mut doc, "nhs_number", &str_json("943 476 5919"));
    set_all(&mut doc, "full_name", &str_json("  Priya Shah\n"));
    set_all(&mut doc, "nationality", &str_json("   "));
    set_all(&mut doc, "county", &Json::Null);
    set_all(
        &mut doc,
        "email",
        &str_json(" p.shah@Riverside-Academy.SCH.uk\t"),
    );
    let file = tmp.file(
        "messy.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );

    let r = run(&["normalise", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(r.stdout.ends_with('\n'));
    let out = parse_str(&r.stdout)
        .expect("normalise prints JSON")
        .into_owned();
    assert_eq!(out, normalise(&doc));

    let ind = out.get("individual").unwrap();
    let address = ind.get("address").unwrap();
    assert_eq!(address.get("postcode"), Some(&str_json("SW1A 1AA")));
    assert_eq!(address.get("county"), None, "null removed");
    assert_eq!(ind.get("nhs_number"), Some(&str_json("9434765919")));
    assert_eq!(ind.get("nationality"), None, "blank removed");
    assert_eq!(
        ind.get("email"),
        Some(&str_json("p.shah@riverside-academy.sch.uk"))
    );
    let referrer = out.get("referrer").unwrap();
    assert_eq!(referrer.get("full_name"), Some(&str_json("Priya Shah")));
    // Member order is kept.
    assert_eq!(keys(&out), keys(&doc));

    // The normalised document is valid and normalises to itself.
    let again = tmp.file("again.json", r.stdout.as_bytes());
    let r2 = run(&["normalise", &again]);
    assert_eq!(r2.code, 0);
    assert_eq!(r2.stdout, r.stdout);
    assert_eq!(run(&["validate", &again]).code, 0);

    // Standard input.
    let r3 = run_with(
        &["normalise", "-"],
        Some(serde_json::to_string(&doc).unwrap().as_bytes()),
    );
    assert_eq!(r3.code, 0);
    assert_eq!(r3.stdout, r.stdout);
}

#[test]
fn normalise_feedback_kind() {
    let file = example("valid/feedback.json");
    let r = run(&["normalise", "--kind", "feedback", &file]);
    assert_eq!(r.code, 0);
    assert_eq!(parse_str(&r.stdout).unwrap(), read_json(&file));
}

#[test]
fn normalise_non_json_exits_2() {
    let tmp = Scratch::new("normalise-bad");
    let file = tmp.file("bad.json", b"{\"schema_version\": ");
    let r = run(&["normalise", &file]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains(&file) && l.contains("not valid JSON")),
        "{}",
        r.stderr
    );
    let missing = tmp.path("missing.json");
    let r = run(&["normalise", &missing]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&missing));
    let empty = tmp.file("empty.json", b"");
    assert_eq!(run(&["normalise", &empty]).code, 2);
}

// ---------------------------------------------------------------------------------------
// Usage errors

#[test]
fn usage_errors_exit_2() {
    let valid = example("valid/full-referral.json");
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["frobnicate", &valid][..],
        &["validate"][..],
        &["validate", "--format", "json"][..],
        &["validate", "--lang", "fr", &valid][..],
        &["validate", "--format", "xml", &valid][..],
        &["validate", "--kind", "advice", &valid][..],
        &["validate", "--no-such-flag", &valid][..],
        &["normalise"][..],
        &["normalise", &valid, &valid][..],
        &["schema", "referral", "feedback"][..],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Byte-order mark and repeated member names

#[test]
fn byte_order_mark_is_accepted() {
    let tmp = Scratch::new("bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(read_text(&example("valid/minimal-referral.json")).as_bytes());
    let file = tmp.file("bom.json", &bytes);
    let r = run(&["validate", "--format", "json", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        json_line(r.lines()[0]).get("valid"),
        Some(&Json::Bool(true))
    );
    let r = run(&["normalise", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.starts_with('\u{feff}'));
    let r = run_with(&["validate", "-"], Some(&bytes));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn repeated_member_name_is_duplicate() {
    let tmp = Scratch::new("duplicate");
    let text = read_text(&example("valid/minimal-referral.json"));
    let first = "\"schema_version\": \"1.0\",";
    assert!(text.contains(first));
    let doubled = text.replacen(first, &format!("{first}{first}"), 1);
    let file = tmp.file("dup.json", doubled.as_bytes());
    let r = run(&["validate", "--format", "json", &file]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json_line(r.lines()[0]);
    assert_eq!(
        path_codes(&v, "errors"),
        [("/schema_version".to_owned(), "duplicate".to_owned())]
    );

    let compact = r#"{"schema_version":"1.0","schema_version":"1.0"}"#;
    let file = tmp.file("dup-compact.json", compact.as_bytes());
    let r = run(&["validate", "--format", "json", &file]);
    assert_eq!(r.code, 1);
    let v = json_line(r.lines()[0]);
    assert!(
        path_codes(&v, "errors").contains(&("/schema_version".to_owned(), "duplicate".to_owned()))
    );

    // Nested, and with a different value the second time.
    let nested = text.replacen(
        "\"full_name\": \"Mohammed Iqbal\",",
        "\"full_name\": \"Mohammed Iqbal\", \"full_name\": \"Someone Else\",",
        1,
    );
    let file = tmp.file("dup-nested.json", nested.as_bytes());
    let r = run(&["validate", "--format", "json", &file]);
    assert_eq!(r.code, 1);
    let v = json_line(r.lines()[0]);
    assert_eq!(
        path_codes(&v, "errors"),
        [("/referrer/full_name".to_owned(), "duplicate".to_owned())]
    );

    // normalise keeps both occurrences, so the repeat is still reported.
    let r = run(&["normalise", &file]);
    assert_eq!(r.code, 0);
    let again = tmp.file("dup-normal.json", r.stdout.as_bytes());
    let r = run(&["validate", "--format", "json", &again]);
    let v = json_line(r.lines()[0]);
    assert_eq!(
        path_codes(&v, "errors"),
        [("/referrer/full_name".to_owned(), "duplicate".to_owned())]
    );
}
