//! The layers of `src/`, checked: the engine (everything the headless commands, benches and
//! tests use) never names a terminal crate nor reaches up into the interactive reader, and no
//! top-level module depends on another that depends back on it. ARCHITECTURE.md draws the same
//! picture.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules that build without ratatui or crossterm and never import the interactive layers.
const ENGINE: &[&str] = &[
    "document", "formats", "layout", "view", "store", "config", "keys", "i18n",
];
/// The interactive reader and the command line: allowed to use everything below them.
const UPPER: &[&str] = &["app", "ui", "input", "cli", "tui"];
/// Each module's layer: a module imports only modules of a lower layer. The document model
/// is at the bottom; formats fill it; layout lays it out; view shows it through the clean view
/// and script conversion; keys, store and config sit beside the engine, below the app; the
/// app is above all of them, and the terminal and command line above the app.
const LAYERS: &[(&str, u8)] = &[
    ("keys", 0),
    ("document", 0),
    ("i18n", 0),
    ("formats", 1),
    ("layout", 2),
    ("store", 2),
    ("view", 3),
    ("config", 3),
    ("app", 4),
    ("ui", 5),
    ("input", 5),
    ("tui", 6),
    ("cli", 7),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm"];

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source with `//` comments and string literals blanked, so a doc sentence that names a
/// crate or a module is not taken for a use of it.
fn code_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        if in_str {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    in_str = false;
                    out.push('"');
                }
                '\n' => out.push('\n'),
                _ => {}
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                in_str = true;
                out.push('"');
            }
            // A char literal such as '"' must not open a string.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                let mut it = rest.chars();
                match (it.next(), it.next(), it.next()) {
                    (Some('\\'), Some(_), Some('\'')) => {
                        chars.nth(2);
                    }
                    (Some(_), Some('\''), _) => {
                        chars.nth(1);
                    }
                    _ => out.push('\''),
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Top-level modules named after `crate::` in `code`, including those inside a
/// `crate::{a::x, b}` group.
fn crate_imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before_ok = rest[..i].chars().last().is_none_or(|c| !is_ident(c));
        rest = &rest[i + "crate::".len()..];
        if !before_ok {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Names at depth 0 of the group: `{a::x, b::{y, z}, c}` gives a, b, c.
            let mut depth = 0usize;
            let mut at_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_start = true,
                    c if depth == 0 && at_start && is_ident(c) => name.push(c),
                    c if depth == 0 && at_start && !c.is_whitespace() => {
                        if !name.is_empty() {
                            found.insert(std::mem::take(&mut name));
                        }
                        at_start = false;
                    }
                    _ => {}
                }
                if !at_start && !name.is_empty() {
                    found.insert(std::mem::take(&mut name));
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Whether `code` names `krate` as a path (`ratatui::…`, `use ratatui`, `extern crate`).
fn names_crate(code: &str, krate: &str) -> bool {
    code.match_indices(krate).any(|(i, _)| {
        let before = code[..i].chars().last();
        let after = code[i + krate.len()..].chars().next();
        before.is_none_or(|c| !is_ident(c)) && after.is_none_or(|c| !is_ident(c))
    })
}

/// The top-level module a file of `src/` belongs to (`src/layout/wrap.rs` → `layout`).
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// Names `lib.rs` re-exports at the crate root (`pub use document::{Chapter, Document}`), each
/// with the module it comes from, so `crate::Document` counts as an import of `document`.
fn root_exports(src: &Path) -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for stmt in code_only(&lib).split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        // Every name the statement brings in, and every path segment on the way
        // (`document::position::{self, Position}` brings `position` and `Position`).
        for name in names.split([',', '{', '}', ':']) {
            let name = name.trim();
            if !name.is_empty() && name != "self" {
                out.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

/// Module → the other top-level modules it imports.
fn graph(src: &Path) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let exports = root_exports(src);
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = top_module(src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let code = code_only(&text);
        let imports: BTreeSet<String> = crate_imports(&code)
            .into_iter()
            .map(|name| exports.get(&name).cloned().unwrap_or(name))
            .collect();
        let shown = file.strip_prefix(src).unwrap_or(file).display().to_string();
        if ENGINE.contains(&module.as_str()) {
            for krate in TERMINAL_CRATES {
                if names_crate(&code, krate) {
                    problems.push(format!(
                        "src/{shown}: engine module `{module}` names `{krate}`"
                    ));
                }
            }
            for up in imports.iter().filter(|m| UPPER.contains(&m.as_str())) {
                problems.push(format!(
                    "src/{shown}: engine module `{module}` imports `{up}`"
                ));
            }
        }
        let entry = deps.entry(module.clone()).or_default();
        entry.extend(imports.into_iter().filter(|m| *m != module));
    }
    (deps, problems)
}

/// Every cycle's members, found by removing modules that import nothing left until none can go.
fn cyclic(deps: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut left: BTreeSet<String> = deps.keys().cloned().collect();
    loop {
        let free: Vec<String> = left
            .iter()
            .filter(|m| deps[*m].iter().all(|d| !left.contains(d)))
            .cloned()
            .collect();
        if free.is_empty() {
            return left;
        }
        for m in free {
            left.remove(&m);
        }
    }
}

fn check(src: &Path) -> Vec<String> {
    let (deps, mut problems) = graph(src);
    for (a, imports) in &deps {
        for b in imports {
            if a < b && deps.get(b).is_some_and(|back| back.contains(a)) {
                problems.push(format!("`{a}` and `{b}` import each other"));
            }
        }
    }
    for (a, imports) in &deps {
        for b in imports {
            if let (Some(la), Some(lb)) = (layer(a), layer(b))
                && lb >= la
            {
                problems.push(format!(
                    "`{a}` (layer {la}) imports `{b}` (layer {lb}): imports point down only"
                ));
            }
        }
    }
    let cycle = cyclic(&deps);
    if !cycle.is_empty() {
        problems.push(format!("import cycle among {cycle:?}"));
    }
    problems
}

#[test]
fn engine_modules_stay_below_the_terminal_and_layers_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = check(&src);
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_top_level_module_is_placed_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (deps, _) = graph(&src);
    let unplaced: Vec<&String> = deps
        .keys()
        .filter(|m| {
            layer(m).is_none() || !(ENGINE.contains(&m.as_str()) || UPPER.contains(&m.as_str()))
        })
        .collect();
    assert!(unplaced.is_empty(), "modules in no layer: {unplaced:?}");
}

/// The checker itself finds what it is meant to find: a terminal crate in the engine, an
/// upward import, and two modules importing each other.
#[test]
fn the_check_catches_a_broken_tree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    let write = |rel: &str, text: &str| {
        let path = src.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "lib.rs",
        "pub mod layout;\npub mod view;\npub use store::Store;\n",
    );
    write("document/mod.rs", "use crate::Store;\n");
    write(
        "layout/mod.rs",
        "//! uses ratatui? no: a comment\nuse crate::view::Cache;\n",
    );
    write(
        "view/mod.rs",
        "use crate::{layout::Line, app::App};\nfn f() { let s = \"crossterm\"; }\n",
    );
    write("keys.rs", "use ratatui::style::Style;\n");
    let problems = check(src);
    let text = problems.join("\n");
    assert!(
        text.contains("`layout` and `view` import each other"),
        "{text}"
    );
    assert!(
        text.contains("engine module `view` imports `app`"),
        "{text}"
    );
    assert!(
        text.contains("engine module `keys` names `ratatui`"),
        "{text}"
    );
    assert!(
        text.contains("`document` (layer 0) imports `store` (layer 2)"),
        "{text}"
    );
    assert!(
        !text.contains("`layout` names"),
        "comments are not code: {text}"
    );
    assert!(
        !text.contains("names `crossterm`"),
        "strings are not code: {text}"
    );
}
