//! Tables of a structured chapter: a grid when the columns fit the page (cells wrapped by
//! display width, the header row set off by a `─┼─` line), else one row per line with `│`
//! between cells, wrapped at the page width. Part of `blocks`: it draws into its `Lines` and
//! must not touch anything else.

use std::ops::Range;

use super::super::glyphs::{UnitKind, units};
use super::super::width::{cluster_width, clusters};
use super::super::wrap::WrapSettings;
use super::ruby::PartLine;
use super::{Lines, Paint, Part, mark_width, text_width};
use crate::document::blocks::{Align, Table};
use crate::layout::LineKind;

/// A table: a grid when its columns fit the page, else one row per line (wrapped) with `│`
/// between cells.
pub(super) fn draw_table(
    lines: &mut Lines<'_>,
    t: &Table,
    r: &Range<usize>,
    next_prefix: &mut dyn FnMut() -> Vec<Part>,
    avail: usize,
) {
    let amb = lines.amb();
    let text = lines.text;
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        let parts = next_prefix();
        lines.push(LineKind::Body, parts, r.start);
        return;
    }
    let sep = " │ ";
    let sep_w = mark_width(sep, amb);
    let mut natural = vec![1usize; cols];
    for row in &t.rows {
        for (c, cell) in row.iter().enumerate() {
            natural[c] = natural[c].max(text_width(text, cell, amb) + lines.readings_width(cell));
        }
    }
    let room = avail.saturating_sub(sep_w * (cols - 1));
    let widths = fit_columns(&natural, room);
    let Some(widths) = widths else {
        // One row per line, cells joined by a bar, wrapped at the page width.
        for row in &t.rows {
            let mut units_of_row: Vec<Part> = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                if c > 0 {
                    units_of_row.push(Part::Mark(sep.into()));
                }
                units_of_row.extend(lines.painted_with_ruby(cell.clone(), Paint::default()));
            }
            let at = row.first().map_or(r.start, |c| c.start);
            for parts in fill(text, units_of_row, avail, amb) {
                let mut line = next_prefix();
                line.extend(parts);
                lines.push(LineKind::Body, line, at);
            }
        }
        return;
    };
    for (ri, row) in t.rows.iter().enumerate() {
        let strong = if ri < t.header_rows {
            Paint::STRONG
        } else {
            Paint::default()
        };
        let mut pieces: Vec<Vec<PartLine>> = (0..cols)
            .map(|c| match row.get(c) {
                Some(cell) => {
                    let settings = WrapSettings {
                        width: widths[c],
                        first_indent: 0,
                        ambiguous_wide: amb,
                    };
                    lines.wrap_parts(cell.clone(), &settings, strong)
                }
                None => Vec::new(),
            })
            .collect();
        let height = pieces.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let at = row.first().map_or(r.start, |c| c.start);
        for k in 0..height {
            let mut parts = next_prefix();
            for c in 0..cols {
                if c > 0 {
                    parts.push(Part::Mark(sep.into()));
                }
                let piece = pieces[c].get_mut(k).map(std::mem::take).unwrap_or_default();
                let spare = widths[c].saturating_sub(piece.width);
                let align = t.align.get(c).copied().unwrap_or_default();
                let left = match align {
                    Align::Right => spare,
                    Align::Center => spare / 2,
                    _ => 0,
                };
                parts.push(Part::Pad(left));
                parts.extend(piece.parts);
                if c + 1 < cols {
                    parts.push(Part::Pad(spare - left));
                }
            }
            parts.retain(|p| !matches!(p, Part::Pad(0)));
            lines.push(LineKind::Body, parts, at);
        }
        if ri + 1 == t.header_rows && t.rows.len() > ri + 1 {
            let mut parts = next_prefix();
            let dash = mark_width("─", amb).max(1);
            let cross = mark_width("┼", amb);
            let side = (sep_w.saturating_sub(cross)) / 2;
            let mut grid = String::new();
            for (c, w) in widths.iter().enumerate() {
                if c > 0 {
                    grid.push_str(&"─".repeat(side / dash));
                    grid.push('┼');
                    grid.push_str(&"─".repeat((sep_w - cross - side) / dash));
                }
                grid.push_str(&"─".repeat(w / dash));
            }
            parts.push(Part::Mark(grid));
            let end = row.last().map_or(at, |c| c.end);
            lines.push(LineKind::Body, parts, end);
        }
    }
}

