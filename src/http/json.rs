//! JSON response bodies. pretix renders JSON compactly with every non-ASCII character escaped
//! (`\u00e9`); its dialect does the same so that byte-comparing clients see no difference.

use std::io;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut units = [0u16; 2];
        let mut rest = fragment;
        while !rest.is_empty() {
            // Copy the ASCII run in one go; escape the next character, if any.
            let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            writer.write_all(&rest.as_bytes()[..run])?;
            rest = &rest[run..];
            if let Some(ch) = rest.chars().next() {
                for unit in ch.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                rest = &rest[ch.len_utf8()..];
            }
        }
        Ok(())
    }
}

/// Serializes `value` as compact, ASCII-only JSON.
pub fn to_ascii_json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
    value.serialize(&mut ser)?;
    Ok(out)
}

/// A JSON response in the pretix dialect's rendering.
pub struct AsciiJson<T>(pub StatusCode, pub T);

impl<T: Serialize> IntoResponse for AsciiJson<T> {
    fn into_response(self) -> Response {
        match to_ascii_json(&self.1) {
            Ok(body) => {
                let mut response = (self.0, body).into_response();
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                response
            }
            Err(err) => {
                tracing::error!(error = %err, "serializing a response failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_text_is_escaped_like_python_does() {
        let out = to_ascii_json(&serde_json::json!({"name": "Zoë 🎟", "n": 1})).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"n":1,"name":"Zo\u00eb \ud83c\udf9f"}"#);
    }

    #[test]
    fn escapes_json_needs_are_kept() {
        let out = to_ascii_json(&"a\"b\\c\n").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#""a\"b\\c\n""#);
    }
}
