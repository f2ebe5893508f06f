//! The terminal's life cycle with the real binary in a real terminal (tmux on a private socket):
//! Ctrl-z and SIGTSTP suspend to the shell with the terminal given back, and `fg` returns to
//! the same page, redrawn and answering keys; every fatal signal (SIGQUIT, SIGUSR1, SIGALRM,
//! SIGTERM, SIGHUP, SIGSEGV…) gives the terminal back and ends the reader by that signal;
//! standard input at /dev/null neither spins a core nor stops the keys; a pipe into a reader
//! of a named book is refused in one line; a book piped in is read with keys from the
//! terminal; `--chapter 3` opens there; the mouse turns pages and `mouse = false` leaves it to
//! the terminal.
//!
//! Waits poll with a bounded retry loop (a generous bound: these are not speed tests).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::tmux::{Tmux, quote};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kanshu"))
}

/// A book of five chapters whose lines say where they are ("第3章第12段").
fn book(dir: &Path) -> PathBuf {
    titled_book(dir, "")
}

/// [`book`] after `title` (a title page makes the contents' third entry 第2章, so `--chapter 3`
/// must still mean the book's 第3章).
fn titled_book(dir: &Path, title: &str) -> PathBuf {
    let mut text = String::from(title);
    for n in 1..=5 {
        text.push_str(&format!("第{n}章 标题{n}\n"));
        for i in 0..80 {
            text.push_str(&format!(
                "　　第{n}章第{i}段，天色渐晚，山路上只剩下他一个人。\n"
            ));
        }
    }
    let p = dir.join("book.txt");
    std::fs::write(&p, text).unwrap();
    p
}

/// The status bar: the last line with text.
fn status(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// The first line of body text on the screen.
fn first_paragraph(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim)
        .find(|l| l.contains('段'))
        .unwrap_or("")
        .to_string()
}

