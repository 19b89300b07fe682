//! What the fuzz targets share: a scratch folder (on tmpfs when there is one),
//! the starting project of the edit targets, the invariants checked after
//! every step, and the structured (`arbitrary`) description of edits.
//!
//! The invariants, each a panic (= a crash libFuzzer reports) when broken:
//! - the core never panics: every call returns `Ok` or a typed `Err`;
//! - a refused edit is an `EditError` and changes nothing (project, revision);
//! - an applied edit bumps the revision by one; undo gives back exactly the
//!   project before it, redo exactly the one after;
//! - the change each edit, undo and redo answers with names exactly the records
//!   that differ between the documents before and after it (`change_oracle`);
//! - after a sequence, undoing every applied edit walks back through every
//!   state to the start (then "nothing to undo"), redoing walks forward again;
//! - the file reopened holds exactly what was last shown;
//! - the tables stay sound: positions of every ordered list are 0..n, every
//!   card is in a cell of its own map, every map has at least one stage and
//!   one lane, foreign keys hold;
//! - an imported project (JSON) is stored whole or not at all, and reads back
//!   as given (cards in cell order, see [`canonical`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};

/// Checks each change an edit, undo or redo answers with against the whole documents around it.
#[path = "../../tests/support/change_oracle.rs"]
mod change_oracle;
use journey_studio::edit::limits;
use journey_studio::model::{
    Card, Comment, CommentOn, Lane, LaneKind, Map, Persona, Project, ResearchItem, ResearchKind, SnapshotInfo, Stage,
};
use journey_studio::store::ProjectFile;
use journey_studio::template::{default_project, Lang};
use journey_studio::{Edit, EditError, Error};

// ------------------------------------------------------------ scratch files --

/// A folder of this process for the files of the runs: `$JOURNEY_FUZZ_TMP`,
/// else /dev/shm (tmpfs: fsync costs nothing), else the system temp folder.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::env::var_os("JOURNEY_FUZZ_TMP").map(PathBuf::from).unwrap_or_else(|| {
            let shm = Path::new("/dev/shm");
            if shm.is_dir() {
                shm.to_path_buf()
            } else {
                std::env::temp_dir()
            }
        });
        let dir = base.join(format!("journey-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the scratch folder");
        dir
    })
}

/// A fresh sub-folder for one input (removed by the caller).
fn fresh_dir() -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = scratch_dir().join(format!("run{}", N.fetch_add(1, Ordering::Relaxed)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a run folder");
    dir
}

// ----------------------------------------------------------- the base file --

pub const STAGES: usize = 5;
pub const LANES: usize = 8;

fn card(id: &str, s: usize, l: usize, text: &str) -> Card {
    Card::new(id, format!("s{s}"), format!("l{l}"), text)
}

/// The Vietnamese template with short known ids (map m0, stages s0..s4, lanes
/// l0..l7 in template order, so l0 = touchpoints, l3 = emotions), a persona p0
/// linked to the map, and cards c0..c5 (c0 c1 c2 in one cell; c5 shows picture 0).
pub fn base_project() -> Project {
    let mut p = default_project(Lang::Vi);
    let map = &mut p.maps[0];
    map.id = "m0".into();
    for (i, s) in map.stages.iter_mut().enumerate() {
        s.id = format!("s{i}");
    }
    for (i, l) in map.lanes.iter_mut().enumerate() {
        l.id = format!("l{i}");
    }
    assert_eq!((map.stages.len(), map.lanes.len()), (STAGES, LANES), "the template changed");
    map.persona_id = Some("p0".into());
    let mut c0 = card("c0", 0, 0, "Khách hàng thấy quảng cáo — điểm chạm 🙂");
    c0.channel = "social".into();
    c0.conversion = Some(62.5);
    c0.volume = Some(48_000);
    c0.color = "#12abEF".into();
    let mut c3 = card("c3", 1, 3, "Hài lòng");
    c3.emotion = Some(2);
    c3.note = "ghi chú".into();
    map.cards = vec![
        c0,
        card("c1", 0, 0, "Tìm kiếm"),
        card("c2", 0, 0, "So sánh giá"),
        c3,
        card("c4", 2, 4, "Thanh toán chậm"),
        // A picture card (the base file stores its picture).
        Card { image_id: Some(picture_id(0)), ..card("c5", 4, 7, "") },
    ];
    map.research = vec![ResearchItem {
        id: "r0".into(),
        kind: ResearchKind::Question,
        title: "Vì sao khách bỏ giỏ hàng?".into(),
        detail: "Phí giao hàng".into(),
        insight: String::new(),
        card_ids: vec!["c0".into(), "c4".into()],
    }];
    // A thread on c0 with a reply, and a resolved thread on stage s1.
    let comment = |id: &str, on: CommentOn, target: &str, parent: Option<&str>, at: i64| Comment {
        id: id.into(),
        on,
        target_id: target.into(),
        parent_id: parent.map(Into::into),
        author: "Hà".into(),
        body: format!("Bình luận {id} — 🙂"),
        created_at: at,
        resolved_at: None,
        resolved_by: String::new(),
    };
    map.comments = vec![
        comment("k0", CommentOn::Card, "c0", None, 1_796_000_000_000),
        comment("k1", CommentOn::Card, "c0", Some("k0"), 1_796_000_100_000),
        Comment {
            resolved_at: Some(1_796_000_300_000),
            resolved_by: "Minh".into(),
            ..comment("k2", CommentOn::Stage, "s1", None, 1_796_000_200_000)
        },
    ];
    p.personas =
        vec![Persona { description: "Khách hàng thân thiết".into(), quote: "“Nhanh lên!”".into(), ..Persona::new("p0", "Lan") }];
    p
}

/// Small pictures stored in the base file (a 1×1 PNG and a 2×1 PNG): card
/// image edits name them (and one id no picture has).
pub const PICTURES: [&str; 2] = [
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==",
];

/// The id of picture `n` of [`PICTURES`]; past them, an id no picture has.
pub fn picture_id(n: u8) -> String {
    match PICTURES.get(usize::from(n) % (PICTURES.len() + 1)) {
        Some(url) => journey_studio::card_image::check(url).expect("a valid picture").info.id,
        None => "no-such-picture".into(),
    }
}

/// A new project file holding [`base_project`], copied from one made once.
fn open_base_copy(dir: &Path) -> ProjectFile {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        let path = scratch_dir().join("base.journey");
        let _ = std::fs::remove_file(&path);
        let pictures: Vec<_> = PICTURES.iter().map(|u| journey_studio::card_image::check(u).expect("a valid picture")).collect();
        ProjectFile::create_archive(&path, &base_project(), &[], &pictures, false).expect("create the base project file");
        path
    });
    let path = dir.join("work.journey");
    std::fs::copy(base, &path).expect("copy the base file");
    ProjectFile::open(&path).expect("open the copy of the base file")
}

