//! Hostile text in every text field, through the exports: the payloads of
//! tests/fixtures/hostile-text.json (markup, script, template, XML, bidi and
//! zero-width tricks, 20,000 characters; shared with ui/src/hostile.test.tsx)
//! go into each field in turn, and
//! - the SVG parses as XML (no DTD, no entity), has only the elements and
//!   attributes a harmless map has (no script, no handler, no link), and its
//!   text nodes hold the payload as literal text;
//! - the PDF has no action, script or link, and the text pdftotext extracts
//!   holds the payload literally (poppler-utils, installed by
//!   .ci/install-deps.sh; the PDF checks are skipped, saying so, without it).
//!
//! "Literally" is as the exporters document it (`export::text::clean`):
//! control and invisible formatting characters (the RTL override, zero-width
//! joiners) are dropped, lines are wrapped, and text that does not fit ends
//! with "…". So the comparison ignores white space and accepts a cut text if
//! at least its first characters are there, followed by "…".
//!
//! To cover a new text field, add one line to [`FIELDS`].

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use journey_studio::edit::limits;
use journey_studio::export::{self, text, PageLayout, PdfOptions};
use journey_studio::model::{Card, Comment, CommentOn, LaneKind, Persona};
use journey_studio::template::{default_project, Lang};
use journey_studio::Project;

/// Where an export shows a field.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    /// As given (after `text::clean`).
    Literal,
    /// In capitals (the channel label of a card).
    Upper,
    /// Not in this export.
    No,
}
use Shown::*;

struct Field {
    name: &'static str,
    max: usize,
    set: fn(&mut Project, &str),
    pdf: Shown,
    svg: Shown,
}

fn card(p: &mut Project) -> &mut Card {
    p.maps[0].cards.iter_mut().find(|c| c.id == CARD).expect("the card")
}
const CARD: &str = "hostile-card";

/// Every text field of the model, in one place.
const FIELDS: &[Field] = &[
    Field { name: "project title", max: limits::NAME, set: |p, v| p.title = v.into(), pdf: Literal, svg: Literal },
    Field { name: "map name", max: limits::NAME, set: |p, v| p.maps[0].name = v.into(), pdf: Literal, svg: Literal },
    Field { name: "map goal", max: limits::TEXT, set: |p, v| p.maps[0].goal = v.into(), pdf: Literal, svg: Literal },
    Field { name: "map scenario", max: limits::TEXT, set: |p, v| p.maps[0].scenario = v.into(), pdf: Literal, svg: No },
    Field { name: "stage name", max: limits::NAME, set: |p, v| p.maps[0].stages[1].name = v.into(), pdf: Literal, svg: Literal },
    Field { name: "lane name", max: limits::NAME, set: |p, v| p.maps[0].lanes[0].name = v.into(), pdf: Literal, svg: Literal },
    Field { name: "card text", max: limits::TEXT, set: |p, v| card(p).text = v.into(), pdf: Literal, svg: Literal },
    Field { name: "card note", max: limits::TEXT, set: |p, v| card(p).note = v.into(), pdf: Literal, svg: Literal },
    Field { name: "card channel", max: limits::CHANNEL, set: |p, v| card(p).channel = v.into(), pdf: Upper, svg: Upper },
    Field { name: "persona name", max: limits::NAME, set: |p, v| p.personas[0].name = v.into(), pdf: Literal, svg: Literal },
    Field { name: "persona description", max: limits::TEXT, set: |p, v| p.personas[0].description = v.into(), pdf: Literal, svg: No },
    Field { name: "persona role", max: limits::NAME, set: |p, v| p.personas[0].role = v.into(), pdf: Literal, svg: No },
    Field { name: "persona goals", max: limits::TEXT, set: |p, v| p.personas[0].goals = v.into(), pdf: Literal, svg: No },
    Field { name: "persona needs", max: limits::TEXT, set: |p, v| p.personas[0].needs = v.into(), pdf: Literal, svg: No },
    Field { name: "persona frustrations", max: limits::TEXT, set: |p, v| p.personas[0].frustrations = v.into(), pdf: Literal, svg: No },
    Field { name: "persona quote", max: limits::TEXT, set: |p, v| p.personas[0].quote = v.into(), pdf: Literal, svg: No },
    // Comments print in the PDF's open comments appendix (open threads only).
    Field { name: "comment body", max: limits::TEXT, set: |p, v| p.maps[0].comments[0].body = v.into(), pdf: Literal, svg: No },
    Field { name: "comment author", max: limits::AUTHOR, set: |p, v| p.maps[0].comments[0].author = v.into(), pdf: Literal, svg: No },
    Field { name: "comment resolved by", max: limits::AUTHOR, set: |p, v| p.maps[0].comments[1].resolved_by = v.into(), pdf: No, svg: No },
];

struct Payload {
    name: String,
    text: String,
}

