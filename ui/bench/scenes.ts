// Documents for the benchmark and the screenshots: a generated 2,000-card map
// and a realistic 5-stage journey in English and Vietnamese.
import type { Card, Lane, LaneKind, Project } from "../src/bindings";

const KINDS: LaneKind[] = [
  "touchpoints",
  "actions",
  "thoughts",
  "emotions",
  "pain_points",
  "opportunities",
  "metrics",
  "text",
  "touchpoints",
  "actions",
];
const CHANNELS = ["ads", "social", "search", "website", "landing_page", "email", "phone", "store", "app", "chat", "delivery", "review"];

function card(id: string, stage_id: string, lane_id: string, text: string, extra: Partial<Card> = {}): Card {
  return { id, stage_id, lane_id, text, note: "", color: "", channel: "", emotion: null, conversion: null, volume: null, ...extra };
}

/** stages × lanes × perCell cards (20 × 10 × 10 = 2,000 by default). */
export function bigProject(stages = 20, lanes = 10, perCell = 10): Project {
  const map = {
    id: "big",
    name: "Benchmark map",
    goal: "Measure the canvas",
    scenario: `${stages} stages × ${lanes} lanes × ${perCell} cards`,
    persona_id: null,
    stages: Array.from({ length: stages }, (_, i) => ({ id: `s${i}`, name: `Stage ${i + 1}`, color: "" })),
    lanes: Array.from({ length: lanes }, (_, i): Lane => ({ id: `l${i}`, name: `Lane ${i + 1}`, kind: KINDS[i % KINDS.length], color: "" })),
    cards: [] as Card[],
    research: [],
    comments: [],
  };
  let n = 0;
  for (const s of map.stages) {
    for (const l of map.lanes) {
      for (let k = 0; k < perCell; k += 1) {
        n += 1;
        map.cards.push(
          card(`c${n}`, s.id, l.id, `Card ${n}: ${l.kind} note for ${s.name}, with enough words to wrap onto a second line`, {
            channel: l.kind === "touchpoints" ? CHANNELS[n % CHANNELS.length] : "",
            emotion: l.kind === "emotions" ? (n % 5) - 2 : null,
          }),
        );
      }
    }
  }
  return { title: "Benchmark", maps: [map], personas: [] };
}

interface Text {
  title: string;
  map: string;
  goal: string;
  scenario: string;
  persona: [string, string];
  stages: string[];
  lanes: string[];
  touch: [string, string][];
  actions: string[];
  thoughts: string[];
  emotions: [string, number][];
  pains: string[];
  opps: string[];
}

const EN: Text = {
  title: "Online English course — launch",
  map: "Buying an online English course",
  goal: "Find a course that fits a busy schedule and pay without friction.",
  scenario: "Linh sees an ad on her phone during the commute, compares two schools over a week and signs up for a 3-month plan.",
  persona: ["Linh, 27, office worker", "Busy marketing executive in Hà Nội; studies on her phone; price-sensitive but values certificates."],
  stages: ["Awareness", "Consideration", "Purchase", "Onboarding", "Advocacy"],
  lanes: ["Touchpoints", "Customer actions", "Thoughts", "Emotions", "Pain points", "Opportunities"],
  touch: [
    ["social", "Facebook video ad"],
    ["search", "Googles “IELTS online”"],
    ["landing_page", "Pricing page"],
    ["email", "Welcome email"],
    ["review", "Leaves a 5★ review"],
  ],
  actions: ["Watches the ad twice", "Compares 2 schools, asks friends", "Pays by MoMo wallet", "Takes the level test", "Shares her certificate"],
  thoughts: [
    "“Could I really study 20 minutes a day?”",
    "“Is the teacher native?”",
    "“Why so many form fields?”",
    "“The app is easy!”",
    "“My colleagues should try it.”",
  ],
  emotions: [
    ["Curious", 1],
    ["Unsure", 0],
    ["Frustrated at checkout", -2],
    ["Relieved", 1],
    ["Proud", 2],
  ],
  pains: ["", "Prices hidden behind a form", "OTP SMS arrives late", "", ""],
  opps: [
    "Retarget viewers with a free lesson",
    "Show prices and a teacher video",
    "One-tap wallet payment",
    "Personal study plan on day 1",
    "Referral discount",
  ],
};

