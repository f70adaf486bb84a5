//! Rendering results: JSON, JSON lines, CSV and tables.
//!
//! Every result is first turned into JSON with the SDK models' serde field
//! names (the names of the 1NCE API), so `-o json` is exactly what the SDK
//! decodes, and CSV and table columns are the same names, nested objects
//! flattened with dots (`quota_status.description`).

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::exit::CliError;

/// The output format (`-o`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Pretty JSON: an object for one result, an array for a list.
    Json,
    /// One compact JSON object per line.
    Jsonl,
    /// CSV with a header row; nested fields flattened with dots.
    Csv,
    /// A table for people (the default on a terminal).
    Table,
}

/// Where and how results are printed.
#[derive(Clone, Debug)]
pub struct Output {
    /// The chosen format.
    pub format: Format,
    /// Colours on (stdout is a terminal, no `NO_COLOR`, no `--no-color`).
    pub color: bool,
}

impl Output {
    /// The format asked for, else a table on a terminal and JSON elsewhere;
    /// colours only on a terminal and never with `NO_COLOR`.
    pub fn new(format: Option<Format>, no_color: bool) -> Self {
        let tty = io::stdout().is_terminal();
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            format: format.unwrap_or(if tty { Format::Table } else { Format::Json }),
            color: tty && !no_color && !no_color_env,
        }
    }

    /// Prints a list of records; `columns` picks the table's columns
    /// (dotted paths) and is ignored by the other formats.
    pub fn list(&self, items: &[Value], columns: &[&str]) -> Result<(), CliError> {
        let mut out = io::stdout().lock();
        let text = self.render_list(items, columns)?;
        write_out(&mut out, &text)
    }

    /// Prints one record: an object in JSON, a field/value table.
    pub fn one(&self, item: &Value) -> Result<(), CliError> {
        let mut out = io::stdout().lock();
        let text = self.render_one(item)?;
        write_out(&mut out, &text)
    }

    /// The text [`Output::list`] prints.
    pub fn render_list(&self, items: &[Value], columns: &[&str]) -> Result<String, CliError> {
        match self.format {
            Format::Json => Ok(pretty(&Value::Array(items.to_vec())) + "\n"),
            Format::Jsonl => Ok(items.iter().map(|v| v.to_string() + "\n").collect()),
            Format::Csv => csv_text(items),
            Format::Table => {
                let flat: Vec<Map<String, Value>> = items.iter().map(flatten).collect();
                let cols: Vec<String> = if columns.is_empty() {
                    union_keys(&flat)
                } else {
                    columns.iter().map(|c| c.to_string()).collect()
                };
                let mut table = self.table();
                table.set_header(cols.iter().map(|c| self.header_cell(c)));
                for row in &flat {
                    table.add_row(
                        cols.iter()
                            .map(|c| self.value_cell(row.get(c).unwrap_or(&Value::Null))),
                    );
                }
                Ok(format!("{table}\n"))
            }
        }
    }

    /// The text [`Output::one`] prints.
    pub fn render_one(&self, item: &Value) -> Result<String, CliError> {
        match self.format {
            Format::Json => Ok(pretty(item) + "\n"),
            Format::Jsonl => Ok(item.to_string() + "\n"),
            Format::Csv => csv_text(std::slice::from_ref(item)),
            Format::Table => {
                let mut table = self.table();
                table.set_header(vec![self.header_cell("field"), self.header_cell("value")]);
                for (k, v) in flatten(item) {
                    table.add_row(vec![Cell::new(k), self.value_cell(&v)]);
                }
                Ok(format!("{table}\n"))
            }
        }
    }

    fn table(&self) -> Table {
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if !self.color {
            t.force_no_tty();
        } else {
            t.enforce_styling();
        }
        t
    }

    fn header_cell(&self, name: &str) -> Cell {
        let c = Cell::new(name);
        if self.color {
            c.add_attribute(comfy_table::Attribute::Bold)
        } else {
            c
        }
    }

    fn value_cell(&self, v: &Value) -> Cell {
        let text = cell_text(v);
        let cell = Cell::new(&text);
        if !self.color {
            return cell;
        }
        match text.as_str() {
            "Enabled" | "ACTIVE" | "ONLINE" | "ATTACHED" | "ok" => cell.fg(Color::Green),
            "Disabled" | "EXHAUSTED" | "EXPIRED" | "OFFLINE" | "failed" => cell.fg(Color::Red),
            "unknown" => cell.fg(Color::Yellow),
            _ => cell,
        }
    }
}

/// Prints text to standard output as it is; a closed pipe (`| head`) ends
/// the output quietly, as coreutils do.
pub fn print_text(text: &str) -> Result<(), CliError> {
    write_out(&mut io::stdout().lock(), text)
}

fn write_out(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // `once sims list | head`: a closed pipe is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::new(
            crate::exit::FAILED,
            format!("cannot write the output: {e}"),
        )),
    }
}

/// A model as JSON, with the serde names of the SDK's types.
pub fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_else(|e| Value::String(format!("<unserialisable: {e}>")))
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// Flattens nested objects into dotted keys; arrays stay JSON values.
pub fn flatten(v: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    match v {
        Value::Object(m) => flatten_into("", m, &mut out),
        other => {
            out.insert("value".into(), other.clone());
        }
    }
    out
}

fn flatten_into(prefix: &str, m: &Map<String, Value>, out: &mut Map<String, Value>) {
    for (k, v) in m {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Object(inner) if !inner.is_empty() => flatten_into(&key, inner, out),
            other => {
                out.insert(key, other.clone());
            }
        }
    }
}

fn union_keys(rows: &[Map<String, Value>]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for r in rows {
        for k in r.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

/// The text of one cell: strings bare, null empty, the rest as JSON.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_text(items: &[Value]) -> Result<String, CliError> {
    let flat: Vec<Map<String, Value>> = items.iter().map(flatten).collect();
    let cols = union_keys(&flat);
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| CliError::new(crate::exit::FAILED, format!("cannot write CSV: {e}"));
    if !cols.is_empty() {
        w.write_record(&cols).map_err(fail)?;
    }
    for row in &flat {
        w.write_record(
            cols.iter()
                .map(|c| cell_text(row.get(c).unwrap_or(&Value::Null))),
        )
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| CliError::new(crate::exit::FAILED, format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plain(format: Format) -> Output {
        Output {
            format,
            color: false,
        }
    }

    #[test]
    fn csv_flattens_nested_fields_with_dots() {
        let items = [
            json!({"iccid": "1", "quota_status": {"id": 1, "description": "x"}}),
            json!({"iccid": "2", "label": "a,b"}),
        ];
        let text = plain(Format::Csv).render_list(&items, &[]).unwrap();
        assert_eq!(
            text,
            "iccid,quota_status.description,quota_status.id,label\n1,x,1,\n2,,,\"a,b\"\n"
        );
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let items = [json!({"a": 1}), json!({"a": 2})];
        let text = plain(Format::Jsonl).render_list(&items, &[]).unwrap();
        assert_eq!(text, "{\"a\":1}\n{\"a\":2}\n");
    }

    #[test]
    fn table_without_colour_has_no_escape_codes() {
        let out = plain(Format::Table);
        let text = out
            .render_list(&[json!({"status": "Enabled"})], &["status"])
            .unwrap();
        assert!(text.contains("Enabled"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }
}
