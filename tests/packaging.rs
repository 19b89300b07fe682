//! The desktop package's file association, read from tauri.conf.json and the
//! files it points to: the desktop entry passes the double-clicked file to the
//! app, and the MIME type it claims is the one the package declares for
//! `*.journey` (with the magic that tells our SQLite files from others).

fn read(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_double_clicked_project_reaches_the_app_under_the_declared_mime_type() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).expect("JSON");
    let assoc = &conf["bundle"]["fileAssociations"][0];
    assert_eq!(assoc["ext"], serde_json::json!(["journey"]));
    let mime = assoc["mimeType"].as_str().expect("a MIME type");

    let deb = &conf["bundle"]["linux"]["deb"];
    let desktop = read(deb["desktopTemplate"].as_str().expect("our desktop template"));
    let exec = desktop.lines().find(|l| l.starts_with("Exec=")).expect("an Exec line");
    assert!(exec.ends_with(" %f") || exec.ends_with(" %F"), "the file is passed to the app: {exec}");
    assert!(desktop.lines().any(|l| l == "MimeType={{mime_type}};"), "the entry claims the associated types");

    let xml_path = deb["files"]["/usr/share/mime/packages/journey-studio.xml"].as_str().expect("the MIME package file");
    let xml = read(xml_path);
    assert!(xml.contains(&format!("<mime-type type=\"{mime}\">")), "{xml}");
    assert!(xml.contains("<glob pattern=\"*.journey\"/>"));
    // The magic: SQLite's header and our application id ("JOUR" at offset 68).
    assert!(xml.contains("value=\"SQLite format 3\""));
    let app_id = journey_studio::store::schema::APPLICATION_ID;
    assert!(xml.contains(&format!("value=\"0x{app_id:08X}\"")), "the application id the store writes");
}
