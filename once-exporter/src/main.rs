//! The `once-exporter` binary: flags, logging, signals.

use clap::Parser;
use once_exporter::cli::Args;
use once_exporter::health::Health;
use once_exporter::{ApiCallLayer, Exporter, PUBLISHED_SIMS_RATE};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let targets: Targets = match args.log.parse() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: --log / RUST_LOG: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    // The API-call counters here too: the SDK renews tokens ahead of expiry
    // in a task of its own, outside the refresh task's subscriber.
    let health = Health::new();
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(targets.clone()),
        )
        .with(ApiCallLayer::new(health.clone()).sdk_only())
        .init();
    match run(args, targets, health).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(
    args: Args,
    targets: Targets,
    health: Health,
) -> Result<(), Box<dyn std::error::Error>> {
    let settings = args.settings();
    settings.validate()?;
    // Keep the sandbox alive as long as the exporter runs.
    let (builder, _sandbox) = if args.sandbox {
        let sandbox = once_sandbox::Sandbox::builder()
            .sims(args.sandbox_sims)
            .rate_limit_factor(args.rate_limit / PUBLISHED_SIMS_RATE)
            .start()
            .await?;
        tracing::info!(
            base_url = sandbox.base_url(),
            sims = args.sandbox_sims,
            "running against an in-process sandbox, not 1NCE"
        );
        (sandbox.client_builder(), Some(sandbox))
    } else {
        (once_sdk::ClientBuilder::from_env()?, None)
    };
    let listener = once_exporter::listen::bind(&args.listen).await?;
    #[cfg(feature = "ledger")]
    let exporter = match (&args.ledger_db, &args.ledger_policy) {
        (Some(url), Some(policy)) => {
            let ledger = once_exporter::ledger::LedgerMetrics::open(url, policy).await?;
            tracing::info!(
                ledger = once_ledger::redact_url(url),
                "serving the top-up policy's figures"
            );
            Exporter::start_with_ledger(
                builder,
                settings.clone(),
                listener,
                Some(targets),
                health,
                ledger,
            )
            .await?
        }
        _ => {
            Exporter::start_with_health(builder, settings.clone(), listener, Some(targets), health)
                .await?
        }
    };
    #[cfg(not(feature = "ledger"))]
    let exporter =
        Exporter::start_with_health(builder, settings.clone(), listener, Some(targets), health)
            .await?;
    tracing::info!(
        addr = %exporter.addr(),
        tls = exporter.tls(),
        basic_auth = exporter.basic_auth(),
        budget_rps = settings.budget_rps(),
        refresh = ?settings.refresh,
        "serving /metrics"
    );
    shutdown_signal().await;
    tracing::info!("shutting down");
    exporter.shutdown().await;
    tracing::info!("stopped");
    Ok(())
}

/// SIGTERM (systemd, Kubernetes) or Ctrl-C.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
