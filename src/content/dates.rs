//! Dates and times the way Chinese offices write them (`2023/5/1`, `2023年5月1日 14点30分`,
//! RFC 3339) → `When` in the site's time zone. Pure: no IO. A date that does not exist is an
//! error, never rolled over.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};

use super::document::When;

/// The formats a user may write, for hints.
pub const FORMATS: &str =
    "2023-05-01、2023/5/1、2023.5.1 或 2023年5月1日，时间跟在后面，如 2023-05-01 14:30";

/// Reads a date with an optional time. A time without an offset is in `tz`; a time with an
/// offset (`2024-05-01T10:00+08:00`) is that instant, shown in `tz`.
/// The error says, in simplified Chinese, what is wrong (`2023年2月只有28天，没有30日`).
pub fn parse_when(text: &str, tz: &TimeZone) -> Result<When, String> {
    let normal = normalize(text);
    if normal.is_empty() {
        return Err("没有写日期".into());
    }
    let mut cursor = Cursor::new(&normal);
    let date = read_date(&mut cursor)?;
    cursor.skip_spaces();
    if cursor.eat('T') || cursor.eat('t') {
        cursor.skip_spaces();
    }
    if cursor.done() {
        return zoned(date.to_datetime(Time::midnight()), None, tz, false);
    }
    let time = read_time(&mut cursor)?;
    cursor.skip_spaces();
    let offset = read_offset(&mut cursor)?;
    if !cursor.done() {
        return Err(unreadable());
    }
    zoned(date.to_datetime(time), offset, tz, true)
}

fn zoned(
    at: DateTime,
    offset: Option<Offset>,
    tz: &TimeZone,
    has_time: bool,
) -> Result<When, String> {
    let zoned = match offset {
        Some(offset) => offset.to_timestamp(at).map(|ts| ts.to_zoned(tz.clone())),
        None => at.to_zoned(tz.clone()),
    };
    zoned
        .map(|zoned| When { zoned, has_time })
        .map_err(|_| "这个时间超出了可以表示的范围".into())
}

fn unreadable() -> String {
    format!("看不懂这个日期，请写成 {FORMATS}")
}

