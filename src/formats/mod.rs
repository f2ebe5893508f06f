//! Formats: source text of a kind of book → a `Document` with text, structure and chapters.
//!
//! Owns the converters (Markdown now; EPUB builds on the same model) and the chapter outline
//! they share. A converter produces what the reader sees and the structure beside it; it must
//! not lay anything out or depend on a terminal crate. Decoding bytes and plain-text heading
//! rules stay in `document`.

mod html;
pub mod markdown;
pub mod outline;
