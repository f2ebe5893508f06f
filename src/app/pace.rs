//! The reader's own reading speed, and the time left in the chapter and the book at that speed.
//!
//! Speed is characters per minute, learned from page turns and scrolls forward: the text that
//! went off screen and the time it was on screen. Idle time (a screen shown longer than
//! `IDLE`), skimming (faster than `SKIM_FACTOR` times the usual speed) and jumps (anything that
//! is not a forward move of at most two pages) teach nothing. Chinese, Japanese and Korean text
//! is read in far fewer characters per minute than alphabetic text, so each is learned apart.
//!
//! What was learned lives in `reading-speed.json` in the state directory, written with the
//! store's atomic write and merged with what another window learned meanwhile. The conflict
//! copies a sync tool leaves of it when two machines wrote it while apart (found by the store's
//! `sync::conflict_copies`) are merged into it when it is read, and then removed; so is a file
//! `git merge` left with both sides between conflict markers. A file that can't be read or
//! written never stops reading: the speed then falls back to the default.
//! No drawing and no terminal type here.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::App;
use crate::document::Document;
use crate::i18n::{Lang, tr};
use crate::keys::Action;
use crate::position::Position;
use crate::store::Faults;
use crate::store::atomic::{read_regular, write_atomic};
use crate::store::sync;

/// The file, in the state directory.
pub const FILE_NAME: &str = "reading-speed.json";
/// A screen shown longer than this was not being read all that time.
pub const IDLE: Duration = Duration::from_secs(5 * 60);
/// Moves faster than this many times the usual speed are skimming.
const SKIM_FACTOR: f64 = 4.0;
/// Measured reading before the learned speed replaces the default.
const LEARNED_AFTER: f64 = 120.0;
/// Older reading counts less: past this many seconds the totals are halved.
const MEMORY: f64 = 4.0 * 3600.0;
/// Typical speeds until the reader's own is learned, in characters per minute: about 400 Han
/// characters, or 200 English words of 5 letters and a space.
pub const DEFAULT_CJK: f64 = 400.0;
pub const DEFAULT_OTHER: f64 = 1200.0;

/// Characters and seconds of measured reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    pub chars: f64,
    pub seconds: f64,
}

impl Measured {
    fn add(&mut self, other: Measured) {
        self.chars += other.chars.max(0.0);
        self.seconds += other.seconds.max(0.0);
        while self.seconds > MEMORY {
            self.chars /= 2.0;
            self.seconds /= 2.0;
        }
    }

    /// Characters per minute, once enough is measured.
    fn speed(&self) -> Option<f64> {
        (self.seconds >= LEARNED_AFTER && self.chars > 0.0)
            .then(|| self.chars / self.seconds * 60.0)
    }

    /// Several machines' measures of the same reader (each perhaps holding the same older
    /// reading from before they were apart): the speed weighted by the time each measured, over
    /// the longest of the times (a sum would count the shared reading more than once). The same
    /// in any order, and a measure merged with itself is unchanged.
    fn merge_all(all: &[Measured]) -> Measured {
        let seconds = all.iter().map(|m| m.seconds).fold(0.0, f64::max);
        let total: f64 = all.iter().map(|m| m.seconds).sum();
        let chars: f64 = all.iter().map(|m| m.chars).sum();
        if total <= 0.0 {
            let chars = all.iter().map(|m| m.chars).fold(0.0, f64::max);
            return Measured { chars, seconds };
        }
        Measured {
            chars: chars / total * seconds,
            seconds,
        }
    }

    fn sane(self) -> Measured {
        let ok = |x: f64| if x.is_finite() && x > 0.0 { x } else { 0.0 };
        Measured {
            chars: ok(self.chars),
            seconds: ok(self.seconds),
        }
    }
}

/// What the file holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
struct SpeedFile {
    #[serde(default)]
    cjk: Measured,
    #[serde(default)]
    other: Measured,
}

