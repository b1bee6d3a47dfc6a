//! Localized site → output files: pages, lists, feeds, sitemap, calendars. Pure: no IO.
