//! The "New project" templates through the public API: each one, in each
//! language, becomes a project file that reopens as the same project, and the
//! command line creates them.

use clap::Parser;
use journey_studio::cli::{self, Cli};
use journey_studio::store::{read_project, ProjectFile};
use journey_studio::template::{self, Lang, TemplateId};

fn name(id: TemplateId) -> String {
    serde_json::to_value(id).expect("serialise").as_str().expect("a string").to_owned()
}

#[test]
fn every_template_creates_a_project_file_that_reopens_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    for id in TemplateId::ALL {
        for (lang, tag) in [(Lang::En, "en"), (Lang::Vi, "vi")] {
            let project = template::project(id, lang);
            journey_studio::edit::check_map(&project.maps[0]).expect("valid map");
            let path = dir.path().join(format!("{}-{tag}.journey", name(id)));
            let file = ProjectFile::create(&path, &project, false).expect("create");
            assert_eq!(file.project().expect("read back"), project, "{id:?} {lang:?}");
            drop(file);
            let reopened = ProjectFile::open(&path).expect("reopen");
            assert_eq!(reopened.project().expect("project"), project, "{id:?} {lang:?} after reopening");
            // A fresh template is a new document: nothing to undo yet.
            assert!(!reopened.can_undo().expect("can_undo"), "{id:?}");
        }
    }
}

#[test]
fn new_on_the_command_line_takes_a_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        let parsed = Cli::try_parse_from(std::iter::once("journey-studio").chain(args.iter().copied())).expect("parses");
        cli::run(parsed.command.expect("a subcommand"))
    };
    for id in TemplateId::ALL {
        let path = dir.path().join(format!("{}.journey", name(id)));
        let p = path.to_str().expect("path");
        let line = run(&["new", p, "--lang", "vi", "--template", &name(id)]).expect("new");
        assert!(line.starts_with("created "), "{line}");
        let made = read_project(&path).expect("read");
        let expected = template::project(id, Lang::Vi);
        assert_eq!(made.title, expected.title);
        let (a, b) = (&made.maps[0], &expected.maps[0]);
        assert_eq!(a.stages.iter().map(|s| &s.name).collect::<Vec<_>>(), b.stages.iter().map(|s| &s.name).collect::<Vec<_>>());
        assert_eq!(a.cards.iter().map(|c| &c.text).collect::<Vec<_>>(), b.cards.iter().map(|c| &c.text).collect::<Vec<_>>());
        assert_eq!(made.personas.len(), 1);
    }
    // Without --template: the marketing journey, stage names as in the default project.
    let path = dir.path().join("default.journey");
    run(&["new", path.to_str().expect("path"), "--lang", "vi"]).expect("new");
    let made = read_project(&path).expect("read");
    let default = template::default_project(Lang::Vi);
    let names = |p: &journey_studio::Project| p.maps[0].stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&made), names(&default));
    assert!(!made.maps[0].cards.is_empty(), "the template's example cards");
}
