//! orders: what 1NCE sells (products), what the account ordered (orders),
//! and placing a new order, which costs money and so needs `--confirm`.
//!
//! What it shows:
//! - `client.products().list()` and `client.orders().list()` (1NCE pages
//!   orders 10 at a time; the stream fetches the pages);
//! - `client.orders().create()` with product lines, a delivery address and
//!   your reference; the SDK never retries an order that may have reached
//!   1NCE, so a lost answer is reported as "outcome unknown": list the
//!   orders before ordering again;
//! - checking an order against the product list before placing it.
//!
//! ```text
//! cargo run -p orders -- products
//! cargo run -p orders -- list
//! cargo run -p orders -- show 2000000001
//! cargo run -p orders -- place --product 1001 --quantity 10 --company "Pumpwerk GmbH" \
//!     --street Hafenstrasse --house-number 1 --zip 20095 --city Hamburg --country DE   # preview
//! cargo run -p orders -- place ... --confirm                                          # orders
//! ```

use std::process::ExitCode;

use clap::{Args as ClapArgs, Parser, Subcommand};
use once_sdk::{Client, DeliveryAddress, Order, Product, Timestamp};

/// List products and past orders; place an order (with --confirm).
///
/// Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET
/// are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

// Parsed once per run: the size of the `Place` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// The products 1NCE offers the account, with their ids and prices.
    Products,
    /// The account's newest orders, newest first.
    List {
        /// At most this many.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// One order in detail.
    Show {
        /// The order number (from `list`).
        order_number: u64,
    },
    /// Order a product: shows the order, and places it only with --confirm.
    Place(Place),
}

#[derive(Debug, ClapArgs)]
struct Place {
    /// The product id (from `products`).
    #[arg(long)]
    product: u64,
    /// How many.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    quantity: u64,
    /// Your reference, shown on the invoice.
    #[arg(long)]
    reference: Option<String>,
    /// Place the order (1NCE ships and invoices it). Without it, nothing is ordered.
    #[arg(long)]
    confirm: bool,
    #[command(flatten)]
    address: Address,
}

/// Where to ship (needed when the account has more than one delivery address).
#[derive(Debug, ClapArgs)]
struct Address {
    /// Company to ship to.
    #[arg(long)]
    company: Option<String>,
    /// First name of the recipient.
    #[arg(long)]
    first_name: Option<String>,
    /// Last name of the recipient.
    #[arg(long)]
    last_name: Option<String>,
    /// Street.
    #[arg(long)]
    street: Option<String>,
    /// House number.
    #[arg(long)]
    house_number: Option<String>,
    /// Postcode.
    #[arg(long)]
    zip: Option<String>,
    /// City.
    #[arg(long)]
    city: Option<String>,
    /// Country, ISO 3166-1 alpha-2 (DE, FR, ...).
    #[arg(long)]
    country: Option<String>,
    /// Phone number for the carrier.
    #[arg(long)]
    phone: Option<String>,
}

