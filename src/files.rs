//! Files Tessera writes for people (backups, exports): never over an existing one.

use std::path::{Path, PathBuf};

/// `dir/stem.ext`, or the first of `dir/stem-2.ext` … `dir/stem-999.ext` that does not exist yet.
pub(crate) fn first_free(dir: &Path, stem: &str, ext: &str) -> Option<PathBuf> {
    std::iter::once(dir.join(format!("{stem}.{ext}")))
        .chain((2..1000).map(|n| dir.join(format!("{stem}-{n}.{ext}"))))
        .find(|p| !p.exists())
}
