//! The "open comments" appendix of a PDF: the map's open review threads, by
//! stage (the stage's own threads, then its cards' in card order), each with
//! what it is about, its first comment and its replies (author, date, text).
//! Text goes through the same shaped-text pipeline as the rest of the export.

use super::compose::{line, para, Group};
use super::layout::{PageFrame, Rect};
use super::scene::{self, Rgb, Shape};
use super::text::{Fonts, Weight};
use crate::i18n::t;
use crate::model::{Comment, CommentOn, Map};
use crate::template::Lang;

/// A thread's first comment and its replies, oldest first.
struct Thread<'a> {
    root: &'a Comment,
    replies: Vec<&'a Comment>,
}

/// The open threads of `map`, grouped by stage in the map's order: the
/// stage's own threads first, then its cards' (in the cards' order), each
/// group oldest first.
fn open_threads(map: &Map) -> Vec<(usize, Vec<Thread<'_>>)> {
    let open: Vec<&Comment> = map.comments.iter().filter(|c| c.parent_id.is_none() && c.resolved_at.is_none()).collect();
    fn thread(root: &Comment) -> Thread<'_> {
        Thread { root, replies: Vec::new() }
    }
    let mut out = Vec::new();
    for (si, stage) in map.stages.iter().enumerate() {
        let mut threads: Vec<Thread<'_>> =
            open.iter().filter(|c| c.on == CommentOn::Stage && c.target_id == stage.id).map(|c| thread(c)).collect();
        for card in map.cards.iter().filter(|card| card.stage_id == stage.id) {
            threads.extend(open.iter().filter(|c| c.on == CommentOn::Card && c.target_id == card.id).map(|c| thread(c)));
        }
        for th in &mut threads {
            th.replies = map.comments.iter().filter(|c| c.parent_id.as_deref() == Some(th.root.id.as_str())).collect();
        }
        if !threads.is_empty() {
            out.push((si, threads));
        }
    }
    out
}

/// Whether the map has an open thread (an appendix to print).
pub fn has_open(map: &Map) -> bool {
    map.comments.iter().any(|c| c.parent_id.is_none() && c.resolved_at.is_none())
}

/// "2026-12-05 07:40 UTC"
fn when(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = super::civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", s / 3600, s % 3600 / 60)
}

/// Body text of a comment: at most this many lines (a longer one ends with "…").
const BODY_LINES: usize = 30;

/// Pages of the appendix, as groups of shapes placed on a page; none when the
/// map has no open thread.
pub fn pages(map: &Map, lang: Lang, f: &PageFrame, fonts: &Fonts) -> Vec<Vec<Group>> {
    let groups = open_threads(map);
    if groups.is_empty() {
        return Vec::new();
    }
    let accent = super::theme::comment_color();
    let (x0, w, top, bottom) = (f.body.x, f.body.w.min(620.0), f.body.y + 6.0, f.body.bottom());
    let mut pages: Vec<Vec<Group>> = vec![Vec::new()];
    let mut y = top;
    // Places a block drawn from y = 0 (with its height) on the page, or atop the next.
    let place = |pages: &mut Vec<Vec<Group>>, y: &mut f32, shapes: Vec<Shape>, h: f32| {
        if *y + h > bottom && *y > top {
            pages.push(Vec::new());
            *y = top;
        }
        let page = pages.last_mut().expect("a page");
        page.push(Group { dx: 0.0, dy: *y, scale: 1.0, clip: None, shapes });
        *y += h;
    };
    let title: Vec<Shape> = line(fonts, t(lang, "print.commentsTitle"), x0, 0.0, 15.0, Weight::Bold, Rgb::TEXT, w).into_iter().collect();
    place(&mut pages, &mut y, title, 28.0);
    for (si, threads) in groups {
        let stage = &map.stages[si];
        let color = scene::stage_color(&stage.color, si);
        let mut head = vec![Shape::Circle { cx: x0 + 4.0, cy: 6.0, r: 3.5, fill: Some(color), stroke: None }];
        head.extend(line(fonts, &stage.name, x0 + 13.0, 0.0, 11.0, Weight::Bold, Rgb::TEXT, w - 13.0));
        place(&mut pages, &mut y, head, 20.0);
        for th in threads {
            let about = match th.root.on {
                CommentOn::Stage => format!("{} “{}”", t(lang, "print.commentsStage"), stage.name),
                CommentOn::Card => {
                    let card = map.card(&th.root.target_id);
                    let lane = card.and_then(|c| map.lane(&c.lane_id)).map_or("", |l| l.name.as_str());
                    let text = card.map_or("", |c| c.text.as_str()).split_whitespace().collect::<Vec<_>>().join(" ");
                    format!("{lane} · {text}")
                }
            };
            let mut first = true;
            for c in std::iter::once(th.root).chain(th.replies.iter().copied()) {
                let indent = if first { 12.0 } else { 30.0 };
                let (x, cw) = (x0 + indent, w - indent);
                let mut shapes = Vec::new();
                let mut h = 0.0;
                if first {
                    shapes.extend(line(fonts, &about, x, 0.0, 9.0, Weight::Bold, Rgb::TEXT_2, cw));
                    h += 14.0;
                }
                let by = if first {
                    format!("{} · {}", c.author, when(c.created_at))
                } else {
                    format!("↳ {} · {}", c.author, when(c.created_at))
                };
                shapes.extend(line(fonts, &by, x, h, 8.0, Weight::Bold, Rgb::MUTED, cw));
                h += 12.0;
                let (body, end) = para(fonts, &c.body, x, h, 9.5, Weight::Regular, Rgb::TEXT, cw, BODY_LINES);
                shapes.extend(body);
                h = end + 6.0;
                // The thread's bar, beside each of its comments.
                shapes.push(Shape::Rect { rect: Rect::new(x0 + 4.0, 0.0, 2.5, h - 4.0), radius: 1.0, fill: Some(accent), stroke: None });
                place(&mut pages, &mut y, shapes, h);
                first = false;
            }
            y += 8.0;
        }
        y += 6.0;
    }
    pages.retain(|p| !p.is_empty());
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_utc() {
        assert_eq!(when(0), "1970-01-01 00:00 UTC");
        assert_eq!(when(1_796_000_100_000), "2026-11-30 00:55 UTC");
    }
}
