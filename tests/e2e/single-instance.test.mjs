// One window: a second `journey-studio FILE` (what a double-click in the file
// manager runs) hands FILE to the window already open and exits; the window
// opens it. tauri-plugin-single-instance does this over the session D-Bus,
// so these tests need one: .ci/test.sh runs them under dbus-run-session.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, screenshot, appBinary, root, sleep } from "./harness.mjs";

let driver;
before(async () => {
  assert.ok(
    process.env.DBUS_SESSION_BUS_ADDRESS,
    "no session D-Bus (DBUS_SESSION_BUS_ADDRESS is unset): run the end-to-end tests under dbus-run-session, as .ci/test.sh does",
  );
  driver = await startDriver();
});
after(async () => { await driver?.stop(); });

/** Starts the binary directly (no WebDriver); returns the child, its output gathered in `child.output`. */
function launch(args, { cwd, env }) {
  const child = spawn(appBinary, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.output = "";
  child.stdout.on("data", (d) => (child.output += d));
  child.stderr.on("data", (d) => (child.output += d));
  return child;
}

/** Runs the binary as a second launch would; resolves to its exit code (or null if killed after `ms`). */
function secondLaunch(args, opts, ms = 20000) {
  return new Promise((resolve, reject) => {
    const child = launch(args, opts);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the second launch ${JSON.stringify(args)} was still running after ${ms} ms (a second window?)\n${child.output}`));
    }, ms);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: child.output });
    });
  });
}

async function shownPath(app) {
  return (await byTestId(app, "project-path")).getAttribute("title");
}

async function stageNames(app) {
  return app.$$('[data-testid="stage-name"]').map((el) => el.getText());
}

test("a file given on the command line opens in the window", async () => {
  const dir = tempDir();
  const file = join(dir, "first.journey");
  cli("new", file, "--lang", "en");
  const app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    assert.equal(await shownPath(app), file);
    assert.deepEqual((await stageNames(app)).slice(0, 2), ["Awareness", "Consideration"]);
  } finally {
    await app.deleteSession();
  }
});

test("a second launch with another file hands it to the running window and exits", async () => {
  const dir = tempDir();
  const first = join(dir, "first.journey");
  const second = join(dir, "bản đồ thứ hai.journey");
  cli("new", first, "--lang", "en");
  cli("new", second, "--lang", "vi");

  const app = await driver.start([first]);
  try {
    await byTestId(app, "grid");
    assert.equal(await shownPath(app), first);

    // As the file manager would: a path relative to the launch's folder.
    const run = await secondLaunch(["bản đồ thứ hai.journey"], { cwd: dir, env: driver.env });
    assert.equal(run.signal, null, `the second launch was killed: ${run.output}`);
    assert.equal(run.code, 0, `the second launch exited with ${run.code}: ${run.output}`);

    await app.waitUntil(async () => (await shownPath(app)) === second, {
      timeout: 15000,
      timeoutMsg: "the first window did not open the file of the second launch",
    });
    await app.waitUntil(async () => (await stageNames(app))[0] === "Nhận thức", {
      timeout: 10000,
      timeoutMsg: "the window shows the new path but not the Vietnamese map of that file",
    });
    assert.equal((await app.getWindowHandles()).length, 1, "one window");
    await screenshot(app, "e2e-single-instance-handoff");

    // A second launch without a file only brings the window forward.
    const bare = await secondLaunch([], { cwd: dir, env: driver.env });
    assert.equal(bare.code, 0, `a bare second launch exited with ${bare.code}: ${bare.output}`);
    assert.equal(await shownPath(app), second);
  } finally {
    await app.deleteSession();
  }
});


/** The D-Bus name the running window owns (tauri-plugin-single-instance: the app's identifier + ".SingleInstance"). */
const busName = `${JSON.parse(readFileSync(join(root, "tauri.conf.json"), "utf8")).identifier}.SingleInstance`;

/** Whether a process owns the single-instance name on the test's session bus. */
function nameOwned(env) {
  const out = execFileSync(
    "dbus-send",
    ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", `string:${busName}`],
    { env, encoding: "utf8" },
  );
  return /boolean true/.test(out);
}

test("a launch while the running window is closing starts its own window instead of failing", async () => {
  const dir = tempDir();
  const first = join(dir, "first.journey");
  const second = join(dir, "second.journey");
  cli("new", first, "--lang", "en");
  cli("new", second, "--lang", "en");
  const opts = { cwd: dir, env: driver.env };

  const primary = launch([first], opts);
  let relaunched;
  try {
    // Serving once it owns the single-instance name. (Not probed with a launch:
    // one started before the name is taken would become a window of its own.)
    const until = Date.now() + 20000;
    while (!nameOwned(opts.env)) {
      assert.ok(Date.now() < until, `the first window never took the single-instance name ${busName}\n${primary.output}`);
      await sleep(100);
    }

    // The closing window still owns the name, receives the handover and
    // leaves the bus without answering: what CI saw when a test started the
    // app while the previous test's window was going away.
    primary.kill("SIGSTOP");
    relaunched = launch([second], opts);
    await sleep(1500);
    primary.kill("SIGKILL");

    await sleep(6000);
    assert.equal(relaunched.exitCode, null, `the launch gave up: exit ${relaunched.exitCode}\n${relaunched.output}`);
    // It is the running window now: the next launch hands over to it.
    const next = await secondLaunch([first], opts);
    assert.equal(next.code, 0, `a later launch could not hand over to it: ${next.output}\n${relaunched.output}`);
  } finally {
    primary.kill("SIGKILL");
    relaunched?.kill("SIGKILL");
  }
});