fn payloads() -> Vec<Payload> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-text.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read the payloads")).expect("JSON");
    let mut out: Vec<Payload> = json["payloads"]
        .as_array()
        .expect("payloads")
        .iter()
        .map(|p| Payload { name: p["name"].as_str().expect("name").into(), text: p["text"].as_str().expect("text").into() })
        .collect();
    let long = &json["long"];
    let unit = long["unit"].as_str().expect("unit");
    let length = long["length"].as_u64().expect("length") as usize;
    out.push(Payload { name: long["name"].as_str().expect("name").into(), text: unit.chars().cycle().take(length).collect() });
    assert!(out.len() >= 10, "the fixture lost its payloads");
    out
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The English template with a linked persona and one touchpoint card, every
/// text field short and harmless; then `field` set to `value`.
fn project_with(field: Option<(&Field, &str)>) -> Project {
    let mut p = default_project(Lang::En);
    p.title = "T".into();
    p.personas = vec![Persona {
        role: "R".into(),
        goals: "G".into(),
        needs: "N".into(),
        frustrations: "F".into(),
        quote: "Q".into(),
        description: "D".into(),
        ..Persona::new("p1", "P")
    }];
    let map = &mut p.maps[0];
    map.persona_id = Some("p1".into());
    map.goal = "G".into();
    map.scenario = "S".into();
    assert_eq!(map.lanes[0].kind, LaneKind::Touchpoints);
    let (s, l) = (map.stages[1].id.clone(), map.lanes[0].id.clone());
    map.cards = vec![Card { note: "N".into(), channel: "C".into(), ..Card::new(CARD, s, l, "X") }];
    let comment = |id: &str, resolved_at: Option<i64>| Comment {
        id: id.into(),
        on: CommentOn::Card,
        target_id: CARD.into(),
        parent_id: None,
        author: "A".into(),
        body: "B".into(),
        created_at: 0,
        resolved_at,
        resolved_by: resolved_at.map(|_| "W".into()).unwrap_or_default(),
    };
    map.comments = vec![comment("k1", None), comment("k2", Some(1))];
    if let Some((f, v)) = field {
        (f.set)(&mut p, v);
    }
    p
}

/// Characters that reorder or hide text on screen (a file name spoofed with
/// U+202E, …): the exports drop them, so none may reach the output.
fn bidi_or_invisible(s: &str) -> Vec<char> {
    s.chars().filter(|c| matches!(*c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF)).collect()
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the export should show of `value` in `field`, without white space.
fn expected(value: &str, shown: Shown) -> String {
    let clean = no_space(&text::clean(value));
    if shown == Upper {
        clean.to_uppercase()
    } else {
        clean
    }
}

/// `want` is in `got` (both without white space), whole, or cut after at least
/// `MIN_SHOWN` characters and followed by "…".
const MIN_SHOWN: usize = 6;
fn shows(got: &str, want: &str) -> bool {
    if want.is_empty() || got.contains(want) {
        return true;
    }
    let want: Vec<char> = want.chars().collect();
    let got: Vec<char> = got.chars().collect();
    let head = &want[..MIN_SHOWN.min(want.len())];
    (0..got.len()).any(|i| {
        if !got[i..].starts_with(head) {
            return false;
        }
        let n = got[i..].iter().zip(&want).take_while(|(a, b)| a == b).count();
        n >= head.len() && got.get(i + n) == Some(&'…')
    })
}

// ------------------------------------------------------------------- SVG --

/// Element names and attribute names of an SVG, and its text.
fn svg_parts(svg: &str) -> (BTreeSet<String>, BTreeSet<String>, String) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}"));
    let mut elements = BTreeSet::new();
    let mut attributes = BTreeSet::new();
    let mut text = String::new();
    for n in doc.descendants() {
        if n.is_element() {
            elements.insert(n.tag_name().name().to_owned());
            for a in n.attributes() {
                attributes.insert(a.name().to_owned());
                assert!(!a.value().trim_start().to_ascii_lowercase().starts_with("javascript:"), "attribute {}={:?}", a.name(), a.value());
            }
        } else if n.is_text() {
            text.push_str(n.text().unwrap_or(""));
        }
    }
    (elements, attributes, text)
}

#[test]
fn svg_shows_hostile_text_as_text_in_every_field() {
    let harmless = export::export_svg(&project_with(None), &project_with(None).maps[0], &Default::default(), Lang::En).expect("svg");
    let (base_elements, base_attributes, _) = svg_parts(&harmless);
    assert!(base_elements.contains("text"), "{base_elements:?}");
    for payload in payloads() {
        for f in FIELDS {
            let value = cut(&payload.text, f.max);
            let p = project_with(Some((f, &value)));
            let svg = export::export_svg(&p, &p.maps[0], &Default::default(), Lang::En)
                .unwrap_or_else(|e| panic!("{} in {}: {e}", payload.name, f.name));
            let what = format!("{} in the {}", payload.name, f.name);
            let (elements, attributes, text) = svg_parts(&svg);
            assert!(
                elements.is_subset(&base_elements),
                "{what}: new elements {:?}",
                elements.difference(&base_elements).collect::<Vec<_>>()
            );
            assert!(
                attributes.is_subset(&base_attributes),
                "{what}: new attributes {:?}",
                attributes.difference(&base_attributes).collect::<Vec<_>>()
            );
            assert_eq!(bidi_or_invisible(&text), Vec::<char>::new(), "{what}: bidi or invisible characters in the SVG text");
            if f.svg != No {
                assert!(shows(&no_space(&text), &expected(&value, f.svg)), "{what}: not shown literally in the SVG text:\n{text}");
            }
            // What a browser or an SVG library would read: it parses, with the same text.
            resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap_or_else(|e| panic!("{what}: usvg: {e}"));
        }
    }
}

