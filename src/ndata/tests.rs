//! The grammar, table by table: every operator, every kind, every error.

use super::*;

const TEXT: Kind = Kind::Text { nullable: true };
const TIME: Kind = Kind::Time { nullable: true };

fn one(kind: Kind, raw: &str) -> Result<Vec<Condition>, QueryError> {
    parse_filter("F", kind, &[raw])
}

fn cond(op: Op, args: Vec<Value>) -> Condition {
    Condition { op, args }
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

#[test]
fn operators_and_their_arguments() {
    let cases: Vec<(Kind, &str, Vec<Condition>)> = vec![
        (TEXT, "ABC", vec![cond(Op::Eq, vec![text("ABC")])]),
        (TEXT, "eq:ABC", vec![cond(Op::Eq, vec![text("ABC")])]),
        (TEXT, "EQ:ABC", vec![cond(Op::Eq, vec![text("ABC")])]),
        (TEXT, "neq:A", vec![cond(Op::Neq, vec![text("A")])]),
        (TEXT, "ne:A", vec![cond(Op::Neq, vec![text("A")])]),
        (TEXT, "in:A:B:C", vec![cond(Op::In, vec![text("A"), text("B"), text("C")])]),
        (TEXT, "nin:A", vec![cond(Op::Nin, vec![text("A")])]),
        (TEXT, "null", vec![cond(Op::Null, vec![])]),
        (TEXT, "notnull", vec![cond(Op::NotNull, vec![])]),
        (TEXT, "contains:web", vec![cond(Op::Contains, vec![text("web")])]),
        (TEXT, "startswith:WEB-", vec![cond(Op::StartsWith, vec![text("WEB-")])]),
        (TEXT, "eq:null", vec![cond(Op::Eq, vec![text("null")])]),
        (TEXT, r#"eq:"a:b;c""#, vec![cond(Op::Eq, vec![text("a:b;c")])]),
        (TEXT, r#""quoted \"x\" \\ y""#, vec![cond(Op::Eq, vec![text(r#"quoted "x" \ y"#)])]),
        (TEXT, r#"in:"a;b":c"#, vec![cond(Op::In, vec![text("a;b"), text("c")])]),
        (Kind::Decimal, "gt:10", vec![cond(Op::Gt, vec![Value::Hundredths(1000)])]),
        (
            Kind::Decimal,
            "gte:0.5;lte:20.25",
            vec![cond(Op::Gte, vec![Value::Hundredths(50)]), cond(Op::Lte, vec![Value::Hundredths(2025)])],
        ),
        (
            Kind::Decimal,
            "ge:1;le:2",
            vec![cond(Op::Gte, vec![Value::Hundredths(100)]), cond(Op::Lte, vec![Value::Hundredths(200)])],
        ),
        (Kind::Decimal, "lt:-1", vec![cond(Op::Lt, vec![Value::Hundredths(-100)])]),
        (Kind::Decimal, "in:5:10", vec![cond(Op::In, vec![Value::Hundredths(500), Value::Hundredths(1000)])]),
        (Kind::Bool, "TRUE", vec![cond(Op::Eq, vec![Value::Bool(true)])]),
        (Kind::Bool, "neq:false", vec![cond(Op::Neq, vec![Value::Bool(false)])]),
        (
            TIME,
            "lt:2025-01-01T00:00:00Z",
            vec![cond(Op::Lt, vec![Value::Time("2025-01-01T00:00:00.000000Z".into())])],
        ),
        (
            TIME,
            "2025-01-01T01:00:00+01:00",
            vec![cond(Op::Eq, vec![Value::Time("2025-01-01T00:00:00.000000Z".into())])],
        ),
        (
            TIME,
            "gte:2025-06-01",
            vec![cond(Op::Gte, vec![Value::Time("2025-06-01T00:00:00.000000Z".into())])],
        ),
        (TIME, "null", vec![cond(Op::Null, vec![])]),
    ];
    for (kind, raw, expected) in cases {
        assert_eq!(one(kind, raw), Ok(expected), "{raw}");
    }
}

#[test]
fn repeated_filters_all_hold() {
    assert_eq!(
        parse_filter("DiscountRate", Kind::Decimal, &["gt:0", "lt:50"]),
        parse_filter("DiscountRate", Kind::Decimal, &["gt:0;lt:50"])
    );
}

#[test]
fn every_mistake_names_the_filter() {
    let cases: Vec<(Kind, &str, &str)> = vec![
        (Kind::Decimal, "gt:ten", "'ten' is not a number with at most two decimal places."),
        (Kind::Decimal, "gt:1.234", "'1.234' is not a number with at most two decimal places."),
        (Kind::Decimal, "contains:1", "The operator 'contains' does not apply to F."),
        (Kind::Decimal, "null", "The operator 'null' does not apply to F."),
        (Kind::Bool, "gt:true", "The operator 'gt' does not apply to F."),
        (Kind::Bool, "yes", "'yes' is not a boolean (true or false)."),
        (Kind::Text { nullable: false }, "null", "The operator 'null' does not apply to F."),
        (TIME, "lt:tomorrow", "'tomorrow' is not a date and time (RFC 3339, e.g. 2025-01-01T00:00:00Z)."),
        (TEXT, "gt", "'gt' needs a value."),
        (TEXT, "in", "'in' needs at least one value."),
        (TEXT, "null:x", "'null' takes no value."),
        (TEXT, r#"eq:"a"#, "A quoted value is not closed."),
        (TEXT, r#"eq:a"b""#, "Quote a whole value, or none of it."),
        (TEXT, r#"eq:"a\nb""#, "Inside quotes, only \\\" and \\\\ are escapes."),
        (TEXT, r#"eq:"a":"b""#, "'eq' takes one value."),
        (TEXT, "a;;b", "An operation is empty (check for a stray ';')."),
        (TEXT, "", "An operation is empty (check for a stray ';')."),
    ];
    for (kind, raw, message) in cases {
        assert_eq!(one(kind, raw), Err(QueryError { member: "F".into(), message: message.into() }), "{raw}");
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Key {
    Name,
    Rate,
}

fn keys(name: &str) -> Option<Key> {
    match name {
        "lastname" => Some(Key::Name),
        "discountrate" => Some(Key::Rate),
        _ => None,
    }
}

#[test]
fn sort_keys_directions_and_repeats() {
    let asc = |key| SortKey { key, descending: false };
    let desc = |key| SortKey { key, descending: true };
    assert_eq!(parse_sort("lastName", keys), Ok(vec![asc(Key::Name)]));
    assert_eq!(parse_sort("LASTNAME,-discountRate", keys), Ok(vec![asc(Key::Name), desc(Key::Rate)]));
    assert_eq!(parse_sort("lastName,discountRate:desc", keys), parse_sort("lastName,-discountRate", keys));
    assert_eq!(parse_sort("lastName:DESC,lastName", keys), Ok(vec![desc(Key::Name)]), "the first wins");
    for (raw, message) in [
        ("nope", "'nope' is not a sort key."),
        ("lastName:up", "'up' is not a direction (asc or desc)."),
        ("lastName,", "A sort key is empty."),
    ] {
        assert_eq!(
            parse_sort(raw, keys),
            Err(QueryError { member: "$sort".into(), message: message.into() })
        );
    }
}

#[test]
fn counts_and_booleans() {
    assert_eq!(parse_count("$skip", "10"), Ok(10));
    assert_eq!(parse_count("$take", "0"), Ok(0));
    assert!(parse_count("$take", "-1").is_err());
    assert!(parse_count("$skip", "1.5").is_err());
    assert_eq!(parse_bool("$count", "True"), Ok(true));
    assert_eq!(parse_bool("IsExpired", "nope").unwrap_err().member, "IsExpired");
}
