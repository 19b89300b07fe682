//! Puts the laid-out map ([`scene`](super::scene)) on pages: the page plan
//! (fit to one page, or tiles with repeated headers), the cover, the key and
//! funnel page, running headers and page numbers. The result is a list of
//! pages of positioned shape groups that the PDF and SVG writers translate.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::layout::{self, Rect};
use super::scene::{self, Rgb, Scene, Shape, Stroke, TextRun, HEAD_H, LANE_W};
use super::text::{self, Fonts, Weight};
use super::{ExportError, PageLayout, PdfOptions};
use crate::card_image::Pictures;
use crate::funnel;
use crate::i18n::{t, t_with};
use crate::model::{LaneKind, Map, Project};
use crate::template::Lang;

/// Page margin.
pub const MARGIN: f32 = 28.0;
/// Running header and footer of a map page.
pub const HEADER_H: f32 = 26.0;
pub const FOOTER_H: f32 = 18.0;
/// Largest enlargement of a small map in "fit to page".
pub const MAX_FIT_SCALE: f32 = 1.5;

/// Shapes placed on a page: page = offset + scale × shape, optionally clipped
/// to a rectangle in page coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub dx: f32,
    pub dy: f32,
    pub scale: f32,
    pub clip: Option<Rect>,
    pub shapes: Vec<Shape>,
}

impl Group {
    fn plain(shapes: Vec<Shape>) -> Group {
        Group { dx: 0.0, dy: 0.0, scale: 1.0, clip: None, shapes }
    }
}

/// One page, in points, y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub groups: Vec<Group>,
}

/// Pages ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub pages: Vec<Page>,
}

/// Where the page breaks fall, for a preview in the export dialog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PagePlan {
    /// Page size in points (1/72 in).
    pub width_pt: f32,
    pub height_pt: f32,
    pub pages: Vec<PlannedPage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlannedPage {
    Cover,
    /// A part of the map: stages `stage_start..stage_end` (end exclusive) and
    /// the lanes `lane_start..lane_end` that show (wholly or in part) in the
    /// band `y0..y1` of the map body (points, at scale 1). `scale` is how much
    /// the map is scaled on the page.
    Map {
        stage_start: usize,
        stage_end: usize,
        lane_start: usize,
        lane_end: usize,
        y0: f32,
        y1: f32,
        scale: f32,
    },
    /// The legend and/or the funnel summary (may take more than one page).
    Summary,
    /// The appendix of open review comments (may take more than one page).
    Comments,
}

