// Shared test helpers. Test files must mock the Tauri modules themselves:
//   vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
//   vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));
import { render, screen, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { invoke } from "@tauri-apps/api/core";
import { vi } from "vitest";
import { App } from "../App";
import type { Project } from "../bindings";
import { setLang } from "../i18n";
import { useStore } from "../store";
import { TestCore } from "./testCore";

export const PATH = "/home/designer/maps/launch.journey";

/** The real core, reset (nothing open, an empty disk), wired into `invoke`; a fresh store and English UI. */
export async function freshCore(): Promise<TestCore> {
  const core = new TestCore();
  await core.reset();
  vi.mocked(invoke).mockReset();
  vi.mocked(invoke).mockImplementation(core.handle as typeof invoke);
  useStore.setState(useStore.getInitialState(), true);
  localStorage.clear();
  await setLang("en");
  return core;
}

/** Renders the app with `project` opened from the command line; waits for the grid. */
export async function openApp(core: TestCore, project: Project, path = PATH) {
  core.addFile(path, project);
  core.initialPath = path;
  const result = render(<App />);
  await screen.findByTestId("grid");
  return result;
}

export function cell(stageIndex: number, laneIndex: number): HTMLElement {
  const found = screen.getAllByTestId("cell").find((c) => c.dataset.stageIndex === String(stageIndex) && c.dataset.laneIndex === String(laneIndex));
  if (!found) throw new Error(`no cell ${stageIndex},${laneIndex}`);
  return found;
}

export function cardTexts(el: HTMLElement = document.body): string[] {
  return within(el)
    .queryAllByTestId("card-text")
    .map((c) => c.textContent ?? "");
}

/**
 * A card's control shown on hover: its edit or delete button, or a
 * touchpoint's empty channel or rate chip. A card gets them once the pointer
 * (or the focus) first comes to it, so this hovers the card first, as a user does.
 */
export async function cardButton(
  user: UserEvent,
  card: HTMLElement,
  testId: "edit-card" | "delete-card" | "channel-chip" | "conversion-chip",
): Promise<HTMLElement> {
  await user.hover(card);
  return within(card).getByTestId(testId);
}