/// The exit line (`EXIT=<code>`) is on screen, not only the command that prints it.
fn exit_code(screen: &str) -> Option<i32> {
    screen.match_indices("EXIT=").find_map(|(i, _)| {
        let digits: String = screen[i + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// Start the reader on `args` (already quoted) in a shell that records its pid; returns it.
fn start_reader(tmux: &Tmux, dir: &Path, args: &str, before: &str) -> u32 {
    let pidfile = dir.join("pid");
    let _ = std::fs::remove_file(&pidfile);
    tmux.line(&format!(
        "{before} KANSHU_CONFIG_DIR={} sh -c 'echo $$ > {}; exec {} {args}'; echo EXIT=$?",
        quote(dir),
        quote(&pidfile),
        quote(&bin()),
    ));
    let start = Instant::now();
    loop {
        if let Some(pid) = std::fs::read_to_string(&pidfile)
            .ok()
            .and_then(|s| s.trim().parse().ok())
        {
            return pid;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no pid file");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The shell has the terminal as it was: main screen, cursor shown, mouse reporting off, and
/// keys echo (cooked mode).
fn assert_given_back(tmux: &Tmux, what: &str, tag: &str) {
    let screen = tmux.capture();
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "{what}: alternate screen left\n{screen}"
    );
    assert_eq!(tmux.display("#{cursor_flag}"), "1", "{what}: cursor shown");
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "0",
        "{what}: mouse reporting off"
    );
    tmux.line(&format!("echo {tag}-$((40+2))"));
    tmux.wait_for(&format!("{what}: the shell answers"), |s| {
        s.contains(&format!("{tag}-42"))
    });
}

fn kill(signal: &str, pid: u32) {
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{signal} {pid}");
}

/// Suspend (by Ctrl-z, then by SIGTSTP from outside), check the shell has a working terminal,
/// `fg`, and check the same page is back, drawn whole, and keys work.
#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_returns_to_the_same_page() {
    let Some(tmux) = Tmux::start("tstp", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let pid = start_reader(&tmux, dir.path(), &quote(&book), "");
    tmux.wait_for("the book", |s| s.contains("第1章第0段"));
    // Somewhere in the middle of chapter 2.
    tmux.keys(&["]"]);
    tmux.wait_for("chapter 2", |s| s.contains("第2章第0段"));
    tmux.keys(&["Space", "Space"]);
    tmux.wait_for("two pages on", |s| {
        !s.contains("第2章第0段") && first_paragraph(s).contains("第2章")
    });
    // Let the reader settle on the page before comparing.
    std::thread::sleep(Duration::from_millis(300));
    let page = tmux.capture();
    let (top, bar) = (first_paragraph(&page), status(&page));

    for (how, tag) in [("Ctrl-z", "CZ"), ("SIGTSTP", "TSTP")] {
        if how == "Ctrl-z" {
            tmux.keys(&["C-z"]);
        } else {
            kill("TSTP", pid);
        }
        tmux.wait_for(&format!("{how}: the shell says the job stopped"), |s| {
            s.to_lowercase().contains("stopped")
        });
        assert_given_back(&tmux, how, tag);
        // Something else draws on the screen meanwhile.
        tmux.line("clear; echo meanwhile");
        tmux.wait_for("the shell's own output", |s| s.contains("meanwhile"));
        tmux.line("fg");
        let back = tmux.wait_for(&format!("{how}: the reader again"), |s| {
            first_paragraph(s) == top && status(s) == bar && !s.contains("meanwhile")
        });
        assert_eq!(tmux.display("#{alternate_on}"), "1", "{how}:\n{back}");
        assert_eq!(tmux.display("#{cursor_flag}"), "0", "{how}: cursor hidden");
        // Keys are read one by one again (raw mode): a page turn and back.
        tmux.keys(&["Space"]);
        tmux.wait_for(&format!("{how}: space turns the page"), |s| {
            first_paragraph(s) != top && !s.contains("fg")
        });
        tmux.keys(&["b"]);
        tmux.wait_for(&format!("{how}: b turns back"), |s| {
            first_paragraph(s) == top
        });
    }
    tmux.keys(&["q"]);
    // The job's command line ended when it stopped: ask the shell how `fg` ended.
    tmux.wait_for("the reader quits", |s| {
        tmux.display("#{alternate_on}") == "0" && s.contains('$')
    });
    tmux.line("echo FG-EXIT=$?");
    tmux.wait_for("the exit code of fg", |s| s.contains("FG-EXIT=0"));
    assert_given_back(&tmux, "quit after fg", "Q");
}

/// Every terminating signal, and a fault signal, gives the terminal back; the reader dies of
/// that signal (the shell reports 128 + its number; SIGINT exits with that code instead).
#[test]
fn every_fatal_signal_gives_the_terminal_back() {
    let Some(tmux) = Tmux::start("fatal", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let signals = [
        ("QUIT", libc::SIGQUIT),
        ("USR1", libc::SIGUSR1),
        ("ALRM", libc::SIGALRM),
        ("TERM", libc::SIGTERM),
        ("HUP", libc::SIGHUP),
        ("INT", libc::SIGINT),
        ("USR2", libc::SIGUSR2),
        ("VTALRM", libc::SIGVTALRM),
        ("SEGV", libc::SIGSEGV),
        ("ABRT", libc::SIGABRT),
    ];
    for (name, number) in signals {
        tmux.line("clear");
        let pid = start_reader(&tmux, dir.path(), &quote(&book), "");
        tmux.wait_for(&format!("SIG{name}: the book"), |s| {
            s.contains("第1章第0段")
        });
        assert_eq!(
            tmux.display("#{mouse_any_flag}"),
            "1",
            "mouse on while reading"
        );
        kill(name, pid);
        let screen = tmux.wait_for(&format!("SIG{name}: the exit line"), |s| {
            exit_code(s).is_some()
        });
        assert_eq!(
            exit_code(&screen),
            Some(128 + number),
            "SIG{name} ends the reader by that signal\n{screen}"
        );
        assert_given_back(&tmux, &format!("SIG{name}"), name);
    }
}

/// The CPU time (user + system) of `pid` so far, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    // After the name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    ticks as f64 / per_second
}

#[test]
fn stdin_at_dev_null_does_not_spin_and_keys_still_work() {
    let Some(tmux) = Tmux::start("null", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let pid = start_reader(
        &tmux,
        dir.path(),
        &format!("{} < /dev/null", quote(&book)),
        "",
    );
    tmux.wait_for("the book", |s| s.contains("第1章第0段"));
    let before = cpu_seconds(pid);
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_seconds(pid) - before;
    let share = used / start.elapsed().as_secs_f64();
    assert!(
        share < 0.05,
        "the idle reader used {:.0}% of a core",
        share * 100.0
    );
    // Keys come from the terminal.
    tmux.keys(&["]"]);
    tmux.wait_for("chapter 2 by key", |s| s.contains("第2章第0段"));
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the reader quits", |s| exit_code(s).is_some());
    assert_eq!(exit_code(&screen), Some(0), "{screen}");
}

#[test]
fn a_pipe_into_a_reader_of_a_named_book_is_refused_in_one_line() {
    let Some(tmux) = Tmux::start("pipe", 200, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    tmux.line(&format!(
        "true | KANSHU_CONFIG_DIR={} {} {}; echo EXIT=$?",
        quote(dir.path()),
        quote(&bin()),
        quote(&book)
    ));
    let screen = tmux.wait_for("the exit line", |s| exit_code(s).is_some());
    assert_eq!(exit_code(&screen), Some(2), "{screen}");
    let said: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("kanshu:"))
        .collect();
    assert_eq!(said.len(), 1, "{screen}");
    assert!(said[0].contains("cannot read keys"), "{screen}");
    assert!(
        said[0].contains("kanshu -"),
        "says what to do instead:\n{screen}"
    );
    assert_given_back(&tmux, "refused", "R");
}

#[test]
fn a_book_piped_in_is_read_with_keys_from_the_terminal() {
    let Some(tmux) = Tmux::start("stdin", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    for reader in ["", "-"] {
        tmux.line("clear");
        tmux.line(&format!(
            "cat {} | KANSHU_CONFIG_DIR={} {} {reader}; echo EXIT=$?",
            quote(&book),
            quote(dir.path()),
            quote(&bin()),
        ));
        tmux.wait_for("the piped book", |s| s.contains("第1章第0段"));
        tmux.keys(&["]"]);
        tmux.wait_for("chapter 2 by key", |s| s.contains("第2章第0段"));
        tmux.keys(&["q"]);
        let screen = tmux.wait_for("the reader quits", |s| exit_code(s).is_some());
        assert_eq!(exit_code(&screen), Some(0), "`kanshu {reader}`: {screen}");
        assert_given_back(&tmux, "piped book", "P");
    }
}

#[test]
fn chapter_3_from_the_command_line() {
    let Some(tmux) = Tmux::start("chapter", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = titled_book(dir.path(), "《山路》\n\n作者：佚名\n\n");
    start_reader(
        &tmux,
        dir.path(),
        &format!("{} --chapter 3", quote(&book)),
        "",
    );
    let screen = tmux.wait_for("chapter 3", |s| {
        s.contains("第3章第0段") && status(s).contains("标题3")
    });
    assert!(screen.contains("第3章 标题3"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the reader quits", |s| exit_code(s) == Some(0));

    // --at: the page holding the middle of the book (chapter 3 of 5).
    tmux.line("clear");
    start_reader(&tmux, dir.path(), &format!("{} --at 50", quote(&book)), "");
    tmux.wait_for("the middle of the book", |s| {
        first_paragraph(s).contains("第3章") && status(s).contains("标题3")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the reader quits", |s| exit_code(s) == Some(0));

    // --search: the first match is on screen.
    tmux.line("clear");
    start_reader(
        &tmux,
        dir.path(),
        &format!("{} --search 第4章第30段", quote(&book)),
        "",
    );
    tmux.wait_for("the match", |s| {
        s.contains("第4章第30段") && status(s).contains("标题4")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the reader quits", |s| exit_code(s) == Some(0));

    // A chapter the book does not have: one line, exit 2, the terminal untouched.
    tmux.line("clear");
    start_reader(
        &tmux,
        dir.path(),
        &format!("{} --chapter 9", quote(&book)),
        "",
    );
    let screen = tmux.wait_for("the refusal", |s| exit_code(s).is_some());
    assert_eq!(exit_code(&screen), Some(2), "{screen}");
    assert!(screen.contains("the book has 5 chapters"), "{screen}");
    assert_given_back(&tmux, "--chapter 9", "C9");
}

#[test]
fn piped_output_is_the_books_text() {
    let Some(tmux) = Tmux::start("cat", 60, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs of 66 cells: one line at 80 columns, two at 60.
    let mut text = String::new();
    for n in 1..=3 {
        text.push_str(&format!("第{n}章 标题{n}\n"));
        for i in 0..40 {
            text.push_str(&format!(
                "　　第{n}章第{i:02}段，天色渐晚，山路上只剩下他一个人，远处传来几声狗叫。\n"
            ));
        }
    }
    let book = dir.path().join("book.txt");
    std::fs::write(&book, text).unwrap();
    let out = dir.path().join("out.txt");
    // The shell does not export $COLUMNS: the width is the terminal's.
    tmux.line(&format!(
        "unset COLUMNS; KANSHU_CONFIG_DIR={} {} {} > {}; echo EXIT=$?",
        quote(dir.path()),
        quote(&bin()),
        quote(&book),
        quote(&out)
    ));
    let screen = tmux.wait_for("the exit line", |s| exit_code(s).is_some());
    assert_eq!(exit_code(&screen), Some(0), "{screen}");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains('\u{c}'), "no form feeds");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[lines.len() - 2].contains("第3章第39段"), "{text}");
    assert!(lines[lines.len() - 1].ends_with("狗叫。"), "{text}");
    // 60 columns wide: each paragraph takes two lines, one right after the other (no page
    // breaks between them).
    let at = |p: &str| lines.iter().position(|l| l.contains(p)).unwrap();
    for i in 0..39 {
        let (a, b) = (format!("第2章第{i:02}段"), format!("第2章第{:02}段", i + 1));
        assert_eq!(at(&b), at(&a) + 2, "{}", lines[at(&a)..=at(&b)].join("\n"));
    }
    assert!(lines.iter().all(|l| l.chars().count() <= 60));
    // Chapters apart by blank lines, each with its heading.
    let heading = at("第3章 标题3");
    assert!(lines[heading - 2].trim().is_empty() && lines[heading - 1].trim().is_empty());
    assert!(lines[heading - 4].contains("第2章第39段"), "{text}");
}

/// An SGR mouse press and release at the 0-based cell (`column`, `row`), as the terminal
/// reports it.
fn click(tmux: &Tmux, column: u16, row: u16) {
    for end in ['M', 'm'] {
        let report = format!("\u{1b}[<0;{};{}{end}", column + 1, row + 1);
        tmux.literal(&report);
    }
}

#[test]
fn clicks_turn_pages_and_mouse_false_leaves_the_mouse_to_the_terminal() {
    let Some(tmux) = Tmux::start("mouse", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    start_reader(&tmux, dir.path(), &quote(&book), "");
    let first = tmux.wait_for("the book", |s| s.contains("第1章第0段"));
    let top = first_paragraph(&first);
    assert_eq!(tmux.display("#{mouse_sgr_flag}"), "1", "mouse reporting on");
    click(&tmux, 70, 5);
    let turned = tmux.wait_for("a click on the right half turns forward", |s| {
        !first_paragraph(s).is_empty() && first_paragraph(s) != top
    });
    assert!(!turned.contains("第1章第0段"), "{turned}");
    click(&tmux, 5, 5);
    tmux.wait_for("a click on the left half turns back", |s| {
        first_paragraph(s) == top
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the reader quits", |s| exit_code(s) == Some(0));

    std::fs::write(dir.path().join("config.toml"), "[ui]\nmouse = false\n").unwrap();
    tmux.line("clear");
    start_reader(&tmux, dir.path(), &quote(&book), "");
    tmux.wait_for("the book, mouse off", |s| s.contains("第1章第0段"));
    assert_eq!(tmux.display("#{mouse_any_flag}"), "0", "no mouse reporting");
    assert_eq!(tmux.display("#{mouse_sgr_flag}"), "0", "no mouse reporting");
    tmux.keys(&["q"]);
    tmux.wait_for("the reader quits", |s| exit_code(s) == Some(0));
}
