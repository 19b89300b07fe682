//! The whole map laid out once, in points, as shapes every output draws the
//! same way: stage headers (columns), lane titles (rows), cells, cards with
//! their colours, channel labels and rates, and the emotion curve.
//!
//! Coordinates: the *body* (the cells) starts at (0, 0) and grows right and
//! down. Stage headers live in the strip above it (y in `0..HEAD_H`, x in body
//! coordinates); lane titles in the column to its left (x in `0..LANE_W`, y in
//! body coordinates) and are drawn on demand for the part of a row a page
//! shows, so a row cut by a page break gets its title on both pages.
//!
//! Every piece of text is wrapped by the faces' real advances to the box it is
//! drawn in, and cut with "…" when it does not fit, so nothing overlaps.

use std::collections::HashMap;

use super::blueprint;
use super::layout::{self, Cubic, Rect};
use super::shape::Glyph;
use super::text::{self, Fonts, Weight};
use super::theme;
pub use super::theme::{kind_style, KindStyle};
use super::ExportError;
use crate::card_image::{Picture, Pictures};
use crate::model::{Card, Lane, LaneKind, Map, Persona, EMOTION_MAX, EMOTION_MIN};
use crate::template::Lang;
use crate::{channels, i18n};

/// Width of the lane-title column.
pub const LANE_W: f32 = 124.0;
/// Width of a stage column.
pub const COL_W: f32 = 196.0;
/// Height of the stage-header strip.
pub const HEAD_H: f32 = 44.0;
/// Space between a cell's border and its cards.
pub const CELL_PAD: f32 = 8.0;
/// Space between cards in a cell.
pub const CARD_GAP: f32 = 6.0;
/// Inner padding of a card.
pub const CARD_PAD_X: f32 = 8.0;
pub const CARD_PAD_Y: f32 = 6.5;
pub const TEXT_SIZE: f32 = 8.5;
pub const NOTE_SIZE: f32 = 7.0;
pub const META_SIZE: f32 = 6.5;
/// Lines of a card's text before it is cut with "…".
pub const CARD_MAX_LINES: usize = 14;
pub const NOTE_MAX_LINES: usize = 4;
/// Smallest height of a lane row.
pub const ROW_MIN: f32 = 58.0;
/// Height of the emotion curve's plot, at the top of an emotions lane.
pub const PLOT_H: f32 = 86.0;
/// Height of a card's label row (channel, rate, volume, emotion score).
const META_H: f32 = 12.0;
const RADIUS: f32 = 5.0;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(255, 255, 255);
    pub const TEXT: Rgb = Rgb(0x1c, 0x21, 0x30);
    pub const TEXT_2: Rgb = Rgb(0x46, 0x50, 0x66);
    pub const MUTED: Rgb = Rgb(0x7a, 0x83, 0x96);
    pub const BORDER: Rgb = Rgb(0xe3, 0xe6, 0xee);
    pub const SURFACE_2: Rgb = Rgb(0xfa, 0xfb, 0xfd);
    pub const ACCENT: Rgb = Rgb(0x4f, 0x46, 0xe5);

    /// `#rrggbb` (or `#rgb`); anything else is `None`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.trim().strip_prefix('#')?;
        if !h.is_ascii() {
            return None;
        }
        let byte = |i: usize, len: usize| u8::from_str_radix(h.get(i..i + len)?, 16).ok();
        match h.len() {
            6 => Some(Rgb(byte(0, 2)?, byte(2, 2)?, byte(4, 2)?)),
            3 => Some(Rgb(byte(0, 1)? * 17, byte(1, 1)? * 17, byte(2, 1)? * 17)),
            _ => None,
        }
    }

    /// `t` of `self` and `1 − t` of `other`.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let m = |a: u8, b: u8| (f32::from(a) * t + f32::from(b) * (1.0 - t)).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Components in 0..=1, for the PDF.
    pub fn unit(self) -> (f32, f32, f32) {
        (f32::from(self.0) / 255.0, f32::from(self.1) / 255.0, f32::from(self.2) / 255.0)
    }

    /// Whether white text reads better than dark text on this colour.
    pub fn is_dark(self) -> bool {
        let (r, g, b) = self.unit();
        0.299 * r + 0.587 * g + 0.114 * b < 0.6
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Rgb,
    pub width: f32,
    /// Dash and gap lengths.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub fn solid(color: Rgb, width: f32) -> Stroke {
        Stroke { color, width, dash: None }
    }
}

/// One line of text, already wrapped and measured.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left end of the baseline.
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub size: f32,
    pub weight: Weight,
    pub color: Rgb,
    /// Advance width, as shaped.
    pub width: f32,
    /// The shaped glyphs, left to right, in em from `x` on the baseline.
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    /// `line` set at `x` on `baseline`.
    pub fn new(x: f32, baseline: f32, line: text::Line, size: f32, weight: Weight, color: Rgb) -> TextRun {
        TextRun { x, baseline, text: line.text, size, weight, color, width: line.width, glyphs: line.glyphs }
    }

    /// The box from the ascender to the descender.
    pub fn bounds(&self, fonts: &Fonts) -> Rect {
        let f = fonts.face(self.weight);
        Rect::new(self.x, self.baseline - f.ascender * self.size, self.width, f.box_height(self.size))
    }
}

/// What the outputs draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        radius: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        stroke: Stroke,
    },
    /// An open path of cubic segments, stroked.
    Path {
        start: (f32, f32),
        segs: Vec<Cubic>,
        stroke: Stroke,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Text(TextRun),
    /// A picture (a persona's photo, a card's image), fitted inside `rect`
    /// keeping its proportions. `data_url` is a PNG or JPEG the core accepted
    /// ([`crate::edit::check_photo`], [`crate::card_image::check`]); one that
    /// cannot be decoded is left out.
    Image {
        rect: Rect,
        data_url: String,
    },
}

