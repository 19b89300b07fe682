//! Text for the exporters: cleaning user text, measuring it by the shaped
//! advances of [`super::shape`], greedy line wrapping at the break
//! opportunities of UAX #14, and the "…" marker for text that does not fit
//! its box.
//!
//! A [`Line`] carries its glyphs, placed: the PDF, SVG and PNG writers draw
//! exactly those, so what was measured here is what every output shows.

use std::ops::Range;

use unicode_bidi::Level;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

pub use super::fonts::{Fonts, Weight, BOLD_TTF, FAMILY, REGULAR_TTF};
use super::shape::{self, Glyph, Paragraph};

/// The marker appended to text cut because it does not fit.
pub const ELLIPSIS: char = '\u{2026}';

/// Distance between baselines, as a multiple of the font size. Larger than
/// Noto Sans's ascender − descender (1.362 em), so lines never touch, even with
/// stacked Vietnamese diacritics.
pub const LINE_SPACING: f32 = 1.4;

/// The direction of every paragraph: left to right, as the app shows a card
/// (its page has no other direction); right-to-left runs inside it are
/// ordered by the bidi algorithm, so "Giỏ hàng مرحبا" prints as it shows.
pub fn paragraph_direction() -> Level {
    Level::ltr()
}

/// Text of one weight: the weight's fallback chain of faces, with the line
/// metrics of its primary face (Noto Sans).
#[derive(Clone, Copy)]
pub struct Face<'a> {
    pub fonts: &'a Fonts,
    pub weight: Weight,
    /// Ascender and descender of the primary face, in em (descender is negative).
    pub ascender: f32,
    pub descender: f32,
}

impl Fonts {
    /// Text of `weight`.
    pub fn face(&self, weight: Weight) -> Face<'_> {
        let primary = self.primary(weight);
        Face { fonts: self, weight, ascender: primary.ascender, descender: primary.descender }
    }
}

impl Face<'_> {
    /// Whether some face of the chain has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        let mut buf = [0u8; 4];
        self.fonts.pick(self.weight, c.encode_utf8(&mut buf)).is_some()
    }

    /// `s` (one line, already [`clean`]ed) shaped as a paragraph in
    /// direction `base`.
    pub fn paragraph(&self, s: &str, base: Level) -> Paragraph {
        Paragraph::new(self.fonts, self.weight, s, Some(base))
    }

    /// Width of `s` (one line) at `size` points, as shaped.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let p = self.paragraph(s, paragraph_direction());
        p.width(0..p.pieces.len()) * size
    }

    /// Height of one line's ink box (ascender to descender) at `size`.
    pub fn box_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender) * size
    }
}

/// Invisible formatting characters that would otherwise show as boxes or
/// reorder text: zero-width spaces and joiners, bidi controls, variation
/// selectors, the BOM and tag characters.
fn is_invisible_format(c: char) -> bool {
    matches!(c as u32,
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

/// Text as the exporters draw it: composed (NFC, so Vietnamese letters are one
/// precomposed glyph each), tabs as spaces, `\r\n` as `\n`, and control and
/// invisible formatting characters dropped (the bidi algorithm orders
/// right-to-left text by itself; an override could only spoof it).
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .nfc()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\r' => Some(' '),
            c if c.is_control() || is_invisible_format(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Drawn instead of a character no face has a glyph for, neither bundled nor
/// installed (see [`super::system_fonts`]): visible, searchable, and the same
/// in every output.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `text` with every grapheme cluster no face of the chain can draw replaced
/// by [`REPLACEMENT`] (a run of them by one), so the PDF, the SVG and the PNG
/// show the same glyphs and no missing-glyph box. A cluster whose base some
/// face draws keeps its base and the marks that face has.
pub fn drawable(face: Face<'_>, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        if g == "\n" || g.chars().all(|c| c == ' ') || face.fonts.pick(face.weight, g).is_some() {
            out.push_str(g);
            continue;
        }
        let mut chars = g.chars();
        let base = chars.next().map(|c| (c, face.fonts.pick(face.weight, c.encode_utf8(&mut [0u8; 4]))));
        match base {
            Some((c, Some(id))) => {
                out.push(c);
                let f = face.fonts.get(id);
                out.extend(chars.filter(|&m| f.has_glyph(m)));
            }
            _ if out.ends_with(REPLACEMENT) => {}
            _ => out.push(REPLACEMENT),
        }
    }
    out
}

/// [`clean`] then [`drawable`]: what every exporter draws for a piece of user text.
pub fn prepare(face: Face<'_>, text: &str) -> String {
    drawable(face, &clean(text))
}

/// Text broken into lines that each fit a width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<Line>,
    /// Some text was left out (the last line ends in "…", or nothing fitted).
    pub truncated: bool,
}

