//! Localized site → output files: pages, lists, feeds, sitemap, calendars. Pure: no IO.

pub mod calendar;
pub mod feeds;
pub mod jsonld;
pub mod sitemap;

#[cfg(test)]
mod tests_feeds;
