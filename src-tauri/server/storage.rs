//! samod's storage in a folder, durable: a value is written to a temporary
//! file, fsynced, renamed over its key's file, and the folder fsynced, before
//! `put` returns (samod's own `TokioFilesystemStorage` only writes, without
//! fsync, and a crash mid-write leaves a torn file). Same layout as samod's
//! and the JS `automerge-repo-storage-nodefs` (the key's first part split
//! after two characters), so the folder can move between those servers.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use samod::storage::{Storage, StorageKey};

use super::durability::Durability;

#[derive(Clone)]
pub struct DurableStorage {
    root: PathBuf,
    durability: Arc<Durability>,
}

impl DurableStorage {
    pub fn new(root: PathBuf, durability: Arc<Durability>) -> DurableStorage {
        DurableStorage { root, durability }
    }

    fn path(&self, key: &StorageKey) -> PathBuf {
        let mut path = self.root.clone();
        for (i, part) in key.into_iter().enumerate() {
            if i == 0 {
                // The first part (the document id) is split after two characters.
                let split = part.char_indices().nth(2).map_or(part.len(), |(at, _)| at);
                path.push(&part[..split]);
                path.push(&part[split..]);
            } else {
                path.push(part);
            }
        }
        path
    }

    /// Notes what a stored value makes durable (keys `[doc, "incremental"|"snapshot", …]`).
    fn note_durable(&self, key: &StorageKey, value: &[u8], loaded: bool) {
        let parts: Vec<&str> = key.into_iter().map(String::as_str).collect();
        match parts.as_slice() {
            [doc, "incremental", _] if loaded => self.durability.change_loaded(doc, value),
            [doc, "incremental", _] => self.durability.change_stored(doc, value),
            [doc, "snapshot", _] => self.durability.snapshot_stored(doc, value),
            _ => {}
        }
    }
}

/// Writes `data` at `path`, complete or not at all, and on disk when it returns.
pub fn write_durably(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or_else(|| std::io::Error::other("no parent folder"))?;
    create_dir_durably(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        file.write_all(data)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Creates a folder and its missing parents, each entry fsynced in its parent.
fn create_dir_durably(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir_durably(parent)?;
        match fs::create_dir(dir) {
            Ok(()) => File::open(parent)?.sync_all()?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn read_tree(dir: &Path, prefix: &StorageKey, out: &mut HashMap<StorageKey, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if name.starts_with('.') {
            continue; // a temporary file a crash left behind
        }
        let Ok(key) = prefix.with_component(name) else { continue };
        let path = entry.path();
        if path.is_dir() {
            read_tree(&path, &key, out);
        } else if let Ok(data) = fs::read(&path) {
            out.insert(key, data);
        }
    }
}

impl Storage for DurableStorage {
    async fn load(&self, key: StorageKey) -> Option<Vec<u8>> {
        let path = self.path(&key);
        let data = tokio::task::spawn_blocking(move || fs::read(path).ok()).await.ok().flatten()?;
        self.note_durable(&key, &data, true);
        Some(data)
    }

    async fn load_range(&self, prefix: StorageKey) -> HashMap<StorageKey, Vec<u8>> {
        let path = self.path(&prefix);
        let found = tokio::task::spawn_blocking(move || {
            let mut out = HashMap::new();
            read_tree(&path, &prefix, &mut out);
            out
        })
        .await
        .unwrap_or_default();
        for (key, value) in &found {
            self.note_durable(key, value, true);
        }
        found
    }

    async fn put(&self, key: StorageKey, data: Vec<u8>) {
        let doc = (&key).into_iter().next().cloned().unwrap_or_default();
        self.durability.put_started(&doc);
        let path = self.path(&key);
        let (written, data) = match tokio::task::spawn_blocking(move || (write_durably(&path, &data), data)).await {
            Ok(done) => done,
            Err(e) => (Err(std::io::Error::other(e.to_string())), Vec::new()),
        };
        match written {
            Ok(()) => self.note_durable(&key, &data, false),
            Err(e) => {
                eprintln!("journey-studio serve: could not store {key}: {e}");
                self.durability.write_failed(&doc);
            }
        }
        self.durability.put_finished(&doc);
    }

    async fn delete(&self, key: StorageKey) {
        let path = self.path(&key);
        // Superseded by a compacted snapshot: a file that comes back after a crash is harmless.
        let _ = tokio::task::spawn_blocking(move || fs::remove_file(path)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn values_come_back_by_key_and_by_prefix_and_crash_leftovers_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let storage = DurableStorage::new(dir.path().to_path_buf(), Arc::default());
        let key = |parts: &[&str]| StorageKey::from_parts(parts.iter().copied()).unwrap();
        storage.put(key(&["docid", "incremental", "h1"]), b"one".to_vec()).await;
        storage.put(key(&["docid", "snapshot", "s1"]), b"two".to_vec()).await;
        storage.put(key(&["other", "incremental", "h1"]), b"three".to_vec()).await;
        assert_eq!(storage.load(key(&["docid", "incremental", "h1"])).await, Some(b"one".to_vec()));
        assert!(dir.path().join("do/cid/incremental/h1").is_file(), "nodefs layout");
        fs::write(dir.path().join("do/cid/snapshot/.s2.1.tmp"), b"torn").unwrap();
        let range = storage.load_range(key(&["docid"])).await;
        assert_eq!(range.len(), 2);
        assert_eq!(range[&key(&["docid", "snapshot", "s1"])], b"two");
        storage.delete(key(&["docid", "snapshot", "s1"])).await;
        assert_eq!(storage.load(key(&["docid", "snapshot", "s1"])).await, None);
    }
}
