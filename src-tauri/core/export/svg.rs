//! The SVG writer: one composed page → an SVG document. Text is drawn as the
//! outlines of the shaped glyphs (each glyph used is a `<path>` in `<defs>`,
//! placed with `<use>`), so every viewer — a browser, an editor, the PNG
//! renderer — shows the very glyphs the PDF has, whatever fonts it has. Over
//! them lies the text itself, transparent, in "Noto Sans": selectable,
//! searchable, read by screen readers.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::compose::{Group, Page};
use super::fonts::{FaceId, Fonts};
use super::scene::{Shape, Stroke, TextRun};
use super::text::{self, Weight};

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Numbers with at most two decimals, without trailing zeros.
fn n(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_owned()
    }
}

fn stroke_attrs(out: &mut String, s: &Stroke) {
    let _ = write!(out, r#" stroke="{}" stroke-width="{}""#, s.color.hex(), n(s.width));
    if let Some((a, b)) = s.dash {
        let _ = write!(out, r#" stroke-dasharray="{} {}""#, n(a), n(b));
    }
}

fn shape(out: &mut String, s: &Shape, cx: &Context) {
    match s {
        Shape::Rect { rect, radius, fill, stroke } => {
            let _ = write!(out, r#"<rect x="{}" y="{}" width="{}" height="{}""#, n(rect.x), n(rect.y), n(rect.w), n(rect.h));
            let r = radius.min(rect.w / 2.0).min(rect.h / 2.0);
            if r > 0.0 {
                let _ = write!(out, r#" rx="{}""#, n(r));
            }
            let _ = write!(out, r#" fill="{}""#, fill.map_or("none".to_owned(), |c| c.hex()));
            if let Some(st) = stroke {
                stroke_attrs(out, st);
            }
            out.push_str("/>");
        }
        Shape::Circle { cx, cy, r, fill, stroke } => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{}""#,
                n(*cx),
                n(*cy),
                n(*r),
                fill.map_or("none".to_owned(), |c| c.hex())
            );
            if let Some(st) = stroke {
                stroke_attrs(out, st);
            }
            out.push_str("/>");
        }
        Shape::Line { from, to, stroke } => {
            let _ = write!(out, r#"<line x1="{}" y1="{}" x2="{}" y2="{}""#, n(from.0), n(from.1), n(to.0), n(to.1));
            stroke_attrs(out, stroke);
            out.push_str("/>");
        }
        Shape::Path { start, segs, stroke } => {
            let _ = write!(out, r#"<path d="M{} {}"#, n(start.0), n(start.1));
            for c in segs {
                let _ = write!(out, " C{} {} {} {} {} {}", n(c.c1.0), n(c.c1.1), n(c.c2.0), n(c.c2.1), n(c.to.0), n(c.to.1));
            }
            out.push_str(r#"" fill="none" stroke-linecap="round" stroke-linejoin="round""#);
            stroke_attrs(out, stroke);
            out.push_str("/>");
        }
        Shape::Image { rect, data_url } => {
            // Only a PNG or JPEG data URL (a photo or card image the core
            // checked) goes in, and only as an image reference: never as markup.
            if crate::edit::photo_bytes(data_url).is_ok() {
                let _ = write!(
                    out,
                    r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="xMidYMid meet" href="{}"/>"#,
                    n(rect.x),
                    n(rect.y),
                    n(rect.w),
                    n(rect.h),
                    escape(data_url)
                );
            }
        }
        Shape::Text(t) => text_run(out, t, cx),
    }
}

/// Whether the text itself lies over the glyphs (selectable, searchable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLayer {
    Selectable,
    /// Glyphs only: what the PNG renderer draws.
    None,
}

/// How a page's text is written: with or without its text layer, and which
/// glyphs have an outline in the page's `<defs>`.
struct Context {
    layer: TextLayer,
    outlined: BTreeSet<(FaceId, u16)>,
}

/// Glyph outlines are written at 1000 units per em, whatever the face's own.
const UNITS: f32 = 1000.0;

fn glyph_id(face: FaceId, id: u16) -> String {
    format!("g{}-{id}", face.0)
}

fn text_run(out: &mut String, t: &TextRun, cx: &Context) {
    if t.glyphs.is_empty() {
        return;
    }
    let k = t.size / UNITS;
    let _ = write!(out, r#"<g transform="translate({} {}) scale({})" fill="{}">"#, n(t.x), n(t.baseline), fine(k), t.color.hex());
    for g in t.glyphs.iter().filter(|g| cx.outlined.contains(&(g.face, g.id))) {
        let _ = write!(out, "<use href=\"#{}\" x=\"{}\"", glyph_id(g.face, g.id), n1(g.x * UNITS));
        if g.y != 0.0 {
            let _ = write!(out, " y=\"{}\"", n1(-g.y * UNITS));
        }
        out.push_str("/>");
    }
    out.push_str("</g>");
    if cx.layer == TextLayer::Selectable && !t.text.is_empty() {
        let weight = match t.weight {
            Weight::Regular => "",
            Weight::Bold => r#" font-weight="700""#,
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}"{weight} fill-opacity="0" textLength="{}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            n(t.x),
            n(t.baseline),
            n(t.size),
            n(t.width.max(0.01)),
            escape(&t.text)
        );
    }
}

/// Numbers with at most one decimal (glyph positions in 1/1000 em).
fn n1(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Small factors (a font size per 1000 units) with enough digits.
fn fine(v: f32) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// An outline as SVG path data, at [`UNITS`] per em, y down.
struct PathData {
    d: String,
    k: f32,
}

impl ttf_parser::OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "M{} {}", n1(x * self.k), n1(-y * self.k));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "L{} {}", n1(x * self.k), n1(-y * self.k));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.d, "Q{} {} {} {}", n1(x1 * self.k), n1(-y1 * self.k), n1(x * self.k), n1(-y * self.k));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (k, d) = (self.k, &mut self.d);
        let _ = write!(d, "C{} {} {} {} {} {}", n1(x1 * k), n1(-y1 * k), n1(x2 * k), n1(-y2 * k), n1(x * k), n1(-y * k));
    }
    fn close(&mut self) {
        self.d.push('Z');
    }
}

/// `<defs>` with the outline of every glyph `page` draws; returns the glyphs
/// that have one (a space has none, and is not drawn).
fn glyph_defs(out: &mut String, page: &Page) -> BTreeSet<(FaceId, u16)> {
    let used: BTreeSet<(FaceId, u16)> = page
        .groups
        .iter()
        .flat_map(|g| &g.shapes)
        .filter_map(|s| if let Shape::Text(t) = s { Some(t) } else { None })
        .flat_map(|t| t.glyphs.iter().map(|g| (g.face, g.id)))
        .collect();
    let mut outlined = BTreeSet::new();
    let Ok(fonts) = Fonts::bundled() else { return outlined };
    if used.is_empty() {
        return outlined;
    }
    out.push_str("<defs>");
    for (face, id) in used {
        let f = fonts.get(face);
        let mut path = PathData { d: String::new(), k: UNITS / f.units_per_em };
        if f.ttf.outline_glyph(ttf_parser::GlyphId(id), &mut path).is_some() && !path.d.is_empty() {
            let _ = write!(out, r#"<path id="{}" d="{}"/>"#, glyph_id(face, id), path.d);
            outlined.insert((face, id));
        }
    }
    out.push_str("</defs>");
    outlined
}

fn group(out: &mut String, g: &Group, clip_id: &mut usize, cx: &Context) {
    if let Some(c) = g.clip {
        *clip_id += 1;
        let _ = write!(
            out,
            r#"<clipPath id="c{}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath><g clip-path="url(#c{})">"#,
            clip_id,
            n(c.x),
            n(c.y),
            n(c.w),
            n(c.h),
            clip_id
        );
    }
    let identity = g.dx == 0.0 && g.dy == 0.0 && g.scale == 1.0;
    if !identity {
        let _ = write!(out, r#"<g transform="translate({} {}) scale({})">"#, n(g.dx), n(g.dy), g.scale);
    }
    for s in &g.shapes {
        shape(out, s, cx);
    }
    if !identity {
        out.push_str("</g>");
    }
    if g.clip.is_some() {
        out.push_str("</g>");
    }
}

/// The SVG of one page, `width` × `height` in points (the viewBox) and in
/// CSS px, with its text selectable.
pub fn page_svg(page: &Page) -> String {
    page_svg_with(page, TextLayer::Selectable)
}

/// The SVG of one page, with or without the text layer over the glyphs.
pub fn page_svg_with(page: &Page, layer: TextLayer) -> String {
    let mut out = String::with_capacity(256 + 160 * page.groups.iter().map(|g| g.shapes.len()).sum::<usize>());
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{family}" font-kerning="none" style="font-kerning:none;font-variant-ligatures:none">"#,
        w = n(page.width),
        h = n(page.height),
        family = text::FAMILY,
    );
    let cx = Context { layer, outlined: glyph_defs(&mut out, page) };
    let mut clip_id = 0;
    for g in &page.groups {
        group(&mut out, g, &mut clip_id, &cx);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;
    use crate::template::Lang;

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.5), "1.5");
        assert_eq!(n(1.234), "1.23");
        assert_eq!(n(-0.001), "0");
    }

    #[test]
    fn svg_has_every_card_text_escaped_and_parses() {
        let mut p = sample::vietnamese_project();
        p.maps[0].cards[0].text = "<b>&\"quoted\"</b>".into();
        let svg = crate::export::export_svg(&p, &p.maps[0], &Default::default(), Lang::En).expect("svg");
        assert!(svg.contains("&lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt;"));
        assert!(svg.contains("Lo lắng về phí vận chuyển"));
        assert!(svg.contains("<path d=\"M"), "the emotion curve is a path");
        let opt = resvg::usvg::Options::default();
        resvg::usvg::Tree::from_str(&svg, &opt).expect("well-formed SVG");
    }
}
