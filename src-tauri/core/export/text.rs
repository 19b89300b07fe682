//! Text for the exporters: the bundled Noto Sans faces (full Vietnamese
//! coverage, SIL OFL 1.1, see `assets/fonts/OFL.txt`), glyph advances read with
//! `ttf-parser`, greedy line wrapping by those advances, and the "…" marker for
//! text that does not fit its box.
//!
//! The widths measured here are exactly the widths a PDF viewer uses: the PDF
//! writer emits one glyph per character (no kerning), and its `/W` array comes
//! from the same `hmtx` advances.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::ExportError;

pub static REGULAR_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
pub static BOLD_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
/// The family name both faces declare; SVG text asks for it.
pub const FAMILY: &str = "Noto Sans";

/// The marker appended to text cut because it does not fit.
pub const ELLIPSIS: char = '\u{2026}';

/// Distance between baselines, as a multiple of the font size. Larger than the
/// faces' ascender − descender (1.362 em), so lines never touch, even with
/// stacked Vietnamese diacritics.
pub const LINE_SPACING: f32 = 1.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// One parsed face with what measuring needs.
pub struct Face {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Ascender and descender, in em (descender is negative).
    pub ascender: f32,
    pub descender: f32,
    notdef_advance: f32,
    /// Advances of U+0000..U+00FF, in em (the common case, looked up without the cmap).
    latin1: [f32; 256],
}

impl Face {
    pub fn parse(data: &'static [u8]) -> Result<Face, ExportError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| ExportError::Font(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        if units_per_em <= 0.0 {
            return Err(ExportError::Font("units per em is 0".into()));
        }
        let notdef_advance = face.glyph_hor_advance(ttf_parser::GlyphId(0)).map(f32::from).unwrap_or(units_per_em / 2.0) / units_per_em;
        let mut f = Face {
            ascender: f32::from(face.ascender()) / units_per_em,
            descender: f32::from(face.descender()) / units_per_em,
            face,
            units_per_em,
            notdef_advance,
            latin1: [0.0; 256],
        };
        for (i, slot) in (0u32..256).zip(0usize..) {
            f.latin1[slot] = char::from_u32(i).map(|c| f.lookup_advance(c)).unwrap_or(notdef_advance);
        }
        Ok(f)
    }

    fn lookup_advance(&self, c: char) -> f32 {
        match self.face.glyph_index(c) {
            Some(g) => self.face.glyph_hor_advance(g).map(f32::from).unwrap_or(0.0) / self.units_per_em,
            None => self.notdef_advance,
        }
    }

    /// Whether the face has a glyph for `c` (others are drawn as the .notdef box).
    pub fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Advance of one character, in em.
    pub fn advance(&self, c: char) -> f32 {
        let cp = c as u32;
        if cp < 256 {
            self.latin1[cp as usize]
        } else {
            self.lookup_advance(c)
        }
    }

    /// Width of `s` at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Height of one line's ink box (ascender to descender) at `size`.
    pub fn box_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender) * size
    }
}

/// The two faces every export uses.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    /// The bundled faces, parsed once per process.
    pub fn bundled() -> Result<&'static Fonts, ExportError> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Face::parse(REGULAR_TTF).map_err(|e| e.to_string())?,
                    bold: Face::parse(BOLD_TTF).map_err(|e| e.to_string())?,
                })
            })
            .as_ref()
            .map_err(|e| ExportError::Font(e.clone()))
    }

    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// Invisible formatting characters that the face has no glyph for and that
/// would otherwise show as boxes: zero-width spaces and joiners, bidi controls,
/// variation selectors, the BOM and tag characters.
fn is_invisible_format(c: char) -> bool {
    matches!(c as u32,
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

/// Text as the exporters draw it: composed (NFC, so Vietnamese letters are one
/// precomposed glyph each), tabs as spaces, `\r\n` as `\n`, and control and
/// invisible formatting characters dropped.
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

/// Drawn instead of a character the faces have no glyph for (emoji, scripts
/// outside Latin/Greek/Cyrillic/Vietnamese): visible, searchable, and the same
/// width in every output.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `text` with every character `face` cannot draw replaced by
/// [`REPLACEMENT`] (or "?" if the face lacks even that), so the PDF, the SVG
/// and the PNG show and measure the same glyphs. Combining marks the face
/// lacks are dropped with their base kept.
pub fn drawable(face: &Face, text: &str) -> String {
    let fallback = if face.has_glyph(REPLACEMENT) { REPLACEMENT } else { '?' };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || c == ' ' || face.has_glyph(c) {
            out.push(c);
        } else if !is_combining_mark(c) && !out.ends_with(fallback) {
            // A run of undrawable characters (an emoji sequence, a word in
            // another script) becomes one marker, not a row of them.
            out.push(fallback);
        }
    }
    out
}

/// [`clean`] then [`drawable`]: what every exporter draws for a piece of user text.
pub fn prepare(face: &Face, text: &str) -> String {
    drawable(face, &clean(text))
}

/// Text broken into lines that each fit a width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<Line>,
    /// Some text was left out (the last line ends in "…", or nothing fitted).
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Width at the size it was wrapped for, in points; never above the limit.
    pub width: f32,
}