/// The labels the export adds, in the chosen language, from the UI's
/// translations (crate::i18n): the same words as on screen.
struct Labels {
    lang: Lang,
    page: &'static str,
    stages: &'static str,
    lanes: &'static str,
    persona: &'static str,
    personas: &'static str,
    persona_goals: &'static str,
    needs: &'static str,
    frustrations: &'static str,
    goal: &'static str,
    scenario: &'static str,
    date: &'static str,
    legend: &'static str,
    lanes_key: &'static str,
    emotion_key: &'static str,
    /// From very negative to very positive.
    emotions: [&'static str; 5],
    markers_key: &'static str,
    marker_colour: &'static str,
    marker_rate: &'static str,
    marker_channel: &'static str,
    marker_cut: &'static str,
    funnel: &'static str,
    overall: &'static str,
    biggest_drop: &'static str,
    incomplete: &'static str,
    no_rate: &'static str,
    by_stage: &'static str,
    by_touchpoint: &'static str,
}

impl Labels {
    /// "5 stages · 8 lanes · 12 cards"
    fn counts(&self, stages: usize, lanes: usize, cards: usize) -> String {
        let n = |v: usize| v.to_string();
        t_with(self.lang, "panel.stats", &[("stages", &n(stages)), ("lanes", &n(lanes)), ("cards", &n(cards))])
    }
}

fn labels(lang: Lang) -> Labels {
    Labels {
        lang,
        page: t(lang, "print.page"),
        stages: t(lang, "print.stages"),
        lanes: t(lang, "print.lanes"),
        persona: t(lang, "panel.persona"),
        personas: t(lang, "personas.title"),
        persona_goals: t(lang, "personas.field.goals"),
        needs: t(lang, "personas.field.needs"),
        frustrations: t(lang, "personas.field.frustrations"),
        goal: t(lang, "panel.goal"),
        scenario: t(lang, "panel.scenario"),
        date: t(lang, "print.date"),
        legend: t(lang, "export.legend"),
        lanes_key: t(lang, "print.lanesKey"),
        emotion_key: t(lang, "emotion.curve"),
        emotions: [t(lang, "emotion.-2"), t(lang, "emotion.-1"), t(lang, "emotion.0"), t(lang, "emotion.1"), t(lang, "emotion.2")],
        markers_key: t(lang, "print.markersKey"),
        marker_colour: t(lang, "print.markerColour"),
        marker_rate: t(lang, "print.markerRate"),
        marker_channel: t(lang, "print.markerChannel"),
        marker_cut: t(lang, "print.markerCut"),
        funnel: t(lang, "insights.funnelTitle"),
        overall: t(lang, "funnel.overall"),
        biggest_drop: t(lang, "funnel.biggestDrop"),
        incomplete: t(lang, "print.incomplete"),
        no_rate: t(lang, "funnel.noRate"),
        by_stage: t(lang, "funnel.byStage"),
        by_touchpoint: t(lang, "funnel.steps"),
    }
}

/// A single line of text at `x`, top of its box at `top`, cut with "…" to `max_w`.
#[allow(clippy::too_many_arguments)] // A text run's place, size, weight, colour and width: as its callers read them.
pub(super) fn line(fonts: &Fonts, s: &str, x: f32, top: f32, size: f32, weight: Weight, color: Rgb, max_w: f32) -> Option<Shape> {
    let face = fonts.face(weight);
    let l = text::fit_line(face, &text::prepare(face, s), size, max_w);
    (!l.text.is_empty()).then_some(Shape::Text(TextRun::new(x, top + face.ascender * size, l, size, weight, color)))
}

/// Wrapped text from `top`, at most `max_lines`; returns the runs and the y below them.
#[allow(clippy::too_many_arguments)] // As `line`, plus the number of lines.
pub(super) fn para(
    fonts: &Fonts,
    s: &str,
    x: f32,
    top: f32,
    size: f32,
    weight: Weight,
    color: Rgb,
    max_w: f32,
    max_lines: usize,
) -> (Vec<Shape>, f32) {
    let face = fonts.face(weight);
    let lh = size * text::LINE_SPACING;
    let w = text::wrap(face, &text::prepare(face, s), size, max_w, max_lines);
    let mut y = top;
    let mut out = Vec::new();
    for l in w.lines {
        out.push(Shape::Text(TextRun::new(x, y + face.ascender * size, l, size, weight, color)));
        y += lh;
    }
    (out, y)
}

/// How the map body is cut into pages, in map points.
struct Tiling {
    scale: f32,
    tiles: Vec<layout::Tile>,
}

fn tiling(scene: &Scene, options: &PdfOptions, frame: &layout::PageFrame) -> Tiling {
    let (_, bh) = scene.body_size();
    match options.layout {
        PageLayout::FitToPage => {
            let (fw, fh) = scene.full_size();
            let scale = layout::fit_scale(frame.body.w, frame.body.h, fw, fh, MAX_FIT_SCALE);
            Tiling { scale, tiles: vec![layout::Tile { cols: 0..scene.cols.len(), y0: 0.0, y1: bh }] }
        }
        PageLayout::Tiled => {
            // Full size, unless not even one stage column fits across the page.
            let scale = layout::fit_scale(frame.body.w, f32::MAX, LANE_W + scene::COL_W, 1.0, 1.0);
            let avail_w = frame.body.w / scale - LANE_W;
            let avail_h = (frame.body.h / scale - HEAD_H).max(HEAD_H);
            let widths: Vec<f32> = scene.cols.iter().map(|c| c.1 - c.0).collect();
            let groups = layout::split_columns(&widths, avail_w);
            let bounds: Vec<f32> = scene.rows.iter().map(|r| r.y1).collect();
            let bands = layout::split_rows(bh, avail_h, &bounds, &scene.atoms);
            let groups = if groups.is_empty() { std::iter::once(0..0).collect() } else { groups };
            Tiling { scale, tiles: layout::tiles(&groups, &bands) }
        }
    }
}

fn frame(options: &PdfOptions) -> layout::PageFrame {
    let (w, h) = layout::page_size_pt(options.page_size, options.orientation);
    layout::page_frame(w, h, MARGIN, HEADER_H, FOOTER_H)
}

fn lanes_in(scene: &Scene, y0: f32, y1: f32) -> Range<usize> {
    let mut it = scene.rows_in(y0, y1).map(|(i, _, _)| i);
    match it.next() {
        Some(first) => first..it.last().unwrap_or(first) + 1,
        None => 0..0,
    }
}

/// Height of a row of the funnel summary.
const FUNNEL_ROW_H: f32 = 17.0;

/// The columns of the funnel summary's rows.
struct RowColumns {
    x0: f32,
    w: f32,
    stage_w: f32,
    text_w: f32,
    bar_w: f32,
}

/// One row of the funnel summary: a stage (and a touchpoint's text, if any),
/// a bar of the share still there, and the rate with that share.
struct FunnelRow<'a> {
    stage_index: usize,
    text: Option<&'a str>,
    rate: Option<f64>,
    cumulative: Option<f64>,
    bold: bool,
    bar: Rgb,
}

#[allow(clippy::too_many_arguments)]
fn funnel_row(
    out: &mut Vec<Shape>,
    fonts: &Fonts,
    map: &Map,
    row: &FunnelRow,
    c: &RowColumns,
    y: f32,
    shaded: bool,
    lang: Lang,
    no_rate: &str,
) {
    if shaded {
        out.push(Shape::Rect { rect: Rect::new(c.x0, y - 3.0, c.w, FUNNEL_ROW_H), radius: 0.0, fill: Some(Rgb::SURFACE_2), stroke: None });
    }
    let stage = map.stages.get(row.stage_index).map_or("", |s| s.name.as_str());
    let color = map.stages.get(row.stage_index).map_or(Rgb::ACCENT, |s| scene::stage_color(&s.color, row.stage_index));
    out.push(Shape::Circle { cx: c.x0 + 5.0, cy: y + 5.5, r: 3.0, fill: Some(color), stroke: None });
    let weight = if row.bold { Weight::Bold } else { Weight::Regular };
    match row.text {
        Some(text) => {
            out.extend(line(fonts, stage, c.x0 + 14.0, y, 8.5, Weight::Bold, Rgb::TEXT_2, c.stage_w - 18.0));
            out.extend(line(fonts, text, c.x0 + c.stage_w, y, 8.5, weight, Rgb::TEXT, c.text_w - 8.0));
        }
        None => out.extend(line(fonts, stage, c.x0 + 14.0, y, 8.5, Weight::Bold, Rgb::TEXT_2, c.stage_w + c.text_w - 22.0)),
    }
    let bx = c.x0 + c.stage_w + c.text_w;
    out.push(Shape::Rect { rect: Rect::new(bx, y + 1.0, c.bar_w, 9.0), radius: 2.0, fill: Some(Rgb(0xee, 0xf0, 0xf4)), stroke: None });
    if let Some(cum) = row.cumulative {
        let bw = (c.bar_w * (cum / 100.0) as f32).clamp(0.0, c.bar_w);
        if bw > 0.3 {
            out.push(Shape::Rect { rect: Rect::new(bx, y + 1.0, bw, 9.0), radius: 2.0, fill: Some(row.bar), stroke: None });
        }
    }
    let figures = match (row.rate, row.cumulative) {
        (Some(r), Some(cum)) => format!("› {}   ({})", scene::format_percent(r, lang), scene::format_percent(cum, lang)),
        _ => no_rate.to_owned(),
    };
    let fx = bx + c.bar_w + 10.0;
    out.extend(line(fonts, &figures, fx, y, 8.5, weight, Rgb::TEXT, c.x0 + c.w - fx));
}

