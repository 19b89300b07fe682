// The export dialog: PDF page options with a preview of every page (rendered by
// the core, so the page breaks shown are exactly the PDF's), or the whole map
// as one PNG/SVG picture. The core writes the file; the UI only picks the path.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toErrorInfo } from "../api";
import type { ExportFormat, Orientation, PageLayout, PageSize, PdfOptions, PreviewPages } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { curveColors, emotionCurves } from "../canvas/emotion";
import { chooseExportPath } from "../dialogs";
import { currentLang } from "../i18n";
import { activeMap, useStore } from "../store";
import theme from "../theme.json";

const PAGE_SIZES: PageSize[] = ["a4", "a3", "letter", "tabloid"];
const FORMATS: ExportFormat[] = ["pdf", "png", "svg"];
/** Wait this long after the last option change before asking for a new preview. */
const PREVIEW_DELAY_MS = 150;
/**
 * Pages asked for at a time: the first ones at once, the others as they come
 * near the preview's visible part (a 10,000-card map tiles over hundreds of pages).
 */
export const PREVIEW_BATCH = 12;
/** Ask for a page's batch when it comes this close to the visible part of the preview. */
const PREVIEW_AHEAD = "600px";

export const DEFAULT_PDF_OPTIONS: Omit<PdfOptions, "lang"> = {
  page_size: "a4",
  orientation: "landscape",
  layout: "tiled",
  cover: false,
  legend: true,
  page_numbers: true,
  funnel: true,
  comments: false,
  date: null,
  hidden_curves: [],
};

/** An SVG string as an <img> source: drawn as a picture, never run as a document. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A curve's key in `hidden_curves` and on the canvas: its persona's id, "" for the shared curve. */
const curveKey = (id: string | null) => id ?? "";

/** The preview: how many pages, the ones drawn so far (by index), and a page's height / width. */
type Preview =
  | { state: "loading" }
  | { state: "ready"; count: number; pages: ReadonlyMap<number, string>; ratio: number }
  | { state: "error"; code: string };

/** A page picture's height / width, read from its SVG's own size (A4 landscape if it has none). */
function pageRatio(svg: string | undefined): number {
  const m = svg?.match(/<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/);
  return m && Number(m[1]) > 0 ? Number(m[2]) / Number(m[1]) : 210 / 297;
}

/** `preview` with the pages of `answer` drawn. */
function withPages(preview: Preview, answer: PreviewPages): Preview {
  if (preview.state !== "ready") return preview;
  const pages = new Map(preview.pages);
  answer.pages.forEach((svg, i) => pages.set(answer.first + i, svg));
  return { ...preview, pages };
}

