//! Whole-book search: literal (memchr's memmem) or regex, smart case, a cap on how many matches
//! are kept so a search for `的` in a huge book stays cheap. Pure functions over the text; the
//! app decides where to go.

use std::ops::Range;

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
