//! Content files → `Document`s: front matter, fields, dates, slugs. Pure: no IO.

pub mod dates;
pub mod document;
mod fields;
pub(crate) mod front_matter;
mod parse;
pub mod schedule;
pub mod slug;
pub(crate) mod values;
pub(crate) mod yaml;

pub use parse::parse_document;

pub use document::{
    Common, Contact, Document, Kind, Lecture, LectureStatus, Section, Story, When, Workshop,
};