impl Shape {
    fn fill_rect(rect: Rect, radius: f32, fill: Rgb) -> Shape {
        Shape::Rect { rect, radius, fill: Some(fill), stroke: None }
    }
}

/// A shape of the body with the box it touches (for picking what a page shows).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub bbox: Rect,
    pub shape: Shape,
}

/// The style of a lane: its kind's, with the lane's own colour as accent if it has one.
pub fn lane_style(lane: &Lane) -> KindStyle {
    let mut st = kind_style(lane.kind);
    if let Some(c) = Rgb::parse(&lane.color) {
        st.accent = c;
        st.soft = c.mix(Rgb::WHITE, 0.14);
        st.card = c.mix(Rgb::WHITE, 0.05);
    }
    st
}

/// A stage's colour: its own, else the theme's palette colour for its place.
pub fn stage_color(color: &str, index: usize) -> Rgb {
    Rgb::parse(color).unwrap_or_else(|| theme::stage_palette(index))
}

/// Colour of an emotion score, from red (very negative) to green (very positive).
pub fn emotion_color(score: i8) -> Rgb {
    match score.clamp(EMOTION_MIN, EMOTION_MAX) {
        -2 => Rgb(0xdc, 0x26, 0x26),
        -1 => Rgb(0xf9, 0x73, 0x16),
        0 => Rgb(0xea, 0xb3, 0x08),
        1 => Rgb(0x84, 0xcc, 0x16),
        _ => Rgb(0x16, 0xa3, 0x4a),
    }
}

/// `42%`, `42.5%` (Vietnamese: `42,5%`, as the UI writes it).
/// Very small shares are not rounded to "0%": a funnel that keeps one person
/// in a million is not a funnel that keeps nobody.
pub fn format_percent(p: f64, lang: Lang) -> String {
    let s = if p > 0.0 && p < 0.01 {
        "< 0.01".to_owned()
    } else {
        // At most one decimal, two below 1%; halves round away from zero, as
        // the UI's Intl.NumberFormat does.
        let digits = if p < 1.0 { 2 } else { 1 };
        let scale = 10f64.powi(digits);
        let s = format!("{:.*}", digits as usize, (p * scale).round() / scale);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    match lang {
        Lang::En => format!("{s}%"),
        Lang::Vi => format!("{}%", s.replace('.', ",")),
    }
}

/// `12,400` (Vietnamese: `12.400`).
pub fn format_count(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Vi => '.',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A card's place, for checks and for the page breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct CardBox {
    pub card_id: String,
    pub rect: Rect,
    /// Boxes of every line of text drawn on the card.
    pub text: Vec<Rect>,
}

/// A lane row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub y0: f32,
    pub y1: f32,
    pub name: String,
    pub kind: LaneKind,
    /// The kind's name as the canvas shows it under the lane's name.
    pub kind_label: &'static str,
    pub style_accent: Rgb,
    pub style_soft: Rgb,
    /// The service blueprint line drawn along the row's top edge, by its name.
    pub line: Option<&'static str>,
}

/// How a service blueprint's lines are drawn.
fn blueprint_stroke() -> Stroke {
    Stroke { color: Rgb::TEXT_2, width: 1.1, dash: Some((5.0, 3.0)) }
}

/// The laid-out map.
#[derive(Debug, Clone)]
pub struct Scene {
    /// Left and right edge of every stage column (body coordinates).
    pub cols: Vec<(f32, f32)>,
    pub rows: Vec<Row>,
    /// Stage headers, one list of shapes per column.
    pub stage_heads: Vec<Vec<Shape>>,
    /// The cells, cards and curves.
    pub body: Vec<Item>,
    pub cards: Vec<CardBox>,
    /// Vertical extents that a page break should not cut (cards, curve plots).
    pub atoms: Vec<(f32, f32)>,
}

impl Scene {
    /// Width and height of the body.
    pub fn body_size(&self) -> (f32, f32) {
        (self.cols.last().map_or(0.0, |c| c.1), self.rows.last().map_or(0.0, |r| r.y1))
    }

    /// Width and height with the lane column and the header strip.
    pub fn full_size(&self) -> (f32, f32) {
        let (w, h) = self.body_size();
        (LANE_W + w, HEAD_H + h)
    }

