//! The README's command examples are real: every `$ kanshu …` line in a `sh` block is run (the
//! files it names must be in the repository), and what it prints must be what the README shows
//! under it.
//! A line holding only `…` in the README stands for any number of lines left out.

use std::path::Path;

/// (command arguments, expected output lines) for each example.
fn examples(readme: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut current: Option<(Vec<String>, Vec<String>)> = None;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line.starts_with("```sh");
            out.extend(current.take());
            continue;
        }
        if !in_sh {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.extend(current.take());
            if let Some(args) = cmd.strip_prefix("kanshu ") {
                let args = args.split_whitespace().map(String::from).collect();
                current = Some((args, Vec::new()));
            }
        } else if let Some((_, expected)) = &mut current {
            expected.push(line.trim_end().to_string());
        }
    }
    for (_, expected) in &mut out {
        while expected.last().is_some_and(|l| l.is_empty()) {
            expected.pop();
        }
    }
    out
}

/// `got` matches `expected`, where an expected `…` line matches any run of lines.
fn matches(expected: &[String], got: &[String]) -> bool {
    match expected.split_first() {
        None => got.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=got.len()).any(|skip| matches(rest, &got[skip..]))
        }
        Some((first, rest)) => got
            .split_first()
            .is_some_and(|(g, more)| g == first && matches(rest, more)),
    }
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for (args, expected) in examples(&readme) {
        // Every example runs: a file it names that is not in the repository is a wrong README.
        for file in args
            .iter()
            .filter(|a| a.ends_with(".txt") || a.ends_with(".md"))
        {
            assert!(
                root.join(file).is_file(),
                "README example `kanshu {}` names {file}, which is not in the repository",
                args.join(" ")
            );
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kanshu"))
            .args(&args)
            .current_dir(root)
            .env("KANSHU_CONFIG_DIR", config.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "kanshu {}", args.join(" "));
        let text = String::from_utf8(out.stdout).unwrap();
        let mut got: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
        while got.last().is_some_and(|l| l.is_empty()) {
            got.pop();
        }
        assert!(
            matches(&expected, &got),
            "README example `kanshu {}` prints something else:\n--- README\n{}\n--- kanshu\n{}",
            args.join(" "),
            expected.join("\n"),
            got.join("\n")
        );
        checked += 1;
    }
    // The seed's toc, info, the JSON contents and the render examples at least.
    assert!(checked >= 6, "only {checked} README examples ran");
}

#[test]
fn an_ellipsis_stands_for_lines_left_out() {
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert!(matches(&v(&["a", "  …", "d"]), &v(&["a", "b", "c", "d"])));
    assert!(matches(&v(&["a", "…", "d"]), &v(&["a", "d"])));
    assert!(!matches(&v(&["a", "…", "d"]), &v(&["a", "b"])));
    assert!(!matches(&v(&["a", "b"]), &v(&["a", "c"])));
}
