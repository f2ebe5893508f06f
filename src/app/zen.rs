//! Zen mode and how long a message stays on screen.
//!
//! Zen hides the status bar and gives its row to the text (one more line a page; the top of
//! the screen stays on the same words when it is toggled). Messages and prompts still show on
//! that row, over the last line of text, and a message goes away by itself: an information
//! message after `MESSAGE_TIME` (in zen and out of it, as a reader expects a note like "copied
//! 12 characters" to clear), an error after `ERROR_TIME` in zen and at the next key otherwise
//! (the status bar is the reader's own row there, and an error should not go unseen).
//!
//! Time is passed in (`App::tick_at(now)`), never read here, so tests are deterministic. No
//! drawing and no terminal type here.

use std::time::{Duration, Instant};

use super::{App, Message};
use crate::i18n::tr;
use crate::keys::{Action, Mode};

/// How long an information message stays.
pub const MESSAGE_TIME: Duration = Duration::from_secs(4);
/// How long an error stays in zen (outside zen: until the next key).
pub const ERROR_TIME: Duration = Duration::from_secs(8);

/// When the message on screen was first seen by a tick.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct MessageClock {
    /// When the current message was first seen by a tick (`None`: not yet, or a new one).
    since: Option<Instant>,
    /// The time of the last tick.
    last_tick: Option<Instant>,
}

impl MessageClock {
    /// A message was set or may have changed: its time starts at the next tick.
    pub(super) fn restart(&mut self) {
        self.since = None;
    }
}

impl App {
    /// The zen key: hide the status bar and give its row to the text, or show it again.
    pub(super) fn toggle_zen(&mut self) {
        self.zen = !self.zen;
        let screen = self.geometry.screen;
        self.relayout(screen.width, screen.height);
        let key = self.keymap.key_label(Mode::Reader, &Action::ToggleZen);
        let text = match (self.zen, key) {
            (true, Some(k)) => tr!(self.lang(), "msg-zen-on-key", key = k),
            (true, None) => tr!(self.lang(), "msg-zen-on"),
            (false, _) => tr!(self.lang(), "msg-zen-off"),
        };
        self.set_message(text, false);
    }

    /// How long `m` stays on screen (`None`: until the next key).
    fn message_lifetime(&self, m: &Message) -> Option<Duration> {
        match (m.error, self.zen) {
            (false, _) => Some(MESSAGE_TIME),
            (true, true) => Some(ERROR_TIME),
            (true, false) => None,
        }
    }

    /// The tick: start the clock of a new message, or take away one whose time is up. True
    /// when the message went away (the screen changed).
    pub(super) fn expire_message(&mut self, now: Instant) -> bool {
        self.message_clock.last_tick = Some(now);
        let Some(lifetime) = self.message().and_then(|m| self.message_lifetime(m)) else {
            return false;
        };
        match self.message_clock.since {
            None => {
                self.message_clock.since = Some(now);
                false
            }
            Some(since) if now.saturating_duration_since(since) >= lifetime => {
                self.reader.clear_message();
                self.message_clock.since = None;
                true
            }
            Some(_) => false,
        }
    }

    /// How soon the next tick must come for the message on screen (`None`: no message that
    /// goes away by itself).
    pub(super) fn message_tick_interval(&self) -> Option<Duration> {
        let lifetime = self.message().and_then(|m| self.message_lifetime(m))?;
        match (self.message_clock.since, self.message_clock.last_tick) {
            (Some(since), Some(last)) => {
                Some(lifetime.saturating_sub(last.saturating_duration_since(since)))
            }
            // A new message: tick at once to start its clock.
            _ => Some(Duration::ZERO),
        }
    }
}
