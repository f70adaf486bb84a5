//! The result classes of the v2 SIM operations beyond the basics (status,
//! events, top-ups), SMS, orders, products and support: one `py_model!` per
//! Rust model, listed in `models!(...)` in `models.rs`.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::{Deserialize, Serialize};

use crate::convert::{py_type_of, ToPy};

use crate::models::py_model;

/// What 1NCE answered to a new order (`once_sdk::OrderCreated`, which has no
/// serde form, as plain data for the model class).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderCreatedData {
    pub order_number: Option<u64>,
    pub location: Option<String>,
    pub order: Option<once_sdk::OrderRequest>,
}

impl From<once_sdk::OrderCreated> for OrderCreatedData {
    fn from(c: once_sdk::OrderCreated) -> Self {
        Self {
            order_number: c.order_number.map(u64::from),
            location: c.location,
            order: c.order,
        }
    }
}

py_model! {
    /// What 1NCE answered to a new order.
    OrderCreated(OrderCreatedData) {
        /// The new order's number, when 1NCE said where it lives.
        order_number,
        /// The `Location` header (URL of the new order), when sent.
        location,
        /// The order as 1NCE echoed it back, when it sent a body.
        order,
    }
}

py_model! {
    /// A SIM's connectivity: status, data limit state, location, PDP contexts and
    /// the services available (the v2 connectivity detail).
    SimConnectivity(once_sdk::SimConnectivity) {
        /// Online, attached, offline or blocked.
        status,
        /// Whether the data traffic limit is reached.
        data_traffic_limit_state,
        /// Where the SIM was last seen in the network.
        location,
        /// The SIM's current data sessions.
        pdp_contexts,
        /// The services currently available (`GPRS`, `SMS`, ...).
        services,
    }
}

py_model! {
    /// The connectivity status object (`{"description": "ONLINE"}`).
    ConnectivityState(once_sdk::ConnectivityState) as str(description) {
        /// `ONLINE`, `ATTACHED`, `OFFLINE` or `BLOCKED`.
        description,
    }
}

py_model! {
    /// The data traffic limit state object (`{"description": "NOT_REACHED"}`).
    DataTrafficLimitState(once_sdk::DataTrafficLimitState) as str(description) {
        /// `REACHED` or `NOT_REACHED`.
        description,
    }
}

py_model! {
    /// Where a SIM was last seen in the network.
    SimLocation(once_sdk::SimLocation) {
        /// The SIM's ICCID.
        iccid,
        /// The IMSI the SIM used.
        imsi,
        /// When the location was last updated.
        last_updated,
        /// The SGSN the SIM is attached to.
        sgsn_number,
        /// The Visitor Location Register.
        vlr_number,
        /// The id of the operator the SIM is connected to.
        operator_id,
        /// The Mobile-services Switching Centre.
        msc,
        /// The IP address of the SGSN.
        sgsn_ip_address,
        /// The MME name (LTE).
        mme_name,
        /// The MME realm (LTE).
        mme_realm,
        /// The SGSN name.
        sgsn_name,
        /// The SGSN realm.
        sgsn_realm,
        /// The operator the SIM is attached to.
        operator,
        /// The country the SIM is in.
        country,
    }
}

py_model! {
    /// A mobile network operator.
    Operator(once_sdk::Operator) {
        /// 1NCE's id of the operator.
        id,
        /// The operator's name (`T-Mobile`).
        name,
        /// The Mobile Network Code (`01`).
        mnc,
        /// The operator's country.
        country,
    }
}

py_model! {
    /// A country. 1NCE sends its id as `id` (a number) in some places and as
    /// `country_id` (a string) in others; each is kept as sent.
    Country(once_sdk::Country) {
        /// 1NCE's id of the country; 0 is "any country".
        id,
        /// 1NCE's id of the country, where it is sent as `country_id`.
        country_id,
        /// The country's name (`Germany`).
        name,
        /// The international dialling prefix (`49`).
        country_code,
        /// The Mobile Country Code (`262`).
        mcc,
        /// The ISO 3166 code (`de`).
        iso_code,
    }
}

py_model! {
    /// The Radio Access Technology of a data session. The status call sends it as
    /// `{"rat_type_id": "2", "description": "NB-IoT"}`, SIM events as a bare
    /// number; both decode.
    RatType(once_sdk::RatType) {
        /// The RAT's id.
        rat_type_id,
        /// The RAT's name (`NB-IoT`, `LTE-M`, ...).
        description,
    }
}

