// An in-memory stand-in for the Rust core behind `invoke`, for the bench page
// (ui/bench/setup.ts), which runs in a browser and cannot start the core. The
// UI tests no longer use it: they drive the real core (testCore.ts). It applies
// every edit with the core's semantics (see applyToMap.ts), keeps undo/redo snapshots and can be told
// to fail or hold any command.
import type { DocumentChange, DocumentView, Edit, ErrorInfo, Lane, LaneKind, Lang, Map, PdfOptions, Project, RateChange, Snapshot, TemplateId, TemplateInfo } from "../bindings";
import { applyEditToProject, FakeEditError } from "./applyToMap";
import { compare, funnel, funnelWith } from "./fakeAnalytics";
import { diffViews } from "./viewDiff";

const KINDS: LaneKind[] = ["touchpoints", "actions", "thoughts", "emotions", "pain_points", "opportunities", "metrics", "text"];

const NAMES = {
  en: {
    title: "Untitled project",
    map: "Customer journey",
    stages: ["Awareness", "Consideration", "Conversion", "Retention", "Advocacy"],
    lanes: ["Touchpoints", "Customer actions", "Thoughts", "Emotions", "Pain points", "Opportunities", "Metrics", "Notes"],
  },
  vi: {
    title: "Dự án chưa đặt tên",
    map: "Hành trình khách hàng",
    stages: ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ"],
    lanes: ["Điểm chạm", "Hành động của khách hàng", "Suy nghĩ", "Cảm xúc", "Điểm đau", "Cơ hội", "Chỉ số", "Ghi chú"],
  },
};

/** The gallery: map name, description and stages of each template, per language. */
export const TEMPLATES: Record<TemplateId, Record<Lang, { name: string; description: string; stages: string[] }>> = {
  marketing: {
    en: { name: NAMES.en.map, description: "The classic marketing funnel.", stages: NAMES.en.stages },
    vi: { name: NAMES.vi.map, description: "Phễu marketing kinh điển.", stages: NAMES.vi.stages },
  },
  experience: {
    en: { name: "Customer experience", description: "Seven steps from discovery to advocacy.", stages: ["Discover", "Consider", "Evaluate", "Choose", "Purchase", "Use", "Advocate"] },
    vi: { name: "Trải nghiệm khách hàng", description: "Bảy bước từ khám phá đến ủng hộ.", stages: ["Khám phá", "Cân nhắc", "Đánh giá", "Lựa chọn", "Mua hàng", "Sử dụng", "Ủng hộ"] },
  },
  decision_path: {
    en: { name: "Decision path", description: "How a consumer decides.", stages: ["Need recognition", "Information search", "Evaluation", "Purchase", "Post-purchase"] },
    vi: { name: "Hành trình ra quyết định", description: "Cách người tiêu dùng ra quyết định.", stages: ["Nhận biết nhu cầu", "Tìm kiếm thông tin", "Đánh giá", "Mua hàng", "Sau mua"] },
  },
  ecommerce: {
    en: { name: "E-commerce", description: "From an ad to a review.", stages: ["Ad", "Landing page", "Product page", "Cart", "Checkout", "Delivery", "Review"] },
    vi: { name: "Thương mại điện tử", description: "Từ quảng cáo đến đánh giá.", stages: ["Quảng cáo", "Trang đích", "Trang sản phẩm", "Giỏ hàng", "Thanh toán", "Giao hàng", "Đánh giá"] },
  },
  telesales: {
    en: { name: "Telesales", description: "From a lead to a follow-up call.", stages: ["Lead", "Call", "Consultation", "Offer", "Closing", "Onboarding", "Follow-up"] },
    vi: { name: "Bán hàng qua điện thoại", description: "Từ khách hàng tiềm năng đến chăm sóc sau bán.", stages: ["Khách tiềm năng", "Cuộc gọi", "Tư vấn", "Chào giá", "Chốt đơn", "Hướng dẫn", "Chăm sóc"] },
  },
};
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function templateInfos(lang: Lang): TemplateInfo[] {
  return TEMPLATE_IDS.map((id) => ({ id, ...TEMPLATES[id][lang], cards: 0 }));
}

