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
    // 1nce-os.yml (client.os; the wheel's tests/test_os.py)
    (
        "GET",
        "/v1/integrate/devices/endpoints",
        "client.os.devices.endpoints()",
    ),
    (
        "GET",
        "/v1/integrate/devices/endpoints/{protocol}",
        "client.os.devices.endpoint(protocol)",
    ),
    (
        "PATCH",
        "/v1/integrate/devices/endpoints/{protocol}",
        "client.os.devices.update_endpoint(protocol, update)",
    ),
    (
        "GET",
        "/v1/integrate/devices/actions/requests",
        "client.os.devices.action_requests(device_id=..., protocol=..., status=..., sort=..., page_size=...)",
    ),
    (
        "GET",
        "/v1/integrate/devices/actions/requests/active",
        "client.os.devices.active_action_requests(device_id=..., page_size=...)",
    ),
    (
        "GET",
        "/v1/integrate/devices/actions/requests/archived",
        "client.os.devices.archived_action_requests(device_id=..., page_size=...)",
    ),
    (
        "DELETE",
        "/v1/integrate/devices/{deviceId}/actions/requests",
        "client.os.devices.cancel_action_requests(device_id)",
    ),
    (
        "DELETE",
        "/v1/integrate/devices/actions/requests/{requestId}",
        "client.os.devices.cancel_action_request(request_id)",
    ),
    (
        "GET",
        "/v1/integrate/devices/actions/requests/{requestId}",
        "client.os.devices.action_request(request_id)",
    ),
    (
        "POST",
        "/v1/integrate/devices/{deviceId}/presharedkey",
        "client.os.devices.set_preshared_key(device_id, key)",
    ),
    (
        "GET",
        "/v1/integrate/devices/presharedkey/jobs",
        "client.os.devices.preshared_key_jobs()",
    ),
    (
        "POST",
        "/v1/integrate/devices/presharedkey/jobs",
        "client.os.devices.create_preshared_key_job(keys)",
    ),
    (
        "POST",
        "/v1/integrate/devices/{deviceId}/psk",
        "client.os.devices.set_psk(device_id, key)",
    ),
    (
        "GET",
        "/v1/integrate/devices/{deviceId}/psk/{protocol}",
        "client.os.devices.psk(device_id, protocol)",
    ),
    (
        "GET",
        "/v1/integrate/devices/psk/jobs",
        "client.os.devices.psk_jobs()",
    ),
    (
        "POST",
        "/v1/integrate/devices/psk/jobs",
        "client.os.devices.create_psk_job(keys)",
    ),
    (
        "POST",
        "/v1/integrate/devices/{deviceId}/actions/LWM2M",
        "client.os.devices.send_lwm2m(device_id, action)",
    ),
    (
        "POST",
        "/v1/integrate/devices/actions/LWM2M",
        "client.os.devices.send_lwm2m_bulk(device_ids, action)",
    ),
    (
        "POST",
        "/v1/integrate/devices/{deviceId}/actions/COAP",
        "client.os.devices.send_coap(device_id, action)",
    ),
    (
        "POST",
        "/v1/integrate/devices/actions/COAP",
        "client.os.devices.send_coap_bulk(device_ids, action)",
    ),
    (
        "POST",
        "/v1/integrate/devices/{deviceId}/actions/UDP",
        "client.os.devices.send_udp(device_id, action)",
    ),
    (
        "POST",
        "/v1/integrate/devices/actions/UDP",
        "client.os.devices.send_udp_bulk(device_ids, action)",
    ),
    (
        "POST",
        "/v1/optimize/messages/test",
        "client.os.optimizer.test(test)",
    ),
    (
        "GET",
        "/v1/optimize/savings",
        "client.os.optimizer.savings(range=..., protocol=..., iccid=...)",
    ),
    (
        "POST",
        "/v1/agreements/1nceos",
        "client.os.agreements.accept(accepted)",
    ),
    (
        "GET",
        "/v1/integrate/clouds/aws/parameters",
        "client.os.integrations.aws_parameters()",
    ),
    (
        "POST",
        "/v1/integrate/clouds/aws/{integrationId}/restart",
        "client.os.integrations.restart_aws(integration_id)",
    ),
    (
        "POST",
        "/v1/integrate/clouds/aws/{integrationId}/test",
        "client.os.integrations.test_aws(integration_id)",
    ),
    (
        "GET",
        "/v1/administrationLogs",
        "client.os.logs.list(q=..., page_size=...)",
    ),
    (
        "GET",
        "/v1/administrationLogs/stats",
        "client.os.logs.stats(timezone, category=...)",
    ),
    (
        "GET",
        "/v1/administrationLogs/{adminLogId}/payload",
        "client.os.logs.payload_url(admin_log_id)",
    ),
    (
        "GET",
        "/v1/optimize/templates",
        "client.os.optimizer.templates()",
    ),
    (
        "POST",
        "/v1/optimize/templates",
        "client.os.optimizer.create_template(template)",
    ),
    (
        "DELETE",
        "/v1/optimize/templates/{templateId}",
        "client.os.optimizer.delete_template(template_id)",
    ),
    (
        "PATCH",
        "/v1/optimize/templates/{templateId}",
        "client.os.optimizer.update_template(template_id, change)",
    ),
    (
        "GET",
        "/v1/inspect/devices",
        "client.os.inspector.devices(q=..., sort=..., page_size=...)",
    ),
    (
        "GET",
        "/v1/inspect/devices/{deviceId}",
        "client.os.inspector.device(device_id)",
    ),
    (
        "POST",
        "/v1/devices/{deviceId}/actions",
        "client.os.devices.send_action(device_id, action)",
    ),
    (
        "GET",
        "/v1/inspect/devices/{deviceId}/telemetry",
        "client.os.inspector.telemetry(device_id, protocol=...)",
    ),
    (
        "GET",
        "/v1/inspect/devices/{deviceId}/history",
        "client.os.inspector.device_history(device_id, start=..., end=..., protocol=..., page_size=..., next_token=...)",
    ),
    (
        "GET",
        "/v1/inspect/devices/history",
        "client.os.inspector.history(device_id=..., iccid=..., start=..., end=..., page_size=..., next_token=...)",
    ),
    (
        "GET",
        "/v1/inspect/devices/{deviceId}/history/insights",
        "client.os.inspector.device_insights(device_id, start=..., end=..., interval=...)",
    ),
    (
        "GET",
        "/v1/inspect/devices/history/insights",
        "client.os.inspector.insights(device_id=..., iccid=..., start=..., end=..., interval=...)",
    ),
    (
        "GET",
        "/v1/locate/devices/{deviceId}/positions",
        "client.os.locator.positions(device_id, source=..., start=..., end=..., page_size=...)",
    ),
    (
        "GET",
        "/v1/locate/positions/latest",
        "client.os.locator.latest_positions(device_id=..., mode=..., within=..., page_size=...)",
    ),
    (
        "GET",
        "/v1/locate/devices/{deviceId}/activity",
        "client.os.locator.activity(device_id, start=..., end=...)",
    ),
    (
        "GET",
        "/v1/devices/stats",
        "client.os.devices.stats()",
    ),
    (
        "GET",
        "/v1/locate/geofences",
        "client.os.locator.geofences(name=..., device_id=..., scope=..., page_size=...)",
    ),
    (
        "POST",
        "/v1/locate/geofences",
        "client.os.locator.create_geofence(geofence)",
    ),
    (
        "DELETE",
        "/v1/locate/geofences/{geofenceId}",
        "client.os.locator.delete_geofence(geofence_id)",
    ),
    (
        "GET",
        "/v1/locate/geofences/{geofenceId}",
        "client.os.locator.geofence(geofence_id)",
    ),
    (
        "PATCH",
        "/v1/locate/geofences/{geofenceId}",
        "client.os.locator.update_geofence(geofence_id, update)",
    ),
    (
        "PATCH",
        "/v1/settings/1nceos/{name}",
        "client.os.settings.update(name, update)",
    ),
    (
        "GET",
        "/v1/settings/1nceos",
        "client.os.settings.list(language=..., page_size=...)",
    ),
    (
        "POST",
        "/v1/integrate/clouds/aws",
        "client.os.integrations.create_aws(integration)",
    ),
    (
        "DELETE",
        "/v1/integrate/clouds/{integrationId}",
        "client.os.integrations.delete(integration_id)",
    ),
    (
        "GET",
        "/v1/integrate/clouds/{integrationId}",
        "client.os.integrations.get(integration_id)",
    ),
    (
        "PATCH",
        "/v1/integrate/clouds/{integrationId}",
        "client.os.integrations.update(integration_id, change)",
    ),
    (
        "GET",
        "/v1/integrate/clouds",
        "client.os.integrations.list(page_size=...)",
    ),
    (
        "GET",
        "/v1/integrate/clouds/eventTypes",
        "client.os.integrations.event_types()",
    ),
    (
        "POST",
        "/v1/integrate/clouds/webhooks",
        "client.os.integrations.create_webhook(integration)",
    ),
    (
        "PATCH",
        "/v1/integrate/clouds/webhooks/{integrationId}",
        "client.os.integrations.update_webhook(integration_id, change)",
    ),
    (
        "POST",
        "/v1/integrate/clouds/webhooks/{integrationId}/restart",
        "client.os.integrations.restart_webhook(integration_id)",
    ),
    (
        "POST",
        "/v1/integrate/clouds/webhooks/{integrationId}/test",
        "client.os.integrations.test_webhook(integration_id)",
    ),
    (
        "POST",
        "/v1/partners/DATACAKE/plugins",
        "client.os.plugins.create(partner, settings)",
    ),
    (
        "POST",
        "/v1/partners/MENDER/plugins",
        "client.os.plugins.create(partner, settings)",
    ),
    (
        "POST",
        "/v1/partners/TARTABIT/plugins",
        "client.os.plugins.create(partner, settings)",
    ),
    (
        "POST",
        "/v1/partners/MEMFAULT/plugins",
        "client.os.plugins.create(partner, settings)",
    ),
    (
        "DELETE",
        "/v1/partners/plugins/{pluginId}",
        "client.os.plugins.delete(plugin_id)",
    ),
    (
        "GET",
        "/v1/partners/plugins/{pluginId}",
        "client.os.plugins.get(plugin_id)",
    ),
    (
        "POST",
        "/v1/partners/plugins/{pluginId}/restart",
        "client.os.plugins.restart(plugin_id)",
    ),
    (
        "GET",
        "/v1/partners/plugins",
        "client.os.plugins.list(page_size=...)",
    ),
];

/// The Python call of the operation `method path`, if the wheel has one.
pub fn call(method: &str, path: &str) -> Option<&'static str> {
    PYTHON_CALLS
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, c)| *c)
}
