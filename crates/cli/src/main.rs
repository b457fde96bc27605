//! `prevent-referral`: validate, normalise and print the schema of referral documents
//! (spec §10). A thin shell over the library.

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use prevent_referral::{
    normalise_kind, parse, schema, validate_kind, Code, DocKind, Issue, Lang, Report, MAX_ISSUES,
};

/// Largest input read, in bytes. A referral is a few kilobytes; this bounds memory.
const MAX_INPUT: u64 = 16 * 1024 * 1024;
/// Above this many files, progress is shown on a terminal.
const PROGRESS_FROM: usize = 200;

#[derive(Parser)]
#[command(
    name = "prevent-referral",
    version,
    about = "Validate and normalise Prevent referral documents (standard version 1.0)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check documents; exit 0 if all are valid, 1 if any is invalid, 2 if any cannot be read.
    Validate {
        /// Which document the files hold.
        #[arg(long, value_enum, default_value_t = Kind::Referral)]
        kind: Kind,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// `text` for people, `json` for programs (one object per file, one per line).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Files to check; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Print the normalised document (trimmed, postcodes and NHS numbers in normal form).
    Normalise {
        /// Which document the file holds.
        #[arg(long, value_enum, default_value_t = Kind::Referral)]
        kind: Kind,
        /// The file; `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Print the JSON Schema (2020-12) of a document kind.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = Kind::Referral)]
        kind: Kind,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Referral,
    Feedback,
}

impl From<Kind> for DocKind {
    fn from(k: Kind) -> DocKind {
        match k {
            Kind::Referral => DocKind::Referral,
            Kind::Feedback => DocKind::Feedback,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Cy,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate {
            kind,
            lang,
            format,
            files,
        } => {
            let lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Cy => Lang::Cy,
            };
            validate_files(&files, kind.into(), lang, format)
        }
        Command::Normalise { kind, file } => normalise_file(&file, kind.into()),
        Command::Schema { kind } => print(&schema(kind.into())).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|e| {
        // Only a failure to write to stdout gets here (a closed pipe, a full disk).
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("prevent-referral: cannot write output: {e}");
        }
        ExitCode::from(2)
    })
}

fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Reads a file (or stdin for `-`) up to [`MAX_INPUT`] bytes, with a message naming it.
fn read_input(name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if name == "-" {
        io::stdin()
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(Path::new(name))
            .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
    };
    match read {
        Err(e) => Err(format!("cannot read: {e}")),
        Ok(_) if bytes.len() as u64 > MAX_INPUT => Err(format!(
            "larger than {} MiB; a referral document is never that large",
            MAX_INPUT / 1024 / 1024
        )),
        Ok(_) => Ok(bytes),
    }
}

fn display_name(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}

fn validate_files(
    files: &[String],
    kind: DocKind,
    lang: Lang,
    format: Format,
) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let progress = files.len() > PROGRESS_FROM && io::stderr().is_terminal();
    let (mut invalid, mut unreadable) = (0usize, 0usize);
    for (i, name) in files.iter().enumerate() {
        if progress && i % 100 == 0 {
            eprint!("\rvalidated {i} of {} files", files.len());
        }
        let shown = display_name(name);
        let bytes = read_input(name);
        let doc = bytes
            .as_ref()
            .map_err(String::clone)
            .and_then(|b| parse(b).map_err(|e| e.to_string()));
        let report = match doc {
            Ok(doc) => validate_kind(&doc, kind, lang),
            Err(msg) => {
                unreadable += 1;
                if progress {
                    eprint!("\r\x1b[K");
                }
                eprintln!("prevent-referral: {shown}: {msg}");
                continue;
            }
        };
        if !report.valid {
            invalid += 1;
        }
        match format {
            Format::Json => write_json(&mut out, shown, &report)?,
            Format::Text => write_text(&mut out, shown, &report)?,
        }
    }
    if progress {
        eprintln!("\rvalidated {} of {} files", files.len(), files.len());
    }
    if format == Format::Text && files.len() > 1 {
        let valid = files.len() - invalid - unreadable;
        writeln!(
            out,
            "{} files: {valid} valid, {invalid} invalid, {unreadable} unreadable",
            files.len()
        )?;
    }
    out.flush()?;
    Ok(match (unreadable, invalid) {
        (0, 0) => ExitCode::SUCCESS,
        (0, _) => ExitCode::from(1),
        _ => ExitCode::from(2),
    })
}

fn write_json(out: &mut impl Write, file: &str, report: &Report) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: &'a str,
        #[serde(flatten)]
        report: &'a Report,
    }
    serde_json::to_writer(&mut *out, &Line { file, report })?;
    writeln!(out)
}

fn write_text(out: &mut impl Write, file: &str, report: &Report) -> io::Result<()> {
    let plural = |n: usize, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let verdict = if report.valid { "valid" } else { "invalid" };
    // A full list ends in `too_many_errors` (spec §11.14): say "more than 999", not 1000.
    let count = |issues: &[Issue], one: &str| match issues.last() {
        Some(last) if last.code == Code::TooManyErrors => {
            format!("more than {} {one}s", MAX_ISSUES - 1)
        }
        _ => plural(issues.len(), one),
    };
    let mut counts = Vec::new();
    if !report.errors.is_empty() {
        counts.push(count(&report.errors, "error"));
    }
    if !report.warnings.is_empty() {
        counts.push(count(&report.warnings, "warning"));
    }
    if counts.is_empty() {
        writeln!(out, "{file}: {verdict}")?;
    } else {
        writeln!(out, "{file}: {verdict} ({})", counts.join(", "))?;
    }
    for (label, issues) in [("error", &report.errors), ("warning", &report.warnings)] {
        for issue in issues.iter() {
            let path = if issue.path.is_empty() {
                "(document)"
            } else {
                &issue.path
            };
            writeln!(
                out,
                "  {label:<7} {path}: {} [{}]",
                issue.message,
                issue.code.as_str()
            )?;
        }
    }
    Ok(())
}

fn normalise_file(name: &str, kind: DocKind) -> io::Result<ExitCode> {
    let bytes = read_input(name);
    let read = bytes.as_ref().map_err(String::clone);
    let doc = match read.and_then(|b| parse(b).map_err(|e| e.to_string())) {
        Ok(doc) => doc,
        Err(msg) => {
            eprintln!("prevent-referral: {}: {msg}", display_name(name));
            return Ok(ExitCode::from(2));
        }
    };
    let normal = normalise_kind(&doc, kind);
    let mut text = serde_json::to_string_pretty(&normal).map_err(io::Error::other)?;
    text.push('\n');
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
