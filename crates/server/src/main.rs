//! `prevent-referral-server`: the receiving service (serve), the administrator's team
//! token commands (`token create | revoke | list`), `migrate` (PostgreSQL's schema, by
//! the owner role) and `check` (every stored record decrypts with the key file). A thin
//! shell over the library.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use prevent_referral_server::api::{self, AppState, Options};
use prevent_referral_server::data::{self, Database};
use prevent_referral_server::store::postgres::PostgresStore;
use prevent_referral_server::store::Store;
use prevent_referral_server::{admin, clock, retention, serve};

#[derive(Parser)]
#[command(
    name = "prevent-referral-server",
    version,
    about = "The receiving service for Prevent referrals (receiving API v1)",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Data folder: the SQLite database and the key file (created 0700).
    #[arg(long, default_value = "./prevent-referral-data")]
    data: PathBuf,
    /// Database: postgres://USER@HOST:PORT/DB (several instances may share it), or
    /// sqlite://PATH; default: SQLite in --data. The key file stays in --data either way.
    #[arg(long)]
    database: Option<String>,
    /// The form page's folder.
    #[arg(long, default_value = "www")]
    www: PathBuf,
    /// The npm package folder, served at /pkg/.
    #[arg(long, default_value = "pkg")]
    pkg: PathBuf,
    /// GOV.UK Frontend's dist/govuk folder, served at /govuk/ and /assets/.
    #[arg(long, default_value = "tools/node_modules/govuk-frontend/dist/govuk")]
    govuk: PathBuf,
    /// An origin allowed to call intake and status from a browser (repeat; `*` for any).
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origin: Vec<String>,
    /// Intake requests per minute per client address (0: no limit).
    #[arg(long, value_name = "PER_MINUTE", default_value_t = prevent_referral::receiving::API_LIMITS.default_rate_limit)]
    rate_limit: u32,
    /// Open connections one client address may hold; a connection beyond is closed at once
    /// (0: no cap). Default: the receiving API's limit (docs/receiving-api.md), or no cap
    /// with --trusted-proxy (every connection then comes from the proxy: cap per client there).
    #[arg(long, value_name = "N")]
    max_connections_per_client: Option<usize>,
    /// Failed sign-ins (a bad or revoked team token) per minute per client address before
    /// the address is refused for a minute (0: no limit).
    #[arg(long, value_name = "PER_MINUTE", default_value_t = prevent_referral::receiving::API_LIMITS.sign_in_failures_per_minute)]
    sign_in_failures: u32,
    /// Delete documents and messages this many days after a referral is closed.
    #[arg(long, value_name = "N")]
    retain_days: Option<u32>,
    /// Behind a TLS proxy: take the client address from X-Forwarded-For and TLS from
    /// X-Forwarded-Proto.
    #[arg(long)]
    trusted_proxy: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Team tokens: create, revoke, list.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Applies the PostgreSQL schema's migrations and exits (run with the owner role; the
    /// server's own role then needs no right to change the schema).
    Migrate {
        /// postgres://OWNER@HOST:PORT/DB
        #[arg(long)]
        database: String,
    },
    /// Decrypts every stored record with the key file and names each that does not (by
    /// reference, never personal data); exits 1 if any does not. Use it on a restored backup.
    Check {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        database: Option<String>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Creates a team member's token and prints it (last line); it is never shown again.
    Create {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long)]
        database: Option<String>,
    },
    /// Revokes a team member's token.
    Revoke {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long)]
        database: Option<String>,
    },
    /// Lists team members: names and dates, never tokens.
    List {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        database: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("prevent-referral-server: starting the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Some(Command::Token(command)) => runtime.block_on(token(command)),
        Some(Command::Migrate { database: url }) => runtime.block_on(migrate(&url)),
        Some(Command::Check { data, database }) => runtime.block_on(check(&data, database)),
        None => runtime.block_on(run(cli.serve)),
    }
}

fn database(url: Option<&str>) -> Result<Database, ExitCode> {
    data::parse_database(url).map_err(|e| {
        eprintln!("prevent-referral-server: {e}");
        ExitCode::from(2)
    })
}

