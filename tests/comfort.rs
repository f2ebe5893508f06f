//! Comforts of a daily reader, as the reader sees them: zen gives the status row to the text
//! and its messages go away by themselves (time passed in, never waited for, except in the one
//! tmux check), and the status bar at narrow widths keeps the items that matter most.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::tmux::{Tmux, quote};
use crate::common::*;
use kanshu::app::{App, Settings};

/// A 50 × 12 reader on a book of short lines, one row per line.
fn reader() -> App {
    let mut app = App::new(book(2, 60), 50, 12);
    let mut settings = Settings::default();
    settings.layout.paragraph_spacing = Some(false);
    app.set_settings(settings);
    app
}

/// The rows of the screen as text.
fn rows(app: &App) -> Vec<String> {
    screen_text(&render(app))
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn zen_gives_the_status_row_to_the_text_and_its_message_goes_away() {
    let mut app = reader();
    press(&mut app, &["space"]);
    let top = app.top();
    let first = top_line_text(&app);
    let lines_before = app.view().columns[0].len();
    assert!(status_text(&app).contains('%'));

    press(&mut app, &["Z"]);
    // The same words at the top, one more line on the page.
    assert_eq!(app.top(), top);
    assert_eq!(top_line_text(&app), first);
    assert_eq!(app.view().columns[0].len(), lines_before + 1);
    // The message alone on the row: nothing of the line of text under it shows.
    assert_eq!(
        status_text(&app).trim(),
        "zen: status bar hidden, Z shows it"
    );
    // The tick asks to come at once, to start the message's clock, then when it is up.
    assert_eq!(app.tick_interval(), Some(Duration::ZERO));
    let t0 = Instant::now();
    assert!(!app.tick_at(t0));
    assert_eq!(app.tick_interval(), Some(Duration::from_secs(4)));
    assert!(!app.tick_at(t0 + Duration::from_secs(3)));
    assert!(status_text(&app).contains("zen"), "{}", status_text(&app));
    assert_eq!(app.tick_interval(), Some(Duration::from_secs(1)));
    // Time is up: the bottom row is the book's text, not the message.
    assert!(app.tick_at(t0 + Duration::from_secs(4)));
    let bottom = status_text(&app);
    assert!(!bottom.contains("zen"), "{bottom}");
    let last_line: String = app.view().columns[0]
        .last()
        .map(|l| l.glyphs.iter().map(|g| g.text).collect())
        .unwrap_or_default();
    assert!(!last_line.trim().is_empty());
    assert_eq!(bottom.trim(), last_line.trim());
    assert_eq!(app.tick_interval(), None);

    // A message in zen shows over the last line, then goes away too.
    press(&mut app, &["G", "space"]);
    assert!(status_text(&app).contains("end of the book"));
    let t1 = t0 + Duration::from_secs(60);
    app.tick_at(t1);
    assert!(app.tick_at(t1 + Duration::from_secs(4)));
    assert!(!status_text(&app).contains("end of the book"));

    // Zen off: the status bar again, one line fewer, same top.
    press(&mut app, &["g", "g"]);
    let top = app.top();
    press(&mut app, &["Z"]);
    assert_eq!(app.top(), top);
    assert_eq!(app.view().columns[0].len(), lines_before);
    assert!(status_text(&app).contains('%'));
}

#[test]
fn information_goes_away_outside_zen_and_errors_stay_until_a_key() {
    let mut app = reader();
    let t0 = Instant::now();
    app.set_message("copied 12 characters", false);
    app.tick_at(t0);
    assert!(status_text(&app).contains("copied 12"));
    app.tick_at(t0 + Duration::from_secs(4));
    assert!(!status_text(&app).contains("copied 12"));
    assert!(status_text(&app).contains('%'));

    app.set_message("the position could not be saved", true);
    assert_eq!(app.tick_interval(), None);
    app.tick_at(t0 + Duration::from_secs(10));
    app.tick_at(t0 + Duration::from_secs(600));
    assert!(status_text(&app).contains("could not be saved"));
    press(&mut app, &["j"]);
    assert!(!status_text(&app).contains("could not be saved"));

    // In zen an error goes away too, later than information.
    press(&mut app, &["Z"]);
    app.set_message("the position could not be saved", true);
    app.tick_at(t0 + Duration::from_secs(700));
    app.tick_at(t0 + Duration::from_secs(705));
    assert!(status_text(&app).contains("could not be saved"));
    app.tick_at(t0 + Duration::from_secs(708));
    assert!(!status_text(&app).contains("could not be saved"));
}

#[test]
fn a_new_message_starts_its_own_time() {
    let mut app = reader();
    let t0 = Instant::now();
    press(&mut app, &["Z"]);
    app.tick_at(t0);
    app.tick_at(t0 + Duration::from_secs(3));
    // Another message just before the first one's time is up stays its full time.
    press(&mut app, &["G", "space"]);
    app.tick_at(t0 + Duration::from_secs(3) + Duration::from_millis(500));
    app.tick_at(t0 + Duration::from_secs(5));
    assert!(status_text(&app).contains("end of the book"));
    app.tick_at(t0 + Duration::from_secs(8));
    assert!(!status_text(&app).contains("end of the book"));
    assert_eq!(rows(&app).len(), 12);
}

fn numbered_book(dir: &Path) -> PathBuf {
    let mut text = String::from("Numbered lines\n\n");
    for i in 1..=300 {
        text.push_str(&format!("Line {i:03} of the numbered book.\n"));
    }
    let book = dir.join("book.txt");
    std::fs::write(&book, text).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[layout]\nparagraph_mode = \"lines\"\nparagraph_spacing = false\n",
    )
    .unwrap();
    book
}

