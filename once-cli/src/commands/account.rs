//! `once orders ...`, `once products ...`, `once support ...`.

use serde_json::json;

use super::show_pages;
use super::sims::{paged, printed};
use crate::cli::{OrdersCmd, ProductsCmd, SupportCmd};
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::to_value;
use crate::safety::{confirm, print_plan, Planned};

/// Table columns of order lists.
pub const ORDER_COLUMNS: &[&str] = &[
    "order_number",
    "order_date",
    "order_status",
    "order_type",
    "invoice_amount",
    "currency",
];

/// Parses `ID:QTY`.
pub fn product_spec(s: &str) -> Result<(u64, u64), CliError> {
    let bad = || {
        CliError::usage(format!(
            "--product must be PRODUCT_ID:QUANTITY with positive numbers (e.g. 1001:10): got {s:?}\n  \
             hint: `once products list` shows the product ids"
        ))
    };
    let (id, qty) = s.split_once(':').ok_or_else(bad)?;
    let id: u64 = id.trim().parse().map_err(|_| bad())?;
    let qty: u64 = qty.trim().parse().map_err(|_| bad())?;
    if id == 0 || qty == 0 {
        return Err(bad());
    }
    Ok((id, qty))
}

/// A client that never sends anything: it builds the request bodies that
/// `--dry-run` prints, with the SDK's own builders, without credentials.
fn offline_client() -> Result<once_sdk::Client, CliError> {
    Ok(once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new("dry-run", "dry-run"))
        .build()?)
}

/// Runs `once orders ...`.
pub async fn orders(ctx: &Ctx, cmd: OrdersCmd) -> Result<i32, CliError> {
    match cmd {
        OrdersCmd::List { paging, sort } => {
            let client = ctx.client().await?;
            let mut list = paged(client.orders().list(), &paging, 10);
            if let Some(s) = sort {
                list = list.sort(s);
            }
            show_pages(ctx, list, &paging, ORDER_COLUMNS, "orders").await
        }
        OrdersCmd::Get { order_number } => {
            let order = ctx.client().await?.orders().get(order_number).await?;
            printed(ctx, &to_value(&order))
        }
        OrdersCmd::Place {
            products,
            customer_reference,
        } => {
            let specs = products
                .iter()
                .map(|p| product_spec(p))
                .collect::<Result<Vec<_>, _>>()?;
            // The request is put together without a client so that
            // --dry-run needs no credentials; the same builder sends it.
            let build = |client: &once_sdk::Client| {
                let mut create = client.orders().create();
                for (id, qty) in &specs {
                    create = create.product(*id, *qty);
                }
                if let Some(r) = &customer_reference {
                    create = create.customer_reference(r.clone());
                }
                create
            };
            if ctx.dry_run {
                let body = to_value(build(&offline_client()?).request());
                return print_plan(ctx, &[Planned::new("POST", "/v1/orders").body(body)]);
            }
            let total: u64 = specs.iter().map(|(_, q)| q).sum();
            confirm(
                ctx,
                &format!(
                    "order {total} items of {} product(s) (costs money)",
                    specs.len()
                ),
            )?;
            let client = ctx.client().await?;
            match build(client).send().await {
                Ok(created) => {
                    let v = json!({
                        "order_number": created.order_number,
                        "location": created.location,
                    });
                    ctx.out.one(&v)?;
                    Ok(exit::OK)
                }
                Err(e @ once_sdk::Error::OutcomeUnknown { .. }) => Err(CliError::new(
                    exit::OUTCOME_UNKNOWN,
                    format!(
                        "OUTCOME UNKNOWN: {e}\n  check: `once orders list` shows whether the order was placed, before ordering again"
                    ),
                )),
                Err(e) => Err(e.into()),
            }
        }
    }
}

/// Runs `once products ...`.
pub async fn products(ctx: &Ctx, cmd: ProductsCmd) -> Result<i32, CliError> {
    match cmd {
        ProductsCmd::List => {
            let page = ctx.client().await?.products().list().await?;
            let items: Vec<_> = page.items.iter().map(to_value).collect();
            ctx.out.list(
                &items,
                &[
                    "id",
                    "product",
                    "package_size",
                    "min_quantity",
                    "max_quantity",
                ],
            )?;
            Ok(exit::OK)
        }
    }
}

/// Runs `once support ...`.
pub async fn support(ctx: &Ctx, cmd: SupportCmd) -> Result<i32, CliError> {
    match cmd {
        SupportCmd::List { paging } => {
            let client = ctx.client().await?;
            let list = paged(client.support().list(), &paging, 100);
            show_pages(
                ctx,
                list,
                &paging,
                &["case_id", "status", "subject", "create_date", "solved_date"],
                "service requests",
            )
            .await
        }
        SupportCmd::Create {
            subject,
            text,
            reply_to,
            sender_name,
        } => {
            if subject.trim().is_empty() || text.trim().is_empty() {
                return Err(CliError::usage("--subject and --text must not be empty"));
            }
            let build = |client: &once_sdk::Client| {
                let mut c = client.support().create(subject.clone(), text.clone());
                if let Some(m) = &reply_to {
                    c = c.reply_to_mail(m.clone());
                }
                if let Some(n) = &sender_name {
                    c = c.sender_name(n.clone());
                }
                c
            };
            if ctx.dry_run {
                let body = to_value(build(&offline_client()?).request());
                return print_plan(ctx, &[Planned::new("POST", "/v1/support").body(body)]);
            }
            build(ctx.client().await?).send().await?;
            eprintln!("service request created");
            Ok(exit::OK)
        }
    }
}
