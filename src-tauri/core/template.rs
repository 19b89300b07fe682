//! Starting documents for "New project".

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Card, Id, Lane, LaneKind, Map, Persona, Project, ResearchItem, ResearchKind, Stage};

/// Language of a template's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Vi,
}

/// The starting maps offered in the "New project" gallery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateId {
    /// 5 stages: Awareness, Consideration, Conversion, Retention, Advocacy.
    Marketing,
    /// 7 stages: Discover, Consider, Evaluate, Choose, Purchase, Use, Advocate.
    Experience,
    /// Consumer decision path: Need recognition, Information search, Evaluation, Purchase, Post-purchase.
    DecisionPath,
    /// E-commerce touchpoints: ad → landing page → product page → cart → checkout → delivery → review.
    Ecommerce,
    /// Telesales: lead, call, consultation, offer, closing, onboarding, follow-up.
    Telesales,
    /// A service blueprint of telesales enrolment: the call centre, the academic
    /// team and their systems behind the customer's journey.
    ServiceBlueprint,
}

impl TemplateId {
    pub const ALL: [TemplateId; 6] = [
        TemplateId::Marketing,
        TemplateId::Experience,
        TemplateId::DecisionPath,
        TemplateId::Ecommerce,
        TemplateId::Telesales,
        TemplateId::ServiceBlueprint,
    ];
}

/// What the gallery shows of a template, in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    pub id: TemplateId,
    pub name: String,
    pub description: String,
    /// Stage names, left to right.
    pub stages: Vec<String>,
    /// Number of example cards.
    pub cards: u32,
}

fn new_id() -> Id {
    uuid::Uuid::new_v4().to_string()
}

/// The gallery of templates, in `lang`.
pub fn gallery(lang: Lang) -> Vec<TemplateInfo> {
    TemplateId::ALL
        .iter()
        .map(|&id| {
            let t = content(id);
            TemplateInfo {
                id,
                name: t.name.get(lang).to_owned(),
                description: t.description.get(lang).to_owned(),
                stages: t.stages.iter().map(|s| pick(&s.en, &s.vi, lang).to_owned()).collect(),
                cards: t.cards.len() as u32,
            }
        })
        .collect()
}

/// A new project from a template, in `lang`, with fresh ids: one map whose
/// example cards teach the method, its persona and its research.
pub fn project(id: TemplateId, lang: Lang) -> Project {
    let t = content(id);
    let persona = Persona {
        id: new_id(),
        name: t.persona.name.get(lang).to_owned(),
        description: t.persona.description.get(lang).to_owned(),
        role: t.persona.role.get(lang).to_owned(),
        goals: t.persona.goals.get(lang).to_owned(),
        needs: t.persona.needs.get(lang).to_owned(),
        frustrations: t.persona.frustrations.get(lang).to_owned(),
        quote: t.persona.quote.get(lang).to_owned(),
        photo: String::new(),
    };
    let stages: Vec<Stage> =
        t.stages.iter().map(|s| Stage { id: new_id(), name: pick(&s.en, &s.vi, lang).to_owned(), color: String::new() }).collect();
    let lanes: Vec<Lane> = t
        .lanes
        .iter()
        .map(|&kind| Lane { id: new_id(), name: crate::i18n::lane_kind(lang, kind).to_owned(), kind, color: String::new() })
        .collect();
    let stage_id = |key: &str| {
        let i = t.stages.iter().position(|s| s.key == key).unwrap_or_else(|| panic!("template {id:?}: no stage {key:?}"));
        stages[i].id.clone()
    };
    let lane_id = |kind: LaneKind| {
        let i = t.lanes.iter().position(|&k| k == kind).unwrap_or_else(|| panic!("template {id:?}: no {kind:?} lane"));
        lanes[i].id.clone()
    };
    let mut keys: HashMap<&str, Id> = HashMap::new();
    let cards: Vec<Card> = t
        .cards
        .iter()
        .map(|c| {
            let mut card = Card::new(new_id(), stage_id(&c.stage), lane_id(c.lane), pick(&c.en, &c.vi, lang));
            card.note = c.note.as_ref().map(|n| n.get(lang).to_owned()).unwrap_or_default();
            card.channel = c.channel.clone();
            card.emotion = c.emotion;
            card.conversion = c.conversion;
            card.volume = c.volume;
            if let Some(key) = &c.key {
                let fresh = keys.insert(key, card.id.clone()).is_none();
                assert!(fresh, "template {id:?}: card key {key:?} used twice");
            }
            card
        })
        .collect();
    let research = t
        .research
        .iter()
        .map(|r| ResearchItem {
            id: new_id(),
            kind: r.kind,
            title: r.title.get(lang).to_owned(),
            detail: r.detail.as_ref().map(|d| d.get(lang).to_owned()).unwrap_or_default(),
            insight: r.insight.as_ref().map(|d| d.get(lang).to_owned()).unwrap_or_default(),
            card_ids: r
                .cards
                .iter()
                .map(|k| keys.get(k.as_str()).cloned().unwrap_or_else(|| panic!("template {id:?}: no card with key {k:?}")))
                .collect(),
        })
        .collect();
    Project {
        title: t.title.get(lang).to_owned(),
        maps: vec![Map {
            id: new_id(),
            name: t.name.get(lang).to_owned(),
            goal: t.goal.get(lang).to_owned(),
            scenario: t.scenario.get(lang).to_owned(),
            persona_id: Some(persona.id.clone()),
            stages,
            lanes,
            cards,
            research,
            comments: vec![],
        }],
        personas: vec![persona],
    }
}

