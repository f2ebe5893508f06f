//! The bookmark list, the library, the file picker, the links and the footnotes popups, and the
//! highlight list. Painting only,
//! hints from the keymap; every string from a book, a bookmark name, a file name or a path
//! goes through `clean`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{clean, clear_wide_edges, cut_end, cut_middle, footer, put, width};
use crate::app::{App, ListState, Overlay};
use crate::i18n::tr;
use crate::keys::{Action, Mode};

const MISSING: Style = Style::new().fg(Color::Red);

/// A bordered box with `title` and the hints of `mode` at the bottom; returns the rows inside.
fn frame(
    app: &App,
    buf: &mut Buffer,
    title: &str,
    mode: Mode,
    hints: &[(&[Action], &str)],
) -> Rect {
    let geo = app.geometry();
    let boxr = geo.help_box();
    clear_wide_edges(buf, boxr);
    Clear.render(boxr, buf);
    let room = boxr.width.saturating_sub(2) as usize;
    Block::new()
        .borders(Borders::ALL)
        .title(cut_end(title, room))
        .title_bottom(footer(app, mode, hints, room))
        .render(boxr, buf);
    geo.help_text()
}

/// Rows `list.scroll..` of `n`, with the selected one highlighted: (row index, y, selected).
fn visible_rows(area: Rect, list: &ListState, n: usize) -> Vec<(usize, u16, bool)> {
    (list.scroll..n)
        .take(area.height as usize)
        .enumerate()
        .map(|(row, i)| (i, area.y + row as u16, i == list.selected))
        .collect()
}

/// `left` then `right` flush right, on one row of `area`.
fn two_sided(buf: &mut Buffer, area: Rect, y: u16, left: &[(String, Style)], right: &str) {
    let w = area.width as usize;
    let right_w = width(right);
    let mut x = area.x;
    let mut room = w.saturating_sub(right_w + 2);
    for (text, st) in left {
        if room == 0 {
            break;
        }
        let s = cut_end(text, room);
        let nx = put(buf, x, y, &s, room, *st);
        room = room.saturating_sub((nx - x) as usize);
        x = nx;
    }
    if right_w + 1 < w {
        put(
            buf,
            area.x + (w - right_w) as u16,
            y,
            right,
            right_w,
            Style::new(),
        );
    }
}

pub(super) fn draw_bookmarks(app: &App, buf: &mut Buffer) {
    let Overlay::Bookmarks(list) = &app.overlay else {
        return;
    };
    let rows = app.bookmark_rows();
    let area = frame(
        app,
        buf,
        &tr!(app.lang(), "title-bookmarks", count = rows.len()),
        Mode::Bookmarks,
        &[
            (&[Action::Confirm], "jump"),
            (&[Action::RenameBookmark], "rename"),
            (&[Action::DeleteBookmark], "delete"),
            (&[Action::UndoDelete], "undo"),
            (&[Action::Close], "close"),
        ],
    );
    let wide = area.width >= 50;
    for (i, y, selected) in visible_rows(area, list, rows.len()) {
        let r = &rows[i];
        let right = if wide {
            format!("{:>6}  {}", r.percent, r.date)
        } else {
            format!("{:>6}", r.percent)
        };
        let room = (area.width as usize).saturating_sub(width(&right) + 2);
        let name = clean(&r.name);
        let chapter = clean(&r.chapter);
        let mut left = vec![(name.clone(), Style::new())];
        // A default name already starts with (the start of) the chapter title.
        let head: String = chapter.chars().take(4).collect();
        if !name.starts_with(&head) {
            let chapter_room = room.saturating_sub(width(&name).min(room / 2) + 3);
            left.push((" · ".to_string(), app.theme.dim));
            left.push((cut_middle(&chapter, chapter_room), app.theme.dim));
        }
        two_sided(buf, area, y, &left, &right);
        if selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), app.theme.selected);
        }
    }
}