/// One line, shaped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The line's characters in logical (reading) order.
    pub text: String,
    /// Width at the size it was wrapped for, in points; never above the limit.
    pub width: f32,
    /// Its glyphs, left to right, positions in em from the line's start.
    pub glyphs: Vec<Glyph>,
}

impl Line {
    /// The line made of `segs` (the last one without its trailing spaces):
    /// pieces put in visual order, glyphs placed left to right.
    fn of(paras: &[Paragraph], segs: &[Seg], size: f32) -> Line {
        let mut text = String::new();
        let mut pieces = Vec::new();
        for (k, s) in segs.iter().enumerate() {
            let Some(p) = paras.get(s.para) else { continue };
            let range = if k + 1 == segs.len() { s.content.clone() } else { s.all.clone() };
            text.push_str(p.text_of(range.clone()));
            pieces.extend(p.pieces.get(range).into_iter().flatten());
        }
        let (glyphs, width) = shape::lay_out(&pieces);
        Line { text, width: width * size, glyphs }
    }

    /// The whole of a paragraph as one line.
    fn whole(p: &Paragraph, size: f32) -> Line {
        let n = p.pieces.len();
        Line { text: p.text.clone(), width: p.width(0..n) * size, glyphs: p.line_glyphs(0..n) }
    }
}

/// A place a line may end: pieces of one paragraph from one break
/// opportunity to the next.
#[derive(Debug, Clone)]
struct Seg {
    para: usize,
    /// Without its trailing spaces, which a line leaves out at its end.
    content: Range<usize>,
    all: Range<usize>,
    /// Widths in em of the content and of the trailing spaces.
    width: f32,
    space: f32,
}

/// The segments of `paras[para]`.
fn segments(paras: &[Paragraph], para: usize) -> Vec<Seg> {
    let Some(p) = paras.get(para) else { return Vec::new() };
    let mut out = Vec::new();
    let mut start = 0;
    let n = p.pieces.len();
    for i in 1..=n {
        if i == n || p.pieces[i].break_before {
            let mut end = i;
            while end > start && p.pieces[end - 1].space {
                end -= 1;
            }
            out.push(Seg { para, content: start..end, all: start..i, width: p.width(start..end), space: p.width(end..i) });
            start = i;
        }
    }
    out
}

