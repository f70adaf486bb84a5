//! Event records: network, policy and API events of a SIM.

use serde::Serialize;

use super::codes::{EventSeverity, EventSource, EventType, Platform, RatType};
use super::common::{Device, NetworkOperator, RecordId, Volume};
use super::fields::*;
use super::usage::read_rat_type;
use super::RecordError;
use crate::types::Timestamp;

/// An event record. Platform 2.0 names (`detail_pdp_context_ipcan_session_id`,
/// the GTP-version location fields such as `..._gtp_v1_uli_ci`) and 1.0
/// names (`detail_session_id`, `..._ci`) are both read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EventRecord {
    /// The record's unique id (dedupe key).
    pub id: RecordId,
    /// When it happened.
    pub timestamp: Option<Timestamp>,
    /// What happened (unknown codes kept).
    pub event_type: EventType,
    /// 1NCE's words for the event type.
    pub event_type_description: Option<String>,
    /// How serious it is, read for the record's platform (see
    /// [`EventSeverity::from_id`]); [`EventSeverity::Ambiguous`] when the
    /// id means different things on the two platforms and nothing told
    /// which one wrote the record.
    pub severity: Option<EventSeverity>,
    /// The severity id as sent.
    pub severity_id: Option<i64>,
    /// The platform the record was read as: the decoder's setting, or
    /// what the record (or its batch) shows; `None` when nothing told.
    pub platform: Option<Platform>,
    /// What raised it.
    pub source: Option<EventSource>,
    /// Whether 1NCE flags it as an alert.
    pub alert: Option<bool>,
    /// The event in words.
    pub description: Option<String>,
    /// The SIM and device.
    #[serde(flatten)]
    pub device: Device,
    /// The network operator of the event (`detail.id`, `detail.name`).
    pub operator: Option<NetworkOperator>,
    /// Volume of the session, for session events.
    pub volume: Option<Volume>,
    /// The data session's context, for PDP context events.
    pub session: Option<PdpSession>,
    /// Location events: the network codes (`detail.mnc[]`).
    pub network_codes: Vec<String>,
    /// Location events: the TAP codes of the networks (`detail.tapcode[]`).
    pub tap_codes: Vec<String>,
    /// Quota events (Platform 2.0 `detail.quota`).
    pub quota: Option<QuotaDetail>,
    /// Regional-pool quota events (Platform 2.0 `detail.regional_pool`).
    pub regional_pool: Option<RegionalPool>,
    /// OpenVPN events (Platform 2.0 `detail.vpn_id`, `region`, `client`).
    pub vpn: Option<VpnDetail>,
    /// Why a data session or location update failed (Platform 2.0
    /// `detail.data_service_failure_cause`,
    /// `detail.update_location_failure_reason`), as sent.
    pub failure_cause: Option<String>,
    /// Optional fields that carried a value this SDK could not read (the
    /// value is in the raw record); empty for a clean record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<RecordError>,
}

/// A quota as a Platform 2.0 quota event reports it (`detail.quota`).
/// Volumes are MiB for data, counts for SMS.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct QuotaDetail {
    /// The quota's id.
    pub id: Option<i64>,
    /// The quota's state (`status.description`, e.g. `EXHAUSTED`).
    pub status: Option<String>,
    /// The state's id (`status.id`).
    pub status_id: Option<i64>,
    /// What is left; negative when the quota was overdrawn.
    pub volume: Option<f64>,
    /// The quota's size.
    pub total_volume: Option<f64>,
    /// Everything added to the quota over its life.
    pub accumulated_total_volume: Option<f64>,
    /// The last top-up.
    pub last_volume_added: Option<f64>,
    /// `data` or `sms`.
    pub service: Option<String>,
    /// The threshold, in percent of the total.
    pub threshold_percentage: Option<f64>,
    /// The threshold as a volume.
    pub threshold_volume: Option<f64>,
    /// When the quota expires.
    pub expiry_date: Option<Timestamp>,
    /// When the quota was created.
    pub created_at: Option<Timestamp>,
}

