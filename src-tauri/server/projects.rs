//! Which projects the server keeps, and their secrets. A project is a
//! document id with a secret; the server keeps only a salted SHA-256 of the
//! secret (secrets are 32 random bytes, so a fast hash is enough: there is
//! no dictionary to try), one file per project in `DIR/projects/`. A project
//! is registered by its first connection, and only if that connection also
//! shows the server's invite key (`DIR/invite-key`, made at first start,
//! readable by its owner only): a stranger cannot fill the disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::storage::write_durably;
use crate::wire::link::random_secret;

/// Why a connection is refused before the websocket opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The project exists and the secret is not its secret (HTTP 401).
    WrongSecret,
    /// No such project, and no valid invite key to register it (HTTP 404).
    UnknownProject,
    /// The registration could not be written (HTTP 500).
    Storage,
}

/// What a successful check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Known,
    /// This connection registered the project.
    Registered,
}

/// A project's salt and the hash of its secret.
type Stored = ([u8; 16], [u8; 32]);

pub struct Projects {
    dir: PathBuf,
    invite_key: String,
    /// Salt and hash of each known project's secret (a cache of the files).
    known: Mutex<HashMap<String, Stored>>,
}

fn hash(salt: &[u8; 16], secret: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"journey-studio project secret v1\0");
    h.update(salt);
    h.update(secret.as_bytes());
    h.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    if s.len() != 2 * N {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

impl Projects {
    /// Opens (or starts) the registry in `dir`, making the invite key if there is none.
    pub fn open(dir: &Path) -> std::io::Result<Projects> {
        let invite_key = invite_key(dir)?;
        Ok(Projects { dir: dir.join("projects"), invite_key, known: Mutex::default() })
    }

    pub fn invite_key(&self) -> &str {
        &self.invite_key
    }

    fn lookup(&self, doc: &str) -> Option<Stored> {
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = known.get(doc) {
            return Some(*entry);
        }
        let text = std::fs::read_to_string(self.dir.join(doc)).ok()?;
        let mut parts = text.trim().split(':');
        let (Some("sha256"), Some(salt), Some(hash)) = (parts.next(), parts.next(), parts.next()) else { return None };
        let entry = (unhex::<16>(salt)?, unhex::<32>(hash)?);
        known.insert(doc.to_string(), entry);
        Some(entry)
    }

    /// Checks a connection's credentials for `doc` (a valid document id:
    /// it names a file), registering the project if it is new and the invite
    /// key is right.
    pub fn admit(&self, doc: &str, secret: &str, invite: Option<&str>) -> Result<Admission, Refusal> {
        if let Some((salt, expected)) = self.lookup(doc) {
            return if bool::from(hash(&salt, secret).ct_eq(&expected)) { Ok(Admission::Known) } else { Err(Refusal::WrongSecret) };
        }
        let invited = invite.is_some_and(|key| bool::from(key.as_bytes().ct_eq(self.invite_key.as_bytes())));
        if !invited || secret.is_empty() {
            return Err(Refusal::UnknownProject);
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|_| Refusal::Storage)?;
        let entry = (salt, hash(&salt, secret));
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(existing) = known.get(doc) {
            // Registered by a concurrent first connection meanwhile.
            return if bool::from(hash(&existing.0, secret).ct_eq(&existing.1)) { Ok(Admission::Known) } else { Err(Refusal::WrongSecret) };
        }
        write_durably(&self.dir.join(doc), format!("sha256:{}:{}\n", hex(&entry.0), hex(&entry.1)).as_bytes()).map_err(|e| {
            eprintln!("journey-studio serve: could not register project {doc}: {e}");
            Refusal::Storage
        })?;
        known.insert(doc.to_string(), entry);
        Ok(Admission::Registered)
    }
}

/// The server's invite key: read from `DIR/invite-key`, or made (random,
/// owner-only permissions) on first start.
fn invite_key(dir: &Path) -> std::io::Result<String> {
    let path = dir.join("invite-key");
    match std::fs::read_to_string(&path) {
        Ok(key) if !key.trim().is_empty() => return Ok(key.trim().to_string()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let key = random_secret().map_err(|e| std::io::Error::other(e.to_string()))?;
    std::fs::create_dir_all(dir)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path)?;
    std::io::Write::write_all(&mut file, format!("{key}\n").as_bytes())?;
    file.sync_all()?;
    std::fs::File::open(dir)?.sync_all()?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_is_registered_only_with_the_invite_key_then_needs_its_secret() {
        let dir = tempfile::tempdir().unwrap();
        let projects = Projects::open(dir.path()).unwrap();
        let key = projects.invite_key().to_string();
        assert_eq!(projects.admit("doc1", "s3cret", None), Err(Refusal::UnknownProject));
        assert_eq!(projects.admit("doc1", "s3cret", Some("guess")), Err(Refusal::UnknownProject));
        assert_eq!(projects.admit("doc1", "s3cret", Some(&key)), Ok(Admission::Registered));
        assert_eq!(projects.admit("doc1", "s3cret", None), Ok(Admission::Known));
        assert_eq!(projects.admit("doc1", "other", Some(&key)), Err(Refusal::WrongSecret));
        let stored = std::fs::read_to_string(dir.path().join("projects/doc1")).unwrap();
        assert!(!stored.contains("s3cret"), "only a hash is kept");
        // A restarted server reads the same key and the same projects.
        let again = Projects::open(dir.path()).unwrap();
        assert_eq!(again.invite_key(), key);
        assert_eq!(again.admit("doc1", "s3cret", None), Ok(Admission::Known));
        assert_eq!(again.admit("doc1", "wrong", None), Err(Refusal::WrongSecret));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("invite-key")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
