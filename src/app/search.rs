//! The search the reader runs (`SearchState`): the view follows the query while it is typed,
//! `n`/`N` step through matches, and the status bar counts them.
//!
//! Typing never waits on the book: the first hit at or after the place the search started is
//! looked for at once in the next megabyte (through the page's view, see `view::search`); the
//! whole book is searched on a background thread (`Job`) that the main loop's tick polls, and
//! a new keystroke or Esc raises its cancel flag. Moving the view goes through the `Reader`.
//! No drawing.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::App;
use super::prompt::Prompt;
use crate::i18n::tr;
use crate::keys::Mode;
use crate::view::ViewOptions;
use crate::view::search::{Matcher, PatternError, search_span};

/// Books up to this size are searched whole at once; in larger ones the first hit is looked
/// for this far ahead at once and the rest in the background.
pub const WINDOW: usize = 1 << 20;

/// The matches of one query over the whole book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Absolute byte ranges in `Document::text`, sorted, non-overlapping, never empty.
    pub ranges: Vec<Range<usize>>,
}

impl Matches {
    /// Index of the match holding absolute byte `at`.
    pub fn containing(&self, at: usize) -> Option<usize> {
        let i = self.ranges.partition_point(|r| r.start <= at);
        let i = i.checked_sub(1)?;
        (self.ranges[i].end > at).then_some(i)
    }

    /// Index of the first match starting at or after `at`.
    pub fn first_from(&self, at: usize) -> Option<usize> {
        let i = self.ranges.partition_point(|r| r.start < at);
        (i < self.ranges.len()).then_some(i)
    }

    /// Index of the last match starting before `at`.
    pub fn last_before(&self, at: usize) -> Option<usize> {
        self.ranges.partition_point(|r| r.start < at).checked_sub(1)
    }
}

