//! Pure geometry of an export: page sizes and frames, the fit-to-page scale,
//! splitting a map into page tiles, stacking cards, and the emotion curve's
//! Catmull-Rom → cubic Bézier conversion. No fonts, no I/O: everything here is
//! plain numbers in points (1/72 in), y growing downwards.

use std::ops::Range;

use super::{Orientation, PageSize};

/// Slack for comparisons of accumulated floating-point lengths.
pub const EPS: f32 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// Whether the two rectangles share an area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() - EPS && o.x < self.right() - EPS && self.y < o.bottom() - EPS && o.y < self.bottom() - EPS
    }
    /// Whether `o` lies within this rectangle (with [`EPS`] slack).
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - EPS && o.y >= self.y - EPS && o.right() <= self.right() + EPS && o.bottom() <= self.bottom() + EPS
    }
    pub fn inset(&self, dx: f32, dy: f32) -> Rect {
        Rect { x: self.x + dx, y: self.y + dy, w: (self.w - 2.0 * dx).max(0.0), h: (self.h - 2.0 * dy).max(0.0) }
    }
}

/// Width and height in points of a page.
pub fn page_size_pt(size: PageSize, orientation: Orientation) -> (f32, f32) {
    let (short, long) = match size {
        PageSize::A4 => (595.28, 841.89),
        PageSize::A3 => (841.89, 1190.55),
        PageSize::Letter => (612.0, 792.0),
        PageSize::Tabloid => (792.0, 1224.0),
    };
    match orientation {
        Orientation::Portrait => (short, long),
        Orientation::Landscape => (long, short),
    }
}

/// A page cut into its running header, body and footer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageFrame {
    pub width: f32,
    pub height: f32,
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
}

/// The frame of a `width` × `height` page with `margin` all round, a header of
/// `header_h` above the body and a footer of `footer_h` below it.
pub fn page_frame(width: f32, height: f32, margin: f32, header_h: f32, footer_h: f32) -> PageFrame {
    let inner_w = (width - 2.0 * margin).max(0.0);
    let header = Rect::new(margin, margin, inner_w, header_h);
    let footer = Rect::new(margin, (height - margin - footer_h).max(0.0), inner_w, footer_h);
    let body_y = header.bottom();
    let body = Rect::new(margin, body_y, inner_w, (footer.y - body_y).max(0.0));
    PageFrame { width, height, header, body, footer }
}

/// The scale that makes `content` fit `avail` (both width × height), at most `max_scale`.
pub fn fit_scale(avail_w: f32, avail_h: f32, content_w: f32, content_h: f32, max_scale: f32) -> f32 {
    if content_w <= 0.0 || content_h <= 0.0 || avail_w <= 0.0 || avail_h <= 0.0 {
        return 1.0f32.min(max_scale);
    }
    (avail_w / content_w).min(avail_h / content_h).min(max_scale)
}

/// Greedy grouping of columns of `widths` into pages `avail` wide. Every group
/// has at least one column, even one wider than `avail`.
pub fn split_columns(widths: &[f32], avail: f32) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, &w) in widths.iter().enumerate() {
        if i > start && used + w > avail + EPS {
            groups.push(start..i);
            start = i;
            used = 0.0;
        }
        used += w;
    }
    if start < widths.len() {
        groups.push(start..widths.len());
    }
    groups
}

/// Splits a body `total` tall into bands at most `avail` tall.
///
/// Prefers the row boundaries in `row_bounds`; inside a row that does not fit,
/// breaks between the `atoms` (cards, as `(top, bottom)`), never through one;
/// only an atom taller than a whole page is cut. A band ends at the lowest
/// row boundary that fits unless that would leave more than half the page
/// empty while a break between atoms further down fits.
pub fn split_rows(total: f32, avail: f32, row_bounds: &[f32], atoms: &[(f32, f32)]) -> Vec<(f32, f32)> {
    if total <= avail + EPS || avail <= EPS {
        return vec![(0.0, total.max(0.0))];
    }
    let straddles = |y: f32| atoms.iter().any(|&(t, b)| t < y - EPS && b > y + EPS);
    let mut bands = Vec::new();
    let mut y0 = 0.0f32;
    while total - y0 > EPS {
        let limit = y0 + avail;
        if limit >= total - EPS {
            bands.push((y0, total));
            break;
        }
        let in_range = |y: f32| y > y0 + EPS && y <= limit + EPS;
        let row_break = row_bounds.iter().copied().filter(|&y| in_range(y) && !straddles(y)).fold(None, max_opt);
        let atom_break = atoms.iter().map(|&(_, b)| b).filter(|&y| in_range(y) && !straddles(y)).fold(None, max_opt);
        let end = match (row_break, atom_break) {
            (Some(r), Some(a)) if r - y0 < 0.5 * avail && a > r => a,
            (Some(r), _) => r,
            (None, Some(a)) => a,
            (None, None) => limit,
        };
        bands.push((y0, end));
        y0 = end;
    }
    bands
}

