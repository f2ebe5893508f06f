//! EPUB through the binary: `info`, `toc`, `render` and reading show the book's words, its
//! contents and metadata; DRM and files that are not EPUBs are refused in one line, exit 2.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::epub_build::*;

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

fn book() -> EpubFiles {
    epub2(&[
        (
            "第一章 出发",
            "<h1>第一章 出发</h1><p>　　他走了<a epub:type=\"noteref\" href=\"#n1\">1</a>。</p><p><img src=\"../Images/p.png\" alt=\"地图\"/></p><aside epub:type=\"footnote\" id=\"n1\"><p>走到了城外。</p></aside>",
        ),
        ("第二章 归来", "<h1>第二章 归来</h1><p>　　他回来了。</p>"),
    ])
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(dir: &Path, args: &[&str], file: &Path) -> (bool, Option<i32>, String, String) {
    let out = kanshu(dir).args(args).arg(file).output().unwrap();
    (
        out.status.success(),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn info_shows_what_the_package_says_and_what_was_counted() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "book.epub", &book().bytes());
    let (ok, _, out, err) = run(dir.path(), &["info"], &file);
    assert!(ok, "{err}");
    for line in [
        "title:      测试之书",
        "authors:    张三, 李四",
        "language:   zh-CN",
        "publisher:  看书出版社",
        "epub:       version 2.0",
        "chapters:   2",
        "images:     1",
        "notes:      1",
        "headings:   contents from the book's ncx",
    ] {
        assert!(out.contains(line), "{line:?} missing in\n{out}");
    }
    let (ok, _, json, _) = run(dir.path(), &["info", "--json"], &file);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["epub"]["notes"], 1);
    assert_eq!(v["epub"]["authors"][1], "李四");
}

#[test]
fn toc_and_render_show_the_books_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "book.epub", &book().bytes());
    let (ok, _, toc, err) = run(dir.path(), &["toc"], &file);
    assert!(ok, "{err}");
    assert!(
        toc.contains("第一章 出发") && toc.contains("第二章 归来"),
        "{toc}"
    );
    let (ok, _, page, err) = run(
        dir.path(),
        &["render", "--width", "40", "--height", "10"],
        &file,
    );
    assert!(ok, "{err}");
    assert!(page.contains("他走了[1]。"), "{page}");
    assert!(page.contains("地图"), "{page}");
    assert!(!page.contains('<') && !page.contains("epub:type"), "{page}");
    // Not a terminal: reading prints the contents.
    let (ok, _, out, err) = run(dir.path(), &[], &file);
    assert!(ok, "{err}");
    assert!(out.contains("第二章 归来"), "{out}");
}

#[test]
fn a_name_without_the_extension_is_still_known_by_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "book.bin", &book().bytes());
    let (ok, _, toc, err) = run(dir.path(), &["toc"], &file);
    assert!(ok, "{err}");
    assert!(toc.contains("第二章 归来"), "{toc}");
}

#[test]
fn drm_and_broken_files_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut drm = book();
    drm.add("META-INF/license.lcpl", "{}");
    let file = write(dir.path(), "locked.epub", &drm.bytes());
    let (ok, code, out, err) = run(dir.path(), &["render"], &file);
    assert!(!ok && out.is_empty());
    assert_eq!(code, Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("locked.epub") && err.contains("DRM"), "{err}");
    for (name, bytes) in [
        ("junk.epub", b"not a zip at all".to_vec()),
        ("empty.epub", Vec::new()),
        ("nopackage.epub", zip(&[])),
    ] {
        let file = write(dir.path(), name, &bytes);
        let (ok, code, _, err) = run(dir.path(), &["info"], &file);
        assert!(!ok);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("not an EPUB"), "{err}");
    }
}