    /// Rows that show between `y0` and `y1`, with the part of each that shows.
    pub fn rows_in(&self, y0: f32, y1: f32) -> impl Iterator<Item = (usize, f32, f32)> + '_ {
        self.rows.iter().enumerate().filter_map(move |(i, r)| {
            let (a, b) = (r.y0.max(y0), r.y1.min(y1));
            (b - a > layout::EPS).then_some((i, a, b))
        })
    }

    /// The title cell of lane `index`, for the part `y0..y1` of its row that a page shows.
    pub fn lane_head(&self, index: usize, y0: f32, y1: f32, fonts: &Fonts) -> Vec<Shape> {
        let Some(row) = self.rows.get(index) else { return Vec::new() };
        let h = y1 - y0;
        let mut out = vec![
            Shape::Rect { rect: Rect::new(0.0, y0, LANE_W, h), radius: 0.0, fill: Some(Rgb::WHITE), stroke: None },
            Shape::Line { from: (0.0, y1), to: (LANE_W, y1), stroke: Stroke::solid(Rgb::BORDER, 0.6) },
            Shape::Line { from: (LANE_W, y0), to: (LANE_W, y1), stroke: Stroke::solid(Rgb::BORDER, 0.6) },
            Shape::fill_rect(Rect::new(0.0, y0, 2.5, h), 0.0, row.style_accent),
        ];
        // A blueprint line, where the page shows the row's top: dashed, named in small capitals
        // above the lane's name (which moves down to make room).
        let line_label = row.line.filter(|_| y0 <= row.y0 + layout::EPS);
        if let Some(name) = line_label {
            out.push(Shape::Line { from: (0.0, y0), to: (LANE_W, y0), stroke: blueprint_stroke() });
            let size = 5.5;
            let bold = fonts.face(Weight::Bold);
            let label = text::fit_line(bold, &name.to_uppercase(), size, LANE_W - 12.0);
            out.push(Shape::Text(TextRun::new(6.0, y0 + 1.5 + bold.ascender * size, label, size, Weight::Bold, Rgb::TEXT_2)));
        }
        let pad = 10.0;
        let icon = 16.0;
        if h >= icon + 2.0 * 6.0 {
            out.push(Shape::fill_rect(Rect::new(pad, y0 + 9.0, icon, icon), 4.0, row.style_soft));
            out.push(Shape::Circle { cx: pad + icon / 2.0, cy: y0 + 9.0 + icon / 2.0, r: 3.2, fill: Some(row.style_accent), stroke: None });
        }
        let tx = pad + icon + 7.0;
        let tw = LANE_W - tx - 8.0;
        let (name_size, kind_size) = (9.0, 6.0);
        let bold = fonts.face(Weight::Bold);
        let lh = name_size * text::LINE_SPACING;
        let kind_lh = kind_size * text::LINE_SPACING;
        let label_room = if line_label.is_some() { 5.0 } else { 0.0 };
        let avail = h - 2.0 * 8.0 - kind_lh - label_room;
        let max_lines = if avail > 0.0 { ((avail / lh).floor() as usize).min(4) } else { 0 };
        // Prepared like every other user text: no bidi override or control character reaches the output.
        let wrapped = text::wrap(bold, &text::prepare(bold, &row.name), name_size, tw, max_lines);
        let mut y = y0 + 8.0 + label_room;
        for line in &wrapped.lines {
            out.push(Shape::Text(TextRun::new(tx, y + bold.ascender * name_size, line.clone(), name_size, Weight::Bold, Rgb::TEXT)));
            y += lh;
        }
        if h >= 2.0 * 8.0 + kind_lh {
            let label = text::fit_line(bold, &row.kind_label.to_uppercase(), kind_size, tw);
            out.push(Shape::Text(TextRun::new(tx, y + 1.0 + bold.ascender * kind_size, label, kind_size, Weight::Bold, Rgb::MUTED)));
        }
        out
    }
}

/// A card laid out at the origin: its height and its shapes.
struct CardLayout {
    height: f32,
    shapes: Vec<Shape>,
    text: Vec<Rect>,
}

fn run(x: f32, top: f32, line: text::Line, size: f32, weight: Weight, color: Rgb, fonts: &Fonts) -> TextRun {
    let f = fonts.face(weight);
    TextRun::new(x, top + f.ascender * size, line, size, weight, color)
}

/// Where a card's picture goes in a card `inner` wide, from `top`: as wide as
/// the card, no taller than the theme allows (large in an image lane, a
/// thumbnail elsewhere), centred when its height limits it.
fn picture_rect(picture: &Picture, kind: LaneKind, inner: f32, top: f32) -> Rect {
    let ratios = theme::card_image();
    let max_h = inner * if kind == LaneKind::Images { ratios.lane_max_ratio } else { ratios.thumb_max_ratio };
    let aspect = picture.height.max(1) as f32 / picture.width.max(1) as f32;
    let (w, h) = if inner * aspect <= max_h { (inner, inner * aspect) } else { (max_h / aspect, max_h) };
    Rect::new(CARD_PAD_X + (inner - w) / 2.0, top, w, h)
}

