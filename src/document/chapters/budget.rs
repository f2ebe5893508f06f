//! How long the user's own heading rules (config rules, `--toc-rule`) may take on one book,
//! and running each of them once per line.
//!
//! A pattern within the size limit can still be slow on every line (`\B.{1,200}\BZ` on a
//! large CJK book: the regex engine falls back to its slowest matcher). The scan times the
//! user rules on every `SAMPLE`th line it tries them on and counts that time `SAMPLE` times;
//! when the estimate passes the budget the scan stops, the user rules are left out and the
//! book is scanned again with the built-in ones, and [`Stopped`] says so. Built-in rules are
//! never timed. The clock is read only here; a budget of zero stops at the first line, so
//! tests need no timing. Config rules added before the built-in ones join every built-in
//! family: [`Shared`] runs each such rule once per line and gives its answer to the others.

use std::fmt;
use std::ops::Range;
use std::time::{Duration, Instant};

use super::rules::RuleSet;

/// The time user heading rules may take on one book. Fixed rather than growing with the book:
/// it bounds how long opening any book waits for a pattern. A sensible pattern
/// (`^第.{1,20}章`) turns most lines away at their first character, as the built-in rules do,
/// and those take well under half a second on a 100 MB book in a release build (the whole
/// `toc` of it: BENCHMARKS.md); a pathological one (`\B.{1,200}\BZ`) needs many times this.
pub const RULE_BUDGET: Duration = Duration::from_secs(2);
/// One line in this many tried by the user rules is timed.
const SAMPLE: u32 = 16;

/// How long the user rules may take on one book ([`RULE_BUDGET`] unless set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleBudget(pub Duration);

impl Default for RuleBudget {
    fn default() -> Self {
        RuleBudget(RULE_BUDGET)
    }
}

/// A user heading rule stopped for taking longer than its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// The name of the rule that took the most time (`toc-rule` for `--toc-rule PATTERN`).
    pub rule: String,
    pub budget: Duration,
    /// How far into the book the scan had come, 0–100.
    pub percent: u8,
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let budget = if self.budget >= Duration::from_secs(1) {
            format!("{} s", self.budget.as_secs_f32())
        } else {
            format!("{} ms", self.budget.as_millis())
        };
        write!(
            f,
            "heading rule `{}` too slow (over {budget}): built-in rules used",
            self.rule
        )
    }
}

/// The running estimate of the user rules' time in one scan.
pub(super) struct Meter {
    budget: Duration,
    /// Some rule of the set is the user's.
    active: bool,
    lines: u32,
    spent: Duration,
    /// Estimated time per (family, rule).
    per_rule: Vec<Vec<Duration>>,
}

impl Meter {
    pub(super) fn new(rules: &RuleSet, budget: RuleBudget) -> Meter {
        Meter {
            budget: budget.0,
            active: rules
                .families
                .iter()
                .any(|f| f.rules.iter().any(|r| r.user)),
            lines: 0,
            spent: Duration::ZERO,
            per_rule: rules
                .families
                .iter()
                .map(|f| vec![Duration::ZERO; f.rules.len()])
                .collect(),
        }
    }

    /// A line goes to the rules: is it one whose user rules are timed?
    pub(super) fn sample_line(&mut self) -> bool {
        if !self.active {
            return false;
        }
        let sampled = self.lines.is_multiple_of(SAMPLE);
        self.lines = self.lines.wrapping_add(1);
        sampled
    }

    /// Run rule `ri` of family `fi` and count its time for the lines not timed.
    pub(super) fn timed<T>(&mut self, fi: usize, ri: usize, run: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = run();
        let took = started.elapsed().saturating_mul(SAMPLE);
        self.spent = self.spent.saturating_add(took);
        if let Some(d) = self.per_rule.get_mut(fi).and_then(|f| f.get_mut(ri)) {
            *d = d.saturating_add(took);
        }
        out
    }

