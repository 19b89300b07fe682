//! Exports checked from the outside, with poppler's tools: the text a PDF
//! reader extracts, the embedded fonts, page counts, and pages rendered to
//! pixels. poppler-utils is installed by .ci/install-deps.sh; where a tool is
//! missing the test says so and skips that check.
//!
//! Set JOURNEY_EXPORT_KEEP=DIR to keep the exported files for a look.

use std::path::{Path, PathBuf};
use std::process::Command;

use journey_studio::cli::{self, Cli, CliError};
#[path = "support/sample.rs"]
mod sample;

use journey_studio::export::{self, PageLayout, PageSize, PdfOptions, PlannedPage};
use journey_studio::store::ProjectFile;
use journey_studio::template::Lang;
use journey_studio::Project;

use clap::Parser;

fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        eprintln!("NOTE: {tool} (poppler-utils) is not installed; skipping the checks that need it");
    }
    ok
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(out.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn options(layout: PageLayout) -> PdfOptions {
    PdfOptions { layout, cover: true, date: Some("2025-06-01".into()), ..PdfOptions::default() }
}

/// Writes `bytes` under a temp dir (and JOURNEY_EXPORT_KEEP, if set).
fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write export");
    if let Some(keep) = std::env::var_os("JOURNEY_EXPORT_KEEP") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        std::fs::copy(&path, keep.join(name)).expect("keep copy");
    }
    path
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &Path) -> usize {
    let info = run("pdfinfo", &[pdf.to_str().expect("path")]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("pdfinfo reports pages")
}

fn pdf_of(project: &Project, o: &PdfOptions) -> Vec<u8> {
    export::export_pdf(project, &project.maps[0], &Default::default(), o).expect("export")
}

#[test]
fn pdftotext_finds_every_card_text_with_its_diacritics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = sample::vietnamese_project();
    for (name, layout) in [("vi-tiled.pdf", PageLayout::Tiled), ("vi-fit.pdf", PageLayout::FitToPage)] {
        let pdf = save(dir.path(), name, &pdf_of(&project, &options(layout)));
        if !have("pdftotext") {
            return;
        }
        // -raw: text in the order it was drawn, card by card.
        let text = squash(&run("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().expect("path"), "-"]));
        let map = &project.maps[0];
        for card in &map.cards {
            assert!(text.contains(&squash(&card.text)), "{name}: {:?} not found in the PDF text", card.text);
        }
        for s in &map.stages {
            assert!(text.contains(&s.name), "{name}: stage {:?}", s.name);
        }
        for l in &map.lanes {
            assert!(text.contains(&l.name), "{name}: lane {:?}", l.name);
        }
        // Cover: persona, goal, date; funnel summary; the note of a card.
        for s in ["Chị Lan, 32 tuổi", &map.goal, "2025-06-01", "Tỷ lệ thoát trang 55% trên điện thoại", "Overall conversion"]
        {
            assert!(text.contains(s), "{name}: {s:?} missing");
        }
        assert!(text.contains("FACEBOOK"), "channel labels are text");
    }
}

/// The sample project with a second persona, Anh Minh, who feels each stage
/// differently from the map's persona (one more emotion card per stage).
fn two_personas_project() -> Project {
    use journey_studio::model::{Card, Persona};
    let mut p = sample::vietnamese_project();
    p.personas.push(Persona::new("persona-minh", "Anh Minh, 45 tuổi"));
    let map = &mut p.maps[0];
    let lane = map.lanes.iter().find(|l| l.kind == journey_studio::model::LaneKind::Emotions).expect("emotions lane").id.clone();
    for (i, (stage, score)) in map.stages.iter().zip([1, 2, -2, -1, 0, 1]).enumerate() {
        let mut c = Card::new(format!("minh-{i}"), stage.id.clone(), lane.clone(), format!("Minh {i}"));
        c.emotion = Some(score);
        c.persona_id = Some("persona-minh".into());
        map.cards.push(c);
    }
    p
}

#[test]
fn two_personas_curves_are_named_on_the_map_cover_legend_and_funnel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = two_personas_project();
    // Through a project file, as the app exports it.
    let file = ProjectFile::create(&dir.path().join("two.journey"), &project, false).expect("create");
    let project = file.project().expect("project");
    assert!(project.maps[0].cards.iter().any(|c| c.persona_id.as_deref() == Some("persona-minh")));
    let o = PdfOptions { legend: true, funnel: true, ..options(PageLayout::FitToPage) };
    let pdf = save(dir.path(), "two-personas.pdf", &pdf_of(&project, &o));
    if !have("pdftotext") {
        return;
    }
    let pages = page_count(&pdf);
    let page_text = |n: usize| {
        let n = n.to_string();
        squash(&run("pdftotext", &["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n, pdf.to_str().expect("path"), "-"]))
    };
    // Cover: the map's persona's card, and both personas named.
    assert!(page_text(1).contains("Anh Minh, 45 tuổi"), "cover: {}", page_text(1));
    // The map page's legend names each curve.
    assert!(page_text(2).contains("Anh Minh, 45 tuổi"), "map page: {}", page_text(2));
    assert!(page_text(2).contains("Chị Lan, 32 tuổi"), "map page: {}", page_text(2));
    // The summary: the curves in the legend, and the funnel names the personas.
    let summary: String = (3..=pages).map(page_text).collect::<Vec<_>>().join(" ");
    assert!(summary.contains("Personas: Chị Lan, 32 tuổi, nhân viên văn phòng, Anh Minh, 45 tuổi"), "summary: {summary}");
    // No persona: the one curve needs no legend.
    let mut one_map = sample::vietnamese_project();
    one_map.maps[0].persona_id = None;
    let pdf = save(dir.path(), "no-persona.pdf", &pdf_of(&one_map, &PdfOptions { cover: false, legend: false, funnel: false, ..o }));
    let text = squash(&run("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().expect("path"), "-"]));
    assert!(!text.contains("Emotion curve") && !text.contains("Đường cảm xúc"), "{text}");
}

#[test]
fn a_hidden_curve_is_left_out_of_the_pdf_png_and_svg_and_not_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = two_personas_project();
    let file = dir.path().join("two.journey");
    ProjectFile::create(&file, &project, false).expect("create");
    // Minh's curve hidden, as on the canvas: the map page's legend and the summary name Lan only.
    let o = PdfOptions { legend: true, funnel: true, hidden_curves: vec!["persona-minh".into()], ..options(PageLayout::FitToPage) };
    let pdf = save(dir.path(), "minh-hidden.pdf", &pdf_of(&project, &o));
    let svg = export::export_svg(&project, &project.maps[0], &Default::default(), &o).expect("svg");
    assert!(svg.contains("Chị Lan, 32 tuổi") && !svg.contains("Anh Minh"), "the SVG names Lan's curve only");
    let all = export::export_svg(&project, &project.maps[0], &Default::default(), Lang::En).expect("svg");
    assert!(all.contains("Anh Minh"), "without hidden curves, Minh's is named");
    // The PNG differs from the one with both curves (Minh's line and dots are not drawn).
    let png = export::export_png(&project, &project.maps[0], &Default::default(), 1.0, &o).expect("png");
    assert_ne!(png, export::export_png(&project, &project.maps[0], &Default::default(), 1.0, Lang::En).expect("png"));
    // The command line: --hide-curve by the persona's name; an unknown one is refused, nothing written.
    let (f, by_cli) = (file.to_str().expect("path"), dir.path().join("cli.pdf"));
    let by_cli = by_cli.to_str().expect("path");
    cli(&["export", f, "--pdf", by_cli, "--cover", "--fit", "--hide-curve", "Anh Minh, 45 tuổi"]).expect("export");
    let nothing = dir.path().join("nothing.pdf");
    let e = cli(&["export", f, "--pdf", nothing.to_str().expect("path"), "--hide-curve", "Chú Tư"]).expect_err("unknown curve");
    assert!(e.to_string().contains("Chú Tư"), "{e}");
    assert!(!nothing.exists());
    if !have("pdftotext") {
        return;
    }
    for pdf in [pdf.to_str().expect("path"), by_cli] {
        let pages = page_count(Path::new(pdf));
        let page_text = |n: usize| {
            let n = n.to_string();
            squash(&run("pdftotext", &["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n, pdf, "-"]))
        };
        assert!(page_text(2).contains("Chị Lan, 32 tuổi"), "map page: {}", page_text(2));
        assert!(!page_text(2).contains("Anh Minh"), "map page: {}", page_text(2));
        let summary: String = (3..=pages).map(page_text).collect::<Vec<_>>().join(" ");
        assert!(summary.contains("Personas: Chị Lan, 32 tuổi, nhân viên văn phòng"), "summary: {summary}");
        assert!(!summary.contains("Anh Minh"), "summary: {summary}");
        // The cover names the map's persona only.
        assert!(!page_text(1).contains("Anh Minh"), "cover: {}", page_text(1));
    }
}

#[test]
fn every_template_exports_in_both_languages() {
    use journey_studio::template::{self, Lang, TemplateId};
    let dir = tempfile::tempdir().expect("tempdir");
    let tools = have("pdftotext");
    for id in TemplateId::ALL {
        for (lang, tag) in [(Lang::En, "en"), (Lang::Vi, "vi")] {
            let project = template::project(id, lang);
            let o = PdfOptions { lang, ..options(PageLayout::Tiled) };
            let name = format!("template-{}-{tag}.pdf", serde_json::to_value(id).expect("id").as_str().expect("str"));
            let pdf = save(dir.path(), &name, &pdf_of(&project, &o));
            if !tools {
                continue;
            }
            // Lines may break after a hyphen ("acne-" / "prone"): join those back.
            let unbreak = |s: &str| squash(s).replace("- ", "-");
            let text = unbreak(&run("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().expect("path"), "-"]));
            let map = &project.maps[0];
            for s in &map.stages {
                assert!(text.contains(&unbreak(&s.name)), "{name}: stage {:?}", s.name);
            }
            for l in &map.lanes {
                assert!(text.contains(&unbreak(&l.name)), "{name}: lane {:?}", l.name);
            }
            for c in &map.cards {
                assert!(text.contains(&unbreak(&c.text)), "{name}: card {:?}", c.text);
            }
            // The cover's persona and goal.
            for s in [&project.personas[0].name, &map.goal] {
                assert!(text.contains(&unbreak(s)), "{name}: {s:?}");
            }
        }
    }
}

#[test]
fn every_template_text_has_glyphs_in_the_pdf_font() {
    // A character the embedded font lacks would print as a replacement box
    // ("→" did): keep the templates to what Noto Sans draws.
    use journey_studio::template::{self, Lang, TemplateId};
    let face = ttf_parser::Face::parse(export::text::REGULAR_TTF, 0).expect("font");
    for id in TemplateId::ALL {
        for lang in [Lang::En, Lang::Vi] {
            let p = template::project(id, lang);
            let m = &p.maps[0];
            let persona = &p.personas[0];
            let mut texts: Vec<&str> = vec![&p.title, &m.name, &m.goal, &m.scenario];
            texts.extend(
                [&persona.name, &persona.role, &persona.description, &persona.goals, &persona.needs, &persona.frustrations, &persona.quote]
                    .map(String::as_str),
            );
            texts.extend(m.stages.iter().map(|s| s.name.as_str()));
            texts.extend(m.lanes.iter().map(|l| l.name.as_str()));
            texts.extend(m.cards.iter().flat_map(|c| [c.text.as_str(), c.note.as_str()]));
            texts.extend(m.research.iter().flat_map(|r| [r.title.as_str(), r.detail.as_str(), r.insight.as_str()]));
            for t in texts {
                if let Some(c) = t.chars().find(|&c| face.glyph_index(c).is_none()) {
                    panic!("{id:?} {lang:?}: no glyph for {c:?} (U+{:04X}) in {t:?}", c as u32);
                }
            }
        }
    }
}

#[test]
fn pdffonts_shows_noto_sans_embedded_and_subset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = sample::vietnamese_project();
    let bytes = pdf_of(&project, &options(PageLayout::Tiled));
    // Subset: far smaller than the two faces together (~1 MB).
    let full = export::text::REGULAR_TTF.len() + export::text::BOLD_TTF.len();
    assert!(bytes.len() < full / 3, "{} bytes for fonts of {full}", bytes.len());
    let pdf = save(dir.path(), "fonts.pdf", &bytes);
    if !have("pdffonts") {
        return;
    }
    let listing = run("pdffonts", &[pdf.to_str().expect("path")]);
    let fonts: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(fonts.len(), 2, "{listing}");
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let name = cols[0];
        assert!(name.contains("NotoSans-"), "{line}");
        // Subset fonts are named ABCDEF+Name.
        let (tag, _) = name.split_once('+').expect("subset tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{line}");
        // emb, sub, uni are the three columns before the object id.
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, with a ToUnicode map: {line}");
    }
    // The licence of the embedded font ships with the repository.
    let ofl = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/assets/fonts/OFL.txt")).expect("OFL.txt");
    assert!(ofl.contains("SIL OPEN FONT LICENSE"));
}

#[test]
fn tiling_gives_the_expected_page_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 12 stages, 3 lanes, a card per cell: one band of rows. A4 landscape holds three
    // 196-pt stages beside the 124-pt lane column (785.89 pt of body):
    // 4 map pages; + cover + legend page = 6 (without the funnel, whose 12 stages
    // and touchpoints take a page of their own).
    let project = sample::wide_project(12, 3);
    let o = PdfOptions { funnel: false, ..options(PageLayout::Tiled) };
    let plan = export::page_plan(&project, &project.maps[0], &Default::default(), &o).expect("plan");
    assert_eq!(plan.pages.len(), 6, "{plan:?}");
    assert_eq!(plan.pages.iter().filter(|p| matches!(p, PlannedPage::Map { .. })).count(), 4);
    // A3 landscape (1190.55 pt): five stages per page → 3 map pages.
    let a3 = PdfOptions { page_size: PageSize::A3, ..o.clone() };
    let plan_a3 = export::page_plan(&project, &project.maps[0], &Default::default(), &a3).expect("plan");
    assert_eq!(plan_a3.pages.len(), 5);
    let fit = PdfOptions { layout: PageLayout::FitToPage, ..o.clone() };
    assert_eq!(export::page_plan(&project, &project.maps[0], &Default::default(), &fit).expect("plan").pages.len(), 3);

    let pdf = save(dir.path(), "tiles.pdf", &pdf_of(&project, &o));
    let pdf_a3 = save(dir.path(), "tiles-a3.pdf", &pdf_of(&project, &a3));
    if !have("pdfinfo") {
        return;
    }
    assert_eq!(page_count(&pdf), 6);
    assert_eq!(page_count(&pdf_a3), 5);
    let info = run("pdfinfo", &[pdf_a3.to_str().expect("path")]);
    assert!(info.contains("1190.55 x 841.89 pts (A3)"), "{info}");

    // Every map page repeats the stage headers of its columns and every lane title.
    if !have("pdftotext") {
        return;
    }
    let map = &project.maps[0];
    for (i, page) in plan.pages.iter().enumerate() {
        let PlannedPage::Map { stage_start, stage_end, .. } = page else { continue };
        let n = (i + 1).to_string();
        let text = squash(&run("pdftotext", &["-f", &n, "-l", &n, "-raw", pdf.to_str().expect("path"), "-"]));
        for s in &map.stages[*stage_start..*stage_end] {
            assert!(text.contains(&s.name), "page {n}: stage {:?}", s.name);
        }
        for l in &map.lanes {
            assert!(text.contains(&l.name), "page {n}: lane {:?}", l.name);
        }
    }
}

#[test]
fn big_map_tiles_and_fits_within_targets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = sample::generated_project(500, 10);
    let tiled = pdf_of(&project, &options(PageLayout::Tiled));
    let fit = pdf_of(&project, &PdfOptions { page_size: PageSize::A3, ..options(PageLayout::FitToPage) });

    assert!(tiled.len() < 1_000_000 && fit.len() < 1_000_000, "{} / {} bytes", tiled.len(), fit.len());
    let plan = export::page_plan(&project, &project.maps[0], &Default::default(), &options(PageLayout::Tiled)).expect("plan");
    let fit_options = PdfOptions { page_size: PageSize::A3, ..options(PageLayout::FitToPage) };
    let fit_plan = export::page_plan(&project, &project.maps[0], &Default::default(), &fit_options).expect("plan");
    assert_eq!(fit_plan.pages.iter().filter(|p| matches!(p, PlannedPage::Map { .. })).count(), 1, "the whole map on one page");
    let pdf = save(dir.path(), "big-tiled.pdf", &tiled);
    let pdf_fit = save(dir.path(), "big-fit-a3.pdf", &fit);
    if !have("pdfinfo") || !have("pdftotext") {
        return;
    }
    assert_eq!(page_count(&pdf), plan.pages.len());
    assert_eq!(page_count(&pdf_fit), fit_plan.pages.len());
    // All 500 cards' text is there in both.
    for p in [&pdf, &pdf_fit] {
        let text = squash(&run("pdftotext", &["-raw", p.to_str().expect("path"), "-"]));
        let found = project.maps[0].cards.iter().filter(|c| text.contains(&squash(&c.text))).count();
        assert_eq!(found, 500, "{}", p.display());
    }
}

#[test]
fn hostile_text_exports_without_crash_and_is_cut_with_a_marker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = sample::hostile_project();
    let map = &project.maps[0];
    let pdf_bytes = pdf_of(&project, &options(PageLayout::Tiled));
    let svg = export::export_svg(&project, map, &Default::default(), Lang::En).expect("svg");
    let png = export::export_png(&project, map, &Default::default(), 1.0, Lang::En).expect("png");
    assert!(svg.len() < 1_000_000);
    assert_eq!(&png[1..4], b"PNG");
    let pdf = save(dir.path(), "hostile.pdf", &pdf_bytes);
    save(dir.path(), "hostile.svg", svg.as_bytes());
    save(dir.path(), "hostile.png", &png);
    save(dir.path(), "hostile-fit.pdf", &pdf_of(&project, &options(PageLayout::FitToPage)));
    if !have("pdftotext") || !have("pdftoppm") {
        return;
    }
    let text = squash(&run("pdftotext", &["-raw", pdf.to_str().expect("path"), "-"]));
    assert!(text.contains('…'), "cut text ends with the marker");
    assert!(text.contains("Lorem ipsum dolor sit amet, Tiếng Việt có dấu"), "the long card starts as written");
    assert!(text.contains("Nhện thức"), "decomposed Vietnamese is composed (NFC)");
    assert!(!text.contains('\u{FFFD}'), "emoji, Arabic and Hebrew are drawn by the bundled faces, never replaced");
    assert!(!text.contains("x".repeat(3000).as_str()), "3,000 x's are wrapped and cut");
    // Every page renders.
    let out = dir.path().join("hostile-page");
    run("pdftoppm", &["-png", "-r", "30", pdf.to_str().expect("path"), out.to_str().expect("path")]);
    let pngs = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("hostile-page")))
        .count();
    assert_eq!(pngs, page_count(&pdf));
}

/// The issue's map: a Vietnamese shop whose cards hold an arrow, an emoji
/// with a skin tone, Arabic, Hebrew and maths; and Thai, which no bundled face
/// draws: it comes from the installed Noto Sans Thai (Debian's fonts-noto-core,
/// which .ci/install-deps.sh installs), as it does on screen.
const EVERY_SCRIPT: [&str; 6] = ["Giỏ hàng → Thanh toán", "Hài lòng 👍🏽", "مرحبا بك", "שלום", "∑ ≤ ≥ ≠", "Khách Thái: สวัสดีครับ"];

fn every_script_project() -> Project {
    let mut p = sample::vietnamese_project();
    for (card, text) in p.maps[0].cards.iter_mut().zip(EVERY_SCRIPT) {
        card.text = text.into();
    }
    p
}

#[test]
fn every_script_a_card_holds_prints_without_a_missing_glyph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = every_script_project();
    let map = &project.maps[0];
    let o = options(PageLayout::Tiled);
    // Every glyph laid out is a real glyph (never .notdef), in PDF, SVG and PNG alike.
    let doc = export::compose::document(&project, map, &Default::default(), &o).expect("document");
    let runs: Vec<&export::scene::TextRun> = doc
        .pages
        .iter()
        .flat_map(|p| &p.groups)
        .flat_map(|g| &g.shapes)
        .filter_map(|s| if let export::scene::Shape::Text(t) = s { Some(t) } else { None })
        .collect();
    for t in &runs {
        assert!(t.glyphs.iter().all(|g| g.id != 0), "missing glyph in {:?}", t.text);
        assert!(!t.text.contains('\u{FFFD}'), "{:?}", t.text);
    }
    for want in EVERY_SCRIPT {
        assert!(runs.iter().any(|t| t.text == want), "{want:?} is one line of its card");
    }
    let pdf = save(dir.path(), "every-script.pdf", &pdf_of(&project, &o));
    let svg = export::export_svg(&project, map, &Default::default(), Lang::Vi).expect("svg");
    save(dir.path(), "every-script.svg", svg.as_bytes());
    let png = export::export_png(&project, map, &Default::default(), 2.0, Lang::Vi).expect("png");
    save(dir.path(), "every-script.png", &png);
    // The SVG draws each glyph from an outline it defines, and keeps the text.
    let doc = roxmltree::Document::parse(&svg).expect("SVG parses");
    let defined: std::collections::BTreeSet<&str> =
        doc.descendants().filter(|n| n.has_tag_name("path")).filter_map(|n| n.attribute("id")).collect();
    let uses: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("use")).filter_map(|n| n.attribute("href")).collect();
    assert!(uses.len() > 100);
    assert!(uses.iter().all(|h| h.strip_prefix('#').is_some_and(|id| defined.contains(id))), "every <use> has its outline");
    for want in EVERY_SCRIPT {
        assert!(svg.contains(want), "the SVG's text layer has {want:?}");
    }
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("usvg");
    assert!(tree.root().has_children());
    if !have("pdftotext") || !have("pdffonts") {
        return;
    }
    let text = run("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().expect("path"), "-"]);
    assert!(!text.contains('\u{FFFD}'), "no replacement character in the PDF text:\n{text}");
    let flat = squash(&text);
    for want in ["Giỏ hàng → Thanh toán", "👍", "∑ ≤ ≥ ≠", "สวัสดีครับ"] {
        assert!(flat.contains(want), "{want:?} not in the PDF text:\n{flat}");
    }
    // Right-to-left words come back as their letters, in one order or the other.
    for word in ["مرحبا", "بك", "שלום"] {
        let back: String = word.chars().rev().collect();
        assert!(flat.contains(word) || flat.contains(&back), "{word:?} not in the PDF text:\n{flat}");
    }
    let listing = run("pdffonts", &[pdf.to_str().expect("path")]);
    for face in [
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansMath-Regular",
        "NotoEmoji-Regular",
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
        "NotoSansThai-Regular",
    ] {
        let line = listing.lines().find(|l| l.contains(face)).unwrap_or_else(|| panic!("{face} not embedded:\n{listing}"));
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, with a ToUnicode map: {line}");
    }
}

#[test]
fn svg_and_png_of_the_whole_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = sample::vietnamese_project();
    let map = &project.maps[0];
    let svg = export::export_svg(&project, map, &Default::default(), Lang::Vi).expect("svg");
    for c in &map.cards {
        // Text is wrapped into lines; each line is a <text> element.
        let first_word = c.text.split_whitespace().next().expect("word");
        assert!(svg.contains(first_word), "{first_word:?}");
    }
    let png = export::export_png(&project, map, &Default::default(), 2.0, Lang::Vi).expect("png");
    save(dir.path(), "vi.svg", svg.as_bytes());
    save(dir.path(), "vi.png", &png);
    let big = sample::generated_project(500, 10);
    save(dir.path(), "big.png", &export::export_png(&big, &big.maps[0], &Default::default(), 1.0, Lang::En).expect("big png"));
}

fn cli(args: &[&str]) -> Result<String, CliError> {
    let parsed = Cli::try_parse_from(std::iter::once("journey-studio").chain(args.iter().copied())).expect("arguments parse");
    cli::run(parsed.command.expect("a subcommand"))
}

#[test]
fn command_line_exports_and_fails_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("map.journey");
    ProjectFile::create(&file, &sample::vietnamese_project(), false).expect("create project");
    let f = file.to_str().expect("path");
    let out = |n: &str| dir.path().join(n).to_str().expect("path").to_owned();
    let (pdf, png, svg) = (out("out.pdf"), out("out.png"), out("out.svg"));

    let said = cli(&["export", f, "--pdf", &pdf, "--page", "a3", "--png", &png, "--svg", &svg, "--cover", "--lang", "vi"]).expect("export");
    assert_eq!(said.lines().count(), 3, "{said}");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    assert!(std::fs::read(&png).expect("png").starts_with(b"\x89PNG"));
    assert!(std::fs::read_to_string(&svg).expect("svg").starts_with("<svg"));
    if have("pdfinfo") {
        assert!(run("pdfinfo", &[&pdf]).contains("(A3)"));
        let text = squash(&run("pdftotext", &["-raw", &pdf, "-"]));
        assert!(text.contains("CHÂN DUNG KHÁCH HÀNG"), "Vietnamese labels with --lang vi");
        assert!(text.contains("Trang 2 / "), "page numbers in Vietnamese");
    }

    // Existing outputs are kept unless --overwrite.
    let before = std::fs::read(&pdf).expect("pdf");
    assert!(matches!(cli(&["export", f, "--pdf", &pdf]), Err(CliError::OutputExists(_))));
    assert_eq!(std::fs::read(&pdf).expect("pdf"), before);
    cli(&["export", f, "--pdf", &pdf, "--overwrite", "--fit"]).expect("overwrite");

    // A bad file, a missing file, an unknown map: clear errors, nothing written.
    let junk = dir.path().join("junk.journey");
    std::fs::write(&junk, b"not a project").expect("junk");
    let nothing = out("nothing.pdf");
    let e = cli(&["export", junk.to_str().expect("path"), "--pdf", &nothing]).expect_err("junk refused");
    assert!(e.to_string().contains("not a Journey Studio project"), "{e}");
    let e = cli(&["export", &out("missing.journey"), "--pdf", &nothing]).expect_err("missing refused");
    assert!(e.to_string().contains("no such file"), "{e}");
    let e = cli(&["export", f, "--map", "Không có", "--pdf", &nothing]).expect_err("unknown map");
    assert!(e.to_string().contains("no map"), "{e}");
    assert!(!Path::new(&nothing).exists());
    // Bad options are refused by the parser (clap exits with status 2).
    assert!(Cli::try_parse_from(["journey-studio", "export", f, "--pdf", &nothing, "--page", "b5"]).is_err());
    assert!(Cli::try_parse_from(["journey-studio", "export", f]).is_err());
}

