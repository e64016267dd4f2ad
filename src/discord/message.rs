//! Discord's message payload as the adapter sends it: content, embeds, buttons, file
//! attachments and the `allowed_mentions` that keeps every reply from pinging anyone.
//! These serialise to exactly the JSON Discord's API takes, for both transports.

use serde::Serialize;
use serde_json::{json, Value};

/// Discord's documented limits on one message (counted in characters, not bytes).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS: usize = 10;
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const AUTHOR: usize = 256;
    /// Title, description, field names and values, footer and author over all embeds.
    pub const TOTAL: usize = 6000;
    pub const CUSTOM_ID: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
    pub const CHOICES: usize = 25;
    pub const CHOICE_TEXT: usize = 100;
}

/// Message flag: only the user who asked sees the reply.
pub const EPHEMERAL: u64 = 1 << 6;

/// A message: the `data` of a reply, the body of a follow-up.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Message {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    /// Action rows of buttons (always sent, so paging can remove old buttons).
    pub components: Vec<ActionRow>,
    pub allowed_mentions: AllowedMentions,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
    /// The bytes behind `attachments`, uploaded as multipart `files[n]`.
    #[serde(skip)]
    pub files: Vec<FileUpload>,
}

impl Message {
    /// A plain ephemeral text (errors, "slow down").
    pub fn ephemeral_text(text: impl Into<String>) -> Message {
        Message { content: Some(text.into()), flags: Some(EPHEMERAL), ..Message::default() }
    }

    pub fn is_ephemeral(&self) -> bool {
        self.flags.is_some_and(|f| f & EPHEMERAL != 0)
    }

    /// Attaches a file and points `attachments` at it.
    pub fn attach(&mut self, name: &str, bytes: Vec<u8>) {
        let id = self.files.len() as u64;
        self.attachments.push(AttachmentRef { id, filename: name.to_string() });
        self.files.push(FileUpload { name: name.to_string(), bytes });
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_else(|_| json!({"content": "", "allowed_mentions": {"parse": []}}))
    }
}

/// `{"parse": []}`: no role, user or everyone mention in the text notifies anyone.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct AllowedMentions {
    pub parse: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Embed {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer: Option<Footer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
}

impl Embed {
    /// The characters this embed adds to the 6000 total.
    pub fn chars(&self) -> usize {
        let c = |s: &Option<String>| s.as_deref().map_or(0, |s| s.chars().count());
        c(&self.title)
            + c(&self.description)
            + self.fields.iter().map(|f| f.name.chars().count() + f.value.chars().count()).sum::<usize>()
            + self.footer.as_ref().map_or(0, |f| f.text.chars().count())
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Footer {
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Image {
    pub url: String,
}

/// A row of up to five buttons.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionRow {
    #[serde(rename = "type")]
    pub kind: u8,
    pub components: Vec<Button>,
}

impl ActionRow {
    pub fn new(buttons: Vec<Button>) -> ActionRow {
        ActionRow { kind: 1, components: buttons }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Button {
    #[serde(rename = "type")]
    pub kind: u8,
    /// 2: secondary (grey).
    pub style: u8,
    pub label: String,
    pub custom_id: String,
    pub disabled: bool,
}

impl Button {
    pub fn secondary(label: &str, custom_id: String, disabled: bool) -> Button {
        Button { kind: 2, style: 2, label: label.to_string(), custom_id, disabled }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AttachmentRef {
    pub id: u64,
    pub filename: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileUpload {
    pub name: String,
    pub bytes: Vec<u8>,
}
