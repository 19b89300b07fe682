//! The map's colours as the canvas draws them, read from the UI's
//! `ui/src/theme.json` (their one definition): the stage palette and each lane
//! kind's accent, soft and card colours, and where a service blueprint's lines go.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::blueprint::BlueprintLine;
use super::scene::Rgb;
use crate::model::LaneKind;

/// Colours of a lane kind, as on the canvas.
#[derive(Debug, Clone, Copy)]
pub struct KindStyle {
    pub accent: Rgb,
    pub soft: Rgb,
    pub card: Rgb,
}

#[derive(Deserialize)]
struct KindColours {
    accent: String,
    soft: String,
    card: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThemeFile {
    stage_palette: Vec<String>,
    persona_palette: Vec<String>,
    comment: String,
    lane_kinds: HashMap<String, KindColours>,
    blueprint_lines: HashMap<BlueprintLine, LaneKind>,
    card_image: CardImage,
}

/// How tall a card's picture may be drawn, as a share of the card's width.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardImage {
    /// On a card of an image lane (the picture large).
    pub lane_max_ratio: f32,
    /// On a card of any other lane (a thumbnail).
    pub thumb_max_ratio: f32,
}

struct Theme {
    stage_palette: Vec<Rgb>,
    persona_palette: Vec<Rgb>,
    comment: Rgb,
    kinds: HashMap<LaneKind, KindStyle>,
    blueprint_lines: Vec<(BlueprintLine, LaneKind)>,
    card_image: CardImage,
}

/// Grey: what a colour the file does not give reads as (a test checks it gives every one).
const MISSING: Rgb = Rgb(0x64, 0x74, 0x8b);

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        // The file is part of the build; a test reads it whole.
        let file: Option<ThemeFile> = serde_json::from_str(include_str!("../../../ui/src/theme.json")).ok();
        let rgb = |s: &str| Rgb::parse(s).unwrap_or(MISSING);
        let stage_palette = file.as_ref().map(|f| f.stage_palette.iter().map(|c| rgb(c)).collect()).unwrap_or_default();
        let persona_palette = file.as_ref().map(|f| f.persona_palette.iter().map(|c| rgb(c)).collect()).unwrap_or_default();
        let comment = file.as_ref().map_or(MISSING, |f| rgb(&f.comment));
        let kinds = LaneKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let c = file.as_ref()?.lane_kinds.get(kind.as_str())?;
                Some((kind, KindStyle { accent: rgb(&c.accent), soft: rgb(&c.soft), card: rgb(&c.card) }))
            })
            .collect();
        let blueprint_lines =
            BlueprintLine::ALL.into_iter().filter_map(|line| Some((line, *file.as_ref()?.blueprint_lines.get(&line)?))).collect();
        let card_image = file.as_ref().map_or(CardImage { lane_max_ratio: 1.25, thumb_max_ratio: 0.42 }, |f| f.card_image);
        Theme { stage_palette, persona_palette, comment, kinds, blueprint_lines, card_image }
    })
}

/// Each blueprint line with the lane kind it is drawn above (its first lane).
pub fn blueprint_lines() -> &'static [(BlueprintLine, LaneKind)] {
    &theme().blueprint_lines
}

pub fn kind_style(kind: LaneKind) -> KindStyle {
    theme().kinds.get(&kind).copied().unwrap_or(KindStyle { accent: MISSING, soft: Rgb::WHITE, card: Rgb::WHITE })
}

/// How tall card pictures are drawn.
pub fn card_image() -> CardImage {
    theme().card_image
}

/// The colour of the stage at `index` when it has none of its own.
pub fn stage_palette(index: usize) -> Rgb {
    let palette = &theme().stage_palette;
    palette.get(index % palette.len().max(1)).copied().unwrap_or(MISSING)
}

/// The colour of a map's emotion curve at `index` (0: the map's own persona's).
pub fn persona_palette(index: usize) -> Rgb {
    let palette = &theme().persona_palette;
    palette.get(index % palette.len().max(1)).copied().unwrap_or(MISSING)
}

/// The colour of review comments (the canvas's badges, the PDF's appendix).
pub fn comment_color() -> Rgb {
    theme().comment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_theme_gives_every_colour_the_exports_use() {
        let file: ThemeFile = serde_json::from_str(include_str!("../../../ui/src/theme.json")).expect("ui/src/theme.json parses");
        assert_eq!(file.stage_palette.len(), 8);
        for c in &file.stage_palette {
            assert!(Rgb::parse(c).is_some(), "stage palette colour {c}");
        }
        for kind in LaneKind::ALL {
            let c = file.lane_kinds.get(kind.as_str()).unwrap_or_else(|| panic!("theme.json has no colours for {kind:?}"));
            for v in [&c.accent, &c.soft, &c.card] {
                assert!(Rgb::parse(v).is_some(), "{kind:?}: {v} is not a colour");
            }
        }
        assert_eq!(file.persona_palette.len(), crate::edit::limits::PERSONAS_PER_MAP, "a colour for each persona a map may have");
        assert_eq!(file.persona_palette.len(), crate::model::CURVE_COLORS, "Map::curves hands out this many colours");
        for c in &file.persona_palette {
            assert!(Rgb::parse(c).is_some(), "persona palette colour {c}");
        }
        assert_eq!(
            persona_palette(0),
            kind_style(LaneKind::Emotions).accent,
            "the shared curve and the project's first persona are drawn as the one curve always was"
        );
        assert_ne!(persona_palette(1), persona_palette(0));
        assert_eq!(stage_palette(0), Rgb(0x63, 0x66, 0xf1));
        assert_eq!(stage_palette(9), stage_palette(1));
        assert_eq!(kind_style(LaneKind::Touchpoints).accent, Rgb(0x3b, 0x82, 0xf6));
        assert_eq!(file.blueprint_lines.len(), BlueprintLine::ALL.len(), "theme.json places every blueprint line");
        assert_eq!(blueprint_lines().len(), BlueprintLine::ALL.len());
        assert!(file.card_image.lane_max_ratio > file.card_image.thumb_max_ratio, "an image lane shows its pictures larger");
        assert_eq!(card_image().thumb_max_ratio, file.card_image.thumb_max_ratio);
        assert_eq!(Rgb::parse(&file.comment), Some(comment_color()), "the comment colour");
    }
}
