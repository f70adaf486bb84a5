//! The `once` command line tool (crate once-cli) inside the wheel: the
//! console script `once` (python/once_sdk/_cli.py) calls `_run_cli`.

use pyo3::prelude::*;

// Runs `once` with these arguments (the first is the program name) and
// returns its exit code. The GIL is released while it runs.
#[pyfunction]
fn _run_cli(py: Python<'_>, args: Vec<String>) -> i32 {
    py.detach(|| once_cli::run(args))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_run_cli, m)?)
}