py_model! {
    /// A PDP context: one data session of the SIM. Ids and codes are kept as
    /// text (1NCE sends them as strings on the status call and as numbers in SIM
    /// events). Every field is optional: the deprecated `lac`/`ci`/`sac`/`rac`
    /// exist only for 2G/3G sessions, whatever the spec's `required` list says.
    PdpContext(once_sdk::PdpContext) {
        /// The PDP context's id.
        pdp_context_id,
        /// The endpoint (SIM device) id.
        endpoint_id,
        /// The tariff id.
        tariff_id,
        /// The rate zone id.
        ratezone_id,
        /// The organisation id.
        organisation_id,
        /// The IMSI's id.
        imsi_id,
        /// The IMSI in use.
        imsi,
        /// The SIM's id.
        sim_id,
        /// Tunnel id, user plane.
        tx_teid_data_plane,
        /// Tunnel id, control plane.
        tx_teid_control_plane,
        /// Receive tunnel id.
        rx_teid,
        /// Receive tunnel id, user plane.
        rx_teid_data_plane,
        /// Receive tunnel id, control plane.
        rx_teid_control_plane,
        /// The GTP version (`1`, `2`).
        gtp_version,
        /// The NSAPI.
        nsapi,
        /// SGSN address, control plane.
        sgsn_control_plane_ip_address,
        /// SGSN address, user plane.
        sgsn_data_plane_ip_address,
        /// GGSN address, control plane.
        ggsn_control_plane_ip_address,
        /// GGSN address, user plane.
        ggsn_data_plane_ip_address,
        /// When the session was created.
        created,
        /// When the tunnel was created (SIM events).
        tunnel_created,
        /// Mobile Country Code.
        mcc,
        /// Mobile Network Code.
        mnc,
        /// The operator's id.
        operator_id,
        /// Location Area Code (deprecated: use `gtp_v1_uli`).
        lac,
        /// Cell id (deprecated: use `gtp_v1_uli`).
        ci,
        /// Service Area Code (deprecated: use `gtp_v1_uli`).
        sac,
        /// Routing Area Code (deprecated: use `gtp_v1_uli`).
        rac,
        /// User location, GTP v1 (2G/3G). Only one of the two ULIs is sent.
        gtp_v1_uli,
        /// User location, GTP v2 (LTE). Only one of the two ULIs is sent.
        gtp_v2_uli,
        /// The device's IP address.
        ue_ip_address,
        /// The device's IMEISV.
        imeisv,
        /// The radio access technology.
        rat_type,
        /// The AWS region of the session's breakout.
        region,
        /// The APN.
        apn,
        /// The IP-CAN session id.
        ipcan_session_id,
        /// The breakout IP address (SIM events).
        breakout_ip,
    }
}

py_model! {
    /// GTP v1 User Location Information.
    GtpV1Uli(once_sdk::GtpV1Uli) {
        /// Location Area Code.
        lac,
        /// Cell id.
        ci,
        /// Service Area Code.
        sac,
        /// Routing Area Code.
        rac,
    }
}

py_model! {
    /// GTP v2 User Location Information.
    GtpV2Uli(once_sdk::GtpV2Uli) {
        /// Cell Global Identification.
        cgi,
        /// Service Area Identity.
        sai,
        /// Routing Area Identity.
        rai,
        /// Tracking Area Code.
        tac,
        /// E-UTRAN Cell Identifier.
        eci,
        /// Location Area Code.
        lac,
        /// Macro eNodeB id.
        menbi,
        /// Extended macro eNodeB id.
        emenbi,
    }
}

py_model! {
    /// Cell Global Identification.
    CellGlobalId(once_sdk::CellGlobalId) {
        /// Location Area Code.
        lac,
        /// Cell id.
        ci,
    }
}

py_model! {
    /// Service Area Identity.
    ServiceAreaId(once_sdk::ServiceAreaId) {
        /// Location Area Code.
        lac,
        /// Service Area Code.
        sac,
    }
}

py_model! {
    /// Routing Area Identity.
    RoutingAreaId(once_sdk::RoutingAreaId) {
        /// Location Area Code.
        lac,
        /// Routing Area Code.
        rac,
    }
}

