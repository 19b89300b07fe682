//! Crash test: a child process applies random edits to a project file and is
//! killed with SIGKILL at a random moment, again and again. After every kill
//! the file must pass `PRAGMA integrity_check` and hold every edit the child
//! had acknowledged (an edit that was being written may or may not be there,
//! never half of it).
//!
//! cargo run --release --no-default-features --example crash_harness -- [--cycles 1000] [--seed 1] [--max-ms 120] [--file PATH]
//!
//! The child (`crash_harness child FILE SEED`) prints `ack REVISION DIGEST`
//! after each edit `ProjectFile::apply` (or undo/redo) returned Ok: that is
//! the moment the UI would show *Saved*. Prints cycles run, edits acknowledged
//! and edits lost; exits non-zero if any was lost or the file was damaged.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use journey_studio::store::ProjectFile;
use journey_studio::template::{default_project, Lang};
use journey_studio::{Card, Edit, Project, ResearchItem, ResearchKind};

/// xorshift64*: a reproducible stream of choices from a seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A digest of the whole document, the same in every process of this binary.
fn digest(project: &Project) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_string(project).unwrap_or_default().hash(&mut h);
    h.finish()
}

const TEXTS: [&str; 6] = [
    "Khách hàng thấy quảng cáo trên Facebook",
    "Lo lắng về phí vận chuyển",
    "So sánh giá với các cửa hàng khác",
    "Đặt hàng qua ứng dụng",
    "Nhận hàng nhanh, rất hài lòng 🙂",
    "Checkout form is too long",
];

/// One random edit that the core may accept or refuse.
fn random_edit(rng: &mut Rng, project: &Project, serial: u64) -> Edit {
    let map = &project.maps[0];
    let stage = &map.stages[rng.below(map.stages.len() as u64) as usize];
    let lane = &map.lanes[rng.below(map.lanes.len() as u64) as usize];
    let text = TEXTS[rng.below(TEXTS.len() as u64) as usize];
    let card = (!map.cards.is_empty()).then(|| &map.cards[rng.below(map.cards.len() as u64) as usize]);
    match (rng.below(12), card) {
        (0..=3, _) | (_, None) => {
            // Sometimes a large card, so that writes span many pages.
            let body = if rng.below(4) == 0 { text.repeat(200) } else { format!("{text} #{serial}") };
            Edit::AddCard {
                card: Card::new(format!("k{}-{serial}", std::process::id()), stage.id.clone(), lane.id.clone(), body),
                index: rng.below(5) as u32,
            }
        }
        (4..=5, Some(c)) => {
            Edit::UpdateCard {
                card_id: c.id.clone(), text: Some(format!("{text} (sửa {serial})")), note: None, color: None, channel: None
            }
        }
        (6..=7, Some(c)) => {
            Edit::MoveCard { card_id: c.id.clone(), stage_id: stage.id.clone(), lane_id: lane.id.clone(), index: rng.below(4) as u32 }
        }
        (8, Some(c)) => Edit::DeleteCard { card_id: c.id.clone() },
        // A whole copy of the map in one row: a large write.
        (10, Some(_)) => Edit::TakeSnapshot {
            map_id: map.id.clone(),
            snapshot_id: format!("v{}-{serial}", std::process::id()),
            name: format!("Bản {serial}"),
            note: text.into(),
            taken_at: 1_767_225_600_000 + serial as i64,
        },
        (11, Some(c)) => Edit::AddResearchItem {
            map_id: map.id.clone(),
            item: ResearchItem {
                id: format!("r{}-{serial}", std::process::id()),
                kind: ResearchKind::Question,
                title: format!("{text}?"),
                detail: String::new(),
                insight: format!("insight {serial}"),
                card_ids: vec![c.id.clone()],
            },
            index: 0,
        },
        (_, Some(c)) => Edit::Batch {
            edits: vec![
                Edit::UpdateCard {
                    card_id: c.id.clone(), text: None, note: Some(format!("ghi chú {serial}")), color: None, channel: None
                },
                Edit::UpdateStage { stage_id: stage.id.clone(), name: Some(format!("Giai đoạn {serial}")), color: None },
            ],
        },
    }
}

