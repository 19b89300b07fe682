//! Journey Studio's core: the journey-map document, its edits, the project
//! file, and (with the `desktop` feature) the Tauri command layer.

pub mod edit;
pub mod error;
pub mod fsutil;
pub mod model;
pub mod recent;
pub mod store;
pub mod template;
pub mod bindings;
pub mod cli;
pub mod export;
pub mod analytics;
pub mod archive;
pub mod review;

#[cfg(feature = "desktop")]
pub mod commands;
pub mod webview;

pub use edit::Edit;
pub use error::{EditError, Error, FileError};
pub use model::*;
pub use store::ProjectFile;
