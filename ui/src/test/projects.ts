// Test data: projects, cards and personas as a test writes them, before the
// core stores them (TestCore.addFile) or an edit adds them.
import type { Card, Lane, LaneKind, Lang, Persona, Project } from "../bindings";

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

/** A persona with a name and every other field empty. */
export function makePersona(id: string, name: string, fields: Partial<Persona> = {}): Persona {
  return { id, name, description: "", role: "", goals: "", needs: "", frustrations: "", quote: "", photo: "", ...fields };
}

/** A project with one map `prefix` of 5 stages (`${prefix}-s0`…) × 8 lanes (`${prefix}-l0`…, one of each kind), no cards. */
export function makeProject(lang: Lang = "en", prefix = "m1"): Project {
  const n = NAMES[lang];
  return {
    title: n.title,
    personas: [],
    maps: [
      {
        id: prefix,
        name: n.map,
        goal: "",
        scenario: "",
        persona_id: null,
        stages: n.stages.map((name, i) => ({ id: `${prefix}-s${i}`, name, color: "" })),
        lanes: KINDS.map((kind, i): Lane => ({ id: `${prefix}-l${i}`, name: n.lanes[i], kind, color: "" })),
        cards: [],
        research: [],
        comments: [],
      },
    ],
  };
}

export function makeCard(id: string, stage_id: string, lane_id: string, text: string): Card {
  return { id, stage_id, lane_id, text, note: "", color: "", channel: "", emotion: null, conversion: null, volume: null };
}

/**
 * Gives the first map of `p` (made by makeProject) two personas' emotion
 * curves: Lan's (the map's persona, cards "Lan 1", "Lan 2") and Minh's
 * ("Minh 1", "Minh 2"), in its emotions lane. Answers `p`.
 */
export function withTwoCurves(p: Project, names: { lan: string; minh: string } = { lan: "Lan", minh: "Minh" }): Project {
  p.personas = [makePersona("lan", names.lan), makePersona("minh", names.minh)];
  p.maps[0].persona_id = "lan";
  p.maps[0].cards.push(
    { ...makeCard("e1", "m1-s0", "m1-l3", "Lan 1"), emotion: 1 },
    { ...makeCard("e2", "m1-s1", "m1-l3", "Lan 2"), emotion: -1 },
    { ...makeCard("e3", "m1-s0", "m1-l3", "Minh 1"), emotion: -2, persona_id: "minh" },
    { ...makeCard("e4", "m1-s2", "m1-l3", "Minh 2"), emotion: 2, persona_id: "minh" },
  );
  return p;
}