fn has_summary(map: &Map, options: &PdfOptions) -> bool {
    options.legend || (options.funnel && funnel::funnel(map).is_some())
}

/// The page plan of a PDF export of `map` (of `project`) with `options`.
pub fn page_plan(project: &Project, map: &Map, pictures: &Pictures, options: &PdfOptions) -> Result<PagePlan, ExportError> {
    let scene = scene::build(map, &project.personas, pictures, options.lang, &options.hidden_curves)?;
    let f = frame(options);
    let t = tiling(&scene, options, &f);
    let mut pages = Vec::new();
    if options.cover {
        pages.push(PlannedPage::Cover);
    }
    for tile in &t.tiles {
        let lanes = lanes_in(&scene, tile.y0, tile.y1);
        pages.push(PlannedPage::Map {
            stage_start: tile.cols.start,
            stage_end: tile.cols.end,
            lane_start: lanes.start,
            lane_end: lanes.end,
            y0: tile.y0,
            y1: tile.y1,
            scale: t.scale,
        });
    }
    if has_summary(map, options) {
        // The summary's length depends on the funnel; count its pages by composing it.
        let fonts = Fonts::bundled()?;
        let n = summary_pages(project, map, options, &f, fonts).len();
        pages.extend(std::iter::repeat_n(PlannedPage::Summary, n));
    }
    if options.comments && super::comments::has_open(map) {
        let n = super::comments::pages(map, options.lang, &f, Fonts::bundled()?).len();
        pages.extend(std::iter::repeat_n(PlannedPage::Comments, n));
    }
    Ok(PagePlan { width_pt: f.width, height_pt: f.height, pages })
}

/// The part `cols` × `y0..y1` of the map at `scale`, with its stage headers
/// and lane titles, its top-left corner at `(ox, oy)` on the page.
#[allow(clippy::too_many_arguments)] // The region, its scale and its place on the page.
fn map_region(scene: &Scene, cols: Range<usize>, y0: f32, y1: f32, scale: f32, ox: f32, oy: f32, fonts: &Fonts) -> Vec<Group> {
    let Some(&(cx0, _)) = scene.cols.get(cols.start) else { return Vec::new() };
    let cx1 = scene.cols.get(cols.end.saturating_sub(1)).map_or(cx0, |c| c.1);
    let s = scale;
    let body_clip = Rect::new(ox + s * LANE_W, oy + s * HEAD_H, s * (cx1 - cx0), s * (y1 - y0));
    let view = Rect::new(cx0, y0, cx1 - cx0, y1 - y0);
    let mut groups = Vec::new();
    // Corner above the lane titles.
    groups.push(Group {
        dx: ox,
        dy: oy,
        scale: s,
        clip: None,
        shapes: vec![
            Shape::Rect { rect: Rect::new(0.0, 0.0, LANE_W, HEAD_H), radius: 0.0, fill: Some(Rgb::WHITE), stroke: None },
            Shape::Line { from: (0.0, HEAD_H), to: (LANE_W, HEAD_H), stroke: Stroke::solid(Rgb::BORDER, 0.6) },
            Shape::Line { from: (LANE_W, 0.0), to: (LANE_W, HEAD_H), stroke: Stroke::solid(Rgb::BORDER, 0.6) },
        ],
    });
    // Body first, so the headers' borders draw on top.
    let body: Vec<Shape> = scene.body.iter().filter(|i| i.bbox.overlaps(&view)).map(|i| i.shape.clone()).collect();
    groups.push(Group { dx: ox + s * (LANE_W - cx0), dy: oy + s * (HEAD_H - y0), scale: s, clip: Some(body_clip), shapes: body });
    let heads: Vec<Shape> = cols.clone().flat_map(|c| scene.stage_heads[c].iter().cloned()).collect();
    groups.push(Group { dx: ox + s * (LANE_W - cx0), dy: oy, scale: s, clip: None, shapes: heads });
    let lanes: Vec<Shape> = scene.rows_in(y0, y1).flat_map(|(i, a, b)| scene.lane_head(i, a, b, fonts)).collect();
    let lane_clip = Rect::new(ox, oy + s * HEAD_H, s * LANE_W + 1.0, s * (y1 - y0));
    groups.push(Group { dx: ox, dy: oy + s * (HEAD_H - y0), scale: s, clip: Some(lane_clip), shapes: lanes });
    groups
}

fn background(w: f32, h: f32) -> Group {
    Group::plain(vec![Shape::Rect { rect: Rect::new(0.0, 0.0, w, h), radius: 0.0, fill: Some(Rgb::WHITE), stroke: None }])
}

