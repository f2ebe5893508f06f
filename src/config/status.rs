//! `StatusItem`: what the status bar can show, as `layout.status` names it. Owns the names and
//! their order; the status bar itself is painted by the interface, never here.

/// One item of the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusItem {
    /// The book's title (left).
    Title,
    /// The chapter being read (left).
    Chapter,
    /// Page of the chapter and pages in it (right).
    Page,
    /// Progress through the book (right).
    Percent,
    /// Minutes left in the chapter at the reader's own speed (right).
    TimeLeftChapter,
    /// Time left in the book at the reader's own speed (right).
    TimeLeftBook,
}

impl StatusItem {
    pub const ALL: [StatusItem; 6] = [
        StatusItem::Title,
        StatusItem::Chapter,
        StatusItem::Page,
        StatusItem::Percent,
        StatusItem::TimeLeftChapter,
        StatusItem::TimeLeftBook,
    ];

    /// The names `layout.status` accepts, in the order of `ALL`.
    pub const NAMES: [&'static str; 6] = [
        "title",
        "chapter",
        "page",
        "percent",
        "time_left_chapter",
        "time_left_book",
    ];

    pub fn name(self) -> &'static str {
        let i = StatusItem::ALL.iter().position(|s| *s == self).unwrap_or(0);
        StatusItem::NAMES[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_items() {
        for (i, item) in StatusItem::ALL.iter().enumerate() {
            assert_eq!(item.name(), StatusItem::NAMES[i]);
        }
        assert_eq!(StatusItem::TimeLeftBook.name(), "time_left_book");
    }
}
