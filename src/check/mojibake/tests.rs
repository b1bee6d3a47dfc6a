use super::*;

fn garbled(text: &str) -> Vec<&str> {
    let runs = super::super::prose::runs(text);
    find(text, &runs)
        .into_iter()
        .map(|f| &text[f.range])
        .collect()
}

#[test]
fn utf8_read_as_gbk_is_found() {
    assert_eq!(garbled("请鍙傚姞活动"), ["鍙傚姞"]);
}
