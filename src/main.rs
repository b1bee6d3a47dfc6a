//! The `tongwen` command: parse the command line, run one command, exit with its code.

// The commands are where tongwen talks to the user.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use tongwen::cli::{Cli, Command};
use tongwen::commands;

/// mimalloc instead of the system allocator: a build makes and frees millions of small
/// strings from two threads, which leaves glibc's heap at about twice the memory in use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return explain(error),
    };
    match cli.command {
        Command::Build(args) => commands::build::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::New(args) => commands::new::run(&args),
        Command::Init(args) => commands::init::run(&args),
        Command::Import(args) => commands::import::run(&args),
    }
}

/// A command line clap could not read, explained in Chinese (help and version pass through).
fn explain(error: clap::Error) -> ExitCode {
    let said = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join("、"),
        _ => String::new(),
    };
    let message = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
        ErrorKind::InvalidSubcommand => {
            let suggestion = said(ContextKind::SuggestedSubcommand);
            let mut text = format!("没有 `{}` 这个命令", said(ContextKind::InvalidSubcommand));
            if !suggestion.is_empty() {
                text.push_str(&format!("，是否想用 `{suggestion}`？"));
            }
            text
        }
        ErrorKind::UnknownArgument => {
            format!("不认识选项 `{}`", said(ContextKind::InvalidArg))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少 {}", said(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "`{}` 不能取值 `{}`，可以是：{}",
            said(ContextKind::InvalidArg),
            said(ContextKind::InvalidValue),
            said(ContextKind::ValidValue)
        ),
        _ => format!("命令写得不对：{}", error.kind()),
    };
    eprintln!("错误：{message}\n运行 `tongwen --help` 查看有哪些命令和选项。");
    ExitCode::from(commands::EXIT_FAILURE)
}
