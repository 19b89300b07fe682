// Runs the real UI in a plain browser with the Tauri IPC mocked, answered from
// the real core's recorded answers for the scene (setup.ts). Used by the benchmark
// (?scene=bench) and for screenshots (?scene=demo&lang=vi).
// Static imports, evaluated in this order: the mocks first, then the app, in
// one bundle as the real app's index.html loads it.
import "./setup";
import "../src/main";

// The bundle is loaded and evaluated (the app mounts once the core has answered).
performance.mark("app-evaluated");