// -------------------------------------------------------------- invariants --

/// The project as the file gives it back: within a map, cards come grouped by
/// cell in (stage order, lane order), keeping their order within a cell, and
/// comments oldest first (then by id). A
/// JSON project may list them in any order; nothing else is reordered or
/// normalised (no Unicode normalisation, text is kept byte for byte).
pub fn canonical(p: &Project) -> Project {
    let mut p = p.clone();
    for m in &mut p.maps {
        let stage_ix = |id: &str| m.stages.iter().position(|s| s.id == id);
        let lane_ix = |id: &str| m.lanes.iter().position(|l| l.id == id);
        let mut keyed: Vec<_> = m.cards.iter().cloned().map(|c| ((stage_ix(&c.stage_id), lane_ix(&c.lane_id)), c)).collect();
        keyed.sort_by_key(|(k, _)| *k); // stable
        m.cards = keyed.into_iter().map(|(_, c)| c).collect();
        // Comments come oldest first, then by id.
        m.comments.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    }
    p
}

/// The tables behind the project are sound (read with a separate read-only
/// connection, so this sees what is committed on disk).
pub fn check_tables(path: &Path) {
    use rusqlite::{Connection, OpenFlags};
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open read-only");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}")) };
    // Every ordered list holds positions 0..n exactly once each.
    for (table, scope) in [
        ("maps", "'all'"),
        ("personas", "'all'"),
        ("stages", "map_id"),
        ("lanes", "map_id"),
        ("cards", "stage_id || char(31) || lane_id"),
        ("research", "map_id"),
        ("research_links", "item_id"),
        ("snapshots", "map_id"),
    ] {
        let sql = format!(
            "SELECT count(*) FROM (SELECT {scope} AS k, count(*) AS n, count(DISTINCT position) AS d,
                    min(position) AS lo, max(position) AS hi FROM {table} GROUP BY k)
             WHERE d != n OR lo != 0 OR hi != n - 1"
        );
        assert_eq!(count(&sql), 0, "positions of {table} are not dense 0..n");
    }
    assert_eq!(
        count(
            "SELECT count(*) FROM cards c JOIN stages s ON s.id = c.stage_id JOIN lanes l ON l.id = c.lane_id
             WHERE s.map_id != c.map_id OR l.map_id != c.map_id"
        ),
        0,
        "a card is in a cell of another map"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM research_links k JOIN research r ON r.id = k.item_id JOIN cards c ON c.id = k.card_id
             WHERE r.map_id != c.map_id"
        ),
        0,
        "research links a card of another map"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM maps m WHERE NOT EXISTS (SELECT 1 FROM stages s WHERE s.map_id = m.id)
                                           OR NOT EXISTS (SELECT 1 FROM lanes l WHERE l.map_id = m.id)"
        ),
        0,
        "a map without any stage or lane"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM comments k
             LEFT JOIN cards c ON c.id = k.card_id LEFT JOIN stages s ON s.id = k.stage_id
             WHERE coalesce(c.map_id, s.map_id) IS NOT k.map_id"
        ),
        0,
        "a comment is on a card or stage of another map"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM comments r JOIN comments p ON p.id = r.parent_id
             WHERE p.parent_id IS NOT NULL OR r.card_id IS NOT p.card_id OR r.stage_id IS NOT p.stage_id
                OR r.resolved_at IS NOT NULL OR r.resolved_by != ''"
        ),
        0,
        "a reply answers a reply, is on another target, or is resolved"
    );
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0, "foreign keys broken");
}

