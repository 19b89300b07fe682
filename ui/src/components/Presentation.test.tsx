import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Card, Project } from "../bindings";
import { setLang } from "../i18n";
import { freshCore, openApp } from "../test/harness";
import { makeCard, makePersona, makeProject } from "../test/projects";
import type { TestCore } from "../test/testCore";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
});

function project(): Project {
  const p = makeProject("vi");
  const card = (id: string, stage: number, lane: number, text: string, fields: Partial<Card> = {}): Card => ({
    ...makeCard(id, `m1-s${stage}`, `m1-l${lane}`, text),
    ...fields,
  });
  p.maps[0].cards = [
    card("ad", 0, 0, "Quảng cáo Facebook", { channel: "social", conversion: 40 }),
    card("feel", 0, 3, "Tò mò", { emotion: 1 }),
    card("cart", 2, 0, "Giỏ hàng → Thanh toán", { conversion: 25 }),
    card("pain", 2, 4, "Phí vận chuyển cao"),
  ];
  p.personas = [makePersona("lan", "Chị Lan", { role: "Nhân viên văn phòng, 32 tuổi", goals: "Giao nhanh\nĐúng giá" })];
  p.maps[0].persona_id = "lan";
  return p;
}

const stageTitle = () => within(screen.getByTestId("present-stage")).getByRole("heading", { level: 1 }).textContent;

describe("presentation mode", () => {
  it("shows one stage at a time without editing chrome; arrows move, M, F and P show more, Esc leaves", async () => {
    await setLang("vi");
    await openApp(core, project());
    await userEvent.click(screen.getByTestId("toolbar-present"));
    const show = await screen.findByTestId("presentation");
    expect(screen.queryByTestId("toolbar-present")).toBeNull();
    expect(screen.queryByTestId("grid")).toBeNull();
    expect(show).not.toContainElement(show.querySelector("button[data-testid^='add'], textarea, input"));
    expect(stageTitle()).toBe("Nhận thức");
    expect(screen.getByTestId("present-stage")).toHaveTextContent("Giai đoạn 1/5");
    const cards = screen.getAllByTestId("present-card").map((c) => c.textContent);
    expect(cards).toEqual(["Quảng cáo FacebookMạng xã hội40% đi tiếp", "Tò mòHài lòng"]);

    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(stageTitle()).toBe("Chuyển đổi");
    expect(screen.getAllByTestId("present-card").map((c) => c.textContent?.split("25%")[0])).toEqual(["Giỏ hàng → Thanh toán", "Phí vận chuyển cao"]);
    await userEvent.keyboard("{ArrowLeft}");
    expect(stageTitle()).toBe("Cân nhắc");
    expect(screen.getByTestId("present-stage")).toHaveTextContent("Giai đoạn này chưa có gì.");
    await userEvent.keyboard("{End}");
    expect(stageTitle()).toBe("Ủng hộ");
    await userEvent.keyboard("{ArrowRight}");
    expect(stageTitle()).toBe("Ủng hộ");

    await userEvent.keyboard("m");
    expect(screen.getByTestId("presentation")).toHaveAttribute("data-view", "map");
    expect(screen.getByTestId("present-map")).toHaveTextContent("Giỏ hàng → Thanh toán");
    await userEvent.click(screen.getByRole("button", { name: "Chuyển đổi" }));
    expect(stageTitle()).toBe("Chuyển đổi");

    await userEvent.keyboard("f");
    await waitFor(() => expect(screen.getByTestId("present-funnel")).toHaveTextContent("10%"));
    expect(screen.getByTestId("present-funnel")).toHaveTextContent("Giỏ hàng → Thanh toán");
    await userEvent.keyboard("p");
    expect(screen.getByTestId("present-persona")).toHaveTextContent("Chị Lan");
    expect(screen.getByTestId("present-persona")).toHaveTextContent("Đúng giá");

    // Editing keys do nothing here.
    await userEvent.keyboard("{Delete}n{Control>}z{/Control}");
    expect(core.callsOf("apply_edit")).toHaveLength(0);
    expect(core.callsOf("undo")).toHaveLength(0);

    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("present-overlay")).toBeNull();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("presentation")).toBeNull();
    expect(await screen.findByTestId("grid")).toBeInTheDocument();
  });
});
