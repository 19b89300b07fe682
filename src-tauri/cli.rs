//! The command line of the `journey-studio` binary. Subcommands work without a
//! window; with none, the app opens (on the given project file, if any).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::Result;
use crate::store::ProjectFile;
use crate::template::{self, Lang};

#[derive(Debug, Parser)]
#[command(name = "journey-studio", version, about = "Journey Studio: customer journey maps", args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A project file (.journey) to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project file from the default template, without opening a window.
    New {
        /// Where to write the project (.journey).
        path: PathBuf,
        /// Language of the template's stage and lane names.
        #[arg(long, value_enum, default_value = "en")]
        lang: CliLang,
        /// Replace an existing file.
        #[arg(long)]
        overwrite: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CliLang {
    En,
    Vi,
}

impl From<CliLang> for Lang {
    fn from(l: CliLang) -> Self {
        match l {
            CliLang::En => Lang::En,
            CliLang::Vi => Lang::Vi,
        }
    }
}

/// Runs a windowless subcommand; returns the line to print on success.
pub fn run(command: Command) -> Result<String> {
    match command {
        Command::New { path, lang, overwrite } => {
            let file = ProjectFile::create(&path, &template::default_project(lang.into()), overwrite)?;
            Ok(format!("created {}", file.path().display()))
        }
    }
}
