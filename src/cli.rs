//! The command line (docs/CONTRACT.md): `serve` (default), `migrate`, `demo`, `import-regions`, `user`,
//! `generate`.
//! Every command uses the same database: `DATABASE_URL`, else the embedded cluster.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::auth::{self, Role};
use crate::db::{self, Database};
use crate::{AppState, Config};

#[derive(Parser, Debug)]
#[command(
    name = "sinergi",
    version,
    about = "Sinergi: police ↔ election-body coordination meetings"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (applies pending migrations first). The default.
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Load the demo data (the five seed stories, their units, bodies and demo accounts). Safe to run twice.
    Demo,
    /// Load or update regions from provinces.csv, regencies.csv, districts.csv, villages.csv in DIR.
    ImportRegions {
        /// Folder with the four CSV files (format of data/regions/)
        dir: PathBuf,
    },
    /// Load kerawanan (vulnerability) figures from a CSV file; a source named again is replaced.
    ImportKerawanan {
        /// CSV with region_code,election,source,as_of,score,tier,tps_total,tps_rawan (data/kerawanan/template.csv)
        file: PathBuf,
    },
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the audit log (`audit verify`: walk the hash chain; exit 1 naming the first broken entry).
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Load synthetic national-scale data: S=1 is every Polda/Polres/Polsek, ~200,000 meetings,
    /// ~2,000,000 attendees, ~600,000 commitments. The same seed and scale again change nothing.
    Generate {
        /// Size relative to S=1, above 0 and at most 20 (e.g. 1, 0.01)
        #[arg(long, allow_hyphen_values = true)]
        scale: String,
        /// Random seed: the same seed always makes the same data
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write a pg_dump custom-format dump of the whole database (photos included) to FILE.
    Backup {
        /// The dump to write, e.g. sinergi-2026-11-29.dump
        file: PathBuf,
    },
    /// Restore a dump made by `sinergi backup` into an empty database (refuses one with tables).
    Restore {
        /// A dump made by `sinergi backup`
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Recompute every entry's hash from the first to the head.
    Verify,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is read from stdin when --password-stdin is given, else generated and printed once.
    Add(UserAdd),
    /// Set a new generated password for USERNAME and print it once.
    Reset { username: String },
}

#[derive(Args, Debug)]
pub struct UserAdd {
    /// Login name: lower-case letters, digits, dot, dash, underscore (3–64)
    #[arg(long)]
    pub username: String,
    /// Full name as shown in the app
    #[arg(long)]
    pub name: String,
    /// admin | commander | liaison | official
    #[arg(long)]
    pub role: String,
    /// Police unit by exact name (commander, liaison; admin limited to a Polda)
    #[arg(long)]
    pub unit: Option<String>,
    /// Institution id (official), as shown on its directory page /lembaga/ID
    #[arg(long)]
    pub institution: Option<i64>,
    /// Position, e.g. "Kapolsek Kuala Kampar"
    #[arg(long, default_value = "")]
    pub position: String,
    /// Police rank, e.g. AKP
    #[arg(long)]
    pub rank: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
}

/// Opens the database, applies migrations (and anything written behind) and loads the regions on
/// first use.
pub async fn open(config: &Config) -> anyhow::Result<Database> {
    let database = Database::open(config.database_url.as_deref(), &config.data_dir).await?;
    db::migrate(&database.pool).await?;
    // what a crash between a write-behind commit and its apply left waiting
    crate::kit::write_behind::apply(&database.pool).await?;
    ensure_regions(&database.pool).await?;
    Ok(database)
}

/// Loads the shipped regions (and elections) when the database has none.
pub async fn ensure_regions(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    let n = sqlx::query_scalar!("select count(*) as \"n!\" from region")
        .fetch_one(pool)
        .await?;
    if n == 0 {
        let s = crate::regions::import_embedded(pool).await?;
        println!(
            "Loaded regions: {} provinces, {} regencies, {} districts, {} villages in {} ms",
            s.provinces, s.regencies, s.districts, s.villages, s.millis
        );
    }
    Ok(())
}

pub async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let database = Database::open(config.database_url.as_deref(), &config.data_dir).await?;
            db::migrate(&database.pool).await?;
            println!("Migrations applied.");
            database.close().await;
            Ok(())
        }
        Command::Demo => {
            let database = open(&config).await?;
            crate::demo::load(&database.pool).await?;
            println!("Demo data loaded.\n{}", crate::demo::accounts_text());
            database.close().await;
            Ok(())
        }
        Command::ImportRegions { dir } => {
            let database = Database::open(config.database_url.as_deref(), &config.data_dir).await?;
            db::migrate(&database.pool).await?;
            let result = crate::regions::import_dir(&database.pool, &dir).await;
            database.close().await;
            let s = result?;
            println!(
                "Imported {} provinces, {} regencies, {} districts, {} villages in {} ms",
                s.provinces, s.regencies, s.districts, s.villages, s.millis
            );
            Ok(())
        }
        Command::ImportKerawanan { file } => {
            let database = open(&config).await?;
            let result = crate::kerawanan::import_file(&database.pool, &file).await;
            database.close().await;
            let s = result?;
            println!(
                "Imported {} kerawanan rows from {} (replaced {} earlier rows of these sources)",
                s.rows,
                s.sources.join(", "),
                s.replaced
            );
            Ok(())
        }
        Command::Generate { scale, seed } => {
            let scale = crate::generate::parse_scale(&scale).map_err(|m| anyhow::anyhow!("{m}"))?;
            let database = open(&config).await?;
            let result = crate::generate::generate(&database.pool, scale, seed).await;
            database.close().await;
            println!("{}", result?);
            Ok(())
        }
        Command::Backup { file } => crate::ops::backup::run_backup(&config, &file).await,
        Command::Restore { file } => crate::ops::backup::run_restore(&config, &file).await,
        Command::User(cmd) => {
            let database = open(&config).await?;
            let result = user(&database.pool, cmd).await;
            database.close().await;
            result
        }
        Command::Audit(AuditCommand::Verify) => {
            let database = Database::open(config.database_url.as_deref(), &config.data_dir).await?;
            db::migrate(&database.pool).await?;
            let result = crate::kit::audit::chain::verify_command(&database.pool).await;
            database.close().await;
            println!("{}", result?);
            Ok(())
        }
    }
}