const VI: Text = {
  title: "Khóa học tiếng Anh online — ra mắt",
  map: "Mua khóa học tiếng Anh online",
  goal: "Tìm khóa học phù hợp lịch bận rộn và thanh toán thật dễ dàng.",
  scenario: "Linh thấy quảng cáo trên điện thoại khi đi làm, so sánh hai trung tâm trong một tuần rồi đăng ký gói 3 tháng.",
  persona: ["Linh, 27 tuổi, nhân viên văn phòng", "Chuyên viên marketing ở Hà Nội; học trên điện thoại; nhạy cảm về giá nhưng coi trọng chứng chỉ."],
  stages: ["Nhận thức", "Cân nhắc", "Mua hàng", "Bắt đầu học", "Giới thiệu"],
  lanes: ["Điểm chạm", "Hành động của khách hàng", "Suy nghĩ", "Cảm xúc", "Điểm đau", "Cơ hội"],
  touch: [
    ["social", "Quảng cáo video trên Facebook"],
    ["search", "Tìm “học IELTS online” trên Google"],
    ["landing_page", "Trang bảng giá"],
    ["Zalo OA", "Tin nhắn chào mừng qua Zalo"],
    ["review", "Đánh giá 5★ trên fanpage"],
  ],
  actions: ["Xem quảng cáo hai lần", "So sánh 2 trung tâm, hỏi bạn bè", "Thanh toán bằng ví MoMo", "Làm bài kiểm tra trình độ", "Chia sẻ chứng chỉ"],
  thoughts: [
    "“Mình có học nổi 20 phút mỗi ngày không?”",
    "“Giáo viên có phải người bản xứ?”",
    "“Sao phải điền nhiều thông tin thế?”",
    "“Ứng dụng dễ dùng quá!”",
    "“Đồng nghiệp cũng nên học thử.”",
  ],
  emotions: [
    ["Tò mò", 1],
    ["Phân vân", 0],
    ["Bực bội khi thanh toán", -2],
    ["Nhẹ nhõm", 1],
    ["Tự hào", 2],
  ],
  pains: ["", "Giá bị ẩn sau biểu mẫu đăng ký", "Mã OTP qua SMS đến chậm", "", ""],
  opps: [
    "Tiếp thị lại bằng một buổi học thử miễn phí",
    "Hiện giá và video giới thiệu giáo viên",
    "Thanh toán ví điện tử một chạm",
    "Lộ trình học cá nhân ngay ngày đầu",
    "Ưu đãi khi giới thiệu bạn bè",
  ],
};

/** A realistic 5-stage journey with a persona, channels, an emotion curve, pains and opportunities. */
export function demoProject(lang: "en" | "vi"): Project {
  const x = lang === "vi" ? VI : EN;
  const kinds: LaneKind[] = ["touchpoints", "actions", "thoughts", "emotions", "pain_points", "opportunities"];
  const stages = x.stages.map((name, i) => ({ id: `s${i}`, name, color: "" }));
  const lanes = x.lanes.map((name, i): Lane => ({ id: `l${i}`, name, kind: kinds[i], color: "" }));
  const cards: Card[] = [];
  stages.forEach((s, i) => {
    cards.push(card(`t${i}`, s.id, "l0", x.touch[i][1], { channel: x.touch[i][0] }));
    if (i === 1) cards.push(card(`t${i}b`, s.id, "l0", lang === "vi" ? "Gọi tư vấn viên" : "Calls a sales advisor", { channel: "phone" }));
    cards.push(card(`a${i}`, s.id, "l1", x.actions[i]));
    cards.push(card(`h${i}`, s.id, "l2", x.thoughts[i]));
    cards.push(card(`e${i}`, s.id, "l3", x.emotions[i][0], { emotion: x.emotions[i][1] }));
    if (x.pains[i]) cards.push(card(`p${i}`, s.id, "l4", x.pains[i]));
    cards.push(card(`o${i}`, s.id, "l5", x.opps[i]));
  });
  return {
    title: x.title,
    personas: [{ id: "linh", name: x.persona[0], description: x.persona[1], role: "", goals: "", needs: "", frustrations: "", quote: "", photo: "" }],
    maps: [{ id: "m", name: x.map, goal: x.goal, scenario: x.scenario, persona_id: "linh", stages, lanes, cards, research: [], comments: [] }],
  };
}
