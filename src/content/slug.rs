//! Slugs: a file name → the URL segment (`长欣红色微家` → `changxin-hongse-weijia`), and the
//! check of a `slug:` written by hand. Pure: no IO.

use std::sync::LazyLock;

use jieba_rs::Jieba;
use pinyin::ToPinyin;

/// The word segmenter with its built-in dictionary; built once, read-only after.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A file (or folder) name → slug: ASCII letters and digits kept (lower-cased), Chinese as
/// toneless pinyin, one group per word, groups joined by `-`. Empty when nothing is left
/// (a name of only punctuation or characters pinyin does not know).
pub fn slugify(name: &str) -> String {
    let name: String = name.chars().map(half_width).collect();
    let mut groups = Vec::new();
    for (kind, run) in runs(&name) {
        match kind {
            Run::Han => groups.extend(han_groups(run)),
            Run::Ascii => groups.push(run.to_ascii_lowercase()),
            Run::Other => {}
        }
    }
    groups.join("-")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    Han,
    Ascii,
    Other,
}

fn run_kind(c: char) -> Run {
    if c.is_ascii_alphanumeric() {
        Run::Ascii
    } else if is_han(c) {
        Run::Han
    } else {
        Run::Other
    }
}

/// `name` cut into maximal runs of Chinese, of ASCII letters and digits, and of the rest.
fn runs(name: &str) -> Vec<(Run, &str)> {
    let mut runs: Vec<(Run, &str)> = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in name.char_indices() {
        let this = run_kind(c);
        if let Some(prev) = kind.filter(|k| *k != this) {
            runs.push((prev, &name[start..i]));
            start = i;
        }
        kind = Some(this);
    }
    if let Some(kind) = kind {
        runs.push((kind, &name[start..]));
    }
    runs
}

/// A run of Chinese → one pinyin group per word (jieba's cut, with its HMM for names).
fn han_groups(run: &str) -> Vec<String> {
    let words: Vec<&str> = JIEBA.cut(run, true).into_iter().map(|t| t.word).collect();
    let mut groups = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut group = word_pinyin(words[i]);
        if PREFIXES.contains(&words[i]) && i + 1 < words.len() {
            group.push_str(&word_pinyin(words[i + 1]));
            i += 1;
        }
        groups.push(group);
        i += 1;
    }
    groups
}

/// Single-character words that belong to the word after them (老书记, 小喇叭, 阿姨).
const PREFIXES: &[&str] = &["老", "小", "阿"];

fn is_han(c: char) -> bool {
    c.to_pinyin().is_some()
}

