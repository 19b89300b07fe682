//! The last fallback of the export's text: faces installed on this computer,
//! for the characters no bundled face draws (CJK, Thai, Devanagari…). The app
//! shows such text with the same installed fonts (the webview finds them
//! through fontconfig's folders, as [`fontdb`] does here), so an export prints
//! what the screen shows; a character no installed face has either still prints
//! as U+FFFD.
//!
//! Looked up only for a character no bundled face has: the folders are listed
//! once per process, and each face chosen is read and parsed once and kept (a
//! handful per process at most, one per script met). A PDF embeds a subset of
//! it like any bundled face, so the file reads the same on a computer without
//! the font.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::fonts::{Face, FaceId, Weight};

/// The most installed faces one process loads; [`FaceId`] is a byte.
const MAX_LOADED: usize = 64;

/// The installed faces, listed once; the ones loaded so far.
pub struct SystemFonts {
    db: fontdb::Database,
    /// Candidates, best first: Noto Sans families, then other sans, then the rest;
    /// within each, upright faces before italic.
    candidates: Vec<Candidate>,
    /// Which characters each candidate maps, as sorted ranges: read from
    /// every installed face's `cmap` once, on the first question, so that any
    /// number of characters no face has costs a lookup each, not a scan.
    coverage: OnceLock<Vec<Vec<(u32, u32)>>>,
    loaded: Mutex<Loaded>,
    /// The id the first loaded face gets (after the bundled faces).
    first_id: u8,
}

struct Candidate {
    id: fontdb::ID,
    bold: bool,
}

#[derive(Default)]
struct Loaded {
    faces: Vec<&'static Face>,
    /// Which candidate each loaded face is.
    by_candidate: HashMap<fontdb::ID, FaceId>,
    /// The answer for each cluster asked so far (None: no installed face draws it).
    by_cluster: HashMap<(String, Weight), Option<FaceId>>,
    /// Candidates that could not be read or parsed (never tried again).
    broken: Vec<fontdb::ID>,
}

impl SystemFonts {
    /// The computer's fonts (fontconfig's folders), listed on first use.
    pub fn installed(first_id: u8) -> &'static SystemFonts {
        static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();
        SYSTEM.get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            SystemFonts::new(db, first_id)
        })
    }

    /// The faces of `db` (tests give their own folder).
    pub fn new(db: fontdb::Database, first_id: u8) -> SystemFonts {
        let mut ranked: Vec<(u8, Candidate)> = db
            .faces()
            .map(|f| {
                let family = f.families.first().map(|(n, _)| n.as_str()).unwrap_or("");
                let rank = if family.starts_with("Noto Sans") {
                    0
                } else if family.contains("Sans") {
                    1
                } else {
                    2
                };
                let italic = u8::from(f.style != fontdb::Style::Normal);
                (rank * 2 + italic, Candidate { id: f.id, bold: f.weight.0 >= 600 })
            })
            .collect();
        // Stable: within a rank, fontconfig's folder order.
        ranked.sort_by_key(|(rank, _)| *rank);
        SystemFonts {
            candidates: ranked.into_iter().map(|(_, c)| c).collect(),
            coverage: OnceLock::new(),
            loaded: Mutex::new(Loaded::default()),
            first_id,
            db,
        }
    }

    /// An installed face that draws the whole grapheme `cluster` (bold ones
    /// first for bold text, regular ones first otherwise), loaded if needed.
    pub fn pick(&self, weight: Weight, cluster: &str) -> Option<FaceId> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let key = (cluster.to_owned(), weight);
        if let Some(answer) = loaded.by_cluster.get(&key) {
            return *answer;
        }
        let answer = self.find(&mut loaded, weight, cluster);
        loaded.by_cluster.insert(key, answer);
        answer
    }

    /// A face loaded earlier, by id.
    pub fn get(&self, id: FaceId) -> Option<&'static Face> {
        self.get_from(&self.loaded.lock().unwrap_or_else(|e| e.into_inner()), id)
    }

    fn find(&self, loaded: &mut Loaded, weight: Weight, cluster: &str) -> Option<FaceId> {
        let coverage = self.coverage.get_or_init(|| self.candidates.iter().map(|c| self.ranges(c.id)).collect());
        let maps = |i: usize| cluster.chars().all(|ch| covered(&coverage[i], u32::from(ch)));
        let want_bold = weight == Weight::Bold;
        // Two passes: faces of the wanted weight, then any.
        for exact in [true, false] {
            for (i, c) in self.candidates.iter().enumerate() {
                if (exact && c.bold != want_bold) || loaded.broken.contains(&c.id) || !maps(i) {
                    continue;
                }
                let id = match loaded.by_candidate.get(&c.id) {
                    Some(&id) => id,
                    None => match self.load(loaded, c.id) {
                        Some(id) => id,
                        None => {
                            loaded.broken.push(c.id);
                            continue;
                        }
                    },
                };
                if self.get_from(loaded, id).is_some_and(|f| f.covers(cluster)) {
                    return Some(id);
                }
            }
        }
        None
    }

    /// The code points candidate `id` maps to a glyph, as sorted ranges (none
    /// for a face that cannot be read).
    fn ranges(&self, id: fontdb::ID) -> Vec<(u32, u32)> {
        let mut points: Vec<u32> = self
            .db
            .with_face_data(id, |data, index| {
                let mut points = Vec::new();
                if let Ok(face) = ttf_parser::Face::parse(data, index) {
                    for table in face.tables().cmap.iter().flat_map(|c| c.subtables).filter(|t| t.is_unicode()) {
                        table.codepoints(|cp| {
                            if table.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                                points.push(cp);
                            }
                        });
                    }
                }
                points
            })
            .unwrap_or_default();
        points.sort_unstable();
        points.dedup();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for p in points {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == p => *end = p,
                _ => ranges.push((p, p)),
            }
        }
        ranges
    }

    fn get_from(&self, loaded: &Loaded, id: FaceId) -> Option<&'static Face> {
        loaded.faces.get(usize::from(id.0.checked_sub(self.first_id)?)).copied()
    }

    /// Reads and parses candidate `id` for good (kept for the life of the process).
    fn load(&self, loaded: &mut Loaded, id: fontdb::ID) -> Option<FaceId> {
        if loaded.faces.len() >= MAX_LOADED {
            return None;
        }
        let info = self.db.face(id)?;
        let data: Vec<u8> = self.db.with_face_data(id, |data, _| data.to_vec())?;
        let name = if info.post_script_name.is_empty() {
            info.families.first().map(|(n, _)| n.replace(' ', "")).unwrap_or_else(|| "InstalledFace".into())
        } else {
            info.post_script_name.clone()
        };
        // Kept for the process's life, like the bundled faces: a face is loaded
        // once, and at most MAX_LOADED are.
        let data: &'static [u8] = Box::leak(data.into_boxed_slice());
        let name: &'static str = Box::leak(name.into_boxed_str());
        let face = Face::parse_at(name, data, info.index).ok()?;
        let face: &'static Face = Box::leak(Box::new(face));
        let face_id = FaceId(self.first_id.checked_add(u8::try_from(loaded.faces.len()).ok()?)?);
        loaded.faces.push(face);
        loaded.by_candidate.insert(id, face_id);
        Some(face_id)
    }
}

