// The few Node APIs the UI tests use to drive the real core (coreBridge.ts,
// globalSetup.ts). ui/ does not depend on @types/node; Vitest runs the tests
// in Node, where these modules exist.
declare module "node:child_process" {
  interface Readable {
    on(event: "data", listener: (chunk: { toString(encoding: "utf8"): string }) => void): this;
    setEncoding(encoding: "utf8"): this;
  }
  interface Writable {
    write(text: string): boolean;
    end(): void;
  }
  export interface ChildProcess {
    stdin: Writable;
    stdout: Readable;
    stderr: Readable;
    on(event: "exit", listener: (code: number | null, signal: string | null) => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    kill(): boolean;
  }
  export function spawn(command: string, args: string[], options: { stdio: ["pipe", "pipe", "pipe"] }): ChildProcess;
}

declare module "node:fs" {
  interface Stats {
    mtimeMs: number;
  }
  export function existsSync(path: string): boolean;
  export function mkdirSync(path: string, options: { recursive: true }): void;
  export function mkdtempSync(prefix: string): string;
  export function readFileSync(path: string): Uint8Array;
  export function readFileSync(path: string, encoding: "utf8"): string;
  export function realpathSync(path: string): string;
  export function rmSync(path: string, options: { recursive: true; force: true }): void;
  export function statSync(path: string): Stats;
  export function writeFileSync(path: string, data: string): void;
}

declare module "node:os" {
  export function tmpdir(): string;
}

declare module "node:path" {
  export function dirname(path: string): string;
  export function join(...parts: string[]): string;
  export function resolve(...parts: string[]): string;
}

declare module "node:url" {
  export function fileURLToPath(url: string): string;
}
