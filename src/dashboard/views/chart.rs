//! The weekly trend as SVG geometry, computed on the server: the template only draws it.

use super::{Head, day_month, short_date, tr};
use crate::dashboard::Week;

/// One bar of the weekly trend.
pub struct Bar {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub n: i64,
    pub text_x: i32,
    pub text_y: i32,
    pub label: String,
    pub show_label: bool,
    pub href: String,
    pub title: String,
}

/// The weekly trend as SVG geometry (drawn by the template; no script in the browser).
pub struct Chart {
    pub width: i32,
    pub height: i32,
    pub left: i32,
    pub base_y: i32,
    pub bars: Vec<Bar>,
    pub ticks: Vec<(i32, String)>,
    pub marker: Option<(i32, String)>,
    pub summary: String,
}

const CHART_W: i32 = 640;
const CHART_H: i32 = 200;
const CHART_LEFT: i32 = 36;
const CHART_TOP: i32 = 16;
const CHART_BOTTOM: i32 = 34;

/// 0, then the smallest of 1, 2, 5 × 10ⁿ at or above `n`.
fn nice_max(n: i64) -> i64 {
    if n <= 0 {
        return 1;
    }
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= n {
                return m * step;
            }
        }
        step *= 10;
    }
}

pub fn chart(head: &Head, unit: i64, weeks: &[Week]) -> Chart {
    let max = nice_max(weeks.iter().map(|w| w.meetings).max().unwrap_or(0));
    let plot_w = CHART_W - CHART_LEFT - 8;
    let plot_h = CHART_H - CHART_TOP - CHART_BOTTOM;
    let base_y = CHART_TOP + plot_h;
    let n = weeks.len().max(1) as i32;
    let slot = plot_w / n;
    let bar_w = (slot * 7 / 10).max(2);
    let every = ((n + 7) / 8).max(1);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let h = (w.meetings * plot_h as i64 / max) as i32;
            let x = CHART_LEFT + i as i32 * slot + (slot - bar_w) / 2;
            Bar {
                x,
                y: base_y - h,
                w: bar_w,
                h,
                n: w.meetings,
                text_x: x + bar_w / 2,
                text_y: (base_y - h - 3).max(CHART_TOP - 2),
                label: day_month(w.to),
                show_label: (n - 1 - i as i32) % every == 0,
                href: head.meetings_url(unit, w.from, w.to),
                title: format!(
                    "{} – {}: {} pertemuan",
                    short_date(w.from),
                    short_date(w.to),
                    w.meetings
                ),
            }
        })
        .collect();
    let ticks = [0, max / 2, max]
        .into_iter()
        .map(|v| (base_y - (v * plot_h as i64 / max) as i32, v.to_string()))
        .collect();
    let vd = head.p.election.voting_day;
    let marker = weeks
        .iter()
        .position(|w| w.from <= vd && vd <= w.to)
        .map(|i| {
            (
                CHART_LEFT + i as i32 * slot + slot / 2,
                format!("H {}", day_month(vd)),
            )
        });
    let total: i64 = weeks.iter().map(|w| w.meetings).sum();
    Chart {
        width: CHART_W,
        height: CHART_H,
        left: CHART_LEFT,
        base_y,
        bars,
        ticks,
        marker,
        summary: tr(format!(
            "Pertemuan per minggu, {}: {} pertemuan dalam {} minggu, paling banyak {} seminggu.",
            head.period_text(),
            total,
            weeks.len(),
            weeks.iter().map(|w| w.meetings).max().unwrap_or(0)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_scales_round_up_to_a_readable_maximum() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(12), 20);
        assert_eq!(nice_max(4321), 5000);
    }
}
