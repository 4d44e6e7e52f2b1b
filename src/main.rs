//! `sinergi`: parses the command line and the environment, then hands over to the library.

use clap::Parser;
use sinergi::cli::{self, Cli};
use sinergi::db::EmbeddedError;
use sinergi::ops::logs::{self, LogFormat};

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let result = match LogFormat::from_env() {
        Ok(format) => {
            logs::init(format);
            match sinergi::Config::from_env() {
                Ok(config) => cli::run(cli, config).await,
                Err(e) => Err(e),
            }
        }
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
