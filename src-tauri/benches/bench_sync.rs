//! Sync server benchmark: N simulated teammates (5 and 20 by default) edit one
//! 2,000-card-shaped automerge document through a `journey-studio serve`
//! process on a loopback port for a bounded time. Prints, per N: edits made,
//! change → seen by each other client (p50/p95/max), the server process's CPU
//! time and peak RSS, and whether every client converged to the same heads.
//!
//! cargo bench --no-default-features --features server --bench bench_sync [-- --seconds 10 --rate 2 --clients 5,20]
//!
//! The server runs as this same program started again (`JOURNEY_BENCH_SERVE`),
//! so its CPU and memory are its own.

#[path = "../../tests/support/collab.rs"]
mod collab;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use automerge::AutoCommit;
use collab::{card_count, edit_card, options, project_doc, Peer};
use journey_studio::wire::{random_secret, DocId};
use url::Url;

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

/// utime+stime (seconds) and peak RSS (KiB) of a process, from /proc.
fn usage(pid: u32) -> (f64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (ticks / 100.0, hwm)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

async fn run(clients: usize, seconds: f64, rate: f64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
    let mut server = Command::new(std::env::current_exe().expect("this program"))
        .env("JOURNEY_BENCH_SERVE", format!("{}:{port}", dir.path().display()))
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let key = loop {
        let line = lines.next().expect("the server's invite key").expect("a line");
        if let Some(rest) = line.split("invite key").nth(1) {
            break rest.rsplit(' ').next().unwrap_or("").trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    let url = Url::parse(&format!("ws://127.0.0.1:{port}/")).expect("url");
    let id = DocId::random().expect("id");
    let secret = random_secret().expect("secret");

    let built = Instant::now();
    let doc = project_doc(2000);
    let build_time = built.elapsed();
    let share_started = Instant::now();
    let mut peers = vec![Peer::connect("p0", doc, options(&url, &id, &secret, "p0", Some(&key))).await.expect("share")];
    for i in 1..clients {
        peers.push(
            Peer::connect(&format!("p{i}"), AutoCommit::new(), options(&url, &id, &secret, &format!("p{i}"), None)).await.expect("join"),
        );
    }
    while !peers.iter().all(|p| p.with_doc(card_count) == 2000) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let join_time = share_started.elapsed();
    let (cpu_before, _) = usage(server.id());

    // Each client edits `rate` times a second (spread out), for `seconds`.
    let mut made: HashMap<automerge::ChangeHash, (usize, Instant)> = HashMap::new();
    let interval = Duration::from_secs_f64(1.0 / (rate * clients as f64));
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        let who = (n as usize) % clients;
        let peer = &peers[who];
        peer.edit(|d| edit_card(d, ((n * 7919) % 2000) as usize, n, &peer.name));
        if let Some(change) = peer.state.lock().expect("peer").doc.get_last_local_change() {
            made.insert(change.hash(), (who, Instant::now()));
        }
        n += 1;
        tokio::time::sleep(interval).await;
    }
    let edit_time = started.elapsed();
    // Converged: every client's heads equal (bounded wait).
    let converge_started = Instant::now();
    let converged = loop {
        let heads: Vec<_> = peers.iter().map(|p| p.heads()).collect();
        if heads.windows(2).all(|w| w[0] == w[1]) {
            break true;
        }
        if converge_started.elapsed() > Duration::from_secs(60) {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let settle = converge_started.elapsed();
    let (cpu_after, rss_kib) = usage(server.id());

    let mut latencies = Vec::new();
    for (i, peer) in peers.iter().enumerate() {
        for (hash, arrived) in &peer.state.lock().expect("peer").arrivals {
            if let Some((author, at)) = made.get(hash) {
                if *author != i {
                    latencies.push(arrived.saturating_duration_since(*at));
                }
            }
        }
    }
    latencies.sort();
    let expected = made.len() * (clients - 1);
    println!(
        "{clients:>2} clients, 2,000 cards: {} edits in {:.1} s ({:.0}/s); change → seen by another client p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} of {} deliveries timed); server CPU {:.2} s over the edits ({:.0} % of one core), peak RSS {:.1} MB; converged {} ({:.2} s after the last edit); setup: build doc {:.2} s, share + {} joins {:.2} s",
        made.len(),
        edit_time.as_secs_f64(),
        made.len() as f64 / edit_time.as_secs_f64(),
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.95).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        latencies.len(),
        expected,
        cpu_after - cpu_before,
        100.0 * (cpu_after - cpu_before) / (edit_time + settle).as_secs_f64(),
        rss_kib as f64 / 1024.0,
        if converged { "yes" } else { "NO" },
        settle.as_secs_f64(),
        build_time.as_secs_f64(),
        clients - 1,
        join_time.as_secs_f64(),
    );
    assert!(converged, "the clients did not converge");
    for p in &peers {
        p.close();
    }
    let _ = server.kill();
    let _ = server.wait();
}

fn main() {
    if let Ok(spec) = std::env::var("JOURNEY_BENCH_SERVE") {
        let (dir, port) = spec.rsplit_once(':').expect("DIR:PORT");
        let args = journey_studio::server::ServeArgs {
            dir: dir.into(),
            port: port.parse().expect("port"),
            bind: [127, 0, 0, 1].into(),
            max_message_bytes: journey_studio::server::Limits::default().max_message,
            max_messages_per_second: journey_studio::server::Limits::default().messages_per_second,
            max_bytes_per_second: journey_studio::server::Limits::default().bytes_per_second,
        };
        if let Err(e) = journey_studio::server::serve_command(args) {
            eprintln!("bench server: {e}");
        }
        return;
    }
    let seconds: f64 = arg("--seconds", "10").parse().expect("--seconds N");
    let rate: f64 = arg("--rate", "2").parse().expect("--rate EDITS_PER_CLIENT_PER_SECOND");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("bench_sync: each client edits {rate} times a second (a rename or a move) for {seconds} s; loopback server process");
    for clients in arg("--clients", "5,20").split(',').filter_map(|c| c.parse::<usize>().ok()) {
        runtime.block_on(run(clients, seconds, rate));
    }
}
