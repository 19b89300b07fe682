//! Shaping: a paragraph of text → glyphs of the bundled faces, placed.
//!
//! A paragraph is cut into *pieces*, each one face, one bidi level and no
//! place a line may break inside (UAX #14, `unicode-linebreak`); the face is
//! chosen per grapheme cluster (a base with its marks, `unicode-segmentation`)
//! by the fallback chain of [`super::fonts`]; the levels come from
//! `unicode-bidi`. Each piece is shaped by harfrust in its direction (Arabic
//! joins, marks are positioned, emoji sequences ligate) and measured by the
//! advances it returns. A line is a run of pieces; its glyphs are laid out
//! left to right after the pieces are put in visual order (rule L2), so what
//! was measured is exactly what is drawn, in the PDF, the SVG and the PNG.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use unicode_bidi::{BidiInfo, Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{FaceId, Fonts, Weight};

/// One glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub id: u16,
    /// Where the glyph's origin is, in em from the line's start on the
    /// baseline (y grows upwards, as in the font).
    pub x: f32,
    pub y: f32,
    /// How far the pen moves after it, in em.
    pub advance: f32,
    /// The characters it stands for (what a PDF reader copies): its own
    /// character, all of a ligature's, or none for the second glyph of one.
    pub text: String,
}

/// A stretch of a paragraph that is shaped as one: one face, one level,
/// all spaces or none, no break opportunity inside.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Bytes of the paragraph's text.
    pub range: Range<usize>,
    pub level: Level,
    pub face: FaceId,
    /// The piece is white space (left out at the end of a line).
    pub space: bool,
    /// A line may start with this piece.
    pub break_before: bool,
    /// The piece's glyphs in visual order, x from the piece's start.
    pub glyphs: Vec<Glyph>,
    /// Advance width in em.
    pub width: f32,
}

/// A paragraph (no line breaks inside) cut into shaped pieces.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub weight: Weight,
    /// The paragraph's direction: from its first strong character, or as asked.
    pub base: Level,
    pub pieces: Vec<Piece>,
}

impl Paragraph {
    /// Cuts `text` (one paragraph, already cleaned) into pieces and shapes
    /// them. `base` forces the paragraph direction (a line cut from a longer
    /// paragraph keeps that paragraph's); `None` takes it from the text.
    pub fn new(fonts: &Fonts, weight: Weight, text: &str, base: Option<Level>) -> Paragraph {
        let bidi = ParagraphBidiInfo::new(text, base);
        let opportunities: BTreeSet<usize> = unicode_linebreak::linebreaks(text).map(|(i, _)| i).filter(|&i| i < text.len()).collect();
        let mut pieces: Vec<Piece> = Vec::new();
        for (start, cluster) in text.grapheme_indices(true) {
            let face = fonts.pick_or_primary(weight, cluster);
            let level = bidi.levels.get(start).copied().unwrap_or(bidi.paragraph_level);
            let space = cluster.chars().all(|c| c == ' ');
            let break_before = opportunities.contains(&start);
            let end = start + cluster.len();
            match pieces.last_mut() {
                Some(p) if p.face == face && p.level == level && p.space == space && !break_before => p.range.end = end,
                _ => pieces.push(Piece { range: start..end, level, face, space, break_before, glyphs: Vec::new(), width: 0.0 }),
            }
        }
        for p in &mut pieces {
            shape_piece(fonts, text, p);
        }
        Paragraph { text: text.to_owned(), weight, base: bidi.paragraph_level, pieces }
    }

    /// Advance width of the pieces `range`, in em.
    pub fn width(&self, range: Range<usize>) -> f32 {
        self.pieces.get(range).map_or(0.0, |ps| ps.iter().map(|p| p.width).sum())
    }

    /// The text of the pieces `range`.
    pub fn text_of(&self, range: Range<usize>) -> &str {
        let (Some(first), Some(last)) = (self.pieces.get(range.start), range.end.checked_sub(1).and_then(|i| self.pieces.get(i))) else {
            return "";
        };
        if range.start >= range.end {
            return "";
        }
        self.text.get(first.range.start..last.range.end).unwrap_or("")
    }

    /// The glyphs of the pieces `range` laid out as one line: pieces in
    /// visual order, x from the line's left end.
    pub fn line_glyphs(&self, range: Range<usize>) -> Vec<Glyph> {
        let pieces: Vec<&Piece> = self.pieces.get(range).into_iter().flatten().collect();
        lay_out(&pieces).0
    }
}

/// `pieces` (in logical order, from one paragraph or from several of one
/// direction) as one line: put in visual order by their levels (rule L2),
/// glyphs placed left to right, x in em from the line's left end; and the
/// line's advance width in em.
pub fn lay_out(pieces: &[&Piece]) -> (Vec<Glyph>, f32) {
    let levels: Vec<Level> = pieces.iter().map(|p| p.level).collect();
    let mut out = Vec::with_capacity(pieces.iter().map(|p| p.glyphs.len()).sum());
    let mut pen = 0.0f32;
    for i in BidiInfo::reorder_visual(&levels) {
        let Some(p) = pieces.get(i) else { continue };
        out.extend(p.glyphs.iter().map(|g| Glyph { x: pen + g.x, ..g.clone() }));
        pen += p.width;
    }
    (out, pen)
}

