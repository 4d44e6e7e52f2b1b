//! The one CSV writer: every export (meeting lists, follow-ups, dashboards) goes through it, so
//! every cell is neutralised against spreadsheet formula injection the same way (OWASP: a cell
//! starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, AppResult};

/// A CSV document being written.
pub struct Csv {
    w: csv::Writer<Vec<u8>>,
}

impl Default for Csv {
    fn default() -> Self {
        Self::new()
    }
}

impl Csv {
    pub fn new() -> Self {
        Csv {
            w: csv::Writer::from_writer(Vec::new()),
        }
    }

    /// Writes one record; each cell is made safe to open in a spreadsheet.
    pub fn row<I, S>(&mut self, cells: I) -> AppResult<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells.into_iter().map(|c| safe_cell(c.as_ref())).collect();
        self.w
            .write_record(&cells)
            .map_err(|e| AppError::Internal(e.into()))
    }

    /// The document as a download named `filename` (with its `.csv`).
    pub fn download(self, filename: &str) -> AppResult<Response> {
        let body = self
            .w
            .into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
        let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
            .unwrap_or(HeaderValue::from_static("attachment"));
        Ok((
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            body,
        )
            .into_response())
    }
}

/// A header row, then one record per row, as a download.
pub fn download(
    filename: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> AppResult<Response> {
    let mut csv = Csv::new();
    csv.row(header)?;
    for r in rows {
        csv.row(&r)?;
    }
    csv.download(filename)
}

/// `cell` as a spreadsheet will show it but never evaluate it.
pub fn safe_cell(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"x\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert!(safe_cell(bad).starts_with('\''), "{bad:?}");
        }
        for ok in ["Kuala Kampar", "2024-02-14", "12", "", "a=b"] {
            assert_eq!(safe_cell(ok), ok);
        }
    }
}
