// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod clipboard;
mod collab;
mod commands;
mod webview;

use std::process::ExitCode;

use clap::Parser;
use journey_studio::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => match cli::run(command) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("journey-studio: {e}");
                ExitCode::FAILURE
            }
        },
        None => match commands::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if commands::handover_failed(&e) => relaunch(&e),
            Err(e) => {
                eprintln!("journey-studio: could not start the window: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// The running instance this launch tried to hand its file to was closing
/// (the user closed the window and double-clicked a project right away).
/// This process cannot start its own window any more (its event loop exists
/// already), so it starts over as a fresh process with the same arguments, a
/// moment later, when the closing instance has gone. Once only: a second
/// failure is reported.
fn relaunch(error: &tauri::Error) -> ExitCode {
    const RELAUNCHED: &str = "JOURNEY_STUDIO_RELAUNCHED";
    if std::env::var_os(RELAUNCHED).is_none() {
        if let Ok(exe) = std::env::current_exe() {
            std::thread::sleep(std::time::Duration::from_millis(500));
            let mut command = std::process::Command::new(exe);
            command.args(std::env::args_os().skip(1)).env(RELAUNCHED, "1");
            #[cfg(unix)]
            {
                use std::os::unix::process::CommandExt;
                let failed = command.exec(); // returns only on failure
                eprintln!("journey-studio: could not relaunch: {failed}");
            }
            #[cfg(not(unix))]
            if let Ok(status) = command.status() {
                return if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
            }
        }
    }
    eprintln!("journey-studio: could not start the window: {error}");
    ExitCode::FAILURE
}