/// Smart case: a query with an upper-case letter is case-sensitive, otherwise not.
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Every match of `query` in `text` as the view `view` shows it (`chapters`: the chapter
/// ranges), for tests and benches; an error says why the regex cannot be searched for.
pub fn find_all(
    text: &str,
    chapters: &[Range<usize>],
    view: &ViewOptions,
    query: &str,
    regex: bool,
    script: bool,
) -> Result<Matches, PatternError> {
    let m = Matcher::new(query, regex, script)?;
    let mut out = Matches::default();
    let never = AtomicBool::new(false);
    search_span(text, chapters, 0..text.len(), view, &m, &never, &mut |r| {
        out.ranges.push(r);
        true
    });
    Ok(out)
}

/// What the background search sends back.
enum Report {
    /// The first match at or after where the search started (when the first look found none).
    First(Range<usize>),
    /// Every match of the book, in order.
    All(Vec<Range<usize>>),
}

/// A whole-book search running on another thread.
pub struct Job {
    rx: Receiver<Report>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Held by a search thread while it runs: counts it in `Shared::live` until it returns.
struct Alive(Arc<AtomicUsize>);

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The background search of the book (the thread shares the reader's document, never a copy).
#[derive(Default)]
pub struct Shared {
    /// The running search, if any.
    job: Option<Job>,
    /// A search to start at the next tick (after the keystroke's frame is drawn).
    queued: Option<(Matcher, ViewOptions, usize, bool)>,
    /// A literal query the whole book was searched for in vain, with the script setting and
    /// the view it was searched with: typing on after it finds nothing either, so the book is
    /// not searched again for each key (a long query typed into it stays cheap per key).
    fruitless: Option<(String, bool, ViewOptions)>,
    /// How many search threads are still running (a cancelled one counts until it has stopped).
    live: Arc<AtomicUsize>,
}

/// The active search (after a query was typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub regex: bool,
    pub backward: bool,
    /// Where in the book's text the search started (a backward search with nothing before it
    /// in the first look picks the last match before this once all are counted).
    pub origin: usize,
    /// The matches found so far; all of them once `counting` is false.
    pub matches: Matches,
    /// The whole book is still being searched in the background.
    pub counting: bool,
    /// The current match (index into `matches.ranges`).
    pub current: Option<usize>,
    /// Why the query gave no matches (a bad or too costly regex), for the prompt.
    pub error: Option<PatternError>,
}

impl App {
    /// The view follows the query as it is typed: the first hit after the prompt's origin at
    /// once, the count in the background.
    pub(super) fn incremental(&mut self, prompt: &Prompt, backward: bool) {
        self.searcher.job = None;
        self.searcher.queued = None;
        self.reader.set_top(prompt.origin);
        let mut state = SearchState {
            query: prompt.text.clone(),
            regex: self.regex_mode,
            backward,
            ..SearchState::default()
        };
        let view = self.display().view;
        if !self.regex_mode
            && let Some((dead, script, seen)) = &self.searcher.fruitless
            && (*script, *seen) == (self.script_search, view)
            && Matcher::narrows(dead, &prompt.text)
        {
            state.origin = self.reader.doc.offset_of(prompt.origin);
            self.search = Some(state);
            return;
        }
        let matcher = match Matcher::new(&prompt.text, self.regex_mode, self.script_search) {
            Ok(m) => m,
            Err(e) => {
                state.error = Some(e);
                self.search = Some(state);
                return;
            }
        };
        if prompt.text.is_empty() {
            self.search = Some(state);
            return;
        }
        let doc = &self.reader.doc;
        let chapters: Vec<Range<usize>> = doc.chapters.iter().map(|c| c.range.clone()).collect();
        let origin = doc.offset_of(prompt.origin);
        state.origin = origin;
        let never = AtomicBool::new(false);
        if doc.text.len() <= WINDOW {
            search_span(
                &doc.text,
                &chapters,
                0..doc.text.len(),
                &view,
                &matcher,
                &never,
                &mut |r| {
                    state.matches.ranges.push(r);
                    true
                },
            );
            let m = &state.matches;
            if m.ranges.is_empty() && !self.regex_mode {
                self.searcher.fruitless = Some((prompt.text.clone(), self.script_search, view));
            }
            state.current = if backward {
                m.last_before(origin)
                    .or_else(|| m.ranges.len().checked_sub(1))
            } else {
                m.first_from(origin).or((!m.ranges.is_empty()).then_some(0))
            };
        } else {
            // The first hit in the next stretch of text, found before the next frame (a
            // regex, whose cost depends on the pattern, looks at less).
            let window = if self.regex_mode { WINDOW / 16 } else { WINDOW };
            let span = if backward {
                origin.saturating_sub(window)..origin
            } else {
                origin..origin.saturating_add(window)
            };
            let mut first = None;
            search_span(
                &doc.text,
                &chapters,
                span,
                &view,
                &matcher,
                &never,
                &mut |r| {
                    first = Some(r);
                    backward
                },
            );
            if let Some(r) = first {
                state.matches.ranges.push(r);
                state.current = Some(0);
            }
            state.counting = true;
            self.searcher.queued = Some((matcher, view, origin, backward));
        }
        self.search = Some(state);
        if let Some(i) = self.search.as_ref().and_then(|s| s.current) {
            self.show_match(i, false);
        }
    }

    /// Search the whole book on another thread; the tick collects what it finds.
    fn start_job(&mut self, matcher: Matcher, view: ViewOptions, origin: usize, backward: bool) {
        let doc = Arc::clone(&self.reader.doc);
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let flag = cancel.clone();
        self.searcher.live.fetch_add(1, Ordering::Relaxed);
        let alive = Alive(Arc::clone(&self.searcher.live));
        let spawned = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let _alive = alive;
                let text = doc.text.as_str();
                let chapters: Vec<Range<usize>> =
                    doc.chapters.iter().map(|c| c.range.clone()).collect();
                let len = text.len();
                let mut told = backward;
                // The matches of `span` into `into`, the first one of all told at once; false
                // when cancelled.
                let mut look = |span: Range<usize>, into: &mut Vec<Range<usize>>| {
                    search_span(text, &chapters, span, &view, &matcher, &flag, &mut |r| {
                        if !told {
                            told = true;
                            let _ = tx.send(Report::First(r.clone()));
                        }
                        into.push(r);
                        true
                    })
                };
                // From where the search started to the end, then from the start.
                let mut ahead = Vec::new();
                if !look(origin..len, &mut ahead) {
                    return;
                }
                let mut all = Vec::new();
                if look(0..origin, &mut all) {
                    all.extend(ahead);
                    let _ = tx.send(Report::All(all));
                }
            });
        match spawned {
            Ok(_) => self.searcher.job = Some(Job { rx, cancel }),
            Err(e) => self.set_message(
                tr!(self.lang(), "msg-search-thread", reason = e.to_string()),
                true,
            ),
        }
    }

    /// Collect what the background search found; true when the screen changed.
    pub(super) fn poll_search(&mut self) -> bool {
        if let Some((matcher, view, origin, backward)) = self.searcher.queued.take() {
            self.start_job(matcher, view, origin, backward);
        }
        let mut changed = false;
        loop {
            let Some(job) = &self.searcher.job else {
                return changed;
            };
            match job.rx.try_recv() {
                Ok(Report::First(r)) => {
                    let Some(s) = &mut self.search else { break };
                    if s.matches.ranges.is_empty() {
                        s.matches.ranges.push(r);
                        changed = true;
                        self.show_match(0, false);
                    }
                }
                Ok(Report::All(all)) => {
                    self.searcher.job = None;
                    let Some(s) = &mut self.search else {
                        return changed;
                    };
                    let at = s
                        .current
                        .and_then(|c| s.matches.ranges.get(c))
                        .map(|r| r.start);
                    s.matches.ranges = all;
                    s.counting = false;
                    s.current = match at {
                        Some(a) => s.matches.first_from(a),
                        None if s.backward => s
                            .matches
                            .last_before(s.origin)
                            .or_else(|| s.matches.ranges.len().checked_sub(1)),
                        None => (!s.matches.ranges.is_empty()).then_some(0),
                    };
                    if at.is_none()
                        && let Some(i) = s.current
                    {
                        self.show_match(i, false);
                    }
                    return true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.searcher.job = None;
                    break;
                }
            }
        }
        changed
    }

    /// A search is being counted in the background.
    pub fn search_pending(&self) -> bool {
        self.searcher.job.is_some() || self.searcher.queued.is_some()
    }

    /// Why the typed regex cannot be searched for, in the reader's language (prompt and status).
    pub fn pattern_error_text(&self, e: &PatternError) -> String {
        match e {
            PatternError::TooCostly => tr!(self.lang(), "search-too-costly"),
            PatternError::Bad(reason) => tr!(self.lang(), "search-bad-regex", reason = reason),
        }
    }

    /// How many background search threads are still running (a cancelled search counts until
    /// its thread has noticed and stopped).
    pub fn search_threads(&self) -> usize {
        self.searcher.live.load(Ordering::Relaxed)
    }

    /// Stop counting in the background (the search itself stays for `n`/`N`).
    pub(super) fn drop_search_job(&mut self) {
        self.searcher.job = None;
        self.searcher.queued = None;
    }

    /// Stop the background search and forget the shared text (another book was opened).
    pub(super) fn drop_search_text(&mut self) {
        self.searcher = Shared::default();
    }

    pub(super) fn finish_search(&mut self, prompt: &Prompt) {
        let Some(s) = &self.search else {
            return;
        };
        if prompt.text.is_empty() {
            self.search = None;
            self.reader.set_top(prompt.origin);
            return;
        }
        if let Some(e) = &s.error {
            let text = self.pattern_error_text(e);
            self.set_message(text, true);
            self.search = None;
            self.reader.set_top(prompt.origin);
            return;
        }
        if s.matches.ranges.is_empty() && !s.counting {
            let text = tr!(self.lang(), "msg-not-found", text = &prompt.text);
            self.set_message(text, true);
            self.search = None;
            self.reader.set_top(prompt.origin);
            return;
        }
        // Record the jump from where the search started.
        if self.reader.top() != prompt.origin {
            let to = self.reader.top();
            self.reader.set_top(prompt.origin);
            self.reader.jump(to);
        }
    }

    /// Make match `i` current and bring it on screen (a page turn only when it is not visible).
    pub(super) fn show_match(&mut self, i: usize, record_jump: bool) {
        let Some(s) = &mut self.search else {
            return;
        };
        let Some(r) = s.matches.ranges.get(i).cloned() else {
            return;
        };
        s.current = Some(i);
        self.reader.refresh();
        if self.reader.view_holds(r.start) {
            return;
        }
        let pos = self.reader.doc.position_of(r.start);
        let to = self.reader.page_top_for(pos);
        if record_jump {
            self.reader.jump(to);
        } else {
            self.reader.set_top(to);
        }
        self.reader.refresh();
    }

    /// `n`/`N`: the next match in the search's direction (`forward`) or against it.
    pub(super) fn step_match(&mut self, forward: bool, times: usize) {
        let Some(s) = &self.search else {
            let text = match self
                .keymap
                .key_label(Mode::Reader, &crate::keys::Action::SearchForward)
            {
                Some(k) => tr!(self.lang(), "msg-no-search-key", key = k),
                None => tr!(self.lang(), "msg-no-search"),
            };
            self.set_message(text, false);
            return;
        };
        if s.counting {
            return self.step_uncounted(forward != s.backward);
        }
        let n = s.matches.ranges.len();
        if n == 0 {
            return;
        }
        let ahead = forward != s.backward;
        let mut wrapped = false;
        let mut idx = match s.current {
            Some(c) if self.reader.view_holds(s.matches.ranges[c].start) => c,
            _ => {
                // The current match is off screen: start from the view.
                let start = self.reader.view().visible.start;
                let (i, w) = if ahead {
                    match s.matches.first_from(start) {
                        Some(i) => (i, false),
                        None => (0, true),
                    }
                } else {
                    match s.matches.last_before(self.reader.view().visible.end) {
                        Some(i) => (i, false),
                        None => (n - 1, true),
                    }
                };
                wrapped = w;
                // The first step lands on `i` itself.
                if ahead { i + n - 1 } else { i + 1 }
            }
        } % n;
        for _ in 0..times {
            if ahead {
                if idx + 1 == n {
                    wrapped = true;
                }
                idx = (idx + 1) % n;
            } else {
                if idx == 0 {
                    wrapped = true;
                }
                idx = (idx + n - 1) % n;
            }
        }
        self.show_match(idx, true);
        if wrapped {
            let text = if ahead {
                tr!(self.lang(), "msg-wrapped-end")
            } else {
                tr!(self.lang(), "msg-wrapped-start")
            };
            self.set_message(text, false);
        }
    }

    /// Is absolute byte `abs` inside a match? `Some(true)` for the current match.
    pub fn match_at(&self, abs: usize) -> Option<bool> {
        let s = self.search.as_ref()?;
        let i = s.matches.containing(abs)?;
        Some(s.current == Some(i))
    }
}

