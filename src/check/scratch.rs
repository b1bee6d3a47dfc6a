use super::lexicon::*;

fn gaps(line: &str) {
    let chars: Vec<char> = line.chars().collect();
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == ' ' && chars[i-1] != ' ' && chars[i+1] != ' ' {
            let l0 = i.saturating_sub(6); let r1 = (i+7).min(chars.len());
            let joined: String = chars[l0..i].iter().chain(chars[i+1..r1].iter()).collect();
            let cut = i - l0;
            let ws = words(&joined);
            let cross = ws.iter().find(|r| r.start < cut && r.end > cut).map(|r| joined.chars().skip(r.start).take(r.len()).collect::<String>());
            println!("{:>3} {}|{}  {:?}", i, chars[l0..i].iter().collect::<String>(), chars[i+1..r1].iter().collect::<String>(), cross);
        }
    }
}

#[test]
fn scratch() {
    let t = std::fs::read_to_string(std::env::var("SEED").unwrap()).unwrap();
    for line in t.lines() { if line.contains(' ') { println!("== {}", line.chars().take(20).collect::<String>()); gaps(line); } }
}
