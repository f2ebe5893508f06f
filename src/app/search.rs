//! Whole-book search: literal (memchr's memmem) or regex, smart case, a cap on how many matches
//! are kept so a search for `的` in a huge book stays cheap; and the search the reader runs
//! (`SearchState`): the view follows the query while it is typed, `n`/`N` step through matches.
//!
//! The finders are pure functions over the text; moving the view goes through the `Reader`.
//! No drawing.

use std::ops::Range;

use super::App;
use super::prompt::Prompt;
use crate::keys::Mode;

/// At most this many matches are kept (and counted); the status bar shows "N+" beyond it.
pub const MAX_MATCHES: usize = 100_000;

/// The matches of one query over the whole book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Absolute byte ranges in `Document::text`, sorted, non-overlapping, never empty.
    pub ranges: Vec<Range<usize>>,
    /// More than `MAX_MATCHES` exist.
    pub truncated: bool,
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

/// Find `query` in `text`. `regex` treats the query as a regular expression. Errors are one line
/// for the status bar (an invalid regex).
pub fn find_all(text: &str, query: &str, regex: bool) -> Result<Matches, String> {
    let mut out = Matches::default();
    if query.is_empty() {
        return Ok(out);
    }
    let sensitive = is_case_sensitive(query);
    let caseless_query = query.to_lowercase() == query.to_uppercase();
    if !regex && (sensitive || caseless_query) {
        for start in memchr::memmem::find_iter(text.as_bytes(), query.as_bytes()) {
            if out.ranges.len() == MAX_MATCHES {
                out.truncated = true;
                break;
            }
            // Matches of a literal never overlap the previous one in a useful way; skip overlaps.
            if out.ranges.last().is_some_and(|r| r.end > start) {
                continue;
            }
            out.ranges.push(start..start + query.len());
        }
        return Ok(out);
    }
    let pattern = if regex {
        query.to_string()
    } else {
        regex::escape(query)
    };
    let re = regex::RegexBuilder::new(&pattern)
        .case_insensitive(!sensitive)
        .multi_line(true)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let last = first.lines().last().unwrap_or("").trim().to_string();
            format!("bad regex: {last}")
        })?;
    for m in re.find_iter(text) {
        if m.is_empty() {
            continue;
        }
        if out.ranges.len() == MAX_MATCHES {
            out.truncated = true;
            break;
        }
        out.ranges.push(m.range());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_smart_case() {
        let t = "Foo foo FOO 脫貧 脫貧";
        assert_eq!(find_all(t, "foo", false).unwrap().ranges.len(), 3);
        assert_eq!(find_all(t, "Foo", false).unwrap().ranges, vec![0..3]);
        assert_eq!(find_all(t, "脫貧", false).unwrap().ranges.len(), 2);
    }

    #[test]
    fn regex_and_errors() {
        let t = "第1章 第22章";
        let m = find_all(t, r"第\d+章", true).unwrap();
        assert_eq!(m.ranges.len(), 2);
        assert!(find_all(t, "(", true).unwrap_err().starts_with("bad regex"));
        assert!(find_all(t, "x*", true).unwrap().ranges.is_empty());
        assert_eq!(find_all(t, "(", false).unwrap().ranges.len(), 0);
    }

    #[test]
    fn cap_is_reported() {
        let t = "a".repeat(MAX_MATCHES + 5);
        let m = find_all(&t, "a", false).unwrap();
        assert!(m.truncated);
        assert_eq!(m.ranges.len(), MAX_MATCHES);
    }

    #[test]
    fn lookups() {
        let m = Matches {
            ranges: vec![2..4, 10..12],
            truncated: false,
        };
        assert_eq!(m.containing(3), Some(0));
        assert_eq!(m.containing(4), None);
        assert_eq!(m.first_from(4), Some(1));
        assert_eq!(m.first_from(11), None);
        assert_eq!(m.last_before(10), Some(0));
        assert_eq!(m.last_before(2), None);
    }
}

/// The active search (after a query was typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub regex: bool,
    pub backward: bool,
    pub matches: Matches,
    /// The current match (index into `matches.ranges`).
    pub current: Option<usize>,
    /// Why the query gave no matches (a bad regex), for the prompt.
    pub error: Option<String>,
}

impl App {
    /// The view follows the query as it is typed.
    pub(super) fn incremental(&mut self, prompt: &Prompt, backward: bool) {
        self.reader.set_top(prompt.origin);
        let folded = self.script_search
            && !self.regex_mode
            && prompt.text.chars().any(crate::view::convert::is_han);
        let result = if folded {
            let opts = crate::view::search::SearchOptions {
                script_insensitive: true,
                ignore_ascii_case: !is_case_sensitive(&prompt.text),
            };
            let mut ranges: Vec<Range<usize>> =
                crate::view::search::find_iter(&self.reader.doc.text, &prompt.text, &opts)
                    .take(MAX_MATCHES + 1)
                    .collect();
            let truncated = ranges.len() > MAX_MATCHES;
            ranges.truncate(MAX_MATCHES);
            Ok(Matches { ranges, truncated })
        } else {
            find_all(&self.reader.doc.text, &prompt.text, self.regex_mode)
        };
        let (matches, error) = match result {
            Ok(m) => (m, None),
            Err(e) => (Matches::default(), Some(e)),
        };
        let origin_abs = self.reader.doc.offset_of(prompt.origin);
        let current = if backward {
            matches
                .last_before(origin_abs)
                .or_else(|| matches.ranges.len().checked_sub(1))
        } else {
            matches
                .first_from(origin_abs)
                .or((!matches.ranges.is_empty()).then_some(0))
        };
        self.search = Some(SearchState {
            query: prompt.text.clone(),
            regex: self.regex_mode,
            backward,
            matches,
            current,
            error,
        });
        if let Some(i) = current {
            self.show_match(i, false);
        }
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
            self.set_message(e.clone(), true);
            self.search = None;
            self.reader.set_top(prompt.origin);
            return;
        }
        if s.matches.ranges.is_empty() {
            let text = format!("not found: {}", prompt.text);
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
                Some(k) => format!("no search: type {k} to search"),
                None => "no search".to_string(),
            };
            self.set_message(text, false);
            return;
        };
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
                "search hit the end, continued from the start"
            } else {
                "search hit the start, continued from the end"
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
