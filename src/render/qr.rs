//! QR code modules for a page's address. The `qrcode` crate encodes the data; the choice of
//! mask is made here: the crate scores the eight masks of ISO/IEC 18004 through boxed
//! closures, about 0.7 ms for one address, which made the QR codes a third of a full build.
//! The same four penalty rules over a plain grid choose the same mask some 30 times faster.

use qrcode::bits::encode_auto;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::ec::construct_codewords;
use qrcode::{Color, EcLevel, Version};

/// The masks in the crate's order, so that a tie goes to the same mask as the crate's own
/// choice.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of `data` as a QR code at `level`, row by row, with the width of a row;
/// `None` when the data is too long for a QR code.
pub(crate) fn modules(data: &[u8], level: EcLevel) -> Option<(Vec<Color>, usize)> {
    let bits = encode_auto(data, level).ok()?;
    let version = bits.version();
    let (data, ec) = construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let colors = match version {
        Version::Normal(_) => MASKS
            .iter()
            .map(|&mask| {
                let mut masked = canvas.clone();
                masked.apply_mask(mask);
                masked.into_colors()
            })
            .min_by_key(|colors| penalty(colors, width))?,
        Version::Micro(_) => canvas.apply_best_mask().into_colors(),
    };
    Some((colors, width))
}

/// The penalty of a masked symbol: runs of five or more, 2×2 blocks, finder-like patterns and
/// the dark/light balance, scored as the `qrcode` crate scores them (its constant offset left
/// out, which changes no choice).
fn penalty(colors: &[Color], width: usize) -> u32 {
    let dark: Vec<bool> = colors.iter().map(|&c| c == Color::Dark).collect();
    let at = |x: usize, y: usize| dark[y * width + x];
    let mut score = 0;
    for i in 0..width {
        score += runs(width, |j| at(j, i)) + runs(width, |j| at(i, j));
        score += finders(width, |j| at(j, i)) + finders(width, |j| at(i, j));
    }
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                score += 3;
            }
        }
    }
    let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
    score + ratio.abs_diff(100) as u32
}

/// Runs of `n ≥ 5` modules of one color in a line score `n - 2`.
fn runs(width: usize, line: impl Fn(usize) -> bool) -> u32 {
    let mut score = 0;
    let mut run = 1;
    for j in 1..=width {
        if j < width && line(j) == line(j - 1) {
            run += 1;
        } else {
            if run >= 5 {
                score += run - 2;
            }
            run = 1;
        }
    }
    score
}

/// Each `#.###.#` in a line with four light modules (or the edge) on either side scores 40.
fn finders(width: usize, line: impl Fn(usize) -> bool) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0;
    for j in 0..width.saturating_sub(6) {
        if (0..7).any(|k| line(j + k) != PATTERN[k]) {
            continue;
        }
        let light_before = (j.saturating_sub(4)..j).all(|k| !line(k));
        let light_after = (j + 7..(j + 11).min(width)).all(|k| !line(k));
        if light_before || light_after {
            score += 40;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    #[test]
    fn the_mask_is_the_one_the_crate_chooses() {
        let addresses = (0..40).map(|i| {
            format!("https://changxin.example.gov.cn/zh-hant/stories/wangcheng-huangjin-{i}/")
        });
        let short = ["https://a.cn/", "http://127.0.0.1:1313/lectures/poster/"];
        for text in addresses.chain(short.iter().map(|s| s.to_string())) {
            let crate_choice = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
                .expect("a short address fits a QR code");
            let (colors, width) = modules(text.as_bytes(), EcLevel::M).expect("fits");
            assert_eq!(width, crate_choice.width(), "{text}");
            assert!(
                colors == crate_choice.to_colors(),
                "{text}: another mask was chosen"
            );
        }
    }

    #[test]
    fn data_too_long_for_a_qr_code_gives_none() {
        assert!(modules(&[b'a'; 8000], EcLevel::M).is_none());
    }
}
