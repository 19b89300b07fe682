//! Writes the projects the app benchmark (tests/e2e/bench/app-bench.mjs) opens:
//! a generated map of N cards (`tests/support/sample.rs`), a persona
//! with a photo linked to it, and 10 review snapshots taken through the real
//! edit path.
//!
//! cargo run --release --no-default-features --example bench_projects -- DIR 30:5 2000:20 10000:40
//!
//! Each `CARDS:STAGES` argument writes `DIR/bench-CARDS.journey` (replacing
//! an older one) and prints its path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "../../tests/support/sample.rs"]
mod sample;

use journey_studio::store::ProjectFile;
use journey_studio::{Edit, Persona, Project};
use sample::{generated_project, sample_photo};

const SNAPSHOTS: usize = 10;

/// `"2000:20"` → (2000 cards, 20 stages).
fn parse_size(arg: &str) -> Option<(usize, usize)> {
    let (cards, stages) = arg.split_once(':')?;
    Some((cards.parse().ok()?, stages.parse().ok()?))
}

fn bench_project(cards: usize, stages: usize) -> Project {
    let mut p = generated_project(cards, stages);
    p.personas.push(Persona {
        id: "bench-persona".into(),
        name: "Chị Lan, 32 tuổi".into(),
        role: "Nhân viên văn phòng, Hà Nội".into(),
        quote: "“Tôi chỉ có 15 phút nghỉ trưa để mua sắm.”".into(),
        goals: "Mua nhanh, đúng giá".into(),
        needs: "Phí giao hàng rõ ràng".into(),
        frustrations: "Thanh toán chậm".into(),
        description: "Mua sắm trên điện thoại vào giờ nghỉ trưa.".into(),
        photo: sample_photo(),
    });
    p.maps[0].persona_id = Some("bench-persona".into());
    p
}

fn write(dir: &Path, cards: usize, stages: usize) -> Result<PathBuf, journey_studio::Error> {
    let path = dir.join(format!("bench-{cards}.journey"));
    let project = bench_project(cards, stages);
    let map_id = project.maps[0].id.clone();
    let mut file = ProjectFile::create(&path, &project, true)?;
    for i in 0..SNAPSHOTS {
        file.apply(&Edit::TakeSnapshot {
            map_id: map_id.clone(),
            snapshot_id: format!("bench-snapshot-{i}"),
            name: format!("Review {}", i + 1),
            note: "Benchmark snapshot".into(),
            taken_at: 1_760_000_000_000 + i as i64 * 86_400_000,
        })?;
    }
    Ok(path)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, sizes)) = args.split_first() else {
        eprintln!("usage: bench_projects DIR CARDS:STAGES…");
        return ExitCode::FAILURE;
    };
    let dir = Path::new(dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("bench_projects: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for arg in sizes {
        let Some((cards, stages)) = parse_size(arg) else {
            eprintln!("bench_projects: expected CARDS:STAGES, got {arg:?}");
            return ExitCode::FAILURE;
        };
        match write(dir, cards, stages) {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("bench_projects: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