fn expect_edit_error(what: &str, e: &Error) {
    assert!(matches!(e, Error::Edit(_)), "{what} failed with a non-edit error (validation gap?): {e:?}");
}

/// One project file under a sequence of edits, checking the invariants.
pub struct Session {
    dir: PathBuf,
    pf: ProjectFile,
    /// The project before the first edit, then after each applied one.
    states: Vec<Doc>,
}

/// What a session compares after each step: the project and its review history.
type Doc = (Project, Vec<SnapshotInfo>);

fn doc(pf: &ProjectFile) -> Doc {
    let view = pf.view().expect("view");
    assert!(view.project == pf.project().expect("project"), "the view and the project differ");
    (view.project, view.snapshots)
}

impl Session {
    pub fn new() -> Session {
        let dir = fresh_dir();
        let pf = open_base_copy(&dir);
        let start = doc(&pf);
        Session { dir, pf, states: vec![start] }
    }

    fn current(&self) -> &Doc {
        self.states.last().expect("states")
    }

    /// Applies one edit and checks it was either refused without a trace, or
    /// applied with an exact undo and redo.
    pub fn step(&mut self, edit: &Edit) {
        let rev = self.pf.revision().expect("revision");
        let view_before = self.pf.view().expect("view");
        match self.pf.apply(edit) {
            Err(e) => {
                expect_edit_error("apply", &e);
                let now = doc(&self.pf);
                assert!(now == *self.current(), "a refused edit ({e}) changed the project: {edit:?}");
                assert_eq!(self.pf.revision().expect("revision"), rev, "a refused edit bumped the revision");
            }
            Ok(change) => {
                let view_after = self.pf.view().expect("view");
                change_oracle::check(&format!("{edit:?}"), &view_before, &change, &view_after);
                let after = doc(&self.pf);
                assert_eq!(self.pf.revision().expect("revision"), rev + 1, "revision after an edit");
                assert!(change.can_undo && !change.can_redo, "the change's history flags");
                assert!(self.pf.can_undo().expect("can_undo"), "an applied edit cannot be undone");
                assert!(!self.pf.can_redo().expect("can_redo"), "redo left after a new edit");
                let undo = self.pf.undo().unwrap_or_else(|e| panic!("undo of an applied edit failed: {e:?}\nedit: {edit:?}"));
                let view_undone = self.pf.view().expect("view");
                change_oracle::check(&format!("undo of {edit:?}"), &view_after, &undo, &view_undone);
                let undone = doc(&self.pf);
                assert!(
                    undone == *self.current(),
                    "undo did not restore the project\nedit: {edit:?}\nbefore: {:?}\nundone: {undone:?}",
                    self.current()
                );
                let redo = self.pf.redo().unwrap_or_else(|e| panic!("redo failed: {e:?}\nedit: {edit:?}"));
                change_oracle::check(&format!("redo of {edit:?}"), &view_undone, &redo, &self.pf.view().expect("view"));
                let redone = doc(&self.pf);
                assert!(redone == after, "redo did not give back the edited project\nedit: {edit:?}\nafter: {after:?}\nredone: {redone:?}");
                self.states.push(after);
            }
        }
    }

