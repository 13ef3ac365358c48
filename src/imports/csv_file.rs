//! Reading an uploaded CSV: the delimiter people's spreadsheets use (comma, semicolon or tab), a
//! byte order mark, quoted fields with line breaks, and the line each record starts on.

use crate::error::{Error, Result};

/// A parsed file: the header and each data record with the line it starts on.
pub(super) struct CsvFile {
    pub header: Vec<String>,
    pub records: Vec<(u32, csv::StringRecord)>,
}

/// The delimiter of the header line: the most frequent of `,`, `;` and tab outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for byte in first.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(slot) = counts.iter_mut().find(|(d, _)| *d == byte) {
            slot.1 += 1;
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map(|(d, _)| *d).unwrap_or(b',')
}

/// Parses `text`. Errors: `validation` on `file` (empty, no header, malformed quoting).
pub(super) fn parse(text: &str) -> Result<CsvFile> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Line numbers are counted on `\n`; files saved on Windows end lines with `\r\n`.
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n");
        unified.as_str()
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(Error::validation("file", "The file is empty."));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::validation("file", format!("The header line cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(Error::validation("file", "The first line must name the columns."));
    }
    let mut records = Vec::new();
    // The csv reader's own line count skips blank lines; count the line breaks before each record.
    let (mut counted_to, mut line) = (0usize, 1u32);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::validation("file", format!("Line {line} cannot be read: {e}"))
        })?;
        // Blank lines (a trailing newline, spacing in a hand-made file) are no rows.
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut start = record.position().map(|p| p.byte() as usize).unwrap_or(counted_to).min(text.len());
        // The position is where reading began, before the blank lines the reader skipped.
        while text.as_bytes().get(start).is_some_and(|b| *b == b'\n' || *b == b'\r') {
            start += 1;
        }
        line += text.as_bytes()[counted_to.min(start)..start].iter().filter(|b| **b == b'\n').count() as u32;
        counted_to = start;
        records.push((line, record));
    }
    Ok(CsvFile { header, records })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_quotes_and_a_bom_are_read_as_spreadsheets_write_them() {
        let file =
            parse("\u{feff}Email;Name\na@example.org;\"Doe; Jane\"\n\n\"b@example.org\";\"Line\nbreak\"\n")
                .unwrap();
        assert_eq!(file.header, ["Email", "Name"]);
        assert_eq!(file.records.len(), 2);
        assert_eq!(&file.records[0].1[1], "Doe; Jane");
        assert_eq!(file.records[0].0, 2);
        assert_eq!(file.records[1].0, 4, "the blank line counts as a line");
    }

    #[test]
    fn windows_line_ends_keep_the_line_numbers() {
        let file = parse("email\r\na@example.org\r\n\r\nb@example.org\r\n").unwrap();
        let lines: Vec<u32> = file.records.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn an_empty_file_or_broken_quoting_is_refused() {
        assert!(parse("  \n").is_err());
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"a,b\";c"), b';');
    }
}