/// Greedy wrapping of `text` (already [`clean`]ed) at `size` points into lines
/// no wider than `max_width`, at most `max_lines` of them. Breaks at spaces and
/// after hyphens; a word longer than a line is broken between characters. If
/// the text needs more lines, the last one is cut and ends with "…".
pub fn wrap(face: &Face, text: &str, size: f32, max_width: f32, max_lines: usize) -> Wrapped {
    let mut out = Wrapped::default();
    if max_lines == 0 || max_width <= 0.0 || size <= 0.0 {
        out.truncated = !text.trim().is_empty();
        return out;
    }
    let limit = max_width / size; // in em
    let space = face.advance(' ');
    // Lines are produced until one more than allowed exists: then we know to cut.
    let mut lines: Vec<(String, f32)> = Vec::new();
    let mut more = false;
    'paragraphs: for para in text.split('\n') {
        let mut cur = String::new();
        let mut cur_w = 0.0f32;
        for (word, spaced) in words(para) {
            let w: f32 = word.chars().map(|c| face.advance(c)).sum();
            let gap = if spaced { space } else { 0.0 };
            if !cur.is_empty() && cur_w + gap + w <= limit {
                if spaced {
                    cur.push(' ');
                }
                cur.push_str(word);
                cur_w += gap + w;
                continue;
            }
            if !cur.is_empty() {
                lines.push((std::mem::take(&mut cur), cur_w));
                cur_w = 0.0;
                if lines.len() > max_lines {
                    more = true;
                    break 'paragraphs;
                }
            }
            if w <= limit {
                cur.push_str(word);
                cur_w = w;
                continue;
            }
            // A word wider than a line: break it between characters.
            for c in word.chars() {
                let a = face.advance(c);
                if cur_w + a > limit && !cur.is_empty() && !is_combining_mark(c) {
                    lines.push((std::mem::take(&mut cur), cur_w));
                    cur_w = 0.0;
                    if lines.len() > max_lines {
                        more = true;
                        break 'paragraphs;
                    }
                }
                if a > limit {
                    // A single glyph wider than the box: leave it out rather than overflow.
                    out.truncated = true;
                    continue;
                }
                cur.push(c);
                cur_w += a;
            }
        }
        lines.push((cur, cur_w));
        if lines.len() > max_lines {
            more = true;
            break;
        }
    }
    // Trailing empty lines carry nothing.
    while lines.last().is_some_and(|(t, _)| t.is_empty()) && !more {
        lines.pop();
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        more = true;
    }
    if more {
        out.truncated = true;
        if let Some(last) = lines.last_mut() {
            let (t, w) = with_ellipsis(face, &last.0, limit);
            *last = (t, w);
        }
    }
    out.lines = lines.into_iter().map(|(text, w)| Line { text, width: w * size }).collect();
    out
}

/// Pieces of a paragraph that may start a line, each with whether a space
/// separates it from the previous one: split at spaces (runs of spaces
/// collapse), and after a hyphen inside a word, so "sign-up" may break after "sign-".
fn words(para: &str) -> impl Iterator<Item = (&str, bool)> {
    para.split(' ').filter(|w| !w.is_empty()).flat_map(|w| HyphenSplit { rest: w, first: true })
}

struct HyphenSplit<'a> {
    rest: &'a str,
    first: bool,
}

impl<'a> Iterator for HyphenSplit<'a> {
    type Item = (&'a str, bool);
    fn next(&mut self) -> Option<(&'a str, bool)> {
        if self.rest.is_empty() {
            return None;
        }
        let spaced = std::mem::replace(&mut self.first, false);
        // Split after a hyphen that has something on both sides.
        let cut = self.rest.char_indices().find(|&(i, c)| c == '-' && i > 0 && i + 1 < self.rest.len()).map(|(i, _)| i + 1);
        match cut {
            Some(i) => {
                let (head, tail) = self.rest.split_at(i);
                self.rest = tail;
                Some((head, spaced))
            }
            None => Some((std::mem::take(&mut self.rest), spaced)),
        }
    }
}

/// `text` shortened so that it plus "…" fits `limit` em; returns the text and its width in em.
fn with_ellipsis(face: &Face, text: &str, limit: f32) -> (String, f32) {
    let ell = face.advance(ELLIPSIS);
    let mut t: String = text.to_owned();
    let mut w: f32 = t.chars().map(|c| face.advance(c)).sum();
    while !t.is_empty() && (w + ell > limit || t.ends_with(' ')) {
        // Drop whole characters, and a base character together with its marks.
        while let Some(c) = t.pop() {
            w -= face.advance(c);
            if !is_combining_mark(c) {
                break;
            }
        }
    }
    if ell > limit {
        return (String::new(), 0.0);
    }
    t.push(ELLIPSIS);
    (t, w.max(0.0) + ell)
}

/// One line of `text` that fits `max_width`: the text itself, or its start and "…".
pub fn fit_line(face: &Face, text: &str, size: f32, max_width: f32) -> Line {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let w = face.width(&flat, size);
    if w <= max_width {
        return Line { text: flat, width: w };
    }
    if size <= 0.0 {
        return Line { text: String::new(), width: 0.0 };
    }
    let (t, w) = with_ellipsis(face, &flat, max_width / size);
    Line { text: t, width: w * size }
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
        for face in [&f.regular, &f.bold] {
            for c in vi.chars().filter(|c| !c.is_whitespace()) {
                assert!(face.has_glyph(c), "missing glyph for {c:?}");
            }
            assert!(face.has_glyph(ELLIPSIS));
        }
    }