/// The regional pool of a Platform 2.0 pool quota event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RegionalPool {
    /// The pool's id.
    pub id: Option<i64>,
    /// The pool's name.
    pub name: Option<String>,
}

/// The OpenVPN connection of a Platform 2.0 VPN event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct VpnDetail {
    /// 1NCE's VPN id.
    pub vpn_id: Option<i64>,
    /// The AWS region code of the VPN.
    pub region: Option<String>,
    /// The OpenVPN client's version.
    pub client_version: Option<String>,
    /// The client's private IP address.
    pub client_private_ip: Option<String>,
    /// The client's public IP address.
    pub client_public_ip: Option<String>,
}

/// The data session (PDP context) an event is about.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PdpSession {
    /// The IP-CAN session id (Platform 2.0) or session id (1.0).
    pub session_id: Option<String>,
    /// The PDP context id.
    pub pdp_context_id: Option<String>,
    /// The GTP version of the session.
    pub gtp_version: Option<String>,
    /// The access point name.
    pub apn: Option<String>,
    /// The device's IP address in the session.
    pub ue_ip_address: Option<String>,
    /// The breakout IP address.
    pub breakout_ip: Option<String>,
    /// The region of 1NCE's core that served the session.
    pub region: Option<String>,
    /// The radio access technology.
    pub rat_type: Option<RatType>,
    /// Where the device was.
    pub location: CellLocation,
}

/// A cell location from the GTP user location information, whichever GTP
/// version wrote it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CellLocation {
    /// Mobile country code.
    pub mcc: Option<String>,
    /// Mobile network code.
    pub mnc: Option<String>,
    /// Location area code.
    pub lac: Option<String>,
    /// Cell id.
    pub ci: Option<String>,
    /// Service area code.
    pub sac: Option<String>,
    /// Routing area code.
    pub rac: Option<String>,
    /// Tracking area code (LTE).
    pub tac: Option<String>,
    /// E-UTRAN cell id (LTE).
    pub eci: Option<String>,
    /// Which GTP user location information it came from on Platform 2.0
    /// (`v1` for `gtp_v1_uli`, `v2` for `gtp_v2_uli`); `None` for the
    /// 1.0 fields.
    pub gtp_uli: Option<String>,
}

/// A location field: the 1.0 name, else the 2.0 one of either GTP version.
fn location_field(f: &Fields<'_>, plain: Slot, gtp: Slot) -> Option<String> {
    f.text(&[plain, gtp])
}

impl PdpSession {
    fn read(f: &Fields<'_>) -> Option<Self> {
        let location = CellLocation {
            mcc: location_field(f, PDP_MCC, GTP_MCC),
            mnc: location_field(f, PDP_MNC, GTP_MNC),
            lac: location_field(f, PDP_LAC, GTP_LAC),
            ci: location_field(f, PDP_CI, GTP_CI),
            sac: location_field(f, PDP_SAC, GTP_SAC),
            rac: location_field(f, PDP_RAC, GTP_RAC),
            tac: location_field(f, PDP_TAC, GTP_TAC),
            eci: location_field(f, PDP_ECI, GTP_ECI),
            gtp_uli: f.text_quiet(&[GTP_VERSION_SEEN]),
        };
        let s = Self {
            session_id: f.text(&[
                PDP_IPCAN_SESSION_ID,
                PDP_SESSION_ID,
                DETAIL_SESSION_ID,
                IPCAN_SESSION_ID,
                SESSION_ID,
            ]),
            pdp_context_id: f.text(&[PDP_CONTEXT_ID]),
            gtp_version: f.text(&[PDP_GTP_VERSION]),
            apn: f.text(&[PDP_APN]),
            ue_ip_address: f.text(&[PDP_UE_IP_ADDRESS]),
            breakout_ip: f.text(&[PDP_BREAKOUT_IP]),
            region: f.text(&[PDP_REGION]),
            rat_type: read_rat_type(f, &[PDP_RAT_TYPE, RAT_TYPE]),
            location,
        };
        (s != Self::default()).then_some(s)
    }
}

