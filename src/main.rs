//! `sinergi`: parses the command line and the environment, then hands over to the library.

use clap::Parser;
use sinergi::cli::{self, Cli};
use sinergi::db::EmbeddedError;

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "sinergi=info,tower_http=info".into()),
        )
        .with_target(false)
        .init();
    let result = match sinergi::Config::from_env() {
        Ok(config) => cli::run(cli, config).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        let code = match e.downcast_ref::<EmbeddedError>() {
            Some(EmbeddedError::NoBinaries) => 2,
            _ => 1,
        };
        eprintln!("sinergi: {e:#}");
        std::process::exit(code);
    }
}
