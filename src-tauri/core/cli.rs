//! The command line of the `journey-studio` binary. Subcommands work without a
//! window; with none, the app opens (on the given project file, if any).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::export::{self, ExportError, Orientation, PageLayout, PageSize, PdfOptions};
use crate::store::ProjectFile;
use crate::template::{self, Lang, TemplateId};

#[derive(Debug, Parser)]
#[command(name = "journey-studio", version, about = "Journey Studio: customer journey maps", args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A project file (.journey) to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project file from a template, without opening a window.
    New {
        /// Where to write the project (.journey).
        path: PathBuf,
        /// Language of the template's names and example cards.
        #[arg(long, value_enum, default_value = "en")]
        lang: CliLang,
        /// The starting map: its stages, lanes, example cards, persona and research.
        #[arg(long, value_enum, default_value = "marketing")]
        template: CliTemplate,
        /// Replace an existing file.
        #[arg(long)]
        overwrite: bool,
    },
    /// Export a map of a project file to PDF, PNG and/or SVG, or the whole project
    /// to JSON, without opening a window.
    Export(ExportArgs),
    /// Create a new project file from a project JSON file (as written by
    /// `export --json` or the app's "Export project as JSON…").
    Import {
        /// The project JSON file to read.
        source: PathBuf,
        /// Where to write the new project (.journey).
        dest: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        overwrite: bool,
    },
    /// Run a sync server for live collaboration (docs/server.md): projects
    /// shared from the app are kept in DIR and synced between teammates.
    #[cfg(feature = "server")]
    Serve(crate::server::ServeArgs),
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["pdf", "png", "svg", "json"])))]
pub struct ExportArgs {
    /// The project file (.journey) to export.
    pub file: PathBuf,
    /// Write a PDF here.
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// Write a PNG picture of the whole map here.
    #[arg(long, value_name = "OUT.png")]
    pub png: Option<PathBuf>,
    /// Write an SVG picture of the whole map here.
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Write the whole project (every map, persona, research item and snapshot) as JSON here.
    #[arg(long, value_name = "OUT.json")]
    pub json: Option<PathBuf>,
    /// The map to export, by id or name (default: the first map).
    #[arg(long)]
    pub map: Option<String>,
    /// PDF page size.
    #[arg(long, value_enum, default_value = "a4")]
    pub page: CliPage,
    /// PDF page orientation.
    #[arg(long, value_enum, default_value = "landscape")]
    pub orientation: CliOrientation,
    /// Put the whole map on one page, scaled (default: tile it over pages at full size).
    #[arg(long)]
    pub fit: bool,
    /// Add a cover page (project, persona, goal, date).
    #[arg(long)]
    pub cover: bool,
    /// Leave out the legend page.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the page numbers.
    #[arg(long)]
    pub no_page_numbers: bool,
    /// Leave out the conversion funnel summary.
    #[arg(long)]
    pub no_funnel: bool,
    /// Add an appendix listing the map's open review comments.
    #[arg(long)]
    pub comments: bool,
    /// Language of the labels the export adds.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: CliLang,
    /// Date shown on the cover and in the footer (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// Leave out a persona's emotion curve (its name or id; `shared` for the curve of a map without persona),
    /// as hiding it on the canvas does; may be given more than once.
    #[arg(long = "hide-curve", value_name = "PERSONA")]
    pub hide_curve: Vec<String>,
    /// PNG pixels per point (2 ≈ 144 dpi).
    #[arg(long, default_value_t = 2.0, value_parser = parse_scale)]
    pub scale: f32,
    /// Replace existing output files.
    #[arg(long)]
    pub overwrite: bool,
}