/// The Vietnamese sample with review threads: an open one on a card (with a
/// reply), an open one on a stage, a resolved one, and `extra` more open ones.
fn commented_project(extra: usize) -> Project {
    use journey_studio::model::{Comment, CommentOn};
    let mut p = sample::vietnamese_project();
    let map = &mut p.maps[0];
    let (card, stage) = (map.cards[0].id.clone(), map.stages[1].id.clone());
    let c = |id: &str, on: CommentOn, target: &str, parent: Option<&str>, body: &str, at: i64| Comment {
        id: id.into(),
        on,
        target_id: target.into(),
        parent_id: parent.map(Into::into),
        author: "Chị Hà".into(),
        body: body.into(),
        created_at: at,
        resolved_at: None,
        resolved_by: String::new(),
    };
    map.comments = vec![
        c("k1", CommentOn::Card, &card, None, "Khách có nhớ quảng cáo này không?", 1_796_000_000_000),
        c("k2", CommentOn::Card, &card, Some("k1"), "Có: bốn trên năm người được hỏi", 1_796_000_100_000),
        c("k3", CommentOn::Stage, &stage, None, "Giai đoạn cân nhắc cần thêm điểm chạm", 1_796_000_200_000),
        Comment {
            resolved_at: Some(1_796_000_400_000),
            resolved_by: "Minh".into(),
            ..c("k4", CommentOn::Card, &card, None, "Đã sửa lỗi chính tả", 1_796_000_300_000)
        },
    ];
    for i in 0..extra {
        let long = format!("Góp ý số {i}: {}", "khách hàng cần thấy phí giao hàng sớm hơn ".repeat(6));
        map.comments.push(c(&format!("x{i}"), CommentOn::Stage, &stage, None, &long, 1_796_001_000_000 + i as i64));
    }
    p
}

