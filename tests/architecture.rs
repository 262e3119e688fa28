//! The dependency direction of ARCHITECTURE.md, checked on the source: the top modules of the core
//! (`store`, `desk`, `audit` …) name each other through `crate::` paths without ever coming back
//! round to where they started. Paths are read from the text, test code left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "bin" && n != "migrations") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `src/store/audit.rs` → ["store", "audit"]; `src/desk.rs` → ["desk"]; `src/lib.rs` → [].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The modules a file names through `crate::…` (also inside `use crate::{a, b::c}`), without its tests.
fn referenced(text: &str) -> BTreeSet<Vec<String>> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                let mut segs = item.trim().split("::").map(ident).filter(|s| !s.is_empty());
                if let Some(first) = segs.next() {
                    out.insert(vec![first.clone(), segs.next().unwrap_or_default()]);
                }
            }
        } else {
            let mut segs = rest.split("::").map(ident);
            let first = segs.next().unwrap_or_default();
            out.insert(vec![first, segs.next().unwrap_or_default()]);
        }
    }
    out
}

#[test]
fn the_modules_of_the_core_depend_on_each_other_without_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Edges between the top modules (store/audit.rs belongs to `store`, desk/change.rs to `desk` …).
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some(from) = module_of(&src, f).into_iter().next() else { continue };
        if f.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        for to in referenced(&std::fs::read_to_string(f).unwrap()) {
            let to = to[0].clone();
            if !to.is_empty() && to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // A depth-first walk from every module; reaching a module still on the path is a circle.
    fn walk(n: &str, edges: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>, found: &mut Vec<String>) {
        if let Some(i) = path.iter().position(|p| p == n) {
            found.push(format!("{} -> {n}", path[i..].join(" -> ")));
            return;
        }
        if !done.insert(n.to_string()) {
            return;
        }
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            walk(m, edges, path, done, found);
        }
        path.pop();
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        walk(n, &edges, &mut Vec::new(), &mut done, &mut found);
    }
    assert!(found.is_empty(), "import circles in the core: {found:?}");
    // The walk sees the edges it is about.
    assert!(edges["desk"].contains("store") && edges["store"].contains("audit"), "{edges:?}");
}
