//! Heading rules as data: [`HeadingRule`], [`RuleFamily`], [`RuleSet`], and the one-line match
//! of a rule against a trimmed line.
//!
//! This module knows what a rule is and how it accepts a line; the built-in families live in
//! `chinese` and `english`, the choice between families in `scan`. It never looks past the line
//! it is given (context checks such as "followed by body text" belong to `evidence`).

use std::sync::OnceLock;

use regex::Regex;

use super::shape::reads_as_sentence;

/// How a rule's level is placed in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Always the rule's level.
    Fixed,
    /// Front or back matter (序章, 尾声, PROLOGUE…): top level before the first volume, the
    /// rule's level after it.
    Floating,
}

/// What a title is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleShape {
    /// The trimmed line, exactly as in the text.
    Line,
    /// Capture group 1 (e.g. a Markdown heading without its `#` marks).
    Group,
}

/// One heading shape: a regex over a trimmed line, a level, and cheap checks run first.
#[derive(Debug, Clone)]
pub struct HeadingRule {
    /// Short name, for debugging, config and `kanshu info`.
    pub name: String,
    /// Regex applied to the trimmed line.
    pub pattern: Regex,
    /// 1 = the top heading, larger = deeper (levels in use are renumbered 1, 2, … per book).
    pub level: u8,
    pub placement: Placement,
    pub title: TitleShape,
    /// The trimmed line must start with one of these characters (empty: no check).
    pub first_chars: Vec<char>,
    /// The trimmed line must end with one of these characters (empty: no check).
    pub last_chars: Vec<char>,
    /// Longest acceptable line, in characters.
    pub max_chars: usize,
    /// Reject lines that read as sentences (see `shape::reads_as_sentence`).
    pub reject_sentences: bool,
    /// A shape too common to trust one line of: its lines count only when the book's own
    /// evidence says they are headings (many, spread, short, followed by body text).
    pub needs_evidence: bool,
    /// The heading may share its line with the chapter's first sentence (a lost line break):
    /// the rule is also tried on the start of long lines, and its title is group 1.
    pub inline: bool,
    /// The user's own pattern (config rule or `--toc-rule`): its time on a book is bounded
    /// (see `budget`). Built-in rules are not.
    pub user: bool,
}

impl HeadingRule {
    /// A rule from a user pattern: no prefilter, titles are whole lines. A user rule wins over
    /// the sentence test: a line it matches is a heading even when it holds ，or ？.
    pub fn new(name: &str, pattern: &str, level: u8) -> Result<HeadingRule, regex::Error> {
        Ok(HeadingRule {
            name: name.to_string(),
            pattern: Regex::new(pattern)?,
            level: level.clamp(1, 6),
            placement: Placement::Fixed,
            title: TitleShape::Line,
            first_chars: Vec::new(),
            last_chars: Vec::new(),
            max_chars: 200,
            reject_sentences: false,
            needs_evidence: false,
            inline: false,
            user: true,
        })
    }

    pub(super) fn matches<'t>(&self, line: &'t str, first: char, last: char) -> Option<&'t str> {
        if !self.first_chars.is_empty() && !self.first_chars.contains(&first) {
            return None;
        }
        if !self.last_chars.is_empty() && !self.last_chars.contains(&last) {
            return None;
        }
        // Length first: a costly user pattern never runs over a long paragraph.
        if !self.inline && line.chars().count() > self.max_chars {
            return None;
        }
        let caps = self.pattern.captures(line)?;
        let title = match self.title {
            TitleShape::Line => line,
            TitleShape::Group => caps.get(1).map(|m| m.as_str().trim())?,
        };
        if self.inline && title.chars().count() > self.max_chars {
            return None;
        }
        if self.reject_sentences && reads_as_sentence(title) {
            return None;
        }
        Some(title)
    }
}

/// Rules that describe one way of writing headings; the book picks one family.
#[derive(Debug, Clone)]
pub struct RuleFamily {
    /// Shown by `kanshu info` as the rule that won.
    pub name: String,
    pub rules: Vec<HeadingRule>,
    /// Markdown: skip fenced code blocks, and win outright in `.md` files.
    pub markdown: bool,
}