async fn user(pool: &sqlx::PgPool, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add(a) => user_add(pool, a).await,
        UserCommand::Reset { username } => user_reset(pool, &username).await,
    }
}

/// The unit of a new account (its institution is checked to exist).
async fn user_scope(pool: &sqlx::PgPool, a: &UserAdd, role: Role) -> anyhow::Result<Option<i64>> {
    let unit_id = match &a.unit {
        Some(name) => Some(
            sqlx::query_scalar!("select id from police_unit where name = $1", name)
                .fetch_optional(pool)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no police unit named {name:?}"))?,
        ),
        None => None,
    };
    match role {
        Role::Commander | Role::Liaison if unit_id.is_none() => {
            anyhow::bail!("--unit is required for {}", a.role)
        }
        Role::Official if a.institution.is_none() => {
            anyhow::bail!("--institution is required for official")
        }
        _ => {}
    }
    if let Some(inst) = a.institution {
        let n = sqlx::query_scalar!(
            "select count(*) as \"n!\" from institution where id = $1",
            inst
        )
        .fetch_one(pool)
        .await?;
        if n == 0 {
            anyhow::bail!("no institution with id {inst}");
        }
    }
    Ok(unit_id)
}

async fn user_add(pool: &sqlx::PgPool, a: UserAdd) -> anyhow::Result<()> {
    let role = Role::parse(&a.role)
        .ok_or_else(|| anyhow::anyhow!("--role must be admin, commander, liaison or official"))?;
    let unit_id = user_scope(pool, &a, role).await?;
    let (password, generated) = if a.password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        (s.trim_end_matches(['\n', '\r']).to_string(), false)
    } else {
        (crate::web::random_token(9), true)
    };
    auth::check_new_password(&password).map_err(|m| anyhow::anyhow!("{m}"))?;
    let hash = auth::hash_password(password.clone()).await?;
    let new = auth::db::NewUser {
        username: &a.username,
        display_name: &a.name,
        position: &a.position,
        rank: a.rank.as_deref(),
        phone: None,
        role,
        unit_id: if role == Role::Official {
            None
        } else {
            unit_id
        },
        institution_id: if role == Role::Official {
            a.institution
        } else {
            None
        },
        password_hash: &hash,
    };
    let exists = sqlx::query_scalar!(
        "select count(*) as \"n!\" from app_user where username = $1",
        a.username
    )
    .fetch_one(pool)
    .await?;
    if exists > 0 {
        anyhow::bail!(
            "user {:?} already exists (use `sinergi user reset`)",
            a.username
        );
    }
    let mut tx = pool.begin().await?;
    let id = auth::db::insert_user(&mut *tx, &new).await.map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_check_violation() => {
            anyhow::anyhow!("invalid account: check the username (a-z, 0-9, . _ -, 3–64) and the role's scope")
        }
        e => e.into(),
    })?;
    crate::kit::audit::record(
        &mut tx,
        crate::kit::audit::Entry::system("user.create", "user", Some(id)).unit(unit_id),
    )
    .await?;
    tx.commit().await?;
    println!("Created {} ({}).", a.username, role.label());
    if generated {
        println!("Password (shown once): {password}");
    }
    Ok(())
}

async fn user_reset(pool: &sqlx::PgPool, username: &str) -> anyhow::Result<()> {
    let id = sqlx::query_scalar!("select id from app_user where username = $1", username)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no user {username:?}"))?;
    let password = crate::web::random_token(9);
    let hash = auth::hash_password(password.clone()).await?;
    let mut tx = pool.begin().await?;
    auth::db::set_password(&mut *tx, id, &hash).await?;
    crate::kit::audit::record(
        &mut tx,
        crate::kit::audit::Entry::system("user.reset_password", "user", Some(id)),
    )
    .await?;
    tx.commit().await?;
    println!("New password for {username} (shown once): {password}");
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let database = open(&config).await?;
    if config.demo {
        let units = sqlx::query_scalar!("select count(*) as \"n!\" from police_unit")
            .fetch_one(&database.pool)
            .await?;
        if units == 0 {
            crate::demo::load(&database.pool).await?;
            println!("Demo data loaded.\n{}", crate::demo::accounts_text());
        }
    }
    let state = AppState::load(database.pool.clone(), config.clone()).await?;
    let store = auth::store::PgSessionStore::new(database.pool.clone());
    let cleanup = tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "deleting expired sessions failed");
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!(addr = %addr, startup_ms = started.elapsed().as_millis() as u64, "listening");
    println!(
        "Sinergi listening on http://{addr} (public URL {})",
        config.public_url
    );
    let app = crate::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    cleanup.abort();
    database.close().await;
    Ok(())
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
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
