//! Starting documents for "New project".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Id, Lane, LaneKind, Map, Project, Stage};

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
}

impl TemplateId {
    pub const ALL: [TemplateId; 5] =
        [TemplateId::Marketing, TemplateId::Experience, TemplateId::DecisionPath, TemplateId::Ecommerce, TemplateId::Telesales];
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

fn lane_name(kind: LaneKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (LaneKind::Touchpoints, Lang::En) => "Touchpoints",
        (LaneKind::Touchpoints, Lang::Vi) => "Điểm chạm",
        (LaneKind::Actions, Lang::En) => "Customer actions",
        (LaneKind::Actions, Lang::Vi) => "Hành động của khách hàng",
        (LaneKind::Thoughts, Lang::En) => "Thoughts",
        (LaneKind::Thoughts, Lang::Vi) => "Suy nghĩ",
        (LaneKind::Emotions, Lang::En) => "Emotions",
        (LaneKind::Emotions, Lang::Vi) => "Cảm xúc",
        (LaneKind::PainPoints, Lang::En) => "Pain points",
        (LaneKind::PainPoints, Lang::Vi) => "Điểm đau",
        (LaneKind::Opportunities, Lang::En) => "Opportunities",
        (LaneKind::Opportunities, Lang::Vi) => "Cơ hội",
        (LaneKind::Metrics, Lang::En) => "Metrics",
        (LaneKind::Metrics, Lang::Vi) => "Chỉ số",
        (LaneKind::Text, Lang::En) => "Notes",
        (LaneKind::Text, Lang::Vi) => "Ghi chú",
    }
}

/// The gallery of templates, in `lang`.
pub fn gallery(lang: Lang) -> Vec<TemplateInfo> {
    TemplateId::ALL
        .iter()
        .map(|&id| {
            let p = project(id, lang);
            let map = &p.maps[0];
            TemplateInfo {
                id,
                name: map.name.clone(),
                description: map.goal.clone(),
                stages: map.stages.iter().map(|s| s.name.clone()).collect(),
                cards: map.cards.len() as u32,
            }
        })
        .collect()
}

/// A new project from a template, in `lang`, with fresh ids.
// TEMPORARY: every template is the default map until the template content lands (same session).
pub fn project(_id: TemplateId, lang: Lang) -> Project {
    default_project(lang)
}

/// The default project: the 5-stage marketing journey (Awareness → Advocacy)
/// with one lane of each kind and no cards.
pub fn default_project(lang: Lang) -> Project {
    let (title, map_name, stages) = match lang {
        Lang::En => (
            "Untitled project",
            "Customer journey",
            ["Awareness", "Consideration", "Conversion", "Retention", "Advocacy"],
        ),
        Lang::Vi => (
            "Dự án chưa đặt tên",
            "Hành trình khách hàng",
            ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ"],
        ),
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
            lanes: LaneKind::ALL
                .iter()
                .map(|&kind| Lane { id: new_id(), name: lane_name(kind, lang).to_owned(), kind, color: String::new() })
                .collect(),
            cards: vec![],
            research: vec![],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_template_has_five_stages_and_every_lane_kind() {
        for lang in [Lang::En, Lang::Vi] {
            let p = default_project(lang);
            let map = &p.maps[0];
            assert_eq!(map.stages.len(), 5);
            assert_eq!(map.lanes.iter().map(|l| l.kind).collect::<Vec<_>>(), LaneKind::ALL.to_vec());
            crate::edit::check_map(map).expect("template is a valid map");
        }
        assert_eq!(default_project(Lang::Vi).maps[0].stages[0].name, "Nhận thức");
    }
}