py_model! {
    /// A diagnostic event of a SIM.
    Event(once_sdk::Event) {
        /// The event's id.
        id,
        /// What happened (`{"id": 4, "description": "Delete PDP Context"}`).
        event_type,
        /// When it happened.
        timestamp,
        /// Whether the event is an alert.
        alert,
        /// The user who caused the event, if any.
        user,
        /// The event in words (`PDP Context deleted.`).
        description,
        /// Where the event came from (`{"id": 0, "description": "Network"}`).
        event_source,
        /// How severe it is (`{"id": 0, "description": "INFO"}`).
        event_severity,
        /// The organisation (your 1NCE account).
        organisation,
        /// The device (endpoint) the SIM is in.
        endpoint,
        /// The SIM.
        sim,
        /// The IMSI the SIM used.
        imsi,
        /// Details that depend on the event type: location update, data
        /// session, quota or VPN.
        detail,
    }
}

py_model! {
    /// A numbered value with a name, as events carry their type, source and
    /// severity.
    EventCode(once_sdk::EventCode) {
        /// The number.
        id,
        /// The name.
        description,
    }
}

py_model! {
    /// An organisation (1NCE account).
    Organisation(once_sdk::Organisation) {
        /// Its id.
        id,
        /// Its name.
        name,
    }
}

py_model! {
    /// The device (endpoint) of an event.
    EventEndpoint(once_sdk::EventEndpoint) {
        /// The endpoint's id.
        id,
        /// The endpoint's name.
        name,
        /// The device's IP address.
        ip_address,
        /// The device's IMEI.
        imei,
    }
}

py_model! {
    /// The SIM of an event.
    EventSim(once_sdk::EventSim) {
        /// 1NCE's internal id of the SIM.
        id,
        /// The SIM's ICCID.
        iccid,
        /// The SIM's MSISDN.
        msisdn,
    }
}

py_model! {
    /// The IMSI of an event.
    EventImsi(once_sdk::EventImsi) {
        /// 1NCE's internal id of the IMSI.
        id,
        /// The IMSI.
        imsi,
    }
}

py_model! {
    /// The details of an event. 1NCE sends one of four shapes (location update,
    /// data session, quota, VPN) without saying which; this type holds the fields
    /// of all four, and those of the shape received are set.
    EventDetail(once_sdk::EventDetail) {
        /// The network's or session's id (location update, data session).
        id,
        /// The network's or session's name (location update, data session).
        name,
        /// The country (location update, data session).
        country,
        /// TAP codes of the network (location update).
        tapcode,
        /// Mobile Network Codes of the network (location update).
        mnc,
        /// Why the location update failed (`RAT_NOT_ALLOWED`).
        update_location_failure_reason,
        /// Data volume of the session (data session).
        volume,
        /// Why the data session was refused (data session).
        data_service_failure_cause,
        /// The session (data session).
        pdp_context,
        /// The quota (quota events).
        quota,
        /// The regional pool the quota belongs to (quota events).
        regional_pool,
        /// The OpenVPN id (VPN events).
        vpn_id,
        /// The AWS region (VPN events).
        region,
        /// The VPN client (VPN events).
        client,
    }
}

py_model! {
    /// A regional pool of quota.
    RegionalPool(once_sdk::RegionalPool) {
        /// Its id.
        id,
        /// Its name.
        name,
    }
}

py_model! {
    /// A TAP code of a network.
    TapCode(once_sdk::TapCode) {
        /// Its id.
        id,
        /// The TAP code.
        tapcode,
    }
}

py_model! {
    /// A Mobile Network Code of a network.
    NetworkCode(once_sdk::NetworkCode) {
        /// Its id.
        id,
        /// The MNC.
        mnc,
    }
}

py_model! {
    /// The data volume of a session.
    SessionVolume(once_sdk::SessionVolume) {
        /// Sent by the device.
        tx,
        /// Received by the device.
        rx,
        /// Both directions.
        total,
    }
}

