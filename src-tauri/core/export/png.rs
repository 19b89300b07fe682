//! The PNG writer: the page's SVG rendered by resvg. The SVG draws text as
//! the outlines of the shaped glyphs (see [`svg`]), so the picture shows
//! exactly the glyphs the layout measured and the PDF holds, and no font
//! database is needed (nor the system's fonts ever asked).

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

use super::compose::Page;
use super::svg::{self, TextLayer};
use super::ExportError;

/// The largest image drawn, in pixels (about 256 MB of RGBA).
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;
/// The largest side, in pixels.
pub const MAX_SIDE: u32 = 32_000;
/// Below this many pixels per point a map is unreadable: refuse instead.
pub const MIN_SCALE: f32 = 0.25;

/// The scale actually used for a `width` × `height` pt page at `wanted` px/pt.
pub fn effective_scale(width: f32, height: f32, wanted: f32) -> Result<f32, ExportError> {
    let wanted = if wanted.is_finite() && wanted > 0.0 { wanted } else { 2.0 };
    let by_area = ((MAX_PIXELS as f64) / (f64::from(width) * f64::from(height)).max(1.0)).sqrt() as f32;
    let by_side = MAX_SIDE as f32 / width.max(height).max(1.0);
    let scale = wanted.min(by_area).min(by_side);
    if scale < MIN_SCALE.min(wanted) {
        return Err(ExportError::TooLarge { width: (width * MIN_SCALE) as u32, height: (height * MIN_SCALE) as u32 });
    }
    Ok(scale)
}

/// The PNG of `page` at `scale` pixels per point (lowered if the image would be too large).
pub fn render(page: &Page, scale: f32) -> Result<Vec<u8>, ExportError> {
    let scale = effective_scale(page.width, page.height, scale)?;
    let svg = svg::page_svg_with(page, TextLayer::None);
    let options = usvg::Options::default();
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let (w, h) = ((page.width * scale).ceil() as u32, (page.height * scale).ceil() as u32);
    let mut pixmap = Pixmap::new(w.max(1), h.max(1)).ok_or(ExportError::TooLarge { width: w, height: h })?;
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ExportError::Render(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;
    use crate::template::Lang;

    #[test]
    fn scale_is_capped_for_huge_pictures() {
        assert_eq!(effective_scale(1000.0, 500.0, 2.0).ok(), Some(2.0));
        let s = effective_scale(20_000.0, 10_000.0, 2.0).expect("scaled down");
        assert!(s < 2.0 && (20_000.0 * s * 10_000.0 * s) as u64 <= MAX_PIXELS + 20_000);
        assert!(matches!(effective_scale(1.0e6, 1.0e6, 2.0), Err(ExportError::TooLarge { .. })));
        assert_eq!(effective_scale(100.0, 100.0, f32::NAN).ok(), Some(2.0));
    }

    #[test]
    fn png_shows_dark_text_pixels_on_white() {
        let p = sample::vietnamese_project();
        let png = crate::export::export_png(&p, &p.maps[0], &Default::default(), 1.0, Lang::En).expect("png");
        assert_eq!(&png[1..4], b"PNG");
        let pixmap = Pixmap::decode_png(&png).expect("decodes");
        let page = crate::export::compose::picture(&p, &p.maps[0], &Default::default(), &Lang::En.into()).expect("page");
        assert_eq!(pixmap.width(), page.width.ceil() as u32);
        // The text was found: plenty of dark pixels (glyphs), not only light fills.
        let dark = pixmap.pixels().iter().filter(|px| px.red() < 80 && px.green() < 80 && px.blue() < 90).count();
        assert!(dark > 2000, "only {dark} dark pixels: the text did not render");
    }
}
