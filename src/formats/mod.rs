//! Formats: source text of a kind of book → a `Document` with text, structure and chapters.
//!
//! Owns the converters (Markdown now; EPUB builds on the same model), the chapter outline they
//! share, and [`open`], the loader that sends each file to its converter. A converter produces
//! what the reader sees and the structure beside it; it must not lay anything out or depend on
//! a terminal crate. Decoding bytes and plain-text heading rules stay in `document`.
//!
//! The reader, the library and the commands open every book with [`open`] (and the guide with
//! [`guide`]), so a Markdown book is always read through its converter.

pub mod epub;
mod html;
pub mod images;
pub mod markdown;
pub mod outline;

use std::path::Path;

use crate::document::{Document, Format, LoadError, LoadOptions, RuleSet};

/// Open a book and convert it by its format: `.md` / `.markdown` files through the Markdown
/// converter (heading rules do not apply: Markdown marks its headings), EPUBs (by name or
/// first bytes) through [`epub`], everything else as text, exactly as
/// `Document::open_with_rules`.
pub fn open(path: &Path, opts: &LoadOptions, rules: &RuleSet) -> Result<Document, LoadError> {
    if epub::sniff(path) {
        return Ok(epub::open(path, opts)?.document);
    }
    let doc = Document::open_with_rules(path, opts, rules)?;
    Ok(match Format::from_path(path) {
        Format::Markdown => markdown::restructure(doc),
        Format::Text => doc,
    })
}

/// The built-in guide book, converted like any Markdown book.
pub fn guide() -> Document {
    markdown::restructure(Document::guide())
}