/// Greedy wrapping of `text` (already [`clean`]ed) at `size` points into lines
/// no wider than `max_width`, at most `max_lines` of them. Breaks where UAX #14
/// allows (after spaces, after hyphens, between ideographs…); a word longer
/// than a line is broken between grapheme clusters. Runs of spaces collapse.
/// If the text needs more lines, the last one is cut and ends with "…".
pub fn wrap(face: Face<'_>, text: &str, size: f32, max_width: f32, max_lines: usize) -> Wrapped {
    let mut out = Wrapped::default();
    if max_lines == 0 || max_width <= 0.0 || size <= 0.0 {
        out.truncated = !text.trim().is_empty();
        return out;
    }
    let limit = max_width / size; // in em
                                  // Lines are produced until one more than allowed exists: then we know to cut.
    let mut lines: Vec<(Line, Level)> = Vec::new();
    let mut more = false;
    'paragraphs: for para in text.split('\n') {
        let collapsed = para.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        // Shape no more than could fill the lines still allowed: a generous
        // bound of clusters (none is narrower than a tenth of an em), so a
        // card of 10,000 characters costs what its visible lines cost.
        let room = (max_lines + 1).saturating_sub(lines.len()) * ((limit * 10.0).ceil() as usize + 2) + 16;
        let shown = match collapsed.grapheme_indices(true).nth(room) {
            Some((i, _)) => {
                more = true;
                collapsed.get(..i).unwrap_or("")
            }
            None => collapsed.as_str(),
        };
        let mut paras = vec![face.paragraph(shown, paragraph_direction())];
        let base = paras[0].base;
        if paras[0].pieces.is_empty() {
            lines.push((Line::default(), base));
            if lines.len() > max_lines {
                more = true;
                break;
            }
            continue;
        }
        let mut line: Vec<Seg> = Vec::new();
        let mut line_w = 0.0f32; // with the last segment's trailing spaces
        let mut queue: std::collections::VecDeque<Seg> = segments(&paras, 0).into();
        while let Some(seg) = queue.pop_front() {
            let fits = |w: f32| w <= limit;
            if !line.is_empty() && fits(line_w + seg.width) {
                line_w += seg.width + seg.space;
                line.push(seg);
                continue;
            }
            if !line.is_empty() {
                lines.push((Line::of(&paras, &line, size), base));
                line.clear();
                line_w = 0.0;
                if lines.len() > max_lines {
                    more = true;
                    break 'paragraphs;
                }
            }
            if fits(seg.width) {
                line_w = seg.width + seg.space;
                line.push(seg);
                continue;
            }
            // A word wider than a line: its clusters become segments of their
            // own (the last keeps the word's trailing spaces).
            let word = paras.get(seg.para).map(|p| p.text_of(seg.all.clone()).to_owned()).unwrap_or_default();
            let trimmed = word.trim_end_matches(' ');
            let spaces = &word[trimmed.len()..];
            let clusters: Vec<&str> = trimmed.graphemes(true).collect();
            let mut split = Vec::with_capacity(clusters.len());
            for (k, g) in clusters.iter().enumerate() {
                let t = if k + 1 == clusters.len() { format!("{g}{spaces}") } else { (*g).to_owned() };
                paras.push(face.paragraph(&t, base));
                let i = paras.len() - 1;
                // One cluster, no break inside: a single segment.
                let n = paras[i].pieces.len();
                let mut content_end = n;
                while content_end > 0 && paras[i].pieces[content_end - 1].space {
                    content_end -= 1;
                }
                let (w, s) = (paras[i].width(0..content_end), paras[i].width(content_end..n));
                if w > limit {
                    // A single cluster wider than the box: left out rather than overflow.
                    out.truncated = true;
                    continue;
                }
                split.push(Seg { para: i, content: 0..content_end, all: 0..n, width: w, space: s });
            }
            // Each cluster segment is narrower than a line: the loop places them.
            for s in split.into_iter().rev() {
                queue.push_front(s);
            }
        }
        lines.push((Line::of(&paras, &line, size), base));
        if lines.len() > max_lines || more {
            more = true;
            break;
        }
    }
    // Trailing empty lines carry nothing.
    while lines.last().is_some_and(|(l, _)| l.text.is_empty()) && !more {
        lines.pop();
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        more = true;
    }
    if more {
        out.truncated = true;
        if let Some((last, base)) = lines.last_mut() {
            *last = with_ellipsis(face, &last.text, limit, size, *base);
        }
    }
    out.lines = lines.into_iter().map(|(l, _)| l).collect();
    out
}

/// `text` shortened, whole clusters at a time and without trailing spaces,
/// so that it and "…" fit `limit` em; the line set in direction `base`.
fn with_ellipsis(face: Face<'_>, text: &str, limit: f32, size: f32, base: Level) -> Line {
    let ends: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let attempt = |end: usize| {
        let kept = text.get(..end).unwrap_or("").trim_end_matches(' ');
        face.paragraph(&format!("{kept}{ELLIPSIS}"), base)
    };
    let fits = |p: &Paragraph| p.width(0..p.pieces.len()) <= limit;
    // The longest prefix that fits (widths grow with the prefix).
    let (mut lo, mut hi) = (0usize, ends.len() - 1);
    if !fits(&attempt(ends[0])) {
        return Line::default();
    }
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&attempt(ends[mid])) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Line::whole(&attempt(ends[lo]), size)
}

