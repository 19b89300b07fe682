//! Core benchmark for the canvas: a 2,000-card map (20 stages × 10 lanes × 10
//! cards) in a project file; times opening it and applying single edits
//! durably (each acknowledged only after its transaction is fsynced), with the
//! change the app answers an edit with, beside the whole DocumentView that
//! opening a file sends.
//!
//! cargo run --release --no-default-features --bin bench_core [-- --edits 300] [--shared]
//!
//! With `--shared` the project is shared first (live collaboration, `sync/`):
//! it times sharing, the same edits with their mirroring into the shared
//! document, and a teammate's file receiving each edit through the sync
//! protocol (the whole remote path: message in, rows written, change out).

use std::path::Path;
use std::time::{Duration, Instant};

use journey_studio::edit::Edit;
use journey_studio::model::{Card, Lane, LaneKind, Map, Project, Stage};
use journey_studio::store::ProjectFile;

const STAGES: usize = 20;
const LANES: usize = 10;
const PER_CELL: usize = 10;

fn project() -> Project {
    let stages: Vec<Stage> =
        (0..STAGES).map(|i| Stage { id: format!("s{i}"), name: format!("Stage {}", i + 1), color: String::new() }).collect();
    let lanes: Vec<Lane> = (0..LANES)
        .map(|i| Lane {
            id: format!("l{i}"),
            name: format!("Lane {}", i + 1),
            kind: LaneKind::ALL[i % LaneKind::ALL.len()],
            color: String::new(),
        })
        .collect();
    let mut cards = Vec::with_capacity(STAGES * LANES * PER_CELL);
    let mut n = 0;
    for s in &stages {
        for l in &lanes {
            for _ in 0..PER_CELL {
                n += 1;
                let text = format!("Card {n}: {} note for {}, with enough words to wrap onto a second line", l.kind.as_str(), s.name);
                cards.push(Card {
                    channel: if l.kind == LaneKind::Touchpoints { "website".into() } else { String::new() },
                    emotion: if l.kind == LaneKind::Emotions { Some(((n % 5) as i8) - 2) } else { None },
                    ..Card::new(format!("c{n}"), s.id.clone(), l.id.clone(), text)
                });
            }
        }
    }
    let map = Map {
        id: "big".into(),
        name: "Benchmark map".into(),
        goal: String::new(),
        scenario: String::new(),
        persona_id: None,
        stages,
        lanes,
        cards,
        research: vec![],
        comments: vec![],
    };
    Project { title: "Benchmark".into(), maps: vec![map], personas: vec![] }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn summary(name: &str, mut xs: Vec<Duration>) {
    xs.sort();
    println!("  {name}: p50 {}, p99 {}, max {} (n = {})", ms(pct(&xs, 50.0)), ms(pct(&xs, 99.0)), ms(*xs.last().unwrap()), xs.len());
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let edits: usize = args.iter().position(|a| a == "--edits").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(300);
    let dir = tempfile_dir()?;
    let path = dir.join("bench.journey");
    let project = project();
    let cards = project.maps[0].cards.len();

    let t = Instant::now();
    drop(ProjectFile::create(&path, &project, true)?);
    let created = t.elapsed();
    let size = std::fs::metadata(&path)?.len();

    println!("Core benchmark — {cards} cards ({STAGES} stages × {LANES} lanes × {PER_CELL} cards), file {} KiB", size / 1024);
    println!("  create file: {}", ms(created));

    let mut opens = Vec::new();
    let mut opens_view = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let f = ProjectFile::open(&path)?;
        opens.push(t.elapsed());
        let view = f.view()?;
        opens_view.push(t.elapsed());
        assert_eq!(view.project.maps[0].cards.len(), cards);
    }
    summary("open file (ProjectFile::open)", opens);
    summary("open file and load the whole document (open + view)", opens_view);

    let shared = args.iter().any(|a| a == "--shared");
    let mut file = ProjectFile::open(&path)?;
    let mut teammate = None;
    if shared {
        let t = Instant::now();
        file.share()?;
        println!("  share the project (mirror every record into the shared document): {}", ms(t.elapsed()));
        let mut joiner = ProjectFile::create_joining(&dir.join("teammate.journey"), true)?;
        let t = Instant::now();
        sync_pair(&mut file, &mut joiner)?;
        println!("  a teammate's first sync (the whole project into an empty file): {}", ms(t.elapsed()));
        drop(file);
        let t = Instant::now();
        file = ProjectFile::open(&path)?;
        println!("  open the shared file (loads the shared document): {}", ms(t.elapsed()));
        teammate = Some(joiner);
    }
    let mut received = Vec::with_capacity(edits);
    let mut apply = Vec::with_capacity(edits);
    let (mut moves, mut renames) = (Vec::new(), Vec::new());
    let mut apply_answer = Vec::with_capacity(edits);
    let mut whole_view = Vec::with_capacity(edits);
    for i in 0..edits {
        // Alternate what a canvas does: drop a card in another cell, then rename one.
        let n = (i * 37) % cards + 1;
        let edit = if i % 2 == 0 {
            Edit::MoveCard {
                card_id: format!("c{n}"),
                stage_id: format!("s{}", (i * 7) % STAGES),
                lane_id: format!("l{}", (i * 3) % LANES),
                index: (i % PER_CELL) as u32,
            }
        } else {
            Edit::UpdateCard { card_id: format!("c{n}"), text: Some(format!("Edited {i}")), note: None, color: None, channel: None }
        };
        let heads = if shared { file.sync_heads()? } else { Vec::new() };
        let t = Instant::now();
        let change = file.apply(&edit)?;
        apply.push(t.elapsed());
        // An edit that changed nothing (a card dropped where it was) gives the teammate nothing.
        let mirrored = shared && file.sync_heads()? != heads;
        if i % 2 == 0 { &mut moves } else { &mut renames }.push(t.elapsed());
        let answer = serde_json::to_string(&change)?;
        apply_answer.push(t.elapsed());
        assert!(!change.cards.updated.is_empty() && answer.len() < 16 * 1024, "a one-card edit answered with {} bytes", answer.len());
        let t = Instant::now();
        let view = serde_json::to_string(&file.view()?)?;
        whole_view.push(t.elapsed());
        assert!(view.len() > answer.len());
        if let Some(teammate) = teammate.as_mut().filter(|_| mirrored) {
            // Messages both ways until the teammate has the edit (after a reopen
            // the first message only says what we have; the change follows).
            let mut got = false;
            for _ in 0..8 {
                if let Some(message) = file.sync_message("teammate")? {
                    let t = Instant::now();
                    let change = teammate.receive_sync_message("me", &message)?;
                    if change.is_some_and(|c| !c.cards.updated.is_empty()) {
                        received.push(t.elapsed());
                        got = true;
                    }
                }
                if let Some(message) = teammate.sync_message("me")? {
                    file.receive_sync_message("teammate", &message)?;
                }
                if got {
                    break;
                }
            }
            assert!(got, "the teammate did not get the edit");
            sync_pair(&mut file, teammate)?;
        }
    }
    summary("apply one edit durably (fsync before returning), with its change", apply);
    summary("  of which moving a card to another cell", moves);
    summary("  of which renaming a card", renames);
    summary("the same + the change as JSON (what the apply_edit command answers)", apply_answer);
    summary("the whole DocumentView as JSON (what open sends; edits answered with it before)", whole_view);
    if shared {
        summary("a teammate receives the edit (sync message in, rows written durably, change out)", received);
    }
    drop(file);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Exchanges sync messages until neither file has anything to send.
fn sync_pair(a: &mut ProjectFile, b: &mut ProjectFile) -> Result<(), Box<dyn std::error::Error>> {
    loop {
        let mut quiet = true;
        if let Some(m) = a.sync_message("teammate")? {
            b.receive_sync_message("me", &m)?;
            quiet = false;
        }
        if let Some(m) = b.sync_message("me")? {
            a.receive_sync_message("teammate", &m)?;
            quiet = false;
        }
        if quiet {
            return Ok(());
        }
    }
}

/// A fresh directory under the system temp dir (on the same disk as real projects' temp files).
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let base = std::env::temp_dir().join(format!("journey-bench-core-{}", std::process::id()));
    std::fs::create_dir_all(&base)?;
    assert!(Path::new(&base).is_dir());
    Ok(base)
}
