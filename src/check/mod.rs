//! Content lints for `tongwen check`: each returns diagnostics with a suggested fix. Pure: no IO.