#[test]
fn tmux_zen_message_goes_away_and_the_bottom_row_is_text() {
    let Some(tmux) = Tmux::start("zenrow", 60, 12) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = numbered_book(dir.path());
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}",
        quote(dir.path()),
        quote(&bin),
        quote(&book)
    ));
    tmux.wait_for("the first page", |s| s.contains("1/"));
    tmux.keys(&["space"]);
    let page = tmux.wait_for("the second page", |s| s.contains("2/"));
    let top = page.lines().next().unwrap_or("").trim().to_string();
    assert!(top.starts_with("Line "), "{page}");
    tmux.keys(&["Z"]);
    tmux.wait_for("the zen message", |s| s.contains("zen: status bar hidden"));
    // After the message's few seconds the bottom row holds the next line of the book.
    let screen = tmux.wait_for("the message gone", |s| !s.contains("zen"));
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), 12, "{screen}");
    assert_eq!(rows[0].trim(), top, "{screen}");
    assert!(rows[11].trim().starts_with("Line "), "{screen}");
    assert!(!screen.contains('%'), "{screen}");
    tmux.keys(&["q"]);
}

/// A reader `width` columns wide with every status item on, on a longer book (so the time
/// left is minutes) with a long title and chapter titles.
fn status_reader(width: u16) -> App {
    use kanshu::config::StatusItem;
    let mut doc = book(3, 400);
    doc.title = "The Reader's Long Book of Days".into();
    for (i, c) in doc.chapters.iter_mut().enumerate() {
        c.title = format!("Chapter {} The Road Home", i + 1);
    }
    let mut app = App::new(doc, width, 8);
    let settings = Settings {
        status: vec![
            StatusItem::Title,
            StatusItem::Chapter,
            StatusItem::TimeLeftChapter,
            StatusItem::TimeLeftBook,
            StatusItem::Page,
            StatusItem::Percent,
        ],
        ..Settings::default()
    };
    app.set_settings(settings);
    press(&mut app, &["space"]);
    app
}

#[test]
fn the_status_bar_drops_whole_items_by_priority_at_30_40_and_80_columns() {
    let bars: Vec<String> = [30, 40, 60, 80]
        .into_iter()
        .map(|w| status_text(&status_reader(w)))
        .collect();
    insta::assert_snapshot!(bars.join("\n"));
    for bar in &bars {
        // Page and percent always, whole.
        assert!(bar.contains("2/") && bar.ends_with('%'), "{bar}");
        // Nothing is cut to a lone ellipsis.
        assert!(!bar.contains(" … ") && !bar.contains("·…"), "{bar}");
    }
    // 30: the chapter (cut in the middle) and page and percent.
    assert!(
        !bars[0].contains("left") && !bars[0].contains("Reader's"),
        "{}",
        bars[0]
    );
    assert!(bars[0].contains("Home"), "{}", bars[0]);
    // 40: the chapter whole, no time left, no title.
    assert!(bars[1].contains("Chapter 1 The Road Home") && !bars[1].contains("left"));
    // 60: the chapter and page and percent; the time left does not fit beside them.
    assert!(bars[2].contains("Chapter 1 The Road Home") && !bars[2].contains("left"));
    // 80: everything, the title (lowest) cut at its end.
    assert!(bars[3].contains("The Reader's… · Chapter 1 The Road Home"));
    assert!(bars[3].contains("min left · book"), "{}", bars[3]);
}

#[test]
fn whole_screens_at_30_40_and_80_columns() {
    for w in [30, 40, 80] {
        let app = status_reader(w);
        insta::assert_snapshot!(format!("status_screen_{w}"), snapshot(&app));
    }
}

