// The bench page's core. A page cannot start the Rust core, so it answers from a
// recording of the real core's answers to the calls the page makes for its scene
// (bench/public/recorded/*.txt, written and kept current by recordings.test.ts).
// A recording is pairs of lines: the call (`callKey`), then the answer as JSON,
// {"ok": …} or {"err": {code, message}}. An answer is parsed when it is asked
// for, as the app's page parses what the IPC hands it. A call that was not
// recorded (the drag's drop edit, whose target depends on the run) is refused
// with the code `not_recorded`.
import type { Edit } from "../src/bindings";

/** A call as a recording names it: the command and its arguments as `invoke` sends them. */
export function callKey(cmd: string, args: unknown): string {
  return `${cmd} ${JSON.stringify(args ?? {})}`;
}

export class RecordedCore {
  /** Every call the page made, with its arguments. */
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  private answers = new Map<string, string>();

  constructor(recording: string) {
    const lines = recording.split("\n");
    for (let i = 0; i + 1 < lines.length; i += 2) this.answers.set(lines[i], lines[i + 1]);
  }

  edits(): Edit[] {
    return this.calls.filter((c) => c.cmd === "apply_edit").map((c) => c.args.edit as Edit);
  }

  /** The `invoke` implementation. */
  handle = async (cmd: string, args?: unknown): Promise<unknown> => {
    this.calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    const line = this.answers.get(callKey(cmd, args));
    if (line === undefined) throw { code: "not_recorded", message: `the bench page has no recorded answer for ${callKey(cmd, args)}` };
    const answer = JSON.parse(line) as { ok?: unknown; err?: unknown };
    if ("err" in answer) throw answer.err;
    return answer.ok ?? null;
  };
}
