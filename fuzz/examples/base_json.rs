//! Prints the starting project of the edit targets as JSON (the seed
//! fuzz/seeds/import_project/vi-template.json):
//! cargo run --manifest-path fuzz/Cargo.toml --example base_json
fn main() {
    println!("{}", serde_json::to_string(&journey_studio_fuzz::base_project()).expect("serialise"));
}