fn persona_of<'a>(project: &'a Project, map: &Map) -> Option<&'a crate::model::Persona> {
    map.persona_id.as_deref().and_then(|id| project.personas.iter().find(|p| p.id == id))
}

/// The names of the map's personas: its own first, then each other persona
/// with an emotion curve on it; a persona whose curve is `hidden` is not named.
fn persona_names(project: &Project, map: &Map, hidden: &[String]) -> Vec<String> {
    let shown = |id: &&str| !hidden.iter().any(|h| h == id);
    let mut ids: Vec<&str> = map.persona_id.as_deref().into_iter().filter(shown).collect();
    for id in scene::drawn_curves(map, &project.personas, hidden).into_iter().filter_map(|c| c.persona) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter().filter_map(|id| project.personas.iter().find(|p| p.id == id)).map(|p| p.name.trim().to_owned()).collect()
}

fn cover_page(project: &Project, map: &Map, options: &PdfOptions, f: &layout::PageFrame, date: &str, fonts: &Fonts) -> Page {
    let l = labels(options.lang);
    let x = MARGIN + 36.0;
    let persona = persona_of(project, map);
    // With a persona, the right part of the page is its card.
    let full_w = f.width - x - MARGIN - 36.0;
    let w = if persona.is_some() { full_w * 0.56 } else { full_w };
    let mut shapes = vec![Shape::Rect {
        rect: Rect::new(MARGIN, MARGIN, 6.0, f.height - 2.0 * MARGIN),
        radius: 3.0,
        fill: Some(Rgb::ACCENT),
        stroke: None,
    }];
    let mut y = f.height * 0.16;
    let (t, ny) = para(fonts, &map.name, x, y, 30.0, Weight::Bold, Rgb::TEXT, w, 3);
    shapes.extend(t);
    y = ny + 4.0;
    let (t, ny) = para(fonts, &project.title, x, y, 15.0, Weight::Regular, Rgb::TEXT_2, w, 2);
    shapes.extend(t);
    y = ny + 28.0;
    let field = |label: &str, value: &str, lines: usize, shapes: &mut Vec<Shape>, y: &mut f32| {
        if value.trim().is_empty() {
            return;
        }
        shapes.extend(line(fonts, &label.to_uppercase(), x, *y, 8.0, Weight::Bold, Rgb::MUTED, w));
        let (t, ny) = para(fonts, value, x, *y + 13.0, 11.5, Weight::Regular, Rgb::TEXT, w, lines);
        shapes.extend(t);
        *y = ny + 14.0;
    };
    field(l.goal, &map.goal, 4, &mut shapes, &mut y);
    field(l.scenario, &map.scenario, 4, &mut shapes, &mut y);
    field(l.date, date, 1, &mut shapes, &mut y);
    // The persona card shows the map's own persona; the others are named here.
    let names = persona_names(project, map, &options.hidden_curves);
    if names.len() > 1 {
        field(l.personas, &names.join(", "), 2, &mut shapes, &mut y);
    }
    let counts = l.counts(map.stages.len(), map.lanes.len(), map.cards.len());
    shapes.extend(line(fonts, &counts, x, f.height - MARGIN - 20.0, 9.0, Weight::Regular, Rgb::MUTED, w));
    if let Some(p) = persona {
        let px = x + w + full_w * 0.06;
        let panel = Rect::new(px, f.height * 0.16 - 14.0, full_w - (px - x), f.height * 0.84 - MARGIN - 40.0 - f.height * 0.16 + 14.0);
        shapes.extend(persona_card(p, panel, &l, fonts));
    }
    Page { width: f.width, height: f.height, groups: vec![background(f.width, f.height), Group::plain(shapes)] }
}

/// The persona of the cover: photo, name, role, quote, goals, needs, frustrations.
fn persona_card(p: &crate::model::Persona, panel: Rect, l: &Labels, fonts: &Fonts) -> Vec<Shape> {
    let pad = 16.0;
    let mut out = vec![Shape::Rect { rect: panel, radius: 8.0, fill: Some(Rgb::SURFACE_2), stroke: Some(Stroke::solid(Rgb::BORDER, 0.6)) }];
    let (x, w) = (panel.x + pad, panel.w - 2.0 * pad);
    let mut y = panel.y + pad;
    out.extend(line(fonts, &l.persona.to_uppercase(), x, y, 8.0, Weight::Bold, Rgb::MUTED, w));
    y += 16.0;
    let photo = 72.0;
    let text_x = if p.photo.is_empty() { x } else { x + photo + 12.0 };
    if !p.photo.is_empty() {
        out.push(Shape::Image { rect: Rect::new(x, y, photo, photo), data_url: p.photo.clone() });
    }
    let tw = x + w - text_x;
    let (t, ny) = para(fonts, &p.name, text_x, y, 15.0, Weight::Bold, Rgb::TEXT, tw, 2);
    out.extend(t);
    let mut ty = ny + 2.0;
    if !p.role.trim().is_empty() {
        let (t, ny) = para(fonts, &p.role, text_x, ty, 10.0, Weight::Regular, Rgb::TEXT_2, tw, 2);
        out.extend(t);
        ty = ny;
    }
    y = if p.photo.is_empty() { ty } else { ty.max(y + photo) } + 10.0;
    let bottom = panel.y + panel.h - pad;
    if !p.quote.trim().is_empty() {
        out.push(Shape::Rect { rect: Rect::new(x, y, 2.5, 12.0), radius: 1.0, fill: Some(Rgb::ACCENT), stroke: None });
        let (t, ny) = para(fonts, &p.quote, x + 9.0, y, 10.5, Weight::Regular, Rgb::TEXT_2, w - 9.0, 3);
        out.extend(t);
        y = ny + 10.0;
    }
    for (label, value) in [(l.persona_goals, &p.goals), (l.needs, &p.needs), (l.frustrations, &p.frustrations), ("", &p.description)] {
        if value.trim().is_empty() || y + 24.0 > bottom {
            continue;
        }
        if !label.is_empty() {
            out.extend(line(fonts, &label.to_uppercase(), x, y, 7.5, Weight::Bold, Rgb::MUTED, w));
            y += 12.0;
        }
        let lines = (((bottom - y) / 13.0).floor() as usize).clamp(1, 4);
        let (t, ny) = para(fonts, value, x, y, 9.5, Weight::Regular, Rgb::TEXT, w, lines);
        out.extend(t);
        y = ny + 9.0;
    }
    out
}

