//! Export of a journey map: a vector PDF (one page, or tiled over many with the
//! headers repeated), and SVG / PNG pictures of the whole map for slides.
//!
//! All three outputs draw the same thing: [`scene`] lays the map out once
//! (text shaped with the bundled faces, see [`shape`] and [`text`]), [`compose`] places it on
//! pages, and [`pdf`], [`svg`] (and [`png`], which renders the SVG) only
//! translate the resulting shapes. [`plan`] tells the UI where the page
//! breaks fall without drawing anything.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::card_image::Pictures;
use crate::model::{Map, Project};
use crate::template::Lang;

pub mod blueprint;
pub mod comments;
pub mod compose;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod png;
/// Sample maps for the unit tests (tests/support/sample.rs, not shipped).
#[cfg(test)]
#[path = "../../../tests/support/sample.rs"]
pub mod sample;
pub mod scene;
pub mod shape;
pub mod svg;
pub mod system_fonts;
pub mod text;
pub mod theme;

pub use compose::{page_plan, PagePlan, PlannedPage};

/// Paper sizes a presenter prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PageSize {
    #[default]
    A4,
    A3,
    Letter,
    Tabloid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

/// How the map is put on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PageLayout {
    /// The whole map scaled onto one page.
    FitToPage,
    /// At full size, cut into as many pages as needed; every page repeats
    /// the stage headers of its columns and the lane titles of its rows.
    #[default]
    Tiled,
}

/// What goes into a PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PdfOptions {
    pub page_size: PageSize,
    pub orientation: Orientation,
    pub layout: PageLayout,
    /// A first page with the project title, persona, goal and date.
    pub cover: bool,
    /// A key to the lane colours, markers and the emotion scale (on the last page).
    pub legend: bool,
    /// "n / N" at the foot of every page.
    pub page_numbers: bool,
    /// The conversion funnel (on the last page), when the map has rates.
    pub funnel: bool,
    /// An appendix listing the map's open review comments, when it has any.
    #[serde(default)]
    pub comments: bool,
    /// Language of the labels the export adds ("Page", "Persona"…).
    pub lang: Lang,
    /// Date shown on the cover and in the footer (free text); today's date when `None`.
    pub date: Option<String>,
    /// The emotion curves left out (as hidden on the canvas): persona ids, `""`
    /// for the shared curve of a map without persona. The legend and the
    /// summary name only the curves drawn.
    #[serde(default)]
    pub hidden_curves: Vec<String>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            page_size: PageSize::A4,
            orientation: Orientation::Landscape,
            layout: PageLayout::Tiled,
            cover: false,
            legend: true,
            page_numbers: true,
            funnel: true,
            comments: false,
            lang: Lang::En,
            date: None,
            hidden_curves: Vec::new(),
        }
    }
}

/// Why an export failed. Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the project has no map to export")]
    NoMap,
    #[error("the project has no map with the id or name {0:?}")]
    UnknownMap(String),
    #[error("the map has no emotion curve of a persona with the id or name {0:?}")]
    UnknownCurve(String),
    #[error("a bundled font could not be read: {0}")]
    Font(String),
    #[error("could not render the image: {0}")]
    Render(String),
    #[error("the map is too large for one image ({width} × {height} px at the smallest scale)")]
    TooLarge { width: u32, height: u32 },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl ExportError {
    /// Stable code for the UI to translate (see [`crate::error::Error::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::NoMap | ExportError::UnknownMap(_) => "export_no_map",
            ExportError::UnknownCurve(_) => "export_unknown_curve",
            ExportError::Font(_) => "export_font",
            ExportError::Render(_) => "export_render",
            ExportError::TooLarge { .. } => "export_too_large",
            ExportError::Io { .. } => "file_io",
        }
    }
}

/// What a picture of a map (SVG, PNG) shows beyond the map: the language of its
/// labels and the emotion curves left out (see [`PdfOptions::hidden_curves`]).
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub lang: Lang,
    pub hidden_curves: Vec<String>,
}

impl From<Lang> for View {
    fn from(lang: Lang) -> Self {
        View { lang, hidden_curves: Vec::new() }
    }
}

impl From<&PdfOptions> for View {
    fn from(o: &PdfOptions) -> Self {
        View { lang: o.lang, hidden_curves: o.hidden_curves.clone() }
    }
}