py_model! {
    /// The quota of a quota event (either of the two shapes 1NCE sends).
    EventQuota(once_sdk::EventQuota) {
        /// The quota's id.
        id,
        /// Active, exhausted or expired.
        status,
        /// What is left: MB for data, messages for SMS. Can be negative.
        volume,
        /// The volume provisioned, or what was left at the last top-up plus the top-up.
        total_volume,
        /// The initial volume plus every top-up.
        accumulated_total_volume,
        /// The volume of the last top-up.
        last_volume_added,
        /// `data` or `sms`.
        service,
        /// The percentage of `total_volume` at which a threshold event fires.
        threshold_percentage,
        /// `total_volume * threshold_percentage`.
        threshold_volume,
        /// The threshold as percentage and volume.
        threshold,
        /// When the quota expires.
        expiry_date,
        /// When the quota was created.
        created_at,
    }
}

py_model! {
    /// The threshold of a quota.
    QuotaThresholdLevel(once_sdk::QuotaThresholdLevel) {
        /// Percentage of the total volume.
        percentage,
        /// The same as a volume.
        volume,
    }
}

py_model! {
    /// The OpenVPN client of a VPN event.
    VpnClient(once_sdk::VpnClient) {
        /// The OpenVPN client version.
        version,
        /// The client's private IP address.
        private_ip,
        /// The client's public IP address.
        public_ip,
    }
}

py_model! {
    /// An SMS sent to (MT) or received from (MO) a SIM, as 1NCE lists it (v2).
    SmsRecord(once_sdk::SmsRecord) {
        /// The SMS id (for `client.sms.get` and
        /// `client.sms.delete`).
        id,
        /// When 1NCE accepted it.
        submit_date,
        /// When it was delivered.
        delivery_date,
        /// When delivery attempts stop.
        expiry_date,
        /// When it reached its final state.
        final_date,
        /// When delivery is tried next.
        retry_date,
        /// When delivery was last tried.
        last_delivery_attempt,
        /// How often delivery was retried.
        retry_count,
        /// The GSM MAP error of the last failed attempt.
        gsm_map_error,
        /// Data Coding Scheme (0 text, 4 binary, 8 UCS-2).
        dcs,
        /// Protocol identifier.
        pid,
        /// The sender's address.
        source_address,
        /// The type of the sender's address.
        source_address_type,
        /// The device (endpoint).
        endpoint,
        /// 1NCE's internal id of the SIM.
        sim_id,
        /// The SIM's ICCID.
        iccid,
        /// The SIM's MSISDN.
        msisdn,
        /// The SIM's IMSI.
        imsi,
        /// The Mobile-services Switching Centre that handled it.
        msc,
        /// User Data Header (hex).
        udh,
        /// The message (1NCE may mask it as `***`).
        payload,
        /// Pending, delivered, failed or expired.
        status,
        /// MT or MO.
        sms_type,
    }
}

py_model! {
    /// The delivery state of an SMS, as a number and a name.
    SmsStatusInfo(once_sdk::SmsStatusInfo) as str(description) {
        /// 2 pending, 4 delivered, 5 failed, 6 expired.
        id,
        /// The same in words.
        description,
    }
}

py_model! {
    /// The direction of an SMS, as a number and a name.
    SmsType(once_sdk::SmsType) as str(description) {
        /// 1 MT, 2 MO.
        id,
        /// The same in words.
        description,
    }
}

py_model! {
    /// The type of an SMS source address, as a number and a name.
    SourceAddressTypeInfo(once_sdk::SourceAddressTypeInfo) {
        /// 145 international, 161 national, 208 alphanumeric.
        id,
        /// The same in words (`National`).
        description,
    }
}

py_model! {
    /// The device (endpoint) of an SMS.
    SmsEndpoint(once_sdk::SmsEndpoint) {
        /// The endpoint's id.
        id,
        /// The endpoint's name.
        name,
    }
}

py_model! {
    /// The order 1NCE created for a top-up.
    TopUpOrder(once_sdk::TopUpOrder) {
        /// Where the order is (the `Location` header, e.g.
        /// `https://api.1nce.com/management-api/v2/orders/1234`), when 1NCE sent it.
        location,
    }
}

