//! Card images: a screenshot of the ad, the landing page, a store photo.
//!
//! The UI downscales a picked or pasted picture (`ui/src/photo.ts`, the same
//! code as persona photos, with a larger size) and sends it once as a PNG or
//! JPEG `data:` URL. The core checks it again here — the media type and the
//! bytes' signature (the persona photo's check, [`crate::edit::photo_bytes`]),
//! the size its header claims before anything is decoded, then a full decode
//! within limits, so a truncated or absurd file is refused with a clear error —
//! and keeps it in the `images` table of the project file, keyed by a hash of
//! its bytes (the same picture twice is stored once), with a small thumbnail
//! for the canvas. Cards name an image by that id; the bytes never travel with
//! a card, an edit's answer or the document: the UI asks for a thumbnail when
//! a card shows, and the exports read the full image.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::EditError;
use crate::model::Id;

/// The longest side of a stored image, in pixels: a landing page stays legible.
pub const MAX_SIDE: u32 = 1600;
/// The longest side of the thumbnail the canvas shows.
pub const THUMB_SIDE: u32 = 400;
/// The longest `data:` URL of an image accepted (about 3 MB of PNG or JPEG).
pub const MAX_DATA_URL: usize = 4_000_000;
/// The longest PNG `data:` URL [`from_pixels`] makes before it takes JPEG
/// instead (a screenshot stays PNG, sharp text; a photograph goes as JPEG):
/// `CARD_IMAGE_SIZE.pngBudget` in `ui/src/photo.ts`, which does the same for a picked file.
pub const PNG_BUDGET: usize = 2_600_000;
/// The JPEG quality of [`from_pixels`] (`JPEG_QUALITY` in `ui/src/photo.ts`).
const JPEG_QUALITY: u8 = 85;
/// The most pixels [`from_pixels`] takes (a 16K screen); past that it is not a screenshot.
const MAX_PIXELS: u64 = 15_360 * 8_640;
/// Hex digits of the content hash that names an image.
const ID_DIGITS: usize = 32;

/// What the UI knows of a stored image: its id and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImageInfo {
    pub id: Id,
    pub width: u32,
    pub height: u32,
}

/// A stored image as the exports draw it: whole, with its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub data_url: String,
    pub width: u32,
    pub height: u32,
}

/// The pictures a map's cards name, by image id.
pub type Pictures = std::collections::HashMap<Id, Picture>;

/// An image that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub info: ImageInfo,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
    /// The thumbnail, in the same format (the image itself when small already).
    pub thumb: Vec<u8>,
}

/// The id of an image: a hash of its bytes, so the same picture is stored once.
pub fn id_of(bytes: &[u8]) -> Id {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect::<String>()[..ID_DIGITS].to_owned()
}

