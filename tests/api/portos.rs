//! The Portos dialect's customers: one record read the Portos way, NData filters, sorting,
//! paging and counts, `_v`, and its errors naming the parameter.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::credit::pos;
use crate::helpers::*;

async fn portos(app: &TestApp, query: &str) -> Reply {
    pos(app, Method::GET, &format!("/customers{query}"), &app.token, None, None).await
}

async fn make(app: &TestApp, email: &str, name: &str) -> String {
    let c = app
        .create_customer(json!({"email": email, "name_parts": {"_scheme": "full", "full_name": name}}))
        .await;
    c["identifier"].as_str().unwrap().to_string()
}

/// Sets columns the Portos writes will own (not built yet) straight in the file.
fn set(app: &TestApp, id: &str, assignments: &str) {
    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    conn.execute(&format!("UPDATE customers SET {assignments} WHERE identifier = ?1"), [id]).unwrap();
}

fn ids(reply: &Reply) -> Vec<String> {
    reply.json["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_customer_made_over_pretix_reads_as_a_portos_customer_and_every_change_bumps_its_version() {
    let app = TestApp::new();
    let id = make(&app, "ada@example.org", "Ada King Lovelace").await;
    let first = portos(&app, &format!("/{id}")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let c = &first.json;
    assert_eq!(c["id"], json!(id));
    assert_eq!(c["firstName"], json!("Ada King"));
    assert_eq!(c["lastName"], json!("Lovelace"));
    assert_eq!(c["fullName"], json!("Ada King Lovelace"));
    assert_eq!(c["status"], json!("Valid"));
    assert_eq!(c["isActive"], json!(true));
    assert_eq!(c["credit"], json!({"amount": 0.00, "currencyLabel": "EUR"}));
    assert_eq!(c["discountRate"], json!(0.00));
    assert_eq!(c["cards"], json!([]));
    assert_eq!(c["meta"], json!({}));
    assert_eq!(c["_v"], json!(1));

    app.api(Method::PATCH, &customer_url(ORG, &id), &app.token, Some(json!({"notes": "VIP"}))).await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{id}/cards"),
        &app.token,
        None,
        Some(json!({"serialNumber": "A1"})),
    )
    .await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{id}/credit/topup"),
        &app.token,
        Some("k"),
        Some(json!({"amount": 12.5})),
    )
    .await;
    let after = portos(&app, &format!("/{id}")).await;
    assert_eq!(after.json["_v"], json!(4), "pretix edit, card, credit: three changes");
    assert_eq!(after.json["note"], json!("VIP"));
    assert_eq!(after.json["cards"][0]["serialNumber"], json!("A1"));
    assert!(
        after.text.contains(r#""credit":{"amount":12.50,"currencyLabel":"EUR"}"#),
        "an exact number: {}",
        after.text
    );
    assert_eq!(after.json["creditTransactions"][0]["type"], json!("TopUp"));
    assert_eq!(portos(&app, "/NOSUCH").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn ndata_filters_find_customers_by_card_external_id_rates_activity_and_expiry() {
    let app = TestApp::new();
    let a = make(&app, "a@example.org", "Anna Alpha").await;
    let b = make(&app, "b@example.org", "Bert Beta").await;
    let c = make(&app, "c@example.org", "Cleo Gamma").await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{a}/cards"),
        &app.token,
        None,
        Some(json!({"serialNumber": "04:A2:3B"})),
    )
    .await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{b}/cards"),
        &app.token,
        None,
        Some(json!({"serialNumber": "B-777"})),
    )
    .await;
    app.api(Method::PATCH, &customer_url(ORG, &a), &app.token, Some(json!({"external_identifier": "WEB-1"})))
        .await;
    app.api(
        Method::PATCH,
        &customer_url(ORG, &b),
        &app.token,
        Some(json!({"external_identifier": "SHOP-2", "is_active": false})),
    )
    .await;
    set(&app, &a, "discount_rate = 1000, credit_rate = 150");
    set(&app, &b, "discount_rate = 2550");
    set(&app, &c, "expiration_at = '2026-01-01T00:00:00.000000Z'");

    let cases: Vec<(&str, Vec<&String>)> = vec![
        ("CardSerialNumber=04a23b", vec![&a]),
        ("cardserialnumber=in:04A23B:B777", vec![&a, &b]),
        ("CardSerialNumber=null", vec![&c]),
        ("CardSerialNumber=notnull;startswith:b", vec![&b]),
        ("ExternalId=WEB-1", vec![&a]),
        ("ExternalId=startswith:web", vec![&a]),
        ("ExternalId=null", vec![&c]),
        ("ExternalId=neq:WEB-1", vec![&b, &c]),
        ("DiscountRate=gt:10", vec![&b]),
        ("DiscountRate=gte:10;lt:25.5", vec![&a]),
        ("DiscountRate=gte:10&DiscountRate=lt:25.5", vec![&a]),
        ("CreditRate=1.5", vec![&a]),
        ("IsActive=false", vec![&b]),
        ("IsActive=true&DiscountRate=gt:0", vec![&a]),
        ("ExpirationTime=notnull", vec![&c]),
        ("ExpirationTime=lt:2026-02-01T00:00:00Z", vec![&c]),
        ("IsExpired=true", vec![&c]),
        ("IsExpired=false", vec![&a, &b]),
        ("Search=alph", vec![&a]),
        ("Search=ETA", vec![&b]),
        ("Search=Ga", vec![&c]),
        ("Unknown=ignored&Search=Anna", vec![&a]),
    ];
    for (query, expected) in cases {
        let reply = portos(&app, &format!("?{query}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text);
        let want: Vec<String> = expected.into_iter().cloned().collect();
        assert_eq!(ids(&reply), want, "{query}");
        assert_eq!(reply.json["totalCount"], json!(want.len()), "{query}");
    }
}

#[tokio::test]
async fn sorting_paging_and_counting() {
    let app = TestApp::new();
    let names = ["Dora Delta", "Anna Alpha", "Cleo Gamma", "Bert Beta"];
    let mut made = Vec::new();
    for (n, name) in names.iter().enumerate() {
        made.push(make(&app, &format!("p{n}@example.org"), name).await);
    }
    let by_last = portos(&app, "?$sort=lastName").await;
    assert_eq!(ids(&by_last), vec![made[1].clone(), made[3].clone(), made[0].clone(), made[2].clone()]);
    let desc = portos(&app, "?$sort=-lastName").await;
    assert_eq!(ids(&desc), ids(&portos(&app, "?$sort=lastName:desc").await));
    assert_eq!(ids(&desc)[0], made[2]);
    let default = portos(&app, "").await;
    assert_eq!(ids(&default), made, "by creation when unsorted");
    let page = portos(&app, "?$sort=lastName&$skip=1&$take=2").await;
    assert_eq!(page.json["count"], json!(2));
    assert_eq!(page.json["totalCount"], json!(4));
    assert_eq!(ids(&page), vec![made[3].clone(), made[0].clone()]);
    let counted = portos(&app, "?$count=true&$skip=3").await;
    assert_eq!(counted.json, json!({"count": 1, "totalCount": 4}));
    let none = portos(&app, "?$take=0").await;
    assert_eq!(none.json["items"], json!([]));
}

#[tokio::test]
async fn a_bad_query_is_a_problem_naming_the_parameter() {
    let app = TestApp::new();
    for (query, member, message) in [
        ("DiscountRate=gt:ten", "DiscountRate", "'ten' is not a number with at most two decimal places."),
        (
            "discountRate=contains:1",
            "discountRate",
            "The operator 'contains' does not apply to discountRate.",
        ),
        ("IsActive=maybe", "IsActive", "'maybe' is not a boolean (true or false)."),
        (
            "ExpirationTime=lt:soon",
            "ExpirationTime",
            "'soon' is not a date and time (RFC 3339, e.g. 2025-01-01T00:00:00Z).",
        ),
        ("ExternalId=eq:%22open", "ExternalId", "A quoted value is not closed."),
        ("IsExpired=1", "IsExpired", "'1' is not a boolean (true or false)."),
        ("$sort=password", "$sort", "'password' is not a sort key."),
        ("$sort=lastName:sideways", "$sort", "'sideways' is not a direction (asc or desc)."),
        ("$take=5000", "$take", "Take at most 1000 customers per page."),
        ("$skip=-1", "$skip", "'-1' is not a whole number of 0 or more."),
        ("$filter=x", "$filter", "'$filter' is not a query option."),
    ] {
        let reply = portos(&app, &format!("?{query}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(reply.headers["content-type"], "application/problem+json");
        assert_eq!(reply.json["errorCode"], json!(3));
        assert_eq!(
            reply.json["errors"][0],
            json!({"memberName": member, "message": message, "code": null}),
            "{query}"
        );
    }
}

#[tokio::test]
async fn who_may_list_customers() {
    let app = TestApp::new();
    let id = make(&app, "t@example.org", "Tilly Till").await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{id}/cards"),
        &app.token,
        None,
        Some(json!({"serialNumber": "T1"})),
    )
    .await;
    let (_, device) = app.paired_device("Door").await;
    let by_card = app.device_call(Method::GET, "/customers?CardSerialNumber=t1", &device, None).await;
    assert_eq!(by_card.status, StatusCode::OK, "a terminal looks cards up: {}", by_card.text);
    assert_eq!(by_card.json["items"][0]["id"], json!(id));
    let teams_only = app.token_with(&["organizer.teams:write"]);
    let forbidden = pos(&app, Method::GET, "/customers", &teams_only, None, None).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let other = pos(&app, Method::GET, "/customers", &app.other_token, None, None).await;
    assert_eq!(other.json["totalCount"], json!(0), "another organizer sees none of them");
    assert_eq!(app.request(Method::GET, "/customers", &[], None).await.json["errorCode"], json!(1));
    let _ = Value::Null;
}

async fn bearer(app: &TestApp) -> String {
    let body = json!({"UserName": ADMIN_EMAIL, "Password": ADMIN_PASSWORD, "DeviceName": "P01"}).to_string();
    let reply =
        app.request(Method::POST, "/api/auth", &[("content-type", "application/json")], Some(&body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json["tokenId"].as_str().unwrap().to_string()
}

async fn send(app: &TestApp, method: Method, path: &str, auth: &str, body: Option<Value>) -> Reply {
    let text = body.map(|b| b.to_string());
    let mut headers = vec![("authorization", auth)];
    if text.is_some() {
        headers.push(("content-type", "application/json"));
    }
    app.request(method, path, &headers, text.as_deref()).await
}

#[tokio::test]
async fn a_staff_user_logs_in_for_a_bearer_token_with_rights() {
    let app = TestApp::new();
    let body = json!({"UserName": ADMIN_EMAIL, "Password": ADMIN_PASSWORD, "DeviceName": "P01"}).to_string();
    let reply =
        app.request(Method::POST, "/api/auth", &[("content-type", "application/json")], Some(&body)).await;
    assert_eq!(reply.json["user"]["userName"], json!(ADMIN_EMAIL));
    assert_eq!(reply.json["user"]["device"]["name"], json!("P01"));
    assert_eq!(
        reply.json["user"]["rights"],
        json!([
            "customerCreate",
            "customerUpdate",
            "customerDelete",
            "customerSetCredit",
            "customerSetDiscount"
        ])
    );
    let wrong = json!({"UserName": ADMIN_EMAIL, "Password": "nope", "DeviceName": "P01"}).to_string();
    let refused =
        app.request(Method::POST, "/api/auth", &[("content-type", "application/json")], Some(&wrong)).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json["errorCode"], json!(1));
    let token = bearer(&app).await;
    let listed = send(&app, Method::GET, "/customers", &format!("Bearer {token}"), None).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
    let bad = send(&app, Method::GET, "/customers", "Bearer nonsense", None).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_portos_client_creates_and_replaces_a_customer_that_pretix_clients_see() {
    let app = TestApp::new();
    let auth = format!("Bearer {}", bearer(&app).await);
    let created = send(&app, Method::POST, "/customers", &auth, Some(json!({
        "firstName": "Ada", "lastName": "Lovelace", "email": "ADA@example.org", "phone": "+442071234567",
        "gender": "female", "birthDate": "1815-12-10", "isCompany": true,
        "company": {"name": "Analytical Engines Ltd", "vatId": "GB123"},
        "address": {"street": "12 St James's Square", "city": "London", "zipCode": "SW1Y 4JH", "country": "GB"},
        "discountRate": 12.5, "creditRate": 1, "credit": {"amount": 10},
        "cards": [{"serialNumber": "ada-1"}], "meta": {"fax": "none"}
    }))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let c = &created.json;
    let id = c["id"].as_str().unwrap().to_string();
    assert_eq!(c["gender"], json!("Female"));
    assert_eq!(c["address"]["postalCode"], json!("SW1Y 4JH"));
    assert_eq!(c["discountRate"], json!(12.5));
    assert_eq!(c["credit"]["amount"], json!(10.0));
    assert_eq!(c["creditTransactions"][0]["type"], json!("Adjustment"));
    assert_eq!(c["cards"][0]["serialNumber"], json!("ADA1"));
    let as_pretix = app.api(Method::GET, &customer_url(ORG, &id), &app.token, None).await;
    assert_eq!(as_pretix.json["name"], json!("Ada Lovelace"));
    assert_eq!(as_pretix.json["email"], json!("ada@example.org"));
    let found = portos(&app, "?Search=engines").await;
    assert_eq!(ids(&found), vec![id.clone()], "company names are searched");

    let version = c["_v"].as_i64().unwrap();
    let stale = send(
        &app,
        Method::PUT,
        &format!("/customers/{id}"),
        &auth,
        Some(json!({
            "firstName": "Augusta", "lastName": "King", "_v": version - 1
        })),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json["errorCode"], json!(6));
    assert_eq!(stale.json["resource"], json!({"name": "customers", "id": id, "version": version}));
    let replaced = send(
        &app,
        Method::PUT,
        &format!("/customers/{id}"),
        &auth,
        Some(json!({
            "firstName": "Augusta", "lastName": "King", "email": "ada@example.org", "discountRate": 12.5,
            "credit": {"amount": 7.5}, "_v": version
        })),
    )
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.text);
    assert!(replaced.json["_v"].as_i64().unwrap() > version);
    assert_eq!(replaced.json["credit"]["amount"], json!(7.5), "an adjustment of -2.50");
    assert_eq!(replaced.json["company"], Value::Null, "PUT replaces the whole customer");
    assert_eq!(
        app.api(Method::GET, &customer_url(ORG, &id), &app.token, None).await.json["name"],
        json!("Augusta King")
    );

    let chosen =
        send(&app, Method::PUT, "/customers/web-42", &auth, Some(json!({"fullName": "Webb Shop"}))).await;
    assert_eq!(chosen.status, StatusCode::CREATED, "{}", chosen.text);
    assert_eq!(
        app.api(Method::GET, &customer_url(ORG, "web-42"), &app.token, None).await.json["name"],
        json!("Webb Shop")
    );
    let bad_id = send(&app, Method::PUT, "/customers/has%20space", &auth, Some(json!({}))).await;
    assert_eq!(bad_id.json["errors"][0]["memberName"], json!("id"));

    let gone = send(&app, Method::DELETE, &format!("/customers/{id}"), &auth, None).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let after = portos(&app, &format!("/{id}")).await;
    assert_eq!(after.json["isActive"], json!(false));
    assert_eq!(after.json["email"], Value::Null);
    assert_eq!(after.json["credit"]["amount"], json!(7.5), "the ledger stays");
}

#[tokio::test]
async fn rights_decide_discounts_credit_and_deletes_and_bad_fields_are_named() {
    let app = TestApp::new();
    let staff =
        format!("Token {}", app.token_with(&["organizer.customers:read", "organizer.customers:write"]));
    let discounted =
        send(&app, Method::POST, "/customers", &staff, Some(json!({"lastName": "Cheap", "discountRate": 5})))
            .await;
    assert_eq!(discounted.status, StatusCode::FORBIDDEN, "customerSetDiscount is missing");
    assert_eq!(discounted.json["errorCode"], json!(2));
    let plain = send(&app, Method::POST, "/customers", &staff, Some(json!({"lastName": "Plain"}))).await;
    assert_eq!(plain.status, StatusCode::CREATED, "{}", plain.text);
    let id = plain.json["id"].as_str().unwrap();
    let credit = send(
        &app,
        Method::PUT,
        &format!("/customers/{id}"),
        &staff,
        Some(json!({"lastName": "Plain", "credit": {"amount": 50}})),
    )
    .await;
    assert_eq!(credit.status, StatusCode::FORBIDDEN, "customerSetCredit is missing");
    let same_credit = send(
        &app,
        Method::PUT,
        &format!("/customers/{id}"),
        &staff,
        Some(json!({"lastName": "Plainer", "credit": {"amount": 0}})),
    )
    .await;
    assert_eq!(
        same_credit.status,
        StatusCode::OK,
        "an unchanged balance needs no right: {}",
        same_credit.text
    );
    let reader = format!("Token {}", app.token_with(&["organizer.customers:read"]));
    assert_eq!(
        send(&app, Method::DELETE, &format!("/customers/{id}"), &reader, None).await.status,
        StatusCode::FORBIDDEN
    );

    let bad = send(
        &app,
        Method::POST,
        "/customers",
        &format!("Token {}", app.token),
        Some(json!({
            "email": "not-an-email", "gender": "other", "birthDate": "10.12.1815", "discountRate": 150,
            "activationTime": "2026-05-01T00:00:00Z", "expirationTime": "2026-04-01T00:00:00Z"
        })),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let members: Vec<&str> =
        bad.json["errors"].as_array().unwrap().iter().map(|e| e["memberName"].as_str().unwrap()).collect();
    for member in ["gender", "birthDate", "discountRate", "expirationTime"] {
        assert!(members.contains(&member), "{member} in {members:?}");
    }
    let bad_email = send(
        &app,
        Method::POST,
        "/customers",
        &format!("Token {}", app.token),
        Some(json!({"email": "nope"})),
    )
    .await;
    assert_eq!(bad_email.json["errors"][0]["memberName"], json!("email"));
    let not_json = app
        .request(Method::POST, "/customers", &[("authorization", &format!("Token {}", app.token))], Some("x"))
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
}
