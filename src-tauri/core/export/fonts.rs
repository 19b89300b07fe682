//! The bundled faces and the fallback chain that picks one for each piece of
//! text. Every face is SIL OFL 1.1 (`assets/fonts/OFL.txt` names each file):
//! Noto Sans (Latin, Vietnamese, Greek, Cyrillic; regular and bold), Noto Sans
//! Symbols 2 and Noto Sans Math (arrows, symbols, operators), Noto Emoji
//! (monochrome emoji) and Noto Sans Arabic / Hebrew (right-to-left scripts).
//! The fallback faces have one weight: bold text uses their regular face.

use std::sync::OnceLock;

use super::system_fonts::SystemFonts;
use super::ExportError;

pub static REGULAR_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
pub static BOLD_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
pub static SYMBOLS2_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSansSymbols2-Regular.ttf");
pub static MATH_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSansMath-Regular.ttf");
pub static EMOJI_TTF: &[u8] = include_bytes!("../assets/fonts/NotoEmoji-Regular.ttf");
pub static ARABIC_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf");
pub static HEBREW_TTF: &[u8] = include_bytes!("../assets/fonts/NotoSansHebrew-Regular.ttf");

/// The family name of the two Noto Sans faces.
pub const FAMILY: &str = "Noto Sans";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// One of the bundled faces (an index into [`Fonts::faces`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub u8);

impl FaceId {
    pub const REGULAR: FaceId = FaceId(0);
    pub const BOLD: FaceId = FaceId(1);
    pub const SYMBOLS2: FaceId = FaceId(2);
    pub const MATH: FaceId = FaceId(3);
    pub const EMOJI: FaceId = FaceId(4);
    pub const ARABIC: FaceId = FaceId(5);
    pub const HEBREW: FaceId = FaceId(6);
}

/// The files, in [`FaceId`] order: a name for messages and the PDF, and the bytes.
const FILES: [(&str, &[u8]); 7] = [
    ("NotoSans-Regular", REGULAR_TTF),
    ("NotoSans-Bold", BOLD_TTF),
    ("NotoSansSymbols2-Regular", SYMBOLS2_TTF),
    ("NotoSansMath-Regular", MATH_TTF),
    ("NotoEmoji-Regular", EMOJI_TTF),
    ("NotoSansArabic-Regular", ARABIC_TTF),
    ("NotoSansHebrew-Regular", HEBREW_TTF),
];

/// The id of the first installed face loaded (after the bundled ones).
const FIRST_INSTALLED: u8 = FILES.len() as u8;

/// The faces tried, in order, for text of each weight.
const CHAIN_REGULAR: [FaceId; 6] = [FaceId::REGULAR, FaceId::SYMBOLS2, FaceId::MATH, FaceId::EMOJI, FaceId::ARABIC, FaceId::HEBREW];
const CHAIN_BOLD: [FaceId; 6] = [FaceId::BOLD, FaceId::SYMBOLS2, FaceId::MATH, FaceId::EMOJI, FaceId::ARABIC, FaceId::HEBREW];
/// For pictographs from U+1F000 on (emoji proper): the emoji face first, so a
/// thumbs-up is the emoji's even though Symbols 2 has one too.
const CHAIN_EMOJI_REGULAR: [FaceId; 6] = [FaceId::EMOJI, FaceId::REGULAR, FaceId::SYMBOLS2, FaceId::MATH, FaceId::ARABIC, FaceId::HEBREW];
const CHAIN_EMOJI_BOLD: [FaceId; 6] = [FaceId::EMOJI, FaceId::BOLD, FaceId::SYMBOLS2, FaceId::MATH, FaceId::ARABIC, FaceId::HEBREW];

/// One parsed face: outlines and metrics (`ttf-parser`) and what the shaper needs.
pub struct Face {
    pub name: &'static str,
    pub data: &'static [u8],
    /// Which face of `data` this is (0 but in a collection).
    pub index: u32,
    pub ttf: ttf_parser::Face<'static>,
    pub shaper: harfrust::ShaperData,
    pub font_ref: harfrust::FontRef<'static>,
    pub units_per_em: f32,
    /// Ascender and descender, in em (descender is negative).
    pub ascender: f32,
    pub descender: f32,
}

impl Face {
    pub fn parse(name: &'static str, data: &'static [u8]) -> Result<Face, ExportError> {
        Face::parse_at(name, data, 0)
    }