/// The key and the funnel, over as many pages as the funnel needs.
fn summary_pages(project: &Project, map: &Map, options: &PdfOptions, f: &layout::PageFrame, fonts: &Fonts) -> Vec<Vec<Shape>> {
    let l = labels(options.lang);
    let x0 = f.body.x;
    let w = f.body.w;
    let bottom = f.body.bottom();
    let mut pages: Vec<Vec<Shape>> = vec![Vec::new()];
    let mut y = f.body.y + 6.0;
    if options.legend {
        let out = pages.last_mut().expect("one page");
        out.extend(line(fonts, l.legend, x0, y, 15.0, Weight::Bold, Rgb::TEXT, w));
        y += 28.0;
        // Lanes of this map: swatch as the card looks, name and kind.
        let col_w = (w - 24.0) / 3.0;
        let top = y;
        out.extend(line(fonts, &l.lanes_key.to_uppercase(), x0, y, 7.5, Weight::Bold, Rgb::MUTED, col_w));
        y += 14.0;
        for lane in map.lanes.iter().take(16) {
            let st = scene::lane_style(lane);
            out.push(Shape::Rect {
                rect: Rect::new(x0, y, 22.0, 12.0),
                radius: 3.0,
                fill: Some(st.card),
                stroke: Some(Stroke::solid(st.accent, 0.8)),
            });
            out.push(Shape::Rect { rect: Rect::new(x0 + 0.8, y + 2.0, 2.4, 8.0), radius: 1.2, fill: Some(st.accent), stroke: None });
            out.extend(line(fonts, &lane.name, x0 + 30.0, y + 0.5, 8.5, Weight::Regular, Rgb::TEXT, col_w - 30.0));
            y += 17.0;
        }
        let mut y2 = top;
        let x1 = x0 + col_w + 12.0;
        out.extend(line(fonts, &l.emotion_key.to_uppercase(), x1, y2, 7.5, Weight::Bold, Rgb::MUTED, col_w));
        y2 += 14.0;
        for (i, name) in l.emotions.iter().enumerate().rev() {
            let score = i as i8 - 2;
            out.push(Shape::Circle { cx: x1 + 6.0, cy: y2 + 6.0, r: 4.0, fill: Some(scene::emotion_color(score)), stroke: None });
            let label = if score > 0 { format!("+{score}  {name}") } else { format!("{score}  {name}") };
            out.extend(line(fonts, &label, x1 + 18.0, y2 + 0.5, 8.5, Weight::Regular, Rgb::TEXT, col_w - 18.0));
            y2 += 17.0;
        }
        // The emotion curves, each in its persona's colour.
        let curves = scene::drawn_curves(map, &project.personas, &options.hidden_curves);
        if curves.len() > 1 || curves.first().is_some_and(|c| c.persona.is_some()) {
            y2 += 6.0;
            for curve in &curves {
                out.push(Shape::Line {
                    from: (x1, y2 + 6.0),
                    to: (x1 + 12.0, y2 + 6.0),
                    stroke: Stroke::solid(scene::curve_color(curve.color), 2.2),
                });
                let name = scene::curve_name(curve.persona, &project.personas, options.lang);
                out.extend(line(fonts, &name, x1 + 18.0, y2 + 0.5, 8.5, Weight::Regular, Rgb::TEXT, col_w - 18.0));
                y2 += 17.0;
            }
        }
        let x2 = x1 + col_w + 12.0;
        let mut y3 = top;
        out.extend(line(fonts, &l.markers_key.to_uppercase(), x2, y3, 7.5, Weight::Bold, Rgb::MUTED, col_w));
        y3 += 14.0;
        let touch = scene::kind_style(LaneKind::Touchpoints);
        let samples: [(Shape, &str); 4] = [
            (
                Shape::Rect { rect: Rect::new(x2, y3 + 1.0, 2.6, 10.0), radius: 1.2, fill: Some(Rgb(0xec, 0x48, 0x99)), stroke: None },
                l.marker_colour,
            ),
            (
                Shape::Rect { rect: Rect::new(x2, y3 + 17.0 + 0.5, 24.0, 11.0), radius: 3.0, fill: Some(touch.soft), stroke: None },
                l.marker_channel,
            ),
            (
                Shape::Text(TextRun::new(
                    x2,
                    y3 + 34.0 + 9.0,
                    text::fit_line(fonts.face(Weight::Bold), "› 42%", 7.0, f32::INFINITY),
                    7.0,
                    Weight::Bold,
                    touch.accent,
                )),
                l.marker_rate,
            ),
            (
                Shape::Text(TextRun::new(
                    x2 + 4.0,
                    y3 + 51.0 + 9.0,
                    text::fit_line(fonts.face(Weight::Regular), &text::ELLIPSIS.to_string(), 9.0, f32::INFINITY),
                    9.0,
                    Weight::Regular,
                    Rgb::TEXT,
                )),
                l.marker_cut,
            ),
        ];
        for (i, (shape, label)) in samples.into_iter().enumerate() {
            out.push(shape);
            if i == 1 {
                out.extend(line(fonts, "WEB", x2 + 4.0, y3 + 2.5, 6.5, Weight::Bold, touch.accent, 18.0));
            }
            out.extend(line(fonts, label, x2 + 32.0, y3 + 0.5, 8.5, Weight::Regular, Rgb::TEXT, col_w - 32.0));
            y3 += 17.0;
        }
        y = y.max(y2).max(y3) + 24.0;
    }
    if options.funnel {
        if let Some(funnel) = funnel::funnel(map) {
            let row_h = FUNNEL_ROW_H;
            if y + 80.0 > bottom {
                pages.push(Vec::new());
                y = f.body.y + 6.0;
            }
            let out = pages.last_mut().expect("one page");
            out.extend(line(fonts, l.funnel, x0, y, 15.0, Weight::Bold, Rgb::TEXT, w));
            y += 24.0;
            let drop = &funnel.steps[funnel.biggest_drop];
            let summary = format!(
                "{}: {}   ·   {}: {} ({})",
                l.overall,
                scene::format_percent(funnel.overall, options.lang),
                l.biggest_drop,
                text::clean(&drop.text).replace('\n', " "),
                drop.rate.map(|r| scene::format_percent(r, options.lang)).unwrap_or_default()
            );
            out.extend(line(fonts, &summary, x0, y, 10.0, Weight::Bold, Rgb::TEXT_2, w));
            y += 16.0;
            let names = persona_names(project, map, &options.hidden_curves);
            if !names.is_empty() {
                out.extend(line(fonts, &format!("{}: {}", l.personas, names.join(", ")), x0, y, 8.5, Weight::Regular, Rgb::TEXT_2, w));
                y += 13.0;
            }
            if funnel.incomplete {
                out.extend(line(fonts, l.incomplete, x0, y, 8.0, Weight::Regular, Rgb::MUTED, w));
                y += 13.0;
            }
            y += 6.0;
            let (stage_w, text_w, bar_w) = (w * 0.16, w * 0.38, w * 0.26);
            // Per stage: the product of its rates, and the share still there after it.
            let out = pages.last_mut().expect("one page");
            out.extend(line(fonts, &l.by_stage.to_uppercase(), x0, y, 7.5, Weight::Bold, Rgb::MUTED, w));
            y += 14.0;
            let cols = RowColumns { x0, w, stage_w, text_w, bar_w };
            for (i, sf) in funnel.stages.iter().enumerate() {
                if y + row_h > bottom {
                    pages.push(Vec::new());
                    y = f.body.y + 6.0;
                }
                let color = map.stages.get(sf.stage_index).map_or(Rgb::ACCENT, |s| scene::stage_color(&s.color, sf.stage_index));
                let row = FunnelRow {
                    stage_index: sf.stage_index,
                    text: None,
                    rate: sf.rate,
                    cumulative: sf.cumulative,
                    bold: false,
                    bar: color,
                };
                funnel_row(pages.last_mut().expect("one page"), fonts, map, &row, &cols, y, i % 2 == 0, options.lang, l.no_rate);
                y += row_h;
            }
            y += 10.0;
            if y + 2.0 * row_h > bottom {
                pages.push(Vec::new());
                y = f.body.y + 6.0;
            }
            let out = pages.last_mut().expect("one page");
            out.extend(line(fonts, &l.by_touchpoint.to_uppercase(), x0, y, 7.5, Weight::Bold, Rgb::MUTED, w));
            y += 14.0;
            for (i, step) in funnel.steps.iter().enumerate() {
                if y + row_h > bottom {
                    pages.push(Vec::new());
                    y = f.body.y + 6.0;
                }
                let is_drop = i == funnel.biggest_drop;
                let bar = if is_drop { Rgb(0xe1, 0x1d, 0x48) } else { Rgb(0x3b, 0x82, 0xf6) };
                let row = FunnelRow {
                    stage_index: step.stage_index,
                    text: Some(&step.text),
                    rate: step.rate,
                    cumulative: step.cumulative,
                    bold: is_drop,
                    bar,
                };
                funnel_row(pages.last_mut().expect("one page"), fonts, map, &row, &cols, y, i % 2 == 0, options.lang, l.no_rate);
                y += row_h;
            }
        }
    }
    pages.retain(|p| !p.is_empty());
    pages
}

