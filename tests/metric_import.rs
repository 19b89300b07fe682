//! Metric import across the core: a real spreadsheet export and a Vietnamese
//! CSV are read, planned against a project's map, applied as the one edit the
//! plan carries (one undo step), and files that are not tables are refused
//! untouched.

use std::path::{Path, PathBuf};

use journey_studio::edit::Edit;
use journey_studio::metric_import::number::RateScale;
use journey_studio::metric_import::{MetricMapping, RowOutcome, RowProblem};
use journey_studio::session::Session;
use journey_studio::template::{Lang, TemplateId};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn session(dir: &Path) -> (Session, String) {
    let mut s = Session::new(None, None);
    let doc = s.new_project(&dir.join("shop.journey"), Lang::Vi, TemplateId::Ecommerce, false).expect("new project");
    let map_id = doc.project.maps[0].id.clone();
    (s, map_id)
}

fn rate_of(s: &Session, map_id: &str, text_start: &str) -> Option<f64> {
    let (project, _) = s.project().expect("project");
    let map = project.maps.iter().find(|m| m.id == map_id).expect("map");
    map.cards.iter().find(|c| c.text.starts_with(text_start)).and_then(|c| c.conversion)
}

#[test]
fn a_spreadsheet_export_is_planned_applied_as_one_edit_and_undone_in_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, map_id) = session(dir.path());
    let xlsx = fixture("metrics-ecommerce-vi.xlsx");
    let before_bytes = std::fs::read(&xlsx).expect("read");

    let source = Session::read_metric_table(&xlsx, None).expect("read the workbook");
    assert_eq!(source.sheets, ["Phễu T11", "Ghi chú"]);
    assert_eq!(source.headers, ["Bước", "Giai đoạn", "Tỷ lệ chuyển đổi", "Lượt người dùng"]);
    assert_eq!((source.row_count, source.preview[0][2].as_str()), (5, "0.72"), "rates formatted as % are stored as fractions");
    let m = &source.mapping;
    assert_eq!((m.key_column, m.by_id, m.stage_column, m.conversion_column, m.volume_column), (0, false, Some(1), Some(2), Some(3)));
    assert_eq!(m.rate_scale, RateScale::Fraction);

    let notes = Session::read_metric_table(&xlsx, Some("Ghi chú")).expect("the other sheet");
    assert_eq!(notes.headers, ["Nguồn", "Ghi chú"]);
    assert_eq!(Session::read_metric_table(&xlsx, Some("Sheet9")).map_err(|e| e.code()).err(), Some("table_no_such_sheet"));

    let plan = s.plan_metric_import(&map_id, &xlsx, &source.mapping).expect("plan");
    assert_eq!((plan.changes, plan.unchanged, plan.problems, plan.untouched), (3, 1, 1, 3), "{:#?}", plan.rows);
    assert!(matches!(&plan.rows[2].outcome, RowOutcome::Unchanged { .. }), "the cart's figures are already these");
    assert_eq!(plan.rows[4].outcome, RowOutcome::Problem { problem: RowProblem::NotFound });
    assert_eq!(plan.rows[4].line, 6);
    let funnel_before = s.funnel(&map_id, &[]).expect("funnel").expect("a funnel");

    let edit: Edit = plan.edit.clone().expect("an edit");
    let change = s.apply_edit(&edit).expect("apply");
    assert_eq!(change.cards.updated.len(), 3, "the change names the three touchpoints");
    assert_eq!(rate_of(&s, &map_id, "Quảng cáo carousel"), Some(72.0));
    assert_eq!(rate_of(&s, &map_id, "Thanh toán:"), Some(31.0));
    let funnel_after = s.funnel(&map_id, &[]).expect("funnel").expect("a funnel");
    assert!(funnel_after.overall > funnel_before.overall);

    s.undo().expect("undo");
    assert_eq!(rate_of(&s, &map_id, "Quảng cáo carousel"), Some(70.0), "one undo step takes the whole import back");
    assert_eq!(rate_of(&s, &map_id, "Thanh toán:"), Some(24.0));
    assert!(std::fs::read(&xlsx).expect("read") == before_bytes, "the source file is only read");
}