impl Address {
    /// The address given on the command line, if any part was.
    fn delivery_address(&self) -> Option<DeliveryAddress> {
        let parts = [
            &self.company,
            &self.first_name,
            &self.last_name,
            &self.street,
            &self.house_number,
            &self.zip,
            &self.city,
            &self.country,
            &self.phone,
        ];
        if parts.iter().all(|p| p.is_none()) {
            return None;
        }
        let mut a = DeliveryAddress::new();
        let set = |a: DeliveryAddress,
                   v: &Option<String>,
                   f: fn(DeliveryAddress, String) -> DeliveryAddress| match v {
            Some(v) => f(a, v.clone()),
            None => a,
        };
        a = set(a, &self.company, |a, v| a.company(v));
        a = set(a, &self.first_name, |a, v| a.first_name(v));
        a = set(a, &self.last_name, |a, v| a.last_name(v));
        a = set(a, &self.street, |a, v| a.street(v));
        a = set(a, &self.house_number, |a, v| a.house_number(v));
        a = set(a, &self.zip, |a, v| a.zip(v));
        a = set(a, &self.city, |a, v| a.city(v));
        a = set(a, &self.country, |a, v| a.country(v.to_ascii_uppercase()));
        a = set(a, &self.phone, |a, v| a.phone(v));
        Some(a)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("orders", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let conn = common::connect("orders", &args.connect).await?;
    let client = &conn.client;
    match args.command {
        Command::Products => products(client).await,
        Command::List { limit } => list(client, limit).await,
        Command::Show { order_number } => {
            show(&client.orders().get(order_number).await?);
            Ok(())
        }
        Command::Place(place) => self::place(client, place).await,
    }
}

async fn products(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "{:>6}  {:<40}  {:>12}  QUANTITY",
        "ID", "PRODUCT", "PRICE (NET)"
    );
    for p in client.products().list().await? {
        let quantity = match (p.min_quantity, p.max_quantity) {
            (Some(min), Some(max)) => format!("{min}..{max}"),
            (Some(min), None) => format!("{min}.."),
            (None, Some(max)) => format!("..{max}"),
            (None, None) => "-".into(),
        };
        println!(
            "{:>6}  {:<40}  {:>12}  {quantity}",
            p.id.map_or("-".into(), |id| id.to_string()),
            p.product.as_deref().unwrap_or("-"),
            price(&p).map_or("-".into(), |(amount, currency)| format!(
                "{amount:.2} {currency}"
            )),
        );
    }
    Ok(())
}

/// A product's one-time price per unit, net.
fn price(p: &Product) -> Option<(f64, String)> {
    let charge = p.one_time_charges.as_ref()?.first()?;
    Some((
        charge.amount_net?,
        charge.currency.clone().unwrap_or_default(),
    ))
}

async fn list(client: &Client, limit: usize) -> Result<(), Box<dyn std::error::Error>> {
    // 1NCE lists orders oldest first, 10 a page: read from the last page back.
    let first = client.orders().list().send().await?;
    let total = first.total_count.unwrap_or(first.len() as u64);
    let mut page = first.total_pages.unwrap_or(1).max(1);
    let mut first = Some(first);
    let mut orders: Vec<Order> = Vec::new();
    while page >= 1 && orders.len() < limit {
        let cached = if page == 1 { first.take() } else { None };
        let items = match cached {
            Some(first) => first.items,
            None => client.orders().list().page(page).send().await?.items,
        };
        orders.extend(items.into_iter().rev());
        page -= 1;
    }
    orders.truncate(limit);
    println!(
        "{:>12}  {:<16}  {:<12}  {:<10}  {:>12}  INVOICE",
        "ORDER", "TYPE", "STATUS", "DATE", "AMOUNT"
    );
    for o in &orders {
        let amount = format!(
            "{} {}",
            o.invoice_amount.as_deref().unwrap_or("-"),
            o.currency.as_deref().unwrap_or("")
        );
        println!(
            "{:>12}  {:<16}  {:<12}  {:<10}  {:>12}  {}",
            o.order_number.map_or("-".into(), |n| n.to_string()),
            o.order_type.as_ref().map_or("-".into(), |t| t.to_string()),
            o.order_status.as_deref().unwrap_or("-"),
            day(&o.order_date),
            amount.trim_end(),
            o.invoice_number.as_deref().unwrap_or("-"),
        );
    }
    println!("the newest {} of {total} orders", orders.len());
    Ok(())
}

fn show(o: &Order) {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    println!("order      {}", opt(o.order_number.map(|n| n.to_string())));
    println!(
        "type       {}",
        opt(o.order_type.as_ref().map(|t| t.to_string()))
    );
    println!("status     {}", opt(o.order_status.clone()));
    println!("date       {}", day(&o.order_date));
    println!(
        "invoice    {} ({} {})",
        opt(o.invoice_number.clone()),
        opt(o.invoice_amount.clone()),
        o.currency.as_deref().unwrap_or("")
    );
    for line in o.products.iter().flatten() {
        println!(
            "product    {} x {}",
            opt(line.quantity.map(|q| q.to_string())),
            opt(line.product_id.map(|p| p.to_string()))
        );
    }
    if let Some(a) = &o.shipping_address {
        let parts: Vec<&str> = [
            &a.company,
            &a.street,
            &a.house_number,
            &a.zip,
            &a.city,
            &a.country,
        ]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
        println!("ship to    {}", parts.join(", "));
    }
    println!("SIMs       {}", o.sims.as_ref().map_or(0, Vec::len));
}

async fn place(client: &Client, place: Place) -> Result<(), Box<dyn std::error::Error>> {
    // Check the order against what 1NCE sells before anything else.
    let products = client.products().list().await?;
    let product = products
        .iter()
        .find(|p| p.id == Some(place.product))
        .ok_or_else(|| {
            format!(
                "not ordered: there is no product {} (see `orders products`)",
                place.product
            )
        })?;
    let (min, max) = (product.min_quantity.unwrap_or(1), product.max_quantity);
    let quantity = i64::try_from(place.quantity).unwrap_or(i64::MAX);
    if quantity < min || max.is_some_and(|max| max > 0 && quantity > max) {
        return Err(format!(
            "not ordered: product {} comes in quantities of {min} to {}",
            place.product,
            max.map_or("any".into(), |m| m.to_string())
        )
        .into());
    }

    let mut order = client
        .orders()
        .create()
        .product(place.product, place.quantity);
    if let Some(address) = place.address.delivery_address() {
        order = order.delivery_address(address);
    }
    if let Some(reference) = &place.reference {
        order = order.customer_reference(reference);
    }

    let name = product.product.as_deref().unwrap_or("?");
    match price(product) {
        Some((each, currency)) => println!(
            "order: {} x {name} (product {}) at {each:.2} {currency} each = {:.2} {currency} net",
            place.quantity,
            place.product,
            each * place.quantity as f64
        ),
        None => println!(
            "order: {} x {name} (product {})",
            place.quantity, place.product
        ),
    }
    match &order.request().delivery_address {
        Some(_) => println!("ship to: the address given"),
        None => println!("ship to: the account's delivery address"),
    }
    if !place.confirm {
        println!("not placed: add --confirm to place this order (1NCE ships and invoices it)");
        return Ok(());
    }
    match order.send().await {
        Ok(created) => {
            match created.order_number {
                Some(n) => println!("placed order {n} (see `orders show {n}`)"),
                None => {
                    println!("placed the order (1NCE returned no order number: see `orders list`)")
                }
            }
            Ok(())
        }
        Err(e) if e.is_outcome_unknown() => Err(format!(
            "{e}\nthe order may have been placed: check `orders list` before ordering again"
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

fn day(t: &Option<Timestamp>) -> String {
    t.map_or("-".into(), |t| t.format("%Y-%m-%d").to_string())
}