impl QuotaDetail {
    fn read(f: &Fields<'_>, s: [Slot; 12]) -> Option<Self> {
        let [id, status_id, status, volume, total, accumulated, last, service, pct, thr, expiry, created] =
            s;
        let q = Self {
            id: f.int(&[id]),
            status: f.text(&[status]),
            status_id: f.int(&[status_id]),
            volume: f.decimal(&[volume]),
            total_volume: f.decimal(&[total]),
            accumulated_total_volume: f.decimal(&[accumulated]),
            last_volume_added: f.decimal(&[last]),
            service: f.text(&[service]),
            threshold_percentage: f.decimal(&[pct]),
            threshold_volume: f.decimal(&[thr]),
            expiry_date: f.timestamp(&[expiry]),
            created_at: f.timestamp(&[created]),
        };
        (q != Self::default()).then_some(q)
    }
}

/// Event types only Platform 2.0 sends.
const PLATFORM2_TYPES: [i64; 9] = [29, 42, 43, 61, 100, 101, 102, 103, 121];
/// Event types Platform 2.0 no longer sends.
const PLATFORM1_TYPES: [i64; 10] = [0, 6, 7, 10, 12, 13, 14, 17, 50, 51];

/// What a record shows of the platform that wrote it: fields or codes that
/// exist on one platform only. `None` when it shows nothing, or both.
pub(crate) fn platform_evidence(f: &Fields<'_>) -> Option<Platform> {
    let event_type = f.int_strict(&[EVENT_TYPE_ID, EVENT_TYPE]).ok().flatten();
    let severity = f
        .int_strict(&[EVENT_SEVERITY_ID, EVENT_SEVERITY])
        .ok()
        .flatten();
    let two = f.any(&[
        IPCAN_SESSION_ID,
        PDP_IPCAN_SESSION_ID,
        GTP_VERSION_SEEN,
        QUOTA_ID,
        QUOTA_VOLUME,
        QUOTA_TOTAL_VOLUME,
        QUOTA_ID_DETAIL,
        POOL_ID,
        POOL_NAME,
        VPN_ID,
        VPN_REGION,
        DATA_SERVICE_FAILURE_CAUSE,
        UPDATE_LOCATION_FAILURE_REASON,
    ]) || event_type.is_some_and(|t| PLATFORM2_TYPES.contains(&t))
        || severity.is_some_and(|s| s == 3 || s == 4);
    let one = f.any(&[
        SESSION_ID,
        DETAIL_SESSION_ID,
        PDP_SESSION_ID,
        CURRENCY_ID,
        SIM_PRODUCTION_DATE,
        PDP_CI,
        PDP_LAC,
        PDP_SAC,
        PDP_RAC,
    ]) || event_type.is_some_and(|t| PLATFORM1_TYPES.contains(&t));
    match (one, two) {
        (true, false) => Some(Platform::Platform1),
        (false, true) => Some(Platform::Platform2),
        _ => None,
    }
}

