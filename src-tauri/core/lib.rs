//! Journey Studio's core: the journey-map document, its edits, the project
//! file, the session the app's commands act on, the exports. It never imports
//! Tauri; the window and its IPC commands are the binary's (`src-tauri/desktop/`).

// Lets code shared with tests, benches and examples (tests/support/sample.rs)
// name the crate the same way wherever it is compiled.
extern crate self as journey_studio;

pub mod bindings;
pub mod card_image;
pub mod change;
pub mod channels;
pub mod cli;
pub mod edit;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod funnel;
pub mod i18n;
pub mod metric_import;
pub mod model;
pub mod project_json;
pub mod recent;
pub mod session;
pub mod store;
pub mod sync;
pub mod template;
pub mod versions;

// Live collaboration's network, outside the core's folder (they run on tokio;
// the core stays synchronous): the sync server and the app's connection to it.
#[cfg(feature = "server")]
#[path = "../server/mod.rs"]
pub mod server;
#[cfg(feature = "wire")]
#[path = "../wire/mod.rs"]
pub mod wire;

pub use edit::Edit;
pub use error::{EditError, Error, FileError, SyncError};
pub use model::*;
pub use store::ProjectFile;
