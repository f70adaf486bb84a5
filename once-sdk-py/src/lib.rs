//! The native module `once_sdk._once_sdk` of the Python wheel `once_sdk`.
//!
//! Layout: `client` holds `Client`/`AsyncClient` and the Rust client they
//! share; one file per resource (`sims.rs`) holds the operations;
//! `models` the result classes; `pagination` the list machinery;
//! `errors` the mapping of `once_sdk::Error` to Python exceptions;
//! `runtime` the per-process tokio runtime; `logging` the bridge from
//! tracing to Python `logging`.

use pyo3::prelude::*;

/// mimalloc for the module's own (Rust) allocations: decoding a page makes
/// one allocation per string of every SIM, and glibc's allocator took a
/// tenth of a page call's time (docs/BENCHMARKS.md). Python's objects are
/// not affected: CPython allocates them itself.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod client;
mod convert;
mod enums;
mod errors;
mod logging;
mod models;
mod models_ops;
mod pagination;
mod runtime;
mod sandbox;
mod sims;
mod streamer;
// The SIM operations beyond the basics are in sims.rs; SMS, orders, products, support:
mod orders;
mod products;
mod sms;
mod support;
// SIM management v1
mod models_v1;
mod v1;
// 1NCE OS
mod models_os;
mod os;
mod wire;

/// The generated part of `_once_sdk.pyi` (the model classes); the tests
/// check that the stub file carries exactly this text.
#[pyfunction]
fn _generated_stubs() -> String {
    [
        enums::stubs(),
        models::stubs(),
        os::stubs(),
        support::stubs(),
    ]
    .join("\n")
}

#[pymodule]
fn _once_sdk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    runtime::register(m)?;
    logging::install(m.py());
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    sims::register(m)?;
    v1::register(m)?;
    sandbox::register(m)?;
    sms::register(m)?;
    orders::register(m)?;
    products::register(m)?;
    support::register(m)?;
    os::register(m)?;
    pagination::register(m)?;
    enums::register(m)?;
    models::register(m)?;
    m.add_function(wrap_pyfunction!(_generated_stubs, m)?)?;
    cli::register(m)?;
    streamer::register(m)?;
    // The package's `__init__` declares the public names; without this, the
    // stub would have to repeat every class name a second time.
    m.delattr("__all__")?;
    Ok(())
}
