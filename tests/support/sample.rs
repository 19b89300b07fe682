//! Maps for checking the exporters: a filled-in Vietnamese map, a map of
//! hostile text, and large generated maps (the benchmark's 500 cards). Used by
//! tests, the export benchmark and anyone who wants to look at a PDF. Not part
//! of the shipped library: each user includes this file (`#[path]`), and the
//! core's own unit tests through `export/mod.rs` under `cfg(test)`.

#![allow(dead_code)]

use journey_studio::model::{Card, LaneKind, Map, Persona, Project};
use journey_studio::template::{default_project, Lang};

fn card(map: &Map, id: String, stage: usize, kind: LaneKind, text: &str) -> Card {
    let lane = map.lanes.iter().find(|l| l.kind == kind).map(|l| l.id.clone()).unwrap_or_default();
    Card::new(id, map.stages[stage % map.stages.len()].id.clone(), lane, text)
}

/// A small drawn avatar as a photo `data:` URL.
pub fn sample_photo() -> String {
    use base64::Engine;
    let png = include_bytes!("../../src-tauri/core/assets/sample-avatar.png");
    format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png))
}

/// The Vietnamese template with every lane filled in with realistic text.
pub fn vietnamese_project() -> Project {
    let mut p = default_project(Lang::Vi);
    p.title = "Cửa hàng trực tuyến Sen Vàng".into();
    p.personas.push(Persona {
        id: "persona-lan".into(),
        name: "Chị Lan, 32 tuổi, nhân viên văn phòng".into(),
        description: "Mua sắm trên điện thoại vào giờ nghỉ trưa, quan tâm đến giá và thời gian giao hàng.".into(),
        role: "Nhân viên văn phòng, 32 tuổi, Hà Nội".into(),
        goals: "Mua được túi xách đẹp, đúng giá, giao nhanh".into(),
        needs: "Thông tin rõ ràng về giá, phí giao hàng và đổi trả".into(),
        frustrations: "Phí giao hàng chỉ hiện ở bước cuối; thanh toán chậm".into(),
        quote: "“Tôi chỉ có 15 phút nghỉ trưa để mua sắm.”".into(),
        photo: sample_photo(),
    });
    let map = &mut p.maps[0];
    map.persona_id = Some("persona-lan".into());
    map.goal = "Tăng tỷ lệ chuyển đổi từ quảng cáo đến đơn hàng đầu tiên".into();
    map.scenario = "Chị Lan thấy quảng cáo túi xách và đặt mua lần đầu".into();
    use LaneKind::*;
    let rows: &[(usize, LaneKind, &str)] = &[
        (0, Touchpoints, "Khách hàng thấy quảng cáo trên Facebook"),
        (0, Touchpoints, "Bạn bè giới thiệu qua Zalo"),
        (1, Touchpoints, "Trang sản phẩm trên website"),
        (2, Touchpoints, "Giỏ hàng và thanh toán"),
        (3, Touchpoints, "Email xác nhận đơn hàng"),
        (4, Touchpoints, "Đánh giá trên Shopee"),
        (0, Actions, "Lướt bảng tin, dừng lại ở video ngắn về sản phẩm"),
        (1, Actions, "So sánh giá với các cửa hàng khác"),
        (1, Actions, "Đọc nhận xét của người mua trước"),
        (2, Actions, "Nhập địa chỉ giao hàng và chọn thanh toán khi nhận hàng"),
        (3, Actions, "Theo dõi đơn hàng trên ứng dụng"),
        (4, Actions, "Chia sẻ ảnh sản phẩm lên trang cá nhân"),
        (0, Thoughts, "“Mẫu này đẹp, nhưng có đáng tin không?”"),
        (1, Thoughts, "“Giá có rẻ hơn ở chợ không?”"),
        (2, Thoughts, "“Sao phí vận chuyển lại cao thế?”"),
        (3, Thoughts, "“Bao giờ hàng mới đến?”"),
        (4, Thoughts, "“Lần sau mình sẽ mua thêm”"),
        (0, Emotions, "Tò mò"),
        (1, Emotions, "Phân vân"),
        (2, Emotions, "Lo lắng về phí vận chuyển"),
        (2, Emotions, "Nhẹ nhõm khi được miễn phí đổi trả"),
        (3, Emotions, "Sốt ruột chờ hàng"),
        (4, Emotions, "Hài lòng, muốn giới thiệu cho bạn bè"),
        (1, PainPoints, "Thiếu thông tin về chất liệu và kích thước"),
        (2, PainPoints, "Lo lắng về phí vận chuyển"),
        (2, PainPoints, "Biểu mẫu thanh toán quá dài trên điện thoại"),
        (3, PainPoints, "Không biết đơn hàng đang ở đâu"),
        (1, Opportunities, "Thêm bảng kích thước và ảnh thật của khách"),
        (2, Opportunities, "Miễn phí vận chuyển cho đơn từ 300.000 ₫"),
        (3, Opportunities, "Gửi thông báo Zalo theo từng bước giao hàng"),
        (4, Opportunities, "Chương trình giới thiệu bạn bè nhận ưu đãi"),
        (0, Metrics, "Tỷ lệ nhấp quảng cáo: 2,4%"),
        (2, Metrics, "Tỷ lệ bỏ giỏ hàng: 68%"),
        (4, Metrics, "Điểm NPS: 41"),
        (0, Text, "Chiến dịch chạy từ tháng 3 đến tháng 5"),
        (3, Text, "Đối tác giao hàng: Giao Hàng Nhanh"),
    ];
    let cards: Vec<Card> = rows.iter().enumerate().map(|(i, &(s, k, t))| card(map, format!("vi-{i}"), s, k, t)).collect();
    map.cards = cards;
    let scores = [1, -1, -2, 1, -1, 2];
    let mut si = 0;
    let (channels, rates, volumes) = (
        ["facebook", "zalo", "website", "website", "email", "shopee"],
        [2.4, 35.0, 48.0, 32.0, 90.0, 15.0],
        [120_000, 2_880, 1_008, 484, 155, 140],
    );
    let mut ti = 0;
    for c in &mut map.cards {
        if c.lane_id == map.lanes[3].id {
            c.emotion = Some(scores[si % scores.len()]);
            si += 1;
        }
        if c.lane_id == map.lanes[0].id {
            c.channel = channels[ti].into();
            c.conversion = Some(rates[ti]);
            c.volume = Some(volumes[ti]);
            ti += 1;
        }
    }
    map.cards[2].note = "Tỷ lệ thoát trang 55% trên điện thoại".into();
    map.cards[24].color = "#f59e0b".into();
    p
}

