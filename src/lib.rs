//! tongwen (同文): a static site generator for community publicity sites,
//! published in simplified and traditional Chinese.

pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod convert;
pub mod diagnostics;
pub mod encoding;
pub mod error;
pub mod images;
pub mod import;
pub mod localize;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod portable;
pub mod render;
pub mod review;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod urls;