    /// Walks the whole history back and forth, reopens the file, checks the tables.
    pub fn finish(mut self) {
        let path = self.pf.path().to_path_buf();
        check_tables(&path);
        let n = self.states.len() - 1;
        for i in (0..n).rev() {
            if let Err(e) = self.pf.undo() {
                panic!("undo {} of {n} failed: {e:?}", n - i);
            }
            assert!(doc(&self.pf) == self.states[i], "undo back to state {i} differs");
        }
        match self.pf.undo() {
            Err(Error::Edit(EditError::NothingToUndo)) => {}
            other => panic!("undo past the start: {other:?}"),
        }
        check_tables(&path);
        for i in 1..=n {
            if let Err(e) = self.pf.redo() {
                panic!("redo {i} of {n} failed: {e:?}");
            }
            assert!(doc(&self.pf) == self.states[i], "redo to state {i} differs");
        }
        match self.pf.redo() {
            Err(Error::Edit(EditError::NothingToRedo)) => {}
            other => panic!("redo past the end: {other:?}"),
        }
        let view = self.pf.view().expect("view");
        assert_eq!(view.can_undo, n > 0);
        assert!(!view.can_redo);
        drop(self.pf);
        let reopened = ProjectFile::open(&path).expect("reopen");
        assert!(doc(&reopened) == self.states[n], "the reopened file differs");
        drop(reopened);
        check_tables(&path);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// The `import_project` target: JSON bytes → `Project` → a new project file.
/// Accepts a whole-project archive (`journey_studio::project_json`) or a bare `Project`.
pub fn import_project(data: &[u8]) {
    let (project, snapshots) = match journey_studio::project_json::parse(data) {
        Ok(a) => (a.project, a.snapshots),
        Err(_) => match serde_json::from_slice::<Project>(data) {
            Ok(p) => (p, vec![]),
            Err(_) => return,
        },
    };
    let dir = fresh_dir();
    let path = dir.join("imported.journey");
    match ProjectFile::create_archive(&path, &project, &snapshots, &[], false) {
        Err(e) => {
            expect_edit_error("create", &e);
            let left: Vec<_> = std::fs::read_dir(&dir).expect("ls").map(|e| e.expect("entry").file_name()).collect();
            assert!(left.is_empty(), "a refused import left files behind: {left:?}");
        }
        Ok(pf) => {
            let want = canonical(&project);
            let got = pf.project().expect("project of a new file");
            assert!(got == want, "the new file differs from the imported JSON\nwant: {want:?}\ngot: {got:?}");
            let view = pf.view().expect("view");
            assert_eq!((view.revision, view.can_undo, view.can_redo), (0, false, false));
            assert_eq!(view.snapshots.len(), snapshots.len());
            for s in &snapshots {
                assert!(pf.snapshot(&s.id).expect("snapshot") == *s, "snapshot {} differs from the imported JSON", s.id);
            }
            drop(pf);
            let reopened = ProjectFile::open(&path).expect("reopen");
            assert!(reopened.project().expect("project") == want, "the reopened file differs from the imported JSON");
            drop(reopened);
            check_tables(&path);
            // Importing again over it is refused without overwrite.
            assert!(matches!(ProjectFile::create(&path, &project, false), Err(Error::File(journey_studio::FileError::AlreadyExists(_)))));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `edit_json` target: one edit per line, as JSON, from the known ids of
/// [`base_project`]. Lines that do not parse are skipped; at most 16 edits.
pub fn edit_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let edits: Vec<Edit> = text.lines().filter_map(|l| serde_json::from_str::<Edit>(l).ok()).take(MAX_EDITS).collect();
    if edits.is_empty() {
        return;
    }
    let mut s = Session::new();
    for e in &edits {
        s.step(e);
    }
    s.finish();
}

/// The `edit_sequence` target: bytes → up to 16 structured edits.
pub fn edit_sequence(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(steps) = u.arbitrary_iter::<FEdit>().and_then(|it| it.take(MAX_EDITS).collect::<arbitrary::Result<Vec<_>>>()) else {
        return;
    };
    if steps.is_empty() {
        return;
    }
    let mut s = Session::new();
    for f in &steps {
        if let Some(e) = f.to_edit() {
            s.step(&e);
        }
    }
    s.finish();
}

pub const MAX_EDITS: usize = 16;

// ------------------------------------------------------ structured edits --

/// An id, mostly one of the known ones (or one more of each kind, unknown at
/// first), sometimes of another kind, sometimes invalid.
#[derive(Debug, Arbitrary)]
pub enum FId {
    Own(u8),
    Other(Kind, u8),
    Weird(u8),
}

#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Kind {
    Map,
    Stage,
    Lane,
    Card,
    Persona,
    Research,
    Snapshot,
    Comment,
}

fn kind_id(kind: Kind, n: u8) -> String {
    match kind {
        Kind::Map => format!("m{}", n % 3),
        Kind::Stage => format!("s{}", n as usize % (STAGES + 2)),
        Kind::Lane => format!("l{}", n as usize % (LANES + 2)),
        Kind::Card => format!("c{}", n % 10),
        Kind::Persona => format!("p{}", n % 3),
        Kind::Research => format!("r{}", n % 3),
        Kind::Snapshot => format!("v{}", n % 3),
        Kind::Comment => format!("k{}", n % 5),
    }
}

const WEIRD_IDS: &[&str] = &["", "has space", "Điểm", "s0'; DROP TABLE cards; --", "s0\0", "S0", "-", "_", "🙂"];

impl FId {
    fn get(&self, own: Kind) -> String {
        match *self {
            FId::Own(n) => kind_id(own, n),
            FId::Other(k, n) => kind_id(k, n),
            FId::Weird(n) => match n as usize % (WEIRD_IDS.len() + 2) {
                i if i < WEIRD_IDS.len() => WEIRD_IDS[i].to_owned(),
                i if i == WEIRD_IDS.len() => "x".repeat(limits::ID),
                _ => "x".repeat(limits::ID + 1),
            },
        }
    }
}

const TEXTS: &[&str] = &[
    "",
    "Nhận thức",
    "Khách hàng thấy quảng cáo — điểm chạm 🙂",
    // "Nhận" decomposed (NFD): kept as given, not normalised.
    "Nha\u{0323}\u{0302}n",
    "👨‍👩‍👧‍👦🇻🇳",
    "a\0b",
    "'; DROP TABLE cards; --",
    "\u{202e}ngược",
    "\r\n\t ",
    "\u{feff}",
    "Z̴̡̛a̷l̸g̵o̶",
];

/// A piece of text: from a pool of tricky strings, arbitrary, or at and just
/// past a length limit (lengths count characters, not bytes).
#[derive(Debug, Arbitrary)]
pub enum FText {
    Pool(u8),
    Raw(String),
    /// `ữ` repeated: 3 bytes each.
    AtLimit(Limit),
    OverLimit(Limit),
}

#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Limit {
    Name,
    Text,
    Channel,
}

impl Limit {
    fn max(self) -> usize {
        match self {
            Limit::Name => limits::NAME,
            Limit::Text => limits::TEXT,
            Limit::Channel => limits::CHANNEL,
        }
    }
}

impl FText {
    fn get(&self) -> String {
        match self {
            FText::Pool(n) => TEXTS[*n as usize % TEXTS.len()].to_owned(),
            FText::Raw(s) => s.clone(),
            FText::AtLimit(l) => "ữ".repeat(l.max()),
            FText::OverLimit(l) => "ữ".repeat(l.max() + 1),
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum FColor {
    Empty,
    Hex(u8, u8, u8),
    HexUpper(u8, u8, u8),
    Bad(u8),
    Raw(String),
}

const BAD_COLORS: &[&str] = &["red", "#12345", "#1234567", "#gggggg", "#ＡＢＣＤＥＦ", "＃123456", "#12345\u{0}", " #123456", "#ữ1234"];

impl FColor {
    fn get(&self) -> String {
        match self {
            FColor::Empty => String::new(),
            FColor::Hex(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
            FColor::HexUpper(r, g, b) => format!("#{r:02X}{g:02X}{b:02X}"),
            FColor::Bad(n) => BAD_COLORS[*n as usize % BAD_COLORS.len()].to_owned(),
            FColor::Raw(s) => s.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum FIndex {
    Small(u8),
    Any(u32),
    Max,
}

impl FIndex {
    fn get(&self) -> u32 {
        match *self {
            FIndex::Small(n) => u32::from(n % 12),
            FIndex::Any(n) => n,
            FIndex::Max => u32::MAX,
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum FConversion {
    Valid(u8),
    Raw(f64),
    Special(u8),
}

const SPECIAL_F64: &[f64] =
    &[0.0, -0.0, 100.0, 100.000_000_000_001, -1e-300, 5e-324, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 33.333_333_333_333_336];

impl FConversion {
    fn get(&self) -> f64 {
        match *self {
            FConversion::Valid(n) => f64::from(n % 101),
            FConversion::Raw(x) => x,
            FConversion::Special(n) => SPECIAL_F64[n as usize % SPECIAL_F64.len()],
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum FVolume {
    Small(u16),
    Raw(i64),
    Limit(bool),
}

impl FVolume {
    fn get(&self) -> i64 {
        match *self {
            FVolume::Small(n) => i64::from(n),
            FVolume::Raw(x) => x,
            FVolume::Limit(over) => limits::VOLUME + i64::from(over),
        }
    }
}

#[derive(Debug, Arbitrary)]
pub struct FCard {
    id: FId,
    stage: FId,
    lane: FId,
    text: FText,
    note: Option<FText>,
    color: FColor,
    channel: Option<FText>,
    emotion: Option<i8>,
    conversion: Option<FConversion>,
    volume: Option<FVolume>,
}

impl FCard {
    fn get(&self) -> Card {
        Card {
            id: self.id.get(Kind::Card),
            stage_id: self.stage.get(Kind::Stage),
            lane_id: self.lane.get(Kind::Lane),
            text: self.text.get(),
            note: self.note.as_ref().map(FText::get).unwrap_or_default(),
            color: self.color.get(),
            channel: self.channel.as_ref().map(FText::get).unwrap_or_default(),
            emotion: self.emotion,
            conversion: self.conversion.as_ref().map(FConversion::get),
            volume: self.volume.as_ref().map(FVolume::get),
            // Not drawn from the input: a new field would change what every
            // kept seed decodes to (pictures come through FLeaf::SetCardImage).
            persona_id: None,
            image_id: None,
        }
    }
}

#[derive(Debug, Arbitrary)]
pub struct FMap {
    id: FId,
    name: FText,
    persona: Option<FId>,
    stages: Vec<(FId, FText, FColor)>,
    lanes: Vec<(FId, FText, u8, FColor)>,
    cards: Vec<FCard>,
    research: Vec<FResearch>,
}

#[derive(Debug, Arbitrary)]
pub struct FResearch {
    id: FId,
    kind: u8,
    title: FText,
    detail: FText,
    links: Vec<FId>,
}

impl FResearch {
    fn get(&self) -> ResearchItem {
        ResearchItem {
            id: self.id.get(Kind::Research),
            kind: ResearchKind::ALL[self.kind as usize % ResearchKind::ALL.len()],
            title: self.title.get(),
            detail: self.detail.get(),
            insight: String::new(),
            card_ids: self.links.iter().map(|c| c.get(Kind::Card)).collect(),
        }
    }
}

/// A persona photo: valid PNG/JPEG data URLs, and hostile or broken ones.
#[derive(Debug, Arbitrary)]
pub enum FPhoto {
    None,
    Png,
    Pool(u8),
    Raw(String),
}

const PHOTOS: &[&str] = &[
    "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "javascript:alert(1)",
    "data:image/png;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "data:image/png;base64,====",
    "data:image/svg+xml;base64,PHN2Zz4=",
];

impl FPhoto {
    fn get(&self) -> String {
        match self {
            FPhoto::None => String::new(),
            FPhoto::Png => {
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                    .into()
            }
            FPhoto::Pool(n) => PHOTOS[*n as usize % PHOTOS.len()].to_owned(),
            FPhoto::Raw(s) => s.clone(),
        }
    }
}

impl FMap {
    fn get(&self) -> Map {
        Map {
            id: self.id.get(Kind::Map),
            name: self.name.get(),
            goal: String::new(),
            scenario: "Kịch bản".into(),
            persona_id: self.persona.as_ref().map(|p| p.get(Kind::Persona)),
            stages: self.stages.iter().map(|(id, n, c)| Stage { id: id.get(Kind::Stage), name: n.get(), color: c.get() }).collect(),
            lanes: self
                .lanes
                .iter()
                .map(|(id, n, k, c)| Lane {
                    id: id.get(Kind::Lane),
                    name: n.get(),
                    kind: LaneKind::ALL[*k as usize % LaneKind::ALL.len()],
                    color: c.get(),
                })
                .collect(),
            cards: self.cards.iter().map(FCard::get).collect(),
            research: self.research.iter().map(FResearch::get).collect(),
            comments: vec![],
        }
    }
}

/// One edit that is not a batch.
#[derive(Debug, Arbitrary)]
pub enum FLeaf {
    SetProjectTitle(FText),
    AddMap(Box<FMap>, FIndex),
    UpdateMap(FId, Option<FText>, Option<FText>, Option<FText>),
    SetMapPersona(FId, Option<FId>),
    DeleteMap(FId),
    AddStage(FId, FId, FText, FColor, FIndex),
    UpdateStage(FId, Option<FText>, Option<FColor>),
    MoveStage(FId, FIndex),
    DeleteStage(FId),
    AddLane(FId, FId, FText, u8, FColor, FIndex),
    UpdateLane(FId, Option<FText>, Option<u8>, Option<FColor>),
    MoveLane(FId, FIndex),
    DeleteLane(FId),
    AddCard(Box<FCard>, FIndex),
    UpdateCard(FId, Option<FText>, Option<FText>, Option<FColor>, Option<FText>),
    SetCardMetrics(FId, Option<Option<i8>>, Option<Option<FConversion>>, Option<Option<FVolume>>),
    MoveCard(FId, FId, FId, FIndex),
    DeleteCard(FId),
    AddPersona(FId, FText, FText, FPhoto, FIndex),
    UpdatePersona(FId, Option<FText>, Option<FText>, Option<FText>, Option<FPhoto>),
    DeletePersona(FId),
    AddResearchItem(FId, Box<FResearch>, FIndex),
    UpdateResearchItem(FId, Option<u8>, Option<FText>, Option<FText>),
    SetResearchLinks(FId, Vec<FId>),
    MoveResearchItem(FId, FIndex),
    DeleteResearchItem(FId),
    TakeSnapshot(FId, FId, FText, i64),
    UpdateSnapshot(FId, Option<FText>, Option<FText>),
    DeleteSnapshot(FId),
    RestoreSnapshot(FId),
    ReplaceMap(Box<FMap>),
    SetCardPersona(FId, Option<FId>),
    /// A picture of the base file (or an unknown id) on a card, or none.
    SetCardImage(FId, Option<u8>),
    // Review comments: `bool` = on a stage (else a card).
    PostComment(FId, bool, FId, Option<FId>, FText, FText),
    AddComment(Box<FComment>),
    UpdateComment(FId, FText),
    DeleteComment(FId),
    ResolveComment(FId, FText, Option<i64>),
    ReopenComment(FId),
}

/// A whole comment (the undo of a delete, or an import), valid or not.
#[derive(Debug, Arbitrary)]
pub struct FComment {
    id: FId,
    on_stage: bool,
    target: FId,
    parent: Option<FId>,
    author: FText,
    body: FText,
    created_at: i64,
    resolved: Option<(i64, FText)>,
}

impl FComment {
    fn get(&self) -> Comment {
        let on = if self.on_stage { CommentOn::Stage } else { CommentOn::Card };
        Comment {
            id: self.id.get(Kind::Comment),
            on,
            target_id: self.target.get(if self.on_stage { Kind::Stage } else { Kind::Card }),
            parent_id: self.parent.as_ref().map(|p| p.get(Kind::Comment)),
            author: self.author.get(),
            body: self.body.get(),
            created_at: self.created_at,
            resolved_at: self.resolved.as_ref().map(|(at, _)| *at),
            resolved_by: self.resolved.as_ref().map(|(_, by)| by.get()).unwrap_or_default(),
        }
    }
}

impl FLeaf {
    fn get(&self) -> Edit {
        let kind = |k: &u8| LaneKind::ALL[*k as usize % LaneKind::ALL.len()];
        match self {
            FLeaf::SetProjectTitle(t) => Edit::SetProjectTitle { title: t.get() },
            FLeaf::AddMap(m, i) => Edit::AddMap { map: m.get(), index: i.get() },
            FLeaf::UpdateMap(id, n, g, s) => Edit::UpdateMap {
                map_id: id.get(Kind::Map),
                name: n.as_ref().map(FText::get),
                goal: g.as_ref().map(FText::get),
                scenario: s.as_ref().map(FText::get),
            },
            FLeaf::SetMapPersona(m, p) => {
                Edit::SetMapPersona { map_id: m.get(Kind::Map), persona_id: p.as_ref().map(|p| p.get(Kind::Persona)) }
            }
            FLeaf::DeleteMap(m) => Edit::DeleteMap { map_id: m.get(Kind::Map) },
            FLeaf::AddStage(m, id, n, c, i) => Edit::AddStage {
                map_id: m.get(Kind::Map),
                stage: Stage { id: id.get(Kind::Stage), name: n.get(), color: c.get() },
                index: i.get(),
            },
            FLeaf::UpdateStage(id, n, c) => {
                Edit::UpdateStage { stage_id: id.get(Kind::Stage), name: n.as_ref().map(FText::get), color: c.as_ref().map(FColor::get) }
            }
            FLeaf::MoveStage(id, i) => Edit::MoveStage { stage_id: id.get(Kind::Stage), index: i.get() },
            FLeaf::DeleteStage(id) => Edit::DeleteStage { stage_id: id.get(Kind::Stage) },
            FLeaf::AddLane(m, id, n, k, c, i) => Edit::AddLane {
                map_id: m.get(Kind::Map),
                lane: Lane { id: id.get(Kind::Lane), name: n.get(), kind: kind(k), color: c.get() },
                index: i.get(),
            },
            FLeaf::UpdateLane(id, n, k, c) => Edit::UpdateLane {
                lane_id: id.get(Kind::Lane),
                name: n.as_ref().map(FText::get),
                kind: k.as_ref().map(kind),
                color: c.as_ref().map(FColor::get),
            },
            FLeaf::MoveLane(id, i) => Edit::MoveLane { lane_id: id.get(Kind::Lane), index: i.get() },
            FLeaf::DeleteLane(id) => Edit::DeleteLane { lane_id: id.get(Kind::Lane) },
            FLeaf::AddCard(c, i) => Edit::AddCard { card: c.get(), index: i.get() },
            FLeaf::UpdateCard(id, t, n, c, ch) => Edit::UpdateCard {
                card_id: id.get(Kind::Card),
                text: t.as_ref().map(FText::get),
                note: n.as_ref().map(FText::get),
                color: c.as_ref().map(FColor::get),
                channel: ch.as_ref().map(FText::get),
            },
            FLeaf::SetCardMetrics(id, e, c, v) => Edit::SetCardMetrics {
                card_id: id.get(Kind::Card),
                emotion: *e,
                conversion: c.as_ref().map(|c| c.as_ref().map(FConversion::get)),
                volume: v.as_ref().map(|v| v.as_ref().map(FVolume::get)),
            },
            FLeaf::MoveCard(id, s, l, i) => {
                Edit::MoveCard { card_id: id.get(Kind::Card), stage_id: s.get(Kind::Stage), lane_id: l.get(Kind::Lane), index: i.get() }
            }
            FLeaf::DeleteCard(id) => Edit::DeleteCard { card_id: id.get(Kind::Card) },
            FLeaf::AddPersona(id, n, d, photo, i) => Edit::AddPersona {
                persona: Persona { description: d.get(), photo: photo.get(), ..Persona::new(id.get(Kind::Persona), n.get()) },
                index: i.get(),
            },
            FLeaf::UpdatePersona(id, n, d, q, photo) => Edit::UpdatePersona {
                persona_id: id.get(Kind::Persona),
                name: n.as_ref().map(FText::get),
                description: d.as_ref().map(FText::get),
                role: None,
                goals: d.as_ref().map(FText::get),
                needs: None,
                frustrations: None,
                quote: q.as_ref().map(FText::get),
                photo: photo.as_ref().map(FPhoto::get),
            },
            FLeaf::DeletePersona(id) => Edit::DeletePersona { persona_id: id.get(Kind::Persona) },
            FLeaf::SetCardPersona(c, p) => {
                Edit::SetCardPersona { card_id: c.get(Kind::Card), persona_id: p.as_ref().map(|p| p.get(Kind::Persona)) }
            }
            FLeaf::AddResearchItem(m, r, i) => Edit::AddResearchItem { map_id: m.get(Kind::Map), item: r.get(), index: i.get() },
            FLeaf::UpdateResearchItem(id, k, t, d) => Edit::UpdateResearchItem {
                item_id: id.get(Kind::Research),
                kind: k.map(|k| ResearchKind::ALL[k as usize % ResearchKind::ALL.len()]),
                title: t.as_ref().map(FText::get),
                detail: None,
                insight: d.as_ref().map(FText::get),
            },
            FLeaf::SetResearchLinks(id, links) => {
                Edit::SetResearchLinks { item_id: id.get(Kind::Research), card_ids: links.iter().map(|c| c.get(Kind::Card)).collect() }
            }
            FLeaf::MoveResearchItem(id, i) => Edit::MoveResearchItem { item_id: id.get(Kind::Research), index: i.get() },
            FLeaf::DeleteResearchItem(id) => Edit::DeleteResearchItem { item_id: id.get(Kind::Research) },
            FLeaf::TakeSnapshot(m, id, n, at) => Edit::TakeSnapshot {
                map_id: m.get(Kind::Map),
                snapshot_id: id.get(Kind::Snapshot),
                name: n.get(),
                note: String::new(),
                taken_at: *at,
            },
            FLeaf::UpdateSnapshot(id, n, note) => Edit::UpdateSnapshot {
                snapshot_id: id.get(Kind::Snapshot),
                name: n.as_ref().map(FText::get),
                note: note.as_ref().map(FText::get),
            },
            FLeaf::DeleteSnapshot(id) => Edit::DeleteSnapshot { snapshot_id: id.get(Kind::Snapshot) },
            FLeaf::RestoreSnapshot(id) => Edit::RestoreSnapshot { snapshot_id: id.get(Kind::Snapshot) },
            FLeaf::ReplaceMap(m) => Edit::ReplaceMap { map: m.get() },
            FLeaf::SetCardImage(c, n) => Edit::SetCardImage { card_id: c.get(Kind::Card), image_id: n.map(picture_id) },
            FLeaf::PostComment(id, on_stage, target, parent, author, body) => Edit::PostComment {
                comment_id: id.get(Kind::Comment),
                on: if *on_stage { CommentOn::Stage } else { CommentOn::Card },
                target_id: target.get(if *on_stage { Kind::Stage } else { Kind::Card }),
                parent_id: parent.as_ref().map(|p| p.get(Kind::Comment)),
                author: author.get(),
                body: body.get(),
            },
            FLeaf::AddComment(c) => Edit::AddComment { comment: c.get() },
            FLeaf::UpdateComment(id, body) => Edit::UpdateComment { comment_id: id.get(Kind::Comment), body: body.get() },
            FLeaf::DeleteComment(id) => Edit::DeleteComment { comment_id: id.get(Kind::Comment) },
            FLeaf::ResolveComment(id, by, at) => Edit::ResolveComment { comment_id: id.get(Kind::Comment), by: by.get(), at: *at },
            FLeaf::ReopenComment(id) => Edit::ReopenComment { comment_id: id.get(Kind::Comment) },
        }
    }
}

/// One step of a sequence.
#[derive(Debug, Arbitrary)]
pub enum FEdit {
    Leaf(FLeaf),
    /// A batch of leaves, wrapped in `depth % 11` more batches (the limit is 8).
    Batch {
        depth: u8,
        edits: Vec<FLeaf>,
        inner_batches: Vec<Vec<FLeaf>>,
    },
    /// A leaf sent as JSON, with some bytes of the JSON overwritten: exercises
    /// the edit parser on almost-valid input.
    Json {
        leaf: FLeaf,
        patches: Vec<(u16, u8)>,
    },
    /// Any text, parsed as an edit.
    RawJson(String),
}

impl FEdit {
    /// The edit to apply, or `None` when the JSON does not parse.
    pub fn to_edit(&self) -> Option<Edit> {
        match self {
            FEdit::Leaf(l) => Some(l.get()),
            FEdit::Batch { depth, edits, inner_batches } => {
                let mut list: Vec<Edit> = edits.iter().map(FLeaf::get).collect();
                list.extend(inner_batches.iter().map(|b| Edit::Batch { edits: b.iter().map(FLeaf::get).collect() }));
                let mut e = Edit::Batch { edits: list };
                for _ in 0..depth % 11 {
                    e = Edit::Batch { edits: vec![e] };
                }
                Some(e)
            }
            FEdit::Json { leaf, patches } => {
                let mut json = serde_json::to_vec(&leaf.get()).expect("an edit serialises");
                for &(at, byte) in patches.iter().take(4) {
                    let at = at as usize % json.len();
                    json[at] = byte;
                }
                serde_json::from_slice(&json).ok()
            }
            FEdit::RawJson(s) => serde_json::from_str(s).ok(),
        }
    }
}