    /// Past the budget after a timed line: what to report, `done` bytes of `total` scanned.
    pub(super) fn over(&self, rules: &RuleSet, done: usize, total: usize) -> Option<Stopped> {
        if !self.active || self.spent < self.budget {
            return None;
        }
        let mut costliest: Option<(&str, Duration)> = None;
        for (family, times) in rules.families.iter().zip(&self.per_rule) {
            for (rule, &took) in family.rules.iter().zip(times) {
                if rule.user && costliest.is_none_or(|(_, t)| took > t) {
                    costliest = Some((&rule.name, took));
                }
            }
        }
        Some(Stopped {
            rule: costliest.map_or_else(String::new, |(n, _)| n.to_string()),
            budget: self.budget,
            percent: (done.saturating_mul(100) / total.max(1)).min(100) as u8,
        })
    }
}

/// One answer per user rule and line, whichever families hold the rule.
pub(super) struct Shared {
    /// `ids[family][rule]`: the user rule's number (the same rule in several families has one).
    ids: Vec<Vec<Option<usize>>>,
    /// Per number: the line it last answered for, and its title there (offsets in the line).
    memo: Vec<(usize, Option<Range<usize>>)>,
}

impl Shared {
    pub(super) fn new(rules: &RuleSet) -> Shared {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        let ids = rules
            .families
            .iter()
            .map(|f| {
                f.rules
                    .iter()
                    .map(|r| {
                        r.user.then(|| {
                            let key = (r.name.as_str(), r.pattern.as_str());
                            seen.iter().position(|k| *k == key).unwrap_or_else(|| {
                                seen.push(key);
                                seen.len() - 1
                            })
                        })
                    })
                    .collect()
            })
            .collect();
        Shared {
            ids,
            memo: vec![(usize::MAX, None); seen.len()],
        }
    }

    /// Rule `ri` of family `fi` on `line` (starting at `at`): `run` when the rule is not the
    /// user's or has not answered for this line yet, else its earlier answer.
    pub(super) fn answer<'t>(
        &mut self,
        (fi, ri): (usize, usize),
        at: usize,
        line: &'t str,
        run: impl FnOnce() -> Option<&'t str>,
    ) -> Option<&'t str> {
        let Some(id) = self.ids.get(fi).and_then(|f| f.get(ri)).copied().flatten() else {
            return run();
        };
        if let Some((seen_at, title)) = self.memo.get(id)
            && *seen_at == at
        {
            return title.clone().and_then(|t| line.get(t));
        }
        let title = run();
        if let Some(slot) = self.memo.get_mut(id) {
            let start = title.map(|t| t.as_ptr() as usize - line.as_ptr() as usize);
            *slot = (at, start.zip(title).map(|(s, t)| s..s + t.len()));
        }
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::chapters::RuleFamily;

    #[test]
    fn a_user_rule_in_two_families_runs_once_per_line() {
        let family = |name: &str| {
            let mut f = RuleFamily::from_patterns("config", &[("^第.幕", 1)]).unwrap();
            f.name = name.into();
            f
        };
        let rules = RuleSet {
            families: vec![family("a"), family("b")],
        };
        let mut shared = Shared::new(&rules);
        let mut runs = 0;
        let line = "第一幕 雨";
        for fi in 0..2 {
            let title = shared.answer((fi, 0), 10, line, || {
                runs += 1;
                rules.families[fi].rules[0].matches(line, '第', '雨')
            });
            assert_eq!(title, Some(line));
        }
        assert_eq!(runs, 1);
        shared.answer((1, 0), 20, line, || {
            runs += 1;
            None
        });
        assert_eq!(runs, 2, "a new line is a new answer");
    }

    #[test]
    fn the_message_names_the_rule_and_the_budget() {
        let s = Stopped {
            rule: "acts".into(),
            budget: RULE_BUDGET,
            percent: 12,
        };
        assert_eq!(
            s.to_string(),
            "heading rule `acts` too slow (over 2 s): built-in rules used"
        );
    }
}
