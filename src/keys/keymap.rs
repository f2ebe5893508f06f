//! The keymap: mode → key sequence → action, in the order the bindings were made (the
//! defaults of `config/default.toml` first, then the user's). Help rows and key hints are read
//! from here, so a remapped key changes everything that names it.
//!
//! Owns `Mode`, `Binding` and `Keymap`; it must not know the configuration file format (the
//! configuration fills a `Keymap`) nor terminal events (the input layer looks keys up here).

use std::fmt;

use super::key::Modifiers;
use super::{Action, Key, KeyCode, KeySeq};

/// The key that always quits when nothing else is bound to it.
const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    modifiers: Modifiers {
        ctrl: true,
        alt: false,
        shift: false,
    },
};

/// Where a binding applies: the reader itself, one of its panels, or a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Reading pages.
    Reader,
    /// The table of contents is open.
    Toc,
    /// The table of contents' filter is being typed.
    TocFilter,
    /// The help screen is open.
    Help,
    /// A prompt on the status line (search, `:` command, bookmark name) is being typed.
    Prompt,
    /// The bookmark list is open.
    Bookmarks,
    /// The list of recent books is open.
    Library,
    /// The list of the links on the page is open.
    Links,
    /// The file picker is open.
    Picker,
    /// The footnotes of the page are shown.
    Notes,
    /// Text is being selected (to copy or highlight it).
    Select,
    /// The list of highlights and notes is open.
    Highlights,
    /// The highlight list's filter is being typed.
    HighlightsFilter,
    /// A highlight's note is being edited in its popup.
    NoteEditor,
}

impl Mode {
    pub const ALL: [Mode; 14] = [
        Mode::Reader,
        Mode::Toc,
        Mode::TocFilter,
        Mode::Help,
        Mode::Prompt,
        Mode::Bookmarks,
        Mode::Library,
        Mode::Links,
        Mode::Picker,
        Mode::Notes,
        Mode::Select,
        Mode::Highlights,
        Mode::HighlightsFilter,
        Mode::NoteEditor,
    ];

    /// The help screen's sections in order: reading and its panels, then help and prompts.
    pub const HELP_ORDER: [Mode; 14] = [
        Mode::Reader,
        Mode::Select,
        Mode::Toc,
        Mode::TocFilter,
        Mode::Bookmarks,
        Mode::Highlights,
        Mode::HighlightsFilter,
        Mode::NoteEditor,
        Mode::Library,
        Mode::Links,
        Mode::Notes,
        Mode::Picker,
        Mode::Help,
        Mode::Prompt,
    ];

    /// The name used in `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Reader => "reader",
            Mode::Toc => "toc",
            Mode::TocFilter => "toc_filter",
            Mode::Help => "help",
            Mode::Prompt => "prompt",
            Mode::Bookmarks => "bookmarks",
            Mode::Library => "library",
            Mode::Links => "links",
            Mode::Picker => "picker",
            Mode::Notes => "notes",
            Mode::Select => "select",
            Mode::Highlights => "highlights",
            Mode::HighlightsFilter => "highlights_filter",
            Mode::NoteEditor => "note_editor",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Heading shown on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Reader => "Reading",
            Mode::Toc => "Table of contents",
            Mode::TocFilter => "Table of contents, filtering",
            Mode::Help => "Help",
            Mode::Prompt => "Search, command and name prompt",
            Mode::Bookmarks => "Bookmarks",
            Mode::Library => "Library",
            Mode::Links => "Links on the page",
            Mode::Picker => "Open a book",
            Mode::Notes => "Footnotes on the page",
            Mode::Select => "Selecting text",
            Mode::Highlights => "Highlights and notes",
            Mode::HighlightsFilter => "Highlights and notes, filtering",
            Mode::NoteEditor => "Note editor",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One key binding: in `mode`, `keys` run `action`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub keys: KeySeq,
    pub action: Action,
}

/// What a sequence of keys typed so far means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SequenceMatch {
    /// A whole sequence: run this.
    Action(Action),
    /// The start of one or more sequences: wait for the next key.
    Prefix,
    /// No sequence.
    None,
}