impl EventRecord {
    /// `shown`: the platform the decoder's setting names, or what the
    /// record shows when the setting is to detect it (worked out once, by
    /// the caller, which also needs it for the batch).
    pub(crate) fn read(f: &Fields<'_>, shown: Option<Platform>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let event_type = match f.int_strict(&[EVENT_TYPE_ID, EVENT_TYPE]) {
            Ok(Some(code)) => EventType::from_code(code),
            _ => {
                return Err(FieldError::new(
                    "event_type",
                    "missing or not a numeric event type id",
                ))
            }
        };
        let severity_id = f
            .int_strict(&[EVENT_SEVERITY_ID, EVENT_SEVERITY])
            .ok()
            .flatten();
        let described = f
            .text_quiet(&[EVENT_SEVERITY_DESCRIPTION, EVENT_SEVERITY])
            .as_deref()
            .and_then(EventSeverity::from_description);
        let severity = match (described, severity_id) {
            (Some(s), _) => Some(s),
            (None, Some(id)) => Some(EventSeverity::from_id(id, shown.unwrap_or_default())),
            (None, None) => {
                // Sent, but neither an id nor a known name: keep the record.
                f.text(&[EVENT_SEVERITY_DESCRIPTION, EVENT_SEVERITY]);
                None
            }
        };
        let source = match f.int_strict(&[EVENT_SOURCE_ID, EVENT_SOURCE]) {
            Ok(Some(code)) => Some(EventSource::from_code(code)),
            _ => {
                let text = f.text(&[EVENT_SOURCE_DESCRIPTION, EVENT_SOURCE]);
                text.as_deref().and_then(EventSource::from_description)
            }
        };
        let vpn = VpnDetail {
            vpn_id: f.int(&[VPN_ID]),
            region: f.text(&[VPN_REGION]),
            client_version: f.text(&[VPN_CLIENT_VERSION]),
            client_private_ip: f.text(&[VPN_CLIENT_PRIVATE_IP]),
            client_public_ip: f.text(&[VPN_CLIENT_PUBLIC_IP]),
        };
        let pool = RegionalPool {
            id: f.int(&[POOL_ID]),
            name: f.text(&[POOL_NAME]),
        };
        let mut record = Self {
            id,
            timestamp: f.timestamp(&[TIMESTAMP]),
            event_type,
            event_type_description: f.text(&[EVENT_TYPE_DESCRIPTION]),
            severity,
            severity_id,
            platform: shown,
            source,
            alert: f.boolean(&[ALERT]),
            description: f.text(&[DESCRIPTION]),
            device: Device::read(f),
            operator: NetworkOperator::read_event(f),
            volume: Volume::read(f, [DETAIL_VOLUME_TOTAL, DETAIL_VOLUME_TX, DETAIL_VOLUME_RX]),
            session: PdpSession::read(f),
            network_codes: match f.get(&[DETAIL_MNC]) {
                Some((_, Scalar::List(_))) => f.text_list(&[DETAIL_MNC]),
                _ => Vec::new(),
            },
            tap_codes: f.text_list(&[DETAIL_TAPCODE, DETAIL_TAP_CODE]),
            quota: QuotaDetail::read(
                f,
                [
                    QUOTA_ID_DETAIL,
                    QUOTA_STATUS_ID,
                    QUOTA_STATUS_DESCRIPTION,
                    QUOTA_VOLUME,
                    QUOTA_TOTAL_VOLUME,
                    QUOTA_ACCUMULATED_TOTAL_VOLUME,
                    QUOTA_LAST_VOLUME_ADDED,
                    QUOTA_SERVICE,
                    QUOTA_THRESHOLD_PERCENTAGE,
                    QUOTA_THRESHOLD_VOLUME,
                    QUOTA_EXPIRY_DATE,
                    QUOTA_CREATED_AT,
                ],
            ),
            regional_pool: (pool != RegionalPool::default()).then_some(pool),
            vpn: (vpn != VpnDetail::default()).then_some(vpn),
            failure_cause: f.text(&[DATA_SERVICE_FAILURE_CAUSE, UPDATE_LOCATION_FAILURE_REASON]),
            unread: Vec::new(),
        };
        record.unread = f.take_unread().into_iter().map(RecordError::from).collect();
        Ok(record)
    }

    /// Reads an ambiguous severity again once the batch told the platform.
    pub(crate) fn settle_platform(&mut self, platform: Platform) {
        if self.platform.is_none() {
            self.platform = Some(platform);
            if let Some(EventSeverity::Ambiguous(id)) = self.severity {
                self.severity = Some(EventSeverity::from_id(id, platform));
            }
        }
    }
}
