//! The note editor popup and the note marks beside the page's lines. Painting only: the
//! editor's rows and cursor, and where marks go, are computed by `app::annotations`; hints
//! come from the keymap; the note and the quote go through `clean`.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{clean, clear_wide_edges, cut_end, footer, put};
use crate::app::App;
use crate::app::annotations::{EDITOR_MODE, editor_box, editor_text_area};
use crate::i18n::tr;
use crate::keys::Action;

/// The mark beside a line where a highlight with a note ends.
pub const NOTE_MARK: &str = "✎";

/// A ✎ right of each line where a note ends (when the app puts marks there), a cell apart
/// from the text when the margin has room.
pub(super) fn draw_note_marks(app: &App, buf: &mut Buffer) {
    let columns = &app.geometry().columns;
    for (col, row) in app.note_marks() {
        let Some(rect) = columns.get(col) else {
            continue;
        };
        // A cell apart from the text when there is room for it.
        let x = match rect.right().saturating_add(1) {
            x if x < buf.area.right() => x,
            _ => rect.right(),
        };
        let y = rect.y + row as u16;
        if x < buf.area.right() && y < rect.bottom() {
            put(buf, x, y, NOTE_MARK, 1, app.theme.current_chapter);
        }
    }
}

/// The note editor over the page: the quote, then the note; returns where the cursor is.
pub(super) fn draw_note_editor(app: &App, buf: &mut Buffer) -> Option<(u16, u16)> {
    let ed = app.note_editor()?;
    let (rows, (row, col)) = app.note_editor_rows()?;
    let screen = app.geometry().screen;
    let boxr = editor_box(screen);
    clear_wide_edges(buf, boxr);
    Clear.render(boxr, buf);
    let room = boxr.width.saturating_sub(2) as usize;
    let mut hints: Vec<(&[Action], &str)> = vec![
        (&[Action::Confirm], "save"),
        (&[Action::Close], "cancel"),
        (&[Action::NewLine], "new-line"),
    ];
    if app.has_external_editor() {
        hints.push((&[Action::ExternalEditor], "editor"));
    }
    let title = tr!(app.lang(), "title-note", chapter = clean(&ed.chapter));
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(cut_end(&title, room))
        .title_bottom(footer(app, EDITOR_MODE, &hints, room))
        .render(boxr, buf);
    let inner = crate::app::geometry::inner(boxr);
    let w = inner.width as usize;
    let quote = clean(&ed.quote.split_whitespace().collect::<Vec<_>>().join(" "));
    let quote = format!("“{}”", cut_end(&quote, w.saturating_sub(2)));
    put(buf, inner.x, inner.y, &quote, w, app.theme.dim);
    let area = editor_text_area(screen);
    if ed.note.text.is_empty() {
        let placeholder = tr!(app.lang(), "note-placeholder");
        put(buf, area.x, area.y, &placeholder, w, app.theme.dim);
    }
    for (i, text) in rows.iter().enumerate() {
        let y = area.y + i as u16;
        put(buf, area.x, y, &clean(text), w, Style::new());
    }
    (area.height > 0).then(|| (area.x + col as u16, area.y + row as u16))
}
