//! Postings: for each key, the documents that hold it and where (title, fields, body),
//! written as compact text the browser decodes without a library. Pure: no IO.

/// Where in a document a key occurs, as bits: the title, the fields and tags, the body
/// (with the summary). A posting carries every place the key occurs.
pub const IN_TITLE: u8 = 4;
pub const IN_FIELDS: u8 = 2;
pub const IN_BODY: u8 = 1;

/// 64 characters that need no escaping in a JavaScript string: a digit is 5 bits of a
/// number, the first 32 mark a digit that more follow, the last 32 the number's last digit.
const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A posting list, documents ascending: each document as `(id - previous id) * 8 + bits`
/// (the first as `id + 1`), each number in 5-bit digits, most significant first.
pub fn encode(postings: &[(u32, u8)]) -> String {
    let mut out = String::new();
    let mut previous: i64 = -1;
    for &(doc, bits) in postings {
        let delta = i64::from(doc) - previous;
        previous = i64::from(doc);
        push_number(&mut out, (delta as u64) << 3 | u64::from(bits & 7));
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
    let mut out = Vec::new();
    let mut previous: i64 = -1;
    let mut value: u64 = 0;
    for byte in text.bytes() {
        let code = ALPHABET.iter().position(|&a| a == byte)? as u64;
        value = value << 5 | (code & 31);
        if code >= 32 {
            let doc = previous + (value >> 3) as i64;
            out.push((u32::try_from(doc).ok()?, (value & 7) as u8));
            previous = doc;
            value = 0;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn neighbouring_documents_take_one_character() {
        let list: Vec<(u32, u8)> = (0..100).map(|d| (d, IN_BODY)).collect();
        assert_eq!(encode(&list).len(), 100);
    }
}
