import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { listen } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import { render } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import type { DocumentChange } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { useCollab } from "../collab";
import { COLLAB_STATUS_EVENT, DOCUMENT_CHANGE_EVENT, PRESENCE_EVENT } from "../events";
import { setLang } from "../i18n";
import { cardTexts, freshCore, openApp } from "../test/harness";
import { makeCard, makeProject } from "../test/projects";
import type { TestCore } from "../test/testCore";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  vi.mocked(listen).mockClear();
  vi.mocked(save).mockReset();
  useCanvas.setState(useCanvas.getInitialState(), true);
  useCollab.setState({ link: null, status: null, people: [] });
});

/** What the app's desktop side sends on `event`, as the window receives it. */
function emit(event: string, payload: unknown) {
  const calls = vi.mocked(listen).mock.calls.filter(([name]) => name === event);
  expect(calls.length, `nobody listens for ${event}`).toBeGreaterThan(0);
  const handler = calls[calls.length - 1][1] as (e: { payload: unknown }) => void;
  handler({ payload });
}

function project() {
  const p = makeProject("vi");
  p.maps[0].cards = [makeCard("c1", "m1-s0", "m1-l0", "Quảng cáo TikTok")];
  return p;
}

describe("sharing a project", () => {
  it("shares on a server and shows the link to send, in Vietnamese", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await setLang("vi");
    await user.click(screen.getByTestId("toolbar-share"));
    const dialog = await screen.findByTestId("share-dialog");
    expect(within(dialog).getByRole("heading")).toHaveTextContent("Chia sẻ dự án này");
    await user.type(within(dialog).getByTestId("share-server"), "https://sync.example.vn/journey/");
    await user.type(within(dialog).getByTestId("share-invite"), "khoa-moi");
    await user.click(within(dialog).getByTestId("share-submit"));
    const link = (await within(dialog).findByTestId("share-link")) as HTMLInputElement;
    expect(link.value).toMatch(/^journey\+wss:\/\/sync\.example\.vn\/journey\/[A-Za-z0-9]+#[A-Za-z0-9]{16,}$/);
    expect(core.callsOf("share_project")[0].args).toEqual({ server: "https://sync.example.vn/journey/", invite: "khoa-moi" });
    // The file keeps it: the core answers the same link when asked again.
    expect(await core.request("share_link", {})).toBe(link.value);
    expect(screen.getByTestId("toolbar-share")).toHaveTextContent("Đang chia sẻ");
  });

  it("says why a server address is not one, and shares nothing", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(screen.getByTestId("toolbar-share"));
    await user.type(screen.getByTestId("share-server"), "ftp://files.example.com");
    await user.type(screen.getByTestId("share-invite"), "key");
    await user.click(screen.getByTestId("share-submit"));
    const error = await screen.findByTestId("share-error");
    expect(error.dataset.code).toBe("sync_bad_link");
    expect(error).toHaveTextContent("not a Journey Studio share link");
    expect(await core.request("share_link", {})).toBeNull();
  });
});

describe("a shared project, live", () => {
  it("merges a teammate's change, shows the connection and who is here", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(screen.getByTestId("toolbar-share"));
    await user.type(screen.getByTestId("share-server"), "192.168.1.20:7420");
    await user.type(screen.getByTestId("share-invite"), "key");
    await user.click(screen.getByTestId("share-submit"));
    await screen.findByTestId("share-link");

    // A teammate's card: the core writes it and answers a change (as for a received sync message).
    const change = (await core.request("apply_edit", {
      edit: { type: "add_card", card: makeCard("c9", "m1-s1", "m1-l0", "Bình: khách hỏi giá qua Zalo"), index: 0 },
    })) as DocumentChange;
    emit(DOCUMENT_CHANGE_EVENT, change);
    await waitFor(() => expect(cardTexts()).toContain("Bình: khách hỏi giá qua Zalo"));
    expect(core.callsOf("current_document")).toHaveLength(0);

    emit(COLLAB_STATUS_EVENT, { state: "online" });
    emit(PRESENCE_EVENT, [{ peer: "p2", name: "Trần Bình", card_id: "c9" }]);
    await waitFor(() => expect(screen.getByTestId("presence-badges")).toHaveTextContent("TB"));
    const onCard = screen.getAllByTestId("card").find((c) => c.dataset.cardId === "c9");
    expect(within(onCard as HTMLElement).getByTestId("card-teammates")).toHaveTextContent("TB");
    expect(screen.getByTestId("share-status")).toHaveAttribute("data-state", "online");
    expect(within(screen.getByTestId("share-people")).getByText("Trần Bình")).toBeInTheDocument();

    emit(COLLAB_STATUS_EVENT, { state: "offline", code: "sync_unreachable" });
    await waitFor(() => expect(screen.getByTestId("toolbar-share")).toHaveAttribute("data-state", "offline"));
  });

  it("reloads the document when a change does not follow the one shown", async () => {
    await openApp(core, project());
    const change = (await core.request("apply_edit", {
      edit: { type: "add_card", card: makeCard("c8", "m1-s0", "m1-l0", "Một"), index: 0 },
    })) as DocumentChange;
    await core.request("apply_edit", { edit: { type: "add_card", card: makeCard("c7", "m1-s0", "m1-l0", "Hai"), index: 0 } });
    const next = (await core.request("apply_edit", {
      edit: { type: "add_card", card: makeCard("c6", "m1-s0", "m1-l0", "Ba"), index: 0 },
    })) as DocumentChange;
    expect(next.from_revision).toBeGreaterThan(change.revision);
    emit(DOCUMENT_CHANGE_EVENT, next);
    await waitFor(() => expect(cardTexts()).toEqual(expect.arrayContaining(["Một", "Hai", "Ba"])));
    expect(core.callsOf("current_document").length).toBeGreaterThan(0);
  });
});

describe("joining a shared project", () => {
  it("refuses what is not a link, then joins one and waits for the project", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByTestId("join-open"));
    vi.mocked(save).mockResolvedValue("/home/lan/du-an.journey");
    vi.mocked(save).mockClear();
    await user.type(screen.getByTestId("join-link"), "https://example.com/not-a-link");
    await user.click(screen.getByTestId("join-submit"));
    expect(await screen.findByTestId("join-error")).toHaveAttribute("data-code", "sync_bad_link");
    expect(save, "no save dialog for a link that does not read").not.toHaveBeenCalled();
    expect(core.callsOf("join_project")).toHaveLength(0);

    const link = `journey+ws://192.168.1.20:7420/4NMNnkMhL8jXrdJ9jamS2pUNqVE#${"k".repeat(44)}`;
    await user.clear(screen.getByTestId("join-link"));
    await user.type(screen.getByTestId("join-link"), link);
    await user.click(screen.getByTestId("join-submit"));
    await screen.findByTestId("waiting-for-project");
    expect(core.callsOf("join_project").at(-1)?.args).toEqual({ link, path: "/home/lan/du-an.journey", overwrite: false });
    await waitFor(() => expect(useCollab.getState().link).toBe(link));
  });
});