fn max_opt(acc: Option<f32>, y: f32) -> Option<f32> {
    Some(acc.map_or(y, |a| a.max(y)))
}

/// One page's share of the map: a run of stage columns and a band of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub cols: Range<usize>,
    /// Band of the body (below the stage header row), in map points.
    pub y0: f32,
    pub y1: f32,
}

/// All tiles, column group by column group (a run of stages from top to
/// bottom before the next stages), so a stage's story stays together.
pub fn tiles(col_groups: &[Range<usize>], bands: &[(f32, f32)]) -> Vec<Tile> {
    let mut out = Vec::with_capacity(col_groups.len() * bands.len());
    for g in col_groups {
        for &(y0, y1) in bands {
            out.push(Tile { cols: g.clone(), y0, y1 });
        }
    }
    out
}

/// Tops of boxes of `heights` stacked from `top` with `gap` between them.
pub fn stack(top: f32, heights: &[f32], gap: f32) -> Vec<f32> {
    let mut y = top;
    heights
        .iter()
        .map(|h| {
            let at = y;
            y += h + gap;
            at
        })
        .collect()
}

/// Height of boxes of `heights` stacked with `gap` between them.
pub fn stack_height(heights: &[f32], gap: f32) -> f32 {
    if heights.is_empty() {
        0.0
    } else {
        heights.iter().sum::<f32>() + gap * (heights.len() - 1) as f32
    }
}

/// Offsets of consecutive spans of `sizes` starting at `start`.
pub fn offsets(start: f32, sizes: &[f32]) -> Vec<f32> {
    stack(start, sizes, 0.0)
}

/// A cubic Bézier segment: two control points and the end point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cubic {
    pub c1: (f32, f32),
    pub c2: (f32, f32),
    pub to: (f32, f32),
}

/// The uniform Catmull-Rom spline through `points` as cubic Béziers, one per
/// pair of neighbours (ends clamped by repeating the end points). Control
/// points' y are kept within `y_range`, so the curve does not overshoot the
/// band it is drawn in.
pub fn catmull_rom(points: &[(f32, f32)], y_range: (f32, f32)) -> Vec<Cubic> {
    let n = points.len();
    if n < 2 {
        return Vec::new();
    }
    let (lo, hi) = if y_range.0 <= y_range.1 { y_range } else { (y_range.1, y_range.0) };
    let at = |i: isize| points[i.clamp(0, n as isize - 1) as usize];
    (0..n as isize - 1)
        .map(|i| {
            let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
            let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, (p1.1 + (p2.1 - p0.1) / 6.0).clamp(lo, hi));
            let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, (p2.1 - (p3.1 - p1.1) / 6.0).clamp(lo, hi));
            Cubic { c1, c2, to: p2 }
        })
        .collect()
}

