//! The PDF writer: composed pages → printpdf 0.12 operations. Text is real
//! text: the shaped glyphs of each run are placed one by one (printpdf joins
//! those on one baseline into a single `TJ`) in the bundled faces, each used
//! face embedded as a subset CID font whose ToUnicode map gives every glyph
//! the characters it stands for, so text can be selected, searched and
//! copied. Shapes are vector paths; the emotion curve is cubic Béziers.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use printpdf::{
    Codepoint, Color, DictItem, ExternalStream, ExternalXObject, FontId, ImageCompression, ImageOptimizationOptions, Line, LineDashPattern,
    LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Px, RawImage,
    Rgb as PdfRgb, TextItem, TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};

use super::compose::{Document, Group, Page};
use super::fonts::{FaceId, Fonts};
use super::layout::{self, Cubic, Rect};
use super::scene::{Rgb, Shape, Stroke};
use super::ExportError;

/// A face (bundled, or installed and loaded) parsed for printpdf, once per
/// process and only when a document uses it.
fn parsed_font(fonts: &Fonts, id: FaceId) -> Result<&'static printpdf::ParsedFont, ExportError> {
    static PARSED: [OnceLock<Result<printpdf::ParsedFont, String>>; 256] = [const { OnceLock::new() }; 256];
    let face = fonts.get(id);
    let slot = PARSED.get(usize::from(id.0)).ok_or_else(|| ExportError::Font(format!("no face {}", id.0)))?;
    slot.get_or_init(|| {
        let mut warnings = Vec::new();
        printpdf::ParsedFont::from_bytes(face.data, face.index as usize, &mut warnings)
            .ok_or_else(|| format!("printpdf could not parse {}: {warnings:?}", face.name))
    })
    .as_ref()
    .map_err(|e| ExportError::Font(e.clone()))
}

/// The faces the glyphs of `doc` use.
fn used_faces(doc: &Document) -> BTreeSet<FaceId> {
    let mut used = BTreeSet::new();
    for shape in doc.pages.iter().flat_map(|p| &p.groups).flat_map(|g| &g.shapes) {
        if let Shape::Text(run) = shape {
            used.extend(run.glyphs.iter().map(|g| g.face));
        }
    }
    used
}

/// The PDF of `doc`.
pub fn write(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::bundled()?;
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.creator = "Journey Studio".into();
    pdf.metadata.info.producer = "Journey Studio (printpdf)".into();
    let now = printpdf::OffsetDateTime::now();
    pdf.metadata.info.creation_date = now;
    pdf.metadata.info.modification_date = now;
    pdf.metadata.info.metadata_date = now;
    let mut font_ids = FontIds::new();
    for id in used_faces(doc) {
        font_ids.insert(id, pdf.add_font(parsed_font(fonts, id)?));
    }
    let images = add_images(&mut pdf, doc);
    let pages: Vec<PdfPage> = doc.pages.iter().map(|p| page(p, &font_ids, &images)).collect();
    pdf.with_pages(pages);
    // Pictures that are not passed through as JPEG (PNG screenshots) are
    // stored losslessly compressed, as they are, never resampled or recoloured.
    let pngs = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: Some(false),
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
    };
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: Some(pngs) };
    let mut warnings = Vec::new();
    Ok(pdf.save(&options, &mut warnings))
}

/// The document's font for each face it uses.
type FontIds = HashMap<FaceId, FontId>;

/// An image added to the document: its id and size in pixels.
type Images = HashMap<String, (XObjectId, usize, usize)>;

/// Adds every distinct picture of the document once: a JPEG photo as its own
/// bytes (PDF reads JPEG itself: no decoding, no second lossy pass, the file
/// no bigger than the photos), anything else decoded and compressed without
/// loss. A picture that does not decode is left out (the core only stores
/// PNG/JPEG it checked).
fn add_images(pdf: &mut PdfDocument, doc: &Document) -> Images {
    let mut out = Images::new();
    for shape in doc.pages.iter().flat_map(|p| &p.groups).flat_map(|g| &g.shapes) {
        let Shape::Image { data_url, .. } = shape else { continue };
        if out.contains_key(data_url) {
            continue;
        }
        let Ok((mime, bytes)) = crate::edit::photo_bytes(data_url) else { continue };
        if mime == "image/jpeg" {
            if let Some((jpeg, w, h)) = jpeg_as_is(bytes.clone()) {
                out.insert(data_url.clone(), (pdf.add_xobject(&jpeg), w, h));
                continue;
            }
        }
        let mut warnings = Vec::new();
        if let Ok(image) = RawImage::decode_from_bytes(&bytes, &mut warnings) {
            let (w, h) = (image.width, image.height);
            if w > 0 && h > 0 {
                out.insert(data_url.clone(), (pdf.add_image(&image), w, h));
            }
        }
    }
    out
}

