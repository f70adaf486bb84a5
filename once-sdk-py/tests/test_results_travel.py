"""Results travel: every model and every exception pickles and copies
(round trip equal), dumps to JSON, and can be built from keywords; every
enum-like value is a str enum equal to its string."""

from __future__ import annotations

import copy
import datetime
import enum
import json
import pickle
from typing import Any, Iterator

import pytest

import once_sdk
import os_world
from once_sdk import _once_sdk

MODEL_CLASSES = sorted(
    (
        cls
        for cls in vars(_once_sdk).values()
        if isinstance(cls, type) and hasattr(cls, "_from_wire")
    ),
    key=lambda c: c.__name__,
)
ENUM_CLASSES = sorted(
    (
        cls
        for cls in vars(once_sdk).values()
        if isinstance(cls, type)
        and issubclass(cls, once_sdk.StrEnum)
        and cls is not once_sdk.StrEnum
    ),
    key=lambda c: c.__name__,
)


def walk(value: Any) -> Iterator[Any]:
    """Every model instance inside `value` (itself included)."""
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from walk(v)
    elif type(value) in MODEL_CLASSES:
        yield value
        for name in value.to_dict():
            yield from walk(getattr(value, name))


def os_results(sb: once_sdk.Sandbox, c: once_sdk.Client) -> list[Any]:
    """1NCE OS results: one of each thing, then what reads them."""
    hook = os_world.Hook()
    try:
        w = os_world.build(sb, c, hook.url)
        os, device = c.os, w["device"]
        results: list[Any] = [os.devices.stats(), os.devices.endpoint("LWM2M"), os.devices.psk(device, "LWM2M")]
        results += list(os.devices.endpoints()) + list(os.devices.action_requests()) + list(os.devices.psk_jobs())
        results += [os.devices.action_request(w["request_id"]), os.devices.send_udp(device, os_world.UDP).accepted]
        results += [os.devices.send_udp_bulk([device], os_world.UDP).accepted]
        results += list(os.devices.cancel_action_requests(device))
        results += list(os.inspector.devices()) + [os.inspector.telemetry(device), os.inspector.device_history(device)]
        results += [os.inspector.device_insights(device), os.inspector.insights()]
        results += list(os.locator.positions(device)) + list(os.locator.geofences()) + [os.locator.activity(device)]
        results += list(os.optimizer.templates()) + [os.optimizer.savings(), os.optimizer.test(w["test"])]
        results += list(os.integrations.list()) + [os.integrations.event_types(), os.integrations.aws_parameters()]
        results += [os.integrations.restart_aws(w["aws_id"]), os.integrations.test_webhook(w["webhook_id"])]
        results += list(os.plugins.list()) + [os.plugins.restart(w["plugin_id"])]
        results += list(os.settings.list()) + [os.settings.update(w["name"], {"state": "ENABLED", "read_and_accepted_disclaimer": True})]
        results += list(os.logs.list()) + [os.logs.stats("UTC")]
        # The request bodies these calls sent travel too.
        sent = [os_world.LWM2M, os_world.COAP, os_world.UDP, *w["keys"]]
        sent += [v for v in w.values() if type(v) in MODEL_CLASSES]
        update = once_sdk.EndpointUpdate(active=True, settings=[{"name": "LWM2M_PASSIVE_REPORTING", "state": "ENABLED"}])
        fence = once_sdk.GeofenceUpdate(name="depot berlin", event_types=["ENTER", "EXIT"])
        change = once_sdk.IntegrationUpdate(event_types=[{"event_type": "LOCATION"}])
        results.append(os.devices.update_endpoint("LWM2M", update))
        results.append(os.locator.update_geofence(w["geofence_id"], fence))
        results.append(os.integrations.update(w["aws_id"], change))
        sent += [update, fence, change, once_sdk.TranslationTest(**w["test"])]
        return results + sent
    finally:
        hook.close()


