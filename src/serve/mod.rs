//! [IO] Live preview: the site built into memory, served over HTTP on loopback, rebuilt on
//! every save, with a long-poll channel that tells open pages to reload.

pub mod paths;
pub mod reload;
pub mod review;
pub mod server;
pub mod state;
pub mod watch;
