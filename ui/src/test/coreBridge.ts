/// <reference types="node" />
// The real Rust core, for the UI tests: the `core_bridge` program (src-tauri/examples/core_bridge.rs)
// answers the app's commands over its stdin/stdout with the same session code the window uses.
// One process per test file, started on first use and stopped after the file's tests (setup.ts).
//
// Tests name files with paths such as "/p/a.journey"; the bridge works in a temporary folder.
// Every path argument goes into the current root folder (its parent folders made), and every
// answer comes back with the root taken off, so a test sees its own paths.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorInfo } from "../bindings";

/** Where `cargo build --no-default-features --example core_bridge` puts the program. */
export const BRIDGE_PROGRAM = resolve(dirname(fileURLToPath(import.meta.url)), "../../../target/debug/examples/core_bridge");

/** Where the bridge's files go: in memory where the system has a tmpfs (each edit is fsynced). */
const TEMP = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

/** The arguments that name files, as the commands call them (`paths`: a list of them). */
const PATH_ARGS = ["path", "source", "dest"];

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

export class CoreBridge {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly base: string;
  private root = "";
  private rootCount = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = "";
  private stderr = "";
  private exited: string | null = null;

  constructor() {
    if (!existsSync(BRIDGE_PROGRAM))
      throw new Error(`the core bridge is not built (${BRIDGE_PROGRAM}): run \`cargo build --no-default-features --example core_bridge\``);
    this.base = realpathSync(mkdtempSync(join(TEMP, "journey-ui-test-")));
    this.child = spawn(BRIDGE_PROGRAM, ["--recent-list", join(this.base, "config", "recent.json")], { stdio: "pipe" });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk) => this.receive(chunk.toString("utf8")));
    this.child.stderr.on("data", (chunk) => (this.stderr += chunk.toString("utf8")));
    this.child.on("error", (e) => this.fail(`could not run ${BRIDGE_PROGRAM}: ${e.message}`));
    this.child.on("exit", (code, signal) => this.fail(`the core bridge exited (${signal ?? code}): ${this.stderr}`));
    this.newRoot();
  }

  /** Starts over in an empty folder: files of earlier tests are not there. */
  newRoot(): void {
    this.rootCount += 1;
    this.root = join(this.base, `t${this.rootCount}`);
    mkdirSync(this.root, { recursive: true });
  }

  /** Where the test's `path` is on disk. */
  real(path: string): string {
    if (!path.startsWith("/")) throw new Error(`test paths are absolute: ${path}`);
    return this.root + path;
  }

  /**
   * Sends one command; resolves with its answer, or rejects with the core's
   * ErrorInfo. Commands are answered one at a time, in the order sent.
   */
  request(cmd: string, args: Record<string, unknown> = {}): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    const line = JSON.stringify({ id, cmd, args: this.toReal(args) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${line}\n`);
    });
  }

  close(): void {
    this.exited = "the core bridge was stopped";
    this.child.stdin.end();
    this.child.kill();
    rmSync(this.base, { recursive: true, force: true });
  }

  private toReal(args: Record<string, unknown>): Record<string, unknown> {
    const out = { ...args };
    const place = (path: string) => {
      const real = this.real(path);
      mkdirSync(dirname(real), { recursive: true });
      return real;
    };
    for (const key of PATH_ARGS) if (typeof out[key] === "string") out[key] = place(out[key] as string);
    if (Array.isArray(out.paths)) out.paths = (out.paths as string[]).map(place);
    return out;
  }

  private receive(chunk: string) {
    this.buffered += chunk;
    for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
      // Paths in answers (views, recent files, error messages) as the test named them.
      const line = this.buffered.slice(0, end).split(`${this.root}/`).join("/");
      this.buffered = this.buffered.slice(end + 1);
      const answer = JSON.parse(line) as { id: number; ok?: unknown; err?: ErrorInfo };
      const waiting = this.pending.get(answer.id);
      if (!waiting) throw new Error(`the core bridge answered an unknown request: ${line.slice(0, 200)}`);
      this.pending.delete(answer.id);
      if (answer.err) waiting.reject(answer.err);
      else waiting.resolve(answer.ok ?? null);
    }
  }

  private fail(reason: string) {
    if (this.exited) return;
    this.exited = reason;
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
  }
}

let running: CoreBridge | null = null;

/** This test file's bridge (started on first use). */
export function coreBridge(): CoreBridge {
  running ??= new CoreBridge();
  return running;
}

/** Stops this test file's bridge, if it was started. */
export function stopCoreBridge(): void {
  running?.close();
  running = null;
}
