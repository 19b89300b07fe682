//! The app's commands without the window, for the UI tests (which drive the
//! real core through it, `ui/src/test/coreBridge.ts`). Reads one request a
//! line on stdin and answers each on stdout, in order:
//!
//! ```text
//! {"id":1,"cmd":"apply_edit","args":{"edit":{…}}}   →   {"id":1,"ok":{…}}
//! {"id":2,"cmd":"undo"}                              →   {"id":2,"err":{"code":"nothing_to_undo","message":"…"}}
//! ```
//!
//! The commands are the app's (`commands.rs`, a test checks the lists match),
//! each calling the same [`Session`] method, with arguments named as the UI's
//! `invoke` sends them (camelCase: Tauri 2 maps `mapId` to `map_id`). A few
//! more set up what a test needs: a project file on disk, the file the app was
//! started with, the recent-files list, the picture on the system clipboard
//! (`set_clipboard_image`, which `paste_image` reads instead of the real one).
//!
//! cargo build --no-default-features --example core_bridge
//! target/debug/examples/core_bridge --recent-list DIR/recent.json

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use journey_studio::error::{Error, ErrorInfo, FileError};
use journey_studio::model::{Project, Snapshot};
use journey_studio::recent;
use journey_studio::session::{self, Session};
use journey_studio::store::ProjectFile;
use journey_studio::sync::ShareLink;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Parser)]
struct Options {
    /// Where the session keeps its recent-files list.
    #[arg(long)]
    recent_list: PathBuf,
}

#[derive(Deserialize)]
struct Request {
    id: Value,
    cmd: String,
    #[serde(default)]
    args: Map<String, Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Outcome {
    Ok(Value),
    Err(ErrorInfo),
}

#[derive(Serialize)]
struct Response {
    id: Value,
    #[serde(flatten)]
    outcome: Outcome,
}

/// What the tests' own commands set up around the session.
struct Bridge {
    recent_list: PathBuf,
    /// The "system clipboard"'s picture: width, height, RGBA pixels.
    clipboard: Option<(u32, u32, Vec<u8>)>,
}

impl Bridge {
    fn new(recent_list: PathBuf) -> Self {
        Bridge { recent_list, clipboard: None }
    }
}

/// The commands registered in `commands.rs` (`generate_handler!`), in its order.
const APP_COMMANDS: &[&str] = &[
    "initial_path",
    "templates",
    "new_project",
    "import_project_json",
    "export_project_json",
    "funnel",
    "read_metric_table",
    "plan_metric_import",
    "snapshot",
    "compare_versions",
    "open_project",
    "save_as",
    "close_project",
    "current_document",
    "apply_edit",
    "undo",
    "redo",
    "recent_files",
    "forget_recent",
    "export_preview",
    "export_map",
    "put_image",
    "paste_image",
    "image",
    "share_project",
    "share_link",
    "check_share_link",
    "join_project",
    "announce",
];

fn error(code: &str, message: impl Into<String>) -> ErrorInfo {
    ErrorInfo { code: code.into(), message: message.into() }
}

/// A request's arguments, read by name as a Tauri command reads its parameters.
struct Args<'a>(&'a Map<String, Value>);

impl Args<'_> {
    /// The argument `key` as a `T`; a missing key reads as `null` (so an `Option` is `None`).
    fn get<T: DeserializeOwned>(&self, key: &str) -> Result<T, ErrorInfo> {
        let value = self.0.get(key).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value).map_err(|e| error("invalid_args", format!("argument {key}: {e}")))
    }

    fn path(&self, key: &str) -> Result<PathBuf, ErrorInfo> {
        self.get::<String>(key).map(PathBuf::from)
    }
}

fn json(value: impl Serialize) -> Result<Value, ErrorInfo> {
    serde_json::to_value(value).map_err(|e| error("invalid_data", e.to_string()))
}