/// A map whose cards hold text that tries to break the layout: very long
/// words, emoji, 10,000 characters, right-to-left scripts, combining marks,
/// control characters.
pub fn hostile_project() -> Project {
    let mut p = default_project(Lang::En);
    p.title = "Hostile ".repeat(40);
    let map = &mut p.maps[0];
    map.name = "A map name that goes on and on ".repeat(20);
    map.stages[1].name = "Antidisestablishmentarianism".repeat(6);
    map.lanes[2].name = "Lane name ".repeat(30);
    use LaneKind::*;
    let long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(8);
    let ten_k: String = "Lorem ipsum dolor sit amet, Tiếng Việt có dấu ở đây. ".chars().cycle().take(10_000).collect();
    let texts: Vec<(usize, LaneKind, String)> = vec![
        (0, Touchpoints, long_word.clone()),
        (0, Actions, ten_k),
        (1, Thoughts, "😀😃😄 Emoji 👩‍👩‍👧‍👦 family 🇻🇳 flag ❤️".into()),
        (1, Emotions, "مرحبا بالعالم — שלום עולם — mixed RTL and LTR".into()),
        (2, PainPoints, "Zalgo: Z\u{0351}\u{0346}a\u{0352}l\u{0350}g\u{035b}o\u{0300}\u{0301}\u{0302}\u{0303}".into()),
        (2, Opportunities, "tabs\tand\r\nnewlines\n\n\n\nand\u{0000}controls\u{200B}zero\u{202E}width".into()),
        (3, Metrics, "x".repeat(3000)),
        (4, Text, "Vietnamese decomposed: Nhe\u{0323}\u{0302}n thu\u{031B}\u{0301}c".into()),
    ];
    map.cards = texts.iter().enumerate().map(|(i, (s, k, t))| card(map, format!("h-{i}"), *s, *k, t)).collect();
    map.cards[0].channel = "a very long channel name that cannot fit".repeat(3);
    map.cards[0].conversion = Some(33.3);
    map.cards[0].volume = Some(i64::MAX);
    map.cards[0].note = long_word;
    map.cards[3].emotion = Some(i8::MIN);
    map.cards[1].color = "not a colour".into();
    p
}

