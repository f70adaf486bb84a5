//! The Grafana dashboard can be provisioned from its file: no `__inputs`
//! and no `${DS_...}` placeholder (only the import dialog fills those), a
//! data source variable every panel uses, and job and instance variables
//! every query is filtered by. (That every query returns data from a real
//! Prometheus is the Prometheus test's job.)

use std::path::Path;

use serde_json::Value;

fn dashboard() -> (String, Value) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("grafana/once-fleet.json"),
    )
    .unwrap();
    let json = serde_json::from_str(&text).unwrap();
    (text, json)
}

/// Every metric selector in `expr` (names starting with `once_` or
/// `once:`), with what its braces hold (`None`: no braces).
fn selectors(expr: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = expr;
    while let Some(i) = rest.find("once") {
        let preceded = expr.len() - rest.len() + i > 0
            && expr.as_bytes()[expr.len() - rest.len() + i - 1].is_ascii_alphanumeric();
        let tail = &rest[i..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        let name = &tail[..end];
        let after = &tail[end..];
        rest = after;
        if preceded || !(name.starts_with("once_") || name.starts_with("once:")) {
            continue;
        }
        let labels = after
            .strip_prefix('{')
            .and_then(|l| l.split_once('}'))
            .map(|(l, _)| l.to_string());
        out.push((name.to_string(), labels));
    }
    out
}

#[test]
fn the_dashboard_provisions_from_its_file_with_datasource_job_and_instance_variables() {
    let (text, d) = dashboard();
    assert!(
        d.get("__inputs").is_none(),
        "__inputs needs the import dialog"
    );
    assert!(
        !text.contains("${DS_"),
        "an unresolved ${{DS_...}} placeholder"
    );
    assert_eq!(d["uid"], "once-fleet");

    let vars = d["templating"]["list"].as_array().unwrap();
    let var = |name: &str| {
        vars.iter()
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("no ${name} variable"))
    };
    let ds = var("datasource");
    assert_eq!(ds["type"], "datasource");
    assert_eq!(ds["query"], "prometheus");
    let this_ds = serde_json::json!({"type": "prometheus", "uid": "${datasource}"});
    for name in ["job", "instance"] {
        let v = var(name);
        assert_eq!(v["type"], "query", "{name}");
        assert_eq!(v["datasource"], this_ds, "{name}");
        let query = v["query"]["query"].as_str().unwrap();
        assert!(
            query.starts_with("label_values(once_exporter_build_info"),
            "{name}: {query}"
        );
        assert!(query.ends_with(&format!(", {name})")), "{name}: {query}");
    }
    assert!(var("instance")["query"]["query"]
        .as_str()
        .unwrap()
        .contains("job=~\"$job\""));

    let panels = d["panels"].as_array().unwrap();
    assert!(panels.len() >= 10);
    let mut queries = 0;
    for p in panels {
        let title = p["title"].as_str().unwrap();
        assert_eq!(p["datasource"], this_ds, "{title}");
        for t in p["targets"].as_array().unwrap() {
            assert_eq!(t["datasource"], this_ds, "{title}");
            let expr = t["expr"].as_str().unwrap();
            let found = selectors(expr);
            assert!(!found.is_empty(), "{title}: {expr}");
            for (name, labels) in found {
                let labels = labels.unwrap_or_default();
                assert!(
                    labels.contains("job=~\"$job\"") && labels.contains("instance=~\"$instance\""),
                    "{title}: {name} is not filtered by $job and $instance in {expr}"
                );
            }
            queries += 1;
        }
    }
    assert_eq!(queries, 21);
}

#[test]
fn the_selector_reader_sees_unfiltered_metrics() {
    let found = selectors("sum(once_a{job=~\"$job\"}) / once:b + rate(once_c[5m])");
    assert_eq!(
        found,
        vec![
            ("once_a".to_string(), Some("job=~\"$job\"".to_string())),
            ("once:b".to_string(), None),
            ("once_c".to_string(), None),
        ]
    );
}
