//! Where things go on the screen: text columns, status bar, table of contents and help boxes.
//!
//! Pure functions of the terminal size and the settings, shared by `App` (layout widths, mouse
//! hit tests) and `ui` (painting), so both always agree.

use ratatui::layout::Rect;

use super::{Settings, Spread};

/// Smallest terminal the reader draws pages in; below it a notice asks for a bigger window.
pub const MIN_WIDTH: u16 = 16;
pub const MIN_HEIGHT: u16 = 3;
/// A text column narrower than this is not worth a two-page spread.
pub const MIN_SPREAD_COLUMN: usize = 12;

/// The screen cut into areas.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Geometry {
    pub screen: Rect,
    /// One text column, or two for a spread; all the same width and height.
    pub columns: Vec<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Geometry {
    pub fn compute(width: u16, height: u16, settings: &Settings) -> Geometry {
        let screen = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Geometry {
                screen,
                columns: Vec::new(),
                status: Rect::default(),
                too_small: true,
            };
        }
        // Lines kept free above and below the text, never more than leaves a few text lines.
        let margin_y = (settings.margin_y as u16).min(height.saturating_sub(1 + MIN_HEIGHT) / 2);
        let text_h = height - 1 - 2 * margin_y;
        let status = Rect::new(0, height - 1, width, 1);
        let w = width as usize;
        let margin = settings.margin.min(w / 4);
        let avail = w - 2 * margin;
        let max = settings.max_width.max(MIN_SPREAD_COLUMN);
        let gutter = settings.gutter;
        let spread_col = avail.saturating_sub(gutter) / 2;
        let spread = match settings.spread {
            Spread::Off => false,
            Spread::On => spread_col >= MIN_SPREAD_COLUMN,
            Spread::Auto => avail >= 2 * max + gutter,
        };
        let columns = if spread {
            let col = spread_col.min(max);
            let total = 2 * col + gutter;
            let x0 = (w - total) / 2;
            vec![
                Rect::new(x0 as u16, margin_y, col as u16, text_h),
                Rect::new((x0 + col + gutter) as u16, margin_y, col as u16, text_h),
            ]
        } else {
            let col = avail.min(max).max(2);
            let x0 = (w - col) / 2;
            vec![Rect::new(x0 as u16, margin_y, col as u16, text_h)]
        };
        Geometry {
            screen,
            columns,
            status,
            too_small: false,
        }
    }

    /// Zen: the status bar's row belongs to the text (each column one line taller); messages
    /// and prompts are painted over it.
    pub fn give_status_row_to_text(&mut self) {
        if !self.too_small {
            for c in &mut self.columns {
                c.height += 1;
            }
        }
    }

    /// Text column width in cells (what layout wraps to).
    pub fn column_width(&self) -> usize {
        self.columns.first().map(|r| r.width as usize).unwrap_or(0)
    }

    /// Lines per text column (the page height).
    pub fn column_height(&self) -> usize {
        self.columns.first().map(|r| r.height as usize).unwrap_or(0)
    }

    /// The table of contents box: a sidebar on the left on wide screens, the whole width on
    /// narrow ones. Borders included.
    pub fn toc_box(&self) -> Rect {
        let w = self.screen.width;
        let h = self.screen.height.saturating_sub(1);
        // Wide enough for long titles (web-novel and article titles run to 30+ characters),
        // leaving some of the page visible beside it.
        let box_w = if w >= 70 { (w - 10).min(72) } else { w };
        Rect::new(0, 0, box_w, h)
    }

    /// The rows of the table of contents list inside its box.
    pub fn toc_list(&self) -> Rect {
        inner(self.toc_box())
    }

    /// The help box, centred over the text.
    pub fn help_box(&self) -> Rect {
        let w = self.screen.width;
        let h = self.screen.height.saturating_sub(1);
        let box_w = w.min(76);
        Rect::new((w - box_w) / 2, 0, box_w, h)
    }

    /// The rows of help text inside its box.
    pub fn help_text(&self) -> Rect {
        inner(self.help_box())
    }
}

/// A box without its one-cell border.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_column_is_centred_and_capped() {
        let g = Geometry::compute(100, 30, &Settings::default());
        assert_eq!(g.columns, vec![Rect::new(10, 0, 80, 29)]);
        let g = Geometry::compute(50, 20, &Settings::default());
        assert_eq!(g.columns, vec![Rect::new(2, 0, 46, 19)]);
    }

    #[test]
    fn spread_auto_needs_two_full_columns() {
        let s = Settings::default();
        assert_eq!(Geometry::compute(120, 40, &s).columns.len(), 1);
        assert_eq!(Geometry::compute(200, 40, &s).columns.len(), 2);
        let on = Settings {
            spread: Spread::On,
            ..Settings::default()
        };
        let g = Geometry::compute(80, 24, &on);
        assert_eq!(g.columns.len(), 2);
        assert_eq!(g.columns[0].width, g.columns[1].width);
    }

    #[test]
    fn tiny_is_too_small() {
        for (w, h) in [(1, 1), (15, 30), (80, 2), (0, 0)] {
            assert!(Geometry::compute(w, h, &Settings::default()).too_small);
        }
    }
}
