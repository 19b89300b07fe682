// The demo journey with conversion rates, volumes, research and two snapshots:
// for screenshots of the funnel, research and review history panels
// (?scene=insights&lang=vi&panel=funnel|research|history).
import type { Map, Project, Snapshot } from "../src/bindings";
import { demoProject } from "./scenes";

const RATES: Record<string, [number, number]> = {
  t0: [62, 48000],
  t1: [45, 29760],
  t1b: [70, 3000],
  t2: [18, 13392],
  t3: [88, 2411],
  t4: [35, 2121],
};

export function insightsProject(lang: "en" | "vi"): { project: Project; snapshots: Snapshot[] } {
  const project = demoProject(lang);
  const map = project.maps[0];
  const vi = lang === "vi";
  // The earlier version: before the team added the sales call and reworked checkout.
  const before: Map = JSON.parse(JSON.stringify(map));
  before.cards = before.cards.filter((c) => c.id !== "t1b");
  for (const c of before.cards) {
    const r = RATES[c.id];
    if (r) [c.conversion, c.volume] = [c.id === "t2" ? 12 : r[0], r[1]];
  }
  before.cards.push({
    ...before.cards[0],
    id: "old",
    stage_id: "s2",
    lane_id: "l5",
    text: vi ? "Giảm giá 10% khi thanh toán" : "10% off at checkout",
    conversion: null,
    volume: null,
    channel: "",
  });
  for (const c of map.cards) {
    const r = RATES[c.id];
    if (r) [c.conversion, c.volume] = r;
  }
  map.cards.find((c) => c.id === "o2")!.text += vi ? " (đã thử nghiệm A/B)" : " (A/B tested)";
  map.research = [
    {
      id: "g1",
      kind: "goal",
      title: vi ? "Tăng tỷ lệ thanh toán thành công lên 25%" : "Raise checkout completion to 25%",
      detail: vi ? "Đo bằng số đơn / số lượt vào trang bảng giá, theo tuần." : "Orders / pricing page visits, weekly.",
      insight: "",
      card_ids: ["t2", "p2"],
    },
    {
      id: "q1",
      kind: "question",
      title: vi ? "Vì sao bạn dừng lại ở bước thanh toán?" : "Why did you stop at checkout?",
      detail: vi
        ? "42% — phải điền quá nhiều thông tin\n31% — mã OTP đến chậm\n18% — muốn hỏi thêm tư vấn viên"
        : "42% — too many form fields\n31% — the OTP SMS came late\n18% — wanted to talk to an advisor",
      insight: vi
        ? "Rút gọn biểu mẫu và cho thanh toán ví một chạm sẽ giữ chân phần lớn khách."
        : "A shorter form and one-tap wallet payment would keep most of them.",
      card_ids: ["t2", "p2", "e2"],
    },
    {
      id: "q2",
      kind: "question",
      title: vi ? "Bạn biết đến khóa học qua đâu?" : "Where did you hear about the course?",
      detail: vi ? "Facebook 55%, bạn bè 25%, Google 20%" : "Facebook 55%, friends 25%, Google 20%",
      insight: "",
      card_ids: ["t0"],
    },
    {
      id: "r1",
      kind: "resource",
      title: vi ? "Đội CSKH qua Zalo (3 người)" : "Support team on Zalo (3 people)",
      detail: "",
      insight: "",
      card_ids: [],
    },
  ];
  const day = 86_400_000;
  const at = Date.UTC(2025, 2, 14, 9, 30);
  const snapshots: Snapshot[] = [
    {
      id: "snap1",
      name: vi ? "Trước đợt khảo sát" : "Before the survey",
      note: vi ? "Phiên bản trình bày với ban giám đốc" : "Version shown to the board",
      taken_at: at - 30 * day,
      map: before,
    },
    { id: "snap2", name: vi ? "Sau buổi workshop" : "After the workshop", note: "", taken_at: at, map: JSON.parse(JSON.stringify(map)) },
  ];
  return { project, snapshots };
}
