//! `tongwen new story|workshop|lecture TITLE`: a new content file with every field of its
//! type, dated today. Never overwrites.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::process::ExitCode;

use jiff::Zoned;

use crate::cli::{NewArgs, NewKind};
use crate::commands::{EXIT_ERRORS, fail};
use crate::error::Error;

pub fn run(args: &NewArgs) -> ExitCode {
    let title = args.title.trim();
    let name = file_name(title);
    if name.is_empty() {
        eprintln!(
            "错误：标题不能为空，也不能全是标点。例如：tongwen new story \"长欣社区红色微家\""
        );
        return ExitCode::from(EXIT_ERRORS);
    }
    let folder = args.root.join("content").join(folder(args.kind));
    if let Err(e) = std::fs::create_dir_all(&folder) {
        return fail(&Error::io(&folder, e));
    }
    let path = folder.join(format!("{name}.md"));
    let today = Zoned::now();
    let text = skeleton(args.kind, title, &today);
    // `create_new` fails when the file exists: SPEC "never overwrites".
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => {
            println!("已新建：{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "错误：{} 已经存在，没有覆盖它。换一个标题，或直接编辑这个文件。",
                path.display()
            );
            ExitCode::from(EXIT_ERRORS)
        }
        Err(e) => fail(&Error::io(&path, e)),
    }
}

fn folder(kind: NewKind) -> &'static str {
    match kind {
        NewKind::Story => "stories",
        NewKind::Workshop => "workshops",
        NewKind::Lecture => "lectures",
    }
}

/// The title as a file name: characters Windows and macOS refuse in names are dropped.
pub fn file_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .collect::<String>()
        .trim()
        .trim_matches('.')
        .to_string()
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The new file's text: every field of the type, with a comment saying what goes there.
pub fn skeleton(kind: NewKind, title: &str, today: &Zoned) -> String {
    let date = today.strftime("%Y-%m-%d");
    let title = quoted(title);
    match kind {
        NewKind::Story => format!(
            "---\n\
             title: {title}\n\
             date: {date}\n\
             community: 社区名称          # 必填：故事发生的社区\n\
             district: 区县名称           # 可选\n\
             author: 作者                 # 可选\n\
             summary: 一两句话的摘要，会显示在列表和分享卡片上\n\
             tags: [党建引领, 社区治理]\n\
             workshops: []                # 相关工作室的 slug，例如 [laoshuji]\n\
             cover:                       # 封面图片，和本文件放在一起，例如 cover.jpg\n\
             slug:                        # 网址名，不填就用文件名的拼音\n\
             script:                      # hans（简体）或 hant（繁体），不填自动判断\n\
             draft: false                 # true 表示草稿，不会发布\n\
             publish:                     # 可选：定时发布，例如 2026-07-01 08:00，到时重新生成才出现\n\
             expires:                     # 可选：自动下线，到时重新生成就撤下\n\
             aliases: []                  # 旧网址，会跳转到这里\n\
             ---\n\n\
             ## 背景\n\n在这里写正文。\n"
        ),
        NewKind::Workshop => format!(
            "---\n\
             title: {title}\n\
             leader: 负责人姓名           # 必填\n\
             community: 社区名称          # 必填\n\
             founded: {date}              # 可选：成立日期\n\
             focus: [邻里调解, 政策宣讲]  # 可选：工作方向\n\
             contact:\n  phone: \"0510-00000000\"\n  address: 社区党群服务中心\n  hours: 周一至周五 9:00-17:00\n\
             photo:                       # 可选：照片，和本文件放在一起\n\
             summary: 一两句话的介绍\n\
             tags: []\n\
             cover:\n\
             slug:                        # 网址名，建议用拼音，例如 laoshuji\n\
             script:\n\
             draft: false\n\
             publish:\n\
             expires:\n\
             aliases: []\n\
             ---\n\n\
             ## 工作室简介\n\n在这里介绍工作室。\n"
        ),
        NewKind::Lecture => format!(
            "---\n\
             title: {title}\n\
             start: {date} 14:30          # 必填：开始时间\n\
             end: {date} 16:00            # 可选：结束时间\n\
             venue: 社区党群服务中心      # 必填：地点\n\
             speaker: 主讲人姓名          # 必填\n\
             speaker_title: 主讲人身份    # 可选\n\
             series: 讲堂名称             # 可选：系列名\n\
             capacity: 50                 # 可选：名额\n\
             registration: 报名方式       # 可选\n\
             workshop:                    # 可选：主办工作室的 slug\n\
             status: scheduled            # scheduled（正常）、cancelled（取消）、postponed（延期）\n\
             summary: 一两句话的介绍\n\
             tags: []\n\
             cover:\n\
             slug:\n\
             script:\n\
             draft: false\n\
             publish:\n\
             expires:\n\
             aliases: []\n\
             ---\n\n\
             ## 讲座内容\n\n在这里介绍讲座。\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_drops_characters_that_file_systems_refuse() {
        assert_eq!(file_name("红色微家：掌门人/孵化?"), "红色微家：掌门人孵化");
        assert_eq!(file_name("  ...  "), "");
    }
}
