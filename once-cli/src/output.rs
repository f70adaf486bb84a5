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
    /// `--fields`: only these (dotted paths), in this order; empty for all.
    pub fields: Vec<String>,
    /// `--show-secrets`: print secrets as they are instead of `[redacted]`
    /// (see [`redact`]).
    pub show_secrets: bool,
}

/// Fields whose values are secrets, wherever they are nested: device
/// pre-shared keys, partner plugins' tokens and keys, the token of an AWS
/// integration's CloudFormation stack.
pub const SECRET_FIELDS: &[&str] = &[
    "secretKey",
    "tenantToken",
    "privateKey",
    "webhookKey",
    "jwt",
];

/// Fields whose every value is a secret: a webhook integration's custom
/// headers (names shown, values not).
pub const SECRET_MAPS: &[&str] = &["headers"];

/// What a secret is printed as.
pub const REDACTED: &str = "[redacted]";

/// `v` with the values of [`SECRET_FIELDS`] and of [`SECRET_MAPS`]
/// replaced by [`REDACTED`], at any depth.
pub fn redact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if x.is_null() {
                    continue;
                }
                if SECRET_FIELDS.contains(&k.as_str()) {
                    *x = Value::String(REDACTED.into());
                } else if SECRET_MAPS.contains(&k.as_str()) {
                    if let Value::Object(h) = x {
                        h.values_mut()
                            .for_each(|hv| *hv = Value::String(REDACTED.into()));
                    }
                } else {
                    redact(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact),
        _ => {}
    }
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
            fields: Vec::new(),
            show_secrets: false,
        }
    }

    /// With `true`, secrets are printed as they are (`--show-secrets`).
    pub fn secrets(mut self, show: bool) -> Self {
        self.show_secrets = show;
        self
    }

    /// The items as printed: secrets redacted unless `--show-secrets`.
    fn shown<'v>(&self, items: &'v [Value]) -> std::borrow::Cow<'v, [Value]> {
        if self.show_secrets {
            return std::borrow::Cow::Borrowed(items);
        }
        let mut owned = items.to_vec();
        owned.iter_mut().for_each(redact);
        std::borrow::Cow::Owned(owned)
    }

    /// Prints only `fields` (dotted paths, in this order; blank entries
    /// ignored); none means every field.
    pub fn fields(mut self, fields: &[String]) -> Self {
        self.fields = fields
            .iter()
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect();
        self
    }

    /// `item` with only the `--fields` it has (all of it without them).
    fn pick(&self, item: &Value) -> Value {
        if self.fields.is_empty() {
            return item.clone();
        }
        let mut out = Value::Object(Map::new());
        for f in &self.fields {
            if let Some(v) = get_path(item, f) {
                set_path(&mut out, f, v.clone());
            }
        }
        out
    }

    /// The columns to print: `--fields`, else `columns`.
    fn columns_or<'c>(&'c self, columns: &[&'c str]) -> Vec<&'c str> {
        if self.fields.is_empty() {
            columns.to_vec()
        } else {
            self.fields.iter().map(String::as_str).collect()
        }
    }

    /// Says on stderr which `--fields` no item has (a typo, most likely).
    fn check_fields(&self, items: &[Value]) {
        for f in &self.fields {
            if !items.is_empty() && items.iter().all(|i| get_path(i, f).is_none()) {
                let mut known: Vec<String> = Vec::new();
                for (k, _) in items.iter().flat_map(flatten) {
                    if !known.contains(&k) {
                        known.push(k);
                    }
                }
                eprintln!(
                    "once: --fields: no result has {f:?} (fields: {})",
                    known.join(", ")
                );
            }
        }
    }

    /// Prints a list of records; `columns` picks the table's columns
    /// (dotted paths) and is ignored by the other formats.
    pub fn list(&self, items: &[Value], columns: &[&str]) -> Result<(), CliError> {
        let mut out = io::stdout().lock();
        let text = self.render_list(&self.shown(items), columns)?;
        write_out(&mut out, &text)
    }

    /// Prints one record: an object in JSON, a field/value table.
    pub fn one(&self, item: &Value) -> Result<(), CliError> {
        let mut out = io::stdout().lock();
        let text = self.render_one(&self.shown(std::slice::from_ref(item))[0])?;
        write_out(&mut out, &text)
    }

    /// The text [`Output::list`] prints.
    pub fn render_list(&self, items: &[Value], columns: &[&str]) -> Result<String, CliError> {
        if !self.fields.is_empty() {
            self.check_fields(items);
            let picked: Vec<Value> = items.iter().map(|i| self.pick(i)).collect();
            let columns = self.columns_or(columns);
            let plain = Output {
                fields: Vec::new(),
                ..self.clone()
            };
            return match self.format {
                Format::Csv => {
                    let rows: Vec<Vec<String>> = picked
                        .iter()
                        .map(|item| {
                            let row = flatten(item);
                            columns.iter().map(|c| column_cell(&row, c)).collect()
                        })
                        .collect();
                    let header: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
                    csv_rows(Some(&header), &rows)
                }
                _ => plain.render_list(&picked, &columns),
            };
        }
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
        if !self.fields.is_empty() {
            if self.format == Format::Csv {
                return self.render_list(std::slice::from_ref(item), &[]);
            }
            self.check_fields(std::slice::from_ref(item));
            let plain = Output {
                fields: Vec::new(),
                ..self.clone()
            };
            return plain.render_one(&self.pick(item));
        }
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

/// Prints a list as its pages arrive (`--all`), so the first line comes
/// with the first page and memory stays that of one page, whatever the
/// fleet's size. JSON is one array as [`Output::list`] prints it; CSV's
/// header and a table's columns are fixed by the first page (a later field
/// that falls under a column, like `quota_status.id` under a
/// `quota_status` that was empty so far, is written there as JSON; one
/// that does not is named once on stderr). A table streams as aligned
/// columns without borders, widths from the first page.
pub struct ListWriter<'a> {
    output: &'a Output,
    columns: Vec<String>,
    widths: Vec<usize>,
    written: u64,
    closed: bool,
    /// Field names already placed under a column or named on stderr: each
    /// is looked at once, not on every row.
    seen_fields: std::collections::HashSet<String>,
    /// Fields left out of a CSV because they first appeared after its
    /// header, in the order they were met (each named once on stderr).
    left_out: Vec<String>,
}

impl<'a> ListWriter<'a> {
    /// A writer for `output`; `columns` picks a table's columns (dotted
    /// paths) and is ignored by the other formats.
    pub fn new(output: &'a Output, columns: &[&str]) -> Self {
        Self {
            output,
            columns: output
                .columns_or(columns)
                .iter()
                .map(|c| c.to_string())
                .collect(),
            widths: Vec::new(),
            written: 0,
            closed: false,
            seen_fields: std::collections::HashSet::new(),
            left_out: Vec::new(),
        }
    }

    /// Items written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The fields a CSV left out so far: they first appeared after the
    /// header the first page fixed (each was named once on stderr).
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }

    /// Writes the next items; `Ok(false)` once standard output is closed
    /// (`| head`): stop fetching, it is not an error.
    pub fn write(&mut self, items: &[Value]) -> Result<bool, CliError> {
        if self.closed {
            return Ok(false);
        }
        if items.is_empty() {
            return Ok(true);
        }
        let shown = self.output.shown(items);
        let items = &*shown;
        let text = if self.output.fields.is_empty() {
            self.render(items)?
        } else {
            if self.written == 0 {
                self.output.check_fields(items);
            }
            let picked: Vec<Value> = items.iter().map(|i| self.output.pick(i)).collect();
            self.render(&picked)?
        };
        self.written += items.len() as u64;
        self.emit(&text)
    }

    /// Ends the list (JSON's closing bracket; an empty list's header).
    pub fn finish(mut self) -> Result<(), CliError> {
        if self.closed {
            return Ok(());
        }
        let text = match (self.output.format, self.written) {
            (Format::Json, 0) => "[]\n".to_string(),
            (Format::Json, _) => "\n]\n".to_string(),
            (Format::Table, 0) => self.output.render_list(&[], &self.column_refs())?,
            _ => String::new(),
        };
        self.emit(&text).map(|_| ())
    }

    fn column_refs(&self) -> Vec<&str> {
        self.columns.iter().map(String::as_str).collect()
    }

    fn emit(&mut self, text: &str) -> Result<bool, CliError> {
        let mut out = io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(false)
            }
            Err(e) => Err(CliError::new(
                crate::exit::FAILED,
                format!("cannot write the output: {e}"),
            )),
        }
    }

    fn render(&mut self, items: &[Value]) -> Result<String, CliError> {
        let first = self.written == 0;
        match self.output.format {
            Format::Jsonl => Ok(items.iter().map(|v| v.to_string() + "\n").collect()),
            Format::Json => {
                let mut text = String::from(if first { "[\n" } else { ",\n" });
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        text.push_str(",\n");
                    }
                    let lines: Vec<String> =
                        pretty(item).lines().map(|l| format!("  {l}")).collect();
                    text.push_str(&lines.join("\n"));
                }
                Ok(text)
            }
            Format::Csv => {
                let flat: Vec<Map<String, Value>> = items.iter().map(flatten).collect();
                if first && self.output.fields.is_empty() {
                    self.columns = union_keys(&flat);
                }
                let rows = self.fixed_rows(&flat);
                csv_rows(first.then_some(&self.columns), &rows)
            }
            Format::Table => {
                let flat: Vec<Map<String, Value>> = items.iter().map(flatten).collect();
                if first {
                    if self.columns.is_empty() {
                        self.columns = union_keys(&flat);
                    }
                    self.widths = self.columns.iter().map(|c| c.chars().count()).collect();
                }
                let rows = self.fixed_rows(&flat);
                if first {
                    for row in &rows {
                        for (w, cell) in self.widths.iter_mut().zip(row) {
                            *w = (*w).max(cell.chars().count()).min(MAX_STREAM_WIDTH);
                        }
                    }
                }
                let mut text = String::new();
                if first {
                    let header: Vec<String> = self.columns.clone();
                    let line = self.aligned(&header);
                    text.push_str(&if self.output.color {
                        format!("\u{1b}[1m{line}\u{1b}[0m\n")
                    } else {
                        line + "\n"
                    });
                }
                for row in &rows {
                    text.push_str(&self.aligned(row));
                    text.push('\n');
                }
                Ok(text)
            }
        }
    }

    /// A table line: cells padded to the first page's widths.
    fn aligned(&self, cells: &[String]) -> String {
        let mut line = String::new();
        for (i, (cell, w)) in cells.iter().zip(&self.widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if i + 1 < cells.len() {
                let pad = w.saturating_sub(cell.chars().count());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line
    }

    /// Each row's cells under the fixed columns.
    fn fixed_rows(&mut self, flat: &[Map<String, Value>]) -> Vec<Vec<String>> {
        let mut rows = Vec::with_capacity(flat.len());
        for row in flat {
            let mut cells = Vec::with_capacity(self.columns.len());
            for c in &self.columns {
                cells.push(column_cell(row, c));
            }
            rows.push(cells);
            // Fields no column holds: named once (the table shows the
            // columns it was asked for; CSV would lose them).
            if self.output.format == Format::Csv {
                for k in row.keys() {
                    if self.seen_fields.contains(k) {
                        continue;
                    }
                    self.seen_fields.insert(k.clone());
                    let placed = self.columns.iter().any(|c| {
                        k == c
                            || k.strip_prefix(c.as_str())
                                .is_some_and(|rest| rest.starts_with('.'))
                    });
                    if !placed {
                        eprintln!(
                            "once: field {k:?} first appeared after the CSV header (fixed by the \
                             first page) and is left out; -o jsonl keeps every field"
                        );
                        self.left_out.push(k.clone());
                    }
                }
            }
        }
        rows
    }
}

/// The cell of `column` in a flattened row: its value, or the fields
/// under it nested again as JSON (`quota_status` of `quota_status.id`, ...).
fn column_cell(row: &Map<String, Value>, column: &str) -> String {
    match row.get(column) {
        Some(v) => cell_text(v),
        None => under(row, column)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    }
}

/// The value at a dotted path (`quota_status.id`), if there is one.
fn get_path<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    if let Some(found) = v.get(path) {
        return Some(found);
    }
    let (head, rest) = path.split_once('.')?;
    get_path(v.get(head)?, rest)
}