/// The child: edits forever, printing an acknowledgement after each durable change.
fn child(path: &Path, seed: u64) -> Result<(), String> {
    let mut file = ProjectFile::open(path).map_err(|e| e.to_string())?;
    let mut rng = Rng::new(seed);
    let out = std::io::stdout();
    for serial in 0.. {
        let project = file.project().map_err(|e| e.to_string())?;
        let result = match rng.below(12) {
            0 => file.undo(),
            1 => file.redo(),
            _ => file.apply(&random_edit(&mut rng, &project, serial)),
        };
        // Refused edits (nothing to undo, a card grown too long…) change nothing.
        if result.is_ok() {
            let now = file.project().map_err(|e| e.to_string())?;
            let rev = file.revision().map_err(|e| e.to_string())?;
            let mut lock = out.lock();
            writeln!(lock, "ack {rev} {}", digest(&now)).map_err(|e| e.to_string())?;
            lock.flush().map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

struct Outcome {
    acked: u64,
    lost: bool,
    /// The kill came mid-write: a hot journal was left for the next open.
    interrupted_write: bool,
    detail: String,
}

/// Whether the file lost an acknowledged edit: it must be exactly as of the
/// last acknowledgement, or one edit further (written, not yet acknowledged).
fn lost_acknowledged(last_ack: Option<(i64, u64)>, rev: i64, now: u64) -> bool {
    match last_ack {
        None => false,
        Some((acked_rev, acked_digest)) => !((rev == acked_rev && now == acked_digest) || rev == acked_rev + 1),
    }
}

fn integrity_ok(path: &Path) -> Result<bool, String> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| e.to_string())?;
    let r: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    Ok(r == "ok")
}

/// One cycle: start a child, kill it after `after`, check the file.
fn cycle(exe: &Path, path: &Path, seed: u64, after: Duration) -> Result<Outcome, String> {
    let mut child = Command::new(exe)
        .arg("child")
        .arg(path)
        .arg(seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the child: {e}"))?;
    std::thread::sleep(after);
    child.kill().map_err(|e| format!("kill: {e}"))?; // SIGKILL
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.stderr.is_empty() {
        return Err(format!("the child failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let acks: Vec<(i64, u64)> = BufReader::new(&output.stdout[..])
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| {
            let mut parts = l.split(' ').skip(1);
            Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
        })
        .collect();

    let interrupted_write = journey_studio::store::is_hot(&journey_studio::store::journal_path(path));
    // Opening plays back any hot journal the kill left, as the app would.
    let file = ProjectFile::open(path).map_err(|e| format!("the file no longer opens: {e}"))?;
    let rev = file.revision().map_err(|e| e.to_string())?;
    let now = digest(&file.project().map_err(|e| e.to_string())?);
    drop(file);
    let acked = acks.len() as u64;
    if !integrity_ok(path)? {
        return Ok(Outcome { acked, lost: true, interrupted_write, detail: "integrity_check failed".into() });
    }
    let lost = lost_acknowledged(acks.last().copied(), rev, now);
    let detail = if lost { format!("last acknowledged {:?}, file has revision {rev}", acks.last()) } else { String::new() };
    Ok(Outcome { acked, lost, interrupted_write, detail })
}

fn run(args: &[String]) -> Result<bool, String> {
    let mut cycles = 1000u64;
    let mut seed = 1u64;
    let mut max_ms = 120u64;
    let mut file: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--cycles" => cycles = value("--cycles")?.parse().map_err(|_| "--cycles takes a whole number")?,
            "--seed" => seed = value("--seed")?.parse().map_err(|_| "--seed takes a whole number")?,
            "--max-ms" => max_ms = value("--max-ms")?.parse().map_err(|_| "--max-ms takes a whole number")?,
            "--file" => file = Some(PathBuf::from(value("--file")?)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let dir = std::env::temp_dir().join(format!("journey-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = file.unwrap_or_else(|| dir.join("crash.journey"));
    let _ = std::fs::remove_file(&path);
    drop(ProjectFile::create(&path, &default_project(Lang::Vi), true).map_err(|e| e.to_string())?);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;

    let started = Instant::now();
    let mut rng = Rng::new(seed);
    let (mut acked, mut lost, mut torn, mut interrupted) = (0u64, 0u64, 0u64, 0u64);
    for n in 0..cycles {
        // Give the child time to start (open, probe) and then some edits.
        let after = Duration::from_millis(20 + rng.below(max_ms.max(1)));
        let outcome = cycle(&exe, &path, rng.next(), after)?;
        acked += outcome.acked;
        interrupted += u64::from(outcome.interrupted_write);
        if outcome.lost {
            lost += 1;
            eprintln!("cycle {n}: LOST: {}", outcome.detail);
        }
        if outcome.detail.contains("integrity") {
            torn += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("crash harness: {cycles} cycles of SIGKILL in {secs:.1} s (seed {seed})");
    println!("  edits acknowledged before a kill: {acked}");
    println!("  kills that interrupted a write (journal played back on open): {interrupted}");
    println!("  cycles with a lost acknowledged edit: {lost}; damaged files: {torn}");
    println!("  final file: {} ({size} bytes)", path.display());
    if lost == 0 {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(lost == 0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("child") {
        let (Some(path), Some(seed)) = (args.get(1), args.get(2).and_then(|s| s.parse().ok())) else {
            eprintln!("usage: crash_harness child FILE SEED");
            return ExitCode::from(2);
        };
        return match child(Path::new(path), seed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("crash_harness: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_catches_lost_and_changed_edits() {
        assert!(!lost_acknowledged(None, 0, 7), "nothing acknowledged, nothing to lose");
        assert!(!lost_acknowledged(Some((5, 42)), 5, 42), "exactly as acknowledged");
        assert!(!lost_acknowledged(Some((5, 42)), 6, 99), "one more edit landed before the kill");
        assert!(lost_acknowledged(Some((5, 42)), 4, 42), "an acknowledged edit is missing");
        assert!(lost_acknowledged(Some((5, 42)), 5, 43), "same revision, different content");
        assert!(lost_acknowledged(Some((5, 42)), 7, 42), "more than one unacknowledged edit is impossible");
    }

    #[test]
    fn the_choices_are_reproducible() {
        let (mut a, mut b) = (Rng::new(9), Rng::new(9));
        assert!((0..100).all(|_| a.next() == b.next()));
        assert!((0..100).all(|_| a.below(7) < 7));
    }
}