/// A JPEG as a PDF image of its own bytes (`DCTDecode`) with its size in
/// pixels, when PDF readers show it as is: 8-bit grey, or colour in YCbCr or
/// RGB. CMYK and YCCK JPEGs (whose inks readers treat differently) are not.
fn jpeg_as_is(bytes: Vec<u8>) -> Option<(ExternalXObject, usize, usize)> {
    use zune_core::{bytestream::ZCursor, colorspace::ColorSpace};
    let mut decoder = zune_jpeg::JpegDecoder::new(ZCursor::new(bytes.as_slice()));
    decoder.decode_headers().ok()?;
    let info = decoder.info()?;
    let space = match (decoder.input_colorspace()?, info.components) {
        (ColorSpace::Luma, 1) => "DeviceGray",
        (ColorSpace::YCbCr | ColorSpace::RGB, 3) => "DeviceRGB",
        _ => return None,
    };
    let (w, h) = (usize::from(info.width), usize::from(info.height));
    if w == 0 || h == 0 {
        return None;
    }
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let dict = [
        ("Type", name("XObject")),
        ("Subtype", name("Image")),
        ("Width", DictItem::Int(w as i64)),
        ("Height", DictItem::Int(h as i64)),
        ("ColorSpace", name(space)),
        ("BitsPerComponent", DictItem::Int(8)),
        ("Filter", name("DCTDecode")),
    ];
    let stream = ExternalStream { dict: dict.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), content: bytes, compress: false };
    let image = ExternalXObject { stream, width: Some(Px(w)), height: Some(Px(h)), dpi: None };
    Some((image, w, h))
}

fn page(p: &Page, fonts: &FontIds, images: &Images) -> PdfPage {
    let mut w = Writer { ops: Vec::new(), height: p.height, fonts, images, state: State::default(), in_text: false };
    for g in &p.groups {
        w.group(g);
    }
    w.end_text();
    let r = printpdf::Rect::from_wh(Pt(p.width), Pt(p.height));
    PdfPage { media_box: r.clone(), trim_box: r.clone(), crop_box: r, ops: w.ops }
}

/// Graphics state already set, so unchanged values are not repeated.
#[derive(Default, Clone, PartialEq)]
struct State {
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    dash: Option<Option<(f32, f32)>>,
    font: Option<(FaceId, f32)>,
}

struct Writer<'a> {
    ops: Vec<Op>,
    height: f32,
    fonts: &'a FontIds,
    images: &'a Images,
    state: State,
    in_text: bool,
}

fn color(c: Rgb) -> Color {
    let (r, g, b) = c.unit();
    Color::Rgb(PdfRgb { r, g, b, icc_profile: None })
}

