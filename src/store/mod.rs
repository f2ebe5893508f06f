//! Everything written to disk: reading state, bookmarks, recent books, atomic writes.
//! No terminal crate here.