/// `kanshu FILE` with its output in a pipe and no terminal at all (as in CI, and as a
/// terminal's width would otherwise be used): stdout, and whether it succeeded.
fn piped(book: &Path, columns: Option<&str>) -> String {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kanshu"));
    cmd.arg(book)
        .env("KANSHU_CONFIG_DIR", dir.path())
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::null());
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    // SAFETY: setsid only detaches the child from the controlling terminal before exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn piped_text_flows_with_every_paragraph_apart_and_no_page_breaks() {
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs apart by blank lines, in a chapter long enough to be laid out in windows.
    let mut text = String::from("Chapter 1\n\n");
    let mut n = 0;
    while text.len() < 300 * 1024 {
        text.push_str(&format!(
            "Paragraph {n:05} begins here and goes on for a while, long enough to wrap onto \
             a second line at forty columns.\n\n"
        ));
        n += 1;
    }
    text.push_str("Chapter 2\n\nThe last paragraph.\n");
    let book = dir.path().join("long.txt");
    std::fs::write(&book, &text).unwrap();
    let out = piped(&book, Some("40"));
    assert!(!out.contains('\u{c}'));
    assert!(out.lines().all(|l| l.chars().count() <= 40));
    // Every paragraph starts right after one blank line, page breaks and windows or not.
    let lines: Vec<&str> = out.lines().collect();
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate() {
        if let Some(rest) = l.trim().strip_prefix("Paragraph ") {
            let k: usize = rest[..5].parse().unwrap();
            assert_eq!(k, seen, "paragraphs in order");
            seen += 1;
            if k > 0 {
                assert!(lines[i - 1].trim().is_empty(), "blank before {k}");
                assert!(!lines[i - 2].trim().is_empty(), "one blank before {k}");
            }
        }
    }
    assert_eq!(seen, n);
    // The next chapter: two blank lines, its heading.
    let at = lines.iter().position(|l| l.trim() == "Chapter 2").unwrap();
    assert!(lines[at - 1].is_empty() && lines[at - 2].is_empty() && !lines[at - 3].is_empty());
    assert_eq!(lines.last().map(|l| l.trim()), Some("The last paragraph."));
    // Without a terminal or $COLUMNS: 80 columns.
    let wide = piped(&book, None);
    assert!(wide.lines().any(|l| l.chars().count() > 60));
    assert!(wide.lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn tmux_kanshu_dash_at_a_terminal_says_it_reads_the_book_from_there() {
    let Some(tmux) = Tmux::start("dashtty", 70, 12) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} -; echo EXIT=$?",
        quote(dir.path()),
        quote(&bin)
    ));
    // Said before anything waits for the typing, in place of a blank screen.
    tmux.wait_for("what is happening", |s| {
        s.contains("reading the book from standard input") && s.contains("Ctrl-D")
    });
    tmux.line("A book typed in");
    tmux.line("Its one line of text, typed at the terminal.");
    tmux.keys(&["C-d"]);
    // Then the reader, with keys from the same terminal.
    // The reader's status bar (the typed lines' echo has no percent sign; the book's does not
    // either), not the terminal echoing what was typed.
    tmux.wait_for("the book typed in", |s| {
        s.contains("Its one line of text, typed at the terminal.")
            && s.lines().any(|l| l.trim_end().ends_with('%'))
    });
    tmux.keys(&["q"]);
    // A line that starts with EXIT= (the command line itself holds `echo EXIT=$?`).
    let ended = |s: &str| s.lines().any(|l| l.trim_start().starts_with("EXIT="));
    let screen = tmux.wait_for("the shell again", ended);
    assert!(screen.lines().any(|l| l.trim() == "EXIT=0"), "{screen}");
}

fn copied(app: &mut App) -> Option<String> {
    app.take_effects()
        .into_iter()
        .map(|kanshu::app::Effect::Copy(t)| t)
        .next_back()
}

#[test]
fn capital_y_at_the_start_of_a_chapter_copies_its_first_paragraph_not_the_heading() {
    let text = "第一章 山路\n\n　　天色渐晚，山路上只剩下他一个人。\n\n　　远处传来几声狗叫。\n\n\
                第二章 村口\n\n　　村口的老槐树下坐着一个老人。\n\n　　他抬头看了看天。\n";
    let doc = kanshu::document::Document::from_text(text.to_string(), "山路");
    assert!(doc.chapters.len() >= 2);
    let mut app = App::new(doc, 50, 12);
    press(&mut app, &["Y"]);
    assert_eq!(
        copied(&mut app).as_deref(),
        Some("天色渐晚，山路上只剩下他一个人。")
    );
    assert!(
        status_text(&app).contains("copied the paragraph: 16 characters"),
        "{}",
        status_text(&app)
    );
    // The next chapter's first page too.
    press(&mut app, &["n"]);
    assert!(
        top_line_text(&app).contains("第二章"),
        "{}",
        top_line_text(&app)
    );
    press(&mut app, &["Y"]);
    assert_eq!(
        copied(&mut app).as_deref(),
        Some("村口的老槐树下坐着一个老人。")
    );
    // In a selection the cursor's paragraph is copied, a heading as well.
    press(&mut app, &["v", "Y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("第二章 村口"));
}

#[test]
fn capital_y_on_a_page_ending_in_a_heading_copies_the_text_after_it() {
    // A page whose only line is the heading (a tiny window): the paragraph after it.
    let text = "Chapter 1\n\nThe first words of the chapter, after its heading.\n";
    let doc = kanshu::document::Document::from_text(text.to_string(), "t");
    let mut app = App::new(doc, 60, 3);
    press(&mut app, &["Y"]);
    assert_eq!(
        copied(&mut app).as_deref(),
        Some("The first words of the chapter, after its heading.")
    );
}