/// All key bindings, in the order they were made. Binding a key that is already bound in that
/// mode replaces the action in place, so the help screen keeps the defaults' order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// One mode's part of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub mode: Mode,
    pub rows: Vec<HelpRow>,
}

/// One line of the help screen: an action and every key that runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: Vec<String>,
    pub action: Action,
    pub description: String,
}

impl Keymap {
    /// A keymap with no bindings at all.
    pub fn empty() -> Keymap {
        Keymap::default()
    }

    /// Bind `keys` to `action` in `mode`, replacing what those keys did before in that mode.
    pub fn bind(&mut self, mode: Mode, keys: KeySeq, action: Action) {
        match self
            .bindings
            .iter_mut()
            .find(|b| b.mode == mode && b.keys == keys)
        {
            Some(b) => b.action = action,
            None => self.bindings.push(Binding { mode, keys, action }),
        }
    }

    /// Remove the binding of `keys` in `mode` (nothing happens when they are not bound).
    pub fn unbind(&mut self, mode: Mode, keys: &KeySeq) {
        self.bindings
            .retain(|b| !(b.mode == mode && &b.keys == keys));
    }

    /// The bindings of one mode, in the order they were made.
    pub fn bindings(&self, mode: Mode) -> Vec<&Binding> {
        self.bindings.iter().filter(|b| b.mode == mode).collect()
    }