@pytest.fixture(scope="module")
def instances() -> dict[type, list[Any]]:
    """Model instances from real calls on a sandbox, by class."""
    results: list[Any] = []
    with once_sdk.Sandbox(sims=5, seed=3, rate_limits=False) as sb:
        with sb.client(retries=0) as c:
            sims = list(c.sims.list())
            iccid = sims[0].iccid
            results += sims
            results += [c.sims.get(iccid), c.sims.data_quota(iccid), c.sims.sms_quota(iccid)]
            results += [c.sims.status(iccid), c.sims.top_up(iccid)]
            results += list(c.sims.events(iccid))
            c.sms.send(iccid, "ping")
            sms = list(c.sms.list(iccid))
            results += sms + [c.sms.get(iccid, sms[0].id)]
            results += [c.orders.create({1001: 1}, customer_reference="r")]
            orders = list(c.orders.list())
            results += orders + [c.orders.get(orders[0].order_number)]
            results += list(c.products.list())
            c.support.create("subject", "text")
            results += list(c.support.list())
            v1 = c.v1.sims
            results += list(v1.list()) + [v1.get(iccid), v1.status(iccid)]
            results += [v1.connectivity_info(iccid), v1.usage(iccid)]
            results += list(v1.events(iccid))
            results += [v1.data_quota(iccid), v1.sms_quota(iccid)]
            v1.send_sms(iccid, "ping")
            v1_sms = list(v1.list_sms(iccid))
            results += v1_sms + [v1.get_sms(iccid, v1_sms[0].id)]
            results += [v1.top_up(iccid), v1.limits()]
            results += list(v1.selectable_limits("data"))
            results += os_results(sb, c)
    found: dict[type, list[Any]] = {}
    for r in results:
        for m in walk(r):
            found.setdefault(type(m), []).append(m)
    return found


def test_the_sandbox_calls_cover_most_model_classes(instances: dict[type, list[Any]]) -> None:
    covered = {c.__name__ for c in instances}
    # The rest are built by keyword in the tests below.
    assert len(covered) >= 0.75 * len(MODEL_CLASSES), sorted(
        c.__name__ for c in MODEL_CLASSES if c not in instances
    )


def samples(cls: type, instances: dict[type, list[Any]]) -> list[Any]:
    got = instances.get(cls, [])[:3]
    return got if got else [cls()]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_model_pickles_copies_and_dumps_to_json(
    cls: type, instances: dict[type, list[Any]]
) -> None:
    for m in samples(cls, instances):
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(m, protocol=proto))
            assert type(back) is cls and back == m and hash(back) == hash(m)
        assert copy.copy(m) == m and copy.deepcopy(m) == m
        plain = m.to_dict(mode="json")
        text = json.dumps(plain)
        assert json.loads(text) == plain
        assert json.loads(m.to_json()) == plain
        # Only JSON types, no datetime or enum member left.
        for v in iter_leaves(plain):
            assert type(v) in (str, int, float, bool, type(None)), (cls, v)


def iter_leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for v in value.values():
            yield from iter_leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from iter_leaves(v)
    else:
        yield value


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_model_rebuilds_from_its_keywords(
    cls: type, instances: dict[type, list[Any]]
) -> None:
    for m in samples(cls, instances):
        # The attribute values (nested models, datetimes, enums) ...
        assert cls(**{k: getattr(m, k) for k in m.to_dict()}) == m
        # ... and the plain dicts of to_dict() both work.
        assert cls(**m.to_dict()) == m


def test_json_mode_writes_iso_8601_and_enum_values(instances: dict[type, list[Any]]) -> None:
    sim = instances[once_sdk.Sim][0]
    assert isinstance(sim.activation_date, datetime.datetime)
    plain = sim.to_dict(mode="json")
    assert plain["activation_date"] == sim.activation_date.isoformat()
    assert datetime.datetime.fromisoformat(plain["activation_date"]) == sim.activation_date
    assert type(plain["status"]) is str and plain["status"] == "Enabled"
    assert type(sim.to_dict()["status"]) is once_sdk.SimStatus
    with pytest.raises(ValueError, match="mode must be 'python' or 'json'"):
        sim.to_dict(mode="yaml")  # type: ignore[arg-type]


