//! A small tmpfs mounted on a temporary folder: a disk the test fills up, or a write-protected USB
//! stick (mounted read-only: root, which these tests run as, ignores file permissions). Needs root
//! and `mount`, as CI has; without them the test fails, it never skips. Shared by the core's tests
//! (tests/real_disks.rs) and the end-to-end tests (src-tauri/tests/support).

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(size: &str, read_only: bool) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let options = format!("size={size},mode=0755{}", if read_only { ",ro" } else { "" });
        let out = Command::new("mount").args(["-t", "tmpfs", "-o", &options, "sifa-test"]).arg(dir.path()).output();
        match out {
            Ok(o) if o.status.success() => SmallDisk { dir },
            Ok(o) => panic!("mounting a {size} tmpfs failed (these tests run as root, as CI does): {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => panic!("cannot run mount: {e}"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk to the last byte with a file of its own; returns it, to free the space.
    pub fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler.bin");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0x5au8; 64 * 1024];
        let mut size = block.len();
        // Down to single bytes, so that not even a small page fits afterwards.
        while size > 0 {
            match f.write(&block[..size]) {
                Ok(0) => size /= 2,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::StorageFull => size /= 2,
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
        let _ = f.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}