fn layout_card(card: &Card, lane: &Lane, width: f32, picture: Option<&Picture>, fonts: &Fonts, lang: Lang) -> CardLayout {
    let st = lane_style(lane);
    let inner = width - 2.0 * CARD_PAD_X;
    let reg = fonts.face(Weight::Regular);
    let bold = fonts.face(Weight::Bold);
    let mut shapes = Vec::new();
    let mut texts = Vec::new();
    let mut y = CARD_PAD_Y;

    // Label row: channel on the left; volume, rate or emotion score on the right.
    let mut right: Vec<(String, Rgb, bool)> = Vec::new();
    if let Some(v) = card.volume {
        right.push((format_count(v, lang), Rgb::TEXT_2, false));
    }
    if let Some(r) = card.conversion.filter(|r| r.is_finite()) {
        right.push((format!("› {}", format_percent(r, lang)), st.accent, false));
    }
    let score = card.emotion.filter(|_| lane.kind == LaneKind::Emotions).map(|s| s.clamp(EMOTION_MIN, EMOTION_MAX));
    if let Some(s) = score {
        right.push((if s > 0 { format!("+{s}") } else { s.to_string() }, emotion_color(s), true));
    }
    let channel = text::prepare(bold, &channels::label(&card.channel, lang));
    if !channel.is_empty() || !right.is_empty() {
        let mut rx = width - CARD_PAD_X;
        let mut right_w = 0.0;
        for (label, color, dot) in right.iter().rev() {
            let line = text::fit_line(bold, label, META_SIZE, (inner * 0.6 - right_w).max(0.0));
            if line.text.is_empty() {
                continue;
            }
            rx -= line.width;
            right_w += line.width + 5.0;
            let r = run(rx, y + 1.5, line, META_SIZE, Weight::Bold, *color, fonts);
            texts.push(r.bounds(fonts));
            shapes.push(Shape::Text(r));
            rx -= 5.0;
            if *dot {
                // A dot in the score's colour before its number.
                shapes.push(Shape::Circle { cx: rx - 0.5, cy: y + META_H / 2.0, r: 2.6, fill: Some(*color), stroke: None });
                rx -= 8.0;
                right_w += 8.0;
            }
        }
        if !channel.is_empty() {
            let pill_pad = 3.5;
            let max = (inner - right_w - 2.0 * pill_pad - 4.0).max(0.0);
            let line = text::fit_line(bold, &channel.to_uppercase(), META_SIZE, max);
            if !line.text.is_empty() {
                shapes.push(Shape::fill_rect(Rect::new(CARD_PAD_X - 1.0, y, line.width + 2.0 * pill_pad, META_H), 3.0, st.soft));
                let r = run(CARD_PAD_X - 1.0 + pill_pad, y + 1.5, line, META_SIZE, Weight::Bold, st.accent, fonts);
                texts.push(r.bounds(fonts));
                shapes.push(Shape::Text(r));
            }
        }
        y += META_H + 4.0;
    }

    // The picture under the label row, as on the canvas, embedded as it is
    // stored; the card's text stays text below it.
    if let Some(p) = picture {
        let rect = picture_rect(p, lane.kind, inner, y);
        shapes.push(Shape::Rect { rect, radius: 0.0, fill: Some(Rgb::SURFACE_2), stroke: Some(Stroke::solid(Rgb::BORDER, 0.5)) });
        shapes.push(Shape::Image { rect, data_url: p.data_url.clone() });
        y += rect.h + 5.0;
    }

    let body = text::prepare(reg, &card.text);
    let lh = TEXT_SIZE * text::LINE_SPACING;
    let wrapped = text::wrap(reg, &body, TEXT_SIZE, inner, CARD_MAX_LINES);
    for line in wrapped.lines {
        let r = run(CARD_PAD_X, y, line, TEXT_SIZE, Weight::Regular, Rgb::TEXT, fonts);
        texts.push(r.bounds(fonts));
        shapes.push(Shape::Text(r));
        y += lh;
    }
    let note = text::prepare(reg, &card.note);
    if !note.trim().is_empty() {
        y += 2.0;
        let nlh = NOTE_SIZE * text::LINE_SPACING;
        for line in text::wrap(reg, &note, NOTE_SIZE, inner, NOTE_MAX_LINES).lines {
            let r = run(CARD_PAD_X, y, line, NOTE_SIZE, Weight::Regular, Rgb::MUTED, fonts);
            texts.push(r.bounds(fonts));
            shapes.push(Shape::Text(r));
            y += nlh;
        }
    }
    // Room for the descenders of the last line, and at least one line's height.
    let height = (y + CARD_PAD_Y - (lh - reg.box_height(TEXT_SIZE)) / 2.0).max(2.0 * CARD_PAD_Y + lh);

    let accent = Rgb::parse(&card.color);
    let emphasised = matches!(lane.kind, LaneKind::PainPoints | LaneKind::Opportunities);
    let border = if emphasised { st.accent.mix(Rgb::WHITE, 0.3) } else { Rgb(0xe7, 0xe9, 0xee) };
    let rect = Rect::new(0.0, 0.0, width, height);
    let mut back = vec![
        // A soft shadow under the card, as on the canvas.
        Shape::fill_rect(Rect::new(0.0, 0.9, width, height), RADIUS, Rgb(0xe4, 0xe7, 0xed)),
        Shape::Rect { rect, radius: RADIUS, fill: Some(st.card), stroke: Some(Stroke::solid(border, 0.6)) },
    ];
    if let Some(c) = accent.or(emphasised.then_some(st.accent)) {
        back.push(Shape::fill_rect(Rect::new(0.8, 3.0, 2.4, height - 6.0), 1.2, c));
    }
    back.extend(shapes);
    CardLayout { height, shapes: back, text: texts }
}

fn translate(shape: &mut Shape, dx: f32, dy: f32) {
    let p = |p: &mut (f32, f32)| {
        p.0 += dx;
        p.1 += dy;
    };
    match shape {
        Shape::Rect { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
        Shape::Line { from, to, .. } => {
            p(from);
            p(to);
        }
        Shape::Path { start, segs, .. } => {
            p(start);
            for s in segs {
                p(&mut s.c1);
                p(&mut s.c2);
                p(&mut s.to);
            }
        }
        Shape::Circle { cx, cy, .. } => {
            *cx += dx;
            *cy += dy;
        }
        Shape::Text(t) => {
            t.x += dx;
            t.baseline += dy;
        }
        Shape::Image { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
    }
}

fn stage_head(name: &str, index: usize, color: Rgb, x0: f32, x1: f32, fonts: &Fonts) -> Vec<Shape> {
    let w = x1 - x0;
    let bold = fonts.face(Weight::Bold);
    let mut out = vec![
        Shape::Rect { rect: Rect::new(x0, 0.0, w, HEAD_H), radius: 0.0, fill: Some(color.mix(Rgb::WHITE, 0.08)), stroke: None },
        Shape::fill_rect(Rect::new(x0, 0.0, w, 3.0), 0.0, color),
        Shape::Line { from: (x1, 0.0), to: (x1, HEAD_H), stroke: Stroke::solid(Rgb::BORDER, 0.6) },
        Shape::Line { from: (x0, HEAD_H), to: (x1, HEAD_H), stroke: Stroke::solid(Rgb::BORDER, 0.6) },
    ];
    let (cx, cy, r) = (x0 + 18.0, 3.0 + (HEAD_H - 3.0) / 2.0, 8.0);
    out.push(Shape::Circle { cx, cy, r, fill: Some(color), stroke: None });
    let num = text::fit_line(bold, &(index + 1).to_string(), 7.5, 2.0 * r - 2.0);
    out.push(Shape::Text(TextRun::new(
        cx - num.width / 2.0,
        cy + 7.5 * 0.36,
        num,
        7.5,
        Weight::Bold,
        if color.is_dark() { Rgb::WHITE } else { Rgb::TEXT },
    )));
    let size = 10.0;
    let lh = size * text::LINE_SPACING;
    let tx = cx + r + 7.0;
    let wrapped = text::wrap(bold, &text::prepare(bold, name), size, x1 - tx - 8.0, 2);
    let block = lh * (wrapped.lines.len().max(1) as f32 - 1.0) + bold.box_height(size);
    let mut top = cy - block / 2.0;
    for line in wrapped.lines {
        out.push(Shape::Text(run(tx, top, line, size, Weight::Bold, Rgb::TEXT, fonts)));
        top += lh;
    }
    out
}

/// The colour of an emotion curve, by its colour index (see [`Map::curves`]),
/// darkened as the one curve always was.
pub fn curve_color(color: usize) -> Rgb {
    theme::persona_palette(color).mix(Rgb::TEXT, 0.85)
}

/// The map's emotion curves that an export draws: all but the `hidden` ones
/// (persona ids, `""` for the shared curve), in their order and colours.
pub fn drawn_curves<'a>(map: &'a Map, personas: &[Persona], hidden: &[String]) -> Vec<crate::model::Curve<'a>> {
    map.curves(personas).into_iter().filter(|c| !hidden.iter().any(|h| h.as_str() == c.persona.unwrap_or(""))).collect()
}

