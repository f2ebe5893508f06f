//! The docs say only what is true: every action README and default.toml name exists (and
//! README names every one), every config key in README's tables exists, every `--option`
//! README gives is one kanshu takes, and the size of the parts of a book without headings is
//! what README says.
//!
//! README's command examples are run by `readme_examples.rs`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use clap::CommandFactory;
use kanshu::config::{BOOK_KEYS, CHAPTERS_KEYS, LAYOUT_KEYS};
use kanshu::keys::{Action, BINDABLE};

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// The text between backticks in `s`.
fn code_spans(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn is_action_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// README's paragraph that starts "Actions:", up to the blank line after it.
fn readme_actions(readme: &str) -> Vec<String> {
    let start = readme
        .find("\nActions: ")
        .expect("README lists the actions");
    let rest = &readme[start + 1..];
    let para = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
    code_spans(para)
        .into_iter()
        .filter(|w| is_action_word(w))
        .map(String::from)
        .collect()
}

#[test]
fn readme_lists_every_action_and_only_actions() {
    let named = readme_actions(&read("README.md"));
    for name in &named {
        assert!(
            Action::from_name(name).is_some(),
            "README names `{name}`, which is no action"
        );
    }
    for action in BINDABLE {
        let name = action.name().unwrap();
        assert!(
            named.iter().any(|n| n == name),
            "README's action list lacks `{name}`"
        );
    }
}

#[test]
fn actions_bound_in_readme_and_named_in_default_toml_comments_exist() {
    // `key = "action"` lines in README's TOML examples under [keys.*].
    let readme = read("README.md");
    let mut checked = 0;
    let (mut in_toml, mut in_keys) = (false, false);
    for line in readme.lines() {
        if line.starts_with("```") {
            in_toml = line == "```toml";
            in_keys = false;
        } else if in_toml && line.starts_with('[') {
            in_keys = line.starts_with("[keys");
        } else if in_keys && let Some((_, value)) = line.split_once(" = \"") {
            let action = value.split('"').next().unwrap();
            assert!(
                action == "none" || Action::from_name(action).is_some(),
                "README binds a key to `{action}`"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "README's [keys.reader] example was read");

    // Quoted words in the comments of default.toml's [keys] part.
    let toml = read("config/default.toml");
    let keys_part = &toml[toml.find("\n# Keys, per mode").unwrap()..];
    let placeholders = ["action", "none"];
    let mut named = BTreeSet::new();
    for line in keys_part.lines() {
        let Some((_, comment)) = line.split_once('#') else {
            continue;
        };
        for quoted in comment.split('"').skip(1).step_by(2) {
            if is_action_word(quoted) && !placeholders.contains(&quoted) {
                named.insert(quoted.to_string());
            }
        }
        // "F1 (`help`) lists the keys": a key's action named in backticks.
        for span in code_spans(comment) {
            if is_action_word(span) && comment.contains(&format!("(`{span}`)")) {
                named.insert(span.to_string());
            }
        }
    }
    assert!(
        named.contains("quit") && named.contains("help"),
        "{named:?}"
    );
    for name in &named {
        assert!(
            Action::from_name(name).is_some(),
            "default.toml's comments name `{name}`, which is no action"
        );
    }
    // The comment that says which key lists the keys names the key bound to `help`.
    let cfg = kanshu::config::Config::defaults();
    let help = cfg
        .keys
        .key_label(kanshu::keys::Mode::Reader, &Action::Help)
        .unwrap();
    assert!(
        keys_part.contains(&format!("{help} (`help`) lists the keys in use")),
        "default.toml names {help} as the help key"
    );
}

/// The first column of the README table under `### `[table]``.
fn readme_table_keys(readme: &str, table: &str) -> Vec<String> {
    let head = format!("### `[{table}]`\n");
    let start = readme
        .find(&head)
        .unwrap_or_else(|| panic!("README has {head}"));
    readme[start + head.len()..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|l| code_spans(l).first().map(|k| k.to_string()))
        .collect()
}

#[test]
fn readme_config_tables_hold_exactly_the_keys_kanshu_reads() {
    let readme = read("README.md");
    for (table, keys) in [
        ("layout", LAYOUT_KEYS),
        ("book", BOOK_KEYS),
        ("chapters", CHAPTERS_KEYS),
    ] {
        let listed = readme_table_keys(&readme, table);
        let mut want: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let mut got = listed.clone();
        want.sort();
        got.sort();
        assert_eq!(got, want, "README's [{table}] table");
    }
}

/// Every long option of kanshu and its commands.
fn all_options() -> BTreeSet<String> {
    let mut cli = kanshu::cli::Cli::command();
    cli.build();
    let mut out = BTreeSet::new();
    let mut stack = vec![&cli];
    while let Some(cmd) = stack.pop() {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                out.insert(format!("--{long}"));
            }
        }
        stack.extend(cmd.get_subcommands());
    }
    out
}

#[test]
fn every_option_readme_and_the_guide_mention_exists() {
    let options = all_options();
    for doc in ["README.md", "assets/guide.md", "config/default.toml"] {
        for line in read(doc).lines() {
            // cargo's and git's own options (`cargo install --locked`) are not kanshu's.
            if line.contains("cargo") || line.contains("git ") {
                continue;
            }
            for (i, _) in line.match_indices("--") {
                let word: String = line[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if word.len() > 2 && !word.ends_with('-') {
                    assert!(
                        options.contains(&word),
                        "{doc} mentions {word}, which kanshu does not take: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_parts_of_a_book_without_headings_are_the_size_readme_gives() {
    // 400 KB of paragraphs without a heading line.
    let mut text = String::new();
    let mut n = 0u32;
    while text.len() < 400 * 1024 {
        n += 1;
        text.push_str(&format!(
            "　　天色渐晚，他沿着河走了{n}里路，河水映着最后的霞光，远处的村子里已经亮起了灯。他停下来，想起离家那天母亲说过的话。\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.txt");
    std::fs::write(&book, &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kanshu"))
        .args(["toc", "--json"])
        .arg(&book)
        .env("KANSHU_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert!(entries.len() > 20, "cut into parts");
    assert!(entries.iter().all(|e| e["heading"] == false));
    let offsets: Vec<u64> = entries
        .iter()
        .map(|e| e["offset"].as_u64().unwrap())
        .collect();
    // Every part but the last, which holds what is left.
    let sizes: Vec<u64> = offsets.windows(2).map(|w| w[1] - w[0]).collect();
    let kb = sizes.iter().sum::<u64>() as f64 / sizes.len() as f64 / 1024.0;
    let chars = entries[..sizes.len()]
        .iter()
        .map(|e| e["chars"].as_u64().unwrap())
        .sum::<u64>() as f64
        / sizes.len() as f64;
    assert!((11.5..13.0).contains(&kb), "parts of {kb:.1} KB");
    assert!(
        (3800.0..4500.0).contains(&chars),
        "parts of {chars:.0} characters"
    );
    let readme = read("README.md");
    assert!(readme.contains("parts of about 12 KB (some 4,000 Chinese characters)"));
    let guide = read("assets/guide.md");
    assert!(guide.contains("每部分大约 12 KB（四千字左右）"));
    // `info` says the same.
    let out = Command::new(env!("CARGO_BIN_EXE_kanshu"))
        .arg("info")
        .arg(&book)
        .env("KANSHU_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    assert!(info.contains("parts of about 12 KB"), "{info}");
}