#[test]
fn a_vietnamese_csv_with_semicolons_and_decimal_commas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, map_id) = session(dir.path());
    let csv = dir.path().join("phễu.csv");
    std::fs::write(
        &csv,
        "\u{feff}Điểm chạm;Tỷ lệ (%);Lượt\n\
         \"Giao hàng, theo dõi đơn qua SMS và Zalo\";92,5;1.320\n\
         Lời mời đánh giá sau khi nhận hàng;  ;\n\
         Trang sản phẩm: ảnh, kích thước, đánh giá;38;6 300\n",
    )
    .expect("write");
    let source = Session::read_metric_table(&csv, None).expect("read");
    assert_eq!(source.mapping.rate_scale, RateScale::Percent);
    let plan = s.plan_metric_import(&map_id, &csv, &source.mapping).expect("plan");
    assert_eq!(plan.rows[1].outcome, RowOutcome::Problem { problem: RowProblem::NoValues });
    assert!(matches!(&plan.rows[2].outcome, RowOutcome::Unchanged { .. }), "{:?}", plan.rows[2]);
    s.apply_edit(&plan.edit.expect("edit")).expect("apply");
    assert_eq!(rate_of(&s, &map_id, "Giao hàng"), Some(92.5));

    // The user's own mapping: by card id, rates as fractions.
    let (project, _) = s.project().expect("project");
    let card = project.maps[0].cards.iter().find(|c| c.text.starts_with("Giỏ hàng")).expect("cart");
    let by_id = dir.path().join("ids.csv");
    std::fs::write(&by_id, format!("card,cvr\n{},0.6\n", card.id)).expect("write");
    let mapping = MetricMapping {
        sheet: None,
        key_column: 0,
        by_id: true,
        stage_column: None,
        conversion_column: Some(1),
        rate_scale: RateScale::Fraction,
        volume_column: None,
    };
    let plan = s.plan_metric_import(&map_id, &by_id, &mapping).expect("plan");
    s.apply_edit(&plan.edit.expect("edit")).expect("apply");
    assert_eq!(rate_of(&s, &map_id, "Giỏ hàng"), Some(60.0));
    let wide = MetricMapping { volume_column: Some(7), ..mapping };
    assert_eq!(s.plan_metric_import(&map_id, &by_id, &wide).map_err(|e| e.code()).err(), Some("table_no_such_column"));
}

#[test]
fn files_that_are_not_tables_are_refused_and_left_as_they_were() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, map_id) = session(dir.path());
    let project = dir.path().join("shop.journey");
    let binary = dir.path().join("export.csv");
    std::fs::write(&binary, b"\x00\x9f\x92\x96 not text").expect("write");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "Điểm chạm;Tỷ lệ\n").expect("write");
    for (path, code) in [
        (project.as_path(), "table_unknown_format"),
        (binary.as_path(), "table_not_utf8"),
        (empty.as_path(), "table_empty"),
        (dir.path(), "table_not_found"),
        (fixture("v1-vietnamese.journey").as_path(), "table_unknown_format"),
    ] {
        let before = std::fs::read(path).ok();
        assert_eq!(Session::read_metric_table(path, None).map(|_| ()).map_err(|e| e.code()), Err(code), "{}", path.display());
        assert_eq!(std::fs::read(path).ok(), before, "{} was changed", path.display());
    }
    // A file renamed to .xlsx that is not a workbook.
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "Điểm chạm,Tỷ lệ\nA,1\n").expect("write");
    let err = s.plan_metric_import(
        &map_id,
        &fake,
        &MetricMapping {
            sheet: None,
            key_column: 0,
            by_id: false,
            stage_column: None,
            conversion_column: Some(1),
            rate_scale: RateScale::Percent,
            volume_column: None,
        },
    );
    assert_eq!(err.map(|_| ()).map_err(|e| e.code()), Err("table_unreadable"));
}