// The templates' content, both languages side by side, one JSON file each
// (see assets/templates/README.md for the format).

/// A text in both languages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tr {
    en: String,
    vi: String,
}

impl Tr {
    fn get(&self, lang: Lang) -> &str {
        pick(&self.en, &self.vi, lang)
    }
}

fn pick<'a>(en: &'a str, vi: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Content {
    /// The project's title.
    title: Tr,
    /// The map's name, goal and scenario.
    name: Tr,
    goal: Tr,
    scenario: Tr,
    /// What the gallery says of the template.
    description: Tr,
    persona: PersonaContent,
    stages: Vec<StageContent>,
    lanes: Vec<LaneKind>,
    cards: Vec<CardContent>,
    #[serde(default)]
    research: Vec<ResearchContent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonaContent {
    name: Tr,
    role: Tr,
    description: Tr,
    goals: Tr,
    needs: Tr,
    frustrations: Tr,
    quote: Tr,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageContent {
    /// What cards call the stage.
    key: String,
    en: String,
    vi: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardContent {
    /// What research items call the card.
    #[serde(default)]
    key: Option<String>,
    stage: String,
    lane: LaneKind,
    en: String,
    vi: String,
    #[serde(default)]
    note: Option<Tr>,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    emotion: Option<i8>,
    #[serde(default)]
    conversion: Option<f64>,
    #[serde(default)]
    volume: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResearchContent {
    kind: ResearchKind,
    title: Tr,
    #[serde(default)]
    detail: Option<Tr>,
    #[serde(default)]
    insight: Option<Tr>,
    /// Keys of the cards the item is about.
    #[serde(default)]
    cards: Vec<String>,
}

fn source(id: TemplateId) -> &'static str {
    match id {
        TemplateId::Marketing => include_str!("assets/templates/marketing.json"),
        TemplateId::Experience => include_str!("assets/templates/experience.json"),
        TemplateId::DecisionPath => include_str!("assets/templates/decision_path.json"),
        TemplateId::Ecommerce => include_str!("assets/templates/ecommerce.json"),
        TemplateId::Telesales => include_str!("assets/templates/telesales.json"),
        TemplateId::ServiceBlueprint => include_str!("assets/templates/service_blueprint.json"),
    }
}

/// The parsed content of a template. The files are part of the binary and the
/// tests parse every one, so a parse error is a bug of the build.
fn content(id: TemplateId) -> &'static Content {
    static PARSED: OnceLock<Vec<Content>> = OnceLock::new();
    let all = PARSED.get_or_init(|| {
        TemplateId::ALL.iter().map(|&id| serde_json::from_str(source(id)).unwrap_or_else(|e| panic!("template {id:?}: {e}"))).collect()
    });
    let i = TemplateId::ALL.iter().position(|&t| t == id).expect("every id is in ALL");
    &all[i]
}

/// The default project: the 5-stage marketing journey (Awareness → Advocacy)
/// with one lane of each kind and no cards.
pub fn default_project(lang: Lang) -> Project {
    let (title, map_name, stages) = match lang {
        Lang::En => ("Untitled project", "Customer journey", ["Awareness", "Consideration", "Conversion", "Retention", "Advocacy"]),
        Lang::Vi => ("Dự án chưa đặt tên", "Hành trình khách hàng", ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ"]),
    };
    Project {
        title: title.to_owned(),
        personas: vec![],
        maps: vec![Map {
            id: new_id(),
            name: map_name.to_owned(),
            goal: String::new(),
            scenario: String::new(),
            persona_id: None,
            stages: stages.iter().map(|n| Stage { id: new_id(), name: (*n).to_owned(), color: String::new() }).collect(),
            lanes: LaneKind::JOURNEY
                .iter()
                .map(|&kind| Lane { id: new_id(), name: crate::i18n::lane_kind(lang, kind).to_owned(), kind, color: String::new() })
                .collect(),
            cards: vec![],
            research: vec![],
            comments: vec![],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const LANGS: [Lang; 2] = [Lang::En, Lang::Vi];

    /// Each template's stage count and the stage where its funnel loses the most people.
    fn intended(id: TemplateId) -> (usize, &'static str) {
        match id {
            TemplateId::Marketing => (5, "Retention"),
            TemplateId::Experience => (7, "Use"),
            TemplateId::DecisionPath => (5, "Evaluation of alternatives"),
            TemplateId::Ecommerce => (7, "Checkout"),
            TemplateId::Telesales => (7, "First call"),
            TemplateId::ServiceBlueprint => (5, "First call"),
        }
    }

    fn all_ids(p: &Project) -> Vec<&str> {
        let mut ids: Vec<&str> = p.personas.iter().map(|x| x.id.as_str()).collect();
        for m in &p.maps {
            ids.push(&m.id);
            ids.extend(m.stages.iter().map(|x| x.id.as_str()));
            ids.extend(m.lanes.iter().map(|x| x.id.as_str()));
            ids.extend(m.cards.iter().map(|x| x.id.as_str()));
            ids.extend(m.research.iter().map(|x| x.id.as_str()));
        }
        ids
    }

    #[test]
    fn default_template_has_five_stages_and_every_journey_lane_kind() {
        for lang in [Lang::En, Lang::Vi] {
            let p = default_project(lang);
            let map = &p.maps[0];
            assert_eq!(map.stages.len(), 5);
            assert_eq!(map.lanes.iter().map(|l| l.kind).collect::<Vec<_>>(), LaneKind::JOURNEY.to_vec());
            crate::edit::check_map(map).expect("template is a valid map");
        }
        assert_eq!(default_project(Lang::Vi).maps[0].stages[0].name, "Nhận thức");
    }

    #[test]
    fn every_template_is_a_valid_map_with_its_persona_and_research() {
        for id in TemplateId::ALL {
            for lang in LANGS {
                let p = project(id, lang);
                assert_eq!(p.maps.len(), 1);
                let map = &p.maps[0];
                crate::edit::check_map(map).unwrap_or_else(|e| panic!("{id:?} {lang:?}: {e}"));
                for text in [&p.title, &map.name, &map.goal, &map.scenario] {
                    assert!(!text.trim().is_empty(), "{id:?} {lang:?}: empty title, name, goal or scenario");
                }
                // One persona, linked, with everything but a photo.
                assert_eq!(p.personas.len(), 1);
                let persona = &p.personas[0];
                crate::edit::check_persona(persona).expect("valid persona");
                assert_eq!(map.persona_id.as_deref(), Some(persona.id.as_str()));
                for field in [&persona.role, &persona.goals, &persona.needs, &persona.frustrations, &persona.quote, &persona.description] {
                    assert!(!field.is_empty(), "{id:?} {lang:?}: persona {} lacks a field", persona.name);
                }
                assert!(persona.photo.is_empty());
                // A goal and a question with answers and an insight, each about some cards.
                let kinds: Vec<ResearchKind> = map.research.iter().map(|r| r.kind).collect();
                assert!(kinds.contains(&ResearchKind::Goal) && kinds.contains(&ResearchKind::Question), "{id:?}: {kinds:?}");
                for r in &map.research {
                    assert!(!r.card_ids.is_empty(), "{id:?}: research {:?} is about no card", r.title);
                    if r.kind == ResearchKind::Question {
                        assert!(!r.detail.is_empty() && !r.insight.is_empty(), "{id:?}: question without answers or insight");
                    }
                }
                // Lane kinds once each, stage names once each, every card text filled in.
                let kinds: HashSet<LaneKind> = map.lanes.iter().map(|l| l.kind).collect();
                assert_eq!(kinds.len(), map.lanes.len(), "{id:?}: a lane kind twice");
                let names: HashSet<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
                assert_eq!(names.len(), map.stages.len(), "{id:?}: a stage name twice");
                assert!(map.cards.iter().all(|c| !c.text.trim().is_empty()), "{id:?}: an empty card");
                assert!(map.cards.len() >= 20, "{id:?}: only {} example cards", map.cards.len());
            }
        }
    }

    #[test]
    fn stage_keys_and_lane_kinds_are_named_once_per_template() {
        for id in TemplateId::ALL {
            let t = content(id);
            let keys: HashSet<&str> = t.stages.iter().map(|s| s.key.as_str()).collect();
            assert_eq!(keys.len(), t.stages.len(), "{id:?}: a stage key twice");
            let kinds: HashSet<LaneKind> = t.lanes.iter().copied().collect();
            assert_eq!(kinds.len(), t.lanes.len(), "{id:?}: a lane kind twice");
        }
    }

    #[test]
    fn ids_are_unique_and_fresh_on_every_call() {
        let mut seen = HashSet::new();
        for id in TemplateId::ALL {
            for lang in LANGS {
                for _ in 0..2 {
                    let p = project(id, lang);
                    for x in all_ids(&p) {
                        crate::edit::check_id(x).expect("valid id");
                        assert!(seen.insert(x.to_owned()), "{id:?} {lang:?}: id {x} seen before");
                    }
                }
            }
        }
    }

    #[test]
    fn vietnamese_and_english_have_the_same_structure() {
        for id in TemplateId::ALL {
            let (en, vi) = (project(id, Lang::En), project(id, Lang::Vi));
            let (e, v) = (&en.maps[0], &vi.maps[0]);
            assert_eq!(e.stages.len(), v.stages.len(), "{id:?}");
            assert_eq!(e.lanes.iter().map(|l| l.kind).collect::<Vec<_>>(), v.lanes.iter().map(|l| l.kind).collect::<Vec<_>>());
            assert_eq!(e.cards.len(), v.cards.len(), "{id:?}");
            let stage_of = |m: &Map, c: &Card| m.stages.iter().position(|s| s.id == c.stage_id);
            let lane_of = |m: &Map, c: &Card| m.lane(&c.lane_id).map(|l| l.kind);
            for (a, b) in e.cards.iter().zip(&v.cards) {
                assert_eq!((stage_of(e, a), lane_of(e, a)), (stage_of(v, b), lane_of(v, b)), "{id:?}: {:?} / {:?}", a.text, b.text);
                assert_eq!((&a.channel, a.emotion, a.conversion, a.volume), (&b.channel, b.emotion, b.conversion, b.volume));
                assert_eq!(a.note.is_empty(), b.note.is_empty(), "{id:?}: note of {:?} in one language only", a.text);
                assert_ne!(a.text, b.text, "{id:?}: {:?} is not translated", a.text);
            }
            assert_eq!(e.research.len(), v.research.len());
            for (a, b) in e.research.iter().zip(&v.research) {
                let index = |m: &Map, ids: &[Id]| ids.iter().map(|i| m.cards.iter().position(|c| &c.id == i)).collect::<Vec<_>>();
                assert_eq!((a.kind, index(e, &a.card_ids)), (b.kind, index(v, &b.card_ids)), "{id:?}: {:?}", a.title);
            }
            // The Vietnamese is Vietnamese: the stage names carry diacritics.
            assert!(v.stages.iter().any(|s| !s.name.is_ascii()), "{id:?}: {:?}", v.stages);
        }
    }

    #[test]
    fn every_funnel_loses_the_most_people_where_the_template_means_it_to() {
        for id in TemplateId::ALL {
            let (stages, drop_at) = intended(id);
            let p = project(id, Lang::En);
            let map = &p.maps[0];
            assert_eq!(map.stages.len(), stages, "{id:?}");
            let f = crate::funnel::funnel(map).unwrap_or_else(|| panic!("{id:?}: no funnel"));
            assert!(!f.incomplete, "{id:?}: a touchpoint without a rate");
            // One rated touchpoint per stage, so that the funnel reads stage by stage.
            assert_eq!(f.steps.iter().map(|s| s.stage_index).collect::<Vec<_>>(), (0..stages).collect::<Vec<_>>(), "{id:?}");
            let step = &f.steps[f.biggest_drop];
            assert_eq!(map.stages[step.stage_index].name, drop_at, "{id:?}: biggest drop at {:?}", step.text);
            // Clearly the biggest: 5 points below any other step.
            let worst = step.rate.expect("rated");
            for (i, s) in f.steps.iter().enumerate().filter(|&(i, _)| i != f.biggest_drop) {
                assert!(s.rate.expect("rated") >= worst + 5.0, "{id:?}: step {i} ({:?}) is nearly as bad", s.text);
            }
            assert!(f.overall > 0.0 && f.overall < 100.0);
        }
    }

    #[test]
    fn volumes_follow_the_rates() {
        // Where two steps in a row have a volume, the second is the first × its rate.
        for id in TemplateId::ALL {
            let p = project(id, Lang::Vi);
            let f = crate::funnel::funnel(&p.maps[0]).expect("funnel");
            assert!(f.steps[0].volume.is_some(), "{id:?}: the funnel's entry has no volume");
            for w in f.steps.windows(2) {
                if let (Some(a), Some(b), Some(r)) = (w[0].volume, w[1].volume, w[0].rate) {
                    let expected = a as f64 * r / 100.0;
                    assert!((b as f64 - expected).abs() <= 1.0, "{id:?}: {:?} has {b}, expected {expected:.0}", w[1].text);
                }
            }
        }
    }

    #[test]
    fn touchpoints_use_the_ui_channels_and_every_stage_has_one_emotion() {
        for id in TemplateId::ALL {
            let p = project(id, Lang::Vi);
            let map = &p.maps[0];
            for c in &map.cards {
                let kind = map.lane(&c.lane_id).expect("lane").kind;
                if kind == LaneKind::Touchpoints {
                    assert!(crate::channels::is_builtin(&c.channel), "{id:?}: channel {:?} of {:?}", c.channel, c.text);
                    assert!(c.conversion.is_some(), "{id:?}: {:?} has no rate", c.text);
                } else {
                    assert!(c.channel.is_empty() && c.conversion.is_none() && c.volume.is_none(), "{id:?}: {:?}", c.text);
                }
                assert_eq!(c.emotion.is_some(), kind == LaneKind::Emotions, "{id:?}: {:?}", c.text);
            }
            let emotions = map.lanes.iter().find(|l| l.kind == LaneKind::Emotions).expect("an emotions lane");
            for s in &map.stages {
                assert_eq!(map.cell(&s.id, &emotions.id).count(), 1, "{id:?}: stage {:?}", s.name);
            }
            // The curve goes somewhere: low and high points both.
            let scores: Vec<i8> = map.cards.iter().filter_map(|c| c.emotion).collect();
            assert!(scores.iter().any(|&s| s < 0) && scores.iter().any(|&s| s > 0), "{id:?}: {scores:?}");
            // Pain points come with opportunities.
            for kind in [LaneKind::PainPoints, LaneKind::Opportunities] {
                assert!(map.lanes.iter().any(|l| l.kind == kind), "{id:?}: no {kind:?} lane");
            }
        }
    }

    #[test]
    fn the_service_blueprint_has_its_lane_groups_in_order_and_all_three_lines() {
        let p = project(TemplateId::ServiceBlueprint, Lang::Vi);
        let kinds: Vec<LaneKind> = p.maps[0].lanes.iter().map(|l| l.kind).collect();
        for kind in LaneKind::BLUEPRINT {
            assert!(kinds.contains(&kind), "no {kind:?} lane");
        }
        let lines: Vec<_> = crate::export::blueprint::lines(&kinds).into_iter().flatten().collect();
        assert_eq!(
            lines,
            crate::export::blueprint::BlueprintLine::ALL.to_vec(),
            "top to bottom: interaction, visibility, internal interaction"
        );
        assert_eq!(p.maps[0].name, "Bản thiết kế dịch vụ: tuyển sinh qua telesales");
    }

    #[test]
    fn the_gallery_describes_what_project_creates() {
        for lang in LANGS {
            let g = gallery(lang);
            assert_eq!(g.iter().map(|t| t.id).collect::<Vec<_>>(), TemplateId::ALL.to_vec());
            for info in g {
                let p = project(info.id, lang);
                let map = &p.maps[0];
                assert_eq!(info.name, map.name);
                assert_eq!(info.stages, map.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>());
                assert_eq!(info.cards as usize, map.cards.len());
                assert!(!info.description.is_empty() && info.description.chars().count() <= 200, "{:?}", info.description);
            }
        }
        let vi = gallery(Lang::Vi);
        assert_eq!(vi[0].stages, ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ"], "the default's names");
    }
}
