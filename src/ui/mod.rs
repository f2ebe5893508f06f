//! `draw(&App, frame)`: paints what the app has already computed. No state changes, and no key
//! name written here: every hint is read from the app's keymap (`footer`). Pages and the status
//! bar are painted here, the contents and help in `panels`, the bookmark list, the library,
//! the file picker and the highlight list in `shelf`, the note editor and the note marks in
//! `annotations`.
//!
//! Book text is painted glyph by glyph from `layout::line_glyphs` (which never contain control
//! characters); every other string that comes from the book (titles in the table of contents and
//! the status bar, the search prompt) goes through `clean` first.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Overlay, PromptKind, ViewLine};
use crate::config::StatusItem;
use crate::i18n::{Lang, tr};
use crate::keys::{Action, Mode};
use crate::layout::width::is_unsafe_char;
use crate::layout::{LineKind, Paint};

mod annotations;
mod panels;
mod shelf;

/// The default theme's styles (kept under this name for drawing code written before themes;
/// new code should paint with `app.theme`).
pub use crate::app::theme::defaults as style;

/// Paint the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let geo = app.geometry();
    if geo.too_small || area.width < geo.screen.width || area.height < geo.screen.height {
        draw_too_small(area, buf, app.lang());
        return;
    }
    // The page colour of the theme under everything (nothing to do for the terminal's own).
    buf.set_style(area, app.theme.body);
    for (rect, lines) in geo.columns.iter().zip(&app.view().columns) {
        draw_column(app, *rect, lines, buf);
    }
    annotations::draw_note_marks(app, buf);
    match &app.overlay {
        Overlay::Toc(_) => panels::draw_toc(app, buf),
        Overlay::Help { .. } => panels::draw_help(app, buf),
        Overlay::Bookmarks(_) => shelf::draw_bookmarks(app, buf),
        Overlay::Library(_) => shelf::draw_library(app, buf),
        Overlay::Links(_) => shelf::draw_links(app, buf),
        Overlay::Notes(_) => shelf::draw_notes(app, buf),
        Overlay::Picker(_) => shelf::draw_picker(app, buf),
        Overlay::Results(_) => panels::draw_results(app, buf),
        Overlay::Highlights(_) => shelf::draw_highlights(app, buf),
        Overlay::None => {}
    }
    let editor_cursor = annotations::draw_note_editor(app, buf);
    if let Some((x, y)) = draw_status(app, buf).or(editor_cursor) {
        frame.set_cursor_position((x, y));
    }
}