pub(super) fn draw_library(app: &App, buf: &mut Buffer) {
    let Overlay::Library(state) = &app.overlay else {
        return;
    };
    let title = if state.filter.is_empty() && !state.filtering {
        tr!(
            app.lang(),
            "title-library",
            count = state.rows.len(),
            order = state.sort.name(app.lang())
        )
    } else {
        let cursor = if state.filtering { "▏" } else { "" };
        tr!(
            app.lang(),
            "title-library-filter",
            shown = state.rows.len(),
            total = state.rows.len() + state.hidden.len(),
            filter = clean(&state.filter),
            cursor = cursor
        )
    };
    let area = frame(
        app,
        buf,
        &title,
        state.mode(),
        &[
            (&[Action::Confirm], "open"),
            (&[Action::DeleteBookmark], "remove"),
            (&[Action::UndoDelete], "undo"),
            (&[Action::CycleSort], "sort"),
            (&[Action::OpenPicker], "files"),
            (&[Action::Close], "close"),
        ],
    );
    let wide = area.width >= 50;
    for (i, y, selected) in visible_rows(area, &state.list, state.rows.len()) {
        let r = &state.rows[i];
        let right = if area.width >= 70 {
            format!("{} {:>4}  {}", bar(r.percent), r.progress, r.last_read)
        } else if wide {
            format!("{} {:>4}", bar(r.percent), r.progress)
        } else {
            format!("{:>4}", r.progress)
        };
        let room = (area.width as usize).saturating_sub(width(&right) + 2);
        let marker = if r.current { "▸ " } else { "  " };
        let title = cut_middle(&clean(&r.title), (room / 2).max(16));
        let title_st = if r.current {
            app.theme.current_chapter
        } else {
            Style::new()
        };
        let path_room = room.saturating_sub(width(marker) + width(&title).min(room / 2) + 2);
        let (path, path_st) = if r.missing {
            (
                cut_middle(
                    &tr!(app.lang(), "list-missing", path = clean(&r.path)),
                    path_room,
                ),
                MISSING,
            )
        } else {
            (cut_middle(&clean(&r.path), path_room), app.theme.dim)
        };
        let left = vec![
            (marker.to_string(), title_st),
            (title, title_st),
            ("  ".to_string(), Style::new()),
            (path, path_st),
        ];
        two_sided(buf, area, y, &left, &right);
        if selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), app.theme.selected);
        }
    }
}

pub(super) fn draw_links(app: &App, buf: &mut Buffer) {
    let Overlay::Links(state) = &app.overlay else {
        return;
    };
    let area = frame(
        app,
        buf,
        &tr!(app.lang(), "title-links", count = state.rows.len()),
        Mode::Links,
        &[(&[Action::Confirm], "follow"), (&[Action::Close], "close")],
    );
    for (i, y, selected) in visible_rows(area, &state.list, state.rows.len()) {
        let r = &state.rows[i];
        let room = area.width as usize;
        let text = cut_end(&clean(&r.text), (room / 2).max(8));
        let target_room = room.saturating_sub(width(&text) + 3);
        let left = vec![
            (text, app.theme.link),
            ("  ".to_string(), Style::new()),
            (
                cut_middle(&clean(&r.target_text()), target_room),
                app.theme.dim,
            ),
        ];
        two_sided(buf, area, y, &left, "");
        if selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), app.theme.selected);
        }
    }
}

/// The footnotes: a box as wide as the help, only as tall as the notes need (at most the
/// help's height, then it scrolls), standing on the status bar like a page's foot.
pub(super) fn draw_notes(app: &App, buf: &mut Buffer) {
    let Overlay::Notes(state) = &app.overlay else {
        return;
    };
    let lang = app.lang();
    let title = match (&state.title, state.rows.len()) {
        (Some(t), n) => tr!(lang, "title-counted", title = t, count = n),
        (None, 1) => tr!(lang, "title-footnote"),
        (None, n) => tr!(lang, "title-footnotes", count = n),
    };
    let lines = app.notes_lines();
    let full = app.geometry().help_box();
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(full.height);
    let boxr = Rect::new(full.x, full.bottom().saturating_sub(h), full.width, h);
    clear_wide_edges(buf, boxr);
    Clear.render(boxr, buf);
    let room = boxr.width.saturating_sub(2) as usize;
    let hints: &[(&[Action], &str)] = &[
        (&[Action::LineDown, Action::LineUp], "scroll"),
        (&[Action::Close], "close"),
    ];
    Block::new()
        .borders(Borders::ALL)
        .title(cut_end(&title, room))
        .title_bottom(footer(app, Mode::Notes, hints, room))
        .render(boxr, buf);
    let area = crate::app::geometry::inner(boxr);
    let w = area.width as usize;
    for (row, line) in lines
        .iter()
        .skip(state.scroll)
        .take(area.height as usize)
        .enumerate()
    {
        let y = area.y + row as u16;
        put(buf, area.x, y, &cut_end(&clean(line), w), w, Style::new());
    }
}

/// Progress as a bar of ten cells, one per tenth read.
fn bar(percent: u8) -> String {
    let full = (percent.min(100) as usize + 5) / 10;
    format!("{}{}", "█".repeat(full), "░".repeat(10 - full))
}