const VI_TEXTS: [&str; 8] = [
    "Khách hàng thấy quảng cáo trên Facebook",
    "Lo lắng về phí vận chuyển",
    "So sánh giá với các cửa hàng khác trước khi quyết định",
    "Đọc nhận xét của người mua trước",
    "Muốn được tư vấn nhanh qua Zalo",
    "Thanh toán khi nhận hàng",
    "Customer compares delivery options and return policies",
    "Chia sẻ trải nghiệm với bạn bè",
];

/// A map of `stages` stages, the eight lane kinds and `cards` cards spread
/// over the cells, with text of varied length, channels, rates and emotion
/// scores. The same arguments give the same map.
pub fn generated_project(cards: usize, stages: usize) -> Project {
    let mut p = default_project(Lang::Vi);
    p.title = format!("Bản đồ mẫu {cards} thẻ");
    let map = &mut p.maps[0];
    map.name = format!("Hành trình khách hàng — {cards} thẻ");
    let base = map.stages.clone();
    map.stages = (0..stages.max(1))
        .map(|i| {
            let mut s = base[i % base.len()].clone();
            s.id = format!("stage-{i}");
            if i >= base.len() {
                s.name = format!("{} {}", s.name, i / base.len() + 1);
            }
            s
        })
        .collect();
    let kinds = LaneKind::ALL;
    let nl = map.lanes.len();
    let ns = map.stages.len();
    let mut out = Vec::with_capacity(cards);
    for i in 0..cards {
        let lane = i % nl;
        let stage = (i / nl) % ns;
        let kind = kinds[lane];
        let words = 1 + (i * 7) % 3;
        let text: Vec<&str> = (0..words).map(|w| VI_TEXTS[(i + w * 3) % VI_TEXTS.len()]).collect();
        let mut c = card(map, format!("card-{i}"), stage, kind, &text.join(". "));
        c.lane_id = map.lanes[lane].id.clone();
        match kind {
            LaneKind::Touchpoints => {
                c.channel = ["website", "email", "facebook", "cửa hàng"][i % 4].into();
                c.conversion = Some(20.0 + (i % 70) as f64);
                c.volume = Some(10_000 / (1 + (i / nl) as i64));
            }
            LaneKind::Emotions => c.emotion = Some(((i / nl) % 5) as i8 - 2),
            _ => {}
        }
        if i % 11 == 0 {
            c.note = "Ghi chú: cần kiểm chứng với dữ liệu tháng này".into();
        }
        if i % 13 == 0 {
            c.color = "#ec4899".into();
        }
        out.push(c);
    }
    map.cards = out;
    p
}

/// A map of `stages` stages and the first `lanes` lane kinds (touchpoints,
/// actions, thoughts, …) with one short card per cell: wide, not tall.
pub fn wide_project(stages: usize, lanes: usize) -> Project {
    let mut p = generated_project(0, stages);
    let map = &mut p.maps[0];
    map.lanes.truncate(lanes.max(1));
    let mut cards = Vec::new();
    for (si, s) in map.stages.iter().enumerate() {
        for (li, l) in map.lanes.iter().enumerate() {
            let mut c = card(map, format!("w-{si}-{li}"), si, l.kind, VI_TEXTS[(si + li) % VI_TEXTS.len()]);
            c.stage_id = s.id.clone();
            c.lane_id = l.id.clone();
            if l.kind == LaneKind::Touchpoints {
                c.conversion = Some(90.0 - si as f64);
            }
            cards.push(c);
        }
    }
    map.cards = cards;
    p
}
