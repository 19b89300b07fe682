//! Card images across the core: stored once in the project file, named by
//! cards, undone and redone, kept through a relaunch and an older file's
//! migration, carried by the project JSON, drawn by every export; bad pictures
//! refused with nothing lost.

use std::io::Cursor;
use std::path::Path;

use journey_studio::card_image::{self, Pictures, MAX_SIDE};
use journey_studio::export::{self, PdfOptions};
use journey_studio::project_json;
use journey_studio::store::ProjectFile;
use journey_studio::template::{self, Lang, TemplateId};
use journey_studio::{Card, Edit, Lane, LaneKind};

/// A `width` × `height` PNG of a drawn landing page (header, hero, button), as a `data:` URL.
fn landing_page(width: u32, height: u32) -> String {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        if fy < 0.12 {
            image::Rgb([30, 41, 59])
        } else if (0.3..0.5).contains(&fy) && (0.1..0.6).contains(&fx) {
            image::Rgb([219, 39, 119])
        } else if (0.6..0.7).contains(&fy) && (0.1..0.35).contains(&fx) {
            image::Rgb([79, 70, 229])
        } else {
            image::Rgb([248, 250, 252])
        }
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("encode");
    card_image::data_url("image/png", &out.into_inner())
}

/// A new project (the English marketing template, with its example cards) with an image lane added on its map.
fn project_with_image_lane(dir: &Path) -> (ProjectFile, String, String, String) {
    let mut file = ProjectFile::create(&dir.join("p.journey"), &template::project(TemplateId::Marketing, Lang::En), false).expect("create");
    let map = file.project().expect("project").maps.remove(0);
    let lane = Lane { id: "l-img".into(), name: "Screens".into(), kind: LaneKind::Images, color: String::new() };
    file.apply(&Edit::AddLane { map_id: map.id.clone(), lane, index: 1 }).expect("add the image lane");
    let stage = map.stages[0].id.clone();
    let card = map.cards[0].id.clone();
    (file, map.id, stage, card)
}

#[test]
fn a_picture_is_stored_once_named_by_cards_undone_redone_and_kept_after_a_relaunch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut file, _, stage, card) = project_with_image_lane(dir.path());
    let url = landing_page(1200, 800);
    let info = file.put_image(&url).expect("put");
    assert_eq!((info.width, info.height), (1200, 800));
    // The same picture again is the same image, stored once.
    assert_eq!(file.put_image(&url).expect("again"), info);
    let rev = file.revision().expect("revision");

    // On an existing card, and as a new card of the image lane.
    let change = file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: Some(info.id.clone()) }).expect("set");
    assert_eq!(change.cards.updated.len(), 1);
    assert_eq!(change.cards.updated[0].card.image_id.as_deref(), Some(info.id.as_str()));
    let json = serde_json::to_string(&change).expect("change JSON");
    assert!(json.len() < 2_000, "the picture's bytes never travel in a change ({} bytes)", json.len());
    let new_card = Card { image_id: Some(info.id.clone()), ..Card::new("c-img", stage.as_str(), "l-img", "") };
    file.apply(&Edit::AddCard { card: new_card, index: 0 }).expect("add an image card");
    assert_eq!(file.revision().expect("revision"), rev + 2, "storing a picture is not an edit; naming it is");
    let view_json = serde_json::to_string(&file.view().expect("view")).expect("view JSON");
    assert!(!view_json.contains("base64"), "the document never carries the pictures");

    // The UI fetches the thumbnail; the exports the whole picture.
    let thumb = file.image(&info.id, true).expect("thumb");
    let whole = file.image(&info.id, false).expect("whole");
    assert_eq!(whole, url);
    assert!(thumb.starts_with("data:image/png;base64,") && thumb.len() < whole.len());
    assert_eq!(file.image("nope", true).expect_err("unknown").code(), "edit_unknown_image");

    // Remove it, undo, redo.
    file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: None }).expect("remove");
    let image_of = |f: &ProjectFile, id: &str| f.project().expect("project").maps[0].card(id).and_then(|c| c.image_id.clone());
    assert_eq!(image_of(&file, &card), None);
    file.undo().expect("undo");
    assert_eq!(image_of(&file, &card), Some(info.id.clone()));
    file.redo().expect("redo");
    assert_eq!(image_of(&file, &card), None);
    file.undo().expect("undo again");

    // After a relaunch the cards still show it.
    let path = file.path().to_path_buf();
    drop(file);
    let file = ProjectFile::open(&path).expect("reopen");
    assert_eq!(image_of(&file, &card), Some(info.id.clone()));
    assert_eq!(image_of(&file, "c-img"), Some(info.id.clone()));
    assert_eq!(file.image(&info.id, false).expect("whole after reopen"), url);
}

