//! Writes the projects the app benchmark (tests/e2e/bench/app-bench.mjs) opens:
//! a generated map of N cards (`tests/support/sample.rs`), a persona
//! with a photo linked to it, 10 review snapshots taken through the real
//! edit path, and card pictures (screenshots of ads and landing pages, as
//! JPEGs of 1,280 × 800) on every so many cards.
//!
//! cargo run --release --no-default-features --example bench_projects -- DIR 30:5 2000:20:100 10000:40:200
//!
//! Each `CARDS:STAGES[:PICTURES]` argument writes `DIR/bench-CARDS.journey`
//! (replacing an older one) and prints its path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "../../tests/support/sample.rs"]
mod sample;

use journey_studio::card_image;
use journey_studio::store::ProjectFile;
use journey_studio::{Edit, Persona, Project};
use sample::{generated_project, sample_photo};

const SNAPSHOTS: usize = 10;

/// `"2000:20:100"` → (2000 cards, 20 stages, 100 pictures); no third part: none.
fn parse_size(arg: &str) -> Option<(usize, usize, usize)> {
    let mut parts = arg.split(':');
    let cards = parts.next()?.parse().ok()?;
    let stages = parts.next()?.parse().ok()?;
    let pictures = parts.next().map_or(Some(0), |p| p.parse().ok())?;
    Some((cards, stages, pictures))
}

/// Picture `n`: a screenshot-like page (a header, a hero in its own colour,
/// text lines, a button, some photo-like noise) as a JPEG data URL.
fn screenshot(n: usize) -> String {
    let (w, h) = (1280u32, 800u32);
    let hue = (n * 47 % 255) as u8;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let noise = ((x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503) ^ n as u32) % 23) as u8;
        if y < 70 {
            image::Rgb([30, 41, 59])
        } else if (120..420).contains(&y) && x > 640 {
            image::Rgb([hue, 120u8.wrapping_add(noise * 3), 255 - hue])
        } else if (130..400).contains(&y) && x < 600 && (y / 24) % 2 == 0 && x > 80 {
            image::Rgb([60 + noise, 70, 90])
        } else if (460..520).contains(&y) && (80..320).contains(&x) {
            image::Rgb([219, 39, 119])
        } else {
            image::Rgb([246 - noise, 248, 250])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    if image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).is_err() {
        return String::new();
    }
    card_image::data_url("image/jpeg", &out.into_inner())
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

fn write(dir: &Path, cards: usize, stages: usize, pictures: usize) -> Result<PathBuf, journey_studio::Error> {
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
    // Pictures on cards spread over the map (the first card of every so many).
    let card_ids: Vec<String> = project.maps[0].cards.iter().map(|c| c.id.clone()).collect();
    let every = (card_ids.len() / pictures.max(1)).max(1);
    for (n, card_id) in card_ids.iter().step_by(every).take(pictures).enumerate() {
        let info = file.put_image(&screenshot(n))?;
        file.apply(&Edit::SetCardImage { card_id: card_id.clone(), image_id: Some(info.id) })?;
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
        let Some((cards, stages, pictures)) = parse_size(arg) else {
            eprintln!("bench_projects: expected CARDS:STAGES[:PICTURES], got {arg:?}");
            return ExitCode::FAILURE;
        };
        match write(dir, cards, stages, pictures) {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("bench_projects: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