/// One line of `text` that fits `max_width`: the text itself, or its start and "…".
pub fn fit_line(face: Face<'_>, text: &str, size: f32, max_width: f32) -> Line {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let p = face.paragraph(&flat, paragraph_direction());
    let line = Line::whole(&p, size);
    if line.width <= max_width {
        return line;
    }
    if size <= 0.0 {
        return Line::default();
    }
    with_ellipsis(face, &flat, max_width / size, size, p.base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("bundled fonts parse")
    }

    #[test]
    fn bundled_faces_cover_vietnamese() {
        let f = fonts();
        let vi = "Nhận thức điểm chạm Ủng hộ ẮẰẲẴẶắằẳẵặẤẦẨẪẬấầẩẫậĐđƠơƯư ỄỆễệ ỐỒỔỖỘốồổỗộ ỚỜỞỠỢớờởỡợ ỨỪỬỮỰứừửữự ỲỴỶỸỳỵỷỹ";
        for face in [f.primary(Weight::Regular), f.primary(Weight::Bold)] {
            for c in vi.chars().filter(|c| !c.is_whitespace()) {
                assert!(face.has_glyph(c), "missing glyph for {c:?}");
            }
            assert!(face.has_glyph(ELLIPSIS));
        }
    }

    #[test]
    fn symbols_the_exporters_draw_exist_in_both_faces() {
        let f = fonts();
        for face in [f.primary(Weight::Regular), f.primary(Weight::Bold)] {
            for c in ['›', '·', '–', '—', '…', '“', '”', '₫', '%', '+'] {
                assert!(face.has_glyph(c), "missing {c:?}");
            }
        }
    }

    #[test]
    fn only_text_no_face_draws_becomes_one_visible_marker() {
        let f = fonts().face(Weight::Regular);
        assert!(f.has_glyph(REPLACEMENT));
        for s in ["Vui 😀😀 quá", "שלום עולם", "مرحبا بك", "Giỏ hàng → Thanh toán", "👍🏽 ∑ ≤ ≥ ≠", "Nhận thức"]
        {
            assert_eq!(prepare(f, s), s, "every bundled script is kept");
        }
        assert_eq!(prepare(f, "Chào \u{378}\u{379}\u{380} bạn"), "Chào \u{FFFD} bạn", "unassigned code points: no face at all");
        // A mark no face has on this base (U+0F71, Tibetan) is dropped, its base kept.
        assert_eq!(drawable(f, "a\u{0F71}b"), "ab");
    }

    #[test]
    fn paragraphs_run_left_to_right_as_the_app_shows_them() {
        // Arabic first, then Latin: the Arabic run is left of the Latin, as on
        // screen (and its first word right of its second).
        let f = fonts().face(Weight::Regular);
        let l = fit_line(f, "مرحبا بك — mixed", 9.0, 500.0);
        let x_of = |s: &str| l.glyphs.iter().find(|g| g.text == s).map(|g| g.x).expect("glyph");
        assert!(x_of("م") < x_of("m"), "{l:?}");
        assert!(x_of("م") > x_of("ك"));
        assert_eq!(l.text, "مرحبا بك — mixed");
    }

    #[test]
    fn clean_composes_and_drops_controls() {
        // "ệ" decomposed: e + circumflex + dot below.
        assert_eq!(clean("Nh\u{0065}\u{0323}\u{0302}n"), "Nh\u{1EC7}n");
        assert_eq!(clean("a\tb\r\nc\u{0007}\u{200B}d\u{FE0F}"), "a b\ncd");
    }

    #[test]
    fn short_text_is_one_line_and_exact() {
        let f = fonts().face(Weight::Regular);
        let w = wrap(f, "Nhận thức", 9.0, 200.0, 5);
        assert_eq!(w.lines.len(), 1);
        assert_eq!(w.lines[0].text, "Nhận thức");
        assert!(!w.truncated);
        assert!((w.lines[0].width - f.width("Nhận thức", 9.0)).abs() < 1e-3);
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_width() {
        let f = fonts().face(Weight::Regular);
        let text = "Khách hàng tìm hiểu sản phẩm qua mạng xã hội và hỏi ý kiến bạn bè trước khi mua";
        let w = wrap(f, text, 9.0, 80.0, 50);
        assert!(w.lines.len() > 2);
        assert!(!w.truncated);
        for l in &w.lines {
            assert!(l.width <= 80.0 + 1e-3, "{l:?}");
            assert!((l.width - f.width(&l.text, 9.0)).abs() < 1e-2);
        }
        let joined = w.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, text);
    }

    #[test]
    fn overflow_is_cut_with_an_ellipsis() {
        let f = fonts().face(Weight::Regular);
        let text = "word ".repeat(200);
        let w = wrap(f, &text, 9.0, 100.0, 3);
        assert_eq!(w.lines.len(), 3);
        assert!(w.truncated);
        let last = &w.lines[2];
        assert!(last.text.ends_with(ELLIPSIS), "{last:?}");
        assert!(last.width <= 100.0 + 1e-3);
    }

    #[test]
    fn long_words_break_between_characters() {
        let f = fonts().face(Weight::Regular);
        let word = "Supercalifragilisticexpialidocious".repeat(4);
        let w = wrap(f, &word, 10.0, 60.0, 100);
        assert!(w.lines.len() > 3);
        assert!(!w.truncated);
        assert_eq!(w.lines.iter().map(|l| l.text.as_str()).collect::<String>(), word);
        assert!(w.lines.iter().all(|l| l.width <= 60.0 + 1e-3));
    }

    #[test]
    fn a_cluster_wider_than_the_box_is_left_out_and_the_rest_still_fits() {
        let f = fonts().face(Weight::Regular);
        // At 10 pt a "W" is ~9 pt wide, an "i" ~2.6 pt: in a 5-pt box only the i's fit.
        let w = wrap(f, "WWW iii", 10.0, 5.0, 10);
        assert!(w.truncated);
        assert!(w.lines.iter().all(|l| l.width <= 5.0 + 1e-3), "{w:?}");
        assert!(w.lines.iter().all(|l| !l.text.contains('W')));
        assert_eq!(w.lines.iter().map(|l| l.text.as_str()).collect::<String>(), "iii");
    }

    #[test]
    fn hyphens_are_break_opportunities() {
        let f = fonts().face(Weight::Regular);
        let w = wrap(f, "sign-up-flow", 10.0, f.width("sign-up-", 10.0) + 0.5, 5);
        assert_eq!(w.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["sign-up-", "flow"]);
    }

    #[test]
    fn explicit_newlines_start_new_lines() {
        let f = fonts().face(Weight::Regular);
        let w = wrap(f, "one\ntwo\n\nthree\n", 10.0, 200.0, 10);
        let t: Vec<_> = w.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["one", "two", "", "three"]);
    }

    #[test]
    fn ten_thousand_characters_stop_early() {
        let f = fonts().face(Weight::Regular);
        let text = clean(&"Lorem ipsum dolor sit amet 😀 مرحبا שלום ".repeat(250));
        assert!(text.chars().count() >= 10_000);
        let start = std::time::Instant::now();
        let w = wrap(f, &text, 9.0, 170.0, 8);
        assert!(start.elapsed().as_millis() < 200);
        assert_eq!(w.lines.len(), 8);
        assert!(w.truncated);
        assert!(w.lines.iter().all(|l| l.width <= 170.0 + 1e-3));
    }

    #[test]
    fn degenerate_boxes_do_not_panic() {
        let f = fonts().face(Weight::Regular);
        assert!(wrap(f, "abc", 9.0, 0.0, 3).lines.is_empty());
        assert!(wrap(f, "abc", 9.0, 2.0, 3).lines.iter().all(|l| l.width <= 2.0));
        assert!(wrap(f, "abc", 9.0, 100.0, 0).truncated);
        assert_eq!(wrap(f, "", 9.0, 100.0, 3).lines.len(), 0);
        assert_eq!(fit_line(f, "abc", 9.0, 1.0).text, "");
    }

    #[test]
    fn fit_line_ellipsizes() {
        let f = fonts().face(Weight::Bold);
        let l = fit_line(f, "Hành động của khách hàng", 10.0, 60.0);
        assert!(l.text.ends_with(ELLIPSIS));
        assert!(l.width <= 60.0);
        let l = fit_line(f, "Cơ hội", 10.0, 60.0);
        assert_eq!(l.text, "Cơ hội");
    }
}
