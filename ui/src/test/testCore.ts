/// <reference types="node" />
// The core behind `invoke` in the UI tests: the real Rust core (through coreBridge.ts),
// with the controls a test needs around it: the calls the UI made, a command made to
// fail or wait, project files put "on disk" beforehand, the file the app starts with.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { DocumentView, Edit, ErrorInfo, Map, Project, Snapshot } from "../bindings";
import { coreBridge, type CoreBridge } from "./coreBridge";
import { makeProject } from "./projects";

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export class TestCore {
  /** Every command the UI invoked, with its arguments as sent. */
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  private failures = new globalThis.Map<string, ErrorInfo[]>();
  private holds = new globalThis.Map<string, Promise<void>[]>();
  private alterations = new globalThis.Map<string, ((answer: unknown) => unknown)[]>();
  /** Set-up requests the core refused (a test's own mistake: the next command fails the test). */
  private setupErrors: unknown[] = [];

  constructor(private readonly bridge: CoreBridge = coreBridge()) {}

  /** Starts the test afresh: no project open, no recent files, no start file, an empty disk. */
  async reset(): Promise<void> {
    this.bridge.newRoot();
    await this.bridge.request("close_project");
    await this.bridge.request("set_initial_path", { path: null });
    await this.bridge.request("set_recent", { paths: [] });
    await this.bridge.request("set_clipboard_image", { image: null });
  }

  /**
   * Writes a project file at `path` with the core (with `snapshots` as its
   * review history), and puts it first in the recent list unless `recent` is false.
   * Sent at once: any command after it finds the file.
   */
  addFile(path: string, project: Project, recent = true, snapshots: Snapshot[] = []): this {
    this.setup("put_project", { path, project, snapshots, recent });
    return this;
  }

  /** The project file the app was started with (its command line). */
  set initialPath(path: string | null) {
    this.setup("set_initial_path", { path });
  }

  /** Puts a picture (RGBA rows) on the "system clipboard" that `paste_image` reads, or clears it. */
  clipboardImage(image: { width: number; height: number; rgba: Uint8Array } | null): this {
    this.setup("set_clipboard_image", { image: image && [image.width, image.height, Buffer.from(image.rgba).toString("base64")] });
    return this;
  }

  /** Replaces the recent-files list. */
  set recent(paths: string[]) {
    this.setup("set_recent", { paths });
  }

  /** Writes a file that is not a project (a JSON file to import, a text file). */
  writeText(path: string, text: string): void {
    const real = this.bridge.real(path);
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(real, text);
  }

  exists(path: string): boolean {
    return existsSync(this.bridge.real(path));
  }

  readBytes(path: string): Uint8Array {
    return readFileSync(this.bridge.real(path));
  }

  /** The open document as the core has it now (not recorded as a call of the UI). */
  document(): Promise<DocumentView | null> {
    return this.bridge.request("current_document") as Promise<DocumentView | null>;
  }

  /** The open project as the core has it now. */
  async project(): Promise<Project> {
    const doc = await this.document();
    if (!doc) throw new Error("no project is open in the core");
    return doc.project;
  }

  /** Sends a command straight to the core, behind the UI's back (not recorded, never held or failed). */
  request(cmd: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return this.bridge.request(cmd, args);
  }

  /** Makes the next call of `cmd` reject with `error` (without reaching the core). */
  failNext(cmd: string, error: ErrorInfo): this {
    this.failures.set(cmd, [...(this.failures.get(cmd) ?? []), error]);
    return this;
  }

  /** Makes the next call of `cmd` wait until the returned function is called. */
  hold(cmd: string): () => void {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.holds.set(cmd, [...(this.holds.get(cmd) ?? []), gate]);
    return release;
  }

  /**
   * Passes the core's next answer to `cmd` through `alter` before the UI gets it:
   * what the real core never sends, for a test of how the UI guards against it.
   */
  alterNext<T>(cmd: string, alter: (answer: T) => T): this {
    this.alterations.set(cmd, [...(this.alterations.get(cmd) ?? []), alter as (answer: unknown) => unknown]);
    return this;
  }

  callsOf(cmd: string) {
    return this.calls.filter((c) => c.cmd === cmd);
  }

  edits(): Edit[] {
    return this.callsOf("apply_edit").map((c) => c.args.edit as Edit);
  }

  /** The `invoke` implementation. */
  handle = async (cmd: string, args?: unknown): Promise<unknown> => {
    const a = clone((args ?? {}) as Record<string, unknown>);
    this.calls.push({ cmd, args: a });
    const gate = this.holds.get(cmd)?.shift();
    if (gate) await gate;
    const failure = this.failures.get(cmd)?.shift();
    if (failure) throw failure;
    const alter = this.alterations.get(cmd)?.shift() ?? ((answer: unknown) => answer);
    const answer = await this.bridge.request(cmd, a).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // Answers come in order: a refused set-up request has been answered by now.
    if (this.setupErrors.length > 0) throw new Error(`the core refused a test's set-up: ${JSON.stringify(this.setupErrors)}`);
    if (!answer.ok) throw answer.error;
    return alter(answer.value);
  };

  private setup(cmd: string, args: Record<string, unknown>) {
    this.bridge.request(cmd, args).catch((e: unknown) => this.setupErrors.push({ cmd, error: e }));
  }
}

/** `map` after the real core applied `edit` to it (in a project file of its own). */
export async function appliedByCore(map: Map, edit: Edit): Promise<Map> {
  const core = new TestCore();
  await core.reset();
  core.addFile("/edit.journey", { ...makeProject(), maps: [map] }, false);
  await core.request("open_project", { path: "/edit.journey" });
  await core.request("apply_edit", { edit });
  const [after] = (await core.project()).maps;
  return after;
}