/// The point at parameter `t` of the cubic from `from`.
pub fn cubic_point(from: (f32, f32), c: &Cubic, t: f32) -> (f32, f32) {
    let u = 1.0 - t;
    let (a, b, cc, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (a * from.0 + b * c.c1.0 + cc * c.c2.0 + d * c.to.0, a * from.1 + b * c.c1.1 + cc * c.c2.1 + d * c.to.1)
}

/// The four cubics of a circle (kappa approximation), starting at its right.
pub fn circle(cx: f32, cy: f32, r: f32) -> ((f32, f32), [Cubic; 4]) {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    (
        (cx + r, cy),
        [
            Cubic { c1: (cx + r, cy + k), c2: (cx + k, cy + r), to: (cx, cy + r) },
            Cubic { c1: (cx - k, cy + r), c2: (cx - r, cy + k), to: (cx - r, cy) },
            Cubic { c1: (cx - r, cy - k), c2: (cx - k, cy - r), to: (cx, cy - r) },
            Cubic { c1: (cx + k, cy - r), c2: (cx + r, cy - k), to: (cx + r, cy) },
        ],
    )
}

/// A rounded rectangle as a start point and its eight segments (lines are
/// given as degenerate cubics so the path is one kind of segment).
pub fn rounded_rect(r: &Rect, radius: f32) -> ((f32, f32), Vec<Cubic>) {
    const K: f32 = 0.552_284_8;
    let rad = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    let k = K * rad;
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    let line = |from: (f32, f32), to: (f32, f32)| Cubic { c1: from, c2: to, to };
    let start = (x0 + rad, y0);
    let segs = vec![
        line(start, (x1 - rad, y0)),
        Cubic { c1: (x1 - rad + k, y0), c2: (x1, y0 + rad - k), to: (x1, y0 + rad) },
        line((x1, y0 + rad), (x1, y1 - rad)),
        Cubic { c1: (x1, y1 - rad + k), c2: (x1 - rad + k, y1), to: (x1 - rad, y1) },
        line((x1 - rad, y1), (x0 + rad, y1)),
        Cubic { c1: (x0 + rad - k, y1), c2: (x0, y1 - rad + k), to: (x0, y1 - rad) },
        line((x0, y1 - rad), (x0, y0 + rad)),
        Cubic { c1: (x0, y0 + rad - k), c2: (x0 + rad - k, y0), to: start },
    ];
    (start, segs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_and_orientation() {
        assert_eq!(page_size_pt(PageSize::A4, Orientation::Portrait), (595.28, 841.89));
        assert_eq!(page_size_pt(PageSize::A4, Orientation::Landscape), (841.89, 595.28));
        assert_eq!(page_size_pt(PageSize::Letter, Orientation::Portrait), (612.0, 792.0));
        assert_eq!(page_size_pt(PageSize::Tabloid, Orientation::Landscape), (1224.0, 792.0));
        let (w, h) = page_size_pt(PageSize::A3, Orientation::Portrait);
        // A3 is twice A4.
        let (w4, h4) = page_size_pt(PageSize::A4, Orientation::Portrait);
        assert!((w * h - 2.0 * w4 * h4).abs() / (w * h) < 0.01);
    }

    #[test]
    fn frame_parts_tile_the_page() {
        let f = page_frame(800.0, 600.0, 20.0, 30.0, 25.0);
        assert_eq!(f.header, Rect::new(20.0, 20.0, 760.0, 30.0));
        assert_eq!(f.body, Rect::new(20.0, 50.0, 760.0, 505.0));
        assert_eq!(f.footer, Rect::new(20.0, 555.0, 760.0, 25.0));
        assert!(!f.header.overlaps(&f.body) && !f.body.overlaps(&f.footer));
    }

    #[test]
    fn fit_scale_takes_the_tighter_side() {
        assert_eq!(fit_scale(100.0, 100.0, 200.0, 50.0, 2.0), 0.5);
        assert_eq!(fit_scale(100.0, 100.0, 50.0, 400.0, 2.0), 0.25);
        assert_eq!(fit_scale(100.0, 100.0, 10.0, 10.0, 2.0), 2.0);
        assert_eq!(fit_scale(100.0, 100.0, 0.0, 0.0, 2.0), 1.0);
    }

    #[test]
    fn columns_group_greedily_and_never_empty() {
        assert_eq!(split_columns(&[100.0; 5], 250.0), vec![0..2, 2..4, 4..5]);
        assert_eq!(split_columns(&[100.0; 4], 400.0), vec![0..4]);
        assert_eq!(split_columns(&[300.0, 100.0], 250.0), vec![0..1, 1..2]);
        assert_eq!(split_columns(&[], 250.0), Vec::<Range<usize>>::new());
    }

    #[test]
    fn rows_break_at_row_boundaries() {
        // Rows of 100 each; 250 per page → 2 rows per page.
        let bounds = [100.0, 200.0, 300.0, 400.0, 500.0];
        let bands = split_rows(500.0, 250.0, &bounds, &[]);
        assert_eq!(bands, vec![(0.0, 200.0), (200.0, 400.0), (400.0, 500.0)]);
        assert_eq!(split_rows(90.0, 250.0, &bounds, &[]), vec![(0.0, 90.0)]);
    }

    #[test]
    fn a_tall_row_breaks_between_cards_not_through_them() {
        // One row 0..1000 with cards of 90 every 100.
        let atoms: Vec<(f32, f32)> = (0..10).map(|i| (i as f32 * 100.0 + 5.0, i as f32 * 100.0 + 95.0)).collect();
        let bands = split_rows(1000.0, 250.0, &[1000.0], &atoms);
        for &(y0, y1) in &bands {
            assert!(y1 - y0 <= 250.0 + EPS);
            for &(t, b) in &atoms {
                assert!(!(t < y1 - EPS && b > y1 + EPS), "band end {y1} cuts card {t}..{b}");
                let _ = y0;
            }
        }
        assert_eq!(bands.first().map(|b| b.0), Some(0.0));
        assert_eq!(bands.last().map(|b| b.1), Some(1000.0));
        assert_eq!(bands.len(), 5);
    }

    #[test]
    fn a_card_taller_than_a_page_is_cut_and_progress_is_made() {
        let bands = split_rows(1000.0, 300.0, &[1000.0], &[(0.0, 1000.0)]);
        assert_eq!(bands.len(), 4);
        assert!(bands.windows(2).all(|w| w[0].1 == w[1].0));
    }

    #[test]
    fn a_short_first_row_does_not_waste_a_page() {
        // Row 1 is 20 tall, row 2 is 1000 tall with cards every 100.
        let atoms: Vec<(f32, f32)> = (0..10).map(|i| (20.0 + i as f32 * 100.0 + 5.0, 20.0 + i as f32 * 100.0 + 95.0)).collect();
        let bands = split_rows(1020.0, 400.0, &[20.0, 1020.0], &atoms);
        assert!(bands[0].1 > 300.0, "{bands:?}");
    }

    #[test]
    fn tiles_go_column_group_major() {
        let t = tiles(&[0..2, 2..3], &[(0.0, 10.0), (10.0, 20.0)]);
        assert_eq!(t.len(), 4);
        assert_eq!(t[1], Tile { cols: 0..2, y0: 10.0, y1: 20.0 });
        assert_eq!(t[2].cols, 2..3);
    }

    #[test]
    fn stacking() {
        assert_eq!(stack(10.0, &[5.0, 7.0, 3.0], 2.0), vec![10.0, 17.0, 26.0]);
        assert_eq!(stack_height(&[5.0, 7.0, 3.0], 2.0), 19.0);
        assert_eq!(stack_height(&[], 2.0), 0.0);
        assert_eq!(offsets(0.0, &[1.0, 2.0]), vec![0.0, 1.0]);
    }

    #[test]
    fn catmull_rom_passes_through_every_point_and_stays_in_band() {
        let pts = [(0.0, 50.0), (10.0, 0.0), (20.0, 100.0), (30.0, 50.0), (40.0, 0.0)];
        let segs = catmull_rom(&pts, (0.0, 100.0));
        assert_eq!(segs.len(), 4);
        for (i, s) in segs.iter().enumerate() {
            assert_eq!(s.to, pts[i + 1]);
            for t in [0.1, 0.25, 0.5, 0.75, 0.9] {
                let (x, y) = cubic_point(pts[i], s, t);
                assert!((-EPS..=100.0 + EPS).contains(&y), "overshoot {y}");
                assert!(x > pts[i].0 && x < pts[i + 1].0);
            }
        }
        // Collinear points give a straight line.
        let line = catmull_rom(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)], (-10.0, 10.0));
        let (x, y) = cubic_point((0.0, 0.0), &line[0], 0.5);
        assert!((x - y).abs() < 1e-4);
        assert!(catmull_rom(&[(0.0, 0.0)], (0.0, 1.0)).is_empty());
    }

    #[test]
    fn rounded_rect_is_closed_and_inside() {
        let r = Rect::new(10.0, 20.0, 100.0, 40.0);
        let (start, segs) = rounded_rect(&r, 6.0);
        assert_eq!(segs.last().map(|s| s.to), Some(start));
        let mut from = start;
        for s in &segs {
            for t in [0.0, 0.5, 1.0] {
                let (x, y) = cubic_point(from, s, t);
                assert!(r.contains(&Rect::new(x, y, 0.0, 0.0)));
            }
            from = s.to;
        }
        let (_, tiny) = rounded_rect(&Rect::new(0.0, 0.0, 4.0, 2.0), 6.0);
        assert_eq!(tiny.len(), 8);
        let (s, c) = circle(0.0, 0.0, 1.0);
        assert_eq!(c[3].to, s);
    }

    #[test]
    fn rect_relations() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&Rect::new(5.0, 5.0, 10.0, 10.0)));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 10.0, 10.0)), "touching is not overlapping");
        assert!(a.contains(&Rect::new(1.0, 1.0, 9.0, 9.0)));
        assert!(!a.contains(&Rect::new(1.0, 1.0, 10.0, 9.0)));
        assert_eq!(a.inset(2.0, 3.0), Rect::new(2.0, 3.0, 6.0, 4.0));
    }
}