// ------------------------------------------------------------------- PDF --

fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        eprintln!("NOTE: pdftotext (poppler-utils) is not installed; skipping the PDF text checks");
    }
    ok
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// PDF names that make a reader act: run script, open links, launch programs.
const ACTIVE: &[&str] =
    &["JavaScript", "JS", "OpenAction", "AA", "URI", "Launch", "SubmitForm", "ImportData", "RichMedia", "EmbeddedFile", "EmbeddedFiles"];

/// Every name (dictionary key or name value) in the PDF's objects, as the PDF
/// reader sees them: parsed, object streams unpacked. (Searching the raw bytes
/// would also find these names by chance inside compressed data.)
fn pdf_names(bytes: &[u8]) -> std::collections::HashSet<String> {
    fn walk(o: &lopdf::Object, out: &mut std::collections::HashSet<String>) {
        match o {
            lopdf::Object::Name(n) => {
                out.insert(String::from_utf8_lossy(n).into_owned());
            }
            lopdf::Object::Array(items) => items.iter().for_each(|i| walk(i, out)),
            lopdf::Object::Dictionary(d) => dict(d, out),
            lopdf::Object::Stream(s) => dict(&s.dict, out),
            _ => {}
        }
    }
    fn dict(d: &lopdf::Dictionary, out: &mut std::collections::HashSet<String>) {
        for (k, v) in d.iter() {
            out.insert(String::from_utf8_lossy(k).into_owned());
            walk(v, out);
        }
    }
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let mut out = std::collections::HashSet::new();
    dict(&doc.trailer, &mut out);
    doc.objects.values().for_each(|o| walk(o, &mut out));
    out
}

#[test]
fn the_active_name_check_sees_an_action_and_ignores_compressed_bytes() {
    let mut doc = lopdf::Document::with_version("1.7");
    let action = doc.add_object(lopdf::dictionary! { "S" => "JavaScript", "JS" => lopdf::Object::string_literal("app.alert(1)") });
    let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "OpenAction" => action });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let names = pdf_names(&bytes);
    assert!(names.contains("OpenAction") && names.contains("JS") && names.contains("JavaScript"), "{names:?}");
    let mut plain = lopdf::Document::with_version("1.7");
    let data = b"bytes that happen to read /JS /URI inside a stream".to_vec();
    let stream = plain.add_object(lopdf::Stream::new(lopdf::dictionary! {}, data));
    let catalog = plain.add_object(lopdf::dictionary! { "Type" => "Catalog", "Data" => stream });
    plain.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    plain.save_to(&mut bytes).expect("save");
    let names = pdf_names(&bytes);
    assert!(ACTIVE.iter().all(|a| !names.contains(*a)), "{names:?}");
}

#[test]
fn pdf_shows_hostile_text_as_text_in_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text_tool = have_pdftotext();
    let options =
        PdfOptions { layout: PageLayout::FitToPage, cover: true, comments: true, date: Some("2025-06-01".into()), ..PdfOptions::default() };
    for payload in payloads() {
        for f in FIELDS {
            let value = cut(&payload.text, f.max);
            let p = project_with(Some((f, &value)));
            let what = format!("{} in the {}", payload.name, f.name);
            let bytes = export::export_pdf(&p, &p.maps[0], &Default::default(), &options).unwrap_or_else(|e| panic!("{what}: {e}"));
            let names = pdf_names(&bytes);
            for name in ACTIVE {
                assert!(!names.contains(*name), "{what}: the PDF has /{name}");
            }
            if !text_tool || f.pdf == No {
                continue;
            }
            let path = dir.path().join("hostile.pdf");
            std::fs::write(&path, &bytes).expect("write");
            let got = no_space(&pdf_text(&path));
            assert_eq!(bidi_or_invisible(&got), Vec::<char>::new(), "{what}: bidi or invisible characters in the PDF text");
            assert!(shows(&got, &expected(&value, f.pdf)), "{what}: not shown literally in the PDF text:\n{got}");
        }
    }
}

#[test]
fn the_comparison_can_fail() {
    // The helpers above must be able to say no.
    assert!(shows("ab<script>cd", "<script>"));
    assert!(shows("xx<script>wi…yy", "<script>window"));
    assert!(!shows("xx<scr…", "<script>window"), "too little shown");
    assert!(!shows("xx&lt;script&gt;", "<script>"), "escaped twice");
    assert!(!shows("xx<script>wiyy", "<script>window"), "cut without a marker");
    assert_eq!(expected("a\u{202E}b \u{200D}c", Literal), "abc");
    assert_eq!(expected("ab", Upper), "AB");
}