def test_a_fake_sim_is_checked_like_a_decoded_one() -> None:
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    sim = once_sdk.Sim(
        iccid="8988280666000000000",
        status="Disabled",
        activation_date=when,
        current_quota=12.5,
        quota_status={"id": 1, "description": "Less than 20% available"},
        label="pump-17",
    )
    assert sim.status is once_sdk.SimStatus.DISABLED
    assert sim.activation_date == when
    assert sim.quota_status == once_sdk.QuotaThreshold(id=1, description="Less than 20% available")
    assert sim.imsi is None
    assert repr(sim).startswith("Sim(iccid='8988280666000000000', ")
    # Numbers sent as strings are taken, as 1NCE sends them.
    assert once_sdk.Sim(iccid="8988280666000000000", current_quota="7").current_quota == 7.0

    with pytest.raises(once_sdk.ValidationError, match="missing field `iccid`"):
        once_sdk.Sim(label="x")
    with pytest.raises(once_sdk.ValidationError) as bad_id:
        once_sdk.Sim(iccid="12ab")
    assert bad_id.value.field == "iccid"
    with pytest.raises(once_sdk.ValidationError) as bad_imsi:
        once_sdk.Sim(iccid="8988280666000000000", imsi_2="1")
    assert bad_imsi.value.field == "imsi_2"
    with pytest.raises(once_sdk.ValidationError) as bad_time:
        once_sdk.Sim(iccid="8988280666000000000", activation_date="yesterday")
    assert bad_time.value.field == "activation_date"
    with pytest.raises(once_sdk.ValidationError, match="expected a number"):
        once_sdk.Sim(iccid="8988280666000000000", current_quota="lots")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        once_sdk.Sim(iccid="8988280666000000000", colour="red")
    with pytest.raises(TypeError, match=r"Sim\(quota_status=...\): expected a QuotaThreshold"):
        once_sdk.Sim(iccid="8988280666000000000", quota_status=[1])


def test_a_fake_result_stands_in_for_a_call() -> None:
    """What the README shows: a unit test fakes what the SDK returns."""

    class FakeSims:
        def get(self, iccid: str) -> once_sdk.Sim:
            return once_sdk.Sim(iccid=iccid, status="Disabled")

    def disabled(sims: Any, iccid: str) -> bool:
        return bool(sims.get(iccid).status == "Disabled")

    assert disabled(FakeSims(), "8988280666000000000")


# --- enums -----------------------------------------------------------------


@pytest.mark.parametrize("cls", ENUM_CLASSES, ids=lambda c: c.__name__)
def test_every_enum_member_is_its_string(cls: type[once_sdk.StrEnum]) -> None:
    # 1NCE documents one endpoint setting name so far.
    assert len(cls) >= (1 if cls is once_sdk.EndpointSettingName else 2)
    for member in cls:
        value = member.value
        assert isinstance(member, str) and member == value and value == member
        assert hash(member) == hash(value) and {value: 1}[member] == 1
        assert str(member) == value and f"{member}" == value
        assert json.dumps(member) == json.dumps(value)
        assert cls(value) is member
        assert pickle.loads(pickle.dumps(member)) is member
    unknown = cls("SOMETHING_NEW")
    assert isinstance(unknown, cls) and unknown == "SOMETHING_NEW"
    assert pickle.loads(pickle.dumps(unknown)) == unknown


def test_the_enums_mirror_the_rust_enums() -> None:
    assert [m.value for m in once_sdk.SimStatus] == ["Enabled", "Disabled"]
    assert once_sdk.DataTrafficLimit.NOT_REACHED == "NOT_REACHED"
    assert once_sdk.PaymentMethod.BANK_TRANSFER == "banktransfer"
    assert once_sdk.ConnectivityStatus.__module__ == "once_sdk"
    assert issubclass(once_sdk.SimStatus, enum.Enum)