    /// The face at `index` of a file that may hold several (a `.ttc` collection).
    pub fn parse_at(name: &'static str, data: &'static [u8], index: u32) -> Result<Face, ExportError> {
        let bad = |e: &dyn std::fmt::Display| ExportError::Font(format!("{name}: {e}"));
        let ttf = ttf_parser::Face::parse(data, index).map_err(|e| bad(&e))?;
        let font_ref = harfrust::FontRef::from_index(data, index).map_err(|e| bad(&e))?;
        let units_per_em = f32::from(ttf.units_per_em());
        if units_per_em <= 0.0 {
            return Err(bad(&"units per em is 0"));
        }
        Ok(Face {
            name,
            data,
            ascender: f32::from(ttf.ascender()) / units_per_em,
            descender: f32::from(ttf.descender()) / units_per_em,
            shaper: harfrust::ShaperData::new(&font_ref),
            font_ref,
            ttf,
            units_per_em,
            index,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.ttf.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// Whether the face draws every character of `cluster`.
    pub fn covers(&self, cluster: &str) -> bool {
        cluster.chars().all(|c| self.has_glyph(c))
    }

    /// The glyph `c` maps to without shaping (its `cmap` entry).
    pub fn nominal_glyph(&self, c: char) -> Option<u16> {
        self.ttf.glyph_index(c).map(|g| g.0)
    }
}

/// Every bundled face, parsed once per process.
pub struct Fonts {
    pub faces: Vec<Face>,
}

impl Fonts {
    pub fn bundled() -> Result<&'static Fonts, ExportError> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let faces = FILES.iter().map(|&(name, data)| Face::parse(name, data)).collect::<Result<Vec<_>, _>>();
                faces.map(|faces| Fonts { faces }).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| ExportError::Font(e.clone()))
    }

    pub fn get(&self, id: FaceId) -> &Face {
        // The bundled faces are the constants above, one per entry of FILES;
        // the ids after them are installed faces loaded by `pick`.
        match self.faces.get(usize::from(id.0)) {
            Some(face) => face,
            None => SystemFonts::installed(FIRST_INSTALLED).get(id).unwrap_or(&self.faces[0]),
        }
    }

    /// The face whose metrics set the lines of `weight` (Noto Sans).
    pub fn primary(&self, weight: Weight) -> &Face {
        self.get(match weight {
            Weight::Regular => FaceId::REGULAR,
            Weight::Bold => FaceId::BOLD,
        })
    }

    /// The faces tried for a grapheme cluster starting with `first`, in order.
    pub fn chain(weight: Weight, first: char) -> &'static [FaceId] {
        let emoji = u32::from(first) >= 0x1F000;
        match (weight, emoji) {
            (Weight::Regular, false) => &CHAIN_REGULAR,
            (Weight::Bold, false) => &CHAIN_BOLD,
            (Weight::Regular, true) => &CHAIN_EMOJI_REGULAR,
            (Weight::Bold, true) => &CHAIN_EMOJI_BOLD,
        }
    }

    /// The first face of the chain that draws the whole grapheme `cluster`,
    /// else an installed face that does (see [`SystemFonts`]), if any does.
    pub fn pick(&self, weight: Weight, cluster: &str) -> Option<FaceId> {
        self.pick_bundled(weight, cluster).or_else(|| SystemFonts::installed(FIRST_INSTALLED).pick(weight, cluster))
    }

    /// The first bundled face of the chain that draws the whole grapheme `cluster`.
    pub fn pick_bundled(&self, weight: Weight, cluster: &str) -> Option<FaceId> {
        let first = cluster.chars().next()?;
        Fonts::chain(weight, first).iter().copied().find(|&id| self.get(id).covers(cluster))
    }

    /// The face for `cluster`, or the weight's primary face for text no face
    /// draws whole (which [`super::text::prepare`] has already replaced).
    pub fn pick_or_primary(&self, weight: Weight, cluster: &str) -> FaceId {
        self.pick(weight, cluster).unwrap_or(match weight {
            Weight::Regular => FaceId::REGULAR,
            Weight::Bold => FaceId::BOLD,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("bundled fonts parse")
    }

    #[test]
    fn every_bundled_face_parses_with_its_own_name() {
        let f = fonts();
        assert_eq!(f.faces.len(), FILES.len());
        for (face, (name, _)) in f.faces.iter().zip(FILES) {
            let ps = face.ttf.names().into_iter().find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME).and_then(|n| n.to_string());
            assert_eq!(ps.as_deref(), Some(name));
        }
    }

    #[test]
    fn each_character_goes_to_the_first_face_that_has_it() {
        let f = fonts();
        let cases = [
            ("a", FaceId::REGULAR),
            ("ệ", FaceId::REGULAR),
            ("e\u{0323}\u{0302}", FaceId::REGULAR),
            ("→", FaceId::MATH),
            ("∑", FaceId::MATH),
            ("≠", FaceId::MATH),
            ("★", FaceId::SYMBOLS2),
            ("👍", FaceId::EMOJI),
            ("👍🏽", FaceId::EMOJI),
            ("م", FaceId::ARABIC),
            ("ש", FaceId::HEBREW),
        ];
        for (cluster, want) in cases {
            assert_eq!(f.pick(Weight::Regular, cluster), Some(want), "{cluster:?}");
        }
        assert_eq!(f.pick(Weight::Bold, "ệ"), Some(FaceId::BOLD));
        assert_eq!(f.pick(Weight::Bold, "→"), Some(FaceId::MATH), "bold falls back to the regular symbol faces");
        assert_eq!(f.pick_bundled(Weight::Regular, "中"), None, "no bundled face has CJK");
        assert_eq!(f.pick(Weight::Regular, "\u{378}"), None, "no face has an unassigned code point");
        assert_eq!(f.pick_or_primary(Weight::Bold, "\u{378}"), FaceId::BOLD);
    }
}
