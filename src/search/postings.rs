//! Postings: for each key, the documents that hold it and where (title, fields, body),
//! written as compact text the browser decodes without a library. Pure: no IO.

use std::collections::BTreeMap;

/// Where in a document a key occurs, as bits: the title, the fields and tags, the body
/// (with the summary). A posting carries every place the key occurs.
pub const IN_TITLE: u8 = 4;
pub const IN_FIELDS: u8 = 2;
pub const IN_BODY: u8 = 1;

/// 64 characters that need no escaping in a JavaScript string: a digit is 5 bits of a
/// number, the first 32 mark a digit that more follow, the last 32 the number's last digit.
const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A posting list, documents ascending: each document as `gap * 2` when the key is only
/// in its body, else as `gap * 2 + 1` followed by the bits, where `gap` is the id minus the
/// previous id (the first id plus one); each number in 5-bit digits, most significant
/// first. Most postings are of the body alone, so they spend no digit on where.
pub fn encode(postings: &[(u32, u8)]) -> String {
    let mut out = String::new();
    let mut previous: i64 = -1;
    for &(doc, bits) in postings {
        let delta = (i64::from(doc) - previous) as u64;
        previous = i64::from(doc);
        if bits & 7 == IN_BODY {
            push_number(&mut out, delta << 1);
        } else {
            push_number(&mut out, delta << 1 | 1);
            push_number(&mut out, u64::from(bits & 7));
        }
    }
    out
}

fn push_number(out: &mut String, value: u64) {
    let mut digits = [0u8; 13];
    let mut n = value;
    let mut len = 0;
    loop {
        digits[len] = (n & 31) as u8;
        len += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for (i, &digit) in digits[..len].iter().enumerate().rev() {
        let last = if i == 0 { 32 } else { 0 };
        out.push(char::from(ALPHABET[usize::from(digit + last)]));
    }
}

/// The inverse of `encode` (tests check the format the browser reads).
pub fn decode(text: &str) -> Option<Vec<(u32, u8)>> {
    let mut numbers = Vec::new();
    let mut value: u64 = 0;
    for byte in text.bytes() {
        let code = ALPHABET.iter().position(|&a| a == byte)? as u64;
        value = value << 5 | (code & 31);
        if code >= 32 {
            numbers.push(value);
            value = 0;
        }
    }
    let mut out = Vec::new();
    let mut previous: i64 = -1;
    let mut numbers = numbers.into_iter();
    while let Some(n) = numbers.next() {
        let doc = previous + i64::try_from(n >> 1).ok()?;
        let bits = if n & 1 == 1 {
            numbers.next()?
        } else {
            u64::from(IN_BODY)
        };
        out.push((u32::try_from(doc).ok()?, u8::try_from(bits).ok()?));
        previous = doc;
    }
    Some(out)
}

/// A shard's keys and their encoded postings as one text: a key, a space, its postings, a
/// space, and so on (keys hold no spaces, postings only `ALPHABET`).
pub fn shard_text<'a>(keys: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (key, postings) in keys {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(key);
        out.push(' ');
        out.push_str(postings);
    }
    out
}

/// The inverse of `shard_text`: key → encoded postings.
pub fn parse_shard(text: &str) -> BTreeMap<&str, &str> {
    let items: Vec<&str> = text.split(' ').collect();
    items.chunks_exact(2).map(|kv| (kv[0], kv[1])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_text_reads_back() {
        let text = shard_text([("社区", "Ab"), ("icp", "w")]);
        assert_eq!(text, "社区 Ab icp w");
        let keys = parse_shard(&text);
        assert_eq!(keys.get("社区"), Some(&"Ab"));
        assert_eq!(keys.get("icp"), Some(&"w"));
        assert!(parse_shard("").is_empty());
    }

    #[test]
    fn postings_round_trip() {
        let list = vec![
            (0, IN_TITLE),
            (1, IN_BODY),
            (2, 7),
            (40, IN_FIELDS),
            (100_000, 1),
        ];
        let text = encode(&list);
        assert_eq!(decode(&text), Some(list));
    }

    #[test]
    fn documents_up_to_fifteen_apart_take_one_character() {
        let list: Vec<(u32, u8)> = (0..100).map(|d| (d * 15, IN_BODY)).collect();
        assert_eq!(encode(&list).len(), 100);
        // In the title too: one more for the bits.
        assert_eq!(encode(&[(14, IN_TITLE | IN_BODY)]).len(), 2);
    }
}
