//! The table of contents, the search results and the help screen. Painting only; titles from the book go through
//! `clean`, and the footers are read from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{clean, clear_wide_edges, cut_end, cut_middle, footer, put, width};
use crate::app::{App, HelpLine, Overlay};
use crate::i18n::tr;
use crate::keys::{Action, Mode};

/// The box the contents and the search results are listed in: cleared, framed, titled, with
/// the footer's hints from the keymap. Returns the area for the rows.
fn list_box(
    app: &App,
    buf: &mut Buffer,
    title: &str,
    mode: Mode,
    hints: &[(&[Action], &str)],
) -> Rect {
    let geo = app.geometry();
    let boxr = geo.toc_box();
    clear_wide_edges(buf, boxr);
    Clear.render(boxr, buf);
    Block::new()
        .borders(Borders::ALL)
        .style(app.theme.body)
        .border_style(app.theme.border)
        .title(cut_end(title, boxr.width.saturating_sub(2) as usize))
        .title_bottom(footer(
            app,
            mode,
            hints,
            boxr.width.saturating_sub(2) as usize,
        ))
        .render(boxr, buf);
    geo.toc_list()
}

pub(super) fn draw_toc(app: &App, buf: &mut Buffer) {
    let Overlay::Toc(t) = &app.overlay else {
        return;
    };
    let title = if t.filtering || !t.filter.is_empty() {
        tr!(
            app.lang(),
            "title-contents-filter",
            filter = clean(&t.filter)
        )
    } else {
        tr!(app.lang(), "title-contents", count = t.entries.len())
    };
    let hints: &[(&[Action], &str)] = &[
        (&[Action::Confirm], "jump"),
        (&[Action::StartFilter], "filter"),
        (&[Action::FoldVolume, Action::UnfoldVolume], "fold"),
        (&[Action::Close], "close"),
    ];
    let list = list_box(app, buf, &title, t.mode(), hints);
    let w = list.width as usize;
    if t.entries.is_empty() {
        put(
            buf,
            list.x,
            list.y,
            &cut_end(&tr!(app.lang(), "list-no-chapter-matches"), w),
            w,
            app.theme.dim,
        );
    }
    let numbers = app.chapter_numbers();
    let labels: Vec<String> = t
        .entries
        .iter()
        .skip(t.list.scroll)
        .take(list.height as usize)
        .map(|&ch| numbers.label(ch).unwrap_or_default())
        .collect();
    let num_w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let chapters = &app.doc().chapters;
    for (row, (idx, &ch)) in t
        .entries
        .iter()
        .enumerate()
        .skip(t.list.scroll)
        .take(list.height as usize)
        .enumerate()
    {
        let y = list.y + row as u16;
        let Some(c) = app.doc().chapters.get(ch) else {
            continue;
        };
        let current = ch == app.top().chapter;
        let marker = if current { "▸ " } else { "  " };
        let indent = "  ".repeat((c.level.max(1) - 1) as usize);
        // A volume shows whether its chapters are folded away.
        let fold = match crate::app::toc::is_volume(chapters, ch) {
            true if t.folded.contains(&ch) && t.filter.is_empty() => "+ ",
            true => "- ",
            false => "",
        };
        let label = labels.get(row).map(String::as_str).unwrap_or("");
        let number = if num_w > 0 {
            format!("{label:>num_w$} ")
        } else {
            String::new()
        };
        let lead = format!("{marker}{number}{indent}{fold}");
        let room = w.saturating_sub(width(&lead));
        let title = clean(&app.chapter_title(ch));
        let text = format!("{lead}{}", cut_middle(&title, room));
        let mut st = if current {
            app.theme.current_chapter
        } else {
            Style::new()
        };
        if idx == t.list.selected {
            st = st.patch(app.theme.selected);
            buf.set_style(Rect::new(list.x, y, list.width, 1), app.theme.selected);
        }
        put(buf, list.x, y, &text, w, st);
    }
}

