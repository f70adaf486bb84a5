//! The Python call (once_sdk wheel) of each row, shown in the "Python call"
//! column of docs/API_COVERAGE.md. Keyed by (method, path template); the
//! wheel's test suite (`once-sdk-py/tests/test_coverage.py`) checks that
//! every call listed there resolves on `Client` and `AsyncClient`, with the
//! argument names it shows. Rows without an entry show "—".

/// (method, path template, Python call).
pub const PYTHON_CALLS: &[(&str, &str, &str)] = &[
    // authorization.yml
    ("POST", "/oauth/token", "client.access_token()"),
    // sim-management-v2.yml
    (
        "GET",
        "/v2/sims",
        "client.sims.list(page_size=..., filter=..., sort=...)",
    ),
    ("GET", "/v2/sims/{iccid}", "client.sims.get(iccid)"),
    (
        "PUT",
        "/v2/sims/{iccid}",
        "client.sims.update(iccid, label=..., status=..., imei_lock=...)",
    ),
    (
        "GET",
        "/v2/sims/{iccid}/events",
        "client.sims.events(iccid, page_size=...)",
    ),
    (
        "GET",
        "/v2/sims/{iccid}/quota/data",
        "client.sims.data_quota(iccid)",
    ),
    (
        "GET",
        "/v2/sims/{iccid}/quota/sms",
        "client.sims.sms_quota(iccid)",
    ),
    ("POST", "/v2/sims/{iccid}/reset", "client.sims.reset(iccid)"),
    (
        "GET",
        "/v2/sims/{iccid}/sms",
        "client.sms.list(iccid, page_size=...)",
    ),
    (
        "POST",
        "/v2/sims/{iccid}/sms",
        "client.sms.send(iccid, payload, dcs=..., udh=..., source_address=...)",
    ),
    (
        "GET",
        "/v2/sims/{iccid}/sms/{id}",
        "client.sms.get(iccid, id)",
    ),
    (
        "DELETE",
        "/v2/sims/{iccid}/sms/{id}",
        "client.sms.delete(iccid, id)",
    ),
    (
        "GET",
        "/v2/sims/{iccid}/status",
        "client.sims.status(iccid)",
    ),
    (
        "POST",
        "/v2/sims/{iccid}/topup",
        "client.sims.top_up(iccid, payment_method=...)",
    ),
    // order-management.yml, product-information.yml, support-management.yml
    (
        "GET",
        "/v1/orders",
        "client.orders.list(page_size=..., sort=...)",
    ),
    (
        "POST",
        "/v1/orders",
        "client.orders.create(products, delivery_address=..., customer_reference=...)",
    ),
    (
        "GET",
        "/v1/orders/{order_number}",
        "client.orders.get(order_number)",
    ),
    ("GET", "/v1/products", "client.products.list()"),
    ("GET", "/v1/support", "client.support.list(page_size=...)"),
    (
        "POST",
        "/v1/support",
        "client.support.create(subject, text, reply_to_mail=..., sender_name=...)",
    ),
    // sim-management.yml (v1, retired by 1NCE at the end of 2026): `client.v1.sims`.
    (
        "GET",
        "/v1/sims",
        "client.v1.sims.list(page_size=..., filter=..., sort=...)",
    ),
    ("POST", "/v1/sims", "client.v1.sims.update_many(updates)"),
    (
        "POST",
        "/v1/sims/autoTopup",
        "client.v1.sims.auto_top_up(iccids, enabled=...)",
    ),
    (
        "POST",
        "/v1/sims/extension",
        "client.v1.sims.extend(iccids, product_id=..., payment_method=...)",
    ),
    ("GET", "/v1/sims/limits", "client.v1.sims.limits()"),
    (
        "POST",
        "/v1/sims/limits",
        "client.v1.sims.set_limits(data=..., sms_mt=..., sms_mo=...)",
    ),
    (
        "POST",
        "/v1/sims/simTransfer",
        "client.v1.sims.transfer(iccids=..., ranges=..., target_organisation=...)",
    ),
    (
        "POST",
        "/v1/sims/topup",
        "client.v1.sims.top_up_many(iccids, payment_method=...)",
    ),
    ("GET", "/v1/sims/{iccid}", "client.v1.sims.get(iccid)"),
    (
        "PUT",
        "/v1/sims/{iccid}",
        "client.v1.sims.update(iccid, status=..., label=..., imei_lock=...)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/connectivity_info",
        "client.v1.sims.connectivity_info(iccid, subscriber=..., ussd=...)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/events",
        "client.v1.sims.events(iccid, page_size=..., sort=...)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/quota/data",
        "client.v1.sims.data_quota(iccid)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/quota/sms",
        "client.v1.sims.sms_quota(iccid)",
    ),
    (
        "POST",
        "/v1/sims/{iccid}/reset",
        "client.v1.sims.reset(iccid)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/sms",
        "client.v1.sims.list_sms(iccid, page_size=..., sort=...)",
    ),
    (
        "POST",
        "/v1/sims/{iccid}/sms",
        "client.v1.sims.send_sms(iccid, payload, dcs=..., udh=..., source_address=...)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/sms/{id}",
        "client.v1.sims.get_sms(iccid, id)",
    ),
    (
        "DELETE",
        "/v1/sims/{iccid}/sms/{id}",
        "client.v1.sims.delete_sms(iccid, id)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/status",
        "client.v1.sims.status(iccid)",
    ),
    (
        "POST",
        "/v1/sims/{iccid}/topup",
        "client.v1.sims.top_up(iccid, payment_method=...)",
    ),
    (
        "GET",
        "/v1/sims/{iccid}/usage",
        "client.v1.sims.usage(iccid, since=..., until=...)",
    ),
    (
        "GET",
        "/v1/sims/{service}/limits",
        "client.v1.sims.selectable_limits(service)",
    ),
];

/// The Python call of the operation `method path`, if the wheel has one.
pub fn call(method: &str, path: &str) -> Option<&'static str> {
    PYTHON_CALLS
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, c)| *c)
}