/// Running header and footer of a page.
#[allow(clippy::too_many_arguments)] // What a header and footer show: map, project, page number of total, date.
fn decorate(
    page: &mut Page,
    map: &Map,
    project: &Project,
    options: &PdfOptions,
    f: &layout::PageFrame,
    context: &str,
    number: usize,
    total: usize,
    date: &str,
    fonts: &Fonts,
) {
    let l = labels(options.lang);
    let mut shapes = Vec::new();
    let w = f.header.w;
    let ctx = text::fit_line(fonts.face(Weight::Regular), &text::prepare(fonts.face(Weight::Regular), context), 8.0, w * 0.4);
    let title_w = w - ctx.width - 16.0;
    shapes.extend(line(fonts, &map.name, f.header.x, f.header.y, 12.0, Weight::Bold, Rgb::TEXT, title_w));
    if !ctx.text.is_empty() {
        let face = fonts.face(Weight::Regular);
        shapes.push(Shape::Text(TextRun::new(
            f.header.right() - ctx.width,
            f.header.y + 3.0 + face.ascender * 8.0,
            ctx,
            8.0,
            Weight::Regular,
            Rgb::MUTED,
        )));
    }
    let fy = f.footer.bottom() - 10.0;
    shapes.push(Shape::Line { from: (f.footer.x, fy - 5.0), to: (f.footer.right(), fy - 5.0), stroke: Stroke::solid(Rgb::BORDER, 0.6) });
    let num = if options.page_numbers { format!("{} {number} / {total}", l.page) } else { String::new() };
    let nl = text::fit_line(fonts.face(Weight::Regular), &num, 7.5, w * 0.3);
    let left = if project.title.trim().is_empty() { date.to_owned() } else { format!("{} · {date}", project.title.trim()) };
    shapes.extend(line(fonts, &left, f.footer.x, fy, 7.5, Weight::Regular, Rgb::MUTED, w - nl.width - 16.0));
    if !nl.text.is_empty() {
        shapes.push(Shape::Text(TextRun::new(
            f.footer.right() - nl.width,
            fy + fonts.face(Weight::Regular).ascender * 7.5,
            nl,
            7.5,
            Weight::Regular,
            Rgb::MUTED,
        )));
    }
    page.groups.push(Group::plain(shapes));
}