#[test]
fn the_open_comments_appendix_lists_open_threads_with_replies_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = commented_project(0);
    // Through a project file, as the app exports it.
    let file = ProjectFile::create(&dir.path().join("c.journey"), &project, false).expect("create");
    let project = file.project().expect("project");
    let base = PdfOptions { cover: false, legend: false, funnel: false, ..options(PageLayout::FitToPage) };
    let without = export::page_plan(&project, &project.maps[0], &Default::default(), &base).expect("plan");
    assert!(!without.pages.iter().any(|p| matches!(p, PlannedPage::Comments)), "no appendix unless asked");
    for lang in [Lang::Vi, Lang::En] {
        let o = PdfOptions { comments: true, lang, ..base.clone() };
        let plan = export::page_plan(&project, &project.maps[0], &Default::default(), &o).expect("plan");
        assert_eq!(plan.pages.len(), 2, "{plan:?}");
        assert!(matches!(plan.pages[1], PlannedPage::Comments));
        let pdf = save(dir.path(), &format!("comments-{lang:?}.pdf"), &pdf_of(&project, &o));
        if !have("pdftotext") {
            return;
        }
        assert_eq!(page_count(&pdf), 2);
        let text = squash(&run("pdftotext", &["-raw", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf.to_str().expect("path"), "-"]));
        let title = if lang == Lang::Vi { "Bình luận chưa xử lý" } else { "Open comments" };
        for want in [
            title,
            "Khách có nhớ quảng cáo này không?",
            "Có: bốn trên năm người được hỏi",
            "Giai đoạn cân nhắc cần thêm điểm chạm",
            "Chị Hà · 2026-11-30 00:53 UTC",
        ] {
            assert!(text.contains(want), "{lang:?}: {want:?} not in {text}");
        }
        assert!(!text.contains("Đã sửa lỗi chính tả"), "a resolved thread is not listed: {text}");
    }
    // Many threads run over several pages; the plan counts them as the PDF has them.
    let many = commented_project(40);
    let o = PdfOptions { comments: true, ..base };
    let plan = export::page_plan(&many, &many.maps[0], &Default::default(), &o).expect("plan");
    let n = plan.pages.iter().filter(|p| matches!(p, PlannedPage::Comments)).count();
    assert!(n >= 3, "{plan:?}");
    let pdf = save(dir.path(), "comments-many.pdf", &pdf_of(&many, &o));
    if have("pdfinfo") {
        assert_eq!(page_count(&pdf), plan.pages.len());
        let text = squash(&run("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().expect("path"), "-"]));
        assert!(text.contains("Góp ý số 39"), "the last thread is printed");
    }
}