/// Replace control characters (which could drive the terminal) and line separators with a
/// visible placeholder, and clusters terminals measure differently (emoji with modifiers,
/// flags, conjoining jamo) with steady ones: the same the layout does for the page.
pub fn clean(s: &str) -> String {
    crate::layout::width::steady_text(s)
        .chars()
        .map(|c| if is_unsafe_char(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// Display width in cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` cells, ending with … when something was cut.
pub fn cut_end(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cut `s` to at most `max` cells by dropping its middle (keeps e.g. the 【篇三】 at the end of a
/// long title that shares its beginning with its neighbours).
pub fn cut_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max < 8 {
        return cut_end(s, max);
    }
    let tail_w = (max - 1) / 2;
    let head_w = max - 1 - tail_w;
    let mut head = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > head_w {
            break;
        }
        head.push(c);
        used += w;
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used_t = 0;
    for c in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used_t + w > tail_w {
            break;
        }
        tail.push(c);
        used_t += w;
    }
    tail.reverse();
    let mut out = head;
    out.push('…');
    out.extend(tail);
    out
}

/// Before painting a box over the text: a wide glyph just left of the box would hang into it
/// (and hide the border), so replace such glyphs with a space.
fn clear_wide_edges(buf: &mut Buffer, r: Rect) {
    if r.x == 0 {
        return;
    }
    for y in r.y..r.y.saturating_add(r.height).min(buf.area.bottom()) {
        let cell = &mut buf[(r.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// Write `s` (already clean) at (x, y), at most `max` cells; returns the x after it.
fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    buf.set_stringn(x, y, s, max, style).0
}

/// A panel's bottom line: hints read from the keymap, as many whole ones as fit in `room`
/// cells (never a hint cut in half), like ` Enter jump · Esc close `.
pub(crate) fn footer(app: &App, mode: Mode, items: &[(&[Action], &str)], room: usize) -> String {
    let mut out = String::new();
    for hint in app.hints(mode, items) {
        let sep = if out.is_empty() { " " } else { " · " };
        if width(&out) + width(sep) + width(&hint) + 1 > room {
            break;
        }
        out.push_str(sep);
        out.push_str(&hint);
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out
}

fn draw_column(app: &App, rect: Rect, lines: &[ViewLine], buf: &mut Buffer) {
    let right = rect.x + rect.width;
    // The selection and the highlights on the page.
    let marks = app.page_marks();
    for (row, line) in lines.iter().enumerate().take(rect.height as usize) {
        let y = rect.y + row as u16;
        if line.kind == LineKind::Blank {
            continue;
        }
        let mut line_base = if line.kind == LineKind::Heading {
            app.theme.heading
        } else {
            app.theme.body
        };
        if line.carried {
            // Kept from the page before (`page_overlap`): dimmed, so the new text stands out.
            line_base = line_base.patch(app.theme.dim);
        }
        let text = app.doc().chapter_text(line.chapter);
        let mut x = rect.x;
        for (i, g) in line.glyphs.iter().enumerate() {
            if g.width == 0 {
                continue;
            }
            let base = if line.heading.contains(&g.offset) && !g.text.trim().is_empty() {
                app.theme.heading
            } else {
                line_base
            };
            let paint = line.glyphs.paint(i);
            let base = painted(app, base, paint);
            if x as usize + g.width > right as usize {
                break;
            }
            // Through a view (converted, cleaned, vertical) a glyph shows other characters than
            // the source holds at its offset; any visible one may carry a match there.
            let from_text = !paint.contains(Paint::DECORATION)
                && (text.get(g.offset..).is_some_and(|t| t.starts_with(g.text))
                    || (!app.display().is_plain() && !g.text.trim().is_empty()));
            let style = match from_text
                .then(|| app.match_at(line.chapter_start + g.offset))
                .flatten()
            {
                Some(true) => base.patch(app.theme.current_match),
                Some(false) => base.patch(app.theme.matched),
                None => base,
            };
            let style = match from_text && !marks.is_empty() {
                true => marks.patch(style, &app.theme, line.chapter_start + g.offset),
                false => style,
            };
            let sym = if g.text.chars().any(is_unsafe_char) {
                "\u{FFFD}"
            } else {
                g.text
            };
            if sym.len() > 1 && sym.is_ascii() {
                // A placeholder like `^[`: one character per cell. Held in one cell, ratatui
                // would take it for a single wide character and skip the next cell when it
                // repaints, leaving a stray `[` on screen under a popup.
                for (k, c) in sym.chars().take(g.width).enumerate() {
                    let mut tmp = [0u8; 4];
                    buf[(x + k as u16, y)]
                        .set_symbol(c.encode_utf8(&mut tmp))
                        .set_style(style);
                }
                for k in sym.len()..g.width {
                    buf[(x + k as u16, y)].reset();
                    buf[(x + k as u16, y)].set_style(style);
                }
                x += g.width as u16;
                continue;
            }
            buf[(x, y)].set_symbol(sym).set_style(style);
            // Cells the glyph covers. When layout counts more cells than ratatui would (an
            // ambiguous-width character on a terminal set to draw it wide), the extra cells are
            // left alone so the terminal's own rendering of the glyph is not overwritten.
            let own = width(sym).max(1);
            for k in 1..g.width {
                let cell = &mut buf[(x + k as u16, y)];
                cell.reset();
                cell.set_style(style);
                if k >= own {
                    cell.set_diff_option(ratatui::buffer::CellDiffOption::Skip);
                }
            }
            x += g.width as u16;
        }
    }
}

/// `base` with the styles of a glyph's paint (spans and decoration of a structured book).
fn painted(app: &App, base: Style, paint: Paint) -> Style {
    let t = &app.theme;
    [
        (Paint::DECORATION, t.decoration),
        (Paint::EMPHASIS, t.emphasis),
        (Paint::STRONG, t.strong),
        (Paint::STRIKE, t.strike),
        (Paint::CODE, t.code),
        (Paint::LINK, t.link),
    ]
    .iter()
    .filter(|(p, _)| paint.contains(*p))
    .fold(base, |s, (_, with)| s.patch(*with))
}

fn draw_too_small(area: Rect, buf: &mut Buffer, lang: Lang) {
    let w = area.width as usize;
    let h = area.height as usize;
    // Word-wrap the notice to the width; cut what still does not fit.
    let opts = textwrap::Options::new(w.max(1)).break_words(false);
    let (ask, least) = (tr!(lang, "small-enlarge"), tr!(lang, "small-at-least"));
    let lines: Vec<String> = ["kanshu", ask.as_str(), least.as_str()]
        .iter()
        .flat_map(|para| textwrap::wrap(para, &opts))
        .map(|l| l.into_owned())
        .collect();
    let mut lines = lines;
    if lines.len() > h {
        // Keep the request itself, dropping the name and the detail first.
        lines.retain(|l| !l.starts_with("kanshu") && !l.starts_with(['(', '（']));
    }
    let top = h.saturating_sub(lines.len()) / 2;
    for (i, l) in lines.iter().enumerate().take(h) {
        let s = cut_end(l, w);
        let x = (w.saturating_sub(width(&s))) / 2;
        put(
            buf,
            area.x + x as u16,
            area.y + (top + i) as u16,
            &s,
            w,
            Style::new(),
        );
    }
}

/// The status bar; returns the cursor position when a prompt is open.
fn draw_status(app: &App, buf: &mut Buffer) -> Option<(u16, u16)> {
    let rect = app.geometry().status;
    let w = rect.width as usize;
    if app.zen && app.prompt.is_none() && app.message().is_none() {
        // Zen: the row is left to the page colour until the zen key is pressed again.
        return None;
    }
    // In zen the row holds a line of text under the message: clear it first.
    for x in rect.left()..rect.right() {
        buf[(x, rect.y)].reset();
    }
    buf.set_style(rect, app.theme.status);
    let y = rect.y;
    let shows = |item| app.settings().status.contains(&item);

    // Right part: count, match counter, bookmark marker, time left, page, percent.
    let mut right: Vec<String> = Vec::new();
    if let Some(c) = app.count() {
        right.push(c.to_string());
    }
    right.extend(app.selection_status());
    if let Some(s) = &app.search {
        let total = s.matches.ranges.len();
        match s.current {
            Some(_) if s.counting && app.search_pending() => {
                right.push(tr!(app.lang(), "status-counting"))
            }
            Some(_) if s.counting => {}
            Some(k) => right.push(tr!(app.lang(), "status-match", n = k + 1, total = total)),
            None if s.counting => right.push(tr!(app.lang(), "status-searching")),
            None if !s.query.is_empty() => right.push(tr!(app.lang(), "status-no-match")),
            None => {}
        }
    }
    if app.page_has_bookmark() {
        right.push("★".into());
    }
    if let Some(n) = app.notes_on_page_for_status() {
        right.push(format!("✎{n}"));
    }
    let (chapter_left, book_left) = (
        shows(StatusItem::TimeLeftChapter),
        shows(StatusItem::TimeLeftBook),
    );
    let mut time_left = None;
    if chapter_left || book_left {
        let (ch, bk) = app.time_left();
        let lang = app.lang();
        let say = |d| crate::app::pace::describe(d, lang);
        time_left = Some(match (chapter_left, book_left) {
            (true, true) => tr!(lang, "status-left-both", chapter = say(ch), book = say(bk)),
            (true, false) => tr!(lang, "status-left-chapter", time = say(ch)),
            _ => tr!(lang, "status-left-book", time = say(bk)),
        });
    }
    let mut tail: Vec<String> = Vec::new();
    let view = app.view();
    if !view.pages.is_empty() && shows(StatusItem::Page) {
        let pages = match view.pages.as_slice() {
            // Lowest first, as the single page counts (vertical spreads list them reversed).
            [a, b, ..] if a != b => format!("{}-{}/{}", a.min(b), a.max(b), view.page_count),
            [a, ..] => format!("{a}/{}", view.page_count),
            [] => String::new(),
        };
        tail.push(pages);
    }
    if shows(StatusItem::Percent) {
        tail.push(format!("{:.0}%", app.shown_percent().floor()));
    }
    if app.zen {
        // Zen shows only the message or the prompt.
        right.clear();
        tail.clear();
        time_left = None;
    }
    let (title, chapter) = if app.prompt.is_some() || app.message().is_some() {
        (String::new(), String::new())
    } else {
        let title = if shows(StatusItem::Title) {
            clean(&app.display().view.apply_to_title(&app.doc().title))
        } else {
            String::new()
        };
        let chapter = if shows(StatusItem::Chapter) {
            clean(&app.status_chapters())
        } else {
            String::new()
        };
        (title, chapter)
    };
    let left_wants = match (&app.prompt, app.message()) {
        // Typing needs the room: the time left gives way.
        (Some(_), _) => Some(w),
        (None, Some(m)) => Some(width(&clean(&m.text))),
        (None, None) => None,
    };
    let fit = fit_status(w, &right, time_left, &tail, &title, &chapter, left_wants);
    let right = cut_end(&fit.right, w.saturating_sub(1));
    let right_w = width(&right);
    let left_max = w.saturating_sub(right_w + 3);

    let mut cursor = None;
    if let Some(p) = &app.prompt {
        let lead = match p.kind {
            PromptKind::Search { backward: false } => "/",
            PromptKind::Search { backward: true } => "?",
            PromptKind::Command => ":",
            PromptKind::BookmarkName => &tr!(app.lang(), "prompt-bookmark-name"),
            PromptKind::RenameBookmark => &tr!(app.lang(), "prompt-rename"),
        };
        let mut flags = String::new();
        if matches!(p.kind, PromptKind::Search { .. }) {
            flags.push_str(&app.search_flags());
        }
        // Why the regex cannot be searched for: after the flags, in the room the query leaves
        // (cut first, so the typed query always shows; Enter puts it whole in the status bar).
        let error = app
            .search
            .as_ref()
            .and_then(|s| s.error.as_ref())
            .map(|e| format!(" {}", clean(&app.pattern_error_text(e))));
        // Show the end of a long query (where the typing happens).
        let text = clean(&p.text);
        let room = left_max.saturating_sub(width(lead) + width(&flags) + 1);
        let shown = if width(&text) > room {
            let rev: String = text.chars().rev().collect();
            let cut: String = cut_end(&rev, room).chars().rev().collect();
            cut
        } else {
            text
        };
        let x = put(buf, rect.x + 1, y, lead, w, app.theme.status);
        let x = put(buf, x, y, &shown, room, app.theme.status);
        let after = width(&clean(app.prompt_cursor_back())).min(width(&shown)) as u16;
        cursor = Some((x.saturating_sub(after), y));
        if p.kind == PromptKind::BookmarkName && p.text.is_empty() {
            // What Enter alone gives.
            let hint = cut_end(&clean(&app.default_bookmark_name()), room);
            put(
                buf,
                x,
                y,
                &hint,
                room,
                app.theme.status.patch(app.theme.dim),
            );
        }
        let x = put(
            buf,
            x,
            y,
            &flags,
            left_max.saturating_sub((x - rect.x) as usize),
            app.theme.status,
        );
        if let Some(e) = error {
            let room = left_max.saturating_sub((x - rect.x) as usize);
            put(buf, x, y, &cut_end(&e, room), room, app.theme.status_error);
        }
    } else if let Some(m) = app.message() {
        let st = if m.error {
            app.theme.status_error
        } else {
            app.theme.status
        };
        let text = cut_end(&clean(&m.text), left_max);
        put(buf, rect.x + 1, y, &text, left_max, st);
    } else {
        let left = fit.left;
        put(buf, rect.x + 1, y, &left, left_max, app.theme.status);
    }
    let rx = rect.x as usize + w.saturating_sub(right_w + 1);
    put(buf, rx as u16, y, &right, right_w, app.theme.status);
    cursor
}

/// The status bar's items that fit.
struct StatusFit {
    /// Title · chapter (empty when a message or prompt has the left part).
    left: String,
    /// The right items joined.
    right: String,
}

/// Fewest cells a cut title or chapter keeps (less says nothing).
const MIN_CUT_TITLE: usize = 8;
const MIN_CUT_CHAPTER: usize = 6;
/// Room a chapter title keeps before the time left gives way to it.
const CHAPTER_ROOM: usize = 20;

/// Which status items fit in `w` cells, by priority: page and percent (and what the reader is
/// doing: a count, a selection, the match counter, the marks) always, then the chapter, then
/// the time left, then the book title. Whole items are dropped from the lowest priority up; only
/// the title (at its end, when `MIN_CUT_TITLE` cells are left for it) and the chapter (in the
/// middle; beside the time left only when `CHAPTER_ROOM` cells are left for it) are ever cut. `left_wants`: the width a message or a prompt needs
/// on the left instead of title and chapter (the time left gives way to it).
fn fit_status(
    w: usize,
    before: &[String],
    time_left: Option<String>,
    after: &[String],
    title: &str,
    chapter: &str,
    left_wants: Option<usize>,
) -> StatusFit {
    let join = |time: bool| -> String {
        let time = time_left.iter().filter(|_| time);
        before
            .iter()
            .chain(time)
            .chain(after)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    };
    // The left part starts one cell in; two spaces and a cell keep it off the right part.
    let room = |right: &str| w.saturating_sub(width(right) + 3);
    let fit = |left: String, right: String| StatusFit { left, right };
    let (with_time, without) = (join(true), join(false));
    if let Some(wants) = left_wants {
        let right = if wants <= room(&with_time) {
            with_time
        } else {
            without
        };
        return fit(String::new(), right);
    }
    // A chapter named as the book is said once, cut at its end as a title is.
    let same = chapter == title;
    let title = if same { "" } else { title };
    let chapter_w = if chapter.is_empty() {
        0
    } else {
        width(chapter) + 3
    };
    let with_chapter = |t: String| {
        if chapter.is_empty() {
            t
        } else if t.is_empty() {
            chapter.to_string()
        } else {
            format!("{t} · {chapter}")
        }
    };
    // Everything, the title cut at its end if need be.
    let title_room = room(&with_time).saturating_sub(chapter_w);
    if !title.is_empty() && (width(title) <= title_room || title_room >= MIN_CUT_TITLE) {
        return fit(with_chapter(cut_end(title, title_room)), with_time);
    }
    // No title; a long chapter title cut, when it keeps `CHAPTER_ROOM` cells beside the time.
    let left = room(&with_time);
    if width(chapter) <= left || (time_left.is_some() && left >= CHAPTER_ROOM) {
        let chapter = if same {
            cut_end(chapter, left)
        } else {
            cut_middle(chapter, left)
        };
        return fit(chapter, with_time);
    }
    // No title and no time left; the chapter cut in the middle, or gone too.
    let left = room(&without);
    if same {
        fit(cut_end(chapter, left), without)
    } else if width(chapter) <= left || left >= MIN_CUT_CHAPTER {
        fit(cut_middle(chapter, left), without)
    } else {
        fit(String::new(), without)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(cut_end("abcdef", 4), "abc…");
        assert_eq!(cut_end("看书看书", 5), "看书…");
        assert_eq!(cut_end("看书", 4), "看书");
        assert_eq!(cut_end("abc", 0), "");
        let m = cut_middle("2020堅守防疫一線踐行初心使命【篇三】", 20);
        assert!(m.ends_with("【篇三】"), "{m}");
        assert!(width(&m) <= 20);
    }

    #[test]
    fn clean_replaces_controls() {
        assert_eq!(clean("a\x1b[31mb\x07"), "a\u{FFFD}[31mb\u{FFFD}");
    }
}
