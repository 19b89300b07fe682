import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { open } from "@tauri-apps/plugin-dialog";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Card, Project } from "../bindings";
import { setLang } from "../i18n";
import { useInsights } from "../insights/insightsStore";
import { freshCore, openApp } from "../test/harness";
import { makeCard, makeProject } from "../test/projects";
import type { TestCore } from "../test/testCore";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  useInsights.setState(useInsights.getInitialState(), true);
  vi.mocked(open).mockReset();
});

/** A Vietnamese map with three touchpoints, two of them rated. */
function project(): Project {
  const p = makeProject("vi");
  const tp = (id: string, stage: number, text: string, conversion: number | null): Card => ({
    ...makeCard(id, `m1-s${stage}`, "m1-l0", text),
    conversion,
  });
  p.maps[0].cards = [tp("ad", 0, "Quảng cáo Facebook", 40), tp("cart", 2, "Giỏ hàng → Thanh toán", 50), tp("mail", 3, "Email nhắc nhở", null)];
  return p;
}

const CSV = "/home/designer/exports/phễu-t11.csv";

async function openImport(text: string) {
  core.writeText(CSV, text);
  vi.mocked(open).mockResolvedValue(CSV);
  await openApp(core, project());
  await userEvent.click(screen.getByTestId("toggle-funnel"));
  await userEvent.click(await screen.findByTestId("funnel-import"));
}

const rates = async () => Object.fromEntries((await core.project()).maps[0].cards.map((c) => [c.id, c.conversion]));

describe("metric import", () => {
  it("previews what the core plans for each row, applies it as one edit after a snapshot, and one undo takes it back", async () => {
    await openImport(
      "Điểm chạm;Tỷ lệ chuyển đổi;Lượt\nQuảng cáo Facebook;45%;20.000\nGIỎ HÀNG → THANH TOÁN;50%;\nZalo OA;5%;\nEmail nhắc nhở;cao;\n",
    );
    const dialog = await screen.findByTestId("metric-import-dialog");
    expect(within(dialog).getByTestId("metric-key")).toHaveValue("0");
    expect(within(dialog).getByTestId("metric-rate")).toHaveValue("1");
    expect(within(dialog).getByTestId("metric-volume")).toHaveValue("2");
    await waitFor(() => expect(within(dialog).getByTestId("metric-plan")).toHaveAttribute("data-state", "ready"));
    const rows = within(dialog).getAllByTestId("metric-row");
    expect(rows.map((r) => r.dataset.kind)).toEqual(["change", "unchanged", "problem", "problem"]);
    expect(rows[0]).toHaveTextContent("Quảng cáo Facebook (Nhận thức): 40% · — → 45% · 20,000");
    expect(rows[2]).toHaveTextContent("No touchpoint on this map has this text.");
    expect(rows[3]).toHaveTextContent("“cao” is not a rate");
    expect(within(dialog).getByTestId("metric-summary")).toHaveTextContent("1 touchpoint(s) will change, 1 already have these figures, 2 row(s)");

    // Without a rate column, the same file only brings volumes.
    await userEvent.selectOptions(within(dialog).getByTestId("metric-rate"), "");
    await waitFor(() => expect(core.callsOf("plan_metric_import").at(-1)!.args.mapping).toMatchObject({ conversion_column: null }));
    await waitFor(() => expect(within(dialog).getAllByTestId("metric-row")[3]).toHaveTextContent("neither a rate nor a number of people"));
    await userEvent.selectOptions(within(dialog).getByTestId("metric-rate"), "1");
    await waitFor(() => expect(within(dialog).getAllByTestId("metric-row")[0]).toHaveAttribute("data-kind", "change"));

    await userEvent.click(within(dialog).getByTestId("metric-apply"));
    await waitFor(() => expect(screen.queryByTestId("metric-import-dialog")).toBeNull());
    expect(await rates()).toEqual({ ad: 45, cart: 50, mail: null });
    const applied = core.callsOf("apply_edit").map((c) => (c.args.edit as { type: string }).type);
    expect(applied).toEqual(["take_snapshot", "batch"]);
    await waitFor(() => expect(screen.getByTestId("funnel-overall")).toHaveTextContent("22.5%"));

    await userEvent.keyboard("{Control>}z{/Control}");
    await waitFor(async () => expect(await rates()).toEqual({ ad: 40, cart: 50, mail: null }));
  });

  it("a file that is not a table shows the core's error in plain words and changes nothing", async () => {
    await setLang("vi");
    const png = "/home/designer/exports/ảnh.png";
    core.writeText(png, "\u0089PNG");
    vi.mocked(open).mockResolvedValue(png);
    await openApp(core, project());
    await userEvent.click(screen.getByTestId("toggle-funnel"));
    await userEvent.click(await screen.findByTestId("funnel-import"));
    const error = await screen.findByTestId("error-message");
    expect(error).toHaveAttribute("data-code", "table_unknown_format");
    expect(error).toHaveTextContent("Đây không phải tệp bảng");
    expect(screen.queryByTestId("metric-import-dialog")).toBeNull();
    expect(core.callsOf("apply_edit")).toHaveLength(0);
  });

  it("a header row without figures is refused before the dialog opens", async () => {
    await openImport("Touchpoint,Rate\n");
    expect((await screen.findByTestId("error-message")).dataset.code).toBe("table_empty");
    expect(screen.queryByTestId("metric-import-dialog")).toBeNull();
  });
});