/// Every page of a PDF export.
pub fn document(project: &Project, map: &Map, pictures: &Pictures, options: &PdfOptions) -> Result<Document, ExportError> {
    let fonts = Fonts::bundled()?;
    let scene = scene::build(map, &project.personas, pictures, options.lang, &options.hidden_curves)?;
    let f = frame(options);
    let t = tiling(&scene, options, &f);
    let date = options.date.clone().unwrap_or_else(super::today);
    let l = labels(options.lang);
    // (page, header context), decorated once the total is known.
    let mut pages: Vec<(Page, Option<String>)> = Vec::new();
    if options.cover {
        pages.push((cover_page(project, map, options, &f, &date, fonts), None));
    }
    let (fw, _) = scene.full_size();
    for tile in &t.tiles {
        let s = t.scale;
        // Centre a map narrower than the page (fit to page); tiles start at the left.
        let ox = match options.layout {
            PageLayout::FitToPage => f.body.x + ((f.body.w - s * fw) / 2.0).max(0.0),
            PageLayout::Tiled => f.body.x,
        };
        let mut page = Page { width: f.width, height: f.height, groups: vec![background(f.width, f.height)] };
        page.groups.extend(map_region(&scene, tile.cols.clone(), tile.y0, tile.y1, s, ox, f.body.y + 4.0, fonts));
        let lanes = lanes_in(&scene, tile.y0, tile.y1);
        let context = if t.tiles.len() > 1 && !tile.cols.is_empty() {
            format!("{} {}–{} · {} {}–{}", l.stages, tile.cols.start + 1, tile.cols.end, l.lanes, lanes.start + 1, lanes.end)
        } else {
            String::new()
        };
        pages.push((page, Some(context)));
    }
    if has_summary(map, options) {
        for shapes in summary_pages(project, map, options, &f, fonts) {
            let page = Page { width: f.width, height: f.height, groups: vec![background(f.width, f.height), Group::plain(shapes)] };
            pages.push((page, Some(String::new())));
        }
    }
    if options.comments {
        for groups in super::comments::pages(map, options.lang, &f, fonts) {
            let mut page = Page { width: f.width, height: f.height, groups: vec![background(f.width, f.height)] };
            page.groups.extend(groups);
            pages.push((page, Some(String::new())));
        }
    }
    let total = pages.len();
    let mut out = Vec::with_capacity(total);
    for (i, (mut page, context)) in pages.into_iter().enumerate() {
        if let Some(ctx) = context {
            decorate(&mut page, map, project, options, &f, &ctx, i + 1, total, &date, fonts);
        }
        out.push(page);
    }
    Ok(Document { title: map.name.clone(), pages: out })
}