async fn migrate(url: &str) -> ExitCode {
    let Ok(Database::Postgres(url)) = data::parse_database(Some(url)) else {
        eprintln!("prevent-referral-server: migrate needs --database postgres://…");
        return ExitCode::from(2);
    };
    match PostgresStore::migrate(&url).await {
        Ok((before, after)) => {
            let line = if before == after {
                format!("The schema is at version {after}; nothing to do.")
            } else {
                format!("Migrated the schema from version {before} to {after}.")
            };
            match print_lines(&[line]) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("prevent-referral-server: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("prevent-referral-server: migrating the database: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn check(dir: &std::path::Path, db: Option<String>) -> ExitCode {
    let db = match database(db.as_deref()) {
        Ok(db) => db,
        Err(code) => return code,
    };
    let (store, vault) = match data::open(dir, &db).await {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("prevent-referral-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout();
    let mut failure = |line: String| {
        let _ = writeln!(out, "{line}");
    };
    let mut shown = 0;
    let mut progress = |c: &prevent_referral_server::check::Counts| {
        let read = c.referrals + c.messages;
        if read >= shown + 10_000 {
            shown = read;
            eprintln!(
                "checked {} referrals, {} messages; {} values failed so far",
                c.referrals, c.messages, c.failed
            );
        }
    };
    let result =
        prevent_referral_server::check::run(store.as_ref(), &vault, &mut failure, &mut progress)
            .await;
    store.close().await;
    let counts = match result {
        Ok(counts) => counts,
        Err(e) => {
            eprintln!("prevent-referral-server: reading the database: {e}");
            return ExitCode::FAILURE;
        }
    };
    let summary = format!(
        "Checked {} referrals, {} feedback messages and {} team members: {} values decrypted, \
         {} did not.",
        counts.referrals, counts.messages, counts.members, counts.opened, counts.failed
    );
    if print_lines(&[summary]).is_err() || counts.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

async fn token(command: TokenCommand) -> ExitCode {
    let (dir, db) = match &command {
        TokenCommand::Create { data, database, .. }
        | TokenCommand::Revoke { data, database, .. }
        | TokenCommand::List { data, database } => (data.clone(), database.clone()),
    };
    let db = match database(db.as_deref()) {
        Ok(db) => db,
        Err(code) => return code,
    };
    let (opened, vault) = match data::open(&dir, &db).await {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("prevent-referral-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let store = opened.as_ref();
    let result = match &command {
        TokenCommand::Create { name, .. } => {
            admin::create(store, &vault, name).await.and_then(|token| {
                print_lines(&[
                    format!("Team token for {}: shown once, keep it safe.", name.trim()),
                    token,
                ])
            })
        }
        TokenCommand::Revoke { name, .. } => admin::revoke(store, &vault, name)
            .await
            .and_then(|()| print_lines(&[format!("Revoked the token of {}.", name.trim())])),
        TokenCommand::List { .. } => admin::list(store, &vault)
            .await
            .and_then(|lines| print_lines(&lines)),
    };
    store.close().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prevent-referral-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints lines on standard output; an error (a closed pipe) is reported, never a panic.
fn print_lines(lines: &[String]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}").map_err(|e| format!("writing to standard output: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("writing to standard output: {e}"))
}

async fn run(args: ServeArgs) -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .init();
    let db = match database(args.database.as_deref()) {
        Ok(db) => db,
        Err(code) => return code,
    };
    let (store, vault) = match data::open(&args.data, &db).await {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("prevent-referral-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let store: Arc<dyn Store> = Arc::from(store);
    let options = Options {
        www: args.www,
        pkg: args.pkg,
        govuk: args.govuk,
        allow_origins: args.allow_origin,
        rate_limit: args.rate_limit,
        trusted_proxy: args.trusted_proxy,
        sign_in_failures: args.sign_in_failures,
    };
    let clock = clock::system();
    let shared = store.clone();
    let state = AppState::new(shared.clone(), vault, clock.clone(), &options);
    if let Some(days) = args.retain_days {
        tokio::spawn(retention::run_periodically(
            shared.clone(),
            clock.clone(),
            days,
            Duration::from_secs(3600),
        ));
    }
    let tidy = state.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            tidy.tidy();
        }
    });
    let app = api::router(state, &options);
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "prevent-referral-server: cannot listen on {}: {e}",
                args.addr
            );
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("prevent-referral-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = out.flush();
    }
    let max_connections_per_client = match (args.max_connections_per_client, args.trusted_proxy) {
        (Some(n), _) => n,
        (None, true) => 0,
        (None, false) => prevent_referral::receiving::API_LIMITS.max_connections_per_client,
    };
    if max_connections_per_client == 0 {
        tracing::info!("no cap on connections per client address");
    }
    let limits = serve::Limits {
        max_connections_per_client,
        ..serve::Limits::default()
    };
    serve::serve(listener, app, limits, shutdown_signal()).await;
    store.close().await;
    tracing::info!("stopped");
    ExitCode::SUCCESS
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
