use crate::ndata::{self, Condition, Kind, QueryError, SortKey};

/// The default and largest page (Portos sets no default; a till's network deserves one).
pub const DEFAULT_TAKE: i64 = 100;
pub const MAX_TAKE: i64 = 1000;

/// The filters `GET /customers` knows, with NData syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Any of the customer's cards (serials compared normalised).
    CardSerialNumber,
    ExternalId,
    CreditRate,
    DiscountRate,
    IsActive,
    ExpirationTime,
}

const FILTERS: &[(&str, Filter, Kind)] = &[
    ("cardserialnumber", Filter::CardSerialNumber, Kind::Text { nullable: true }),
    ("externalid", Filter::ExternalId, Kind::Text { nullable: true }),
    ("creditrate", Filter::CreditRate, Kind::Decimal),
    ("discountrate", Filter::DiscountRate, Kind::Decimal),
    ("isactive", Filter::IsActive, Kind::Bool),
    ("expirationtime", Filter::ExpirationTime, Kind::Time { nullable: true }),
];

/// The properties `$sort` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Id,
    ExternalId,
    FirstName,
    LastName,
    FullName,
    Email,
    Phone,
    IsActive,
    ActivationTime,
    ExpirationTime,
    BirthDate,
    CreditRate,
    DiscountRate,
    Version,
}

fn sort_key(name: &str) -> Option<SortBy> {
    Some(match name {
        "id" => SortBy::Id,
        "externalid" => SortBy::ExternalId,
        "firstname" => SortBy::FirstName,
        "lastname" => SortBy::LastName,
        "fullname" => SortBy::FullName,
        "email" => SortBy::Email,
        "phone" => SortBy::Phone,
        "isactive" => SortBy::IsActive,
        "activationtime" => SortBy::ActivationTime,
        "expirationtime" => SortBy::ExpirationTime,
        "birthdate" => SortBy::BirthDate,
        "creditrate" => SortBy::CreditRate,
        "discountrate" => SortBy::DiscountRate,
        "_v" => SortBy::Version,
        _ => return None,
    })
}

/// A parsed `GET /customers` query.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerQuery {
    pub filters: Vec<(Filter, Vec<Condition>)>,
    pub is_expired: Option<bool>,
    pub search: Option<String>,
    pub sort: Vec<SortKey<SortBy>>,
    pub skip: i64,
    pub take: i64,
    pub count_only: bool,
}

/// Reads the query string's pairs. Filter names are matched in any case; names the list does not
/// know are ignored (as Portos's binding does), except `$…` parameters, which are refused.
pub fn parse_query(pairs: &[(String, String)]) -> Result<CustomerQuery, QueryError> {
    let mut query = CustomerQuery {
        filters: Vec::new(),
        is_expired: None,
        search: None,
        sort: Vec::new(),
        skip: 0,
        take: DEFAULT_TAKE,
        count_only: false,
    };
    for (name, filter, kind) in FILTERS {
        let occurrences: Vec<&str> =
            pairs.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect();
        if !occurrences.is_empty() {
            let member =
                pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or(*name, |(k, _)| k.as_str());
            query.filters.push((*filter, ndata::parse_filter(member, *kind, &occurrences)?));
        }
    }
    for (key, value) in pairs {
        match key.to_ascii_lowercase().as_str() {
            "isexpired" => query.is_expired = Some(ndata::parse_bool(key, value)?),
            "search" => query.search = Some(value.trim().to_string()).filter(|s| !s.is_empty()),
            "$sort" => query.sort = ndata::parse_sort(value, sort_key)?,
            "$skip" => query.skip = ndata::parse_count("$skip", value)?,
            "$take" => {
                let take = ndata::parse_count("$take", value)?;
                if take > MAX_TAKE {
                    return Err(QueryError {
                        member: "$take".into(),
                        message: format!("Take at most {MAX_TAKE} customers per page."),
                    });
                }
                query.take = take;
            }
            "$count" => query.count_only = ndata::parse_bool("$count", value)?,
            other if other.starts_with('$') => {
                return Err(QueryError {
                    member: key.clone(),
                    message: format!("'{key}' is not a query option."),
                });
            }
            _ => {}
        }
    }
    Ok(query)
}