#[test]
fn a_card_cannot_name_a_picture_the_file_does_not_hold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut file, _, stage, card) = project_with_image_lane(dir.path());
    let before = file.view().expect("view");
    let err = file.apply(&Edit::SetCardImage { card_id: card, image_id: Some("0123abcd".into()) }).expect_err("unknown");
    assert_eq!(err.code(), "edit_unknown_image");
    let orphan = Card { image_id: Some("0123abcd".into()), ..Card::new("c-x", stage.as_str(), "l-img", "") };
    assert_eq!(file.apply(&Edit::AddCard { card: orphan, index: 0 }).expect_err("unknown").code(), "edit_unknown_image");
    assert_eq!(file.view().expect("view"), before, "nothing changed");
}

#[test]
fn bad_pictures_are_refused_by_name_and_nothing_is_lost() {
    use base64::Engine;
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut file, _, _, card) = project_with_image_lane(dir.path());
    let good = file.put_image(&landing_page(300, 200)).expect("put");
    file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: Some(good.id.clone()) }).expect("set");
    let before = file.view().expect("view");
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let (_, png) = journey_studio::edit::photo_bytes(&landing_page(300, 200)).expect("bytes");
    let svg = format!("data:image/svg+xml;base64,{}", b64(b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"));
    for (url, code) in [
        ("data:text/plain;base64,aGVsbG8=".to_owned(), "edit_invalid_image"),
        (svg, "edit_invalid_image"),
        (format!("data:image/png;base64,{}", b64(&png[..png.len() - 40])), "edit_invalid_image"),
        (landing_page(MAX_SIDE + 400, 100), "edit_image_too_large"),
        (format!("data:image/jpeg;base64,{}", "A".repeat(card_image::MAX_DATA_URL)), "edit_too_long"),
    ] {
        let err = file.put_image(&url).expect_err(code);
        assert_eq!(err.code(), code, "{}", &url[..40.min(url.len())]);
        assert!(!err.to_string().is_empty());
    }
    assert_eq!(file.view().expect("view"), before, "a refused picture changes nothing");
    assert_eq!(file.image(&good.id, false).expect("still there"), landing_page(300, 200));
}

#[test]
fn pictures_nothing_names_are_dropped_when_the_file_opens_and_the_others_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut file, _, _, card) = project_with_image_lane(dir.path());
    let unused = file.put_image(&landing_page(64, 64)).expect("unused");
    let removed = file.put_image(&landing_page(65, 64)).expect("removed");
    file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: Some(removed.id.clone()) }).expect("set");
    file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: None }).expect("remove");
    let path = file.path().to_path_buf();
    drop(file);
    let mut file = ProjectFile::open(&path).expect("reopen");
    assert_eq!(file.image(&unused.id, true).expect_err("dropped").code(), "edit_unknown_image");
    // The removed picture stays while an undo step names it: undo gives it back.
    assert!(file.image(&removed.id, true).is_ok());
    file.undo().expect("undo the removal");
    assert_eq!(file.project().expect("project").maps[0].card(&card).and_then(|c| c.image_id.clone()), Some(removed.id));
}

