//! The email outbox against a real SMTP server on loopback (a minimal one, started by the test):
//! a registration mail goes out in the customer's language; mail queued while the server is down
//! is delivered once it comes up, exactly once; an organizer's own SMTP settings win.

use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use chrono::TimeDelta;
use serde_json::json;
use tessera::auth::{self, Principal};
use tessera::outbox::{self, MailSettingsInput, SmtpConfig, TlsMode};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::*;

/// What the server received: one entry per accepted message (envelope recipient and data).
pub(crate) type Inbox = Arc<Mutex<Vec<(String, String)>>>;

/// A minimal SMTP server: accepts every message and keeps it.
pub(crate) async fn smtp_server(listener: TcpListener) -> Inbox {
    let inbox: Inbox = Arc::default();
    let kept = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let inbox = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut recipient = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                        b"250-sink\r\n250 OK\r\n"
                    } else if command.starts_with("RCPT TO:") {
                        recipient = line[8..].trim().trim_matches(['<', '>']).to_string();
                        b"250 OK\r\n"
                    } else if command.starts_with("DATA") {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        inbox.lock().unwrap().push((recipient.clone(), data));
                        b"250 queued\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    inbox
}

pub(crate) fn config(port: u16) -> SmtpConfig {
    SmtpConfig::from_url(&format!("smtp://127.0.0.1:{port}?from=desk@venue.example")).unwrap()
}

async fn register(app: &TestApp, email: &str, locale: &str) {
    let reply = app
        .api(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            Some(json!({"email": email, "locale": locale, "send_email": true,
                "name_parts": {"_scheme": "full", "full_name": "Grete Gast"}})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    assert_eq!(reply.json["send_email"], json!(false), "pretix's quirk stays");
}

#[tokio::test]
async fn a_registration_mail_is_delivered_in_the_customers_language() {
    let app = TestApp::new();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = smtp_server(listener).await;
    register(&app, "grete@example.org", "de").await;
    app.create_customer(json!({"email": "quiet@example.org"})).await; // no send_email: no mail

    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 1);
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "grete@example.org");
    assert!(received[0].1.contains("Subject: Ihr Kundenkonto bei Demo Venue"), "{}", received[0].1);
    assert!(received[0].1.contains("From: desk@venue.example"));
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let mails = outbox::list(&app.app, &access).unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!((mails[0].state.as_str(), mails[0].attempts), ("sent", 1));
    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 0, "sent once");
}

#[tokio::test]
async fn mail_queued_while_the_server_is_down_is_delivered_once_when_it_comes_up() {
    let app = TestApp::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    register(&app, "first@example.org", "en").await;
    register(&app, "second@example.org", "en").await;
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();

    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 0, "nobody listens yet");
    let waiting = outbox::list(&app.app, &access).unwrap();
    assert!(waiting.iter().all(|m| m.state == "queued" && m.attempts == 1 && m.last_error.is_some()));
    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 0, "backing off");
    assert_eq!(outbox::list(&app.app, &access).unwrap()[0].attempts, 1, "no attempt before the backoff ends");

    let inbox = smtp_server(TcpListener::bind(("127.0.0.1", port)).await.unwrap()).await;
    app.clock.advance(TimeDelta::seconds(31));
    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 2);
    app.clock.advance(TimeDelta::hours(1));
    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 0);
    let mut recipients: Vec<String> = inbox.lock().unwrap().iter().map(|(to, _)| to.clone()).collect();
    recipients.sort();
    assert_eq!(recipients, ["first@example.org", "second@example.org"], "each exactly once");
    assert!(outbox::list(&app.app, &access).unwrap().iter().all(|m| m.state == "sent" && m.attempts == 2));
}

#[tokio::test]
async fn an_organizers_own_smtp_settings_win_and_their_password_is_never_shown() {
    let app = TestApp::new();
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    register(&app, "nobody-configured@example.org", "en").await;
    assert_eq!(outbox::deliver_due(&app.app, None).await.unwrap(), 0);
    assert_eq!(
        outbox::list(&app.app, &access).unwrap()[0].last_error.as_deref(),
        Some("No SMTP server is configured.")
    );

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = smtp_server(listener).await;
    let saved = outbox::save_settings(
        &app.app,
        &access,
        MailSettingsInput {
            host: "127.0.0.1".into(),
            port,
            tls: TlsMode::None,
            username: None,
            password: Some("secret".into()),
            sender: "box@venue.example".into(),
        },
    )
    .unwrap();
    assert!(saved.has_password);
    assert!(!format!("{saved:?}").contains("secret"));
    let bad = outbox::save_settings(
        &app.app,
        &access,
        MailSettingsInput {
            host: " ".into(),
            port: 0,
            tls: TlsMode::Tls,
            username: None,
            password: None,
            sender: "x".into(),
        },
    );
    assert!(bad.is_err());

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    app.clock.advance(TimeDelta::seconds(31));
    assert_eq!(
        outbox::deliver_due(&app.app, Some(&config(closed))).await.unwrap(),
        1,
        "the organizer's server is used"
    );
    assert!(inbox.lock().unwrap()[0].1.contains("From: box@venue.example"));
}

#[tokio::test]
async fn the_desk_keeps_smtp_settings_without_ever_showing_the_password_and_lists_the_outbox() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let url = "/api/desk/organizers/demo/mail-settings";
    assert_eq!(app.desk(Method::GET, url, &cookie, None).await.json, serde_json::Value::Null);
    let body = json!({"host": "mail.venue.example", "port": 587, "tls": "starttls", "username": "box",
        "password": "s3cret", "sender": "box@venue.example"});
    let saved = app.desk(Method::PUT, url, &cookie, Some(body)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    assert!(!saved.text.contains("s3cret"));
    assert_eq!(saved.json["has_password"], json!(true));
    let kept = app
        .desk(
            Method::PUT,
            url,
            &cookie,
            Some(json!({"host": "mail.venue.example", "port": 465, "tls": "tls",
            "username": "box", "password": null, "sender": "box@venue.example"})),
        )
        .await;
    assert_eq!(kept.json["has_password"], json!(true), "no new password keeps the old one");
    let read = app.desk(Method::GET, url, &cookie, None).await;
    assert_eq!(read.json["port"], json!(465));
    assert!(!read.text.contains("s3cret"));
    let bad = app.desk(Method::PUT, url, &cookie, Some(json!({"host": "", "port": 25, "tls": "none", "username": null, "password": null, "sender": "nope"}))).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json["fields"]["host"].is_array() && bad.json["fields"]["sender"].is_array());

    register(&app, "listed@example.org", "en").await;
    let listed = app.desk(Method::GET, "/api/desk/organizers/demo/outbox", &cookie, None).await;
    assert_eq!(listed.json[0]["recipient"], json!("listed@example.org"));
    assert_eq!(listed.json[0]["state"], json!("queued"));
    let id = listed.json[0]["id"].clone();
    let retry =
        app.desk(Method::POST, &format!("/api/desk/organizers/demo/outbox/{id}/retry"), &cookie, None).await;
    assert_eq!(retry.status, StatusCode::NO_CONTENT);
}
