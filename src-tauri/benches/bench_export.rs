//! Export benchmark: our PDF export of a generated 500-card map against the
//! same map printed to PDF by headless Chromium (`--print-to-pdf` of an HTML
//! rendering made from the same composed pages, same font), timed side by
//! side in one run.
//!
//! cargo bench --no-default-features --bench bench_export -- [--cards 500] [--runs 7] [--chromium-runs 3]
//!     [--page a4|a3|letter|tabloid] [--fit] [--out DIR] [--chromium PATH]
//!
//! Prints the median wall time and the size of each, the speed ratio, and
//! whether the targets (≤ 0.5 s, ≤ 1 MB, ≥ 5× faster than Chromium) are met.
//! Chromium's time includes starting the browser, as a browser-based export
//! pays it too. Exits non-zero if our export misses a target.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use journey_studio::export::{self, compose, PageLayout, PageSize, PdfOptions};

#[path = "html.rs"]
mod html;
#[path = "../../tests/support/sample.rs"]
mod sample;

struct Args {
    cards: usize,
    runs: usize,
    chromium_runs: usize,
    page: PageSize,
    fit: bool,
    out: PathBuf,
    chromium: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        cards: 500,
        runs: 7,
        chromium_runs: 3,
        page: PageSize::A4,
        fit: false,
        out: std::env::temp_dir().join("journey-export-bench"),
        chromium: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--cards" => a.cards = value()?.parse().map_err(|e| format!("--cards: {e}"))?,
            "--runs" => a.runs = value()?.parse::<usize>().map_err(|e| format!("--runs: {e}"))?.max(1),
            "--chromium-runs" => a.chromium_runs = value()?.parse().map_err(|e| format!("--chromium-runs: {e}"))?,
            "--page" => {
                a.page = match value()?.as_str() {
                    "a4" => PageSize::A4,
                    "a3" => PageSize::A3,
                    "letter" => PageSize::Letter,
                    "tabloid" => PageSize::Tabloid,
                    other => return Err(format!("--page: unknown size {other:?}")),
                }
            }
            "--fit" => a.fit = true,
            // `cargo bench` passes this to every benchmark without a harness.
            "--bench" => {}
            "--out" => a.out = PathBuf::from(value()?),
            "--chromium" => a.chromium = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(a)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn find_chromium(given: Option<PathBuf>) -> Option<PathBuf> {
    if given.is_some() {
        return given;
    }
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn chromium_print(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) -> Result<Duration, String> {
    let _ = std::fs::remove_file(pdf);
    let _ = std::fs::remove_dir_all(profile);
    let start = Instant::now();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .map_err(|e| format!("could not start {}: {e}", chromium.display()))?;
    let took = start.elapsed();
    if !pdf.is_file() {
        return Err(format!("chromium wrote no PDF (exit {:?}): {}", out.status.code(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(took)
}

fn mb(bytes: u64) -> String {
    format!("{:.3} MB", bytes as f64 / 1_000_000.0)
}

fn run() -> Result<bool, String> {
    let a = parse_args()?;
    std::fs::create_dir_all(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    let project = sample::generated_project(a.cards, 10);
    let map = &project.maps[0];
    let options = PdfOptions {
        page_size: a.page,
        layout: if a.fit { PageLayout::FitToPage } else { PageLayout::Tiled },
        cover: true,
        date: Some("2025-01-01".into()),
        ..PdfOptions::default()
    };
    println!(
        "map: {} cards, {} stages × {} lanes; {:?} {:?}, {:?}, cover + legend + funnel",
        map.cards.len(),
        map.stages.len(),
        map.lanes.len(),
        options.page_size,
        options.orientation,
        options.layout
    );

    // The first export parses the fonts (once per process); time it apart, then the runs.
    let first = Instant::now();
    let mut bytes = export::export_pdf(&project, map, &Default::default(), &options).map_err(|e| e.to_string())?;
    let first = first.elapsed();
    let mut times = Vec::with_capacity(a.runs);
    for _ in 0..a.runs {
        let start = Instant::now();
        bytes = export::export_pdf(&project, map, &Default::default(), &options).map_err(|e| e.to_string())?;
        times.push(start.elapsed());
    }
    let ours = median(times.clone());
    let ours_pdf = a.out.join("journey-studio.pdf");
    std::fs::write(&ours_pdf, &bytes).map_err(|e| format!("{}: {e}", ours_pdf.display()))?;
    let pages = compose::document(&project, map, &Default::default(), &options).map_err(|e| e.to_string())?.pages.len();
    println!(
        "journey-studio: median {:.1} ms of {} runs (min {:.1}, max {:.1}), {} pages, {} -> {}",
        ours.as_secs_f64() * 1000.0,
        a.runs,
        times.iter().min().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        times.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        pages,
        mb(bytes.len() as u64),
        ours_pdf.display()
    );
    println!("journey-studio: first export in a fresh process (fonts parsed): {:.1} ms", first.as_secs_f64() * 1000.0);

    let size_ok = bytes.len() as u64 <= 1_000_000;
    let time_ok = ours <= Duration::from_millis(500);
    let mut ratio_ok = true;
    match find_chromium(a.chromium.clone()) {
        None => println!("chromium: not found (install Debian's `chromium`, or pass --chromium PATH); speed ratio not measured"),
        Some(chromium) => {
            let doc = compose::document(&project, map, &Default::default(), &options).map_err(|e| e.to_string())?;
            let html_path = a.out.join("map.html");
            std::fs::write(&html_path, html::document_html(&doc)).map_err(|e| format!("{}: {e}", html_path.display()))?;
            let pdf = a.out.join("chromium.pdf");
            let profile = a.out.join("chromium-profile");
            let html_abs = std::fs::canonicalize(&html_path).map_err(|e| e.to_string())?;
            let pdf_abs = std::env::current_dir().map_err(|e| e.to_string())?.join(&pdf);
            // One untimed run warms the disk cache, like our warm-up.
            chromium_print(&chromium, &html_abs, &pdf_abs, &profile)?;
            let mut ctimes = Vec::new();
            for _ in 0..a.chromium_runs.max(1) {
                ctimes.push(chromium_print(&chromium, &html_abs, &pdf_abs, &profile)?);
            }
            let theirs = median(ctimes);
            let size = std::fs::metadata(&pdf_abs).map(|m| m.len()).unwrap_or(0);
            println!(
                "chromium --print-to-pdf: median {:.1} ms of {} runs, {} -> {}",
                theirs.as_secs_f64() * 1000.0,
                a.chromium_runs.max(1),
                mb(size),
                pdf_abs.display()
            );
            let ratio = theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9);
            println!("speed: journey-studio is {ratio:.1}× faster than chromium");
            ratio_ok = ratio >= 5.0;
        }
    }
    println!(
        "targets: time ≤ 500 ms {}, size ≤ 1 MB {}, ≥ 5× faster than chromium {}",
        if time_ok { "OK" } else { "MISSED" },
        if size_ok { "OK" } else { "MISSED" },
        if ratio_ok { "OK" } else { "MISSED" }
    );
    Ok(time_ok && size_ok && ratio_ok)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("bench_export: {e}");
            ExitCode::from(2)
        }
    }
}