/// One of the app's commands, as `commands.rs` runs it; `None` if `cmd` is not one.
fn app_command(s: &mut Session, clipboard: Option<&(u32, u32, Vec<u8>)>, cmd: &str, a: &Args) -> Option<Result<Value, ErrorInfo>> {
    let answer = || -> Result<Value, ErrorInfo> {
        match cmd {
            "initial_path" => json(s.initial_path()),
            "templates" => json(Session::templates(a.get("lang")?)),
            "new_project" => json(s.new_project(&a.path("path")?, a.get("lang")?, a.get("template")?, a.get("overwrite")?)?),
            "import_project_json" => json(s.import_project_json(&a.path("source")?, &a.path("dest")?, a.get("overwrite")?)?),
            "export_project_json" => json(s.export_project_json(&a.path("path")?)?),
            "funnel" => json(s.funnel(&a.get::<String>("mapId")?, &a.get::<Vec<_>>("changes")?)?),
            "read_metric_table" => json(Session::read_metric_table(&a.path("path")?, a.get::<Option<String>>("sheet")?.as_deref())?),
            "plan_metric_import" => json(s.plan_metric_import(&a.get::<String>("mapId")?, &a.path("path")?, &a.get("mapping")?)?),
            "snapshot" => json(s.snapshot(&a.get::<String>("snapshotId")?)?),
            "compare_versions" => json(s.compare_versions(
                &a.get::<String>("mapId")?,
                a.get::<Option<String>>("before")?.as_deref(),
                a.get::<Option<String>>("after")?.as_deref(),
            )?),
            "open_project" => json(s.open_project(&a.path("path")?)?),
            "save_as" => json(s.save_as(&a.path("path")?, a.get("overwrite")?)?),
            "close_project" => {
                s.close_project();
                Ok(Value::Null)
            }
            "current_document" => json(s.current_document()?),
            "apply_edit" => json(s.apply_edit(&a.get("edit")?)?),
            "undo" => json(s.undo()?),
            "redo" => json(s.redo()?),
            "recent_files" => json(s.recent_files()),
            "forget_recent" => json(s.forget_recent(&a.get::<String>("path")?)?),
            "export_preview" => json(s.export_preview(&a.get::<String>("mapId")?, &a.get("options")?, a.get("first")?, a.get("count")?)?),
            "export_map" => {
                let (project, pictures) = s.project()?;
                json(session::export_map(
                    &project,
                    &pictures,
                    &a.get::<String>("mapId")?,
                    a.get("format")?,
                    &a.path("path")?,
                    &a.get("options")?,
                )?)
            }
            "put_image" => json(s.put_image(&a.get::<String>("dataUrl")?)?),
            "paste_image" => match clipboard {
                Some((width, height, rgba)) => json(s.put_pixels(*width, *height, rgba.clone())?),
                None => Ok(Value::Null),
            },
            "image" => json(s.image(&a.get::<String>("imageId")?, a.get("thumb")?)?),
            // No network here: the project is shared locally (the app registers
            // it on the server first, with the invite key).
            "share_project" => {
                let link = ShareLink::new(&a.get::<String>("server")?, &uuid_like_doc_id()).map_err(|e| ErrorInfo::from(Error::from(e)))?;
                s.share(&link)?;
                json(link.to_string())
            }
            "share_link" => json(s.share_link()?.map(|l| l.to_string())),
            "check_share_link" => {
                ShareLink::parse(&a.get::<String>("link")?).map_err(|e| ErrorInfo::from(Error::from(e)))?;
                Ok(Value::Null)
            }
            "join_project" => json(s.join(&a.get::<String>("link")?, &a.path("path")?, a.get("overwrite")?)?),
            // No connection here, so no teammate to tell.
            "announce" => Ok(Value::Null),
            _ => Err(error("unknown_command", cmd)),
        }
    };
    APP_COMMANDS.contains(&cmd).then(answer)
}

/// A failure to write the recent-files list, as the core reports file errors.
fn list_error(list: &Path) -> impl Fn(std::io::Error) -> ErrorInfo + '_ {
    move |source| ErrorInfo::from(Error::from(FileError::Io { path: list.to_path_buf(), source }))
}

/// The tests' own commands: what the app would find on disk or on its command line.
fn test_command(s: &mut Session, b: &mut Bridge, cmd: &str, a: &Args) -> Result<Value, ErrorInfo> {
    let recent_list = b.recent_list.as_path();
    match cmd {
        // A project file (with its review history) written by the core, as if made earlier.
        "put_project" => {
            let path = a.path("path")?;
            let project: Project = a.get("project")?;
            let snapshots: Vec<Snapshot> = a.get::<Option<_>>("snapshots")?.unwrap_or_default();
            let file = ProjectFile::create_archive(&path, &project, &snapshots, &[], true)?;
            if a.get::<Option<bool>>("recent")?.unwrap_or(false) {
                recent::remember(recent_list, file.path()).map_err(list_error(recent_list))?;
            }
            Ok(Value::Null)
        }
        "set_initial_path" => {
            s.set_initial_path(a.get::<Option<PathBuf>>("path")?);
            Ok(Value::Null)
        }
        "set_recent" => {
            recent::save(recent_list, &a.get::<Vec<String>>("paths")?).map_err(list_error(recent_list))?;
            Ok(Value::Null)
        }
        // A picture "copied in another app": {width, height, rgba: base64 of RGBA rows}, or null for none.
        "set_clipboard_image" => {
            b.clipboard = match a.get::<Option<(u32, u32, String)>>("image")? {
                Some((width, height, rgba)) => {
                    use base64::Engine;
                    let rgba = base64::engine::general_purpose::STANDARD.decode(rgba).map_err(|e| error("invalid_args", e.to_string()))?;
                    Some((width, height, rgba))
                }
                None => None,
            };
            Ok(Value::Null)
        }
        _ => Err(error("unknown_command", format!("the core has no command {cmd}"))),
    }
}

fn answer(s: &mut Session, b: &mut Bridge, line: &str) -> Response {
    let request = match serde_json::from_str::<Request>(line) {
        Ok(request) => request,
        Err(e) => return Response { id: Value::Null, outcome: Outcome::Err(error("invalid_request", e.to_string())) },
    };
    let args = Args(&request.args);
    let result = app_command(s, b.clipboard.as_ref(), &request.cmd, &args).unwrap_or_else(|| test_command(s, b, &request.cmd, &args));
    let outcome = match result {
        Ok(value) => Outcome::Ok(value),
        Err(info) => Outcome::Err(info),
    };
    Response { id: request.id, outcome }
}