fn parse_scale(s: &str) -> std::result::Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if v.is_finite() && (0.25..=8.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a scale between 0.25 and 8")),
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CliPage {
    A4,
    A3,
    Letter,
    Tabloid,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CliOrientation {
    Landscape,
    Portrait,
}

/// Why a windowless subcommand failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] Error),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("{0}: a file already exists there (use --overwrite to replace it)")]
    OutputExists(PathBuf),
    #[cfg(feature = "server")]
    #[error(transparent)]
    Server(#[from] crate::server::ServerError),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CliLang {
    En,
    Vi,
}

impl From<CliLang> for Lang {
    fn from(l: CliLang) -> Self {
        match l {
            CliLang::En => Lang::En,
            CliLang::Vi => Lang::Vi,
        }
    }
}

/// The templates, by the names the project file and the UI use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CliTemplate {
    /// 5 stages: Awareness, Consideration, Conversion, Retention, Advocacy.
    Marketing,
    /// 7 stages: Discover, Consider, Evaluate, Choose, Purchase, Use, Advocate.
    Experience,
    /// Need recognition, information search, evaluation, purchase, post-purchase.
    #[value(name = "decision_path", alias = "decision-path")]
    DecisionPath,
    /// Ad, landing page, product page, cart, checkout, delivery, review.
    Ecommerce,
    /// Lead, first call, consultation, offer, closing, onboarding, follow-up.
    Telesales,
    /// A service blueprint of telesales enrolment (call centre backstage).
    #[value(name = "service_blueprint", alias = "service-blueprint", alias = "blueprint")]
    ServiceBlueprint,
}

impl From<CliTemplate> for TemplateId {
    fn from(t: CliTemplate) -> Self {
        match t {
            CliTemplate::Marketing => TemplateId::Marketing,
            CliTemplate::Experience => TemplateId::Experience,
            CliTemplate::DecisionPath => TemplateId::DecisionPath,
            CliTemplate::Ecommerce => TemplateId::Ecommerce,
            CliTemplate::Telesales => TemplateId::Telesales,
            CliTemplate::ServiceBlueprint => TemplateId::ServiceBlueprint,
        }
    }
}

impl ExportArgs {
    pub fn pdf_options(&self) -> PdfOptions {
        PdfOptions {
            page_size: match self.page {
                CliPage::A4 => PageSize::A4,
                CliPage::A3 => PageSize::A3,
                CliPage::Letter => PageSize::Letter,
                CliPage::Tabloid => PageSize::Tabloid,
            },
            orientation: match self.orientation {
                CliOrientation::Landscape => Orientation::Landscape,
                CliOrientation::Portrait => Orientation::Portrait,
            },
            layout: if self.fit { PageLayout::FitToPage } else { PageLayout::Tiled },
            cover: self.cover,
            legend: !self.no_legend,
            page_numbers: !self.no_page_numbers,
            funnel: !self.no_funnel,
            comments: self.comments,
            lang: self.lang.into(),
            date: self.date.clone(),
            hidden_curves: Vec::new(),
        }
    }
}

fn export(args: &ExportArgs) -> std::result::Result<String, CliError> {
    for out in [&args.pdf, &args.png, &args.svg, &args.json].into_iter().flatten() {
        if !args.overwrite && out.exists() {
            return Err(CliError::OutputExists(out.clone()));
        }
    }
    let (project, snapshots, pictures) = crate::store::read_project_and_snapshots(&args.file)?;
    // Render everything before writing anything.
    let mut outputs: Vec<(&PathBuf, Vec<u8>)> = Vec::new();
    if let Some(path) = &args.json {
        outputs.push((path, crate::project_json::to_json(&project, &snapshots, &pictures)?.into_bytes()));
    }
    if args.pdf.is_none() && args.png.is_none() && args.svg.is_none() {
        return write_outputs(outputs); // JSON only: no map to find
    }
    let map = export::find_map(&project, args.map.as_deref())?;
    let options = PdfOptions { hidden_curves: export::curve_keys(&project, map, &args.hide_curve)?, ..args.pdf_options() };
    if let Some(path) = &args.pdf {
        outputs.push((path, export::export_pdf(&project, map, &pictures, &options)?));
    }
    if let Some(path) = &args.png {
        outputs.push((path, export::export_png(&project, map, &pictures, args.scale, &options)?));
    }
    if let Some(path) = &args.svg {
        outputs.push((path, export::export_svg(&project, map, &pictures, &options)?.into_bytes()));
    }
    write_outputs(outputs)
}

fn write_outputs(outputs: Vec<(&PathBuf, Vec<u8>)>) -> std::result::Result<String, CliError> {
    let mut lines = Vec::new();
    for (path, bytes) in outputs {
        export::write_file(path, &bytes)?;
        lines.push(format!("exported {} ({} bytes)", path.display(), bytes.len()));
    }
    Ok(lines.join("\n"))
}

/// Runs a windowless subcommand; returns the line to print on success.
pub fn run(command: Command) -> std::result::Result<String, CliError> {
    match command {
        Command::New { path, lang, template, overwrite } => {
            let file = ProjectFile::create(&path, &template::project(template.into(), lang.into()), overwrite)?;
            Ok(format!("created {}", file.path().display()))
        }
        Command::Export(args) => export(&args),
        Command::Import { source, dest, overwrite } => {
            let file = crate::project_json::import(&source, &dest, overwrite)?;
            Ok(format!("imported {} into {}", source.display(), file.path().display()))
        }
        // Runs until the process is stopped (it prints its own lines).
        #[cfg(feature = "server")]
        Command::Serve(args) => crate::server::serve_command(args).map(|()| "server stopped".to_string()).map_err(CliError::from),
    }
}

/// The project file named on a command line (`journey-studio [FILE]`), made
/// absolute against the folder that command ran in.
pub fn file_argument(args: &[String], cwd: &str) -> Option<PathBuf> {
    let arg = args.iter().skip(1).find(|a| !a.starts_with('-'))?;
    Some(std::path::Path::new(cwd).join(arg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_second_launch_is_found_and_made_absolute() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            file_argument(&args(&["journey-studio", "bản đồ.journey"]), "/home/lan"),
            Some(PathBuf::from("/home/lan/bản đồ.journey"))
        );
        assert_eq!(
            file_argument(&args(&["/usr/bin/journey-studio", "/tmp/a.journey"]), "/home/lan"),
            Some(PathBuf::from("/tmp/a.journey"))
        );
        assert_eq!(file_argument(&args(&["journey-studio"]), "/home/lan"), None);
        assert_eq!(file_argument(&args(&["journey-studio", "--verbose"]), "/"), None);
    }

    fn parse(args: &[&str]) -> std::result::Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("journey-studio").chain(args.iter().copied()))
    }

    #[test]
    fn export_options_parse() {
        let cli = parse(&[
            "export",
            "map.journey",
            "--pdf",
            "out.pdf",
            "--page",
            "a3",
            "--orientation",
            "portrait",
            "--fit",
            "--cover",
            "--lang",
            "vi",
        ])
        .expect("parses");
        let Some(Command::Export(args)) = cli.command else { panic!("not export") };
        let o = args.pdf_options();
        assert_eq!((o.page_size, o.orientation, o.layout), (PageSize::A3, Orientation::Portrait, PageLayout::FitToPage));
        assert!(o.cover && o.legend && o.page_numbers && o.funnel);
        assert_eq!(o.lang, Lang::Vi);
    }

    #[test]
    fn new_takes_a_template_named_as_the_ui_names_it() {
        let template_of = |args: &[&str]| match parse(args).expect("parses").command {
            Some(Command::New { template, .. }) => TemplateId::from(template),
            other => panic!("not new: {other:?}"),
        };
        assert_eq!(template_of(&["new", "a.journey"]), TemplateId::Marketing, "the default");
        for id in TemplateId::ALL {
            let name = serde_json::to_value(id).expect("serialise");
            let name = name.as_str().expect("a string");
            assert_eq!(template_of(&["new", "a.journey", "--lang", "vi", "--template", name]), id);
        }
        assert_eq!(template_of(&["new", "a.journey", "--template", "decision-path"]), TemplateId::DecisionPath);
        assert!(parse(&["new", "a.journey", "--template", "blank"]).is_err());
    }

    #[test]
    fn json_export_and_import_parse() {
        let cli = parse(&["export", "map.journey", "--json", "out.json"]).expect("JSON alone is an output");
        let Some(Command::Export(args)) = cli.command else { panic!("not export") };
        assert_eq!(args.json, Some(PathBuf::from("out.json")));
        let cli = parse(&["import", "in.json", "new.journey", "--overwrite"]).expect("parses");
        assert!(matches!(cli.command, Some(Command::Import { overwrite: true, .. })));
    }

    #[test]
    fn bad_export_options_are_refused() {
        assert!(parse(&["export", "map.journey"]).is_err(), "an output is required");
        assert!(parse(&["export", "map.journey", "--pdf", "o.pdf", "--page", "a5"]).is_err());
        assert!(parse(&["export", "map.journey", "--png", "o.png", "--scale", "0"]).is_err());
        assert!(parse(&["export", "map.journey", "--pdf", "o.pdf", "--bogus"]).is_err());
        assert!(parse(&["export", "--pdf", "o.pdf"]).is_err(), "the project file is required");
        assert!(parse(&["import", "in.json"]).is_err(), "the new project file is required");
    }
}
