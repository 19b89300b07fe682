//! The TypeScript declarations of every type that crosses the IPC boundary,
//! generated from the Rust types. `ui/src/bindings.ts` must equal
//! [`typescript()`]; a test checks it (run `UPDATE_BINDINGS=1 cargo test
//! bindings` to rewrite the file after changing a type).

use ts_rs::{Config, TS};

use crate::card_image::ImageInfo;
use crate::change::{
    CardRecord, CommentRecord, DocumentChange, LaneRecord, MapRecord, PersonaRecord, Records, ResearchRecord, SnapshotRecord, StageRecord,
};
use crate::edit::Edit;
use crate::error::ErrorInfo;
use crate::export::{ExportFormat, Orientation, PageLayout, PageSize, PdfOptions, PreviewPages};
use crate::funnel::{Funnel, FunnelStep, RateChange, StageFunnel};
use crate::metric_import::number::RateScale;
use crate::metric_import::{MetricMapping, MetricPlan, MetricSource, Metrics, PlannedRow, RowOutcome, RowProblem};
use crate::model::{
    Card, Comment, CommentOn, DocumentView, Lane, LaneKind, Map, Persona, Project, ResearchItem, ResearchKind, Snapshot, SnapshotInfo,
    Stage,
};
use crate::sync::{CollabStatus, Presence};
use crate::template::{Lang, TemplateId, TemplateInfo};
use crate::versions::{CardChange, CardField, CardRef, MapDiff};

/// Where the generated file lives, relative to the crate root.
pub const PATH: &str = "ui/src/bindings.ts";

pub fn typescript() -> String {
    let cfg = Config::default();
    let decls = [
        Project::decl(&cfg),
        Map::decl(&cfg),
        Stage::decl(&cfg),
        Lane::decl(&cfg),
        LaneKind::decl(&cfg),
        Card::decl(&cfg),
        Persona::decl(&cfg),
        ResearchItem::decl(&cfg),
        ResearchKind::decl(&cfg),
        Snapshot::decl(&cfg),
        SnapshotInfo::decl(&cfg),
        Comment::decl(&cfg),
        CommentOn::decl(&cfg),
        DocumentView::decl(&cfg),
        DocumentChange::decl(&cfg),
        Records::<()>::decl(&cfg),
        MapRecord::decl(&cfg),
        StageRecord::decl(&cfg),
        LaneRecord::decl(&cfg),
        CardRecord::decl(&cfg),
        PersonaRecord::decl(&cfg),
        ResearchRecord::decl(&cfg),
        SnapshotRecord::decl(&cfg),
        CommentRecord::decl(&cfg),
        Edit::decl(&cfg),
        ErrorInfo::decl(&cfg),
        Lang::decl(&cfg),
        TemplateId::decl(&cfg),
        TemplateInfo::decl(&cfg),
        Funnel::decl(&cfg),
        FunnelStep::decl(&cfg),
        StageFunnel::decl(&cfg),
        RateChange::decl(&cfg),
        MetricSource::decl(&cfg),
        MetricMapping::decl(&cfg),
        RateScale::decl(&cfg),
        MetricPlan::decl(&cfg),
        PlannedRow::decl(&cfg),
        RowOutcome::decl(&cfg),
        RowProblem::decl(&cfg),
        Metrics::decl(&cfg),
        MapDiff::decl(&cfg),
        CardRef::decl(&cfg),
        CardChange::decl(&cfg),
        CardField::decl(&cfg),
        PdfOptions::decl(&cfg),
        PreviewPages::decl(&cfg),
        PageSize::decl(&cfg),
        Orientation::decl(&cfg),
        PageLayout::decl(&cfg),
        ExportFormat::decl(&cfg),
        ImageInfo::decl(&cfg),
        CollabStatus::decl(&cfg),
        Presence::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/core/ by src-tauri/core/bindings.rs. Do not edit:\n\
         // change the Rust type, then run `UPDATE_BINDINGS=1 cargo test --lib bindings`.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_file_matches_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
        let want = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want).expect("write bindings");
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "{PATH} is out of date with the Rust types: run `UPDATE_BINDINGS=1 cargo test --lib bindings`");
    }
}