/// Column widths that fit `room` cells: the natural ones when they fit, else each column
/// shrunk toward a floor of 6 cells in proportion to what it would like. `None` when even the
/// floors do not fit.
fn fit_columns(natural: &[usize], room: usize) -> Option<Vec<usize>> {
    let total: usize = natural.iter().sum();
    if total <= room {
        return Some(natural.to_vec());
    }
    let floor: Vec<usize> = natural.iter().map(|&n| n.min(6)).collect();
    let base: usize = floor.iter().sum();
    if base > room {
        return None;
    }
    let extra = room - base;
    let want: usize = natural.iter().zip(&floor).map(|(n, f)| n - f).sum();
    let mut widths: Vec<usize> = natural
        .iter()
        .zip(&floor)
        .map(|(n, f)| f + (n - f) * extra / want.max(1))
        .collect();
    // Cells the rounding left over go to the columns from the left.
    let mut left = room.saturating_sub(widths.iter().sum());
    for (w, n) in widths.iter_mut().zip(natural) {
        if left == 0 {
            break;
        }
        if *w < *n {
            *w += 1;
            left -= 1;
        }
    }
    Some(widths)
}

/// One drawable unit of a row: a grapheme of a cell (its byte range and paint) or of a
/// separator, with its width and whether a line may break after it.
struct Atom {
    text: Option<(Range<usize>, Paint)>,
    mark: String,
    width: usize,
    break_after: bool,
}

/// Parts filled into lines of at most `width` cells, broken after a space, a separator or a
/// wide character when one is on the line, else at the edge.
fn fill(text: &str, parts: Vec<Part>, width: usize, amb: bool) -> Vec<Vec<Part>> {
    let width = width.max(1);
    let mut atoms: Vec<Atom> = Vec::new();
    for part in parts {
        match part {
            Part::Text { range, paint } => {
                let s = text.get(range.clone()).unwrap_or_default();
                for u in units(s, range.start, amb) {
                    let space = matches!(u.kind, UnitKind::Space(_));
                    atoms.push(Atom {
                        text: Some((u.offset..u.offset + u.src.len(), paint)),
                        mark: String::new(),
                        width: u.width,
                        break_after: space || u.width > 1,
                    });
                }
            }
            Part::Mark(m) => {
                for (_, g) in clusters(&m) {
                    atoms.push(Atom {
                        text: None,
                        mark: g.to_string(),
                        width: cluster_width(g, amb),
                        break_after: true,
                    });
                }
            }
            // A reading breaks only after its closing bracket (or at the edge).
            Part::Ruby { text: m, .. } => {
                let n = clusters(&m).count();
                for (k, (_, g)) in clusters(&m).enumerate() {
                    atoms.push(Atom {
                        text: None,
                        mark: g.to_string(),
                        width: cluster_width(g, amb),
                        break_after: k + 1 == n,
                    });
                }
            }
            Part::Pad(n) => atoms.extend((0..n).map(|_| Atom {
                text: None,
                mark: " ".to_string(),
                width: 1,
                break_after: true,
            })),
        }
    }
    // Where each line starts, greedily, going back to the last break on the line.
    let mut starts = vec![0];
    let mut used = 0;
    let mut i = 0;
    while i < atoms.len() {
        let line_start = *starts.last().unwrap_or(&0);
        if used + atoms[i].width > width && i > line_start {
            let brk = (line_start + 1..i)
                .rev()
                .find(|&k| atoms[k - 1].break_after)
                .unwrap_or(i);
            // A separator's blank does not open a line.
            let brk = if atoms[brk].text.is_none() && atoms[brk].mark == " " && brk < i {
                brk + 1
            } else {
                brk
            };
            starts.push(brk);
            used = atoms[brk..i].iter().map(|a| a.width).sum();
            continue;
        }
        used += atoms[i].width;
        i += 1;
    }
    starts.push(atoms.len());
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    // A line that gave its first blank away ends before it.
    for (k, end) in ends.iter_mut().enumerate() {
        if *end > 0 && starts.get(k + 1).is_some_and(|&s| s < atoms.len()) {
            let blank = &atoms[*end - 1];
            if blank.text.is_none() && blank.mark == " " {
                *end -= 1;
            }
        }
    }
    starts
        .iter()
        .zip(&ends)
        .map(|(&from, &to)| {
            let mut line: Vec<Part> = Vec::new();
            for a in atoms.get(from..to.max(from)).unwrap_or_default() {
                match (&a.text, line.last_mut()) {
                    (Some((r, p)), Some(Part::Text { range, paint }))
                        if range.end == r.start && paint == p =>
                    {
                        range.end = r.end;
                    }
                    (Some((r, p)), _) => line.push(Part::Text {
                        range: r.clone(),
                        paint: *p,
                    }),
                    (None, _) => line.push(Part::Mark(a.mark.clone())),
                }
            }
            line
        })
        .collect()
}