/// The keys of [`PdfOptions::hidden_curves`] for curves named as a person
/// would (the command line): a persona's id or name with a curve on `map`, or
/// `shared` for the curve of a map without persona.
pub fn curve_keys(project: &Project, map: &Map, names: &[String]) -> Result<Vec<String>, ExportError> {
    let curves = map.curve_personas();
    names
        .iter()
        .map(|name| {
            let wanted = name.trim();
            curves
                .iter()
                .find(|k| match k {
                    None => wanted.eq_ignore_ascii_case("shared"),
                    Some(id) => *id == wanted || project.personas.iter().any(|p| p.id == *id && p.name.trim() == wanted),
                })
                .map(|k| k.unwrap_or("").to_owned())
                .ok_or_else(|| ExportError::UnknownCurve(name.clone()))
        })
        .collect()
}

/// The map to export: by id or name, or the project's first map.
pub fn find_map<'a>(project: &'a Project, which: Option<&str>) -> Result<&'a Map, ExportError> {
    match which {
        None => project.maps.first().ok_or(ExportError::NoMap),
        Some(key) => project
            .maps
            .iter()
            .find(|m| m.id == key)
            .or_else(|| project.maps.iter().find(|m| m.name == key))
            .ok_or_else(|| ExportError::UnknownMap(key.to_owned())),
    }
}

/// A PDF of `map` (a map of `project`).
/// The file kinds a map exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Pdf,
    Png,
    Svg,
}

/// The bytes of `map` exported as `format` (`options` shape a PDF; `png_scale`
/// is a PNG's pixels per point).
pub fn export_bytes(
    project: &Project,
    map: &Map,
    pictures: &Pictures,
    format: ExportFormat,
    options: &PdfOptions,
    png_scale: f32,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Pdf => export_pdf(project, map, pictures, options),
        ExportFormat::Png => export_png(project, map, pictures, png_scale, options),
        ExportFormat::Svg => Ok(export_svg(project, map, pictures, options)?.into_bytes()),
    }
}

/// The most pages one preview answer carries (a 10,000-card map tiles over
/// hundreds of pages: the dialog asks for them as they scroll into view).
pub const MAX_PREVIEW_PAGES: u32 = 24;

/// Some of the pages the PDF would have, each as an SVG picture, and how many
/// there are in all: the export dialog's preview shows exactly where the pages break.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PreviewPages {
    pub page_count: u32,
    /// The index of `pages[0]` among all the pages.
    pub first: u32,
    pub pages: Vec<String>,
}

/// A map composed into the PDF's pages once, for the preview to draw a few
/// pages at a time as the dialog asks for them.
pub struct ComposedPreview(compose::Document);

impl ComposedPreview {
    pub fn new(project: &Project, map: &Map, pictures: &Pictures, options: &PdfOptions) -> Result<ComposedPreview, ExportError> {
        Ok(ComposedPreview(compose::document(project, map, pictures, options)?))
    }

    /// Pages `first`, `first + 1`, … (at most `count`, at most [`MAX_PREVIEW_PAGES`]).
    pub fn pages(&self, first: u32, count: u32) -> PreviewPages {
        let all = &self.0.pages;
        let first = (first as usize).min(all.len());
        let count = count.min(MAX_PREVIEW_PAGES) as usize;
        let pages = all[first..].iter().take(count).map(svg::page_svg).collect();
        PreviewPages { page_count: all.len() as u32, first: first as u32, pages }
    }
}

/// The last preview composed, by a key naming what it was composed from (the
/// session's [`preview_key`](crate::session::Session::preview_key)): the dialog
/// asks for a big map's pages a batch at a time, and each batch after the first
/// is drawn from it instead of composing the whole map again. One preview is
/// composed at a time: a batch asked for meanwhile waits, then reads it.
#[derive(Default)]
pub struct PreviewCache(std::sync::Mutex<Option<(String, std::sync::Arc<ComposedPreview>)>>);

impl PreviewCache {
    /// Pages `first`… of the preview named `key`, composed by `compose` unless it is the last one composed.
    pub fn pages<E>(
        &self,
        key: String,
        first: u32,
        count: u32,
        compose: impl FnOnce() -> Result<ComposedPreview, E>,
    ) -> Result<PreviewPages, E> {
        // A panic while composing leaves at most an older preview here: still usable.
        let mut cached = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((k, composed)) = cached.as_ref() {
            if *k == key {
                return Ok(composed.pages(first, count));
            }
        }
        let composed = std::sync::Arc::new(compose()?);
        *cached = Some((key, composed.clone()));
        drop(cached);
        Ok(composed.pages(first, count))
    }
}

/// Writes `bytes` to `path` complete or not at all: through a temporary file
/// in the same folder, flushed to disk, then renamed over `path`.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::fsutil::write_atomically(path, bytes).map_err(|source| ExportError::Io { path: path.to_owned(), source })
}