impl App {
    /// The search prompt's switches as the status line shows them: ` [regex]` and, while
    /// Simplified and Traditional characters match each other, ` [简=繁]`.
    pub fn search_flags(&self) -> String {
        let mut flags = String::new();
        if self.regex_mode {
            flags.push_str(" [regex]");
        } else if self.script_search {
            flags.push_str(" [简=繁]");
        }
        flags
    }
}

impl App {
    /// `n`/`N` while the matches are still being counted: look from the current place on (or
    /// back), whatever the total, wrapping at the end of the book.
    fn step_uncounted(&mut self, ahead: bool) {
        let Some(s) = &self.search else { return };
        let Ok(matcher) = Matcher::new(&s.query, s.regex, self.script_search) else {
            return;
        };
        let here = s.current.and_then(|c| s.matches.ranges.get(c).cloned());
        let doc = &self.reader.doc;
        let view = self.display().view;
        let chapters: Vec<Range<usize>> = doc.chapters.iter().map(|c| c.range.clone()).collect();
        let len = doc.text.len();
        let vis = self.reader.view().visible.clone();
        let never = AtomicBool::new(false);
        let mut hit = None;
        let mut wrapped = false;
        // Forward: the first match after the view, wrapping to the book's start. Backward: the
        // last match before the view, wrapping to the book's end.
        let (spans, want_last) = if ahead {
            let from = here.map_or(vis.start, |r| r.end);
            ([from..len, 0..from], false)
        } else {
            let to = here.map_or(vis.end, |r| r.start);
            ([0..to, to..len], true)
        };
        for span in spans {
            search_span(
                &doc.text,
                &chapters,
                span,
                &view,
                &matcher,
                &never,
                &mut |r| {
                    hit = Some(r);
                    want_last
                },
            );
            if hit.is_some() {
                break;
            }
            wrapped = true;
        }
        let Some(r) = hit else { return };
        if let Some(s) = &mut self.search {
            s.matches.ranges = vec![r];
        }
        self.show_match(0, true);
        if wrapped {
            let text = if ahead {
                tr!(self.lang(), "msg-wrapped-end")
            } else {
                tr!(self.lang(), "msg-wrapped-start")
            };
            self.set_message(text, false);
        }
    }
}
