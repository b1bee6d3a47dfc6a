//! The command line: one Args struct per command (clap derive), help text in Chinese.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "tongwen",
    version,
    about = "同文：把 Markdown 文章生成简体、繁体两种文字的社区宣传网站",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    help_template = HELP,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub help: HelpFlags,
}

/// The layout of every help page, with clap's English headings in Chinese.
const HELP: &str = "{about}\n\n用法：{usage}\n\n{all-args}";

/// `-h` and `-V`, described in Chinese (clap's own flags say "Print help").
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项")]
pub struct HelpFlags {
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    pub help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成网站到输出文件夹（默认 public/）
    Build(BuildArgs),
    /// 本地预览：边写边看，保存后浏览器自动刷新
    Serve(ServeArgs),
    /// 检查文章里的错误和常见问题，不生成网站
    Check(CheckArgs),
    /// 新建一篇案例故事、工作室或讲堂
    New(NewArgs),
    /// 新建一个网站文件夹
    Init(InitArgs),
    /// 把 Word 文档（.docx）、保存的网页（.html）或文本文件（.txt、.md）导入成文章
    Import(ImportArgs),
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项", help_template = HELP, disable_help_flag = true)]
pub struct BuildArgs {
    /// 网站文件夹（里面有 site.yaml），默认是当前文件夹
    #[arg(long, default_value = ".", value_name = "文件夹")]
    pub root: PathBuf,
    /// 输出文件夹，默认是网站文件夹里的 public/
    #[arg(long, value_name = "文件夹")]
    pub out: Option<PathBuf>,
    /// 覆盖 site.yaml 里的 base_url，例如 https://example.org/changxin/
    #[arg(long, value_name = "网址")]
    pub base_url: Option<String>,
    /// 也生成草稿（draft: true）
    #[arg(long)]
    pub drafts: bool,
    /// 把“现在”固定为这个时间（例如 2024-05-01T10:00+08:00），两次生成的结果逐字节相同
    #[arg(long, value_name = "时间")]
    pub now: Option<String>,
    /// 生成可以直接双击打开的网站（U 盘、展厅大屏）：所有链接都写成相对网址
    #[arg(long)]
    pub portable: bool,
    /// 不生成搜索索引（只供基准测试衡量索引的开销）
    #[arg(long, hide = true)]
    pub without_search_index: bool,
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项", help_template = HELP, disable_help_flag = true)]
pub struct ServeArgs {
    /// 网站文件夹，默认是当前文件夹
    #[arg(long, default_value = ".", value_name = "文件夹")]
    pub root: PathBuf,
    /// 监听地址，默认只允许本机访问
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// 端口，默认 1111；0 表示随便找一个空闲端口
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// 启动后自动打开浏览器
    #[arg(long)]
    pub open: bool,
    /// 也显示草稿
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 给人看的文字
    Text,
    /// 给编辑器和自动化工具的 JSON
    Json,
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项", help_template = HELP, disable_help_flag = true)]
pub struct CheckArgs {
    /// 网站文件夹，默认是当前文件夹
    #[arg(long, default_value = ".", value_name = "文件夹")]
    pub root: PathBuf,
    /// 自动修正机械性问题（拼音注音、中文词中间的空格、中文之间的半角标点）
    #[arg(long)]
    pub fix: bool,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// 把“现在”固定为这个时间
    #[arg(long, value_name = "时间")]
    pub now: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    /// 案例故事
    Story,
    /// 工作室
    Workshop,
    /// 讲堂
    Lecture,
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项", help_template = HELP, disable_help_flag = true)]
pub struct NewArgs {
    /// 类型：story（案例故事）、workshop（工作室）、lecture（讲堂）
    #[arg(value_enum, value_name = "类型")]
    pub kind: NewKind,
    /// 标题
    #[arg(value_name = "标题")]
    pub title: String,
    /// 网站文件夹，默认是当前文件夹
    #[arg(long, default_value = ".", value_name = "文件夹")]
    pub root: PathBuf,
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项", help_template = HELP, disable_help_flag = true)]
pub struct InitArgs {
    /// 新网站的文件夹
    #[arg(value_name = "文件夹")]
    pub dir: PathBuf,
}

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "选项", help_template = HELP, disable_help_flag = true)]
pub struct ImportArgs {
    /// 要导入的文件：.docx、.html、.htm、.md、.txt，可以一次写多个
    #[arg(value_name = "文件", required = true)]
    pub files: Vec<PathBuf>,
    /// 导入成哪种文章：story（案例故事，默认）、workshop（工作室）、lecture（讲堂）
    #[arg(long = "type", value_enum, default_value_t = NewKind::Story, value_name = "类型")]
    pub kind: NewKind,
    /// 网站文件夹，默认是当前文件夹
    #[arg(long, default_value = ".", value_name = "文件夹")]
    pub root: PathBuf,
}