/// The name a curve goes by in a legend: its persona's, or the shared curve's.
pub fn curve_name(persona_id: Option<&str>, personas: &[Persona], lang: Lang) -> String {
    persona_id
        .and_then(|id| personas.iter().find(|p| p.id == id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| i18n::t(lang, "emotion.curve").to_owned())
}

/// Lays out `map`, with channel names and figures in `lang`; `personas` (the
/// project's) name the emotion curves in their legend; the `hidden` curves
/// (see [`drawn_curves`]) are left out, their points too.
pub fn build(map: &Map, personas: &[Persona], pictures: &Pictures, lang: Lang, hidden: &[String]) -> Result<Scene, ExportError> {
    let fonts = Fonts::bundled()?;
    let curves = drawn_curves(map, personas, hidden);
    // A legend names the curves when there is more than one or the one is a persona's.
    let mut legend_due = curves.len() > 1 || curves.first().is_some_and(|c| c.persona.is_some());
    let stage_ix: HashMap<&str, usize> = map.stages.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let lane_ix: HashMap<&str, usize> = map.lanes.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let (ns, nl) = (map.stages.len(), map.lanes.len());
    let lines = blueprint::lines(&map.lanes.iter().map(|l| l.kind).collect::<Vec<_>>());
    // Cards per cell, in their order in the cell.
    let mut cells: Vec<Vec<&Card>> = vec![Vec::new(); ns * nl];
    for c in &map.cards {
        if let (Some(&s), Some(&l)) = (stage_ix.get(c.stage_id.as_str()), lane_ix.get(c.lane_id.as_str())) {
            cells[l * ns + s].push(c);
        }
    }
    let cols: Vec<(f32, f32)> = (0..ns).map(|i| (i as f32 * COL_W, (i + 1) as f32 * COL_W)).collect();
    let card_w = COL_W - 2.0 * CELL_PAD;

    let mut rows = Vec::with_capacity(nl);
    let mut body = Vec::new();
    let mut cards = Vec::with_capacity(map.cards.len());
    let mut atoms = Vec::new();
    let mut y = 0.0f32;
    for (li, lane) in map.lanes.iter().enumerate() {
        let st = lane_style(lane);
        let picture = |c: &Card| c.image_id.as_ref().and_then(|id| pictures.get(id));
        let laid: Vec<Vec<(&Card, CardLayout)>> = (0..ns)
            .map(|s| cells[li * ns + s].iter().map(|c| (*c, layout_card(c, lane, card_w, picture(c), fonts, lang))).collect())
            .collect();
        // Per stage, (curve index, score) of each scored card, in cell order.
        let scored: Vec<Vec<(usize, i8)>> = (0..ns)
            .map(|s| {
                cells[li * ns + s]
                    .iter()
                    .filter(|_| lane.kind == LaneKind::Emotions)
                    .filter_map(|c| {
                        let e = c.emotion?.clamp(EMOTION_MIN, EMOTION_MAX);
                        Some((curves.iter().position(|k| k.persona == map.curve_persona(c))?, e))
                    })
                    .collect()
            })
            .collect();
        let has_curve = scored.iter().any(|s| !s.is_empty());
        let plot_h = if has_curve { PLOT_H } else { 0.0 };
        let tallest = laid
            .iter()
            .map(|cell| layout::stack_height(&cell.iter().map(|(_, l)| l.height).collect::<Vec<_>>(), CARD_GAP))
            .fold(0.0f32, f32::max);
        let row_h = (plot_h + 2.0 * CELL_PAD + tallest).max(ROW_MIN);
        let (y0, y1) = (y, y + row_h);

        for (s, &(x0, x1)) in cols.iter().enumerate() {
            let rect = Rect::new(x0, y0, x1 - x0, row_h);
            body.push(Item { bbox: rect, shape: Shape::Rect { rect, radius: 0.0, fill: Some(Rgb::SURFACE_2), stroke: None } });
            body.push(Item { bbox: rect, shape: Shape::Line { from: (x1, y0), to: (x1, y1), stroke: Stroke::solid(Rgb::BORDER, 0.6) } });
            body.push(Item { bbox: rect, shape: Shape::Line { from: (x0, y1), to: (x1, y1), stroke: Stroke::solid(Rgb::BORDER, 0.6) } });
            let heights: Vec<f32> = laid[s].iter().map(|(_, l)| l.height).collect();
            let tops = layout::stack(y0 + plot_h + CELL_PAD, &heights, CARD_GAP);
            for ((card, l), top) in laid[s].iter().zip(tops) {
                let (dx, dy) = (x0 + CELL_PAD, top);
                let rect = Rect::new(dx, dy, card_w, l.height);
                for shape in &l.shapes {
                    let mut shape = shape.clone();
                    translate(&mut shape, dx, dy);
                    body.push(Item { bbox: rect, shape });
                }
                cards.push(CardBox {
                    card_id: card.id.clone(),
                    rect,
                    text: l.text.iter().map(|t| Rect::new(t.x + dx, t.y + dy, t.w, t.h)).collect(),
                });
                atoms.push((dy, dy + l.height));
            }
        }

        if let Some(Some(_)) = lines.get(li) {
            let width = cols.last().map_or(0.0, |c| c.1);
            let line = Shape::Line { from: (0.0, y0), to: (width, y0), stroke: blueprint_stroke() };
            body.push(Item { bbox: Rect::new(0.0, y0 - 1.0, width, 2.0), shape: line });
        }

        if has_curve {
            let band = Rect::new(0.0, y0, cols.last().map_or(0.0, |c| c.1), plot_h);
            let (top, bottom) = (y0 + 14.0, y0 + plot_h - 10.0);
            let span = f32::from(EMOTION_MAX - EMOTION_MIN);
            let y_of = |s: i8| top + (bottom - top) * f32::from(EMOTION_MAX - s) / span;
            for level in EMOTION_MIN..=EMOTION_MAX {
                let stroke = if level == 0 {
                    Stroke { color: Rgb(0xcf, 0xd4, 0xde), width: 0.7, dash: Some((3.0, 2.5)) }
                } else {
                    Stroke::solid(Rgb(0xee, 0xf0, 0xf4), 0.5)
                };
                body.push(Item { bbox: band, shape: Shape::Line { from: (0.0, y_of(level)), to: (band.w, y_of(level)), stroke } });
            }
            // Dots spread over their cell in card order, whatever curve they are on.
            let mut points: Vec<(usize, f32, f32, i8)> = Vec::new();
            for (s, scores) in scored.iter().enumerate() {
                let n = scores.len() as f32;
                for (i, &(curve, score)) in scores.iter().enumerate() {
                    let x = cols[s].0 + COL_W * (i as f32 + 1.0) / (n + 1.0);
                    points.push((curve, x, y_of(score), score));
                }
            }
            for (k, curve) in curves.iter().enumerate() {
                let xy: Vec<(f32, f32)> = points.iter().filter(|p| p.0 == k).map(|p| (p.1, p.2)).collect();
                if let Some(&start) = xy.first() {
                    let segs = layout::catmull_rom(&xy, (top, bottom));
                    if !segs.is_empty() {
                        let stroke = Stroke::solid(curve_color(curve.color), 1.8);
                        body.push(Item { bbox: band, shape: Shape::Path { start, segs, stroke } });
                    }
                }
            }
            for (_, x, y, score) in points {
                body.push(Item {
                    bbox: Rect::new(x - 5.0, y - 5.0, 10.0, 10.0),
                    shape: Shape::Circle {
                        cx: x,
                        cy: y,
                        r: 4.0,
                        fill: Some(emotion_color(score)),
                        stroke: Some(Stroke::solid(Rgb::WHITE, 1.2)),
                    },
                });
            }
            // The legend, once, in the top margin of the first band with a curve.
            if legend_due {
                legend_due = false;
                let mut x = 8.0;
                let face = fonts.face(Weight::Regular);
                for curve in &curves {
                    let name = text::fit_line(face, &text::prepare(face, &curve_name(curve.persona, personas, lang)), 7.0, COL_W - 40.0);
                    let stroke = Stroke::solid(curve_color(curve.color), 2.2);
                    let sw = Shape::Line { from: (x, y0 + 7.0), to: (x + 14.0, y0 + 7.0), stroke };
                    body.push(Item { bbox: band, shape: sw });
                    let width = name.width;
                    let run = TextRun::new(x + 18.0, y0 + 9.5, name, 7.0, Weight::Regular, Rgb::TEXT_2);
                    body.push(Item { bbox: band, shape: Shape::Text(run) });
                    x += 18.0 + width + 12.0;
                }
            }
            atoms.push((y0, y0 + plot_h));
        }

        rows.push(Row {
            y0,
            y1,
            name: lane.name.clone(),
            kind: lane.kind,
            kind_label: i18n::lane_kind(lang, lane.kind),
            style_accent: st.accent,
            style_soft: st.soft,
            line: lines.get(li).copied().flatten().map(|l| i18n::t(lang, l.i18n_key())),
        });
        y = y1;
    }
    let stage_heads =
        map.stages.iter().enumerate().map(|(i, s)| stage_head(&s.name, i, stage_color(&s.color, i), cols[i].0, cols[i].1, fonts)).collect();
    Ok(Scene { cols, rows, stage_heads, body, cards, atoms })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    #[test]
    fn colours_parse_and_mix() {
        assert_eq!(Rgb::parse("#ff8000"), Some(Rgb(255, 128, 0)));
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse(""), None);
        assert_eq!(Rgb::parse("#ééé"), None);
        assert_eq!(Rgb::parse("#12345g"), None);
        assert_eq!(Rgb(0, 0, 0).mix(Rgb::WHITE, 0.5), Rgb(128, 128, 128));
        assert_eq!(Rgb(1, 2, 255).hex(), "#0102ff");
        assert!(Rgb(0x3b, 0x82, 0xf6).is_dark() && !Rgb::WHITE.is_dark());
    }

    #[test]
    fn percentages_read_as_in_the_ui() {
        // The same table checks the UI's formatPct (ui/src/insights/format.test.ts).
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/percent-format.json")).expect("percent table");
        let cases = table["cases"].as_array().expect("cases");
        assert!(cases.len() > 10);
        for case in cases {
            let value = case["value"].as_f64().expect("value");
            assert_eq!(format_percent(value, Lang::En), case["en"].as_str().expect("en"), "{value} in English");
            assert_eq!(format_percent(value, Lang::Vi), case["vi"].as_str().expect("vi"), "{value} in Vietnamese");
        }
    }

    #[test]
    fn numbers_format() {
        assert_eq!(format_percent(42.0, Lang::En), "42%");
        assert_eq!(format_percent(12.345, Lang::En), "12.3%");
        assert_eq!(format_percent(12.345, Lang::Vi), "12,3%");
        assert_eq!(format_percent(0.25, Lang::En), "0.25%");
        assert_eq!(format_percent(0.000_14, Lang::En), "< 0.01%");
        assert_eq!(format_percent(0.000_14, Lang::Vi), "< 0,01%");
        assert_eq!(format_percent(0.0, Lang::En), "0%");
        assert_eq!(format_percent(100.0, Lang::Vi), "100%");
        assert_eq!(format_count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(format_count(1_234_567, Lang::Vi), "1.234.567");
        assert_eq!(format_count(-1200, Lang::En), "-1,200");
        assert_eq!(format_count(999, Lang::Vi), "999");
    }

    fn check_no_overlap(scene: &Scene) {
        let fonts = Fonts::bundled().expect("fonts");
        for (i, a) in scene.cards.iter().enumerate() {
            for t in &a.text {
                assert!(a.rect.contains(t), "text {t:?} outside its card {:?}", a.rect);
            }
            for b in &scene.cards[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "cards overlap: {:?} {:?}", a.rect, b.rect);
            }
            // Inside one cell: within the column and the row.
            let col = scene.cols.iter().find(|c| a.rect.x >= c.0 && a.rect.x < c.1).expect("column");
            assert!(a.rect.right() <= col.1 + layout::EPS);
            assert!(scene.rows.iter().any(|r| a.rect.y >= r.y0 && a.rect.bottom() <= r.y1 + layout::EPS));
        }
        // Text lines of a card do not overlap each other.
        for c in &scene.cards {
            for (i, a) in c.text.iter().enumerate() {
                for b in &c.text[i + 1..] {
                    assert!(!a.overlaps(b), "lines overlap in {}: {a:?} {b:?}", c.card_id);
                }
            }
        }
        // Stage headers' text stays inside the header.
        for (i, head) in scene.stage_heads.iter().enumerate() {
            let cell = Rect::new(scene.cols[i].0, 0.0, COL_W, HEAD_H);
            for s in head {
                if let Shape::Text(t) = s {
                    assert!(cell.contains(&t.bounds(fonts)), "{t:?}");
                }
            }
        }
        for (i, r) in scene.rows.iter().enumerate() {
            let cell = Rect::new(0.0, r.y0, LANE_W, r.y1 - r.y0);
            for s in scene.lane_head(i, r.y0, r.y1, fonts) {
                if let Shape::Text(t) = s {
                    assert!(cell.contains(&t.bounds(fonts)), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn a_picture_is_large_in_an_image_lane_and_a_thumbnail_elsewhere_with_the_text_below() {
        let mut p = sample::vietnamese_project();
        let map = &mut p.maps[0];
        map.lanes[1].kind = LaneKind::Images;
        let (s0, touch, images) = (map.stages[0].id.clone(), map.lanes[0].id.clone(), map.lanes[1].id.clone());
        map.cards.retain(|c| c.stage_id != s0 || (c.lane_id != touch && c.lane_id != images));
        let mut thumb = Card::new("thumb", s0.as_str(), touch.as_str(), "Quảng cáo Facebook");
        thumb.image_id = Some("pic".into());
        let mut large = Card::new("large", s0.as_str(), images.as_str(), "Trang đích");
        large.image_id = Some("pic".into());
        let mut missing = Card::new("missing", s0.as_str(), images.as_str(), "Ảnh chưa có");
        missing.image_id = Some("gone".into());
        map.cards.extend([thumb, large, missing]);
        // A tall screenshot: 800 × 1600.
        let pictures: Pictures =
            [("pic".to_owned(), Picture { data_url: "data:image/png;base64,iVBORw0KGgo=".into(), width: 800, height: 1600 })].into();
        let scene = build(&p.maps[0], &p.personas, &pictures, Lang::Vi, &[]).expect("scene");
        let images: Vec<(Rect, Rect)> = scene
            .body
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Image { rect, .. } => Some((i.bbox, *rect)),
                _ => None,
            })
            .collect();
        assert_eq!(images.len(), 2, "a picture the file lacks is left out");
        let card_w = COL_W - 2.0 * CELL_PAD;
        let inner = card_w - 2.0 * CARD_PAD_X;
        let ratios = theme::card_image();
        let (small, big) = (images[0].1, images[1].1);
        assert!((small.h - inner * ratios.thumb_max_ratio).abs() < 0.01, "a thumbnail is as tall as the theme allows: {small:?}");
        assert!((big.h - inner * ratios.lane_max_ratio).abs() < 0.01, "large in an image lane: {big:?}");
        assert!((big.w / big.h - 0.5).abs() < 0.01, "proportions kept");
        for (card, pic) in &images {
            assert!(card.contains(pic), "the picture is inside its card");
        }
        // The card's text is below its picture, as text.
        let large_box = scene.cards.iter().find(|c| c.card_id == "large").expect("the image card");
        assert!(large_box.text.iter().all(|t| t.y >= big.bottom()), "text below the picture");
        check_no_overlap(&scene);
    }

    #[test]
    fn vietnamese_map_lays_out_without_overlap() {
        let p = sample::vietnamese_project();
        let scene = build(&p.maps[0], &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        assert_eq!(scene.cols.len(), 5);
        assert_eq!(scene.rows.len(), 8);
        assert_eq!(scene.cards.len(), p.maps[0].cards.len());
        check_no_overlap(&scene);
    }

    #[test]
    fn hostile_text_is_cut_and_stays_inside() {
        let p = sample::hostile_project();
        let scene = build(&p.maps[0], &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        check_no_overlap(&scene);
        let texts: Vec<&TextRun> = scene.body.iter().filter_map(|i| if let Shape::Text(t) = &i.shape { Some(t) } else { None }).collect();
        assert!(texts.iter().any(|t| t.text.ends_with(text::ELLIPSIS)), "the 10,000 characters are cut");
        let tallest = scene.cards.iter().map(|c| c.rect.h).fold(0.0, f32::max);
        assert!(tallest < 260.0, "a card is capped: {tallest}");
    }

    #[test]
    fn big_map_lays_out_without_overlap() {
        let p = sample::generated_project(500, 10);
        let scene = build(&p.maps[0], &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        assert_eq!(scene.cards.len(), 500);
        check_no_overlap(&scene);
    }

    #[test]
    fn emotion_curve_goes_through_one_point_per_scored_card() {
        let p = sample::vietnamese_project();
        let map = &p.maps[0];
        let scored = map.cards.iter().filter(|c| c.emotion.is_some()).count();
        assert!(scored >= 3);
        let scene = build(map, &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        let dots = scene.body.iter().filter(|i| matches!(&i.shape, Shape::Circle { r, .. } if *r == 4.0)).count();
        assert_eq!(dots, scored);
        let paths: Vec<_> =
            scene.body.iter().filter_map(|i| if let Shape::Path { segs, .. } = &i.shape { Some(segs.len()) } else { None }).collect();
        assert_eq!(paths, vec![scored - 1]);
        // No scores → no curve.
        let mut plain = map.clone();
        plain.cards.iter_mut().for_each(|c| c.emotion = None);
        let scene = build(&plain, &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        assert!(!scene.body.iter().any(|i| matches!(i.shape, Shape::Path { .. })));
    }

    #[test]
    fn each_persona_has_its_own_curve_in_its_own_colour_with_a_legend() {
        let mut p = sample::vietnamese_project();
        p.personas.push(Persona::new("minh", "Anh Minh"));
        let mut map = p.maps[0].clone();
        let lane = map.lanes.iter().find(|l| l.kind == LaneKind::Emotions).expect("emotions lane").id.clone();
        let own = map.cards.iter().filter(|c| c.emotion.is_some()).count();
        for (i, stage) in map.stages.clone().iter().enumerate() {
            let mut c = Card::new(format!("minh-{i}"), stage.id.clone(), lane.clone(), "");
            c.emotion = Some(-2);
            c.persona_id = Some("minh".into());
            map.cards.push(c);
        }
        let scene = build(&map, &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        let paths: Vec<(usize, Rgb)> = scene
            .body
            .iter()
            .filter_map(|i| if let Shape::Path { segs, stroke, .. } = &i.shape { Some((segs.len(), stroke.color)) } else { None })
            .collect();
        // The map's persona first, in the one curve's colour; then Minh's.
        assert_eq!(paths, vec![(own - 1, curve_color(0)), (map.stages.len() - 1, curve_color(1))]);
        assert_ne!(curve_color(0), curve_color(1));
        let texts: Vec<&str> =
            scene.body.iter().filter_map(|i| if let Shape::Text(t) = &i.shape { Some(t.text.as_str()) } else { None }).collect();
        assert!(texts.contains(&"Anh Minh"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Chị Lan")), "{texts:?}");
        // Minh's dots sit on the bottom line (-2), each in its cell beside the map persona's.
        let dots = scene.body.iter().filter(|i| matches!(&i.shape, Shape::Circle { r, .. } if *r == 4.0)).count();
        assert_eq!(dots, own + map.stages.len());
        // Minh's curve hidden (as on the canvas): no curve, no dots, no name in the legend; Lan's keeps her colour.
        let scene = build(&map, &p.personas, &Pictures::new(), Lang::En, &["minh".to_owned()]).expect("scene");
        let paths: Vec<Rgb> =
            scene.body.iter().filter_map(|i| if let Shape::Path { stroke, .. } = &i.shape { Some(stroke.color) } else { None }).collect();
        assert_eq!(paths, vec![curve_color(0)]);
        assert_eq!(scene.body.iter().filter(|i| matches!(&i.shape, Shape::Circle { r, .. } if *r == 4.0)).count(), own);
        let texts: Vec<&str> =
            scene.body.iter().filter_map(|i| if let Shape::Text(t) = &i.shape { Some(t.text.as_str()) } else { None }).collect();
        assert!(!texts.contains(&"Anh Minh"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Chị Lan")), "{texts:?}");
        // Without Minh's cards, the map's persona's curve still has its legend; with no persona, none.
        let mut plain = p.maps[0].clone();
        plain.persona_id = None;
        let scene = build(&plain, &p.personas, &Pictures::new(), Lang::En, &[]).expect("scene");
        assert!(!scene.body.iter().any(|i| matches!(&i.shape, Shape::Text(t) if t.text == "Emotion curve")));
    }
}
