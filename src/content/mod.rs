//! Content files → `Document`s: front matter, fields, dates, slugs. Pure: no IO.

pub mod document;

pub use document::{
    Common, Contact, Document, Kind, Lecture, LectureStatus, Section, Story, When, Workshop,
};
