//! The "recent files" list, kept as a small JSON file in the app's config folder.

use std::path::{Path, PathBuf};

/// How many recent projects are remembered.
pub const MAX_RECENT: usize = 10;

/// Reads the list; a missing or unreadable list is an empty one (it is a
/// convenience, never worth an error dialog).
pub fn load(list_file: &Path) -> Vec<String> {
    std::fs::read(list_file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<String>>(&bytes).ok())
        .unwrap_or_default()
        .into_iter()
        .take(MAX_RECENT)
        .collect()
}

/// Puts `project` first in the list, without duplicates, and writes the list.
pub fn remember(list_file: &Path, project: &Path) -> std::io::Result<Vec<String>> {
    let entry = project.to_string_lossy().into_owned();
    let mut list = load(list_file);
    list.retain(|p| *p != entry);
    list.insert(0, entry);
    list.truncate(MAX_RECENT);
    save(list_file, &list)?;
    Ok(list)
}

/// Removes `project` from the list (e.g. it was moved or deleted).
pub fn forget(list_file: &Path, project: &str) -> std::io::Result<Vec<String>> {
    let mut list = load(list_file);
    list.retain(|p| p != project);
    save(list_file, &list)?;
    Ok(list)
}

/// Writes `list` as the whole list.
pub fn save(list_file: &Path, list: &[String]) -> std::io::Result<()> {
    if let Some(dir) = list_file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp: PathBuf = list_file.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(list).map_err(std::io::Error::other)?)?;
    std::fs::rename(tmp, list_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates_and_bounded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = dir.path().join("sub/recent.json");
        assert!(load(&list).is_empty());
        for i in 0..12 {
            remember(&list, Path::new(&format!("/p/{i}.journey"))).expect("write");
        }
        remember(&list, Path::new("/p/5.journey")).expect("write");
        let got = load(&list);
        assert_eq!(got.len(), MAX_RECENT);
        assert_eq!(got[0], "/p/5.journey");
        assert_eq!(got[1], "/p/11.journey");
        assert_eq!(got.iter().filter(|p| *p == "/p/5.journey").count(), 1);
        let got = forget(&list, "/p/5.journey").expect("write");
        assert!(!got.contains(&"/p/5.journey".to_owned()));
    }

    #[test]
    fn a_garbled_list_reads_as_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = dir.path().join("recent.json");
        std::fs::write(&list, b"{not json").expect("write");
        assert!(load(&list).is_empty());
    }
}