/// The whole map on one page sized to it, with its title: the SVG / PNG picture.
pub fn picture(project: &Project, map: &Map, pictures: &Pictures, view: &super::View) -> Result<Page, ExportError> {
    let fonts = Fonts::bundled()?;
    let lang = view.lang;
    let scene = scene::build(map, &project.personas, pictures, lang, &view.hidden_curves)?;
    let (fw, fh) = scene.full_size();
    let m = 24.0;
    let width = (fw + 2.0 * m).max(320.0);
    let title_h = 44.0;
    let height = m + title_h + fh + m;
    let mut shapes = Vec::new();
    shapes.extend(line(fonts, &map.name, m, m, 16.0, Weight::Bold, Rgb::TEXT, width - 2.0 * m));
    let mut sub = vec![project.title.trim().to_owned()];
    sub.push(persona_names(project, map, &view.hidden_curves).join(", "));
    if !map.goal.trim().is_empty() {
        sub.push(map.goal.clone());
    }
    let sub: Vec<String> = sub.into_iter().filter(|s| !s.is_empty()).collect();
    shapes.extend(line(fonts, &sub.join(" · "), m, m + 22.0, 9.0, Weight::Regular, Rgb::MUTED, width - 2.0 * m));
    let (_, bh) = scene.body_size();
    let mut groups = vec![background(width, height), Group::plain(shapes)];
    groups.extend(map_region(&scene, 0..scene.cols.len(), 0.0, bh, 1.0, m, m + title_h, fonts));
    Ok(Page { width, height, groups })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{sample, Orientation, PageSize};

    fn opts(layout: PageLayout) -> PdfOptions {
        PdfOptions { layout, date: Some("2025-01-01".into()), ..PdfOptions::default() }
    }

    /// Every text run of a page, in page coordinates, with its clip.
    fn page_texts(page: &Page, fonts: &Fonts) -> Vec<(Rect, Option<Rect>, String)> {
        let mut out = Vec::new();
        for g in &page.groups {
            for s in &g.shapes {
                if let Shape::Text(t) = s {
                    let b = t.bounds(fonts);
                    let r = Rect::new(g.dx + g.scale * b.x, g.dy + g.scale * b.y, g.scale * b.w, g.scale * b.h);
                    out.push((r, g.clip, t.text.clone()));
                }
            }
        }
        out
    }

    #[test]
    fn twelve_stages_tile_into_four_pages_on_a4_landscape() {
        // Body width of A4 landscape: 841.89 − 2 × 28 = 785.89; minus the lane
        // column (124) leaves 661.89: three 196-pt stages per page.
        let p = sample::wide_project(12, 3);
        let plan = page_plan(&p, &p.maps[0], &Default::default(), &PdfOptions { legend: false, funnel: false, ..opts(PageLayout::Tiled) })
            .expect("plan");
        assert_eq!(plan.pages.len(), 4, "{plan:?}");
        assert_eq!((plan.width_pt, plan.height_pt), (841.89, 595.28));
        let starts: Vec<_> = plan
            .pages
            .iter()
            .map(|p| match p {
                PlannedPage::Map { stage_start, stage_end, .. } => (*stage_start, *stage_end),
                _ => (99, 99),
            })
            .collect();
        assert_eq!(starts, [(0, 3), (3, 6), (6, 9), (9, 12)]);
        // Portrait: 595.28 − 56 − 124 = 415.28 → two stages per page.
        let portrait = PdfOptions { orientation: Orientation::Portrait, legend: false, funnel: false, ..opts(PageLayout::Tiled) };
        assert_eq!(page_plan(&p, &p.maps[0], &Default::default(), &portrait).expect("plan").pages.len(), 6);
        // Cover and legend add a page each.
        let all = PdfOptions { cover: true, legend: true, ..opts(PageLayout::Tiled) };
        let plan = page_plan(&p, &p.maps[0], &Default::default(), &all).expect("plan");
        assert_eq!(plan.pages.first(), Some(&PlannedPage::Cover));
        // The summary (legend, then the funnel by stage and by touchpoint) comes last, on one page or more.
        let summary = plan.pages.iter().position(|p| matches!(p, PlannedPage::Summary)).expect("a summary page");
        assert!(plan.pages[summary..].iter().all(|p| matches!(p, PlannedPage::Summary)), "{plan:?}");
        // Fit to page is one page.
        let fit =
            page_plan(&p, &p.maps[0], &Default::default(), &PdfOptions { legend: false, funnel: false, ..opts(PageLayout::FitToPage) })
                .expect("plan");
        assert_eq!(fit.pages.len(), 1);
    }

    #[test]
    fn big_map_tiles_cover_every_stage_and_the_whole_height() {
        let p = sample::generated_project(500, 10);
        let options = PdfOptions { page_size: PageSize::A4, legend: false, funnel: false, ..opts(PageLayout::Tiled) };
        let plan = page_plan(&p, &p.maps[0], &Default::default(), &options).expect("plan");
        let scene = scene::build(&p.maps[0], &p.personas, &Default::default(), Lang::En, &[]).expect("scene");
        let (_, bh) = scene.body_size();
        let mut per_group: std::collections::BTreeMap<(usize, usize), f32> = Default::default();
        for page in &plan.pages {
            if let PlannedPage::Map { stage_start, stage_end, y0, y1, .. } = page {
                *per_group.entry((*stage_start, *stage_end)).or_default() += y1 - y0;
                // The band fits the page body.
                assert!(y1 - y0 <= 595.28 - 2.0 * MARGIN - HEADER_H - FOOTER_H - HEAD_H + 0.1);
            }
        }
        assert_eq!(per_group.keys().map(|k| k.1 - k.0).sum::<usize>(), 10);
        for h in per_group.values() {
            assert!((h - bh).abs() < 0.1);
        }
        assert!(plan.pages.len() > 4);
    }

    #[test]
    fn page_text_stays_on_the_page_and_does_not_overlap() {
        let fonts = Fonts::bundled().expect("fonts");
        for project in [sample::vietnamese_project(), sample::hostile_project(), sample::generated_project(200, 6)] {
            for layout in [PageLayout::Tiled, PageLayout::FitToPage] {
                let options = PdfOptions { cover: true, ..opts(layout) };
                let doc = document(&project, &project.maps[0], &Default::default(), &options).expect("document");
                for page in &doc.pages {
                    let texts = page_texts(page, fonts);
                    let sheet = Rect::new(0.0, 0.0, page.width, page.height);
                    for (i, (a, clip, s)) in texts.iter().enumerate() {
                        let visible = clip.is_none_or(|c| c.overlaps(a));
                        if !visible {
                            continue;
                        }
                        assert!(sheet.contains(a), "off the page: {s:?} {a:?}");
                        for (b, clip_b, t) in &texts[i + 1..] {
                            if clip_b.is_none_or(|c| c.overlaps(b)) {
                                assert!(!a.overlaps(b), "{s:?} {a:?} overlaps {t:?} {b:?}");
                            }
                        }
                    }
                }
            }
        }
    }
}
