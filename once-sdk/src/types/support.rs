//! Service requests to 1NCE support (support management).

use serde::{Deserialize, Serialize};

use super::de::opt_string;
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};

string_enum!(
    /// Where a service request stands.
    ServiceRequestStatus {
        /// Opened, not yet worked on.
        Open = "OPEN",
        /// Being worked on.
        InProgress = "IN_PROGRESS",
        /// Closed.
        Closed = "CLOSED",
    }
);

string_enum!(
    /// Whether a message went to 1NCE or came from it.
    CommunicationDirection {
        /// From you to 1NCE.
        In = "IN",
        /// From 1NCE to you.
        Out = "OUT",
    }
);

string_enum!(
    /// The channel of a message in a service request.
    CommunicationChannel {
        /// The 1NCE portal.
        Portal = "PORTAL",
        /// A call to 1NCE.
        PhoneIn = "PHONE_IN",
        /// A call from 1NCE.
        PhoneOut = "PHONE_OUT",
        /// An e-mail to 1NCE.
        MailIn = "MAIL_IN",
        /// An e-mail from 1NCE.
        MailOut = "MAIL_OUT",
    }
);

/// One message of a service request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Communication {
    /// The message's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
    /// When it was sent.
    #[serde(
        default,
        rename = "communicationDate",
        deserialize_with = "opt_timestamp"
    )]
    pub communication_date: Option<Timestamp>,
    /// To 1NCE (`IN`) or from 1NCE (`OUT`).
    #[serde(default)]
    pub direction: Option<CommunicationDirection>,
    /// Who sent it.
    #[serde(default, deserialize_with = "opt_string")]
    pub originator: Option<String>,
    /// The subject.
    #[serde(default, deserialize_with = "opt_string")]
    pub subject: Option<String>,
    /// The text.
    #[serde(default, deserialize_with = "opt_string")]
    pub text: Option<String>,
    /// Portal, phone or e-mail (`type` on the wire).
    #[serde(default, rename = "type")]
    pub channel: Option<CommunicationChannel>,
}

/// A service request (support ticket) of the account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceRequest {
    /// The case id to refer to the ticket by.
    #[serde(default, rename = "caseId", deserialize_with = "opt_string")]
    pub case_id: Option<String>,
    /// Open, in progress or closed.
    #[serde(default)]
    pub status: Option<ServiceRequestStatus>,
    /// The subject.
    #[serde(default, deserialize_with = "opt_string")]
    pub subject: Option<String>,
    /// The text.
    #[serde(default, deserialize_with = "opt_string")]
    pub text: Option<String>,
    /// When it was opened.
    #[serde(default, rename = "createDate", deserialize_with = "opt_timestamp")]
    pub create_date: Option<Timestamp>,
    /// When it was marked solved.
    #[serde(default, rename = "solvedDate", deserialize_with = "opt_timestamp")]
    pub solved_date: Option<Timestamp>,
    /// The messages exchanged.
    #[serde(default)]
    pub communications: Option<Vec<Communication>>,
}

/// The body of a new service request (`POST /v1/support`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewServiceRequest {
    /// The e-mail address 1NCE answers to.
    #[serde(
        default,
        rename = "replyToMail",
        skip_serializing_if = "Option::is_none"
    )]
    pub reply_to_mail: Option<String>,
    /// The name of the person opening the request.
    #[serde(
        default,
        rename = "senderName",
        skip_serializing_if = "Option::is_none"
    )]
    pub sender_name: Option<String>,
    /// The subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}