/// Whether `cp` is in one of the sorted, disjoint `ranges`.
fn covered(ranges: &[(u32, u32)], cp: u32) -> bool {
    let i = ranges.partition_point(|&(_, end)| end < cp);
    ranges.get(i).is_some_and(|&(start, _)| start <= cp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Debian's fonts-noto-core, which the project's install script installs
    /// (Thai is among its faces; CJK is not).
    const NOTO_DIR: &str = "/usr/share/fonts/truetype/noto";

    fn noto() -> SystemFonts {
        let mut db = fontdb::Database::new();
        db.load_fonts_dir(NOTO_DIR);
        assert!(db.len() > 100, "fonts-noto-core is not installed ({NOTO_DIR}): run .ci/install-deps.sh");
        SystemFonts::new(db, 200)
    }

    #[test]
    fn thai_is_drawn_by_an_installed_noto_sans_face_of_the_right_weight() {
        let fonts = noto();
        let regular = fonts.pick(Weight::Regular, "ก").expect("a Thai face");
        let face = fonts.get(regular).expect("loaded");
        assert_eq!(face.name, "NotoSansThai-Regular", "Noto Sans before Serif and Looped");
        assert_eq!(regular, FaceId(200), "the first face loaded takes the first id");
        let bold = fonts.pick(Weight::Bold, "ข").expect("a bold Thai face");
        assert_eq!(fonts.get(bold).map(|f| f.name), Some("NotoSansThai-Bold"));
        // A cluster of a base and its marks goes to one face; asking again reuses it.
        assert_eq!(fonts.pick(Weight::Regular, "กี่"), Some(regular));
        assert_eq!(fonts.pick(Weight::Regular, "ภาษา"), Some(regular));
        assert_eq!(fonts.loaded.lock().expect("lock").faces.len(), 2, "one face per weight, loaded once");
    }

    #[test]
    fn ranges_answer_membership() {
        let r = [(10, 20), (30, 30), (40, 45)];
        for (cp, want) in [(9, false), (10, true), (20, true), (21, false), (30, true), (31, false), (45, true), (46, false)] {
            assert_eq!(covered(&r, cp), want, "{cp}");
        }
        assert!(!covered(&[], 10));
    }

    #[test]
    fn any_number_of_characters_no_face_has_is_answered_without_loading_anything() {
        let fonts = noto();
        // Hostile text: thousands of distinct unassigned or private code points.
        let unknown: Vec<String> = (0xE000..0xE000 + 3000).chain(0x0378..0x037A).filter_map(char::from_u32).map(String::from).collect();
        for c in &unknown {
            assert_eq!(fonts.pick(Weight::Regular, c), None, "{c:?}");
        }
        assert!(fonts.loaded.lock().expect("lock").faces.is_empty());
    }

    #[test]
    fn what_no_installed_face_draws_has_no_face() {
        let fonts = noto();
        assert_eq!(fonts.pick(Weight::Regular, "\u{378}"), None, "an unassigned code point");
        assert!(fonts.get(FaceId(200)).is_none(), "nothing was loaded");
        assert!(fonts.get(FaceId(3)).is_none(), "a bundled face's id is not an installed one");
        let empty = SystemFonts::new(fontdb::Database::new(), 7);
        assert_eq!(empty.pick(Weight::Regular, "ก"), None, "a computer with no fonts");
    }
}
