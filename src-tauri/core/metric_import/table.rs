//! Step 1 of a metric import: read a CSV or spreadsheet export into a table
//! of text cells. CSV files may use `,` `;` or tab (a Vietnamese or European
//! Excel writes `;`), may start with a byte-order mark, and must be UTF-8;
//! spreadsheets (XLSX, XLS, ODS) are read with calamine, one sheet at a time.

use std::path::Path;

use calamine::{Data, Reader};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest file read (an analytics export of a few thousand rows is far smaller).
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// The most data rows read.
pub const MAX_ROWS: usize = 50_000;
/// The most columns read.
pub const MAX_COLUMNS: usize = 200;

/// Why a file could not be read as a table. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("{0}: no such file")]
    NotFound(String),
    #[error("the file is too large for a metric table ({size} bytes, at most {max})")]
    TooLarge { size: u64, max: u64 },
    #[error("the file is not a CSV or spreadsheet file this app reads (.csv, .tsv, .txt, .xlsx, .xls, .ods)")]
    UnknownFormat,
    #[error("the CSV file is not UTF-8 text; save it as \"CSV UTF-8\"")]
    NotUtf8,
    #[error("the file could not be read as a table: {0}")]
    Unreadable(String),
    #[error("the workbook has no sheet named {0:?}")]
    NoSuchSheet(String),
    #[error("the table has no rows below its header row")]
    Empty,
    #[error("the table has too many rows ({rows}, at most {max})")]
    TooManyRows { rows: usize, max: usize },
    #[error("the table has too many columns ({columns}, at most {max})")]
    TooManyColumns { columns: usize, max: usize },
    #[error("column {0} is not in the table")]
    NoSuchColumn(usize),
}

impl TableError {
    pub fn code(&self) -> &'static str {
        match self {
            TableError::NotFound(_) => "table_not_found",
            TableError::TooLarge { .. } | TableError::TooManyRows { .. } | TableError::TooManyColumns { .. } => "table_too_large",
            TableError::UnknownFormat => "table_unknown_format",
            TableError::NotUtf8 => "table_not_utf8",
            TableError::Unreadable(_) => "table_unreadable",
            TableError::NoSuchSheet(_) => "table_no_such_sheet",
            TableError::Empty => "table_empty",
            TableError::NoSuchColumn(_) => "table_no_such_column",
        }
    }
}

/// A table read from a file: the first row gives the column names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Table {
    /// The sheet read (spreadsheets only).
    pub sheet: Option<String>,
    /// Every sheet of a workbook, for choosing another one; empty for CSV.
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    /// The data rows, each as long as `headers`.
    pub rows: Vec<Vec<String>>,
}

/// Reads `path` as a table: a CSV by its extension or content, a spreadsheet
/// by its extension; `sheet` picks a workbook's sheet (default: the first).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    let meta = std::fs::metadata(path).map_err(|_| TableError::NotFound(path.display().to_string()))?;
    if meta.is_dir() {
        return Err(TableError::NotFound(path.display().to_string()));
    }
    if meta.len() > MAX_BYTES {
        return Err(TableError::TooLarge { size: meta.len(), max: MAX_BYTES });
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let cells = match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => return spreadsheet(path, sheet),
        "csv" | "tsv" | "txt" | "" => {
            let bytes = std::fs::read(path).map_err(|e| TableError::Unreadable(e.to_string()))?;
            csv_cells(&bytes)?
        }
        _ => return Err(TableError::UnknownFormat),
    };
    finish(None, Vec::new(), cells)
}

/// The cells of CSV text (the separator is guessed from the header line).
pub fn csv_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    let text = std::str::from_utf8(bytes).map_err(|_| TableError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| header.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Unreadable(e.to_string()))?;
        if rows.len() > MAX_ROWS {
            return Err(TableError::TooManyRows { rows: rows.len(), max: MAX_ROWS });
        }
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

