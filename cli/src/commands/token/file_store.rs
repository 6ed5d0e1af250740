//! [`FileSecretStore`]: a development [`SecretStore`] for `hamrah token`'s
//! demo profiles, one file per secret (owner read/write only) in the
//! profile's `secrets/` directory.
//!
//! The kernel keyring (the desktop's real vault, used by the tests) keeps
//! the keyring crate's entries in the process's session keyring, which a
//! shell without a login session (containers, CI) does not share between
//! processes; a profile must outlive one command, so QA profiles use files.
//! The secrets are in clear on disk: for demo profiles only, never a customer's.

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use hamrah_core::platform::{PlatformError, SecretStore};
use zeroize::Zeroizing;

/// Secrets as files in one directory.
#[derive(Debug, Clone)]
pub struct FileSecretStore {
    dir: PathBuf,
}

impl FileSecretStore {
    /// A store in `dir` (created, owner-only, when missing).
    pub fn new(dir: PathBuf) -> Result<Self, PlatformError> {
        fs::create_dir_all(&dir).map_err(|_| PlatformError::Unavailable)?;
        Ok(Self { dir })
    }

    /// A secret's file: its name in hex, so no name can leave the directory.
    fn path(&self, name: &str) -> PathBuf {
        let file: String = name.bytes().map(|b| format!("{b:02x}")).collect();
        self.dir.join(file)
    }
}

impl SecretStore for FileSecretStore {
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError> {
        match fs::read(self.path(name)) {
            Ok(bytes) => Ok(Some(Zeroizing::new(bytes))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(_) => Err(PlatformError::Unavailable),
        }
    }

    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError> {
        let path = self.path(name);
        let partial = path.with_extension("new");
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&partial)
            .map_err(|_| PlatformError::Unavailable)?;
        file.write_all(secret)
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::rename(&partial, &path))
            .map_err(|_| PlatformError::Unavailable)
    }

    fn delete(&self, name: &str) -> Result<(), PlatformError> {
        match fs::remove_file(self.path(name)) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(_) => Err(PlatformError::Unavailable),
        }
    }
}