impl RuleFamily {
    /// A family from user patterns, each with its level (e.g. from the config file).
    pub fn from_patterns(name: &str, patterns: &[(&str, u8)]) -> Result<RuleFamily, regex::Error> {
        let rules = patterns
            .iter()
            .enumerate()
            .map(|(i, (pattern, level))| HeadingRule::new(&format!("{name}-{i}"), pattern, *level))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RuleFamily {
            name: name.to_string(),
            rules,
            markdown: false,
        })
    }

    /// True when every rule needs the book's evidence (the numbered families of TXT sites).
    pub(super) fn needs_evidence(&self) -> bool {
        !self.rules.is_empty() && self.rules.iter().all(|r| r.needs_evidence)
    }
}

/// All heading families, in order of preference when the evidence is equal.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub families: Vec<RuleFamily>,
}

/// A built-in rule: a pattern that is checked to compile by the tests, a level and prefilters.
pub(super) fn rule(
    name: &str,
    pattern: &str,
    level: u8,
    placement: Placement,
    first_chars: &str,
    last_chars: &str,
    max_chars: usize,
) -> HeadingRule {
    HeadingRule {
        name: name.to_string(),
        // The built-in patterns are constants tested below; an empty-never-matching regex is
        // the harmless fallback should one ever fail to compile.
        pattern: Regex::new(pattern).unwrap_or_else(|_| never()),
        level,
        placement,
        title: TitleShape::Line,
        first_chars: first_chars.chars().collect(),
        last_chars: last_chars.chars().collect(),
        max_chars,
        reject_sentences: true,
        needs_evidence: false,
        inline: false,
        user: false,
    }
}

pub(super) fn never() -> Regex {
    // `[^\s\S]` matches nothing; it always compiles.
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!())
}

impl RuleSet {
    /// The built-ins followed by `extra` (user families lose ties to the built-ins).
    pub fn with_families(extra: impl IntoIterator<Item = RuleFamily>) -> RuleSet {
        let mut set = RuleSet::builtin().clone();
        set.families.extend(extra);
        set
    }

    /// The built-in families: `chinese`, `bracketed`, `english`, `markdown`, then the numbered
    /// families of Chinese TXT sites that count only on the book's own evidence (`numbered`,
    /// `hanzi-numbered`, `starred`, `numbered-suffix`, `bare-number`).
    pub fn builtin() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(RuleSet::build_builtin)
    }

    fn build_builtin() -> RuleSet {
        let mut families = vec![
            super::chinese::chinese(),
            super::chinese::bracketed(),
            super::english::english(),
            markdown(),
        ];
        families.extend(super::chinese::numbered());
        RuleSet { families }
    }

    /// The set without the user's rules (after they took too long): each family keeps its
    /// built-in rules; when none is left, the built-in set.
    pub fn without_user(&self) -> RuleSet {
        let families: Vec<RuleFamily> = self
            .families
            .iter()
            .map(|f| RuleFamily {
                rules: f.rules.iter().filter(|r| !r.user).cloned().collect(),
                ..f.clone()
            })
            .filter(|f| !f.rules.is_empty())
            .collect();
        if families.is_empty() {
            RuleSet::builtin().clone()
        } else {
            RuleSet { families }
        }
    }

    /// Names of every family, for messages that list what `--toc-rule` accepts.
    pub fn names(&self) -> Vec<&str> {
        self.families.iter().map(|f| f.name.as_str()).collect()
    }
}

fn markdown() -> RuleFamily {
    RuleFamily {
        name: "markdown".into(),
        markdown: true,
        rules: (1..=3u8)
            .map(|n| {
                let mut r = rule(
                    &format!("h{n}"),
                    &format!(r"^#{{{n}}}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$"),
                    n,
                    Placement::Fixed,
                    "#",
                    "",
                    120,
                );
                r.title = TitleShape::Group;
                r.reject_sentences = false;
                r
            })
            .collect(),
    }
}