export function ExportDialog({ mapId, mapName, onClose }: { mapId: string; mapName: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const [format, setFormat] = useState<ExportFormat>("pdf");
  const map = useStore((s) => s.doc?.project.maps.find((m) => m.id === mapId) ?? activeMap(s.doc, s.mapId));
  const personas = useStore((s) => s.doc?.project.personas);
  // The map's emotion curves, each with its name and colour (as the canvas's legend shows them).
  const curves = useMemo(() => {
    const keys = map ? emotionCurves(map) : [];
    const colors = curveColors(keys, personas ?? [], theme.personaPalette.length);
    return keys.map((id, i) => ({
      key: curveKey(id),
      name: personas?.find((p) => p.id === id)?.name ?? null,
      color: theme.personaPalette[colors[i]],
    }));
  }, [map, personas]);
  // The curves hidden on the canvas are left out unless ticked here.
  const [options, setOptions] = useState<Omit<PdfOptions, "lang">>(() => {
    const hidden = useCanvas.getState().hiddenCurves;
    return { ...DEFAULT_PDF_OPTIONS, hidden_curves: curves.filter((c) => hidden.has(c.key)).map((c) => c.key) };
  });
  const [preview, setPreview] = useState<Preview>({ state: "loading" });
  const [exporting, setExporting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const revision = useStore((s) => s.doc?.revision);
  const lang = currentLang();
  const pdfOptions: PdfOptions = { ...options, lang };
  const optionsKey = JSON.stringify(pdfOptions);

  // Each new preview (options, map or document changed) is a generation: answers for an older one are dropped.
  const generation = useRef(0);
  const asked = useRef(new Set<number>());
  const pagesRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (format !== "pdf") return;
    const gen = ++generation.current;
    asked.current = new Set([0]);
    setPreview({ state: "loading" });
    const timer = setTimeout(() => {
      api
        .exportPreview(mapId, JSON.parse(optionsKey) as PdfOptions, 0, PREVIEW_BATCH)
        .then((answer) => {
          if (gen !== generation.current) return;
          const ready: Preview = { state: "ready", count: answer.page_count, pages: new Map(), ratio: pageRatio(answer.pages[0]) };
          setPreview(withPages(ready, answer));
        })
        .catch((e) => gen === generation.current && setPreview({ state: "error", code: toErrorInfo(e).code }));
    }, PREVIEW_DELAY_MS);
    return () => {
      generation.current += 1;
      clearTimeout(timer);
    };
  }, [format, mapId, optionsKey, revision]);

  // The other pages, a batch at a time, as they come near the visible part of the preview.
  const readyCount = preview.state === "ready" ? preview.count : 0;
  useEffect(() => {
    const list = pagesRef.current;
    if (!list || readyCount <= PREVIEW_BATCH) return;
    const gen = generation.current;
    const ask = (start: number) => {
      if (asked.current.has(start)) return;
      asked.current.add(start);
      api
        .exportPreview(mapId, JSON.parse(optionsKey) as PdfOptions, start, PREVIEW_BATCH)
        .then((answer) => gen === generation.current && setPreview((p) => withPages(p, answer)))
        .catch((e) => gen === generation.current && setPreview({ state: "error", code: toErrorInfo(e).code }));
    };
    const batchOf = (el: Element) => Math.floor(Number((el as HTMLElement).dataset.page) / PREVIEW_BATCH) * PREVIEW_BATCH;
    if (typeof IntersectionObserver === "undefined") {
      for (let start = PREVIEW_BATCH; start < readyCount; start += PREVIEW_BATCH) ask(start);
      return;
    }
    const seen = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) ask(batchOf(e.target));
      },
      { root: list, rootMargin: PREVIEW_AHEAD },
    );
    // Every page is watched (a batch may show only its last row): a batch is asked for once.
    for (const li of list.querySelectorAll("[data-page]")) seen.observe(li);
    return () => seen.disconnect();
  }, [readyCount, mapId, optionsKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !exporting) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [exporting, onClose]);

  const set = <K extends keyof typeof options>(key: K, value: (typeof options)[K]) => setOptions((o) => ({ ...o, [key]: value }));

  const doExport = async () => {
    setDone(null);
    let path: string | null;
    try {
      path = await chooseExportPath(format, mapName);
    } catch (e) {
      useStore.getState().showError({ code: "dialog", message: toErrorInfo(e).message });
      return;
    }
    if (!path) return;
    setExporting(true);
    try {
      await api.exportMap(mapId, format, path, pdfOptions);
      setDone(path);
    } catch (e) {
      useStore.getState().showError(toErrorInfo(e));
    } finally {
      setExporting(false);
    }
  };

  const pageCount = preview.state === "ready" ? preview.count : 0;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !exporting && onClose()}>
      <div className="modal export-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="export-dialog">
        <header className="modal-header">
          <h2 id={titleId}>{t("export.title")}</h2>
          <div className="modal-subtitle">{mapName}</div>
        </header>
        <div className="export-body">
          <form
            className="export-options"
            onSubmit={(e) => {
              e.preventDefault();
              void doExport();
            }}
          >
            <fieldset>
              <legend>{t("export.format")}</legend>
              <div className="segmented" role="radiogroup">
                {FORMATS.map((f) => (
                  <label key={f} className={format === f ? "on" : ""}>
                    <input
                      type="radio"
                      name="format"
                      value={f}
                      data-testid={`export-format-${f}`}
                      checked={format === f}
                      onChange={() => setFormat(f)}
                    />
                    {f.toUpperCase()}
                  </label>
                ))}
              </div>
            </fieldset>
            {format === "pdf" ? (
              <>
                <label className="field">
                  <span>{t("export.pageSize")}</span>
                  <select data-testid="export-page-size" value={options.page_size} onChange={(e) => set("page_size", e.target.value as PageSize)}>
                    {PAGE_SIZES.map((s) => (
                      <option key={s} value={s}>
                        {s === "letter" || s === "tabloid" ? t(`export.size.${s}`) : s.toUpperCase()}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span>{t("export.orientation")}</span>
                  <select
                    data-testid="export-orientation"
                    value={options.orientation}
                    onChange={(e) => set("orientation", e.target.value as Orientation)}
                  >
                    <option value="landscape">{t("export.landscape")}</option>
                    <option value="portrait">{t("export.portrait")}</option>
                  </select>
                </label>
                <label className="field">
                  <span>{t("export.layout")}</span>
                  <select data-testid="export-layout" value={options.layout} onChange={(e) => set("layout", e.target.value as PageLayout)}>
                    <option value="tiled">{t("export.tiled")}</option>
                    <option value="fit_to_page">{t("export.fit")}</option>
                  </select>
                </label>
                {(["cover", "legend", "page_numbers", "funnel", "comments"] as const).map((key) => (
                  <label className="check" key={key}>
                    <input type="checkbox" data-testid={`export-${key}`} checked={options[key]} onChange={(e) => set(key, e.target.checked)} />
                    {t(`export.${key}`)}
                  </label>
                ))}
              </>
            ) : (
              <p className="export-note">{t("export.pictureNote")}</p>
            )}
            {curves.length > 0 && (
              <fieldset data-testid="export-curves">
                <legend>{t("export.curves")}</legend>
                {curves.map((c) => (
                  <label className="check" key={c.key}>
                    <input
                      type="checkbox"
                      data-testid="export-curve"
                      data-curve={c.key}
                      checked={!options.hidden_curves.includes(c.key)}
                      onChange={(e) =>
                        set("hidden_curves", e.target.checked ? options.hidden_curves.filter((k) => k !== c.key) : [...options.hidden_curves, c.key])
                      }
                    />
                    <span className="export-curve-swatch" style={{ background: c.color }} aria-hidden="true" />
                    {c.name ?? t("emotion.curve")}
                  </label>
                ))}
              </fieldset>
            )}
            {done && (
              <p className="export-done" role="status" data-testid="export-done">
                {t("export.done", { path: done })}
              </p>
            )}
            <div className="modal-actions">
              <button type="button" className="btn" onClick={onClose} disabled={exporting}>
                {t("export.close")}
              </button>
              <button type="submit" className="btn btn-primary" data-testid="export-go" disabled={exporting}>
                {exporting ? t("export.exporting") : t("export.export", { format: format.toUpperCase() })}
              </button>
            </div>
          </form>
          {format === "pdf" && (
            <section className="export-preview" aria-label={t("export.preview")} data-testid="export-preview" data-state={preview.state}>
              <div className="export-preview-head">
                {preview.state === "ready" && t("export.pageCount", { count: pageCount })}
                {preview.state === "loading" && t("export.previewLoading")}
                {preview.state === "error" && t(`errors.${preview.code}`, { defaultValue: t("errors.unknown") })}
              </div>
              <ol className="export-pages" lang={i18n.language} ref={pagesRef}>
                {preview.state === "ready" &&
                  Array.from({ length: pageCount }, (_, i) => {
                    const svg = preview.pages.get(i);
                    // The page's size before its picture is decoded: the list does not jump as pages arrive.
                    return (
                      <li key={i} data-testid="export-page" data-page={i} data-drawn={svg !== undefined}>
                        {svg !== undefined ? (
                          <img src={svgDataUrl(svg)} alt={t("export.pageAlt", { n: i + 1 })} style={{ aspectRatio: `1 / ${preview.ratio}` }} />
                        ) : (
                          <div className="export-page-waiting" style={{ aspectRatio: `1 / ${preview.ratio}` }} aria-hidden="true" />
                        )}
                        <span>{i + 1}</span>
                      </li>
                    );
                  })}
              </ol>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