    /// The action bound to exactly this key sequence.
    pub fn action(&self, mode: Mode, keys: &[Key]) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.keys.0 == keys)
            .map(|b| &b.action)
    }

    /// The action of a single `key` in `mode`. Ctrl-c that nothing else uses quits, whatever
    /// the configuration unbound: no keymap can trap the reader in the program.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<&Action> {
        static QUIT: Action = Action::Quit;
        self.action(mode, &[key])
            .or_else(|| (key == CTRL_C).then_some(&QUIT))
    }

    /// True when `keys` is the start of a longer bound sequence (wait for the next key).
    pub fn is_prefix(&self, mode: Mode, keys: &[Key]) -> bool {
        self.bindings
            .iter()
            .any(|b| b.mode == mode && b.keys.0.len() > keys.len() && b.keys.0.starts_with(keys))
    }

    /// What the keys typed so far (`pending`: two or more keys, or one that starts a sequence)
    /// mean in `mode`. Single keys are looked up with `lookup`.
    pub fn sequence(&self, mode: Mode, pending: &[Key]) -> SequenceMatch {
        if pending.len() > 1
            && let Some(a) = self.action(mode, pending)
        {
            return SequenceMatch::Action(a.clone());
        }
        if !pending.is_empty() && self.is_prefix(mode, pending) {
            SequenceMatch::Prefix
        } else {
            SequenceMatch::None
        }
    }

    /// The key sequences bound to `action` in `mode`, in the order they were made.
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<&KeySeq> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && &b.action == action)
            .map(|b| &b.keys)
            .collect()
    }

    /// The first key of `action` in `mode` as the screen shows it (`F1`, `Ctrl-o`), if bound.
    pub fn key_label(&self, mode: Mode, action: &Action) -> Option<String> {
        self.keys_for(mode, action).first().map(|k| k.label())
    }

    /// Hints like `Enter jump`, `j/k scroll`: for each item, one key of each of its actions
    /// (joined by `/`; Enter or Esc when bound to it, the panel keys everyone knows, else the
    /// first) and what it does. Items none of whose actions is bound are left
    /// out, so a hint never names a key that does something else.
    pub fn hints(&self, mode: Mode, items: &[(&[Action], &str)]) -> Vec<String> {
        items
            .iter()
            .filter_map(|(actions, what)| {
                let keys: Vec<String> = actions
                    .iter()
                    .filter_map(|a| self.hint_label(mode, a))
                    .collect();
                (!keys.is_empty()).then(|| format!("{} {what}", keys.join("/")))
            })
            .collect()
    }

    fn hint_label(&self, mode: Mode, action: &Action) -> Option<String> {
        let keys = self.keys_for(mode, action);
        let panel_key = keys.iter().find(|k| {
            matches!(k.keys(), [Key { code: KeyCode::Esc | KeyCode::Enter, modifiers }]
                if *modifiers == Default::default())
        });
        panel_key.or(keys.first()).map(|k| k.label())
    }

    /// The help screen's rows: per mode, one row per action (its keys in order) in the order
    /// the actions were first bound.
    pub fn help_rows(&self) -> Vec<HelpSection> {
        let mut sections = Vec::new();
        for mode in Mode::HELP_ORDER {
            let mut rows: Vec<HelpRow> = Vec::new();
            for b in self.bindings.iter().filter(|b| b.mode == mode) {
                match rows.iter_mut().find(|r| r.action == b.action) {
                    Some(row) => row.keys.push(b.keys.label()),
                    None => rows.push(HelpRow {
                        keys: vec![b.keys.label()],
                        action: b.action.clone(),
                        description: b.action.description_in(mode).to_string(),
                    }),
                }
            }
            if !rows.is_empty() {
                sections.push(HelpSection { mode, rows });
            }
        }
        sections
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(s: &str) -> KeySeq {
        KeySeq::parse(s).unwrap()
    }

    #[test]
    fn rebinding_replaces_in_place_and_unbinding_removes() {
        let mut map = Keymap::empty();
        map.bind(Mode::Reader, seq("q"), Action::Quit);
        map.bind(Mode::Reader, seq("x"), Action::Quit);
        map.bind(Mode::Reader, seq("q"), Action::NextPage);
        assert_eq!(
            map.lookup(Mode::Reader, Key::char('q')),
            Some(&Action::NextPage)
        );
        assert_eq!(
            map.bindings(Mode::Reader)[0].keys,
            seq("q"),
            "kept its place"
        );
        map.unbind(Mode::Reader, &seq("x"));
        assert_eq!(map.lookup(Mode::Reader, Key::char('x')), None);
        assert_eq!(map.lookup(Mode::Help, Key::char('q')), None);
    }

    #[test]
    fn sequences_wait_for_their_next_key() {
        let mut map = Keymap::empty();
        map.bind(Mode::Reader, seq("g g"), Action::BookStart);
        let g = Key::char('g');
        assert_eq!(map.sequence(Mode::Reader, &[g]), SequenceMatch::Prefix);
        assert_eq!(
            map.sequence(Mode::Reader, &[g, g]),
            SequenceMatch::Action(Action::BookStart)
        );
        assert_eq!(
            map.sequence(Mode::Reader, &[g, Key::char('x')]),
            SequenceMatch::None
        );
    }

    #[test]
    fn hints_name_the_bound_keys_only() {
        let mut map = Keymap::empty();
        map.bind(Mode::Help, seq("j"), Action::LineDown);
        map.bind(Mode::Help, seq("k"), Action::LineUp);
        map.bind(Mode::Help, seq("shift-m"), Action::Close);
        map.bind(Mode::Help, seq("esc"), Action::Close);
        map.bind(Mode::Help, seq("q"), Action::Close);
        let hints = map.hints(
            Mode::Help,
            &[
                (&[Action::LineDown, Action::LineUp], "scroll"),
                (&[Action::Close], "close"),
                (&[Action::Quit], "quit"),
            ],
        );
        assert_eq!(hints, ["j/k scroll", "Esc close"]);
        map.unbind(Mode::Help, &seq("esc"));
        assert_eq!(
            map.hints(Mode::Help, &[(&[Action::Close], "close")]),
            ["M close"]
        );
    }

    #[test]
    fn ctrl_c_quits_when_nothing_else_uses_it() {
        let ctrl_c = Key::parse("ctrl-c").expect("ctrl-c parses");
        let mut map = Keymap::empty();
        for mode in Mode::ALL {
            assert_eq!(map.lookup(mode, ctrl_c), Some(&Action::Quit), "{mode:?}");
        }
        map.bind(Mode::Reader, seq("ctrl-c"), Action::NextPage);
        assert_eq!(map.lookup(Mode::Reader, ctrl_c), Some(&Action::NextPage));
        assert_eq!(map.lookup(Mode::Reader, Key::char('c')), None);
    }
}