py_model! {
    /// An order of the account: SIMs, top-ups, tariff changes.
    Order(once_sdk::Order) {
        /// The order's number.
        order_number,
        /// First order, additional order, top-up, bulk top-up or tariff change.
        order_type,
        /// When the order was placed.
        order_date,
        /// Where the order is in 1NCE's process (e.g. `COMPLETED`).
        order_status,
        /// The invoice's number.
        invoice_number,
        /// The gross amount as printed on the invoice (`"19.99"`), kept as text
        /// so no cent is lost to floating point.
        invoice_amount,
        /// ISO 4217 currency of the invoice amount (`EUR`).
        currency,
        /// Where the order was shipped.
        shipping_address,
        /// The SIMs included in or affected by the order.
        sims,
        /// The products ordered and their quantities.
        products,
    }
}

py_model! {
    /// A delivery address: where an order is shipped to (in a new order), or
    /// where it was shipped (in an `Order`).
    DeliveryAddress(once_sdk::DeliveryAddress) {
        /// Mr (`"1"`) or Ms (`"2"`).
        salutation,
        /// First name.
        first_name,
        /// Last name.
        last_name,
        /// Company name.
        company,
        /// Street name.
        street,
        /// Second address line.
        address_line2,
        /// House number.
        house_number,
        /// ZIP code.
        zip,
        /// City.
        city,
        /// ISO 3166-1 alpha-2 country code (`DE`).
        country,
        /// Phone number with international prefix.
        phone,
    }
}

py_model! {
    /// A SIM included in or affected by an order.
    OrderSim(once_sdk::OrderSim) {
        /// The SIM's ICCID.
        iccid,
        /// Links to the SIM resource.
        links,
    }
}

py_model! {
    /// A link from an order's SIM to the SIM resource.
    SimLink(once_sdk::SimLink) {
        /// The relation, e.g. `self`.
        rel,
        /// The URL.
        href,
    }
}

py_model! {
    /// A product and quantity of an existing order.
    OrderProduct(once_sdk::OrderProduct) {
        /// The product's id.
        product_id,
        /// How many were ordered.
        quantity,
    }
}

py_model! {
    /// The body of a new order (`POST /v1/orders`); 1NCE may echo it back.
    OrderRequest(once_sdk::OrderRequest) {
        /// The products to order.
        products,
        /// Where to ship; without it 1NCE uses the account's single delivery
        /// address (required when the account has several).
        delivery_address,
        /// Your own reference for the order.
        customer_reference,
    }
}

py_model! {
    /// One line of a new order: a product (see `client.products.list()`) and
    /// how many of it.
    OrderedProduct(once_sdk::OrderedProduct) {
        /// The product's id (`productId` on the wire).
        product_id,
        /// How many to order (at least 1).
        quantity,
    }
}

py_model! {
    /// A product that can be ordered with `client.orders.create()`.
    Product(once_sdk::Product) {
        /// The product id to order by.
        id,
        /// The product's name, e.g. `1NCE IoT FlexSIM - Standard`.
        product,
        /// The product type, e.g. `1NCE FlexSIM`.
        material,
        /// How many items one package holds.
        package_size,
        /// The least quantity per order.
        min_quantity,
        /// The largest quantity per order.
        max_quantity,
        /// The largest quantity per customer.
        max_quantity_per_customer,
        /// The minimum contract duration in months.
        min_contract_duration,
        /// Charges due once.
        one_time_charges,
        /// Charges due repeatedly.
        recurring_charges,
    }
}

py_model! {
    /// A price of a product: one-time or recurring.
    Charge(once_sdk::Charge) {
        /// What the charge is for, e.g. `provisionCharge`.
        name,
        /// The net amount.
        amount_net,
        /// ISO 4217 currency (`EUR`).
        currency,
    }
}

py_model! {
    /// A service request (support ticket) of the account.
    ServiceRequest(once_sdk::ServiceRequest) {
        /// The case id to refer to the ticket by.
        case_id,
        /// Open, in progress or closed.
        status,
        /// The subject.
        subject,
        /// The text.
        text,
        /// When it was opened.
        create_date,
        /// When it was marked solved.
        solved_date,
        /// The messages exchanged.
        communications,
    }
}

py_model! {
    /// One message of a service request.
    Communication(once_sdk::Communication) {
        /// The message's id.
        id,
        /// When it was sent.
        communication_date,
        /// To 1NCE (`IN`) or from 1NCE (`OUT`).
        direction,
        /// Who sent it.
        originator,
        /// The subject.
        subject,
        /// The text.
        text,
        /// Portal, phone or e-mail (`type` on the wire).
        channel,
    }
}