    #[test]
    fn symbols_the_exporters_draw_exist_in_both_faces() {
        let f = fonts();
        for face in [&f.regular, &f.bold] {
            for c in ['›', '·', '–', '—', '…', '“', '”', '₫', '%', '+'] {
                assert!(face.has_glyph(c), "missing {c:?}");
            }
        }
    }

    #[test]
    fn undrawable_characters_become_one_visible_marker() {
        let f = &fonts().regular;
        assert!(f.has_glyph(REPLACEMENT));
        assert_eq!(prepare(f, "Vui 😀😀 quá"), "Vui \u{FFFD} quá");
        assert_eq!(prepare(f, "שלום עולם"), "\u{FFFD} \u{FFFD}");
        assert_eq!(prepare(f, "Nhận thức"), "Nhận thức");
        // A mark the face lacks (U+0F71, Tibetan) is dropped, its base kept.
        assert_eq!(drawable(f, "a\u{0F71}b"), "ab");
    }

    #[test]
    fn clean_composes_and_drops_controls() {
        // "ệ" decomposed: e + circumflex + dot below.
        assert_eq!(clean("Nh\u{0065}\u{0323}\u{0302}n"), "Nh\u{1EC7}n");
        assert_eq!(clean("a\tb\r\nc\u{0007}\u{200B}d\u{FE0F}"), "a b\ncd");
    }

    #[test]
    fn short_text_is_one_line_and_exact() {
        let f = &fonts().regular;
        let w = wrap(f, "Nhận thức", 9.0, 200.0, 5);
        assert_eq!(w.lines.len(), 1);
        assert_eq!(w.lines[0].text, "Nhận thức");
        assert!(!w.truncated);
        assert!((w.lines[0].width - f.width("Nhận thức", 9.0)).abs() < 1e-3);
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_width() {
        let f = &fonts().regular;
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
        let f = &fonts().regular;
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
        let f = &fonts().regular;
        let word = "Supercalifragilisticexpialidocious".repeat(4);
        let w = wrap(f, &word, 10.0, 60.0, 100);
        assert!(w.lines.len() > 3);
        assert!(!w.truncated);
        assert_eq!(w.lines.iter().map(|l| l.text.as_str()).collect::<String>(), word);
        assert!(w.lines.iter().all(|l| l.width <= 60.0 + 1e-3));
    }

    #[test]
    fn hyphens_are_break_opportunities() {
        let f = &fonts().regular;
        let w = wrap(f, "sign-up-flow", 10.0, f.width("sign-up-", 10.0) + 0.5, 5);
        assert_eq!(w.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["sign-up-", "flow"]);
    }

    #[test]
    fn explicit_newlines_start_new_lines() {
        let f = &fonts().regular;
        let w = wrap(f, "one\ntwo\n\nthree\n", 10.0, 200.0, 10);
        let t: Vec<_> = w.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["one", "two", "", "three"]);
    }

    #[test]
    fn ten_thousand_characters_stop_early() {
        let f = &fonts().regular;
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
        let f = &fonts().regular;
        assert!(wrap(f, "abc", 9.0, 0.0, 3).lines.is_empty());
        assert!(wrap(f, "abc", 9.0, 2.0, 3).lines.iter().all(|l| l.width <= 2.0));
        assert!(wrap(f, "abc", 9.0, 100.0, 0).truncated);
        assert_eq!(wrap(f, "", 9.0, 100.0, 3).lines.len(), 0);
        assert_eq!(fit_line(f, "abc", 9.0, 1.0).text, "");
    }

    #[test]
    fn fit_line_ellipsizes() {
        let f = &fonts().bold;
        let l = fit_line(f, "Hành động của khách hàng", 10.0, 60.0);
        assert!(l.text.ends_with(ELLIPSIS));
        assert!(l.width <= 60.0);
        let l = fit_line(f, "Cơ hội", 10.0, 60.0);
        assert_eq!(l.text, "Cơ hội");
    }
}
