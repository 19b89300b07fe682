//! The composed pages as one self-contained HTML document (inline SVG per
//! page, the bundled faces as `@font-face` data URLs, CSS `@page` at the PDF's
//! size). This is what a browser-based tool prints; the export benchmark
//! prints it with headless Chromium to compare with our PDF writer.

use std::fmt::Write;

use base64::Engine;

use journey_studio::export::compose::Document;
use journey_studio::export::svg;
use journey_studio::export::text::{BOLD_TTF, FAMILY, REGULAR_TTF};

/// The HTML of `doc`.
pub fn document_html(doc: &Document) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let (w, h) = doc.pages.first().map_or((595.28, 841.89), |p| (p.width, p.height));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title><style>\n\
         @font-face{{font-family:\"{FAMILY}\";font-weight:400;src:url(data:font/ttf;base64,{regular}) format(\"truetype\")}}\n\
         @font-face{{font-family:\"{FAMILY}\";font-weight:700;src:url(data:font/ttf;base64,{bold}) format(\"truetype\")}}\n\
         @page{{size:{w}pt {h}pt;margin:0}}\n\
         html,body{{margin:0;padding:0}}\n\
         .page{{width:{w}pt;height:{h}pt;overflow:hidden;break-after:page}}\n\
         .page svg{{display:block;width:{w}pt;height:{h}pt}}\n\
         </style></head><body>\n",
        title = svg::escape(&doc.title),
        regular = b64.encode(REGULAR_TTF),
        bold = b64.encode(BOLD_TTF),
    );
    for page in &doc.pages {
        out.push_str("<div class=\"page\">");
        out.push_str(&svg::page_svg(page));
        out.push_str("</div>\n");
    }
    out.push_str("</body></html>\n");
    out
}