fn main() -> ExitCode {
    let options = Options::parse();
    let mut session = Session::new(Some(options.recent_list.clone()), None);
    let mut bridge = Bridge::new(options.recent_list);
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let response = answer(&mut session, &mut bridge, &line);
        let written = serde_json::to_string(&response)
            .map_err(std::io::Error::other)
            .and_then(|text| writeln!(stdout.lock(), "{text}"))
            .and_then(|()| stdout.lock().flush());
        if let Err(e) = written {
            eprintln!("core_bridge: cannot answer: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// A document id for a project shared without a server (letters and digits,
/// as the server's are).
fn uuid_like_doc_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names listed between `generate_handler![` and `]` in commands.rs.
    fn registered_in_commands_rs() -> Vec<String> {
        let source = include_str!("../desktop/commands.rs");
        let start = source.find("generate_handler![").expect("commands.rs registers its commands") + "generate_handler![".len();
        let end = start + source[start..].find(']').expect("the list ends");
        source[start..end].split(',').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect()
    }

    /// The command names `app_command` matches on, read from this file.
    fn matched_here() -> Vec<String> {
        let source = include_str!("core_bridge.rs");
        let start = source.find("fn app_command").expect("app_command");
        let end = start + source[start..].find("_ => Err").expect("its last arm");
        source[start..end]
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split_once("\" =>").map(|(name, _)| name.to_owned()))
            .collect()
    }

    #[test]
    fn answers_exactly_the_commands_the_app_registers() {
        let registered = registered_in_commands_rs();
        assert!(registered.len() > 10, "found {registered:?}");
        assert_eq!(APP_COMMANDS, registered.iter().map(String::as_str).collect::<Vec<_>>().as_slice());
        assert_eq!(APP_COMMANDS, matched_here().iter().map(String::as_str).collect::<Vec<_>>().as_slice());
    }

    fn request(s: &mut Session, b: &mut Bridge, line: &str) -> Value {
        serde_json::to_value(answer(s, b, line)).expect("serialisable")
    }

    #[test]
    fn edits_go_through_the_session_and_errors_keep_their_codes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = dir.path().join("recent.json");
        let file = dir.path().join("a.journey");
        let mut s = Session::new(Some(list.clone()), None);
        let mut b = Bridge::new(list.clone());
        let path = serde_json::to_string(&file.to_string_lossy()).expect("path");

        let opened = request(
            &mut s,
            &mut b,
            &format!(r#"{{"id":1,"cmd":"new_project","args":{{"path":{path},"lang":"en","template":"marketing","overwrite":false}}}}"#),
        );
        assert_eq!(opened["id"], 1);
        let map = &opened["ok"]["project"]["maps"][0];
        let (map_id, stage) = (map["id"].as_str().expect("map id"), map["stages"][0]["id"].as_str().expect("stage id"));

        let edit =
            format!(r#"{{"id":2,"cmd":"apply_edit","args":{{"edit":{{"type":"update_stage","stage_id":"{stage}","name":"Seen"}}}}}}"#);
        let change = request(&mut s, &mut b, &edit);
        assert_eq!(change["ok"]["stages"]["updated"][0]["name"], "Seen", "{change}");
        let funnel = request(&mut s, &mut b, &format!(r#"{{"id":3,"cmd":"funnel","args":{{"mapId":"{map_id}","changes":[]}}}}"#));
        assert!(funnel.get("ok").is_some(), "{funnel}");

        assert_eq!(request(&mut s, &mut b, r#"{"id":4,"cmd":"redo"}"#)["err"]["code"], "nothing_to_redo");
        assert_eq!(
            request(&mut s, &mut b, r#"{"id":5,"cmd":"funnel","args":{"map_id":"x"}}"#)["err"]["code"],
            "invalid_args",
            "Tauri's names only"
        );
        assert_eq!(request(&mut s, &mut b, r#"{"id":6,"cmd":"launch_rockets"}"#)["err"]["code"], "unknown_command");
        assert_eq!(request(&mut s, &mut b, "not json")["err"]["code"], "invalid_request");
        assert_eq!(request(&mut s, &mut b, r#"{"id":7,"cmd":"recent_files"}"#)["ok"].as_array().map(Vec::len), Some(1));
        // The test clipboard: nothing on it, then a 2 × 1 picture that paste_image keeps.
        assert_eq!(request(&mut s, &mut b, r#"{"id":8,"cmd":"paste_image"}"#)["ok"], Value::Null);
        let set = r#"{"id":9,"cmd":"set_clipboard_image","args":{"image":[2,1,"/wAA/wD/AP8="]}}"#;
        assert_eq!(request(&mut s, &mut b, set)["ok"], Value::Null);
        let pasted = request(&mut s, &mut b, r#"{"id":10,"cmd":"paste_image"}"#);
        assert_eq!((pasted["ok"]["width"].as_u64(), pasted["ok"]["height"].as_u64()), (Some(2), Some(1)), "{pasted}");
    }
}
