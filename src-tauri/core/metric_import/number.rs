//! Step 2 of a metric import: the numbers in the cells. Exports write rates as
//! `12.5%`, `12,5 %`, `12.5` or `0.125`, and people counts as `1200`,
//! `1,200`, `1.200` (the Vietnamese grouping) or `1 200`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::edit::limits;

/// How a rate written without `%` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RateScale {
    /// `12.5` is 12.5 %.
    Percent,
    /// `0.125` is 12.5 % (a spreadsheet cell formatted as a percentage holds this).
    Fraction,
}

/// Why a cell is not a usable number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    NotANumber,
    OutOfRange,
}

/// The rate in `text` as a percentage (0–100), `None` for an empty cell.
pub fn rate(text: &str, scale: RateScale) -> Result<Option<f64>, NumberProblem> {
    let compact = compact(text);
    if compact.is_empty() {
        return Ok(None);
    }
    let (digits, percent) = match compact.strip_suffix('%') {
        Some(d) => (d, true),
        None => (compact.as_str(), false),
    };
    let value = decimal(digits).ok_or(NumberProblem::NotANumber)?;
    let value = if percent || scale == RateScale::Percent { value } else { value * 100.0 };
    // 0.07 × 100 is 7.000000000000001: keep six decimals, more than any export has.
    let value = (value * 1e6).round() / 1e6;
    if (0.0..=100.0).contains(&value) {
        Ok(Some(value))
    } else {
        Err(NumberProblem::OutOfRange)
    }
}

/// How many people, `None` for an empty cell.
pub fn volume(text: &str) -> Result<Option<i64>, NumberProblem> {
    let compact = compact(text);
    if compact.is_empty() {
        return Ok(None);
    }
    let grouped = grouped_integer(&compact, '.').or_else(|| grouped_integer(&compact, ','));
    let value = match grouped {
        Some(v) => v,
        None => {
            let v = decimal(&compact).ok_or(NumberProblem::NotANumber)?;
            if v.fract() != 0.0 {
                return Err(NumberProblem::NotANumber);
            }
            if !(0.0..=limits::VOLUME as f64).contains(&v) {
                return Err(NumberProblem::OutOfRange);
            }
            v as i64
        }
    };
    if (0..=limits::VOLUME).contains(&value) {
        Ok(Some(value))
    } else {
        Err(NumberProblem::OutOfRange)
    }
}

/// The scale a column's rates are most likely written in: fractions when every
/// number without `%` is at most 1 (and one has decimals), else percentages.
pub fn guess_scale<'a>(cells: impl IntoIterator<Item = &'a str>) -> RateScale {
    let mut plain = cells.into_iter().map(compact).filter(|c| !c.is_empty() && !c.ends_with('%')).filter_map(|c| decimal(&c)).peekable();
    if plain.peek().is_none() {
        return RateScale::Percent;
    }
    let values: Vec<f64> = plain.collect();
    if values.iter().all(|v| (0.0..=1.0).contains(v)) && values.iter().any(|v| v.fract() != 0.0) {
        RateScale::Fraction
    } else {
        RateScale::Percent
    }
}

/// The cell without spaces of any kind.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect()
}

/// `1.200.000` or `1,200` with `sep` grouping thousands.
fn grouped_integer(text: &str, sep: char) -> Option<i64> {
    let mut groups = text.split(sep);
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let ok = !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return None;
    }
    text.chars().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// A decimal number with `.` or `,` as the decimal mark (when both appear, the
/// last one is the decimal mark and the other groups thousands).
fn decimal(text: &str) -> Option<f64> {
    let normalized = match (text.rfind('.'), text.rfind(',')) {
        (Some(dot), Some(comma)) if comma > dot => text.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => text.replace(',', ""),
        (None, Some(_)) => text.replace(',', "."),
        _ => text.to_owned(),
    };
    let ok = !normalized.is_empty() && normalized.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
    let value: f64 = if ok { normalized.parse().ok()? } else { return None };
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_in_every_way_exports_write_them() {
        for (text, scale, want) in [
            ("12.5%", RateScale::Fraction, 12.5),
            ("12,5 %", RateScale::Percent, 12.5),
            ("12.5", RateScale::Percent, 12.5),
            ("0.125", RateScale::Fraction, 12.5),
            ("0,07", RateScale::Fraction, 7.0),
            ("100", RateScale::Percent, 100.0),
            ("0", RateScale::Percent, 0.0),
        ] {
            assert_eq!(rate(text, scale), Ok(Some(want)), "{text}");
        }
        assert_eq!(rate("  ", RateScale::Percent), Ok(None));
        assert_eq!(rate("120%", RateScale::Percent), Err(NumberProblem::OutOfRange));
        assert_eq!(rate("-3", RateScale::Percent), Err(NumberProblem::OutOfRange));
        for bad in ["cao", "12.5.3", "1e400", "NaN", "inf", "½", "12%%"] {
            assert_eq!(rate(bad, RateScale::Percent), Err(NumberProblem::NotANumber), "{bad}");
        }
    }

    #[test]
    fn volumes_with_any_thousands_grouping() {
        for (text, want) in [
            ("1200", 1200),
            ("1,200", 1200),
            ("1.200", 1200),
            ("1.200.000", 1_200_000),
            ("1 200", 1200),
            ("12\u{a0}000", 12_000),
            ("1200.0", 1200),
            ("0", 0),
        ] {
            assert_eq!(volume(text), Ok(Some(want)), "{text}");
        }
        assert_eq!(volume(""), Ok(None));
        assert_eq!(volume("12.5"), Err(NumberProblem::NotANumber));
        assert_eq!(volume("nhiều"), Err(NumberProblem::NotANumber));
        assert_eq!(volume("-5"), Err(NumberProblem::OutOfRange));
        assert_eq!(volume("999999999999999999"), Err(NumberProblem::OutOfRange));
    }

    #[test]
    fn the_scale_is_guessed_from_the_column() {
        assert_eq!(guess_scale(["0.12", "0.5", ""]), RateScale::Fraction);
        assert_eq!(guess_scale(["12", "0.5"]), RateScale::Percent);
        assert_eq!(guess_scale(["1", "0"]), RateScale::Percent, "whole numbers 0 and 1 read as percentages");
        assert_eq!(guess_scale(["12%", "8%"]), RateScale::Percent);
        assert_eq!(guess_scale(["x"]), RateScale::Percent);
    }
}