fn spreadsheet(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| TableError::Unreadable(e.to_string()))?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(name) if sheets.iter().any(|s| s == name) => name.to_owned(),
        Some(name) => return Err(TableError::NoSuchSheet(name.to_owned())),
        None => sheets.first().cloned().ok_or(TableError::Empty)?,
    };
    let range = book.worksheet_range(&name).map_err(|e| TableError::Unreadable(e.to_string()))?;
    if range.height() > MAX_ROWS + 1 {
        return Err(TableError::TooManyRows { rows: range.height().saturating_sub(1), max: MAX_ROWS });
    }
    let cells = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
    finish(Some(name), sheets, cells)
}

/// A spreadsheet cell as the text a user would type for it. Numbers keep
/// their full precision (a rate formatted as 12.5% is stored as 0.125).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// Drops empty trailing rows, squares the rows to the header's width and
/// checks the sizes.
fn finish(sheet: Option<String>, sheets: Vec<String>, mut cells: Vec<Vec<String>>) -> Result<Table, TableError> {
    while cells.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
        cells.pop();
    }
    if cells.len() < 2 {
        return Err(TableError::Empty);
    }
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    if width > MAX_COLUMNS {
        return Err(TableError::TooManyColumns { columns: width, max: MAX_COLUMNS });
    }
    if cells.len() > MAX_ROWS + 1 {
        return Err(TableError::TooManyRows { rows: cells.len() - 1, max: MAX_ROWS });
    }
    for row in &mut cells {
        row.resize(width, String::new());
    }
    let mut rows = cells.into_iter();
    let headers = rows.next().unwrap_or_default().into_iter().enumerate();
    let headers = headers.map(|(i, h)| if h.trim().is_empty() { format!("#{}", i + 1) } else { h.trim().to_owned() }).collect();
    Ok(Table { sheet, sheets, headers, rows: rows.collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_separators_bom_quotes_and_ragged_rows() {
        let rows = csv_cells("\u{feff}Điểm chạm;Tỷ lệ;Lượt\n\"Giỏ hàng; bước 1\";12,5%;1.200\nThanh toán;8%\n".as_bytes()).expect("csv");
        assert_eq!(rows[0], ["Điểm chạm", "Tỷ lệ", "Lượt"]);
        assert_eq!(rows[1], ["Giỏ hàng; bước 1", "12,5%", "1.200"]);
        assert_eq!(rows[2], ["Thanh toán", "8%"]);
        let tabs = csv_cells(b"a\tb\n1\t2\n").expect("tsv");
        assert_eq!(tabs[1], ["1", "2"]);
        let commas = csv_cells(b"name,rate\n\"Ad, video\",3.5\n").expect("csv");
        assert_eq!(commas[1], ["Ad, video", "3.5"]);
    }

    #[test]
    fn not_utf8_and_sizes_are_refused_plainly() {
        assert!(matches!(csv_cells(b"name,rate\n\xff\xfe,1\n"), Err(TableError::NotUtf8)));
        let table = finish(None, vec![], vec![vec!["a".into(), "".into()], vec!["1".into()], vec![" ".into()]]).expect("table");
        assert_eq!(table.headers, ["a", "#2"]);
        assert_eq!(table.rows, [["1", ""]]);
        assert!(matches!(finish(None, vec![], vec![vec!["only a header".into()]]), Err(TableError::Empty)));
        let wide = vec![vec![String::new(); MAX_COLUMNS + 1], vec!["x".into()]];
        assert!(matches!(finish(None, vec![], wide), Err(TableError::TooManyColumns { .. })));
    }

    #[test]
    fn files_that_are_not_tables_get_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("journey-table-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        assert_eq!(read(&dir.join("missing.csv"), None).map_err(|e| e.code()), Err("table_not_found"));
        std::fs::write(dir.join("photo.png"), b"\x89PNG").expect("write");
        assert_eq!(read(&dir.join("photo.png"), None).map_err(|e| e.code()), Err("table_unknown_format"));
        std::fs::write(dir.join("fake.xlsx"), b"not a zip").expect("write");
        assert_eq!(read(&dir.join("fake.xlsx"), None).map_err(|e| e.code()), Err("table_unreadable"));
        std::fs::remove_dir_all(&dir).expect("clean");
    }
}