/// Sets the value at a dotted path, creating the objects on the way.
fn set_path(v: &mut Value, path: &str, value: Value) {
    let Value::Object(map) = v else { return };
    match path.split_once('.') {
        None => {
            map.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            set_path(inner, rest, value);
        }
    }
}

/// The widest a streamed table's column grows from its first page.
const MAX_STREAM_WIDTH: usize = 48;

/// The fields of a flattened row under `column` (`quota_status.id`, ... for
/// `quota_status`), nested again into one object.
fn under(row: &Map<String, Value>, column: &str) -> Option<Value> {
    let prefix = format!("{column}.");
    let mut obj = Map::new();
    for (k, v) in row {
        if let Some(rest) = k.strip_prefix(&prefix) {
            obj.insert(rest.to_string(), v.clone());
        }
    }
    (!obj.is_empty()).then_some(Value::Object(obj))
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
    let rows: Vec<Vec<String>> = flat
        .iter()
        .map(|row| {
            cols.iter()
                .map(|c| cell_text(row.get(c).unwrap_or(&Value::Null)))
                .collect()
        })
        .collect();
    csv_rows((!cols.is_empty()).then_some(&cols), &rows)
}

/// CSV text: the header (when given) and the rows.
fn csv_rows(header: Option<&Vec<String>>, rows: &[Vec<String>]) -> Result<String, CliError> {
    let fail = |e: csv::Error| CliError::new(crate::exit::FAILED, format!("cannot write CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    if let Some(header) = header {
        w.write_record(header).map_err(fail)?;
    }
    for row in rows {
        w.write_record(row).map_err(fail)?;
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
            fields: Vec::new(),
            show_secrets: false,
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

    /// What a [`ListWriter`] writes for `chunks`, page after page.
    fn streamed(format: Format, columns: &[&str], chunks: &[&[Value]]) -> String {
        let out = plain(format);
        let mut w = ListWriter::new(&out, columns);
        let mut text = String::new();
        for chunk in chunks {
            text += &w.render(chunk).unwrap();
            w.written += chunk.len() as u64;
        }
        text
    }

    #[test]
    fn streamed_json_and_csv_are_what_one_list_prints() {
        let a = [json!({"iccid": "1", "q": {"id": 1}}), json!({"iccid": "2"})];
        let b = [json!({"iccid": "3", "q": {"id": 3}})];
        let all: Vec<Value> = a.iter().chain(&b).cloned().collect();
        let json = streamed(Format::Json, &[], &[&a, &b]) + "\n]\n";
        assert_eq!(json, plain(Format::Json).render_list(&all, &[]).unwrap());
        let csv = streamed(Format::Csv, &[], &[&a, &b]);
        assert_eq!(csv, plain(Format::Csv).render_list(&all, &[]).unwrap());
        let jsonl = streamed(Format::Jsonl, &[], &[&a, &b]);
        assert_eq!(jsonl, plain(Format::Jsonl).render_list(&all, &[]).unwrap());
    }

    #[test]
    fn a_later_nested_field_goes_under_the_column_the_first_page_fixed() {
        // First page: `q` empty (null); later: `q` an object.
        let a = [json!({"iccid": "1", "q": null})];
        let b = [json!({"iccid": "2", "q": {"id": 7, "d": "x"}})];
        let csv = streamed(Format::Csv, &[], &[&a, &b]);
        assert_eq!(
            csv,
            "iccid,q\n1,\n2,\"{\"\"d\"\":\"\"x\"\",\"\"id\"\":7}\"\n"
        );
    }

    #[test]
    fn a_field_after_the_csv_header_is_named_once_and_left_out() {
        let out = plain(Format::Csv);
        let mut w = ListWriter::new(&out, &[]);
        let pages: [&[Value]; 3] = [
            &[json!({"iccid": "1", "q": null})],
            // `q.id` falls under `q`; `extra` has no column.
            &[json!({"iccid": "2", "q": {"id": 1}, "extra": "x"})],
            &[json!({"iccid": "3", "extra": "y", "late": 1})],
        ];
        let mut text = String::new();
        for page in pages {
            text += &w.render(page).unwrap();
            w.written += page.len() as u64;
        }
        assert_eq!(w.left_out(), ["extra", "late"]);
        assert_eq!(text, "iccid,q\n1,\n2,\"{\"\"id\"\":1}\"\n3,\n");
    }

    #[test]
    fn a_streamed_table_has_one_header_and_aligned_columns() {
        let a = [json!({"iccid": "1", "status": "Enabled"})];
        let b = [json!({"iccid": "22", "status": "Disabled"})];
        let text = streamed(Format::Table, &["iccid", "status"], &[&a, &b]);
        assert_eq!(text, "iccid  status\n1      Enabled\n22     Disabled\n");
    }

    #[test]
    fn fields_pick_and_order_in_every_format() {
        let items = [
            json!({"iccid": "1", "status": "Enabled", "q": {"id": 1, "d": "x"}, "label": "a"}),
            json!({"iccid": "2", "status": "Disabled", "q": {"id": 2, "d": "y"}}),
        ];
        let fields = [
            "status".to_string(),
            "q.id".to_string(),
            "iccid".to_string(),
        ];
        let out = |format| plain(format).fields(&fields);
        assert_eq!(
            out(Format::Csv).render_list(&items, &["label"]).unwrap(),
            "status,q.id,iccid\nEnabled,1,1\nDisabled,2,2\n"
        );
        assert_eq!(
            out(Format::Jsonl).render_list(&items, &[]).unwrap(),
            "{\"iccid\":\"1\",\"q\":{\"id\":1},\"status\":\"Enabled\"}\n\
             {\"iccid\":\"2\",\"q\":{\"id\":2},\"status\":\"Disabled\"}\n"
        );
        let table = out(Format::Table).render_list(&items, &["label"]).unwrap();
        let header = table.lines().nth(1).unwrap();
        let (s, q, i) = (
            header.find("status").unwrap(),
            header.find("q.id").unwrap(),
            header.find("iccid").unwrap(),
        );
        assert!(s < q && q < i, "{table}");
        assert!(!table.contains("label"), "{table}");
        // A streamed list picks the same.
        let csv = {
            let o = out(Format::Csv);
            let mut w = ListWriter::new(&o, &["label"]);
            let mut text = String::new();
            for item in &items {
                let picked = [o.pick(item)];
                text += &w.render(&picked).unwrap();
                w.written += 1;
            }
            text
        };
        assert_eq!(csv, "status,q.id,iccid\nEnabled,1,1\nDisabled,2,2\n");
        // One record.
        assert_eq!(
            out(Format::Jsonl).render_one(&items[0]).unwrap(),
            "{\"iccid\":\"1\",\"q\":{\"id\":1},\"status\":\"Enabled\"}\n"
        );
    }

    #[test]
    fn secrets_are_redacted_at_any_depth_unless_shown() {
        let mut v = json!([{
            "deviceId": "d",
            "secretKey": "psk-123456",
            "headers": {"X-Api-Key": "k-1", "Authorization": "Basic x"},
            "plugin": {"tenantToken": "t-1", "publicKey": "pub"},
            "jwt": null
        }]);
        redact(&mut v);
        let text = v.to_string();
        for secret in ["psk-123456", "k-1", "Basic x", "t-1"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(v[0]["headers"]["X-Api-Key"], REDACTED);
        assert_eq!(v[0]["plugin"]["publicKey"], "pub");
        assert_eq!(v[0]["deviceId"], "d");
        assert!(v[0]["jwt"].is_null());
        let item = json!({"secretKey": "psk-123456"});
        let hidden = plain(Format::Jsonl);
        assert!(!hidden
            .render_one(&hidden.shown(std::slice::from_ref(&item))[0])
            .unwrap()
            .contains("psk-123456"));
        let shown = plain(Format::Jsonl).secrets(true);
        assert!(shown
            .render_one(&shown.shown(std::slice::from_ref(&item))[0])
            .unwrap()
            .contains("psk-123456"));
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