impl Writer<'_> {
    fn group(&mut self, g: &Group) {
        if let Some(clip) = g.clip {
            self.end_text();
            self.ops.push(Op::SaveGraphicsState);
            let ring = self.rect_ring(&clip, 0.0, (0.0, 0.0, 1.0));
            self.ops.push(Op::DrawPolygon {
                polygon: Polygon { rings: vec![ring], mode: PaintMode::Clip, winding_order: WindingOrder::NonZero },
            });
        }
        let t = (g.dx, g.dy, g.scale);
        for s in &g.shapes {
            self.shape(s, t);
        }
        if g.clip.is_some() {
            self.end_text();
            self.ops.push(Op::RestoreGraphicsState);
            // `Q` brings back whatever was set before `q`: forget what we know.
            self.state = State::default();
        }
    }

    /// Page coordinates (y down) of a shape point → PDF user space (y up).
    fn pt(&self, (x, y): (f32, f32), (dx, dy, s): (f32, f32, f32)) -> Point {
        Point { x: Pt(dx + s * x), y: Pt(self.height - (dy + s * y)) }
    }

    fn cubic_points(&self, start: (f32, f32), segs: &[Cubic], t: (f32, f32, f32)) -> Vec<LinePoint> {
        let mut pts = Vec::with_capacity(1 + 3 * segs.len());
        pts.push(LinePoint { p: self.pt(start, t), bezier: false });
        for c in segs {
            pts.push(LinePoint { p: self.pt(c.c1, t), bezier: true });
            pts.push(LinePoint { p: self.pt(c.c2, t), bezier: true });
            pts.push(LinePoint { p: self.pt(c.to, t), bezier: false });
        }
        pts
    }

    fn rect_ring(&self, r: &Rect, radius: f32, t: (f32, f32, f32)) -> PolygonRing {
        if radius <= 0.0 {
            let corners = [(r.x, r.y), (r.right(), r.y), (r.right(), r.bottom()), (r.x, r.bottom())];
            return PolygonRing { points: corners.iter().map(|&c| LinePoint { p: self.pt(c, t), bezier: false }).collect() };
        }
        let (start, segs) = layout::rounded_rect(r, radius);
        PolygonRing { points: self.cubic_points(start, &segs, t) }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.state.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.state.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, s: &Stroke, scale: f32) {
        if self.state.stroke != Some(s.color) {
            self.ops.push(Op::SetOutlineColor { col: color(s.color) });
            self.state.stroke = Some(s.color);
        }
        let w = s.width * scale;
        if self.state.width != Some(w) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.state.width = Some(w);
        }
        let dash = s.dash.map(|(a, b)| (a * scale, b * scale));
        if self.state.dash != Some(dash) {
            let pattern = match dash {
                Some((a, b)) => LineDashPattern::new(0.0, &[a, b]),
                None => LineDashPattern::solid(),
            };
            self.ops.push(Op::SetLineDashPattern { dash: pattern });
            self.state.dash = Some(dash);
        }
    }

    fn paint(&mut self, ring: PolygonRing, fill: Option<Rgb>, stroke: Option<&Stroke>, scale: f32) {
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        if let Some(f) = fill {
            self.set_fill(f);
        }
        if let Some(s) = stroke {
            self.set_stroke(s, scale);
        }
        self.ops.push(Op::DrawPolygon { polygon: Polygon { rings: vec![ring], mode, winding_order: WindingOrder::NonZero } });
    }

    fn shape(&mut self, shape: &Shape, t: (f32, f32, f32)) {
        let scale = t.2;
        if !matches!(shape, Shape::Text(_)) {
            self.end_text();
        }
        match shape {
            Shape::Rect { rect, radius, fill, stroke } => {
                let ring = self.rect_ring(rect, *radius, t);
                self.paint(ring, *fill, stroke.as_ref(), scale);
            }
            Shape::Circle { cx, cy, r, fill, stroke } => {
                let (start, segs) = layout::circle(*cx, *cy, *r);
                let ring = PolygonRing { points: self.cubic_points(start, &segs, t) };
                self.paint(ring, *fill, stroke.as_ref(), scale);
            }
            Shape::Line { from, to, stroke } => {
                self.set_stroke(stroke, scale);
                let points = vec![LinePoint { p: self.pt(*from, t), bezier: false }, LinePoint { p: self.pt(*to, t), bezier: false }];
                self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            Shape::Path { start, segs, stroke } => {
                self.set_stroke(stroke, scale);
                let points = self.cubic_points(*start, segs, t);
                self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            Shape::Image { rect, data_url } => {
                let Some((id, pw, ph)) = self.images.get(data_url) else { return };
                let (dx, dy, s) = t;
                let (x, y, w, h) = (dx + s * rect.x, dy + s * rect.y, s * rect.w, s * rect.h);
                // At 72 dpi one pixel is one point: scale to fit, keep proportions, centre.
                let (pw, ph) = (*pw as f32, *ph as f32);
                let k = (w / pw).min(h / ph);
                let (iw, ih) = (pw * k, ph * k);
                let (ox, top) = (x + (w - iw) / 2.0, y + (h - ih) / 2.0);
                self.ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(ox)),
                        translate_y: Some(Pt(self.height - top - ih)),
                        scale_x: Some(k),
                        scale_y: Some(k),
                        dpi: Some(72.0),
                        ..XObjectTransform::default()
                    },
                });
            }
            Shape::Text(run) => {
                if run.glyphs.is_empty() {
                    return;
                }
                if !self.in_text {
                    self.ops.push(Op::StartTextSection);
                    self.in_text = true;
                }
                self.set_fill(run.color);
                let size = run.size * scale;
                for g in &run.glyphs {
                    let Some(font) = self.fonts.get(&g.face) else { continue };
                    if self.state.font != Some((g.face, size)) {
                        self.ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) });
                        self.state.font = Some((g.face, size));
                    }
                    // Glyph positions are in em from the run's start, y up.
                    let p = self.pt((run.x + g.x * run.size, run.baseline - g.y * run.size), t);
                    self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(p.x, p.y) });
                    let glyph = Codepoint { gid: g.id, offset: 0.0, cid: Some(g.text.clone()) };
                    self.ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(vec![glyph])] });
                }
            }
        }
    }
}
