//! Journey Studio's core: the journey-map document, its edits, the project
//! file, the session the app's commands act on, and (with the `desktop`
//! feature) the Tauri command layer.

pub mod analytics;
pub mod archive;
pub mod bindings;
pub mod change;
pub mod cli;
pub mod edit;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod i18n;
pub mod model;
pub mod recent;
pub mod review;
pub mod session;
pub mod store;
pub mod template;

#[cfg(feature = "desktop")]
pub mod commands;
pub mod webview;

pub use edit::Edit;
pub use error::{EditError, Error, FileError};
pub use model::*;
pub use store::ProjectFile;