/// The reading speed of this reader, and the book being timed.
#[derive(Debug, Default)]
pub struct Pace {
    /// Where the speed is kept; `None`: nowhere (no store).
    path: Option<PathBuf>,
    /// Learned so far (the file as read, plus this session).
    known: SpeedFile,
    /// Learned in this session and not yet written.
    fresh: SpeedFile,
    /// Since when the text from this offset has been on screen.
    mark: Option<(Instant, usize)>,
    /// The book open is mostly Chinese, Japanese or Korean.
    cjk: bool,
    /// Characters before each chapter, and in all (counted once, when first asked).
    counts: OnceCell<(Vec<usize>, usize)>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF)
}

/// Whether most letters of the start of `text` are Han, kana or hangul.
fn mostly_cjk(text: &str) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().take(20_000).filter(|c| c.is_alphanumeric()) {
        letters += 1;
        if is_cjk(c) {
            cjk += 1;
        }
    }
    cjk * 2 >= letters && cjk > 0
}

/// Characters in `s` (counting the bytes that start one).
fn chars_in(s: &[u8]) -> usize {
    s.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SpeedFile {
    /// The files of several machines, merged (see `Measured::merge_all`).
    fn merge_all(all: &[SpeedFile]) -> SpeedFile {
        let pick = |f: fn(&SpeedFile) -> Measured| all.iter().map(f).collect::<Vec<_>>();
        SpeedFile {
            cjk: Measured::merge_all(&pick(|f| f.cjk)),
            other: Measured::merge_all(&pick(|f| f.other)),
        }
    }
}

/// The file's measures, `None` when it is missing or does not read. A file `git merge` left
/// with conflict markers reads as its two sides merged.
fn parse_file(path: &Path) -> Option<SpeedFile> {
    let bytes = read_regular(path, 64 * 1024).ok()??;
    let parse = |b: &[u8]| {
        serde_json::from_slice::<SpeedFile>(b)
            .ok()
            .map(|f| SpeedFile {
                cjk: f.cjk.sane(),
                other: f.other.sane(),
            })
    };
    parse(&bytes).or_else(|| {
        let (ours, theirs) = sync::conflict_sides(&bytes)?;
        let sides = [parse(ours.as_bytes())?, parse(theirs.as_bytes())?];
        Some(SpeedFile::merge_all(&sides))
    })
}

fn read_file(path: &Path) -> SpeedFile {
    parse_file(path).unwrap_or_default()
}

/// Merge the sync tool's conflict copies of the file at `path` into it, write it, then remove
/// the copies merged. A copy that does not read is left as it is. Returns what the file holds.
fn settle_conflicts(path: &Path) -> SpeedFile {
    let Some(dir) = path.parent() else {
        return read_file(path);
    };
    let copies = sync::conflict_copies(dir, FILE_NAME);
    let had_markers = read_regular(path, 64 * 1024)
        .ok()
        .flatten()
        .is_some_and(|b| sync::conflict_sides(&b).is_some());
    let ours = read_file(path);
    if copies.is_empty() && !had_markers {
        return ours;
    }
    let mut all = vec![ours];
    let mut done = Vec::new();
    for copy in copies {
        if let Some(theirs) = parse_file(&copy) {
            all.push(theirs);
            done.push(copy);
        }
    }
    let merged = SpeedFile::merge_all(&all);
    let written = serde_json::to_vec_pretty(&merged)
        .ok()
        .is_some_and(|bytes| write_atomic(path, &bytes, &Faults::default()).is_ok());
    if written {
        for copy in done {
            // One another window already removed is as good.
            let _ = std::fs::remove_file(copy);
        }
    }
    merged
}

impl Pace {
    /// Keep the speed in `dir` (the state directory), starting from what is there (with the
    /// conflict copies a sync tool left merged in and removed).
    pub fn attach(&mut self, dir: &Path) {
        let path = dir.join(FILE_NAME);
        self.known = settle_conflicts(&path);
        self.path = Some(path);
    }

    /// A new book is open.
    pub fn set_book(&mut self, doc: &Document) {
        let end = doc.text.len().min(256 * 1024);
        let mut end_ok = end;
        while !doc.text.is_char_boundary(end_ok) {
            end_ok -= 1;
        }
        self.cjk = mostly_cjk(&doc.text[..end_ok]);
        self.counts = OnceCell::new();
        self.mark = None;
    }

    fn slot(&mut self) -> (&mut Measured, &mut Measured) {
        if self.cjk {
            (&mut self.known.cjk, &mut self.fresh.cjk)
        } else {
            (&mut self.known.other, &mut self.fresh.other)
        }
    }

    fn default_speed(&self) -> f64 {
        if self.cjk { DEFAULT_CJK } else { DEFAULT_OTHER }
    }

    /// Characters per minute for the book open, and whether it was learned (not the default).
    pub fn speed(&self) -> (f64, bool) {
        let m = if self.cjk {
            self.known.cjk
        } else {
            self.known.other
        };
        match m.speed() {
            Some(s) => (s, true),
            None => (self.default_speed(), false),
        }
    }

    /// The top of the screen is now at absolute byte `to` of `doc`, at `now`. `reading` says the
    /// move was a forward page turn or scroll; anything else (a jump, a panel) only restarts
    /// the clock.
    pub fn moved(&mut self, doc: &Document, to: usize, reading: bool, now: Instant) {
        if let (true, Some((since, from))) = (reading, self.mark)
            && to > from
        {
            let seconds = now.saturating_duration_since(since).as_secs_f64();
            let chars = chars_in(doc.text.as_bytes().get(from..to).unwrap_or_default()) as f64;
            let fast = self.default_speed() * SKIM_FACTOR;
            let speed = chars / seconds.max(0.001) * 60.0;
            if seconds <= IDLE.as_secs_f64() && speed <= fast {
                let sample = Measured { chars, seconds };
                let (known, fresh) = self.slot();
                known.add(sample);
                fresh.add(sample);
            }
        }
        self.mark = Some((now, to));
    }

    /// Write what this session learned, merged with the file as it is now. Returns a one-line
    /// reason when it could not be written.
    pub fn save(&mut self) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if self.fresh == SpeedFile::default() {
            return Ok(());
        }
        let mut on_disk = read_file(&path);
        on_disk.cjk.add(self.fresh.cjk);
        on_disk.other.add(self.fresh.other);
        let bytes = serde_json::to_vec_pretty(&on_disk).map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        write_atomic(&path, &bytes, &Faults::default()).map_err(|e| e.to_string())?;
        self.known = on_disk;
        self.fresh = SpeedFile::default();
        Ok(())
    }

    fn counts(&self, doc: &Document) -> &(Vec<usize>, usize) {
        self.counts.get_or_init(|| {
            let mut before = Vec::with_capacity(doc.chapters.len());
            let mut total = 0;
            for i in 0..doc.chapters.len() {
                before.push(total);
                total += chars_in(doc.chapter_text(i).as_bytes());
            }
            (before, total)
        })
    }

    /// Time left to read the rest of the chapter and of the book from `top`.
    pub fn time_left(&self, doc: &Document, top: Position) -> (Duration, Duration) {
        let text = doc.chapter_text(top.chapter).as_bytes();
        let in_chapter = chars_in(text.get(top.offset..).unwrap_or_default());
        let (before, total) = self.counts(doc);
        let done = before.get(top.chapter).copied().unwrap_or(*total)
            + chars_in(text.get(..top.offset).unwrap_or(text));
        let in_book = total.saturating_sub(done);
        let per_second = self.speed().0 / 60.0;
        let time = |chars: usize| Duration::from_secs_f64(chars as f64 / per_second);
        (time(in_chapter), time(in_book))
    }
}

