// Memory of the app and its WebKit processes: proportional set size (PSS,
// shared pages divided among the processes sharing them) from /proc.
import { readFileSync, readdirSync } from "node:fs";

const read = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // the process has gone
  }
};

/** Every descendant of `pid` (children, their children, …), found by parent id. */
function descendants(pid) {
  const parent = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    if (!stat) continue;
    // pid (comm) state ppid …; comm may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    parent.set(Number(d), ppid);
  }
  const out = [];
  const walk = (p) => {
    for (const [child, pp] of parent) if (pp === p) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

/** Kind of a mapping in /proc/PID/smaps, for the breakdown of a process's PSS. */
function mappingKind(name) {
  if (!name) return "anonymous";
  if (name === "[heap]") return "heap";
  if (name.startsWith("[stack")) return "stack";
  if (name.startsWith("/dev/dri") || name.includes("drm") || name.startsWith("/dmabuf")) return "gpu/dmabuf";
  if (name.startsWith("/memfd:") || name.startsWith("/dev/shm") || name.startsWith("/SYSV")) return "shared memory";
  if (/\.so(\.|$)/.test(name)) return "libraries";
  if (name.startsWith("/")) return "other files";
  return "anonymous";
}

/** PSS of one process in kB, split by mapping kind. */
function processPss(pid) {
  const smaps = read(`/proc/${pid}/smaps`);
  if (!smaps) return null;
  const kinds = {};
  let kind = "anonymous";
  let total = 0;
  for (const line of smaps.split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) kind = mappingKind(head[1].trim());
    else if (line.startsWith("Pss:")) {
      const kb = Number(line.split(/\s+/)[1]);
      kinds[kind] = (kinds[kind] ?? 0) + kb;
      total += kb;
    }
  }
  return { total, kinds };
}

/** PSS (MB) of the app process and each of its descendants (WebKitWebProcess, WebKitNetworkProcess, …). */
export function appMemory(pid) {
  const processes = [pid, ...descendants(pid)].flatMap((p) => {
    const pss = processPss(p);
    const name = (read(`/proc/${p}/comm`) ?? "?").trim();
    return pss ? [{ pid: p, name, pssMB: pss.total / 1024, kindsMB: Object.fromEntries(Object.entries(pss.kinds).map(([k, v]) => [k, v / 1024])) }] : [];
  });
  return { totalMB: processes.reduce((s, p) => s + p.pssMB, 0), processes };
}