/// A `data:` URL of `bytes` of type `mime`.
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    use base64::Engine;
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Checks a card image `data:` URL (PNG or JPEG, at most [`MAX_SIDE`] pixels a
/// side, complete) and makes its thumbnail.
pub fn check(url: &str) -> Result<Checked, EditError> {
    if url.len() > MAX_DATA_URL {
        return Err(EditError::TooLong { field: "image", len: url.len(), max: MAX_DATA_URL });
    }
    let (mime, bytes) = crate::edit::photo_bytes(url).map_err(|_| EditError::InvalidImage)?;
    let format = if mime == "image/png" { ImageFormat::Png } else { ImageFormat::Jpeg };
    // The size the header claims, before a pixel is decoded.
    let (width, height) = ImageReader::with_format(Cursor::new(&bytes), format).into_dimensions().map_err(|_| EditError::InvalidImage)?;
    if width == 0 || height == 0 {
        return Err(EditError::InvalidImage);
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(EditError::ImageTooLarge { width, height, max: MAX_SIDE });
    }
    let mut reader = ImageReader::with_format(Cursor::new(&bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(64 * 1024 * 1024);
    reader.limits(limits);
    // A full decode: a truncated or corrupt file fails here, not in an export.
    let decoded = reader.decode().map_err(|_| EditError::InvalidImage)?;
    let thumb = if width.max(height) <= THUMB_SIDE {
        bytes.clone()
    } else {
        let small = decoded.thumbnail(THUMB_SIDE, THUMB_SIDE);
        let mut out = Cursor::new(Vec::new());
        if format == ImageFormat::Jpeg {
            let rgb = small.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82).encode_image(&rgb).map_err(|_| EditError::InvalidImage)?;
        } else {
            small.write_to(&mut out, ImageFormat::Png).map_err(|_| EditError::InvalidImage)?;
        }
        out.into_inner()
    };
    Ok(Checked { info: ImageInfo { id: id_of(&bytes), width, height }, mime, bytes, thumb })
}

/// A picture given as raw pixels (the system clipboard's, 8-bit RGBA rows, top
/// first) as a card image `data:` URL, the way `ui/src/photo.ts` makes one from a
/// picked file: shrunk to fit [`MAX_SIDE`], PNG unless that passes
/// [`PNG_BUDGET`], then JPEG on white (at a lower quality if it would pass
/// [`MAX_DATA_URL`]). [`check`] still checks what comes out.
pub fn from_pixels(width: u32, height: u32, rgba: Vec<u8>) -> Result<String, EditError> {
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(EditError::InvalidImage);
    }
    let img = image::RgbaImage::from_raw(width, height, rgba).ok_or(EditError::InvalidImage)?;
    let img = if width.max(height) > MAX_SIDE {
        let scale = f64::from(MAX_SIDE) / f64::from(width.max(height));
        let fit = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, MAX_SIDE);
        image::imageops::resize(&img, fit(width), fit(height), image::imageops::FilterType::CatmullRom)
    } else {
        img
    };
    let mut png = Cursor::new(Vec::new());
    img.write_to(&mut png, ImageFormat::Png).map_err(|_| EditError::InvalidImage)?;
    let url = data_url("image/png", &png.into_inner());
    if url.len() <= PNG_BUDGET {
        return Ok(url);
    }
    // JPEG has no transparency: transparent parts go on white, not black.
    let rgb = image::RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let [r, g, b, a] = img.get_pixel(x, y).0;
        let on_white = |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8;
        image::Rgb([on_white(r), on_white(g), on_white(b)])
    });
    // A very busy picture may still be too big: lower qualities before giving up.
    let mut url = String::new();
    for quality in [JPEG_QUALITY, 70, 50] {
        let mut jpeg = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, quality).encode_image(&rgb).map_err(|_| EditError::InvalidImage)?;
        url = data_url("image/jpeg", &jpeg.into_inner());
        if url.len() <= MAX_DATA_URL {
            break;
        }
    }
    Ok(url)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `width` × `height` PNG of a gradient, as a `data:` URL.
    pub(crate) fn png_url(width: u32, height: u32) -> String {
        let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).expect("encode");
        data_url("image/png", &out.into_inner())
    }

    fn jpeg_url(width: u32, height: u32) -> String {
        let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, 90, (y % 256) as u8]));
        let mut out = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80).encode_image(&img).expect("encode");
        data_url("image/jpeg", &out.into_inner())
    }

    fn code(url: &str) -> &'static str {
        check(url).expect_err("refused").code()
    }

    #[test]
    fn png_and_jpeg_are_kept_with_a_smaller_thumbnail() {
        let png = check(&png_url(1200, 600)).expect("png");
        assert_eq!((png.info.width, png.info.height, png.mime), (1200, 600, "image/png"));
        let thumb = image::load_from_memory(&png.thumb).expect("thumb");
        assert_eq!((thumb.width(), thumb.height()), (THUMB_SIDE, THUMB_SIDE / 2));
        let jpeg = check(&jpeg_url(800, 1600)).expect("jpeg");
        assert_eq!(jpeg.mime, "image/jpeg");
        assert!(jpeg.thumb.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG's thumbnail is a JPEG");
        assert_eq!(image::load_from_memory(&jpeg.thumb).expect("thumb").height(), THUMB_SIDE);
        // A small image is its own thumbnail.
        let small = check(&png_url(40, 30)).expect("small");
        assert_eq!(small.thumb, small.bytes);
    }

    #[test]
    fn clipboard_pixels_become_a_checked_picture_shrunk_to_fit() {
        // A small screenshot: PNG, its own size, its pixels kept.
        let rgba: Vec<u8> = (0..40 * 30).flat_map(|i| [(i % 256) as u8, 20, 200, 255]).collect();
        let url = from_pixels(40, 30, rgba.clone()).expect("small");
        assert!(url.starts_with("data:image/png;base64,"));
        let back = check(&url).expect("checked");
        assert_eq!((back.info.width, back.info.height), (40, 30));
        assert_eq!(image::load_from_memory(&back.bytes).expect("png").to_rgba8().into_raw(), rgba);
        // A wide one is shrunk to MAX_SIDE, keeping its shape.
        let wide = from_pixels(2400, 10, vec![255; 2400 * 10 * 4]).expect("wide");
        let wide = check(&wide).expect("checked");
        assert_eq!((wide.info.width, wide.info.height), (MAX_SIDE, 7));
        // A photograph too big as PNG goes as JPEG, transparent parts on white.
        let mut noise = 7u32;
        let photo: Vec<u8> = (0..1600 * 1200)
            .flat_map(|i| {
                noise = noise.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let [a, b, c, _] = noise.to_le_bytes();
                [a, b, c, if i == 0 { 0 } else { 255 }]
            })
            .collect();
        let jpeg = from_pixels(1600, 1200, photo).expect("photo");
        assert!(jpeg.starts_with("data:image/jpeg;base64,"), "{}", &jpeg[..30]);
        let jpeg = check(&jpeg).expect("checked");
        assert_eq!((jpeg.info.width, jpeg.info.height, jpeg.mime), (1600, 1200, "image/jpeg"));
        // Pixels that do not fill the size, or no size at all, are refused.
        assert_eq!(from_pixels(10, 10, vec![0; 10]), Err(EditError::InvalidImage));
        assert_eq!(from_pixels(0, 10, vec![]), Err(EditError::InvalidImage));
        assert_eq!(from_pixels(100_000, 100_000, vec![]), Err(EditError::InvalidImage));
    }

    #[test]
    fn the_same_bytes_have_the_same_id() {
        let a = check(&png_url(64, 64)).expect("a");
        let b = check(&png_url(64, 64)).expect("b");
        let c = check(&png_url(64, 65)).expect("c");
        assert_eq!(a.info.id, b.info.id);
        assert_ne!(a.info.id, c.info.id);
        assert!(crate::edit::check_id(&a.info.id).is_ok());
    }

    #[test]
    fn bad_images_are_refused_by_name() {
        use base64::Engine;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        // Not an image, an SVG (it may carry scripts), a remote URL.
        assert_eq!(code("data:text/plain;base64,aGVsbG8="), "edit_invalid_image");
        let svg = b64(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
        assert_eq!(code(&format!("data:image/svg+xml;base64,{svg}")), "edit_invalid_image");
        assert_eq!(code("https://example.com/a.png"), "edit_invalid_image");
        // A PNG cut in half: its header reads, its pixels do not.
        let whole = png_url(300, 200);
        let (_, bytes) = crate::edit::photo_bytes(&whole).expect("bytes");
        assert_eq!(code(&data_url("image/png", &bytes[..bytes.len() / 2])), "edit_invalid_image");
        // A JPEG labelled as a PNG.
        let jpeg = jpeg_url(20, 20);
        assert_eq!(code(&jpeg.replace("image/jpeg", "image/png")), "edit_invalid_image");
        // A header claiming 20000 × 20000 pixels is refused before decoding
        // (a 20 × 20 JPEG whose frame header says so).
        let (_, mut huge) = crate::edit::photo_bytes(&jpeg).expect("jpeg bytes");
        let sof = huge.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline frame header");
        huge[sof + 5..sof + 7].copy_from_slice(&20_000u16.to_be_bytes());
        huge[sof + 7..sof + 9].copy_from_slice(&20_000u16.to_be_bytes());
        assert_eq!(check(&data_url("image/jpeg", &huge)), Err(EditError::ImageTooLarge { width: 20_000, height: 20_000, max: MAX_SIDE }));
        assert_eq!(code(&png_url(MAX_SIDE + 1, 10)), "edit_image_too_large");
        // A data URL past the limit is not even decoded.
        assert_eq!(code(&format!("data:image/png;base64,{}", "A".repeat(MAX_DATA_URL))), "edit_too_long");
    }
}