/// Whether `action` in the reader is a forward move that reads (a page, half a page, lines).
pub(super) fn counts(action: &Action) -> bool {
    matches!(
        action,
        Action::NextPage | Action::HalfPageDown | Action::LineDown | Action::Wheel { down: true }
    )
}

impl App {
    /// After every update: what went off screen by reading teaches the speed; anything else
    /// restarts the clock. A move of more than two screens is a jump.
    pub(super) fn pace_after_update(&mut self, old: Position, reading: bool) {
        let top = self.reader.top();
        let (from, to) = (
            self.reader.doc.offset_of(old),
            self.reader.doc.offset_of(top),
        );
        let screen = self.reader.view().visible.len().max(1);
        let reading = reading && to > from && to - from <= 2 * screen;
        self.pace
            .moved(&self.reader.doc, to, reading, Instant::now());
    }

    /// Write the learned speed (on quit and when another book is opened).
    pub(super) fn pace_save(&mut self) {
        if let Err(e) = self.pace.save() {
            self.show_warning(tr!(self.lang(), "msg-speed-not-saved", reason = e));
        }
    }

    /// Keep the reading speed in the state directory `dir`.
    pub(super) fn pace_attach(&mut self, dir: &Path) {
        self.pace.attach(dir);
    }

    /// Time left in the chapter and in the book at the reader's speed.
    pub fn time_left(&self) -> (Duration, Duration) {
        self.pace.time_left(&self.reader.doc, self.reader.top())
    }