#[test]
fn an_older_file_is_migrated_and_then_takes_pictures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("cũ.journey");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-vietnamese.journey"), &old).expect("copy");
    let mut file = ProjectFile::open(&old).expect("open a version-1 file");
    assert!(dir.path().join("cũ.v1.bak").exists(), "the old file is backed up first");
    let project = file.project().expect("project");
    assert!(project.maps[0].cards.iter().all(|c| c.image_id.is_none()));
    let card = project.maps[0].cards[0].id.clone();
    let info = file.put_image(&landing_page(200, 120)).expect("put");
    file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: Some(info.id.clone()) }).expect("set");
    let path = file.path().to_path_buf();
    drop(file);
    let file = ProjectFile::open(&path).expect("reopen");
    assert_eq!(file.project().expect("project").maps[0].card(&card).and_then(|c| c.image_id.clone()), Some(info.id));
}

#[test]
fn the_project_json_carries_the_pictures_and_checks_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut file, map_id, _, card) = project_with_image_lane(dir.path());
    let info = file.put_image(&landing_page(400, 300)).expect("put");
    file.apply(&Edit::SetCardImage { card_id: card.clone(), image_id: Some(info.id.clone()) }).expect("set");
    // A snapshot names it too; the picture is exported once.
    file.apply(&Edit::TakeSnapshot { map_id, snapshot_id: "v1".into(), name: "Before".into(), note: String::new(), taken_at: 1 })
        .expect("snapshot");
    let json_path = dir.path().join("p.json");
    project_json::export(&file, &json_path).expect("export JSON");
    let json = std::fs::read_to_string(&json_path).expect("read");
    let archive = project_json::parse(json.as_bytes()).expect("parse");
    assert_eq!(archive.images.len(), 1);
    assert_eq!(archive.images[0].id, info.id);

    let copy = project_json::import(&json_path, &dir.path().join("copy.journey"), false).expect("import");
    assert_eq!(copy.project().expect("project"), file.project().expect("project"));
    assert_eq!(copy.image(&info.id, false).expect("picture"), landing_page(400, 300));
    drop(copy);

    // A picture whose id is not its bytes' hash, or a card naming a picture the JSON lacks, is refused.
    let tampered = json.replacen(&format!("\"id\": \"{}\"", info.id), "\"id\": \"0000\"", 1);
    std::fs::write(&json_path, &tampered).expect("write");
    let err = project_json::import(&json_path, &dir.path().join("bad.journey"), false).expect_err("tampered");
    assert_eq!(err.code(), "import_invalid");
    assert!(!dir.path().join("bad.journey").exists(), "nothing left behind");
    let mut without = archive.clone();
    without.images.clear();
    std::fs::write(&json_path, serde_json::to_string(&without).expect("json")).expect("write");
    assert_eq!(project_json::import(&json_path, &dir.path().join("bad.journey"), false).expect_err("missing").code(), "import_invalid");
}

/// A project whose map shows `on_card` on a touchpoint card and `large` on a
/// new card of its image lane titled `title`; answers the file and the map's id.
fn map_with_pictures(dir: &Path, on_card: &str, large: &str, title: &str) -> (ProjectFile, String, [card_image::ImageInfo; 2]) {
    let (mut file, map_id, stage, card) = project_with_image_lane(dir);
    let small = file.put_image(on_card).expect("put the card's picture");
    let big = file.put_image(large).expect("put the image lane's picture");
    file.apply(&Edit::SetCardImage { card_id: card, image_id: Some(small.id.clone()) }).expect("set");
    let mut image_card = Card::new("c-img", stage.as_str(), "l-img", title);
    image_card.image_id = Some(big.id.clone());
    file.apply(&Edit::AddCard { card: image_card, index: 0 }).expect("add");
    (file, map_id, [small, big])
}