/// Full-width digits and punctuation (typed in Chinese input mode) → ASCII; trimmed.
fn normalize(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | '：' | '－' | '／' | '．' | '＋' | 'Ｔ' | 'Ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

struct Cursor {
    chars: Vec<char>,
    at: usize,
}

impl Cursor {
    fn new(text: &str) -> Cursor {
        Cursor {
            chars: text.chars().collect(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    fn eat_any(&mut self, options: &[&str]) -> Option<usize> {
        options.iter().position(|word| {
            let n = word.chars().count();
            let found = self
                .chars
                .get(self.at..self.at + n)
                .is_some_and(|s| s.iter().copied().eq(word.chars()));
            if found {
                self.at += n;
            }
            found
        })
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// Up to `max` ASCII digits, at least one.
    fn number(&mut self, max: usize) -> Option<u32> {
        let start = self.at;
        while self.at - start < max && self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits.parse().ok()
    }
}

/// `2023-05-01`, `2023/5/1`, `2023.5.1`, `2023年5月1日` (or `号`, or neither).
fn read_date(cursor: &mut Cursor) -> Result<Date, String> {
    let year = cursor
        .number(4)
        .filter(|y| *y >= 1000)
        .ok_or_else(unreadable)?;
    let (month, day) = if cursor.eat('年') {
        let month = cursor.number(2).ok_or_else(unreadable)?;
        if !cursor.eat('月') {
            return Err(unreadable());
        }
        let day = cursor.number(2).ok_or_else(unreadable)?;
        cursor.eat_any(&["日", "号"]);
        (month, day)
    } else {
        let separator = cursor.peek().filter(|c| matches!(c, '-' | '/' | '.'));
        let separator = separator.ok_or_else(unreadable)?;
        cursor.at += 1;
        let month = cursor.number(2).ok_or_else(unreadable)?;
        if !cursor.eat(separator) {
            return Err(unreadable());
        }
        let day = cursor.number(2).ok_or_else(unreadable)?;
        (month, day)
    };
    valid_date(year, month, day)
}

fn valid_date(year: u32, month: u32, day: u32) -> Result<Date, String> {
    if !(1..=12).contains(&month) {
        return Err(format!("月份只能是 1 到 12，这里写的是 {month} 月"));
    }
    let year = i16::try_from(year).map_err(|_| unreadable())?;
    // Both fit: month is 1..=12 and day has at most two digits.
    let (month, day) = (month as i8, day as i8);
    let first = Date::new(year, month, 1).map_err(|_| unreadable())?;
    let days = first.days_in_month();
    if day < 1 {
        return Err("日只能从 1 开始，这里写的是 0 日".into());
    }
    if day > days {
        return Err(format!("{year}年{month}月只有{days}天，没有{day}日"));
    }
    Date::new(year, month, day).map_err(|_| unreadable())
}

/// `14:30`, `14:30:00`, `14:30:00.000`, `14点`, `14点30分`, `14时30分`, `2点半`, with an
/// optional `上午`/`下午`/`晚上` in front.
fn read_time(cursor: &mut Cursor) -> Result<Time, String> {
    let period = cursor.eat_any(&["上午", "早上", "凌晨", "中午", "下午", "晚上"]);
    cursor.skip_spaces();
    let mut hour = cursor.number(2).ok_or_else(unreadable)?;
    let (minute, second) = if cursor.eat(':') {
        let minute = cursor.number(2).ok_or_else(unreadable)?;
        let second = if cursor.eat(':') {
            cursor.number(2).ok_or_else(unreadable)?
        } else {
            0
        };
        if cursor.eat('.') {
            cursor.number(9).ok_or_else(unreadable)?;
        }
        (minute, second)
    } else if cursor.eat_any(&["点", "时"]).is_some() {
        chinese_minutes(cursor)?
    } else {
        return Err(unreadable());
    };
    // 中午 is 11:00–13:00: `中午12点` is noon, `中午1点` is 13:00.
    let afternoon = match period {
        Some(3) => hour < 11,
        Some(4 | 5) => true,
        _ => false,
    };
    if afternoon && hour < 12 {
        hour += 12;
    }
    valid_time(hour, minute, second)
}

/// After `点`: `半`, `30分`, `30`, `30分15秒` or nothing.
fn chinese_minutes(cursor: &mut Cursor) -> Result<(u32, u32), String> {
    if cursor.eat('半') {
        return Ok((30, 0));
    }
    let Some(minute) = cursor.number(2) else {
        return Ok((0, 0));
    };
    if cursor.eat('分')
        && let Some(second) = cursor.number(2)
    {
        if !cursor.eat('秒') {
            return Err(unreadable());
        }
        return Ok((minute, second));
    }
    Ok((minute, 0))
}

fn valid_time(hour: u32, minute: u32, second: u32) -> Result<Time, String> {
    if hour > 23 {
        return Err(format!("小时只能是 0 到 23，这里写的是 {hour}"));
    }
    if minute > 59 {
        return Err(format!("分钟只能是 0 到 59，这里写的是 {minute}"));
    }
    if second > 59 {
        return Err(format!("秒只能是 0 到 59，这里写的是 {second}"));
    }
    // All three are in range, checked above.
    Time::new(hour as i8, minute as i8, second as i8, 0).map_err(|_| unreadable())
}

/// `Z`, `+08:00`, `+0800`, `+08` or nothing.
fn read_offset(cursor: &mut Cursor) -> Result<Option<Offset>, String> {
    if cursor.eat('Z') || cursor.eat('z') {
        return Ok(Some(Offset::UTC));
    }
    let sign = match cursor.peek() {
        Some('+') => 1,
        Some('-') => -1,
        _ => return Ok(None),
    };
    cursor.at += 1;
    let hours = cursor.number(2).ok_or_else(unreadable)?;
    cursor.eat(':');
    let minutes = cursor.number(2).unwrap_or(0);
    if hours > 14 || minutes > 59 {
        return Err(format!("时区偏移 {hours}:{minutes:02} 不存在"));
    }
    let seconds = sign * (hours * 3600 + minutes * 60) as i32;
    Offset::from_seconds(seconds)
        .map(Some)
        .map_err(|_| unreadable())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> TimeZone {
        TimeZone::get("Asia/Shanghai").unwrap()
    }

    /// `(text, expected "YYYY-MM-DDTHH:MM:SS+08:00[Asia/Shanghai]", has_time)`.
    #[test]
    fn accepts_the_ways_offices_write_dates() {
        let cases = [
            (
                "2023-05-01",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "2023/5/1",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "2023.5.1",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "2023年5月1日",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "2023年5月1号",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "  2023-5-1 ",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "２０２３年５月１日",
                "2023-05-01T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
            (
                "2023-05-01 14:30",
                "2023-05-01T14:30:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023-05-01T14:30",
                "2023-05-01T14:30:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023/5/1 14:30:15",
                "2023-05-01T14:30:15+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023.5.1 9:05",
                "2023-05-01T09:05:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日 14:30",
                "2023-05-01T14:30:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日14点30分",
                "2023-05-01T14:30:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日 14点",
                "2023-05-01T14:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日 下午2点半",
                "2023-05-01T14:30:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日 上午9时",
                "2023-05-01T09:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日 中午12点",
                "2023-05-01T12:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2023年5月1日 14：30",
                "2023-05-01T14:30:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2024-05-01T10:00+08:00",
                "2024-05-01T10:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2024-05-01T02:00Z",
                "2024-05-01T10:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2024-05-01 10:00:00+09:00",
                "2024-05-01T09:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2024-05-01T10:00:00.000+08:00",
                "2024-05-01T10:00:00+08:00[Asia/Shanghai]",
                true,
            ),
            (
                "2024-02-29",
                "2024-02-29T00:00:00+08:00[Asia/Shanghai]",
                false,
            ),
        ];
        for (text, expected, has_time) in cases {
            let when = parse_when(text, &shanghai()).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(when.zoned.to_string(), expected, "{text}");
            assert_eq!(when.has_time, has_time, "{text}");
        }
    }

    #[test]
    fn a_time_without_offset_is_in_the_site_time_zone() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let when = parse_when("2023-07-01 10:00", &tz).unwrap();
        assert_eq!(
            when.zoned.to_string(),
            "2023-07-01T10:00:00+02:00[Europe/Berlin]"
        );
    }

    #[test]
    fn dates_that_do_not_exist_are_errors_never_rolled_over() {
        let cases = [
            ("2023-02-30", "2023年2月只有28天，没有30日"),
            ("2023年2月29日", "2023年2月只有28天，没有29日"),
            ("2023/4/31", "2023年4月只有30天，没有31日"),
            ("2023-05-00", "日只能从 1 开始，这里写的是 0 日"),
            ("2023年13月1日", "月份只能是 1 到 12，这里写的是 13 月"),
            ("2023-00-10", "月份只能是 1 到 12，这里写的是 0 月"),
            ("2023-05-01 24:00", "小时只能是 0 到 23，这里写的是 24"),
            ("2023-05-01 14:60", "分钟只能是 0 到 59，这里写的是 60"),
            ("2023-05-01T10:00+15:00", "时区偏移 15:00 不存在"),
            ("", "没有写日期"),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_when(text, &shanghai()),
                Err(expected.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn text_that_is_no_date_is_explained() {
        for text in [
            "明天",
            "5月1日",
            "2023-05",
            "2023-05/01",
            "23-5-1",
            "2023年5月",
            "2023-05-01 下午",
            "2023-05-01 14:30 左右",
        ] {
            let error = parse_when(text, &shanghai()).unwrap_err();
            assert!(error.starts_with("看不懂这个日期"), "{text}: {error}");
        }
    }
}
