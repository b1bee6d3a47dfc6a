//! Content files → `Document`s: front matter, fields, dates, slugs. Pure: no IO.

pub mod dates;
pub mod document;
pub(crate) mod front_matter;
pub mod slug;
pub(crate) mod yaml;

pub use document::{
    Common, Contact, Document, Kind, Lecture, LectureStatus, Section, Story, When, Workshop,
};