/// The search results: chapter, then the line with the match highlighted.
pub(super) fn draw_results(app: &App, buf: &mut Buffer) {
    let Overlay::Results(t) = &app.overlay else {
        return;
    };
    let query = app.search.as_ref().map_or("", |s| s.query.as_str());
    let title = if t.filtering || !t.filter.is_empty() {
        tr!(
            app.lang(),
            "title-matches-filter",
            query = clean(query),
            filter = clean(&t.filter)
        )
    } else {
        tr!(
            app.lang(),
            "title-matches",
            query = clean(query),
            count = t.entries.len()
        )
    };
    let hints: &[(&[Action], &str)] = &[
        (&[Action::Confirm], "jump"),
        (&[Action::StartFilter], "filter"),
        (&[Action::Close], "close"),
    ];
    let list = list_box(app, buf, &title, t.mode(), hints);
    let w = list.width as usize;
    if t.entries.is_empty() {
        put(
            buf,
            list.x,
            list.y,
            &cut_end(&tr!(app.lang(), "list-no-match"), w),
            w,
            app.theme.dim,
        );
    }
    let chapter_w = (w / 3).clamp(4, 24);
    for (row, (idx, &m)) in t
        .entries
        .iter()
        .enumerate()
        .skip(t.list.scroll)
        .take(list.height as usize)
        .enumerate()
    {
        let y = list.y + row as u16;
        let Some(r) = app.result_row(m) else {
            continue;
        };
        let selected = idx == t.list.selected;
        let base = if selected {
            buf.set_style(Rect::new(list.x, y, list.width, 1), app.theme.selected);
            app.theme.selected
        } else {
            Style::new()
        };
        let chapter = cut_middle(&clean(&r.chapter), chapter_w);
        put(
            buf,
            list.x + 1,
            y,
            &chapter,
            chapter_w,
            base.patch(app.theme.dim),
        );
        let room = w.saturating_sub(chapter_w + 2);
        // The match stays in view: the context before it gives way first.
        let matched = clean(&r.matched);
        let after = clean(&r.after);
        let before_room = room.saturating_sub(width(&matched) + width(&after).min(room / 3));
        let before = clean(&r.before);
        let before: String = {
            let rev: String = before.chars().rev().collect();
            cut_end(&rev, before_room).chars().rev().collect()
        };
        let x0 = list.x + 2 + chapter_w as u16;
        let end = list.x as usize + w;
        let x1 = put(buf, x0, y, &before, room, base);
        let room1 = end.saturating_sub(x1 as usize);
        let x2 = put(
            buf,
            x1,
            y,
            &matched,
            room1,
            base.patch(app.theme.current_match),
        );
        let room2 = end.saturating_sub(x2 as usize);
        put(buf, x2, y, &cut_end(&after, room2), room2, base);
    }
}

pub(super) fn draw_help(app: &App, buf: &mut Buffer) {
    let Overlay::Help { scroll } = app.overlay else {
        return;
    };
    let geo = app.geometry();
    let boxr = geo.help_box();
    clear_wide_edges(buf, boxr);
    Clear.render(boxr, buf);
    Block::new()
        .borders(Borders::ALL)
        .style(app.theme.body)
        .border_style(app.theme.border)
        .title(tr!(app.lang(), "help-title"))
        .title_bottom(footer(
            app,
            Mode::Help,
            &[
                (&[Action::LineDown, Action::LineUp], "scroll"),
                (&[Action::Close], "close"),
            ],
            boxr.width.saturating_sub(2) as usize,
        ))
        .render(boxr, buf);
    let area = geo.help_text();
    let w = area.width as usize;
    let lines = app.help_lines();
    let keys_w = app.help_keys_width();
    for (row, line) in lines
        .iter()
        .skip(scroll)
        .take(area.height as usize)
        .enumerate()
    {
        let y = area.y + row as u16;
        match line {
            HelpLine::Section(s) => {
                put(buf, area.x, y, &cut_end(s, w), w, app.theme.heading);
            }
            HelpLine::Row { keys, description } if description.is_empty() => {
                let room = w.saturating_sub(1);
                let k = cut_end(keys, room);
                put(buf, area.x + 1, y, &k, room, app.theme.current_chapter);
            }
            HelpLine::Row { keys, description } => {
                let k = cut_end(keys, keys_w);
                put(buf, area.x + 1, y, &k, keys_w, app.theme.current_chapter);
                let x = area.x as usize + 1 + keys_w + 2;
                let room = (area.x as usize + w).saturating_sub(x);
                put(
                    buf,
                    x as u16,
                    y,
                    &cut_end(description, room),
                    room,
                    Style::new(),
                );
            }
            HelpLine::Detail(s) => {
                let room = w.saturating_sub(4);
                put(buf, area.x + 4, y, &cut_end(s, room), room, Style::new());
            }
            HelpLine::Note(s) => {
                put(buf, area.x, y, &cut_end(s, w), w, app.theme.dim);
            }
            HelpLine::Blank => {}
        }
    }
}