#[test]
fn every_export_draws_the_pictures_beside_vector_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let screen = landing_page(800, 1200);
    let (file, map_id, _) = map_with_pictures(dir.path(), &screen, &screen, "Landing page — hero");
    let project = file.project().expect("project");
    let map = export::find_map(&project, Some(&map_id)).expect("map");
    let pictures: Pictures = file.images_of([map], false).expect("pictures");
    assert_eq!(pictures.len(), 1);

    let pdf = export::export_pdf(&project, map, &pictures, &PdfOptions::default()).expect("pdf");
    let doc = lopdf::Document::load_mem(&pdf).expect("a PDF");
    let images = doc
        .objects
        .values()
        .filter(|o| o.as_stream().is_ok_and(|s| s.dict.get(b"Subtype").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Image"))))
        .count();
    assert_eq!(images, 1, "one picture, embedded once though two cards show it");
    let svg = export::export_svg(&project, map, &pictures, Lang::En).expect("svg");
    assert_eq!(svg.matches("<image ").count(), 2, "the thumbnail and the large picture");
    assert!(svg.contains("Landing page — hero"), "the card's text stays text");
    let without = export::export_svg(&project, map, &Pictures::new(), Lang::En).expect("svg");
    assert_eq!(without.matches("<image ").count(), 0);
    let png = export::export_png(&project, map, &pictures, 1.0, Lang::En).expect("png");
    assert!(png.starts_with(b"\x89PNG"));
    if let Some(keep) = std::env::var_os("JOURNEY_EXPORT_KEEP") {
        std::fs::create_dir_all(&keep).expect("keep dir");
        std::fs::write(Path::new(&keep).join("images.pdf"), &pdf).expect("write");
        std::fs::write(Path::new(&keep).join("images.svg"), &svg).expect("write");
        std::fs::write(Path::new(&keep).join("images.png"), &png).expect("write");
    }
}

/// A `width` × `height` photo-like JPEG (smooth gradients), as a `data:` URL.
fn photo_jpeg(width: u32, height: u32) -> String {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 160]));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).expect("encode");
    card_image::data_url("image/jpeg", &out.into_inner())
}

#[test]
fn a_pdf_keeps_a_photo_as_its_own_jpeg_and_a_screenshot_without_loss() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, map_id, [photo, screen]) = map_with_pictures(dir.path(), &photo_jpeg(1280, 800), &landing_page(800, 1200), "Landing page");
    let project = file.project().expect("project");
    let map = export::find_map(&project, Some(&map_id)).expect("map");
    let pictures: Pictures = file.images_of([map], false).expect("pictures");
    let stored = |id: &str| {
        let (_, bytes) = journey_studio::edit::photo_bytes(&pictures[id].data_url).expect("a data URL");
        bytes
    };
    let (photo_bytes, screen_bytes) = (stored(&photo.id), stored(&screen.id));

    let pdf = export::export_pdf(&project, map, &pictures, &PdfOptions::default()).expect("pdf");
    let doc = lopdf::Document::load_mem(&pdf).expect("a PDF");
    let images: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Image")))
        .collect();
    assert_eq!(images.len(), 2, "one image each");
    let filter = |s: &lopdf::Stream| s.dict.get(b"Filter").and_then(|f| f.as_name()).map(<[u8]>::to_vec).unwrap_or_default();
    let jpeg = images.iter().find(|s| filter(s) == b"DCTDecode").expect("the photo as JPEG");
    assert_eq!(jpeg.content, photo_bytes, "the photo's own bytes, not decoded and encoded again");
    assert_eq!(jpeg.dict.get(b"Width").and_then(|w| w.as_i64()).ok(), Some(1280));
    let png = images.iter().find(|s| filter(s) == b"FlateDecode").expect("the screenshot compressed without loss");
    let mut pixels = (*png).clone();
    pixels.decompress().expect("inflate");
    assert_eq!(pixels.content.len(), 800 * 1200 * 3, "every pixel of the screenshot, as it was");
    let pictures_size = photo_bytes.len() + screen_bytes.len();
    assert!(pdf.len() < pictures_size + 1_000_000, "the PDF ({} bytes) is about its pictures' size ({pictures_size})", pdf.len());
}
