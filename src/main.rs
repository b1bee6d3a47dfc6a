//! The `tongwen` command: parse the command line, run one command, exit with its code.

// The commands are where tongwen talks to the user.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser;
use tongwen::cli::{Cli, Command};
use tongwen::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => commands::build::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::New(args) => commands::new::run(&args),
        Command::Init(args) => commands::init::run(&args),
    }
}