pub fn export_pdf(project: &Project, map: &Map, pictures: &Pictures, options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    let doc = compose::document(project, map, pictures, options)?;
    pdf::write(&doc)
}

/// An SVG picture of the whole map (title and grid), text as real text in "Noto Sans".
pub fn export_svg(project: &Project, map: &Map, pictures: &Pictures, view: impl Into<View>) -> Result<String, ExportError> {
    let page = compose::picture(project, map, pictures, &view.into())?;
    Ok(svg::page_svg(&page))
}

/// A PNG picture of the whole map, `scale` pixels per point (2.0 ≈ 144 dpi).
/// The scale is lowered, if needed, to keep the image within the size a
/// renderer can hold.
pub fn export_png(project: &Project, map: &Map, pictures: &Pictures, scale: f32, view: impl Into<View>) -> Result<Vec<u8>, ExportError> {
    let page = compose::picture(project, map, pictures, &view.into())?;
    png::render(&page, scale)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{default_project, Lang};

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn the_preview_has_one_picture_per_pdf_page() {
        let p = sample::vietnamese_project();
        let map = &p.maps[0];
        for layout in [PageLayout::FitToPage, PageLayout::Tiled] {
            let options = PdfOptions { layout, cover: true, ..PdfOptions::default() };
            let plan = page_plan(&p, map, &Default::default(), &options).expect("plan");
            let composed = ComposedPreview::new(&p, map, &Default::default(), &options).expect("preview");
            let all = composed.pages(0, MAX_PREVIEW_PAGES);
            assert_eq!(all.page_count as usize, plan.pages.len(), "{layout:?}");
            assert_eq!(all.pages.len(), plan.pages.len(), "{layout:?}");
            assert!(all.pages.iter().all(|svg| svg.starts_with("<svg") && svg.contains("</svg>")));
            // Asked for from the second page on, one at a time: the same pictures.
            let second = composed.pages(1, 1);
            assert_eq!((second.page_count, second.first), (all.page_count, 1));
            assert_eq!(second.pages, all.pages[1..2]);
            let past = composed.pages(999, 5);
            assert_eq!((past.first, past.pages.len()), (all.page_count, 0), "past the end: no page, no error");
        }
    }

    #[test]
    fn a_preview_is_composed_once_per_key_and_its_batches_read_from_it() {
        let p = sample::vietnamese_project();
        let map = &p.maps[0];
        let options = PdfOptions { cover: true, ..PdfOptions::default() };
        let cache = PreviewCache::default();
        let composed = std::cell::Cell::new(0);
        let compose = || -> Result<ComposedPreview, ExportError> {
            composed.set(composed.get() + 1);
            ComposedPreview::new(&p, map, &Default::default(), &options)
        };
        let first = cache.pages("rev 1".into(), 0, 1, compose).expect("first batch");
        let second = cache.pages("rev 1".into(), 1, 1, compose).expect("second batch");
        assert_eq!(composed.get(), 1, "the second batch reads the composed preview");
        assert_eq!((first.first, second.first, second.page_count), (0, 1, first.page_count));
        assert_ne!(first.pages, second.pages);
        cache.pages("rev 2".into(), 0, 1, compose).expect("after an edit");
        assert_eq!(composed.get(), 2, "another key composes again");
        let failed: Result<PreviewPages, &str> = cache.pages("rev 3".into(), 0, 1, || Err("no map"));
        assert_eq!(failed, Err("no map"));
        cache.pages("rev 2".into(), 0, 1, compose).expect("rev 2 again");
        assert_eq!(composed.get(), 2, "a failed compose leaves the last preview in place");
    }

    #[test]
    fn write_file_replaces_whole_files_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bản đồ.pdf");
        write_file(&path, b"first").expect("write");
        write_file(&path, b"second").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
        let missing = dir.path().join("no such folder").join("x.pdf");
        assert!(matches!(write_file(&missing, b"x"), Err(ExportError::Io { .. })));
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn maps_are_found_by_id_or_name() {
        let p = default_project(Lang::Vi);
        let id = p.maps[0].id.clone();
        assert_eq!(find_map(&p, None).ok().map(|m| &m.id), Some(&id));
        assert_eq!(find_map(&p, Some(&id)).ok().map(|m| &m.id), Some(&id));
        assert_eq!(find_map(&p, Some("Hành trình khách hàng")).ok().map(|m| &m.id), Some(&id));
        assert!(matches!(find_map(&p, Some("nope")), Err(ExportError::UnknownMap(_))));
        let empty = Project { maps: vec![], ..p };
        assert!(matches!(find_map(&empty, None), Err(ExportError::NoMap)));
    }
}
