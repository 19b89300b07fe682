#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer), each target bounded in time:
#   .ci/fuzz.sh [seconds-per-target] [target...]
# Default: 30 s for each of import_project, edit_sequence and edit_json (CI's
# short run). Exits non-zero if any target crashes (a panic, a broken
# invariant, a sanitizer report, a timeout); the crashing input is saved in
# fuzz/artifacts/<target>/ and can be replayed with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/<file>
# The corpus grows in fuzz/corpus/<target>/ (not committed) from the seeds in
# fuzz/seeds/<target>/. cargo-fuzz needs nightly flags: RUSTC_BOOTSTRAP=1 lets
# the stable toolchain accept them.
#
# FUZZ_SANITIZER=none builds without AddressSanitizer: the test command
# (.ci/test.sh) runs it that way, as the cold build takes minutes instead of
# over twenty here (the core is safe Rust; the bundled SQLite C code is not
# instrumented by cargo-fuzz's sanitizer flags either way). Coverage guidance,
# debug assertions and overflow checks stay on. The default (address) is for
# the long runs. Each target's executions and executions per second are
# printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

secs="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import_project edit_sequence edit_json)
sanitizer="${FUZZ_SANITIZER:-address}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

# Project files of the runs go to tmpfs when there is one (fsync is free there).
shm=/dev/shm
[ -d "$shm" ] && [ -w "$shm" ] || shm="${TMPDIR:-/tmp}"
scratch="$(mktemp -d "$shm/journey-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export JOURNEY_FUZZ_TMP="$scratch"

echo "==> building the fuzz targets (sanitizer: $sanitizer)"
start=$SECONDS
cargo fuzz build --sanitizer "$sanitizer"
build_secs=$((SECONDS - start))
failed=()
summary=()
for t in "${targets[@]}"; do
    echo "==> fuzzing $t for ${secs}s"
    mkdir -p "fuzz/corpus/$t"
    dict=()
    case "$t" in import_project|edit_json) dict=(-dict=fuzz/dicts/json.dict) ;; esac
    # The first folder receives new inputs; the seeds are only read.
    log="$scratch/$t.log"
    # libFuzzer's progress lines go to the log (FUZZ_VERBOSE=1 shows them as
    # they come); its end, or on a crash its report, is printed.
    if [ "${FUZZ_VERBOSE:-}" = 1 ]; then
        out=/dev/stdout
    else
        out=/dev/null
    fi
    if cargo fuzz run --sanitizer "$sanitizer" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$secs" -timeout=30 -print_final_stats=1 "${dict[@]}" 2>&1 | tee "$log" >"$out"; then
        grep -E '^(Done|stat::)' "$log" | sed 's/^/    /' || true
    else
        failed+=("$t")
        tail -n 80 "$log"
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    summary+=("$(printf '%-16s %10s execs %7s execs/s' "$t" "${execs:-?}" "${rate:-?}")")
done

echo "==> fuzzing summary (build ${build_secs}s, ${secs}s per target, sanitizer $sanitizer)"
printf '    %s\n' "${summary[@]}"

if [ ${#failed[@]} -gt 0 ]; then
    # Every crash input becomes a regression test: cargo test replays
    # fuzz/regressions/<target>/ (tests/fuzz_regressions.rs) from now on.
    for t in "${failed[@]}"; do
        mkdir -p "fuzz/regressions/$t"
        for f in fuzz/artifacts/"$t"/*; do
            [ -f "$f" ] && cp "$f" "fuzz/regressions/$t/"
        done
    done
    echo "==> fuzzing FAILED: ${failed[*]} (inputs in fuzz/artifacts/, copied to fuzz/regressions/: commit them with the fix)"
    exit 1
fi
echo "==> fuzzing: no crash in ${targets[*]} (${secs}s each)"