/// The shape plan of `face` for a direction and script, made once per
/// process (making one is most of the cost of shaping a short piece).
fn plan(face: FaceId, shaper: &harfrust::Shaper<'_>, direction: harfrust::Direction, script: harfrust::Script) -> Arc<harfrust::ShapePlan> {
    type Plans = HashMap<(FaceId, harfrust::Direction, harfrust::Script), Arc<harfrust::ShapePlan>>;
    static PLANS: OnceLock<Mutex<Plans>> = OnceLock::new();
    let plans = PLANS.get_or_init(|| Mutex::new(HashMap::new()));
    // A poisoned lock only means another export panicked: the plans are still good.
    let mut plans = plans.lock().unwrap_or_else(|e| e.into_inner());
    plans
        .entry((face, direction, script))
        .or_insert_with(|| Arc::new(harfrust::ShapePlan::new(shaper, direction, Some(script), None, &[])))
        .clone()
}

/// Shapes one piece with its face, in its direction.
fn shape_piece(fonts: &Fonts, text: &str, piece: &mut Piece) {
    let face = fonts.get(piece.face);
    let Some(s) = text.get(piece.range.clone()) else { return };
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(s);
    buffer.set_direction(if piece.level.is_rtl() { harfrust::Direction::RightToLeft } else { harfrust::Direction::LeftToRight });
    buffer.guess_segment_properties();
    // Pinned (a piece of only spaces or digits has none of its own), so the
    // buffer is exactly what its cached plan was made for.
    let script = buffer.script();
    buffer.set_script(script);
    let shaper = face.shaper.shaper(&face.font_ref).build();
    let plan = plan(piece.face, &shaper, buffer.direction(), script);
    let out = shaper.shape(buffer, harfrust::ShapeOptions::new().plan(Some(&plan)));
    let upem = face.units_per_em;
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    // Each cluster's text: from its start to the next cluster's start.
    let starts: BTreeSet<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    let cluster_text = |start: usize| {
        let end = starts.range(start + 1..).next().copied().unwrap_or(s.len());
        s.get(start..end).unwrap_or("")
    };
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut pen = 0.0f32;
    for (info, pos) in infos.iter().zip(positions) {
        let id = u16::try_from(info.glyph_id).unwrap_or(0);
        glyphs.push(Glyph {
            face: piece.face,
            id,
            x: pen + pos.x_offset as f32 / upem,
            y: pos.y_offset as f32 / upem,
            advance: pos.x_advance as f32 / upem,
            text: String::new(),
        });
        pen += pos.x_advance as f32 / upem;
    }
    // What each glyph stands for: a glyph that is some character's own
    // (`cmap`) glyph gets that character; the cluster's other characters go to
    // its first glyph that has none (a ligature, an Arabic joining form).
    for &start in &starts {
        let members: Vec<usize> = (0..infos.len()).filter(|&i| infos[i].cluster as usize == start).collect();
        let mut left: Vec<char> = cluster_text(start).chars().collect();
        let mut unclaimed = Vec::new();
        for &i in &members {
            let own = left.iter().position(|&c| face.nominal_glyph(c) == Some(glyphs[i].id));
            match own {
                Some(k) => glyphs[i].text.push(left.remove(k)),
                None => unclaimed.push(i),
            }
        }
        if !left.is_empty() {
            if let Some(&i) = unclaimed.first().or(members.first()) {
                glyphs[i].text.extend(left);
            }
        }
    }
    piece.width = pen;
    piece.glyphs = glyphs;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("fonts")
    }

    fn para(text: &str) -> Paragraph {
        Paragraph::new(fonts(), Weight::Regular, text, None)
    }

    fn all(p: &Paragraph) -> Vec<Glyph> {
        p.line_glyphs(0..p.pieces.len())
    }

    /// The text a reader would copy, glyph by glyph from left to right.
    fn visual_text(glyphs: &[Glyph]) -> String {
        glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn the_arrow_and_math_come_from_the_fallback_faces_and_text_stays_in_noto_sans() {
        let p = para("Giỏ hàng → Thanh toán ∑ ≤ ≥ ≠");
        let g = all(&p);
        assert!(g.iter().all(|g| g.id != 0), "no .notdef glyph: {g:?}");
        let arrow = g.iter().find(|g| g.text == "→").expect("arrow glyph");
        assert_eq!(arrow.face, FaceId::MATH);
        for s in ["∑", "≤", "≥", "≠"] {
            assert_eq!(g.iter().find(|g| g.text == s).map(|g| g.face), Some(FaceId::MATH), "{s}");
        }
        assert!(g.iter().filter(|g| g.text == "ỏ" || g.text == "à").all(|g| g.face == FaceId::REGULAR));
        assert_eq!(visual_text(&g), "Giỏ hàng → Thanh toán ∑ ≤ ≥ ≠");
        // Advances add up, left to right.
        assert!(g.windows(2).all(|w| w[1].x >= w[0].x - 1e-4));
    }

    #[test]
    fn arabic_is_joined_and_laid_out_right_to_left() {
        let word = "مرحبا";
        let p = para(word);
        let g = all(&p);
        assert_eq!(p.base, Level::rtl());
        assert!(g.iter().all(|g| g.face == FaceId::ARABIC && g.id != 0));
        // Joined: the letters are contextual forms, not their isolated (cmap) glyphs.
        let face = fonts().get(FaceId::ARABIC);
        let nominal: Vec<Option<u16>> = word.chars().map(|c| face.nominal_glyph(c)).collect();
        let joined = g.iter().filter(|g| !nominal.contains(&Some(g.id))).count();
        assert!(joined >= 3, "only {joined} contextual forms in {g:?}");
        // Right to left: the first letter is drawn rightmost.
        let first = g.iter().find(|g| g.text == "م").expect("meem");
        assert!(g.iter().all(|o| o.x <= first.x + 1e-4), "{g:?}");
        assert_eq!(visual_text(&g).chars().rev().collect::<String>(), word);
        // Two words: the first read is the right one.
        let g = all(&para("مرحبا بك"));
        let x_of = |s: &str| g.iter().find(|g| g.text == s).map(|g| g.x).expect("glyph");
        assert!(x_of("م") > x_of("ب") && x_of("ب") > x_of("ك"), "{g:?}");
    }

    #[test]
    fn hebrew_reads_right_to_left_inside_a_left_to_right_line() {
        let p = para("Xin chào שלום ok");
        assert_eq!(p.base, Level::ltr());
        let g = all(&p);
        assert!(g.iter().all(|g| g.id != 0));
        let x_of = |s: &str| g.iter().find(|g| g.text == s).map(|g| g.x).expect("glyph");
        // Logical ש ל ו ם: the shin is rightmost of the four.
        assert!(x_of("ש") > x_of("ל") && x_of("ל") > x_of("ו") && x_of("ו") > x_of("ם"));
        // The Hebrew word sits between "chào" and "ok".
        assert!(x_of("o") < x_of("ם") || x_of("à") < x_of("ם"));
        assert!(x_of("k") > x_of("ש"));
        assert_eq!(g.iter().find(|g| g.text == "ש").map(|g| g.face), Some(FaceId::HEBREW));
    }

    #[test]
    fn decomposed_vietnamese_is_drawn_as_its_precomposed_letter() {
        // e + dot below + circumflex, not composed: the shaper draws the
        // face's "ệ", and the glyph stands for the three characters.
        let p = para("Nh\u{0065}\u{0323}\u{0302}n");
        let g = all(&p);
        let face = fonts().get(FaceId::REGULAR);
        assert_eq!(
            g.iter().map(|g| g.id).collect::<Vec<_>>(),
            "Nhện".chars().map(|c| face.nominal_glyph(c).unwrap_or(0)).collect::<Vec<_>>()
        );
        assert_eq!(g[2].text, "e\u{0323}\u{0302}");
        assert!((p.width(0..p.pieces.len()) - para("Nhện").width(0..1)).abs() < 1e-4);
    }

    #[test]
    fn marks_without_a_precomposed_letter_are_placed_on_their_base() {
        // q + dot below + circumflex has no precomposed form: three glyphs,
        // the marks without advance of their own and moved onto the q.
        let p = para("q\u{0323}\u{0302}");
        let g = all(&p);
        assert_eq!(g.len(), 3, "{g:?}");
        assert!(g.iter().all(|g| g.face == FaceId::REGULAR && g.id != 0));
        assert!(g[1..].iter().all(|m| m.advance.abs() < 1e-4), "{g:?}");
        assert!(g[1..].iter().all(|m| m.y.abs() > 0.01 || m.x.abs() > 0.01), "marks are positioned: {g:?}");
        assert_eq!(visual_text(&g), "q\u{0323}\u{0302}");
    }

    #[test]
    fn an_emoji_with_a_skin_tone_is_one_emoji_cluster() {
        let p = para("Tốt 👍🏽 lắm");
        let g = all(&p);
        assert!(g.iter().all(|g| g.id != 0), "{g:?}");
        let emoji: Vec<&Glyph> = g.iter().filter(|g| g.face == FaceId::EMOJI).collect();
        assert!(!emoji.is_empty());
        let text: String = emoji.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "👍🏽");
        assert_eq!(visual_text(&g), "Tốt 👍🏽 lắm");
    }

    #[test]
    fn pieces_break_where_lines_may_break() {
        let p = para("sign-up flow");
        let starts: Vec<&str> = p.pieces.iter().filter(|p| p.break_before).map(|pc| &p.text[pc.range.clone()]).collect();
        assert_eq!(starts, ["up", "flow"]);
        assert!(p.pieces.iter().any(|p| p.space));
    }
}