    /// Characters per minute used for the time left, and whether it is the reader's own.
    pub fn reading_speed(&self) -> (f64, bool) {
        self.pace.speed()
    }
}

/// A time left as the status bar says it: "under 1 min", "12 min", "3 h 05 min".
pub fn describe(d: Duration, lang: Lang) -> String {
    let min = (d.as_secs() + 30) / 60;
    match min {
        0 => tr!(lang, "time-under-minute"),
        1..=59 => tr!(lang, "time-minutes", min = min),
        _ => tr!(
            lang,
            "time-hours",
            hours = min / 60,
            min = format!("{:02}", min % 60)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn book(text: &str) -> Document {
        Document::from_text(text.to_string(), "book")
    }

    #[test]
    fn learns_from_reading_and_ignores_idle_skims_and_jumps() {
        let doc = book(&"word ".repeat(10_000));
        let mut pace = Pace::default();
        pace.set_book(&doc);
        assert_eq!(pace.speed(), (DEFAULT_OTHER, false));
        let t0 = Instant::now();
        pace.moved(&doc, 0, false, t0);
        // 1000 characters a minute, for 3 minutes of page turns.
        for k in 1..=6 {
            pace.moved(&doc, k * 500, true, t0 + Duration::from_secs(30 * k as u64));
        }
        let (speed, learned) = pace.speed();
        assert!(learned);
        assert!((speed - 1000.0).abs() < 1.0, "{speed}");
        let t1 = t0 + Duration::from_secs(180);
        // Ten minutes on one screen: idle, not slow reading.
        pace.moved(&doc, 3500, true, t1 + Duration::from_secs(600));
        // A page in a second: skimming.
        pace.moved(&doc, 4000, true, t1 + Duration::from_secs(601));
        // A jump, then a jump back: no sample either.
        pace.moved(&doc, 40_000, false, t1 + Duration::from_secs(700));
        pace.moved(&doc, 4000, true, t1 + Duration::from_secs(900));
        assert!((pace.speed().0 - 1000.0).abs() < 1.0);
    }

    #[test]
    fn time_left_at_the_default_speed() {
        let text = "第一章\n".to_string() + &"字".repeat(800) + "\n第二章\n" + &"字".repeat(1600);
        let doc = book(&text);
        let mut pace = Pace::default();
        pace.set_book(&doc);
        assert_eq!(pace.speed(), (DEFAULT_CJK, false));
        let (chapter, all) = pace.time_left(&doc, Position::START);
        assert!(doc.chapters.len() >= 2);
        assert_eq!(describe(chapter, Lang::En), "2 min");
        assert_eq!(describe(all, Lang::En), "6 min");
        assert_eq!(
            describe(Duration::from_secs(3 * 3600 + 300), Lang::En),
            "3 h 05 min"
        );
        assert_eq!(describe(Duration::from_secs(10), Lang::En), "under 1 min");
    }

    #[test]
    fn saves_and_merges_with_another_window() {
        let dir = tempfile::tempdir().unwrap();
        let doc = book(&"word ".repeat(10_000));
        let t0 = Instant::now();
        let read = |pace: &mut Pace| {
            pace.moved(&doc, 0, false, t0);
            for k in 1..=4 {
                pace.moved(&doc, k * 500, true, t0 + Duration::from_secs(30 * k as u64));
            }
        };
        let (mut a, mut b) = (Pace::default(), Pace::default());
        for p in [&mut a, &mut b] {
            p.attach(dir.path());
            p.set_book(&doc);
            read(p);
        }
        // Each window read two minutes: together, four.
        a.save().unwrap();
        b.save().unwrap();
        let mut c = Pace::default();
        c.attach(dir.path());
        c.set_book(&doc);
        assert_eq!(c.known.other.seconds, 240.0);
        assert!(c.speed().1);
        // A damaged file is the default, not an error.
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        let mut d = Pace::default();
        d.attach(dir.path());
        d.set_book(&doc);
        assert_eq!(d.speed(), (DEFAULT_OTHER, false));
    }

    fn speed_file(other: (f64, f64), cjk: (f64, f64)) -> String {
        let m = |(chars, seconds): (f64, f64)| Measured { chars, seconds };
        serde_json::to_string(&SpeedFile {
            cjk: m(cjk),
            other: m(other),
        })
        .unwrap()
    }

    #[test]
    fn conflict_copies_from_two_machines_are_merged_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let doc = book(&"word ".repeat(1000));
        // This machine: 1,000 a minute over 10 minutes. Syncthing's copy of the other machine:
        // 1,600 a minute over 10 minutes; Dropbox's: 1,300 a minute over 20 minutes, and
        // Chinese at 300 a minute.
        std::fs::write(
            dir.path().join(FILE_NAME),
            speed_file((10_000.0, 600.0), (0.0, 0.0)),
        )
        .unwrap();
        let syncthing = dir
            .path()
            .join("reading-speed.sync-conflict-20261201-101010-ABCDEFG.json");
        std::fs::write(&syncthing, speed_file((16_000.0, 600.0), (0.0, 0.0))).unwrap();
        let dropbox = dir
            .path()
            .join("reading-speed (laptop's conflicted copy 2026-12-01).json");
        std::fs::write(&dropbox, speed_file((26_000.0, 1200.0), (3000.0, 600.0))).unwrap();
        // A copy that does not read is left as it is; other files are not touched.
        let broken = dir.path().join("reading-speed.json.orig");
        std::fs::write(&broken, b"{not json").unwrap();
        let other = dir
            .path()
            .join("library.sync-conflict-20261201-101010-ABCDEFG.json");
        std::fs::write(&other, b"{}").unwrap();

        let mut pace = Pace::default();
        pace.attach(dir.path());
        pace.set_book(&doc);
        // Weighted by the time each measured: (10,000 + 16,000 + 26,000) over 40 minutes.
        let (speed, learned) = pace.speed();
        assert!(learned);
        assert!((speed - 1300.0).abs() < 0.5, "{speed}");
        assert!(!syncthing.exists() && !dropbox.exists());
        assert!(broken.exists() && other.exists());
        // The merge was written: another start reads the same speed, with no copies left.
        let mut again = Pace::default();
        again.attach(dir.path());
        again.set_book(&doc);
        assert!((again.speed().0 - speed).abs() < 1e-9);
        let zh = book(&"字".repeat(1000));
        again.set_book(&zh);
        assert_eq!(again.speed(), (300.0, true));
    }

    #[test]
    fn a_merge_is_the_same_either_way_and_with_itself() {
        let a = Measured {
            chars: 10_000.0,
            seconds: 600.0,
        };
        let b = Measured {
            chars: 6_000.0,
            seconds: 200.0,
        };
        assert_eq!(Measured::merge_all(&[a, b]), Measured::merge_all(&[b, a]));
        assert_eq!(Measured::merge_all(&[a, a]), a);
        let none = Measured::default();
        assert_eq!(Measured::merge_all(&[none, none]), none);
    }

    #[test]
    fn a_file_git_left_with_both_sides_reads_as_both() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n",
            speed_file((12_000.0, 600.0), (0.0, 0.0)),
            speed_file((18_000.0, 600.0), (0.0, 0.0))
        );
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let mut pace = Pace::default();
        pace.attach(dir.path());
        pace.set_book(&book(&"word ".repeat(1000)));
        assert!((pace.speed().0 - 1500.0).abs() < 0.5);
        let written = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(!written.contains("<<<<<<<"), "{written}");
    }
}