/** A new project from a template (by default the marketing one: 5 stages × 8 lanes, one of each kind), no cards. */
function makeProject(lang: Lang = "en", prefix = "m1", template: TemplateId = "marketing"): Project {
  const n = NAMES[lang];
  const tpl = TEMPLATES[template][lang];
  return {
    title: n.title,
    personas: [],
    maps: [
      {
        id: prefix,
        name: tpl.name,
        goal: "",
        scenario: "",
        persona_id: null,
        stages: tpl.stages.map((name, i) => ({ id: `${prefix}-s${i}`, name, color: "" })),
        lanes: KINDS.map((kind, i): Lane => ({ id: `${prefix}-l${i}`, name: n.lanes[i], kind, color: "" })),
        cards: [],
        research: [],
      },
    ],
  };
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

type Handler = (args: Record<string, unknown>) => unknown;
/** What undo and redo restore. */
type State = { project: Project; snapshots: Snapshot[] };

export class FakeCore {
  /** Project files on the fake disk, as JSON text: opening one parses it (as the core reads its file). */
  files = new Map<string, string>();
  recent: string[] = [];
  initialPath: string | null = null;
  path: string | null = null;
  revision = 0;
  /**
   * The open project. Read from the file's text when first needed: opening a
   * file only parses the copy handed to the UI, which is all the app's own
   * page does when the Rust core opens one (the bench times that page).
   */
  get project(): Project | null {
    if (this.unread !== null) {
      this.current = JSON.parse(this.unread) as Project;
      this.unread = null;
    }
    return this.current;
  }
  set project(p: Project | null) {
    this.current = p;
    this.unread = null;
  }
  private current: Project | null = null;
  /** The open file's text, until `project` is first read. */
  private unread: string | null = null;
  /** Snapshots of every map (each map's in order), as the open file has them. */
  snapshots: Snapshot[] = [];
  /** Snapshot files on the fake disk, by path. */
  snapshotFiles = new globalThis.Map<string, Snapshot[]>();
  past: State[] = [];
  future: State[] = [];
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  /** JSON files on the fake disk (sources of import_project_json, results of export_project_json). */
  jsonFiles = new Map<string, string>();
  /** Files written by export_map. */
  exported: { mapId: string; format: string; path: string }[] = [];
  private failures = new Map<string, ErrorInfo[]>();
  private holds = new Map<string, Promise<void>[]>();

  /** Puts a project file on the fake disk (and in the recent list). */
  addFile(path: string, project: Project, recent = true, snapshots: Snapshot[] = []): this {
    this.files.set(path, JSON.stringify(project));
    this.snapshotFiles.set(path, clone(snapshots));
    if (recent) this.recent = [path, ...this.recent.filter((p) => p !== path)];
    return this;
  }

  /** Makes the next call of `cmd` reject with `error`. */
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

  callsOf(cmd: string) {
    return this.calls.filter((c) => c.cmd === cmd);
  }

  edits(): Edit[] {
    return this.callsOf("apply_edit").map((c) => c.args.edit as Edit);
  }

  /**
   * The document as the UI receives it: a copy of the core's (the IPC
   * serialises it), parsed from `projectText` when the caller has the
   * project's JSON text at hand.
   */
  view(projectText?: string): DocumentView {
    if (!this.path || (projectText === undefined && !this.project)) throw { code: "no_project", message: "no project is open" };
    const project = projectText === undefined ? clone(this.project!) : (JSON.parse(projectText) as Project);
    const order = (mapId: string) => project.maps.findIndex((m) => m.id === mapId);
    const snapshots = this.snapshots
      .map((s, i) => ({ s, i }))
      .sort((a, b) => order(a.s.map.id) - order(b.s.map.id) || a.i - b.i)
      .map(({ s }) => ({
        id: s.id,
        map_id: s.map.id,
        name: s.name,
        note: s.note,
        taken_at: s.taken_at,
        cards: s.map.cards.length,
        overall_conversion: funnel(s.map)?.overall ?? null,
      }));
    return {
      path: this.path,
      project,
      snapshots,
      revision: this.revision,
      can_undo: this.past.length > 0,
      can_redo: this.future.length > 0,
    };
  }

  /** What the core answers an edit, undo or redo with: the records changed since `was`. */
  private changeSince(was: DocumentView): DocumentChange {
    return diffViews(was, this.view());
  }

  private state(): State {
    return { project: this.view().project, snapshots: clone(this.snapshots) };
  }

  private mapById(id: string): Map {
    const map = this.view().project.maps.find((m) => m.id === id);
    if (!map) throw { code: "export_no_map", message: `no map ${id}` };
    return map;
  }

  private snapshotById(id: string): Snapshot {
    const s = this.snapshots.find((x) => x.id === id);
    if (!s) throw { code: "edit_unknown_target", message: `no snapshot ${id}` };
    return s;
  }

  /** Opens the project whose JSON text is `text`, stored at `path`. */
  private install(path: string, text: string): DocumentView {
    this.path = path;
    this.current = null;
    this.unread = text;
    this.snapshots = clone(this.snapshotFiles.get(path) ?? []);
    this.past = [];
    this.future = [];
    this.revision = 0;
    this.recent = [path, ...this.recent.filter((p) => p !== path)];
    return this.view(text);
  }

  private persist() {
    if (this.path && this.project) {
      this.files.set(this.path, JSON.stringify(this.project));
      this.snapshotFiles.set(this.path, clone(this.snapshots));
    }
  }

  private handlers: Record<string, Handler> = {
    initial_path: () => this.initialPath,
    current_document: () => (this.project ? this.view() : null),
    recent_files: () => [...this.recent],
    forget_recent: ({ path }) => {
      this.recent = this.recent.filter((p) => p !== path);
      return [...this.recent];
    },
    open_project: ({ path }) => {
      const text = this.files.get(path as string);
      if (text === undefined) throw { code: "file_not_found", message: `${path}: no such file` };
      return this.install(path as string, text);
    },
    templates: ({ lang }) => templateInfos(lang as Lang),
    new_project: ({ path, lang, template, overwrite }) => {
      if (!(typeof template === "string" && template in TEMPLATES)) throw { code: "invalid_data", message: `unknown template ${String(template)}` };
      if (this.files.has(path as string) && !overwrite) throw { code: "file_exists", message: `${path}: a file already exists there` };
      const text = JSON.stringify(makeProject(lang as Lang, "m1", template as TemplateId));
      this.files.set(path as string, text);
      return this.install(path as string, text);
    },
    // The core's archive::import, in short: checks the file, then writes a NEW
    // project file and opens it; any failure writes nothing.
    import_project_json: ({ source, dest, overwrite }) => {
      const text = this.jsonFiles.get(source as string);
      if (text === undefined) throw { code: "file_not_found", message: `${source}: no such file` };
      let archive: { format?: unknown; version?: unknown; project?: Project };
      try {
        archive = JSON.parse(text) as typeof archive;
      } catch (e) {
        throw { code: "import_malformed", message: String(e) };
      }
      if (archive.format !== "journey-studio-project") throw { code: "import_not_a_project", message: `format ${JSON.stringify(archive.format)}` };
      if (typeof archive.version !== "number" || archive.version > 1) throw { code: "import_newer_version", message: `version ${String(archive.version)}` };
      const project = archive.project;
      if (!project || !Array.isArray(project.maps) || !Array.isArray(project.personas)) throw { code: "import_invalid", message: "not a project" };
      if (this.files.has(dest as string) && !overwrite) throw { code: "file_exists", message: `${dest}: a file already exists there` };
      const projectText = JSON.stringify(project);
      this.files.set(dest as string, projectText);
      return this.install(dest as string, projectText);
    },
    export_project_json: ({ path }) => {
      const project = this.view().project;
      this.jsonFiles.set(path as string, JSON.stringify({ format: "journey-studio-project", version: 1, project, snapshots: [] }));
      return null;
    },
    save_as: ({ path, overwrite }) => {
      if (this.files.has(path as string) && !overwrite) throw { code: "file_exists", message: `${path}: a file already exists there` };
      const text = JSON.stringify(this.view().project);
      this.files.set(path as string, text);
      this.snapshotFiles.set(path as string, clone(this.snapshots));
      return this.install(path as string, text);
    },
    // A stand-in for the core's page composer: as many pictures as the real
    // export would roughly have, each naming its page and the options it saw.
    export_preview: ({ map_id, mapId, options }) => {
      const id = (mapId ?? map_id) as string;
      if (!this.view().project.maps.some((m) => m.id === id)) throw { code: "export_no_map", message: `no map ${id}` };
      const o = options as PdfOptions;
      const count = (o.layout === "tiled" ? 3 : 1) + (o.cover ? 1 : 0) + (o.legend || o.funnel ? 1 : 0);
      return Array.from(
        { length: count },
        (_, i) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${i + 1} ${o.page_size} ${o.orientation} ${o.lang}</text></svg>`,
      );
    },
    export_map: ({ mapId, format, path }) => {
      this.exported.push({ mapId: mapId as string, format: format as string, path: path as string });
      return null;
    },
    close_project: () => {
      this.project = null;
      this.path = null;
      return null;
    },
    funnel: ({ mapId, changes }) => funnelWith(this.mapById(mapId as string), (changes ?? []) as RateChange[]),
    snapshot: ({ snapshotId }) => clone(this.snapshotById(snapshotId as string)),
    compare_versions: ({ mapId, before, after }) => {
      const current = this.mapById(mapId as string);
      const version = (id: unknown) => (typeof id === "string" ? this.snapshotById(id).map : current);
      return compare(version(before), version(after));
    },
    apply_edit: ({ edit }) => {
      const was = this.view();
      const before = this.state();
      const next = clone(before);
      try {
        applyEditToProject(next.project, edit as Edit, next.snapshots);
      } catch (e) {
        if (e instanceof FakeEditError) throw { code: e.code, message: e.message };
        throw e;
      }
      this.past.push(before);
      this.future = [];
      this.project = next.project;
      this.snapshots = next.snapshots;
      this.revision += 1;
      this.persist();
      return this.changeSince(was);
    },
    undo: () => {
      const was = this.view();
      const prev = this.past.pop();
      if (!prev) throw { code: "nothing_to_undo", message: "nothing to undo" };
      this.future.push(this.state());
      ({ project: this.project, snapshots: this.snapshots } = prev);
      this.revision += 1;
      this.persist();
      return this.changeSince(was);
    },
    redo: () => {
      const was = this.view();
      const next = this.future.pop();
      if (!next) throw { code: "nothing_to_redo", message: "nothing to redo" };
      this.past.push(this.state());
      ({ project: this.project, snapshots: this.snapshots } = next);
      this.revision += 1;
      this.persist();
      return this.changeSince(was);
    },
  };

  /** The `invoke` implementation. */
  handle = async (cmd: string, args?: unknown): Promise<unknown> => {
    const a = clone((args ?? {}) as Record<string, unknown>);
    this.calls.push({ cmd, args: a });
    const gate = this.holds.get(cmd)?.shift();
    if (gate) await gate;
    await Promise.resolve();
    const failure = this.failures.get(cmd)?.shift();
    if (failure) throw failure;
    const h = this.handlers[cmd];
    if (!h) throw { code: "unknown_command", message: `fake core has no ${cmd}` };
    return h(a);
  };
}