pub(super) fn draw_picker(app: &App, buf: &mut Buffer) {
    let Overlay::Picker(p) = &app.overlay else {
        return;
    };
    let dir = clean(&p.dir.display().to_string());
    let room = app.geometry().help_box().width.saturating_sub(14) as usize;
    let area = frame(
        app,
        buf,
        &tr!(app.lang(), "title-open", folder = cut_middle(&dir, room)),
        Mode::Picker,
        &[
            (&[Action::Confirm], "open"),
            (&[Action::DeleteBack], "up"),
            (&[Action::Close], "close"),
        ],
    );
    let w = area.width as usize;
    // The typed line: a filter, or a path to go to.
    let typed = if p.filter.is_empty() {
        (tr!(app.lang(), "list-picker-typed"), app.theme.dim)
    } else {
        (format!("› {}", clean(&p.filter)), Style::new())
    };
    put(buf, area.x, area.y, &cut_end(&typed.0, w), w, typed.1);
    let rows = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    if p.shown.is_empty() {
        let what = if p.entries.is_empty() {
            tr!(app.lang(), "list-empty-folder")
        } else {
            tr!(app.lang(), "list-nothing-matches")
        };
        put(buf, rows.x, rows.y, &what, w, app.theme.dim);
    }
    for (i, y, selected) in visible_rows(rows, &p.list, p.shown.len()) {
        let e = &p.entries[p.shown[i]];
        let name = clean(&e.name);
        let (left, right, st) = match (&e.book, e.is_dir) {
            (_, true) => (format!("{name}/"), String::new(), app.theme.heading),
            (Some(kind), _) => (name, kind.clone(), Style::new()),
            (None, _) => (name, String::new(), app.theme.dim),
        };
        let marker = if e.book.is_some() { "• " } else { "  " };
        two_sided(
            buf,
            rows,
            y,
            &[(marker.to_string(), st), (left, st)],
            &right,
        );
        if selected {
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), app.theme.selected);
        }
    }
}

/// The highlights and their notes: the note mark, the quote, the note's first line, the
/// chapter (or that the words are gone) on the right.
pub(super) fn draw_highlights(app: &App, buf: &mut Buffer) {
    let Overlay::Highlights(state) = &app.overlay else {
        return;
    };
    let rows = app.highlight_rows_shown();
    let lang = app.lang();
    let title = if state.filter.is_empty() && !state.filtering {
        tr!(lang, "title-highlights", count = rows.len())
    } else {
        let all = app.highlight_rows().len();
        let cursor = if state.filtering { "▏" } else { "" };
        tr!(
            lang,
            "title-highlights-filter",
            shown = rows.len(),
            total = all,
            filter = clean(&state.filter),
            cursor = cursor
        )
    };
    let mode = state.mode();
    let hints: &[(&[Action], &str)] = if state.filtering {
        &[(&[Action::Confirm], "jump"), (&[Action::Close], "done")]
    } else {
        &[
            (&[Action::Confirm], "jump"),
            (&[Action::EditNote], "note"),
            (&[Action::DeleteBookmark], "delete"),
            (&[Action::UndoDelete], "undo"),
            (&[Action::StartFilter], "filter"),
            (&[Action::Close], "close"),
        ]
    };
    let area = frame(app, buf, &title, mode, hints);
    if rows.is_empty() {
        let w = area.width as usize;
        let text = tr!(lang, "list-no-highlight-matches");
        put(buf, area.x, area.y, &text, w, app.theme.dim);
    }
    for (i, y, selected) in visible_rows(area, &state.list, rows.len()) {
        let r = &rows[i];
        // A narrow list gives the quote the room: the chapter goes, "orphaned" stays short.
        let wide = area.width >= 50;
        let (right, right_st) = match (r.orphaned, wide) {
            (true, true) => (tr!(lang, "list-orphaned-long"), MISSING),
            (true, false) => (tr!(lang, "list-orphaned"), MISSING),
            // Chapter numbers come first in a title: keep the start.
            (false, true) => (cut_end(&clean(&r.chapter), 20), app.theme.dim),
            (false, false) => (String::new(), app.theme.dim),
        };
        let room = (area.width as usize).saturating_sub(width(&right) + 2);
        let mark = if r.note.is_some() { "✎ " } else { "  " };
        let quote = clean(&r.quote.split_whitespace().collect::<Vec<_>>().join(" "));
        let note = r
            .note
            .as_deref()
            .and_then(|n| n.lines().find(|l| !l.trim().is_empty()))
            .map(|l| clean(l.trim()))
            .unwrap_or_default();
        let quote_room = if note.is_empty() {
            room.saturating_sub(4)
        } else {
            (room / 2).max(12)
        };
        let quote = format!("“{}”", cut_end(&quote, quote_room.saturating_sub(2)));
        let mut left = vec![(mark.to_string(), app.theme.heading), (quote, Style::new())];
        if !note.is_empty() {
            left.push(("  ".to_string(), Style::new()));
            left.push((note, app.theme.dim));
        }
        // The right part's room is kept free, then painted in its own style.
        two_sided(buf, area, y, &left, &" ".repeat(width(&right)));
        let rx = area.x + area.width.saturating_sub(width(&right) as u16);
        if width(&right) + 1 < area.width as usize {
            put(buf, rx, y, &right, width(&right), right_st);
        }
        if selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), app.theme.selected);
        }
    }
}