/// Full-width ASCII (typed in Chinese input mode) → ASCII.
fn half_width(c: char) -> char {
    match c {
        '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Readings that differ from a character's most common one, by word. The first match from
/// each position wins, longest first.
const WORDS: &[(&str, &str)] = &[
    ("银行", "yinhang"),
    ("行业", "hangye"),
    ("行长", "hangzhang"),
    ("同行", "tonghang"),
    ("排行", "paihang"),
    ("重阳", "chongyang"),
    ("重建", "chongjian"),
    ("重新", "chongxin"),
    ("重温", "chongwen"),
    ("重庆", "chongqing"),
    ("音乐", "yinyue"),
    ("乐队", "yuedui"),
    ("乐团", "yuetuan"),
    ("会计", "kuaiji"),
    ("首都", "shoudu"),
    ("成都", "chengdu"),
    ("都市", "dushi"),
    ("调解", "tiaojie"),
    ("协调", "xietiao"),
    ("调整", "tiaozheng"),
    ("调节", "tiaojie"),
    ("空调", "kongtiao"),
    ("厦门", "xiamen"),
    ("传记", "zhuanji"),
    ("西藏", "xizang"),
    ("了解", "liaojie"),
    ("率先", "shuaixian"),
    ("便宜", "pianyi"),
    ("供给", "gongji"),
    ("给予", "jiyu"),
    ("还原", "huanyuan"),
    ("归还", "guihuan"),
    ("角色", "juese"),
    ("主角", "zhujue"),
    ("反省", "fanxing"),
    ("暖和", "nuanhuo"),
    ("出差", "chuchai"),
    ("种植", "zhongzhi"),
    ("种地", "zhongdi"),
    ("种树", "zhongshu"),
    ("种菜", "zhongcai"),
    ("播种", "bozhong"),
    ("干部", "ganbu"),
    ("长者", "zhangzhe"),
    ("长辈", "zhangbei"),
    ("长大", "zhangda"),
    ("长老", "zhanglao"),
    ("长子", "zhangzi"),
    ("长官", "zhangguan"),
    ("延长", "yanchang"),
    ("特长", "techang"),
    ("专长", "zhuanchang"),
    ("漫长", "manchang"),
    ("擅长", "shanchang"),
];

/// One word's pinyin, its syllables run together (`工作室` → `gongzuoshi`).
fn word_pinyin(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    while at < chars.len() {
        if let Some((known, reading)) = WORDS
            .iter()
            .filter(|(w, _)| chars[at..].starts_with(&w.chars().collect::<Vec<_>>()))
            .max_by_key(|(w, _)| w.chars().count())
        {
            out.push_str(reading);
            at += known.chars().count();
            continue;
        }
        out.push_str(&char_pinyin(chars[at], at == 0));
        at += 1;
    }
    out
}

/// A character's most common toneless reading; `长` reads `chang` at the start of a word
/// (长欣, 长江, 长效) and `zhang` after another character (社长, 成长, 家长).
fn char_pinyin(c: char, word_start: bool) -> String {
    match (c, word_start) {
        ('长', true) => "chang".into(),
        ('长', false) => "zhang".into(),
        _ => c
            .to_pinyin()
            .map(|p| p.plain().replace('ü', "v"))
            .unwrap_or_default(),
    }
}

/// Checks a `slug:` written by hand: lower-case ASCII letters, digits and `-` only.
/// The error says what is wrong, in simplified Chinese.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("网址名（slug）不能是空的".into());
    }
    let problem = slug.chars().find_map(|c| match c {
        'a'..='z' | '0'..='9' | '-' => None,
        ' ' | '\u{3000}' | '\t' => Some("不能有空格".to_string()),
        '/' | '\\' => Some("不能有斜杠".to_string()),
        'A'..='Z' => Some("只能用小写字母".to_string()),
        c if is_han(c) => Some("不能有汉字".to_string()),
        c => Some(format!("不能有“{c}”")),
    });
    match problem {
        Some(problem) => Err(format!(
            "网址名（slug）“{slug}”{problem}：只能用小写英文字母、数字和 `-`"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_pinyin_grouped_by_words() {
        let cases = [
            ("长欣红色微家", "changxin-hongse-weijia"),
            ("老书记工作室", "laoshuji-gongzuoshi"),
            ("梁溪区四圈共建", "liangxiqu-siquan-gongjian"),
            ("2023年度总结", "2023-niandu-zongjie"),
            ("社区长者食堂", "shequ-zhangzhe-shitang"),
            ("银行进社区", "yinhang-jinshequ"),
            ("重阳节敬老", "chongyangjie-jinglao"),
            ("绿色出行", "lvse-chuxing"),
        ];
        for (name, slug) in cases {
            assert_eq!(slugify(name), slug, "{name}");
        }
    }

    #[test]
    fn ascii_is_kept_lower_cased_with_dashes() {
        let cases = [
            ("about", "about"),
            ("Hello World", "hello-world"),
            ("my_story", "my-story"),
            ("v2.0 Release", "v2-0-release"),
            ("--a--b--", "a-b"),
            ("Ａ座活动室", "a-zuo-huodongshi"),
            ("第3期 红色微讲堂", "di-3-qi-hongse-wei-jiangtang"),
            ("（）、", ""),
        ];
        for (name, slug) in cases {
            assert_eq!(slugify(name), slug, "{name}");
        }
    }

    #[test]
    fn slugs_written_by_hand_are_checked() {
        assert_eq!(check_slug("changxin-2023"), Ok(()));
        let cases = [
            ("", "网址名（slug）不能是空的"),
            (
                "red home",
                "网址名（slug）“red home”不能有空格：只能用小写英文字母、数字和 `-`",
            ),
            (
                "a/b",
                "网址名（slug）“a/b”不能有斜杠：只能用小写英文字母、数字和 `-`",
            ),
            (
                "Changxin",
                "网址名（slug）“Changxin”只能用小写字母：只能用小写英文字母、数字和 `-`",
            ),
            (
                "长欣",
                "网址名（slug）“长欣”不能有汉字：只能用小写英文字母、数字和 `-`",
            ),
            (
                "a_b",
                "网址名（slug）“a_b”不能有“_”：只能用小写英文字母、数字和 `-`",
            ),
        ];
        for (slug, message) in cases {
            assert_eq!(check_slug(slug), Err(message.to_string()), "{slug}");
        }
    }
}