def test_described_states_compare_equal_to_their_string(client: once_sdk.Client) -> None:
    iccid = next(iter(client.sims.list())).iccid
    conn = client.sims.status(iccid)
    status = conn.status
    assert status == status.description and status.description in set(once_sdk.ConnectivityStatus)
    assert status == str(status) and hash(status) == hash(str(status))
    assert conn.status != "NOT A STATE"
    assert once_sdk.ConnectivityState(description="ONLINE") == "ONLINE"
    assert once_sdk.ConnectivityState(description="ONLINE") != "OFFLINE"
    quota = client.sims.data_quota(iccid)
    assert quota.status == "ACTIVE" and quota.status.description is once_sdk.QuotaState.ACTIVE
    assert quota.service == "data" and quota.service is once_sdk.QuotaService.DATA


def test_enum_arguments_take_the_member_or_the_string(
    client: once_sdk.Client, sandbox: once_sdk.Sandbox
) -> None:
    iccid = next(iter(client.sims.list())).iccid
    client.sims.update(iccid, status=once_sdk.SimStatus.DISABLED)
    assert client.sims.get(iccid).status == "Disabled"
    client.sims.update(iccid, status="Enabled")
    assert client.sims.get(iccid).status is once_sdk.SimStatus.ENABLED
    order = client.sims.top_up(iccid, payment_method=once_sdk.PaymentMethod.CREDIT_CARD)
    assert order is not None
    update = once_sdk.V1SimUpdate(iccid, status=once_sdk.SimStatus.ENABLED)
    assert update.status == "Enabled"
    assert client.v1.sims.selectable_limits(once_sdk.LimitService.DATA) == client.v1.sims.selectable_limits("data")


# --- exceptions ------------------------------------------------------------


def error_samples() -> list[once_sdk.OnceError]:
    api = once_sdk.ApiError("boom", status=500, code="E1", message="m", body="{}", request_id="r")
    return [
        once_sdk.OnceError("plain"),
        api,
        once_sdk.AuthError("no", status=400, code="BadCredentials"),
        once_sdk.RateLimitError("slow down", retry_after=1.5),
        once_sdk.TimeoutError("late"),
        once_sdk.ValidationError("bad", field="iccid", rule="19 digits"),
        once_sdk.OutcomeUnknownError("unknown", operation="sms.send", cause=api),
        once_sdk.TransportError("reset"),
        once_sdk.DecodeError("odd", status=200, what="sims.get", snippet="<html>"),
        once_sdk.ConfigError("wrong"),
    ]


@pytest.mark.parametrize("err", error_samples(), ids=lambda e: type(e).__name__)
def test_every_exception_pickles_and_copies(err: once_sdk.OnceError) -> None:
    for back in (pickle.loads(pickle.dumps(err)), copy.copy(err), copy.deepcopy(err)):
        assert type(back) is type(err) and back == err and str(back) == str(err)
        assert vars(back) == vars(err)
        assert back.__cause__ == err.__cause__


def test_errors_raised_by_the_sdk_pickle(client: once_sdk.Client) -> None:
    with pytest.raises(once_sdk.ApiError) as caught:
        client.sims.get("8988280666999999999")
    back = pickle.loads(pickle.dumps(caught.value))
    assert back == caught.value and back.status == caught.value.status == 404
    with pytest.raises(once_sdk.ValidationError) as bad:
        client.sims.get("12")
    assert pickle.loads(pickle.dumps(bad.value)).field == "iccid"


def test_results_cross_a_process_pool(client: once_sdk.Client) -> None:
    import concurrent.futures
    import multiprocessing

    sim = next(iter(client.sims.list()))
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        assert pool.submit(copy.copy, sim).result() == sim
